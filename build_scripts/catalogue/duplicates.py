"""A 版 an issue delivers twice: the same notice page under two numbers, or a page saved over
another. A reader should find it once, so a page whose every article another 版 of the same
issue printed first is left out (the first, in 版 order, is published) and reported with both
files, so the archivist can check that it really is a repeat and not the wrong page.

A single article that also stands on another 版 among other articles is kept on both: the
paper printed it there (an e-edition lists an article continued from page 1 on page 2 as
well), and that 版's table of contents must list it.

Two articles are the same when every non-space character they were cut from is the same (the
ledger's text fingerprint); very short ones (a one-line 本报讯 item) are never counted as
repeats, since two different items may read alike.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from build_scripts.catalogue.ledger import fingerprint
from build_scripts.ingest.source import SourcePage
from build_scripts.parse.model import PageParse

MIN_CHARACTERS = 20  # below this, two articles that read alike are not taken for one


@dataclass(frozen=True)
class Repeat:
    """A 版 (`page`) whose articles `first` printed already (`line`: where the first starts)."""

    page: str
    first: str
    line: int


def without_repeats(
    parsed: list[tuple[SourcePage, PageParse]],
) -> tuple[list[tuple[SourcePage, PageParse]], list[Repeat]]:
    """The parsed pages without the 版 that repeat another, and what was left out."""
    seen: dict[tuple[dt.date, str], str] = {}  # (date, text fingerprint) → the file that printed it first
    in_order = sorted(parsed, key=lambda item: (item[0].meta.date, item[0].meta.page or 0, item[0].path))
    emptied: dict[int, PageParse] = {}
    repeats: list[Repeat] = []
    for page, result in in_order:
        keys = [(page.meta.date, fingerprint([s.text for s in a.segments])) for a in result.articles]
        firsts = {seen.get(key) for key in keys}
        long_enough = all(_characters(a) >= MIN_CHARACTERS for a in result.articles)
        if keys and long_enough and len(firsts) == 1 and None not in firsts and page.path not in firsts:
            (first,) = firsts
            repeats.append(Repeat(page.path, str(first), result.articles[0].first_line))
            # its furniture (本版责编) stays: the issue page prints it under this 版
            emptied[id(result)] = PageParse([], result.furniture, result.decisions)
            continue
        for key in keys:
            seen.setdefault(key, page.path)
    return [(page, emptied.get(id(result), result)) for page, result in parsed], repeats


def _characters(article) -> int:
    return sum(len("".join(s.text.split())) for s in article.segments)
