"""Check that every internal link of a built site resolves to a file in it.

Reads the files of `site/` as a web server would serve them at `base_url`
(e.g. `https://user.github.io/repo/`): every `href`/`src`/`srcset` in every HTML file, the
`#fragment` of every link into an HTML page, every `url(…)` in CSS, every `<loc>` of a
sitemap and every `<link href>` of an Atom feed. A link is broken when its file is missing,
when its fragment names no element of the target page, or when it leaves the site's folder
on its own host (`/other/…` from a site under `/repo/`). `404.html` is served for any missing
address at any depth, so it may use only absolute links. Links to other hosts are not
fetched (no network); they are counted.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit
from xml.etree import ElementTree as ET

from build_scripts.contract.site_url import base_path

ERROR_PAGE = "404.html"
# Attributes that load or link to another address, by tag (`*`: any tag).
_LINK_ATTRIBUTES = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "script": ("src",),
    "iframe": ("src",),
    "audio": ("src",),
    "video": ("src", "poster"),
    "track": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "form": ("action",),
}
# Open Graph and Twitter properties that hold addresses.
_META_URL_PROPERTIES = {"og:url", "og:image", "og:image:url", "og:audio", "og:video", "twitter:image"}
_CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)""")
_NOT_CHECKED_SCHEMES = {"mailto", "tel", "data", "blob", "about"}
_FEED_NS = "{http://www.w3.org/2005/Atom}"
_SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@dataclass(frozen=True)
class Broken:
    file: str  # relative to the site folder
    line: int | None
    link: str
    why: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.link} — {self.why}"


@dataclass
class LinkReport:
    broken: list[Broken] = field(default_factory=list)
    checked: int = 0  # internal links followed
    external: int = 0  # links to other hosts (not fetched)
    files: int = 0  # files read


@dataclass(frozen=True)
class _Link:
    url: str
    line: int | None


class _HTMLLinks(HTMLParser):
    """Collects the links of one HTML page and the ids its fragments may point at."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[_Link] = []
        self.anchors: set[str] = set()
        self.base_href: str | None = None
        self.canonical: str | None = None

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        line = self.getpos()[0]
        for key in ("id",) + (("name",) if tag == "a" else ()):
            if values.get(key):
                self.anchors.add(values[key])
        if tag == "base" and values.get("href"):
            self.base_href = values["href"]
        if tag == "link" and (values.get("rel") or "").lower() == "canonical" and values.get("href"):
            self.canonical = values["href"]
        for attr in _LINK_ATTRIBUTES.get(tag, ()):
            value = values.get(attr)
            if value is None:
                continue
            if attr == "srcset":
                for candidate in value.split(","):
                    if candidate.strip():
                        self.links.append(_Link(candidate.split()[0], line))
            else:
                self.links.append(_Link(value.strip(), line))
        if tag == "meta" and (values.get("property") or values.get("name")) in _META_URL_PROPERTIES:
            if values.get("content"):
                self.links.append(_Link(values["content"].strip(), line))

    handle_startendtag = handle_starttag


def _html_links(text: str) -> _HTMLLinks:
    parser = _HTMLLinks()
    parser.feed(text)
    parser.close()
    return parser


def _css_links(text: str) -> list[_Link]:
    links = []
    for match in _CSS_URL.finditer(text):
        url = next(g for g in match.groups() if g is not None)
        if url:
            links.append(_Link(url, text.count("\n", 0, match.start()) + 1))
    return links


def _xml_links(text: str) -> list[_Link]:
    root = ET.fromstring(text.encode("utf-8"))
    links = [_Link(el.text.strip(), None) for el in root.iter(f"{_SITEMAP_NS}loc") if el.text]
    links += [_Link(el.get("href", ""), None) for el in root.iter(f"{_FEED_NS}link")]
    return links


def _robots_links(text: str) -> list[_Link]:
    return [
        _Link(line.split(":", 1)[1].strip(), n)
        for n, line in enumerate(text.splitlines(), start=1)
        if line.lower().startswith("sitemap:")
    ]


def _served_path(rel: str, base_path: str) -> str:
    """The address path a file of the site is served at (`2022/index.html` → `/repo/2022/index.html`)."""
    return base_path + rel


def _target_file(site: Path, rel_path: str) -> Path | None:
    """The file a server returns for `rel_path` (relative to the site folder), as static
    hosts do: a folder means its index.html; `a/b` for a folder `a/b` is redirected there."""
    candidate = site / rel_path if rel_path else site
    if rel_path == "" or rel_path.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


class _Checker:
    def __init__(self, site: Path, base_url: str, offline: bool = False):
        self.site = site
        parts = urlsplit(base_url) if base_url and not offline else None
        self.origin = (parts.scheme, parts.netloc) if parts else None
        self.base_path = base_path(base_url) if not offline else "/"
        self.offline = offline  # opened from its folder (file://), not served
        self.report = LinkReport()
        self._anchors: dict[Path, set[str]] = {}

    def anchors_of(self, page: Path) -> set[str]:
        if page not in self._anchors:
            self._anchors[page] = _html_links(page.read_text(encoding="utf-8", errors="replace")).anchors
        return self._anchors[page]

    def check(self, rel: str, link: _Link, document_url_path: str, base_href: str | None = None) -> None:
        url = link.url
        if not url:
            return
        parts = urlsplit(url)
        if parts.scheme.lower() == "javascript":
            self._broken(rel, link, "a javascript: address (never allowed in an archive page)")
            return
        if parts.scheme.lower() in _NOT_CHECKED_SCHEMES:
            return
        if parts.scheme or parts.netloc:
            if (parts.scheme or (self.origin or ("",))[0], parts.netloc) != self.origin:
                self.report.external += 1
                return
        elif self.offline and parts.path.startswith("/"):
            self._broken(rel, link, "starts with /: opened from a folder (file://), it leads to the disk's root")
            return
        elif rel == ERROR_PAGE and not parts.path.startswith("/") and parts.path:
            self._broken(
                rel, link, "404.html is served at any missing address, so its links must be absolute (start with /)"
            )
            return
        # Resolve as a browser would, from the page's own address.
        absolute_path = urlsplit(urljoin(base_href or document_url_path, url)).path
        path = posixpath.normpath(unquote(absolute_path)) + ("/" if absolute_path.endswith("/") else "")
        path = path.replace("//", "/")
        if not (path + ("" if path.endswith("/") else "/")).startswith(self.base_path):
            self._broken(rel, link, f"leaves the site's folder {self.base_path}")
            return
        self.report.checked += 1
        rel_path = path[len(self.base_path) :]
        if self.offline and (rel_path == "" or rel_path.endswith("/") or (self.site / rel_path).is_dir()):
            # no server turns a folder into its index.html: file:// lists the folder
            self._broken(rel, link, "a folder: opened from file://, it shows the folder's listing, not its index.html")
            return
        target = _target_file(self.site, rel_path)
        if target is None:
            self._broken(rel, link, "no such file in the site")
            return
        if parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in self.anchors_of(target):
            self._broken(
                rel,
                link,
                f"no element with id {unquote(parts.fragment)!r} in {target.relative_to(self.site).as_posix()}",
            )

    def _broken(self, rel: str, link: _Link, why: str) -> None:
        self.report.broken.append(Broken(rel, link.line, link.url, why))

    def check_file(self, path: Path) -> None:
        rel = path.relative_to(self.site).as_posix()
        document = _served_path(rel, self.base_path)
        suffix = path.suffix.lower()
        if suffix not in (".html", ".css", ".xml") and rel != "robots.txt":
            return
        text = path.read_text(encoding="utf-8", errors="replace")
        self.report.files += 1
        if suffix == ".html":
            parsed = _html_links(text)
            self._anchors[path] = parsed.anchors
            for link in parsed.links:
                self.check(rel, link, document, parsed.base_href and urljoin(document, parsed.base_href))
        elif suffix == ".css":
            for link in _css_links(text):
                self.check(rel, link, document)
        elif suffix == ".xml":
            try:
                links = _xml_links(text)
            except ET.ParseError as exc:
                self.report.broken.append(Broken(rel, None, "", f"not well-formed XML ({exc})"))
                return
            for link in links:
                self.check(rel, link, document)
        else:
            for link in _robots_links(text):
                self.check(rel, link, document)


def is_offline_copy(site: Path) -> bool:
    """Is the folder the offline bundle, unzipped? It leaves out the 404 page, which only a
    web server uses (`ship/bundle.py`); MkDocs writes one into every served build."""
    return (site / "index.html").is_file() and not (site / ERROR_PAGE).is_file()


def published_address(site: Path) -> str:
    """The address a built site says it is published at: the canonical link of its home page
    (MkDocs writes one when site_url is set); empty when it has none."""
    home = site / "index.html"
    if not home.is_file():
        return ""
    return _html_links(home.read_text(encoding="utf-8", errors="replace")).canonical or ""


def check_site(site: Path, base_url: str = "", offline: bool = False) -> LinkReport:
    """Check every internal link of the site folder `site`, served at `base_url`
    (its public address; empty: served at the root of some host) — or, `offline`, opened
    from the folder itself (file://), as the offline bundle is: a link starting with `/` or
    naming a folder leads nowhere there, and the published site its pages cite (canonical,
    citation) is another site."""
    checker = _Checker(site, base_url, offline)
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        checker.check_file(path)
    return checker.report
