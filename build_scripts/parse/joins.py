"""Break or join: whether a block carries on the paragraph above it (a page or column break
cut the paragraph) or starts a paragraph of its own. Where indentation marks paragraphs the
indentation decides; elsewhere the weighed evidence does (evidence.py)."""

from __future__ import annotations

import re
from dataclasses import replace

from build_scripts.parse import breaks, compiled, evidence, sections, shapes
from build_scripts.parse import patterns as p
from build_scripts.parse.body import BodyRules
from build_scripts.parse.layout import Unit
from build_scripts.parse.model import BODY_KINDS, Kind, Segment
from build_scripts.parse.rules import describe
from build_scripts.parse.state import JOIN_UNSURE

# A law's article (`第六十八条  矿业权人…`) and each paragraph of it end with a full stop (or
# the ；/： of a list), so in a law's text a block that stops without one was cut by a break
# (on the 535 real pages: 49 of 49). Its chapters' headings (`第三章  监督管理`) stop so too.
_LAW_ARTICLE_RE = compiled.pattern(rf"^第[{p.NUM_HAN}\d]{{1,5}}条[\s　]")
_LAW_CHAPTER_RE = compiled.pattern(rf"^第[{p.NUM_HAN}\d]{{1,5}}[编章节]")

# An item numbered `八、`: where the document's items are paragraphs (one above ended with a
# full stop, as in a joint statement), not headings (`一、总体要求`), every item ends with one:
# an item that stops without it was cut by a break (on the 535 real pages: 7 of 7).
_NUMBERED_ITEM_RE = compiled.pattern(rf"^[{p.NUM_HAN}]{{1,3}}、")

# An interview's turn (`问：如今…`, `答：我的作品…`) opens a paragraph: on the 535 real pages,
# 236 paragraphs open so. Inside a paragraph (60 times) `问：` follows who asks (`有记者问：`,
# `追问：`): a block opens with it there only where a break falls between the two.
_INTERVIEW_TURN_RE = compiled.pattern(r"^[问答]\s*[:：]")


# A block that holds a full stop but stops without one, past an article's first two blocks
# of text, was cut by a break: on the 535 real pages, every paragraph that did so was one of
# its article's first two (a commentary's summary in bold: 16 and 2), a summary point
# (`■ …`), or ended with a dash that introduces the lines below it (`…细算5笔账——`: 12).
_BLOCKS_BEFORE_A_CUT_SENTENCE = 2


def _sentences_then_cut(block: str) -> bool:
    block = block.rstrip()
    return (
        "。" in block[:-1]
        and not p.is_terminated(block)
        and not block.endswith(("—", "－"))
        and not p.is_summary_point(block)
    )


# Parts of speech no summary ends on: a preposition, conjunction, particle, adverb, pronoun,
# numeral or measure word (`…为不断` / `把法治政府建设…`)
_FUNCTION_WORD_TAGS = ("p", "c", "u", "d", "r", "m", "q")


def _ends_on_a_function_word(above: str, below: str) -> bool:
    (_, tag), _ = breaks.edge_words(above, below)
    return tag.startswith(_FUNCTION_WORD_TAGS)


# A line of phrases as long as a heading of phrases of its article, to this many characters,
# joined to the block below without the evidence being sure of it (below `JOIN_UNSURE`'s upper
# side, 0.7), heads a section: on the tuning days' cross-check (two cuts of each page), such
# lines the evidence joined on 55–67 % were headings (8 of 8), on 90 % and more mostly the
# first half of a paragraph a break cut (14 of 18); none was joined on 67–90 %
HEADING_ALIKE_SLACK = 2
# Below a section's short label, such a line is the label's heading up to this join chance
LABELLED_HEADING_JOIN_MAX = 0.9
# Parts of speech no paragraph opens on, below a break: a localizer, particle or measure word
# (`手机|上的…`), or a numeral in characters going on with a noun (`留下|一套老房子`); a figure
# may open one (`1公斤的浒苔苗，…`)
_NEVER_OPENS_TAGS = ("f", "u", "q")


# The phrases of a heading: parted by a comma or a 、, each short (a clause of a sentence runs
# longer: `…，广大农户能以近乎零成本快速掌握农业生产` / `技术，…`), never by a semicolon
_PHRASE_SPLIT_RE = compiled.pattern(r"[，、]")


def _phrases_short(line: str) -> bool:
    return "；" not in line and all(
        len(phrase) <= sections.PHRASE_HEADING_MAX for phrase in _PHRASE_SPLIT_RE.split(line)
    )


def _opens_a_paragraph(above: str, below: str) -> bool:
    """Could `below` open a paragraph of its own, by its first word, with no word running on
    from `above` and `above` ending on no function word?"""
    (_, last), (first, tag) = breaks.edge_words(above, below)
    return (
        not breaks.word_across(above, below)
        and not last.startswith(_FUNCTION_WORD_TAGS)
        and not tag.startswith(_NEVER_OPENS_TAGS)
        and not (tag.startswith("m") and not first[:1].isdigit())
    )


def _credit_line(text: str) -> bool:
    """A role and names, nothing more: `本期统筹：付明丽`, `制图：王  婷` (not `策划：…` opening a
    sentence)."""
    if not (p.PAGE_CREDIT_RE.match(text) or p.DESIGN_CREDIT_RE.match(text)):
        return False
    return p.is_signature_name(re.split(r"[:：]", text, maxsplit=1)[-1].strip())


class JoinRules(BodyRules):
    _join_rule: tuple[str, str]  # why the last continuation was joined
    _join_chance: float  # how sure the evidence was of it, where it was weighed ("join.evidence")
    _join_chances: dict[int, float]  # each join the evidence took: its chance, by the joined block's line

    def _section_headings(self) -> None:
        super()._section_headings()
        self._headings_unjoined()

    def _headings_unjoined(self) -> None:
        """A line of phrases the evidence joined to the block below it, not surely, where the
        article has a heading of phrases as long (`食用油门类日益丰富，科学吃油让营养摄入更全面` over
        `在甘肃省陇南市武都区，…`, in an article with another such heading of 22 characters): its
        sections are headed alike, and the line heads one — unless a word runs across the
        break, the line ends on a function word or the block below opens as no paragraph
        does. Sub-heads of 20–30 characters are as long as the first half of a cut paragraph,
        and the evidence alone weighs the two alike."""
        segments = self.current or []
        alike = [len(s.text) for s in segments if s.kind is Kind.SUBHEAD and "，" in s.text]
        if not alike:
            return
        fixed = {*self.fix.labels, *self.fix.join}  # the archivist's word stands
        headed = {d.line for d in self.decisions if d.rule_id == "subhead.below-label"}
        below_labels = [t for t in segments if t.first_line in headed]
        for n in range(len(segments) - 1, -1, -1):
            s = segments[n]
            k = self._unit_at.get(s.first_line)
            if s.kind is not Kind.PARAGRAPH or k is None or k + 1 >= len(self.units):
                continue
            line, below = self.units[k], self.units[k + 1]
            # right below a section's short label (`构筑新品牌——`), the line is the second line of
            # its heading as the article's other sections have one (`subhead.below-label`):
            # surer than the evidence
            labelled = n >= 1 and segments[n - 1].kind is Kind.SUBHEAD and bool(below_labels)
            labelled = labelled and len(segments[n - 1].text) <= sections.SECTION_LABELS_ALIKE_MAX
            if (
                self._join_chances.get(below.line, 1.0) < (LABELLED_HEADING_JOIN_MAX if labelled else JOIN_UNSURE[1])
                and not {line.line, below.line} & fixed
                # (below two sub-heads it would make a third in a row: a list's items, `state.py`)
                and not (n >= 2 and segments[n - 1].kind is segments[n - 2].kind is Kind.SUBHEAD)
                and below.line <= s.last_line
                and s.text.startswith(line.text)
                and any(abs(len(line.text) - length) <= HEADING_ALIKE_SLACK for length in alike)
                and sections.phrase_heading(line.text, self.profile, sections.PHRASE_HEADINGS_ALIKE_MAX)
                and _phrases_short(line.text)
                and _opens_a_paragraph(line.text, below.text)
            ):
                segments[n : n + 1] = [
                    Segment(Kind.SUBHEAD, line.text, line.line, line.end_line),
                    Segment(Kind.PARAGRAPH, s.text[len(line.text) :], below.line, s.last_line),
                ]
                self._redecide({line.line: ("paragraph", Kind.SUBHEAD), below.line: ("continuation", Kind.PARAGRAPH)})

    def _redecide(self, lines: dict[int, tuple[str, Kind]]) -> None:
        """The decisions of these lines (with the label they had) relabelled by
        `subhead.alike-unjoined`: sure ones — the rule settles what the evidence left open."""
        rule = "subhead.alike-unjoined"
        self.decisions = [
            replace(d, label=lines[d.line][1].value, rule=describe(rule), rule_id=rule, confident=True)
            if d.line in lines and d.label == lines[d.line][0]
            else d
            for d in self.decisions
        ]

    def _continues(self, i: int, unit: Unit) -> bool:
        if unit.line in self.fix.no_join:
            return False
        t = unit.text
        if shapes.opens_article(t) or p.is_furniture(t) or p.is_end_credit(t) or p.is_caption(t):
            return False
        if p.is_signature_line(t) or p.JUMP_FROM_RE.match(t) or p.is_summary_point(t):
            return False
        above: str = self._open_paragraph()[1]  # type: ignore[index]
        if self.section_credits and above == self.section_credits[-1] and not self._tail:
            return False  # a section's byline (`李  姝` below its heading): its text opens below
        if (_credit_line(above) or shapes.role_credit(above)) and not breaks.word_across(above, t):
            # who put the page together (`本期统筹：付明丽`), or who tells it: nothing goes on —
            # unless a word runs across the break: a moderator's question a break cut
            # (`主持人：…构建网络空` / `间命运共同体，…`)
            return False
        if p.is_summary_point(above) and not p.is_terminated(t):
            # a summary point stops without a full stop: a block below it that does the same
            # (and is no dateline: that opens the text) is its rest, cut by a break
            self._join_rule = ("join.summary-point", "")
            return True
        if self._confirmed_headline(i):
            return False
        if shapes.contact_line(above) and not breaks.opens_mid_sentence(t):
            return False  # a column's contact line: the text above ended with it
        if self.layout.indented and unit.gap_before:
            # Indentation marks paragraphs here: an unindented line after a blank line is the
            # rest of a paragraph a page break cut, unless it is shaped like a headline.
            self._join_rule = ("join.indent-page-break", "")
            return p.is_terminated(t) or not shapes.heading_shaped(t, self.profile)
        if shapes.heading_shaped(t, self.profile):
            # A short line after a cut paragraph is its tail unless the page says otherwise.
            if self._wide_gap(unit):
                return False
            if self._credited() and self._section_ends_with_byline(i):
                return False
        if breaks.opens_mid_sentence(t):
            self._join_rule = ("join.opens-mid-sentence", "")
            return True
        apart = "paragraph.verse" if breaks.verse_pair(above, t) else ""
        apart = apart or ("paragraph.after-speaker" if breaks.ends_with_office_and_name(above) else "")
        apart = apart or ("paragraph.clause" if breaks.in_a_preamble(self._text_at(i - 2), above, t) else "")
        apart = apart or ("paragraph.attribution" if breaks.ATTRIBUTION_RE.match(above) else "")
        apart = apart or ("paragraph.interview-turn" if _INTERVIEW_TURN_RE.match(t) else "")
        if apart:  # lines the paper sets apart: no break cut them
            self._refused_join = (self._at, 0.0, "", apart)
            return False
        if breaks.leaves_open(above):
            self._join_rule = ("join.left-open", "")
            return True
        if _sentences_then_cut(above) and (
            self._blocks_of_text() > _BLOCKS_BEFORE_A_CUT_SENTENCE or _ends_on_a_function_word(above, t)
        ):  # (above included)
            self._join_rule = ("join.full-stop-inside", "")
            return True
        if p.number_across(above, t):
            self._join_rule = ("join.number-across", "")
            return True
        if p.dateline_of(self._printed_above()):
            self._join_rule = ("join.dateline-lead", "")
            return True
        if self._in_a_law(above):
            self._join_rule = ("join.law-article", "")
            return True
        if self._an_item_of_paragraphs(above):
            self._join_rule = ("join.numbered-item", "")
            return True
        open_paragraph = self._open_paragraph()
        assert open_paragraph is not None
        # the whole paragraph so far: a summary a break cut, joined again, is printed again whole
        if self._printed_again_below(open_paragraph[0].text + "".join(self._tail), i):
            self._refused_join = (self._at, 0.0, "", "paragraph.printed-again")
            return False
        chance = self._join_probability(unit)
        detail = self._weighed_detail(chance)
        self._join_rule = ("join.evidence", detail)
        self._join_chance = chance
        if chance < self.profile.join_threshold:
            self._refused_join = (self._at, chance, detail, "paragraph.evidence")
            return False
        return True

    def _blocks_of_text(self) -> int:
        return sum(1 for s in self.current or [] if s.kind in BODY_KINDS)

    def _text_at(self, i: int) -> str | None:
        return self.units[i].text if 0 <= i < len(self.units) else None

    def _in_a_law(self, block: str) -> bool:
        """Is this block running text of a law (it or a paragraph above it in the article
        opens an article, `第十二条  …`), not a chapter's heading?"""
        if _LAW_CHAPTER_RE.match(block):
            return False
        return bool(_LAW_ARTICLE_RE.match(block)) or any(
            s.kind is Kind.PARAGRAPH and _LAW_ARTICLE_RE.match(s.text) for s in self.current or []
        )

    def _an_item_of_paragraphs(self, block: str) -> bool:
        """Does this block open an item numbered as earlier items of the article that were
        paragraphs ending with a full stop (`三、双方决心…。`)?"""
        return bool(_NUMBERED_ITEM_RE.match(block)) and any(
            s.kind is Kind.PARAGRAPH and _NUMBERED_ITEM_RE.match(s.text) and p.is_terminated(s.text)
            for s in self.current or []
        )

    def _carries_on_regardless(self, above: str, t: str) -> bool:
        """A block opening with a comma, an enumeration comma or a closing mark never starts
        a paragraph — nor the second half of an ellipsis (`…合适…` / `…大家`) or of a dash
        (`…达成共识—` / `—到人群中去…`): it carries on the paragraph above even where that
        seems to end (`……`, `）`, `2.`). Where indentation marks paragraphs, only a line that is
        not indented is asked (the rest of a paragraph after a page break)."""
        if self.units[self._at].line in self.fix.no_join or not (
            t[:1] in p.CONTINUATION_MARKS or breaks.mark_across(above, t)
        ):
            return False
        self._join_rule = ("join.opens-mid-sentence", "")
        return True

    def _sentence_after_a_break(self, i: int, unit: Unit) -> bool:
        """Where indentation marks paragraphs: below a paragraph that ends with an ellipsis
        (`…“安徽好人”……`), a line that is not indented after a blank line, longer than any
        sub-head and ending a sentence — with the article's byline glued to its end or not
        (`张林兵的身上…一份力量。本报记者 田先进`). A paragraph opens indented and a headline is short: the
        line is the rest of the paragraph above, which a page break cut right after its `……`.
        (Only after an ellipsis, the case real pages showed: a flush line after a full stop may be
        a caption or a speaker's turn.)"""
        open_paragraph = self._open_paragraph()
        text = (p.glued_byline(unit.text) or (unit.text,))[0]
        if not (
            self.layout.indented
            and not unit.indented
            and unit.gap_before
            and open_paragraph is not None
            and open_paragraph[1].rstrip(p.CLOSERS + " ").endswith("…")
            and len(text) > self.profile.subhead_max
            and p.is_terminated(text)
            and not p.SPEAKER_RE.match(text)
            and self._continues(i, unit)
        ):
            return False
        self._join_rule = ("join.indent-after-stop", "")
        return True

    def _printed_above(self) -> str:
        """The open paragraph as the block above printed it: a paragraph opening with a
        dateline is read with it."""
        open_paragraph = self._open_paragraph()
        assert open_paragraph is not None
        before: str = open_paragraph[1]
        if not self._tail and self._at > 0 and self.units[self._at - 1].text.endswith(before):
            before = self.units[self._at - 1].text
        return before

    def _join_probability(self, unit: Unit) -> float:
        paragraphs = [s for s in self.current or [] if s.kind is Kind.PARAGRAPH]
        lead = len(paragraphs) == 1 and not self._tail
        before = self._printed_above()
        features = evidence.join_features(before, unit.text, lead, self._title(), self._alike(self._at - 1))
        self._evidence = ("join", features)
        return evidence.probability("join", features)

    def _carried_on_below(self, i: int) -> tuple[float, str]:
        """Where blank lines separate blocks: how sure is the evidence that the block below
        carries this one on (a break cut it)? 0 when the block below cannot: it is set off
        by a wider gap, or it is a byline, a dateline, a credit or a caption."""
        unit, nxt = self.units[i], self._next(i)
        if (
            self.layout.indented
            or nxt is None
            or p.is_terminated(unit.text)
            or nxt.line in self.fix.no_join
            or self._wide_gap(nxt)
            or shapes.opens_article(nxt.text)
            or p.is_furniture(nxt.text)
            or p.is_end_credit(nxt.text)
            or p.is_caption(nxt.text)
            or p.is_signature_line(nxt.text)
            or (shapes.role_credit(unit.text) and not breaks.word_across(unit.text, nxt.text))
            # a section's number alone on its line heads a section: never the first part of a
            # paragraph a break cut
            or shapes.SECTION_NUMBER_RE.match(unit.text)
        ):
            return 0.0, ""
        if (
            breaks.verse_pair(unit.text, nxt.text)
            or breaks.ends_with_office_and_name(unit.text)
            or breaks.in_a_preamble(self._text_at(i - 1), unit.text, nxt.text)
            or breaks.ATTRIBUTION_RE.match(unit.text)
        ):
            return 0.0, ""
        if breaks.opens_mid_sentence(nxt.text):
            return 1.0, "the block below opens where no sentence opens"
        if breaks.mark_across(unit.text, nxt.text):
            return 1.0, "an ellipsis or a dash runs across the break"
        if breaks.leaves_open(unit.text):
            return 1.0, "it leaves a quotation or a bracket open"
        if _sentences_then_cut(unit.text) and self._blocks_of_text() >= _BLOCKS_BEFORE_A_CUT_SENTENCE:
            return 1.0, "it holds a full stop but stops without one, past the article's first blocks"
        if p.number_across(unit.text, nxt.text):
            return 1.0, "a number runs across the break"
        if p.dateline_of(unit.text):
            return 1.0, "it opens with a dateline: a story's lead, which stops only at a full stop"
        if self._in_a_law(unit.text):
            return 1.0, "a paragraph of a law's text, which stops only at a full stop"
        if self._an_item_of_paragraphs(unit.text):
            return 1.0, "an item numbered as the paragraphs above, which stop only at a full stop"
        if self._printed_again_below(unit.text, i + 1):
            return 0.0, ""
        paragraphs = [s for s in self.current or [] if s.kind is Kind.PARAGRAPH]
        features = evidence.join_features(unit.text, nxt.text, not paragraphs, self._title(), self._alike(i))
        self._evidence = ("join", features)
        chance = evidence.probability("join", features)
        # the evidence named only where it carries the block on (it is asked of most blocks)
        return chance, self._weighed_detail(chance) if chance >= self.profile.join_threshold else ""

    def _cut_by_page_break(self, i: int) -> bool:
        """Where indentation marks paragraphs: does the rest of this line come after a page
        break (a blank line, then a line that is not indented and is not a headline)? Or
        does it leave a quotation or a bracket open?"""
        if breaks.leaves_open(self.units[i].text):
            return True
        nxt = self._next(i)
        return (
            nxt is not None
            and nxt.gap_before > 0
            and not nxt.indented
            and (p.is_terminated(nxt.text) or not shapes.heading_shaped(nxt.text, self.profile))
        )
