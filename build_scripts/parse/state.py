"""The article being built as the parser walks a page: its segments so far, whether it has
ended, and how a decision is recorded (with the id of the rule that made it)."""

from __future__ import annotations

from dataclasses import replace

from build_scripts.ingest.corrections import Corrections
from build_scripts.ingest.paper_profile import PaperProfile
from build_scripts.parse import credits, sections, shapes
from build_scripts.parse import patterns as p
from build_scripts.parse.layout import Layout, Unit
from build_scripts.parse.model import BODY_KINDS, HEADLESS, Article, Decision, Kind, Names, Segment, a_poem
from build_scripts.parse.people import agency_reporters
from build_scripts.parse.rules import describe

# A weighed decision is flagged (a warning an archivist should check) only when the evidence
# is nearly even: measured on real pages, decisions outside these bands are wrong too seldom
# for a warning to be worth reading. Joins are wrong most often just above the threshold
# (0.5): a sub-head glued to the paragraph below, so the band reaches higher on that side;
# below it, a paragraph a break cut is left in two down to 0.3. A headline weighed just below
# its threshold (0.4) from 0.35 on is a new article's headline taken for a sub-head often
# enough to point at; one above it, up to 0.65, is a sub-head taken for a new article about
# as often as not. (Chosen on the tuning days'
# cross-check: at most one warning for every ten pages, as many wrong articles pointed at as
# that allows — maintainers/parser.md.)
JOIN_UNSURE = (0.3, 0.7)
HEADLINE_UNSURE = (0.35, 0.65)

# Sub-heads in a row, nothing between: a poem's lines or a list's items (`_lines_not_subheads`)
LINES_IN_A_ROW = 3
# The lines of a section's heading below its numbered label (`_lines_not_subheads`)
SECTION_HEADING_LINES = 2


class ArticleState:
    units: list[Unit]
    fix: Corrections  # the archivist's, for the page (page.py)
    layout: Layout  # set by the walk (parser.py)

    def next_unit(self, unit: Unit) -> Unit | None:  # the walk knows (parser.py)
        raise NotImplementedError

    def __init__(self, profile: PaperProfile):
        self.profile = profile
        self.decisions: list[Decision] = []
        self.articles: list[Article] = []
        self.furniture: list[Segment] = []
        self.current: list[Segment] | None = None
        self.current_kinds: set[Kind] = set()  # kept as segments are added: no rescans
        self.closed = False  # the current article has ended (byline or credit at its end)
        self.digest = False  # the current article is a column of short items (环球扫描)
        # The current article is printed in sections, each with a heading and a byline of its
        # own (a special report): their bylines are printed as paragraphs of its text.
        self.sections = False
        self.section_credits: list[str] = []
        # The line being labelled, where the evidence that the block below carries it on was
        # split (`JOIN_UNSURE`) but not enough to join them: (its line, the weighed detail, the block below's line)
        self.cut_doubt: tuple[int, str, int] | None = None
        # its sections are credited at their ends, each credit above the next one's label
        self.credited_by_section = False
        # Pieces appended to the last segment by continuations, joined once when it is done
        # (appending to a str each time would be quadratic on long chains).
        self._tail: list[str] = []
        self._tail_line = 0

    def _decide(
        self, unit: Unit, label: str, rule_id: str, detail: str = "", confident: bool = True, below: int | None = None
    ) -> None:
        self.decisions.append(
            Decision(unit.line, label, describe(rule_id, detail), confident, unit.text, rule_id, below)
        )

    def _sure_of_a_join(self, chance: float) -> bool:
        """Is a weighed break-or-join sure enough to go without a warning?"""
        return not JOIN_UNSURE[0] < chance < JOIN_UNSURE[1]

    def _last_rule(self) -> str:
        """The rule that labelled the block above (decisions are recorded in walk order)."""
        return self.decisions[-1].rule_id if self.decisions else ""

    def _add(self, kind: Kind, text: str, unit: Unit) -> None:
        self._flush_tail()
        if self.current is None:
            self._open()
        assert self.current is not None
        self.current.append(Segment(kind, text, unit.line, unit.end_line))
        self.current_kinds.add(kind)

    def _open(self) -> None:
        self._finish()
        self.current = []
        self.current_kinds = set()
        self.closed = False
        self.digest = False
        self.sections = False
        self.section_credits = []
        self.credited_by_section = False

    def _finish(self) -> None:
        self._flush_tail()
        if self.current:
            self._section_headings()
            self._lines_not_subheads()
            bylines = [s.text for s in self.current if s.kind is Kind.BYLINE] + self.section_credits
            box = self.profile.is_box_title(self._title())
            names = credits.byline_names(bylines or credits.picture_bylines(self.current, box))
            if any(not p.parse_names(c).authors and p.contributor_signature(c) for c in self.section_credits):
                # a section's writer named with who they are (`某大学副校长  黄  辉`) is the
                # article's too, in the order the sections print them
                writers = [w for c in bylines for w in p.parse_names(c).authors or [p.contributor_signature(c) or ""]]
                names = Names(tuple(dict.fromkeys(w for w in writers if w)), names.correspondents)
            if not (names.authors or names.correspondents):
                # a byline naming no one (本报记者), and the reporters named in the credit the
                # paper prints as the last paragraph of the report, or of each of its parts
                # (`（本报记者…采访整理）` under each of three interviews): the article is theirs
                closing = [
                    c for s in self.current if s.kind is Kind.PARAGRAPH and (c := credits.closing_credit(s.text))
                ]
                names = p.parse_names(*closing) if closing else names
            if not (names.authors or names.correspondents):  # an agency's, named in its dateline
                named = [n for s in self.current if s.kind is Kind.DATELINE for n in agency_reporters(s.text)]
                names = Names(tuple(dict.fromkeys(named)), ()) if named else names
            if not (names.authors or names.correspondents) and self.digest:
                # a column of short items (环球扫描) has no byline: each item credits its
                # reporters after its dateline (`本报华盛顿4月26日电  （记者李志伟）`)
                dated = _dateline_credits(self.current)
                names = p.parse_names(*dated) if dated else names
            if Kind.DATELINE in self.current_kinds:
                # a joint report: each later item opens with a dateline of its own, crediting
                # its reporters (`本报北京5月24日电  （记者常钦）`), who are the article's too
                later = _dateline_credits([s for s in self.current if s.kind is Kind.PARAGRAPH])
                if later:
                    names = names.and_then(p.parse_names(*later))
            if not (names.authors or names.correspondents):
                # a dialogue's speakers listed below `对话人：`: the paper's own are its authors
                names = Names(speakers, ()) if (speakers := _own_speakers(self.current)) else names
            if self.profile.column_words:  # a column's name is never a person
                names = Names(
                    tuple(n for n in names.authors if not self.profile.is_column_word(n)),
                    tuple(n for n in names.correspondents if not self.profile.is_column_word(n)),
                )
            self._doubt_a_second_signature()
            self.articles.append(Article(list(self.current), names))
        self.current = None

    def _doubt_a_second_signature(self) -> None:
        """An article signed below its headline and again at its end, by others (`张  燕` …
        `…贡献）李欣怡`), is two articles run together: the second's byline was glued to its
        last paragraph, and its headline, with no byline below it, was read as a sub-head. Which
        line heads it no evidence here tells, so the end's byline is flagged unsure, naming the
        sub-heads between (on the real pages, every such article was two)."""
        segments = self.current or []
        signed = [k for k, s in enumerate(segments) if s.kind is Kind.BYLINE]
        if len(signed) != 2 or self.section_credits or self.credited_by_section:
            return
        top, end = signed
        if (
            any(s.kind is not Kind.HEADLINE for s in segments[:top])
            or end < top + 3
            or BODY_KINDS & {s.kind for s in segments[end + 1 :]}
        ):
            return  # not right below the headline, or text below the end's byline
        first, last = (p.parse_names(segments[k].text) for k in (top, end))
        # (a correspondent or an intern credited at the end, `（通讯员 林舟）`, helped with the
        # story signed at its top)
        if not (first.authors or first.correspondents) or not last.authors or segments[end].text[:1] in "（(":
            return
        if set(first.authors + first.correspondents) & set(last.authors + last.correspondents):
            return
        line, heads = segments[end].first_line, [str(s.first_line) for s in segments[top:end] if s.kind is Kind.SUBHEAD]
        if line in self.fix.labels:
            return  # the archivist's own label: the byline is theirs
        detail = f"{segments[top].text} below the headline, line {segments[top].first_line}"
        if heads:
            detail += f"; the second may start at {'line' if len(heads) == 1 else 'one of lines'} {', '.join(heads)}"
        for k in range(len(self.decisions) - 1, -1, -1):
            if self.decisions[k].line == line and "byline" in self.decisions[k].label:
                self.decisions[k] = replace(
                    self.decisions[k],
                    rule=describe("byline.signed-twice", detail),
                    confident=False,
                    rule_id="byline.signed-twice",
                )
                return

    def _section_headings(self) -> None:
        """Headings that show only beside their fellows (`sections.py`), each kind in turn: a
        short line of two phrases and no stop (`多元科普，拉近观众与历史距离`) between two
        paragraphs, the one above complete and the one below not its rest (the breaks were
        weighed as the walk went) — and where two or more lines of the article are such
        headings up to `PHRASE_HEADINGS_ALIKE_MAX` characters long, all of them; the second
        line of a heading below a section's label; numbered headings; labelled ones. The walk
        takes for sub-heads only lines without a comma (`heading_shaped`)."""
        segments = self.current or []
        if a_poem([s.text for s in segments if s.kind in (Kind.PARAGRAPH, Kind.SUBHEAD)]):
            return
        texts = [s.text for s in segments]

        def kinds() -> list[Kind]:
            return [s.kind for s in segments]

        headings, leading = sections.phrase_series(kinds(), texts, self.profile)
        short = sections.phrase_headings(kinds(), texts, self.profile, sections.PHRASE_HEADING_MAX)
        if headings:
            self._relabel([n for n in headings if n in short], Kind.PARAGRAPH, Kind.SUBHEAD, "subhead.phrases")
            self._relabel(
                [n for n in headings if n not in short], Kind.PARAGRAPH, Kind.SUBHEAD, "subhead.phrases-alike"
            )
            self._relabel(leading, Kind.SUBHEAD, Kind.PARAGRAPH, "paragraph.lead-in")
        else:
            self._relabel(short, Kind.PARAGRAPH, Kind.SUBHEAD, "subhead.phrases")
        for find, rule in (
            (sections.below_a_label, "subhead.below-label"),
            (sections.above_a_subtitle, "subhead.above-subtitle"),
            (sections.above_a_heading, "subhead.above-heading"),
            (sections.numbered_headings, "subhead.numbered"),
            (sections.labelled_alike, "subhead.labelled-alike"),
        ):
            which = find(kinds(), texts, self.profile)
            self._relabel([n for n in which if segments[n].kind is Kind.PARAGRAPH], Kind.PARAGRAPH, Kind.SUBHEAD, rule)

    def _lines_not_subheads(self) -> None:
        """Sub-heads in a row, with no text between them, are the lines of a poem or the
        items of a list: text as the paper prints it, not a stack of headings. In a poem (every
        block of its text a short line without a full stop) a line alone is one too."""
        segments = self.current or []
        if a_poem([s.text for s in segments if s.kind in (Kind.PARAGRAPH, Kind.SUBHEAD)]):
            return self._as_lines([n for n, s in enumerate(segments) if s.kind is Kind.SUBHEAD])
        self._as_lines(sections.quoted_verse_subheads(segments, self.profile), "paragraph.quoted-poem")
        start = 0
        while start < len(segments):
            end = start
            while end < len(segments) and segments[end].kind is Kind.SUBHEAD:
                end += 1
            if end - start >= LINES_IN_A_ROW and shapes.section_label(segments[start].text, self.profile):
                # a numbered section's label heads its section's heading of one or two lines
                # (案例三 / 新品种… / 讲述人：…): lines past those are its text
                self._as_lines(list(range(start + 1 + SECTION_HEADING_LINES, end)))
            elif end - start > SECTION_HEADING_LINES + 1 or (
                end - start >= LINES_IN_A_ROW and not self._section_byline_at(segments, end)
            ):
                # (three lines right above a section's own byline are that section's heading:
                # a profile's name and post, then its two-line title, above `本报记者 X`)
                # the last, a numbered heading with text below it (`第一章  总  则` under a
                # decree's signature), heads that text
                last = end - 1 if end < len(segments) and self._heads_text(segments[end - 1], segments[end]) else end
                self._as_lines(list(range(start, last)))
            start = end + 1
        # A sub-head heads the text below it: in an article not cut into sections, sub-heads
        # with no text below them (a decree's signature and date above the credit that ends
        # it) are its last lines. (In one cut into sections, the last may be a section's
        # heading whose text a page break took elsewhere.)
        body = [n for n, s in enumerate(segments) if s.kind in BODY_KINDS]
        last_text = max((n for n in body if segments[n].kind is not Kind.SUBHEAD), default=-1)
        if last_text >= 0 and not any(segments[n].kind is Kind.SUBHEAD for n in body if n < last_text):
            self._as_lines([n for n in body if n > last_text], "paragraph.heads-nothing")
        else:  # a credit closing an article cut into sections heads nothing either (`本期统筹：…`)
            credits = [
                n
                for n in body
                if n > last_text
                and (p.PAGE_CREDIT_RE.match(segments[n].text) or p.DESIGN_CREDIT_RE.match(segments[n].text))
            ]
            self._as_lines(credits, "paragraph.heads-nothing")

    def _section_byline_at(self, segments: list[Segment], end: int) -> bool:
        """Is the segment at `end` a section's own byline (`byline.section`), with its section's
        text below it? (A signature closing the article, below a list's last items, is none.)"""
        if end + 1 >= len(segments) or segments[end + 1].kind is not Kind.PARAGRAPH:
            return False
        line = segments[end].first_line
        return any(d.line == line and d.rule_id == "byline.section" for d in self.decisions)

    @staticmethod
    def _heads_text(heading: Segment, below: Segment) -> bool:
        return below.kind is Kind.PARAGRAPH and bool(p.SUBHEAD_MARKER_RE.match(heading.text))

    def _as_lines(self, which: list[int], rule: str = "paragraph.lines") -> None:
        """These segments of the current article are lines of its text, not sub-heads."""
        self._relabel(which, Kind.SUBHEAD, Kind.PARAGRAPH, rule)

    def _relabel(self, which: list[int], was: Kind, kind: Kind, rule: str) -> None:
        """These segments of the current article (of kind `was`) are of `kind` after all, by
        this rule: their decisions, as `--explain` shows them, too. A line the archivist
        labelled in the sidecar keeps their label, whatever the rule makes of it."""
        segments = self.current or []
        which = [n for n in which if segments[n].first_line not in self.fix.labels]
        if not which:
            return
        lines = {segments[n].first_line for n in which}
        for n in which:
            segments[n] = replace(segments[n], kind=kind)
        why = describe(rule)
        self.decisions = [
            Decision(d.line, kind.value, why, d.confident, d.text, rule)
            if d.line in lines and d.label == was.value
            else d
            for d in self.decisions
        ]

    def _kinds(self) -> set[Kind]:
        return self.current_kinds if self.current is not None else set()

    def current_names(self) -> bool:
        """Does a byline of the current article name anyone?"""
        names = p.parse_names(*(s.text for s in self.current or [] if s.kind is Kind.BYLINE))
        return bool(names.authors or names.correspondents)

    def _title(self) -> str:
        return " ".join(s.text for s in self.current or [] if s.kind is Kind.HEADLINE)

    def _credited(self) -> bool:
        """Is the article credited at its top (a byline, a dateline naming its source), or
        are its sections each credited?"""
        return bool(self._kinds() & {Kind.BYLINE, Kind.DATELINE} or self.section_credits)

    def _has_body(self) -> bool:
        return bool(self._kinds() & {Kind.PARAGRAPH, Kind.SUBHEAD, Kind.CAPTION})

    def _only_points(self) -> bool:
        """The body so far is only the summary points printed under the headline (■ …):
        the article's text has not started."""
        body = [s for s in self.current or [] if s.kind in BODY_KINDS]
        return bool(body) and all(p.is_summary_point(s.text) for s in body)

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
        """The last paragraph of the current article (or the editor's note that opens it) and
        how it ends, if a page break may have cut it."""
        if not self.current or self.closed:
            return None
        last = self.current[-1]
        if last.kind not in (Kind.PARAGRAPH, Kind.NOTE):
            return None
        return last, self._tail[-1] if self._tail else last.text

    def _extend_last(self, unit: Unit) -> None:
        self._tail.append(unit.text)
        self._tail_line = unit.end_line

    def _flush_tail(self) -> None:
        if self._tail and self.current:
            last = self.current[-1]
            self.current[-1] = Segment(last.kind, last.text + "".join(self._tail), last.first_line, self._tail_line)
        self._tail = []

    def _headline(
        self, unit: Unit, rule_id: str, detail: str = "", extend: bool = False, confident: bool = True
    ) -> None:
        self._decide(unit, "headline", rule_id, detail, confident)
        if not extend or self.current is None or self.closed:
            self._open()
        self._add(Kind.HEADLINE, unit.text, unit)

    def _subhead(self, unit: Unit, rule_id: str, detail: str = "", confident: bool = True) -> None:
        below = None
        if self.cut_doubt and self.cut_doubt[0] == unit.line:
            # a sub-head, or the first part of a paragraph a page break cut? as unsure as a
            # weighed join of two blocks in that band is: the archivist is pointed at it
            (_, detail, below), rule_id, confident = self.cut_doubt, "subhead.uncut", False
        self._decide(unit, "subhead", rule_id, detail, confident, below)
        self._add(Kind.SUBHEAD, unit.text, unit)

    def _start_headless(self, unit: Unit, rule_id: str, confident: bool) -> None:
        self._open()
        self._decide(unit, HEADLESS, rule_id, confident=confident)

    def _extend_note(self, unit: Unit) -> None:
        """The editors' sign-off is part of their note, as a block of its own."""
        self._add(Kind.NOTE, unit.text, unit)


def _dateline_credits(segments: list[Segment]) -> list[str]:
    """The reporters the datelines opening these segments credit (`本报华盛顿4月26日电
    （记者李志伟）` → `记者李志伟`)."""
    return [credit for s in segments if (dated := p.dateline_of(s.text)) and (credit := dated[1])]


def _own_speakers(segments: list[Segment]) -> tuple[str, ...]:
    """The speakers of a dialogue from the paper itself, in the list below `对话人：`
    (`李  拯  本报评论员`, `任姗姗（本报记者）`; not `朱浙萍  浙江日报评论员`, a guest)."""
    listed = credits.dialogue_speakers([s.text for s in segments if s.kind is Kind.PARAGRAPH])
    return tuple(name for name, line in listed if "本报" in line)
