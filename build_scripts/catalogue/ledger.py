"""The URL ledger: every article address the archive has published, and where it leads now.

An article's address (`YYYY/MM/DD/<slug>/`) is cited, bookmarked and indexed, so once
published it must resolve forever — even when a correction or a better parser changes the
article's headline (and so the slug it would get) or where it is cut. The ledger,
`source_texts/urls.lock`, is kept under version control with the texts. Each line is one
address and what the archive knows about the article it was given to:

    2026/05/01/quan-guo-wu-yi-wen-hua/ published 1 12-40 3f2a9c1b0d4e
    2026/05/01/article-3/ moved 1 41-44 77aa01c2d3e4 2026/05/01/ben-bao-bei-jing/
    2026/05/02/yi-ze-gong-gao/ withdrawn 3 5-9 bb01c2d3e4f5

(address, state, 版 (`-`: none), source lines, text fingerprint, successor). On every
conversion the new articles are matched to the ledger, first to last:

1. the same text fingerprint on the same day (the hash of every non-space character the
   article was cut from: it survives a new headline or a re-labelled line, and line shifts
   from edits elsewhere in the file);
2. the same 版 of the same day (a correction or a parser change that re-cuts a page): the
   article whose headline asks for the address's slug wins, then the one sharing its first
   line, then the largest overlap of source lines — so a story keeps its address when the
   page's lines were renumbered (the file saved again without its blank lines) and another
   story now starts on, or covers, its old lines;
3. no match: a new address, never one the ledger has given out before.

A ledger address whose article is gone becomes `moved` — to the article that now holds its
text (same fingerprint on any day, or the most overlapping cut of the same 版) — or else
`withdrawn`. Its location is kept, so an article that comes back gets its address back.
The same input always gives the same ledger; lines are sorted by address, so a day's new
issue is one block of new lines in a diff.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from build_scripts.catalogue.name_ledger import NameLedger, is_name_line, parse_names
from build_scripts.contract.urls import article_url, day_folder, unique_slugs
from build_scripts.problems import InputError

PUBLISHED, MOVED, WITHDRAWN = "published", "moved", "withdrawn"
STATES = (PUBLISHED, MOVED, WITHDRAWN)
HEADER = """\
# URL ledger: every article address this archive has published, and where it leads now.
# Written by `python -m build_scripts convert`; commit it together with the texts.
# address  state  版  source-lines  text-fingerprint  [successor]   (see maintainers/permanent-urls.md)
# then every reporter's and tag's page:  address  name
"""
PAPER = re.compile(r"^#\s*paper:\s*(\S+)\s*$")  # the paper this ledger belongs to (its slug)
_URL = re.compile(r"^(\d{4})/(\d{2})/(\d{2})/([a-z0-9]+(?:-[a-z0-9]+)*)/$", re.ASCII)
_LINES = re.compile(r"^(\d+)-(\d+)$")
_FINGERPRINT = re.compile(r"^[0-9a-f]{12}$")
FIX = "restore the line from version control (git checkout source_texts/urls.lock), or delete it"


def fingerprint(texts: Iterable[str]) -> str:
    """The hash of every non-space character of an article's source, in order."""
    joined = "".join("".join(text.split()) for text in texts)
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class Cut:
    """One article of this conversion: where it was cut from, and the slug its title asks for."""

    date: dt.date
    page: int | None
    first_line: int
    last_line: int
    fingerprint: str
    wanted_slug: str


class Entry(NamedTuple):
    """A line of the ledger (a tuple: every run loads the parsed ledger from the cache, quickly)."""

    url: str  # `YYYY/MM/DD/<slug>/`
    state: str
    page: int | None
    first_line: int
    last_line: int
    fingerprint: str
    successor: str = ""

    @property
    def date(self) -> dt.date:
        return dt.date.fromisoformat(self.url[:10].replace("/", "-"))

    @property
    def slug(self) -> str:
        return self.url.rstrip("/").rsplit("/", 1)[1]

    def line(self) -> str:
        page = "-" if self.page is None else str(self.page)
        fields = [self.url, self.state, page, f"{self.first_line}-{self.last_line}", self.fingerprint]
        return " ".join([*fields, self.successor] if self.successor else fields)


# -- reading and writing ------------------------------------------------------------------


def _parse_line(text: str, where: str, number: int) -> Entry:
    fields = text.split()

    def fail(what: str) -> InputError:
        return InputError(where, number, what, FIX)

    if len(fields) not in (5, 6):
        raise fail(f"has {len(fields)} fields, not 5 (address state 版 lines fingerprint) or 6 (… successor)")
    url, state, page, lines, print_ = fields[:5]
    successor = fields[5] if len(fields) == 6 else ""
    match = _URL.match(url)
    if not match:
        raise fail(f"{url!r} is not an article address like 2022/01/28/slug/")
    try:
        dt.date(*map(int, match.groups()[:3]))
    except ValueError:
        raise fail(f"{url!r} has an impossible date") from None
    if state not in STATES:
        raise fail(f"unknown state {state!r} (one of {', '.join(STATES)})")
    if page != "-" and not page.isdigit():
        raise fail(f"版 {page!r} is not a number or -")
    span = _LINES.match(lines)
    if not span or int(span[1]) > int(span[2]):
        raise fail(f"source lines {lines!r} are not like 12-40")
    if not _FINGERPRINT.match(print_):
        raise fail(f"text fingerprint {print_!r} is not 12 hexadecimal digits")
    if (state == MOVED) != bool(successor):
        raise fail("a moved address names its successor, and only a moved one")
    if successor and not _URL.match(successor):
        raise fail(f"successor {successor!r} is not an article address like 2022/01/28/slug/")
    return Entry(url, state, None if page == "-" else int(page), int(span[1]), int(span[2]), print_, successor)


def parse_ledger(text: str, where: str) -> dict[str, Entry]:
    entries: dict[str, Entry] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        if "<<<<<<<" in raw or ">>>>>>>" in raw or raw.startswith("======="):
            raise InputError(
                where,
                number,
                "has an unresolved merge conflict",
                "keep every address from both sides (see maintainers/permanent-urls.md), then convert again",
            )
        line = raw.split("#", 1)[0].strip()
        if not line or is_name_line(line):  # a name page's line: catalogue/name_ledger.py
            continue
        entry = _parse_line(line, where, number)
        if entry.url in entries:
            raise InputError(
                where,
                number,
                f"lists {entry.url} twice",
                "keep the line that matches the published article (see maintainers/permanent-urls.md)",
            )
        entries[entry.url] = entry
    for entry in entries.values():
        if entry.successor and entry.successor not in entries:
            raise InputError(
                where, None, f"{entry.url} moved to {entry.successor}, which the ledger does not list", FIX
            )
    return entries


def read_ledger(path: Path, paper: str | None = None, parsed: dict | None = None) -> dict[str, Entry]:
    """The ledger at `path` ({} when there is none yet). With `paper` (the slug in archive.yml),
    a ledger written for another paper is an error: its addresses would be published as
    withdrawn articles of this one. `parsed`: a ledger's text parsed before (`remember_ledger`),
    taken as it is when the file holds that text (parsing 10,000 lines costs a tenth of a second)."""
    if not path.is_file():
        return {}
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), None, f"cannot be read ({exc})", "restore it from version control") from None
    for number, line in enumerate(text.splitlines(), start=1):
        match = PAPER.match(line)
        if match and paper is not None and match.group(1) != paper:
            raise InputError(
                str(path),
                number,
                f"is the URL ledger of another paper ({match.group(1)}), not of {paper} (archive.yml)",
                "a new paper starts a new ledger: move this file away (or delete it) before converting its texts",
            )
    if parsed is not None and parsed.get("text") == _digest(text):
        return dict(parsed["entries"])
    entries = parse_ledger(text, str(path))
    if parsed is not None:
        remember_ledger(parsed, text, entries)
    return entries


def remember_ledger(parsed: dict, text: str, entries: dict[str, Entry], names: NameLedger | None = None) -> None:
    """Keep a ledger's entries, and its name pages when given, under a digest of its text
    (`read_ledger`'s and `read_names`' `parsed`). Names the text would not give back as they
    are (`NameLedger.reads_back`) are not kept: the next run reads them from the text."""
    kept = names.copy() if names is not None and names.reads_back() else None
    parsed.update(text=_digest(text), entries=dict(entries), names=kept)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def read_names(path: Path, parsed: dict | None = None) -> NameLedger:
    """The name pages the ledger at `path` lists (read_ledger has checked the file). `parsed`:
    as read_ledger's, the names kept with it are taken when the file holds the same text (a
    tenth of a second at 10,000 articles)."""
    if not path.is_file():
        return NameLedger()
    text = path.read_text(encoding="utf-8")
    same = parsed is not None and parsed.get("text") == _digest(text)
    if same and parsed is not None and parsed.get("names") is not None:
        return parsed["names"].copy()  # a copy: the conversion adds its new names to what it returns
    names = parse_names(text, str(path))
    if same and parsed is not None:
        parsed["names"] = names.copy()
    return names


def dump_ledger(entries: dict[str, Entry], paper: str = "", names: NameLedger | None = None) -> str:
    owner = f"# paper: {paper}\n" if paper else ""
    articles = "".join(entries[url].line() + "\n" for url in sorted(entries))
    return HEADER + owner + articles + "".join(line + "\n" for line in (names.lines() if names else []))


# -- matching -----------------------------------------------------------------------------


def _overlap(entry: Entry, cut: Cut) -> int:
    return min(entry.last_line, cut.last_line) - max(entry.first_line, cut.first_line) + 1


def _same_headline(entry: Entry, cut: Cut) -> bool:
    """Was the address given for this cut's headline: its slug, or that slug with the number that
    set it apart? (An untitled article asks for its first words' slug; one asking none matches none.)"""
    want = cut.wanted_slug
    if not want:
        return False
    slug = entry.slug
    return slug == want or (slug.startswith(f"{want}-") and slug[len(want) + 1 :].isdigit())


def _pairs(entries: list[Entry], cuts: list[tuple[int, Cut]]) -> list[tuple[tuple, str, int]]:
    """Candidate (score, address, cut) pairs of one day, best first."""
    by_text: dict[str, list[Entry]] = defaultdict(list)
    by_page: dict[int | None, list[Entry]] = defaultdict(list)
    for entry in entries:
        by_text[entry.fingerprint].append(entry)
        by_page[entry.page].append(entry)
    found = []
    for i, cut in cuts:
        candidates = {e.url: e for e in (*by_text.get(cut.fingerprint, ()), *by_page.get(cut.page, ()))}
        for entry in candidates.values():
            same_text = entry.fingerprint == cut.fingerprint
            same_page = entry.page == cut.page
            overlap = _overlap(entry, cut) if same_page else 0
            # the same headline on the same 版: its lines mean little once the page's lines
            # were renumbered (a file saved again without its blank lines, and cut anew)
            same_headline = _same_headline(entry, cut)
            if not same_text and overlap <= 0 and not (same_page and same_headline):
                continue
            score = (
                same_text,
                entry.state == PUBLISHED,
                same_page,
                # Between a story cut anew and an address whose text it no longer has, the
                # headline counts before the lines, which a page saved again renumbers. Not
                # between the same texts: there the first line decides, so that the next run,
                # which finds every article's own line under its address, matches as this one.
                same_headline and not same_text,
                entry.first_line == cut.first_line,
                overlap,
                -abs(entry.first_line - cut.first_line),
            )
            found.append((score, entry.url, i))
    # Best score first; ties go to the earlier address and the earlier article: deterministic.
    found.sort(key=lambda item: (tuple(-x for x in item[0]), item[1], item[2]))
    return found


def assign(cuts: list[Cut], ledger: dict[str, Entry], known: dict | None = None) -> tuple[list[str], dict[str, Entry]]:
    """The slug of every cut (in the order given), and the ledger after this conversion. `known`:
    each day's slugs as the last run matched them, under a digest of what they were matched
    from (updated to this run's): a day whose cuts and ledger lines are the same is not matched again."""
    slugs = [""] * len(cuts)
    by_day: dict[dt.date, list[tuple[int, Cut]]] = defaultdict(list)
    for i, cut in enumerate(cuts):
        by_day[cut.date].append((i, cut))
    # (by the date as the address writes it: a date made for every line cost 0.1 s at 100,000)
    old_by_day: dict[str, list[Entry]] = defaultdict(list)
    for entry in ledger.values():
        old_by_day[entry.url[:10]].append(entry)
    known = known if known is not None else {}
    now: dict[dt.date, tuple[str, list[str]]] = {}
    matched: set[dt.date] = set()
    new: dict[str, Entry] = {}
    for day, day_cuts in sorted(by_day.items()):
        old = old_by_day.get(day_folder(day), [])
        inputs = _day_inputs(old, day_cuts)
        kept = known.get(day)
        if kept is not None and kept[0] == inputs:
            day_slugs = kept[1]
        else:
            day_slugs = _match_day(old, day_cuts)
            matched.add(day)
        now[day] = (inputs, day_slugs)
        for (i, cut), slug in zip(day_cuts, day_slugs, strict=True):
            slugs[i] = slug
            url = article_url(day, slug)
            new[url] = Entry(url, PUBLISHED, cut.page, cut.first_line, cut.last_line, cut.fingerprint)
    by_text: dict[str, list[int]] = defaultdict(list)
    by_page: dict[tuple[dt.date, int | None], list[int]] = defaultdict(list)
    for i, cut in enumerate(cuts):
        by_text[cut.fingerprint].append(i)
        by_page[(cut.date, cut.page)].append(i)
    for url, entry in ledger.items():
        if url not in new:
            new[url] = _retired(
                entry, cuts, slugs, by_text.get(entry.fingerprint, []), by_page.get((entry.date, entry.page), [])
            )
    final = _without_chains(new)
    # A day matched now is kept under the digest of the lines written for it: matched against
    # them, its cuts find the addresses they were given, so the next run need not match it
    # again (a ledger not written, as by the preview, gives another digest: matched again).
    written: dict[str, list[Entry]] = {day_folder(day): [] for day in matched}
    for entry in final.values():
        if entry.url[:10] in written:
            written[entry.url[:10]].append(entry)
    for day in matched:
        now[day] = (_day_inputs(written[day_folder(day)], by_day[day]), now[day][1])
    known.clear()
    known.update(now)
    return slugs, final


def _day_inputs(old: list[Entry], cuts: list[tuple[int, Cut]]) -> str:
    """A digest of all that matching a day reads: its ledger lines (in any order: matching
    breaks ties by address) and its cuts, in order."""
    lines = sorted((e.url, e.state, e.page, e.first_line, e.last_line, e.fingerprint, e.successor) for e in old)
    cut = [(c.page, c.first_line, c.last_line, c.fingerprint, c.wanted_slug) for _, c in cuts]
    return hashlib.blake2b(repr((lines, cut)).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _match_day(old: list[Entry], day_cuts: list[tuple[int, Cut]]) -> list[str]:
    """The slugs of one day's cuts: the addresses of the day's ledger lines they match, or new ones."""
    slugs = {i: "" for i, _ in day_cuts}
    used: set[str] = set()
    slug_of = {entry.url: entry.slug for entry in old}
    for _score, url, i in _pairs(old, day_cuts):
        if url in used or slugs[i]:
            continue
        used.add(url)
        slugs[i] = slug_of[url]
    taken = {entry.slug for entry in old} | {slug for slug in slugs.values() if slug}
    unmatched = [i for i, _ in day_cuts if not slugs[i]]
    wanted = {i: cut.wanted_slug for i, cut in day_cuts}
    for i, slug in zip(unmatched, unique_slugs((wanted[i] for i in unmatched), taken=taken), strict=True):
        slugs[i] = slug
    return [slugs[i] for i, _ in day_cuts]


def _retired(entry: Entry, cuts: list[Cut], slugs: list[str], same_text: list[int], same_page: list[int]) -> Entry:
    """An address whose article is not published any more: moved to the article that holds its
    text now, else withdrawn. Where it was is kept, so an article that returns gets it back."""
    overlapping = sorted((-_overlap(entry, cuts[i]), i) for i in same_page if _overlap(entry, cuts[i]) > 0)
    if same_text:
        i = min(same_text, key=lambda i: (cuts[i].date != entry.date, abs((cuts[i].date - entry.date).days), i))
    elif overlapping:
        i = overlapping[0][1]
    elif entry.state == MOVED:
        return entry  # still where it was sent (that address is followed on if it moved too)
    else:
        return entry._replace(state=WITHDRAWN, successor="")
    return entry._replace(state=MOVED, successor=article_url(cuts[i].date, slugs[i]))


def _without_chains(entries: dict[str, Entry]) -> dict[str, Entry]:
    """Every moved address points straight at a published one (a redirect never chains)."""
    result = dict(entries)
    for url, entry in entries.items():
        if entry.state != MOVED:
            continue
        seen, target = {url}, entry.successor
        while target in entries and entries[target].state == MOVED and target not in seen:
            seen.add(target)
            target = entries[target].successor
        if target not in entries or entries[target].state != PUBLISHED:
            result[url] = entry._replace(state=WITHDRAWN, successor="")
        else:
            result[url] = entry._replace(successor=target)
    return result
