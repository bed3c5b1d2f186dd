"""Everything `overrides/article.html` shows besides the text, worked out from the page's
front matter: headline pieces, the print details, links, citations and metadata.

Links come from the front matter's `links` (docs-relative `.md` paths written by the
converter) and are resolved here to the URLs of the pages MkDocs built from those files; the
template passes every URL through MkDocs' `url` filter, which makes it relative to the page.
So links work under a sub-path `site_url`, with or without directory URLs (the offline
bundle), and a link to a page that does not exist is a build warning, not a dead link.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field

from markupsafe import Markup
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from build_scripts.contract.headline import headline_pieces
from build_scripts.contract.labels import (
    NO_TITLE,
    chinese_date,
    page_label,
    print_details,
    unbracketed,
)
from build_scripts.contract.record import ArticleRecord, is_article
from build_scripts.contract.urls import ARCHIVE_INDEX, csl_path, issue_date_of_url, public_url
from build_scripts.ingest.archive_config import PaperInfo
from build_scripts.ingest.paper_profile import PaperProfile
from build_scripts.plugins.archive.citation import (
    Work,
    chicago_bibliography,
    chicago_note,
    csl_json,
    gbt7714,
    ris,
)
from build_scripts.plugins.archive.metadata import json_ld, meta_tags, script_json
from build_scripts.plugins.archive.page_meta import meta_of

log = get_plugin_logger(__name__)


@dataclass(frozen=True)
class Target:
    """A link target: a site-relative URL (for the `url` filter) and an optional fragment."""

    url: str
    anchor: str = ""
    title: str = ""


@dataclass(frozen=True)
class TagLink:
    """A tag chip (Material's `md-tag` look) linking to the tag's generated page."""

    name: str
    url: str


CSL_TYPE = "application/vnd.citationstyles.csl+json"
RIS_TYPE = "application/x-research-info-systems"


@dataclass
class ArticleView:
    kickers: list[str]
    main_title: str
    window_title: str  # the page's <title> before the site's name (`window_title`)
    subtitles: list[str]
    date_label: str
    page_label: str | None
    byline: list[tuple[str, Target | None]]
    issue: Target | None
    page_section: Target | None
    year: Target | None
    archive: Target | None
    previous: Target | None
    next: Target | None
    # the issue before, on the issue's first article, and after, on its last (titled by its date)
    previous_issue: Target | None
    next_issue: Target | None
    tags: list[TagLink]
    citations: dict[str, str]
    csl: Target
    csl_name: str
    csl_text: str
    json_ld: Markup
    meta_tags: list[tuple[str, str, str]] = field(default_factory=list)
    # the other 版 of the issue that print the same article (titled by their 版 label)
    printed_also: list[Target] = field(default_factory=list)
    # In the offline bundle the download carries the file itself (a `data:` address): a page
    # opened from `file://` may not download another file, and the browser would only show it.
    csl_inline: str = ""
    ris_name: str = ""  # the RIS record's file name, and the record itself as a data: address
    ris_inline: str = ""


def _spelled(rest: str, name: str) -> int:
    """How many characters of `rest` spell `name`, with spaces allowed between its characters
    (papers space two-character names out: 赵 鹏); 0 if `rest` does not start with it."""
    at = 0
    for i, char in enumerate(name):
        while i and at < len(rest) and rest[at] in " \u3000":
            at += 1
        if at >= len(rest) or rest[at] != char:
            return 0
        at += 1
    return at


def byline_segments(byline: str, names: list[str]) -> list[tuple[str, str | None]]:
    """The byline as printed, cut into (text, name) pieces: a piece whose name is set is a
    reporter's name, to be linked to their page. Names are found in print order, also when
    printed with spaces between their characters — and then shown whole, as a list of
    articles shows them (`labels.byline_with_names`): `张 贺 耿 磊 丁雅诵` could be five
    people, `张贺 耿磊 丁雅诵` is three, and `常 钦` is `常钦` in every byline."""
    segments: list[tuple[str, str | None]] = []
    rest, plain = byline, ""
    longest_first = sorted(set(names), key=len, reverse=True)
    while rest:
        found = next(((n, length) for n in longest_first if n and (length := _spelled(rest, n))), None)
        if found:
            name, length = found
            if plain:
                segments.append((plain, None))
                plain = ""
            segments.append((name, name))
            rest = rest[length:]
        else:
            plain, rest = plain + rest[0], rest[1:]
    if plain:
        segments.append((plain, None))
    linked = {n for _, n in segments if n}
    for name in names:  # a name the byline does not spell out still gets its link
        if name not in linked:
            segments += [(" ", None), (name, name)]
            linked.add(name)
    return segments


class Resolver:
    """Docs-relative `.md` paths → URLs of the built pages."""

    def __init__(self, files: Files, page: Page):
        self.files = files
        self.page = page

    def __call__(self, path: str | None, title: str = "") -> Target | None:
        if not path:
            return None
        target, _, anchor = path.partition("#")
        file = self.files.get_file_from_path(target)
        if file is None:
            log.warning(
                f"{self.page.file.src_uri}: links to '{target}', which is not in the docs folder; "
                "run the converter again so that the generated pages match"
            )
            return None
        return Target(file.url, anchor, title)

    def printing(self, path: str | None) -> Target | None:
        """The same article on another 版: its page, titled by that 版 (`第4版 国际`)."""
        target = self(path)
        file = self.files.get_file_from_path(path) if path else None
        if target is None or file is None or not (meta := meta_of(file)):
            return None
        record = ArticleRecord.from_meta(meta)
        return Target(target.url, "", page_label(record.page, record.page_name))

    def issue(self, path: str | None) -> Target | None:
        """Another day's issue, titled by its date (`2026年5月12日`)."""
        day = issue_date_of_url(path.removesuffix("index.md")) if path else None
        return self(path, chinese_date(day, weekday=False)) if day else None

    def neighbour(self, path: str | None) -> Target | None:
        target = self(path)
        file = self.files.get_file_from_path(path) if path else None
        if target is None or file is None:
            return None
        meta = meta_of(file)
        if not is_article(meta):
            return Target(target.url, "", "")
        return Target(target.url, "", _as_printed(meta.get("main_title")) or _as_printed(meta.get("title")))


def _as_printed(value: object) -> str:
    """A front-matter text as printed (the title is HTML-escaped for the theme by then)."""
    if isinstance(value, Markup):
        return value.unescape()
    return str(value) if value else ""


def absolute_or_relative(page: Page, url: str, site_url: str) -> str:
    """An absolute URL when the site has a `site_url`, else one relative to the page."""
    if site_url:
        return site_url.rstrip("/") + "/" + url
    return get_relative_url(url, page.url) if url else "."


def window_title(main: str, title: str, printed: str, profile: PaperProfile | None) -> str:
    """What a tab or a bookmark shows: the main title, as a reader knows the article (the
    kicker before it would cut the headline off) — and, for a box the paper prints under the
    same title day after day (`图片报道`: 126 of 2,825 articles on 36 days of a national
    daily) or an article without a headline, the day and 版 after it, which tell them apart."""
    shown = main or NO_TITLE
    if title and not (profile is not None and profile.is_box_title(title)):
        return shown
    return f"{shown} · {printed}"


def article_view(
    page: Page,
    files: Files,
    *,
    site_name: str,
    site_url: str,
    paper: PaperInfo | None,
    profile: PaperProfile | None = None,
    offline: bool = False,
) -> ArticleView:
    record = ArticleRecord.from_meta(page.meta)
    links = record.links
    resolve = Resolver(files, page)
    kickers, main, subtitles = headline_pieces(list(record.title_parts))
    people = links.get("people") or {}
    byline = [
        (text, resolve(people.get(name)) if name else None)
        for text, name in byline_segments(unbracketed(record.byline), [*record.authors, *record.correspondents])
    ]
    issue = resolve(links.get("issue"))
    label = page_label(record.page, record.page_name) if record.page is not None or record.page_name else None
    section = Target(issue.url, links.get("page_anchor", "")) if issue and label else None

    # its public address (in the offline bundle too: plugins/offline_bundle), else a relative one
    url = page.canonical_url or absolute_or_relative(page, page.url, site_url)
    work = Work.from_record(
        record,
        url=url if site_url else "",
        language=paper.language if paper else "zh-Hans",
        paper_en=paper.title_en if paper and paper.title == record.paper else "",
    )
    tag_paths = links.get("tags") or {}
    tags = []
    for tag in record.tags:
        target = resolve(tag_paths.get(tag))
        tags.append(TagLink(tag, target.url if target else ""))
    issue_label = f"{record.paper} {chinese_date(record.date)}".strip()
    data = json_ld(
        record,
        url=url,
        # the issue's public address (in the offline bundle its file name is no address to cite)
        issue_url=site_url.rstrip("/") + "/" + public_url(str(links["issue"]))
        if site_url and issue
        else absolute_or_relative(page, issue.url if issue else "", site_url),
        issue_label=issue_label,
        paper=paper,
    )
    csl_text = json.dumps(csl_json(work), ensure_ascii=False, indent=2) + "\n"
    return ArticleView(
        kickers=kickers,
        main_title=main,
        window_title=window_title(
            # (the headline as printed, from its pieces: the page's title says （无标题） where there is none)
            main,
            " ".join(record.title_parts),
            print_details(record.date, record.page, record.page_name),
            profile,
        ),
        subtitles=subtitles,
        date_label=chinese_date(record.date),
        page_label=label,
        byline=byline,
        issue=issue,
        page_section=section,
        year=resolve(links.get("year")),
        archive=resolve(ARCHIVE_INDEX),
        previous=resolve.neighbour(links.get("previous")),
        next=resolve.neighbour(links.get("next")),
        previous_issue=resolve.issue(links.get("previous_issue")),
        next_issue=resolve.issue(links.get("next_issue")),
        printed_also=[
            target
            for path in [links.get("first_printing"), *(links.get("printed_again") or [])]
            if path and (target := resolve.printing(path)) is not None
        ],
        tags=tags,
        citations={
            "GB/T 7714-2015": gbt7714(work),
            "Chicago（注释）": chicago_note(work),
            "Chicago（参考文献）": chicago_bibliography(work),
        },
        csl=Target(csl_path(page.file.src_uri)),
        csl_name=f"{record.id or page.file.name}.json",
        csl_text=csl_text,
        csl_inline=f"data:{CSL_TYPE};base64,{base64.b64encode(csl_text.encode()).decode()}" if offline else "",
        # (in the page, hosted too: a few hundred bytes, not a file beside every article)
        ris_name=f"{record.id or page.file.name}.ris",
        # (with a byte-order mark: EndNote reads a file without one in the system's code page)
        ris_inline=f"data:{RIS_TYPE};charset=utf-8;base64,{base64.b64encode(ris(work).encode('utf-8-sig')).decode()}",
        json_ld=script_json(data),
        meta_tags=meta_tags(record, work, site_name=site_name, url=url if site_url else "", paper=paper),
    )
