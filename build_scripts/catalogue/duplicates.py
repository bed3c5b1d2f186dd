"""Articles an issue prints on more than one 版. Every printing is kept: the paper printed it
there (an e-edition lists an article continued from page 1 on page 2 as well, a joint
statement among the news of 第2版 and alone on 第3版, a notice page under two numbers), and
that 版's table of contents must list it. The first printing is the one cited, listed and
fed; the later ones say where it stood first (`reprints`).

A whole 版 whose articles are those of another 版 of the same issue, no more and no fewer
(`repeated_pages`), is reported with both files, so the archivist can check that it really
is a repeat and not a page saved over another.

Two articles are the same when every non-space character they were cut from is the same,
their bylines left out (a later printing may carry its byline below the text, or none); very
short ones (a one-line 本报讯 item, a headline over a byline) are never counted as repeats,
since two different items may read alike.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from build_scripts.catalogue.entry import ArticleEntry
from build_scripts.catalogue.place import PlacedArticle
from build_scripts.ingest.source import PageMeta

MIN_CHARACTERS = 20  # below this, two articles that read alike are not taken for one


@dataclass(frozen=True)
class Repeat:
    """A 版 (`page`) whose articles `first` printed already (`line`: where the first starts)."""

    page: str
    first: str
    line: int


def repeated_pages(pages: Sequence[tuple[str, PageMeta, list[ArticleEntry]]]) -> list[Repeat]:
    """The 版 of (file, its date and 版, its articles) that repeat another: each names the
    file that printed its articles first."""
    seen: dict[tuple[dt.date, str], str] = {}  # (date, text fingerprint) → the file that printed it first
    printed: dict[str, set[tuple[dt.date, str]]] = {}  # the articles of each file
    repeats: list[Repeat] = []
    for path, meta, entries in sorted(pages, key=lambda item: (item[1].date, item[1].page or 0, item[0])):
        keys = [(meta.date, e.text_print) for e in entries]
        firsts = {seen.get(key) for key in keys}
        long_enough = all(e.characters >= MIN_CHARACTERS for e in entries)
        if keys and long_enough and len(firsts) == 1 and None not in firsts and path not in firsts:
            (first,) = firsts
            # The same 版 only when the first holds nothing else: a 版 that prints in full one
            # article of a fuller 版 (a statement continued from 第2版 on 第3版) is a 版 of its own.
            if printed[str(first)] == set(keys):
                repeats.append(Repeat(path, str(first), entries[0].first_line))
                continue
        printed[path] = set(keys)
        for key in keys:
            seen.setdefault(key, path)
    return repeats


def reprints(articles: Sequence[PlacedArticle]) -> dict[str, PlacedArticle]:
    """Articles (in archive order) printed again on another 版 of the same issue: the docs
    path of each later printing → the first. Such an article is the paper's own repeat (a
    front-page story printed in full where it continues): its pages stay, one says where
    else it stands, and the first printing is the one cited, listed and fed."""
    first: dict[tuple[dt.date, str], PlacedArticle] = {}
    found = {}
    for placed in articles:
        entry = placed.entry
        if entry.characters < MIN_CHARACTERS:
            continue
        earlier = first.setdefault((entry.date, entry.text_print), placed)
        if earlier is not placed and earlier.entry.page != entry.page:
            found[placed.docs_path] = earlier
    return found
