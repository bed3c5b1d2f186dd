"""One conversion at a time per docs folder: a lock file next to it (`.docs.lock`)."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from build_scripts.problems import InputError


@contextlib.contextmanager
def exclusive(docs: Path) -> Iterator[None]:
    """Only one conversion may write a docs folder at a time: a second one would remove the
    first one's staging folder as a leftover. The lock is shared with the workers the
    conversion forks, so that a conversion killed while they write is over only once they
    are: the next run waits for them (they end with it, `workers.end_with_parent`), and
    refuses at once only while the conversion that took the lock still runs."""
    try:
        import fcntl
    except ImportError:  # not on this system: no lock
        yield
        return
    docs.parent.mkdir(parents=True, exist_ok=True)
    with open(docs.with_name(f".{docs.name}.lock"), "a+") as lock:
        deadline = time.monotonic() + ORPHANS_END_WITHIN
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if _holder_runs(lock) or time.monotonic() > deadline:
                    raise InputError(
                        str(docs),
                        None,
                        "another conversion is writing this folder right now",
                        "wait for it to finish, then run again",
                    ) from None
                time.sleep(0.05)  # a killed conversion's workers, ending
        lock.truncate(0)
        lock.write(str(os.getpid()))
        lock.flush()
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


ORPHANS_END_WITHIN = 60.0  # seconds: they are sent SIGTERM when the conversion dies


def _holder_runs(lock: IO[str]) -> bool:
    """Whether the conversion that took the lock (its process id is written in it) still runs."""
    lock.seek(0)
    written = lock.read().strip()
    if not written.isdigit():  # taken by a conversion that did not write its id: assume it runs
        return True
    try:
        os.kill(int(written), 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True
