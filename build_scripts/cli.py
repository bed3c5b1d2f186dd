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


def _linkcheck(args: argparse.Namespace) -> int:
    from .linkcheck import check_site, published_address
    from .site_url import normalise_site_url

    site = Path(args.site)
    if not (site / "index.html").is_file():
        raise InputError(str(site), None, "is not a built site (no index.html)", "build it first: ./scripts/build")
    base_url = normalise_site_url(args.base_url, "--base-url") if args.base_url else published_address(site)
    print(f"linkcheck: {site} as served at {base_url or 'the root of a host'}")
    report = check_site(site, base_url)
    for broken in report.broken:
        print(f"broken: {broken}", file=sys.stderr)
    print(f"linkcheck: {report.files} files, {report.checked} internal links, "
          f"{report.external} external (not fetched), {len(report.broken)} broken")
    return 1 if report.broken else 0


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

    linkcheck = commands.add_parser(
        "linkcheck", help="check that every internal link, anchor and asset of a built site resolves",
        description="Check every href/src, #fragment, CSS url(), sitemap <loc> and feed link of a built "
        "site against its files, as served at its public address. Exit code 1 if any is broken.",
    )
    linkcheck.add_argument("site", nargs="?", default="site", help="the built site folder (default: %(default)s)")
    linkcheck.add_argument("--base-url", default="",
                           help="the address the site is served at, e.g. https://user.github.io/repo/ "
                           "(default: the site_url it was built with, else the root of a host)")
    linkcheck.set_defaults(run=_linkcheck)
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
