"""Command line: `python -m build_scripts <command>`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .problems import InputError

EXIT_INPUT_ERROR = 2


def _convert(args: argparse.Namespace) -> int:
    from .convert import convert

    result = convert(Path(args.source), Path(args.docs), keep_going=args.keep_going)
    report = result.report
    for notice in report.notices:
        print(f"note: {notice}", file=sys.stderr)
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if report.errors:
        print(f"\n{len(report.errors)} file(s) could not be converted:", file=sys.stderr)
        for error in report.errors:
            print(f"error: {error}", file=sys.stderr)
    print(f"converted: {result.summary()}")
    return EXIT_INPUT_ERROR if report.errors else 0


def _bundle(args: argparse.Namespace) -> int:
    from .bundle import BundleError, bundle

    try:
        made = bundle(Path(args.config_file), Path(args.source), Path(args.out))
    except BundleError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"bundle: {made.path} ({made.files} files, {made.size / 1e6:.1f} MB). "
          f"Unzip it and open {made.path.stem}/index.html in a browser.")
    return 0


def _bench_search(args: argparse.Namespace) -> int:
    from .bench import BenchError, machine, run, table

    try:
        sizes = [int(n) for n in args.sizes.split(",") if n.strip()]
    except ValueError:
        print(f"error: --sizes {args.sizes!r}: give numbers of articles separated by commas, e.g. 1000,5000", file=sys.stderr)
        return EXIT_INPUT_ERROR
    project = Path(args.config_file).resolve().parent
    try:
        rows = run(project, Path(args.sample), sizes, args.runs, progress=lambda m: print(m, file=sys.stderr, flush=True))
    except BenchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"Search benchmark ({machine()}; medians of {args.runs} runs)\n")
    print(table(rows))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m build_scripts",
        description="Turn raw newspaper issue texts into an MkDocs archive site.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    convert = commands.add_parser(
        "convert", help="convert source texts into Markdown pages under docs/",
        description="Convert every *.txt under the source folder into one Markdown page per article, "
        "index pages and data/articles.jsonl under the docs folder.",
    )
    convert.add_argument("--source", default="source_texts", help="folder of raw issue texts (default: %(default)s)")
    convert.add_argument("--docs", default="docs", help="MkDocs docs folder to write into (default: %(default)s)")
    convert.add_argument("--keep-going", action="store_true",
                         help="convert every good file, then list all problems (exit code 2 if any)")
    convert.set_defaults(run=_convert)

    bundle = commands.add_parser(
        "bundle", help="zip the site as an offline bundle that works from file://",
        description="Build the site for reading from file:// (no server, no network) and zip it to "
        "OUT/<paper-slug>-offline.zip. Run convert first: the bundle is built from the docs folder.",
    )
    bundle.add_argument("--config-file", default="mkdocs.yml", help="the site's MkDocs config (default: %(default)s)")
    bundle.add_argument("--source", default="source_texts", help="folder with archive.yml, for the paper's slug (default: %(default)s)")
    bundle.add_argument("--out", default="dist", help="folder to write the zip into (default: %(default)s)")
    bundle.set_defaults(run=_bundle)

    bench = commands.add_parser("bench", help="measure (not for tests): see `bench search --help`")
    benchmarks = bench.add_subparsers(dest="benchmark", required=True, metavar="BENCHMARK")
    search = benchmarks.add_parser(
        "search", help="search index size and time to first result, hosted and offline",
        description="Generate archives of SIZES articles from the sample, build each with and without the "
        "zh-search plugin, hosted and offline, and print a Markdown table of search_index.json size, build "
        "time and the time from typing a query to the first result in headless Chromium (medians).",
    )
    search.add_argument("--sizes", default="1000,5000", help="numbers of articles, comma-separated (default: %(default)s)")
    search.add_argument("--runs", type=int, default=3, help="browser runs per measurement; the median is shown (default: %(default)s)")
    search.add_argument("--sample", default="source_texts/2022/2022-01-28.txt", help="the page to generate articles from (default: %(default)s)")
    search.add_argument("--config-file", default="mkdocs.yml", help="the site's MkDocs config (default: %(default)s)")
    search.set_defaults(run=_bench_search)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INPUT_ERROR
    except KeyboardInterrupt:
        print("interrupted: docs/ was left as it was before this run", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
