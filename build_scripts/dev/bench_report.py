"""`bench build`, the command: runs the benchmark (bench_build.py), and gives its results as
a Markdown table (per article, with ratios to the floor), as JSON, and in the README."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

from build_scripts.dev.bench_build import BenchError, SizeResult, Step, machine, run
from build_scripts.writers.progress import progress_bar

README_START = "<!-- bench build: start -->"
README_END = "<!-- bench build: end -->"
FULL_BUILDS = ("build", "build, sharded by year")
CHANGED_BUILD = "build, one issue changed"


def _mb(size: int) -> str:
    return f"{size / 2**20:,.0f} MB" if size else "–"


def _ratio(value: float, floor: float) -> str:
    return f" (×{value / floor:.2f})" if floor else ""


def _size(r: SizeResult, results: list[SizeResult]) -> str:
    """The archive's number of articles, and its years where another archive measured has as
    many articles (the same pages as four years and as one)."""
    same = sum(1 for other in results if other.articles == r.articles) > 1
    return f"{r.articles:,}" + (f" ({r.years} year{'s' if r.years != 1 else ''})" if same else "")


def table(results: list[SizeResult]) -> str:
    lines = [
        "| articles | step | time | per article | CPU time per article | peak memory | site | site per article |",
        "|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        if not r.articles:  # real pages whose conversion failed: only its error to show
            lines += [f"| {r.files:,} files | {name} | {why(s.error)} | | | | | |" for name, s in r.steps.items()]
            continue
        floor = r.steps.get("floor")
        floor_ms = floor.seconds * 1000 / r.articles if floor else 0.0
        floor_kb = floor.site_bytes / 1024 / r.articles if floor else 0.0
        floor_cpu = floor.cpu_seconds * 1000 / r.articles if floor else 0.0
        full = r.steps.get("convert")
        for name, s in r.steps.items():
            if s.error:
                lines.append(f"| {_size(r, results)} | {name} | {why(s.error)} | | | | | |")
                continue
            per = s.seconds * 1000 / r.articles
            cpu = s.cpu_seconds * 1000 / r.articles
            cpu_cell = f"{cpu:.1f} ms" if s.cpu_seconds else "–"
            if name.startswith("convert"):
                speed = f"{r.articles / s.seconds:,.0f} articles/s"
                if full and name == "convert, 1 process":
                    speed += f" (parallel: ×{s.seconds / full.seconds:.1f})"
                elif full and name != "convert":
                    speed = f"×{full.seconds / s.seconds:.1f} faster than a full conversion"
                cells = [f"{s.seconds:,.1f} s", speed, cpu_cell, _mb(s.peak_rss), "", ""]
            elif name == CHANGED_BUILD:  # against the full build of the same run
                built = next((b for n, b in r.steps.items() if n in FULL_BUILDS and not b.error), None)
                speed = f"{100 * s.seconds / built.seconds:.0f} % of a full build's time" if built else ""
                cells = [f"{s.seconds:,.1f} s", speed, cpu_cell, _mb(s.peak_rss), "", ""]
            else:
                site_kb = s.site_bytes / 1024 / r.articles
                cells = [
                    f"{s.seconds:,.0f} s",
                    f"{per:.1f} ms{_ratio(per, floor_ms) if name != 'floor' else ''}",
                    cpu_cell + (_ratio(cpu, floor_cpu) if name != "floor" and s.cpu_seconds else ""),
                    _mb(s.peak_rss),
                    _mb(s.site_bytes),
                    f"{site_kb:.0f} KB{_ratio(site_kb, floor_kb) if name != 'floor' else ''}",
                ]
            lines.append(f"| {_size(r, results)} | {name} | " + " | ".join(cells) + " |")
    growth = growth_line(results)
    return "\n".join(lines) + ("\n\n" + growth if growth else "")


def why(error: str) -> str:
    """What a failed step printed last (`run_step`'s message ends with its last lines), short."""
    reason = error.rpartition("): ")[2] if "): " in error else error
    lines = reason.split(" | ")
    said = [line for line in lines if line.startswith("error:")]  # the converter's own words, if it said any
    return (said or lines)[-1][:160].replace("|", "/")


def growth_line(results: list[SizeResult]) -> str:
    """How build time per article grows from the smallest to each larger size."""
    built = [
        (_size(r, results), s.seconds / r.articles)
        for r in results
        for n, s in r.steps.items()
        if n in FULL_BUILDS and not s.error
    ]
    if len(built) < 2:
        return ""
    (first, base), *rest = built
    parts = [f"{n}: ×{per / base:.2f}" for n, per in rest]
    return f"Build time per article compared with {first} articles: " + ", ".join(parts) + "."


def from_json(text: str) -> tuple[list[SizeResult], str]:
    """Results written by `to_json` (e.g. to print runs of different sizes as one table), and
    the machine they were measured on."""
    saved = json.loads(text)
    results = []
    for r in saved["results"]:
        steps = {name: Step(**step) for name, step in r.pop("steps").items()}
        results.append(SizeResult(**r, steps=steps))
    return results, str(saved.get("machine") or "")


def to_json(results: list[SizeResult]) -> str:
    return json.dumps({"machine": machine(), "results": [asdict(r) for r in results]}, ensure_ascii=False, indent=1)


# the markers of the table measured on real pages (`--source`): a section of its own
REAL_START = "<!-- bench build, real pages: start -->"
REAL_END = "<!-- bench build, real pages: end -->"


def write_readme(readme: Path, text: str, markers: tuple[str, str] = (README_START, README_END)) -> None:
    """Replace the table between the README's markers."""
    first, last = markers
    content = readme.read_text(encoding="utf-8")
    start, end = content.find(first), content.find(last)
    if start < 0 or end < start:
        raise BenchError(f"{readme}: no `{first}` … `{last}` section to put the table in")
    content = content[: start + len(first)] + "\n" + text + "\n" + content[end:]
    readme.write_text(content, encoding="utf-8")


def command(args: argparse.Namespace) -> int:
    """`python -m build_scripts bench build`: measure, print the table, keep the JSON."""

    work = Path(args.work)
    sources = [Path(folder).resolve() for folder in args.source.split(",") if folder.strip()]
    if args.source and not sources:
        print(f"error: --source {args.source!r}: give folders of source texts, comma-separated", file=sys.stderr)
        return 1
    steps = 7 * len(sources) + 1 if sources else sum(6 + (n <= args.serial_up_to) for n in args.articles) + 1
    config_file = Path(args.config_file).resolve()
    if not args.from_json and not config_file.is_file():
        print(f"error: {config_file}: no such MkDocs config — give the site's mkdocs.yml with --config-file",
              file=sys.stderr)  # fmt: skip
        return 1

    def save(results: list) -> None:
        Path(args.json).write_text(to_json(results) + "\n", encoding="utf-8")

    if args.from_json:  # print (and put in the README) results measured before, as they were measured
        try:
            saved = [from_json(Path(path).read_text("utf-8")) for path in args.from_json.split(",")]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            print(f"error: --from-json {args.from_json}: {exc} — give JSON files that `bench build --json` wrote",
                  file=sys.stderr)  # fmt: skip
            return 1
        results = [r for found, _ in saved for r in found]
        machines = ", ".join(dict.fromkeys(machine for _, machine in saved if machine))
        return _print_table(args, sorted(results, key=lambda r: r.articles), "", on=machines)
    with progress_bar(steps, "benchmark", unit="step") as bar:
        started = [0]  # steps started: each is counted once the next starts, the last at the end

        def progress(message: str) -> None:
            bar.update(1 if started[0] else 0)
            started[0] += 1
            bar.set_postfix_str(message)

        try:
            results = run(
                work,
                args.articles,
                runs=args.runs,
                config_file=config_file,
                serial_up_to=args.serial_up_to,
                shard_above=args.shard_above,
                naive_timeout=args.naive_timeout,
                progress=progress,
                save=save,
                sources=sources,
            )
        except BenchError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        bar.update(max(steps, started[0]) - max(0, started[0] - 1))  # the last step, and any not taken
    failed = [r.source for r in results if not r.articles]  # real pages that did not convert
    code = _print_table(args, results, args.json, readme=not failed)
    if failed:
        print(f"error: {', '.join(failed)}: the conversion failed (the table says why); the README is left as it was",
              file=sys.stderr)  # fmt: skip
        return 1
    return code


def _print_table(args: argparse.Namespace, results: list, json_path: str, readme: bool = True, on: str = "") -> int:
    """`on`: the machine the results were measured on (saved ones), else this one."""
    sizes = ",".join(str(r.articles) for r in results)
    real = [r.source for r in results if r.source]  # measured on real pages (`--source`)
    what = f"--source {','.join(real)}" if real else f"--articles {sizes}"
    runs = "/".join(str(n) for n in dict.fromkeys(r.runs for r in results)) or str(args.runs)
    text = (
        f"Measured with `python -m build_scripts bench build {what} --runs {runs}` "
        f"({on or machine()}; medians of {runs} run(s), the largest peak memory):\n\n" + table(results)
    )
    print(text)
    if json_path:
        print(f"\n(JSON: {json_path})", file=sys.stderr)
    if args.readme and readme:
        markers = (REAL_START, REAL_END) if real else (README_START, README_END)
        try:
            write_readme(Path(args.readme), text, markers)
        except (BenchError, OSError) as exc:
            print(f"error: --readme {args.readme}: {exc} — the table is printed above", file=sys.stderr)
            return 1
    return 0
