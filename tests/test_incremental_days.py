"""Converting again after one issue changed does per-article work only for the days whose
inputs changed: these tests check that an unchanged day is passed over, and that the output is
still a full conversion's."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

from inputs import snapshot

from build_scripts.convert import convert
from build_scripts.dev.archive_generator import generate


def _edit(source: Path, day: str) -> None:
    for path in source.rglob(f"{day}_*.txt"):
        path.write_text(path.read_text(encoding="utf-8").replace("。", "。（更正）", 1), encoding="utf-8")


def _same_as_a_full_conversion(source: Path, docs: Path, tmp_path: Path) -> None:
    expected = tmp_path / "full"
    convert(source, expected, jobs=1, incremental=False)
    assert snapshot(docs) == snapshot(expected)


def test_the_keys_of_an_unchanged_days_article_pages_are_not_made_again(tmp_path, monkeypatch):
    from build_scripts.writers import plan as plan_module

    source, docs = tmp_path / "source_texts", tmp_path / "docs"
    generate(source, 3 * 120)
    convert(source, docs, jobs=1)
    made: list[str] = []  # the article keys digested
    real = plan_module.Keys.__call__

    def counting(self, kind, *inputs):
        if kind == "article":
            made.append(inputs[0])
        return real(self, kind, *inputs)

    monkeypatch.setattr(plan_module.Keys, "__call__", counting)
    convert(source, docs, jobs=1)
    assert made == []  # nothing changed: every day's keys are the last run's
    _edit(source, "2019-01-02")
    result = convert(source, docs, jobs=1)
    edited = [p for p in result.placed if str(p.date) == "2019-01-02"]
    assert 0 < len(made) and len(made) == len(edited)
    _same_as_a_full_conversion(source, docs, tmp_path)


def test_a_generated_page_deleted_by_hand_is_made_again(tmp_path):
    """Unchanged pages are known to be there from one listing of their folder, not a `stat` each."""
    source, docs = tmp_path / "source_texts", tmp_path / "docs"
    generate(source, 40)
    result = convert(source, docs, jobs=1)
    expected = snapshot(docs)
    article = docs / result.placed[3].docs_path
    article.unlink()
    (docs / "tags").rename(tmp_path / "tags-aside")  # a whole folder of them
    convert(source, docs, jobs=1)
    assert snapshot(docs) == expected


def test_only_the_days_that_changed_are_matched_against_the_url_ledger(tmp_path, monkeypatch):
    from build_scripts.catalogue import ledger

    source, docs = tmp_path / "source_texts", tmp_path / "docs"
    generate(source, 3 * 120)
    convert(source, docs, jobs=1)
    matched: list[str] = []  # the days matched
    parsed: list[str] = []  # the ledgers parsed
    real_match, real_parse = ledger._match_day, ledger.parse_ledger
    monkeypatch.setattr(
        ledger, "_match_day", lambda old, cuts: matched.append(str(cuts[0][1].date)) or real_match(old, cuts)
    )
    monkeypatch.setattr(ledger, "parse_ledger", lambda text, where: parsed.append(where) or real_parse(text, where))
    convert(source, docs, jobs=1)
    # the ledger the last run wrote, and its matching, are kept: matched against the lines it
    # wrote for them, a day's cuts find the addresses they were given
    assert matched == [] and parsed == []
    _edit(source, "2019-01-02")
    convert(source, docs, jobs=1)
    assert matched == ["2019-01-02"] and parsed == []
    matched.clear()
    convert(source, docs, jobs=1)
    assert matched == []
    _same_as_a_full_conversion(source, docs, tmp_path)
    (source / "urls.lock").write_text((source / "urls.lock").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    matched.clear()
    convert(source, docs, jobs=1)  # a ledger edited by hand is read again
    assert len(parsed) == 2  # (and once more by the full conversion)
    assert matched == []  # its lines as they were, in the file's order: no day matched again


def test_what_the_conversion_holds_is_set_aside_from_the_cycle_collector_while_it_runs(tmp_path, monkeypatch):
    import gc

    import build_scripts.convert as convert_module

    frozen: list[int] = []  # objects set aside while docs/ is written
    real = convert_module.write_tree
    monkeypatch.setattr(
        convert_module, "write_tree", lambda *a, **k: frozen.append(gc.get_freeze_count()) or real(*a, **k)
    )
    source = tmp_path / "source_texts"
    generate(source, 20)
    convert(source, tmp_path / "docs", jobs=1)
    assert frozen and frozen[0] > 0
    assert gc.get_freeze_count() == 0  # and handed back to it afterwards


def test_the_cycle_collector_waits_while_the_articles_are_placed_tagged_and_planned(tmp_path, monkeypatch):
    """They make many objects and no cycles: the collector would only walk them. It collects
    again once they are planned (rendering pages makes cycles: PyYAML's dumpers), and after."""
    import gc

    import build_scripts.convert as convert_module

    collecting: dict[str, bool] = {}
    for step in ("place_articles", "choose_tags", "plan", "write_tree"):
        real = getattr(convert_module, step)
        monkeypatch.setattr(
            convert_module,
            step,
            lambda *a, _s=step, _r=real, **k: collecting.update({_s: gc.isenabled()}) or _r(*a, **k),
        )
    source = tmp_path / "source_texts"
    generate(source, 20)
    convert(source, tmp_path / "docs", jobs=1)
    assert collecting == {"place_articles": False, "choose_tags": False, "plan": False, "write_tree": True}
    assert gc.isenabled()


def _before_its_last_issue(tmp_path: Path) -> tuple[Path, Path, dict[str, list[str]]]:
    """Four generated issues converted without the last (2019-01-04), which then comes into the
    source folder as a night's new issue: the source and docs folders, and every article's tags."""
    generated, source, docs = tmp_path / "generated", tmp_path / "source_texts", tmp_path / "docs"
    generate(generated, 4 * 120)
    shutil.copytree(generated, source, ignore=shutil.ignore_patterns("2019-01-04_*"))
    before = {p.docs_path: p.tags for p in convert(source, docs, jobs=1).placed}
    for path in generated.rglob("2019-01-04_*.txt"):
        shutil.copy(path, source / path.relative_to(generated))
    return source, docs, before


def _days_whose_tags_moved(before: dict[str, list[str]], after) -> set[str]:
    return {str(p.date) for p in after if p.docs_path in before and before[p.docs_path] != p.tags}


def test_a_new_issue_that_moves_older_articles_tags_makes_only_its_own_days_records(tmp_path, monkeypatch):
    """A word's weight is counted over the articles of a year, so a new issue moves the tags of
    articles on other days of its year; their data records are joined again with their new tags, not made again
    from their prepared records."""
    from build_scripts.writers import data_export

    source, docs, before = _before_its_last_issue(tmp_path)
    made: list[str] = []  # the days whose records were made from their articles
    real = data_export.jsonl_around_tags
    monkeypatch.setattr(data_export, "jsonl_around_tags", lambda p, *rest: made.append(str(p.date)) or real(p, *rest))
    after = convert(source, docs, jobs=1).placed
    moved = _days_whose_tags_moved(before, after)
    assert moved, "the new issue moves no older article's tags: the test needs other texts"
    assert set(made) == {"2019-01-04"}
    _same_as_a_full_conversion(source, docs, tmp_path)


def test_a_new_issue_that_moves_older_articles_tags_makes_only_its_own_and_the_last_issues_pages(tmp_path, monkeypatch):
    """An issue's page lists its articles' titles, bylines and openings, not their tags: the
    older days whose tags a new issue moves keep their pages unrendered. The issue before the
    new one is made again: it leads on to it."""
    from build_scripts.writers import plan as plan_module

    source, docs, before = _before_its_last_issue(tmp_path)
    made: list[str] = []  # the days whose issue pages were rendered
    real = plan_module.issue_page
    monkeypatch.setattr(
        plan_module, "issue_page", lambda day, *rest, **k: made.append(str(day)) or real(day, *rest, **k)
    )
    after = convert(source, docs, jobs=1).placed
    moved = _days_whose_tags_moved(before, after)
    assert moved - {"2019-01-03"}, "the new issue moves no tag of an older issue: the test needs other texts"
    assert sorted(made) == ["2019-01-03", "2019-01-04"]
    _same_as_a_full_conversion(source, docs, tmp_path)


def test_a_new_issue_leaves_every_file_of_another_year_as_it_was(tmp_path, monkeypatch):
    """Tags are chosen among the articles of their year: a night's new issue moves the tags of
    articles of its own year (which is built again anyway), never of another year — whose
    pages, data files and part of the site stay as they were."""
    import datetime as dt

    from build_scripts.writers import tag_choice

    monkeypatch.setattr(tag_choice, "PERIOD_ARTICLES", 200)  # a year of 240 articles: a daily's, in small
    generated, source, docs = tmp_path / "generated", tmp_path / "source_texts", tmp_path / "docs"
    generate(generated, 5 * 120, first_day=dt.date(2019, 12, 30))  # two days in 2019, three in 2020
    shutil.copytree(generated, source, ignore=shutil.ignore_patterns("2020-01-03_*"))
    before = convert(source, docs, jobs=1)
    first_year = {rel: digest for rel, digest in snapshot(docs).items() if "2019" in rel}
    assert any(rel.startswith("2019/12/31/") for rel in first_year) and "data/2019/articles.jsonl" in first_year
    for path in generated.rglob("2020-01-03_*.txt"):
        shutil.copy(path, source / path.relative_to(generated))
    after = convert(source, docs, jobs=1)
    tags_before = {p.docs_path: p.tags for p in before.placed}
    moved = {p.date.year for p in after.placed if p.docs_path in tags_before and tags_before[p.docs_path] != p.tags}
    assert 2019 not in moved  # another year's tags, as they were
    assert 2020 in moved, "the new issue moves no tag of its own year: the test needs other texts"
    now = snapshot(docs)
    # (the last issue of 2019 links on to the next one, which is the same: 2020-01-01)
    assert {rel: now.get(rel) for rel in first_year} == first_year
    _same_as_a_full_conversion(source, docs, tmp_path)


def test_a_tag_moving_between_two_articles_of_a_day_makes_both_pages_again(tmp_path, monkeypatch):
    """The day's tags, run together, are the same before and after; each article's are not."""
    import build_scripts.convert as convert_module
    from build_scripts.catalogue.duplicates import reprints

    real = convert_module.choose_tags

    def one_tag_moved(placed, *args, **kwargs):
        real(placed, *args, **kwargs)
        first_printings = reprints(placed)
        day = [p for p in placed if p.date == placed[0].date and p.docs_path not in first_printings]
        a, b = next((a, b) for a, b in itertools.pairwise(day) if b.tags and b.tags[0] not in a.tags)
        a.tags, b.tags = [*a.tags, b.tags[0]], b.tags[1:]

    source, docs = tmp_path / "source_texts", tmp_path / "docs"
    generate(source, 2 * 120)
    monkeypatch.setattr(convert_module, "choose_tags", one_tag_moved)
    convert(source, docs, jobs=1)
    monkeypatch.setattr(convert_module, "choose_tags", real)
    convert(source, docs, jobs=1)
    _same_as_a_full_conversion(source, docs, tmp_path)


def test_the_data_files_of_a_year_that_did_not_change_are_copied_into_all_years_not_read(tmp_path, monkeypatch):
    """The files of all years hold each year's files one after the other (writers/pieces.py):
    a year that did not change is copied from its file by the system, not read into memory."""
    import datetime as dt

    source, docs = tmp_path / "source_texts", tmp_path / "docs"
    generate(source, 240, first_day=dt.date(2019, 12, 31))  # one day in 2019, one in 2020
    convert(source, docs, jobs=1)
    unchanged = {docs / "data" / "2019" / "articles.jsonl", docs / "data" / "2019" / "articles.csv"}
    assert all(path.is_file() for path in unchanged)
    real = Path.read_bytes

    def read_bytes(self):
        assert self not in unchanged, f"{self} was read into memory"
        return real(self)

    from build_scripts.writers import pieces

    copied: list[Path] = []
    real_copy = pieces._copy
    monkeypatch.setattr(pieces, "_copy", lambda part, out: copied.append(part.path) or real_copy(part, out))
    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    _edit(source, "2020-01-01")
    convert(source, docs, jobs=1)
    monkeypatch.undo()
    # into the files of all years, from the years' files: the unchanged year's in docs/, the
    # changed year's where this run has just written it
    made = {docs.parent / ".docs.staging" / "data" / "2020" / name for name in ("articles.jsonl", "articles.csv")}
    assert set(copied) == unchanged | made
    _same_as_a_full_conversion(source, docs, tmp_path)


def test_a_full_conversion_holds_no_years_records_once_its_files_are_written(tmp_path, monkeypatch):
    """The files of all years are made last, of the years' files: a year's records, held in
    memory until then, would put every article's text in memory in a full conversion of many
    years. Once a year's file is written, its records are copied from it."""
    import datetime as dt

    from build_scripts.writers import pieces

    source, docs = tmp_path / "source_texts", tmp_path / "docs"
    generate(source, 240, first_day=dt.date(2019, 12, 31))  # one day in 2019, one in 2020
    written: dict[str, tuple] = {}
    real = pieces.Pieces.write_to

    def write_to(self, path):
        written[path.relative_to(path.parent.parent).as_posix()] = self.parts
        real(self, path)

    monkeypatch.setattr(pieces.Pieces, "write_to", write_to)
    convert(source, docs, jobs=1)
    monkeypatch.undo()
    years = [written[f"{year}/articles.{kind}"] for year in ("2019", "2020") for kind in ("jsonl", "csv")]
    assert all(any(isinstance(part, bytes) and len(part) >= pieces.LET_GO_FROM for part in p) for p in years)
    for kind in ("jsonl", "csv"):  # (the CSV header alone is at hand: a few bytes)
        held = [part for part in written[f"data/articles.{kind}"] if isinstance(part, bytes)]
        assert sum(map(len, held)) < 200
    _same_as_a_full_conversion(source, docs, tmp_path)


def test_the_data_files_of_all_years_are_the_years_own_files_in_an_archive_of_one_year(tmp_path):
    """One year: the files of all years are its files under a second name (written once, not
    copied a second time), in a first conversion and after an edit; two years: files of their own."""
    import datetime as dt
    import os

    def linked(docs: Path) -> list[bool]:
        return [
            os.path.samefile(docs / "data" / name, docs / "data" / "2019" / name)
            for name in ("articles.jsonl", "articles.csv")
        ]

    source, docs = tmp_path / "source_texts", tmp_path / "docs"
    generate(source, 240)
    convert(source, docs, jobs=1)
    assert linked(docs) == [True, True]
    _edit(source, "2019-01-02")
    convert(source, docs, jobs=1)
    assert linked(docs) == [True, True]
    _same_as_a_full_conversion(source, docs, tmp_path)
    two_years, docs2 = tmp_path / "two", tmp_path / "docs2"
    generate(two_years, 240, first_day=dt.date(2019, 12, 31))
    convert(two_years, docs2, jobs=1)
    assert linked(docs2) == [False, False]


def test_where_a_file_cannot_have_a_second_name_the_files_of_all_years_are_written(tmp_path, monkeypatch):
    import os

    def no_link(*args):
        raise OSError("no hard links on this file system")

    monkeypatch.setattr(os, "link", no_link)
    source, docs = tmp_path / "source_texts", tmp_path / "docs"
    generate(source, 120)
    convert(source, docs, jobs=1)
    data = docs / "data"
    assert not os.path.samefile(data / "articles.jsonl", data / "2019" / "articles.jsonl")
    assert (data / "articles.jsonl").read_bytes() == (data / "2019" / "articles.jsonl").read_bytes()
    assert (data / "articles.csv").read_bytes() == (data / "2019" / "articles.csv").read_bytes()


def test_a_year_made_again_reads_only_the_records_of_days_that_changed(tmp_path, monkeypatch):
    """The data files of the year of an edited day copy its other days from the files the last
    run wrote: the records read from the cache are the changed days' only."""
    from build_scripts.writers.data_export import DayRecords

    source, docs = tmp_path / "source_texts", tmp_path / "docs"
    generate(source, 6 * 120)
    convert(source, docs, jobs=1)
    read: list[str] = []
    real = DayRecords.read
    monkeypatch.setattr(DayRecords, "read", lambda self, key: read.append(key) or real(self, key))
    _edit(source, "2019-01-03")
    result = convert(source, docs, jobs=1)
    assert 1 <= len(set(read)) < len({p.date for p in result.placed})
    _same_as_a_full_conversion(source, docs, tmp_path)


def test_a_layout_the_cache_kept_from_before_the_last_run_is_not_used(tmp_path, monkeypatch):
    """A run whose pages went into docs/ but whose cache was not saved (killed in between)
    leaves the cache describing older data files: the next run makes the year whole."""
    from build_scripts.writers.source_cache import SourceCache

    source, docs = tmp_path / "source_texts", tmp_path / "docs"
    generate(source, 3 * 120)
    convert(source, docs, jobs=1)
    _edit(source, "2019-01-01")  # its records longer: the days after it move in the files
    with monkeypatch.context() as patch:
        patch.setattr(SourceCache, "save", lambda self: None)
        convert(source, docs, jobs=1)
    _edit(source, "2019-01-03")
    convert(source, docs, jobs=1)
    _same_as_a_full_conversion(source, docs, tmp_path)


def _hand_edit(path: Path) -> None:
    """Change one record of a data file by hand, keeping its size (and later in time, as an
    edit is)."""
    import os

    text, stat = path.read_bytes(), path.stat()
    assert b'"paper": "' in text
    path.write_bytes(text.replace(b'"paper": "', b'"paper":  ', 1))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))


def test_a_data_file_edited_by_hand_is_made_again_whole(tmp_path):
    """A year's file edited by hand, even to the same size, is not copied from: the next run
    that makes the year again writes what a full conversion writes."""
    source, docs = tmp_path / "source_texts", tmp_path / "docs"
    generate(source, 3 * 120)
    convert(source, docs, jobs=1)
    _hand_edit(next((docs / "data").glob("*/articles.jsonl")))
    _edit(source, "2019-01-03")
    convert(source, docs, jobs=1)
    _same_as_a_full_conversion(source, docs, tmp_path)


def test_a_run_with_nothing_to_do_does_not_vouch_for_a_data_file_edited_by_hand(tmp_path):
    """A run that keeps the year's files as they are leaves their layout as it was noted when
    they were made: an edit by hand before it is still known after it."""
    source, docs = tmp_path / "source_texts", tmp_path / "docs"
    generate(source, 3 * 120)
    convert(source, docs, jobs=1)
    _hand_edit(next((docs / "data").glob("*/articles.jsonl")))
    assert convert(source, docs, jobs=1).written.written == 0
    _edit(source, "2019-01-03")
    convert(source, docs, jobs=1)
    _same_as_a_full_conversion(source, docs, tmp_path)


def test_an_unchanged_years_file_edited_by_hand_does_not_reach_the_file_of_all_years(tmp_path):
    """The files of all years are joined from the years' files: a year not made again whose
    file was edited by hand is made from its records for them (its own file, a page kept,
    stays as it is)."""
    import datetime as dt

    source, docs = tmp_path / "source_texts", tmp_path / "docs"
    generate(source, 4 * 120, first_day=dt.date(2019, 12, 30))
    convert(source, docs, jobs=1)
    edited = docs / "data" / "2019" / "articles.jsonl"
    _hand_edit(edited)
    by_hand = edited.read_bytes()
    _edit(source, "2020-01-02")
    convert(source, docs, jobs=1)
    assert edited.read_bytes() == by_hand
    expected = tmp_path / "full"
    convert(source, expected, jobs=1, incremental=False)
    for rel in ("data/articles.jsonl", "data/articles.csv", "data/2020/articles.jsonl"):
        assert (docs / rel).read_bytes() == (expected / rel).read_bytes(), rel


def test_the_search_benchmarks_archive_replaces_the_file_of_all_years_not_the_years_own(tmp_path):
    """`bench search` puts generated records in the data file of all years of a converted
    project; in an archive of one year that file is its year's under another name, which must
    stay as the conversion wrote it."""
    from build_scripts.dev.search_archive import write_archive

    source, docs = tmp_path / "source_texts", tmp_path / "docs"
    generate(source, 120)
    convert(source, docs, jobs=1)
    year = (docs / "data" / "2019" / "articles.jsonl").read_bytes()
    write_archive(docs, 50, per_year=20)
    assert (docs / "data" / "2019" / "articles.jsonl").read_bytes() == year
    assert len((docs / "data" / "articles.jsonl").read_text(encoding="utf-8").splitlines()) == 50
