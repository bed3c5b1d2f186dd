"""Sidecar `.fix.yml` corrections change how a page is cut, never the raw text."""

from __future__ import annotations

import json

import pytest
from conftest import make_archive, run_cli

# Two articles; the second has no byline at its top and no dateline, and follows the first
# after a single blank line, so on its own the parser reads its headline as a sub-head.
PAGE = """\
全省春运开局平稳

本报记者 王小明

今年春运从1月17日开始，全省铁路、公路、水路运输总体平稳有序。

据统计，春运首日全省发送旅客120万人次。

西湖边梅花开了

连日来，杭州植物园的梅花陆续开放，吸引市民游客前来赏梅

拍照留念，园方提醒游客文明赏花。

本版责编 王华
"""


def convert(project):
    return run_cli("convert", "--source", str(project / "source_texts"), "--docs", str(project / "docs"))


def records(project):
    text = (project / "docs/data/articles.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines()]


def archive_with(tmp_path, fix: str | None):
    files = {"2022/2022-01-28_02.txt": PAGE}
    if fix is not None:
        files["2022/2022-01-28_02.fix.yml"] = fix
    return make_archive(tmp_path, files, with_sample=False)


def test_without_corrections_the_second_headline_is_read_as_a_sub_head(tmp_path):
    project = archive_with(tmp_path, None)
    assert convert(project).returncode == 0
    assert [r["title"] for r in records(project)] == ["全省春运开局平稳"]


def test_break_before_starts_an_article(tmp_path):
    project = archive_with(tmp_path, "break_before: [9]\n")
    result = convert(project)
    assert result.returncode == 0, result.stderr
    rows = records(project)
    assert [r["title"] for r in rows] == ["全省春运开局平稳", "西湖边梅花开了"]
    assert rows[0]["text"].endswith("120万人次。")
    assert (project / "source_texts/2022/2022-01-28_02.txt").read_text(encoding="utf-8") == PAGE


def test_a_line_marked_as_headline(tmp_path):
    project = archive_with(tmp_path, "lines:\n  9: headline\n")
    assert convert(project).returncode == 0
    assert [r["title"] for r in records(project)] == ["全省春运开局平稳", "西湖边梅花开了"]


def test_no_join_keeps_two_paragraphs_and_join_joins_them(tmp_path):
    project = archive_with(tmp_path, "break_before: [9]\nno_join: [13]\n")
    assert convert(project).returncode == 0
    assert records(project)[1]["text"].split("\n\n") == [
        "连日来，杭州植物园的梅花陆续开放，吸引市民游客前来赏梅",
        "拍照留念，园方提醒游客文明赏花。",
    ]
    project = archive_with(tmp_path / "again", "join: [7]\n")
    assert convert(project).returncode == 0
    assert "120万人次。今年" not in records(project)[0]["text"]
    assert "发送旅客120万人次。" in records(project)[0]["text"]
    paragraphs = records(project)[0]["text"].split("\n\n")
    assert (
        paragraphs[0]
        == "今年春运从1月17日开始，全省铁路、公路、水路运输总体平稳有序。据统计，春运首日全省发送旅客120万人次。"
    )


def test_furniture_label_and_metadata(tmp_path):
    project = archive_with(tmp_path, "break_before: [9]\nlines:\n  15: furniture\nmeta:\n  page_name: 社会\n")
    assert convert(project).returncode == 0
    rows = records(project)
    assert all("王华" not in r["text"] for r in rows)
    assert {(r["page"], r["page_name"]) for r in rows} == {(2, "社会")}


@pytest.mark.parametrize(
    ("fix", "line", "words"),
    [
        ("break_before: [9]\nsplit: [3]\n", 2, "unknown key 'split'"),
        ("break_before: [8]\n", 1, "line 8, which is blank"),
        ("break_before: [99]\n", 1, "line 99, which is not part of the text"),
        ("break_before:\n  - 9\n  - 99\n", 3, "line 99, which is not part of the text"),  # the entry's own line
        ("lines:\n  9: title\n", 2, "unknown label 'title'"),
        ("join: 7\n", 1, "must be a list of line numbers"),
        ("break_before: [9\n", 2, "not valid YAML"),
        # a key given twice would keep only the second: the first correction lost in silence
        ("join: [13]\nno_join: [11]\njoin: [15]\n", 3, "`join` is given twice (first on line 1)"),
        ("join: [13]\njoin: [15]\n", 2, "put the entries of both under one `join:`, e.g. `join: [13, 15]`"),
        ("lines: {9: headline}\nlines:\n  13: subhead\n", 2, "e.g. `lines: {9: headline, 13: subhead}`"),
        ("lines:\n  9: headline\n  9: subhead\n", 3, "line 9 is given twice under `lines` (first on line 2)"),
        ("meta:\n  page: 2\n  page: 3\n", 3, "`page` is given twice under `meta` (first on line 2)"),
        # corrections that contradict each other, or join what has nothing above it
        ("join: [13]\nno_join: [13]\n", 1, "line 13 is in `join` (it continues the paragraph above) and in `no_join`"),
        (
            "join: [9]\nbreak_before: [9]\n",
            1,
            "line 9 is in `join` (it continues the paragraph above) and in `break_before`",
        ),
        ("join: [1]\n", 1, "`join` names line 1, the first line of the text"),
        # a bad `meta` value is the sidecar's, at its own line
        ("lines:\n  15: furniture\nmeta:\n  page: four\n", 4, "page 'four' is not a number"),
        ("meta:\n  date: 2022-02-30\n", 2, "`meta` has an impossible date '2022-02-30'"),
        ("meta:\n  date: 1022-02-03\n", 2, "`meta` has the date 1022-02-03, before any newspaper"),
        # punctuation as a Chinese input method types it: the error names it
        ("break_before：[9]\n", 1, "write YAML's punctuation in ASCII: “：” → `:`"),
        ("break_before: [9，13]\n", 1, "write YAML's punctuation in ASCII: “，” → `,`"),
        ("lines:\n  9： headline\n", 2, "“：” → `:`"),
        ("lines：\n  9: headline\n", 2, "“：” → `:`"),  # (YAML finds it a line late)
        ("meta:\n  page：4\n", 2, "“：” → `:`"),  # a key under `meta` is YAML's
    ],
)
def test_bad_corrections_are_clear_errors(tmp_path, fix, line, words):
    project = archive_with(tmp_path, fix)
    result = convert(project)
    assert result.returncode == 2
    assert f"2022/2022-01-28_02.fix.yml:{line}: " in result.stderr
    assert words in result.stderr
    assert "Traceback" not in result.stderr
    # a source file is at fault: the others could be converted past it
    assert (
        "stopped at the first problem; " in result.stderr and "--keep-going converts the other files" in result.stderr
    )


@pytest.mark.parametrize(
    ("fix", "line", "words"),
    [
        ("meta:\n  page_name: 要闻：综合\n  page: four\n", 3, "page 'four' is not a number"),
        ("break_before: [9, 30]  # 第30行：正文\n", 1, "names line 30, which is not part of the text"),
    ],
)
def test_a_full_width_colon_in_a_meta_value_or_a_comment_is_text_and_not_named(tmp_path, fix, line, words):
    result = convert(archive_with(tmp_path, fix))
    assert result.returncode == 2
    assert f"2022/2022-01-28_02.fix.yml:{line}: " in result.stderr and words in result.stderr
    assert "ASCII" not in result.stderr


@pytest.mark.parametrize(
    ("name", "words"),
    [
        (
            "2022-01-28_02.txt.fix.yml",
            "is named after 2022-01-28_02.txt with its .txt: its corrections are not applied",
        ),
        ("2022-01-28_02.fix.yaml", "ends in .fix.yaml, not .fix.yml: its corrections are not applied"),
        ("2022-01-28_2.fix.yml", "is a correction file for no page file here (2022-01-28_2.txt is not beside it)"),
    ],
)
def test_a_correction_file_named_for_no_page_file_is_a_warning(tmp_path, name, words):
    """Named otherwise than its page file, a sidecar corrects nothing: the archivist is told,
    and which file it was probably meant for."""
    project = make_archive(tmp_path, {"2022/2022-01-28_02.txt": PAGE, f"2022/{name}": "break_before: [9]\n"}, False)
    result = convert(project)
    assert result.returncode == 0, result.stderr
    assert f"warning: 2022/{name}: {words}" in result.stderr
    assert "2022-01-28_02.fix.yml" in result.stderr.split(f"warning: 2022/{name}:")[1].splitlines()[0]  # the fix
    assert len(records(project)) == 1  # not applied: the second headline is still read as a sub-head


def test_a_correction_file_named_for_its_page_gives_no_warning(tmp_path):
    project = archive_with(tmp_path, "break_before: [9]\n")
    result = convert(project)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    assert len(records(project)) == 2
    assert "parsed 1 of 1 source files; 1 with corrections (.fix.yml); docs/: " in result.stdout  # it says so


# Three short lines in a row, with text below: a list's items to the parser, not headings.
LIST_PAGE = """\
春耕时节走田间

本报记者 王小明

今年春耕从3月开始，全省各地农民忙着播种，田间地头一派繁忙景象。

选好种子

整好田地

管好水肥

各地农技人员深入田间地头，指导农民科学种田，确保春耕生产顺利进行。
"""


def test_lines_labelled_sub_heads_stay_sub_heads_however_many_in_a_row(tmp_path):
    """A label applies whatever the line looks like: not undone by the rule that reads three
    sub-heads in a row as the lines of a list or a poem."""
    fix = "lines: {7: subhead, 9: subhead, 11: subhead}\n"
    project = make_archive(tmp_path, {"2022/2022-03-01_02.txt": LIST_PAGE, "2022/2022-03-01_02.fix.yml": fix}, False)
    assert convert(project).returncode == 0
    assert len(records(project)) == 1
    (page,) = [
        f.read_text(encoding="utf-8") for f in (project / "docs/2022/03/01").glob("*.md") if f.name != "index.md"
    ]
    headings = " ".join(line for line in page.splitlines() if line.startswith("## "))
    assert all(line in headings for line in ("选好种子", "整好田地", "管好水肥")), page


def test_a_page_edited_above_a_corrected_line_is_an_error_until_the_correction_is_renumbered(tmp_path):
    """Lines inserted above a corrected line move it: the correction would cut another line,
    and publish a wrongly cut page. The conversion says where the line is now; with
    --keep-going the page keeps what its last conversion published — and where there is none
    (a changed archive.yml starts the cache afresh), it is published as written, not withdrawn."""
    files = {"2022/2022-01-28_02.txt": PAGE, "2022/2022-01-28_02.fix.yml": "break_before: [9]\n"}
    project = make_archive(tmp_path, {**files, "2022/2022-01-28_03.txt": SECTIONS_PAGE}, with_sample=False)
    assert "warning" not in convert(project).stderr
    published = records(project)
    page = project / "source_texts/2022/2022-01-28_02.txt"
    page.write_text(
        "全省春运开局平稳\n\n" + PAGE.split("\n", 2)[2].replace("本报记者", "本报记者 李四\n\n本报记者", 1), "utf-8"
    )
    stale = (
        "2022/2022-01-28_02.fix.yml:1: names line 9, which read “西湖边梅花开了” when the correction was written "
        "and reads “据统计，春运首日"
    )
    keep_going = ("convert", "--keep-going", "--source", str(project / "source_texts"), "--docs", str(project / "docs"))
    for _ in range(2):  # every run, while the sidecar is as it was
        result = convert(project)
        assert result.returncode == 2 and "Traceback" not in result.stderr
        assert f"error: {stale}" in result.stderr, result.stderr
        assert "“西湖边梅花开了” is line 11 now: write 11 for 9 in it" in result.stderr
        kept = run_cli(*keep_going)
        assert f"error: {stale}" in kept.stderr and "its articles stay as the last conversion made them" in kept.stderr
        assert records(project) == published  # not cut at the line 9 is now
    config = project / "source_texts/archive.yml"
    config.write_text(config.read_text(encoding="utf-8") + "# 注释\n", encoding="utf-8")
    afresh = run_cli(*keep_going)
    assert f"warning: {stale}" in afresh.stderr and "the page is published as the sidecar is written" in afresh.stderr
    assert "withdrawn" not in (project / "source_texts/urls.lock").read_text(encoding="utf-8")
    assert {r["source"]["file"] for r in records(project)} == {"2022/2022-01-28_02.txt", "2022/2022-01-28_03.txt"}
    (project / "source_texts/2022/2022-01-28_02.fix.yml").write_text("break_before: [11]\n", encoding="utf-8")
    result = convert(project)
    assert result.returncode == 0 and "fix.yml" not in result.stderr, result.stderr
    assert [r["title"] for r in records(project)][:2] == ["全省春运开局平稳", "西湖边梅花开了"]
    assert "李四" in records(project)[0]["byline"]


def test_a_corrected_line_that_moved_is_found_where_the_line_now_named_reads_alike(tmp_path):
    """`本报记者 李四` inserted above a labelled `本报记者 王小明` reads much like it: the page still
    has the labelled line as it read, two lines down, so the number names another line."""
    project = archive_with(tmp_path, "lines:\n  3: furniture\n")
    assert convert(project).returncode == 0
    page = project / "source_texts/2022/2022-01-28_02.txt"
    page.write_text(PAGE.replace("本报记者 王小明", "本报记者 李四\n\n本报记者 王小明", 1), "utf-8")
    result = convert(project)
    assert result.returncode == 2
    assert "“本报记者 王小明” is line 5 now: write 5 for 3 in it" in result.stderr, result.stderr
    # (it reads alike: line 3 may have been edited instead, and the sidecar edited says so)
    assert "if line 3 itself was edited and is still the line meant, change the sidecar" in result.stderr
    sidecar = project / "source_texts/2022/2022-01-28_02.fix.yml"
    sidecar.write_text("# 第3行改过了\n" + sidecar.read_text(encoding="utf-8"), encoding="utf-8")
    assert convert(project).returncode == 0


def test_a_corrected_line_edited_in_place_keeps_its_correction_and_is_told_once(tmp_path):
    project = archive_with(tmp_path, "break_before: [9]\n")
    assert "warning" not in convert(project).stderr
    page = project / "source_texts/2022/2022-01-28_02.txt"
    page.write_text(PAGE.replace("西湖边梅花开了", "西湖边的梅花开了"), "utf-8")
    result = convert(project)
    assert result.returncode == 0
    assert (
        "warning: 2022/2022-01-28_02.fix.yml:1: names line 9, which read “西湖边梅花开了” when the correction was "
        "written and reads “西湖边的梅花开了” now: taken for the same line, edited" in result.stderr
    ), result.stderr
    assert [r["title"] for r in records(project)] == ["全省春运开局平稳", "西湖边的梅花开了"]
    page.write_text(PAGE.replace("西湖边梅花开了", "西湖边的梅花开了").replace("平稳有序", "平稳、有序"), "utf-8")
    again = convert(project)
    assert again.returncode == 0 and "fix.yml" not in again.stderr, again.stderr


# Numbered lines of phrases: the headings of an article's sections, to the parser.
SECTIONS_PAGE = """\
春耕时节走田间

本报记者 王小明

今年春耕从3月开始，全省各地农民忙着播种，田间地头一派繁忙景象。

一、选好种子，打牢丰收基础

各地农技人员深入田间地头，指导农民选用良种，确保春耕生产顺利进行。

二、整好田地，守住耕地红线

据统计，全省已完成春播面积三百万亩，比去年同期略有增加。
"""


def test_lines_labelled_paragraphs_stay_paragraphs_where_the_article_has_sections(tmp_path):
    """Nor does the rule that reads lines of phrases as the headings of sections undo a label."""
    files = {"2022/2022-03-02_02.txt": SECTIONS_PAGE}
    (page,) = _article_pages(make_archive(tmp_path / "a", files, False))
    assert "## 一、选好种子，打牢丰收基础" in page  # without a label: a heading
    files["2022/2022-03-02_02.fix.yml"] = "lines: {7: paragraph, 11: paragraph}\n"
    (page,) = _article_pages(make_archive(tmp_path / "b", files, False))
    assert "## " not in page and "\n一、选好种子，打牢丰收基础\n" in page, page


def _article_pages(project) -> list[str]:
    assert convert(project).returncode == 0
    days = (project / "docs/2022/03").rglob("*.md")
    return [f.read_text(encoding="utf-8") for f in days if f.name != "index.md"]


def test_a_correction_file_is_never_told_to_take_the_name_of_another_pages_corrections(tmp_path):
    """Renamed, it would replace the corrections of the page it was taken for: merged instead."""
    files = {
        "2022/2022-01-28_03.txt": PAGE,
        "2022/2022-01-28_03.fix.yml": "break_before: [9]\n",
        "2022/2022-01-28_02.fix.yml": "lines:\n  15: furniture\n",  # its page, _02, is gone
    }
    result = convert(make_archive(tmp_path, files, with_sample=False))
    assert result.returncode == 0, result.stderr
    assert (
        "warning: 2022/2022-01-28_02.fix.yml: is a correction file for no page file here (2022-01-28_02.txt is not "
        "beside it): its corrections are not applied — if it is meant for 2022-01-28_03.txt, merge its corrections "
        "into 2022-01-28_03.fix.yml and remove it; if its page is gone, remove it"
    ) in result.stderr
    assert "rename it to 2022-01-28_03.fix.yml" not in result.stderr
