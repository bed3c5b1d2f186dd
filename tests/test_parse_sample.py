"""The sample page (maintainers/parser.md, the sample) splits into exactly its four articles."""

from __future__ import annotations

import pytest
from conftest import SAMPLE_TEXT

from build_scripts.parse.model import Kind
from build_scripts.parse.parser import parse_page


@pytest.fixture(scope="module")
def articles():
    return parse_page(SAMPLE_TEXT).articles


def test_four_articles_in_order(articles):
    assert len(articles) == 4
    first, second, third, fourth = (a.title for a in articles)
    assert first.startswith("创新落实“除险保安”晾晒机制")
    assert first.endswith("全省政法系统热议2022年政法工作新看点")
    assert second == "杭州累计报告本土确诊14例 浙江统一全省风险人群管控政策"
    assert third == "保护奥林匹克标志"
    assert fourth == "巩固深化成果推进全面从严管党治警 全省司法行政系统党史学习教育暨队伍教育整顿总结会召开"


def test_title_parts_split_on_whitespace_inside_the_headline(articles):
    assert articles[0].title_parts == [
        "创新落实“除险保安”晾晒机制、将“一屏两端”作为“牛鼻子”工程……",
        "全省政法系统热议2022年政法工作新看点",
    ]
    assert articles[2].title_parts == ["保护奥林匹克标志"]


def test_bylines_authors_and_correspondents(articles):
    assert [a.authors for a in articles] == [["李洁"], ["胡宗昊"], ["陈洋根"], ["陈毅人"]]
    assert [a.correspondents for a in articles] == [[], [], ["赵文琼", "武露露"], ["鲁冰"]]
    assert articles[0].byline == "本报记者 李洁"
    assert articles[3].byline == "本报记者 陈毅人 通讯员 鲁冰"


def test_glued_byline_belongs_to_the_article_above_and_leaves_its_body(articles):
    olympic = articles[2]
    assert olympic.byline == "本报记者 陈洋根 通讯员 赵文琼 武露露"
    assert olympic.text.endswith("违法案件线索3个。")
    assert "本报记者" not in olympic.text and "通讯员" not in olympic.text
    # …and not to the article below it
    assert "陈洋根" not in articles[3].byline


def test_datelines(articles):
    assert [a.dateline for a in articles] == ["", "本报讯", "", "本报讯"]
    assert articles[1].text.startswith("27日15时,浙江举行")
    assert not articles[1].text.startswith("本报讯")


def test_five_subheads_in_the_first_article(articles):
    subheads = [b.text for b in articles[0].blocks if b.kind is Kind.SUBHEAD]
    assert [s[:3] for s in subheads] == ["看点一", "看点二", "看点三", "看点四", "看点五"]
    assert all(b.kind is not Kind.SUBHEAD for a in articles[1:] for b in a.blocks)


@pytest.mark.parametrize(
    ("article", "end", "start"),
    [(0, "集成实战体", "系,着力推动"), (0, "法治建设和", "司法行政工作"), (3, "评价机制,把", "执法司法和执业")],
)
def test_paragraphs_broken_by_page_breaks_are_joined_without_space(articles, article, end, start):
    paragraphs = [b.text for b in articles[article].blocks if b.kind is Kind.PARAGRAPH]
    joined = [p for p in paragraphs if end + start in p]
    assert len(joined) == 1
    assert not any(p.endswith(end) or p.startswith(start) for p in paragraphs)


def test_source_lines_point_at_the_file(articles):
    assert [(a.first_line, a.last_line) for a in articles] == [(3, 41), (43, 55), (59, 64), (66, 74)]


def test_headline_is_not_a_body_block(articles):
    for article in articles:
        assert article.title not in article.text
