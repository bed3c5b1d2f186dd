"""What a reader sees of the results, in a real browser: the passage where the query stands
with the phrase marked whole, a name printed spaced out found as typed, filters alone listing
their articles by date, a hint when nothing is found, and opencc-js loaded only for a query
that needs it."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import serve
from search_helpers import NO_RESULTS, search, titles

SPACED = "春耕备耕有序推进 农资供应充足"  # byline 本报记者 储 勇


@pytest.fixture(scope="module")
def search_url(search_site):
    with serve(search_site / "site") as url:
        yield url


def marks(page) -> list[str]:
    return page.locator(".zh-search-box .md-search-result__item .zh-search-snippet mark").all_inner_texts()


def test_a_phrase_is_marked_whole_and_no_lone_character_of_it(page, search_url):
    page.goto(search_url)
    _, results = search(page, "国家统计局28日发布")  # unquoted: cut into words, printed together
    assert titles(results)[0] == "国家统计局发布2021年经济数据 我省居民收入稳步增长"
    assert marks(page)[0] == "国家统计局28日发布"
    assert all(len(mark) > 1 for mark in marks(page))  # not 日 wherever it is printed


def test_the_passage_is_where_the_words_stand(page, sample_url):
    page.goto(sample_url)
    _, results = search(page, "奥密克戎")  # first printed some 200 characters into the text
    hangzhou = next(r for r in results if r.title.startswith("杭州累计报告本土确诊14例"))
    assert hangzhou.text.startswith("…") and "奥密克戎" in hangzhou.text
    assert "奥密克戎" in marks(page)


@pytest.mark.parametrize("query", ["储勇", "储 勇"])
def test_a_name_printed_spaced_out_is_found_as_typed(page, search_url, query):
    page.goto(search_url)
    _, results = search(page, query)
    assert titles(results) == [SPACED]
    assert results[0].details.endswith("本报记者 储 勇")
    # One name, not two characters each anywhere; in the reporter filter too.
    assert page.evaluate("async (q) => (await ArchiveSearch.words(q)).map((g) => g.words)", query) == [["储勇"]]
    assert show(page, search_url + "search/?reporter=" + quote(query), "reporter=") == [SPACED]


def test_a_long_word_inside_a_longer_one_finds_it(page, search_url):
    """`人大常委会` is a word of its own where a page prints 省人大常委会, and sits inside
    全国人大常委会 where another prints that: the reader typing it wants both."""
    page.goto(search_url)
    _, results = search(page, "人大常委会")
    assert sorted(titles(results)) == sorted([SPACED, "全市政法委书记会议召开"])
    assert page.evaluate("async (q) => (await ArchiveSearch.words(q)).map((g) => g.words)", "人大常委会") == [
        ["人大常委会"]
    ]


def show(page, url: str, marker: str) -> list[str]:
    page.goto(url)
    page.wait_for_function(
        "(marker) => (document.getElementById('zh-search-page').dataset.shown || '').includes(marker)", arg=marker
    )
    return page.locator(".zh-search-result h2").all_inner_texts()


def test_filters_alone_list_their_articles_newest_first(page, search_url, search_site):
    shown = show(page, search_url + "search/?from=2022&to=2022", "from=2022")
    # the newest day first, and a day's articles in the order printed (its lead first)
    records = [json.loads(line) for line in (search_site / "docs/data/articles.jsonl").read_text("utf-8").splitlines()]
    by_day = sorted({r["date"] for r in records}, reverse=True)
    assert shown == [r["title"] for day in by_day for r in records if r["date"] == day]
    days = [
        int(re.search(r"1月(\d+)日", d).group(1))
        for d in page.locator(".zh-search-result .zh-search-details").all_inner_texts()
    ]
    assert days == sorted(days, reverse=True) and days[-1] == 28
    oldest = show(page, search_url + "search/?from=2022&to=2022&sort=oldest", "sort=oldest")
    assert oldest == [r["title"] for day in reversed(by_day) for r in records if r["date"] == day]
    assert "共 8 篇文章" in page.locator("#zh-search-page").inner_text()
    assert set(show(page, search_url + "search/?page_name=" + quote("经济"), "page_name=")) == {
        "国家统计局发布2021年经济数据 我省居民收入稳步增长",
        "全市政法委书记会议召开",
        SPACED,
    }
    assert show(page, search_url + "search/?from=1990&to=1995", "from=1990") == []
    # a month, as the page offers them beside the years
    assert len(show(page, search_url + "search/?from=2022-01&to=2022-01", "from=2022-01")) == 8
    assert (
        page.locator("select[name=from] option", has_text=re.compile("^2022年1月$")).get_attribute("value") == "2022-01"
    )
    assert show(page, search_url + "search/?from=2022-02", "from=2022-02") == []
    # a range picked the other way round is the range between them
    assert len(show(page, search_url + "search/?from=2022-02&to=2021-12", "from=2022-02")) == 8


def test_a_search_without_results_says_what_to_try(page, search_url):
    page.goto(search_url)
    summary, _ = search(page, "“发布国家统计局”")
    assert summary.startswith(NO_RESULTS) and "引号" in summary and "拼音" not in summary
    summary, _ = search(page, "tongji ju")  # pinyin: the index holds Chinese text
    assert summary.startswith(NO_RESULTS) and "不支持拼音" in summary
    show(page, search_url + "search/?q=" + quote("量子计算机") + "&page_name=" + quote("经济"), "page_name=")
    status = page.locator("#zh-search-page").inner_text()
    assert NO_RESULTS in status and "筛选" in status


def loaded_converter(page) -> bool:
    return page.evaluate("() => performance.getEntriesByType('resource').some((e) => e.name.includes('opencc'))")


def test_only_a_query_needing_conversion_loads_opencc(page, search_url):
    page.goto(search_url)
    search(page, "国家统计局 居民收入")
    assert not loaded_converter(page)
    _, results = search(page, "國家統計局")
    assert not loaded_converter(page) or "国家统计局发布2021年经济数据 我省居民收入稳步增长" in titles(results)
    assert loaded_converter(page)


def test_a_question_typed_in_plain_words_finds_what_it_asks_about(page, search_url):
    """`春耕备耕是怎么推进的`: an article prints what the question is about, seldom its words of
    asking (是, 怎么, 的); a query of such words alone is searched as typed."""
    page.goto(search_url)
    groups = "async (q) => (await ArchiveSearch.words(q)).map((g) => g.optional ? ['?', ...g.words] : g.words)"
    # no condition, but an article holding them ranks higher: the last group, optional
    assert page.evaluate(groups, "春耕备耕是怎么推进的") == [["春耕", "备耕", "推进"], ["?", "是", "怎么", "的"]]
    # never a piece of a longer word (时候 in 小时候), and a particle left alone is dropped too
    assert ["".join(g) for g in page.evaluate(groups, "小时候")] == ["小时候"]
    assert page.evaluate(groups, "春耕在哪里呢") == [["春耕"], ["?", "在", "哪里", "呢"]]
    assert page.evaluate(groups, "“春耕” 为什么") == [["春耕"], ["?", "为什么"]]
    _, results = search(page, "春耕备耕是怎么推进的")
    assert titles(results)[0] == SPACED
    assert ["".join(g) for g in page.evaluate(groups, "是什么")] == ["是什么"]
    # quoted, a phrase keeps every word: the article must print it as written
    assert ["".join(g) for g in page.evaluate(groups, "“是怎么推进的”")] == ["是怎么推进的"]


def test_when_no_article_holds_every_word_those_lacking_one_are_shown_and_said_so(page, search_url):
    """`春耕 农资 火星`: no article holds 火星. Those that hold every other word are listed, with
    the word they lack named; two words are too few to leave one out."""
    page.goto(search_url)
    meta, results = search(page, "春耕 农资 火星")
    assert titles(results) == [SPACED]
    assert meta.startswith("没有文章含全部检索词；以下 1 篇文章缺其中一个（「火星」）")
    meta, results = search(page, "春耕 火星")
    assert not results and meta.startswith(NO_RESULTS)
    # …but of a question's two, its subject alone is what it is about
    meta, results = search(page, "春耕 火星是什么")
    assert titles(results) == [SPACED, "海外简讯"]  # the digest's item: 多地农场提前进入春耕
    assert meta.startswith("没有文章含全部检索词；以下 2 篇文章缺其中一个（「火星")
    shown = show(page, search_url + "search/?q=" + quote("春耕 农资 火星"), "q=")
    assert shown == [SPACED]
    status = page.locator(".zh-search-status").inner_text()
    assert status.startswith("没有文章含全部检索词；以下 1 篇文章缺其中一个（「火星」），第 1 / 1 页")


# A report headed with the race's name that names the city throughout, and a notice that
# names `上海马拉松` once in passing (invented texts).
_RACE = (
    "马拉松赛事圆满落幕 三万人同场竞技\n\n本报记者 方 远\n\n"
    "本报上海5月10日电 昨天清晨，第二十届马拉松比赛在上海外滩鸣枪开跑，三万名跑者从上海各区赶来。\n\n"
    "这场马拉松沿黄浦江延伸，上海市民在沿途为跑者加油。马拉松男子组冠军的成绩刷新了赛会纪录。\n\n"
    "赛事组委会表示，马拉松的补给站、医疗点比往年更多，上海将继续办好这项赛事，让马拉松成为城市名片。\n\n"
    "城市消费季正式启动 多项活动吸引市民\n\n本报记者 李 明\n\n"
    "本报讯 城市消费季日前启动，商场推出折扣活动，本周末还将举办上海马拉松等赛事，带动餐饮住宿消费。"
    "各区也将举办美食节和音乐会，发放消费券，丰富市民生活。\n\n"
    "跑步为什么让人着迷（体育观察）\n\n王 磊\n\n"
    "跑步是最简单的运动，一双鞋就能出发。一位跑者说，坚持下来，身体和心情都变好了。\n"
)


def _served(folder: Path, issues: dict[str, str]) -> Iterator[str]:
    """An archive of these issues alone, converted, built and served: its address."""
    from conftest import build_site, make_archive
    from inputs import convert

    project = make_archive(folder, issues, with_sample=False)
    assert convert(project).returncode == 0
    built = build_site(project)
    assert built.returncode == 0, built.stderr
    with serve(project / "site") as url:
        yield url


@pytest.fixture(scope="module")
def ranking_url(tmp_path_factory):
    yield from _served(tmp_path_factory.mktemp("ranking"), {"2030/2030-05-11.txt": _RACE})


def test_the_article_about_the_query_ranks_above_one_naming_it_in_passing(page, ranking_url):
    """`上海马拉松`: the report headed with the race, which names the race and the city
    throughout, comes before the notice that prints the two words together once — what an
    article is about outweighs where the words stand."""
    page.goto(ranking_url)
    _, results = search(page, "上海马拉松")
    assert titles(results) == ["马拉松赛事圆满落幕 三万人同场竞技", "城市消费季正式启动 多项活动吸引市民"]


def test_a_word_of_asking_is_no_condition_but_ranks_the_article_holding_it_higher(page, ranking_url):
    """`跑者 为什么`: every article naming 跑者 is found, and the one headed `跑步为什么…` first —
    though the report names 跑者 more often."""
    page.goto(ranking_url)
    _, results = search(page, "跑者 为什么")
    assert titles(results) == ["跑步为什么让人着迷（体育观察）", "马拉松赛事圆满落幕 三万人同场竞技"]


def test_leaving_a_word_out_tries_every_way_of_writing_the_querys_numbers(page, ranking_url):
    """`第20届 马拉松 火星`: the report prints 第二十届 and no article 火星 — left out, the query
    written 第二十届 finds it."""
    page.goto(ranking_url)
    meta, results = search(page, "第20届 马拉松 火星")
    assert titles(results) == ["马拉松赛事圆满落幕 三万人同场竞技"]
    assert meta.startswith("没有文章含全部检索词；以下 1 篇文章缺其中一个（「火星」）")


_NOTICE = "欢迎赐稿\n\n各位读者，本版长期征集评论稿件，欢迎赐稿，请勿一稿多投。\n\n"
_DAY = "{title}\n\n本报记者 林 航\n\n{text}\n\n" + _NOTICE


@pytest.fixture(scope="module")
def weekly_url(tmp_path_factory):
    """Two issues a week apart, each printing the same notice below its own report (on 第5版,
    then on 第6版)."""
    issues = {
        "2030/2030-05-04_05_评论.txt": _DAY.format(
            title="春耕时节农机忙", text="各地农机合作社抢抓农时，机耕面积稳步扩大。"
        ),
        "2030/2030-05-11_06_评论.txt": _DAY.format(
            title="夏粮收购有序展开", text="各地粮库做好收购准备，农民售粮更加便利。"
        ),
    }
    yield from _served(tmp_path_factory.mktemp("weekly"), issues)


def test_a_days_search_lists_what_it_printed_again_from_an_earlier_day(page, weekly_url):
    """A notice printed each week is indexed once, as first printed; a search of a later
    day's issue lists it with that day's articles, as the issue's page does."""
    page.goto(weekly_url)
    _, results = search(page, "2030年5月11日")
    # in the order printed that day: below the day's report, not first as on the day it was first printed
    assert titles(results) == ["2030年5月11日的报纸", "夏粮收购有序展开", "欢迎赐稿"], titles(results)
    # and it is that day's copy: its page, its date and 版, the first printing among the others
    notice = results[2]
    assert notice.href.endswith("/2030/05/11/huan-ying-ci-gao/"), notice.href
    assert notice.details.startswith("2030年5月11日 · 第6版 评论") and "又见2030年5月4日第5版" in notice.details
    _, results = search(page, "2030年5月4日")
    assert titles(results)[1:] == ["春耕时节农机忙", "欢迎赐稿"]
    _, results = search(page, "欢迎赐稿")  # one result, not one a week: the first printing
    assert titles(results) == ["欢迎赐稿"] and results[0].href.endswith("/2030/05/04/huan-ying-ci-gao/")
    # filed under the 版 of its first printing (第5版 on 5月4日), it is not taken for an
    # article of 5月11日's 第5版 (that day it stood on 第6版, and 5月11日 has no 第5版)
    _, results = search(page, "2030年5月11日 第5版")
    assert "欢迎赐稿" not in titles(results), titles(results)
    # and it is one of that day's 第6版 and 评论版 articles
    for query in ("2030年5月11日 第6版", "2030年5月11日 评论版"):
        assert "欢迎赐稿" in titles(search(page, query)[1]), query


@pytest.fixture(scope="module")
def twice_url(tmp_path_factory):
    """The notice printed on 5月4日's 第5版, then twice on 5月11日: on 第2版 and on 第6版."""
    issues = {
        "2030/2030-05-04_05_评论.txt": _DAY.format(title="春耕时节农机忙", text="各地农机合作社抢抓农时。"),
        "2030/2030-05-11_02_要闻.txt": _DAY.format(title="城市更新稳步推进", text="老旧小区改造项目陆续开工。"),
        "2030/2030-05-11_06_评论.txt": _DAY.format(title="夏粮收购有序展开", text="各地粮库做好收购准备。"),
    }
    yield from _served(tmp_path_factory.mktemp("twice"), issues)


def test_a_days_search_on_one_of_its_pages_links_the_copy_printed_there(page, twice_url):
    """Printed twice on a later day: a search of that day's 第6版 gives the copy on 第6版."""
    page.goto(twice_url)
    found = {}
    for number in (2, 6):
        _, results = search(page, f"2030年5月11日 第{number}版")
        found[number] = next(r for r in results if r.title == "欢迎赐稿")
        assert found[number].details.startswith(f"2030年5月11日 · 第{number}版"), found[number].details
    assert found[2].href != found[6].href


# Two reports on rural revitalisation (invented texts): one headed with the query's words
# apart, its text printing them together again and again; one headed with them as typed.
_VILLAGES = (
    "乡村全面振兴里的青春力量\n\n本报记者 夏 禾\n\n"
    "返乡青年把直播间搬进田间地头，乡村振兴有了新面孔。乡村振兴需要人才，乡村振兴也成就人才，"
    "他们说，乡村振兴的舞台很大。县里为青年创业提供场地和贷款，乡村的产业一年比一年兴旺，振兴的路越走越宽。\n\n"
    "山区县推进乡村振兴见实效\n\n本报记者 罗 田\n\n"
    "本报讯 今年以来，山区县整合资金修路引水，发展特色种植，农民收入稳步增长。\n"
)


@pytest.fixture(scope="module")
def villages_url(tmp_path_factory):
    yield from _served(tmp_path_factory.mktemp("villages"), {"2030/2030-06-02.txt": _VILLAGES})


def test_a_headline_printing_the_query_as_typed_ranks_above_one_printing_its_words_apart(page, villages_url):
    """`乡村振兴`: both headlines hold its words and both texts print them together, but only
    one headline prints them so — that report first, though the other's text names the
    words more often."""
    page.goto(villages_url)
    _, results = search(page, "乡村振兴")
    assert titles(results) == ["山区县推进乡村振兴见实效", "乡村全面振兴里的青春力量"]


@pytest.fixture(scope="module")
def given_twice_url(tmp_path_factory):
    """One page given as 2030年4月27日's and again as 2030年5月4日's (a page printed again
    whole, or a file copied under a second date: the conversion warns, and publishes the second
    day's articles as printed again)."""
    text = _DAY.format(title="春耕时节农机忙", text="各地农机合作社抢抓农时，机耕面积稳步扩大。")
    issues = {"2030/2030-04-27_05_评论.txt": text, "2030/2030-05-04_05_评论.txt": text}
    yield from _served(tmp_path_factory.mktemp("given-twice"), issues)


def test_a_day_whose_every_article_was_printed_before_is_a_day_with_an_issue(page, given_twice_url):
    """Its issue is the archive's: a search of the day links it and lists its articles (not
    `本库没有…的报纸`), and the search page's time filter offers its month."""
    page.goto(given_twice_url)
    meta, results = search(page, "2030年5月4日")
    assert titles(results) == ["2030年5月4日的报纸", "春耕时节农机忙", "欢迎赐稿"], meta
    assert results[1].details.startswith("2030年5月4日 · 第5版 评论"), results[1].details
    page.goto(given_twice_url + "search/")
    months = page.locator('select[name="from"] option').all_inner_texts()
    assert "2030年4月" in months and "2030年5月" in months, months
