"""The CSL-JSON files beside article pages, and at the addresses of moved and withdrawn
articles, whichever of a moved address and its successor the build writes first."""

from __future__ import annotations

import json

from build_scripts.plugins.archive.citation_files import NO_ITEM, CitationFiles

ARTICLE, OLD, GONE = "2022/01/28/xin-wen.md", "2022/01/28/jiu-wen.md", "2022/01/28/bu-zai.md"
CSL = json.dumps([{"type": "article-newspaper", "title": "新闻"}], ensure_ascii=False) + "\n"


def _build(tmp_path, order):
    files = CitationFiles()
    for step in order:
        if step == "article":
            files.article(ARTICLE, CSL)
            files.page_written(ARTICLE, tmp_path)
        elif step == "moved":
            files.moved(OLD, ARTICLE)
            files.page_written(OLD, tmp_path)
        else:
            files.moved(GONE, None)
            files.page_written(GONE, tmp_path)
    return {p.relative_to(tmp_path).as_posix(): p.read_text(encoding="utf-8") for p in tmp_path.rglob("*.csl.json")}


def test_a_moved_address_gives_its_successors_citation_written_before_or_after_it(tmp_path):
    for n, order in enumerate((["moved", "article", "gone"], ["article", "moved", "gone"])):
        written = _build(tmp_path / str(n), order)
        assert written == {
            "2022/01/28/xin-wen.csl.json": CSL,
            "2022/01/28/jiu-wen.csl.json": CSL,
            "2022/01/28/bu-zai.csl.json": NO_ITEM,
        }
        assert json.loads(NO_ITEM) == []  # CSL-JSON naming no item


def test_moved_pages_that_are_no_article_addresses_get_no_citation(tmp_path):
    files = CitationFiles()
    for page in ("2022/01/28/index.md", "2022/01/index.md", "reporters/wang-wei/index.md"):
        files.moved(page, None)
        files.page_written(page, tmp_path)
    assert list(tmp_path.rglob("*")) == []
