"""The pipeline benchmark runs end to end on a tiny archive (speed is not tested here), and
its table says what the README shows."""

from __future__ import annotations

import json
import re
import shutil
import sys

import pytest
from conftest import ROOT, run_cli

from build_scripts.cli import build_parser
from build_scripts.dev import bench_build
from build_scripts.dev.bench_build import BenchError, SizeResult, Step, machine, run_step
from build_scripts.dev.bench_projects import change_one_issue
from build_scripts.dev.bench_report import (
    README_END,
    README_START,
    REAL_END,
    REAL_START,
    table,
    to_json,
    write_readme,
)

# (and `convert, a new issue added`, on an archive of more than one issue)
BUILD = "build, sharded by year"  # (the project's build, as ./scripts/build builds)
STEPS = {"convert", "convert, 1 process", "convert, one issue changed", BUILD, "build, one issue changed", "floor"}


def _rows(table: str, articles: str) -> dict[str, list[str]]:
    """The table's rows of an archive of this many articles, by step."""
    return {
        cells[1]: cells
        for line in table.splitlines()
        if (cells := [c.strip() for c in line.split("|")[1:-1]]) and cells[0] == articles
    }


def test_bench_build_measures_every_step_against_the_floor(tmp_path):
    out = tmp_path / "bench.json"
    result = run_cli("bench", "build", "--articles", "30", "--work", str(tmp_path / "work"), "--json", str(out))
    assert result.returncode == 0, result.stderr
    rows = _rows(result.stdout, "30")
    assert set(rows) == {*STEPS, "naive"}
    assert re.match(r"^[\d.]+ ms \(×[\d.]+\)$", rows[BUILD][3])  # per article, against the floor
    assert re.match(r"^[\d.]+ ms \(×[\d.]+\)$", rows[BUILD][4])  # CPU time, against the floor's
    assert re.match(r"^\d+ KB \(×[\d.]+\)$", rows[BUILD][7])
    assert "faster than a full conversion" in rows["convert, one issue changed"][3]
    assert re.match(r"^\d+ % of a full build's time$", rows["build, one issue changed"][3])
    saved = json.loads(out.read_text(encoding="utf-8"))
    steps = saved["results"][0]["steps"]
    assert all(step["seconds"] > 0 and step["peak_rss"] > 0 and step["cpu_seconds"] > 0 for step in steps.values())
    assert steps[BUILD]["site_bytes"] > steps["floor"]["site_bytes"] > 0


def test_the_last_issue_set_aside_and_put_back_is_the_archive_as_it_was(tmp_path):
    """A night's new issue, for the benchmark: the last issue's pages and sidecars go aside and
    its addresses out of the URL ledger (the archive of the night before), then the pages come
    back as they were."""
    from build_scripts.dev.bench_projects import put_back, set_last_issue_aside

    source = tmp_path / "source_texts"
    before = "# paper: bao\n2022/01/27/yi/ published 1 1-1 0123456789ab\n"
    files = {
        "2022/2022-01-27_01_要闻.txt": "一",
        "2022/2022-01-28_01_要闻.txt": "二",
        "2022/2022-01-28_02_经济.txt": "三",
        "2022/2022-01-28_02_经济.fix.yml": "lines: {}\n",
        "archive.yml": "paper: {title: 报}\n",
        "urls.lock": before + "2022/01/28/er/ published 1 1-1 0123456789ab\n",
    }
    for rel, text in files.items():
        (source / rel).parent.mkdir(parents=True, exist_ok=True)
        (source / rel).write_text(text, encoding="utf-8")
    held = set_last_issue_aside(source, tmp_path / "held")
    left = sorted(p.relative_to(source).as_posix() for p in source.rglob("*") if p.is_file())
    assert left == ["2022/2022-01-27_01_要闻.txt", "archive.yml", "urls.lock"] and len(held) == 3
    assert (source / "urls.lock").read_text(encoding="utf-8") == before  # the issue's addresses: never published
    put_back(held)  # (the conversion that takes the issue in writes its addresses)
    back = {p.relative_to(source).as_posix(): p.read_text(encoding="utf-8") for p in source.rglob("*") if p.is_file()}
    assert back == {**files, "urls.lock": before}


def _held_until_sampled(monkeypatch, seen, processes: int, at_least: int) -> str:
    """Python lines that make a step's process wait until `seen` exists, which it does once the
    benchmark has sampled `processes` of them holding `at_least` bytes: a step that slept a
    fixed while could end unseen on a loaded machine, where a sample's pause grows with its
    cost (`SAMPLING_SHARE`)."""
    import psutil

    real = bench_build._tree_memory

    def sampled(pid: int) -> int:
        try:
            alive = 1 + len(psutil.Process(pid).children(recursive=True))
        except psutil.Error:
            alive = 0
        held = real(pid)
        if alive >= processes and held >= at_least:
            seen.touch()
        return held

    monkeypatch.setattr(bench_build, "_tree_memory", sampled)
    return f"import os, time\nend = time.time() + 30\nwhile not os.path.exists({str(seen)!r}) and time.time() < end: time.sleep(0.01)\n"


def test_a_step_that_runs_too_long_is_stopped(tmp_path, monkeypatch):
    wait = _held_until_sampled(monkeypatch, tmp_path / "seen", 1, 40_000_000)
    seconds, peak, cpu = run_step([sys.executable, "-c", "x = bytearray(50_000_000)\n" + wait], tmp_path)
    assert peak > 40_000_000 or peak == 0  # psutil sampled it (0 only without psutil)
    assert 0 < cpu < seconds + 1
    try:
        run_step([sys.executable, "-c", "import time; time.sleep(30)"], tmp_path, timeout=0.5)
    except BenchError as exc:
        assert "stopped after" in str(exc)
    else:
        raise AssertionError("not stopped")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="proportional set sizes are Linux's")
def test_memory_forked_workers_share_is_counted_once(tmp_path, monkeypatch):
    """A conversion's workers are forked after the parser's models are loaded and share their
    pages: the peak reported is what the processes hold together, not once per process."""
    script = (
        "import os, time\n"
        "held = bytearray(200_000_000)\n"
        "for i in range(0, len(held), 4096): held[i] = 1\n"
        "children = [os.fork() for _ in range(2)]\n"  # (four processes: the first child forks once more)
    ) + _held_until_sampled(monkeypatch, tmp_path / "seen", 4, 150_000_000)
    _, peak, _ = run_step([sys.executable, "-c", script], tmp_path)
    assert 150_000_000 < peak < 2 * 200_000_000


def test_the_table_goes_between_the_readme_markers(tmp_path):
    results = [
        SizeResult(
            1000,
            167,
            1,
            {"build": Step("build", 20.0, 2**30, 40 * 2**20), "floor": Step("floor", 10.0, 2**29, 20 * 2**20)},
        ),
        SizeResult(
            10000,
            1667,
            1,
            {"build": Step("build", 220.0, 2**30, 400 * 2**20), "floor": Step("floor", 100.0, 2**29, 200 * 2**20)},
        ),
    ]
    text = table(results)
    assert "| 1,000 | build | 20 s | 20.0 ms (×2.00) | – |" in text
    assert "compared with 1,000 articles: 10,000: ×1.10." in text
    readme = tmp_path / "README.md"
    readme.write_text(f"intro\n{README_START}\nold\n{README_END}\nrest\n", encoding="utf-8")
    write_readme(readme, text)
    content = readme.read_text(encoding="utf-8")
    assert "old" not in content and text in content and content.endswith(f"{README_END}\nrest\n")


def test_bench_build_measures_a_real_archive_given_as_its_source_folder(tmp_path):
    source = tmp_path / "pages"
    shutil.copytree(ROOT / "source_texts", source)
    before = {p: p.read_bytes() for p in source.rglob("*") if p.is_file()}
    out, readme = tmp_path / "bench.json", tmp_path / "README.md"
    readme.write_text(f"{README_START}\ngenerated\n{README_END}\n{REAL_START}\nold\n{REAL_END}\n", encoding="utf-8")
    work = tmp_path / "work"
    result = run_cli(
        "bench", "build", "--source", str(source), "--work", str(work), "--json", str(out), "--readme", str(readme)
    )
    assert result.returncode == 0, result.stderr
    rows = _rows(result.stdout, "4")  # the sample's 4 articles
    # the same steps as on generated archives, but the naive build (minutes on a real archive)
    assert set(rows) == STEPS
    assert re.match(r"^[\d.]+ ms \(×[\d.]+\)$", rows[BUILD][3])
    assert f"--source {source}" in result.stdout
    # the issue changed is the copy's (its one page, named by its day alone); the archive itself is untouched
    assert "（更正）" in (work / "source-1" / "source_texts" / "2022" / "2022-01-28.txt").read_text(encoding="utf-8")
    assert {p: p.read_bytes() for p in source.rglob("*") if p.is_file()} == before
    saved = json.loads(out.read_text(encoding="utf-8"))["results"]
    assert [r["articles"] for r in saved] == [4]
    text = readme.read_text(encoding="utf-8")
    assert "generated" in text and "old" not in text and "| 4 | floor |" in text  # its own section of the README


def test_a_source_folder_without_pages_is_a_clear_error(tmp_path):
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "notes.txt").write_text("not a page", encoding="utf-8")
    (tmp_path / "unconfigured").mkdir()
    (tmp_path / "unconfigured" / "2022-01-28.txt").write_text("一篇。", encoding="utf-8")
    (tmp_path / "pages" / "archive.yml").write_text("paper: {title: 报, slug: bao}\n", encoding="utf-8")
    work = tmp_path / "work"
    for folder, what in [
        (tmp_path / "pages", "no source texts named by their day"),
        (tmp_path / "missing", "no such folder"),
        (tmp_path / "unconfigured", "no archive.yml"),
    ]:
        # every folder of a list is checked before the first is measured
        result = run_cli("bench", "build", "--source", f"{ROOT / 'source_texts'},{folder}", "--work", str(work))
        assert result.returncode == 1
        assert result.stderr.strip().splitlines()[-1].startswith(f"error: {folder}: {what}")
        assert "Traceback" not in result.stderr
        assert not (work / "source-1").exists()


def test_a_real_archive_that_does_not_convert_leaves_the_readme_alone(tmp_path):
    source = tmp_path / "pages"
    shutil.copytree(ROOT / "source_texts", source)
    (source / "archive.yml").write_text("paper: [\n", encoding="utf-8")  # not YAML
    readme = tmp_path / "README.md"
    readme.write_text(f"{REAL_START}\nold\n{REAL_END}\n", encoding="utf-8")
    result = run_cli(
        "bench", "build", "--source", str(source), "--work", str(tmp_path / "work"), "--json", str(tmp_path / "b.json"),
        "--readme", str(readme),
    )  # fmt: skip
    assert result.returncode == 1
    assert "the conversion failed" in result.stderr and "Traceback" not in result.stderr
    row = next(line for line in result.stdout.splitlines() if "| convert |" in line)
    assert "archive.yml" in row  # why, as the converter said it
    assert "old" in readme.read_text(encoding="utf-8")


PAGE = "人民生活持续改善\n\n本报北京1月27日电  今年以来，各地各部门推动经济社会发展取得新成效。第二句。\n"


def test_the_edited_issue_keeps_its_encoding(tmp_path):
    pages = tmp_path / "2022"
    pages.mkdir(parents=True)
    for day in ("2022-01-27", "2022-01-28", "2022-01-29"):
        (pages / f"{day}_01_要闻.txt").write_bytes(PAGE.encode("gb18030"))
    (pages / ".hidden").mkdir()
    (pages / ".hidden" / "2022-01-28_02_要闻.txt").write_bytes(b"x")
    change_one_issue(tmp_path)
    assert (pages / "2022-01-28_01_要闻.txt").read_bytes().decode("gb18030") == PAGE.replace("。", "。（更正）", 1)
    assert (pages / "2022-01-27_01_要闻.txt").read_bytes().decode("gb18030") == PAGE
    assert (pages / ".hidden" / "2022-01-28_02_要闻.txt").read_bytes() == b"x"  # no page of the archive


def test_results_saved_from_real_pages_go_back_to_their_own_section(tmp_path):
    saved = tmp_path / "real.json"
    real = SizeResult(2825, 535, 1, {"floor": Step("floor", 14.0, 2**27, 100 * 2**20)}, source="/data/pages", runs=3)
    saved.write_text(to_json([real]).replace(machine(), "Another machine, 64 CPU cores"), encoding="utf-8")
    readme = tmp_path / "README.md"
    readme.write_text(f"{README_START}\ngenerated\n{README_END}\n{REAL_START}\nold\n{REAL_END}\n", encoding="utf-8")
    result = run_cli("bench", "build", "--from-json", str(saved), "--readme", str(readme))
    assert result.returncode == 0, result.stderr
    text = readme.read_text(encoding="utf-8")
    assert "generated" in text and "old" not in text and "--source /data/pages" in text
    # as they were measured: the runs their medians are of, and the machine
    assert "--runs 3` (Another machine, 64 CPU cores; medians of 3 run(s), the largest peak memory)" in text


@pytest.mark.parametrize(("articles", "full_build"), [(30, "build"), (30_000, "build, sharded by year")])
def test_a_full_build_starts_afresh_and_the_nightly_one_keeps_what_it_may(tmp_path, monkeypatch, articles, full_build):
    """Every run of a full build starts without the search index's kept years and keeps no shard
    of the run before; the build after one issue changed has the issue converted first and
    keeps both."""
    cache = tmp_path / ".docs.search-cache"
    ran: list[str] = []

    def fake_run(command, cwd, env=None, timeout=None):
        words = " ".join(map(str, command))
        if " convert " in words:
            ran.append("convert")
        elif "floor.yml" in words:
            ran.append("floor")
        else:
            ran.append(
                ("full " if words.endswith(" --full") else "") + ("build, kept years" if cache.is_dir() else "build")
            )
            cache.mkdir(exist_ok=True)  # a build keeps the search index's years
        return 1.0, 1, 1.0

    monkeypatch.setattr(bench_build, "run_step", fake_run)
    monkeypatch.setattr(bench_build, "change_one_issue", lambda source: ran.append("issue changed"))
    monkeypatch.setattr(bench_build, "set_last_issue_aside", lambda source, aside: ran.append("last issue aside"))
    monkeypatch.setattr(bench_build, "put_back", lambda held: ran.append("put back"))
    for day in ("2022-01-27", "2022-01-28"):  # two issues: the last can be added to the first
        (tmp_path / "source_texts" / f"{day}.txt").parent.mkdir(exist_ok=True)
        (tmp_path / "source_texts" / f"{day}.txt").write_text("一篇。", encoding="utf-8")
    result = SizeResult(articles, 1, 1)
    bench_build.measure_project(
        tmp_path, result, runs=2, naive=False, serial_up_to=0, shard_above=10_000, progress=lambda message: None
    )
    assert list(result.steps) == [
        "convert",
        "convert, one issue changed",
        "convert, a new issue added",
        full_build,
        "build, one issue changed",
        "floor",
    ]
    full = "full build" if articles > 10_000 else "build"  # (a sharded one would keep the last run's shards)
    assert ran == [
        *["convert"] * 2,
        *["issue changed", "convert"] * 2,
        *["last issue aside", "convert", "put back", "convert"] * 2,  # converted without it, then with it
        *[full] * 2,
        *["issue changed", "convert", "build, kept years"] * 2,
        *["floor"] * 2,
    ]


def test_archives_of_as_many_articles_are_told_apart_by_their_years():
    """The same real pages measured as four years and as one: each row says which it is."""
    steps = {"floor": Step("floor", 40.0, 2**28, 300 * 2**20), "build": Step("build", 50.0, 2**28, 400 * 2**20)}
    results = [
        SizeResult(2825, 535, 1, dict(steps), source="/a"),
        SizeResult(11300, 2140, 4, dict(steps), source="/b"),
        SizeResult(11300, 2140, 1, dict(steps), source="/c"),
    ]
    text = table(results)
    assert _rows(text, "2,825") and _rows(text, "11,300 (4 years)") and _rows(text, "11,300 (1 year)")
    assert not _rows(text, "11,300")
    assert "compared with 2,825 articles: 11,300 (4 years): ×0.25, 11,300 (1 year): ×0.25." in text


@pytest.mark.parametrize(
    ("arguments", "said"),
    [
        (["--runs", "0"], "argument --runs: '0': give how many times to run each step, 1 or more"),
        (["--articles", "1000,,2000"], "argument --articles: '1000,,2000': give numbers of articles"),
        (["--config-file", "nosuch.yml"], "nosuch.yml: no such MkDocs config — give the site's mkdocs.yml"),
        (["--from-json", "nosuch.json"], "error: --from-json nosuch.json: [Errno 2] No such file"),
        (["--from-json", "{empty}"], "error: --from-json {empty}: 'results' — give JSON files that `bench build"),
        (["--from-json", "{saved}", "--readme", "{plain}"], "error: --readme {plain}: {plain}: no `<!-- bench"),
    ],
)
def test_a_mistaken_benchmark_is_a_clear_error_before_anything_is_measured(tmp_path, arguments, said):
    files = {"{empty}": tmp_path / "empty.json", "{saved}": tmp_path / "saved.json", "{plain}": tmp_path / "README.md"}
    files["{empty}"].write_text("{}", encoding="utf-8")
    files["{saved}"].write_text(to_json([_result(1000)]), encoding="utf-8")
    files["{plain}"].write_text("# A README without the benchmark's markers\n", encoding="utf-8")
    for name, path in files.items():
        arguments = [a.replace(name, str(path)) for a in arguments]
        said = said.replace(name, str(path))
    result = run_cli(
        "bench",
        "build",
        "--work",
        str(tmp_path / "work"),
        *arguments,
        cwd=tmp_path if "--config-file" in arguments else ROOT,
    )
    assert result.returncode != 0 and said in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and "bug" not in result.stderr
    assert not (tmp_path / "work").exists()  # nothing generated


def test_the_benchmarks_bar_counts_a_step_once_it_is_done(tmp_path, monkeypatch):
    from test_progress import counting_bars

    from build_scripts.dev import bench_report

    bars: list = []
    seen = []
    monkeypatch.setattr(bench_report, "progress_bar", counting_bars(bars))

    def steps(*args, progress, **kwargs):
        for name in ("convert", "build", "floor"):
            progress(name)
            seen.append(bars[0].done)  # (the step just started is not counted yet)
        return [_result(1000)]

    monkeypatch.setattr(bench_report, "run", steps)
    argv = ["bench", "build", "--articles", "1000", "--json", str(tmp_path / "b.json")]
    args = build_parser().parse_args(argv)
    assert bench_report.command(args) == 0
    assert seen == [0, 1, 2] and bars[0].done == bars[0].total  # the last one once all are done


def _result(articles: int) -> SizeResult:
    return SizeResult(articles, articles // 5, 1, {"floor": Step("floor", 4.0, 2**27, 30 * 2**20)})


def test_what_the_parser_keeps_between_runs_is_made_in_the_folder_given(tmp_path):
    """Its patterns and prose model as a conversion keeps them, so that the first conversion
    the benchmark times reads them as every later one does."""
    bench_build.keep_what_the_parser_loads(tmp_path)
    tag = sys.implementation.cache_tag
    assert {p.name for p in tmp_path.iterdir()} >= {f"patterns.{tag}.marshal", f"prose.{tag}.marshal"}


def test_what_the_parser_keeps_is_made_before_the_first_step_is_timed(tmp_path, monkeypatch):
    happened = []
    monkeypatch.setattr(bench_build, "keep_what_the_parser_loads", lambda: happened.append("kept"))
    monkeypatch.setattr(bench_build, "make_project", lambda folder, **kw: _result(1000))
    monkeypatch.setattr(bench_build, "measure_project", lambda *a, **kw: happened.append("measured"))
    bench_build.run(tmp_path, [1000])
    assert happened == ["kept", "measured"]
