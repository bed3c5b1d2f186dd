"""A reader searches the hosted site (served on 127.0.0.1) in a real browser."""

from __future__ import annotations

import pytest
from conftest import screenshot, serve
from search_helpers import NO_RESULTS, articles, search, titles


@pytest.fixture(scope="module")
def search_url(search_site):
    with serve(search_site / "site") as url:
        yield url


def test_omicron_finds_the_hangzhou_article(page, sample_url):
    page.goto(sample_url)
    summary, results = search(page, "奥密克戎")
    assert any(t.startswith("杭州累计报告本土确诊14例") for t in titles(results)), (summary, titles(results))
    hangzhou = next(r for r in results if r.title.startswith("杭州累计报告本土确诊14例"))
    assert "奥密克戎" in hangzhou.text and hangzhou.details == "2022年1月28日 · 本报记者 胡宗昊"
    screenshot(page, "search-hosted-omicron")


def test_a_reporters_name_finds_their_article(page, sample_site, sample_url):
    his = [a["title"] for a in articles(sample_site) if "胡宗昊" in a["authors"]]
    assert len(his) == 1
    page.goto(sample_url)
    _, results = search(page, "胡宗昊")
    assert his[0] in titles(results)
    assert "本报记者 胡宗昊" in next(r for r in results if r.title == his[0]).details
    screenshot(page, "search-hosted-reporter")


def test_a_query_without_match_says_so(page, sample_url):
    page.goto(sample_url)
    summary, results = search(page, "量子计算机")
    assert summary == NO_RESULTS and results == []
    screenshot(page, "search-hosted-no-match")


def test_part_of_a_compound_word_finds_it(page, search_url):
    page.goto(search_url)
    _, results = search(page, "统计局")  # printed only inside 国家统计局
    assert "国家统计局发布2021年经济数据 我省居民收入稳步增长" in titles(results)
    _, results = search(page, "政法")  # printed only inside 政法委, 政法系统
    assert "全市政法委书记会议召开" in titles(results)


def test_results_show_title_date_and_page(page, search_url):
    page.goto(search_url)
    _, results = search(page, "欧阳晓岚")
    result = next(r for r in results if r.title == "国家统计局发布2021年经济数据 我省居民收入稳步增长")
    assert result.details == "2022年1月29日 · 第3版 经济 · 本报记者 欧阳晓岚"
    assert result.href.endswith("/2022/01/29/wo-sheng-ju-min-shou-ru-wen-bu-zeng-zhang/")
    screenshot(page, "search-hosted-details")
