"""The benchmark's archive generator: the same size gives the same files, the parser finds
every generated article, and the text varies from article to article."""

from __future__ import annotations

from pathlib import Path

from build_scripts.dev.archive_generator import ARTICLES_PER_PAGE, PAGES_PER_DAY, generate
from build_scripts.ingest.archive_config import load_archive_config
from build_scripts.ingest.discover import discover
from build_scripts.ingest.read import read_source
from build_scripts.parse.parser import parse_page
from build_scripts.problems import Report


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_same_size_same_bytes_and_every_article_is_found(tmp_path):
    size = PAGES_PER_DAY * ARTICLES_PER_PAGE + 7  # a full day and part of the next
    made = generate(tmp_path / "a", size)
    generate(tmp_path / "b", size)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert made.articles == size and made.last_day > made.first_day

    report = Report()
    config = load_archive_config(tmp_path / "a")
    pages = [read_source(found, config, report) for found in discover(tmp_path / "a", report)]
    articles = [a for p in pages for a in parse_page(p.text, p.first_line, p.corrections, config.profile).articles]
    assert len(articles) == size
    assert report.warnings == []
    titles = {a.title for a in articles}
    assert len(titles) > 0.95 * size  # headlines vary
    texts = {a.text for a in articles}
    assert len(texts) == size
    assert len({name for a in articles for name in a.authors}) > 30  # many reporters
