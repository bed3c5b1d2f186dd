"""Parallel and incremental conversion give exactly the output of a full conversion in one
process: byte for byte, warnings included, whatever changed in between."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest
from conftest import make_archive, run_cli
from inputs import snapshot

from build_scripts.catalogue.tags import Tagger
from build_scripts.convert import cache_folder, convert
from build_scripts.dev.archive_generator import ARTICLES_PER_PAGE, PAGES_PER_DAY, generate
from build_scripts.ingest.archive_config import load_archive_config
from build_scripts.ingest.discover import discover
from build_scripts.problems import Report
from build_scripts.writers import plan as plan_module
from build_scripts.writers import source_jobs, units
from build_scripts.writers.docs_tree import MANIFEST
from build_scripts.writers.source_cache import SourceCache

DAY = PAGES_PER_DAY * ARTICLES_PER_PAGE


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    """Three days of generated issues, converted once (incrementally, with two processes, which
    also write the pages)."""
    root = tmp_path_factory.mktemp("incremental")
    generate(root / "source_texts", 3 * DAY)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(units, "MIN_UNITS_APART", 2)
        assert convert(root / "source_texts", root / "docs", jobs=2).articles == 3 * DAY
    return root


def full_conversion(source: Path, where: Path) -> dict[str, str]:
    """What one process converting everything afresh writes for the same sources."""
    shutil.copytree(source, where / "source_texts")
    convert(where / "source_texts", where / "docs", jobs=1, incremental=False)
    return snapshot(where / "docs")


def warnings_of(result) -> list[str]:
    return [str(p) for p in [*result.report.notices, *result.report.warnings]]


def test_two_processes_write_what_one_writes(archive, tmp_path):
    assert snapshot(archive / "docs") == full_conversion(archive / "source_texts", tmp_path)


def test_warnings_are_the_same_in_any_order_of_work_and_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setattr(source_jobs, "MIN_FILES_PER_WORKER", 2)  # a pool, for so few files
    source = tmp_path / "source_texts"
    generate(source, 60)
    (source / "2019" / "2019-01-01_01_要闻.txt").write_text("\n\n孤零零的标题\n", encoding="utf-8")
    one = convert(source, tmp_path / "a", jobs=1)
    two = convert(source, tmp_path / "b", jobs=2, incremental=False)
    cached = convert(source, tmp_path / "a", jobs=2)
    assert warnings_of(one) and warnings_of(one) == warnings_of(two) == warnings_of(cached)


def _mtimes(docs: Path) -> dict[str, int]:
    return {p.relative_to(docs).as_posix(): p.stat().st_mtime_ns for p in docs.rglob("*.md")}


def test_after_one_issue_changed_only_what_it_touches_is_rewritten(archive, tmp_path, monkeypatch):
    before = _mtimes(archive / "docs")
    for path in (archive / "source_texts").rglob("2019-01-02_*.txt"):
        path.write_text(path.read_text(encoding="utf-8").replace("。", "。（更正）", 1), encoding="utf-8")
    rendered = []
    real = plan_module.article_page
    monkeypatch.setattr(
        plan_module, "article_page", lambda p, prepared, links: rendered.append(p.date) or real(p, prepared, links)
    )
    convert(archive / "source_texts", archive / "docs", jobs=1)  # rendered here, where `rendered` is seen
    assert rendered and {day.isoformat() for day in rendered} == {"2019-01-02"}  # not one page more
    assert snapshot(archive / "docs") == full_conversion(archive / "source_texts", tmp_path)

    after = _mtimes(archive / "docs")
    rewritten = {rel for rel in after if after[rel] != before.get(rel)}
    assert any(rel.startswith("2019/01/02/") for rel in rewritten)
    untouched_days = [rel for rel in after if rel.startswith(("2019/01/01/", "2019/01/03/"))]
    assert untouched_days and not rewritten & set(untouched_days)
    assert len(rewritten) < len(after) / 2


def test_added_and_removed_issues_and_a_new_archive_yml(archive, tmp_path):
    source = archive / "source_texts"
    for path in source.rglob("2019-01-03_*.txt"):
        path.unlink()
    extra = tmp_path / "extra"
    generate(extra, 4 * DAY)
    for path in extra.rglob("2019-01-04_0*.txt"):
        shutil.copy(path, source / "2019" / path.name)
    convert(source, archive / "docs")
    assert snapshot(archive / "docs") == full_conversion(source, tmp_path / "one")

    config = source / "archive.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("浙江日报\n", "浙江日报（测试）\n", 1), encoding="utf-8"
    )
    convert(source, archive / "docs")
    assert snapshot(archive / "docs") == full_conversion(source, tmp_path / "two")


def test_the_cache_keeps_only_what_the_sources_still_hold(tmp_path):
    source = tmp_path / "source_texts"
    generate(source, 30)
    docs = tmp_path / "docs"
    convert(source, docs, jobs=1)
    entries = {p.name for p in (cache_folder(docs) / "files").rglob("*.pickle")}
    assert len(entries) == len(list(source.rglob("*.txt")))
    next(source.rglob("*.txt")).unlink()
    convert(source, docs, jobs=1)
    assert len(list((cache_folder(docs) / "files").rglob("*.pickle"))) == len(entries) - 1


def test_a_lost_cache_entry_is_made_again(tmp_path):
    """The catalogue still lists a file whose entry (with its pages) is gone: the file is
    converted again, and the pages come out as a full conversion makes them."""
    source = tmp_path / "source_texts"
    generate(source, 30)
    docs = tmp_path / "docs"
    convert(source, docs, jobs=1)
    cache = SourceCache(cache_folder(docs), source)
    keys = {result.rel: key for key, result in cache.catalogue.results.items()}
    files = sorted(keys)
    lost = cache.entry(keys[files[0]])  # the first file's
    lost.unlink()
    edited = source / files[-1]  # and a change in another file
    edited.write_text(edited.read_text(encoding="utf-8").replace("。", "。（更正）", 1), encoding="utf-8")
    convert(source, docs, jobs=1)
    assert lost.is_file()
    assert snapshot(docs) == full_conversion(source, tmp_path / "full")


def test_relative_links_are_what_posixpath_gives():
    import posixpath
    import random

    from build_scripts.writers.listing import link

    rng = random.Random(7)
    parts = ["2019", "01", "index.md", "tags", "jing-ji", "archive", "2019.md", "a.md"]
    for _ in range(20_000):
        here = "/".join(rng.choice(parts) for _ in range(rng.randint(1, 5)))
        there = "/".join(rng.choice(parts) for _ in range(rng.randint(1, 5)))
        assert link(here, there) == posixpath.relpath(there, posixpath.dirname(here) or ".")
        assert link(here, there + "#month-01") == posixpath.relpath(there, posixpath.dirname(here) or ".") + "#month-01"


def test_one_year_changed_and_the_others_read_back(tmp_path):
    """Files of a year that did not change are read back to join all years' files (CSV rows
    end in \\r\\n, which must survive the reading)."""
    import datetime as dt

    source = tmp_path / "source_texts"
    generate(source, DAY + 12, first_day=dt.date(2019, 12, 31))
    convert(source, tmp_path / "docs", jobs=1)
    for path in source.rglob("2020-01-01_*.txt"):
        path.write_text(path.read_text(encoding="utf-8").replace("。", "。（更正）", 1), encoding="utf-8")
    convert(source, tmp_path / "docs", jobs=1)
    assert snapshot(tmp_path / "docs") == full_conversion(source, tmp_path / "full")


def test_with_nothing_changed_tags_are_not_chosen_again_and_nothing_is_committed(tmp_path, monkeypatch):
    source = tmp_path / "source_texts"
    generate(source, 60)
    convert(source, tmp_path / "docs", jobs=1)
    manifest = tmp_path / "docs" / MANIFEST
    before = manifest.stat().st_mtime_ns
    monkeypatch.setattr(Tagger, "choose_among", lambda *args: pytest.fail("the tags were chosen again"))
    convert(source, tmp_path / "docs", jobs=1)
    assert manifest.stat().st_mtime_ns == before  # the same files: no commit


def test_a_worker_sends_back_the_catalogue_and_keeps_the_pages_in_its_cache_entry(archive, tmp_path):
    """The text of every article crosses between processes once (into the cache entry), not
    twice: the main process keeps only the catalogue and reads the pages from the entry."""
    config = load_archive_config(archive / "source_texts")
    found = discover(archive / "source_texts", Report())[0]
    entry = tmp_path / "entry.pickle"
    sent = source_jobs.run_job_in_worker((found, config, entry))
    assert sent.entries and sent.prepared is None
    with entry.open("rb") as stream:
        kept = pickle.load(stream)
    assert kept.prepared and len(kept.prepared) == len(sent.entries)
    # with no entry to keep them, the pages come back with the result
    assert source_jobs.run_job_in_worker((found, config, None)).prepared == kept.prepared


def test_a_damaged_cache_entry_is_an_error_that_says_to_convert_afresh(tmp_path):
    """A torn entry (a disk that filled, a copy cut short) is named, with the way out: not a
    traceback in every later run."""
    from conftest import make_archive, run_cli

    project = make_archive(tmp_path)
    args = ["convert", "--source", str(project / "source_texts"), "--docs", str(project / "docs")]
    assert run_cli(*args).returncode == 0
    (entry,) = (project / ".docs.cache" / "files").rglob("*.pickle")
    entry.write_bytes(entry.read_bytes()[:100])
    next((project / "docs/2022/01/28").glob("bao-hu-*.md")).unlink()  # its pages must be made again
    result = run_cli(*args)
    assert result.returncode == 2
    assert "the conversion cache holds a damaged entry" in result.stderr
    assert "convert again with --full" in result.stderr and "Traceback" not in result.stderr
    assert run_cli(*args, "--full").returncode == 0
    assert run_cli(*args).returncode == 0


def test_a_nightly_run_prints_the_warnings_of_what_changed_and_counts_the_rest(tmp_path):
    """The warnings and notes of files unchanged since the last run were printed then: each
    run shows those of the files it read, and how many more the others hold (every one on
    request)."""
    lonely = "2022/2022-01-29.txt"  # a headline with no text below it (a warning), an invisible character (a note)
    project = make_archive(tmp_path, {lonely: "春节假期全省旅游市场平稳有序\u200b\n"})
    where = ("--source", str(project / "source_texts"), "--docs", str(project / "docs"))
    said = "warning: 2022/2022-01-29.txt:1: “春节假期全省旅游市场平稳有序” has no text below it"
    noted = "note: 2022/2022-01-29.txt:1: removed 1 invisible character"
    held = "note: the files unchanged since the last conversion hold 1 warning and 1 note, printed then"

    first = run_cli("convert", *where)
    assert first.returncode == 0 and said in first.stderr and noted in first.stderr
    assert "unchanged since the last conversion" not in first.stderr
    again = run_cli("convert", *where)
    assert again.returncode == 0 and held in again.stderr
    assert said not in again.stderr and noted not in again.stderr
    assert "1 warnings" in again.stdout  # the summary counts every warning of the archive
    every = run_cli("convert", "--all-warnings", "--all-notes", *where)
    assert said in every.stderr and noted in every.stderr
    assert "unchanged since the last conversion" not in every.stderr

    sample = next((project / "source_texts" / "2022").glob("2022-01-28*.txt"))
    sample.write_text(sample.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    other_changed = run_cli("convert", *where)
    assert said not in other_changed.stderr and held in other_changed.stderr
    page = project / "source_texts" / lonely
    page.write_text("春节假期全省旅游市场平稳有序\u200b\n\n", encoding="utf-8")
    read_again = run_cli("convert", *where)
    assert said in read_again.stderr and noted in read_again.stderr
    assert "unchanged since the last conversion" not in read_again.stderr


def test_a_repeated_page_is_told_by_the_run_that_read_it_and_counted_after(tmp_path):
    """A 版 that repeats another (the same text) is a warning of the archive, not of one file:
    it too is printed by a run that read one of the two files, and only counted by the runs
    after, like every warning of files unchanged since."""
    page = "全省春运首日客流平稳有序\n\n本报记者 张三\n\n春运首日，全省各大车站客流平稳有序，铁路部门加开列车满足旅客出行需要，各地交通部门做好保障。\n"
    first_file, again_file = "2022/2022-01-29_02_要闻.txt", "2022/2022-01-29_05_要闻.txt"
    project = make_archive(tmp_path, {first_file: page, again_file: page})
    where = ("--source", str(project / "source_texts"), "--docs", str(project / "docs"))
    said = f"warning: {again_file}:1: repeats {first_file} (the same text)"

    first = run_cli("convert", *where)
    assert first.returncode == 0 and said in first.stderr, first.stderr
    again = run_cli("convert", *where)
    assert again.returncode == 0 and said not in again.stderr
    assert "hold 1 warning" in again.stderr
    every = run_cli("convert", "--all-warnings", *where)
    assert said in every.stderr
    first_page = project / "source_texts" / first_file
    first_page.write_text(page + "\n", encoding="utf-8")  # the first of the two read again
    read_again = run_cli("convert", *where)
    assert said in read_again.stderr
