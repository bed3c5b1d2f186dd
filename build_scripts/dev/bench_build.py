"""The pipeline benchmark: convert and build generated archives of growing size, against the
floor of bare Material on the same docs/, and print a Markdown table (and write JSON).

For each size: an archive is generated (`archive_generator.py`), converted with every core,
converted again with one process (the parallel speed-up), after one issue changed and with its
last issue added to the archive as it was without it (a night's run: the incremental
speed-ups), then built three ways on the same docs/ — with the project's
mkdocs.yml (sharded by year, as `./scripts/build` builds; plain `mkdocs build` up to
`--shard-above` articles), with bare Material (no plugins,
no custom templates, only the home page in `nav`: the floor), and, at the smallest size only,
with bare Material listing every page in `nav` (the naive setup). The project's build is
measured twice: from scratch (no search-index years or shards kept from the run before), and
as a night's build after one issue changed and was converted (keeping what the last build may
give: the search index's other years, the shards of unchanged years). Every step runs as its own
process; its wall time and its peak memory (its processes' proportional set sizes, sampled:
`_tree_memory`) are recorded. Times are medians of `--runs` runs.

With `--source DIR`, the same steps run on a copy of a real archive's source texts instead (its
own `archive.yml`, word list and URL ledger; no naive build): the figures a library holding
those pages would see, against the floor of the same pages.
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
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from build_scripts.dev.bench_projects import (
    ROOT,
    TRASH,
    BenchError,
    SizeResult,
    Step,
    change_one_issue,
    check_source,
    converted_articles,
    day_pages,
    days_of,
    empty_docs,
    make_project,
    project_from,
    put_back,
    set_last_issue_aside,
)
from build_scripts.parse import compiled

# What every conversion on a machine after its first reads instead of compiling it (the
# parser's patterns and model tables, kept beside its code: `parse/compiled.py`), made in a
# fresh interpreter, where the parser is not loaded yet (`source_jobs.load_parser`).
KEEP_PARSER = """
import sys
from pathlib import Path
from build_scripts.writers.source_jobs import load_parser
load_parser(Path(sys.argv[1]))
"""


def keep_what_the_parser_loads(folder: Path | None = None) -> None:
    """Made before the first step is timed (in `folder`, by default where conversions keep
    them): otherwise the first conversion measured, the smallest archive's on a fresh
    checkout, pays for them (0.7 s) and none after it does."""
    folder = folder or compiled.beside_the_code()
    if folder is None:  # (no folder of its own to keep them in: each conversion keeps them in its cache)
        return
    command = [sys.executable, "-c", KEEP_PARSER, str(folder)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        tail = " | ".join(done.stderr.strip().splitlines()[-3:])
        raise BenchError(f"the parser does not load: {tail}")


def machine() -> str:
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPU cores, Python {platform.python_version()}"


def _tree_memory(pid: int) -> int:
    """The memory a process and its children hold together: their proportional set sizes where
    the system says them (Linux), each page a forked worker shares with the process it was
    forked from counted once, shared among them — not the sum of their resident sets, which
    counts the parser's models once for every worker that inherited them. Elsewhere, that sum."""
    try:
        import psutil
    except ImportError:
        return 0
    try:
        process = psutil.Process(pid)
        processes = [process, *process.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for one in processes:
        try:
            total += _memory_of(one)
        except psutil.Error:  # (ended meanwhile)
            pass
    return total


def _memory_of(process: Any) -> int:  # (a psutil.Process)
    import psutil

    try:
        return int(process.memory_full_info().pss)
    except AttributeError:  # no proportional set size here (macOS, Windows)
        return int(process.memory_info().rss)
    except psutil.AccessDenied:  # (a process of another user's)
        return int(process.memory_info().rss)


# At most this share of a core goes on sampling: reading a process's proportional set size
# walks its memory (some 6 ms a gigabyte), so the pause after a sample is the time it took over
# this share (and 50 ms at least) — every 50 ms, a conversion holding 3 GB would lose a third
# of a core to being measured.
SAMPLING_SHARE = 0.05


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_step(
    command: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: float | None = None
) -> tuple[float, int, float]:
    """Run a command to the end: (wall seconds, peak memory of it and its children,
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
        pause = 0.05
        while not finished.wait(pause):
            took = time.perf_counter()
            peak = max(peak, _tree_memory(process.pid))
            pause = max(0.05, (time.perf_counter() - took) / SAMPLING_SHARE)

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


def _forget_search_cache(docs: Path) -> None:
    shutil.rmtree(docs.with_name(f".{docs.name}.search-cache"), ignore_errors=True)


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def measure(runs: int, once: Callable[[], tuple[float, int, float]]) -> tuple[float, int, list[float], float]:
    times, peaks, cpus = [], [], []
    for _ in range(runs):
        seconds, peak, cpu = once()
        times.append(seconds)
        peaks.append(peak)
        cpus.append(cpu)
    return statistics.median(times), max(peaks), times, statistics.median(cpus)


def measure_project(
    folder: Path,
    result: SizeResult,
    *,
    runs: int,
    naive: bool,
    serial_up_to: int,
    shard_above: int,
    progress: Callable[[str], None],
    naive_timeout: float | None = None,
    measured: Callable[[SizeResult], None] = lambda result: None,
) -> SizeResult:
    """Measure every step on a project folder (`make_project`, `project_from`)."""
    python = sys.executable
    env = {"NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    convert = [python, "-m", "build_scripts", "convert", "--source", "source_texts", "--docs", "docs"]

    def step(
        name: str,
        command: list[str],
        site: str = "",
        before: Callable[[], None] | None = None,
        timeout: float | None = None,
    ) -> None:
        progress(f"{result.articles or result.files:,} {'articles' if result.articles else 'files'}: {name}")

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
    step("convert", [*convert, "--full"], before=lambda: empty_docs(folder / "docs"))
    if not result.articles:  # real pages: counted once converted
        if result.steps["convert"].error:
            return result  # nothing else can be measured; the table says why
        result.articles = converted_articles(folder / "docs")
    articles = result.articles
    if articles <= serial_up_to:
        alone = folder / "docs-1"
        step(
            "convert, 1 process",
            [*convert[:-1], alone.name, "--full", "--jobs", "1"],
            before=lambda: empty_docs(alone),
        )
        # (left in place: on this machine's disk, deleting ten thousand files slows the files
        # created for a minute after it — the next steps' — and the next run removes it)
    step("convert, one issue changed", convert, before=lambda: change_one_issue(folder / "source_texts"))

    def without_the_last_issue() -> None:
        held = set_last_issue_aside(folder / "source_texts", folder / "held")
        try:
            run_step(convert, folder, env)  # the archive as it was the night before
        finally:
            put_back(held)

    if len(days_of(day_pages(folder / "source_texts"))) > 1:  # (one issue: no night before it)
        step("convert, a new issue added", convert, before=without_the_last_issue)
    mkdocs = [python, "-m", "mkdocs", "build", "--quiet"]
    if articles > shard_above:
        name, build = "build, sharded by year", [python, "-m", "build_scripts", "build", "--shard-by", "year"]
        full = [*build, "--full"]  # (without it, every run after the first keeps the shards of the one before)
    else:
        name, build = "build", [*mkdocs, "--strict", "-f", "mkdocs.yml", "-d", "site"]
        full = build
    # A full build starts without the search index's kept years (`.docs.search-cache`) ...
    step(name, full, site="site", before=lambda: _forget_search_cache(folder / "docs"))
    # ... and a nightly one after a day's correction has them, and the shards of the last build

    def change_and_convert() -> None:
        change_one_issue(folder / "source_texts")
        run_step(convert, folder, env)

    step("build, one issue changed", build, before=change_and_convert)
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
    shard_above: int = 0,
    naive_timeout: float | None = 900,
    progress: Callable[[str], None] = lambda message: None,
    save: Callable[[list[SizeResult]], None] = lambda results: None,
    sources: Sequence[Path] = (),
) -> list[SizeResult]:
    """Benchmark every size, or the archives of `sources` (folders of source texts) instead;
    `save` is called after every step, so a long run keeps what it measured."""
    results: list[SizeResult] = []
    for source in sources:  # every folder checked before minutes are spent on the first
        check_source(source, work)
    keep_what_the_parser_loads()
    try:
        # (folder, how it is made): copies of real archives, or generated archives of each size
        projects: list[tuple[Path, Callable[[Path], SizeResult]]] = (
            [
                (work / f"source-{k}", partial(project_from, source=source, config_file=config_file))
                for k, source in enumerate(sources, start=1)
            ]
            if sources
            else [(work / str(n), partial(make_project, articles=n, config_file=config_file)) for n in sorted(sizes)]
        )
        for i, (folder, make) in enumerate(projects):
            result = make(folder)
            result.runs = runs
            measure_project(
                folder,
                result,
                runs=runs,
                # every page in nav, at the smallest generated size only (minutes on a real archive)
                naive=not sources and i == 0,
                serial_up_to=serial_up_to,
                shard_above=shard_above,
                progress=progress,
                naive_timeout=naive_timeout,
                measured=lambda so_far: save([*results, so_far]),  # every step kept as soon as it is measured
            )
            results.append(result)
            save(results)
    finally:
        # Deleting tens of thousands of files slows, on this machine's disk, the files created
        # for a minute after: the last run's archives are deleted once nothing is measured.
        shutil.rmtree(work / TRASH, ignore_errors=True)
    return results
