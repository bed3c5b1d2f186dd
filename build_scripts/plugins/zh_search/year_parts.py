"""A year's articles cut for the search index in parts, each part by a process of its own.

A build after an older issue changed waits mostly for the search index: the year the issue is
in is cut again whole (`year_cache.py`), about 6 ms an article, while MkDocs, rendering the
few pages that changed, leaves the other cores idle (maintainers/scale.md, "Sharded builds").
So a long year is cut in runs of its articles, in order, one run in this process and the
others in processes forked from it, each run cut as `IndexWriter.cut_articles` cuts it (its
articles' files written by the process that cuts them). The runs' word lists are then joined
in order (`WordList.extend`: the articles of a later run all come after an earlier run's),
so the index is the same, byte for byte, as one cut in one process
(tests/test_search_index_parts.py).
"""

from __future__ import annotations

import collections
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
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


@dataclass
class Part:
    """What cutting a run of a year's articles added to the index being written."""

    lists: dict[str, WordList]
    words: set[str]  # the words of the run
    texts: list[str]  # its articles' texts as cut (`IndexWriter.year_text`)
    names: collections.Counter[str]
    page_names: collections.Counter[str]
    boxes: int
    files: int
    bytes: int


# In a forked process: the writer and the year's articles, inherited from the process that
# forked it (`cut_in_parts`).
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


def cut_in_parts(
    writer: Writer,
    year: int,
    kept: list[Any],
    copies: dict[int, list[Any]],
    numbers: range,
    lists: dict[str, WordList],
    words: set[str],
    jobs: int = 0,
) -> None:
    """`writer.cut_articles(year, kept, copies, numbers, lists, words)`, shared among up to
    `jobs` processes (0: one per core) where each has `MIN_PART` articles or more."""
    global _shared
    parts = min(jobs or default_jobs(), len(numbers) // MIN_PART) if can_fork() else 1
    if parts < 2:
        writer.cut_articles(year, kept, copies, numbers, lists, words)
        return
    first, *later = runs(numbers, parts)
    _shared = (writer, year, kept, copies)  # before the pool forks: its processes inherit it
    try:
        with forked_pool(len(later)) as pool:
            try:
                made = [pool.submit(_cut_run, run) for run in later]
            except (BrokenProcessPool, OSError):  # no process could be forked: all here
                made = []
            writer.cut_articles(year, kept, copies, first, lists, words)
            cut = [_result(part) for part in made] or [None] * len(later)
    finally:
        _shared = None
    for run, part in zip(later, cut, strict=True):  # in order: each goes on from the one before
        if part is None:  # its process died (killed, out of memory): cut here
            writer.cut_articles(year, kept, copies, run, lists, words)
        else:
            _join(writer, part, lists, words)


def _result(future: Future[Part]) -> Part | None:
    try:
        return future.result()
    except BrokenProcessPool:
        return None


def _cut_run(numbers: range) -> Part:
    """In a forked process: cut a run of the year's articles from scratch."""
    assert _shared is not None
    writer, year, kept, copies = _shared
    names, page_names = collections.Counter(writer.names), collections.Counter(writer.page_names)
    boxes, files, size = writer.boxes, writer.files, writer.bytes
    writer.year_text = []
    lists: dict[str, WordList] = collections.defaultdict(WordList)
    words: set[str] = set()
    writer.cut_articles(year, kept, copies, numbers, lists, words)
    return Part(
        dict(lists),
        words,
        writer.year_text,
        writer.names - names,
        writer.page_names - page_names,
        writer.boxes - boxes,
        writer.files - files,
        writer.bytes - size,
    )


def _join(writer: Writer, part: Part, lists: dict[str, WordList], words: set[str]) -> None:
    """A later run's cut after what was cut before it."""
    for word, after in part.lists.items():
        before = lists.get(word)
        if before is None:
            lists[word] = after
        else:
            before.extend(after)
    words |= part.words
    writer.year_text += part.texts
    writer.names.update(part.names)
    writer.page_names.update(part.page_names)
    writer.boxes += part.boxes
    writer.files += part.files
    writer.bytes += part.bytes
