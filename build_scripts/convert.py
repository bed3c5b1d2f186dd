"""The conversion pipeline: source_texts/ → docs/. A plain sequence of small steps."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from build_scripts.catalogue.archive import Catalogue, article_links
from build_scripts.catalogue.duplicates import without_repeats
from build_scripts.catalogue.ledger import Entry, dump_ledger, read_ledger
from build_scripts.catalogue.place import PlacedArticle, place_articles
from build_scripts.catalogue.tags import assign_tags
from build_scripts.ingest.archive_config import LEDGER_FILE, ArchiveConfig, load_archive_config
from build_scripts.ingest.paper_profile import DEFAULT as DEFAULT_PROFILE
from build_scripts.ingest.paper_profile import PaperProfile
from build_scripts.ingest.read import check_source_folder, discover, read_source
from build_scripts.ingest.source import SourcePage
from build_scripts.parse.model import BODY_KINDS, PageParse
from build_scripts.parse.parser import parse_page
from build_scripts.problems import InputError, Problem, Report, while_reading
from build_scripts.writers.article_pages import article_pages
from build_scripts.writers.data_export import exports
from build_scripts.writers.docs_tree import (
    WriteStats,
    check_apart,
    exclusive,
    recover,
    write_tree,
)
from build_scripts.writers.index_pages import index_pages
from build_scripts.writers.moved_pages import moved_pages


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


def read_all(source_dir: Path, config: ArchiveConfig, report: Report, keep_going: bool) -> list[SourcePage]:
    pages = []
    found = discover(source_dir, report)
    if not found:
        raise InputError(
            str(source_dir),
            None,
            "holds no issue texts (*.txt)",
            "put the issue texts there (e.g. source_texts/2022/2022-01-28.txt), or give another folder with --source",
        )
    for one in found:
        try:
            with while_reading(one.rel):
                pages.append(read_source(one, config, report))
        except InputError as exc:
            if not keep_going:
                raise
            report.error(exc.problem)
    return _without_duplicates(pages, report, keep_going)


def _without_duplicates(pages: list[SourcePage], report: Report, keep_going: bool) -> list[SourcePage]:
    """Two files for the same date and 版 would publish two versions of one page."""
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


def parse_all(
    pages: list[SourcePage], report: Report, profile: PaperProfile = DEFAULT_PROFILE
) -> list[tuple[SourcePage, PageParse]]:
    parsed = []
    for page in pages:
        with while_reading(page.path):
            result = parse_page(page.text, page.first_line, page.corrections, profile)
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
        parsed.append((page, result))
    return parsed


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


def page_furniture(parsed: list[tuple[SourcePage, PageParse]]) -> dict[str, list[str]]:
    """Lines that belong to a printed page rather than an article (本版责编：X), by source
    file: the issue page prints them under their 版, so no text of a source is lost."""
    return {page.path: [s.text for s in result.furniture] for page, result in parsed if result.furniture}


def render(
    placed: list[PlacedArticle],
    config: ArchiveConfig,
    furniture: dict[str, list[str]] | None = None,
    ledger: dict[str, Entry] | None = None,
) -> dict[str, str]:
    assign_tags(placed, config.tags_per_article, config.tag_min_articles, config.paper.title)
    catalogue = Catalogue.build(placed)
    files: dict[str, str] = moved_pages(ledger or {}, placed)
    files.update(article_pages(placed, article_links(catalogue)))
    files.update(index_pages(catalogue, config, furniture or {}))
    files.update(exports(placed))
    return files


def convert(source_dir: Path, docs_dir: Path, keep_going: bool = False, record_urls: bool = True) -> Result:
    """Convert every source text into pages. Raises InputError on the first bad file unless
    keep_going, in which case bad files are skipped and listed in the result's report.

    The URL ledger (`urls.lock` in the source folder) keeps every published address; it is
    updated once the new docs/ is in place, unless `record_urls` is false (the preview)."""
    check_source_folder(source_dir)
    check_apart(source_dir, docs_dir)
    with exclusive(docs_dir):
        recover(docs_dir)  # a run that was killed while swapping docs/ left it aside
        return _convert(source_dir, docs_dir, keep_going, record_urls)


def _convert(source_dir: Path, docs_dir: Path, keep_going: bool, record_urls: bool) -> Result:
    result = Result()
    config = load_archive_config(source_dir)
    pages = read_all(source_dir, config, result.report, keep_going)
    if not pages:  # every file failed (--keep-going): an empty archive would only delete pages
        return result
    result.parsed = drop_repeats(parse_all(pages, result.report, config.profile), result.report)
    ledger_path = source_dir / LEDGER_FILE
    old_ledger = read_ledger(ledger_path)
    placed, ledger = place_articles(result.parsed, old_ledger)
    files = render(placed, config, page_furniture(result.parsed), ledger)
    result.written = write_tree(docs_dir, files)
    if record_urls:
        _write_ledger(ledger_path, dump_ledger(ledger))
    result.files = len(pages)
    result.issues = len({p.date for p in placed})  # a file without articles publishes no issue
    result.articles = len(placed)
    return result


def _write_ledger(path: Path, text: str) -> None:
    """Write the ledger only when it changed, and whole (a temporary file renamed into place)."""
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)
