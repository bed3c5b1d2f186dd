"""Second looks at the articles the parser made (parse/second_look.py): readings worth an
archivist's look that no decision's margin shows, one warning an article, each with the
correction to write. The pages here are decisions as the parser records them, invented."""

from __future__ import annotations

import datetime as dt

import pytest

from build_scripts.ingest.source import PageMeta, SourcePage
from build_scripts.parse.model import Article, Decision, Kind, PageParse, Segment
from build_scripts.parse.second_look import second_looks
from build_scripts.problems import Report
from build_scripts.writers.parse_warnings import check_parse

KINDS = {"headline": Kind.HEADLINE, "byline": Kind.BYLINE, "subhead": Kind.SUBHEAD}


def page_of(*rows: tuple[int, str, str, str], articles: tuple[int, ...] = (1,)) -> PageParse:
    """Decisions (line, label, rule id, text; the rule's words hold a weighed chance as the
    parser writes it), in articles that open at the given lines."""
    decisions = [
        Decision(line, label, f"{rule} (55%: x)" if "evidence" in rule else rule, True, text, rule)
        for line, label, rule, text in rows
    ]
    made = []
    for n, first in enumerate(articles):
        last = articles[n + 1] - 1 if n + 1 < len(articles) else 10_000
        mine = [d for d in decisions if first <= d.line <= last]
        made.append(Article([Segment(KINDS.get(d.label, Kind.PARAGRAPH), d.text, d.line, d.line) for d in mine]))
    return PageParse(made, [], decisions)


def _chance(decision: Decision, percent: int) -> Decision:
    return Decision(
        decision.line,
        decision.label,
        f"of line {decision.line - 2}; {percent}%: x",
        True,
        decision.text,
        decision.rule_id,
    )


STORY = [
    (1, "headline", "headline.evidence", "乡村振兴见闻"),
    (3, "byline", "byline.reporter", "本报记者 张明"),
    (5, "paragraph", "paragraph.dateline", "本报杭州4月27日电  春耕时节，田间地头一片繁忙。"),
    (7, "paragraph", "paragraph.text", "村里的合作社今年新添了两台插秧机。"),
]
LONE = (9, "subhead", "subhead.evidence", "竹林深处有新路")
AFTER = (11, "paragraph", "paragraph.text", "山那边的村子也在忙着修路。")


def _ids(result: PageParse) -> list[tuple[str, int]]:
    return [(look.look_id, look.decision.line) for look in second_looks(result)]


def test_the_only_sub_head_far_below_its_headline_is_a_headline_perhaps():
    assert _ids(page_of(*STORY, LONE, AFTER)) == [("look.lone-subhead", 9)]


@pytest.mark.parametrize(
    "rows",
    [
        [*STORY, LONE, AFTER, (13, "subhead", "subhead.evidence", "水库边的新变化"), AFTER[:-1] + ("水清了。",)],  # two
        [*STORY, (9, "subhead", "subhead.evidence", "记者手记："), AFTER],  # a label
        [*STORY, (9, "subhead", "subhead.evidence", "算一算这笔账——"), AFTER],  # a lead-in to the lines below
        [*STORY, (9, "subhead", "subhead.evidence", "“竹林深处有新路"), AFTER],  # a quotation left open
        [*STORY, (9, "subhead", "subhead.short", "竹林深处有新路"), AFTER],  # not weighed against a headline
        [*STORY[:2], (5, "subhead", "subhead.evidence", "竹林深处有新路"), STORY[2]],  # right below the byline
    ],
)
def test_not_every_sub_head_is_a_lone_one(rows):
    assert _ids(page_of(*rows)) == []


SECTIONS = [(1, "headline", "headline.evidence", "我们的老师")]
for first, heading in (
    (3, ["讲台上的光"]),
    (9, ["山里的书声"]),
    (15, ["一封家书"]),
    (21, ["海岛来信", "守岛人的课堂"]),
):
    SECTIONS += [(first + n, "subhead", "subhead.section", text) for n, text in enumerate(heading)]
    SECTIONS += [
        (first + len(heading), "byline", "byline.section", "李  华"),
        (first + 4, "paragraph", "paragraph.text", "她把一生给了学生。"),
    ]


def test_one_section_unlike_its_siblings_is_a_story_of_its_own_perhaps():
    assert _ids(page_of(*SECTIONS)) == [("look.odd-section", 21)]
    alike = [row for row in SECTIONS if row[3] != "守岛人的课堂"]
    assert _ids(page_of(*alike)) == []  # four sections of one shape
    two_odd = [row for row in SECTIONS if row[0] < 9] + [
        (9, "subhead", "subhead.section", "山里的书声"),
        (10, "subhead", "subhead.section", "一位老师的一天"),
        (11, "byline", "byline.section", "李  华"),
        (13, "paragraph", "paragraph.text", "她把一生给了学生。"),
        *[row for row in SECTIONS if row[0] >= 15],
    ]
    assert _ids(page_of(*two_odd)) == []  # no shape the sections share: none is odd


def test_the_only_heading_with_its_own_byline_is_a_signed_story_perhaps():
    one = [*STORY[:3], (7, "subhead", "subhead.section", "海岛来信"), (8, "byline", "byline.section", "李  华"), AFTER]
    assert _ids(page_of(*one)) == [("look.lone-section", 7)]
    two = [
        *one[:-1],
        (10, "subhead", "subhead.section", "山里的书声"),
        (11, "byline", "byline.section", "王  芳"),
        (13, *AFTER[1:]),
    ]
    assert _ids(page_of(*two)) == []


CUT = (7, "paragraph", "paragraph.text", "当地把竹子做成了地板、家具和餐具，带动竹产业转型")


def test_a_paragraph_opening_with_a_scrap_of_a_sentence_is_the_rest_of_the_one_above_perhaps():
    scrap = (9, "paragraph", "paragraph.evidence", "升级。竹屑也用了起来，做成了生物质燃料。")
    assert _ids(page_of(*STORY[:3], CUT, scrap)) == [("look.fragment-opening", 9)]
    ended = (7, "paragraph", "paragraph.text", CUT[3] + "。")
    assert _ids(page_of(*STORY[:3], ended, scrap)) == []  # the block above ended its sentence
    short_above = (7, "paragraph", "paragraph.text", "带动竹产业转型")
    assert _ids(page_of(*STORY[:3], short_above, scrap)) == []
    a_sentence = (9, "paragraph", "paragraph.evidence", "竹屑也用了起来，做成了生物质燃料。")
    assert _ids(page_of(*STORY[:3], CUT, a_sentence)) == []
    long_sentence = (9, "paragraph", "paragraph.evidence", "竹屑做成的生物质燃料送进了千家万户。")
    assert _ids(page_of(*STORY[:3], CUT, long_sentence)) == []
    short_clauses = (9, "paragraph", "paragraph.evidence", "有人说，值。竹屑也用了起来。")
    assert _ids(page_of(*STORY[:3], CUT, short_clauses)) == []  # a sentence of its own, short as it is
    a_label = (7, "subhead", "subhead.section-label", "竹产业转型的三个关键词、一个经验和一点心得体会")
    assert _ids(page_of(*STORY[:3], a_label, scrap)) == []


def test_a_credit_line_right_under_the_headline_is_a_byline_perhaps():
    credited = [
        (1, "headline", "headline.evidence", "老手艺的新传人"),
        (3, "paragraph", "paragraph.credit", "讲述人：王  芳"),
    ]
    assert _ids(page_of(*credited, STORY[3])) == [("look.credit-under-headline", 3)]
    below_a_byline = [credited[0], STORY[1], (5, "paragraph", "paragraph.credit", "讲述人：王  芳")]
    assert _ids(page_of(*below_a_byline, (7, *STORY[3][1:]))) == []


POEM = [
    (1, "headline", "headline.evidence", "山谷里的风"),
    (3, "paragraph", "paragraph.lines", "风从山谷里吹来"),
    (4, "paragraph", "paragraph.lines", "吹过一片金黄的麦浪"),
    (5, "paragraph", "paragraph.lines", "吹过母亲的白发"),
]


def _poem_ending(last: str, *above: tuple[int, str, str, str]) -> PageParse:
    return page_of(*POEM, *above, (7, "paragraph", "paragraph.lines", last))


def test_a_name_glued_to_an_unsigned_poems_last_line_is_its_writer_perhaps():
    assert _ids(_poem_ending("一盏灯照亮了归途张建国")) == [("look.name-glued", 7)]
    assert "“张建国”" in second_looks(_poem_ending("一盏灯照亮了归途张建国"))[0].why
    assert _ids(_poem_ending("月光落满小路林秀芳")) == [("look.name-glued", 7)]
    # a surname, and a given name that is a word (`董` / `建设`)
    assert _ids(_poem_ending("风吹过长长的河岸董建设")) == [("look.name-glued", 7)]
    assert _ids(_poem_ending("张建国")) == []  # the name alone: a signature on its line, not glued to one
    signed = (6, "byline", "byline.end", "林秀芳")
    assert _ids(_poem_ending("一盏灯照亮了归途张建国", signed)) == []  # the article has its writer
    assert _ids(_poem_ending("一盏灯照亮了归途")) == []  # no name at the end
    assert _ids(_poem_ending("一盏灯照亮了归途张建国。")) == []  # a sentence ended: no signature glued to it
    assert _ids(_poem_ending("摄影：张建国")) == []  # a picture's credit, its name where it belongs
    assert _ids(_poem_ending("本报记者 张建国")) == []  # a byline the parser did not take for one: spaced
    # two characters the dictionary calls a name are often words (`麦田`): not told
    assert _ids(_poem_ending("我们越过那片金黄的麦田")) == []
    # a name the line calls, or tells of after who they are to the writer
    assert _ids(_poem_ending("感谢你，王建国")) == []
    assert _ids(_poem_ending("门前也留着外婆张桂兰")) == []


HEADED = [
    *STORY[:2],
    (5, "subhead", "subhead.evidence", "加快竹产业发展"),
    (7, "paragraph", "paragraph.text", "竹子生长周期短、固碳能力强，是优质的绿色原材料。"),
    (9, "paragraph", "paragraph.cut-below", "推动竹资源综合利用"),
    (11, "continuation", "join.evidence", "当地建起了竹制品加工厂，把竹屑也用了起来。"),
]


def _joined_at(rows, percent: int) -> PageParse:
    result = page_of(*rows)
    result.decisions[-1] = _chance(result.decisions[-1], percent)
    return result


def test_a_short_line_joined_like_the_articles_sub_heads_is_a_sub_head_perhaps():
    assert _ids(_joined_at(HEADED, 75)) == [("look.short-line-joined", 11)]
    assert _ids(_joined_at(HEADED, 95)) == []  # the evidence was sure
    no_other_heading = [row for row in HEADED if row[0] != 5]
    assert _ids(_joined_at(no_other_heading, 75)) == []
    word_across = [
        *HEADED[:4],
        (9, "paragraph", "paragraph.cut-below", "推动竹资源综合利用体"),
        (11, "continuation", "join.evidence", "系建设，把竹屑也用了起来。"),
    ]
    assert _ids(_joined_at(word_across, 75)) == []  # 体|系: a page break cut a word


PAGE = SourcePage("2026/2026-04-28_12_生态.txt", PageMeta(dt.date(2026, 4, 28), 12, "生态", "人民日报"), "", 1)


def test_each_look_is_a_warning_with_the_correction_to_write_one_an_article():
    report = Report()
    check_parse(
        PAGE,
        page_of(
            *STORY,
            LONE,
            AFTER,
            (20, "headline", "headline.evidence", "老手艺的新传人"),
            (22, "paragraph", "paragraph.credit", "讲述人：王  芳"),
            (24, *STORY[3][1:]),
            articles=(1, 20),
        ),
        report,
    )
    lone, credit = report.warnings
    assert (lone.line, credit.line) == (9, 22)
    assert (
        lone.what
        == "unsure: subhead: “竹林深处有新路” (the article's only sub-head, far below its headline: a new article's headline?)"
    )
    assert lone.fix.startswith("check it; if it is wrong, write `break_before: [9]` (the headline of a new article) or")
    assert "2026/2026-04-28_12_生态.fix.yml" in lone.fix
    assert credit.fix.startswith("check it; if it is wrong, write `lines: {22: byline}` (the article's byline)")
    report = Report()
    check_parse(PAGE, _joined_at(HEADED, 75), report)
    (joined,) = report.warnings
    assert joined.what.startswith(
        "unsure: continuation: “当地建起了竹制品加工厂，把竹屑也用了起来。” (line 9 above, short like the article's sub-heads"
    )
    assert "write `no_join: [11]` (a paragraph of its own)" in joined.fix


def test_a_name_glued_to_the_last_line_is_put_on_a_line_of_its_own_in_the_page():
    report = Report()
    check_parse(PAGE, _poem_ending("一盏灯照亮了归途张建国"), report)
    (glued,) = report.warnings
    assert glued.line == 7
    assert glued.what == (
        "unsure: paragraph: “一盏灯照亮了归途张建国” (the text ends in “张建国”, and the article has no byline: "
        "its writer's name?)"
    )
    assert glued.fix.startswith(
        "check it; if the line ends in the writer's name, put the name on a line of its own below line 7 in the "
        "page's file and write `lines: {8: byline}` in 2026/2026-04-28_12_生态.fix.yml"
    )


def test_an_article_gets_one_warning_the_first_that_applies():
    rows = [*STORY, LONE, AFTER]
    result = page_of(*rows)
    unsure = Decision(11, "paragraph", "no article above", False, AFTER[3], "byline.orphan")
    result.decisions[-1] = unsure  # the parser's own doubt comes first
    report = Report()
    check_parse(PAGE, result, report)
    assert [w.line for w in report.warnings] == [11]


def test_explain_lists_what_is_worth_a_second_look():
    from build_scripts.parse.explain import format_explanation

    told = format_explanation(PAGE, page_of(*STORY, LONE, AFTER))
    assert "worth a second look:\n      9  [look.lone-subhead] the article's only sub-head" in told
    assert "correct it in 2026-04-28_12_生态.fix.yml" in told and "? = unsure" not in told  # no line is marked `?`
    assert "worth a second look" not in format_explanation(PAGE, page_of(*STORY, AFTER))


def test_a_lone_section_may_have_a_heading_of_two_lines():
    rows = [
        *STORY[:3],
        (7, "subhead", "subhead.section", "海岛来信"),
        (8, "subhead", "subhead.section", "守岛人的课堂"),
        (9, "byline", "byline.section", "李  华"),
        AFTER,
    ]
    assert _ids(page_of(*rows)) == [("look.lone-section", 7)]


def test_far_below_the_headline_counts_lines_not_decisions():
    """A dateline and its paragraph share a line: a sub-head right below them is two lines
    below the headline, not three decisions."""
    rows = [
        STORY[0],
        (3, "dateline", "dateline.lead", "本报杭州4月27日电"),
        (3, "paragraph", "paragraph.dateline", "春耕时节，田间地头一片繁忙。"),
        (5, "subhead", "subhead.evidence", "竹林深处有新路"),
        (7, *AFTER[1:]),
    ]
    assert _ids(page_of(*rows)) == []


def _headline_unsure(*rows, articles: tuple[int, ...]) -> PageParse:
    """The page, its weighed headline at line 20 unsure (a chance in `HEADLINE_UNSURE`)."""
    result = page_of(*rows, articles=articles)
    result.decisions[:] = [Decision(d.line, d.label, d.rule, d.line != 20, d.text, d.rule_id) for d in result.decisions]
    return result


def test_a_look_at_the_article_comes_before_the_margin_of_its_headline():
    # the headline weighed at 55 % over a credit line: the look's fix (the credit is the
    # byline) says more than the margin's (a sub-head of the article above)
    headline, credit = (
        (20, "headline", "headline.evidence", "老手艺的新传人"),
        (22, "paragraph", "paragraph.credit", "讲述人：王  芳"),
    )
    report = Report()
    check_parse(PAGE, _headline_unsure(*STORY, headline, credit, (24, *STORY[3][1:]), articles=(1, 20)), report)
    (warning,) = [w for w in report.warnings if w.line >= 20]
    assert warning.line == 22 and "`lines: {22: byline}`" in warning.fix
    # without the look, the margin warns
    report = Report()
    check_parse(PAGE, _headline_unsure(*STORY, headline, (24, *STORY[3][1:]), articles=(1, 20)), report)
    (warning,) = [w for w in report.warnings if w.line >= 20]
    assert warning.line == 20 and "`lines: {20: subhead}`" in warning.fix
