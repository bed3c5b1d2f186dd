"""Worker processes of a conversion: how many, and how they end with it.

Two steps use them: converting source files (`source_jobs.py`) and writing the pages of
docs/ (`docs_tree.py`). On this project's machines creating a file costs far more system time
than rendering its text, so writing tens of thousands of pages is spread over the cores too.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor


def default_jobs() -> int:
    """All the cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def end_with_parent() -> None:
    """In a worker: end when the conversion that started it ends, even if it was killed
    (Linux; elsewhere the worker ends when it next finds the queue closed)."""
    try:
        import ctypes
        import signal

        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)
    except (OSError, AttributeError):
        pass


def can_fork() -> bool:
    """Whether worker processes can be forked from this one (Linux, macOS; not Windows)."""
    return "fork" in multiprocessing.get_all_start_methods()


def forked_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of `workers` processes forked from this one, so that they share what it holds
    (the plan of docs/, closures included) without sending it: what they need must be in
    place before work is first given to the pool. A worker that dies (killed, out of memory)
    breaks the pool with an error instead of leaving its work waiting forever."""
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"), initializer=end_with_parent)
