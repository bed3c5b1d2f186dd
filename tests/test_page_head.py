"""The page's head (parse/page_head.py): what a paper prints above its first article before the
first blank line — masthead, running head, the page's editors, who publishes it — is furniture,
line by line; a page of another paper names its masthead in its header. Invented pages."""

from __future__ import annotations

import json

import pytest
from conftest import make_archive, run_cli

from build_scripts.ingest.paper_profile import DEFAULT
from build_scripts.parse.model import Kind
from build_scripts.parse.page_head import masthead_with_labels
from build_scripts.parse.parser import parse_page

STORY = """桃溪镇柑橘迎来丰收季
本报记者 魏晓东

连日来，桃溪镇十万亩柑橘陆续成熟，果农们忙着采摘、分拣、装箱。

今年全镇柑橘预计产量达到18万吨，比去年增长一成。
"""

COUNTY_HEAD = """桃溪报
TAOXI BAO
中共桃溪县委机关报　桃溪县融媒体中心出版
2025年11月7日　星期五　农历乙巳年九月十八　第2731期
（闽）内部资料准印证第F0212号　免费赠阅

"""


def test_a_county_papers_masthead_block_is_the_pages_head():
    parsed = parse_page(COUNTY_HEAD + STORY, profile=DEFAULT.with_masthead("桃溪报"))
    assert [s.text for s in parsed.furniture] == COUNTY_HEAD.strip().splitlines()
    (story,) = parsed.articles
    assert story.title == "桃溪镇柑橘迎来丰收季"
    assert story.authors == ["魏晓东"]
    assert [d.rule_id for d in parsed.decisions if d.line <= 5] == ["furniture"] * 5


def test_without_the_papers_name_a_masthead_with_no_running_head_is_read_as_a_headline():
    head = "桃溪报\nTAOXI BAO\n\n"
    assert parse_page(head + STORY).articles[0].title.startswith("桃溪报")
    named = parse_page(head + STORY, profile=DEFAULT.with_masthead("桃溪报"))
    assert [s.text for s in named.furniture] == ["桃溪报", "TAOXI BAO"]


def test_a_running_head_and_the_editors_line_below_it():
    head = "9　理论　2025年11月7日　星期五　桃溪日报\n本版主编：郑文远　责任编辑：程雪　电子信箱：txllb@example.com\n\n"
    parsed = parse_page(head + STORY)
    assert [s.text for s in parsed.furniture] == head.strip().splitlines()
    assert [a.title for a in parsed.articles] == ["桃溪镇柑橘迎来丰收季"]


def test_the_papers_name_with_its_section_and_number_opens_the_head():
    profile = DEFAULT.with_masthead("百川法治报")
    head = "百川法治报　法律服务　6\n2025年11月7日　星期五　责任编辑：程雪　校对：孟言\n\n"
    parsed = parse_page(head + STORY, profile=profile)
    assert [s.text for s in parsed.furniture] == head.strip().splitlines()
    assert masthead_with_labels("A19　百川法治报", profile)
    assert not masthead_with_labels("百川法治报　记者深入一线采访了解到的情况汇总", profile)  # a sentence's words
    assert not masthead_with_labels("百川法治报　法律服务　6", DEFAULT)  # not this paper's name


def test_a_head_holding_a_byline_is_no_head_a_headline_sits_in_it():
    """Set right below the running head, with no blank line between: the headline and its byline."""
    page = "2025年11月7日　星期五　A06　民生\n桃溪镇柑橘迎来丰收季\n本报记者 魏晓东\n\n" + STORY.split("\n\n", 1)[1]
    parsed = parse_page(page)
    assert [s.text for s in parsed.furniture] == ["2025年11月7日　星期五　A06　民生"]
    assert parsed.articles[0].title == "桃溪镇柑橘迎来丰收季"
    assert parsed.articles[0].authors == ["魏晓东"]


def test_a_sentence_ends_the_head():
    page = "桃溪报\n本报今日出版八版。\n\n" + STORY
    parsed = parse_page(page, profile=DEFAULT.with_masthead("桃溪报"))
    assert [s.text for s in parsed.furniture] == ["桃溪报"]
    assert any(s.kind is Kind.PARAGRAPH and s.text == "本报今日出版八版。" for a in parsed.articles for s in a.segments)


def test_with_masthead_adds_a_name_once():
    profile = DEFAULT.with_masthead("桃溪报")
    assert profile.mastheads == (*DEFAULT.mastheads, "桃溪报")
    assert profile.with_masthead("桃溪报") is profile
    assert DEFAULT.with_masthead("") is DEFAULT


def test_a_page_of_another_paper_names_its_masthead_in_its_header(tmp_path):
    page = "---\npaper: 桃溪报\n---\n桃溪报\nTAOXI BAO\n\n" + STORY  # (no running head: only the name tells)
    project = make_archive(tmp_path, {"2025/2025-11-07_01_要闻.txt": page}, with_sample=False)
    result = run_cli("convert", "--source", str(project / "source_texts"), "--docs", str(project / "docs"))
    assert result.returncode == 0, result.stderr
    rows = [
        json.loads(line) for line in (project / "docs/data/articles.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert [r["title"] for r in rows] == ["桃溪镇柑橘迎来丰收季"]
    explained = run_cli(
        "convert",
        "--source",
        str(project / "source_texts"),
        "--docs",
        str(project / "docs"),
        "--explain",
        str(project / "source_texts/2025/2025-11-07_01_要闻.txt"),
    )
    assert "article 1: 桃溪镇柑橘迎来丰收季" in explained.stdout


def test_the_pages_number_or_section_above_its_running_head():
    for first in ("9", "A14　环球", "桃溪周末·人物"):
        head = f"{first}\n2025年11月7日　星期五　责编　宫雪　美编　马骁\n\n"
        parsed = parse_page(head + STORY)
        assert [s.text for s in parsed.furniture] == head.strip().splitlines(), first
        assert [a.title for a in parsed.articles] == ["桃溪镇柑橘迎来丰收季"]


@pytest.mark.parametrize(
    ("page", "titles"),
    [
        # the first article's headline set right below the running head: no line of a head
        (
            "2025年11月7日　星期五　A06　民生\n桃溪镇柑橘迎来丰收季\n\n本报讯 连日来，全镇柑橘陆续成熟。\n",
            ["桃溪镇柑橘迎来丰收季"],
        ),
        (
            "A06 2025年11月7日 星期五 民生 责编 张海\n桃溪镇柑橘迎来丰收季\n　　本报讯 连日来，全镇柑橘陆续成熟。\n",
            ["桃溪镇柑橘迎来丰收季"],
        ),
        (
            "2025年11月7日　星期五　A06　民生\n打通服务群众“最后一公里”\n桃溪镇推出十项便民举措\n\n连日来，全镇推出十项举措。\n",
            ["打通服务群众“最后一公里” 桃溪镇推出十项便民举措"],
        ),
        ("2025年11月7日　星期五　A06　副刊\n老渡口\n□沈砚秋\n\n老渡口在村子东头。\n", ["老渡口"]),
        # a contents box at the page's top, its items set right below its title
        (
            "本期导读\n2版　双河脐橙进入采摘季\n3版　“村BA”总决赛明晚开赛\n\n桃溪镇柑橘迎来丰收季\n本报记者 魏晓东\n\n连日来，全镇柑橘陆续成熟。\n",
            ["本期导读", "桃溪镇柑橘迎来丰收季"],
        ),
    ],
)
def test_a_headline_right_below_the_running_head_is_no_line_of_the_head(page, titles):
    assert [a.title for a in parse_page(page).articles] == titles


def test_a_classified_pages_section_and_its_advertising_line_below_the_running_head():
    head = "A19　2025年11月7日　星期五\n分类·公告　　广告热线：0571-87776000　刊登地址：某路1号\n\n"
    parsed = parse_page(head + STORY)
    assert [s.text for s in parsed.furniture] == head.strip().splitlines()


def test_a_column_titled_like_a_section_at_the_pages_top_is_its_headline():
    """A line shaped like a section's name (`大地赞歌·创新`) is a line of the head only in a
    head that names the paper, dates the page or credits its editors."""
    page = "大地赞歌·创新\n本报记者 魏晓东\n\n连日来，全镇柑橘陆续成熟。\n"
    assert [a.title for a in parse_page(page).articles] == ["大地赞歌·创新"]


@pytest.mark.parametrize(
    "headline",
    [
        "《桃溪县志》正式出版",
        "第二届读书节由市图书馆主办",
        "总编辑 谈媒体融合新路径",
        "市长热线：12345为民解忧",
        "100 个乡村的新变化",
        "C919 首飞",
        "夜读｜老渡口",
        "县志主编：修志是一场长跑",
    ],
)
def test_a_headline_holding_a_heads_words_below_the_running_head_is_the_first_articles(headline):
    page = f"2025年11月7日　星期五　A06　文化\n{headline}\n本报记者 魏晓东\n\n连日来，全县读者争相阅读。\n"
    assert [a.title for a in parse_page(page).articles] == [headline]


@pytest.mark.parametrize("kicker", ["聚焦·乡村振兴", "CBA"])
def test_a_kicker_below_the_running_head_is_the_headlines(kicker):
    page = f"2025年11月7日　星期五　A06　综合\n{kicker}\n桃溪镇柑橘迎来丰收季\n本报记者 魏晓东\n\n连日来，全镇柑橘陆续成熟。\n"
    assert parse_page(page).articles[0].title_parts[0] == kicker


def test_below_the_running_head_the_pages_editors_and_the_papers_fields_are_the_heads():
    head = "澜江晚报　2025年10月21日　星期二\n15　副刊·夜航船　责任编辑　乔慕白　美术编辑　陆一苇\n\n"
    assert [s.text for s in parse_page(head + STORY).furniture] == head.strip().splitlines()
