"""Errors and warnings about input files, always in the form `path:line: what — how to fix`."""

from __future__ import annotations

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
