"""What converting again after a small change still has to do, kept small: these tests check
the shortcuts an incremental conversion takes, and that their output is a full conversion's."""

from __future__ import annotations

from pathlib import Path

from build_scripts.contract.labels import main_title_of
from build_scripts.convert import cache_folder, convert
from build_scripts.dev.archive_generator import generate
from build_scripts.writers import source_jobs
from build_scripts.writers.source_cache import SourceCache


def _edit(source: Path, day: str) -> None:
    for path in source.rglob(f"{day}_*.txt"):
        path.write_text(path.read_text(encoding="utf-8").replace("。", "。（更正）", 1), encoding="utf-8")


def test_the_pinyin_of_titles_is_kept_so_that_an_edited_file_needs_no_pypinyin(tmp_path, monkeypatch):
    monkeypatch.setattr(source_jobs, "MIN_FILES_PER_WORKER", 1)  # spelt in workers, not in this process
    source, docs = tmp_path / "source_texts", tmp_path / "docs"
    generate(source, 30)
    result = convert(source, docs, jobs=2)
    kept = SourceCache(cache_folder(docs), source).memo("slugs")
    titles = {main_title_of(p.entry.title.split()) for p in result.placed if p.entry.title}
    assert titles and titles <= kept.keys()
