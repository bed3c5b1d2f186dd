"""A year's articles cut for the search index in parts, each part by a process of its own.

A build after an older issue changed waits mostly for the search index: the year the issue is
in is cut again whole (`year_cache.py`), about 6 ms an article, while MkDocs, rendering the
few pages that changed, leaves the other cores idle (maintainers/scale.md, "Sharded builds").
So the runs of a year's articles to cut (the year, or the months of it that changed:
`month_parts.py`) are shared out in pieces of about as many articles, in order, one share in
this process and the others in processes forked from it, each piece cut as
`IndexWriter.cut_articles` cuts it (its articles' files written by the process that cuts
them). The pieces' word lists are then joined in order (`WordList.extend`: the articles of a
later piece all come after an earlier one's), so the index is the same, byte for byte, as one
cut in one process (tests/test_search_index_parts.py).
"""

from __future__ import annotations

import collections
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from build_scripts.writers.workers import can_fork, default_jobs, forked_pool

from .postings import WordList

# Articles a process must have to cut for another process to be worth forking: a fork and
# sending back a run's word lists cost some tenths of a second, cutting 500 articles three.
MIN_PART = 500


@dataclass
class YearSoFar:
    """A year's cut as far as its first `articles` kept articles (`one_of_each`), for
    `IndexWriter.add_year` to go on from: their word lists, their words, their texts as cut
    (joined by newlines) — their files are in place already."""

    articles: int
    lists: dict[str, WordList]
    words: set[str]
    text: str


class Writer(Protocol):
    """What of `IndexWriter` cutting a run reads and adds to."""

    out: Path
    year_text: list[str]
    names: collections.Counter[str]
    page_names: collections.Counter[str]
    boxes: int
    files: int
    bytes: int

    def cut_articles(
        self,
        year: int,
        kept: list[Any],
        copies: dict[int, list[Any]],
        numbers: range,
        lists: dict[str, WordList],
        words: set[str],
    ) -> None: ...


class KeptRuns(Protocol):
    """Runs of a year kept from the builds before (`month_parts.KeptMonths`): `cut` takes the
    kept ones and cuts the others, and joins them all, in order, into `lists` and `words`."""

    def cut(
        self,
        writer: Writer,
        year: int,
        kept: list[Any],
        copies: dict[int, list[Any]],
        start: int,
        lists: dict[str, WordList],
        words: set[str],
    ) -> None: ...


@dataclass
class Part:
    """What cutting a run of a year's articles added to the index being written. `shift`: how
    many articles later the run stands now than when it was cut (a kept month of a year whose
    earlier months gained or lost articles since: `month_parts.py`)."""

    lists: dict[str, WordList]
    words: set[str]  # the words of the run
    texts: list[str]  # its articles' texts as cut (`IndexWriter.year_text`)
    names: collections.Counter[str]
    page_names: collections.Counter[str]
    boxes: int
    files: int
    bytes: int
    shift: int = 0


# In a forked process: the writer and the year's articles, inherited from the process that
# forked it (`cut_runs`).
_shared: tuple[Writer, int, list[Any], dict[int, list[Any]]] | None = None


def runs(numbers: range, parts: int) -> list[range]:
    """`numbers` in `parts` runs of (nearly) equal length, in order."""
    size, extra = divmod(len(numbers), parts)
    found, start = [], numbers.start
    for k in range(parts):
        end = start + size + (k < extra)
        found.append(range(start, end))
        start = end
    return found


def pieces(cut: list[range], shares: int) -> list[list[tuple[int, range]]]:
    """The runs `cut` in pieces for `shares` processes, each about as many articles, in order:
    each share's pieces as (the run's index, its numbers)."""
    bounds = runs(range(sum(len(run) for run in cut)), shares)
    found: list[list[tuple[int, range]]] = [[] for _ in bounds]
    at = 0  # where the run stands among all the runs' articles
    for k, run in enumerate(cut):
        for share, bound in zip(found, bounds, strict=True):
            low, high = max(bound.start, at), min(bound.stop, at + len(run))
            if low < high:
                share.append((k, range(run.start + low - at, run.start + high - at)))
        at += len(run)
    return found


def cut_runs(
    writer: Writer, year: int, kept: list[Any], copies: dict[int, list[Any]], cut: list[range], jobs: int = 0
) -> list[Part]:
    """Each run of `cut` cut as a `Part` of its own (in order), shared among up to `jobs`
    processes (0: one per core) where each has `MIN_PART` articles or more. The writer's
    counts are left as they were: `join` adds a part's."""
    global _shared
    total = sum(len(run) for run in cut)
    shares = min(jobs or default_jobs(), total // MIN_PART) if can_fork() else 1
    if shares < 2:
        return [part_of(writer, year, kept, copies, run) for run in cut]
    first, *later = pieces(cut, shares)
    _shared = (writer, year, kept, copies)  # before the pool forks: its processes inherit it
    try:
        with forked_pool(len(later)) as pool:
            try:
                made = [pool.submit(_cut_pieces, [numbers for _, numbers in share]) for share in later]
            except (BrokenProcessPool, OSError):  # no process could be forked: all here
                made = []
            cut_here = [part_of(writer, year, kept, copies, numbers) for _, numbers in first]
            done = [_result(share) for share in made] or [None] * len(later)
    finally:
        _shared = None
    by_run: list[list[Part]] = [[] for _ in cut]
    for share, parts in zip([first, *later], [cut_here, *done], strict=True):
        if parts is None:  # its process died (killed, out of memory): cut here
            parts = [part_of(writer, year, kept, copies, numbers) for _, numbers in share]
        for (k, _), part in zip(share, parts, strict=True):
            by_run[k].append(part)
    return [_whole(parts) for parts in by_run]


def _result(future: Future[list[Part]]) -> list[Part] | None:
    try:
        return future.result()
    except BrokenProcessPool:
        return None


def _cut_pieces(numbers: list[range]) -> list[Part]:
    """In a forked process: cut pieces of the year's articles, each from scratch."""
    assert _shared is not None
    writer, year, kept, copies = _shared
    return [part_of(writer, year, kept, copies, piece) for piece in numbers]


def part_of(writer: Writer, year: int, kept: list[Any], copies: dict[int, list[Any]], numbers: range) -> Part:
    """Cut a run of the year's articles from scratch (writing their files), as a part to join:
    the writer's counts are left as they were."""
    texts, names, page_names = (
        writer.year_text,
        collections.Counter(writer.names),
        collections.Counter(writer.page_names),
    )
    boxes, files, size = writer.boxes, writer.files, writer.bytes
    writer.year_text = []
    lists: dict[str, WordList] = collections.defaultdict(WordList)
    words: set[str] = set()
    writer.cut_articles(year, kept, copies, numbers, lists, words)
    part = Part(
        dict(lists),
        words,
        writer.year_text,
        writer.names - names,
        writer.page_names - page_names,
        writer.boxes - boxes,
        writer.files - files,
        writer.bytes - size,
    )
    writer.year_text, writer.names, writer.page_names = texts, names, page_names
    writer.boxes, writer.files, writer.bytes = boxes, files, size
    return part


def _whole(parts: list[Part]) -> Part:
    """The pieces of one run (cut from scratch, in order) as one part."""
    whole, *rest = parts
    for part in rest:
        _add_lists(whole.lists, whole.words, part)
        whole.texts += part.texts
        whole.names.update(part.names)
        whole.page_names.update(part.page_names)
        whole.boxes += part.boxes
        whole.files += part.files
        whole.bytes += part.bytes
    return whole


def _add_lists(lists: dict[str, WordList], words: set[str], part: Part) -> None:
    """A later part's word lists after those cut before it (the part's lists are taken, not copied)."""
    for word, after in part.lists.items():
        before = lists.get(word)
        if before is None and not part.shift:
            lists[word] = after
            continue
        if before is None:
            before = lists[word] = WordList()
        before.extend(after, part.shift)
    words |= part.words


def join(writer: Writer, part: Part, lists: dict[str, WordList], words: set[str]) -> None:
    """A later run's cut after what was cut before it, its counts added to the writer's."""
    _add_lists(lists, words, part)
    writer.year_text += part.texts
    writer.names.update(part.names)
    writer.page_names.update(part.page_names)
    writer.boxes += part.boxes
    writer.files += part.files
    writer.bytes += part.bytes
