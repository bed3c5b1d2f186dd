"""Atomic output: a converter killed at any moment leaves the previous docs/ intact, or a
committed new one that the next run puts in place before anything else; the next run cleans up. Tested with real processes killed by SIGKILL."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLE_TEXT, make_archive
from inputs import convert, snapshot

from build_scripts.cli import EXIT_INTERNAL_ERROR
from build_scripts.problems import InputError

DAYS = 40  # pages enough (160 articles') that every kill point below is reached mid-write
# The conversions killed mid-write write their pages as a large archive's do, in worker
# processes forked by the conversion (which it does from 400 pages on: `units.MIN_UNITS_APART`).
IN_WORKERS = """
from build_scripts.writers import units
units.MIN_UNITS_APART = 2
"""


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    """Built once: an archive converted (`before`), its sources then all changed, and what
    converting the changed sources gives (`after`)."""
    root = tmp_path_factory.mktemp("atomic")
    files = {f"{day // 28 + 1:02d}/2021-{day // 28 + 1:02d}-{day % 28 + 1:02d}.txt": SAMPLE_TEXT for day in range(DAYS)}
    project = make_archive(root / "before", files)
    assert convert(project).returncode == 0
    before = snapshot(project / "docs")
    for path in (project / "source_texts").rglob("*.txt"):
        path.write_text(path.read_text(encoding="utf-8").replace("奥林匹克", "冬奥会"), encoding="utf-8")
    expected = root / "after" / "project"
    shutil.copytree(project, expected, symlinks=True)
    assert convert(expected).returncode == 0
    return project, before, snapshot(expected / "docs")


@pytest.fixture
def archive(converted, tmp_path):
    """A fresh copy of the converted archive with changed sources, for one test to kill."""
    project, before, after = converted
    copy = tmp_path / "project"
    shutil.copytree(project, copy, symlinks=True)
    return copy, before, after


def _start(project: Path, driver: str = "") -> subprocess.Popen:
    code = driver + "\nfrom build_scripts.cli import main\nraise SystemExit(main(sys.argv[1:]))"
    return subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys\n" + code,
            "convert",
            "--source",
            str(project / "source_texts"),
            "--docs",
            str(project / "docs"),
            "--jobs",
            "2",
        ],
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _leftovers(project: Path) -> list[str]:
    kept = {".docs.lock", ".docs.cache"}  # the lock file and the conversion cache stay
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".docs.") and p.name not in kept)


# Each page written a little slowly, as on a slow disk: a kill at the moment a test process
# notices the writing has begun lands mid-write however loaded the machine is.
SLOW_DISK = """
import time
from pathlib import Path
real = Path.write_bytes
def write_bytes(self, data):
    time.sleep(0.01)
    return real(self, data)
Path.write_bytes = write_bytes
"""


def test_killed_while_writing_leaves_the_previous_docs(archive):
    project, before, after = archive
    staging = project / ".docs.staging"
    process = _start(project, IN_WORKERS + SLOW_DISK)
    deadline = time.monotonic() + 120
    while not any(staging.glob("2021/*/*/*.md")):  # the new pages are being written
        assert process.poll() is None, "the converter finished before it could be killed"
        assert time.monotonic() < deadline
    process.send_signal(signal.SIGKILL)
    assert process.wait() == -signal.SIGKILL
    assert snapshot(project / "docs") == before
    changed = [rel for rel, digest in after.items() if before.get(rel) != digest]  # (staging holds only those)
    assert staging.exists() and len(snapshot(staging)) < len(changed), "killed mid-write"
    # The next run cleans up and writes the new tree.
    assert convert(project).returncode == 0
    assert snapshot(project / "docs") == after
    assert _leftovers(project) == []


# Kill points inside the write, reached deterministically: the process kills itself there.
KILL_AFTER_10_FILES = (
    IN_WORKERS
    + """
import os, signal
from pathlib import Path
real, count, converter = Path.write_bytes, [0], os.getpid()
def write_bytes(self, data):  # in the converter or in a worker it forked: the converter is killed
    count[0] += 1  # (each process counts its own: the first to write its 10th file kills)
    if count[0] == 10:
        os.kill(converter, signal.SIGKILL)
    return real(self, data)
Path.write_bytes = write_bytes
"""
)
KILL_AFTER_THE_COMMIT = """
import os, signal
from build_scripts.writers import docs_tree as output
def apply(commit, docs):
    os.kill(os.getpid(), signal.SIGKILL)
output._apply = apply
"""
KILL_WHILE_MOVING_INTO_PLACE = """
import os, signal
from build_scripts.writers import docs_tree as output
real, count = os.replace, [0]
def replace(source, target):
    count[0] += ".docs.commit" in str(source)  # the moves into docs/, not the cache's own writes
    if count[0] == 50:
        os.kill(os.getpid(), signal.SIGKILL)
    return real(source, target)
output.os.replace = replace
"""
# An old file is removed before the new one is moved to its place (`_move_over`): killed in
# between, docs/ lacks the file until the next run moves it there.
KILL_BETWEEN_REMOVING_AND_MOVING = """
import os, signal
from pathlib import Path
from build_scripts.writers import docs_tree as output
real = Path.unlink
def unlink(self, missing_ok=False):
    staged = Path(str(self).replace("/docs/", "/.docs.commit/", 1))
    real(self, missing_ok)
    if "/docs/" in str(self) and staged.exists():  # the old file gone, the new one not yet moved
        os.kill(os.getpid(), signal.SIGKILL)
output.Path.unlink = unlink
"""


@pytest.mark.parametrize(
    ("driver", "committed"),
    [
        (KILL_AFTER_10_FILES, False),
        (KILL_AFTER_THE_COMMIT, True),
        (KILL_WHILE_MOVING_INTO_PLACE, True),
        (KILL_BETWEEN_REMOVING_AND_MOVING, True),
    ],
    ids=["mid-write", "after the commit", "while moving into place", "between removing and moving"],
)
def test_killed_at_any_point_of_the_write_is_recovered(archive, driver, committed):
    project, before, after = archive
    process = _start(project, driver)
    assert process.wait(timeout=300) == -signal.SIGKILL, process.stderr.read()
    docs = project / "docs"
    if not committed:
        assert snapshot(docs) == before
    assert _leftovers(project)
    # Whatever runs next finishes a committed write before anything else (here a run that
    # then fails on a bad file), and drops one that was not committed.
    bad = project / "source_texts" / "2022-02-30.txt"
    bad.write_text("标题\n", encoding="utf-8")
    assert convert(project).returncode == 2
    assert snapshot(docs) == (after if committed else before)
    assert _leftovers(project) == []
    bad.unlink()
    assert convert(project).returncode == 0
    assert snapshot(docs) == after


def test_a_bad_file_leaves_docs_untouched_to_the_inode(archive):
    project, before, _ = archive
    docs = project / "docs"
    inode = docs.stat().st_ino
    (project / "source_texts" / "2022-02-30.txt").write_text("标题\n", encoding="utf-8")
    assert convert(project).returncode == 2
    assert docs.stat().st_ino == inode and snapshot(docs) == before
    assert _leftovers(project) == []


SLOW_WRITE = """
import time
from build_scripts.writers import docs_tree as output
real = output._stage
def stage(*args):
    open(args[1].parent / "writing", "w").close()
    time.sleep(3)  # long enough for a second conversion to try
    return real(*args)
output._stage = stage
"""


def test_a_second_conversion_at_the_same_time_is_refused(archive):
    project, before, after = archive
    process = _start(project, SLOW_WRITE)
    deadline = time.monotonic() + 120
    while not (project / "writing").exists():  # the first conversion is writing
        assert process.poll() is None and time.monotonic() < deadline
    second = convert(project)
    assert second.returncode == 2
    assert f"another conversion (process {process.pid}) is writing this folder right now — wait for it to finish" in (
        second.stderr
    )
    assert "--keep-going" not in second.stderr  # no file of the texts is at fault
    assert process.wait() == 0
    assert snapshot(project / "docs") == after


KILL_WHILE_MOVING_FOLDERS_INTO_PLACE = KILL_WHILE_MOVING_INTO_PLACE.replace("== 50", "== 2")


def test_a_first_conversion_moves_whole_folders_and_is_recovered_when_killed_doing_it(archive):
    project, _, after = archive
    docs = project / "docs"
    shutil.move(docs, project / "old")
    docs.mkdir()  # as a fresh project holds it: nothing converted yet
    shutil.rmtree(project / ".docs.cache")
    process = _start(project, KILL_WHILE_MOVING_FOLDERS_INTO_PLACE)
    assert process.wait(timeout=300) == -signal.SIGKILL, process.stderr.read()
    assert _leftovers(project) == [".docs.commit"]
    assert convert(project).returncode == 0
    assert snapshot(docs) == after
    assert _leftovers(project) == []


def test_a_folder_docs_lacks_is_moved_in_whole(tmp_path, monkeypatch):
    from build_scripts.writers import docs_tree

    moves = []
    real = os.replace
    monkeypatch.setattr(docs_tree.os, "replace", lambda a, b: moves.append(str(a)) or real(a, b))
    files = {f"2021/01/{day:02d}/page-{n}.md": f"{day} {n}\n" for day in range(1, 29) for n in range(5)}
    docs = tmp_path / "docs"
    docs_tree.write_tree(docs, files)
    assert {rel: (docs / rel).read_text(encoding="utf-8") for rel in files} == files
    assert len(moves) < 5  # the folder 2021 and the manifest, not 140 files
    moves.clear()
    docs_tree.write_tree(docs, {**files, "2021/02/01/page-0.md": "new\n", "2021/01/01/page-0.md": "changed\n"})
    moved = sorted(m.rsplit(".docs.commit/", 1)[-1] for m in moves if "/2021" in m)
    assert moved == ["2021/01/01/page-0.md", "2021/02"]  # a file into its folder, a new folder whole


def _units(files: dict[str, str], order: list[str], seen: Path | None = None):
    """A unit per file, each to be rendered apart, in `order`; each leaves the number of the
    process that rendered it in the folder `seen`."""
    from build_scripts.writers.units import Unit

    def render(rel: str) -> dict[str, str]:
        if seen is not None:
            (seen / str(os.getpid())).touch()
        return {rel: files[rel]}

    return [Unit(f"{rel} {files[rel]}", lambda rel=rel: render(rel), apart=True) for rel in order]


def test_units_written_by_worker_processes_are_those_one_process_writes(tmp_path, monkeypatch):
    from build_scripts.writers import docs_tree, units
    from build_scripts.writers.units import Unit

    monkeypatch.setattr(units, "MIN_UNITS_APART", 2)
    files = {f"2021/01/{day:02d}/page-{n}.md": f"{day} {n}\n" for day in range(1, 29) for n in range(5)}
    alone, shared, seen = tmp_path / "alone", tmp_path / "shared", tmp_path / "seen"
    seen.mkdir()
    renders_here = []
    calendar = Unit("calendar", lambda: renders_here.append(1) or {"archive/index.md": "x\n"})
    one = docs_tree.write_tree(alone, [*_units(files, sorted(files)), calendar], jobs=1)
    two = docs_tree.write_tree(shared, [*_units(files, sorted(files), seen), calendar], jobs=2)
    assert snapshot(shared) == snapshot(alone) and one == two
    workers = {int(p.name) for p in seen.iterdir()}
    assert workers and os.getpid() not in workers  # the pages were written by worker processes
    assert renders_here == [1, 1]  # a unit not marked apart is rendered by the conversion itself
    edited = {**files, "2021/01/03/page-1.md": "edited\n"}
    again = docs_tree.write_tree(shared, [*_units(edited, sorted(edited)), calendar], jobs=2)
    assert again.written == 1 and (shared / "2021/01/03/page-1.md").read_text(encoding="utf-8") == "edited\n"


def test_a_worker_meeting_a_hand_written_file_reports_the_first_in_order(tmp_path, monkeypatch):
    from build_scripts.writers import docs_tree, units

    monkeypatch.setattr(units, "MIN_UNITS_APART", 2)
    files = {f"2021/01/{day:02d}/page-{n}.md": f"{day} {n}\n" for day in range(1, 29) for n in range(5)}
    docs = tmp_path / "docs"
    for rel in ("2021/01/20/page-3.md", "2021/01/05/page-2.md"):  # hand-written, where pages would go
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text("mine\n", encoding="utf-8")
    for jobs in (1, 2):
        with pytest.raises(InputError) as raised:
            docs_tree.write_tree(docs, _units(files, sorted(files)), jobs=jobs)
        assert raised.value.problem.path == str(docs / "2021/01/05/page-2.md")
        assert not (tmp_path / ".docs.staging").exists() and (docs / "2021/01/20/page-3.md").read_text() == "mine\n"


# A worker forked by the conversion that outlives it for a moment (the kernel ends it, but a
# loaded machine may take that long to): it still holds the lock the conversion took.
KILLED_WITH_A_WORKER_STILL_ENDING = """
import os, signal, time
from build_scripts.writers import docs_tree as output
def stage(*args):
    if os.fork() == 0:  # a worker, holding what the conversion holds, ending two seconds later
        time.sleep(2)
        os._exit(0)
    os.kill(os.getpid(), signal.SIGKILL)
output._stage = stage
"""


def test_the_next_run_waits_for_the_workers_of_a_killed_conversion(archive):
    project, before, after = archive
    process = _start(project, KILLED_WITH_A_WORKER_STILL_ENDING)
    assert process.wait(timeout=300) == -signal.SIGKILL, process.stderr.read()
    assert snapshot(project / "docs") == before
    run = convert(project)  # at once: the worker still holds the lock
    assert run.returncode == 0, run.stderr
    assert snapshot(project / "docs") == after
    assert _leftovers(project) == []


def test_a_write_that_fails_once_committed_says_docs_is_partly_updated_and_the_next_run_finishes_it(archive):
    project, _, after = archive
    driver = """
from build_scripts.writers import docs_tree as output
moves = [0]
move_over = output._move_over
def failing(source, target):  # the disk refuses a file half-way through (a folder made read-only)
    moves[0] += 1
    if moves[0] == 50:
        raise PermissionError(1, "Operation not permitted", str(target))
    move_over(source, target)
output._move_over = failing
"""
    failed = _start(project, driver)
    _, err = failed.communicate(timeout=300)
    assert failed.returncode == EXIT_INTERNAL_ERROR, err
    assert b"partly updated: the next conversion or build finishes" in err and b"left as it was" not in err, err
    assert convert(project).returncode == 0
    assert snapshot(project / "docs") == after and _leftovers(project) == []
