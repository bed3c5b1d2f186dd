"""The conversion pipeline: source_texts/ → docs/. A plain sequence of small steps."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from build_scripts.catalogue.archive import Catalogue, article_links
from build_scripts.catalogue.duplicates import without_repeats
from build_scripts.catalogue.ledger import Entry, dump_ledger, read_ledger, read_names
from build_scripts.catalogue.place import PlacedArticle, place_articles
from build_scripts.catalogue.source_cache import SourceCache
from build_scripts.catalogue.source_jobs import SourceResult, check_parse, convert_sources, default_jobs
from build_scripts.catalogue.tags import Tagger, assign_tags, load_stop_words
from build_scripts.contract.urls import remember_slugs
from build_scripts.ingest.archive_config import LEDGER_FILE, ArchiveConfig, load_archive_config
from build_scripts.ingest.paper_profile import DEFAULT as DEFAULT_PROFILE
from build_scripts.ingest.paper_profile import PaperProfile
from build_scripts.ingest.read import check_source_folder, discover, read_source
from build_scripts.ingest.source import SourcePage
from build_scripts.parse.model import PageParse
from build_scripts.parse.parser import parse_page
from build_scripts.problems import InputError, InternalError, Problem, Report, while_reading
from build_scripts.writers.article_pages import article_pages
from build_scripts.writers.data_export import exports
from build_scripts.writers.docs_tree import (
    Unit,
    WriteStats,
    check_apart,
    exclusive,
    recover,
    unit_key,
    write_tree,
)
from build_scripts.writers.index_pages import index_pages
from build_scripts.writers.moved_pages import moved_pages
from build_scripts.writers.plan import plan
from build_scripts.writers.progress import progress_bar


@dataclass
class Result:
    files: int = 0
    issues: int = 0
    articles: int = 0
    report: Report = field(default_factory=Report)
    written: WriteStats | None = None
    parsed: list[tuple[SourcePage, PageParse]] = field(default_factory=list)

    def summary(self) -> str:
        r = self.report
        line = f"{self.files} files, {self.issues} issues, {self.articles} articles, {len(r.warnings)} warnings"
        if r.errors:
            line += f", {len(r.errors)} errors"
        return line


def convert_all(
    source_dir: Path,
    config: ArchiveConfig,
    report: Report,
    keep_going: bool,
    jobs: int,
    cache: SourceCache,
    reuse: bool,
) -> list[SourceResult]:
    """Every source file read, parsed and tagged, in file order: from the cache where the file
    is unchanged (with `reuse`), by `jobs` worker processes otherwise. Each result's `key` is
    its file's cache key."""
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
    with progress_bar(len(missing), "converting") as bar:
        entries = [cache.entry(key) if (key := keys[i]) else None for i in missing]
        made = convert_sources([found[i] for i in missing], config, jobs, bar.update, entries)
        for i, result in zip(missing, made, strict=True):
            results[i] = result
    converted = []
    for maybe, key in zip(results, keys, strict=True):
        assert maybe is not None
        result = maybe
        result.key = key or ""
        if result.failure is not None:
            raise InternalError(result.rel, result.failure) from result.failure
        result.replay(report)
        remember_slugs(result.slugs)
        if result.error:
            if not keep_going:
                raise InputError(result.error.path, result.error.line, result.error.what, result.error.fix)
            report.error(result.error)
            continue
        converted.append(result)
    return _without_duplicates(converted, report, keep_going)


def _without_duplicates(results: list[SourceResult], report: Report, keep_going: bool) -> list[SourceResult]:
    """Two files for the same date and 版 would publish two versions of one page."""
    pages = [r.page for r in results if r.page]
    kept = {id(page) for page in _pages_without_duplicates(pages, report, keep_going)}
    return [r for r in results if id(r.page) in kept]


def _pages_without_duplicates(pages: list[SourcePage], report: Report, keep_going: bool) -> list[SourcePage]:
    seen: dict[tuple, SourcePage] = {}
    kept = []
    for page in pages:
        key = (page.meta.date, page.meta.page)
        if key in seen:
            which = f"page {page.meta.page}" if page.meta.page else "no page number"
            problem = Problem(
                page.path,
                None,
                f"is a second file for {page.meta.date} ({which}); {seen[key].path} is the first",
                "merge the two files, or give each its own page number (YYYY-MM-DD_NN.txt)",
            )
            if not keep_going:
                raise InputError(problem.path, problem.line, problem.what, problem.fix)
            report.error(problem)
            continue
        seen[key] = page
        kept.append(page)
    return kept


def read_all(source_dir: Path, config: ArchiveConfig, report: Report, keep_going: bool) -> list[SourcePage]:
    """Read every source file in this process, without parsing it (what the tests and tools use)."""
    pages = []
    for one in discover(source_dir, report):
        try:
            with while_reading(one.rel):
                pages.append(read_source(one, config, report))
        except InputError as exc:
            if not keep_going:
                raise
            report.error(exc.problem)
    return _pages_without_duplicates(pages, report, keep_going)


def parse_all(
    pages: list[SourcePage], report: Report, profile: PaperProfile = DEFAULT_PROFILE
) -> list[tuple[SourcePage, PageParse]]:
    """Parse pages already read (in memory, one process): what the tests and tools use."""
    parsed = []
    for page in pages:
        with while_reading(page.path):
            result = parse_page(page.text, page.first_line, page.corrections, profile)
        check_parse(page, result, report)
        parsed.append((page, result))
    return parsed


def page_furniture(parsed: list[tuple[SourcePage, PageParse]]) -> dict[str, list[str]]:
    """Lines that belong to a printed page rather than an article (本版责编：X), by source
    file: the issue page prints them under their 版, so no text of a source is lost."""
    return {page.path: [s.text for s in result.furniture] for page, result in parsed if result.furniture}


def drop_repeats(parsed: list[tuple[SourcePage, PageParse]], report: Report) -> list[tuple[SourcePage, PageParse]]:
    """Publish a 版 the issue delivered twice once (catalogue/duplicates.py)."""
    kept, repeats = without_repeats(parsed)
    for r in repeats:
        report.warn(
            r.page,
            r.line,
            f"repeats {r.first} (the same text); published once, from {r.first}",
            "nothing to do if the issue printed it twice; if not, one of the two files holds the wrong page",
        )
    return kept


def render(
    placed: list[PlacedArticle],
    config: ArchiveConfig,
    furniture: dict[str, list[str]] | None = None,
    ledger: dict[str, Entry] | None = None,
) -> dict[str, str]:
    """Tag the articles, then every generated file (relative path -> text), in memory."""
    assign_tags(placed, config.tags_per_article, config.tag_min_articles, config.paper.title)
    catalogue = Catalogue.build(placed)
    files: dict[str, str] = moved_pages(ledger or {}, placed)
    files.update(article_pages(placed, article_links(catalogue)))
    files.update(index_pages(catalogue, config, furniture or {}))
    files.update(exports(placed))
    return files


def convert(
    source_dir: Path,
    docs_dir: Path,
    keep_going: bool = False,
    record_urls: bool = True,
    jobs: int = 0,
    incremental: bool = True,
) -> Result:
    """Convert every source text into pages. Raises InputError on the first bad file unless
    keep_going, in which case bad files are skipped and listed in the result's report.

    The URL ledger (`urls.lock` in the source folder) keeps every published address; it is
    updated once the new docs/ is in place, unless `record_urls` is false (the preview).
    `jobs`: worker processes (0: one per core); `incremental`: reuse what the conversion cache
    holds for files that did not change."""
    check_source_folder(source_dir)
    check_apart(source_dir, docs_dir)
    with exclusive(docs_dir):
        recover(docs_dir)  # a run that was killed while swapping docs/ left it aside
        return _convert(source_dir, docs_dir, keep_going, record_urls, jobs or default_jobs(), incremental)


def cache_folder(docs_dir: Path) -> Path:
    """The conversion cache lives next to the docs folder (`.docs.cache`), never inside it."""
    return docs_dir.with_name(f".{docs_dir.name}.cache")


def _convert(
    source_dir: Path, docs_dir: Path, keep_going: bool, record_urls: bool, jobs: int, incremental: bool
) -> Result:
    result = Result()
    config = load_archive_config(source_dir)
    cache = SourceCache(cache_folder(docs_dir), source_dir)
    sources = convert_all(source_dir, config, result.report, keep_going, jobs, cache, reuse=incremental)
    if not sources:  # every file failed (--keep-going): an empty archive would only delete pages
        return result
    parsed = [(s.page, s.parsed) for s in sources if s.page and s.parsed]
    result.parsed = drop_repeats(parsed, result.report)
    ledger_path = source_dir / LEDGER_FILE
    placed, ledger = place_articles(result.parsed, read_ledger(ledger_path, config.paper.slug))
    choose_tags(placed, sources, config)
    names = read_names(ledger_path)
    file_keys = {s.rel: s.key for s in sources}
    units = plan(placed, config, page_furniture(result.parsed), file_keys, cache.salt.hex(), docs_dir, names)
    moved = moved_pages(ledger, placed)
    units.insert(0, Unit(unit_key("moved", cache.salt.hex(), sorted(moved.items())), lambda: moved))
    result.written = write_tree(docs_dir, units, reuse=incremental)
    if record_urls:
        _write_ledger(ledger_path, dump_ledger(ledger, config.paper.slug, names))
    cache.prune()
    result.files = len(sources)
    result.issues = len({p.date for p in placed})  # a file without articles publishes no issue
    result.articles = len(placed)
    return result


def choose_tags(placed: list[PlacedArticle], sources: list[SourceResult], config: ArchiveConfig) -> None:
    """Each article's tags, chosen over the whole archive from the candidate words its job
    found (the slow part, done once per file and kept in the cache)."""
    candidates = {id(a): words for s in sources if s.parsed for a, words in zip(s.parsed.articles, s.tags, strict=True)}
    tagger = Tagger(config.tags_per_article, config.tag_min_articles, load_stop_words() | {config.paper.title})
    for article, tags in zip(placed, tagger.choose([candidates[id(p.article)] for p in placed]), strict=True):
        article.tags = tags


def _write_ledger(path: Path, text: str) -> None:
    """Write the ledger only when it changed, and whole (a temporary file renamed into place)."""
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)
