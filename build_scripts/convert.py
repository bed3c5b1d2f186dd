"""The conversion pipeline: source_texts/ → docs/. A plain sequence of small steps.

1. Every source file is read, parsed and tagged, and its articles' pages and records are
   prepared — by worker processes, one file at a time, or from the cache when the file did
   not change (writers/source_jobs.py, writers/source_cache.py). What the main process gets
   back is the catalogue: a few fields per article, never the text.
2. The main process orders the articles and gives them their addresses (catalogue/place.py,
   with the URL ledger), chooses their tags over each year's articles (catalogue/tags.py), and
   plans every file of docs/ as a unit with a digest of its inputs (writers/plan.py).
3. Units whose digest changed are rendered — article pages by joining what the workers
   prepared with their address, tags and links — and committed to docs/ in one step
   (writers/docs_tree.py).
"""

from __future__ import annotations

import gc
import os
import time
from dataclasses import dataclass, field, fields, replace
from functools import partial
from pathlib import Path

from build_scripts.catalogue.ledger import dump_ledger, read_ledger, read_names, remember_ledger
from build_scripts.catalogue.place import PlacedArticle, ledger_locked, place_articles, warn_withdrawn
from build_scripts.contract.names import read_elsewhere
from build_scripts.contract.provenance import PROVENANCE_FILE, provenance_text
from build_scripts.contract.urls import known_slugs, remember_slugs
from build_scripts.ingest.archive_config import LEDGER_FILE, ArchiveConfig, load_archive_config
from build_scripts.ingest.corrections import check_fixed_lines, stale_correction
from build_scripts.ingest.discover import Discovered, check_source_folder, discover
from build_scripts.ingest.read import page_lines
from build_scripts.parse.compiled import beside_the_code
from build_scripts.problems import InputError, InternalError, Report
from build_scripts.writers.data_export import KeptData
from build_scripts.writers.docs_tree import WriteStats, check_apart, list_docs, recover, write_tree
from build_scripts.writers.folder_lock import exclusive
from build_scripts.writers.listing import learn_pinyin, remember_pinyin
from build_scripts.writers.moved_pages import moved_pages
from build_scripts.writers.nothing_new import Read, Said, answer, forget, keep
from build_scripts.writers.plan import Keys, plan
from build_scripts.writers.progress import progress_bar
from build_scripts.writers.published import pages_delivered, published_articles, without_duplicates
from build_scripts.writers.source_cache import SourceCache, cache_folder, collector_waits
from build_scripts.writers.source_jobs import SourceResult, collect_less, convert_sources, job_list, pool_size
from build_scripts.writers.tag_choice import choose_tags
from build_scripts.writers.units import Unit
from build_scripts.writers.warm_worker import WarmWorker, spell_meanwhile
from build_scripts.writers.workers import default_jobs


@dataclass
class Result:
    files: int = 0
    issues: int = 0
    articles: int = 0
    report: Report = field(default_factory=Report)
    written: WriteStats | None = None
    placed: list[PlacedArticle] = field(default_factory=list)
    found: int = 0  # source files found, converted or not
    parsed: int = 0  # source files read and parsed in this run (the others came from the cache)
    corrected: int = 0  # source files with a sidecar's corrections
    docs: str = "docs"  # the docs folder's name

    def summary(self) -> str:
        r = self.report
        line = f"{self.files:,} files, {self.issues:,} issues, {self.articles:,} articles, {len(r.warnings):,} warnings"
        if r.errors:
            line += f", {len(r.errors):,} errors"
        return line

    def work_done(self) -> str:
        """What the run had to do: how many files it parsed again, how many pages it wrote.
        A nightly run over a large archive should say "a few", and shows if it did not."""
        w = self.written or WriteStats(0, 0, 0)
        kept = self.found - self.parsed
        parsed = f"parsed {self.parsed:,} of {self.found:,} source files" + (
            f", {kept:,} from the cache" if kept else ""
        )
        fixes = f"; {self.corrected:,} with corrections (.fix.yml)" if self.corrected else ""
        return f"{parsed}{fixes}; {self.docs}/: {w.written:,} files written, {w.unchanged:,} unchanged, {w.removed:,} removed"


@dataclass
class Started:
    """A conversion under way (`start_conversion`): what the cache gave, and the files that
    changed, handed to the warm worker already or to be converted by a pool."""

    keys: list[str | None]
    results: list[SourceResult | None]  # from the cache, None where the file must be converted
    missing: list[int]
    changed: list[Discovered]  # the files at `missing`
    entries: list[Path | None]  # where the cache keeps each one's result
    warm: WarmWorker | None  # the worker the files that changed were handed to, if they were
    handed: bool = False
    stale: set[str] = field(default_factory=set)  # files whose sidecars name other lines now (`stale_correction`)
    alive: bool = False  # the worker took them (it is gone otherwise: this process converts them)
    new: bool = False  # some are new files (a new issue), not files the last run had
    found: list[Discovered] = field(default_factory=list)  # every source file, in order
    discovered: tuple[int, int] = (0, 0)  # the notes and warnings of finding them


def start_conversion(
    source_dir: Path,
    config: ArchiveConfig,
    report: Report,
    jobs: int,
    cache: SourceCache,
    reuse: bool,
    warm: WarmWorker | None = None,
) -> Started:
    """Find every source file and what the cache holds of it (with `reuse`), and hand the few
    files that changed to the warm worker at once: it parses them while this process reads
    what does not depend on them (`_convert`)."""
    found = discover(source_dir, report)
    if not found:
        raise InputError(
            str(source_dir),
            None,
            "holds no issue texts (*.txt)",
            "put the issue texts there (e.g. source_texts/2022/2022-01-28.txt), or give another folder with --source",
        )
    keys = [cache.key(one) for one in found]
    results: list[SourceResult | None] = [cache.get(key) if reuse and key else None for key in keys]
    missing = [i for i, result in enumerate(results) if result is None]
    entries = [cache.entry(key) if (key := keys[i]) else None for i in missing]
    started = Started(keys, results, missing, [found[i] for i in missing], entries, warm, found=found)
    started.discovered = (len(report.notices), len(report.warnings))  # (discovery is the report's first)
    started.new = any(not cache.knows(one.rel) for one in started.changed)
    if warm is not None and missing and pool_size(len(missing), jobs) <= 1:
        # a few files: the worker that has loaded the parser meanwhile parses them
        collect_less()  # as the loading would have set it here
        # (an edit's new tags read by the worker; a new issue's names, which it has many of, here)
        work = job_list(started.changed, config, entries)
        started.handed, started.alive = True, warm.send(work, then_read=not started.new)
    return started


def convert_all(
    started: Started, config: ArchiveConfig, report: Report, keep_going: bool, jobs: int, cache: SourceCache
) -> list[SourceResult]:
    """Every source file read, parsed and tagged, in file order: from the cache where the file
    is unchanged, by the warm worker the conversion started with (`start_conversion`) or by
    `jobs` worker processes otherwise. Each result's `key` is its file's cache key."""
    keys, results, missing, warm = started.keys, started.results, started.missing, started.warm
    speller = None  # new titles and names: this process will spell them, once the worker is done
    with progress_bar(len(missing), "converting") as bar:
        if warm is not None and started.handed:
            speller = spell_meanwhile() if started.new else None
            made = warm.results(job_list(started.changed, config, started.entries), started.alive, bar.update)
        else:
            if warm is not None:
                warm.stop()
            made = convert_sources(
                started.changed, config, jobs, bar.update, started.entries, beside_the_code(cache.folder / "parser")
            )
        kept = cache.lasting("fixed lines")
        as_written: dict[int, SourceResult] = {}  # pages cut at lines their sidecars name no more
        for i, found, result in zip(missing, started.changed, made, strict=True):
            # the pinyin its worker spelt, learnt before the cache keeps the result without it
            # (`SourceResult.catalogued`): the tables the cache keeps hold every file's
            remember_slugs(result.slugs)
            learn_pinyin(result.readings)
            # a page edited above a line its sidecar names: an error, never kept in the cache
            stale = stale_correction(result.rel, result.fixed, kept, partial(page_lines, found.path, found.rel, config))
            if stale is not None and result.error is None:
                started.stale.add(result.rel)
                as_written[i], result = result, replace(result, error=stale)
            if keys[i] and result.error is None and result.failure is None:
                result = cache.put(keys[i] or "", result)
            results[i] = result
    if speller is not None:  # (before any process is forked again: not while it holds the import lock)
        speller.join()
    converted = []
    made_now = set(missing)
    for n, (maybe, key) in enumerate(zip(results, keys, strict=True)):
        assert maybe is not None
        result = maybe
        result.key = key or ""
        if result.failure is not None:
            raise InternalError(result.rel, result.failure) from result.failure
        if n not in as_written:  # (a page cut at lines its sidecar names no more: its warnings are of that cut)
            result.replay(report, repeated=n not in made_now)
        if result.error:
            if not keep_going:
                raise InputError(result.error.path, result.error.line, result.error.what, result.error.fix)
            # A file that converted before keeps what it published (a night's run over the
            # archive must not withdraw a day's articles for one damaged file), and says so.
            last = cache.last_good(result.rel)
            if last is None and n in as_written:
                # (nothing published before, or not since a new converter or archive.yml: the
                # page as its sidecar is written, rather than none of its articles)
                error = result.error
                fix = (
                    f"{error.fix}; with no earlier conversion to keep, the page is published as the sidecar is written"
                )
                report.warn(error.path, error.line, error.what, fix)
                as_written[n].key = result.key  # (its entry, with its prepared pages, was written)
                as_written[n].replay(report)
                converted.append(as_written[n])
                continue
            report.error(result.error)
            if last is None:
                continue
            report.warn(
                result.rel,
                None,
                "cannot be converted (the error below): its articles stay as the last conversion made them",
                "fix the file and convert again",
            )
            result = last
        converted.append(result)
    return without_duplicates(converted, report, keep_going)


def convert(
    source_dir: Path,
    docs_dir: Path,
    keep_going: bool = False,
    record_urls: bool = True,
    jobs: int = 0,
    incremental: bool = True,
    locked: bool = False,
    shortcut: bool = False,
) -> Result:
    """Convert every source text into pages. Raises InputError on the first bad file unless
    keep_going, in which case bad files are skipped and listed in the result's report.

    The URL ledger (`urls.lock` in the source folder) keeps every published address; it is
    updated once the new docs/ is in place, unless `record_urls` is false (the preview).
    `jobs`: worker processes (0: one per core); `incremental`: reuse what the conversion cache
    holds for files that did not change; `locked`: refuse to change the URL ledger (a build
    that publishes, where a changed ledger would not be kept: `ledger_locked`); `shortcut`:
    when nothing the conversion reads changed since a run that had nothing new, answer what
    that run said, without converting (writers/nothing_new.py; its `placed` is then empty)."""
    check_source_folder(source_dir)
    check_apart(source_dir, docs_dir)
    with exclusive(docs_dir):
        recover(docs_dir)  # a run that was killed while swapping docs/ left it aside
        thresholds = gc.get_threshold()  # the workers' loading spaces out full collections
        try:
            jobs = jobs or default_jobs()
            return _convert(source_dir, docs_dir, keep_going, record_urls, jobs, incremental, locked, shortcut)
        finally:
            gc.unfreeze()  # what `_settled` set aside is collected as usual again
            gc.set_threshold(*thresholds)


def _settled() -> None:
    """Set aside from the cycle collector what the conversion holds from here on (the cache's
    catalogue, then the placed articles and units): each full collection would walk all of it
    again, a fifth of converting again after one issue changed at 10,000 articles. Objects
    set aside are still freed when no longer referenced."""
    gc.freeze()


def _convert(
    source_dir: Path,
    docs_dir: Path,
    keep_going: bool,
    record_urls: bool,
    jobs: int,
    incremental: bool,
    locked: bool,
    shortcut: bool = False,
) -> Result:
    result = Result(docs=docs_dir.name)
    started_ns = time.time_ns()
    folder = cache_folder(docs_dir)
    read = Read.now(source_dir, docs_dir, (keep_going, locked), folder)  # before the run reads any of it
    if shortcut and incremental and record_urls and (said := answer(folder, source_dir, read)) is not None:
        return Result(**{f.name: getattr(said, f.name) for f in fields(Said)}, docs=result.docs)  # (no placed articles)
    config = load_archive_config(source_dir)
    # loads the parser while the cache is read, for the files that changed (warm_worker.py)
    warm = WarmWorker.start_if_useful(jobs, incremental, folder.is_dir(), config, beside_the_code(folder / "parser"))
    ledger_path = source_dir / LEDGER_FILE
    try:
        with collector_waits():  # until what it loaded is set aside: else one round walks it all
            cache = SourceCache(folder, source_dir, config.words)
            _settled()
        remember_slugs(cache.memo("slugs"))
        remember_pinyin(cache.memo("pinyin"))
        # The files that changed go to the worker first; what does not depend on them is read
        # while it parses them (a third of a second, after one issue was edited): the URL ledger
        # (the last run's parsed ledger kept for what did not change), the names, what docs/ holds.
        started = start_conversion(source_dir, config, result.report, jobs, cache, incremental, warm)
        parsed = cache.memo("ledger")
        published = read_ledger(ledger_path, config.paper.slug, parsed)
        names = read_names(ledger_path, parsed)
        listing = list_docs(docs_dir, reuse=incremental)
        sources = convert_all(started, config, result.report, keep_going, jobs, cache)
        check_fixed_lines(
            [(s.rel, s.fixed) for s in sources], cache.lasting("fixed lines"), result.report, frozenset(started.stale)
        )
        result.found, result.parsed = len(started.keys), len(started.missing)
        result.corrected = sum(1 for s in sources if s.fixed)
        if warm is not None and started.handed and not started.new:
            # the pinyin of a new tag or name, read by the worker: it has loaded pypinyin
            # meanwhile, for this process to spare that (`WarmWorker.read_pinyin`)
            read_elsewhere(warm.read_pinyin)
        elif warm is not None:
            warm.stop()  # (its memory back before the pages are planned: this process spells)
        if not sources:  # every file failed (--keep-going): an empty archive would only delete pages
            return result
        # Placing, tagging and planning make many objects that stay (for the run) and no cycles:
        # the cycle collector would only walk them, round after round (a twentieth of an edit).
        with collector_waits():
            entries, furniture = published_articles(sources, result.report, {found.rel for found in started.changed})
            matched = cache.memo("ledger days")  # the last run's matching, kept for the days that did not change
            if not incremental:
                matched.clear()
            placed, ledger = place_articles(entries, published, matched)
            warn_withdrawn(published, ledger, LEDGER_FILE, result.report)
            choose_tags(placed, sources, config, cache, reuse=incremental)
            salt = cache.salt.hex()
            known = cache.memo("article keys")  # each day's article keys, as the last run made them
            layouts = cache.memo("data layouts")  # where each day's records lie in the data files of docs/
            if not incremental:
                known.clear()
                layouts.clear()
            kept = KeptData(listing.before if incremental else {}, layouts)
            units, records = plan(
                placed,
                config,
                furniture,
                {s.rel: s.key for s in sources},
                salt,
                docs_dir,
                cache.prepared,
                cache.folder / "days",
                names,
                pages_delivered(sources),
                known,
                kept,
            )
            _settled()
        moved = moved_pages(ledger, placed)
        units.insert(0, Unit(Keys(salt)("moved", repr(sorted(moved.items()))), lambda: moved))
        # (from docs/: the same bytes wherever the two are)
        where = os.path.relpath(source_dir.resolve(), docs_dir.resolve())
        paper = {PROVENANCE_FILE: provenance_text(config.paper.slug, config.paper.title, where)}
        units.insert(0, Unit(Keys(salt)("provenance", *paper.values()), lambda: paper))  # checked by the build
        text = dump_ledger(ledger, config.paper.slug, names) if record_urls else None
        if locked and text is not None:
            ledger_locked(ledger_path, text, published, ledger)
        result.written = write_tree(docs_dir, units, reuse=incremental, jobs=jobs, listing=listing)
        if kept.stamp(docs_dir):  # (a year's layout made again, with no source file changed: a ledger edited)
            cache.keep_changes()
        if text is not None:
            _write_ledger(ledger_path, text)
            remember_ledger(parsed, text, ledger, names)  # the next run reads it back
        cache.memo("slugs").update(known_slugs())
        cache.save()
        records.prune()
        result.files = len(sources)
        result.issues = len({p.date for p in placed})  # a file without articles publishes no issue
        result.articles = len(placed)
        result.placed = placed
        wrote = result.written
        if (
            incremental
            and record_urls
            and not (result.parsed or result.report.errors or wrote.written or wrote.removed)
        ):
            said = Said(
                result.files, result.issues, result.articles, result.found, result.corrected, wrote, result.report
            )
            keep(folder, read, started.found, cache.files, started.discovered, said, started_ns)  # nothing new
        else:
            forget(folder)
        return result
    finally:
        read_elsewhere(None)
        if warm is not None:
            warm.stop()


def _write_ledger(path: Path, text: str) -> None:
    """Write the ledger only when it changed, and whole (a temporary file renamed into place)."""
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)
