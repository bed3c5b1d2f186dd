"""A long year is cut for the search index in parts, by processes of their own, and the parts'
word lists joined (`zh_search/year_parts.py`): the index is the same, byte for byte, as one
cut in one process — from scratch, going on from a kept cut, and when a process dies."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from conftest import make_archive, run_cli

from build_scripts.dev.archive_generator import ARTICLES_PER_PAGE, PAGES_PER_DAY, generate
from build_scripts.plugins.zh_search import indexer, year_parts
from build_scripts.plugins.zh_search.postings import WordList

DAYS = 3


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> Path:
    """The data file of an archive of three days of one year (360 articles)."""
    project = make_archive(tmp_path_factory.mktemp("parts"), with_sample=False)
    generate(project / "source_texts", DAYS * PAGES_PER_DAY * ARTICLES_PER_PAGE, first_day=dt.date(2020, 6, 1))
    assert run_cli("convert", cwd=project).returncode == 0
    return project / "docs" / "data" / "articles.jsonl"


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _parts_used(monkeypatch, parts: int) -> list[int]:
    """Cut in `parts` parts wherever a year has 50 articles a part; returns the parts each
    year was cut in (recorded in this process)."""
    used: list[int] = []
    runs = year_parts.runs

    def counted(numbers: range, n: int) -> list[range]:
        used.append(n)
        return runs(numbers, n)

    monkeypatch.setattr(year_parts, "MIN_PART", 50)
    monkeypatch.setattr(year_parts, "default_jobs", lambda: parts)
    monkeypatch.setattr(year_parts, "runs", counted)
    return used


def _dies(numbers: range) -> None:
    """In place of cutting a run, in the forked process: it dies (killed, out of memory)."""
    os._exit(1)


def _one_process(monkeypatch) -> None:
    monkeypatch.setattr(year_parts, "MIN_PART", 10**9)


@pytest.mark.parametrize("parts", [2, 3])
def test_a_year_cut_in_parts_is_the_same_index(articles, tmp_path, monkeypatch, parts):
    _one_process(monkeypatch)
    indexer.build_index(articles, tmp_path / "one", None)
    used = _parts_used(monkeypatch, parts)
    indexer.build_index(articles, tmp_path / "parts", None)
    assert used == [parts]
    assert _files(tmp_path / "parts") == _files(tmp_path / "one")


def test_a_part_whose_process_dies_is_cut_by_the_index_itself(articles, tmp_path, monkeypatch):
    _one_process(monkeypatch)
    indexer.build_index(articles, tmp_path / "one", None)
    used = _parts_used(monkeypatch, 2)
    monkeypatch.setattr(year_parts, "_cut_pieces", _dies)
    indexer.build_index(articles, tmp_path / "parts", None)
    assert used == [2]
    assert _files(tmp_path / "parts") == _files(tmp_path / "one")


def test_a_new_day_cut_in_parts_goes_on_from_the_kept_cut(articles, tmp_path, monkeypatch):
    """The year's last day added to what the cache kept of the days before it, that day cut
    in parts: the same index as the whole year cut in one process."""
    lines = articles.read_text(encoding="utf-8").splitlines()
    last_day = max(json.loads(line)["date"] for line in lines)
    before = tmp_path / "before.jsonl"
    before.write_text("".join(f"{line}\n" for line in lines if json.loads(line)["date"] != last_day), encoding="utf-8")
    cache = tmp_path / "cache"
    _one_process(monkeypatch)
    indexer.build_index(before, tmp_path / "before", None, cache=cache)
    indexer.build_index(articles, tmp_path / "one", None)
    used = _parts_used(monkeypatch, 2)
    indexer.build_index(articles, tmp_path / "parts", None, cache=cache)
    assert used == [2]  # only the new day's articles, in two parts
    assert _files(tmp_path / "parts") == _files(tmp_path / "one")


def _word_list(entries: list[tuple[int, int, list[int]]], filters: list[int]) -> WordList:
    found = WordList()
    for article, fields, offsets in entries:
        found.add(article, fields, offsets)
    for article in filters:
        found.add_article(article)
    return found


def _state(found: WordList) -> tuple[bytes, bytes, int, int]:
    return bytes(found.articles), bytes(found.offsets), found.last, found.count


@pytest.mark.parametrize("cut", [0, 1, 2, 3])
def test_joined_word_lists_are_the_lists_made_in_one_go(cut):
    """Gaps small and beyond the table of small varints (2**16), a later part empty or the
    earlier one: the joined list has the bytes of the list made article after article."""
    entries = [(3, 1, [5]), (70_000, 4, [2, 9, 300]), (70_001, 1, [80_000]), (200_000, 2, [0])]
    whole = _word_list(entries, [])
    joined = _word_list(entries[:cut], [])
    joined.extend(_word_list(entries[cut:], []))
    assert _state(joined) == _state(whole)
    filters = [0, 2, 90_000, 90_001]
    joined = _word_list([], filters[:cut])
    joined.extend(_word_list([], filters[cut:]))
    assert _state(joined) == _state(_word_list([], filters))
    # a later part cut where its articles stood before (`month_parts`: 3 articles earlier, or
    # 70,000 later), moved to where they stand now
    for moved in (3, -70_000):
        joined = _word_list(entries[:cut], [])
        joined.extend(_word_list([(a - moved, f, o) for a, f, o in entries[cut:]], []), shift=moved)
        assert _state(joined) == _state(whole)
