"""Article slugs: pinyin of the main title, capped, unique within a day."""

from __future__ import annotations

from build_scripts.contract.labels import main_title_of
from build_scripts.contract.urls import (
    MAX_SLUG_LENGTH,
    ascii_slug,
    slug_for_title,
    unique_slugs,
)


def test_polyphones_are_read_in_context():
    assert ascii_slug("重庆银行") == "chong-qing-yin-hang"


def test_main_title_is_the_last_piece_that_is_not_a_subtitle():
    assert main_title_of(["引题", "主标题", "——副题"]) == "主标题"
    assert main_title_of(["主标题"]) == "主标题"
    assert slug_for_title(["杭州累计报告本土确诊14例", "浙江统一全省风险人群管控政策"]).startswith("zhe-jiang-tong-yi")


def test_long_titles_are_capped_at_a_word_boundary():
    slug = ascii_slug("全省司法行政系统党史学习教育暨队伍教育整顿总结会召开" * 3)
    assert len(slug) <= MAX_SLUG_LENGTH
    assert not slug.endswith("-")


def test_duplicates_within_a_day_get_numbered_and_empty_ones_a_fallback():
    assert unique_slugs(["a", "b", "a", "", "", "index"]) == ["a", "b", "a-2", "article", "article-2", "article-index"]
