"""Worker processes of a conversion: how many, and how they end with it.

Two steps use them: converting source files (`source_jobs.py`) and writing the pages of
docs/ (`docs_tree.py`). On this project's machines creating a file costs far more system time
than rendering its text, so writing tens of thousands of pages is spread over the cores too.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from typing import Any


def default_jobs() -> int:
    """All the cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def end_with_parent(parent: int) -> None:
    """In a worker: end when the conversion that started it (process `parent`) ends, even if
    it was killed — an orphaned worker would wait for work forever (it holds the queue's other
    end itself) and keep the conversion's lock (`folder_lock.py`). On Linux the kernel sends it
    SIGTERM when the conversion dies; elsewhere a thread watches for the conversion to go."""
    import signal

    try:
        import ctypes

        pr_set_pdeathsig = 1
        if ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM) != 0:
            raise OSError
    except (OSError, AttributeError):  # no prctl (macOS, BSD): watch
        threading.Thread(target=_watch, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # it died before the kernel was asked to tell
        os._exit(1)


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def with_parent() -> dict[str, Any]:
    """The arguments that make a pool's workers end with this process."""
    return {"initializer": end_with_parent, "initargs": (os.getpid(),)}


def can_fork() -> bool:
    """Whether worker processes can be forked from this one (Linux, macOS; not Windows)."""
    return "fork" in multiprocessing.get_all_start_methods()


def forked_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of `workers` processes forked from this one, so that they share what it holds
    (the plan of docs/, closures included) without sending it: what they need must be in
    place before work is first given to the pool. A worker that dies (killed, out of memory)
    breaks the pool with an error instead of leaving its work waiting forever."""
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"), **with_parent())
