"""Progress bars for the long steps (converting, building, benchmarking): on a terminal only,
so that logs, CI output and pipes get no control characters."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol


class Bar(Protocol):
    """What the steps ask of a bar (a tqdm, or `_Silent`)."""

    def update(self, n: int = 1) -> None: ...

    def set_postfix_str(self, s: str = "", refresh: bool = True) -> object: ...


class _Silent:
    """What a bar does where none is shown: nothing (and tqdm is not even imported — a
    conversion run from a script or a night's job starts a hundredth of a second sooner)."""

    def update(self, n: int = 1) -> None:
        pass

    def set_postfix_str(self, s: str = "", refresh: bool = True) -> None:
        pass


@contextmanager
def progress_bar(total: int, what: str, unit: str = "file") -> Iterator[Bar]:
    """A bar on stderr when it is a terminal and there is something to count; silent otherwise."""
    if total <= 0 or not sys.stderr.isatty():
        yield _Silent()
        return
    from tqdm import tqdm

    with tqdm(total=total, desc=what, unit=unit, leave=False, file=sys.stderr) as bar:
        yield bar
