"""One source file, read, parsed and tagged on its own, and its articles' pages and data
records prepared: the unit of work of the conversion.

Nothing in a job depends on any other file, so jobs run in parallel worker processes and
their results are kept in the conversion cache (`source_cache.py`). Everything that can be
worked out from one file is worked out here, spread over the cores: the catalogue's entries
(catalogue/entry.py), the candidate tag words, the pinyin of titles and names, and most of
every page and record (`prepared.py`) — the main process only places the articles, chooses
tags over each year and joins strings. A job never raises: what went wrong comes back as
data (an input error, or a bug with its message), because exceptions do not all survive the
trip between processes, and the conversion must report the first problem in file order
whatever order the workers finished in.
"""

from __future__ import annotations

import gc
import os
import pickle
import traceback
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from build_scripts.catalogue.entry import ArticleEntry, entry_of
from build_scripts.catalogue.tags import Candidates, Tagger, Text, Vocabulary, load_stop_words
from build_scripts.contract.headline import main_title_of
from build_scripts.contract.labels import first_sentence
from build_scripts.contract.record import ArticleRecord, SourceSpan
from build_scripts.contract.urls import ascii_slug, slugs_of
from build_scripts.ingest.archive_config import ArchiveConfig
from build_scripts.ingest.corrections import FixedLines, fixed_lines
from build_scripts.ingest.discover import Discovered
from build_scripts.ingest.read import read_source
from build_scripts.ingest.source import PageMeta, SourcePage
from build_scripts.parse.model import Article, PageParse
from build_scripts.problems import InputError, Problem, Report
from build_scripts.writers.article_pages import body_markdown
from build_scripts.writers.listing import readings_of
from build_scripts.writers.parse_warnings import check_parse
from build_scripts.writers.prepared import Prepared, prepare
from build_scripts.writers.workers import with_parent

NOTICE, WARNING = "note", "warning"
# Below this many files a pool costs more to start than it saves: a worker handles a file in
# about 12 ms, and a process of its own costs a fork and the trips of its results (the parser
# and its models are loaded before the pool forks — see `load_before_forking`).
MIN_FILES_PER_WORKER = 16


@dataclass
class SourceResult:
    """What one source file became, or why it could not be converted."""

    rel: str
    key: str = ""  # its file's cache key (source_cache.py)
    meta: PageMeta | None = None  # its date and 版
    entries: list[ArticleEntry] = field(default_factory=list)  # its articles, in print order
    tags: list[dict[str, float]] = field(default_factory=list)  # candidate tag words per article (Tagger.words)
    candidates: list[Candidates] = field(default_factory=list)  # the same, as word numbers (Vocabulary)
    prepared: list[Prepared] | None = None  # per article; None where only the catalogue is kept
    furniture: list[str] = field(default_factory=list)  # lines of the page's own (本版责编：X)
    slugs: dict[str, str] = field(default_factory=dict)  # of its titles, openings and names: pinyin is slow
    readings: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)  # the same names' pinyin, as indexed
    problems: list[tuple[str, Problem]] = field(default_factory=list)  # (NOTICE|WARNING, problem), in order
    error: Problem | None = None  # an input error: this file cannot be converted
    fixed: FixedLines | None = None  # the lines its sidecar names, as they read (corrections.fixed_lines)
    failure: Exception | None = None  # a bug in the converter

    def replay(self, report: Report, repeated: bool = False) -> None:
        """Report this file's notices and warnings, as if it had just been read (`repeated`:
        by the last run too, the file being unchanged)."""
        for kind, problem in self.problems:
            report.add(problem, notice=kind == NOTICE, repeated=repeated)

    def catalogued(self, vocabulary: Vocabulary) -> SourceResult:
        """What the conversion keeps of every file between runs: without the prepared pages,
        the candidate tag words as numbers of `vocabulary`, and without the pinyin of its
        titles and names — the conversion learns those (`remember_slugs`, `learn_pinyin`) into
        the tables its cache keeps whole (`SourceCache.memo`), so a copy in every file's result
        would only be loaded twice: it was three tenths of what the catalogue held in memory and
        a third of the time unpickling it took (100,000 generated articles)."""
        candidates = [vocabulary.compact(words) for words in self.tags] if self.tags else self.candidates
        return replace(self, prepared=None, tags=[], candidates=candidates, slugs={}, readings={})


class _OrderedReport(Report):
    """A report that also remembers the order of notices and warnings, to replay them."""

    def __init__(self) -> None:
        super().__init__()
        self.in_order: list[tuple[str, Problem]] = []

    def warn(self, path: str, line: int | None, what: str, fix: str = "") -> None:
        self.in_order.append((WARNING, Problem(path, line, what, fix)))

    def notice(self, path: str, line: int | None, what: str, fix: str = "") -> None:
        self.in_order.append((NOTICE, Problem(path, line, what, fix)))


_taggers: dict[tuple, Tagger] = {}  # one per process and setting: its word cache fills once
_last: list = [None, None]  # the settings and tagger of the last call: hashing a long word list per file costs


def _tagger_for(config: ArchiveConfig) -> Tagger:
    if config is _last[0]:  # the same settings as the file before (a pool's chunk shares one)
        return _last[1]
    setting = (config.tags_per_article, config.tag_min_articles, config.paper.title, config.words)
    if setting not in _taggers:
        stop_words = load_stop_words() | ({config.paper.title} if config.paper.title else set())
        _taggers[setting] = Tagger(config.tags_per_article, config.tag_min_articles, stop_words, config.words)
    _last[:] = [config, _taggers[setting]]
    return _taggers[setting]


def record_of(page: SourcePage, article: Article, ordinal: int, box: str = "") -> ArticleRecord:
    """The article's record as far as its own file tells: no address, tags or links yet.
    `box`: "contents" for the page's list of the issue's stories (`entry.contents`)."""
    meta, text, title = page.meta, article.text, article.title
    return ArticleRecord(
        id="",
        url="",
        date=meta.date,
        paper=meta.paper,
        page=meta.page,
        page_name=meta.page_name,
        title=title,
        title_parts=tuple(article.title_parts),
        main_title=main_title_of(article.title_parts),
        byline=article.byline,
        authors=tuple(article.authors),
        correspondents=tuple(article.correspondents),
        dateline=article.dateline,
        tags=(),
        source=SourceSpan(page.path, article.first_line, article.last_line),
        ordinal=ordinal,
        text=text,
        subheads=tuple(article.subheads),
        box=box,
        description=first_sentence(article.opening, quoted=True),
    )


def parse_page(text: str, first_line: int, corrections, profile) -> PageParse:
    """The parser, loaded when a first file is parsed: a run that finds every file in the
    cache never loads it (its patterns take a moment to compile)."""
    from build_scripts.parse.parser import parse_page as parse

    return parse(text, first_line, corrections, profile)


def convert_page(page: SourcePage, config: ArchiveConfig, report: Report) -> tuple[SourceResult, PageParse]:
    """Parse and tag one page that has been read, and prepare its articles' pages and records."""
    profile = config.profile.with_masthead(page.meta.paper)  # (a page of another paper: its own name)
    parsed = parse_page(page.text, page.first_line, page.corrections, profile)
    check_parse(page, parsed, report, profile)
    tagger = _tagger_for(config)
    articles = parsed.articles
    result = SourceResult(page.path, meta=page.meta, furniture=[s.text for s in parsed.furniture])
    result.fixed = fixed_lines(page.corrections, page.text, page.first_line) if page.corrections.digest else None
    result.entries = [entry_of(page.path, page.meta, a, n, config.profile) for n, a in enumerate(articles, start=1)]
    # (a contents box is about the stories it lists, each tagged on its own page: it has none)
    result.tags = [
        tagger.words(Text(a.title, a.text, (*a.authors, *a.correspondents)))
        if tagger.per_article > 0 and not entry.contents
        else {}
        for a, entry in zip(articles, result.entries, strict=True)
    ]
    # Every text spelt in pinyin here, kept by the conversion so that the next run's workers
    # need not load pypinyin for a file whose names and titles did not change.
    titles = [main_title_of(a.title_parts) for a in articles]
    untitled = [
        first_sentence(a.text, limit=30) for a, title in zip(articles, titles, strict=True) if not ascii_slug(title)
    ]
    names = [name for a in articles for name in (*a.authors, *a.correspondents)]
    result.slugs = slugs_of([*names, *titles, *untitled])
    result.readings = readings_of(names)
    result.prepared = [
        prepare(record_of(page, a, n, "contents" if entry.contents else ""), body_markdown(a))
        for n, (a, entry) in enumerate(zip(articles, result.entries, strict=True), start=1)
    ]
    return result, parsed


def convert_source(found: Discovered, config: ArchiveConfig) -> SourceResult:
    """Read one file, then `convert_page`."""
    report = _OrderedReport()
    try:
        page = read_source(found, config, report)
        result, _ = convert_page(page, config, report)
    except InputError as exc:
        result = SourceResult(found.rel, error=exc.problem)
    except Exception as exc:  # a bug: reported with the file's name, never a traceback
        result = SourceResult(found.rel, failure=exc)
    result.rel, result.problems = found.rel, report.in_order
    return result


def keep(result: SourceResult, entry: Path) -> None:
    """Write a result where the cache keeps it (by the worker that made it: the writing is
    spread over the workers). A file that could not be converted is tried again next time.
    Whole or not at all (renamed into place): a run killed while writing it would otherwise
    leave a torn entry where the catalogue of an earlier run finds one with this key."""
    if result.error or result.failure is not None:
        return
    entry.parent.mkdir(parents=True, exist_ok=True)
    partial = entry.with_name(f".{entry.name}.partial")
    with open(partial, "wb") as stream:
        pickle.dump(result, stream, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(partial, entry)


Job = tuple[Discovered, ArchiveConfig, Path | None]


def run_job(args: Job) -> SourceResult:
    found, config, entry = args
    result = convert_source(found, config)
    if entry is not None:
        keep(result, entry)
    return result


def run_job_in_worker(args: Job) -> SourceResult:
    """`run_job` in a worker process. A result kept at its cache entry travels back without
    its prepared pages: the main process keeps only the catalogue (`SourceCache.put`) and reads
    the pages from the entry when it writes them, so sending them would only pickle every
    article's text a second time (thirteen times the bytes of what is kept)."""
    result = run_job(args)
    if args[2] is not None and result.prepared is not None:
        result = replace(result, prepared=None)
    if result.failure is not None:
        failure = result.failure
        try:  # it must travel back to the main process; not every exception can
            pickle.dumps(failure)
        except Exception:
            result.failure = RuntimeError(f"{type(failure).__name__}: {failure}")
        # where it was raised, which pickling drops: a note travels with it (`--debug` prints it)
        where = "".join(traceback.format_exception(failure)).rstrip()  # with what caused it, if anything
        result.failure.add_note(f"In a worker process:\n{where}")
    return result


def load_parser(kept: Path | None) -> None:
    """Import the parser and load its models; with `kept` (a folder), its patterns and model
    are read from what an earlier run kept there, and kept for the next (parse/compiled.py)."""
    from build_scripts.parse import compiled

    compiled.keep_in(kept)  # before the parser's modules compile their patterns
    try:
        import build_scripts.parse.parser  # noqa: F401
        from build_scripts.parse.breaks import load_models

        load_models()
        compiled.keep_patterns()
    finally:
        compiled.keep_in(None)  # what this process compiles later is its own


def load_before_forking(config: ArchiveConfig, pinyin: bool = True, kept: Path | None = None) -> None:
    """Load the parser, rjieba's dictionary and the prose model (the parser weighs breaks
    with them) and pypinyin (slugs, and the order of the indexes of names) once, before the
    workers are forked: each would load them again otherwise (where workers are forked —
    Linux — they inherit them), and this process would later load pypinyin for the tags.
    Then the garbage collector is told to leave them alone (`collect_less`). Without
    `pinyin`, pypinyin is loaded only if a slug not known yet is asked for. With `kept` (a folder:
    `compiled.beside_the_code()` for conversions), the parser's patterns and model are read
    from what an earlier run kept there, and kept for the next (parse/compiled.py)."""
    load_parser(kept)
    from build_scripts.parse.breaks import WARM_UP  # (loaded with the parser)

    if pinyin:
        ascii_slug("预热")  # pypinyin's dictionaries: a third of a second to load
    if config.tags_per_article > 0:
        _tagger_for(config).cut(WARM_UP)  # rjieba, with the archive's words if it lists any
    collect_less()


# A full round of the garbage collector comes after this many rounds of its middle generation
# (Python's default: 10).
FULL_COLLECTION_EVERY = 100


def collect_less() -> None:
    """Spare the conversion most of the garbage collector's full rounds, which walk every
    object the process holds: a tenth of a worker's time went on them, walking the same
    objects again and again. The models just loaded live as long as the process, so they
    leave its rounds for good (`gc.freeze`; in a forked worker the collector then never
    touches their pages, which stay shared with this process). What a conversion gathers as
    it goes (the parser's remembered answers, the results of every file) mostly lives as
    long, so full rounds are considered ten times less often than by default (which runs one
    each time that grew by a quarter): garbage still goes, most of it at once as its last
    reference does, and the rare cyclic rest at a later round."""
    gc.freeze()
    first, middle, _ = gc.get_threshold()
    gc.set_threshold(first, middle, FULL_COLLECTION_EVERY)


def job_list(found: Sequence[Discovered], config: ArchiveConfig, entries: Sequence[Path | None] | None) -> list[Job]:
    """The jobs for these files, each result to be kept at its cache entry (when given)."""
    return [(one, config, entries[i] if entries else None) for i, one in enumerate(found)]


def pool_size(files: int, jobs: int) -> int:
    """How many workers `files` files are worth, `jobs` at most: 0 or 1 — none."""
    return min(jobs, files // MIN_FILES_PER_WORKER)


def convert_sources(
    found: Sequence[Discovered],
    config: ArchiveConfig,
    jobs: int,
    done: Callable[[int], None] | None = None,
    entries: Sequence[Path | None] | None = None,
    kept: Path | None = None,
) -> Iterator[SourceResult]:
    """convert_source for every file, in the order given, on up to `jobs` processes; each
    result is also kept at its cache entry (`entries`, when given). `done(n)` is called as
    results arrive (for a progress bar). `kept`: where the parser's compiled patterns are kept (`load_before_forking`)."""
    work = job_list(found, config, entries)
    workers = pool_size(len(work), jobs)
    if work:
        load_before_forking(config, kept=kept)  # (with one process too: then they stay out of collections)
    if workers <= 1:
        for item in work:
            yield run_job(item)
            if done:
                done(1)
        return
    # Chunks of a few files: few enough round trips, small enough that workers finish together.
    chunk = max(1, min(16, len(work) // (workers * 8)))
    with ProcessPoolExecutor(max_workers=workers, **with_parent()) as pool:
        for result in pool.map(run_job_in_worker, work, chunksize=chunk):
            yield result
            if done:
                done(1)
