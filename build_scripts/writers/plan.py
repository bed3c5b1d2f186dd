"""Everything the converter writes into docs/, as units with a digest of what each is made of.

A unit is the files of one article, one issue, one reporter or tag (or one year of theirs,
once they have year pages), the calendars, the home page, an index of names or the data
downloads, rendered only when called. Its key is a digest
of its inputs: the archive-wide `salt` (the converter's version and archive.yml) and, for
every article it shows, the article's identity — the cache key of its source file (which
covers the file's bytes, name and sidecar), its position on the page, its slug and its tags —
plus whatever else the unit shows (neighbouring issues, counts, links). So `write_tree`
renders and writes only the units whose inputs changed: after one issue changed, that
issue's pages and the index pages listing its articles, not the whole archive.

Article pages and data records are finished from what the worker prepared (`prepared.py`),
read from the conversion cache a source file at a time (`PreparedOf`). The data files of a
year are joined from each day's records, which are kept in the cache too (`DayRecords`): after
one issue changed, only that day's records are made again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from functools import partial
from pathlib import Path

from build_scripts.catalogue.archive import Catalogue, DayLinks
from build_scripts.catalogue.name_ledger import NameLedger
from build_scripts.catalogue.place import PlacedArticle
from build_scripts.contract.urls import HOME, REPORTERS, TAGS, data_year_paths, issue_path
from build_scripts.ingest.archive_config import ArchiveConfig
from build_scripts.writers.article_pages import article_page
from build_scripts.writers.calendar_pages import calendar_pages
from build_scripts.writers.data_export import DayRecords, KeptData, YearDay, kept_layout, overall_exports, year_exports
from build_scripts.writers.index_pages import home_page, issue_page
from build_scripts.writers.moved_pages import gone_name_pages
from build_scripts.writers.name_units import name_units
from build_scripts.writers.pieces import FilePart, Pieces
from build_scripts.writers.prepared import Prepared
from build_scripts.writers.units import Unit

SEPARATOR = "\x1f"
NAMES_APART = "\x1d"  # (a field of its own however many names: no two lists read alike)


class PreparedOf:
    """The prepared page and records of an article, read from the cache a source file at a
    time; the files of one day are kept while its pages are written (its records follow them)."""

    def __init__(self, load: Callable[[str], list[Prepared]], file_keys: dict[str, str]):
        self.load = load
        self.file_keys = file_keys
        self.day: dt.date | None = None
        self.loaded: dict[str, list[Prepared]] = {}

    def __call__(self, placed: PlacedArticle) -> Prepared:
        entry = placed.entry
        if entry.date != self.day:
            self.day, self.loaded = entry.date, {}
        key = self.file_keys[entry.source]
        if key not in self.loaded:
            self.loaded[key] = self.load(key)
        return self.loaded[key][entry.ordinal - 1]


class Keys:
    """Unit keys: a digest of the salt, the unit's kind and its inputs as text."""

    def __init__(self, salt: str):
        self.start = hashlib.blake2b(salt.encode(), digest_size=16)

    def __call__(self, kind: str, *inputs: str) -> str:
        digest = self.start.copy()
        digest.update(SEPARATOR.join((kind, *inputs)).encode("utf-8", "surrogatepass"))
        return digest.hexdigest()


def plan(
    placed: list[PlacedArticle],
    config: ArchiveConfig,
    furniture: dict[str, list[str]],
    file_keys: dict[str, str],
    salt: str,
    docs: Path,
    prepared: Callable[[str], list[Prepared]],
    days_folder: Path | None,
    names: NameLedger | None = None,
    delivered: dict[dt.date, list[tuple[int, str]]] | None = None,
    known: dict | None = None,
    kept: KeptData | None = None,
) -> tuple[list[Unit], DayRecords]:
    """The units of the whole archive, in a fixed order. `file_keys`: cache key by source file;
    `prepared`: the prepared articles of a source file by its key; `days_folder`: where each
    day's data records are kept (None: in memory); `names`: the name pages of the URL ledger
    (new names are added to it); `delivered`: the 版 numbers of each day's source files, with the files;
    `known`: the keys of each day's article pages, as the last run left them (`DayArticleKeys`;
    updated to this run's); `kept`: the data files docs/ holds from the last run and where
    each day's records lie in them (updated to this run's)."""
    names = names if names is not None else NameLedger()
    catalogue = Catalogue.build(placed, names, config.profile.is_box_title)
    key = Keys(salt)
    ident = {
        id(p): SEPARATOR.join((file_keys[p.entry.source], str(p.entry.ordinal), p.slug, *p.tags)) + "\x1e"
        for p in placed
    }

    # What a reporter's or tag's page shows of an article (listing.article_item): a change to
    # its source file that leaves these alone does not make those pages again. Its byline as
    # shown is the byline with the names the whole article credits (a closing credit's too:
    # `ArticleEntry.shown_byline`). (Where its text opens, too, for an article its title does
    # not tell apart: `Catalogue.told_apart`.)
    shown = {
        id(p): SEPARATOR.join((p.docs_path, p.entry.title, p.entry.byline, NAMES_APART.join(p.entry.names)))
        + ("" if catalogue.told_apart(p) else SEPARATOR + p.entry.opening)
        + "\x1e"
        for p in placed
    }

    def idents(articles: list[PlacedArticle]) -> str:
        return "".join(map(ident.__getitem__, map(id, articles)))  # (in C: asked of every article)

    def untagged(articles: list[PlacedArticle]) -> str:  # a day's data records but for their tags
        return "".join(
            SEPARATOR.join((file_keys[p.entry.source], str(p.entry.ordinal), p.slug)) + "\x1e" for p in articles
        )

    prepared_of = PreparedOf(prepared, file_keys)
    records = DayRecords(days_folder, prepared_of, catalogue.first_printing)
    # a day's articles as its data records and its issue's page show them, but for their tags
    day_keys = {day: key("data-day", untagged(articles)) for day, articles in catalogue.days.items()}
    # what a day's article pages show of its articles: their tags too, each article's its own
    tagged_days = {day: key("day", idents(articles)) for day, articles in catalogue.days.items()}
    units = _article_units(catalogue, ident, key, prepared_of, records, day_keys, tagged_days, known)
    units += _issue_units(catalogue, config, furniture, delivered or {}, day_keys, key)
    # each day's count of articles, an article printed again on another 版 once
    summary = repr([(day, catalogue.counted(articles)) for day, articles in catalogue.days.items()])
    units.append(Unit(key("calendar", summary), lambda: calendar_pages(catalogue.days, catalogue.counted)))
    latest = idents(catalogue.days[max(catalogue.days)]) if catalogue.days else ""
    # (and the printings: the home page says how many of them are reprints counted once)
    home = key("home", summary, latest, str(len(catalogue.people)), str(len(catalogue.articles)))
    units.append(Unit(home, lambda: {HOME: home_page(catalogue, config)}))
    listed = {REPORTERS: [e.slug for e in catalogue.people.values()], TAGS: [e.slug for e in catalogue.tags.values()]}
    gone_of = {folder: names.gone(folder, slugs) for folder, slugs in listed.items()}  # (slug, name) of each
    units += name_units(catalogue, shown, key, names, gone_of)
    # (the pages of names gone are made only when these change: an archive that has lost
    # thousands of tags over the years would spend a fifth of a second on them every run)
    gone = [(f, slug, name, sorted(names.years_of(f, slug))) for f in listed for slug, name in gone_of[f]]
    units.append(Unit(key("gone names", repr(gone)), lambda: gone_name_pages(names, listed)))
    units += _data_units(catalogue, records, day_keys, key, docs, idents, kept or KeptData(), config.paper.slug)
    return units, records


def _article_units(catalogue: Catalogue, ident, key, prepared_of, records, day_keys, tagged_days, known) -> list[Unit]:
    """Each article's page; after the pages of a day, that day's data records (while its
    prepared articles are at hand)."""
    links = DayLinks(catalogue)
    article_keys = DayArticleKeys(catalogue, links, key, known)
    units = []
    for day, articles in catalogue.days.items():
        keys = article_keys(day, tagged_days[day], ident)
        for article, its_key in zip(articles, keys, strict=True):
            units.append(
                Unit(
                    its_key,
                    lambda p=article: {p.docs_path: article_page(p, prepared_of(p), links(p.date)[p.docs_path])},  # type: ignore[misc]
                    apart=True,
                )
            )
        day_key = day_keys[day]
        units.append(Unit(day_key, lambda k=day_key, a=articles: records.make(k, a)))  # type: ignore[misc]
    article_keys.done()
    return units


class DayArticleKeys:
    """The keys of a day's article pages. An article's key digests its identity and its links
    (`DayLinks`): making them costs a links table and its repr for every article of the
    archive, so a day's keys are kept from the last run under a digest of all they read — its
    articles' identities (`day_key`), the addresses of the pages of their names and tags, and
    the issues before and after it (where its first and last articles lead on) — and made
    again only for the days where that digest changed."""

    def __init__(self, catalogue: Catalogue, links: DayLinks, key, known: dict | None):
        self.catalogue, self.links, self.key = catalogue, links, key
        self.known = known if known is not None else {}
        self.now: dict[dt.date, tuple[str, list[str]]] = {}

    def __call__(self, day: dt.date, day_key: str, ident: dict[int, str]) -> list[str]:
        articles = self.catalogue.days[day]
        people, tags = self.links.people, self.links.tags
        named = SEPARATOR.join(people.get(name, "") for p in articles for name in p.entry.names)
        tagged = SEPARATOR.join(tags[tag] for p in articles for tag in p.tags)
        inputs = self.key("article keys", day_key, named, tagged, *map(str, self.links.around(day)))
        kept = self.known.get(day)
        if kept is not None and kept[0] == inputs:
            keys = kept[1]
        else:
            its_links = self.links(day)
            keys = [self.key("article", ident[id(p)], repr(its_links[p.docs_path])) for p in articles]
        self.now[day] = (inputs, keys)
        return keys

    def done(self) -> None:
        """Keep this run's keys for the next (only the days the archive still has)."""
        self.known.clear()
        self.known.update(self.now)


def _issue_units(
    catalogue: Catalogue,
    config: ArchiveConfig,
    furniture: dict[str, list[str]],
    delivered: dict[dt.date, list[tuple[int, str]]],
    day_keys: dict[dt.date, str],
    key,
) -> list[Unit]:
    """Each issue's page. Its key digests what the page shows of its articles — their titles,
    bylines, openings and 版, read from their files, and their addresses (`day_keys`) — not
    their tags: a night's new issue moves the tags of articles on a hundred other days of its
    year, whose issues' pages are the same."""
    ordered = list(catalogue.days)
    units = []
    for i, day in enumerate(ordered):
        before = ordered[i - 1] if i > 0 else None
        after = ordered[i + 1] if i + 1 < len(ordered) else None
        articles = catalogue.days[day]
        # what it prints under each 版 (本版责编, a running head): from each of the day's files,
        # one without articles too
        files = {p.entry.source for p in articles} | {path for _, path in delivered.get(day, [])}
        printed = [furniture.get(path) for path in sorted(files)]
        units.append(
            Unit(
                key(
                    "issue",
                    str(day),
                    str(before),
                    str(after),
                    day_keys[day],
                    repr(printed),
                    repr(delivered.get(day)),
                ),
                lambda d=day, a=articles, b=before, f=after: {  # type: ignore[misc]
                    issue_path(d): issue_page(
                        d, a, config, b, f, furniture, delivered.get(d), catalogue.counted, catalogue.first_printing
                    )
                },
                apart=True,
            )
        )
    return units


def _data_units(
    catalogue: Catalogue, records: DayRecords, day_keys, key, docs: Path, idents, kept: KeptData, paper: str = ""
) -> list[Unit]:
    """One unit per year's data files, joined from its days' records and its articles' tags
    (a day unchanged since the last run copied from the file it wrote: `year_exports`), and
    one for the files of all years (joined from the years' files: a year that did not change
    is read back, not made again) and the data page."""
    years: dict[int, list[dt.date]] = {}
    for day in catalogue.days:
        years.setdefault(day.year, []).append(day)
    for year in kept.layouts.keys() - years.keys():  # a year the archive no longer has
        del kept.layouts[year]
    made: dict[int, dict[str, Pieces]] = {}
    # a day's records with their tags as they are now (each article's identity holds its tags)
    digests = {day: key("data-day-tagged", day_keys[day], idents(catalogue.days[day])) for day in catalogue.days}

    def year_days(year: int) -> list[YearDay]:
        return [YearDay(digests[day], partial(records.read, day_keys[day]), catalogue.days[day]) for day in years[year]]

    def year_files(year: int) -> dict[str, Pieces]:
        """The year's files for the files of all years: made this run, or unchanged since the
        last run — its files in docs/ as they are, if they are as written (its layout);
        otherwise made again from its records (a file edited by hand stays as it is, as every
        page kept does, but its edit goes no further)."""
        if year in made:
            return made[year]
        if kept_layout(docs, year, kept.layouts.get(year), kept.written):
            return {rel: Pieces((FilePart(docs / rel),)) for rel in data_year_paths(year)}
        return year_exports(year, year_days(year))[0]

    def make_year(year: int, unit_key: str) -> dict[str, Pieces]:
        layout = kept_layout(docs, year, kept.layouts.get(year), kept.written)
        made[year], kept.layouts[year] = year_exports(
            year, year_days(year), unit_key, (docs, layout) if layout else None
        )
        return made[year]

    units = []
    year_keys = []
    for year, days in years.items():
        year_keys.append(key("data-year", str(year), *(digests[day] for day in days)))
        units.append(Unit(year_keys[-1], partial(make_year, year, year_keys[-1])))
    counts = [(year, sum(len(catalogue.days[day]) for day in days)) for year, days in years.items()]
    units.append(Unit(key("data", repr(counts), paper, *year_keys), lambda: overall_exports(counts, year_files, paper)))
    return units
