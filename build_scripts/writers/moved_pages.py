"""Pages for addresses whose article is no longer published there (see catalogue/ledger.py).

A moved address gets a page that sends the reader on to the article that now holds its text
(a `<meta http-equiv="refresh">` and a link, which work on any web server, on GitHub Pages
and from `file://` in the offline bundle alike); a withdrawn one gets a page that says so and
links to the day's issue. Neither is a 404, neither is in the search index or the sitemap,
and both tell crawlers to follow the new address (`overrides/moved.html`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from build_scripts.catalogue.ledger import MOVED, WITHDRAWN, Entry
from build_scripts.catalogue.name_ledger import NameLedger
from build_scripts.catalogue.place import PlacedArticle
from build_scripts.contract.anchors import heading_anchors
from build_scripts.contract.labels import chinese_date, page_label
from build_scripts.contract.record import dump_front_matter
from build_scripts.contract.urls import (
    ARCHIVE_INDEX,
    REPORTERS,
    REPORTERS_INDEX,
    TAGS,
    TAGS_INDEX,
    article_path,
    entry_path,
    entry_year_path,
    issue_path,
)
from build_scripts.writers import mdtext
from build_scripts.writers.listing import link, title_of

MOVED_TEMPLATE = "moved.html"
# The front matter of a page left out of the search index: every page that stands for an
# address moved or gone, and lists of headlines (a tag's pages, a letter's that lists no one).
OUT_OF_SEARCH = {"search": {"exclude": True}}


def is_moved_page(meta: Mapping[str, Any]) -> bool:
    """A page that stands for an address whose article moved or was withdrawn."""
    return meta.get("template") == MOVED_TEMPLATE


# How far below the first line of an article that became a section of another (a merge: its
# headline now a sub-head) that sub-head may start: a headline in two pieces, a blank line between.
_HEADLINE_LINES = 3


def section_anchor(entry: Entry, successor: PlacedArticle) -> str:
    """The anchor of the sub-head of `successor` that the moved article's headline became, so
    that its address leads the reader to where its text is now, not to the top of the article
    it joined; "" where there is none (the two on other days or 版, or its headline now text)."""
    into = successor.entry
    if into.date != entry.date or into.page != entry.page or not into.sections or into.contents:
        return ""  # (a contents box's page lists its stories: its sub-heads are no headings there)
    anchors = heading_anchors([heading for _, heading in into.sections])
    last = min(entry.last_line, entry.first_line + _HEADLINE_LINES)
    return next(
        (a for (line, _), a in zip(into.sections, anchors, strict=True) if entry.first_line <= line <= last), ""
    )


def moved_pages(ledger: dict[str, Entry], placed: list[PlacedArticle]) -> dict[str, str]:
    days = {p.date for p in placed}
    issues = {issue_path(day) for day in days}
    retired = [entry for entry in ledger.values() if entry.state in (MOVED, WITHDRAWN)]
    by_url = {p.url: p for p in placed} if retired else {}
    files = {}
    for entry in retired:
        here = article_path(entry.date, entry.slug)
        where = chinese_date(entry.date, weekday=False)
        if entry.page is not None:
            where += " " + page_label(entry.page, "")
        successor = by_url.get(entry.successor)
        if entry.state == MOVED and successor is not None:
            # (the refresh goes to the section; the link below, which MkDocs checks, to the page)
            anchor = section_anchor(entry, successor)
            target = successor.docs_path + (f"#{anchor}" if anchor else "")
            front = {
                "title": "本文已移至新网址",
                "template": MOVED_TEMPLATE,
                "moved_to": target,
                **OUT_OF_SEARCH,
            }
            body = (
                f"这篇文章（{where}）的网址已经更改，请访问新网址："
                f"[{mdtext.escape(title_of(successor))}]({link(here, successor.docs_path)})。\n"
            )
        else:
            issue = issue_path(entry.date)
            front = {"title": "本文已不在档案中", "template": MOVED_TEMPLATE, **OUT_OF_SEARCH}
            back = (
                f"[查看当天的报纸]({link(here, issue)})"
                if issue in issues
                else f"[浏览往期报纸]({link(here, ARCHIVE_INDEX)})"
            )
            body = f"这个网址原来的文章（{where}）已不在本档案中。{back}，或用页面顶部的搜索框查找。\n"
        files[here] = dump_front_matter(front) + "\n" + body
    # (the days as the addresses write them: a date for each line of the ledger cost a tenth of
    # a second at 100,000 articles, on every run)
    for folder in sorted({entry.url[:10] for entry in ledger.values()}):
        day = dt.date.fromisoformat(folder.replace("/", "-"))
        if day not in days:
            here = issue_path(day)  # every article of a published issue is gone: its address stays
            front = {"title": "本期已不在档案中", "template": MOVED_TEMPLATE, **OUT_OF_SEARCH}
            body = (
                f"{chinese_date(day, weekday=False)}的报纸已不在本档案中。"
                f"[浏览往期报纸]({link(here, ARCHIVE_INDEX)})，或用页面顶部的搜索框查找。\n"
            )
            files[here] = dump_front_matter(front) + "\n" + body
    return files


def gone_name_pages(names: NameLedger, listed: dict[str, list[str]]) -> dict[str, str]:
    """A page for every reporter's or tag's address published before whose name is no longer in
    the archive (`listed`: the slugs of each folder's pages now), and for each of its year
    pages, pointing to the index."""
    files = {}
    for folder, index in ((REPORTERS, REPORTERS_INDEX), (TAGS, TAGS_INDEX)):
        what, index_name = ("署名", "全部记者") if folder == REPORTERS else ("标签", "全部标签")
        for slug, name in names.gone(folder, listed.get(folder, [])):
            page = entry_path(folder, slug)
            years = sorted(names.years_of(folder, slug))
            for here in (page, *(entry_year_path(folder, slug, year) for year in years)):
                front: dict[str, Any] = {"title": "本页已不在档案中", "template": MOVED_TEMPLATE, **OUT_OF_SEARCH}
                if here == page:
                    front["former_name"] = name  # the publish plugin keeps their feed, empty, at its address
                body = (
                    f"本档案已没有{what}为“{mdtext.escape(name)}”的文章。"
                    f"[{index_name}]({link(here, index)})，或用页面顶部的搜索框查找。\n"
                )
                files[here] = dump_front_matter(front) + "\n" + body
    return files
