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

    def warn(self, path: str, line: int | None, what: str, fix: str = "") -> None:
        self.warnings.append(Problem(path, line, what, fix))

    def notice(self, path: str, line: int | None, what: str, fix: str = "") -> None:
        self.notices.append(Problem(path, line, what, fix))

    def error(self, problem: Problem) -> None:
        self.errors.append(problem)


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


def printed_notes(notices: list[Problem], every: bool) -> list[str]:
    """The notes to print: all of them with `every`; otherwise the first few that give the
    same advice (`removed 1 invisible character … — nothing to do …` on thousands of pages of
    a long archive), then how many more, so that the warnings stay in sight."""
    lines: list[str] = []
    shown: collections.Counter[str] = collections.Counter()
    hidden: collections.Counter[str] = collections.Counter()
    for notice in notices:
        if every or shown[notice.fix] < NOTES_SHOWN:
            shown[notice.fix] += 1
            lines.append(f"note: {notice}")
        else:
            hidden[notice.fix] += 1
    for fix, count in hidden.items():
        lines.append(f"note: … and {count} more like these ({fix}); `convert --all-notes` lists every one")
    return lines
