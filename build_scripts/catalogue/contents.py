"""A contents box (导读): the front page's list of the stories inside, each a headline or two
and the 版 it is printed on (`理论·经济形势理性看` / `科学把握中国经济发展大势` / `第九版`).

Where the box is parsed, its text is read into items (`items_of`); the main process, which
knows the whole issue, finds the article each item names on that 版 (`targets_of`), and the
box's page lists the items with links to them (`writers/article_pages.py`). Every line of the
box stays on its page, linked or not.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import NamedTuple

from build_scripts.contract.headline import COLUMN_TAG
from build_scripts.contract.numerals import han_number
from build_scripts.contract.urls import page_anchor
from build_scripts.parse.model import Article, Kind

# A 版 as a contents box names it: 第九版, 第十七版, 第5版
_PAGE_REFERENCE_RE = re.compile(r"^第\s*([0-9０-９〇零一二两三四五六七八九十]{1,3})\s*版$")
# How much of a headline a line must be to name its article (a kicker such as 理论 is not)
_NAMING_LINE_MIN = 4
# …or how long a run of it the headline must print, where the box words the story its own way
_SHARED_RUN_MIN = 8


class ContentsItem(NamedTuple):
    lines: tuple[str, ...]  # the lines that name a story, as printed
    reference: str  # where it is, as printed (`第九版`); "" for lines after the last one
    page: int | None  # that 版's number


class Target(NamedTuple):
    line: int  # which of the item's lines names the article (-1: none)
    article: str | None  # the article's docs path
    page: str | None  # the issue page's anchor of the 版 (`index.md#page-9` from the issue)


def page_number(reference: str) -> int | None:
    """The 版 a line names (`第十七版` → 17), or None when the line names none."""
    m = _PAGE_REFERENCE_RE.match(reference.strip())
    if not m:
        return None
    return han_number(m.group(1))


def items_of(article: Article) -> tuple[ContentsItem, ...]:
    """The items of a contents box's text, or () when its text names no 版 or holds more
    than lines of text (a dateline, a caption: then it is shown as it is)."""
    body = [s for s in article.segments if s.kind not in (Kind.HEADLINE, Kind.BYLINE)]
    if not body or any(s.kind not in (Kind.PARAGRAPH, Kind.SUBHEAD) for s in body):
        return ()
    items: list[ContentsItem] = []
    lines: list[str] = []
    for segment in body:
        page = page_number(segment.text)
        if page is None:
            lines.append(segment.text)
            continue
        items.append(ContentsItem(tuple(lines), segment.text, page))
        lines = []
    if not items:
        return ()
    if lines:
        items.append(ContentsItem(tuple(lines), "", None))
    return tuple(items)


def _plain(text: str) -> str:
    return "".join(text.split())


def _shared(line: str, headline: str) -> int:
    """How much of a box's line the headline prints: the line whole, or a run of at least
    eight characters of it (a box words a story its own way: `我国对53个非洲建交国全面实施零关税
    举措` for `中国对五十三个非洲建交国全面实施零关税举措——…`); 0 when less."""
    if len(line) >= _NAMING_LINE_MIN and line in headline:
        return len(line)
    run = SequenceMatcher(None, line, headline, autojunk=False).find_longest_match().size
    return run if run >= _SHARED_RUN_MIN else 0


def targets_of(
    items: Sequence[ContentsItem], issue: str, pages: dict[int, list[tuple[str, str, str]]]
) -> tuple[Target, ...]:
    """Where each item leads: the article on its 版 whose headline prints the most of the
    item's lines (the first such, in page order), through the line its main title prints (or
    the one it prints most of); and that 版 on the issue page. `pages`: each 版 of the issue →
    its articles as (docs path, headline as printed, main title)."""
    targets = []
    for item in items:
        candidates = pages.get(item.page, []) if item.page is not None else []
        lines = [_plain(line) for line in item.lines]
        best: tuple[int, int, str | None] = (0, -1, None)  # (characters printed, line, article)
        for path, title, main_title in candidates:
            headline = _plain(title)
            shared = [_shared(line, headline) for line in lines]
            if sum(shared) > best[0]:
                # the line the main title prints without the column it runs in (`（经济聚焦·…）`),
                # or with a bracket of its own (`…法（全文）`)
                whole = _plain(main_title)
                main = _plain(COLUMN_TAG.sub("", main_title.rstrip()))
                line = max(
                    range(len(lines)),
                    key=lambda i: (
                        shared[i] > 0 and lines[i] in main,
                        shared[i] > 0 and lines[i] in whole,
                        shared[i],
                        -i,
                    ),
                )
                best = (sum(shared), line, path)
        anchor = f"{issue}#{page_anchor(item.page)}" if candidates else None
        targets.append(Target(best[1], best[2], anchor))
    return tuple(targets)
