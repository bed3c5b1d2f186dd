"""Articles an issue prints twice: the same notice on several 版, or a 版 delivered twice under
two numbers. A reader should find it once, so each repeat is left out (the first printing,
in 版 order, is published) and reported with both files, so the archivist can check that it
really is a repeat and not a page that was saved over another.

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
    """Articles of `page` that `first` printed already (`lines`: where they start in `page`)."""

    page: str
    first: str
    lines: tuple[int, ...]
    whole_page: bool


def without_repeats(
    parsed: list[tuple[SourcePage, PageParse]],
) -> tuple[list[tuple[SourcePage, PageParse]], list[Repeat]]:
    """The parsed pages with every repeated article left out, and what was left out."""
    seen: dict[tuple[dt.date, str], str] = {}  # (date, text fingerprint) → the file that printed it first
    in_order = sorted(parsed, key=lambda item: (item[0].meta.date, item[0].meta.page or 0, item[0].path))
    kept_ids: dict[int, PageParse] = {}
    repeats: list[Repeat] = []
    for page, result in in_order:
        kept = []
        repeated_from: dict[str, list[int]] = {}
        for article in result.articles:
            texts = [s.text for s in article.segments]
            key = (page.meta.date, fingerprint(texts))
            # Only another file's copy is a repeat: one page printing an article twice is left as it is.
            if sum(len("".join(t.split())) for t in texts) >= MIN_CHARACTERS and seen.get(key, page.path) != page.path:
                repeated_from.setdefault(seen[key], []).append(article.first_line)
                continue
            seen.setdefault(key, page.path)
            kept.append(article)
        for first, lines in repeated_from.items():
            repeats.append(Repeat(page.path, first, tuple(lines), whole_page=not kept))
        kept_ids[id(result)] = PageParse(kept, result.furniture, result.decisions) if repeated_from else result
    return [(page, kept_ids[id(result)]) for page, result in parsed], repeats
