"""Nothing in a source file can run: titles, bylines, page names and bodies full of HTML,
Markdown, YAML and Jinja are built into a real site (`mkdocs build --strict`), and every
built file is checked — HTML, the search index, JSON and XML — against a site built from the
harmless sample: no script, event handler or `javascript:` URL came from the source text, and
every hostile line shows on the page as the literal text it is.

The checks are general on purpose (every <script> must be one the theme ships or a JSON
block that parses), so they keep protecting pages, feeds and metadata added later.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import build_site, make_archive, run_cli, screenshot, serve
from inputs import FIXTURES

from build_scripts.contract.headline import main_title_of

HOSTILE = sorted((FIXTURES / "hostile").glob("*.txt"))
URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "poster",
    "xlink:href",
    "srcset",
    "background",
    "cite",
    "longdesc",
    "manifest",
    "ping",
}
# Elements that load or run something, or change where links go: the hostile site may only
# have those the theme itself has in the harmless site.
ACTIVE_TAGS = {
    "script",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "base",
    "form",
    "input",
    "button",
    "img",
    "svg",
    "math",
    "style",
    "link",
    "meta",
    "video",
    "audio",
    "source",
    "template",
}
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:text/html")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
EXECUTABLE_SCRIPT_TYPES = {None, "", "text/javascript", "module", "application/javascript"}


class Page(HTMLParser):
    """What matters about one HTML document (or fragment) for safety, and its visible text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.handlers: list[tuple[str, str, str]] = []  # (tag, on… attribute, value)
        self.dangerous_urls: list[tuple[str, str, str]] = []
        self.scripts: list[tuple[dict, str]] = []  # (attributes, body)
        self.title = ""
        self.article_text: list[str] = []
        self._script: dict | None = None
        self._in_title = False
        self._article_depth = 0

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        attributes = {name: value or "" for name, value in attrs}
        for name, value in attributes.items():
            if name.startswith("on"):
                self.handlers.append((tag, name, value))
            squeezed = re.sub(r"[\s\x00-\x1f]+", "", value).lower()
            if _is_url(tag, name, attributes) and any(scheme in squeezed for scheme in DANGEROUS_SCHEMES):
                self.dangerous_urls.append((tag, name, value))
        if tag == "script":
            self._script = attributes
            self.scripts.append((attributes, ""))
        elif tag == "title":
            self._in_title = True
        if tag not in VOID and (tag == "article" or self._article_depth):
            self._article_depth += 1

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None
        elif tag == "title":
            self._in_title = False
        if tag not in VOID and self._article_depth:
            self._article_depth -= 1

    def handle_data(self, data):
        if self._script is not None:
            attributes, body = self.scripts[-1]
            self.scripts[-1] = (attributes, body + data)
        elif self._in_title:
            self.title += data
        elif self._article_depth:
            self.article_text.append(data)


def _is_url(tag: str, name: str, attributes: dict) -> bool:
    """Does this attribute hold a URL a browser follows? A <meta> content does only for a
    refresh or a URL-valued property; elsewhere it is text (a description may quote anything)."""
    if tag == "meta" and name == "content":
        kind = (attributes.get("http-equiv") or attributes.get("property") or attributes.get("name") or "").lower()
        return kind == "refresh" or kind.endswith((":url", ":image", "image"))
    return name in URL_ATTRIBUTES


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def squeeze(text: str) -> str:
    return " ".join(text.split())


def _path_free(script: str) -> str:
    """An inline theme script with its relative paths taken out (they differ by page depth)."""
    return re.sub(r'"(?:\.\./)*\.\.?"|(?:\.\./)+', "…", script)


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory) -> Path:
    files = {f"2022/{path.name}": path.read_bytes() for path in HOSTILE}
    project = make_archive(tmp_path_factory.mktemp("hostile"), files, with_sample=False)
    converted = run_cli("convert", "--source", str(project / "source_texts"), "--docs", str(project / "docs"))
    assert converted.returncode == 0, converted.stderr
    built = build_site(project)
    assert built.returncode == 0, built.stderr
    return project


@pytest.fixture(scope="session")
def reference(sample_site) -> dict:
    """What the theme itself puts in pages, from the site built from the harmless sample."""
    tags, handlers, inline = set(), set(), set()
    for path in (sample_site / "site").rglob("*.html"):
        page = parse(path.read_text(encoding="utf-8"))
        tags |= page.tags
        handlers |= set(page.handlers)
        inline |= {_path_free(body) for attrs, body in page.scripts if "src" not in attrs}
    return {"tags": tags, "handlers": handlers, "inline": inline}


def _html_files(site: Path) -> list[Path]:
    return sorted((site / "site").rglob("*.html"))


def _records(site: Path) -> list[dict]:
    return [json.loads(line) for line in (site / "site/data/articles.jsonl").read_text(encoding="utf-8").splitlines()]


def test_the_hostile_files_became_articles(hostile_site):
    titles = [r["title"] for r in _records(hostile_site)]
    assert "<script>alert(1)</script> {{ config.site_name }} {% raw %}" in titles
    assert "key: value --- &anchor *alias" in titles
    assert "}}{{ 7*7 }}{% if true %}真{% endif %} <b>粗体</b> ${alert(29)}" in titles


def test_no_script_handler_or_javascript_url_came_from_the_source(hostile_site, reference):
    # An article's JSON-LD, if there is one, must carry its title (or a piece of it) literally.
    titles = {r["url"]: [r["title"], *r["title_parts"]] for r in _records(hostile_site) if r["title"]}
    for path in _html_files(hostile_site):
        page = parse(path.read_text(encoding="utf-8"))
        where = path.relative_to(hostile_site)
        assert set(page.handlers) <= reference["handlers"], (where, page.handlers)
        assert page.dangerous_urls == [], (where, page.dangerous_urls)
        assert page.tags & ACTIVE_TAGS <= reference["tags"], (where, page.tags & ACTIVE_TAGS - reference["tags"])
        for attributes, body in page.scripts:
            kind = attributes.get("type")
            if "src" in attributes:
                src = attributes["src"]
                assert not re.match(r"^[a-z][a-z0-9+.-]*:|^//", src, re.I), (where, src)  # local files only
                base = hostile_site / "site" if src.startswith("/") else path.parent
                assert (base / src.split("?")[0].lstrip("/")).resolve().is_file(), (where, src)
            elif kind in EXECUTABLE_SCRIPT_TYPES:
                assert _path_free(body) in reference["inline"], (where, body[:200])
            elif kind in ("application/json", "application/ld+json"):
                data = json.loads(body)  # a block the source text broke out of would not parse
                article = titles.get(where.parent.relative_to("site").as_posix() + "/")
                if kind == "application/ld+json" and article:
                    assert _strings(data) & set(article), (where, "JSON-LD without the literal title")
            else:
                pytest.fail(f"{where}: unexpected <script type={kind!r}>")


def _strings(data) -> set[str]:
    if isinstance(data, str):
        return {data}
    if isinstance(data, dict):
        return set().union(*map(_strings, data.values())) if data else set()
    if isinstance(data, list):
        return set().union(*map(_strings, data)) if data else set()
    return set()


def test_every_hostile_line_shows_as_literal_text(hostile_site):
    """Every line of the source text (and each header value) is on an article page as the
    characters it is: nothing became markup, nothing was swallowed."""
    shown = "\n".join(
        squeeze(" ".join(parse(p.read_text(encoding="utf-8")).article_text))
        for p in _html_files(hostile_site)
        if "/2022/" in p.as_posix()
    )
    for source in HOSTILE:
        text = source.read_text(encoding="utf-8")
        header, body = text.split("---\n", 2)[1:] if text.startswith("---") else ("", text)
        for line in body.splitlines():
            if line.strip():
                assert squeeze(line) in shown, f"{source.name}: {line!r} is not on the page as text"
        for value in yaml.safe_load(header or "{}").values():
            if isinstance(value, str) and not value.startswith("20"):
                assert squeeze(value) in shown, value


def test_titles_are_literal_in_the_window_title_and_front_matter(hostile_site):
    for record in _records(hostile_site):
        page = hostile_site / "site" / record["url"] / "index.html"
        title = parse(page.read_text(encoding="utf-8")).title
        main = main_title_of(record["title_parts"])
        assert title.startswith(main or "（无标题）"), (title, record["title"])
        markdown = (hostile_site / "docs" / (record["url"].rstrip("/") + ".md")).read_text(encoding="utf-8")
        front_matter = yaml.safe_load(markdown.split("---\n", 2)[1])
        assert front_matter["title"] == record["title"]
        assert front_matter["page_name"] == record["page_name"]


def test_search_index_holds_data_not_code(hostile_site):
    """Every file of the search index is one call with a JSON string name and JSON data (the
    hostile titles inside as text); search-ui.js shows them with textContent only."""
    files = sorted((hostile_site / "site/assets/search").rglob("*.js"))
    call = re.compile(r'^ArchiveSearch\.loaded\(("[^"\\]*"),(.*)\);\n$', re.S)
    titles = []
    for path in files:
        match = call.match(path.read_text(encoding="utf-8"))
        assert match, path
        json.loads(match.group(1))
        data = json.loads(match.group(2))
        if isinstance(data, dict) and "t" in data:
            titles.append(data["t"])
    assert any("alert(1)" in title for title in titles), "the hostile titles are indexed as they are"


def test_every_data_file_parses(hostile_site):
    site = hostile_site / "site"
    for path in site.rglob("*"):
        if path.suffix == ".json":
            json.loads(path.read_text(encoding="utf-8"))
        elif path.suffix == ".jsonl":
            for line in path.read_text(encoding="utf-8").splitlines():
                json.loads(line)
        elif path.suffix == ".xml" or path.name.endswith((".rss", ".atom")):
            ET.parse(path)  # a title with & or < breaks a feed written without escaping


def test_no_script_runs_in_a_browser(hostile_site, page):
    """In Chromium: open every article and issue page of the hostile site and search it; no
    dialog opens and nothing of the source became an element."""
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    # not the month's and the year's addresses (2022/, 2022/03/), which send the reader on to
    # the calendar (a refresh of their own, and no text of the source)
    pages = [
        p
        for p in _html_files(hostile_site)
        if "/2022/" in p.as_posix() and len(p.relative_to(hostile_site / "site").parts) > 3
    ]
    with serve(hostile_site / "site") as base:
        for path in pages:
            url = base + path.relative_to(hostile_site / "site").parent.as_posix() + "/"
            page.goto(url)
            page.wait_for_load_state("load")
            page.mouse.move(300, 300)
            injected = page.evaluate("""() => document.querySelectorAll(
                'img[src="x"], iframe, object, svg[onload], base, meta[http-equiv], form[action], '
                + '[onerror], [onload], [onmouseover], [onfocus], a[href^="javascript:" i], article style, article button:not([class^="md-"])'
                ).length""")
            assert injected == 0, url
        article = next(p for p in pages if "/03/01/" in p.as_posix() and p.parent.name != "01")
        page.goto(base + article.relative_to(hostile_site / "site").parent.as_posix() + "/")
        screenshot(page, "hostile-article")
        page.keyboard.press("s")  # Material's search shortcut
        page.type("input.md-search__input", "onerror", delay=30)
        page.wait_for_selector(".md-search-result__item", timeout=20000)
        page.wait_for_timeout(500)
        screenshot(page, "hostile-search")
        results = page.evaluate("() => document.querySelector('.md-search-result').textContent")
        assert "src=x onerror=alert(" in results  # shown as text …
        assert (
            page.evaluate(
                "() => document.querySelectorAll('.md-search-result img, .md-search-result svg[onload]').length"
            )
            == 0
        )
    assert dialogs == []
