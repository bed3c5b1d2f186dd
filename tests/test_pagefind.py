"""The large-archive search option: Pagefind (`engine: pagefind`), hosted."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import screenshot, serve
from playwright.sync_api import expect


def pagefind_config(project: Path, name: str, offline: bool = False) -> Path:
    """mkdocs.yml with Material's search plugin removed and zh-search switched to Pagefind."""
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    text, removed = re.subn(r"^  - search:\n(?:      .*\n)+", "", text, flags=re.MULTILINE)
    assert removed == 1
    text, switched = re.subn(r"^  - zh-search:\n", "  - zh-search:\n      engine: pagefind\n", text, flags=re.MULTILINE)
    assert switched == 1
    path = project / name
    path.write_text(text, encoding="utf-8")
    return path


def build(config: Path, site: Path, **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config), "--site-dir", str(site)],
        cwd=config.parent,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
    )


@pytest.fixture(scope="module")
def pagefind_site(search_site, tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("pagefind") / "site"
    result = build(pagefind_config(search_site, "mkdocs-pagefind.yml"), site)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return site


def test_pagefind_replaces_the_built_in_index(pagefind_site):
    assert (pagefind_site / "pagefind/pagefind-ui.js").is_file()
    assert list((pagefind_site / "pagefind").glob("pagefind.zh*.pf_meta"))  # a Chinese index
    assert not (pagefind_site / "search/search_index.json").exists()
    assert (pagefind_site / "search/index.html").is_file()


def test_pagefind_with_materials_search_still_on_is_refused(search_site, tmp_path):
    config = search_site / "mkdocs-both.yml"
    config.write_text(
        (search_site / "mkdocs.yml")
        .read_text(encoding="utf-8")
        .replace("  - zh-search:\n", "  - zh-search:\n      engine: pagefind\n"),
        encoding="utf-8",
    )
    result = build(config, tmp_path / "site")
    assert result.returncode != 0 and "remove `- search`" in result.stderr and "Traceback" not in result.stderr


def test_pagefind_refuses_an_offline_build(search_site, tmp_path):
    result = build(pagefind_config(search_site, "mkdocs-pagefind-offline.yml"), tmp_path / "site", OFFLINE="true")
    assert result.returncode != 0 and "does not work from file://" in result.stderr


def pagefind_search(page, query: str):
    box = page.locator(".pagefind-ui__search-input")
    box.fill(query)
    expect(page.locator(".pagefind-ui__message")).to_contain_text(query, timeout=15_000)
    return page.locator(".pagefind-ui__result")


def test_search_page_finds_articles_and_shows_date_page_and_byline(page, pagefind_site):
    with serve(pagefind_site) as url:
        page.goto(url)
        page.get_by_role("link", name="检索").first.click()  # its own tab: no search box in the header
        page.wait_for_url("**/search/")

        results = pagefind_search(page, "奥密克戎")
        hangzhou = results.filter(has_text="杭州累计报告本土确诊14例")
        expect(hangzhou).to_have_count(1)
        expect(hangzhou).to_contain_text("2022年1月28日")

        results = pagefind_search(page, "统计局")
        article = results.filter(has_text="国家统计局发布2021年经济数据")
        expect(article).to_contain_text("2022年1月29日 · 第3版 经济")
        expect(article).to_contain_text("本报记者 欧阳晓岚")
        screenshot(page, "search-pagefind")

        article.locator("a").first.click()
        page.wait_for_url("**/2022/01/29/wo-sheng-ju-min-shou-ru-wen-bu-zeng-zhang/")
        assert "欧阳晓岚" in page.locator("article").inner_text()


def test_a_pagefind_record_holds_the_text_a_reader_sees_without_permalink_marks():
    from types import SimpleNamespace

    from build_scripts.plugins.zh_search.pagefind import article_record

    content = '<h2 id="k1">看点一: 晾晒机制<a class="headerlink" href="#k1" title="Permanent link">&para;</a></h2><p>正文。</p>'
    meta = {
        "title": "标题",
        "date": "2022-01-28",
        "page": None,
        "page_name": "",
        "byline": "本报记者 李洁",
        "authors": ["李洁"],
    }
    record = article_record(SimpleNamespace(meta=meta, title="标题", url="2022/01/28/x/", content=content))
    assert "¶" not in record["content"] and "看点一: 晾晒机制" in record["content"] and "正文。" in record["content"]
    assert record["filters"]["版面"] == ["版次未标明"]  # the issue pages' wording
