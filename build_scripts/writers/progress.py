"""Progress bars for the long steps (converting, building, benchmarking): on a terminal only,
so that logs, CI output and pipes get no control characters."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from tqdm import tqdm


@contextmanager
def progress_bar(total: int, what: str, unit: str = "file") -> Iterator[tqdm]:
    """A bar on stderr when it is a terminal and there is something to count; silent otherwise."""
    quiet = total <= 0 or not sys.stderr.isatty()
    with tqdm(total=total, desc=what, unit=unit, disable=quiet, leave=False, file=sys.stderr) as bar:
        yield bar
