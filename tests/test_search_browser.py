"""A reader searches the hosted site (served on 127.0.0.1) in a real browser."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from conftest import SAMPLE, screenshot, serve
from playwright.sync_api import expect
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
    assert summary.startswith(NO_RESULTS) and results == []
    assert "减少检索词" in summary and "繁体" in summary  # what to try, and what is no use
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


@pytest.mark.parametrize("width", [1280, 420])  # wide, the page shows its table of contents beside the text
def test_a_match_in_a_column_of_short_news_names_its_item_and_opens_there(page, search_url, width):
    page.set_viewport_size({"width": width, "height": 360})  # the item's heading is below the fold
    page.goto(search_url)
    _, results = search(page, "绿化带")  # in the text of the column's second item
    (result,) = [r for r in results if r.title == "海外简讯"]
    assert result.section == "南美一国启动大规模植树计划"
    assert result.href.endswith("/2022/01/28/hai-wai-jian-xun/#" + quote("南美一国启动大规模植树计划"))
    screenshot(page, f"search-hosted-digest-item-{width}")
    _, results = search(page, "春耕")  # the first item's
    assert [r.section for r in results if r.title == "海外简讯"] == ["北欧多国迎来罕见暖春"]
    _, results = search(page, "欧阳晓岚")  # a match in the headline or byline names no section
    assert all(not r.section for r in results)
    # the headline typed in the box: the column as a whole, even where its last item prints
    # the same words again
    _, results = search(page, "海外简讯")
    (result,) = [r for r in results if r.title == "海外简讯"]
    assert not result.section and result.href.endswith("/2022/01/28/hai-wai-jian-xun/")
    search(page, "绿化带")
    page.locator(".md-search-result__link").first.click()
    page.wait_for_url("**/hai-wai-jian-xun/**")
    # the browser scrolled to the item's heading in the text, not to the top of the column
    page.wait_for_function("() => window.scrollY > 0", timeout=10_000)
    heading = page.locator("article h2", has_text="南美一国启动大规模植树计划")
    box = heading.bounding_box()
    assert box is not None and 0 <= box["y"] < 360, box
    page.screenshot(path=str(screenshot(page, f"search-hosted-digest-item-opened-{width}")))  # the viewport


def test_every_word_is_required(page, search_url):
    page.goto(search_url)
    _, results = search(page, "统计局 奥密克戎")  # each is printed, never in one article
    assert results == []
    _, results = search(page, "统计局 居民收入")
    assert titles(results) == ["国家统计局发布2021年经济数据 我省居民收入稳步增长"]


def test_a_quoted_phrase_matches_only_as_printed(page, search_url):
    page.goto(search_url)
    _, results = search(page, '"国家统计局28日发布"')
    assert titles(results) == ["国家统计局发布2021年经济数据 我省居民收入稳步增长"]
    _, results = search(page, "“发布国家统计局”")  # the same words, not printed in this order
    assert results == []
    _, results = search(page, "发布 国家统计局")  # unquoted: the words anywhere
    assert "国家统计局发布2021年经济数据 我省居民收入稳步增长" in titles(results)
    # Punctuation inside the quotes is printed too (a full-width comma is the printed ",").
    for printed in ('"运行情况。数据显示"', '"数据显示，我省"'):
        _, results = search(page, printed)
        assert titles(results) == ["国家统计局发布2021年经济数据 我省居民收入稳步增长"]
    for not_printed in ('"运行情况，数据显示"', '"运行情况数据显示"'):
        _, results = search(page, not_printed)
        assert results == []


def test_a_traditional_query_finds_the_simplified_text_and_shows_it_as_printed(page, sample_url):
    page.goto(sample_url)
    _, results = search(page, "奧密克戎變異株")
    hangzhou = next(r for r in results if r.title.startswith("杭州累计报告本土确诊14例"))
    assert "奥密克戎变异株" in hangzhou.text  # marked in the text as printed
    assert page.locator(".md-search-result mark", has_text="奥密克戎").count() > 0


def test_the_browser_normalises_queries_as_the_index_normalised_the_text(page, sample_url):
    from opencc import OpenCC

    from build_scripts.plugins.zh_search.normalise import normalise

    text = SAMPLE.read_text(encoding="utf-8")[:3000]
    samples = [OpenCC("s2t.json").convert(text), text, "臺灣發佈會習近平經濟ＧＤＰ", "１２３ＡＢＣ　台灣"]
    page.goto(sample_url)
    in_browser = page.evaluate(
        "async (samples) => { await ArchiveSearch.ready(); return samples.map((s) => ArchiveSearch.normalise(s)); }",
        samples,
    )
    assert in_browser == [normalise(s) for s in samples]


def test_the_search_page_lists_pages_of_results_with_their_filters(page, search_url):
    page.goto(search_url + "search/?q=%E6%94%BF%E6%B3%95")  # 政法
    page.wait_for_function("() => document.getElementById('zh-search-page').dataset.shown === 'q=%E6%94%BF%E6%B3%95'")
    shown = page.locator(".zh-search-result h2").all_inner_texts()
    assert "全市政法委书记会议召开" in shown and len(shown) >= 2
    page.select_option("select[name=page_name]", "经济")
    page.wait_for_function("() => document.getElementById('zh-search-page').dataset.shown.includes('page_name=')")
    assert page.locator(".zh-search-result h2").all_inner_texts() == ["全市政法委书记会议召开"]
    assert "page_name=" in page.url  # the address holds the search
    screenshot(page, "search-page")


def test_a_query_naming_a_day_leads_to_that_days_issue(page, search_url):
    page.goto(search_url)
    # written as a date, or as the paper writes one: the issue comes first, and opens
    for query in ("１月２９日", "2022-01-29", "2022/1/29", "20220129", "2022年1月29日"):
        meta, results = search(page, query)
        assert results and results[0].title == "2022年1月29日的报纸", (query, titles(results))
        assert results[0].href.endswith("/2022/01/29/"), results[0].href
    # a day with its year is the paper of that day: its articles follow, in the order printed
    assert "没有文章含全部检索词" not in meta and len(results) > 1
    assert all(r.details.startswith("2022年1月29日") for r in results[1:]), [r.details for r in results]
    # a day without its year: the issue of every year that has it
    _, results = search(page, "1月28日")
    assert titles(results)[0] == "2022年1月28日的报纸"
    # a day named in the text of an article, with no issue of its own: the article, no issue
    _, results = search(page, "1月27日 绿化带")
    assert titles(results) == ["海外简讯"]
    # eight digits that make no day are a number of the text, never said to be no day; digits
    # inside a code or a number (GB20220129, 20220129-001) name no day
    meta, results = search(page, "20220230")
    assert not meta.startswith("没有2022年2月30日") and results == [], meta
    for query in ("GB20220129", "20220129-001", "编号20220129"):
        _, results = search(page, query)
        assert "2022年1月29日的报纸" not in titles(results), query
    # a day the archive lacks is said to be lacking, not linked; no day of the calendar is none
    meta, results = search(page, "2022年1月30日")
    assert meta.startswith("本库没有2022年1月30日的报纸") and results == []
    # a date with its year that the calendar has not: said so, and nothing searched (before,
    # articles holding `2022` and `30` were listed)
    for query, day in (
        ("2022年2月30日", "2022年2月30日"),
        ("2026年5月32日", "2026年5月32日"),
        ("2022-13-01", "2022年13月1日"),
    ):
        meta, results = search(page, query)
        assert meta.startswith(f"没有{day}这一天") and results == [], (query, meta, titles(results))
    # two days named: no one issue to search in, each issue linked
    _, results = search(page, "2022年1月28日 2022年1月29日")
    assert titles(results) == ["2022年1月28日的报纸", "2022年1月29日的报纸"]
    page.locator(".zh-search-box .md-search__input").fill("2022-01-28")
    expect(page.locator(".zh-search-box")).to_have_attribute("data-shown", "2022-01-28")
    page.locator(".zh-search-issue a").click()
    page.wait_for_url("**/2022/01/28/")
    assert "2022年1月28日" in page.locator("h1").first.inner_text()
    # with other words, they are searched in that day's issue; the search page names it above
    page.goto(search_url + "search/?q=" + quote("2022年1月29日 统计局"))
    page.wait_for_function("() => document.getElementById('zh-search-page').dataset.shown.startsWith('q=')")
    link = page.locator(".zh-search-issues a")
    assert link.inner_text() == "2022年1月29日 →" and link.get_attribute("href").endswith("/2022/01/29/")
    shown = page.locator(".zh-search-result h2").all_inner_texts()
    assert shown == ["国家统计局发布2021年经济数据 我省居民收入稳步增长"], shown
    # the day takes the place of a time filter the reader set, and says so
    page.goto(search_url + "search/?q=" + quote("2022年1月29日 统计局") + "&from=2021&to=2021")
    page.wait_for_function("() => document.getElementById('zh-search-page').dataset.shown.startsWith('q=')")
    assert page.locator(".zh-search-result h2").count() == 1
    assert "检索词中的日期代替了时间筛选" in page.locator(".zh-search-status").inner_text()
    page.goto(search_url + "search/?q=" + quote("2022年1月28日 统计局"))  # not printed that day
    page.wait_for_function("() => document.getElementById('zh-search-page').dataset.shown.startsWith('q=')")
    assert page.locator(".zh-search-result h2").count() == 0
    assert page.locator(".zh-search-status").inner_text().startswith(NO_RESULTS)


def test_a_query_naming_a_page_searches_that_page(page, search_url):
    # the search page, empty, says a day and a 版 may be named
    page.goto(search_url + "search/")
    page.wait_for_function("() => document.querySelector('.zh-search-status').textContent.length > 0")
    hint = page.locator(".zh-search-status").inner_text()
    assert "2026年5月12日" in hint and "头版" in hint, hint
    page.goto(search_url)
    # 第3版 (or 第三版): the articles printed on 版 3, words and a day narrowing them further
    for query in ("第3版", "第三版", "2022年1月29日 第三版"):
        _, results = search(page, query)
        shown = [r for r in results if not r.title.endswith("的报纸")]
        assert shown and all("第3版" in r.details for r in shown), (query, [r.details for r in results])
    # the day's issue it names opens at that 版, in the box and on the search page
    assert results[0].title == "2022年1月29日的报纸" and results[0].href.endswith("/2022/01/29/#page-3")
    page.goto(search_url + "search/?q=" + quote("2022年1月29日 第三版"))
    page.wait_for_function("() => document.getElementById('zh-search-page').dataset.shown.startsWith('q=')")
    assert page.locator(".zh-search-issues a").get_attribute("href").endswith("/2022/01/29/#page-3")
    page.locator(".zh-search-issues a").click()
    page.wait_for_url("**/2022/01/29/#page-3")
    assert page.locator("#page-3").count() == 1  # (the issue page's heading of 第3版)
    page.goto(search_url)
    _, results = search(page, "第4版 绿化带")
    assert titles(results) == ["海外简讯"]
    # with a 版, a day without its year is that day's paper, and the paper's own name no word
    paper = json.loads(page.locator("#zh-search-config").text_content())["paper"]
    _, results = search(page, f"1月29日{paper}第三版")
    shown = [r for r in results if not r.title.endswith("的报纸")]
    assert shown and all(r.details.startswith("2022年1月29日 · 第3版") for r in shown), [r.details for r in results]
    _, results = search(page, "第3版 绿化带")  # printed on 版 4, not 3
    assert results == []
    meta, results = search(page, "头版")  # no front page in this archive
    assert results == [] and meta.startswith(NO_RESULTS)
    # a 版 named by its name and 版 (经济 is 第3版 on 2022-01-29; 国际, 第4版 the day before)
    _, results = search(page, "经济版")
    assert results and all("第3版" in r.details for r in results), [r.details for r in results]
    _, results = search(page, "经济版 统计局")
    assert titles(results) == ["国家统计局发布2021年经济数据 我省居民收入稳步增长"]
    assert search(page, "国际版 统计局")[1] == []
    assert titles(search(page, f"{paper}经济版 统计局")[1]) == ["国家统计局发布2021年经济数据 我省居民收入稳步增长"]
    # its name alone, where the query names the day or the 版's number too, as the paper heads
    # a 版 (`第3版 经济`): that 版, not a word of the text
    for query in ("2022年1月29日 经济", "1月29日 经济", "第3版 经济", f"{paper}2022年1月29日经济"):
        _, results = search(page, query)
        shown = [r for r in results if not r.title.endswith("的报纸")]
        assert shown and all("第3版 经济" in r.details for r in shown), (query, [r.details for r in results])
    on_the_page = len(shown)
    _, results = search(page, "经济")  # alone: a word of the text (one of the 版's three articles prints it)
    assert 0 < len(results) < on_the_page, [r.details for r in results]
    # on the search page, a 版 named in the query takes the place of the 版面 filter, and says so
    page.goto(search_url + "search/?q=" + quote("经济版 统计局") + "&page_name=" + quote("国际"))
    page.wait_for_function("() => document.getElementById('zh-search-page').dataset.shown.startsWith('q=')")
    assert page.locator(".zh-search-result h2").all_inner_texts() == [
        "国家统计局发布2021年经济数据 我省居民收入稳步增长"
    ]
    assert "检索词中的版名代替了版面筛选" in page.locator(".zh-search-status").inner_text()


def test_on_a_small_screen_the_magnifier_opens_the_box(browser, sample_url):
    context = browser.new_context(viewport={"width": 400, "height": 800}, locale="zh-CN", is_mobile=True)
    page = context.new_page()
    try:
        page.goto(sample_url)
        page.click("label.md-header__button[for=__search]")
        page.keyboard.type("政法")  # typed into the box: the magnifier focused it
        expect(page.locator(".zh-search-box")).to_have_attribute("data-shown", "政法")
        assert page.locator(".md-search-result__item").count() >= 1
        screenshot(page, "search-small-screen")
    finally:
        context.close()


def serious_violations(page) -> list:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        (v["id"], v["impact"], [n["html"][:120] for n in v["nodes"][:3]])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_the_search_box_and_page_pass_an_accessibility_audit(page, search_url):
    page.goto(search_url)
    search(page, "政法")  # the box open, with results
    assert serious_violations(page) == []
    page.goto(search_url + "search/?q=%E6%94%BF%E6%B3%95&sort=newest")
    page.wait_for_function("() => document.getElementById('zh-search-page').dataset.shown.includes('sort=newest')")
    assert page.locator("h1").count() == 1
    assert serious_violations(page) == []


def test_arrow_keys_move_through_the_results_and_enter_opens_one(page, search_url):
    page.goto(search_url)
    _, results = search(page, "政法")
    assert len(results) >= 2
    page.keyboard.press("ArrowDown")
    assert page.evaluate("() => document.activeElement.getAttribute('href')") == results[0].href
    page.keyboard.press("ArrowDown")
    assert page.evaluate("() => document.activeElement.getAttribute('href')") == results[1].href
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("() => document.activeElement.classList.contains('md-search__input')")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(results[0].href)
    assert page.locator("h1.article-title").count() == 1


def test_enter_in_the_header_box_opens_the_search_page_for_the_query(page, search_url):
    page.goto(search_url)
    search(page, "政法")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=*")
    assert page.evaluate("new URL(location.href).searchParams.get('q')") == "政法"


def test_the_page_loads_the_index_key_from_the_index_not_from_itself(page, search_url, search_site):
    # a page names no key of the index (a new article would change every page of the site):
    # meta.js is asked for anew on each page, and names the key every other file is asked with
    meta_file = (search_site / "site" / "assets" / "search" / "meta.js").read_text(encoding="utf-8")
    key = json.loads(meta_file.partition(",")[2].rstrip().removesuffix(");"))["key"]
    assert key not in (search_site / "site" / "index.html").read_text(encoding="utf-8")
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url) if "/assets/search/" in request.url else None)
    for _ in range(2):
        page.goto(search_url)
        search(page, "统计局")
    metas = [url for url in asked if "/assets/search/meta.js?v=" in url]
    assert len(metas) == 2 and len(set(metas)) == 2 and not any(url.endswith(f"?v={key}") for url in metas), metas
    others = [url for url in asked if "/meta.js" not in url]
    assert others and all(url.endswith(f".js?v={key}") for url in others), others
