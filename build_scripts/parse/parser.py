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

import statistics

from build_scripts.ingest.corrections import Corrections
from build_scripts.ingest.paper_profile import DEFAULT, PaperProfile
from build_scripts.parse import evidence, shapes
from build_scripts.parse import patterns as p
from build_scripts.parse.body import BodyRules
from build_scripts.parse.layout import Unit as _Unit
from build_scripts.parse.layout import build_units
from build_scripts.parse.model import (
    Kind,
    PageParse,
    Segment,
)
from build_scripts.parse.state import ArticleState

# A weighed decision is flagged (a warning an archivist should check) only when the
# evidence is nearly even: measured on real pages, decisions outside this band are wrong
# too seldom for a warning to be worth reading.
UNSURE_BAND = (0.35, 0.65)
DIGEST_TITLE_MAX = 4  # a column of short items is named in a word or two: 环球扫描, 纵横


class _Parser(BodyRules, ArticleState):
    def __init__(self, text: str, first_line: int, corrections: Corrections, profile: PaperProfile = DEFAULT):
        self.fix = corrections
        keep_apart = frozenset(corrections.break_before | corrections.no_join | set(corrections.labels))
        self.units, self.layout = build_units(text, first_line, keep_apart)
        gaps = [u.gap_before for u in self.units[1:]]
        self.usual_gap = statistics.median(gaps) if gaps else 1
        ArticleState.__init__(self, profile)
        self._ends_with_byline_cache: dict[int, bool] = {}
        self._evidence: tuple[str, evidence.Features] = ("", {})  # the last weighed decision
        self.weighed: list[tuple[_Unit, evidence.Features]] = []  # every headline-or-not weighed
        self._join_rule = ("join.evidence", "")  # why the last continuation was joined
        self._words_of: list[Segment] | None = None  # the article whose words are counted
        self._words_counted = 0
        self._at = 0  # the unit being labelled
        self._words: set[str] = set()
        # Some pages set sub-heads off with a wider gap than paragraphs and articles with a
        # wider one still: the narrowest gap before a headline that a byline or dateline
        # confirms is the least an article boundary gets on this page.
        confirmed = [u.gap_before for i, u in enumerate(self.units) if i > 0 and self._confirmed_headline(i)]
        self.article_gap = min(confirmed) if confirmed else 0

    # -- the page around a unit ----------------------------------------------------------

    def _next(self, i: int) -> _Unit | None:
        return self.units[i + 1] if i + 1 < len(self.units) else None

    def next_unit(self, unit: _Unit) -> _Unit | None:
        """The block after this one (units are walked in order: found from the current one)."""
        return self._next(self._at) if self.units[self._at] is unit else None

    def _wide_gap(self, unit: _Unit) -> bool:
        """More blank lines before the unit than between paragraphs, and as many as before
        the page's confirmed headlines: the page marks an article boundary here."""
        usual = self.usual_gap if self.layout.indented else max(self.usual_gap, 1)
        return unit.gap_before > usual and unit.gap_before >= self.article_gap

    def _confirmed_headline(self, i: int) -> bool:
        nxt = self._next(i)
        return (
            nxt is not None
            and nxt.line not in self.fix.labels
            and shapes.opens_article(nxt.text)
            and shapes.could_be_headline(self.units[i].text, self.profile)
            and not (i > 0 and p.ends_mid_sentence(self.units[i - 1].text))
        )

    def _ends_article(self, i: int) -> bool:
        """Does unit i sign an article off with a byline of its own (a second one, if the
        article is signed at its top)? A dispatch credit (（本报柏林电）), a note about the
        writer, a photo credit or the page's furniture do not."""
        text = self.units[i].text
        if p.is_furniture(text) or p.AUTHOR_NOTE_RE.match(text) or p.is_caption(text):
            return False
        glued = p.glued_byline(text)
        if glued and p.AUTHOR_NOTE_RE.match(glued[1]):
            return False
        if glued or p.JUMP_TO_RE.search(text):
            return True
        if p.is_signature_line(text):
            return i > 0 and not shapes.heading_shaped(self.units[i - 1].text, self.profile)
        return False

    def _section_ends_with_byline(self, i: int) -> bool:
        """Does the stretch after unit i, up to the next confirmed headline, end an article
        with a byline or credit of its own? Every unit of a stretch shares the answer, so it
        is computed once per stretch and the walk stays linear."""
        if i not in self._ends_with_byline_cache:
            j, answer = i + 1, False
            while j < len(self.units) and not self._confirmed_headline(j):
                if shapes.heading_shaped(self.units[j].text, self.profile) and self._wide_gap(self.units[j]):
                    break  # a headline the gap marks: what follows belongs to its article
                if self._ends_article(j):
                    answer = True
                    break
                j += 1
            for k in range(i, j):
                self._ends_with_byline_cache.setdefault(k, answer)
            self._ends_with_byline_cache[i] = answer
        return self._ends_with_byline_cache[i]

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

    def _label(self, i: int, unit: _Unit) -> None:
        self._at = i
        t = unit.text
        if p.is_furniture(t):
            self._decide(unit, "furniture", "furniture")
            self.furniture.append(Segment(Kind.FURNITURE, t, unit.line, unit.end_line))
            return
        if p.EDITORS_SIGN_RE.match(t) and Kind.NOTE in self._kinds():
            self._decide(unit, "note", "note.editors-sign")
            return self._extend_note(unit)
        open_paragraph = self._open_paragraph()
        indented_paragraph = self.layout.indented and unit.indented
        if indented_paragraph and self.current is not None and not p.JUMP_FROM_RE.match(t):
            # Where indentation marks paragraphs, headlines are the lines that are not
            # indented: an indented line stays in the article above it.
            if self.closed and self._has_body():
                self.closed = False
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
            and shapes.could_be_headline(t, self.profile)
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
            and len(t) <= self.profile.long_headline_max
        ):
            if p.is_signature_line(t) or (p.is_signature_name(t) and not self.profile.is_column_word(t)):
                return self._byline(unit)
            return self._headline(unit, "indent.headline-piece", extend=True)
        if (
            open_paragraph
            and not indented_paragraph
            and not p.is_terminated(open_paragraph[1])
            and self._continues(i, unit)
        ):
            glued = p.glued_byline(t)
            if glued:  # the paragraph's tail, with the byline that ends the article
                self._decide(
                    unit,
                    "continuation + byline",
                    "join.glued-byline",
                    f"of line {open_paragraph[0].first_line}; byline: {glued[1]}",
                )
                self._extend_last(_Unit(glued[0], unit.line, unit.gap_before, unit.indented, unit.last_line))
                self._add(Kind.BYLINE, glued[1], unit)
                self.closed = True
                return
            rule_id, why = self._join_rule
            self._decide(unit, "continuation", rule_id, f"of line {open_paragraph[0].first_line}; {why}".rstrip("; "))
            return self._extend_last(unit)
        if p.is_signature_line(t):
            return self._byline(unit)
        if p.is_end_credit(t):
            self._decide(unit, "dateline", "dateline.end-credit")
            self._add(Kind.DATELINE, t, unit)
            self.closed = True
            return
        if (
            not self.layout.indented
            and not shapes.heading_shaped(t, self.profile)
            and self._open_for_evidence(i, unit)
            and self._headline_chance(i, unit) >= self.profile.headline_threshold
        ):
            return self._weighed_headline(unit)  # a headline with commas, or pieces set apart by spaces
        if shapes.heading_shaped(t, self.profile) or self._confirmed_headline(i) or self._punctuated_headline(i):
            return self._heading(i, unit)
        self._body(i, unit)

    def _open_for_evidence(self, i: int, unit: _Unit) -> bool:
        """Is the line inside an open article, where only the weighed evidence can tell a
        new article's headline from a sub-head or a paragraph?"""
        t = unit.text
        return not (
            self.current is None
            or self.closed
            or self._title_only()
            or self._awaiting_title()
            or self.digest
            or self._introduced(i)
            or not shapes.could_be_headline(t, self.profile)
            or self._confirmed_headline(i)
            or p.is_note(t)
            or p.is_caption(t)
        )

    def _introduced(self, i: int) -> bool:
        """The paragraph above ends with a colon: it introduces the lines below (a list, a
        timeline), which stay in its article."""
        for segment in reversed(self.current or []):
            if segment.kind is Kind.SUBHEAD:
                continue  # an item of the list already
            return (
                segment.kind is Kind.PARAGRAPH and not self._tail and segment.text.rstrip(p.CLOSERS + " ")[-1:] in "：:"
            )
        return False

    def _article_words(self) -> set[str]:
        """The character pairs of the article so far, kept up to date as it grows (not
        recounted for every line weighed)."""
        segments = self.current or []
        if self._words_of is not self.current or self._words_counted > len(segments):
            self._words_of, self._words_counted, self._words = self.current, 0, set()
        for segment in segments[max(self._words_counted - 1, 0) :]:  # the last one may have grown
            self._words |= evidence.words(segment.text)
        self._words_counted = len(segments)
        return self._words

    def _headline_chance(self, i: int, unit: _Unit) -> float:
        before = self.units[i - 1].text if i else None
        after = self.units[i + 1].text if i + 1 < len(self.units) else None
        last = self.current[-1].kind if self.current else None
        previous = {Kind.HEADLINE: "headline", Kind.BYLINE: "byline"}.get(last, "paragraph") if last else "start"
        credited = bool(self._kinds() & {Kind.BYLINE, Kind.DATELINE})
        above = self._article_words()
        below = frozenset().union(*(evidence.words(u.text) for u in self.units[i + 1 : i + 3]))
        features = evidence.headline_features(
            unit.text,
            before,
            after,
            unit.gap_before,
            self.usual_gap,
            previous,
            credited,
            self._section_ends_with_byline(i),
            evidence.cohesion(evidence.words(unit.text), above),
            evidence.cohesion(below, above),
        )
        self._evidence = ("headline", features)
        self.weighed.append((unit, features))
        return evidence.probability("headline", features)

    def _weighed_headline(self, unit: _Unit) -> None:
        model, features = self._evidence
        chance = evidence.probability(model, features)
        self._headline(
            unit,
            "headline.evidence",
            f"{chance:.0%}: {evidence.strongest(model, features)}",
            confident=chance >= UNSURE_BAND[1],
        )

    def _punctuated_headline(self, i: int) -> bool:
        """A short line with a comma or ending in ？/！ (`“家门口”就业，真香！`) is a headline,
        not a paragraph, where the page marks an article boundary before it: a wider gap
        than usual, or a byline ending the text below while the article above is credited."""
        unit = self.units[i]
        if (
            shapes.heading_shaped(unit.text, self.profile)
            or not shapes.could_be_headline(unit.text, self.profile)
            or self.current is None
            or self.closed
        ):
            return False
        if self._wide_gap(unit):
            return True
        # (not the line right below a top byline: that is the article's lead)
        return (
            bool(self._kinds() & {Kind.BYLINE, Kind.DATELINE})
            and self._has_body()
            and self._section_ends_with_byline(i)
        )

    def _continues(self, i: int, unit: _Unit) -> bool:
        if unit.line in self.fix.no_join:
            return False
        t = unit.text
        if shapes.opens_article(t) or p.is_furniture(t) or p.is_end_credit(t) or p.is_caption(t):
            return False
        if p.is_signature_line(t) or p.JUMP_FROM_RE.match(t):
            return False
        if self._confirmed_headline(i):
            return False
        if self.layout.indented and unit.gap_before:
            # Indentation marks paragraphs here: an unindented line after a blank line is the
            # rest of a paragraph a page break cut, unless it is shaped like a headline.
            self._join_rule = ("join.indent-page-break", "")
            return p.is_terminated(t) or not shapes.heading_shaped(t, self.profile)
        if shapes.heading_shaped(t, self.profile):
            # A short line after a cut paragraph is its tail unless the page says otherwise.
            if self._wide_gap(unit):
                return False
            if self._kinds() & {Kind.BYLINE, Kind.DATELINE} and self._section_ends_with_byline(i):
                return False
        if p.ends_mid_sentence(self._open_paragraph()[1]):  # type: ignore[index]
            self._join_rule = ("join.mid-sentence", "")
            return True
        chance = self._join_probability(unit)
        self._join_rule = ("join.evidence", f"{chance:.0%}: {evidence.strongest('join', self._evidence[1])}")
        return chance >= self.profile.join_threshold

    def _join_probability(self, unit: _Unit) -> float:
        open_paragraph = self._open_paragraph()
        assert open_paragraph is not None
        paragraphs = [s for s in self.current or [] if s.kind is Kind.PARAGRAPH]
        lead = len(paragraphs) == 1 and not self._tail
        features = evidence.join_features(open_paragraph[1], unit.text, lead)
        self._evidence = ("join", features)
        return evidence.probability("join", features)

    def _cut_by_page_break(self, i: int) -> bool:
        """Where indentation marks paragraphs: does the rest of this line come after a page
        break (a blank line, then a line that is not indented and is not a headline)? Or
        does it leave a quotation or a bracket open?"""
        if evidence.leaves_open(self.units[i].text):
            return True
        nxt = self._next(i)
        return (
            nxt is not None
            and nxt.gap_before > 0
            and not nxt.indented
            and (p.is_terminated(nxt.text) or not shapes.heading_shaped(nxt.text, self.profile))
        )

    def _digest_item(self, i: int, unit: _Unit) -> bool:
        """A column of short items (环球扫描, 八方速递): its title is a short name with the
        first item's title right below it; the items' titles and datelines stay inside it
        until a wider gap, or a headline with a byline of its own."""
        t = unit.text
        if not shapes.heading_shaped(t, self.profile) or p.is_signature_name(t):
            return False
        nxt = self._next(i)
        if nxt is not None and (p.is_byline_line(nxt.text) or p.is_signature_name(nxt.text)):
            return False
        if (
            self._title_only()
            and len(self.current or []) == 1
            and len(p.without_trailing_bracket((self.current or [])[0].text)) <= DIGEST_TITLE_MAX
        ):
            self.digest = True
        return self.digest and not self.closed and not self._wide_gap(unit)

    def _heading(self, i: int, unit: _Unit) -> None:
        t = unit.text
        if p.COLUMN_BOX_RE.match(t):
            return self._headline(unit, "headline.column-box")
        if self._digest_item(i, unit):
            return self._subhead(unit, "subhead.digest-item")
        if self._confirmed_headline(i):
            if self._awaiting_title():
                return self._headline(unit, "headline.after-note", extend=True)
            if self._title_only() and unit.gap_before <= max(self.usual_gap, 1):
                return self._headline(unit, "headline.second-line-confirmed", extend=True)
            return self._headline(unit, "headline.confirmed")
        if self.current is None:
            return self._headline(unit, "headline.page-start")
        if self.closed:
            return self._headline(unit, "headline.after-end")
        if self._awaiting_title():
            return self._headline(unit, "headline.awaited", extend=True)
        if self._title_only() and p.is_signature_name(t) and not self.profile.is_column_word(t):
            self._decide(unit, "byline", "byline.names-below-headline")
            return self._add(Kind.BYLINE, t, unit)
        if self._title_only():
            return self._headline(unit, "headline.piece", extend=True)
        if Kind.CAPTION in self._kinds() and Kind.PARAGRAPH not in self._kinds():
            return self._headline(unit, "headline.after-picture")
        if t.startswith(("——", "－－", "—")) and Kind.PARAGRAPH not in self._kinds():
            return self._headline(unit, "headline.dash-subtitle", extend=True)
        if p.SUBHEAD_MARKER_RE.match(t):
            return self._subhead(unit, "subhead.marker")
        if self._introduced(i):
            return self._subhead(unit, "subhead.introduced")
        # An article credited at its top (byline, or a dateline naming the source) does not
        # get a second byline at its end: a byline ending the text below starts a new one.
        has_byline = bool(self._kinds() & {Kind.BYLINE, Kind.DATELINE})
        if has_byline and self._has_body() and self._section_ends_with_byline(i):
            return self._headline(unit, "headline.credited-twice")
        if not self.layout.indented and self._open_for_evidence(i, unit):
            chance = self._headline_chance(i, unit)
            if chance >= self.profile.headline_threshold:
                return self._weighed_headline(unit)
            model, features = self._evidence
            return self._subhead(
                unit,
                "subhead.evidence",
                f"{chance:.0%}: {evidence.strongest(model, features)}",
                confident=chance <= UNSURE_BAND[0],
            )
        if self._wide_gap(unit):
            return self._headline(
                unit, "headline.wide-gap", f"{unit.gap_before} blank lines; usual here: {self.usual_gap:g}"
            )
        if len(t) > self.profile.subhead_max:
            return self._subhead(unit, "subhead.long", confident=False)
        unsure = not has_byline and self._section_ends_with_byline(i)
        why = "or the headline of an article without a byline at its top" if unsure else ""
        return self._subhead(unit, "subhead.short", why, confident=not unsure)


def parse_page(
    text: str, first_line: int = 1, corrections: Corrections | None = None, profile: PaperProfile = DEFAULT
) -> PageParse:
    """Split one page of normalised text into articles (and page furniture).

    `first_line` is the file line number of the first line of `text` (after any header),
    so every segment and decision points at the line an archivist sees in their editor;
    `profile` holds the paper's own values (archive.yml `profile:`).
    """
    return _Parser(text, first_line, corrections or Corrections(), profile).run()
