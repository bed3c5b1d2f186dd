"""The three layouts raw page text reaches users in, detected from each file by itself:
blocks separated by blank lines, one paragraph a line marked by indentation, and the same
hard-wrapped at a column's width. The same invented page is written in each layout and
must come out the same."""

from __future__ import annotations

from conftest import non_space

from build_scripts.parse.layout import build_units, detect_layout
from build_scripts.parse.parser import parse_page

IND = "\u3000\u3000"

# (title lines, byline, paragraphs); the second paragraph of the first article is cut by a
# page break in the middle of a word (港|口).
ARTICLES = [
    (
        ["沿海小城试点智慧码头", "夜间装卸效率提升三成"],
        "本报记者 林安然",
        [
            "春雨过后，东湾码头的吊机在夜色里依次亮起，调度员通过屏幕安排每一条作业线。",
            "码头负责人介绍，新系统把船舶到港、堆场和集卡的信息放在一张图上，港口夜间装卸的等待时间因此缩短了不少。",
            "下一步，当地还将把经验推广到另外两个作业区。",
        ],
    ),
    (
        ["山区学校开出木工课"],
        "",
        [
            "周三下午，十几个孩子围着工作台学习刨木头，教室里满是松木的香气。",
            "老师说，动手做一张小板凳，比讲十遍安全规则更让孩子们记得住。",
        ],
    ),
]
CUT = (0, 1, 38)  # article 0, paragraph 1, cut after 38 characters


def _indent_text(width: int = 0) -> str:
    out: list[str] = []

    def para(text: str, indent: bool = True) -> list[str]:
        first = (IND if indent else "") + text
        if not width:
            return [first]
        return [first[i : i + width] for i in range(0, len(first), width)]

    for a, (titles, byline, paragraphs) in enumerate(ARTICLES):
        out += titles
        if byline:
            out.append(byline)
        for n, text in enumerate(paragraphs):
            if (a, n) == CUT[:2]:
                out += para(text[: CUT[2]]) + [""] + para(text[CUT[2] :], indent=False)
            else:
                out += para(text)
        out.append("")
    return "\n".join(out) + "\n"


def _blank_text() -> str:
    out: list[str] = [""]
    for a, (titles, byline, paragraphs) in enumerate(ARTICLES):
        out += [" ".join(titles), ""]
        if byline:
            out += [byline, ""]
        for n, text in enumerate(paragraphs):
            if (a, n) == CUT[:2]:
                out += [text[: CUT[2]], "", text[CUT[2] :], ""]
            else:
                out += [text, ""]
        out.append("")
    return "\n".join(out)


def _cut(text: str) -> list[tuple[str, list[str], str]]:
    result = parse_page(text)
    return [(non_space(a.title), [b.text for b in a.blocks], a.byline) for a in result.articles]


def _expected() -> list[tuple[str, list[str], str]]:
    return [("".join(titles), paragraphs, byline) for titles, byline, paragraphs in ARTICLES]


def test_each_layout_is_recognised():
    assert detect_layout(_blank_text().split("\n")).name == "blank"
    assert detect_layout(_indent_text().split("\n")).name == "indent"
    wrapped = detect_layout(_indent_text(width=16).split("\n"))
    assert wrapped.name == "wrapped" and wrapped.wrap_width == 16 and wrapped.indented


def test_blank_layout_page_is_cut_right():
    assert _cut(_blank_text()) == _expected()


def test_indent_layout_page_is_cut_right():
    """Indentation starts a paragraph; a line that is not indented after a blank line is the
    rest of a paragraph a page break cut; headline pieces and the byline are not indented."""
    assert _cut(_indent_text()) == _expected()


def test_wrapped_layout_page_is_cut_right():
    """Lines as wide as the column carry on the paragraph; the short line ends it."""
    assert _cut(_indent_text(width=16)) == _expected()


def test_wrapped_lines_keep_their_line_numbers():
    units, _ = build_units(_indent_text(width=16), 1)
    paragraph = next(u for u in units if u.text.startswith("春雨过后"))
    assert paragraph.line < paragraph.end_line  # one block, from its first line to its last


def test_a_file_mixing_layouts_converts_without_loss():
    text = _blank_text() + "\n\n" + _indent_text() + "\n\n" + _indent_text(width=16)
    result = parse_page(text)
    pieces = "".join(s.text for s in result.segments_in_order)
    assert non_space(pieces) == non_space(text)
    assert len(result.articles) >= 4


def _wrap(paragraph: str, width: int = 16) -> list[str]:
    text = IND + paragraph
    return [text[k : k + width] for k in range(0, len(text), width)]


def test_a_headline_as_wide_as_the_column_keeps_its_byline_below_it():
    headline = "谁在给孩子们的书包“加码”？（社会走笔）"
    assert len(headline) == 20
    lines = [
        "山区学校开出木工课",
        "",
        *_wrap("春天开学后，山里的孩子们第一次拿起了刨子和墨斗，在老师的带领下做出了小板凳。", 20),
        *_wrap("木工老师说，孩子们最喜欢的是给自己的小板凳刻上名字，一个学期下来人人都有作品。", 20),
        "李 明",
        "",
        headline,
        "吴 限",
        *_wrap("开学不久，不少家长发现孩子的书包越来越沉，课本之外还多了好几本练习册和辅导书。", 20),
        *_wrap("减负不能只停留在口头上，学校和家长都要算一算孩子书包里的这笔账，把该减的减下来。", 20),
    ]
    articles = parse_page("\n".join(lines) + "\n").articles
    assert [a.title for a in articles] == ["山区学校开出木工课", headline]
    assert articles[1].authors == ["吴限"]


def _page_with_second_article(headline: list[str], byline: str = "本报记者 林安然") -> list[str]:
    return [
        "山区学校开出木工课",
        "",
        *_wrap("春天开学后，山里的孩子们第一次拿起了刨子和墨斗，在老师的带领下做出了小板凳。", 20),
        *_wrap("木工老师说，孩子们最喜欢的是给自己的小板凳刻上名字，一个学期下来人人都有作品。", 20),
        "李 明",  # the article above ends with no sentence: a page break could have cut it
        "",
        *headline,
        *([byline] if byline else []),
        *_wrap("五月以来，东湾码头的吊机在夜色里依次亮起，调度员通过屏幕安排每一条作业线。", 20),
        *_wrap("码头负责人介绍，新系统把船舶到港、堆场和集卡的信息放在一张图上，等待时间缩短不少。", 20),
    ]


def test_a_headline_line_wider_than_the_column_is_not_the_rest_of_the_line_above():
    first = "沿海小城智慧码头一期工程首个泊位完成建设"  # a line as wide as the column, or one less
    second = "先从夜间装卸开始实施，再逐步推广到全港各个作业区，预计需要两年左右完成全部改造"
    assert 19 <= len(first) <= 20 < len(second)
    articles = parse_page("\n".join(_page_with_second_article([first, second], "")) + "\n").articles
    assert [a.title_parts for a in articles][1] == [first, second]


def test_a_second_headline_line_its_byline_follows_is_not_the_rest_of_the_first():
    first = "沿海小城智慧码头试点工作交出亮眼成绩单"  # a line as wide as the column, or one less
    second = "夜间装卸效率提升三成"
    assert len(first) == 19
    articles = parse_page("\n".join(_page_with_second_article([first, second])) + "\n").articles
    assert [a.title_parts for a in articles][1] == [first, second]
    assert articles[1].authors == ["林安然"]


# Figures and Latin letters, as a finance page prints them: set half as wide as a Han character
FIGURES = [
    (
        ["恒指跌1.2%收报16,595点 科技股拖累大市"],
        "记者 吴家乐 报道",
        [
            "港股今日低开低走，恒生指数收市跌201点或1.2%，报16,595点，全日成交额约980亿港元。",
            "科技股普遍下跌，腾讯（00700）跌2.1%，阿里巴巴（09988）跌3.4%，美团（03690）更急挫5.2%。",
            "分析员指出，“高息”“缩表”“避险”……“资金撤出”“估值下调”，成了今天交易大厅里最常听到的词，AI概念股首当其冲。",
        ],
    ),
]


def _in_columns(text: str, width: int) -> list[str]:
    """`text` hard-wrapped where a column of `width` half-width places is full, as Chinese type
    sets it: a Han character, a full-width mark or a quotation mark two places, a digit one."""
    lines, line = [], ""
    for ch in text:
        if sum(1 if c.isascii() else 2 for c in line + ch) > width:
            lines.append(line)
            line = ""
        line += ch
    return lines + [line]


def test_text_wrapped_where_the_column_of_type_is_full_is_recognised_by_its_width_in_columns():
    """Text copied out of a set column breaks where the column is full: a line of figures
    holds more characters than a line of Han characters, and only their width in columns
    (a Han character two, a digit one) is the same."""
    out: list[str] = []
    for titles, byline, paragraphs in FIGURES:
        out += titles + [byline]
        for text in paragraphs:
            out += _in_columns(IND + text, 36)
    lines = out + [""]
    assert len({len(line) for line in out[2:-1]}) > 2  # as characters the lines differ
    layout = detect_layout(lines)
    assert layout.name == "wrapped" and layout.by_display and layout.wrap_width in (35, 36)
    (article,) = parse_page("\n".join(lines)).articles
    assert [b.text for b in article.blocks] == FIGURES[0][2]
    assert article.authors == ["吴家乐"]


def test_widths_are_unicodes_east_asian_widths_for_any_character():
    """A line's width, counted by classes of characters, is what `unicodedata` says of each
    character: ambiguous marks two columns in a column of type, one on a screen; characters
    beyond the Basic Multilingual Plane (CJK extension B, emoji, old scripts) by themselves."""
    import random
    import unicodedata

    from build_scripts.parse.layout import columns, display_width

    def expected(text: str, wide: str) -> int:
        return sum(2 if unicodedata.east_asian_width(ch) in wide else 1 for ch in text)

    rng = random.Random(7)
    pools = [(0x20, 0x2FFF), (0x3000, 0xFFFF), (0x4E00, 0x9FFF), (0x10000, 0x2FFFF)]
    for _ in range(3000):
        text = "".join(chr(rng.randint(*rng.choice(pools))) for _ in range(rng.randint(0, 12)))
        assert columns(text) == expected(text, "WFA"), text
        assert display_width(text) == expected(text, "WF"), text
    assert (columns("“港口”1.2"), display_width("“港口”1.2")) == (11, 9)


def test_text_wrapped_by_a_count_of_characters_is_counted_in_characters():
    layout = detect_layout(_indent_text(width=16).split("\n"))
    assert not layout.by_display and layout.width("港口1.2") == 5


def test_a_flush_line_read_as_running_text_is_doubted_with_a_new_article_offered():
    """Where indentation marks paragraphs, a line set flush after a blank line heads an article
    or carries on a paragraph a page break cut: read as neither (a kicker ending `……` with no
    byline below its headline), the parser says it is unsure and offers a new article there."""
    import datetime as dt

    from build_scripts.ingest.read import PageMeta, SourcePage
    from build_scripts.problems import Report
    from build_scripts.writers.parse_warnings import check_parse

    text = (
        "医保基金监管五年行动计划印发\n"
        "本报记者 孙秀艳\n"
        f"{IND}国家医保局近日印发五年行动计划，提出未来5年医保基金监管的整体目标。\n"
        "\n"
        "先清创，再消肿，忌抓挠……\n"
        "被叮咬后，记住这个处理口诀（服务窗）\n"
        f"{IND}夏天气温较高，蚊虫活动频繁。如何快速分辨不同虫咬的特点？\n"
    )
    parsed = parse_page(text)
    (flush,) = [d for d in parsed.decisions if d.rule_id == "paragraph.flush"]
    assert flush.line == 5 and not flush.confident
    report = Report()
    check_parse(
        SourcePage("2026-05-14_14_社会.txt", PageMeta(dt.date(2026, 5, 14), 14, "社会", "人民日报"), "", 1),
        parsed,
        report,
    )
    (warning,) = [w for w in report.warnings if w.line == 5]
    assert "write `break_before: [5]` (the headline of a new article)" in warning.fix
