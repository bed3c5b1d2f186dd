"""The units of the reporters' and tags' pages (writers/plan.py): each name's own page, its
year pages, and the indexes of all names. A unit's key digests what its pages show of each
article (`shown`: its address, title and byline, and where its text opens if its title does
not tell it apart), so that a change to an article that leaves these alone makes none of them
again."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from build_scripts.catalogue.archive import Catalogue, Entry
from build_scripts.catalogue.name_ledger import NameLedger
from build_scripts.contract.urls import REPORTERS, TAGS
from build_scripts.writers import name_pages
from build_scripts.writers.name_pages import year_pages, year_spans
from build_scripts.writers.reporter_pages import (
    person_kind,
    person_pages,
    person_summary,
    person_year_page,
    reporters_index,
    year_of_credit,
)
from build_scripts.writers.tag_pages import one_tag_pages, tag_year_page, tags_index, year_of_article
from build_scripts.writers.units import Unit


def name_units(catalogue: Catalogue, shown, key, names: NameLedger, gone_of: dict) -> list[Unit]:
    """The pages of each reporter and tag, and their indexes. The year pages a name has now
    are listed in the URL ledger (`names`): once published, they stay (`name_pages.year_pages`).
    A name's units digest the years it has pages for, not what the ledger said before: the run
    that lists them first makes the same pages as the runs after it."""
    units = []
    for name, entry in catalogue.people.items():
        credits = catalogue.credits[name]
        units += _entry_units(
            (REPORTERS, entry.slug, names),
            credits,
            year_of_credit,
            [shown[id(c.placed)] + c.role for c in credits],
            # (a reporter's page and year pages say whether they report or write: 记者, 作者)
            ("person", name, entry.slug, person_kind(name, credits)),
            partial(person_summary, credits),
            partial(person_pages, catalogue, name),
            partial(person_year_page, catalogue, name),
            key,
        )
    people = repr([(name, entry.slug, len(catalogue.credits[name])) for name, entry in catalogue.people.items()])
    gone_people = _gone(gone_of[REPORTERS], catalogue.people)
    units.append(Unit(key("people", people, repr(gone_people)), lambda: reporters_index(catalogue, gone_people)))
    for tag, entry in catalogue.tags.items():
        tagged = catalogue.tagged[tag]
        units += _entry_units(
            (TAGS, entry.slug, names),
            tagged,
            year_of_article,
            list(map(shown.__getitem__, map(id, tagged))),
            ("tag", tag, entry.slug),
            str,  # (its count: in its years' counts)
            partial(one_tag_pages, catalogue, tag),
            partial(tag_year_page, catalogue, tag),
            key,
        )
    tags = repr([(tag, entry.slug, len(catalogue.tagged[tag])) for tag, entry in catalogue.tags.items()])
    gone_tags = _gone(gone_of[TAGS], catalogue.tags)
    units.append(Unit(key("tags", tags, repr(gone_tags)), lambda: tags_index(catalogue, gone_tags)))
    return units


def _entry_units(
    where: tuple[str, str, NameLedger],
    listed: list[Any],
    year_of: Callable[[Any], int],
    items: list[str],
    head: tuple[str, ...],
    summary: Callable[[], str],
    all_pages: Callable[..., dict[str, str]],
    one_year: Callable[[int], dict[str, str]],
    key,
) -> list[Unit]:
    """The units of one name's pages (`where`: its folder, its slug and the URL ledger's names;
    `listed`: its articles or credits, in archive order; `items`: what its pages show of each;
    `head`: what all of them show of it; `summary`: what its own page says of them all). A
    name with year pages has a unit for each year's page and one for its own page (its articles'
    count by year, its latest articles, the pages of years it has no articles in any more): a
    night's new issue makes its year's page again, not every year's page of every name it
    touches (at 300,000 articles in seven years, half the time a new issue took to write)."""
    folder, slug, names = where
    spans = year_spans(listed, year_of)
    pages = year_pages(len(listed), spans, names.years_of(folder, slug))
    names.publish_years(folder, slug, pages)
    if not pages:  # all its articles on its one page
        return [Unit(key(*head, "", "".join(items)), partial(all_pages, pages), apart=True)]
    counts = ",".join(f"{year}:{end - start}" for year, (start, end) in spans.items())
    latest = "".join(items[-name_pages.LATEST_ON_ENTRY_PAGE :])
    own = Unit(
        key(*head, "own page", _years_text(pages), summary(), counts, latest),
        partial(all_pages, pages, with_years=False),
        apart=True,
    )
    years = [
        Unit(key(*head, "year page", str(year), "".join(items[start:end])), partial(one_year, year), apart=True)
        for year, (start, end) in spans.items()
    ]
    return [own, *years]


def _gone(gone: list[tuple[str, str]], now: dict[str, Entry]) -> list[str]:
    """The names of the URL ledger's names gone (`NameLedger.gone`) the archive no longer has
    under another slug (their letters keep their index pages: `name_pages.name_index_pages`)."""
    return sorted({name for _, name in gone} - now.keys())


def _years_text(years: frozenset[int]) -> str:
    return ",".join(map(str, sorted(years)))
