"""A worker that loads the parser while the conversion reads its cache.

Converting again after a few files changed spends most of its time on things that grow
with the archive (reading the cache, placing and planning) and on a fixed cost: loading the
parser, its models and rjieba before the changed files can be parsed (about a second: the
parser's regular expressions alone take 0.4 s to compile). Both are done one after the
other in one process, while the second core is idle.

So where a cache is there to read (the run is probably incremental) and more than one
process may be used, one worker is forked first thing. It loads the parser while this
process reads the cache, then parses the files that changed, if they are too few for a
pool (`convert.start_conversion`). If many changed, or none, it is stopped, and the
conversion goes on as without it. What it returns is what a worker of the pool returns
(`source_jobs.run_job_in_worker`), so the output is the same either way.

A new day's issue is a few tens of files (20 on the real archive: 1.2 s to parse one after
the other, while this process waits). Given several, the worker shares them among helpers
forked from itself once the parser is loaded — they inherit it, so a helper costs a fork,
not a second of loading — as many as the conversion may use processes.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import pickle
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.connection import Connection
from pathlib import Path

from build_scripts.contract.names import read_pinyin
from build_scripts.contract.urls import known_slugs, remember_slugs
from build_scripts.ingest.archive_config import ArchiveConfig
from build_scripts.writers.listing import known_pinyin, remember_pinyin
from build_scripts.writers.source_jobs import Job, SourceResult, load_before_forking, run_job, run_job_in_worker
from build_scripts.writers.workers import can_fork, end_with_parent, forked_pool

# From this many files on, the worker shares them among helpers forked from it: a real page
# takes 50–60 ms to parse, a helper's fork and the trips of its results a few.
MIN_FILES_TO_SHARE = 4
# Texts the worker reads the pinyin of for the conversion, at most (`WarmWorker.read_pinyin`):
# a trip takes a tenth of a millisecond, loading pypinyin a tenth of a second.
MAX_READ_ELSEWHERE = 200


class WarmWorker:
    """One forked process that loads the parser at once, then parses the jobs it is sent."""

    def __init__(self, config: ArchiveConfig, processes: int = 1, kept: Path | None = None):
        """`processes`: how many the worker may share a batch of files among; `kept`: the
        folder the parser's compiled patterns are kept in (`compiled.keep_in`)."""
        self._sending: threading.Thread | None = None  # writing the work to the pipe (`send`)
        self._sent = True  # False if the worker was gone before it had all of it
        self._parent = os.getpid()
        self._pinyin: dict[str, list[str]] = {}  # what the worker read (`read_pinyin`)
        self._reading = True  # False once the worker failed to answer
        context = multiprocessing.get_context("fork")
        self._connection, theirs = context.Pipe()
        self._process = context.Process(target=_serve, args=(theirs, config, processes, os.getpid(), kept), daemon=True)
        try:
            self._process.start()
        except OSError:
            self._connection.close()
            raise
        finally:
            theirs.close()

    @classmethod
    def start_if_useful(
        cls, jobs: int, incremental: bool, cache_exists: bool, config: ArchiveConfig, kept: Path | None = None
    ) -> WarmWorker | None:
        """A warm worker where it can save time: a second process is allowed, the run may reuse
        a cache, and processes can be forked (Linux, macOS). None where it cannot start (no
        memory for a process): the conversion does without."""
        if jobs > 1 and incremental and cache_exists and can_fork():
            try:
                return cls(config, jobs, kept)
            except OSError:
                return None
        return None

    def send(self, work: Sequence[Job], then_read: bool = False) -> bool:
        """Hand the worker `work` (it starts on it as soon as it has loaded the parser, while
        this process goes on); False if the worker is gone. With `then_read`, the worker loads
        pypinyin once done, to read a new tag's pinyin for this process (`read_pinyin`).

        What is sent is pickled here, now, and written to the pipe by a thread: the pipe (a
        pair of sockets) holds a few hundred kilobytes, the slugs and pinyin of an archive of
        10,000 articles more, and the worker reads them only once it has loaded the parser —
        writing them here would hold this process up until then,
        instead of letting it read what does not depend on the work (`convert._convert`).
        `results` waits for the thread."""
        if not self._process.is_alive():
            return False
        # what a worker forked now would know: the slugs and pinyin the cache holds; then the
        # work, all of it at once (the worker may share it out)
        messages = [
            pickle.dumps(m, protocol=pickle.HIGHEST_PROTOCOL)
            for m in ((known_slugs(), known_pinyin()), (list(work), then_read))
        ]
        self._sending = threading.Thread(target=self._send_all, args=(messages,), daemon=True)
        self._sending.start()
        return True

    def _send_all(self, messages: list[bytes]) -> None:
        for message in messages:
            try:
                self._connection.send_bytes(message)
            except OSError:  # the worker is gone: `results` does its work here
                self._sent = False
                return

    def results(
        self, work: Sequence[Job], alive: bool, done: Callable[[int], None] | None = None
    ) -> Iterator[SourceResult]:
        """The results of the `work` sent (`alive`: `send`'s answer), in its order, one job at a
        time (`done(1)` after each, for a progress bar). Should the worker die (killed, out of
        memory), the jobs it had not done are done in this process."""
        if self._sending is not None:
            self._sending.join()
            alive = alive and self._sent
        for job in work:
            result = self._result() if alive else None
            if result is None:
                alive = False
                result = run_job(job)
            yield result
            if done:
                done(1)

    def _result(self) -> SourceResult | None:
        """The worker's next result, in the order of the work; None if it died before sending it."""
        try:
            result: SourceResult = self._connection.recv()
            return result
        except (EOFError, OSError):
            return None

    def read_pinyin(self, text: str) -> list[str] | None:
        """`names.read_pinyin(text)`, read by the worker once it is done with its work (which
        it has loaded pypinyin for: `_serve`); None where this process should read it itself —
        a process forked from this one (the pipe is this one's), a worker gone, or past
        `MAX_READ_ELSEWHERE` texts, where loading pypinyin here costs less than the trips."""
        if os.getpid() != self._parent or not self._reading:
            return None
        if text not in self._pinyin:  # (a new tag is spelt for its address, then filed in the index)
            if len(self._pinyin) >= MAX_READ_ELSEWHERE or not self._process.is_alive():
                return None
            try:
                self._connection.send(text)
                self._pinyin[text] = self._connection.recv()
            except (EOFError, OSError):  # gone
                self._reading = False
                return None
        return list(self._pinyin[text])

    def stop(self) -> None:
        """End the worker, whether it is still loading or waiting for work."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        if self._sending is not None:
            self._sending.join()  # (the worker gone, its end of the pipe is closed: the write fails)
        self._connection.close()


def spell_meanwhile() -> threading.Thread:
    """Load pypinyin in a thread of this process while it waits for the worker's results: a
    new issue brings names and tags that this process spells when it plans their pages, and
    loading pypinyin then (0.16 s) held up the run after the wait; during the wait it costs
    nothing (this process only reads the pipe). Only the import: the import lock makes a use
    of pypinyin in the meantime wait for it rather than load it twice. Join the thread before
    forking: a process forked while it holds the import lock could never import pypinyin."""
    thread = threading.Thread(target=importlib.import_module, args=("pypinyin",), daemon=True)
    thread.start()
    return thread


def _serve(connection: Connection, config: ArchiveConfig, processes: int, parent: int, kept: Path | None) -> None:
    end_with_parent(parent)
    # Ctrl-C ends the worker as it ends the conversion, whatever the process it was forked
    # from had made of SIGINT (a test runner's worker, a library's event loop)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        # pypinyin is left out (a third of a second to load): the slugs the cache knows come
        # with the work, so an edited issue needs none; a new issue's titles load it when the
        # first of them is spelt
        load_before_forking(config, pinyin=False, kept=kept)
        slugs, pinyin = connection.recv()
        remember_slugs(slugs)
        remember_pinyin(pinyin)
        while True:
            message = connection.recv()
            if isinstance(message, str):  # a text to read (`WarmWorker.read_pinyin`)
                connection.send(read_pinyin(message))
                continue
            work, then_read = message
            for result in _results(work, processes):
                connection.send(result)
            if then_read:
                # Idle until the conversion stops it, or asks it to read a new tag's pinyin: it
                # loads pypinyin now, rather than the conversion once it plans the pages.
                importlib.import_module("pypinyin")
    except (EOFError, KeyboardInterrupt):  # the conversion closed its end, or Ctrl-C: it says so
        # Out at once, past multiprocessing's way out (flushing the standard streams, joining
        # threads): the worker was forked from a process that may have had other threads, and
        # a lock one of them held then stays locked here for good. It has nothing to finish:
        # every result it made was kept and sent.
        os._exit(0)


def _results(work: list[Job], processes: int) -> Iterator[SourceResult]:
    """The results of `work` in its order: from helpers forked from this worker where there
    are enough files to share, by this worker itself otherwise — and for what is left should a
    helper die (killed, out of memory: the helpers' pool breaks)."""
    done = 0
    if processes > 1 and len(work) >= MIN_FILES_TO_SHARE:
        # The worker is a daemon so that the conversion never waits for it at exit, and
        # multiprocessing refuses children to a daemon; its helpers end with it (`with_parent`).
        multiprocessing.current_process().daemon = False
        try:
            with forked_pool(min(processes, len(work))) as pool:
                for result in pool.map(run_job_in_worker, work):
                    yield result
                    done += 1
        except (BrokenProcessPool, OSError):  # a helper died, or could not be forked
            pass
    for job in work[done:]:
        yield run_job_in_worker(job)
