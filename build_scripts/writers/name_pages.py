"""Pages for one name (a reporter or a tag) and the index of all names, kept bounded.

The scale rule (maintainers/architecture.md): a listing that grows with the archive is split. A name's page lists all
its articles while there are few (≤ `ENTRY_PAGE_LIMIT`); beyond that it lists its years, each
with a page of its own, and the latest articles — and goes on doing so once it did, whatever
the count: the year pages' addresses were published (`year_pages`). An index lists every name on one page up to
`INDEX_LIMIT` names; beyond that it shows the most frequent and one page per initial letter.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import TypeVar

from build_scripts.catalogue.archive import Entry
from build_scripts.catalogue.place import PlacedArticle
from build_scripts.contract.urls import letter_path
from build_scripts.writers import mdtext
from build_scripts.writers.listing import (
    article_item,
    by_initial,
    front_matter,
    initial,
    link,
    month_groups,
    wrapped,
)
from build_scripts.writers.moved_pages import MOVED_TEMPLATE, OUT_OF_SEARCH

ENTRY_PAGE_LIMIT = 50
LATEST_ON_ENTRY_PAGE = 10
INDEX_LIMIT = 500
TOP_ON_INDEX = 100


# Does an article's title tell it apart in a list (`Catalogue.told_apart`)? Where it does not
# (图片报道, or no title), its item shows where its text opens too.
TitleTells = Callable[[PlacedArticle], bool]


def _every_title(placed: PlacedArticle) -> bool:
    return True


@dataclass(frozen=True)
class Listed:
    """An article on a name's page, with an optional note (e.g. the role: 通讯员)."""

    placed: PlacedArticle
    note: str = ""


def _items(
    here: str, listed: list[Listed], level: str = "###", made: dict | None = None, told_apart: TitleTells = _every_title
) -> list[str]:
    """The articles under month headings. `made`: items made before, by (id of the article,
    note, where the page is): an article is listed on the page of each of its names and tags,
    and its item is the same on all of them whose relative link to it is the same — those as
    deep in the docs folder, under a top folder the article is not in (the same `told_apart`
    on every page: the catalogue's)."""
    lines = []
    notes = {id(x.placed): x.note for x in listed}
    made = {} if made is None else made
    top = here.partition("/")[0] + "/"
    apart = here.count("/")  # the link climbs to the top: only the depth matters
    for month, group in month_groups([x.placed for x in listed]):
        lines.append(f"\n{level} {month}\n")
        for p in group:
            note = notes[id(p)]
            key = (id(p), note, here if p.docs_path.startswith(top) else apart)
            item = made.get(key)
            if item is None:
                item = made[key] = article_item(here, p, date=True, note=note, opening=not told_apart(p))
            lines.append(item)
    return lines


Item = TypeVar("Item")


def year_spans(listed: Sequence[Item], year_of: Callable[[Item], int]) -> dict[int, tuple[int, int]]:
    """Where each year's articles (or credits) of a name start and end in `listed` (in archive
    order): found by a binary search for where each year ends, as a name's articles may number
    tens of thousands in a few years, and this is asked of every name on every run."""
    spans: dict[int, tuple[int, int]] = {}
    start = 0
    while start < len(listed):
        year = year_of(listed[start])
        end = bisect.bisect_left(listed, year + 1, lo=start, key=year_of)
        spans[year] = (start, end)
        start = end
    return spans


def year_pages(count: int, years: Iterable[int], published: frozenset[int], limit: int | None = None) -> frozenset[int]:
    """The years a name with `count` articles, in `years`, has pages of its own for: none while
    it has few articles and never had year pages; else every year it has articles in, and every
    year it had a page for before (`published`, from the URL ledger) — a tag whose articles
    fall back to `limit` or fewer (tags are chosen again as the archive grows) keeps its year
    pages' addresses, and a year it no longer has articles in keeps a page saying so."""
    if count <= (ENTRY_PAGE_LIMIT if limit is None else limit) and not published:
        return frozenset()
    return frozenset(years) | published


def entry_pages(
    entry: Entry,
    listed: list[Listed],
    *,
    kind: str,
    summary: str,
    index_path: str,
    limit: int | None = None,
    meta: dict | None = None,
    made: dict | None = None,
    index_name: str = "",
    note: Callable[[str], str] | None = None,
    published: frozenset[int] = frozenset(),
    told_apart: TitleTells = _every_title,
    with_years: bool = True,
) -> dict[str, str]:
    """The page of one name (and its year pages when it has more than `limit` articles
    (default: `ENTRY_PAGE_LIMIT`), or had
    year pages before: `published`, the years of those, `year_pages`). Without `with_years`,
    the pages of the years it has articles in are left out (each is made on its own:
    `year_page`, writers/name_units.py); the pages of years it no longer has articles in are not.
    `listed` is in archive order; pages show the newest first. `made`: list items made for
    other names' pages in this run (see `_items`; the articles must outlive it). `index_name`:
    what the index lists, when it is not `kind` (a signing body is listed with 记者). `note`:
    a paragraph of Markdown below the summary, made for the page's path. `told_apart`: see
    `TitleTells`."""
    here = entry.path
    newest_first = list(reversed(listed))
    name = mdtext.escape(entry.name)
    lines = [
        front_matter(entry.name, **(meta or {})),
        "",
        f"# {name}\n",
        f"{kind} · {mdtext.escape(summary)} · [全部{index_name or kind}]({link(here, index_path)})\n",
    ]
    if note is not None:
        lines.append(note(here) + "\n")
    files = {}
    has_years = {x.placed.date.year for x in listed}
    pages = year_pages(len(listed), has_years, published, limit)
    if not pages:
        lines.append("## 文章\n")
        lines.extend(_items(here, newest_first, made=made, told_apart=told_apart))
    else:
        for year in sorted(pages - has_years):
            files[entry.year_path(year)] = _gone_year_page(entry, year, kind)
        lines.append("## 各年文章\n")
        for year, group in groupby(newest_first, key=lambda x: x.placed.date.year):
            year_listed = list(group)
            lines.append(f"- [{year}年]({link(here, entry.year_path(year))}) · {len(year_listed)}篇")
            if with_years:
                files[entry.year_path(year)] = year_page(entry, year, year_listed, kind, meta, made, told_apart)
        lines.append(f"\n## 最新{LATEST_ON_ENTRY_PAGE}篇\n")
        lines.extend(_items(here, newest_first[:LATEST_ON_ENTRY_PAGE], made=made, told_apart=told_apart))
    lines.append("")
    files[here] = "\n".join(lines)
    return files


def year_page(
    entry: Entry,
    year: int,
    newest_first: list[Listed],
    kind: str,
    meta: dict | None = None,
    made: dict | None = None,
    told_apart: TitleTells = _every_title,
) -> str:
    """The page of a name's articles of one year (`newest_first`: those articles, the newest
    first); `kind`, `meta`, `made`, `told_apart`: as for `entry_pages`."""
    here = entry.year_path(year)
    name = mdtext.escape(entry.name)
    lines = [
        front_matter(f"{entry.name} {year}年", **(meta or {})),
        "",
        f"# {name} · {year}年\n",
        f"{kind} · {year}年 {len(newest_first)} 篇 · [返回{name}]({link(here, entry.path)})\n",
    ]
    lines.extend(_items(here, newest_first, level="##", made=made, told_apart=told_apart))
    lines.append("")
    return "\n".join(lines)


def _gone_year_page(entry: Entry, year: int, kind: str) -> str:
    """The address of a year the name no longer has articles in: it sends the reader on to
    the name's page."""
    here = entry.year_path(year)
    name = mdtext.escape(entry.name)
    front = front_matter(f"{entry.name} {year}年", template=MOVED_TEMPLATE, moved_to=entry.path, **OUT_OF_SEARCH)
    return "\n".join(
        [
            front,
            "",
            f"# {name} · {year}年\n",
            f"{kind} · {year}年已没有文章 · [返回{name}]({link(here, entry.path)})\n",
            "",
        ]
    )


def _index_item(here: str, entry: Entry, count: int) -> str:
    return f"- [{mdtext.escape(entry.name)}]({link(here, entry.path)}) <small>{count}篇</small>"


def name_index_pages(
    entries: dict[str, Entry],
    counts: dict[str, int],
    *,
    title: str,
    intro: str,
    index_path: str,
    limit: int | None = None,
    meta: dict | None = None,
    names_are: str = "姓名",
    people: bool = True,
    gone: Collection[str] = (),
) -> dict[str, str]:
    """An index of names by initial letter; split into one page per letter beyond `limit` names
    (default: `INDEX_LIMIT`). `names_are`: what the names are, for the letter line (姓名 of
    people, 词语 of tags); `people`: names of people, filed by their family name's reading (曾
    under Z); `gone`: the names the URL ledger lists that the archive no longer has.

    The names the index was split by are those the archive ever published (the ledger's: it
    never drops one), so that its letter pages' addresses stay: tags are chosen again as the
    archive grows, and the count of tags can fall back to the limit, or a letter lose its last
    tag — a letter page with no name now says so."""
    groups = by_initial(entries, person=people)
    lines = [front_matter(title, **(meta or {})), "", f"# {title}\n", intro + "\n"]
    files = {}
    if len(entries) + len(gone) <= (INDEX_LIMIT if limit is None else limit):
        lines.append(
            wrapped("archive-letters", [" ".join(f"[{letter}](#letter-{_letter_id(letter)})" for letter, _ in groups)])
        )
        for letter, names in groups:
            lines.append(f"## {letter} {{ #letter-{_letter_id(letter)} }}\n")
            lines.append(wrapped("archive-names", [_index_item(index_path, entries[n], counts[n]) for n in names]))
    else:
        folder = index_path.rsplit("/", 1)[0]
        letter_paths = {letter: letter_path(folder, _letter_id(letter)) for letter, _ in groups}
        for letter in sorted({initial(name, people) for name in gone} - letter_paths.keys()):
            here = letter_path(folder, _letter_id(letter))
            which = "首字母不是拉丁字母" if letter == "#" else f"拼音以 {letter} 开头"
            none = f"本档案现在没有{which}的{names_are}。\n"
            files[here] = _letter_page(title, letter, here, index_path, {**(meta or {}), **OUT_OF_SEARCH}, none)
        letters = " ".join(f"[{letter}]({link(index_path, letter_paths[letter])})" for letter, _ in groups)
        lines.append(wrapped("archive-letters", [f"按{names_are}的拼音首字母：{letters}"]))
        lines.append(f"## 最常见的 {TOP_ON_INDEX} 个\n")
        top = sorted(entries, key=lambda n: (-counts[n], n))[:TOP_ON_INDEX]
        lines.append(wrapped("archive-names", [_index_item(index_path, entries[n], counts[n]) for n in top]))
        for letter, names in groups:
            here = letter_paths[letter]
            items = wrapped("archive-names", [_index_item(here, entries[n], counts[n]) for n in names])
            files[here] = _letter_page(title, letter, here, index_path, meta, items)
    files[index_path] = "\n".join(lines)
    return files


def _letter_page(title: str, letter: str, here: str, index_path: str, meta: dict | None, body: str) -> str:
    return "\n".join(
        [
            front_matter(f"{title} · {letter}", **(meta or {})),
            "",
            f"# {title} · {letter}\n",
            f"[返回{title}]({link(here, index_path)})\n",
            body,
        ]
    )


def _letter_id(letter: str) -> str:
    return letter.lower() if letter != "#" else "other"
