"""How well search finds: `python -m build_scripts bench search-quality --articles FILE`.

Builds the search for any `articles.jsonl` (the project's sample site with its data file
replaced, as bench_search.py does), draws the query-quality set from it (search_queries.py)
and asks the search engine in headless Chromium, hosted on 127.0.0.1 and offline from file://
(network off): per kind of query, how often the article is among the first three results, and
whether the offline search returned exactly what the hosted one did.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from build_scripts.dev.bench_search import _chromium, build_site, sample_project
from build_scripts.dev.local_server import serve
from build_scripts.dev.search_probe import score, top3
from build_scripts.dev.search_queries import make_queries, read_records
from build_scripts.ingest.word_list import read_word_list


def run(project_root: Path, articles: Path, count: int, progress: Callable[[str], None] = lambda m: None) -> str:
    sync_playwright, chromium = _chromium()
    scratch = Path(tempfile.mkdtemp(prefix="bench-quality-"))
    try:
        project = scratch / "project"
        progress("converting the sample …")
        sample_project(project_root, project)
        data = project / "docs/data/articles.jsonl"
        data.unlink(missing_ok=True)  # a new file: the sample's (of one year) is its year's file too
        shutil.copy(articles, data)
        sites = {mode: project / f"site-{mode}" for mode in ("hosted", "offline")}
        for mode, site in sites.items():
            progress(f"building the search, {mode} …")
            build_site(project, site, offline=mode == "offline")
        progress(f"drawing {count} queries …")
        words = project / "source_texts/userdict.txt"
        queries = make_queries(
            read_records(articles), count, read_word_list(words, str(words)) if words.is_file() else []
        )
        progress("searching …")
        with sync_playwright() as playwright, serve(sites["hosted"]) as url:
            browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
            found = {}
            for mode, address in (("hosted", url), ("offline", (sites["offline"] / "index.html").as_uri())):
                context = browser.new_context(offline=mode == "offline")
                page = context.new_page()
                page.goto(address)
                found[mode] = top3(page, queries)
                context.close()
            browser.close()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    hosted, offline = score(queries, found["hosted"]), score(queries, found["offline"])
    same = sum(a == b for a, b in zip(found["hosted"], found["offline"], strict=True))
    lines = ["| queries | asked | in the top 3, hosted | in the top 3, offline |", "|---|---:|---:|---:|"]
    for kind in sorted(hosted, key=lambda k: (k == "all", k)):
        (h, n), (o, _) = hosted[kind], offline[kind]
        lines.append(f"| {kind} | {n} | {h} ({100 * h / n:.1f} %) | {o} ({100 * o / n:.1f} %) |")
    lines.append(
        f"\nThe offline search returned the hosted search's first three results for {same} of {len(queries)} queries."
    )
    return "\n".join(lines)
