"""What the converted source files publish, read from their results: their articles and page
furniture, the 版 each day's files delivered, and one file for each date and 版."""

from __future__ import annotations

import datetime as dt

from build_scripts.catalogue.duplicates import repeated_pages
from build_scripts.catalogue.entry import ArticleEntry
from build_scripts.problems import InputError, Problem, Report
from build_scripts.writers.source_jobs import SourceResult


def without_duplicates(results: list[SourceResult], report: Report, keep_going: bool) -> list[SourceResult]:
    """Two files for the same date and 版 would publish two versions of one page."""
    seen: dict[tuple, SourceResult] = {}
    kept = []
    for result in results:
        assert result.meta is not None
        key = (result.meta.date, result.meta.page)
        if key in seen:
            which = f"page {result.meta.page}" if result.meta.page else "no page number"
            problem = Problem(
                result.rel,
                None,
                f"is a second file for {result.meta.date} ({which}); {seen[key].rel} is the first",
                "merge the two files, or give each its own page number (YYYY-MM-DD_NN.txt)",
            )
            if not keep_going:
                raise InputError(problem.path, problem.line, problem.what, problem.fix)
            report.error(problem)
            continue
        seen[key] = result
        kept.append(result)
    return kept


def published_articles(
    results: list[SourceResult], report: Report, read_now: set[str] | None = None
) -> tuple[list[ArticleEntry], dict[str, list[str]]]:
    """The articles of every file, and the lines each issue page prints under a 版 (its
    furniture, 本版责编), by source file. A 版 the issue delivered twice is published under both
    numbers, as the paper's e-edition shows it: its articles are reprints of the first's
    (catalogue/duplicates.py), and the archivist is told, in case one file holds the wrong page
    — as of every file's own warnings, a run that read neither of the two files (`read_now`: the
    files read this run; None: all) only counts it: the run that read them printed it."""
    for r in repeated_pages([(r.rel, r.meta, r.entries) for r in results if r.meta is not None]):
        problem = Problem(
            r.page,
            r.line,
            f"repeats {r.first} (the same text); its articles are published as printed again from {r.first}",
            "nothing to do if the issue printed it twice; if not, one of the two files holds the wrong page",
        )
        report.add(problem, notice=False, repeated=read_now is not None and not {r.page, r.first} & read_now)
    furniture = {r.rel: list(r.furniture) for r in results if r.furniture}
    return [entry for result in results for entry in result.entries], furniture


def pages_delivered(results: list[SourceResult]) -> dict[dt.date, list[tuple[int, str]]]:
    """The 版 numbers each day's source files carry, with the files (a repeated 版 too: it was
    delivered)."""
    pages: dict[dt.date, list[tuple[int, str]]] = {}
    for r in results:
        if r.meta is not None and r.meta.page is not None:
            pages.setdefault(r.meta.date, []).append((r.meta.page, r.rel))
    return {day: sorted(files) for day, files in sorted(pages.items())}
