"""Second looks: readings of a page worth an archivist's look that no single decision's margin
shows, found in the shape of the articles the parser made.

The weighed decisions (parse/evidence.py) are sure of most of their mistakes: on the tuning
days' two-fold cross-check (two cuts of each half of the days, judged by the model trained on
the other half: 692 page cuts, 102 wrong articles), a sub-head glued to the paragraph below was
joined at 70–100 %, and a headline read as a sub-head at 9–39 % for a new article. Warnings
from the margins alone flagged 26 of the 102, with 61 warnings. What tells those mistakes is
the article around the decision: a sub-head that is the article's only one, far below its
headline; a short heading-shaped line joined to its paragraph in an article whose other such
lines are sub-heads; one section unlike its siblings; a credit line right under a headline.
With these (and the parser's own doubts where a rule, not a margin, doubts), 51 of the 102
were flagged with 58 warnings (maintainers/parser.md, "Confidence and what to do about it").

Each look is named (its id is what `--explain`'s warnings name) and applied in the order of
`LOOKS`: an article gets one warning, the first that applies (`writers/parse_warnings.check_parse`).
"""

from __future__ import annotations

import bisect
import collections
from collections.abc import Callable
from dataclasses import dataclass

from build_scripts.parse.model import Decision, Kind, PageParse
from build_scripts.parse.rules import weighed_chance

# A line that stops on one of these ended a sentence or a clause: no heading
_ENDS_A_SENTENCE = "。！？!?…”’」』）)》】；;：:."
_STOPS = "。！？"
_PAIRS = (("“", "”"), ("（", "）"), ("《", "》"), ("‘", "’"))

# A sub-head this many lines below its article's first line or more (a headline's pieces,
# its byline and lead sit above any sub-head an article really has)
LONE_SUBHEAD_BELOW = 3
# A line joined to the one below, as the first part of a paragraph a break cut, with less than
# this chance, is a heading when at most SHORT_HEADING_MAX characters and like another heading
# of its article, at least HEADINGS_APART lines away
SHORT_JOIN_UNSURE = 90
SHORT_HEADING_MAX = 30
HEADING_MAX = 50
HEADINGS_APART = 4
# A paragraph opening with a sentence this short (to its full stop) below a block of text at
# least FRAGMENT_ABOVE_MIN characters long that stops mid-sentence
FRAGMENT_MAX = 10
FRAGMENT_ABOVE_MIN = 20
# Blocks that are no running text, whose end says nothing of a cut: a section's marker or
# label, its heading or byline, a box's title, a list's lines, an editor's sign-off
_NOT_RUNNING_TEXT = frozenset(
    {
        "subhead.marker",
        "byline.section",
        "subhead.article-box",
        "subhead.section",
        "paragraph.lines",
        "subhead.section-label",
        "note.editors-sign",
    }
)
# An article of this many sections (each a heading with its own byline) or more has a shape
# its sections share
SECTIONS_TO_COMPARE = 3
# An unsigned article's last line of text this short or shorter, with no mark at its end, may
# end in its writer's name glued to it: a name of three characters (two are often words the
# dictionary takes for names: `麦田`)
GLUED_LINE_MAX = 30
GLUED_NAME = 3
_ADDRESSING_MARKS = "，、：:,；;！!"
_KIN = tuple("外婆 奶奶 爷爷 姥姥 姥爷 外公 妈妈 爸爸 母亲 父亲 老师 同志 阿姨 叔叔 哥哥 姐姐 弟弟 妹妹".split())
# A line that holds these is a credit, whose last word is a name as it should be
_CREDIT_MARKS = ("摄", "供图", "来源", "：", ":")


@dataclass(frozen=True)
class Look:
    """A decision worth a second look, and why (in the archivist's words)."""

    decision: Decision
    look_id: str
    why: str


# Why each look points at its line, in the archivist's words (the warning's parenthesis)
WHY = {
    "look.odd-section": "a section unlike the article's others: the headline of a story of its own?",
    "look.lone-section": "the article's only heading with a byline of its own: a new article's headline?",
    "look.lone-subhead": "the article's only sub-head, far below its headline: a new article's headline?",
    "look.short-line-joined": "line {above} above, short like the article's sub-heads, joined to it: a sub-head?",
    "look.fragment-opening": "it opens with a scrap of a sentence, and line {above} above stops mid-sentence: its rest?",
    "look.credit-under-headline": "a credit line right under the headline: the article's byline?",
    "look.name-glued": "the text ends in “{name}”, and the article has no byline: its writer's name?",
}


def _look(decision: Decision, look_id: str, **details: object) -> Look:
    return Look(decision, look_id, WHY[look_id].format(**details))


def _size(text: str) -> int:
    return len("".join(text.split()))


def _heading_shaped(text: str, longest: int) -> bool:
    """Short, no sentence ended inside it or at its end (`加快竹产业发展，推动竹资源综合利用`)."""
    text = text.strip()
    return (
        0 < _size(text) <= longest
        and not any(stop in text[:-1] for stop in _STOPS)
        and text[-1:] not in _ENDS_A_SENTENCE
    )


def _leaves_open(text: str) -> bool:
    return any(text.count(opening) > text.count(closing) for opening, closing in _PAIRS)


class _Page:
    """The decisions of a page, in line order, by the article the parser put them in."""

    def __init__(self, result: PageParse):
        self.result = result
        self.decisions = sorted(result.decisions, key=lambda d: d.line)
        self.above: dict[int, Decision] = {}  # line → the decision of the block above
        for before, after in zip(self.decisions, self.decisions[1:], strict=False):
            self.above[after.line] = before
        owner = article_of(result)
        self.articles: dict[int, list[Decision]] = collections.defaultdict(list)
        for d in self.decisions:
            held = owner(d.line)
            if held is not None:
                self.articles[held].append(d)


def _sections(rows: list[Decision]) -> list[tuple[Decision, int]]:
    """An article's sections with a byline of their own: each heading's first line, and how
    many lines the heading has (`subhead.section` lines, then a `byline.section`)."""
    groups: list[tuple[Decision, int]] = []
    i = 0
    while i < len(rows):
        if rows[i].rule_id != "subhead.section":
            i += 1
            continue
        j = i
        while j < len(rows) and rows[j].rule_id == "subhead.section":
            j += 1
        if j < len(rows) and rows[j].rule_id == "byline.section":
            groups.append((rows[i], j - i))
        i = j + 1
    return groups


def _odd_section(page: _Page) -> list[Look]:
    """In an article of several sections, each a heading with a byline of its own below, one
    section whose heading has a different number of lines from all the others, which agree:
    a story of its own, its headline taken for a section's heading."""
    looks = []
    for rows in page.articles.values():
        groups = _sections(rows)
        if len(groups) < SECTIONS_TO_COMPARE:
            continue
        shape, agreeing = collections.Counter(size for _, size in groups).most_common(1)[0]
        odd = [first for first, size in groups if size != shape]
        if len(odd) == 1 and agreeing * 2 > len(groups):
            looks.append(_look(odd[0], "look.odd-section"))
    return looks


def _lone_subhead(page: _Page) -> list[Look]:
    """The article's only sub-head, weighed against a new article's headline, well below the
    headline, neither a label (`：`) nor a lead-in (`——`), leaving no quotation open: the
    headline of the next story, its article merged into this one?"""
    looks = []
    for rows in page.articles.values():
        subheads = [d for d in rows if d.label == "subhead"]
        if len(subheads) != 1:
            continue
        sub = subheads[0]
        text = sub.text.strip()
        if (
            sub.rule_id == "subhead.evidence"
            # lines, not decisions: a dateline and its paragraph share one
            and len({d.line for d in rows[: rows.index(sub)]}) >= LONE_SUBHEAD_BELOW
            and not any(mark in text for mark in "：:")
            and not text.endswith("—")
            and not _leaves_open(text)
        ):
            looks.append(_look(sub, "look.lone-subhead"))
    return looks


def _short_line_joined(page: _Page) -> list[Look]:
    """A short heading-shaped line joined to the block below (the first part of a paragraph a
    page break cut, the evidence said, though not for sure), no word running across, in an
    article with other heading-shaped lines — sub-heads, or lines joined so too: a sub-head?"""
    # (imported here: this module is loaded where pages are only written, never parsed, and
    # the parser's patterns and models load with `breaks`: source_jobs.load_before_forking)
    from build_scripts.parse import breaks

    looks = []
    for rows in page.articles.values():
        joins = []
        for d in rows:
            above = page.above.get(d.line)
            chance = weighed_chance(d.rule)
            if (
                d.rule_id == "join.evidence"
                and above is not None
                and chance is not None
                and chance < SHORT_JOIN_UNSURE
                and _heading_shaped(above.text, SHORT_HEADING_MAX)
                and not breaks.word_across(above.text.rstrip(), d.text.lstrip())
            ):
                joins.append((d, above))
        headings = [d.line for d in rows if d.label == "subhead" and _heading_shaped(d.text, HEADING_MAX)]
        for d, above in joins:
            others = [line for line in headings if abs(line - above.line) >= HEADINGS_APART]
            others += [a.line for j, a in joins if j is not d and abs(j.line - d.line) >= HEADINGS_APART]
            if others:
                looks.append(_look(d, "look.short-line-joined", above=above.line))
    return looks


def _lone_section(page: _Page) -> list[Look]:
    """The only heading of an article with a byline of its own below it: the headline of a
    story of its own, signed, run into the article above?"""
    looks = []
    for rows in page.articles.values():
        sections = _sections(rows)
        if len(sections) == 1:
            looks.append(_look(sections[0][0], "look.lone-section"))
    return looks


def _fragment_opening(page: _Page) -> list[Look]:
    """A paragraph of its own that opens with a scrap of a sentence (`升级。`: at most
    FRAGMENT_MAX characters to its full stop, no comma) below a block of text that stops mid-
    sentence: the rest of that block, which a page break cut?"""
    looks = []
    for d in page.decisions:
        above = page.above.get(d.line)
        if d.label != "paragraph" or above is None or above.label not in ("paragraph", "subhead"):
            continue
        if above.rule_id in _NOT_RUNNING_TEXT or _size(above.text) < FRAGMENT_ABOVE_MIN:
            continue
        if above.text.rstrip()[-1:] in _ENDS_A_SENTENCE + "—，、,":
            continue
        text = "".join(d.text.split())
        stop = next((i for i, ch in enumerate(text) if ch in _STOPS), None)
        if (
            stop is not None
            and text[stop] == "。"
            and stop + 1 <= FRAGMENT_MAX
            and not any(m in text[:stop] for m in "，、：；")
        ):
            looks.append(_look(d, "look.fragment-opening", above=above.line))
    return looks


def _credit_under_headline(page: _Page) -> list[Look]:
    """A credit line (`讲述人：…`) right under a headline: the article's byline?"""
    return [
        _look(d, "look.credit-under-headline")
        for d in page.decisions
        if d.rule_id == "paragraph.credit"
        and (above := page.above.get(d.line)) is not None
        and above.label == "headline"
    ]


def _name_glued(page: _Page) -> list[Look]:
    """An unsigned article whose text ends in a short line with no mark at its end, the last
    words of it a name to the dictionary (`像黄河，像长江董国政`, `越发绚烂谢安军`): the
    writer's signature, which lost its own line and was glued to the poem's last line?"""
    import rjieba  # (imported here, as `breaks` is in `_short_line_joined`: loaded with the parser)

    from build_scripts.parse.names import looks_like_name

    looks = []
    for n, rows in page.articles.items():
        article = page.result.articles[n]
        blocks = article.blocks
        if article.authors or article.byline or not blocks or blocks[-1].kind is not Kind.PARAGRAPH:
            continue
        last = blocks[-1].text.strip().splitlines()[-1].strip() if blocks[-1].text.strip() else ""
        # (a line that ends in a mark ends in no name: the dictionary tags the mark last)
        if (
            not last
            or len(last) > GLUED_LINE_MAX
            or any(mark in last for mark in _CREDIT_MARKS)
            or len(last.split()) > 1
        ):
            continue
        words = rjieba.tag(last)
        name = ""
        if words and words[-1][1] == "nr":
            name = words[-1][0]
        elif len(words) >= 2 and words[-2][1] == "nr" and len(words[-2][0]) == 1:
            name = words[-2][0] + words[-1][0]  # a surname, and a given name the model did not take for one
        before = last[: -len(name)] if name else ""
        if (
            len(name) == GLUED_NAME
            and len(last) > len(name) + 1
            and looks_like_name(name)
            # (not a name the line calls or tells of: `感谢你，王建国`, `也留着外婆张桂兰`)
            and before[-1:] not in _ADDRESSING_MARKS
            and not before.endswith(_KIN)
        ):
            looks.append(_look(rows[-1], "look.name-glued", name=name))
    return looks


# In order: an article gets the warning of the first look that applies to it.
LOOKS: tuple[tuple[str, Callable[[_Page], list[Look]]], ...] = (
    ("look.odd-section", _odd_section),
    ("look.lone-section", _lone_section),
    ("look.lone-subhead", _lone_subhead),
    ("look.short-line-joined", _short_line_joined),
    ("look.fragment-opening", _fragment_opening),
    ("look.credit-under-headline", _credit_under_headline),
    ("look.name-glued", _name_glued),
)


def second_looks(result: PageParse) -> list[Look]:
    """Every look that applies to the page, in the order of `LOOKS`."""
    page = _Page(result)
    return [look for _, find in LOOKS for look in find(page)]


def article_of(result: PageParse) -> Callable[[int], int | None]:
    """Which article (by its place on the page) holds a line, if any (a page's segments never
    overlap: found by bisection, so that a page of 40,000 lines costs no more than its parse)."""
    spans = sorted((s.first_line, s.last_line, n) for n, a in enumerate(result.articles) for s in a.segments)
    firsts = [first for first, _, _ in spans]

    def owner(line: int) -> int | None:
        at = bisect.bisect_right(firsts, line) - 1
        if at >= 0 and spans[at][0] <= line <= spans[at][1]:
            return spans[at][2]
        return None

    return owner
