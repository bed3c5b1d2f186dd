"""Cut the text of one newspaper page into articles. A pure function: text in, PageParse out.

The parser walks the page line by line (every non-blank line is a *unit*; the number of
blank lines before it is kept) and labels each unit from its own shape and from its
neighbours. maintainers/parser.md explains the rules and the confidence of each; in short:

- a paragraph that stops without terminal punctuation was cut by a page/column break, and
  the next running-text unit continues it (joined with no space);
- a short line without sentence punctuation is a headline when a byline, a dateline or an
  editor's note follows it, when the article before it has ended (with a byline at its end,
  a credit like （新华社北京1月27日电）, or 下转), or when what follows it ends with a byline
  of its own while the current article already has one; otherwise it is a sub-head;
- bylines are removed from the text wherever they stand: on their own line below the
  headline, on their own line or in brackets after the text, or glued to the end of the
  last paragraph (with a correspondent line right below it).

Every decision is recorded (Decision) for `convert --explain`; unsure ones become warnings.
"""

from __future__ import annotations

from build_scripts.ingest.corrections import Corrections
from build_scripts.ingest.paper_profile import DEFAULT, PaperProfile
from build_scripts.parse import breaks, reading, sections, shapes
from build_scripts.parse import patterns as p
from build_scripts.parse.headings import HeadingRules
from build_scripts.parse.joins import JoinRules
from build_scripts.parse.layout import Unit
from build_scripts.parse.model import Kind, PageParse, Segment
from build_scripts.parse.page import DATED_NOTE_RE, PageView
from build_scripts.parse.page_head import page_head, running_head
from build_scripts.parse.state import JOIN_UNSURE


class _Parser(HeadingRules, JoinRules):
    def __init__(self, text: str, first_line: int, corrections: Corrections, profile: PaperProfile = DEFAULT):
        PageView.__init__(self, text, first_line, corrections, profile)
        self.weighed = []
        self._join_rule = ("join.evidence", "")
        self._join_chance = 1.0
        self._join_chances = {}
        self._words_of = None
        self._words_counted = 0
        self._words_last = None
        self._words = set()
        self.head = page_head(self.units, self.profile)  # the page's first units, above its first article

    # -- the walk ------------------------------------------------------------------------

    def run(self) -> PageParse:
        for i, unit in enumerate(self.units):
            if unit.line in self.fix.break_before:
                self._open()
                self._decide(unit, "article break", "fix.break")
            if (
                unit.line in self.fix.join
                and self.current
                and self.current[-1].kind in (Kind.PARAGRAPH, Kind.SUBHEAD, Kind.NOTE, Kind.CAPTION)
            ):
                self._decide(unit, "continuation", "fix.join")
                self._extend_last(unit)
                continue
            forced = self.fix.labels.get(unit.line)
            if forced:
                self._apply_forced(unit, forced)
            else:
                self._label(i, unit)
        self._finish()
        self.decisions.sort(key=lambda d: d.line)
        return PageParse(self.articles, self.furniture, self.decisions)

    def _label(self, i: int, unit: Unit) -> None:
        self._at = i
        t = unit.text
        if self._contents_item(unit):
            self._decide(unit, "paragraph", "paragraph.contents-item")
            return self._add(Kind.PARAGRAPH, t, unit)
        indented = self.layout.indented and unit.indented
        if i < self.head or p.is_furniture(t, indented) or self.profile.is_masthead(t) or self._running_head(t):
            if (
                p.DESIGN_CREDIT_RE.match(t)
                and self._has_body()
                # after the text, or after the credit or the byline that closed it
                and (
                    not self.closed or (self.current[-1].kind if self.current else None) in (Kind.BYLINE, Kind.DATELINE)
                )
                and not self._wide_gap(unit)
                and self._last_rule() != "furniture"
            ):
                # who drew the chart or laid the page out, printed right below an article's
                # text: the paper prints it as the article's last paragraph
                glued = p.glued_byline(t)
                if glued:  # the byline glued to it
                    self._decide(unit, "paragraph + byline", "paragraph.design-credit", glued[1])
                    self._add(Kind.PARAGRAPH, glued[0], unit)
                    self._add(Kind.BYLINE, glued[1], unit)
                    self.closed = True
                    return
                self._decide(unit, "paragraph", "paragraph.design-credit")
                return self._add(Kind.PARAGRAPH, t, unit)
            self._decide(unit, "furniture", "furniture")
            self.furniture.append(Segment(Kind.FURNITURE, t, unit.line, unit.end_line))
            return
        if p.EDITORS_SIGN_RE.match(t) and Kind.NOTE in self._kinds():
            self._decide(unit, "note", "note.editors-sign")
            return self._extend_note(unit)
        if p.EDITORS_SIGN_RE.match(t) and p.EDITORS_NOTE_TITLE_RE.match(self._title()) and self._has_body():
            # an editor's note printed as an article of its own (headed 编者按): signed off,
            # it ends; the article it introduces follows
            self._decide(unit, "paragraph", "note.editors-sign")
            self._add(Kind.PARAGRAPH, t, unit)
            self.closed = True
            return
        if p.EDITORS_SIGN_RE.match(t) and self._has_body() and not self.closed:
            # signs off an editor's note printed as the article's first paragraphs (大家谈)
            self._decide(unit, "paragraph", "note.editors-sign")
            return self._add(Kind.PARAGRAPH, t, unit)
        if p.SEE_PAGE_RE.match(t) and self._has_body():
            # （…答记者问见第四版）: printed at the article's end, after its credit too
            self._decide(unit, "paragraph", "paragraph.see-page")
            self._add(Kind.PARAGRAPH, t, unit)
            self.closed = True  # the article's last line: a heading below opens the next one
            return
        if p.ARTICLE_BOX_RE.match(t) and (self._has_body() or (self.current and Kind.BYLINE in self._kinds())):
            # (right below the byline, or after a note on the writer or a byline at the end:
            # the box is the article's)
            self.closed = False
            return self._subhead(unit, "subhead.article-box")
        if p.DIVIDER_RE.match(t) and self._has_body() and not self.closed:
            # `***  ***` between two parts of the text: a pause in it, neither a heading of its
            # own nor the end of the article
            self._decide(unit, "paragraph", "paragraph.divider")
            return self._add(Kind.PARAGRAPH, t, unit)
        if breaks.ATTRIBUTION_RE.match(t) and self._has_body() and not self.closed:
            # ——2025年8月20日，习近平总书记…指出, below the words it attributes: never a heading
            self._decide(unit, "paragraph", "paragraph.attribution")
            return self._add(Kind.PARAGRAPH, t, unit)
        if shapes.section_label(t, self.profile) and self._has_body() and not self._wide_gap(unit):
            # 案例二 below the credit of 案例一: the article's next section, not a new article
            self.closed = False
            return self._subhead(unit, "subhead.section-label")
        open_paragraph = self._open_paragraph()
        indented_paragraph = self.layout.indented and unit.indented
        if indented_paragraph and self.current is not None and not p.JUMP_FROM_RE.match(t):
            # Where indentation marks paragraphs, headlines are the lines that are not
            # indented: an indented line stays in the article above it.
            if self.closed and self._has_body():
                self.closed = False
            if (
                self._has_body()
                and self.current[-1].kind is Kind.SUBHEAD
                and (p.is_signature_line(t) or p.contributor_signature(t))
                # not the second line of signatures below a treaty (`中华人民共和国主席  习近平`)
                and not p.contributor_signature(self.current[-1].text)
            ):
                # right below a section's heading, its writer (`坚持“挖深井”` / `安徽亳州市  马方正`,
                # `教育部某中心副主任  黄  辉`), as `subhead.section` finds where blank lines part blocks
                return self._section_credit(unit)
            if (
                (self._has_body() or self._title_only())
                and shapes.heading_shaped(t, self.profile)
                and not p.is_signature_line(t)
                and not p.dateline_of(t)
                and not self._cut_by_page_break(i)
            ):
                return self._subhead(unit, "indent.subhead")
            if not self.closed:
                return self._body(i, unit)
        if (
            self.layout.indented
            and not unit.indented
            and unit.gap_before
            and self._has_body()
            and not (open_paragraph and not p.is_terminated(open_paragraph[1]) and self._continues(i, unit))
            and (
                shapes.could_be_headline(t, self.profile)
                or self._kicker_above_headline(i)
                or self._above_a_confirmed_headline(i)  # (a column's label, `■记者观察`)
            )
            and not p.is_signature_line(t)
        ):
            return self._headline(unit, "indent.headline")
        if (
            self.layout.indented
            and not unit.indented
            and unit.gap_before == 0
            and self._has_body()
            and not self.closed
            and shapes.could_be_headline(t, self.profile)
            and not p.is_signature_line(t)
        ):
            # Articles are set apart by blank lines: a line with none above it heads a part
            # of the article (a digest's item, a sub-head), even with a dateline below it.
            return self._subhead(unit, "indent.part-heading")
        if (
            self.layout.indented
            and not unit.indented
            and unit.gap_before == 0
            and self._title_only()
            and not p.dateline_of(t)
            and not p.JUMP_FROM_RE.match(t)  # (上接A01版): where the text goes on, not the headline
            # (a law's or a document's note of its adoption, in brackets, is its headline's
            # last piece however long: `（1994年12月29日…通过 …修订）`)
            and (len(t) <= self.profile.long_headline_max or DATED_NOTE_RE.match(t))
        ):
            if (
                p.is_signature_line(t)
                or (p.is_signature_name(t) and not self.profile.is_column_word(t) and not self._credited_right_below(i))
                or p.institutions(t)
                or p.contributor_signature(t)  # (a pupil's school and class, and name)
            ):
                return self._byline(unit)
            if shapes.credits_a_person(t) and not p.PARTICIPANTS_RE.match(t):
                self._decide(unit, "byline", "byline.role-credit")
                return self._add(Kind.BYLINE, t, unit)
            if shapes.role_credit(t) and not p.PARTICIPANTS_RE.match(t):  # (`提案人：民盟中央`: text)
                self._decide(unit, "paragraph", "paragraph.credit")
                return self._add(Kind.PARAGRAPH, t, unit)
            return self._headline(unit, "indent.headline-piece", extend=True)
        if (
            self.layout.indented
            and not unit.indented
            and self.current is None
            and (self._heads_indented_text(i) or self._kicker_above_headline(i))  # (`联合国粮农组织：`)
        ):
            return self._headline(unit, "indent.page-top")
        if (
            open_paragraph
            and not indented_paragraph
            and (
                (not p.is_terminated(open_paragraph[1]) and self._continues(i, unit))
                or self._carries_on_regardless(open_paragraph[1], t)
                or self._sentence_after_a_break(i, unit)
            )
        ):
            glued = p.glued_byline(t)
            if glued:  # the paragraph's tail, with the byline that ends the article
                self._decide(
                    unit,
                    "continuation + byline",
                    "join.glued-byline",
                    f"of line {open_paragraph[0].first_line}; byline: {glued[1]}",
                )
                self._extend_last(Unit(glued[0], unit.line, unit.gap_before, unit.indented, unit.last_line))
                self._add(Kind.BYLINE, glued[1], unit)
                self.closed = True
                return
            rule_id, why = self._join_rule
            sure = rule_id != "join.evidence" or self._sure_of_a_join(self._join_chance)
            if rule_id == "join.evidence":
                self._join_chances[unit.line] = self._join_chance
            of_line = f"of line {open_paragraph[0].first_line}; {why}".rstrip("; ")
            self._decide(unit, "continuation", rule_id, of_line, confident=sure)
            return self._extend_last(unit)
        if (
            self._last_rule() == "subhead.section"
            and not self._wide_gap(unit)  # set apart wider than the page's blocks: a new piece's title
            and (p.is_signature_line(t) or p.is_signature_name(t) or p.contributor_signature(t))
            # below a poem's last line, a short title with its writer under it (`明瓦` / `袁益民`)
            and not (self._a_poem_so_far() and self._signed_prose_below(i))
        ):
            return self._section_credit(unit)
        if p.is_signature_line(t):
            return self._byline(unit)
        if not self.layout.indented and shapes.is_adopted_title(t) and not self._awaiting_title():
            # a document's title and the note of its adoption (…名单 （2026年4月30日…通过）)
            return self._headline(unit, "headline.adopted", extend=self._title_only())
        after_text = self._title_after_text(unit)
        if after_text == "headline.column-tag":
            return self._headline(unit, after_text)
        if (
            self.current is not None
            and not self.closed
            and not self._awaiting_title()
            and not p.dateline_of(t)
            and not p.is_end_credit(t)
            and not p.glued_byline(t)
            and not p.glued_end_credit(t)
            and not p.is_caption(t)  # (its credit ends it: `…草莓长势。受访者供图`)
            and not shapes.headline_pieces(t, self.profile)
            # set apart as widely as the page sets its confirmed articles apart: a new
            # piece's title (a page with none such says nothing by its gaps)
            and not (self.article_gap and self._wide_gap(unit))
            # a name right below the headline signs the piece (`谭淇尹` / `歌曲《玉盘》…`)
            and not (self._title_only() and p.is_signature_name(t) and not self.profile.is_column_word(t))
        ):
            chance, why = self._carried_on_below(i)
            below = self._next(i)
            if below is not None and JOIN_UNSURE[0] < chance < self.profile.join_threshold:
                self.cut_doubt = (
                    unit.line,
                    f"{self._weighed_detail(chance)}; the block below: line {below.line}",
                    below.line,
                )
            if chance >= self.profile.join_threshold:
                # the first part of a paragraph a break cut: not a headline or a sub-head
                self._decide(unit, "paragraph", "paragraph.cut-below", why)
                return self._add(Kind.PARAGRAPH, t, unit)
        if after_text:  # a notice's title, unless a break cut a sentence after its 声明 (above)
            return self._headline(unit, after_text)
        if p.is_end_credit(t):
            self._decide(unit, "dateline", "dateline.end-credit")
            self._add(Kind.DATELINE, t, unit)
            self.closed = True
            return
        if self._starts_section(i):
            if self._a_poem_so_far() and self._signed_prose_below(i):
                return self._headline(unit, "headline.after-poem")
            self.sections = True
            return self._subhead(unit, "subhead.section")
        if Kind.PARAGRAPH in self._kinds() and not self.closed and DATED_NOTE_RE.match(t):
            # below a headline it is a piece of it (the date of a speech); in the text, the
            # date of the document printed there — never a new article's headline
            self._decide(unit, "paragraph", "paragraph.dated-note")
            return self._add(Kind.PARAGRAPH, t, unit)
        if (
            not self.layout.indented
            and p.DASH_PIECES_RE.search(t)
            and shapes.could_be_headline(t, self.profile)
            and self._has_body()
        ):
            # pieces meeting at a dash: a kicker and its main title, or a main title and its
            # subtitle — a headline's, never a sub-head's
            return self._headline(unit, "headline.dash-pieces")
        if (
            not self.layout.indented
            and not shapes.heading_shaped(t, self.profile)
            and not self._wide_gap(unit)
            # the evidence alone makes no headline of a question in the text (below, one with a
            # byline under it is confirmed)
            and not self._question_in_text(t)
            and self._open_for_evidence(i, unit)
            and self._headline_chance(i, unit) >= self.profile.headline_threshold
        ):
            return self._weighed_headline(unit)  # a headline with commas, or pieces set apart by spaces
        if (
            shapes.heading_shaped(t, self.profile)
            or self._confirmed_headline(i)
            or self._punctuated_headline(i)
            or self._leaves_digest(i, unit)
            # an institution signing the piece, right below its headline, however it is
            # written out (`中央党校（国家行政学院）校（院）务委员会`): `byline.institution`
            or (self._title_only() and shapes.signing_institution(t))
            # a kicker ending in a colon between a headline's first line and its main title
            # (`对话` / `青年雕塑家沈禾：` / `让材料自己开口说话` / `本报记者 谷雨`)
            or (self._title_only() and unit.gap_before == 0 and self._kicker_above_headline(i))
        ):
            return self._heading(i, unit)
        if sections.lead_in(t) and Kind.PARAGRAPH in self._kinds() and not self.closed:
            # `因地制宜，一县一策——` alone between paragraphs: the lead-in heading of a section
            return self._subhead(unit, "subhead.dash-lead")
        self._body(i, unit)

    def _running_head(self, text: str) -> bool:
        """Above the page's first article, a line with a full date and its weekday and no
        sentence: the running head, however it orders the paper, the 版 and the editors
        (`A08 2025年9月17日 星期三 经济 责编 沈一帆`, `北滨晚报·文体 A06 2025.9.19 星期五 编辑 马骁`)."""
        return self.current is None and running_head(text)

    def _heads_indented_text(self, i: int) -> bool:
        """Where indentation marks paragraphs: a line at the top of the page (no article open),
        not indented and not ending a sentence, above indented text or another line not
        indented that could head it (a kicker, `…，一级军士长王臣——` / `一颗匠心护战鹰`): a
        headline, however long and punctuated. The rest of a paragraph from another page mostly
        ends its sentence, or opens where no sentence opens (`的…`, a comma)."""
        t = self.units[i].text
        nxt = self._next(i)
        return (
            nxt is not None
            and self._could_open_the_page(t, t)
            and not p.is_furniture(t)
            and (
                nxt.indented
                or (
                    nxt.gap_before == 0
                    and (shapes.could_be_headline(nxt.text, self.profile) or p.is_byline_line(nxt.text))
                )
            )
        )


def parse_page(
    text: str, first_line: int = 1, corrections: Corrections | None = None, profile: PaperProfile = DEFAULT
) -> PageParse:
    """Split one page of normalised text into articles (and page furniture).

    `first_line` is the file line number of the first line of `text` (after any header),
    so every segment and decision points at the line an archivist sees in their editor;
    `profile` holds the paper's own values (archive.yml `profile:`).
    """
    fix = corrections or Corrections()
    read = reading.simplified_reading(text)
    if read is not None:  # printed in traditional characters: cut as its simplified reading
        parsed = reading.restore(
            _Parser(read, first_line, fix, reading.profile_read(profile)).run(), text, read, first_line
        )
        if parsed is not None:
            return parsed
    return _Parser(text, first_line, fix, profile).run()
