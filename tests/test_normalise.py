"""Normalisation: line endings and spaces unified, invisible characters removed and counted
with their lines — and nothing visible ever dropped."""

from __future__ import annotations

import re
import unicodedata

from conftest import SAMPLE_TEXT, make_archive
from hypothesis import given, settings
from hypothesis import strategies as st
from inputs import convert, records

from build_scripts.ingest.normalise import normalise
from build_scripts.problems import Report


def run(text: str) -> tuple[str, Report]:
    report = Report()
    return normalise(text, "2022-01-28.txt", report), report


def test_line_endings_of_every_kind_become_newlines():
    text, report = run("一\r\n二\r三\u2028四\u2029五\x0c六\x85七\x0b八\n")
    assert text == "一\n二\n三\n四\n五\n六\n七\n八\n"
    (notice,) = report.notices
    assert "U+2028 LINE SEPARATOR" in notice.what and "U+2029 PARAGRAPH SEPARATOR" in notice.what
    assert not report.warnings  # nothing was removed


def test_every_kind_of_space_becomes_a_space_but_the_ideographic_one_is_kept():
    text, report = run("\u3000\u3000浙江\u00a0日报\t第一版\u2003要闻\u202f新闻")
    assert text == "\u3000\u3000浙江 日报 第一版 要闻 新闻"
    assert not report.warnings and not report.notices


def test_removed_characters_are_counted_by_kind_with_their_lines():
    text, report = run("标题\n\n本报讯\u200b 正文\u200b。\n正文\x00二\x07。\n\u202e反转\u202c\n")
    assert text == "标题\n\n本报讯 正文。\n正文二。\n反转\n"
    assert not report.warnings  # nothing to act on: a note
    (warning,) = report.notices
    assert str(warning).startswith("2022-01-28.txt:3: removed 6 invisible characters: ")
    assert "2 × U+200B ZERO WIDTH SPACE (line 3)" in warning.what
    assert "1 × U+0000 NUL (line 4)" in warning.what
    assert "1 × U+0007 control character (line 4)" in warning.what
    assert "1 × U+202E RIGHT-TO-LEFT OVERRIDE (line 5)" in warning.what
    assert warning.fix


def test_many_lines_are_listed_briefly():
    _, report = run("\u200b段落。\n" * 30)
    assert "(lines 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 20 more)" in report.notices[0].what


def test_many_notes_with_the_same_advice_are_counted_past_the_first_few(tmp_path):
    files = {f"2022-01-{day:02d}.txt": "标题\n\n正文\u200b。\n" for day in range(1, 9)}
    project = make_archive(tmp_path, files, with_sample=False)
    result = convert(project)
    notes = [line for line in result.stderr.splitlines() if line.startswith("note: ")]
    assert len([n for n in notes if "removed 1 invisible character" in n]) == 5
    assert notes[-1].startswith("note: … and 3 more like these (nothing to do")
    every = convert(project, "--all-notes")
    assert len([n for n in every.stderr.splitlines() if "removed 1 invisible character" in n]) == 8


def test_private_use_and_unassigned_characters_are_kept():
    # Old fonts put rare characters in the private-use area; U+31350 (CJK Extension H) is
    # newer than some Unicode databases. Both are text.
    text, report = run("人名\ue000字 和 \U00031350 字")
    assert text == "人名\ue000字 和 \U00031350 字"
    assert not report.warnings
    assert "1 private-use character(s) kept on line 1" in report.notices[0].what


def test_replacement_characters_are_kept_and_reported():
    text, report = run("第一行\n损坏的��字\n")
    assert text == "第一行\n损坏的��字\n"
    assert str(report.warnings[0]).startswith("2022-01-28.txt:2: 2 × U+FFFD (�) on line 2")


def test_the_sample_is_unchanged():
    text, report = run(SAMPLE_TEXT)
    assert text == SAMPLE_TEXT
    assert not report.warnings and not report.notices


def test_removals_reach_the_user_through_the_cli(tmp_path):
    project = make_archive(tmp_path, {"2022-01-29.txt": "标题\r\n\r\n本报讯\u200b 正文\x00。\r\n"}, with_sample=False)
    result = convert(project)
    assert result.returncode == 0
    assert (
        "note: 2022-01-29.txt:3: removed 2 invisible characters: 1 × U+0000 NUL (line 3); 1 × U+200B" in result.stderr
    )
    assert records(project)[0]["text"] == "正文。"


# ---------------------------------------------------------------------------------------
# The invariant: only invisible characters go, each one counted
# ---------------------------------------------------------------------------------------

# Characters a reader can see: letters, marks, numbers, punctuation, symbols, private-use
# and unassigned code points (which may be newer characters than this Unicode database).
VISIBLE = {"L", "M", "N", "P", "S"}


def visible(ch: str) -> bool:
    category = unicodedata.category(ch)
    return category[0] in VISIBLE or category in ("Co", "Cn") and not _noncharacter(ch)


BREAKS_AND_TABS = "\t\n\r\u2028\u2029\x85\x0b\x0c"


def _noncharacter(ch: str) -> bool:
    return 0xFDD0 <= ord(ch) <= 0xFDEF or ord(ch) & 0xFFFE == 0xFFFE


interesting = st.sampled_from(
    list(
        "\u200b\u200c\u200d\u2060\ufeff\u00ad\u202a\u202e\u2066\u0000\u0007\u001b\u007f\u0085\u2028\u2029"
        "\u00a0\u3000\u2003\t\r\n\x0b\x0c\ufffd\ue000\ufdd0\uffff\u0600\U000e0001"
    )
)
any_char = st.characters(codec="utf-8") | st.characters(blacklist_categories=("Cs",))
texts = st.text(alphabet=st.one_of(interesting, st.sampled_from(list("浙江日报。，“”")), any_char), max_size=60)


@settings(max_examples=500, deadline=None)
@given(texts)
def test_nothing_visible_is_dropped_and_every_removal_is_counted(raw):
    text, report = run(raw)
    # Every visible character survives, in order.
    assert [ch for ch in raw if visible(ch)] == [ch for ch in text if visible(ch)]
    # What went missing is exactly what the note counts.
    gone = [ch for ch in raw if not visible(ch) and not unicodedata.category(ch) == "Zs" and ch not in BREAKS_AND_TABS]
    counted = sum(int(n) for w in report.notices if "invisible" in w.what for n in re.findall(r"(\d+) × U\+", w.what))
    assert counted == sum(1 for ch in gone if ch not in text)
    # Lines stay lines: one output line for every line break of any kind in the input.
    breaks = len(re.findall("\r\n|[\r\n\u2028\u2029\x85\x0b\x0c]", raw))
    assert text.count("\n") == breaks


@settings(max_examples=200, deadline=None)
@given(texts)
def test_normalising_twice_changes_nothing(raw):
    once, _ = run(raw)
    twice, report = run(once)
    assert twice == once
    assert not any("invisible" in w.what for w in report.notices)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_the_quick_paths_give_what_looking_at_every_character_gives(raw):
    """Plain files and lines skip the look at each character: they must come out as if it had
    been made (`classify`, character by character, after the line breaks are unified)."""
    from build_scripts.ingest.normalise import classify

    unified = re.sub("\r\n|[\r\u2028\u2029\x85\x0b\x0c]", "\n", raw)
    action = {"space": " ", "remove": ""}
    assert run(raw)[0] == "".join(action.get(classify(ch), ch) for ch in unified)
