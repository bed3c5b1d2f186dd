"""Pages kept from the last build of a shard: what a page's key says it reads of other
files, the front matter of a page the build does not make, and the shard's publish record
made of the rows of pages built and kept. (That the site is the one a full build makes:
tests/test_sharded_build.py.)"""

from __future__ import annotations

import json
import os
import time

import pytest
from markupsafe import escape
from mkdocs.structure.files import File

from build_scripts.contract.labels import NO_TITLE
from build_scripts.plugins.archive.page_meta import meta_of
from build_scripts.plugins.publish.shards import docs_order, kept_rows
from build_scripts.ship import page_reuse, shard_reuse
from build_scripts.ship.page_reuse import FileReads, dependencies, file_keys, kept_pages

ARTICLE = """---
title: 春节前夕走访慰问
links:
  issue: 2022/01/28/index.md
  page_anchor: page-1
  previous: 2022/01/28/a.md
  next: 2022/01/28/c.md#top
  printed_again:
  - 2022/01/28/d.md
  people:
    李蕊: reporters/li-rui/index.md
  tags:
    冬奥: tags/dong-ao/index.md
---

正文（[见第四版](../../02/01/index.md#page-4)）。
"""


def test_a_page_reads_its_neighbours_printings_and_issue_and_links_to_the_rest():
    reads, linked = dependencies("2022/01/28/b.md", ARTICLE)
    assert reads == {"2022/01/28/index.md", "2022/01/28/a.md", "2022/01/28/c.md", "2022/01/28/d.md"}
    assert linked == {"reporters/li-rui/index.md", "tags/dong-ao/index.md", "2022/02/01/index.md", "archive/index.md"}


def test_a_front_matter_written_inline_is_read_as_yaml():
    inline = "---\ntitle: 一篇\nlinks: {previous: 2022/01/28/a.md, tags: {冬奥: tags/dong-ao/index.md}}\n---\n正文\n"
    assert dependencies("2022/01/28/b.md", inline) == (
        {"2022/01/28/a.md"},
        {"tags/dong-ao/index.md", "archive/index.md"},
    )


def _docs(tmp_path, files: dict[str, str]):
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")


@pytest.mark.parametrize("written", ["as the converter writes it", "with CRLF line ends and a byte-order mark"])
def test_a_pages_key_changes_with_what_it_reads_and_with_a_page_it_links_to_gone(tmp_path, written):
    files = {
        "2022/01/28/b.md": ARTICLE if written.startswith("as") else "\ufeff" + ARTICLE.replace("\n", "\r\n"),
        "2022/01/28/a.md": "---\ntitle: 前一篇\n---\n",
        "2022/01/28/index.md": "# 2022年1月28日\n",
        "tags/dong-ao/index.md": "# 冬奥\n",
    }
    _docs(tmp_path, files)

    def key(**changed: str) -> str:
        texts = {**files, **{rel.replace("__", "/"): text for rel, text in changed.items()}}
        return file_keys(b"built with", ["2022/01/28/b.md"], set(texts), FileReads(tmp_path))["2022/01/28/b.md"]

    first = key()
    assert key() == first  # the same bytes: the same key
    (tmp_path / "tags/dong-ao/index.md").write_text("# 冬奥\n\n- 一篇新的文章\n", encoding="utf-8")
    assert key() == first  # a tag's page lists one more article: this page shows only its address
    (tmp_path / "2022/01/28/a.md").write_text("---\ntitle: 改过的标题\n---\n", encoding="utf-8")
    second = key()
    assert second != first  # the article before it retitled: this page shows that title
    (tmp_path / "tags/dong-ao/index.md").unlink()
    files.pop("tags/dong-ao/index.md")
    assert key() != second  # a page it links to gone


def test_a_page_this_build_does_not_make_is_read_as_the_theme_reads_it(tmp_path):
    _docs(tmp_path, {"a.md": "---\ntitle: ''\ndescription: <b>要闻</b>\n---\n正文\n"})
    meta = meta_of(File("a.md", str(tmp_path), str(tmp_path / "site"), True))
    assert meta["title"] == NO_TITLE and meta["description"] == escape("<b>要闻</b>")


def test_a_shard_built_in_part_records_the_rows_of_its_kept_pages_in_the_order_of_one_build():
    pages = ["2022/01/28/index.md", "2022/01/28/a.md", "2022/01/28/b.md", "2022/01/29/a.md"]
    order = docs_order(sorted(pages))
    assert list(order) == ["2022/01/28/index.md", "2022/01/28/a.md", "2022/01/28/b.md", "2022/01/29/a.md"]

    def row(page: str, title: str) -> list:
        return [page, [f"https://example.org/{page}", None], [page, title], {"李蕊": "li-rui"}]

    before = {"pages": [row(p, "旧") for p in pages], "gone": []}
    # built again: one article of the 28th and the about page every shard makes; 01/29/a.md is gone
    built = {"pages": [row("2022/01/28/a.md", "新"), row("about.md", "关于")], "gone": []}
    kept = {"2022/01/28/index.md", "2022/01/28/b.md"}
    merged = json.loads(kept_rows(json.dumps(before), json.dumps(built), kept, order))
    assert [(r[0], r[2][1]) for r in merged["pages"]] == [
        ("2022/01/28/index.md", "旧"),
        ("2022/01/28/a.md", "新"),
        ("2022/01/28/b.md", "旧"),
        ("about.md", "关于"),
    ]


def test_a_shard_built_in_part_keeps_the_empty_feeds_of_the_people_gone_whose_pages_it_kept():
    pages = ["reporters/li-rui/index.md", "reporters/wang-yi/index.md", "reporters/zhao-ming/index.md"]
    order = docs_order(pages)

    def gone(slug: str, title: str) -> list:
        name = {"li-rui": "李蕊", "wang-yi": "王毅", "zhao-ming": "赵明"}[slug]
        return [f"feeds/reporters/{slug}.xml", title, f"https://example.org/reporters/{slug}/", name, slug]

    before = {"pages": [], "gone": [gone("zhao-ming", "旧"), gone("li-rui", "旧")]}
    # li-rui's page built again, zhao-ming's kept; wang-yi gone only now
    built = {"pages": [], "gone": [gone("wang-yi", "新"), gone("li-rui", "新")]}
    merged = json.loads(kept_rows(json.dumps(before), json.dumps(built), {"reporters/zhao-ming/index.md"}, order))
    assert [(row[4], row[1]) for row in merged["gone"]] == [("li-rui", "新"), ("wang-yi", "新"), ("zhao-ming", "旧")]
    # a page neither kept nor built again (its person back in the archive): no empty feed
    assert json.loads(kept_rows(json.dumps(before), json.dumps({"pages": [], "gone": []}), set(), order))["gone"] == []


def _built_as_recorded(tmp_path, pages: dict[str, str]) -> tuple:
    """A `site` shard's last build: its pages (docs file -> page) in the site, as recorded."""
    site, folder = tmp_path / "site", tmp_path / "site.shards"
    for out in pages.values():
        (site / out).parent.mkdir(parents=True, exist_ok=True)
        (site / out).write_text("<html></html>", encoding="utf-8")
    folder.mkdir()
    keys = {rel: f"key of {rel}" for rel in pages}
    shard_reuse.record(folder, "site", "shard key", list(pages.values()), site, keys)
    return site, folder, keys


def test_the_data_page_is_made_again_whenever_its_shard_is_built(tmp_path):
    """It gives the data files' sizes as published, which no key digests: never kept."""
    pages = {"index.md": "index.html", "data/index.md": "data/index.html", "tags/index.md": "tags/index.html"}
    site, folder, keys = _built_as_recorded(tmp_path, pages)
    kept = kept_pages(folder, "site", keys, site, pages.__getitem__, set(pages))
    assert kept == {"index.md": ["index.html"], "tags/index.md": ["tags/index.html"]}
    # (and a page whose key changed is made again too)
    changed = {**keys, "index.md": "another"}
    assert set(kept_pages(folder, "site", changed, site, pages.__getitem__, set(pages))) == {"tags/index.md"}


def test_a_hand_written_page_is_made_again_whenever_its_shard_is_built(tmp_path):
    """Its links may take forms the keys do not read (`[a][ref]`, an address with a title): only
    the converter's pages are kept."""
    pages = {"index.md": "index.html", "notes.md": "notes/index.html"}
    site, folder, keys = _built_as_recorded(tmp_path, pages)
    assert set(kept_pages(folder, "site", keys, site, pages.__getitem__, {"index.md"})) == {"index.md"}


def test_what_the_keys_read_of_a_file_is_kept_until_the_file_changes(tmp_path, monkeypatch):
    docs, kept = tmp_path / "docs", tmp_path / "site.shards" / "file-reads.pickle"
    files = {"2022/01/28/b.md": ARTICLE, "2022/01/28/a.md": "---\ntitle: 前一篇\n---\n", "data/a.csv": "id\n1\n"}
    _docs(docs, files)
    an_hour_ago = time.time() - 3600
    for rel in files:
        os.utime(docs / rel, (an_hour_ago, an_hour_ago))
    everything = set(files)

    def keys(read: FileReads) -> dict[str, str]:
        return file_keys(b"built with", sorted(files), everything, read)

    first = FileReads(docs, kept)
    fresh = keys(first)
    first.save()
    opened = []
    real_open = open

    def watched(path, *args, **kwargs):
        opened.append(os.path.relpath(path, docs))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(page_reuse, "open", watched, raising=False)
    again = FileReads(docs, kept)
    assert keys(again) == fresh and opened == []  # none read again
    # a page written again (as the converter writes: a new file in its place) is read again,
    # and so is its key made again; one written just now is not kept (it may change again unseen)
    (docs / "2022/01/28/a.md").unlink()
    (docs / "2022/01/28/a.md").write_text("---\ntitle: 改过的标题\n---\n", encoding="utf-8")
    again = FileReads(docs, kept)
    changed = keys(again)
    assert opened == ["2022/01/28/a.md"] and changed["2022/01/28/b.md"] != fresh["2022/01/28/b.md"]
    assert changed["data/a.csv"] == fresh["data/a.csv"]
    again.save()
    opened.clear()
    assert keys(FileReads(docs, kept)) == changed and opened == ["2022/01/28/a.md"]  # (by the next build too)
    assert keys(FileReads(docs)) == changed  # the keys of files all read
    # asked afresh (`build --full`), or kept by other code (which may read other dependencies
    # from the same bytes): every file read again
    opened.clear()
    assert keys(FileReads(docs, kept, fresh=True)) == changed and sorted(opened) == sorted(files)
    monkeypatch.setattr(page_reuse, "_reads_code", lambda: "another converter's")
    opened.clear()
    assert keys(FileReads(docs, kept)) == changed and sorted(opened) == sorted(files)
    # a damaged record is as none
    kept.write_bytes(b"not a pickle")
    assert keys(FileReads(docs, kept)) == changed
