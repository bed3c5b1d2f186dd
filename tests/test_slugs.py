"""Article slugs: pinyin of the main title, capped, unique within a day."""

from __future__ import annotations

from build_scripts.contract.headline import headline_pieces, main_title_of, title_pieces
from build_scripts.contract.urls import (
    MAX_SLUG_LENGTH,
    ascii_slug,
    slug_for_title,
    unique_slugs,
)
from build_scripts.parse.parser import parse_page


def test_polyphones_are_read_in_context():
    assert ascii_slug("重庆银行") == "chong-qing-yin-hang"


def test_main_title_is_the_last_piece_that_is_not_a_subtitle():
    assert main_title_of(["引题", "主标题", "——副题"]) == "主标题"
    assert main_title_of(["主标题"]) == "主标题"
    assert slug_for_title(["杭州累计报告本土确诊14例", "浙江统一全省风险人群管控政策"]).startswith("zhe-jiang-tong-yi")


def test_after_a_kicker_that_hands_over_the_main_title_is_the_lines_below_it():
    parts = ["多国代表走进港城——", "创新的高地", "合作的舞台"]
    assert main_title_of(parts) == "创新的高地 合作的舞台"
    parts = ["某某在座谈会上强调", "以更大力度加强基础研究", "打牢科技强国建设根基", "某某出席"]
    assert headline_pieces(parts) == (
        ["某某在座谈会上强调"],
        "以更大力度加强基础研究 打牢科技强国建设根基",
        ["某某出席"],
    )
    assert slug_for_title(["河南某市——", "小区违建拆除难（身边事）"]).startswith("xiao-qu-wei-jian")


def test_a_space_inside_a_column_tag_does_not_part_the_headline():
    assert title_pieces("全市食堂推出小份菜 从我做起（厉行节约 反对浪费）") == [
        "全市食堂推出小份菜",
        "从我做起（厉行节约 反对浪费）",
    ]
    assert title_pieces("“春风  化雨”音乐会 开幕") == ["“春风 化雨”音乐会", "开幕"]
    assert title_pieces("括号（未闭 合") == ["括号（未闭", "合"]  # unbalanced: every space parts
    page = "全市食堂推出小份菜 从我做起（厉行节约 反对浪费）\n\n本报记者 许 望\n\n食堂推出小份菜，剩饭少了一半。\n"
    (article,) = parse_page(page).articles
    assert article.title_parts == ["全市食堂推出小份菜", "从我做起（厉行节约 反对浪费）"]
    assert main_title_of(article.title_parts) == "从我做起（厉行节约 反对浪费）"


def test_long_titles_are_capped_at_a_word_boundary():
    slug = ascii_slug("全省司法行政系统党史学习教育暨队伍教育整顿总结会召开" * 3)
    assert len(slug) <= MAX_SLUG_LENGTH
    assert not slug.endswith("-")


def test_duplicates_within_a_day_get_numbered_and_empty_ones_a_fallback():
    assert unique_slugs(["a", "b", "a", "", "", "index"]) == ["a", "b", "a-2", "article", "article-2", "article-index"]


def test_a_short_headline_spaced_out_to_fill_the_column_is_one_piece():
    assert title_pieces("丑 石") == ["丑石"] and main_title_of(title_pieces("修  复")) == "修复"
    assert slug_for_title(title_pieces("征 集")) == "zheng-ji"
    assert title_pieces("习近平 回信") == ["习近平", "回信"]  # pieces of two characters and more stay pieces
    (article,) = parse_page("丑 石\n\n韦廷信\n\n村口有一块石头，谁也说不清它在那里多少年了。\n").articles
    assert article.title == "丑 石" and article.title_parts == ["丑石"] and article.authors == ["韦廷信"]


def test_a_long_titles_slug_is_cut_at_a_syllable_and_never_skips_one():
    """Cut to 60 characters, the slug keeps the title's syllables in order up to the cut: it
    never leaves out one that did not fit and takes a shorter one after it (`…同比增25.6%`
    must not read `…tong-bi-zeng-6`)."""
    from build_scripts.contract.urls import ascii_slug

    slug = ascii_slug("一季度电力市场交易电量同比增25.6%")
    assert slug == "yi-ji-du-dian-li-shi-chang-jiao-yi-dian-liang-tong-bi-zeng"
    assert ascii_slug("浙江统一全省风险人群管控政策").endswith("-guan-kong")
