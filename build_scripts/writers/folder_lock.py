"""One conversion at a time per docs folder, and none while a build reads it: a lock file
next to the folder (`.docs.lock`). A conversion holds it alone (`exclusive`); builds share it
(`reading`): any number at once, a sharded build's processes among them. A conversion started
while a build reads is refused (it would remove files the build is about to read); a build
started while a conversion writes waits for it, and says so."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator
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
    with open(docs.with_name(f".{docs.name}.lock"), "a+", encoding="ascii", errors="replace") as lock:
        deadline = time.monotonic() + ORPHANS_END_WITHIN
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if _only_read(lock):
                    raise InputError(
                        str(docs),
                        None,
                        "a build is reading this folder right now (`mkdocs build`, `python -m build_scripts build`)",
                        "wait for it to finish, then convert again",
                    ) from None
                holder = _holder(lock)
                if holder is not None:
                    raise InputError(
                        str(docs),
                        None,
                        f"another conversion{f' (process {holder})' if holder else ''} is writing this folder right now",
                        "wait for it to finish, then run again",
                    ) from None
                if time.monotonic() > deadline:
                    raise InputError(
                        str(docs),
                        None,
                        "the worker processes of a conversion that was stopped still hold this folder",
                        "end them (they run `python -m build_scripts convert`), then run again",
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


@contextlib.contextmanager
def reading(
    docs: Path,
    say: Callable[[str], None],
    left_over: Callable[[], bool] = lambda: False,
    finish: Callable[[], None] = lambda: None,
) -> Iterator[None]:
    """Read a docs folder that no conversion writes meanwhile (a build: MkDocs lists the
    files, then reads them, and a conversion in between would have replaced or removed some).
    Where a conversion is writing it, wait for it to finish (`say` tells so once). Where a
    conversion killed after its commit left it half-written (`left_over`), first `finish` it,
    holding the folder alone (waiting for the builds that read it). Where no lock can be taken
    (no such system call, a folder that cannot be written), go on without."""
    try:
        import fcntl

        lock = open(docs.with_name(f".{docs.name}.lock"), "a+", encoding="ascii", errors="replace")
    except (ImportError, OSError):
        if left_over():
            finish()
        yield
        return
    with lock:
        told: set[str] = set()
        while True:
            _wait_for(lock, fcntl.LOCK_SH, docs, say, told)
            if not left_over():
                break
            # never waiting for the folder alone while holding it shared: two builds would wait for each other
            fcntl.flock(lock, fcntl.LOCK_UN)
            _wait_for(lock, fcntl.LOCK_EX, docs, say, told)
            try:
                if left_over():  # (another build may have finished it meanwhile)
                    finish()
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _wait_for(lock: IO[str], mode: int, docs: Path, say: Callable[[str], None], told: set[str]) -> None:
    """Take the lock in `mode`, waiting for whoever holds it (said once)."""
    import fcntl

    try:
        fcntl.flock(lock, mode | fcntl.LOCK_NB)
        return
    except BlockingIOError:
        pass
    if _only_read(lock) and mode == fcntl.LOCK_EX:
        message = f"{docs}: other builds are reading this folder: this one waits for them to finish"
    else:
        holder = _holder(lock)
        who = f"the conversion (process {holder})" if holder else "a conversion"
        message = f"{docs}: {who} is writing this folder: the build waits for it to finish"
    if message not in told:
        told.add(message)
        say(message)
    fcntl.flock(lock, mode)


def _only_read(lock: IO[str]) -> bool:
    """Is the lock this process could not take alone held only by builds (shared), not by
    a conversion or its workers?"""
    import fcntl

    try:
        fcntl.flock(lock, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    fcntl.flock(lock, fcntl.LOCK_UN)
    return True


def _holder(lock: IO[str]) -> int | None:
    """The conversion that took the lock (its process id is written in it) if it still runs;
    None if it is gone — killed or ended, with workers of its own still ending; 0 if unknown."""
    lock.seek(0)
    written = lock.read().strip()
    if not (written.isascii() and written.isdigit()):  # no id written (yet): assume it runs
        return 0
    pid = int(written)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except (PermissionError, OverflowError):  # another user's process; a number no process has
        return pid
    return None if _zombie(pid) else pid


def _zombie(pid: int) -> bool:
    """Killed but not yet reaped by whoever started it (Linux; elsewhere: assume not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[:1] == ["Z"]
