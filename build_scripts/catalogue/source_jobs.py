"""One source file, read, parsed and tagged on its own: the unit of work of the conversion.

Nothing in a job depends on any other file, so jobs run in parallel worker processes and
their results are kept in the conversion cache (`source_cache.py`). A job never raises: what
went wrong comes back as data (an input error, or a bug with its message), because exceptions
do not all survive the trip between processes, and the conversion must report the first
problem in file order whatever order the workers finished in.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from build_scripts.catalogue.tags import Tagger, Text, load_stop_words
from build_scripts.contract.labels import main_title_of
from build_scripts.contract.urls import slugs_of
from build_scripts.ingest.archive_config import ArchiveConfig
from build_scripts.ingest.read import Discovered, read_source
from build_scripts.ingest.source import SourcePage
from build_scripts.parse.model import BODY_KINDS, PageParse
from build_scripts.parse.parser import parse_page
from build_scripts.problems import InputError, Problem, Report

NOTICE, WARNING = "note", "warning"
# Below this many files a pool costs more to start (and to load jieba in every worker) than it saves.
MIN_FILES_PER_WORKER = 4


@dataclass
class SourceResult:
    """What one source file became, or why it could not be converted."""

    rel: str
    key: str = ""  # its file's cache key (source_cache.py)
    page: SourcePage | None = None
    parsed: PageParse | None = None
    tags: list[dict[str, float]] = field(default_factory=list)  # candidate tag words per article (Tagger.words)
    slugs: dict[str, str] = field(default_factory=dict)  # of its titles and names: pinyin is slow
    problems: list[tuple[str, Problem]] = field(default_factory=list)  # (NOTICE|WARNING, problem), in order
    error: Problem | None = None  # an input error: this file cannot be converted
    failure: Exception | None = None  # a bug in the converter

    def replay(self, report: Report) -> None:
        """Report this file's notices and warnings, as if it had just been read."""
        for kind, problem in self.problems:
            (report.notices if kind == NOTICE else report.warnings).append(problem)


def check_parse(page: SourcePage, result: PageParse, report: Report) -> None:
    """Warnings about what the parser made of a page: unsure decisions, bare headlines, no article."""
    for decision in result.decisions:
        if not decision.confident:
            report.warn(
                page.path,
                decision.line,
                f"unsure: {decision.label} ({decision.rule})",
                "check it; fix it with a .fix.yml sidecar if it is wrong (see maintainers/input-files.md, Corrections)",
            )
    for article in result.articles:
        if not any(s.kind in BODY_KINDS for s in article.segments):
            first = article.segments[0]
            report.warn(
                page.path,
                first.first_line,
                f"“{first.text[:30]}” has no text below it",
                "check the source for text lost before it reached this file; mark the line "
                "furniture or paragraph in a .fix.yml sidecar if it is not a headline",
            )
    if not result.articles:
        report.warn(
            page.path,
            None,
            "no article found in this file (it is empty or has only page furniture)",
            "check the file; remove it if it is not an issue text",
        )


class _OrderedReport(Report):
    """A report that also remembers the order of notices and warnings, to replay them."""

    def __init__(self) -> None:
        super().__init__()
        self.in_order: list[tuple[str, Problem]] = []

    def warn(self, path: str, line: int | None, what: str, fix: str = "") -> None:
        self.in_order.append((WARNING, Problem(path, line, what, fix)))

    def notice(self, path: str, line: int | None, what: str, fix: str = "") -> None:
        self.in_order.append((NOTICE, Problem(path, line, what, fix)))


_taggers: dict[tuple[int, int, str], Tagger] = {}  # one per process and setting: its word cache fills once


def _tagger_for(config: ArchiveConfig) -> Tagger:
    setting = (config.tags_per_article, config.tag_min_articles, config.paper.title)
    if setting not in _taggers:
        stop_words = load_stop_words() | ({config.paper.title} if config.paper.title else set())
        _taggers[setting] = Tagger(config.tags_per_article, config.tag_min_articles, stop_words)
    return _taggers[setting]


def convert_source(found: Discovered, config: ArchiveConfig) -> SourceResult:
    """Read, parse and tag one file."""
    report = _OrderedReport()
    result = SourceResult(found.rel, problems=report.in_order)
    try:
        page = read_source(found, config, report)
        parsed = parse_page(page.text, page.first_line, page.corrections, config.profile)
        check_parse(page, parsed, report)
        tagger = _tagger_for(config)
        result.tags = [
            tagger.words(Text(a.title, a.text, (*a.authors, *a.correspondents))) if tagger.per_article > 0 else {}
            for a in parsed.articles
        ]
        result.slugs = slugs_of(
            text for a in parsed.articles for text in (main_title_of(a.title_parts), *a.authors, *a.correspondents)
        )
        result.page, result.parsed = page, parsed
    except InputError as exc:
        result.error = exc.problem
    except Exception as exc:  # a bug: reported with the file's name, never a traceback
        result.failure = exc
    return result


def keep(result: SourceResult, entry: Path) -> None:
    """Write a result where the cache keeps it (by the worker that made it: the writing is
    spread over the workers). A file that could not be converted is tried again next time.
    No temporary file: a torn entry does not unpickle, and the cache reads it as missing."""
    if result.error or result.failure is not None:
        return
    entry.parent.mkdir(parents=True, exist_ok=True)
    with open(entry, "wb") as stream:
        pickle.dump(result, stream, protocol=pickle.HIGHEST_PROTOCOL)


Job = tuple[Discovered, ArchiveConfig, Path | None]


def _job(args: Job) -> SourceResult:
    found, config, entry = args
    result = convert_source(found, config)
    if entry is not None:
        keep(result, entry)
    return result


def _job_in_worker(args: Job) -> SourceResult:
    result = _job(args)
    if result.failure is not None:
        try:  # it must travel back to the main process; not every exception can
            pickle.dumps(result.failure)
        except Exception:
            result.failure = RuntimeError(f"{type(result.failure).__name__}: {result.failure}")
    return result


def _end_with_parent() -> None:
    """In a worker: end when the conversion that started it ends, even if it was killed
    (Linux; elsewhere the worker ends when it next finds the queue closed)."""
    try:
        import ctypes
        import signal

        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)
    except (OSError, AttributeError):
        pass


def default_jobs() -> int:
    """All the cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def convert_sources(
    found: Sequence[Discovered],
    config: ArchiveConfig,
    jobs: int,
    done: Callable[[int], None] | None = None,
    entries: Sequence[Path | None] | None = None,
) -> Iterator[SourceResult]:
    """convert_source for every file, in the order given, on up to `jobs` processes; each
    result is also kept at its cache entry (`entries`, when given). `done(n)` is called as
    results arrive (for a progress bar)."""
    work: list[Job] = [(one, config, entries[i] if entries else None) for i, one in enumerate(found)]
    workers = min(jobs, len(work) // MIN_FILES_PER_WORKER)
    if workers <= 1:
        for item in work:
            yield _job(item)
            if done:
                done(1)
        return
    # Chunks of a few files: few enough round trips, small enough that workers finish together.
    chunk = max(1, min(16, len(work) // (workers * 8)))
    with ProcessPoolExecutor(max_workers=workers, initializer=_end_with_parent) as pool:
        for result in pool.map(_job_in_worker, work, chunksize=chunk):
            yield result
            if done:
                done(1)
