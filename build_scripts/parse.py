"""Cut the text of one newspaper page into articles. A pure function: text in, PageParse out.

How it decides (docs/parser.md has the long version):

1. Lines: every non-blank line is a unit; the number of blank lines before it is kept,
   because a wider gap than usual is one of the signs of a new article.
2. Continuations: a paragraph that stops without terminal punctuation was broken by a
   page/column break and continues in the next unit; they are joined with no space.
3. Labels: each unit becomes headline, byline, dateline + paragraph, sub-head, caption,
   editor's note or page furniture, from its own shape and from its neighbours: a short
   unpunctuated line followed by a byline or a dateline is a headline; after an article was
   closed by a byline at its end, the next short line is a headline; inside an article it is
   a sub-head, unless what follows it ends with a byline of its own.

Every decision is recorded (Decision) so `convert --explain` can show it, and the unsure
ones become warnings.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from . import patterns as p
from .model import Article, Decision, Kind, PageParse, Segment

LABELS = ("headline", "byline", "subhead", "paragraph", "caption", "note", "furniture")


@dataclass(frozen=True)
class Corrections:
    """An archivist's fixes for one page, from its sidecar `.fix.yml` (line numbers are the
    source file's)."""

    break_before: frozenset[int] = frozenset()  # a new article starts at this line
    join: frozenset[int] = frozenset()  # this line continues the block before it
    no_join: frozenset[int] = frozenset()  # this line starts a new block, whatever its shape
    labels: dict[int, str] = field(default_factory=dict)  # line -> one of LABELS


@dataclass
class _Unit:
    text: str
    first_line: int
    last_line: int
    gap_before: int  # blank lines before this unit
    lines: tuple[int, ...] = ()


# The shape tests on a paragraph being joined (_continues) look only at its first and last
# characters and at whether it is longer than a headline. While it is built, a long paragraph
# is represented by its two ends: joining it piece by piece would copy it once per line.
_SHAPE_END = 2000


def _shape_of(texts: list[str]) -> str:
    head = _ends(texts, reverse=False)
    if len(head) < _SHAPE_END:
        return head
    return head + _ends(texts, reverse=True)


def _ends(texts: list[str], reverse: bool) -> str:
    out, size = [], 0
    for text in reversed(texts) if reverse else texts:
        out.append(text)
        size += len(text)
        if size >= _SHAPE_END:
            break
    if reverse:
        return "".join(reversed(out))[-_SHAPE_END:]
    return "".join(out)[:_SHAPE_END]


def _units(text: str, first_line: int) -> list[_Unit]:
    units: list[_Unit] = []
    gap = 0
    for offset, raw in enumerate(text.split("\n")):
        line = raw.strip()
        if not line:
            gap += 1
            continue
        number = first_line + offset
        units.append(_Unit(line, number, number, gap, (number,)))
        gap = 0
    return units


class _Parser:
    def __init__(self, text: str, first_line: int, corrections: Corrections):
        self.fix = corrections
        self.decisions: list[Decision] = []
        self._ends_with_byline_from: list[bool] | None = None
        self.units = self._join_continuations(_units(text, first_line))
        gaps = [u.gap_before for u in self.units[1:]]
        self.usual_gap = statistics.median(gaps) if gaps else 1
        self.articles: list[Article] = []
        self.furniture: list[Segment] = []
        self.current: list[Segment] | None = None
        self.current_kinds: set[Kind] = set()  # kinds in `current`: rescanning it is quadratic
        self.closed = True  # no open article before the first headline

    # -- labels the archivist forced ----------------------------------------------------

    def _forced(self, unit: _Unit) -> str | None:
        for line in unit.lines:
            if line in self.fix.labels:
                return self.fix.labels[line]
        return None

    # -- shapes -----------------------------------------------------------------------------

    def _heading_like(self, unit: _Unit) -> bool:
        t = unit.text
        return (
            not p.is_terminated(t)
            and len(t) <= p.HEADLINE_MAX
            and not p.has_sentence_punct(t)
            and not p.is_byline_line(t)
            and not p.is_furniture(t)
            and not p.is_caption(t)
        )

    def _comma_heading(self, unit: _Unit) -> bool:
        t = unit.text
        return not p.is_terminated(t) and len(t) <= p.COMMA_HEADLINE_MAX and not p.is_byline_line(t)

    def _starts_article(self, unit: _Unit) -> bool:
        """A byline, a dateline or an editor's note right below a line makes it a headline."""
        t = unit.text
        forced = self._forced(unit)
        if forced:
            return forced in ("byline",)
        return p.is_byline_line(t) or p.dateline_of(t) is not None or p.is_note(t)

    def _confirmed_headline(self, i: int) -> bool:
        unit = self.units[i]
        nxt = self.units[i + 1] if i + 1 < len(self.units) else None
        if nxt is None or not self._starts_article(nxt):
            return False
        return self._heading_like(unit) or self._comma_heading(unit)

    def _is_end_byline(self, i: int) -> bool:
        unit = self.units[i]
        if p.glued_byline(unit.text) or p.letter_signature(unit.text):
            return True
        if p.is_byline_line(unit.text):
            prev = self.units[i - 1] if i > 0 else None
            return prev is not None and not self._heading_like(prev)
        return False

    def _section_ends_with_byline(self, i: int) -> bool:
        """Does the stretch after unit i, up to the next confirmed headline, end with a byline?"""
        if self._ends_with_byline_from is None:
            # Computed once, from the end: scanning forward for every unit is quadratic.
            verdicts = [False] * (len(self.units) + 1)
            for j in range(len(self.units) - 1, -1, -1):
                if self._confirmed_headline(j):
                    verdicts[j] = False
                elif self._is_end_byline(j):
                    verdicts[j] = True
                else:
                    verdicts[j] = verdicts[j + 1]
            self._ends_with_byline_from = verdicts
        return self._ends_with_byline_from[i + 1]

    # -- pass 1: paragraphs broken by page/column breaks --------------------------------

    def _join_continuations(self, units: list[_Unit]) -> list[_Unit]:
        joined: list[_Unit] = []
        pieces: list[list[str]] = []  # the texts each joined unit is made of
        lines: list[list[int]] = []  # and their line numbers
        for i, unit in enumerate(units):
            prev = joined[-1] if joined else None
            after = units[i + 1] if i + 1 < len(units) else None
            if prev is not None and self._continues(prev, unit, after):
                pieces[-1].append(unit.text)
                prev.text = _shape_of(pieces[-1])  # the full text once it is complete
                prev.last_line = unit.last_line
                lines[-1].extend(unit.lines)  # no joined line carries a forced label (_continues)
                self.decisions.append(
                    Decision(unit.first_line, "continuation", f"joined to the paragraph from line {prev.first_line}")
                )
                continue
            joined.append(_Unit(unit.text, unit.first_line, unit.last_line, unit.gap_before, unit.lines))
            pieces.append([unit.text])
            lines.append(list(unit.lines))
        for unit, texts, numbers in zip(joined, pieces, lines):
            if len(texts) > 1:
                unit.text = "".join(texts)
                unit.lines = tuple(numbers)
        return joined

    def _continues(self, prev: _Unit, unit: _Unit, after: _Unit | None) -> bool:
        if unit.first_line in self.fix.join:
            return True
        if unit.first_line in self.fix.no_join or unit.first_line in self.fix.break_before:
            return False
        if self._forced(prev) or self._forced(unit):
            return False
        t = prev.text
        if p.is_terminated(t) or p.is_byline_line(t) or p.is_furniture(t) or p.glued_byline(t):
            return False
        # A headline or sub-head also ends without punctuation: only a unit that reads as
        # running text (long, or with commas inside) is a broken paragraph.
        if len(t) <= p.HEADLINE_MAX and not p.has_sentence_punct(t):
            return False
        if p.dateline_of(t) is None and len(t) <= p.COMMA_HEADLINE_MAX:
            return False
        nxt = unit.text
        if p.is_byline_line(nxt) or p.is_furniture(nxt) or p.dateline_of(nxt) or p.is_note(nxt):
            return False
        # The next unit must not be a headline confirmed by a byline/dateline below it.
        if after is not None and self._heading_like(unit) and self._starts_article(after):
            return False
        return True

    # -- pass 2: articles -------------------------------------------------------------------

    def _decide(self, unit: _Unit, label: str, rule: str, confident: bool = True) -> None:
        self.decisions.append(Decision(unit.first_line, label, rule, confident))

    def _add(self, kind: Kind, text: str, unit: _Unit) -> None:
        assert self.current is not None
        self.current.append(Segment(kind, text, unit.first_line, unit.last_line))
        self.current_kinds.add(kind)

    def _open_article(self) -> None:
        self._close_article()
        self.current = []
        self.current_kinds = set()
        self.closed = False

    def _close_article(self) -> None:
        if self.current:
            self.articles.append(_make_article(self.current))
        self.current = None
        self.current_kinds = set()

    def _has(self, kind: Kind) -> bool:
        return kind in self.current_kinds

    def _only_headline_so_far(self) -> bool:
        return bool(self.current) and self.current_kinds == {Kind.HEADLINE}

    def run(self) -> PageParse:
        for i, unit in enumerate(self.units):
            if unit.first_line in self.fix.break_before:
                self._open_article()
                self.closed = False
                self._decide(unit, "article break", "forced by the .fix.yml file")
            forced = self._forced(unit)
            if forced:
                self._apply_label(unit, forced, "forced by the .fix.yml file")
            else:
                self._label(i, unit)
        self._close_article()
        return PageParse(self.articles, self.furniture, self.decisions)

    def _label(self, i: int, unit: _Unit) -> None:
        t = unit.text
        if p.is_furniture(t):
            return self._apply_label(unit, "furniture", "page furniture (责编/版式/版头)")
        if p.is_byline_line(t):
            return self._byline(unit)
        if self._heading_like(unit) or (self._confirmed_headline(i)):
            return self._heading(i, unit)
        if self.current is None or (self.closed and not self._continues_closed(unit)):
            if self._comma_heading(unit) and not p.is_caption(t):
                return self._headline(unit, "short line without final punctuation opens an article")
            self._open_article()
            self._decide(unit, "article without headline", "text with no headline before it", confident=False)
        self._body(unit)

    def _continues_closed(self, unit: _Unit) -> bool:
        # After an article closed with its byline, a caption or note still belongs to it.
        return p.is_caption(unit.text)

    def _heading(self, i: int, unit: _Unit) -> None:
        t = unit.text
        if self._confirmed_headline(i):
            if self._only_headline_so_far() and not self.closed and unit.gap_before <= self.usual_gap:
                return self._headline(unit, "second headline line, confirmed by the byline/dateline below", extend=True)
            return self._headline(unit, "followed by a byline, dateline or editor's note")
        if self.current is None:
            return self._headline(unit, "first short unpunctuated line of the page")
        if self.closed:
            return self._headline(unit, "previous article ended with its byline")
        if self._only_headline_so_far():
            return self._headline(unit, "line right below a headline (kicker/subtitle line)", extend=True)
        if t.startswith(("——", "—", "－－")) and not self._has(Kind.PARAGRAPH):
            return self._headline(unit, "subtitle line starting with a dash", extend=True)
        if p.SUBHEAD_MARKER_RE.match(t):
            return self._apply_label(unit, "subhead", "numbered/marked sub-head")
        has_byline = self._has(Kind.BYLINE)
        if has_byline and self._section_ends_with_byline(i):
            return self._headline(unit, "what follows ends with its own byline")
        if unit.gap_before > max(self.usual_gap, 1):
            return self._headline(unit, f"{unit.gap_before} blank lines before it (usual: {self.usual_gap:g})")
        if len(t) > p.SUBHEAD_MAX:
            return self._apply_label(unit, "subhead", "long unpunctuated line inside an article", confident=False)
        unsure = not has_byline and self._section_ends_with_byline(i)
        return self._apply_label(unit, "subhead", "short unpunctuated line inside an article", confident=not unsure)

    def _headline(self, unit: _Unit, rule: str, extend: bool = False, confident: bool = True) -> None:
        self._decide(unit, "headline", rule, confident)
        if not extend or self.current is None:
            self._open_article()
        self._add(Kind.HEADLINE, unit.text, unit)

    def _byline(self, unit: _Unit) -> None:
        if self.current is None:
            self._open_article()
            self._decide(unit, "article without headline", "a byline with no headline above it", confident=False)
        if self.closed:
            # A second byline line under an article that just ended (…本报记者 X / 通讯员 Y).
            self._decide(unit, "byline", "continues the byline that ended the article above")
        elif self.current and self.current_kinds & {Kind.PARAGRAPH, Kind.SUBHEAD, Kind.NOTE}:
            self.closed = True
            self._decide(unit, "byline", "byline line after the text: ends the article")
        else:
            self._decide(unit, "byline", "byline line below the headline")
        self._add(Kind.BYLINE, unit.text, unit)

    def _body(self, unit: _Unit) -> None:
        t = unit.text
        assert self.current is not None
        if p.is_note(t):
            self._decide(unit, "note", "editor's note")
            return self._add(Kind.NOTE, t, unit)
        if p.is_caption(t):
            self._decide(unit, "caption", "photo caption/credit (…摄)")
            return self._add(Kind.CAPTION, t, unit)
        signature = p.letter_signature(t)
        if signature and self._has(Kind.PARAGRAPH):
            self.closed = True
            self._decide(unit, "byline", "reader's letter signed with a place and a name")
            return self._add(Kind.BYLINE, t, unit)
        if not self._has(Kind.PARAGRAPH) and not self._has(Kind.DATELINE):
            dated = p.dateline_of(t)
            if dated:
                dateline, credit, rest = dated
                self._decide(unit, "dateline", f"paragraph opens with dateline {dateline}")
                self._add(Kind.DATELINE, dateline, unit)
                if credit:
                    self._add(Kind.BYLINE, credit, unit)
                t = rest
                if not t:
                    return
        glued = p.glued_byline(t)
        if glued:
            text, byline = glued
            self._decide(unit, "paragraph + byline", f"byline glued to the end of the paragraph: {byline}")
            self._add(Kind.PARAGRAPH, text, unit)
            self._add(Kind.BYLINE, byline, unit)
            self.closed = True
            return
        self._decide(unit, "paragraph", "running text")
        self._add(Kind.PARAGRAPH, t, unit)

    def _apply_label(self, unit: _Unit, label: str, rule: str, confident: bool = True) -> None:
        self._decide(unit, label, rule, confident)
        t = unit.text
        if label == "furniture":
            self.furniture.append(Segment(Kind.FURNITURE, t, unit.first_line, unit.last_line))
        elif label == "headline":
            self.decisions.pop()  # _headline records its own decision
            self._headline(unit, rule, extend=False, confident=confident)
        elif label == "byline":
            self._byline_forced(unit)
        else:
            if self.current is None:
                self._open_article()
            kind = {
                "subhead": Kind.SUBHEAD,
                "caption": Kind.CAPTION,
                "note": Kind.NOTE,
                "paragraph": Kind.PARAGRAPH,
            }[label]
            self._add(kind, t, unit)

    def _byline_forced(self, unit: _Unit) -> None:
        if self.current is None:
            self._open_article()
        self._add(Kind.BYLINE, unit.text, unit)
        if self.current and self._has(Kind.PARAGRAPH):
            self.closed = True


def _make_article(segments: list[Segment]) -> Article:
    bylines = [s.text for s in segments if s.kind is Kind.BYLINE]
    return Article(list(segments), p.parse_names(*bylines))


def parse_page(text: str, first_line: int = 1, corrections: Corrections | None = None) -> PageParse:
    """Split one page of normalised text into articles (and page furniture).

    `first_line` is the file line number of the first line of `text` (after any header),
    so every segment and decision points at the line an archivist sees in their editor.
    """
    return _Parser(text, first_line, corrections or Corrections()).run()
