"""Who wrote what and what it is about: reporters and tags with their pages and articles.

Every reporter, correspondent and tag gets a page (its path: contract.urls), so the article
pages, the index pages and the front matter all link to the same place.

Paths are pinyin slugs (李洁 → `reporters/li-jie/`). Two names with the same pinyin are told
apart in the order they first appear in the archive (date, 版, position): the first keeps the
plain slug and later ones get `-2`, `-3` … Once published, a name keeps its slug: the URL
ledger lists it (catalogue/name_ledger.py).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from build_scripts.catalogue.contents import targets_of
from build_scripts.catalogue.duplicates import reprints
from build_scripts.catalogue.name_ledger import NameLedger
from build_scripts.catalogue.place import PlacedArticle
from build_scripts.contract.urls import (
    REPORTERS,
    TAGS,
    entry_path,
    entry_year_path,
    issue_path,
    month_anchor,
    page_anchor,
    year_path,
)
from build_scripts.ingest.paper_profile import DEFAULT

AUTHOR, CORRESPONDENT = "记者", "通讯员"


@dataclass(frozen=True)
class Entry:
    """A reporter or a tag: its name and where its pages are."""

    name: str
    folder: str  # REPORTERS or TAGS
    slug: str

    @property
    def path(self) -> str:
        return entry_path(self.folder, self.slug)

    def year_path(self, year: int) -> str:
        return entry_year_path(self.folder, self.slug, year)


@dataclass(frozen=True)
class Credit:
    """One article a reporter is named on, and in which role."""

    placed: PlacedArticle
    role: str  # AUTHOR or CORRESPONDENT


@dataclass
class Catalogue:
    articles: list[PlacedArticle]
    days: dict[dt.date, list[PlacedArticle]] = field(default_factory=dict)
    people: dict[str, Entry] = field(default_factory=dict)
    credits: dict[str, list[Credit]] = field(default_factory=dict)  # each name's, in archive order
    tags: dict[str, Entry] = field(default_factory=dict)
    tagged: dict[str, list[PlacedArticle]] = field(default_factory=dict)  # each tag's, in archive order
    # Markdown list items made for the pages of reporters and tags (writers/name_pages.py): an
    # article is listed on the page of each of its names and tags.
    items: dict[tuple, str] = field(default_factory=dict)
    # An article printed again on another 版 of the same issue (a front-page story the paper
    # prints in full where it continues): docs path of the reprint → the first printing. Both
    # pages stay (each 版's contents list it); reporters' and tags' pages list it once.
    first_printing: dict[str, PlacedArticle] = field(default_factory=dict)
    # Is this the title a box bears day after day (图片报道, 导读: the paper's profile,
    # `PaperProfile.is_box_title`)? Such a title does not tell its article from the others.
    is_box_title: Callable[[str], bool] = DEFAULT.is_box_title

    def told_apart(self, placed: PlacedArticle) -> bool:
        """Does the article's title tell it apart in a list of articles? Not a box's title,
        nor no title (`shown_title`: 无标题): a list shows where its text opens too."""
        title = placed.entry.title
        return bool(title) and not self.is_box_title(title)

    def counted(self, articles: list[PlacedArticle]) -> int:
        """How many articles these are, each once: a printing again is the article counted
        where it was first printed (the archive's, a year's and an issue's totals say so)."""
        return sum(1 for p in articles if p.docs_path not in self.first_printing)

    @classmethod
    def build(
        cls,
        articles: list[PlacedArticle],
        names: NameLedger | None = None,
        is_box_title: Callable[[str], bool] = DEFAULT.is_box_title,
    ) -> Catalogue:
        """`articles` in archive order (date, 版, position), as convert.place_articles gives them.
        `names`: the name pages published before (their slugs are kept; new ones are added).
        `is_box_title`: the paper's profile's (`told_apart`)."""
        names = names if names is not None else NameLedger()
        days: dict[dt.date, list[PlacedArticle]] = defaultdict(list)
        credits: dict[str, list[Credit]] = defaultdict(list)
        tagged: dict[str, list[PlacedArticle]] = defaultdict(list)
        first_printing = reprints(articles)
        for placed in articles:
            days[placed.date].append(placed)
            if placed.docs_path in first_printing:
                continue
            entry = placed.entry
            for name in entry.authors:
                credits[name].append(Credit(placed, AUTHOR))
            for name in entry.correspondents:
                if name not in entry.authors:
                    credits[name].append(Credit(placed, CORRESPONDENT))
            for tag in dict.fromkeys(placed.tags):
                tagged[tag].append(placed)
        people = {name: Entry(name, REPORTERS, slug) for name, slug in names.pin(REPORTERS, credits).items()}
        tags = {tag: Entry(tag, TAGS, slug) for tag, slug in names.pin(TAGS, tagged).items()}
        return cls(
            articles=articles,
            days=dict(sorted(days.items())),
            people=people,
            credits=dict(credits),
            tags=tags,
            tagged=dict(tagged),
            first_printing=first_printing,
            is_box_title=is_box_title,
        )


class DayLinks:
    """Where each article page of a day links to (front matter `links`), by the article's docs
    path, worked out when first asked: an article's links lead only to its day's articles
    (neighbours, reprints: an issue prints an article again, never another day) and to the
    pages of its names and tags. A contents box's links (`contents`, to the articles it names)
    go into its page's body, not its front matter.

    Values are docs-relative `.md` paths. The MkDocs plugin turns each into the URL of the page
    built from it, so the links are right under any `site_url` and with or without directory
    URLs, and a missing page is a build warning (an error under `--strict`), not a dead link."""

    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue
        self.people = {name: entry.path for name, entry in catalogue.people.items()}
        self.tags = {tag: entry.path for tag, entry in catalogue.tags.items()}
        self.made: dict[dt.date, dict[str, dict[str, Any]]] = {}
        self._days: list[dt.date] = []  # in order (`around`)
        self._order: dict[dt.date, int] = {}

    def around(self, day: dt.date) -> tuple[dt.date | None, dt.date | None]:
        """The issues before and after the day's: where its first and last articles lead on."""
        if not self._days:
            self._days = list(self.catalogue.days)
            self._order = {d: n for n, d in enumerate(self._days)}
        days, n = self._days, self._order[day]
        return (days[n - 1] if n > 0 else None), (days[n + 1] if n + 1 < len(days) else None)

    def __call__(self, day: dt.date) -> dict[str, dict[str, Any]]:
        if day not in self.made:
            self.made[day] = self._make(day)
        return self.made[day]

    def _make(self, day: dt.date) -> dict[str, dict[str, Any]]:
        articles = self.catalogue.days[day]
        issue, year = issue_path(day), f"{year_path(day.year)}#{month_anchor(day.month)}"
        paths = [placed.docs_path for placed in articles]
        links: dict[str, dict[str, Any]] = {}
        before, after = self.around(day)
        for i, placed in enumerate(articles):
            links[paths[i]] = {
                "issue": issue,
                "page_anchor": page_anchor(placed.entry.page),
                "year": year,
                "previous": paths[i - 1] if i > 0 else None,
                "next": paths[i + 1] if i + 1 < len(articles) else None,
                # a name only a printing again carries (its first printing was cut without
                # the byline) has no page: reporters' pages list first printings
                "people": {name: self.people[name] for name in placed.entry.names if name in self.people},
                "tags": {tag: self.tags[tag] for tag in placed.tags},
            }
        # read on from an issue's last article to the next issue, and back from its first
        if before is not None:
            links[paths[0]]["previous_issue"] = issue_path(before)
        if after is not None:
            links[paths[-1]]["next_issue"] = issue_path(after)
        boxes = [placed for placed in articles if placed.entry.contents]
        if boxes:  # a contents box leads to the articles it names (contents.py)
            pages: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
            for placed in articles:
                entry = placed.entry
                if entry.page is not None:
                    pages[entry.page].append((placed.docs_path, entry.title, entry.main_title))
            for placed in boxes:
                links[placed.docs_path]["contents"] = targets_of(placed.entry.contents, issue, pages)
        for reprint, first in self.catalogue.first_printing.items():
            if first.date == day:
                links[reprint]["first_printing"] = first.docs_path
                links[first.docs_path].setdefault("printed_again", []).append(reprint)
        return links
