"""Article URLs: pinyin slugs of the main title, unique within a day.

pypinyin reads polyphones in context (重庆 → chong-qing, 银行 → yin-hang), which
python-slugify's own transliteration gets wrong; python-slugify then cleans and caps them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pypinyin import Style, lazy_pinyin
from slugify import slugify

from .model import main_title_of

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
    result = []
    for slug in candidates:
        base = slug or "article"
        if base in RESERVED or re.fullmatch(r"\d+", base):
            base = f"article-{base}"
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        result.append(slug)
    return result


def person_slugs(names_in_order: Iterable[str]) -> dict[str, str]:
    """URL names for the people in bylines (a reporter's page and feed), from the pinyin of
    the name. Names that read the same in pinyin (李洁, 李杰 → li-jie) are told apart in
    order of first appearance: give the names oldest article first, and the earliest keeps
    the plain slug. A growing archive only adds newer names, so published addresses stay."""
    slugs: dict[str, str] = {}
    taken: set[str] = set()
    for name in names_in_order:
        if name in slugs:
            continue
        base = ascii_slug(name) or "person"
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        slugs[name] = slug
    return slugs
