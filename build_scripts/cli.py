"""Command line: `python -m build_scripts <command>`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from build_scripts.problems import NOTES_SHOWN, InputError, InternalError, printed_notes

EXIT_INPUT_ERROR = 2
EXIT_INTERNAL_ERROR = 1


def _convert(args: argparse.Namespace) -> int:
    from build_scripts.convert import convert

    if args.explain:
        from build_scripts.parse.explain import explain

        print(explain(Path(args.source), Path(args.explain)))
        return 0

    result = convert(
        Path(args.source), Path(args.docs), keep_going=args.keep_going, jobs=args.jobs, incremental=not args.full
    )
    report = result.report
    for line in printed_notes(report.notices, every=args.all_notes):
        print(line, file=sys.stderr)
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if report.errors:
        print(f"\n{len(report.errors)} file(s) could not be converted:", file=sys.stderr)
        for error in report.errors:
            print(f"error: {error}", file=sys.stderr)
    print(f"converted: {result.summary()}")
    if result.written is None:
        print("nothing could be converted: docs/ was left as it was", file=sys.stderr)
    return EXIT_INPUT_ERROR if report.errors else 0


def _score(args: argparse.Namespace) -> int:
    from build_scripts.parse.score import score_table

    folder = Path(args.fixtures)
    if not folder.is_dir():
        raise InputError(str(folder), None, "no such folder", "give the folder of NAME.txt + NAME.expected.yml pairs")
    table, total = score_table(folder)
    print(table)
    return 0 if total.expected else 1


def _bundle(args: argparse.Namespace) -> int:
    from build_scripts.ship.bundle import BundleError, bundle

    try:
        made = bundle(Path(args.config_file), Path(args.source) if args.source else None, Path(args.out))
    except BundleError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(
        f"bundle: {made.path} ({made.files} files, {made.size / 1e6:.1f} MB). "
        f"Unzip it and open {made.path.stem}/index.html in a browser."
    )
    return 0


def _bench_search(args: argparse.Namespace) -> int:
    from build_scripts.dev.bench_search import BenchError, machine, run, tables

    try:
        sizes = [int(n) for n in args.sizes.split(",") if n.strip()]
    except ValueError:
        print(
            f"error: --sizes {args.sizes!r}: give numbers of articles separated by commas, e.g. 10000,100000",
            file=sys.stderr,
        )
        return EXIT_INPUT_ERROR
    project = Path(args.config_file).resolve().parent
    try:
        index_rows, query_rows = run(
            project, sizes, args.queries, progress=lambda m: print(m, file=sys.stderr, flush=True)
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
        sizes = [int(n.replace("_", "")) for n in value.split(",") if n.strip()]
    except ValueError:
        sizes = []
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError(f"{value!r}: give numbers of articles separated by commas, e.g. 1000,10000")
    return sizes


def _bench_build(args: argparse.Namespace) -> int:
    from build_scripts.dev.bench_report import command

    return command(args)


def _build(args: argparse.Namespace) -> int:
    from build_scripts.ship.sharded_build import command

    return command(args)


def _linkcheck(args: argparse.Namespace) -> int:
    from build_scripts.contract.site_url import normalise_site_url
    from build_scripts.ship.linkcheck import check_site, published_address

    site = Path(args.site)
    if not (site / "index.html").is_file():
        raise InputError(str(site), None, "is not a built site (no index.html)", "build it first: ./scripts/build")
    base_url = normalise_site_url(args.base_url, "--base-url") if args.base_url else published_address(site)
    print(f"linkcheck: {site} as served at {base_url or 'the root of a host'}")
    report = check_site(site, base_url)
    for broken in report.broken:
        print(f"broken: {broken}", file=sys.stderr)
    print(
        f"linkcheck: {report.files} files, {report.checked} internal links, "
        f"{report.external} external (not fetched), {len(report.broken)} broken"
    )
    return 1 if report.broken else 0


def _jobs(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of processes: give 1 or more")
    return int(value)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m build_scripts",
        description="Turn raw newspaper issue texts into an MkDocs archive site.",
    )
    parser.add_argument("--debug", action="store_true", help="on an internal error, show the Python traceback too")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    convert = commands.add_parser(
        "convert",
        help="convert source texts into Markdown pages under docs/",
        description="Convert every *.txt under the source folder into one Markdown page per article, "
        "index pages and data/articles.jsonl under the docs folder.",
        epilog="Exit codes: 0 converted; 2 an input error (nothing written, unless --keep-going); "
        "1 the converter itself failed (docs/ left as it was); 130 interrupted.",
    )
    convert.add_argument("--source", default="source_texts", help="folder of raw issue texts (default: %(default)s)")
    convert.add_argument("--docs", default="docs", help="MkDocs docs folder to write into (default: %(default)s)")
    convert.add_argument(
        "--keep-going", action="store_true", help="convert every good file, then list all problems (exit code 2 if any)"
    )
    convert.add_argument(
        "--jobs",
        type=_jobs,
        default=0,
        metavar="N",
        help="worker processes reading and parsing the texts (default: one per core); the output is the same for any N",
    )
    convert.add_argument(
        "--full",
        action="store_true",
        help="convert every file again, ignoring the conversion cache (.docs.cache next to the docs folder) "
        "that otherwise lets only changed files be read and parsed again",
    )
    convert.add_argument(
        "--all-notes",
        action="store_true",
        help=f"print every note (by default, past {NOTES_SHOWN} notes with the same advice only their number)",
    )
    convert.add_argument(
        "--explain",
        metavar="FILE",
        help="print how one source file is cut into articles, line by line, and why; writes nothing",
    )
    convert.set_defaults(run=_convert, left="docs/ was left as it was before this run")

    score = commands.add_parser(
        "score",
        help="score the parser against a corpus of hand-cut pages",
        description="Parse every NAME.txt in the folder and compare with NAME.expected.yml: articles found, "
        "exact articles (title, byline names and every paragraph right), titles, bylines, paragraphs.",
    )
    score.add_argument(
        "fixtures",
        nargs="?",
        default="tests/fixtures/layouts",
        help="folder of NAME.txt + NAME.expected.yml pairs (default: %(default)s)",
    )
    score.set_defaults(run=_score)

    bundle = commands.add_parser(
        "bundle",
        help="zip the site as an offline bundle that works from file://",
        description="Build the site for reading from file:// (no server, no network) and zip it to "
        "OUT/<paper-slug>-offline.zip. Run convert first: the bundle is built from the docs folder.",
    )
    bundle.add_argument("--config-file", default="mkdocs.yml", help="the site's MkDocs config (default: %(default)s)")
    bundle.add_argument(
        "--source", help="folder with archive.yml, for the paper's slug where the pages do not record it (old pages)"
    )
    bundle.add_argument("--out", default="dist", help="folder to write the zip into (default: %(default)s)")
    bundle.set_defaults(run=_bundle)

    bench = commands.add_parser("bench", help="measure (not for tests): see `bench search --help`")
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
        "--sizes", default="10000,100000", help="numbers of articles, comma-separated (default: %(default)s)"
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
        "core, with one process, and again after one issue changed) and build it with the project's mkdocs.yml, "
        "with bare Material (the floor) and, at the smallest size, with every page in nav (the naive setup). "
        "Prints a Markdown table of times, peak memory and site size per article, with ratios to the floor.",
    )
    build.add_argument(
        "--articles", type=_sizes, default=[1000, 10000], help="sizes, comma-separated (default: 1000,10000)"
    )
    build.add_argument(
        "--runs", type=int, default=1, help="runs of each step; the median is shown (default: %(default)s)"
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
        "--shard-above", type=int, default=10_000, help="build sharded by year above this size (default: %(default)s)"
    )
    build.add_argument(
        "--naive-timeout",
        type=float,
        default=900,
        help="stop the naive build after this many seconds (default: %(default)s)",
    )
    build.set_defaults(run=_bench_build)

    build = commands.add_parser(
        "build",
        help="build the site as shards, one MkDocs run per year, in parallel, and assemble them",
        description="Build docs/ with the site's mkdocs.yml as shards — one per year, plus `site` for the home "
        "page, indexes, reporters, tags and data — in parallel processes, then assemble one site (one navigation, "
        "links across years, one search index, sitemap and feeds over all years). In CI, build each shard in its "
        "own job (--shard NAME; --list-shards gives the names) and assemble them in a last job (--assemble).",
    )
    build.add_argument(
        "--shard-by", choices=["year"], default="year", help="how to cut the site (default: %(default)s)"
    )
    build.add_argument("--config-file", default="mkdocs.yml", help="the site's MkDocs config (default: %(default)s)")
    build.add_argument("--site-dir", default="", help="where to put the site (default: site_dir of the config)")
    build.add_argument(
        "--jobs", type=_jobs, default=0, metavar="N", help="shards built at once (default: one per core)"
    )
    build.add_argument("--list-shards", action="store_true", help="print the shards' names as a JSON list and stop")
    build.add_argument(
        "--shard", action="append", metavar="NAME", help="build only this shard into <site>.shards/NAME (repeatable)"
    )
    build.add_argument("--assemble", action="store_true", help="assemble shards built before into the site")
    build.set_defaults(run=_build)

    linkcheck = commands.add_parser(
        "linkcheck",
        help="check that every internal link, anchor and asset of a built site resolves",
        description="Check every href/src, #fragment, CSS url(), sitemap <loc> and feed link of a built "
        "site against its files, as served at its public address. Exit code 1 if any is broken.",
    )
    linkcheck.add_argument("site", nargs="?", default="site", help="the built site folder (default: %(default)s)")
    linkcheck.add_argument(
        "--base-url",
        default="",
        help="the address the site is served at, e.g. https://user.github.io/repo/ "
        "(default: the site_url it was built with, else the root of a host)",
    )
    linkcheck.set_defaults(run=_linkcheck)
    return parser


def ends_at_once(argv: list[str]) -> bool:
    """Whether the process of this command may end without freeing what it holds (`__main__`):
    a conversion (not --explain), whose work is all written and closed when it returns, and
    which starts no thread or child that outlives it."""
    try:
        args, _ = build_parser().parse_known_args(argv)
    except SystemExit:  # --help, or a usage error: printed already
        return False
    return getattr(args, "run", None) is _convert and not args.explain


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):  # a message must never fail to print
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    args = build_parser().parse_args(argv)
    untouched = getattr(args, "left", "nothing was left half-written")
    try:
        return args.run(args)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        if getattr(args, "keep_going", True) is False:
            print(
                f"stopped at the first problem; {untouched}. --keep-going converts the other files "
                "and lists every problem.",
                file=sys.stderr,
            )
        return EXIT_INPUT_ERROR
    except BrokenPipeError:  # output piped into `head` and the like
        return 0
    except KeyboardInterrupt:
        print(f"interrupted: {untouched}", file=sys.stderr)
        return 130
    except InternalError as exc:
        _internal(args, exc.cause, f"while converting {exc.path}")
        return EXIT_INTERNAL_ERROR
    except OSError as exc:
        where = exc.filename or "a file"
        print(
            f"error: {where}: {exc.strerror or exc} — check that the disk has room and that you may write there; "
            f"{untouched}",
            file=sys.stderr,
        )
        return EXIT_INTERNAL_ERROR
    except Exception as exc:  # a bug: say so in one line, never a traceback (unless --debug)
        _internal(args, exc, "")
        return EXIT_INTERNAL_ERROR


def _internal(args: argparse.Namespace, exc: BaseException, where: str) -> None:
    if args.debug:
        import traceback

        traceback.print_exception(exc, file=sys.stderr)
    print(
        f"error: internal error{' ' + where if where else ''}: {type(exc).__name__}: {exc} — this is a bug in the "
        f"converter, not in your files; {getattr(args, 'left', 'nothing was left half-written')}. Please report it with the file "
        "(run with --debug to see the details).",
        file=sys.stderr,
    )


if __name__ == "__main__":
    sys.exit(main())
