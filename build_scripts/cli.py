"""Command line: `python -m build_scripts <command>`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from build_scripts.dev.bench_commands import add_bench_commands
from build_scripts.ingest.corrections import SIDECAR_SUFFIX
from build_scripts.problems import NOTES_SHOWN, InputError, InternalError, printed_notes, printed_warnings

EXIT_INPUT_ERROR = 2
EXIT_INTERNAL_ERROR = 1


def _convert(args: argparse.Namespace) -> int:
    from build_scripts.convert import convert

    if args.explain:
        from build_scripts.parse.explain import explain

        print(explain(Path(args.source), Path(args.explain)))
        return 0

    result = convert(
        Path(args.source),
        Path(args.docs),
        keep_going=args.keep_going,
        jobs=args.jobs,
        incremental=not args.full,
        locked=args.locked,
        shortcut=True,
    )
    report = result.report
    for line in printed_notes(report.notices, every=args.all_notes, repeated=report.repeated_notes):
        print(line, file=sys.stderr)
    for line in printed_warnings(report, every=args.all_warnings, every_note=args.all_notes):
        print(line, file=sys.stderr)
    if report.errors:
        print(f"\n{len(report.errors)} file(s) could not be converted:", file=sys.stderr)
        for error in report.errors:
            print(f"error: {error}", file=sys.stderr)
    if result.written is not None:
        print(result.work_done())
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
    if not made.addressed:
        print(
            "note: built without a public address, so its citations give no URL a reader can cite — if the "
            "archive is also published, set ARCHIVE_SITE_URL (or site_url in archive.yml) to its address and "
            "bundle again (maintainers/publishing.md)",
            file=sys.stderr,
        )
    return 0


def _build(args: argparse.Namespace) -> int:
    from build_scripts.ship.sharded_build import command

    return command(args)


def _linkcheck(args: argparse.Namespace) -> int:
    from build_scripts.contract.site_url import normalise_site_url
    from build_scripts.ship.linkcheck import check_site, is_offline_copy, published_address

    site = Path(args.site)
    if not (site / "index.html").is_file():
        raise InputError(str(site), None, "is not a built site (no index.html)", "build it first: ./scripts/build")
    offline = args.offline or (not args.base_url and is_offline_copy(site))
    if offline:
        base_url = ""
        print(f"linkcheck: {site} as opened from its folder (file://, an offline copy)")
    else:
        base_url = normalise_site_url(args.base_url, "--base-url") if args.base_url else published_address(site)
        print(f"linkcheck: {site} as served at {base_url or 'the root of a host'}")
    report = check_site(site, base_url, offline)
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
        "--locked",
        action="store_true",
        help="fail, writing nothing, if the URL ledger (urls.lock) would change: for builds that publish from a "
        "checkout (CI), which cannot keep the addresses they give out",
    )
    convert.add_argument(
        "--all-notes",
        action="store_true",
        help=f"print every note (by default, past {NOTES_SHOWN} notes with the same advice only their number)",
    )
    convert.add_argument(
        "--all-warnings",
        action="store_true",
        help="print the warnings of every file (by default, those of files unchanged since the last conversion, "
        "printed then, are only counted)",
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

    add_bench_commands(commands)

    build = commands.add_parser(
        "build",
        help="build the site as shards, one MkDocs run per year, in parallel, and assemble them",
        description="Build docs/ with the site's mkdocs.yml as shards — one per year, plus `site` for the home "
        "page, indexes, reporters, tags and data — in parallel processes, then assemble one site (one navigation, "
        "links across years, one search index, sitemap and feeds over all years). In CI, build each shard in its "
        "own job (--shard NAME; --list-shards gives the names) and assemble them in a last job (--assemble).",
        epilog="Exit codes: 0 built; 1 a shard's build or the assembly failed (the site left as it was); "
        "2 a wrong input: a shard named that the archive does not have, or a site that cannot be built as "
        "configured; 130 interrupted.",
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
    build.add_argument(
        "--shard-key",
        metavar="NAME",
        default="",
        help="print the key of this shard's build (its pages, the code, config and environment it is built with) "
        "and stop: a CI cache of the shard under this key stands for building it again",
    )
    build.add_argument(
        "--full",
        action="store_true",
        help="build every shard (by default a shard whose pages and build are those of the last build is kept from its site)",
    )
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
    linkcheck.add_argument(
        "--offline",
        action="store_true",
        help="check it as opened from its folder (file://), as the offline bundle is: links starting "
        "with / or naming a folder are broken there (the default for a folder without 404.html, "
        "which the bundle leaves out)",
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
    explaining = bool(getattr(args, "explain", None))  # reads one file and writes nothing
    untouched = "nothing was written" if explaining else getattr(args, "left", "nothing was left half-written")
    try:
        return args.run(args)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        if getattr(args, "keep_going", True) is False and not explaining:
            # (--keep-going helps past a bad source file, not past a lock, the ledger or the cache)
            other = " --keep-going converts the other files and lists every problem."
            in_a_file = exc.problem.path.endswith((".txt", SIDECAR_SUFFIX))
            print(
                f"stopped at the first problem; {_left(args, untouched)}.{other if in_a_file else ''}", file=sys.stderr
            )
        return EXIT_INPUT_ERROR
    except BrokenPipeError:  # output piped into `head` and the like
        return 0
    except KeyboardInterrupt:
        print(f"interrupted: {_left(args, untouched)}", file=sys.stderr)
        return 130
    except InternalError as exc:
        _internal(args, exc.cause, f"while converting {exc.path}", _left(args, untouched))
        return EXIT_INTERNAL_ERROR
    except OSError as exc:
        # (a write that fails on a full disk names no file: then what the command writes)
        writes = (
            f"{args.docs} (or the conversion cache and urls.lock beside it)"
            if getattr(args, "docs", None)
            else getattr(args, "out", None)
        )
        where = exc.filename or writes or "a file"
        print(
            f"error: {where}: {exc.strerror or exc} — check that the disk has room and that you may write there; "
            f"{_left(args, untouched)}",
            file=sys.stderr,
        )
        return EXIT_INTERNAL_ERROR
    except Exception as exc:  # a bug: say so in one line, never a traceback (unless --debug)
        _internal(args, exc, "", _left(args, untouched))
        return EXIT_INTERNAL_ERROR


def _left(args: argparse.Namespace, untouched: str) -> str:
    """What a command stopped by an error or Ctrl-C left: for a conversion stopped while it
    moved its files into docs/ (after its commit), docs/ partly updated, which the next
    conversion or build finishes before anything reads it (writers/docs_tree.py)."""
    from build_scripts.writers.docs_tree import commit_pending

    docs = getattr(args, "docs", None)
    if getattr(args, "run", None) is _convert and docs and commit_pending(Path(docs)):
        return f"{docs} was partly updated: the next conversion or build finishes the update this one began"
    return untouched


def _internal(args: argparse.Namespace, exc: BaseException, where: str, untouched: str) -> None:
    if args.debug:
        import traceback

        traceback.print_exception(exc, file=sys.stderr)
    print(
        f"error: internal error{' ' + where if where else ''}: {type(exc).__name__}: {exc} — this is a bug in the "
        f"converter, not in your files; {untouched}. Please report it with the file "
        "(run with --debug to see the details).",
        file=sys.stderr,
    )


if __name__ == "__main__":
    sys.exit(main())
