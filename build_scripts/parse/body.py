"""What the body of an article holds, line by line, once no headline rule took the line:
bylines and the notes and credits that look like them, editor's notes, captions, datelines,
paragraphs (with a byline or credit glued to their end), and lines an archivist labelled."""

from __future__ import annotations

from build_scripts.parse import breaks, compiled, credits, shapes
from build_scripts.parse import patterns as p
from build_scripts.parse.layout import Unit
from build_scripts.parse.model import Kind, Segment
from build_scripts.parse.names import TEAM_CREDIT_RE, opening_byline
from build_scripts.parse.page import PageView
from build_scripts.parse.people import name_with_role

# A brief led in by its title in brackets: 【玄武湖樱花预计下周进入盛花期】记者从…
_LEAD_IN_RE = compiled.pattern(r"^【[^【】]{2,30}】\S")
ITEM_MARKS = "■●▶◆▲★"  # what leads each of a box's briefs in


class BodyRules(PageView):
    def _note_about_the_author(self, text: str) -> bool:
        """`（作者为…教授）` names no one, and below a signed article it only says who the
        writer is: a note in the body, not the byline (the paper prints it as a paragraph)."""
        return bool(p.AUTHOR_NOTE_RE.match(text)) and (
            Kind.BYLINE in self._kinds() or bool(self.section_credits) or p.parse_names(text) == p.parse_names("")
        )

    def _page_top_line(self, t: str) -> bool:
        """The page's first line, ending no sentence, commas and all (`树立和践行正确政绩观，起
        决定性作用的是党性（深入学习…）`): its first headline, though no byline below confirms
        it (the piece signed at its end). Each of the real corpus's 535 pages opens with its
        first headline; not a summary point, nor what `_could_open_the_page` rules out."""
        return self._could_open_the_page(t, p.without_trailing_bracket(t)) and not p.is_summary_point(t)

    def _could_open_the_page(self, t: str, core: str) -> bool:
        """Could line `t` (`core`: what of it must end no sentence) be a headline at the top of
        a page? Not a dispatch's dateline, a caption or a credit, nor the rest of a paragraph
        from the page before (it ends its sentence, or opens where none opens: `的…`)."""
        return (
            len(t) <= self.profile.long_headline_max
            and not p.is_terminated(core)
            and not p.ends_mid_sentence(core)
            and not breaks.opens_mid_sentence(t)
            and not p.dateline_of(t)
            and not p.is_signature_line(t)
            and not p.is_caption(t)
        )

    def _section_credit(self, unit: Unit, rule_id: str = "byline.section") -> None:
        """A section's own byline, below its heading (or at its end, the next section's label
        below it): the paper prints it as a paragraph of the article's text, and its names
        are the article's too."""
        self._decide(unit, "paragraph", rule_id)
        self._add(Kind.PARAGRAPH, unit.text, unit)
        self.section_credits.append(unit.text)

    def _credit_note(self, unit: Unit) -> None:
        """The article is signed at its top: reporters listed in brackets at its end are a
        note the paper prints in the text (and name the reporters a collective byline did not)."""
        self._decide(unit, "note", "note.credit")
        if not self.current_names():
            self.section_credits.append(unit.text)
        self._add(Kind.NOTE, unit.text, unit)

    def _section_label_below(self, unit: Unit) -> bool:
        below = self.next_unit(unit)
        return below is not None and shapes.section_label(below.text, self.profile) and not self._wide_gap(below)

    def _in_participants(self, text: str) -> bool:
        """The next of a dialogue's or an interview's participants, listed below `对话人：` or
        `嘉  宾：` one a line: a name and what they are after a gap (`李  拯  本报评论员`), or
        where they come from and a name (`某大学院长  唐士其`) — a paragraph, never a byline."""
        last = self.current[-1] if self.current and not self.closed else None
        listing = last is not None and (
            self._last_rule() == "paragraph.named" or p.PARTICIPANTS_RE.match(last.text) is not None
        )
        return listing and bool(name_with_role(text) or p.contributor_signature(text))

    def _byline(self, unit: Unit) -> None:
        if self._in_participants(unit.text):  # 嘉  宾：… / 某大学院长  唐士其
            self._decide(unit, "paragraph", "paragraph.named")
            return self._add(Kind.PARAGRAPH, unit.text, unit)
        if self.current is not None and self._has_body() and self._note_about_the_author(unit.text):
            self._decide(unit, "note", "note.author")
            return self._add(Kind.NOTE, unit.text, unit)
        if Kind.BYLINE in self._kinds() and self._has_body() and p.BRACKETED_BYLINE_RE.match(unit.text):
            return self._credit_note(unit)
        if Kind.BYLINE in self._kinds() and self._has_body() and credits.photographer_credit(unit.text):
            # the article is signed already: a credit on its own line is its picture's
            self._decide(unit, "caption", "caption.credit-in-signed")
            return self._add(Kind.CAPTION, unit.text, unit)
        if self.current is None:
            self._decide(unit, "byline", "byline.orphan", confident=False)
        elif self.closed:
            self._decide(unit, "byline", "byline.continued")
        elif self._has_body() and ((label_below := self._section_label_below(unit)) or self.credited_by_section):
            # a section's credit, the next section's label below it; the last one ends the article
            self._section_credit(unit, "byline.section-end")
            self.credited_by_section = True
            self.closed = not label_below
            return
        elif self._has_body():
            self._decide(unit, "byline", "byline.end")
            self.closed = True
        else:
            self._decide(unit, "byline", "byline.top")
        self._add(Kind.BYLINE, unit.text, unit)

    def _brief_goes_on(self, text: str) -> bool:
        """A paragraph led in by a title in brackets, below one led in so that ended the article;
        or led in by the mark that leads in every paragraph of the article so far, a box of
        briefs whose item above ended with its credit (`●…。（陈韵诗）` / `●…`)."""
        paragraphs = [s for s in self.current or [] if s.kind is Kind.PARAGRAPH]
        if not paragraphs:
            return False
        if all(_LEAD_IN_RE.match(s) for s in (text, paragraphs[-1].text)):
            return True
        return text[:1] in ITEM_MARKS and all(s.text[:1] == text[:1] for s in paragraphs)

    def _body(self, i: int, unit: Unit) -> None:
        t = unit.text
        if (
            Kind.BYLINE in self._kinds()
            and self._has_body()
            and TEAM_CREDIT_RE.match(t)
            and p.names_are_plausible(t.strip("（）()"))
        ):
            return self._credit_note(unit)  # a team too large for a byline line
        if p.is_note(t):
            if self.current is None or self.closed or self._has_body():
                self._open()
            self._decide(unit, "note", "note.editor")
            return self._add(Kind.NOTE, t, unit)
        if p.is_caption(t):
            if self.current is None:
                self._start_headless(unit, "article.caption-first", confident=False)
            self._decide(unit, "caption", "caption.photo")
            return self._add(Kind.CAPTION, t, unit)
        if p.JUMP_FROM_RE.match(t) and (self.current is None or self.closed):
            self._start_headless(unit, "article.continued-from", confident=True)
        elif self.closed and self._last_rule() == "dateline.end-credit" and p.dateline_of(t):
            # (新华社北京5月3日电) ends a letter or a speech the agency sent; the agency's news of
            # it follows with no headline of its own: the paper prints them as one article
            self.closed = False
            self._decide(unit, "paragraph", "article.dispatch-after-credit")
        elif self.closed and self._brief_goes_on(t):
            # a box of briefs, each led in by its title in brackets and closed by its own credit
            # (`【玄武湖樱花预计下周进入盛花期】…。（记者 王蕾）`): the next item is the box's
            self.closed = False
            self._decide(unit, "paragraph", "paragraph.brief-item")
        elif self.current is None or self.closed:
            if shapes.could_be_headline(t, self.profile) or (self.current is None and self._page_top_line(t)):
                return self._headline(unit, "headline.must-start")
            self._start_headless(unit, "article.headless", confident=False)
        signature = p.letter_signature(t)
        if signature and Kind.PARAGRAPH in self._kinds():
            self.closed = True
            self._decide(unit, "byline", "byline.letter")
            return self._add(Kind.BYLINE, t, unit)
        opened = opening_byline(t) if not self._has_body() else None
        if opened:  # `〔记者林雅婷／台北报导〕立法院…`: the article's byline, then its text
            self._decide(unit, "byline", "byline.opening", opened[0])
            self._add(Kind.BYLINE, opened[0], unit)
            t = opened[1]
        dated = p.dateline_of(t)
        # (not where indentation marks paragraphs: there only a line that is not indented
        # opens an article — a digest's items carry datelines of their own; nor under a
        # headline: a second dispatch under one headline, 李强分别会见…, is the article's)
        if (
            dated
            and Kind.HEADLINE not in self._kinds()
            and (Kind.PARAGRAPH in self._kinds() or Kind.DATELINE in self._kinds())
            and not (self.layout.indented and unit.indented)
            and not self.digest
            and not self._only_points()
        ):
            self._start_headless(unit, "article.second-dateline", confident=False)
        if dated and self._has_body() and not self.closed and not self._only_points():
            # an item of a digest (or of a joint report) opens with a dateline of its own:
            # it stays in the item's text, the article has none of its own
            dated = None
        if dated:
            dateline, credit, rest = dated
            self._decide(unit, "dateline", "dateline.opening", dateline)
            self._add(Kind.DATELINE, dateline, unit)
            if credit:
                self._add(Kind.BYLINE, credit, unit)
            t = rest
            if not t:
                return
        self._paragraph(unit, t)

    # What may end the last paragraph of an article, glued to it.
    _GLUED_ENDINGS = (
        (p.glued_byline, Kind.BYLINE, "paragraph + byline", "byline.glued"),
        (p.glued_end_credit, Kind.DATELINE, "paragraph + dateline", "dateline.glued-credit"),
    )

    def _names_end_the_article(self, unit: Unit, names: str) -> bool:
        """Names alone after the last sentence (…的光。徐 阳) sign the article — unless the
        text goes on below them: then a page break cut a sentence after a name (…。李海燕介|绍),
        or after words that read as a byline (…实习生招聘|、设立…: below, a comma or a stop, which
        no sentence opens with — not a particle, which may open a headline: 过一个…春节)."""
        nxt = self.next_unit(unit)
        if nxt is not None and nxt.text[:1] in breaks.CARRY_ON_MARKS:  # (not a closing quote: a stray mark)
            return False
        if p.ROLE_RE.search(names) or names[:1] in "（(":
            return True
        if nxt is None or (self.layout.indented and nxt.indented) or shapes.opens_article(nxt.text):
            return True
        if breaks.speech_goes_on(names, nxt.text):
            return False
        if self.layout.indented:
            if nxt.gap_before:
                # a line that is not indented after a blank line carries the text on (a page
                # break), unless it is shaped like a headline: then a new article opens there,
                # and a word read across the two (…）苟护生 / 前四月…: 生前) is chance
                return shapes.could_be_headline(nxt.text, self.profile)
            return not breaks.continues_word(unit.text, nxt.text)  # a wrapped line: …李海燕介 / 绍…
        return not (
            nxt.gap_before <= 1
            and nxt.text[:1] not in "“（(《"
            and not shapes.could_be_headline(nxt.text, self.profile)
        )

    def _paragraph(self, unit: Unit, t: str) -> None:
        for split, kind, label, why in self._GLUED_ENDINGS:
            found = split(t)
            if found and kind is Kind.BYLINE and not self._names_end_the_article(unit, found[1]):
                found = None
            if found:
                text, ending = found
                self._decide(unit, label, why, ending)
                self._add(Kind.PARAGRAPH, text, unit)
                self._add(kind, ending, unit)
                self.closed = True
                return
        refused = self._refused_join
        if refused is not None and refused[0] == self._at and t == unit.text:
            # the evidence was weighed: the block starts a paragraph of its own
            chance, detail, rule_id = refused[1:]
            self._decide(unit, "paragraph", rule_id, detail, confident=self._sure_of_a_join(chance))
        elif self.layout.indented and not unit.indented and unit.gap_before and t == unit.text:
            # where indentation marks paragraphs, a line set flush after a blank line is a
            # headline's, or the rest of a paragraph a page break cut: read as neither, it is
            # doubtful (on the tuning days, 2 such lines of 346 pages, both a headline's kicker)
            self._decide(unit, "paragraph", "paragraph.flush", confident=False)
        else:
            self._decide(unit, "paragraph", "paragraph")
        self._add(Kind.PARAGRAPH, t, unit)
        if p.JUMP_TO_RE.search(t):
            self.closed = True  # 下转第N版: the rest is on another page

    def _apply_forced(self, unit: Unit, label: str) -> None:
        rule = "fix.label"
        t = unit.text
        if label == "furniture":
            self._decide(unit, "furniture", rule)
            self.furniture.append(Segment(Kind.FURNITURE, t, unit.line, unit.end_line))
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
