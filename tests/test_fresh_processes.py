"""Each task in a fresh process, up to N at once, and no process started for nothing."""

from __future__ import annotations

import multiprocessing
import os
import time

import pytest

from build_scripts.ship import fresh_processes
from build_scripts.ship.fresh_processes import ProcessKilled, run_each_fresh

pytestmark = pytest.mark.slow  # (starts Python processes)


def _pid_and_parent(task: int) -> tuple[int, int, int]:
    return task, os.getpid(), os.getppid()


def _exits(code: int) -> None:
    raise SystemExit(code)


def _killed_on_two(task: int) -> int:
    if task == 2:
        os.kill(os.getpid(), 9)
    time.sleep(task)
    return task


def _counted(monkeypatch) -> tuple[list[multiprocessing.process.BaseProcess], list[int]]:
    """The processes started, and how many were running as each started."""
    started: list[multiprocessing.process.BaseProcess] = []
    running: list[int] = []
    start = multiprocessing.process.BaseProcess.start

    def counted(process):
        running.append(sum(one.exitcode is None for one in started))
        started.append(process)
        start(process)

    monkeypatch.setattr(multiprocessing.process.BaseProcess, "start", counted)
    return started, running


def test_each_task_has_a_process_of_its_own_and_no_other_is_started(monkeypatch):
    started, _ = _counted(monkeypatch)
    done: list[int] = []
    answers = run_each_fresh(_pid_and_parent, [3, 1, 2, 5], 2, done=lambda: done.append(1))
    assert [task for task, _, _ in answers] == [3, 1, 2, 5]  # in the tasks' order
    assert len({pid for _, pid, _ in answers}) == 4 and os.getpid() not in {pid for _, pid, _ in answers}
    assert {parent for _, _, parent in answers} == {os.getpid()}
    assert len(started) == 4 and len(done) == 4  # (a process for each task, and none more)
    assert all(process.exitcode == 0 for process in started)  # (each ended, and was waited for)


def test_a_process_killed_is_said_and_the_others_are_stopped(monkeypatch):
    started, _ = _counted(monkeypatch)
    began = time.monotonic()
    with pytest.raises(ProcessKilled) as killed:
        run_each_fresh(_killed_on_two, [1, 2, 600], 3)
    assert killed.value.exit_code == -9  # (minus the signal's number)
    assert all(process.exitcode is not None for process in started)  # (none left running)
    assert time.monotonic() - began < 300  # (the task of ten minutes stopped, not waited for)


def test_a_process_that_exits_without_answering_says_with_what():
    with pytest.raises(ProcessKilled) as ended:
        run_each_fresh(_exits, [3], 1)
    assert ended.value.exit_code == 3


def test_a_process_is_started_only_when_one_is_free(monkeypatch):
    started, running = _counted(monkeypatch)
    assert fresh_processes.run_each_fresh(_pid_and_parent, range(5), 2)[4][0] == 4
    assert len(started) == 5 and max(running) <= 1, running  # (never a third beside two running)
