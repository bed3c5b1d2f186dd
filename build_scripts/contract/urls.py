"""Article URLs: pinyin slugs of the main title, unique within a day.

pypinyin reads polyphones in context (重庆 → chong-qing, 银行 → yin-hang), which
python-slugify's own transliteration gets wrong; python-slugify then cleans and caps them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pypinyin import Style, lazy_pinyin
from slugify import slugify

from build_scripts.contract.labels import main_title_of

MAX_SLUG_LENGTH = 60
RESERVED = {"index", "feed", "assets", "search", "data"}


def ascii_slug(text: str, max_length: int = MAX_SLUG_LENGTH) -> str:
    syllables = lazy_pinyin(text, style=Style.NORMAL, errors="default")
    return slugify("-".join(syllables), max_length=max_length, word_boundary=True, separator="-")


def slug_for_title(title_parts: list[str]) -> str:
    return ascii_slug(main_title_of(title_parts))


def unique_slugs(candidates: Iterable[str]) -> list[str]:
    """Make the slugs of one day's articles unique, in the order given: the first keeps its
    slug, the next get -2, -3 … Titles that slugify to nothing become `article`."""
    taken: set[str] = set()
    last_number: dict[str, int] = {}  # per base: where to go on counting (a day of many
    result = []  # "untitled" articles would otherwise recount from 2 each time)
    for slug in candidates:
        base = slug or "article"
        if base in RESERVED or re.fullmatch(r"\d+", base):
            base = f"article-{base}"
        slug, n = base, last_number.get(base, 1)
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        last_number[base] = n
        taken.add(slug)
        result.append(slug)
    return result
