"""A paper's profile (archive.yml `profile:`): the values that differ between papers —
length limits, the names of its columns, how sure the weighed evidence must be — chosen by
name or adjusted, without editing the parser's rules."""

from __future__ import annotations

import pickle
from dataclasses import replace

import pytest

from build_scripts.ingest.archive_config import load_archive_config
from build_scripts.ingest.paper_profile import DEFAULT, ProfileError, profile_from
from build_scripts.parse import shapes
from build_scripts.parse.parser import parse_page
from build_scripts.problems import InputError

PAPER = "paper:\n  title: 示例日报\n  slug: shili-daily\n"


def _config(tmp_path, extra: str):
    (tmp_path / "archive.yml").write_text(PAPER + extra, encoding="utf-8")
    return load_archive_config(tmp_path)


def test_without_a_profile_the_default_is_used(tmp_path):
    """…with the paper's name as its masthead, which its pages print alone at their top."""
    assert _config(tmp_path, "").profile == replace(DEFAULT, mastheads=("示例日报",))


def test_a_profile_by_name_and_with_overrides(tmp_path):
    assert _config(tmp_path, "profile: national-daily\n").profile == replace(DEFAULT, mastheads=("示例日报",))
    profile = _config(
        tmp_path,
        "profile:\n  base: national-daily\n  headline_max: 70\n  column_words: [今日谈]\n  section_labels: [镜头]\n"
        "  box_titles: [本期看点]\n",
    ).profile
    assert profile.headline_max == 70 and profile.column_words == ("今日谈",)
    assert profile.section_labels == ("镜头",)
    assert profile.is_box_title("本期 看点") and not profile.is_box_title("导读")
    assert profile.comma_headline_max == DEFAULT.comma_headline_max  # the rest from its base
    (tmp_path / "archive.yml").write_text(
        "paper:\n  title: 示例日报\n  title_en: Shili Daily\n  slug: shili-daily\n"
        "profile:\n  mastheads: [SHILI DAILY NEWS]\n",
        encoding="utf-8",
    )
    named = load_archive_config(tmp_path).profile
    assert named.mastheads == ("SHILI DAILY NEWS", "示例日报", "Shili Daily")
    assert named.is_masthead("Shili  Daily News") and named.is_masthead("示例 日报") and not named.is_masthead("示例")


@pytest.mark.parametrize(
    ("extra", "line", "what"),
    [
        ("profile: evening-paper\n", 4, "unknown profile 'evening-paper'"),
        ("profile:\n  headline_maks: 70\n", 5, "unknown profile setting 'headline_maks'"),
        ("profile:\n  headline_max: lots\n", 5, "`headline_max` must be a whole number"),
        ("profile:\n  join_threshold: 2\n", 5, "`join_threshold` must be a number between 0 and 1"),
        ("profile:\n  column_words: 今日谈\n", 5, "`column_words` must be a list of words"),
        ("profile:\n  section_labels: 案例\n", 5, "`section_labels` must be a list of words"),
    ],
)
def test_a_wrong_profile_setting_is_an_error_at_its_line(tmp_path, extra, line, what):
    with pytest.raises(InputError) as raised:
        _config(tmp_path, extra)
    assert raised.value.problem.line == line and what in raised.value.problem.what


def test_profile_from_refuses_what_is_not_a_name_or_a_mapping():
    with pytest.raises(ProfileError):
        profile_from(["national-daily"])


def test_the_headline_length_limit_comes_from_the_profile():
    long_line = "沿海城市" * 17  # 68 characters, no punctuation
    assert not shapes.heading_shaped(long_line)
    assert shapes.heading_shaped(long_line, profile_from({"headline_max": 70}))


def test_a_column_word_below_a_headline_is_not_a_byline():
    # a column signed with a pen-like name (no word of the language in it) reads as a signature
    page = "城市更新要算长远账\n\n仲音\n\n老旧小区改造，既要看眼前的投入，也要算长远的账。\n"
    assert parse_page(page).articles[0].authors == ["仲音"]
    article = parse_page(page, profile=profile_from({"column_words": ["仲音"]})).articles[0]
    assert article.authors == [] and article.title.startswith("城市更新要算长远账")


def test_a_profile_hashes_by_its_values_once_and_pickles_without_the_hash():
    # The parser's remembered answers are keyed by (line, profile): the hash is worked out
    # once, and stays out of pickles (a string's hash differs between interpreters).
    profile = replace(DEFAULT, column_words=("今日谈",))
    assert hash(profile) == hash(replace(DEFAULT, column_words=("今日谈",))) != hash(DEFAULT)
    assert profile.__dict__.get("_hash") == hash(profile)
    copied = pickle.loads(pickle.dumps(profile))
    assert "_hash" not in copied.__dict__ and copied == profile and hash(copied) == hash(profile)
    assert replace(profile, headline_max=70) != profile and "_hash" not in replace(profile).__dict__


def _label_undressed(text: str, profile) -> bool:
    """`section_label` without its quick refusal of long lines."""
    text = shapes._LABEL_DRESS_RE.sub("", text)
    return bool(shapes._NUMBERED_PART_RE.match(text)) or any(
        text.startswith(word) and shapes.SECTION_NUMBER_RE.match(text[len(word) :]) for word in profile.section_labels
    )


def test_a_long_line_is_refused_as_a_section_label_only_where_undressing_would_refuse_it():
    # every label (a word and a number, `第…部分`), and lines that are nearly one, spaced out
    # and dressed as pages print them (`【案 例 二】`, `■案例二：`), around the length where
    # the quick refusal falls
    checked = 0
    for words in (("案例", "镜头"), ("第一现场观察",), ()):
        profile = replace(DEFAULT, section_labels=words)
        for number in ("二", "十二", "一〇五", "105", "1050"):
            for label in (*(word + number for word in words), f"第{number}部分", f"第{number}章"):
                for tail in ("", "新", "，"):
                    for gap in ("", " ", "\u3000", "  "):
                        spaced = gap.join(label + tail)
                        for lead in ("", "■", "【", " ", "\u3000■"):
                            for trail in ("", "】", "：", "】：", "\n", "：\n", "  "):
                                text = lead + spaced + trail
                                assert shapes.section_label(text, profile) == _label_undressed(text, profile), text
                                checked += 1
    assert checked > 10_000


def test_a_paper_that_labels_no_sections_still_parses():
    profile = profile_from({"section_labels": []})
    assert profile.section_labels == ()
    assert shapes.section_label("第三部分", profile) and not shapes.section_label("案例二", profile)
    (article,) = parse_page(
        "春耕正当时\n\n本报记者 张 明\n\n案例二\n\n农民们抓紧时间整地播种。\n", profile=profile
    ).articles
    assert article.title == "春耕正当时"


def test_a_box_title_is_known_as_printed_in_traditional_characters():
    """(the parser reads a traditional page in simplified characters: the pages and the home
    page after it must know the box it found, `圖片報道`, as `图片报道`)"""
    assert DEFAULT.is_box_title("圖片報道") and DEFAULT.is_box_title("今日 導讀")
    assert not DEFAULT.is_box_title("圖片說明")
