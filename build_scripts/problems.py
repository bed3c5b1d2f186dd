"""Errors and warnings about input files, always in the form `path:line: what — how to fix`."""

from __future__ import annotations

import collections
import contextlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    path: str
    line: int | None
    what: str
    fix: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.what}" + (f" — {self.fix}" if self.fix else "")


class InputError(Exception):
    """A source file the converter cannot turn into pages. Exit code 2."""

    def __init__(self, path: str, line: int | None, what: str, fix: str = ""):
        self.problem = Problem(path, line, what, fix)
        super().__init__(str(self.problem))


class Report:
    """Collects warnings (and, with --keep-going, errors) during one conversion."""

    def __init__(self) -> None:
        self.warnings: list[Problem] = []
        self.errors: list[Problem] = []
        self.notices: list[Problem] = []
        # Which warnings and notes are those of files that did not change since the last run,
        # found again in the conversion cache (by their place in the list): printed then.
        self.repeated: set[int] = set()
        self.repeated_notes: set[int] = set()

    def warn(self, path: str, line: int | None, what: str, fix: str = "") -> None:
        self.warnings.append(Problem(path, line, what, fix))

    def notice(self, path: str, line: int | None, what: str, fix: str = "") -> None:
        self.notices.append(Problem(path, line, what, fix))

    def error(self, problem: Problem) -> None:
        self.errors.append(problem)

    def add(self, problem: Problem, notice: bool, repeated: bool) -> None:
        """A warning or a notice found again (`repeated`: one the last run printed)."""
        found, again = (self.notices, self.repeated_notes) if notice else (self.warnings, self.repeated)
        if repeated:
            again.add(len(found))
        found.append(problem)


class InternalError(Exception):
    """An unexpected failure of the converter itself (a bug), with the source file it was
    working on, so that the message can name it. Exit code 1, never a traceback."""

    def __init__(self, path: str, cause: BaseException):
        self.path = path
        self.cause = cause
        super().__init__(f"{path}: {type(cause).__name__}: {cause}")


@contextlib.contextmanager
def while_reading(path: str):
    """Turn an unexpected exception while handling one source file into an InternalError
    that names the file."""
    try:
        yield
    except (InputError, InternalError, KeyboardInterrupt):
        raise
    except Exception as exc:
        raise InternalError(path, exc) from exc


NOTES_SHOWN = 5  # notes with the same advice printed before the rest is only counted


def printed_warnings(report: Report, every: bool, every_note: bool = False) -> list[str]:
    """The warnings to print: all of them with `every`; otherwise those of the files read in
    this run and the archive-wide ones, then how many more (and notes: unless `every_note`)
    the unchanged files hold. A nightly run over a long archive shows what is new, not the
    same hundred warnings every night."""
    lines = [f"warning: {w}" for n, w in enumerate(report.warnings) if every or n not in report.repeated]
    held = [
        f"{count} {kind}{'s' if count > 1 else ''}"
        for count, kind in (
            (0 if every else len(report.repeated), "warning"),
            (0 if every_note else len(report.repeated_notes), "note"),
        )
        if count
    ]
    if held:
        lines.append(
            f"note: the files unchanged since the last conversion hold {' and '.join(held)}, printed then; "
            "`convert --all-warnings` (`--all-notes`) lists every one"
        )
    return lines


def printed_notes(notices: list[Problem], every: bool, repeated: set[int] | frozenset[int] = frozenset()) -> list[str]:
    """The notes to print: all of them with `every`; otherwise, leaving out the `repeated`
    ones (of files unchanged since the last run: `printed_warnings` counts them), the first
    few that give the same advice (`removed 1 invisible character … — nothing to do …` on
    thousands of pages of a long archive), then how many more, so that the warnings stay in
    sight."""
    lines: list[str] = []
    shown: collections.Counter[str] = collections.Counter()
    hidden: collections.Counter[str] = collections.Counter()
    for n, notice in enumerate(notices):
        if not every and n in repeated:
            continue
        if every or shown[notice.fix] < NOTES_SHOWN:
            shown[notice.fix] += 1
            lines.append(f"note: {notice}")
        else:
            hidden[notice.fix] += 1
    for fix, count in hidden.items():
        lines.append(f"note: … and {count} more like these ({fix}); `convert --all-notes` lists every one")
    return lines
