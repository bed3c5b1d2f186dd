"""The pipeline benchmark: convert and build generated archives of growing size, against the
floor of bare Material on the same docs/, and print a Markdown table (and write JSON).

For each size: an archive is generated (`archive_generator.py`), converted with every core,
converted again with one process (the parallel speed-up) and after one issue changed (the
incremental speed-up), then built three ways on the same docs/ — with the project's
mkdocs.yml (sharded by year above `--shard-above` articles), with bare Material (no plugins,
no custom templates, only the home page in `nav`: the floor), and, at the smallest size only,
with bare Material listing every page in `nav` (the naive setup). Every step runs as its own
process; its wall time and its peak memory (the sum of its processes' resident sets, sampled)
are recorded. Times are medians of `--runs` runs.
"""

from __future__ import annotations

import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from build_scripts.contract.record import ARTICLE_TEMPLATE
from build_scripts.dev.archive_generator import generate
from build_scripts.writers.moved_pages import MOVED_TEMPLATE

ROOT = Path(__file__).resolve().parents[2]
FLOOR_CONFIG = """site_name: floor
docs_dir: docs
theme:
  name: material
  language: zh
  font: false
  custom_dir: floor-overrides
plugins: []
markdown_extensions:
  - attr_list
  - md_in_html
  - toc:
      permalink: true
validation:
  nav: {omitted_files: ignore, not_found: ignore, absolute_links: ignore}
  links: {not_found: ignore, absolute_links: ignore, unrecognized_links: ignore, anchors: ignore}
"""
FLOOR_NAV = "nav:\n  - index.md\nnot_in_nav: |\n  *\n"
# Article pages, and the pages an address cut back to its month leads on from, name their
# template; bare Material has none of those names, so each is its own page template.
BARE_TEMPLATE = '{% extends "main.html" %}\n'
NAMED_TEMPLATES = (ARTICLE_TEMPLATE, MOVED_TEMPLATE)


TRASH = ".trash"  # archives of the last run, set aside until this run has measured everything


class BenchError(Exception):
    pass


@dataclass
class Step:
    """One measured step: medians over the runs."""

    name: str
    seconds: float
    peak_rss: int  # bytes
    site_bytes: int = 0
    runs: list[float] = field(default_factory=list)
    error: str = ""  # why the step failed, if it did
    cpu_seconds: float = 0.0  # user + system time of the step's processes


@dataclass
class SizeResult:
    articles: int
    files: int
    years: int
    steps: dict[str, Step] = field(default_factory=dict)


def machine() -> str:
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPU cores, Python {platform.python_version()}"


def _tree_rss(pid: int) -> int:
    try:
        import psutil
    except ImportError:
        return 0
    try:
        process = psutil.Process(pid)
        total = process.memory_info().rss
        for child in process.children(recursive=True):
            try:
                total += child.memory_info().rss
            except psutil.Error:
                pass
        return total
    except psutil.Error:
        return 0


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_step(
    command: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: float | None = None
) -> tuple[float, int, float]:
    """Run a command to the end: (wall seconds, peak resident memory of it and its children,
    CPU seconds of it and its children). CPU time is what a shared machine disturbs least:
    other people's work there stretches the wall time of a step, hardly its CPU time.
    A step still running after `timeout` seconds is stopped and reported as such."""
    cpu_before = _children_cpu()
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    peak = 0
    finished = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not finished.wait(0.05):
            peak = max(peak, _tree_rss(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        _, errors = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        finished.set()
        raise BenchError(f"stopped after {timeout:,.0f} s") from None
    finished.set()
    sampler.join()
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        tail = errors.decode("utf-8", "replace").strip().splitlines()[-5:]
        raise BenchError(f"`{' '.join(command)}` failed in {cwd} (exit {process.returncode}): " + " | ".join(tail))
    return seconds, peak, _children_cpu() - cpu_before


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def make_project(folder: Path, articles: int, config_file: Path) -> SizeResult:
    """A project folder with a generated archive, the site's config, templates and hand-written pages."""
    if folder.exists():  # set aside, deleted once everything is measured (see `run`)
        trash = folder.parent / TRASH
        trash.mkdir(exist_ok=True)
        folder.rename(trash / f"{folder.name}-{time.time_ns()}")
    made = generate(folder / "source_texts", articles)
    shutil.copy(ROOT / "source_texts" / "userdict.txt", folder / "source_texts" / "userdict.txt")
    shutil.copy(config_file, folder / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", folder / "overrides")
    docs = folder / "docs"
    docs.mkdir()
    (folder / "floor-overrides").mkdir()
    for name in NAMED_TEMPLATES:
        (folder / "floor-overrides" / name).write_text(BARE_TEMPLATE, encoding="utf-8")
    (folder / "floor.yml").write_text(FLOOR_CONFIG + FLOOR_NAV, encoding="utf-8")
    (folder / "naive.yml").write_text(FLOOR_CONFIG, encoding="utf-8")  # no nav: every page in it
    years = made.last_day.year - made.first_day.year + 1
    return SizeResult(articles=made.articles, files=made.files, years=years)


def change_one_issue(source: Path) -> None:
    """Edit every 版 of the middle issue, as a correction to one day's paper would."""
    days = sorted({p.name[:10] for p in source.rglob("*.txt")})
    middle = days[len(days) // 2]
    for path in sorted(source.rglob(f"{middle}_*.txt")):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("。", "。（更正）", 1), encoding="utf-8")


def _remove_docs(docs: Path) -> None:
    for path in (docs, docs.with_name(f".{docs.name}.cache")):
        shutil.rmtree(path, ignore_errors=True)


def _empty_docs(docs: Path) -> None:
    """An empty docs folder (as `make_project` makes it), and no conversion cache."""
    _remove_docs(docs)
    docs.mkdir()


def measure(runs: int, once: Callable[[], tuple[float, int, float]]) -> tuple[float, int, list[float], float]:
    times, peaks, cpus = [], [], []
    for _ in range(runs):
        seconds, peak, cpu = once()
        times.append(seconds)
        peaks.append(peak)
        cpus.append(cpu)
    return statistics.median(times), max(peaks), times, statistics.median(cpus)


def bench_size(
    folder: Path,
    articles: int,
    *,
    runs: int,
    config_file: Path,
    naive: bool,
    serial_up_to: int,
    shard_above: int,
    progress: Callable[[str], None],
    naive_timeout: float | None = None,
    measured: Callable[[SizeResult], None] = lambda result: None,
) -> SizeResult:
    python = sys.executable
    result = make_project(folder, articles, config_file)
    env = {"NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    convert = [python, "-m", "build_scripts", "convert", "--source", "source_texts", "--docs", "docs"]

    def step(
        name: str,
        command: list[str],
        site: str = "",
        before: Callable[[], None] | None = None,
        timeout: float | None = None,
    ) -> None:
        progress(f"{articles:,} articles: {name}")

        def once() -> tuple[float, int, float]:
            if before:
                before()
            return run_step(command, folder, env, timeout)

        try:
            seconds, peak, times, cpu = measure(runs, once)
        except BenchError as exc:  # recorded, and the other steps still measured
            result.steps[name] = Step(name, 0.0, 0, error=str(exc))
            measured(result)
            return
        size = folder_bytes(folder / site) if site else 0
        result.steps[name] = Step(name, seconds, peak, size, times, cpu_seconds=cpu)
        measured(result)

    # Each full conversion into an empty docs folder (its hand-written part only): over the
    # docs/ of the run before, it would find every page written already, and creating the
    # files is much of the work.
    step("convert", [*convert, "--full"], before=lambda: _empty_docs(folder / "docs"))
    if articles <= serial_up_to:
        alone = folder / "docs-1"
        step(
            "convert, 1 process",
            [*convert[:-1], alone.name, "--full", "--jobs", "1"],
            before=lambda: _empty_docs(alone),
        )
        # (left in place: on this machine's disk, deleting ten thousand files slows the files
        # created for a minute after it — the next steps' — and the next run removes it)
    step("convert, one issue changed", convert, before=lambda: change_one_issue(folder / "source_texts"))
    mkdocs = [python, "-m", "mkdocs", "build", "--quiet"]
    if articles > shard_above:
        step("build, sharded by year", [python, "-m", "build_scripts", "build", "--shard-by", "year"], site="site")
    else:
        step("build", [*mkdocs, "--strict", "-f", "mkdocs.yml", "-d", "site"], site="site")
    step("floor", [*mkdocs, "-f", "floor.yml", "-d", "site-floor"], site="site-floor")
    if naive:
        step("naive", [*mkdocs, "-f", "naive.yml", "-d", "site-naive"], site="site-naive", timeout=naive_timeout)
    return result


def run(
    work: Path,
    sizes: list[int],
    *,
    runs: int = 1,
    config_file: Path = ROOT / "mkdocs.yml",
    serial_up_to: int = 10_000,
    shard_above: int = 10_000,
    naive_timeout: float | None = 900,
    progress: Callable[[str], None] = lambda message: None,
    save: Callable[[list[SizeResult]], None] = lambda results: None,
) -> list[SizeResult]:
    """Benchmark every size; `save` is called after every step, so a long run keeps what it measured."""
    results: list[SizeResult] = []
    try:
        for i, articles in enumerate(sorted(sizes)):
            results.append(
                bench_size(
                    work / str(articles),
                    articles,
                    runs=runs,
                    config_file=config_file,
                    naive=i == 0,
                    serial_up_to=serial_up_to,
                    shard_above=shard_above,
                    progress=progress,
                    naive_timeout=naive_timeout,
                    measured=lambda partial: save([*results, partial]),  # every step kept as soon as it is measured
                )
            )
            save(results)
    finally:
        # Deleting tens of thousands of files slows, on this machine's disk, the files created
        # for a minute after: the last run's archives are deleted once nothing is measured.
        shutil.rmtree(work / TRASH, ignore_errors=True)
    return results
