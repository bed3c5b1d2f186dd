"""Everything the converter writes into docs/, as units with a digest of what each is made of.

A unit is the files of one article, one issue, one reporter, one tag, the calendars, the home
page, an index of names or the data downloads, rendered only when called. Its key is a digest
of its inputs: the archive-wide `salt` (the converter's version and archive.yml) and, for
every article it shows, the article's identity — the cache key of its source file (which
covers the file's bytes, name and sidecar), its position on the page, its slug and its tags —
plus whatever else the unit shows (neighbouring issues, counts, links). So `write_tree`
renders and writes only the units whose inputs changed: after one issue changed, that
issue's pages and the index pages listing its articles, not the whole archive.
"""

from __future__ import annotations

from pathlib import Path

from build_scripts.catalogue.archive import Catalogue, article_links
from build_scripts.catalogue.name_ledger import NameLedger
from build_scripts.catalogue.place import PlacedArticle
from build_scripts.contract.urls import HOME, REPORTERS, TAGS, data_year_paths, issue_path
from build_scripts.ingest.archive_config import ArchiveConfig
from build_scripts.writers.article_pages import article_page
from build_scripts.writers.calendar_pages import calendar_pages
from build_scripts.writers.data_export import by_year, overall_exports, year_exports
from build_scripts.writers.docs_tree import Unit, unit_key
from build_scripts.writers.index_pages import home_page, issue_page
from build_scripts.writers.moved_pages import gone_name_pages
from build_scripts.writers.reporter_pages import person_pages, reporters_index
from build_scripts.writers.tag_pages import one_tag_pages, tags_index

Identity = tuple[str, int, str, tuple[str, ...]]


def plan(
    placed: list[PlacedArticle],
    config: ArchiveConfig,
    furniture: dict[str, list[str]],
    file_keys: dict[str, str],
    salt: str,
    docs: Path,
    names: NameLedger | None = None,
) -> list[Unit]:
    """The units of the whole archive, in a fixed order. `file_keys`: cache key by source file;
    `names`: the name pages of the URL ledger (new names are added to it)."""
    names = names if names is not None else NameLedger()
    catalogue = Catalogue.build(placed, names)
    ident: dict[int, Identity] = {id(p): (file_keys[p.source.path], p.ordinal, p.slug, tuple(p.tags)) for p in placed}

    def idents(articles: list[PlacedArticle]) -> list[Identity]:
        return [ident[id(p)] for p in articles]

    units = _article_units(placed, catalogue, ident, salt)
    units += _issue_units(catalogue, config, furniture, idents, salt)
    summary = [(day, len(articles)) for day, articles in catalogue.days.items()]
    units.append(Unit(unit_key("calendar", salt, summary), lambda: calendar_pages(catalogue.days)))
    latest = idents(catalogue.days[max(catalogue.days)]) if catalogue.days else []
    units.append(
        Unit(
            unit_key("home", salt, summary, latest, len(catalogue.people)),
            lambda: {HOME: home_page(catalogue, config)},
        )
    )
    units += _name_units(catalogue, ident, salt)
    listed = {REPORTERS: [e.slug for e in catalogue.people.values()], TAGS: [e.slug for e in catalogue.tags.values()]}
    gone = gone_name_pages(names, listed)
    units.append(Unit(unit_key("gone names", salt, sorted(gone.items())), lambda: gone))
    units += _data_units(placed, idents, salt, docs)
    return units


def _data_units(placed: list[PlacedArticle], idents, salt: str, docs: Path) -> list[Unit]:
    """One unit per year's data files, and one for the files of all years (joined from the
    years' files: a year that did not change is read back, not made again) and the data page."""
    years = by_year(placed)
    made: dict[int, dict[str, str]] = {}

    def year_files(year: int) -> dict[str, str]:
        if year not in made:  # unchanged since the last run: as written then
            # Bytes, not read_text: CSV rows end in \r\n, which universal newlines would turn into \n.
            made[year] = {rel: (docs / rel).read_bytes().decode("utf-8") for rel in data_year_paths(year)}
        return made[year]

    units = []
    keys = []
    for year, in_year in years:
        key = unit_key("data-year", salt, year, idents(in_year))
        keys.append(key)
        units.append(Unit(key, lambda y=year, a=in_year: made.setdefault(y, year_exports(y, a))))  # type: ignore[misc]
    counts = [(year, len(in_year)) for year, in_year in years]
    units.append(Unit(unit_key("data", salt, counts, keys), lambda: overall_exports(counts, year_files)))
    return units


def _article_units(
    placed: list[PlacedArticle], catalogue: Catalogue, ident: dict[int, Identity], salt: str
) -> list[Unit]:
    links = article_links(catalogue)
    units = []
    for article in placed:
        its_links = links.get(article.docs_path)
        units.append(
            Unit(
                unit_key("article", salt, ident[id(article)], its_links),
                lambda p=article, ln=its_links: {p.docs_path: article_page(p, ln)},  # type: ignore[misc]
            )
        )
    return units


def _issue_units(
    catalogue: Catalogue, config: ArchiveConfig, furniture: dict[str, list[str]], idents, salt: str
) -> list[Unit]:
    ordered = list(catalogue.days)
    units = []
    for i, day in enumerate(ordered):
        before = ordered[i - 1] if i > 0 else None
        after = ordered[i + 1] if i + 1 < len(ordered) else None
        articles = catalogue.days[day]
        units.append(
            Unit(
                unit_key("issue", salt, day, before, after, idents(articles)),
                lambda d=day, a=articles, b=before, f=after: {  # type: ignore[misc]
                    issue_path(d): issue_page(d, a, config, b, f, furniture)
                },
            )
        )
    return units


def _name_units(catalogue: Catalogue, ident: dict[int, Identity], salt: str) -> list[Unit]:
    units = []
    for name, entry in catalogue.people.items():
        credits = [(ident[id(c.placed)], c.role) for c in catalogue.credits[name]]
        units.append(
            Unit(
                unit_key("person", salt, name, entry.slug, credits),
                lambda n=name: person_pages(catalogue, n),  # type: ignore[misc]
            )
        )
    people = [(name, entry.slug, len(catalogue.credits[name])) for name, entry in catalogue.people.items()]
    units.append(Unit(unit_key("people", salt, people), lambda: reporters_index(catalogue)))
    for tag, entry in catalogue.tags.items():
        tagged = [ident[id(p)] for p in catalogue.tagged[tag]]
        units.append(
            Unit(
                unit_key("tag", salt, tag, entry.slug, tagged),
                lambda t=tag: one_tag_pages(catalogue, t),  # type: ignore[misc]
            )
        )
    tags = [(tag, entry.slug, len(catalogue.tagged[tag])) for tag, entry in catalogue.tags.items()]
    units.append(Unit(unit_key("tags", salt, tags), lambda: tags_index(catalogue)))
    return units
