"""The lock that lets one conversion at a time write a docs folder, and none while a build
reads it (`writers/folder_lock.py`): who holds it, what the next run does when a conversion is
gone but its workers are not, and what a build and a conversion do when they meet."""

from __future__ import annotations

import fcntl
import os
import select
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, build_site, make_archive, run_cli

from build_scripts.cli import build_parser
from build_scripts.problems import InputError
from build_scripts.ship import sharded_build
from build_scripts.writers import folder_lock
from build_scripts.writers.folder_lock import exclusive, reading
from build_scripts.writers.workers import end_with_parent


def _held_by(docs: Path, pid: int):
    """The lock taken as a conversion's worker holds it: another open file, the id written."""
    holder = open(docs.with_name(".docs.lock"), "a+")  # released by the test
    fcntl.flock(holder, fcntl.LOCK_EX)
    holder.write(str(pid))
    holder.flush()
    return holder


def _gone() -> int:
    """The id of a process that has ended and been reaped."""
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def test_workers_that_outlive_a_gone_conversion_are_named_after_a_while(tmp_path, monkeypatch):
    monkeypatch.setattr(folder_lock, "ORPHANS_END_WITHIN", 0.3)
    docs = tmp_path / "docs"
    holder = _held_by(docs, _gone())
    with pytest.raises(InputError) as refused, exclusive(docs):
        pass
    holder.close()
    assert "the worker processes of a conversion that was stopped still hold this folder" in str(refused.value)


def test_a_live_conversion_is_named_and_refused_at_once(tmp_path):
    docs = tmp_path / "docs"
    holder = _held_by(docs, os.getpid())
    started = time.monotonic()
    with pytest.raises(InputError) as refused, exclusive(docs):
        pass
    holder.close()
    assert f"another conversion (process {os.getpid()}) is writing this folder right now" in str(refused.value)
    assert time.monotonic() - started < folder_lock.ORPHANS_END_WITHIN


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="process states are read from /proc (Linux)")
def test_a_killed_conversion_not_yet_reaped_is_gone(tmp_path):
    """Killed, it is a zombie until whoever started it reaps it: its workers are waited for."""
    docs = tmp_path / "docs"
    process = subprocess.Popen(["true"])
    stat = Path(f"/proc/{process.pid}/stat")
    deadline = time.monotonic() + 30
    while stat.read_text().rpartition(")")[2].split()[0] != "Z":  # ended, not reaped
        assert time.monotonic() < deadline
        time.sleep(0.01)
    holder = _held_by(docs, process.pid)
    threading.Timer(0.5, holder.close).start()  # its last worker ends
    with exclusive(docs):
        assert docs.with_name(".docs.lock").read_text() == str(os.getpid())
    process.wait()


def test_a_worker_whose_conversion_died_before_it_started_ends():
    child = os.fork()
    if child == 0:  # a worker: its conversion is no longer its parent
        try:
            end_with_parent(os.getppid() + 1)
        finally:
            os._exit(0)  # still here: it did not end
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 1


def test_without_prctl_a_worker_watches_its_conversion_and_ends_with_it():
    """Where the kernel cannot be asked (macOS, BSD), a thread in the worker watches."""
    read_end, write_end = os.pipe()
    started, said = os.pipe()  # the worker says it is watching before its conversion ends
    conversion = os.fork()
    if conversion == 0:
        try:
            me = os.getpid()  # as `with_parent` passes it to the pool
            if os.fork() == 0:  # its worker, holding the pipe open while it lives
                os.close(read_end)
                import ctypes

                ctypes.CDLL = lambda *args, **kwargs: object()  # no prctl here
                try:
                    end_with_parent(me)
                    os.write(said, b"!")
                    time.sleep(60)  # waiting for work that will never come
                finally:
                    os._exit(0)
            os.read(started, 1)
        finally:
            os._exit(0)  # the conversion ends (as if killed), its worker still running
    for end in (write_end, started, said):
        os.close(end)
    os.waitpid(conversion, 0)
    ready, _, _ = select.select([read_end], [], [], 20)
    assert ready and os.read(read_end, 1) == b"", "the worker still runs"  # every writer gone: it ended
    os.close(read_end)


def test_a_conversion_is_refused_while_a_build_reads(tmp_path):
    docs = tmp_path / "docs"
    said: list[str] = []
    with reading(docs, said.append), pytest.raises(InputError) as refused, exclusive(docs):
        pass
    assert "a build is reading this folder right now" in str(refused.value)
    assert "wait for it to finish, then convert again" in str(refused.value)
    with exclusive(docs):  # the build over, the conversion goes ahead
        pass
    assert said == []


def test_builds_share_the_folder(tmp_path):
    docs = tmp_path / "docs"
    said: list[str] = []
    started = time.monotonic()
    with reading(docs, said.append), reading(docs, said.append):  # a sharded build's processes
        pass
    assert said == [] and time.monotonic() - started < 1


def test_a_build_waits_for_the_conversion_writing_the_folder(tmp_path):
    docs = tmp_path / "docs"
    holder = _held_by(docs, os.getpid())
    threading.Timer(0.5, holder.close).start()  # the conversion ends
    said: list[str] = []
    started = time.monotonic()
    with reading(docs, said.append):
        waited = time.monotonic() - started
    assert waited >= 0.4
    assert said == [
        f"{docs}: the conversion (process {os.getpid()}) is writing this folder: the build waits for it to finish"
    ]


WAITS = "is writing this folder: the build waits for it to finish"


def _run_while_held(holder, args: list[str], cwd: Path, scratch: Path) -> tuple[int, str]:
    """Run `python args…` in `cwd`; once it says it waits for the folder, let go of it (the
    conversion ends). Its exit code and what it said. It must still be running then: it
    waited. (Letting go after a fixed delay let go before a loaded machine had started it.)"""
    said = scratch / "said.txt"
    environ = {k: v for k, v in os.environ.items() if k != "ARCHIVE_SITE_URL"}
    env = {**environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    with said.open("w", encoding="utf-8") as stderr:
        process = subprocess.Popen([sys.executable, *args], cwd=cwd, stdout=subprocess.DEVNULL, stderr=stderr, env=env)
        try:
            deadline = time.monotonic() + 300
            while WAITS not in said.read_text(encoding="utf-8") and process.poll() is None:
                assert time.monotonic() < deadline, said.read_text(encoding="utf-8")
                time.sleep(0.05)
            assert process.poll() is None, said.read_text(encoding="utf-8")  # still waiting
            holder.close()
            returncode = process.wait(timeout=300)
        finally:  # (a failed assertion leaves no process waiting for the folder)
            holder.close()
            if process.poll() is None:
                process.kill()
                process.wait()
    return returncode, said.read_text(encoding="utf-8")


def test_mkdocs_build_reads_docs_only_once_the_conversion_is_over(tmp_path):
    project = make_archive(tmp_path)
    docs = project / "docs"
    converted = run_cli("convert", "--source", str(project / "source_texts"), "--docs", str(docs))
    assert converted.returncode == 0, converted.stderr
    holder = _held_by(docs, os.getpid())  # a conversion still writing docs/
    returncode, said = _run_while_held(holder, ["-m", "mkdocs", "build", "--strict"], project, tmp_path)
    assert returncode == 0, said
    assert WAITS in said
    with exclusive(docs):  # the build let go of docs/ at its end
        pass


def test_the_offline_bundle_says_it_waits_for_the_conversion_writing_the_folder(tmp_path):
    """(its build runs quietly, its words shown only on failure: the bundle says it itself)"""
    project = make_archive(tmp_path)
    docs = project / "docs"
    assert run_cli("convert", "--source", str(project / "source_texts"), "--docs", str(docs)).returncode == 0
    mark = _left_half_committed(docs)  # and the conversion was killed once it had committed
    holder = _held_by(docs, os.getpid())
    bundle = [
        "-m",
        "build_scripts",
        "bundle",
        "--config-file",
        str(project / "mkdocs.yml"),
        "--out",
        str(tmp_path / "dist"),
    ]
    returncode, said = _run_while_held(holder, bundle, ROOT, tmp_path)
    assert returncode == 0, said
    assert f"{docs}: " in said and WAITS in said
    with zipfile.ZipFile(next((tmp_path / "dist").glob("*.zip"))) as bundle:
        home = next(name for name in bundle.namelist() if name.endswith("-offline/index.html"))
        assert mark in bundle.read(home).decode("utf-8")
    with exclusive(docs):  # the bundle let go of docs/ at its end
        pass


def test_a_sharded_build_holds_docs_from_its_plan_to_the_assembly(tmp_path, monkeypatch):
    project = make_archive(tmp_path)
    seen: list[str] = []

    def build_and_assemble(args, config_file, docs, site):
        with pytest.raises(InputError) as refused, exclusive(docs):
            pass
        seen.append(str(refused.value))
        return 0

    monkeypatch.setattr(sharded_build, "_build_and_assemble", build_and_assemble)
    args = build_parser().parse_args(["build", "--config-file", str(project / "mkdocs.yml"), "--jobs", "1"])
    assert sharded_build.command(args) == 0
    assert len(seen) == 1 and "a build is reading this folder right now" in seen[0]


def _left_half_committed(docs: Path) -> str:
    """What a conversion killed after its commit leaves: the new home page staged beside
    docs/, with the plan that puts it in place. Returns the new page's mark."""
    commit = docs.with_name(".docs.commit")
    commit.mkdir()
    mark = "本期新增：一篇更正"
    (commit / "index.md").write_text((docs / "index.md").read_text(encoding="utf-8") + f"\n{mark}\n", encoding="utf-8")
    (commit / ".commit.json").write_text('{"write": ["index.md"], "remove": []}', encoding="utf-8")
    return mark


@pytest.mark.parametrize("command", ["mkdocs build", "sharded build"])
def test_a_build_first_finishes_the_commit_of_a_conversion_killed_after_it(tmp_path, command):
    project = make_archive(tmp_path)
    docs = project / "docs"
    assert run_cli("convert", "--source", str(project / "source_texts"), "--docs", str(docs)).returncode == 0
    mark = _left_half_committed(docs)
    built = build_site(project) if command == "mkdocs build" else run_cli("build", "--jobs", "1", cwd=project)
    assert built.returncode == 0, built.stderr
    assert not docs.with_name(".docs.commit").exists()
    assert mark in (project / "site" / "index.html").read_text(encoding="utf-8")


def test_a_build_waits_for_a_conversion_committing_then_finishes_what_it_left(tmp_path):
    project = make_archive(tmp_path)
    docs = project / "docs"
    assert run_cli("convert", "--source", str(project / "source_texts"), "--docs", str(docs)).returncode == 0
    mark = _left_half_committed(docs)
    holder = _held_by(docs, os.getpid())  # the conversion, still running, then killed
    returncode, said = _run_while_held(holder, ["-m", "mkdocs", "build", "--strict"], project, tmp_path)
    assert returncode == 0, said
    assert "is writing this folder: the build waits for it to finish" in said
    assert mark in (project / "site" / "index.html").read_text(encoding="utf-8")


def test_builds_starting_together_finish_a_left_commit_once(tmp_path):
    docs = tmp_path / "docs"
    left = [True]
    finished: list[int] = []

    def finish() -> None:
        finished.append(1)
        left[0] = False

    with reading(docs, print, lambda: left[0], finish), reading(docs, print, lambda: left[0], finish):
        pass
    assert finished == [1]


def test_a_build_that_fails_lets_go_of_docs(tmp_path):
    """(`mkdocs serve` rebuilds in one process: a failed build that kept its hold on docs/
    would have the next conversion refused.)"""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    project = make_archive(tmp_path)
    docs = project / "docs"
    assert run_cli("convert", "--source", str(project / "source_texts"), "--docs", str(docs)).returncode == 0
    provenance = docs / ".archive.json"  # converted for another paper: the build stops, after taking docs/
    provenance.write_text(
        provenance.read_text(encoding="utf-8").replace('"slug": "', '"slug": "other-'), encoding="utf-8"
    )
    with pytest.raises(MkDocsException):
        build(load_config(str(project / "mkdocs.yml")))
    with exclusive(docs):  # the conversion goes ahead
        pass
