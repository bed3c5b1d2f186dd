"""The `bench` commands of `python -m build_scripts`: measurements for maintainers, not for tests.
Each runner is imported when its command runs, so the command line loads none of them."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from build_scripts.problems import InputError


def _bench_search(args: argparse.Namespace) -> int:
    from build_scripts.dev.bench_search import BenchError, machine, run, tables

    project = Path(args.config_file).resolve().parent
    try:
        index_rows, query_rows = run(
            project, args.sizes, args.queries, progress=lambda m: print(m, file=sys.stderr, flush=True)
        )
    except BenchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"Search benchmark ({machine()}; medians and maxima over {args.queries} queries)\n")
    print(tables(index_rows, query_rows))
    return 0


def _bench_search_quality(args: argparse.Namespace) -> int:
    from build_scripts.dev.bench_search import BenchError, machine
    from build_scripts.dev.bench_search_quality import run

    articles = Path(args.articles)
    if not articles.is_file():
        raise InputError(
            str(articles),
            None,
            "not found",
            "give the articles.jsonl of a converted archive (docs/data/articles.jsonl)",
        )
    project = Path(args.config_file).resolve().parent
    try:
        table = run(project, articles.resolve(), args.queries, progress=lambda m: print(m, file=sys.stderr, flush=True))
    except BenchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"Search quality of {articles} ({machine()})\n")
    print(table)
    return 0


def _sizes(value: str) -> list[int]:
    try:
        sizes = [int(n.replace("_", "")) for n in value.split(",")]
    except ValueError:  # (not a number, or nothing between two commas)
        sizes = []
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError(f"{value!r}: give numbers of articles separated by commas, e.g. 1000,10000")
    return sizes


def _runs(value: str) -> int:
    try:
        runs = int(value)
    except ValueError:
        runs = 0
    if runs < 1:
        raise argparse.ArgumentTypeError(f"{value!r}: give how many times to run each step, 1 or more")
    return runs


def _bench_build(args: argparse.Namespace) -> int:
    from build_scripts.dev.bench_report import command

    return command(args)


def add_bench_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `bench search`, `bench search-quality` and `bench build` to the command line's subcommands."""
    bench = commands.add_parser(
        "bench",
        help="measure (not for tests): `bench build`, `bench search`, `bench search-quality` (each with --help)",
    )
    benchmarks = bench.add_subparsers(dest="benchmark", required=True, metavar="BENCHMARK")
    search = benchmarks.add_parser(
        "search",
        help="search: indexing time and memory, bytes and time of a first query, hosted and offline",
        description="Generate archives of SIZES articles (20,000 a year), index each, build the search "
        "hosted and offline, and print Markdown tables: indexing time and peak memory (against cutting the "
        "text alone), and the bytes loaded and time to the first result of a first query within the newest "
        "year and across all years in headless Chromium (medians and maxima over QUERIES queries).",
    )
    search.add_argument(
        "--sizes",
        type=_sizes,
        default=[10_000, 100_000],
        help="numbers of articles, comma-separated (default: 10000,100000)",
    )
    search.add_argument("--queries", type=int, default=9, help="first queries measured per case (default: %(default)s)")
    search.add_argument("--config-file", default="mkdocs.yml", help="the site's MkDocs config (default: %(default)s)")
    search.set_defaults(run=_bench_search)
    quality = benchmarks.add_parser(
        "search-quality",
        help="search: how often a query finds its article in the top 3, hosted and offline",
        description="Build the search for an archive's articles.jsonl, draw the query-quality set from it "
        "(phrases, reporters with a headline word, places with a headline word; every fifth in traditional "
        "characters) and print, per kind, how often the article is among the first three results in headless "
        "Chromium, hosted and offline.",
    )
    quality.add_argument("--articles", default="docs/data/articles.jsonl", help="the archive (default: %(default)s)")
    quality.add_argument("--queries", type=int, default=300, help="queries to draw (default: %(default)s)")
    quality.add_argument("--config-file", default="mkdocs.yml", help="the site's MkDocs config (default: %(default)s)")
    quality.set_defaults(run=_bench_search_quality)

    build = benchmarks.add_parser(
        "build",
        help="convert and build generated archives of growing size, against bare Material's floor",
        description="Generate archives of ARTICLES articles (120 a day over 20 版), convert each (with every "
        "core, with one process, and again after one issue changed and after its last issue was added) and build it with the project's mkdocs.yml, "
        "with bare Material (the floor) and, at the smallest size, with every page in nav (the naive setup). "
        "Prints a Markdown table of times, peak memory and site size per article, with ratios to the floor. "
        "With --source, the same steps on a copy of real archives' source texts instead (--articles is then unused).",
    )
    build.add_argument(
        "--articles", type=_sizes, default=[1000, 10000], help="sizes, comma-separated (default: 1000,10000)"
    )
    build.add_argument(
        "--runs", type=_runs, default=1, help="runs of each step; the median is shown (default: %(default)s)"
    )
    build.add_argument(
        "--source",
        default="",
        metavar="DIRS",
        help="measure a copy of these archives' source texts (real pages; folders, comma-separated) "
        "instead of generated archives",
    )
    build.add_argument("--work", default="/tmp/newspaper-bench", help="folder for the archives (default: %(default)s)")
    build.add_argument("--json", default="bench-build.json", help="where to write the results (default: %(default)s)")
    build.add_argument("--readme", default="", help="put the table into this README, between its bench markers")
    build.add_argument(
        "--from-json",
        default="",
        metavar="FILES",
        help="print the table of results saved before (comma-separated JSON files) instead of measuring",
    )
    build.add_argument("--config-file", default="mkdocs.yml", help="the site's MkDocs config (default: %(default)s)")
    build.add_argument(
        "--serial-up-to",
        type=int,
        default=10_000,
        help="also convert with one process up to this size (default: %(default)s)",
    )
    build.add_argument(
        "--shard-above",
        type=int,
        default=0,
        help="build with plain `mkdocs build` up to this size, sharded by year above it (default: %(default)s: "
        "always sharded, as ./scripts/build builds)",
    )
    build.add_argument(
        "--naive-timeout",
        type=float,
        default=900,
        help="stop the naive build (every page in nav, at the smallest size: minutes at 1,000 articles) after "
        "this many seconds (default: %(default)s)",
    )
    build.set_defaults(run=_bench_build)
