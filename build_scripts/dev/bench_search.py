"""Search benchmark: `python -m build_scripts bench search --sizes 10000,100000`.

For each size it generates an archive (search_archive.py: `articles.jsonl` records, 20,000 a
year) and measures, printing two Markdown tables:

- **Indexing** (indexer.py in a process of its own): time and peak memory, against a baseline
  run in the same way: reading the same records and cutting their text with rjieba, nothing
  else (the part no index can skip).
- **A first query** in headless Chromium, through the search page, in a fresh browser context
  (nothing cached): hosted (the site served on 127.0.0.1) and offline (opened from file://,
  network off); for a query within the newest year and one across all years. Bytes are what
  the query made the browser load, as stored and as gzip would send them (GitHub Pages
  compresses); the ratio is against the whole index of the years the query covers (what a
  one-file index would load). Time is from submitting the query to its results on the page;
  the ratio is against the time the search page itself took to load, measured in the same
  context.

Queries are drawn from the archive's query-quality set (search_queries.py); medians and
maxima are over `--queries` different queries. The site is the project's sample with its
`docs/data/articles.jsonl` replaced by the generated one: MkDocs renders a few pages, the
plugin indexes every generated article.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from build_scripts.dev.local_server import serve
from build_scripts.dev.search_archive import write_archive
from build_scripts.dev.search_probe import first_query, summarise
from build_scripts.dev.search_queries import make_queries, read_records

PER_YEAR = 20_000
MODES = ("hosted", "offline")
SCOPES = ("one year", "all years")
_PROJECT_FILES = ("mkdocs.yml", "overrides", "docs/about.md", "source_texts")
_CUT_ONLY = """
import json, sys, rjieba
from build_scripts.plugins.zh_search.normalise import normalise
cutter = rjieba.Jieba()
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    cutter.tokenize(normalise(r["title"] + "\\n" + r["byline"] + "\\n" + r["text"]), mode="search", hmm=False)
"""


class BenchError(Exception):
    pass


@dataclass
class IndexRow:
    articles: int
    files: int
    bytes: int
    seconds: float
    peak_mb: float
    base_seconds: float
    base_peak_mb: float


@dataclass
class QueryRow:
    articles: int
    mode: str
    scope: str
    bytes: tuple[float, float]  # median, max
    gzip_bytes: tuple[float, float]
    whole: int  # the index files of the years covered
    ms: tuple[float, float]
    page_ms: float  # median load time of the search page


def _measured(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall time (s) and peak memory (MB) of a child process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise BenchError(
            f"{' '.join(command[:4])} failed: {process.stderr.read().decode()[-2000:] if process.stderr else ''}"
        )
    return seconds, usage.ru_maxrss / 1024


def measure_indexing(jsonl: Path, out: Path, root: Path) -> IndexRow:
    seconds, peak = _measured(
        [sys.executable, "-m", "build_scripts.plugins.zh_search.indexer", str(jsonl), str(out)], root
    )
    base_seconds, base_peak = _measured([sys.executable, "-c", _CUT_ONLY, str(jsonl)], root)
    files = list(out.rglob("*.js"))
    articles = sum(1 for _ in jsonl.open(encoding="utf-8"))
    return IndexRow(articles, len(files), sum(p.stat().st_size for p in files), seconds, peak, base_seconds, base_peak)


def build_site(project: Path, site: Path, offline: bool) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "OFFLINE": "true" if offline else "false"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise BenchError(f"building {project} failed:\n{result.stderr[-3000:]}")


def whole_index(site: Path, years: list[int]) -> int:
    """Bytes of every index file a one-file index of these years would hold (not the article texts)."""
    folder = site / "assets/search"
    files = [*folder.glob("*.js"), *(folder / "lex").glob("*.js")]
    for year in years:
        files += list((folder / str(year)).glob("*.js"))
    return sum(p.stat().st_size for p in files)


def _chromium():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise BenchError("the benchmark needs Playwright: .venv/bin/pip install -e '.[dev]'") from None
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise BenchError("the benchmark needs Chromium (Debian package 'chromium')")
    return sync_playwright, path


def _page_load_ms(browser, url: str, offline: bool) -> float:
    context = browser.new_context(offline=offline)
    try:
        page = context.new_page()
        page.goto(url, wait_until="load")
        return page.evaluate(
            "() => { const t = performance.getEntriesByType('navigation')[0]; return t.loadEventEnd - t.startTime; }"
        )
    finally:
        context.close()


def measure_queries(
    browser, sites: dict[str, Path], queries: list[str], articles: int, years: list[int]
) -> list[QueryRow]:
    rows = []
    for mode in MODES:
        site = sites[mode]
        offline = mode == "offline"
        with serve(site) as served:
            url = (site.as_uri() + "/") if offline else served
            page_path = "search.html" if offline else "search/"
            page_ms = summarise(_page_load_ms(browser, url + page_path, offline) for _ in queries)[0]
            for scope in SCOPES:
                params = [
                    {"q": q, **({"from": str(years[-1]), "to": str(years[-1])} if scope == "one year" else {})}
                    for q in queries
                ]
                costs = [first_query(browser, url, site, page_path, p, offline) for p in params]
                covered = years[-1:] if scope == "one year" else years
                rows.append(
                    QueryRow(
                        articles,
                        mode,
                        scope,
                        summarise(c.bytes for c in costs),
                        summarise(c.gzip_bytes for c in costs),
                        whole_index(site, covered),
                        summarise(c.ms for c in costs),
                        page_ms,
                    )
                )
    return rows


def sample_project(project_root: Path, project: Path) -> None:
    """A copy of the project's site setup and texts at `project`, converted into its docs/ (the
    benchmarks then replace its data file with the archive they measure). The copy is
    converted, not the project: a conversion writes the URL ledger next to its texts."""
    for rel in _PROJECT_FILES:
        source, target = project_root / rel, project / rel
        if source.is_dir():
            shutil.copytree(source, target)
        elif source.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, target)
    command = [sys.executable, "-m", "build_scripts", "convert", "--source", str(project / "source_texts")]
    converted = subprocess.run(
        [*command, "--docs", str(project / "docs")], cwd=project_root, capture_output=True, text=True
    )
    if converted.returncode != 0:
        raise BenchError(f"converting the sample failed: {converted.stderr[-2000:]}")


def run(
    project_root: Path,
    sizes: list[int],
    queries: int,
    work: Path | None = None,
    progress: Callable[[str], None] = lambda message: None,
) -> tuple[list[IndexRow], list[QueryRow]]:
    sync_playwright, chromium = _chromium()
    index_rows, query_rows = [], []
    scratch = Path(tempfile.mkdtemp(prefix="bench-search-", dir=work))
    try:
        for size in sizes:
            project = scratch / f"archive-{size}"
            progress(f"converting the sample, generating {size:,} articles …")
            sample_project(project_root, project)
            jsonl = write_archive(project / "docs", size, per_year=PER_YEAR)
            progress(f"indexing {size:,} articles …")
            index_rows.append(measure_indexing(jsonl, scratch / f"index-{size}", project_root))
            shutil.rmtree(scratch / f"index-{size}")
            sites = {}
            for mode in MODES:
                progress(f"building the site, {mode} …")
                sites[mode] = project / f"site-{mode}"
                build_site(project, sites[mode], offline=mode == "offline")
            progress("drawing queries …")
            records = read_records(jsonl)
            years = sorted({int(r["date"][:4]) for r in records})
            drawn = [q.query for q in make_queries(records, 30) if q.kind in ("phrase", "reporter")][:queries]
            del records
            progress(f"searching {size:,} articles …")
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
                try:
                    query_rows += measure_queries(browser, sites, drawn, size, years)
                finally:
                    browser.close()
            shutil.rmtree(project, ignore_errors=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return index_rows, query_rows


def _size(n: float) -> str:
    return f"{n / 1e6:.2f} MB" if n >= 1e6 else f"{n / 1e3:.0f} KB"


def tables(index_rows: list[IndexRow], query_rows: list[QueryRow]) -> str:
    out = [
        "| articles | index files | index size | indexing time | peak memory |",
        "|---:|---:|---:|---:|---:|",
    ]
    for r in index_rows:
        out.append(
            f"| {r.articles:,} | {r.files:,} | {_size(r.bytes)} | {r.seconds:.0f} s (×{r.seconds / r.base_seconds:.1f}) "
            f"| {r.peak_mb:.0f} MB (×{r.peak_mb / r.base_peak_mb:.1f}) |"
        )
    out += [
        "",
        "| articles | opened | query covers | loaded (median / max) | gzip (median / max) | of the whole index | first result (median / max) | page load |",
        "|---:|---|---|---:|---:|---:|---:|---:|",
    ]
    for q in query_rows:
        out.append(
            f"| {q.articles:,} | {q.mode} | {q.scope} | {_size(q.bytes[0])} / {_size(q.bytes[1])} "
            f"| {_size(q.gzip_bytes[0])} / {_size(q.gzip_bytes[1])} | ×{q.bytes[0] / q.whole:.3f} of {_size(q.whole)} "
            f"| {q.ms[0]:,.0f} ms / {q.ms[1]:,.0f} ms (×{q.ms[0] / q.page_ms:.2f}) | {q.page_ms:,.0f} ms |"
        )
    return "\n".join(out)


def machine() -> str:
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPU cores, Python {platform.python_version()}, {dt.date.today().isoformat()}"
