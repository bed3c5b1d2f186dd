"""Search benchmark: `python -m build_scripts bench search --sizes 1000,5000`.

Generates archives of the given numbers of articles from the sample page (one issue a day,
headlines numbered so that every article is distinct), converts and builds each twice —
with the zh-search plugin (this project's configuration) and without it (Material's own
Chinese search, the baseline) — hosted and offline, and measures in headless Chromium:

- the size of `search/search_index.json` (not compressed: the generated articles repeat
  one page, which a compressor would squeeze far better than real text);
- the build time (one build each);
- the time from typing a query to the first result: right after a page has loaded (the
  browser is still loading the index: what a reader who searches at once waits) and once
  the index is ready (every later search).

Times are medians over `--runs` fresh browser contexts (empty cache). Hosted means served
by a local HTTP server on 127.0.0.1, offline means opened from file://. The table is
printed as Markdown. Needs the test tools (`pip install -e .[dev]`) and Chromium.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from build_scripts.convert import convert
from build_scripts.dev.local_server import serve
from build_scripts.ingest.archive_config import load_archive_config
from build_scripts.ingest.read import Discovered, read_source
from build_scripts.parse.model import Kind
from build_scripts.parse.parser import parse_page
from build_scripts.problems import Report

QUERY_FIRST = "奥密克戎"  # in the sample, so every archive has results for it
QUERY_NEXT = "胡宗昊"
VARIANTS = ("zh-search", "baseline")
MODES = ("hosted", "offline")
START = dt.date(2000, 1, 1)
# Copied from the project into each generated archive.
_PROJECT_FILES = ("mkdocs.yml", "overrides", "docs/about.md", "source_texts/archive.yml", "source_texts/userdict.txt")


class BenchError(Exception):
    pass


@dataclass
class Row:
    articles: int
    variant: str
    mode: str
    index_bytes: int
    build_seconds: float
    first_ms: float  # query typed as soon as the page has loaded
    next_ms: float  # query typed once the index is ready


# ---------------------------------------------------------------------------------------
# Generating an archive
# ---------------------------------------------------------------------------------------


def _sample_articles(project_root: Path, sample: Path) -> tuple[list[str], list[int], int]:
    """The sample's lines, the (0-based) indexes of its headline lines as the parser sees
    them, and its number of articles."""
    config = load_archive_config(project_root / "source_texts")
    page = read_source(Discovered(sample, sample.name), config, Report())
    result = parse_page(page.text, page.first_line)
    lines = sample.read_text(encoding="utf-8").splitlines()
    headlines = sorted(
        {
            n - 1
            for a in result.articles
            for s in a.segments
            if s.kind is Kind.HEADLINE
            for n in range(s.first_line, s.last_line + 1)
        }
    )
    return lines, headlines, len(result.articles)


def generate_archive(project_root: Path, sample: Path, articles: int, target: Path) -> int:
    """A project folder in `target` with about `articles` articles; returns how many."""
    for rel in _PROJECT_FILES:
        source = project_root / rel
        if source.is_dir():
            shutil.copytree(source, target / rel)
        elif source.is_file():
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, target / rel)
    lines, headlines, per_issue = _sample_articles(project_root, sample)
    issues = max(1, math.ceil(articles / per_issue))
    for n in range(issues):
        day = START + dt.timedelta(days=n)
        varied = list(lines)
        for i in headlines:
            varied[i] = f"{lines[i]}（{n + 1}）"
        path = target / "source_texts" / str(day.year) / f"{day.isoformat()}_{n % 8 + 1:02d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(varied) + "\n", encoding="utf-8")
    result = convert(target / "source_texts", target / "docs")
    return result.articles


# ---------------------------------------------------------------------------------------
# Building
# ---------------------------------------------------------------------------------------


def build_site_variant(config_file: str, site_dir: str, zh_search: str) -> None:
    """Run in a fresh interpreter (jieba's dictionary is global): build with or without zh-search."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file=config_file, site_dir=site_dir)
    for name, plugin in config.plugins.items():
        if name == "zh-search":
            plugin.config.enabled = zh_search == "on"
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def build(project: Path, site: Path, variant: str, mode: str) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "OFFLINE": "true" if mode == "offline" else "false"}
    code = (
        "import sys; from build_scripts.dev.bench_search import build_site_variant; build_site_variant(*sys.argv[1:])"
    )
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", code, str(project / "mkdocs.yml"), str(site), "on" if variant == "zh-search" else "off"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise BenchError(f"building {project} ({variant}, {mode}) failed:\n{result.stderr[-3000:]}")
    return seconds


# ---------------------------------------------------------------------------------------
# Measuring in the browser
# ---------------------------------------------------------------------------------------

# Types `query` into Material's search box and resolves with the milliseconds until the
# first result is in the page. Material searches on keyup.
_TIME_QUERY = """async (query) => {
  const input = document.querySelector(".md-search__input");
  const list = document.querySelector(".md-search-result__list");
  input.focus();
  input.value = query;
  const started = performance.now();
  const shown = new Promise(resolve => {
    const seen = () => list.querySelector(".md-search-result__item");
    new MutationObserver((_, observer) => {
      if (seen()) { observer.disconnect(); resolve(performance.now() - started); }
    }).observe(list, { childList: true });
  });
  input.dispatchEvent(new KeyboardEvent("keyup", { key: "End", bubbles: true }));
  return await shown;
}"""

_CLEAR_QUERY = """() => {
  const input = document.querySelector(".md-search__input");
  input.value = "";
  input.dispatchEvent(new KeyboardEvent("keyup", { key: "End", bubbles: true }));
}"""


def _chromium():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise BenchError("the benchmark needs Playwright: .venv/bin/pip install -e '.[dev]'") from None
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise BenchError("the benchmark needs Chromium (Debian package 'chromium')")
    return sync_playwright, path


def time_searches(browser, start_url: str, runs: int, offline: bool) -> tuple[float, float]:
    """Median ms to the first result: typed at page load, and typed with the index ready."""
    first, after = [], []
    for _ in range(runs):
        context = browser.new_context(offline=offline)
        try:
            page = context.new_page()
            page.goto(start_url, wait_until="load")
            first.append(page.evaluate(_TIME_QUERY, QUERY_FIRST))
            page.evaluate(_CLEAR_QUERY)
            page.wait_for_function("() => !document.querySelector('.md-search-result__item')")
            after.append(page.evaluate(_TIME_QUERY, QUERY_NEXT))
        finally:
            context.close()
    return statistics.median(first), statistics.median(after)


def _index_size(site: Path) -> int:
    return (site / "search" / "search_index.json").stat().st_size


# ---------------------------------------------------------------------------------------
# The run and the table
# ---------------------------------------------------------------------------------------


def run(
    project_root: Path,
    sample: Path,
    sizes: list[int],
    runs: int,
    work: Path | None = None,
    progress=lambda message: None,
) -> list[Row]:
    sync_playwright, chromium = _chromium()
    rows = []
    scratch = Path(tempfile.mkdtemp(prefix="bench-", dir=work))
    try:
        for size in sizes:
            project = scratch / f"archive-{size}"
            progress(f"generating {size} articles …")
            articles = generate_archive(project_root, sample, size, project)
            sites = {}
            for variant in VARIANTS:
                for mode in MODES:
                    progress(f"building {articles} articles, {variant}, {mode} …")
                    site = project / f"site-{variant}-{mode}"
                    sites[variant, mode] = (site, build(project, site, variant, mode))
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
                try:
                    for (variant, mode), (site, seconds) in sites.items():
                        progress(f"searching {articles} articles, {variant}, {mode} …")
                        if mode == "hosted":
                            with serve(site) as url:
                                first_ms, next_ms = time_searches(browser, url, runs, offline=False)
                        else:
                            first_ms, next_ms = time_searches(
                                browser, (site / "index.html").as_uri(), runs, offline=True
                            )
                        rows.append(Row(articles, variant, mode, _index_size(site), seconds, first_ms, next_ms))
                finally:
                    browser.close()
            shutil.rmtree(project, ignore_errors=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return rows


def _mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1e5 else f"{n / 1e3:.0f} kB"


def _ratio(ours: float, base: float) -> str:
    return f"×{ours / base:.2f}" if base else "–"


def table(rows: list[Row]) -> str:
    """Markdown: one line per archive size, variant and mode; the zh-search lines carry
    ratios against the baseline of the same size and mode."""
    base = {(r.articles, r.mode): r for r in rows if r.variant == "baseline"}
    out = [
        "| articles | search | opened | search_index.json | build | first result, typed at page load | first result, index ready |",
        "|---:|---|---|---:|---:|---:|---:|",
    ]
    for r in sorted(rows, key=lambda r: (r.articles, r.mode, VARIANTS.index(r.variant))):
        b = base.get((r.articles, r.mode))
        cells = [
            f"{r.articles:,}",
            r.variant,
            r.mode,
            _mb(r.index_bytes),
            f"{r.build_seconds:.0f} s",
            f"{r.first_ms:,.0f} ms",
            f"{r.next_ms:,.0f} ms",
        ]
        if b and r is not b:
            cells[3] += f" ({_ratio(r.index_bytes, b.index_bytes)})"
            cells[4] += f" ({_ratio(r.build_seconds, b.build_seconds)})"
            cells[5] += f" ({_ratio(r.first_ms, b.first_ms)})"
            cells[6] += f" ({_ratio(r.next_ms, b.next_ms)})"
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out)


def machine() -> str:
    cpus = os.cpu_count()
    return f"{platform.system()} {platform.machine()}, {cpus} CPU cores, Python {platform.python_version()}, {dt.date.today().isoformat()}"
