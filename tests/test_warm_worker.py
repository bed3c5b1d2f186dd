"""Converting again after a few files changed: one worker, forked first thing, loads the
parser while the cache is read and parses the changed files — with the output of a full
conversion, and the conversion's own process taking over should that worker die."""

from __future__ import annotations

import json
import multiprocessing.context
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from inputs import snapshot

from build_scripts.convert import convert
from build_scripts.dev.archive_generator import generate
from build_scripts.ingest.archive_config import load_archive_config
from build_scripts.ingest.discover import discover
from build_scripts.problems import Report
from build_scripts.writers import source_jobs, warm_worker
from build_scripts.writers.warm_worker import WarmWorker
from build_scripts.writers.workers import can_fork

pytestmark = pytest.mark.skipif(not can_fork(), reason="the worker is forked")


@pytest.fixture
def started(monkeypatch) -> list[tuple[WarmWorker, list[int]]]:
    """Every warm worker a conversion starts, with the number of files it was given each time."""
    seen: list[tuple[WarmWorker, list[int]]] = []
    original_init, original_send = WarmWorker.__init__, WarmWorker.send

    def init(self, config, processes=1, kept=None):
        original_init(self, config, processes, kept)
        seen.append((self, []))

    def send_work(self, work, **options):
        next(given for worker, given in seen if worker is self).append(len(work))
        return original_send(self, work, **options)

    monkeypatch.setattr(WarmWorker, "__init__", init)
    monkeypatch.setattr(WarmWorker, "send", send_work)
    return seen


def _edit(source: Path) -> Path:
    path = sorted(source.rglob("*.txt"))[3]
    path.write_text(path.read_text(encoding="utf-8").replace("。", "。\n\n", 1), encoding="utf-8")
    return path


def _same_as_a_full_conversion(source: Path, tmp_path: Path) -> None:
    shutil.copytree(source, tmp_path / "again" / "source_texts")
    convert(tmp_path / "again" / "source_texts", tmp_path / "again" / "docs", jobs=1, incremental=False)
    assert snapshot(tmp_path / "docs") == snapshot(tmp_path / "again" / "docs")


def test_a_file_changed_is_parsed_by_the_worker_and_the_output_is_a_full_conversions(tmp_path, started, monkeypatch):
    source = tmp_path / "source_texts"
    generate(source, 60)
    convert(source, tmp_path / "docs", jobs=2)
    assert not started  # no cache yet: nothing to read meanwhile
    _edit(source)
    here = []  # files parsed in this process (the worker counts its own, in its own memory)
    run_job = source_jobs.run_job
    monkeypatch.setattr(source_jobs, "run_job", lambda job: here.append(job) or run_job(job))
    monkeypatch.setattr(warm_worker, "run_job", source_jobs.run_job)
    convert(source, tmp_path / "docs", jobs=2)
    assert [given for _, given in started] == [[1]]
    assert here == []  # the worker parsed it
    assert not started[0][0]._process.is_alive()

    _same_as_a_full_conversion(source, tmp_path)


def test_with_many_files_changed_or_none_the_worker_is_stopped_unused(tmp_path, started, monkeypatch):
    source = tmp_path / "source_texts"
    generate(source, 60)
    convert(source, tmp_path / "docs", jobs=2)
    convert(source, tmp_path / "docs", jobs=2)  # nothing changed
    monkeypatch.setattr(source_jobs, "MIN_FILES_PER_WORKER", 1)  # two files are enough for a pool
    for path in sorted(source.rglob("*.txt"))[:4]:
        path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    convert(source, tmp_path / "docs", jobs=2)
    assert len(started) == 2 and all(given == [] for _, given in started)
    assert not any(worker._process.is_alive() for worker, _ in started)
    convert(source, tmp_path / "docs", jobs=1)  # one process asked for: no worker
    convert(source, tmp_path / "docs", jobs=2, incremental=False)  # everything again: a pool
    assert len(started) == 2


def test_a_worker_that_died_leaves_its_files_to_the_conversion(tmp_path):
    source = tmp_path / "source_texts"
    generate(source, 60)
    config = load_archive_config(source)
    work = [(found, config, None) for found in discover(source, Report())[:3]]
    worker = WarmWorker(config)
    os.kill(worker._process.pid, signal.SIGKILL)
    worker._process.join()
    results = list(worker.results(work, worker.send(work)))
    worker.stop()
    expected = [source_jobs.run_job(job) for job in work]
    assert [r.rel for r in results] == [r.rel for r in expected]
    assert [r.entries for r in results] == [r.entries for r in expected]
    assert all(r.error is None and r.failure is None for r in results)


def test_the_worker_ends_with_a_conversion_that_was_killed(tmp_path):
    """An orphaned worker would hold the conversion's memory and wait for work forever."""
    generate(tmp_path, 1)  # for its archive.yml
    script = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from build_scripts.ingest.archive_config import load_archive_config\n"
        "from build_scripts.writers.warm_worker import WarmWorker\n"
        "worker = WarmWorker(load_archive_config(Path(sys.argv[1])))\n"
        "print(worker._process.pid, flush=True)\n"
        "time.sleep(60)\n"
    )
    conversion = subprocess.Popen(
        [sys.executable, "-c", script, str(tmp_path)], stdout=subprocess.PIPE, text=True, cwd=Path(__file__).parents[1]
    )
    assert conversion.stdout is not None
    pid = int(conversion.stdout.readline())
    os.kill(pid, 0)  # the worker runs
    conversion.kill()
    conversion.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)
    pytest.fail(f"the worker {pid} outlived the conversion")


def test_ctrl_c_ends_the_worker_without_a_traceback(tmp_path, capfd):
    generate(tmp_path, 1)
    config = load_archive_config(tmp_path)
    worker = WarmWorker(config)
    one = [(found, config, None) for found in discover(tmp_path, Report())[:1]]
    try:
        assert len(list(worker.results(one, worker.send(one)))) == 1  # the worker has loaded and waits for work
        os.kill(worker._process.pid, signal.SIGINT)  # as Ctrl-C sends it to every process of the conversion
        worker._process.join(10)
        assert worker._process.exitcode == 0, _state_of(worker._process.pid)
    finally:
        worker.stop()  # never left behind: it holds the pipes this process had (a browser driver's)
    assert "Traceback" not in capfd.readouterr().err


def _state_of(pid: int | None) -> str:
    """What a process that outlived its Ctrl-C was doing, and what it made of the signal."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8").splitlines()
        wchan = Path(f"/proc/{pid}/wchan").read_text(encoding="utf-8")
    except OSError:
        return "no /proc entry"
    return f"waiting in {wchan}; " + "; ".join(line for line in status if line.startswith(("Sig", "State")))


def test_a_worker_that_cannot_start_is_done_without(tmp_path, monkeypatch):
    source = tmp_path / "source_texts"
    generate(source, 60)
    convert(source, tmp_path / "docs", jobs=2)
    _edit(source)

    def no_memory(self):
        raise OSError(12, "Cannot allocate memory")

    monkeypatch.setattr(multiprocessing.context.ForkProcess, "start", no_memory)
    assert WarmWorker.start_if_useful(2, True, True, load_archive_config(source)) is None
    assert convert(source, tmp_path / "docs", jobs=2).articles == 60


# Set by `_parsed_by` for the processes forked from the test (the helpers' pool sends the
# function it runs by name, so it must be a module's).
_NOTING: dict[str, object] = {}


def _noting(job):
    record, kill_at, conversion = _NOTING["record"], _NOTING["kill_at"], _NOTING["conversion"]
    if kill_at and job[0].rel.endswith(kill_at) and os.getppid() != conversion:
        os._exit(1)
    with Path(str(record)).open("a", encoding="utf-8") as f:
        f.write(f"{os.getpid()} {os.getppid()}\n")
    return source_jobs.run_job_in_worker(job)


def _parsed_by(monkeypatch, record: Path, kill_helper_at: str | None = None) -> None:
    """Make every process that parses a file note its pid and its parent's (in `record`); a
    helper forked from the worker (its parent is not this process) dies instead of parsing
    `kill_helper_at`."""
    monkeypatch.setitem(_NOTING, "record", record)
    monkeypatch.setitem(_NOTING, "kill_at", kill_helper_at)
    monkeypatch.setitem(_NOTING, "conversion", os.getpid())
    monkeypatch.setattr(warm_worker, "run_job_in_worker", _noting)


def _edit_many(source: Path, count: int) -> None:
    for path in sorted(source.rglob("*.txt"))[:count]:
        path.write_text(path.read_text(encoding="utf-8").replace("。", "。\n\n", 1), encoding="utf-8")


def _converted_then_a_new_day(tmp_path: Path) -> Path:
    """An archive converted once, then enough of its files changed for the worker to share."""
    source = tmp_path / "source_texts"
    generate(source, 120)
    convert(source, tmp_path / "docs", jobs=2)
    _edit_many(source, warm_worker.MIN_FILES_TO_SHARE + 2)
    return source


def _parsed(record: Path) -> list[list[str]]:
    """(pid, parent pid) of each file parsed, as `_parsed_by` noted them."""
    return [line.split() for line in record.read_text(encoding="utf-8").splitlines()]


def test_a_new_days_files_are_shared_among_helpers_forked_from_the_worker(tmp_path, started, monkeypatch):
    source = _converted_then_a_new_day(tmp_path)
    record = tmp_path / "parsed-by"
    _parsed_by(monkeypatch, record)
    convert(source, tmp_path / "docs", jobs=2)
    assert [given for _, given in started] == [[warm_worker.MIN_FILES_TO_SHARE + 2]]
    worker = started[0][0]._process.pid
    by = _parsed(record)
    assert len(by) == warm_worker.MIN_FILES_TO_SHARE + 2
    assert {parent for _, parent in by} == {str(worker)}  # every file parsed by a helper of the worker
    # two of them, as the conversion may use two processes (on a loaded machine the first
    # forked may take all the files before the second starts)
    assert 1 <= len({pid for pid, _ in by}) <= 2

    _same_as_a_full_conversion(source, tmp_path)


def test_a_helper_that_died_leaves_the_rest_to_the_worker(tmp_path, started, monkeypatch):
    source = _converted_then_a_new_day(tmp_path)
    third = sorted(source.rglob("*.txt"))[2].name
    record = tmp_path / "parsed-by"
    _parsed_by(monkeypatch, record, kill_helper_at=third)
    convert(source, tmp_path / "docs", jobs=2)
    worker = str(started[0][0]._process.pid)
    by = _parsed(record)
    assert any(parent == worker for _, parent in by)  # helpers parsed some
    assert any(pid == worker for pid, _ in by)  # and the worker itself what the dead one left

    _same_as_a_full_conversion(source, tmp_path)


def test_what_does_not_depend_on_the_changed_files_is_read_while_the_worker_parses_them(tmp_path, started, monkeypatch):
    """The changed files are handed to the worker first (it parses them as soon as it has
    loaded the parser); the URL ledger, the names and the listing of docs/ are read meanwhile,
    before the worker's results are waited for, and docs/ is listed once."""
    from build_scripts import convert as convert_module
    from build_scripts.writers import docs_tree

    source = tmp_path / "source_texts"
    generate(source, 60)
    convert(source, tmp_path / "docs", jobs=2)
    _edit(source)
    order: list[str] = []
    for module, name in ((docs_tree, "_files_in"), (convert_module, "read_ledger"), (convert_module, "read_names")):
        real = getattr(module, name)
        monkeypatch.setattr(module, name, lambda *a, real=real, name=name: order.append(name) or real(*a))
    send, results = WarmWorker.send, WarmWorker.results
    monkeypatch.setattr(WarmWorker, "send", lambda self, *a, **k: order.append("handed") or send(self, *a, **k))
    monkeypatch.setattr(WarmWorker, "results", lambda self, *a: order.append("waited") or results(self, *a))
    convert(source, tmp_path / "docs", jobs=2)
    assert order[0] == "handed" and sorted(order[1:4]) == ["_files_in", "read_ledger", "read_names"]
    assert order[4:] == ["waited"]
    _same_as_a_full_conversion(source, tmp_path)


def test_helpers_that_cannot_be_forked_leave_the_files_to_the_worker(tmp_path, started, monkeypatch, capfd):
    source = _converted_then_a_new_day(tmp_path)
    record = tmp_path / "parsed-by"
    _parsed_by(monkeypatch, record)

    def no_memory(processes):
        raise OSError(12, "Cannot allocate memory")

    monkeypatch.setattr(warm_worker, "forked_pool", no_memory)
    convert(source, tmp_path / "docs", jobs=2)
    worker = str(started[0][0]._process.pid)
    by = _parsed(record)
    assert [pid for pid, _ in by] == [worker] * (warm_worker.MIN_FILES_TO_SHARE + 2)
    assert "Traceback" not in capfd.readouterr().err
    _same_as_a_full_conversion(source, tmp_path)


def test_handing_the_work_over_does_not_wait_for_the_worker_to_load(tmp_path, monkeypatch):
    """The slugs and pinyin sent with the work fill the pipe many times over, and the worker
    reads only once it has loaded the parser: the conversion goes on meanwhile (reading the
    ledger, the names, what docs/ holds) instead of waiting on the pipe."""
    generate(tmp_path, 1)
    config = load_archive_config(tmp_path)
    loaded = tmp_path / "loaded"

    def slow_load(*args, **kwargs):  # the worker's loading, until the test says it is done
        while not loaded.exists():
            time.sleep(0.01)

    monkeypatch.setattr(warm_worker, "load_before_forking", slow_load)
    monkeypatch.setattr(warm_worker, "known_slugs", _many_slugs)
    one = [(found, config, None) for found in discover(tmp_path, Report())[:1]]
    worker = WarmWorker(config)
    try:
        handing = threading.Thread(target=lambda: handed.append(worker.send(one)))
        handed: list[bool] = []
        handing.start()
        handing.join(30)  # (writing to the pipe itself would wait for ever: the worker never reads)
        assert handed == [True], "handing the work over waited for the worker to load"
        assert not loaded.exists() and worker._process.is_alive()
        loaded.touch()  # the worker has loaded: it reads the work and does it
        results = list(worker.results(one, True))
        assert [r.rel for r in results] == [one[0][0].rel] and results[0].error is None
    finally:
        loaded.touch()
        worker.stop()


def _many_slugs() -> dict[str, str]:
    """More than any pipe holds (some megabytes: a pair of sockets holds a few hundred kilobytes)."""
    return {f"标题{n}": f"biao-ti-{n}" for n in range(300_000)}


@pytest.mark.filterwarnings("error::pytest.PytestUnhandledThreadExceptionWarning")  # (the write failing is no error)
def test_a_worker_that_dies_while_the_work_is_handed_over_leaves_it_to_the_conversion(tmp_path, monkeypatch):
    generate(tmp_path, 1)
    config = load_archive_config(tmp_path)
    monkeypatch.setattr(warm_worker, "load_before_forking", lambda *a, **k: time.sleep(600))  # never reads
    monkeypatch.setattr(warm_worker, "known_slugs", _many_slugs)
    one = [(found, config, None) for found in discover(tmp_path, Report())[:1]]
    worker = WarmWorker(config)
    try:
        assert worker.send(one)  # the thread writes, the pipe fills, nothing reads
        os.kill(worker._process.pid, signal.SIGKILL)
        results = list(worker.results(one, True))  # the write fails: this process does the work
        assert [r.rel for r in results] == [one[0][0].rel] and results[0].error is None
    finally:
        worker.stop()


def test_the_models_load_what_a_first_page_would():
    """Each forked worker inherits what was loaded before the fork; what loads only when first
    asked, each would load again on its first page: the tables of narrow characters, and
    rjieba's model of words its dictionary does not hold (the warm-up sentence has one)."""
    import rjieba

    from build_scripts.parse import breaks, layout

    layout._narrow.cache_clear()
    breaks.load_models()
    assert layout._narrow.cache_info().currsize == 2  # display widths and columns of type
    # (whether rjieba has loaded its model cannot be seen from here: the warm-up sentence, at
    # least, is one that needs it)
    assert rjieba.cut(breaks.WARM_UP, hmm=True) != rjieba.cut(breaks.WARM_UP, hmm=False)


def test_a_new_issue_has_pypinyin_loaded_while_the_worker_parses_it_an_edited_one_not(tmp_path, started, monkeypatch):
    """A new issue brings names and tags this process spells once the worker is done: it loads
    pypinyin while it waits (`spell_meanwhile`). An edit to files the last run had needs none."""
    import build_scripts.convert as convert_module

    generated, source = tmp_path / "generated", tmp_path / "source_texts"
    generate(generated, 2 * 120)
    shutil.copytree(generated, source, ignore=shutil.ignore_patterns("2019-01-02_*"))
    convert(source, tmp_path / "docs", jobs=2)
    loads: list[threading.Thread] = []

    def slow_spelling() -> threading.Thread:  # the import, taking its time
        loads.append(threading.Thread(target=time.sleep, args=(0.5,), daemon=True))
        loads[-1].start()
        return loads[-1]

    monkeypatch.setattr(convert_module, "spell_meanwhile", slow_spelling)
    spelling: list[bool] = []  # whether the thread was still at it when the articles were placed
    working: list[bool] = []  # whether the worker was still there then (to read a new tag's pinyin)
    place = convert_module.place_articles

    def placing(*args):
        spelling.extend(t.is_alive() for t in loads)
        working.append(started[-1][0]._process.is_alive())
        return place(*args)

    monkeypatch.setattr(convert_module, "place_articles", placing)
    _edit(source)
    convert(source, tmp_path / "docs", jobs=2)
    assert [len(given) for _, given in started] == [1] and loads == []  # the worker parsed the edit
    for path in generated.rglob("2019-01-02_*.txt"):
        shutil.copy(path, source / path.relative_to(generated))
    convert(source, tmp_path / "docs", jobs=2)
    assert [len(given) for _, given in started] == [1, 1] and len(loads) == 1  # and the new issue
    assert spelling == [False]  # joined before the conversion went on (and forked its writers)
    # kept for an edit's new tags; after a new issue, whose names this process spells, let go
    assert working == [True, False]
    _same_as_a_full_conversion(source, tmp_path)
    # what the thread does: import pypinyin (a process of its own, where nothing imported it)
    code = "import sys; from build_scripts.writers.warm_worker import spell_meanwhile as s; a = 'pypinyin' in sys.modules; s().join(); print(a, 'pypinyin' in sys.modules)"
    loaded = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])},
    )
    assert loaded.stdout.split() == ["False", "True"], loaded.stderr


def _new_tag(source: Path) -> None:
    """Edit the middle day: a word no article had, printed in every file of that day (a tag)."""
    for path in source.rglob(f"{_middle_day(source)}_*.txt"):
        path.write_text(path.read_text(encoding="utf-8").replace("。", "。量子纠缠实验室。", 3), encoding="utf-8")


def test_a_new_tags_pinyin_is_read_by_the_worker_not_loaded_by_the_conversion(tmp_path):
    """After an edit, the pinyin of a new tag (its address, its place in the index) is read by
    the worker, which loaded pypinyin once its work was done: this process does not load it
    (a tenth of a second), and the output is a full conversion's."""
    source = tmp_path / "source_texts"
    generate(source, 600)
    convert(source, tmp_path / "docs", jobs=2)
    _new_tag(source)
    code = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from build_scripts.writers.warm_worker import WarmWorker\n"
        "read = []\n"
        "original = WarmWorker.read_pinyin\n"
        "WarmWorker.read_pinyin = lambda self, text: read.append(text) or original(self, text)\n"
        "from build_scripts.convert import convert\n"
        "tmp = Path(sys.argv[1])\n"
        "result = convert(tmp / 'source_texts', tmp / 'docs', jobs=2)\n"
        "print(json.dumps([result.parsed, 'pypinyin' in sys.modules, read]))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, cwd=Path(__file__).parents[1]
    )
    assert run.returncode == 0, run.stderr
    parsed, loaded, read = json.loads(run.stdout.splitlines()[-1])
    assert parsed == len(list(source.rglob(f"{_middle_day(source)}_*.txt")))
    assert "量子" in read and not loaded
    assert any("liang-zi" in path.name for path in (tmp_path / "docs" / "tags").iterdir())

    _same_as_a_full_conversion(source, tmp_path)


def _middle_day(source: Path) -> str:
    return sorted(path.name[:10] for path in source.rglob("*.txt"))[len(list(source.rglob("*.txt"))) // 2]


def test_the_worker_reads_pinyin_until_it_is_gone_and_never_for_a_forked_process(tmp_path):
    source = tmp_path / "source_texts"
    generate(source, 30)
    worker = WarmWorker(load_archive_config(source))
    try:
        assert worker.send([])
        assert list(worker.results([], True)) == []
        assert worker.read_pinyin("量子") == ["liang", "zi"]
        assert worker.read_pinyin("长乐") == ["chang", "le"]
        if os.fork() == 0:  # a process forked from the conversion (a writer): never its pipe
            os._exit(0 if worker.read_pinyin("长城") is None else 1)
        assert os.wait()[1] == 0
        assert worker.read_pinyin("长城") == ["chang", "cheng"]  # (the pipe still in step)
    finally:
        worker.stop()
    assert worker.read_pinyin("量子") == ["liang", "zi"]  # read before
    assert worker.read_pinyin("故宫") is None  # gone: this process reads it itself


def test_pinyin_is_read_elsewhere_only_while_this_process_has_not_loaded_it(monkeypatch):
    from build_scripts.contract import names

    asked: list[str] = []
    names.read_pinyin("量子")  # loaded here
    names.read_elsewhere(lambda text: asked.append(text) or ["x"])
    try:
        assert names.read_pinyin("量子") == ["liang", "zi"] and asked == []
        monkeypatch.delitem(sys.modules, "pypinyin")
        monkeypatch.setattr(names, "_reader", None)
        assert names.read_pinyin("量子") == ["x"] and asked == ["量子"]
    finally:
        names.read_elsewhere(None)
