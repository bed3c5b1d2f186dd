"""Command line: `python -m build_scripts <command>`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .problems import InputError, InternalError

EXIT_INPUT_ERROR = 2
EXIT_INTERNAL_ERROR = 1


def _convert(args: argparse.Namespace) -> int:
    from .convert import convert

    if args.explain:
        from .explain import explain

        print(explain(Path(args.source), Path(args.explain)))
        return 0

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
    if result.written is None:
        print("nothing could be converted: docs/ was left as it was", file=sys.stderr)
    return EXIT_INPUT_ERROR if report.errors else 0


def _score(args: argparse.Namespace) -> int:
    from .score import score_table

    folder = Path(args.fixtures)
    if not folder.is_dir():
        raise InputError(str(folder), None, "no such folder", "give the folder of NAME.txt + NAME.expected.yml pairs")
    table, total = score_table(folder)
    print(table)
    return 0 if total.expected else 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m build_scripts",
        description="Turn raw newspaper issue texts into an MkDocs archive site.",
    )
    parser.add_argument("--debug", action="store_true", help="on an internal error, show the Python traceback too")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    convert = commands.add_parser(
        "convert", help="convert source texts into Markdown pages under docs/",
        description="Convert every *.txt under the source folder into one Markdown page per article, "
        "index pages and data/articles.jsonl under the docs folder.",
        epilog="Exit codes: 0 converted; 2 an input error (nothing written, unless --keep-going); "
        "1 the converter itself failed (docs/ left as it was); 130 interrupted.",
    )
    convert.add_argument("--source", default="source_texts", help="folder of raw issue texts (default: %(default)s)")
    convert.add_argument("--docs", default="docs", help="MkDocs docs folder to write into (default: %(default)s)")
    convert.add_argument("--keep-going", action="store_true",
                         help="convert every good file, then list all problems (exit code 2 if any)")
    convert.add_argument("--explain", metavar="FILE",
                         help="print how one source file is cut into articles, line by line, and why; writes nothing")
    convert.set_defaults(run=_convert)

    score = commands.add_parser(
        "score", help="score the parser against a corpus of hand-cut pages",
        description="Parse every NAME.txt in the folder and compare with NAME.expected.yml: articles found, "
        "exact articles (title, byline names and every paragraph right), titles, bylines, paragraphs.",
    )
    score.add_argument("fixtures", nargs="?", default="tests/fixtures/layouts",
                       help="folder of NAME.txt + NAME.expected.yml pairs (default: %(default)s)")
    score.set_defaults(run=_score)
    return parser


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):  # a message must never fail to print
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    args = build_parser().parse_args(argv)
    untouched = "docs/ was left as it was before this run"
    try:
        return args.run(args)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        if getattr(args, "keep_going", True) is False:
            print(f"stopped at the first problem; {untouched}. --keep-going converts the other files "
                  "and lists every problem.", file=sys.stderr)
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
        print(f"error: {where}: {exc.strerror or exc} — check that the disk has room and that you may write there; "
              f"{untouched}", file=sys.stderr)
        return EXIT_INTERNAL_ERROR
    except Exception as exc:  # a bug: say so in one line, never a traceback (unless --debug)
        _internal(args, exc, "")
        return EXIT_INTERNAL_ERROR


def _internal(args: argparse.Namespace, exc: BaseException, where: str) -> None:
    if args.debug:
        import traceback

        traceback.print_exception(exc, file=sys.stderr)
    print(f"error: internal error{' ' + where if where else ''}: {type(exc).__name__}: {exc} — this is a bug in the "
          "converter, not in your files; docs/ was left as it was. Please report it with the file "
          "(run with --debug to see the details).", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
