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
from dataclasses import dataclass

from build_scripts.ingest.corrections import Corrections
from build_scripts.parse import patterns as p
from build_scripts.parse.model import (
    BODY_KINDS,
    Article,
    Decision,
    Kind,
    PageParse,
    Segment,
)


@dataclass(frozen=True)
class _Unit:
    text: str
    line: int
    gap_before: int  # blank lines before this unit


def _units(text: str, first_line: int) -> list[_Unit]:
    units: list[_Unit] = []
    gap = 0
    for offset, raw in enumerate(text.split("\n")):
        line = raw.strip()
        if not line:
            gap += 1
            continue
        units.append(_Unit(line, first_line + offset, gap))
        gap = 0
    return units


# ---------------------------------------------------------------------------------------
# Shapes of a single unit
# ---------------------------------------------------------------------------------------


def _heading_shaped(text: str) -> bool:
    """Short, no sentence punctuation, no full stop at the end: a headline or a sub-head."""
    core = p.without_trailing_bracket(text)
    return (
        len(text) <= p.HEADLINE_MAX
        and not p.is_terminated(core)
        and not p.ends_mid_sentence(core)
        and not p.has_sentence_punct(core)
        and not p.is_signature_line(text)
        and not p.is_furniture(text)
        and not p.is_caption(text)
        and not p.is_end_credit(text)
    )


def _could_be_headline(text: str) -> bool:
    """Looser: a headline may carry commas or end with ？/！ when a byline or dateline
    below it confirms it."""
    if _heading_shaped(text):
        return True
    core = p.without_trailing_bracket(text)
    if (
        len(text) <= p.LONG_HEADLINE_MAX
        and not p.is_terminated(core)
        and not p.ends_mid_sentence(core)
        and not p.has_sentence_punct(core)
        and not p.is_signature_line(text)
        and not p.is_caption(text)
    ):
        return True  # a long headline line, e.g. kicker + main title + subtitle
    if len(text) > p.COMMA_HEADLINE_MAX or p.is_signature_line(text) or p.is_furniture(text):
        return False
    if p.ends_mid_sentence(text) or p.glued_byline(text):
        return False
    if p.is_caption(text) or p.SPEAKER_RE.match(text):
        return False
    core = p.without_trailing_bracket(text).rstrip(p.QUOTE_CLOSERS)
    return not p.is_terminated(core) or core[-1:] in p.QUESTION_OR_EXCLAMATION


def _opens_article(text: str) -> bool:
    """A byline (not a bracketed closing one), a line of names, a dateline or an editor's note."""
    if p.is_byline_line(text):
        return not p.BRACKETED_BYLINE_RE.match(text)
    return p.is_name_line(text) and text[:1] not in "（(" or p.dateline_of(text) is not None or p.is_note(text)


class _Parser:
    def __init__(self, text: str, first_line: int, corrections: Corrections):
        self.fix = corrections
        self.units = _units(text, first_line)
        gaps = [u.gap_before for u in self.units[1:]]
        self.usual_gap = statistics.median(gaps) if gaps else 1
        self.decisions: list[Decision] = []
        self.articles: list[Article] = []
        self.furniture: list[Segment] = []
        self.current: list[Segment] | None = None
        self.current_kinds: set[Kind] = set()  # kept as segments are added: no rescans
        self.closed = False  # the current article has ended (byline or credit at its end)
        self._ends_with_byline_cache: dict[int, bool] = {}
        # Pieces appended to the last segment by continuations, joined once when it is done
        # (appending to a str each time would be quadratic on long chains).
        self._tail: list[str] = []
        self._tail_line = 0
        # Some pages set sub-heads off with a wider gap than paragraphs and articles with a
        # wider one still: the narrowest gap before a headline that a byline or dateline
        # confirms is the least an article boundary gets on this page.
        confirmed = [u.gap_before for i, u in enumerate(self.units) if i > 0 and self._confirmed_headline(i)]
        self.article_gap = min(confirmed) if confirmed else 0

    # -- the page around a unit ----------------------------------------------------------

    def _next(self, i: int) -> _Unit | None:
        return self.units[i + 1] if i + 1 < len(self.units) else None

    def _wide_gap(self, unit: _Unit) -> bool:
        """More blank lines before the unit than between paragraphs, and as many as before
        the page's confirmed headlines: the page marks an article boundary here."""
        return unit.gap_before > max(self.usual_gap, 1) and unit.gap_before >= self.article_gap

    def _confirmed_headline(self, i: int) -> bool:
        nxt = self._next(i)
        return (
            nxt is not None
            and nxt.line not in self.fix.labels
            and _opens_article(nxt.text)
            and _could_be_headline(self.units[i].text)
            and not (i > 0 and p.ends_mid_sentence(self.units[i - 1].text))
        )

    def _ends_article(self, i: int) -> bool:
        text = self.units[i].text
        if p.glued_byline(text) or p.glued_end_credit(text) or p.is_end_credit(text) or p.JUMP_TO_RE.search(text):
            return True
        if p.is_signature_line(text):
            return i > 0 and not _heading_shaped(self.units[i - 1].text)
        return False

    def _section_ends_with_byline(self, i: int) -> bool:
        """Does the stretch after unit i, up to the next confirmed headline, end an article
        with a byline or credit of its own? Every unit of a stretch shares the answer, so it
        is computed once per stretch and the walk stays linear."""
        if i not in self._ends_with_byline_cache:
            j, answer = i + 1, False
            while j < len(self.units) and not self._confirmed_headline(j):
                if _heading_shaped(self.units[j].text) and self._wide_gap(self.units[j]):
                    break  # a headline the gap marks: what follows belongs to its article
                if self._ends_article(j):
                    answer = True
                    break
                j += 1
            for k in range(i, j):
                self._ends_with_byline_cache.setdefault(k, answer)
            self._ends_with_byline_cache[i] = answer
        return self._ends_with_byline_cache[i]

    def _uncredited_section(self, i: int) -> bool:
        """Is what follows the short line at i, up to the next headline, running text of
        two or more paragraphs with no byline, dateline or photo credit anywhere?"""
        j, paragraphs = i + 1, 0
        while j < len(self.units) and not self._confirmed_headline(j):
            unit = self.units[j]
            if _heading_shaped(unit.text):
                if j == i + 1:
                    return False  # a headline of several lines
                if self._wide_gap(unit):
                    break  # the next headline or sub-head the page sets off
            elif self._ends_article(j) or p.is_caption(unit.text) or p.dateline_of(unit.text):
                return False
            else:
                paragraphs += 1
            j += 1
        return paragraphs >= 2

    # -- the article being built ---------------------------------------------------------

    def _decide(self, unit: _Unit, label: str, rule: str, confident: bool = True) -> None:
        self.decisions.append(Decision(unit.line, label, rule, confident, unit.text))

    def _add(self, kind: Kind, text: str, unit: _Unit) -> None:
        self._flush_tail()
        if self.current is None:
            self._open()
        assert self.current is not None
        self.current.append(Segment(kind, text, unit.line, unit.line))
        self.current_kinds.add(kind)

    def _open(self) -> None:
        self._finish()
        self.current = []
        self.current_kinds = set()
        self.closed = False

    def _finish(self) -> None:
        self._flush_tail()
        if self.current:
            bylines = [s.text for s in self.current if s.kind is Kind.BYLINE]
            if not bylines and self.current_kinds & BODY_KINDS == {Kind.CAPTION}:
                # A picture with its caption and nothing else: the photographer is its author.
                bylines = [c for s in self.current if s.kind is Kind.CAPTION if (c := p.photographer_credit(s.text))]
            self.articles.append(Article(list(self.current), p.parse_names(*bylines)))
        self.current = None

    def _kinds(self) -> set[Kind]:
        return self.current_kinds if self.current is not None else set()

    def _has_body(self) -> bool:
        return bool(self._kinds() & {Kind.PARAGRAPH, Kind.SUBHEAD, Kind.CAPTION})

    def _title_only(self) -> bool:
        return bool(self.current) and self._kinds() == {Kind.HEADLINE}

    def _awaiting_title(self) -> bool:
        """An article opened by an editor's note or a forced break, with no headline yet."""
        return (
            self.current is not None
            and Kind.HEADLINE not in self._kinds()
            and not self._has_body()
            and Kind.BYLINE not in self._kinds()
        )

    def _open_paragraph(self) -> tuple[Segment, str] | None:
        """The last paragraph of the current article and how it ends, if a page break may
        have cut it."""
        if not self.current or self.closed:
            return None
        last = self.current[-1]
        if last.kind is not Kind.PARAGRAPH:
            return None
        return last, self._tail[-1] if self._tail else last.text

    def _extend_last(self, unit: _Unit) -> None:
        self._tail.append(unit.text)
        self._tail_line = unit.line

    def _flush_tail(self) -> None:
        if self._tail and self.current:
            last = self.current[-1]
            self.current[-1] = Segment(last.kind, last.text + "".join(self._tail), last.first_line, self._tail_line)
        self._tail = []

    # -- the walk ------------------------------------------------------------------------

    def run(self) -> PageParse:
        for i, unit in enumerate(self.units):
            if unit.line in self.fix.break_before:
                self._open()
                self._decide(unit, "article break", "forced by the .fix.yml file")
            if (
                unit.line in self.fix.join
                and self.current
                and self.current[-1].kind in (Kind.PARAGRAPH, Kind.SUBHEAD, Kind.NOTE, Kind.CAPTION)
            ):
                self._decide(unit, "continuation", "joined to the block above, forced by the .fix.yml file")
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
        t = unit.text
        if p.is_furniture(t):
            self._decide(unit, "furniture", "page furniture (责编/版式/版头)")
            self.furniture.append(Segment(Kind.FURNITURE, t, unit.line, unit.line))
            return
        open_paragraph = self._open_paragraph()
        if open_paragraph and not p.is_terminated(open_paragraph[1]) and self._continues(i, unit):
            glued = p.glued_byline(t)
            if glued:  # the paragraph's tail, with the byline that ends the article
                self._decide(
                    unit,
                    "continuation + byline",
                    f"joined to the paragraph from line "
                    f"{open_paragraph[0].first_line}; byline glued to its end: {glued[1]}",
                )
                self._extend_last(_Unit(glued[0], unit.line, unit.gap_before))
                self._add(Kind.BYLINE, glued[1], unit)
                self.closed = True
                return
            self._decide(
                unit,
                "continuation",
                f"joined to the paragraph from line {open_paragraph[0].first_line} (it stopped mid-sentence)",
            )
            return self._extend_last(unit)
        if p.is_signature_line(t):
            return self._byline(unit)
        if p.is_end_credit(t):
            self._decide(unit, "dateline", "credit of a dispatch at its end: ends the article")
            self._add(Kind.DATELINE, t, unit)
            self.closed = True
            return
        if _heading_shaped(t) or self._confirmed_headline(i) or self._punctuated_headline(i):
            return self._heading(i, unit)
        self._body(i, unit)

    def _punctuated_headline(self, i: int) -> bool:
        """A short line with a comma or ending in ？/！ (`“家门口”就业，真香！`) is a headline,
        not a paragraph, where the page marks an article boundary before it: a wider gap
        than usual, or a byline ending the text below while the article above is credited."""
        unit = self.units[i]
        if _heading_shaped(unit.text) or not _could_be_headline(unit.text) or self.current is None or self.closed:
            return False
        if self._wide_gap(unit):
            return True
        return bool(self._kinds() & {Kind.BYLINE, Kind.DATELINE}) and self._section_ends_with_byline(i)

    def _continues(self, i: int, unit: _Unit) -> bool:
        if unit.line in self.fix.no_join:
            return False
        t = unit.text
        if _opens_article(t) or p.is_furniture(t) or p.is_end_credit(t) or p.is_caption(t):
            return False
        if p.is_signature_line(t) or p.JUMP_FROM_RE.match(t):
            return False
        if self._confirmed_headline(i):
            return False
        if _heading_shaped(t):
            # A short line after a cut paragraph is its tail unless the page says otherwise.
            if self._wide_gap(unit):
                return False
            if self._kinds() & {Kind.BYLINE, Kind.DATELINE} and self._section_ends_with_byline(i):
                return False
        return True

    def _heading(self, i: int, unit: _Unit) -> None:
        t = unit.text
        if self._confirmed_headline(i):
            if self._awaiting_title():
                return self._headline(unit, "headline of the article an editor's note introduced", extend=True)
            if self._title_only() and unit.gap_before <= max(self.usual_gap, 1):
                return self._headline(unit, "second headline line, confirmed by the byline/dateline below", extend=True)
            return self._headline(unit, "a byline, dateline or editor's note follows it")
        if self.current is None:
            return self._headline(unit, "first short unpunctuated line of the page")
        if self.closed:
            return self._headline(unit, "the article above has ended")
        if self._awaiting_title():
            return self._headline(unit, "first line after an editor's note or a forced break", extend=True)
        if self._title_only() and p.is_name_line(t):
            self._decide(unit, "byline", "a line of names right below the headline")
            return self._add(Kind.BYLINE, t, unit)
        if self._title_only():
            return self._headline(unit, "line right below a headline (kicker/subtitle line)", extend=True)
        if Kind.CAPTION in self._kinds() and Kind.PARAGRAPH not in self._kinds():
            return self._headline(unit, "the picture item above has only its caption")
        if t.startswith(("——", "－－", "—")) and Kind.PARAGRAPH not in self._kinds():
            return self._headline(unit, "subtitle line starting with a dash", extend=True)
        if p.SUBHEAD_MARKER_RE.match(t):
            return self._subhead(unit, "numbered/marked sub-head")
        # An article credited at its top (byline, or a dateline naming the source) does not
        # get a second byline at its end: a byline ending the text below starts a new one.
        has_byline = bool(self._kinds() & {Kind.BYLINE, Kind.DATELINE})
        if has_byline and self._section_ends_with_byline(i):
            return self._headline(unit, "the text below it ends with a byline of its own")
        if self._wide_gap(unit):
            if has_byline and Kind.PARAGRAPH in self._kinds() and self._uncredited_section(i):
                # An article here would carry no credit at all, though it runs to several
                # paragraphs, while this one is credited at its top: a sub-head set off by
                # space. (A one-paragraph brief without a credit does happen.) Flagged.
                return self._subhead(
                    unit,
                    f"{unit.gap_before} blank lines before it, but no byline, dateline or "
                    "photo credit would start or end an article here",
                    confident=False,
                )
            return self._headline(unit, f"{unit.gap_before} blank lines before it (usual here: {self.usual_gap:g})")
        if len(t) > p.SUBHEAD_MAX:
            return self._subhead(unit, "long unpunctuated line inside an article", confident=False)
        unsure = not has_byline and self._section_ends_with_byline(i)
        rule = "short unpunctuated line inside an article"
        if unsure:
            rule += " (or the headline of an article without a byline at its top)"
        return self._subhead(unit, rule, confident=not unsure)

    def _headline(self, unit: _Unit, rule: str, extend: bool = False, confident: bool = True) -> None:
        self._decide(unit, "headline", rule, confident)
        if not extend or self.current is None or self.closed:
            self._open()
        self._add(Kind.HEADLINE, unit.text, unit)

    def _subhead(self, unit: _Unit, rule: str, confident: bool = True) -> None:
        self._decide(unit, "subhead", rule, confident)
        self._add(Kind.SUBHEAD, unit.text, unit)

    def _byline(self, unit: _Unit) -> None:
        if self.current is None:
            self._decide(unit, "byline", "a byline with no article above it", confident=False)
        elif self.closed:
            self._decide(unit, "byline", "continues the byline that ended the article above")
        elif self._has_body():
            self._decide(unit, "byline", "byline after the text: ends the article")
            self.closed = True
        else:
            self._decide(unit, "byline", "byline below the headline")
        self._add(Kind.BYLINE, unit.text, unit)

    def _start_headless(self, unit: _Unit, rule: str, confident: bool) -> None:
        self._open()
        self._decide(unit, "article without headline", rule, confident)

    def _body(self, i: int, unit: _Unit) -> None:
        t = unit.text
        if p.is_note(t):
            if self.current is None or self.closed or self._has_body():
                self._open()
            self._decide(unit, "note", "editor's note")
            return self._add(Kind.NOTE, t, unit)
        if p.is_caption(t):
            if self.current is None:
                self._start_headless(unit, "photo caption before any article", confident=False)
            self._decide(unit, "caption", "photo caption/credit (…摄)")
            return self._add(Kind.CAPTION, t, unit)
        if p.JUMP_FROM_RE.match(t) and (self.current is None or self.closed):
            self._start_headless(unit, "continued from another page (上接…)", confident=True)
        elif self.current is None or self.closed:
            if _could_be_headline(t):
                return self._headline(unit, "short line without final punctuation where an article must start")
            self._start_headless(unit, "running text where an article must start, and no headline", confident=False)
        signature = p.letter_signature(t)
        if signature and Kind.PARAGRAPH in self._kinds():
            self.closed = True
            self._decide(unit, "byline", "reader's letter signed with a place and a name")
            return self._add(Kind.BYLINE, t, unit)
        dated = p.dateline_of(t)
        if dated and (Kind.PARAGRAPH in self._kinds() or Kind.DATELINE in self._kinds()):
            self._start_headless(unit, "a second dateline inside an article starts a new one", confident=False)
        if dated:
            dateline, credit, rest = dated
            self._decide(unit, "dateline", f"paragraph opens with the dateline {dateline}")
            self._add(Kind.DATELINE, dateline, unit)
            if credit:
                self._add(Kind.BYLINE, credit, unit)
            t = rest
            if not t:
                return
        self._paragraph(unit, t)

    # What may end the last paragraph of an article, glued to it.
    _GLUED_ENDINGS = (
        (p.glued_byline, Kind.BYLINE, "paragraph + byline", "byline glued to the end of the paragraph"),
        (p.glued_end_credit, Kind.DATELINE, "paragraph + dateline", "dispatch credit at the end of the text"),
    )

    def _paragraph(self, unit: _Unit, t: str) -> None:
        for split, kind, label, why in self._GLUED_ENDINGS:
            found = split(t)
            if found:
                text, ending = found
                self._decide(unit, label, f"{why}: {ending}")
                self._add(Kind.PARAGRAPH, text, unit)
                self._add(kind, ending, unit)
                self.closed = True
                return
        self._decide(unit, "paragraph", "running text")
        self._add(Kind.PARAGRAPH, t, unit)
        if p.JUMP_TO_RE.search(t):
            self.closed = True  # 下转第N版: the rest is on another page

    def _apply_forced(self, unit: _Unit, label: str) -> None:
        rule = "forced by the .fix.yml file"
        t = unit.text
        if label == "furniture":
            self._decide(unit, "furniture", rule)
            self.furniture.append(Segment(Kind.FURNITURE, t, unit.line, unit.line))
        elif label == "headline":
            self._headline(unit, rule, extend=self._title_only() or self._awaiting_title())
        elif label == "byline":
            self._byline(unit)
        elif label == "dateline":
            self._decide(unit, "dateline", rule)
            self._add(Kind.DATELINE, t, unit)
        else:
            kind = {"subhead": Kind.SUBHEAD, "caption": Kind.CAPTION, "note": Kind.NOTE, "paragraph": Kind.PARAGRAPH}[
                label
            ]
            self._decide(unit, label, rule)
            self._add(kind, t, unit)


def parse_page(text: str, first_line: int = 1, corrections: Corrections | None = None) -> PageParse:
    """Split one page of normalised text into articles (and page furniture).

    `first_line` is the file line number of the first line of `text` (after any header),
    so every segment and decision points at the line an archivist sees in their editor.
    """
    return _Parser(text, first_line, corrections or Corrections()).run()
