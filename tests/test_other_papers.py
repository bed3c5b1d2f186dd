"""Pages of papers other than the one the parser was tuned on: printed in traditional
characters (cut as their simplified reading, published with their own characters), with
their datelines in brackets (【本报讯】, （中央社台北5日电）) and a running head that names the
paper before the date. The pages are invented, in the manner of a Hong Kong evening paper."""

from __future__ import annotations

import opencc
import pytest
from conftest import SAMPLE_TEXT, examples, non_space
from hypothesis import assume, given, settings
from strategies import page_text
from test_lossless import assert_lossless

from build_scripts.ingest.paper_profile import PaperProfile
from build_scripts.parse import reading
from build_scripts.parse.model import Decision, Kind, Names, PageParse, Segment
from build_scripts.parse.parser import parse_page
from build_scripts.parse.patterns import dateline_of, is_byline_line, is_furniture

TO_HK = opencc.OpenCC("s2hk")

# Written here in simplified characters; the paper prints it as `TO_HK` converts it.
PAGE = """港岛晚报　　2024年3月5日　星期二　　A1 要闻

港铁东涌线延线工程展开 2029年通车
记者 陈大文 报道

港铁公司今日宣布，东涌线延线工程正式展开，预计2029年通车，沿线将设两个新站。

有东涌居民对本报表示，现时每日上班要先乘巴士，延线通车后可节省不少时间。

台风逼近 天文台今晚或改发三号风球

【本报讯】天文台表示，台风今日下午集结在香港以南约四百公里，并会继续增强。

教育局表示，若天文台明早悬挂三号信号，学校照常上课。（记者 何咏诗）

日本央行维持利率不变

（中央社记者杨明珠东京6日专电）日本银行今天结束为期两天的会议，决定维持利率不变。
"""


def _shape(parsed: PageParse) -> list[tuple[Kind, int, int]]:
    return [(s.kind, s.first_line, s.last_line) for s in parsed.segments_in_order]


def test_a_page_in_traditional_characters_is_cut_as_the_same_page_in_simplified():
    printed = TO_HK.convert(PAGE)
    assert printed != PAGE and "記者 陳大文 報道" in printed
    simplified, traditional = parse_page(PAGE), parse_page(printed)
    assert _shape(traditional) == _shape(simplified)
    assert [a.title for a in traditional.articles] == [TO_HK.convert(a.title) for a in simplified.articles]
    # the reporters by name, as printed: not `記者, 陳大文, 報道`
    assert [a.authors for a in traditional.articles] == [["陳大文"], ["何詠詩"], ["楊明珠"]]
    assert [a.dateline for a in traditional.articles] == ["", "【本報訊】", "（中央社記者楊明珠東京6日專電）"]
    lines = printed.split("\n")
    for segment in traditional.segments_in_order:  # the page's own characters, nothing else
        assert non_space(segment.text) in non_space("".join(lines[segment.first_line - 1 : segment.last_line]))


def test_what_the_parser_says_of_a_line_quotes_it_as_printed():
    printed = TO_HK.convert(PAGE).replace("工程正式展开，预计", "工程正式展开\n\n预计")
    lines = printed.split("\n")
    parsed = parse_page(printed)
    quoted = [d for d in parsed.decisions if d.text]
    assert quoted
    assert all(d.text in lines[d.line - 1] for d in quoted)
    # and what a rule quotes of the page
    dated = [d.rule for d in parsed.decisions if d.rule_id == "dateline.opening"]
    assert any("【本報訊】" in rule for rule in dated) and not any("本报讯" in rule for rule in dated), dated


def test_what_the_parser_says_of_a_wrapped_paragraph_quotes_it_as_printed():
    paragraphs = [
        "港铁公司今日宣布，东涌线延线工程正式展开，预计2029年通车，沿线将设两个新站。",
        "有东涌居民对本报表示，现时每日上班要先乘巴士，延线通车后可节省不少时间。",
    ]
    lines = ["港铁东涌线延线工程展开", "记者 陈大文 报道"]
    for text in paragraphs:
        text = "\u3000\u3000" + text
        lines += [text[at : at + 16] for at in range(0, len(text), 16)]
    printed = TO_HK.convert("\n".join(lines) + "\n")
    parsed = parse_page(printed)
    assert [b.text for b in parsed.articles[0].blocks] == [TO_HK.convert(t) for t in paragraphs]
    quoted = [d for d in parsed.decisions if d.text and d.label == "paragraph"]
    assert quoted and all(non_space(d.text) in non_space(printed) for d in quoted), [d.text for d in quoted]


@settings(max_examples=examples(200), deadline=None)
@given(page_text())
def test_pages_in_traditional_characters_are_lossless(text):
    printed = TO_HK.convert(text)
    read = reading.simplified_reading(printed)
    assume(read is not None)
    assert_lossless(printed)
    assert reading.restore(parse_page(read), printed, read, 1) is not None  # (not by parsing it as printed)


def test_a_page_in_simplified_characters_is_read_as_printed():
    assert reading.simplified_reading(SAMPLE_TEXT) is None
    # a few traditional characters in a name (an advertisement's 华为乾崑) do not make a reading
    advertisement = (
        "华为乾崑智驾 鸿蒙座舱\n\n华为乾崑智驾发布新一代方案，覆盖更多车型，"
        "让驾驶更轻松、出行更安全。即日起到店试驾，还可参加抽奖活动，详情请咨询当地门店。\n"
    )
    assert reading.simplified_reading(advertisement) is None


def _printed_and_read() -> tuple[str, str]:
    printed = TO_HK.convert(PAGE)
    read = reading.simplified_reading(printed)
    assert read is not None
    return printed, read


def test_a_reading_is_exactly_as_long_as_the_page():
    printed, read = _printed_and_read()
    assert len(read) == len(printed)
    assert read.split("\n")[3] == "记者 陈大文 报道"


@pytest.mark.parametrize("doctored", [lambda text: text[:-1], lambda text: "某" + text[1:]], ids=["lost", "changed"])
def test_a_parse_that_lost_or_changed_a_character_of_the_reading_is_not_restored(doctored):
    printed, read = _printed_and_read()
    parsed = parse_page(read)
    first = parsed.articles[0]
    last = first.segments[-1]
    first.segments[-1] = Segment(last.kind, doctored(last.text), last.first_line, last.last_line)
    assert reading.restore(parsed, printed, read, 1) is None


def test_an_excerpt_not_printed_so_is_given_back_character_by_character():
    """A block's text the parser spaced where lines meet (`…申少铁` / `尹晓宇` → `申少铁 尹晓宇`) is
    no excerpt of the page: each character is given back as the page prints it most often."""
    printed, read = _printed_and_read()
    parsed = parse_page(read)
    parsed.decisions.append(Decision(line=4, label="byline", rule="", text="记者 陈大文  报道"))
    parsed.articles[0].names = Names(("陈 大文",), ())
    restored = reading.restore(parsed, printed, read, 1)
    assert restored is not None and restored.decisions[-1].text == "記者 陳大文  報道"
    assert restored.articles[0].authors == ["陳 大文"]


def test_a_column_named_in_the_profile_as_the_paper_prints_it_is_no_writer():
    page = TO_HK.convert(
        "城市需要更多绿地\n\n石语\n\n城市公园的数量，关系到每位市民的生活质量。"
        "近年来，各区都在增加公园和绿道，让市民在家门口就能亲近自然。\n"
    )
    assert "石語" in page
    assert parse_page(page).articles[0].authors == ["石語"]  # a name, as far as anyone can tell
    (article,) = parse_page(page, profile=PaperProfile(column_words=("石語",))).articles
    assert article.authors == [] and [s.kind for s in article.segments][:2] == [Kind.HEADLINE, Kind.SUBHEAD]


def test_the_profile_words_are_read_as_the_page_is():
    profile = PaperProfile(column_words=("晚報論壇",), box_titles=("今日導讀",))
    read = reading.profile_read(profile)
    assert read.column_words == ("晚报论坛",) and read.box_titles == ("今日导读",)
    assert read.headline_max == profile.headline_max


TO_TW = opencc.OpenCC("s2tw")

# A Taiwan daily's bylines: the place reported from after a slash, 报导 for 报道, in corner
# brackets below the headline or opening the text
TAIWAN_PAGE = """中华民国113年5月6日　星期一　台岛日报　A2　政治

行政院拍板 基本工资明年调涨

记者林雅婷／台北报导

行政院今天拍板明年基本工资调涨方案，月薪与时薪同步调整，预计明年一月起实施。

国会改革法案协商破局

〔记者李宗翰／台北报导〕立法院今天再度协商国会改革法案，朝野各执一词，协商无果而散。

地方选举补选投票率偏低

【记者王姿琳、蔡昀容／台中报导】

台中市议员补选昨天投票，投票率不到三成，创下近年新低。

欧盟拟对电动车加征关税

编译卢永山／综合报导

欧盟执委会今天表示，将对进口电动车加征临时关税，最快下月生效。
"""


def test_a_taiwan_dailys_bylines_name_its_reporters():
    printed = TO_TW.convert(TAIWAN_PAGE)
    parsed = parse_page(printed)
    assert [a.authors for a in parsed.articles] == [["林雅婷"], ["李宗翰"], ["王姿琳", "蔡昀容"], ["盧永山"]]
    assert parsed.articles[1].byline == TO_TW.convert("〔记者李宗翰／台北报导〕")
    assert parsed.articles[1].text == "立法院今天再度協商國會改革法案，朝野各執一詞，協商無果而散。"
    assert [s.text for s in parsed.furniture] == [printed.split("\n")[0]]  # the running head, 民国 year and all


def test_an_agency_report_is_its_reporters_named_in_its_dateline():
    page = TO_TW.convert(
        "日相访问东南亚三国\n\n（中央社记者杨明珠东京6日专电）日本首相今天启程访问东南亚三国，为期五天。\n\n"
        "立法院三读通过法案\n\n（中央社记者王小明、谢静雯台北6日电）立法院今天三读通过修正案。\n\n"
        "外交部回应\n\n（中央社台北6日电）外交部今天表示，将持续关注相关情势。\n"
    )
    assert [a.authors for a in parse_page(page).articles] == [["楊明珠"], ["王小明", "謝靜雯"], []]


def test_a_columns_label_in_corner_brackets_is_no_byline():
    """`【记者探访】` heads a report in many papers: without a place reported from it names no one."""
    page = (
        "春耕备耕有序推进\n\n本报记者 王小明\n\n春耕在即，各地农资供应充足，价格总体平稳。\n\n"
        "农资市场货足价稳\n\n【记者探访】在某县农资市场，化肥、种子摆满货架，前来选购的农民络绎不绝。\n"
    )
    (article,) = parse_page(page).articles
    assert article.authors == ["王小明"]
    assert article.blocks[-1].text.startswith("【记者探访】在某县农资市场")
    for label in ("【记者探访】", "〔记者再探〕", "【记者走基层】"):
        assert not is_byline_line(label), label


@pytest.mark.parametrize(
    ("line", "dateline"),
    [
        ("【本报讯】天文台表示，台风今日下午集结。", "【本报讯】"),
        ("【明报专讯】港铁今日宣布新线通车。", "【明报专讯】"),
        ("（中央社台北5日电）立法院今天三读通过法案。", "（中央社台北5日电）"),
        ("（中央社记者杨明珠东京6日专电）日本银行今天结束会议。", "（中央社记者杨明珠东京6日专电）"),
    ],
)
def test_datelines_in_brackets(line, dateline):
    found = dateline_of(line)
    assert found is not None and found[0] == dateline and found[2] == line[len(dateline) :]


@pytest.mark.parametrize("line", ["（新华社）今天开会。", "【图片】今天开会。", "（记者 张伟）今天开会。"])
def test_brackets_that_are_no_dateline(line):
    assert dateline_of(line) is None


@pytest.mark.parametrize(
    ("line", "furniture"),
    [
        ("港岛晚报　　2024年3月5日　星期二　　A1 要闻", True),
        ("人民日报 2026年5月1日 星期五", True),
        ("2022年1月26日 星期三 第3版 要闻", True),
        ("中华民国113年5月6日　星期一　台岛日报　A9　体育", True),
        ("2024年5月6日（星期一）", True),
        ("港岛晚报 2024年3月5日 星期二 记者会上宣布新措施", False),
        ("2016年9月4日 星期日 G20峰会开幕", False),  # a line of a timeline, not a 版 numbered A1
        ("2021年7月1日 星期四 G7峰会", False),
        ("2022年1月26日 星期三 滨江区报告首例", False),
    ],
)
def test_a_running_head_that_names_the_paper_first(line, furniture):
    assert is_furniture(line) is furniture
