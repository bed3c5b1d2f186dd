"""The search index keeps each year's part for the next build (`zh_search/year_cache.py`): a
build after an edit cuts only the edited year again, and the index is the same, byte for byte,
as one made from scratch."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import make_archive, run_cli, texts_cut

from build_scripts.dev.archive_generator import ARTICLES_PER_PAGE, PAGES_PER_DAY, generate
from build_scripts.plugins.zh_search import indexer
from build_scripts.plugins.zh_search.index_files import IndexWriter


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> Path:
    """The data file of an archive across a year boundary (2019-12-31, 2020-01-01)."""
    project = make_archive(tmp_path_factory.mktemp("years"), with_sample=False)
    generate(project / "source_texts", PAGES_PER_DAY * ARTICLES_PER_PAGE + 12, first_day=dt.date(2019, 12, 31))
    assert run_cli("convert", cwd=project).returncode == 0
    return project / "docs" / "data" / "articles.jsonl"


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _cut(monkeypatch) -> list[int]:
    """The years the next index build cuts (the others come from the cache)."""
    cut: list[int] = []
    add_year = IndexWriter.add_year

    def counted(self, year, these, so_far=None, by_month=None):
        cut.append(year)
        return add_year(self, year, these, so_far, by_month)

    monkeypatch.setattr(IndexWriter, "add_year", counted)
    return cut


def _edited(articles: Path, target: Path, year: str, change) -> Path:
    lines = articles.read_text(encoding="utf-8").splitlines()
    at = next(n for n, line in enumerate(lines) if json.loads(line)["date"].startswith(year))
    record = json.loads(lines[at])
    change(record)
    lines[at] = json.dumps(record, ensure_ascii=False)
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


def test_a_year_whose_articles_did_not_change_is_taken_from_the_cache(articles, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    cut = _cut(monkeypatch)
    indexer.build_index(articles, tmp_path / "first", None, cache=cache)
    assert cut == [2019, 2020]
    cut.clear()
    indexer.build_index(articles, tmp_path / "again", None, cache=cache)
    assert cut == [] and _files(tmp_path / "again") == _files(tmp_path / "first")
    # an article of 2020 edited: 2020 is cut again, 2019 kept — the index of a build from scratch
    edited = _edited(articles, tmp_path / "edited.jsonl", "2020", lambda r: r.update(text=r["text"] + "补记一句。"))
    indexer.build_index(edited, tmp_path / "edited", None, cache=cache)
    assert cut == [2020]
    indexer.build_index(edited, tmp_path / "scratch", None)
    assert _files(tmp_path / "edited") == _files(tmp_path / "scratch") != _files(tmp_path / "first")


def _year(folder: Path, year: str) -> dict[str, bytes]:
    return {rel: data for rel, data in _files(folder).items() if rel.startswith(f"{year}/")}


def test_a_new_name_cuts_again_only_the_years_whose_texts_print_it(articles, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    indexer.build_index(articles, tmp_path / "first", None, cache=cache)
    cut = _cut(monkeypatch)
    # a reporter printed for the first time, in 2020: 2019's texts do not print the name, so
    # their cut cannot change — and the index is still the one a build from scratch makes
    named = _edited(articles, tmp_path / "named.jsonl", "2020", lambda r: r.update(authors=["欧阳晓岚"]))
    indexer.build_index(named, tmp_path / "named", None, cache=cache)
    assert cut == [2020]
    indexer.build_index(named, tmp_path / "scratch", None)
    assert _files(tmp_path / "named") == _files(tmp_path / "scratch")
    cut.clear()  # (2019's cut now holds for the dictionary with the name, and says so)
    indexer.build_index(named, tmp_path / "again", None, cache=cache)
    assert cut == []
    (kept,) = (cache / "2019").iterdir()
    assert "欧阳晓岚" in dict(json.loads((kept / "state.json").read_text(encoding="utf-8"))["dictionary"])


@pytest.mark.parametrize(
    ("printed", "name"),
    [
        ("欧阳晓岚说。", "欧阳晓岚"),
        ("获奖者：\n\n罗  姝\n\n", "罗姝"),  # a name of two characters spaced out (`spaced_words`)
    ],
)
def test_a_new_name_that_a_kept_year_prints_cuts_that_year_again(articles, tmp_path, monkeypatch, printed, name):
    cache = tmp_path / "cache"
    quoted = _edited(articles, tmp_path / "quoted.jsonl", "2019", lambda r: r.update(text=r["text"] + printed))
    indexer.build_index(quoted, tmp_path / "first", None, cache=cache)
    cut = _cut(monkeypatch)
    # the name becomes a word of the dictionary: the 2019 text that prints it is cut anew
    named = _edited(quoted, tmp_path / "named.jsonl", "2020", lambda r: r.update(authors=[name]))
    indexer.build_index(named, tmp_path / "named", None, cache=cache)
    assert cut == [2019, 2020]
    indexer.build_index(named, tmp_path / "scratch", None)
    assert _files(tmp_path / "named") == _files(tmp_path / "scratch")
    assert _year(tmp_path / "named", "2019") != _year(tmp_path / "first", "2019")  # (its cut did change)


def _without_last(articles: Path, target: Path, count: int) -> Path:
    lines = articles.read_text(encoding="utf-8").splitlines()
    target.write_text("\n".join(lines[:-count]) + "\n", encoding="utf-8")
    return target


def _built_without_the_last_three(articles: Path, tmp_path: Path) -> Path:
    """The cache of a build of the archive without its last three articles (of 2020, the last year)."""
    cache = tmp_path / "cache"
    indexer.build_index(_without_last(articles, tmp_path / "before.jsonl", 3), tmp_path / "before", None, cache=cache)
    return cache


def _as_from_scratch(articles: Path, built: Path, tmp_path: Path, word_list: Path | None = None) -> bool:
    """Is the index in `built` the one a build of `articles` makes without the cache?"""
    scratch = tmp_path / f"{built.name}-scratch"
    indexer.build_index(articles, scratch, word_list)
    return _files(built) == _files(scratch)


def test_the_last_year_goes_on_from_its_kept_cut_when_articles_are_added_at_its_end(articles, tmp_path, monkeypatch):
    cache = _built_without_the_last_three(articles, tmp_path)
    texts = texts_cut(monkeypatch)
    # the night's new articles, the last three of 2020: only they are cut, and by a new
    # reporter too (the name is printed nowhere before them)
    named = _edited(articles, tmp_path / "named.jsonl", "2020-01-01", lambda r: None)
    lines = named.read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[-1])
    record["authors"] = ["欧阳晓岚"]
    named.write_text("\n".join([*lines[:-1], json.dumps(record, ensure_ascii=False)]) + "\n", encoding="utf-8")
    indexer.build_index(named, tmp_path / "after", None, cache=cache)
    assert len(texts) == 3 and "欧阳晓岚" in texts[-1]
    assert _as_from_scratch(named, tmp_path / "after", tmp_path)
    texts.clear()  # the cut made so is whole, and kept: the same articles again cut nothing
    indexer.build_index(named, tmp_path / "again", None, cache=cache)
    assert texts == [] and _files(tmp_path / "again") == _files(tmp_path / "after-scratch")
    # a word listed that only the year's first articles print (those the cut went on from):
    # their cut may change, so the year is cut whole — its texts as cut were kept whole
    records = [json.loads(line) for line in named.read_text(encoding="utf-8").splitlines()]
    earlier = "".join(r["title"] + r["text"] for r in records if not r["date"].startswith("2020"))
    first = next(r for r in records if r["date"].startswith("2020"))  # (the first the cut went on from)
    word = next(w for w in re.findall(r"[\u4e00-\u9fff]{4}", first["text"]) if w not in earlier)
    listed = tmp_path / "userdict.txt"
    listed.write_text(f"{word}\n", encoding="utf-8")
    texts.clear()
    indexer.build_index(named, tmp_path / "listed", listed, cache=cache)
    assert len(texts) == 12
    assert _as_from_scratch(named, tmp_path / "listed", tmp_path, listed)


def test_a_damaged_kept_cut_of_the_last_year_is_cut_again_not_gone_on_from(articles, tmp_path, monkeypatch):
    cache = _built_without_the_last_three(articles, tmp_path)
    (kept,) = (cache / "2020").iterdir()
    state = json.loads((kept / "state.json").read_text(encoding="utf-8"))
    (kept / "state.json").write_text(json.dumps({**state, "words": None}), encoding="utf-8")  # not as written
    texts = texts_cut(monkeypatch)
    indexer.build_index(articles, tmp_path / "after", None, cache=cache)
    assert len(texts) == 12
    assert _as_from_scratch(articles, tmp_path / "after", tmp_path)


def test_the_last_year_is_cut_whole_where_a_new_article_reprints_one_kept(articles, tmp_path, monkeypatch):
    cache = _built_without_the_last_three(articles, tmp_path)
    texts = texts_cut(monkeypatch)
    # the last article prints again the year's first (the converter found it printed again):
    # the first article's entry changes — where else it stands — so the year is cut whole
    lines = articles.read_text(encoding="utf-8").splitlines()
    first = next(json.loads(line) for line in lines if json.loads(line)["date"].startswith("2020"))
    record = json.loads(lines[-1])
    record.update(reprint_of=first["id"], title=first["title"], text=first["text"])
    again = tmp_path / "again.jsonl"
    again.write_text("\n".join([*lines[:-1], json.dumps(record, ensure_ascii=False)]) + "\n", encoding="utf-8")
    indexer.build_index(again, tmp_path / "after", None, cache=cache)
    assert len(texts) == 11  # the year's twelve articles, one of them a copy indexed with the first
    assert _as_from_scratch(again, tmp_path / "after", tmp_path)


@pytest.mark.parametrize("damage", ["state", "files"])
def test_a_damaged_or_incomplete_cut_is_cut_again(articles, tmp_path, monkeypatch, damage):
    cache = tmp_path / "cache"
    indexer.build_index(articles, tmp_path / "first", None, cache=cache)
    (kept,) = (cache / "2020").iterdir()
    if damage == "state":  # not a state this code wrote
        (kept / "state.json").write_text('{"words": []}', encoding="utf-8")
    else:  # a folder of the cut gone (removed by another build meanwhile)
        shutil.rmtree(kept / "files" / "d")
    cut = _cut(monkeypatch)
    indexer.build_index(articles, tmp_path / "again", None, cache=cache)
    assert cut == [2020]
    assert _files(tmp_path / "again") == _files(tmp_path / "first")
