"""Markdown building blocks shared by the generated index pages.

Links are relative Markdown links between `.md` files: MkDocs checks each one at build time
and rewrites it for the site's URL style (directory URLs online, `.html` files offline) and
any sub-path `site_url`. Everything that comes from source text goes through `mdtext.escape`.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby

from build_scripts.catalogue.place import PlacedArticle
from build_scripts.contract.labels import chinese_date
from build_scripts.contract.names import SURNAME_READINGS, family_name, name_syllables, read_pinyin
from build_scripts.contract.record import dump_front_matter
from build_scripts.writers import mdtext


def link(from_page: str, to_page: str) -> str:
    """Relative link from one docs file to another (`to_page` may carry a `#fragment`).

    Both are plain docs-relative paths (contract.urls makes them: no `.`, `..` or `//`), so
    the relative path is worked out on their parts — what posixpath.relpath gives, without
    its two abspath calls, which took most of the time of the index pages."""
    target, _, fragment = to_page.partition("#")
    start = from_page.split("/")[:-1]
    parts = target.split("/")
    same = 0
    while same < len(start) and same < len(parts) and start[same] == parts[same]:
        same += 1
    rel = "/".join([".."] * (len(start) - same) + parts[same:]) or "."
    return f"{rel}#{fragment}" if fragment else rel


def front_matter(title: str, **extra) -> str:
    return dump_front_matter({"title": title, **extra})


def title_of(placed: PlacedArticle) -> str:
    return placed.entry.shown_title


def article_item(
    here: str, placed: PlacedArticle, *, date: bool = False, byline: bool = True, opening: bool = False, note: str = ""
) -> str:
    """One article as a Markdown list item: headline link, then what a reader scans for."""
    head = f"[{mdtext.escape(title_of(placed))}]({link(here, placed.docs_path)})"
    if date:
        head = f"{chinese_date(placed.date, weekday=False)} · {head}"
    details = []
    if note:
        details.append(mdtext.escape(note))
    if byline and placed.entry.shown_byline:
        details.append(mdtext.escape(placed.entry.shown_byline))
    if opening and placed.entry.opening:
        details.append(mdtext.escape(placed.entry.opening))
    if not details:
        return f"- {head}"
    # Two trailing spaces: a line break inside the list item.
    return f"- {head}  \n  <small>{' · '.join(details)}</small>"


# Links set one after the other on a line (前一期 · 日历 · 后一期, the 版 of an issue): each in a
# box of its own with the dot after it (a no-break space before the dot), which the stylesheet
# keeps whole — a phone breaks a line anywhere in Chinese text (`第4` | `版 要闻`), and a line
# that wraps never opens with a dot; a box wider than the screen wraps inside itself.
LINK_BOX = '<span class="archive-link">{}</span>'
LINKS_APART = "\u00a0·"


def links_in_a_row(links: Iterable[str]) -> str:
    links = list(links)
    dots = [LINKS_APART] * (len(links) - 1) + [""]  # (none after the last; no links: no dots)
    return " ".join(LINK_BOX.format(link + dot) for link, dot in zip(links, dots, strict=False))


def wrapped(css_class: str, lines: Iterable[str]) -> str:
    """Lines of Markdown inside a `<div>` (md_in_html) so the stylesheet can lay them out."""
    return f'<div class="{css_class}" markdown>\n\n' + "\n".join(lines) + "\n\n</div>\n"


# Pinyin of every name listed (pypinyin is slow, and an index sorts every name every time it
# is made): the conversion keeps this table in its cache between runs.
_pinyin: dict[str, tuple[str, tuple[str, ...]]] = {}


def remember_pinyin(table: dict[str, tuple[str, tuple[str, ...]]]) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Use `table` as the table of pinyin, filling it as names come; returns it."""
    global _pinyin
    table.update(_pinyin)
    _pinyin = table
    return table


def known_pinyin() -> dict[str, tuple[str, tuple[str, ...]]]:
    """The table of pinyin this process has (`remember_pinyin`, `learn_pinyin`)."""
    return _pinyin


def readings_of(names: Iterable[str]) -> dict[str, tuple[str, tuple[str, ...]]]:
    """The pinyin of people's names, as the reporters' index files them, to be remembered
    elsewhere (worked out by the worker that read the byline, not by the index's writer)."""
    return {"person:" + name: _pinyin_of(name, person=True) for name in names}


def learn_pinyin(readings: dict[str, tuple[str, tuple[str, ...]]]) -> None:
    """Take pinyin that `readings_of` worked out, in this process or another."""
    _pinyin.update(readings)


def _pinyin_of(name: str, person: bool = False) -> tuple[str, tuple[str, ...]]:
    """(initial letter, syllables): the letter a name is filed under — the first letter of its
    pinyin (Latin names: their first letter), `#` for anything else — and how it sorts. A
    person's family name is read as one (曾 under Z)."""
    key = ("person:" + name) if person else name
    found = _pinyin.get(key)
    if found is None:
        syllables = tuple(name_syllables(name)) if person else tuple(read_pinyin(name))
        reading = SURNAME_READINGS.get(family_name(name)) if person else None
        # the first syllable as the whole name is read (长乐 chang le, not 长 zhang alone)
        first = [reading] if reading else list(syllables[:1])
        letter = (first[0][:1] if first else "").upper()
        found = _pinyin[key] = (letter if "A" <= letter <= "Z" else "#", syllables)
    return found


def initial(name: str, person: bool = False) -> str:
    """The letter a name is filed under: first letter of its pinyin (Latin names: first letter)."""
    return _pinyin_of(name, person)[0]


def by_initial(names: Iterable[str], person: bool = False) -> list[tuple[str, list[str]]]:
    """Names grouped by initial letter, A–Z then `#`; within a letter, by pinyin."""

    def key(name: str) -> tuple:
        letter, syllables = _pinyin_of(name, person)
        return (letter == "#", letter, syllables, name)

    ordered = sorted(names, key=key)
    return [(letter, list(group)) for letter, group in groupby(ordered, key=lambda n: initial(n, person))]


def month_groups(articles: list[PlacedArticle]) -> list[tuple[str, list[PlacedArticle]]]:
    """Articles (in date order) grouped under `2022年1月` headings."""
    return [
        (f"{y}年{m}月", list(group)) for (y, m), group in groupby(articles, key=lambda p: (p.date.year, p.date.month))
    ]
