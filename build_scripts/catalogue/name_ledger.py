"""The names part of the URL ledger: every reporter's and tag's page the archive has published.

A reporter's page (`reporters/li-jie/`) and a tag's (`tags/jing-ji/`) are linked from outside
as much as articles are, and their slugs are not fixed by the name alone: two names with the
same pinyin are told apart by the order they first appear in (the first keeps `li-jie`, the
next gets `li-jie-2`). A correction or a better parser that changes which name comes first
would hand an address to another person; one that takes a reporter off their last article, or
a tag below `tag_min_articles`, would make its page vanish. So `urls.lock` also lists each
name page ever published, one line each, after the article addresses:

    reporters/li-jie/ 李洁
    reporters/li-jie/2022/ 李洁
    tags/jing-ji/ 经济

A name listed there keeps its slug forever, a new name never gets a slug the ledger gave out,
and a listed name that is no longer in the archive keeps a page saying so (writers/moved_pages).
A name with many articles has a page for each year (writers/name_pages.py); each is listed
below its name's line, and stays: a tag whose articles fall back below the number that splits
its page keeps its year pages (it would drop them otherwise, and with them addresses readers
were given), and a year it no longer has a page saying so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from build_scripts.contract.urls import REPORTERS, TAGS, ascii_slug, person_slug, unique_slugs
from build_scripts.problems import InputError

FOLDERS = (REPORTERS, TAGS)
_ADDRESS = re.compile(rf"^({'|'.join(FOLDERS)})/([a-z0-9]+(?:-[a-z0-9]+)*)/(?:([1-9][0-9]{{3}})/)?$")
FIX = "restore the line from version control (git checkout source_texts/urls.lock), or delete it"


def is_name_line(line: str) -> bool:
    """Whether a ledger line (comments stripped) is about a name page, not an article."""
    return line.startswith(tuple(f"{folder}/" for folder in FOLDERS))


@dataclass
class NameLedger:
    """Slug → name of every name page published, by folder (REPORTERS, TAGS)."""

    slugs: dict[str, dict[str, str]] = field(default_factory=lambda: {folder: {} for folder in FOLDERS})
    # slug → the years it has a page of its own for, by folder (only names that have them)
    years: dict[str, dict[str, frozenset[int]]] = field(default_factory=lambda: {folder: {} for folder in FOLDERS})

    def pin(self, folder: str, names: Iterable[str]) -> dict[str, str]:
        """Slug for each distinct name, in the order given: a listed name keeps its slug, a new
        one gets its pinyin slug (homophones -2, -3 …) never given out before, and is listed."""
        known = self.slugs[folder]
        slug_of = {name: slug for slug, name in sorted(known.items(), reverse=True)}  # first slug wins
        distinct = list(dict.fromkeys(names))
        new = [name for name in distinct if name not in slug_of]
        make_slug = person_slug if folder == REPORTERS else ascii_slug
        fresh = unique_slugs((make_slug(n) for n in new), empty="x", reserved_suffix=True, taken=known)
        for name, slug in zip(new, fresh, strict=True):
            known[slug] = name
            slug_of[name] = slug
        return {name: slug_of[name] for name in distinct}

    def gone(self, folder: str, listed: Iterable[str]) -> list[tuple[str, str]]:
        """(slug, name) of the pages of `folder` published before and not among `listed` slugs."""
        now = set(listed)
        return [(slug, name) for slug, name in sorted(self.slugs[folder].items()) if slug not in now]

    def years_of(self, folder: str, slug: str) -> frozenset[int]:
        """The years the name's year pages were published for."""
        return self.years[folder].get(slug, frozenset())

    def publish_years(self, folder: str, slug: str, years: frozenset[int]) -> None:
        """List the name's year pages (its line is listed: `pin`)."""
        if years:
            self.years[folder][slug] = years

    def copy(self) -> NameLedger:
        return NameLedger(
            {folder: dict(slugs) for folder, slugs in self.slugs.items()},
            {folder: dict(years) for folder, years in self.years.items()},
        )

    def reads_back(self) -> bool:
        """Whether `parse_names` gives these names back from `lines()`: not a name that holds a
        `#` (a comment to it) or a line break, or begins or ends with a space."""
        return all(
            "#" not in name and name == name.strip() and len(name.splitlines()) == 1
            for slugs in self.slugs.values()
            for name in slugs.values()
        )

    def lines(self) -> list[str]:
        """Each name's line, its year pages' lines below it."""
        return [
            line
            for folder in FOLDERS
            for slug, name in sorted(self.slugs[folder].items())
            for line in (
                f"{folder}/{slug}/ {name}",
                *(f"{folder}/{slug}/{year}/ {name}" for year in sorted(self.years_of(folder, slug))),
            )
        ]


def _other_name(address: str, said: str, named: str) -> str:
    return f"lists {address} as {said}, but its name's line as {named}: a year's page carries its name's name"


def parse_names(text: str, where: str) -> NameLedger:
    """The name lines of a ledger's text (article lines are catalogue/ledger.py's)."""
    ledger = NameLedger()
    year_lines: list[tuple[int, str, str, str, int, str]] = []  # line, address, folder, slug, year, name
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not is_name_line(line):
            continue
        address, _, name = line.partition(" ")
        match = _ADDRESS.match(address)
        if not match:
            raise InputError(where, number, f"{address!r} is not a name page address like reporters/li-jie/", FIX)
        name = name.strip()
        if not name:
            raise InputError(where, number, f"{address} names no one: the line is `address name`", FIX)
        folder, slug, year = match.groups()
        if year is not None:  # a year's page: checked against its name's line once all are read
            year_lines.append((number, address, folder, slug, int(year), name))
            continue
        if slug in ledger.slugs[folder]:
            raise InputError(
                where,
                number,
                f"lists {address} twice",
                "keep the line that matches the published page (see maintainers/permanent-urls.md)",
            )
        ledger.slugs[folder][slug] = name
    # A year's page listed twice is kept once (two branches that published it, merged).
    for number, address, folder, slug, year, said in year_lines:
        named = ledger.slugs[folder].get(slug)
        if named is None:
            raise InputError(
                where, number, f"lists {address}, a year's page of {folder}/{slug}/, which it does not list", FIX
            )
        if said != named:
            raise InputError(where, number, _other_name(address, said, named), FIX)
        ledger.years[folder][slug] = ledger.years[folder].get(slug, frozenset()) | {year}
    return ledger
