"""A year of the search index is kept month by month (`zh_search/month_parts.py`): after a
correction, only the months whose articles changed are cut again, a month kept stands where
its articles stand now, and the index is the same, byte for byte, as one cut from scratch."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import make_archive, run_cli, texts_cut

from build_scripts.dev.archive_generator import generate
from build_scripts.plugins.zh_search import indexer, year_parts
from build_scripts.plugins.zh_search.month_parts import month_runs


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> Path:
    """The data file of an archive of 2020-01-31, 02-01 and part of 02-02: two months of one year."""
    project = make_archive(tmp_path_factory.mktemp("months"), with_sample=False)
    generate(project / "source_texts", 300, first_day=dt.date(2020, 1, 31))
    assert run_cli("convert", cwd=project).returncode == 0
    return project / "docs" / "data" / "articles.jsonl"


def _records(articles: Path) -> list[dict]:
    return [json.loads(line) for line in articles.read_text(encoding="utf-8").splitlines()]


def _written(records: list[dict], target: Path) -> Path:
    target.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return target


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _same_as_from_scratch(articles: Path, built: Path) -> bool:
    scratch = built.with_name(built.name + "-scratch")
    indexer.build_index(articles, scratch, None)
    return _files(built) == _files(scratch)


def _months_kept(cache: Path) -> list[str]:
    return sorted(p.name for p in (cache / "parts" / "2020").iterdir())


def test_the_years_articles_month_by_month():
    class A:
        def __init__(self, date: str):
            self.date = date

    dates = ["2020-01-30", "2020-01-31", "2020-02-01", "2020-03-05", "2020-03-06"]
    assert month_runs([A(d) for d in dates]) == [range(2), range(2, 3), range(3, 5)]
    assert month_runs([]) == []


def test_a_correction_cuts_again_only_its_month(articles, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    indexer.build_index(articles, tmp_path / "first", None, cache=cache)
    assert len(_months_kept(cache)) == 2
    records = _records(articles)
    february = sum(1 for r in records if r["date"].startswith("2020-02"))
    # an article of February corrected: January is taken as kept, February cut again
    edited = next(r for r in records if r["date"] == "2020-02-01")
    edited["text"] += "补记一句。"
    corrected = _written(records, tmp_path / "corrected.jsonl")
    texts = texts_cut(monkeypatch)
    indexer.build_index(corrected, tmp_path / "corrected", None, cache=cache)
    assert len(texts) == february and any("补记一句" in text for text in texts)
    assert _same_as_from_scratch(corrected, tmp_path / "corrected")
    assert len(_months_kept(cache)) == 2  # (the February of before let go)


@pytest.mark.parametrize("withdrawn", [1, 25])  # (25: February's first article numbered 95, not 120)
def test_a_month_kept_moves_with_the_articles_before_it(articles, tmp_path, monkeypatch, withdrawn):
    """Articles of January withdrawn: February's articles are numbered lower, and taken as
    kept all the same (their files, which name themselves, written again under their numbers)."""
    cache = tmp_path / "cache"
    indexer.build_index(articles, tmp_path / "first", None, cache=cache)
    records = _records(articles)
    january = [r for r in records if r["date"].startswith("2020-01")]
    gone = {id(r) for r in january[5 : 5 + withdrawn]}
    fewer = _written([r for r in records if id(r) not in gone], tmp_path / "fewer.jsonl")
    texts = texts_cut(monkeypatch)
    indexer.build_index(fewer, tmp_path / "fewer", None, cache=cache)
    assert len(texts) == len(january) - withdrawn
    assert _same_as_from_scratch(fewer, tmp_path / "fewer")
    # and back: January cut again as it was, February moved up again
    texts.clear()
    indexer.build_index(articles, tmp_path / "again", None, cache=cache)
    assert len(texts) == len(january)
    assert _files(tmp_path / "again") == _files(tmp_path / "first")


def test_months_are_cut_in_pieces_on_every_core_and_kept_whole(articles, tmp_path, monkeypatch):
    """Three processes, a hundred articles each: January's 120 in two pieces, February's 180
    in two, each month kept whole."""
    monkeypatch.setattr(year_parts, "MIN_PART", 50)
    monkeypatch.setattr(year_parts, "default_jobs", lambda: 3)
    cache = tmp_path / "cache"
    indexer.build_index(articles, tmp_path / "parts", None, cache=cache)
    assert _same_as_from_scratch(articles, tmp_path / "parts")
    records = _records(articles)
    records[0]["text"] += "补记一句。"  # January corrected: February, cut in two pieces before, kept whole
    corrected = _written(records, tmp_path / "corrected.jsonl")
    monkeypatch.setattr(year_parts, "MIN_PART", 10**9)  # (cut in this process, where the texts are counted)
    texts = texts_cut(monkeypatch)
    indexer.build_index(corrected, tmp_path / "corrected", None, cache=cache)
    assert len(texts) == sum(1 for r in records if r["date"].startswith("2020-01"))
    assert _same_as_from_scratch(corrected, tmp_path / "corrected")


@pytest.mark.parametrize("damage", ["state", "lists", "files"])
def test_a_month_kept_damaged_is_cut_again(articles, tmp_path, monkeypatch, damage):
    cache = tmp_path / "cache"
    indexer.build_index(articles, tmp_path / "first", None, cache=cache)
    records = _records(articles)
    records[-1]["text"] += "补记一句。"  # February corrected: January would be taken as kept
    corrected = _written(records, tmp_path / "corrected.jsonl")
    for month in (cache / "parts" / "2020").iterdir():
        if damage == "state":
            (month / "state.json").write_text('{"base": null}', encoding="utf-8")
        elif damage == "lists":
            (month / "lists.pickle").write_bytes(b"not a pickle")
        else:  # an article's file gone (removed by another build meanwhile)
            next((month / "d").iterdir()).unlink()
    texts = texts_cut(monkeypatch)
    indexer.build_index(corrected, tmp_path / "corrected", None, cache=cache)
    assert len(texts) == len(records)  # every month cut again
    assert _same_as_from_scratch(corrected, tmp_path / "corrected")
    # the files the build linked from the damaged months before cutting them again were let go
    # of, never written into: the months kept now are whole
    texts.clear()
    indexer.build_index(_written(_records(articles), tmp_path / "back.jsonl"), tmp_path / "back", None, cache=cache)
    assert len(texts) == sum(1 for r in records if r["date"].startswith("2020-02"))
    assert _files(tmp_path / "back") == _files(tmp_path / "first")


def test_a_new_name_cuts_again_only_the_months_that_print_it(articles, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    records = _records(articles)
    records[0]["text"] += "欧阳晓岚说。"  # January prints the name, February does not
    printed = _written(records, tmp_path / "printed.jsonl")
    indexer.build_index(printed, tmp_path / "first", None, cache=cache)
    records[-1]["authors"] = ["欧阳晓岚"]  # it becomes a word of the dictionary, in February
    named = _written(records, tmp_path / "named.jsonl")
    texts = texts_cut(monkeypatch)
    indexer.build_index(named, tmp_path / "named", None, cache=cache)
    assert len(texts) == len(records)  # January prints it: cut again; February changed
    assert _same_as_from_scratch(named, tmp_path / "named")
    # the name printed nowhere in January: January taken as kept
    shutil.rmtree(cache)
    indexer.build_index(articles, tmp_path / "before", None, cache=cache)
    records = _records(articles)
    records[-1]["authors"] = ["欧阳晓岚"]
    named = _written(records, tmp_path / "named-again.jsonl")
    texts.clear()
    indexer.build_index(named, tmp_path / "named-again", None, cache=cache)
    assert len(texts) == sum(1 for r in records if r["date"].startswith("2020-02"))
    assert _same_as_from_scratch(named, tmp_path / "named-again")


def test_what_a_stopped_build_left_in_the_cache_goes_with_the_next(articles, tmp_path):
    """A build stopped mid-way (`mkdocs serve` stops the indexer at each change) leaves a month
    or a state it was writing aside, named by its process: the next build removes them, files
    as well as folders, and leaves a running build's alone."""
    cache = tmp_path / "cache"
    indexer.build_index(articles, tmp_path / "first", None, cache=cache)
    dead = 2**22 + 7  # (above the highest process number Linux gives: pid_max is at most 2**22)
    (cache / f".month-{'0' * 40}-{dead}" / "d").mkdir(parents=True)
    (cache / f".month-state-{dead}").write_text("{", encoding="utf-8")
    running = cache / f".month-state-{os.getpid()}"
    running.write_text("{", encoding="utf-8")
    indexer.build_index(articles, tmp_path / "again", None, cache=cache)
    assert sorted(p.name for p in cache.glob(".*")) == [running.name]
