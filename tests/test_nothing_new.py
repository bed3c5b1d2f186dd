"""A conversion with nothing new to read answers what the last such run said, without
converting (writers/nothing_new.py) — and converts as usual as soon as anything it reads differs."""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import ROOT
from inputs import snapshot

from build_scripts import convert as convert_module
from build_scripts.cli import main
from build_scripts.writers import nothing_new, source_cache

SAMPLE = ROOT / "source_texts"


@pytest.fixture
def archive(tmp_path, monkeypatch):
    """The sample archive with a note to repeat (an invisible character) and a file that is no
    issue text; files count as settled however recently they changed (no racy window)."""
    source = tmp_path / "source_texts"
    shutil.copytree(SAMPLE, source)
    page = next(source.rglob("2022-*.txt"))
    page.write_text(page.read_text(encoding="utf-8").replace("。", "。\u200b", 1), encoding="utf-8")
    (source / "notes.doc").write_text("not an issue", encoding="utf-8")
    monkeypatch.setattr(source_cache, "RACY_NS", 0)
    monkeypatch.setattr(nothing_new, "RACY_NS", 0)
    return source, tmp_path / "docs"


class Converting:
    """Counts the runs that converted (placed the articles) rather than answered."""

    def __init__(self, monkeypatch):
        self.runs = 0
        place = convert_module.place_articles

        def counted(*args, **kwargs):
            self.runs += 1
            return place(*args, **kwargs)

        monkeypatch.setattr(convert_module, "place_articles", counted)


def _run(source: Path, docs: Path, capsys, *options: str) -> tuple[int, str, str]:
    code = main(["convert", "--source", str(source), "--docs", str(docs), "--jobs", "1", *options])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_run_with_nothing_new_says_what_the_last_one_said_without_converting(archive, capsys, monkeypatch):
    source, docs = archive
    _run(source, docs, capsys)  # converts
    said = _run(source, docs, capsys)  # nothing new: converts, and keeps what it read and said
    assert "hold 1 note" in said[2] and "notes.doc" in said[2]
    before = snapshot(docs)
    converting = Converting(monkeypatch)
    assert _run(source, docs, capsys) == said
    answered = _run(source, docs, capsys, "--all-notes")  # every note of the report kept
    assert converting.runs == 0
    nothing_new.forget(source_cache.cache_folder(docs))
    assert _run(source, docs, capsys, "--all-notes") == answered  # converting
    assert converting.runs == 1
    assert snapshot(docs) == before


def _edit_text(source: Path, docs: Path) -> None:
    page = next(source.rglob("2022-*.txt"))
    page.write_text(page.read_text(encoding="utf-8").replace("。", "。（更正）", 1), encoding="utf-8")


def _remove_a_page(source: Path, docs: Path) -> None:
    next(docs.rglob("2022/01/28/*.md")).unlink()


def _correct_a_line(source: Path, docs: Path) -> None:
    page = next(source.rglob("2022-*.txt"))
    page.with_name(page.name.replace(".txt", ".fix.yml")).write_text("no_join: [3]\n", encoding="utf-8")


def _edit_ledger(source: Path, docs: Path) -> None:
    ledger = source / "urls.lock"
    ledger.write_text(ledger.read_text(encoding="utf-8") + "# checked\n", encoding="utf-8")


def _edit_archive(source: Path, docs: Path) -> None:
    config = source / "archive.yml"
    config.write_text(config.read_text(encoding="utf-8") + "# checked\n", encoding="utf-8")


def _add_a_word(source: Path, docs: Path) -> None:
    with open(source / "userdict.txt", "a", encoding="utf-8") as stream:
        stream.write("风险人群\n")


def _add_a_stray_file(source: Path, docs: Path) -> None:
    (source / "scan.pdf").write_bytes(b"%PDF")


def _remove_a_cache_entry(source: Path, docs: Path) -> None:
    next((source_cache.cache_folder(docs) / source_cache.ENTRIES).rglob("*.pickle")).unlink()


def _remove_the_catalogue(source: Path, docs: Path) -> None:
    (source_cache.cache_folder(docs) / source_cache.CATALOGUE).unlink()


def _edit_manifest(source: Path, docs: Path) -> None:
    manifest = docs / ".generated.json"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace('"units"', '"units" '), encoding="utf-8")


@pytest.mark.parametrize(
    "change",
    [
        _edit_text,
        _remove_a_page,
        _correct_a_line,
        _edit_ledger,
        _edit_archive,
        _add_a_word,
        _add_a_stray_file,
        _edit_manifest,
        _remove_a_cache_entry,
        _remove_the_catalogue,
    ],
)
def test_anything_read_that_changed_makes_the_run_convert(archive, capsys, monkeypatch, change):
    source, docs = archive
    _run(source, docs, capsys)
    _run(source, docs, capsys)  # keeps what it read
    change(source, docs)
    converting = Converting(monkeypatch)
    _, _, err = _run(source, docs, capsys)
    assert converting.runs == 1
    if change is _add_a_stray_file:
        assert "scan.pdf" in err


def test_a_page_removed_by_hand_is_made_again(archive, capsys):
    source, docs = archive
    _run(source, docs, capsys)
    _run(source, docs, capsys)
    before = snapshot(docs)
    _remove_a_page(source, docs)
    code, out, _ = _run(source, docs, capsys)
    assert code == 0 and "docs/: 1 files written" in out
    assert snapshot(docs) == before


def test_other_options_make_the_run_convert(archive, capsys, monkeypatch):
    source, docs = archive
    _run(source, docs, capsys)
    _run(source, docs, capsys)
    converting = Converting(monkeypatch)
    _run(source, docs, capsys, "--keep-going")
    _run(source, docs, capsys, "--full")
    assert converting.runs == 2


def test_a_run_that_read_or_wrote_something_keeps_no_answer(archive, capsys):
    source, docs = archive
    record = source_cache.cache_folder(docs) / nothing_new.RECORD
    _run(source, docs, capsys)
    assert not record.exists()  # it wrote docs/
    _run(source, docs, capsys)
    assert record.is_file()
    _edit_text(source, docs)
    _run(source, docs, capsys)
    assert not record.exists()  # it parsed a file again


def test_files_changed_just_before_the_run_are_not_trusted(archive, capsys, monkeypatch):
    """A change within the same tick of the clock as a read leaves a file's times as they were:
    a run that read files changed moments before keeps no answer."""
    monkeypatch.setattr(nothing_new, "RACY_NS", 3600 * 10**9)
    source, docs = archive
    _run(source, docs, capsys)
    _run(source, docs, capsys)
    assert not (source_cache.cache_folder(docs) / nothing_new.RECORD).exists()


@pytest.mark.parametrize(
    "damage",
    [
        b"\x80\x04\x8d\xff\xff\xff\xff\xff\xff\xff\xff",  # a length no memory holds
        b"not a pickle",
        pickle.dumps(nothing_new._Record(SimpleNamespace(version=""), [], (0, 0), None)),  # another version's
        pickle.dumps(nothing_new._Record(SimpleNamespace(), [], (0, 0), None)),  # of another making
    ],
)
def test_a_damaged_record_is_as_none(archive, capsys, monkeypatch, damage):
    source, docs = archive
    _run(source, docs, capsys)
    said = _run(source, docs, capsys)
    (source_cache.cache_folder(docs) / nothing_new.RECORD).write_bytes(damage)
    converting = Converting(monkeypatch)
    assert _run(source, docs, capsys) == said
    assert converting.runs == 1


def test_a_sidecar_edited_to_the_same_size_and_time_is_seen(archive, capsys, monkeypatch):
    """Its change time gives it away (as a source file's does), however its modification time
    is set back."""
    source, docs = archive
    page = next(source.rglob("2022-*.txt"))
    sidecar = page.with_name(page.name.replace(".txt", ".fix.yml"))
    sidecar.write_text("# checked: a\n", encoding="utf-8")
    _run(source, docs, capsys)
    _run(source, docs, capsys)
    times = sidecar.stat()
    sidecar.write_text("# checked: b\n", encoding="utf-8")
    os.utime(sidecar, ns=(times.st_atime_ns, times.st_mtime_ns))
    converting = Converting(monkeypatch)
    _run(source, docs, capsys)
    assert converting.runs == 1
