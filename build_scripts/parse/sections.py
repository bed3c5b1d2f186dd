"""An article's sections, once it is cut: which of its lines head them. The walk takes for
sub-heads the lines shaped as headings one by one (`headings.py`); some headings show only
beside their fellows — a series of numbered or labelled headings, phrases parted by a comma
between paragraphs, a heading's second line below a section's label — and are found here,
over the whole article. Each function gives the blocks (by index) that are sub-heads after
all; `state.ArticleState._section_headings` relabels them, each with its rule's id."""

from __future__ import annotations

import functools
from dataclasses import replace

from build_scripts.contract.numerals import han_number
from build_scripts.ingest.paper_profile import PaperProfile
from build_scripts.parse import compiled, shapes
from build_scripts.parse import patterns as p
from build_scripts.parse.model import Kind, Segment, a_poem, a_poem_line

# A sub-head of phrases parted by a comma (`特色夜游，提升文化体验感`): at most this long, with
# a paragraph of at least this many characters above and below it.
PHRASE_HEADING_MAX, PARAGRAPH_AROUND_MIN = 16, 30
# Sections headed alike (`立足…实践，确立本体论根基` … `坚持人民至上，确立正确价值取向`): with two
# or more such lines in an article, a heading of phrases may be this long. A theory page's run
# to 50 (`坚持党校姓党根本原则，以习近平新时代中国特色社会主义思想引领哲学社会科学知识创新、理论创新、
# 方法创新`), as do a report's (`医院请的软件公司成“内鬼”，窃取287万余条个人信息`): the paper's
# own e-edition sets them in bold.
PHRASE_HEADINGS_ALIKE_MAX = 50
SECTION_LABEL_MAX = 6  # a section's label above its heading: 新标杆, 深合作
# Labels as long (`“第一弯”看草`, `创新生态更加活跃——`) head sections where two or more of the
# article's sections are headed so: a label and a heading of phrases below it.
SECTION_LABELS_ALIKE_MAX = 10
LABELLED_HEADING_MAX = 50  # `看点二：本次任务有来自香港的航天员黎家盈参与，她先后完成了8大类200余项训练科目`


# A short phrase or two, with commas and quotation marks only (`一辆车，折射产业优势“链”动创新阵势——`),
# ending in a dash, on a line of its own: it leads into the text below it
_LEAD_IN_RE = compiled.pattern(r"^[^。！？；：（）()!?;:]{2,22}——$")
# Fellows of a series of phrase headings (`一张票，串起赛场商场`, `一粒沙，折射科技创新`): as
# long as the shortest and longest of the series, give or take this many characters
FELLOW_LENGTH_SLACK = 3


def lead_in(text: str) -> bool:
    return _LEAD_IN_RE.match(text) is not None


@functools.cache
def _allowing(profile: PaperProfile, longest: int) -> PaperProfile:
    """The profile, with a line of phrases as long as such a heading may be: a headline with
    commas stops at `comma_headline_max` (40), a theory page's headings run to 50."""
    return replace(profile, comma_headline_max=max(profile.comma_headline_max, longest))


def phrase_heading(text: str, profile: PaperProfile, longest: int = PHRASE_HEADING_MAX) -> bool:
    core = p.strip_closers(text)
    return (
        len(text) <= longest
        and "，" in text
        and shapes.could_be_headline(text, _allowing(profile, longest))
        and not p.is_terminated(text)
        and not p.ends_mid_sentence(text)
        and core[-1:] not in p.QUESTION_OR_EXCLAMATION
        and not p.dateline_of(text)
        # a sentence that leads into the text below (`聚焦出行堵点，交通部门不断优化服务供给、
        # 提升出行体验，更好激发市场活力——`): longer than a heading's lead-in, a line of the text
        and not (text.endswith("——") and not lead_in(text))
    )


def phrase_headings(kinds: list[Kind], texts: list[str], profile: PaperProfile, longest: int) -> list[int]:
    """Lines of phrases (`phrase_heading`) between a complete paragraph and another, or a
    lead-in to one (`上线新产品，旅客变游客` / `登上列车，路程成了“旅程”——` / its text)."""
    return [
        n
        for n in range(1, len(texts) - 1)
        if kinds[n] is Kind.PARAGRAPH
        and phrase_heading(texts[n], profile, longest)
        and kinds[n - 1] is Kind.PARAGRAPH
        and len(texts[n - 1]) >= PARAGRAPH_AROUND_MIN
        and p.is_terminated(texts[n - 1])
        and (_text_below(kinds, texts, n + 1, PARAGRAPH_AROUND_MIN) or _lead_in_below(kinds, texts, n))
    ]


def phrase_fellows(kinds: list[Kind], texts: list[str], profile: PaperProfile, series: list[int]) -> list[int]:
    """More headings of a series of two or more (`phrase_headings`): lines of phrases as long
    as its headings, below a complete paragraph and above any text — a question, a short
    paragraph (`一粒沙，折射科技创新` / `运动员脚下的沙，和我们在普通沙滩见到的有何不同？`)."""
    if len(series) < 2:
        return []
    shortest = min(len(texts[n]) for n in series) - FELLOW_LENGTH_SLACK
    longest = max(len(texts[n]) for n in series) + FELLOW_LENGTH_SLACK
    return [
        n
        for n in range(1, len(texts) - 1)
        if n not in series
        and kinds[n] is Kind.PARAGRAPH
        and shortest <= len(texts[n]) <= longest
        and phrase_heading(texts[n], profile, PHRASE_HEADINGS_ALIKE_MAX)
        and kinds[n - 1] is Kind.PARAGRAPH
        and p.is_terminated(texts[n - 1])
        and (_text_below(kinds, texts, n + 1, 0) or _lead_in_below(kinds, texts, n))
    ]


def phrase_series(kinds: list[Kind], texts: list[str], profile: PaperProfile) -> tuple[list[int], list[int]]:
    """Sections headed alike by lines of phrases: (the headings — `phrase_headings` up to
    `PHRASE_HEADINGS_ALIKE_MAX` characters and their fellows, where the article has two or
    more headings with the sub-heads found as it was walked —, and the article's lines that
    lead into a section's text). Where some headings end in a dash and others do not
    (`上线新产品，旅客变游客` / `登上列车，路程成了“旅程”——`), those that do lead into the text
    below them, as every such line of the article does (`subhead.dash-lead`): lines of the
    text, not headings of their own, nor a second line of the heading above. Where all of
    them end in a dash (`升级传统产业，老树发新枝——`), they are the headings."""
    # sub-heads found as the article was walked are fellows too (`人工智能全球治理的特点与挑战`
    # … `坚持以人为本、智能向善，汇聚治理合力`)
    walked = [
        n
        for n in range(len(texts))
        if kinds[n] is Kind.SUBHEAD
        and len(texts[n]) <= PHRASE_HEADINGS_ALIKE_MAX
        and not lead_in(texts[n])
        and not p.ARTICLE_BOX_RE.match(texts[n])  # a box's title (头条看点, 延伸阅读) heads no section
    ]
    alike = phrase_headings(kinds, texts, profile, PHRASE_HEADINGS_ALIKE_MAX)
    if len(alike) + len(walked) < 2:
        return [], []
    series = sorted(set(alike) | set(phrase_fellows(kinds, texts, profile, sorted(set(alike) | set(walked)))))
    if all(lead_in(texts[n]) for n in series):  # (so too where there are none: nothing to relabel)
        return (series if len(series) >= 2 else []), []
    headings = [n for n in series if not lead_in(texts[n])]
    # the lines already taken for headings that lead into their text
    leading = [n for n in range(len(texts)) if kinds[n] is Kind.SUBHEAD and lead_in(texts[n])]
    return headings, leading


def _text_below(kinds: list[Kind], texts: list[str], n: int, shortest: int) -> bool:
    return n < len(texts) and kinds[n] is Kind.PARAGRAPH and len(texts[n]) >= shortest


def _lead_in_below(kinds: list[Kind], texts: list[str], n: int) -> bool:
    """Below line `n`: a line that leads into a paragraph (`…——`), then the paragraph."""
    return (
        n + 2 < len(texts)
        and kinds[n + 1] in (Kind.SUBHEAD, Kind.PARAGRAPH)
        and lead_in(texts[n + 1])
        and _text_below(kinds, texts, n + 2, PARAGRAPH_AROUND_MIN)
    )


def above_a_subtitle(kinds: list[Kind], texts: list[str], profile: PaperProfile) -> list[int]:
    """A line of phrases heading a piece inside the article, its subtitle below it
    (`成为“足球小子”，真不容易` / `——一名机器人球员的“自述”`): the heading's first line,
    not a paragraph above a heading. At the text's top, or below a complete paragraph."""
    return [
        n
        for n in range(len(texts) - 1)
        if kinds[n] is Kind.PARAGRAPH
        and kinds[n + 1] is Kind.SUBHEAD
        and texts[n + 1].startswith("——")
        and phrase_heading(texts[n], profile, PHRASE_HEADINGS_ALIKE_MAX)
        and (n == 0 or kinds[n - 1] not in (Kind.PARAGRAPH, Kind.SUBHEAD) or p.is_terminated(texts[n - 1]))
    ]


def below_a_label(kinds: list[Kind], texts: list[str], profile: PaperProfile) -> list[int]:
    """A section's label (`新标杆`) over its heading of phrases (`智电核心技术持续突破，中国方案
    领跑全球`), then its text: the heading's second line. A longer label (`“第一弯”看草` /
    `草盛沙退，加强水源涵养`) only where the article heads two or more sections so: one such
    pair alone may be a heading over a paragraph that happens to have a comma."""
    found = [
        n
        for n in range(1, len(texts) - 1)
        if kinds[n] is Kind.PARAGRAPH
        and kinds[n - 1] is Kind.SUBHEAD
        and len(texts[n - 1]) <= SECTION_LABELS_ALIKE_MAX
        and phrase_heading(texts[n], profile, PHRASE_HEADINGS_ALIKE_MAX)
        and _text_below(kinds, texts, n + 1, 0)
    ]
    if _a_series(found, texts, below=1):
        return found
    return [n for n in found if len(texts[n + 1]) >= PARAGRAPH_AROUND_MIN and len(texts[n - 1]) <= SECTION_LABEL_MAX]


def _a_series(found: list[int], texts: list[str], below: int) -> bool:
    """Do these headings head an article's sections alike: two or more of them over a paragraph
    of at least `PARAGRAPH_AROUND_MIN` (the text `below` blocks down)? Then one more of the
    series may head a shorter one (`“最后一道弯”看水` / `“拧”紧阀门，…` / 26 characters)."""
    return sum(len(texts[n + below]) >= PARAGRAPH_AROUND_MIN for n in found) >= 2


def above_a_heading(kinds: list[Kind], texts: list[str], profile: PaperProfile) -> list[int]:
    """Lines of phrases right above a sub-head, each at the text's top or below a complete
    paragraph, the sub-head over a paragraph (`丰富供给，融合多元业态` / `文化会客厅带来新体验` /
    its text): where the article heads two or more sections so, each is its heading's first
    line — one heading in two lines, as the page prints it, not a paragraph above a heading."""
    found = [
        n
        for n in range(len(texts) - 2)
        if kinds[n] is Kind.PARAGRAPH
        and kinds[n + 1] is Kind.SUBHEAD
        and not texts[n + 1].startswith("——")  # a subtitle below: `above_a_subtitle`
        and phrase_heading(texts[n], profile, PHRASE_HEADINGS_ALIKE_MAX)
        and (n == 0 or kinds[n - 1] not in (Kind.PARAGRAPH, Kind.SUBHEAD) or p.is_terminated(texts[n - 1]))
        and _text_below(kinds, texts, n + 2, 0)
    ]
    return found if _a_series(found, texts, below=2) else []


def labelled_alike(kinds: list[Kind], texts: list[str], profile: PaperProfile) -> list[int]:
    """Sections headed alike with labels (`溯源：…`, `实践：…`, `发展：…`; `怀爱国之心：一颗初心，…`):
    two or more such headings, each label its own, each with text below it. Credits shaped so
    (`本期统筹：X`, `制图：X`, `融媒创作：X  Y`) are no headings."""
    found = [
        n
        for n in range(len(texts) - 1)
        if kinds[n] in (Kind.PARAGRAPH, Kind.SUBHEAD)
        and len(texts[n]) <= LABELLED_HEADING_MAX
        and shapes.heading_label(texts[n]) is not None
        and not _a_credit(texts[n])
        and not _a_speaker(texts[n])
        and kinds[n + 1] is Kind.PARAGRAPH
    ]
    labels = {shapes.heading_label(texts[n]) for n in found}
    return found if len(found) >= 2 and len(labels) == len(found) else []


def _a_speaker(text: str) -> bool:
    """An interview's turn (`记者：…`, `王明：我觉得…`): who speaks, not a section's label."""
    label = text.split("：", 1)[0]
    return bool(shapes.SPEAKER_TURN_RE.match(text)) or p.looks_like_name(label)


def _a_credit(text: str) -> bool:
    named = text.split("：", 1)[1]
    return bool(
        p.PAGE_CREDIT_RE.match(text)
        or p.DESIGN_CREDIT_RE.match(text)
        or p.is_furniture(text)
        or p.is_name_line(named)
        or p.is_byline_line(named)
    )


# A section's number as a heading prints it: （一） / 一、 (then its title, or nothing)
_SECTION_NUMBER_RE = compiled.pattern(r"^(?:（([一二三四五六七八九十]{1,3})）|([一二三四五六七八九十]{1,3})、)")
NUMBERED_HEADING_MAX = 50  # (the longest on real pages: 41 characters, a question)


def numbered_headings(kinds: list[Kind], texts: list[str], profile: PaperProfile) -> list[int]:
    """Which of an article's blocks head its numbered sections: a series of one numbering
    (（一）, （二）… or 一、, 二、…), from one and in order, each block short and without a stop
    (`一、“中国人还是在中国好”，毅然决然完成…的蜕变`, `（三）“最重要的”，见定力`, `（二）`).
    Items of a list end with a stop, or run longer; a question heads its answer (`二、如何理解…？`)."""
    series: dict[int, list[tuple[int, int]]] = {}  # numbering (0: bracketed, 1: 一、) → (block, number)
    for at, text in enumerate(texts):
        m = _SECTION_NUMBER_RE.match(text) if kinds[at] in (Kind.PARAGRAPH, Kind.SUBHEAD) else None
        rest = text[m.end() :] if m else ""
        asks = p.strip_closers(rest)[-1:] in "？?"  # a question heads its answer: `二、如何理解…？`
        stops = p.is_terminated(rest) and not asks
        if not m or len(text) > NUMBERED_HEADING_MAX or stops or (rest and p.ends_mid_sentence(rest)):
            continue  # (the number alone, `（二）`, heads its section too)
        kind = 0 if m.group(1) else 1
        number = han_number(m.group(1) or m.group(2)) or 0
        found = series.setdefault(kind, [])
        if number == len(found) + 1:
            found.append((at, number))
    return sorted(at for found in series.values() if len(found) >= 2 for at, _ in found)


# Lines of a poem the text quotes (an essay opening with the writer's poem) read as text with
# a comma inside: at least this many in the stretch, and a share of its lines at least this
# large (a list's lines have none, but for a note on it: `（共30家，排名不分先后）`).
VERSE_COMMA_LINES, VERSE_COMMA_SHARE = 2, 0.25
_COMMAS = "，,"


def quoted_verse_subheads(segments: list[Segment], profile: PaperProfile) -> list[int]:
    """The sub-heads that are lines of a poem quoted inside an article's text: a stretch of
    text and sub-heads that is a poem (`a_poem`) and holds `VERSE_COMMA_LINES` lines of text
    with a comma inside, a quarter of its lines at least — verse, whose lines run on, not
    headings above their sections (a list's headings, `一等奖` above its names, are above
    lines without commas). A numbered or labelled heading (`二、写给故乡的信`, `案例二`) parts
    two stretches. In an article cut into sections elsewhere, a sub-head at the
    stretch's edge next to prose heads the poem, or the prose below it: it stays."""
    found: list[int] = []
    run: list[int] = []
    for n, segment in enumerate([*segments, None]):
        if (
            segment is not None
            and segment.kind in (Kind.PARAGRAPH, Kind.SUBHEAD)
            and a_poem_line(segment.text)
            and not (segment.kind is Kind.SUBHEAD and _marked(segment.text, profile))
        ):
            run.append(n)
            continue
        texts = [segments[i].text for i in run]
        commas = sum(
            1
            for i in run
            if segments[i].kind is Kind.PARAGRAPH and any(c in segments[i].text.rstrip(_COMMAS) for c in _COMMAS)
        )
        if commas >= max(VERSE_COMMA_LINES, VERSE_COMMA_SHARE * len(run)) and a_poem(texts):
            found += _lines_of(segments, run)
        run = []
    return found


def _marked(text: str, profile: PaperProfile) -> bool:
    return bool(p.SUBHEAD_MARKER_RE.match(text)) or shapes.section_label(text, profile)


def _lines_of(segments: list[Segment], run: list[int]) -> list[int]:
    """The sub-heads of a stretch of verse (`quoted_verse_subheads`) that are its lines."""
    subheads = [i for i in run if segments[i].kind is Kind.SUBHEAD]
    inside = set(run)
    if not any(s.kind is Kind.SUBHEAD and i not in inside for i, s in enumerate(segments)):
        return subheads  # (no sections elsewhere: the article's only sub-heads are the poem's)
    first, last = run[0], run[-1]
    keep = set()
    if first > 0 and segments[first].kind is Kind.SUBHEAD and segments[first - 1].kind is Kind.PARAGRAPH:
        keep.add(first)
    if last + 1 < len(segments) and segments[last].kind is Kind.SUBHEAD and segments[last + 1].kind is Kind.PARAGRAPH:
        keep.add(last)
    return [i for i in subheads if i not in keep]
