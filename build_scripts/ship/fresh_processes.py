"""Each task in a process of its own, started afresh, up to N at a time: what a sharded build
runs its shards in.

A shard's MkDocs run is built in a fresh process (the `spawn` start method) so that nothing one
shard's build leaves behind (what the plugins remembered, the pages rendered) weighs on the
next. `concurrent.futures`' pool does that when asked for one task a process
(`max_tasks_per_child=1`), but it starts a new process whenever one ends, after the last task
too, and its shutdown then waits for each such process to start (importing the build's
modules) and stop. Here a process is started for a task and for nothing else, and ends as soon
as it has answered."""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Iterable
from multiprocessing.connection import Connection, wait
from typing import Any, cast

# After Ctrl-C (the terminal interrupts every process of the build): how long the processes
# still running have to end by themselves, through their own clean-up, before they are stopped.
_GRACE_SECONDS = 30.0


class ProcessKilled(Exception):
    """A task's process ended without an answer: killed (by the system when memory ran short,
    or by hand; `exit_code` is minus the signal's number), or ended by an error it printed."""

    def __init__(self, exit_code: int) -> None:
        super().__init__(f"a process ended without an answer (exit code {exit_code})")
        self.exit_code = exit_code


def run_each_fresh(
    function: Callable[[Any], Any],
    tasks: Iterable[Any],
    workers: int,
    started: Callable[[], None] | None = None,
    done: Callable[[], None] | None = None,
) -> list[Any]:
    """`function(task)` for each task, each in a new process, at most `workers` at once; their
    answers in the tasks' order. `started` runs first in each process, `done` in this one as
    each task ends (`function`, `started`, the tasks and the answers are pickled). A process
    ending without an answer raises ProcessKilled, and stops the others."""
    fresh = multiprocessing.get_context("spawn")
    waiting = list(enumerate(tasks))
    answers: list[Any] = [None] * len(waiting)
    running: dict[Connection, tuple[int, multiprocessing.process.BaseProcess]] = {}
    try:
        while waiting or running:
            while waiting and len(running) < workers:
                index, task = waiting.pop(0)
                receiver, sender = fresh.Pipe(duplex=False)
                process = fresh.Process(target=_answer, args=(function, task, started, sender))
                running[receiver] = (index, process)  # (before it starts: whatever stops this, it is stopped too)
                process.start()
                sender.close()  # (the process's end alone: when it ends, the pipe says so)
            for ready in wait(list(running)):
                answered = cast(Connection, ready)
                index, ended = running.pop(answered)
                try:
                    answers[index] = answered.recv()
                except EOFError:  # (the pipe closed without a word: the process died)
                    ended.join()
                    raise ProcessKilled(ended.exitcode or 0) from None
                finally:
                    answered.close()
                ended.join()
                if done:
                    done()
    except KeyboardInterrupt:
        _stop([process for _, process in running.values()], _GRACE_SECONDS)
        raise
    except BaseException:
        _stop([process for _, process in running.values()], 0.0)
        raise
    return answers


def _answer(function: Callable[[Any], Any], task: Any, started: Callable[[], None] | None, sender: Connection) -> None:
    if started:
        started()
    answer = function(task)
    try:
        sender.send(answer)
    except OSError:  # (no one to answer: the process that started this one has ended)
        pass
    # Its answer given, the process ends at once: tearing down an interpreter that has built
    # a shard (freeing every object the build made) takes a third of a second or more, which
    # the build would wait for. Nothing is left to run at exit: the task has ended, its files
    # are written and closed; only what is printed still waits in a buffer.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def _stop(processes: list[multiprocessing.process.BaseProcess], grace: float) -> None:
    deadline = time.monotonic() + grace
    for process in processes:
        if process.pid is None:  # (never started)
            continue
        process.join(max(0.0, deadline - time.monotonic()))
        if process.is_alive():
            process.terminate()
            process.join()
