"""Reporters and correspondents: an index of everyone named in a byline, with counts, and one
page per person listing their articles by date (split by year once there are many)."""

from __future__ import annotations

from collections.abc import Collection

from build_scripts.catalogue.archive import AUTHOR, CORRESPONDENT, Catalogue, Credit
from build_scripts.contract.names import institutions
from build_scripts.contract.urls import REPORTERS_INDEX
from build_scripts.writers.name_pages import Listed, entry_pages, name_index_pages, year_page, year_spans


def person_summary(credits: list[Credit]) -> str:
    """共 N 篇, and in which roles."""
    authored = sum(1 for c in credits if c.role == AUTHOR)
    assisted = len(credits) - authored
    parts = [f"共 {len(credits)} 篇"]
    if authored and assisted:
        parts.append(f"其中署名{AUTHOR} {authored} 篇、{CORRESPONDENT} {assisted} 篇")
    elif assisted:
        parts.append(f"均署名{CORRESPONDENT}")
    return "，".join(parts)


def person_pages(
    catalogue: Catalogue, name: str, published: frozenset[int] = frozenset(), with_years: bool = True
) -> dict[str, str]:
    """The page (and year pages) of one reporter or correspondent; `published`: the years of
    their year pages the URL ledger lists (`name_pages.year_pages`); without `with_years`, the
    pages of the years they have articles in are left out (`person_year_page`)."""
    credits = catalogue.credits[name]
    return entry_pages(
        catalogue.people[name],
        _listed(credits),
        kind=person_kind(name, credits),
        index_name="记者",
        summary=person_summary(credits),
        index_path=REPORTERS_INDEX,
        made=catalogue.items,
        published=published,
        told_apart=catalogue.told_apart,
        with_years=with_years,
    )


def person_year_page(catalogue: Catalogue, name: str, year: int) -> dict[str, str]:
    """The page of one year of a reporter's or correspondent's articles, as `person_pages`
    makes it with the others (`kind`: of all their articles)."""
    credits = catalogue.credits[name]
    start, end = year_spans(credits, year_of_credit)[year]
    entry = catalogue.people[name]
    newest_first = _listed(credits[start:end])[::-1]
    kind = person_kind(name, credits)
    return {
        entry.year_path(year): year_page(entry, year, newest_first, kind, None, catalogue.items, catalogue.told_apart)
    }


def _listed(credits: list[Credit]) -> list[Listed]:
    return [Listed(c.placed, CORRESPONDENT if c.role == CORRESPONDENT else "") for c in credits]


def year_of_credit(credit: Credit) -> int:
    return credit.placed.date.year


def _is_body(name: str) -> bool:
    """Is a name on a byline a body signing the piece (中共中央统战部), not a person?"""
    return bool(institutions(name))


def person_kind(name: str, credits: list[Credit]) -> str:
    """A body, a reporter (a byline of theirs names a role: 本报记者, 通讯员), or a writer: a
    commentary's author, a reader who wrote a letter, a poet (signed with their name alone)."""
    if _is_body(name):
        return "署名单位"
    reporting = any(role in c.placed.entry.byline for c in credits for role in (AUTHOR, CORRESPONDENT))
    return "记者" if reporting else "作者"


def reporter_pages(catalogue: Catalogue) -> dict[str, str]:
    files: dict[str, str] = {}
    for name in catalogue.people:
        files.update(person_pages(catalogue, name))
    files.update(reporters_index(catalogue))
    return files


def reporters_index(catalogue: Catalogue, gone: Collection[str] = ()) -> dict[str, str]:
    """The index of everyone named in a byline (split by initial letter when long; `gone`: the
    names the URL ledger lists that the archive no longer has, `name_index_pages`)."""
    counts = {name: len(credits) for name, credits in catalogue.credits.items()}
    bodies = sum(1 for name in counts if _is_body(name))
    people = len(counts) - bodies
    who = "、".join(
        ([f"{people} 位记者、通讯员和作者"] if people else []) + ([f"{bodies} 个署名单位"] if bodies else [])
    )
    intro = f"署名中出现的 {who}，按拼音排列；数字是署名的文章篇数。" if counts else "档案中还没有署名的文章。"
    return name_index_pages(catalogue.people, counts, title="记者", intro=intro, index_path=REPORTERS_INDEX, gone=gone)
