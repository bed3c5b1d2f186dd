"""A conversion held in memory: every generated file of source files converted in this process,
without the cache, the URL ledger or docs/ — what the tests and tools use."""

from __future__ import annotations

from pathlib import Path

from build_scripts.catalogue.place import place_articles
from build_scripts.ingest.archive_config import ArchiveConfig
from build_scripts.problems import Report
from build_scripts.writers.pieces import text_of
from build_scripts.writers.plan import plan
from build_scripts.writers.published import pages_delivered, published_articles
from build_scripts.writers.source_jobs import SourceResult
from build_scripts.writers.tag_choice import choose_tags


def render(results: list[SourceResult], config: ArchiveConfig, report: Report) -> dict[str, str]:
    """Every generated file (relative path -> text) for source files converted in this process
    (`source_jobs.convert_page`), in memory: what the tests and tools use."""
    entries, furniture = published_articles(results, report)
    placed, _ = place_articles(entries)
    choose_tags(placed, results, config)
    by_key = {f"file-{n}": r for n, r in enumerate(results)}
    for key, r in by_key.items():
        r.key = key
    units, _ = plan(
        placed,
        config,
        furniture,
        {r.rel: r.key for r in results},
        "",
        Path("."),
        lambda key: by_key[key].prepared or [],
        None,
        delivered=pages_delivered(results),
    )
    files: dict[str, str] = {}
    for unit in units:
        files.update((rel, text_of(text)) for rel, text in unit.render().items())
    return files
