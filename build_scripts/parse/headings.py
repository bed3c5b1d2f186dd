"""Headline or not: whether a short line without a full stop opens a new article, heads a
part of the article above (a sub-head, a digest's item), or is another piece of the headline
above it. Certain shapes decide first (a byline below, a column box, a marker); inside an open
article the weighed evidence decides (evidence.py)."""

from __future__ import annotations

from build_scripts.parse import compiled, credits, evidence, lexical, shapes
from build_scripts.parse import patterns as p
from build_scripts.parse.headline_pieces import HeadlinePieceRules
from build_scripts.parse.layout import Unit
from build_scripts.parse.model import BODY_KINDS, Kind, Segment
from build_scripts.parse.people import name_with_note
from build_scripts.parse.state import HEADLINE_UNSURE

_DOCUMENT_RE = compiled.pattern(r"《([^《》]{4,60})》")  # a document a headline names
PART_HEADING_MAX = 14  # a story's part's heading, not a brief's headline (`headline.after-dispatch`)


class HeadingRules(HeadlinePieceRules):
    weighed: list[tuple[Unit, evidence.Features]]  # every headline-or-not weighed
    _words_of: list[Segment] | None  # the article whose words are counted
    _words_counted: int
    _words: set[str]
    _words_last: str | None  # the last segment's text when its words were counted

    def _open_for_evidence(self, i: int, unit: Unit) -> bool:
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
            self._words_of, self._words_counted, self._words, self._words_last = self.current, 0, set(), None
        for segment in segments[max(self._words_counted - 1, 0) :]:  # the last one may have grown
            if segment.text is not self._words_last:  # (its words counted already, as it stands)
                self._words |= lexical.words(segment.text)
        self._words_counted, self._words_last = len(segments), segments[-1].text if segments else None
        return self._words

    def _headline_chance(self, i: int, unit: Unit) -> float:
        before = self.units[i - 1].text if i else None
        after = self.units[i + 1].text if i + 1 < len(self.units) else None
        last = self.current[-1].kind if self.current else None
        previous = {Kind.HEADLINE: "headline", Kind.BYLINE: "byline"}.get(last, "paragraph") if last else "start"
        credited = self._credited()
        above = self._article_words()
        below = frozenset().union(*(lexical.words(u.text) for u in self.units[i + 1 : i + 3]))
        features = evidence.headline_features(
            unit.text,
            before,
            after,
            unit.gap_before,
            self.usual_gap,
            previous,
            credited,
            self._section_ends_with_byline(i),
            lexical.cohesion(lexical.words(unit.text), above),
            lexical.cohesion(below, above),
            lexical.cohesion(lexical.words(unit.text), below),
            evidence.picture_below([u.text for u in self.units[i + 1 : i + 4]]),
            tuple(s.text for s in self.current or [] if s.kind is Kind.SUBHEAD),
            Kind.DATELINE in self._kinds(),
            self._blocks_below(i),
            self._signed_below(i),
            self._parallel_below(i),
            sum(1 for s in self.current or [] if s.kind in BODY_KINDS),
            self._alike(i),
            evidence.quoted_line(unit.text)
            and any(s.kind in BODY_KINDS and evidence.quoted_line(s.text) for s in self.current or []),
        )
        self._evidence = ("headline", features)
        self.weighed.append((unit, features))
        return evidence.probability("headline", features)

    def _weighed_headline(self, unit: Unit) -> None:
        model, features = self._evidence
        chance = evidence.probability(model, features)
        self._headline(unit, "headline.evidence", self._weighed_detail(chance), confident=chance >= HEADLINE_UNSURE[1])

    def _punctuated_headline(self, i: int) -> bool:
        """A short line with a comma or ending in ？/！ (`“家门口”就业，真香！`) is a headline,
        not a paragraph, where the page marks an article boundary before it: a wider gap
        than usual, or a byline ending the text below while the article above is credited;
        or where it is set right below the headline (`读者来信` / `楼道堆物，该有人管管了`)."""
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
        if not self.layout.indented and unit.gap_before == 0 and self._title_only():
            return True  # set right below the headline, where blank lines part the blocks: its rest
        # (not the line right below a top byline: that is the article's lead)
        return self._credited() and self._has_body() and self._section_ends_with_byline(i)

    def _credit_line(self, i: int) -> bool:
        nxt = self._next(i)
        return nxt is not None and (
            (p.is_byline_line(nxt.text) and not p.BRACKETED_BYLINE_RE.match(nxt.text))
            or p.is_name_line(nxt.text)
            or p.letter_signature(nxt.text) is not None
        )

    def _starts_section(self, i: int) -> bool:
        """Where blank lines separate blocks: does this line head a section of the article
        above, with a byline of its own below its heading? A headline's pieces share one
        block, so a heading set apart from the headline above it (or one in two blocks,
        `山东警察学院——` then its title) is a section's, not a new article's."""
        unit = self.units[i]
        if (
            self.layout.indented
            or self.current is None
            or self.closed
            or self._awaiting_title()
            or self._beside(unit)
            or self._wide_gap(unit)
            or not shapes.could_be_headline(unit.text, self.profile)
        ):
            return False
        nxt = self._next(i)
        if evidence.quoted_line(unit.text) and nxt is not None and self._has_body() and p.is_name_line(nxt.text):
            # a voice among the article's: what they said, then who (`“流量带来关注，品质赢得人心”`
            # / `李芒果`); a new article's quoted headline has a reporter's byline below it
            return True
        two_blocks = (
            nxt is not None
            and shapes.heading_shaped(unit.text, self.profile)
            and not p.is_signature_name(unit.text)
            and not p.EDITORS_SIGN_RE.match(unit.text)
            and not unit.text.startswith(("——", "—", "－"))  # a quotation's source, a subtitle
            and not self._beside(nxt)
            and not self._wide_gap(nxt)
            and shapes.could_be_headline(nxt.text, self.profile)
            and not p.is_name_line(nxt.text)
            and self._credit_line(i + 1)
        )
        group = (
            nxt is not None
            and not p.TRAILING_BRACKET_RE.search(unit.text)  # a column's own headline: （金台随笔）
            and (self._group_column(nxt.text) or (self._title_only() and p.contributor_signature(nxt.text) is not None))
            and (self._credit_line(i) or p.contributor_signature(nxt.text) is not None)
        )
        if not (two_blocks or group or self._credit_line(i)):
            return False
        if self._title_only():
            return True  # right below the headline
        if self._last_rule() == "subhead.section":
            # the heading's second block — unless it names its column (`…（曝光）`): a new
            # piece's title, below a line that signed the one above (`古泉村5组村民`)
            return not shapes.is_tagged_title(unit.text)
        nxt_text = nxt.text if nxt is not None else ""
        letters = bool(self.section_credits) and all(p.letter_signature(c) for c in self.section_credits)
        # readers' letters in a column: each headed on one line and signed with a place and a name
        return two_blocks or group or (letters and p.letter_signature(nxt_text) is not None)

    def _heads_the_document(self, text: str) -> bool:
        """The title of the document the headline names (`中办国办印发《…考核办法》`), on a line
        of its own in the text: the heading of the document printed in full below, inside the
        article (on the 535 real pages, 3 times out of 3)."""
        return (
            Kind.PARAGRAPH in self._kinds() and not self.closed and text.strip() in _DOCUMENT_RE.findall(self._title())
        )

    def _a_poem_so_far(self) -> bool:
        """The article above is signed at its top and holds only short lines without a full
        stop below it, three or more: a poem. A poem is signed once, so a heading with a name
        below it after the poem's lines opens the next piece, not a section of the poem."""
        body = [s for s in self.current or [] if s.kind in (Kind.PARAGRAPH, Kind.SUBHEAD)]
        return (
            Kind.BYLINE in self._kinds()
            and len(body) >= 3
            and all(len(s.text) <= evidence.SHORT_LINE and "。" not in s.text for s in body)
        )

    def _signed_prose_below(self, i: int) -> bool:
        """A name right below this line (not set apart by a wider gap), then running text."""
        nxt = self._next(i)
        text = self._next(i + 1)
        return (
            nxt is not None
            and text is not None
            and self._credit_line(i)
            and not self._wide_gap(nxt)
            and len(text.text) > evidence.SHORT_LINE
            and p.is_terminated(text.text)
        )

    def _heads_a_decree(self, i: int) -> bool:
        """Is the line right above a decree line and its number (`中华人民共和国国务院令` /
        `第839号`) the title of the document it enacts? A document's title never runs on as a
        line of the text above, nor of a list."""
        below, after = self._next(i), self._next(i + 1)
        return below is not None and shapes.is_decree(below.text, after.text if after else None)

    def _part_of_a_decree(self, i: int, unit: Unit) -> bool:
        """The decree line and its number below a document's title (or the number below a decree
        that heads the page itself): its first paragraphs, text as the paper prints them, not
        headings."""
        if self.current is None or self.closed:
            return False
        if self._title_only():  # below the title; or the number below a decree printed as the title
            below = self._next(i)
            return shapes.is_decree(unit.text, below.text if below else None) or shapes.is_decree(
                self._title(), unit.text
            )
        return self._last_rule() == "paragraph.decree" and shapes.is_decree_number(unit.text)

    def _named_speaker(self, text: str) -> bool:
        """A forum's contributor or a dialogue's speaker, named with a note in brackets below a
        section's heading or the list of speakers (`扩大开放` / `梁锦慧（新加坡）`, `对话人：…` /
        `任姗姗（本报记者）`): a paragraph of the article. (After the text of an article, such a
        line is a new piece's headline with its column: `老魏（遇见）`.) In the list of speakers,
        a name may be followed by what they are after a gap instead (`李  拯  本报评论员`)."""
        last = self.current[-1] if self.current and not self.closed else None
        if last is None:
            return False
        if self._in_participants(text):
            return True
        in_list = self._last_rule() == "paragraph.named" or p.PARTICIPANTS_RE.match(last.text) is not None
        return (in_list or last.kind in (Kind.SUBHEAD, Kind.HEADLINE)) and name_with_note(text) is not None

    def _dialogue_goes_on(self, i: int) -> bool:
        """Does one of the speakers listed at the top of the article's text (`对话人：…`) speak
        in one of the two blocks below this line? Then the line heads a part of the dialogue."""
        assert self.current is not None  # (asked only inside an article)
        speakers = credits.dialogue_speakers([s.text for s in self.current if s.kind is Kind.PARAGRAPH])
        below = [u for u in (self._next(i), self._next(i + 1)) if u is not None]
        return bool(speakers) and any(credits.speakers_turn(u.text, speakers) for u in below)

    def _heading(self, i: int, unit: Unit) -> None:
        t = unit.text
        if self.profile.is_box_title(t):  # a page's picture items or its contents: an article of its own
            return self._headline(unit, "headline.column-box")
        if self._digest_opens(i):
            return self._headline(unit, "headline.digest")
        if self._above_a_confirmed_headline(i):  # (before a digest's items: it is sure)
            return self._headline(unit, "headline.above-confirmed")
        if self._bullet_box_opens(i):
            return self._headline(unit, "headline.bullet-box")
        if self._leaves_bullet_box(i):
            return self._headline(unit, "headline.after-box")
        if self._group_column_opens(i):
            return self._headline(unit, "headline.group-column")
        if self._leaves_digest(i, unit):
            return self._headline(unit, "headline.after-digest")
        if self._digest_item(i, unit):
            return self._subhead(unit, "subhead.digest-item")
        if self._heads_a_decree(i):
            # the title of the document whose decree follows: 条例 / 国务院令 / 第839号
            return self._headline(unit, "headline.decree", extend=self._title_only())
        if self._part_of_a_decree(i, unit):
            self._decide(unit, "paragraph", "paragraph.decree")
            return self._add(Kind.PARAGRAPH, t, unit)
        if self._named_speaker(t):
            self._decide(unit, "paragraph", "paragraph.named")
            return self._add(Kind.PARAGRAPH, t, unit)
        if self._below_a_kicker(unit):
            if self._title_only():  # the article's own headline: 某国总统—— / 准备…
                return self._headline(unit, "headline.after-kicker", extend=True)
            return self._subhead(unit, "subhead.after-kicker")
        if self._heads_the_document(t):
            return self._subhead(unit, "subhead.document-title")
        if self._confirmed_headline(i):
            if self._awaiting_title():
                return self._headline(unit, "headline.after-note", extend=True)
            if self._title_only() and self._beside(unit):
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
        if self._title_only() and p.institutions(t):
            self._decide(unit, "byline", "byline.institution")
            return self._add(Kind.BYLINE, t, unit)
        if self._title_only() and p.contributor_signature(t):  # `某小学五年级（3）班　方小禾`
            self._decide(unit, "byline", "byline.contributor")
            return self._add(Kind.BYLINE, t, unit)
        if self._title_only() and self._beside(unit):
            return self._headline(unit, "headline.piece", extend=True)
        if self._title_only() and shapes.credits_a_person(t) and not p.PARTICIPANTS_RE.match(t):
            self._decide(unit, "byline", "byline.role-credit")
            return self._add(Kind.BYLINE, t, unit)
        if shapes.role_credit(t) and not p.PARTICIPANTS_RE.match(t):  # (below a section's heading too)
            self._decide(unit, "paragraph", "paragraph.credit")
            return self._add(Kind.PARAGRAPH, t, unit)
        if p.PARTICIPANTS_RE.match(t):  # (with its first speaker on the line: `对话人：张嘉益（…）`)
            self._decide(unit, "paragraph", "paragraph.participants")
            return self._add(Kind.PARAGRAPH, t, unit)
        if self._title_only():
            return self._subhead(unit, "subhead.below-headline")
        if Kind.CAPTION in self._kinds() and Kind.PARAGRAPH not in self._kinds():
            return self._headline(unit, "headline.after-picture")
        if t.startswith(("——", "－－", "—")) and Kind.PARAGRAPH not in self._kinds():
            return self._headline(unit, "headline.dash-subtitle", extend=True)
        if Kind.PARAGRAPH in self._kinds() and self._signs_a_letter(i):
            self._decide(unit, "paragraph", "paragraph.signature")
            return self._add(Kind.PARAGRAPH, t, unit)
        if Kind.PARAGRAPH in self._kinds() and self._signs_off(i):
            # printed as the text's last line, as the paper prints it: the article ends
            self._decide(unit, "paragraph", "paragraph.signed-off")
            self._add(Kind.PARAGRAPH, t, unit)
            self.closed = True
            return
        if p.SUBHEAD_MARKER_RE.match(t):
            return self._subhead(unit, "subhead.marker")
        if self._introduced(i):
            return self._subhead(unit, "subhead.introduced")
        has_byline = self._credited()
        if self._wide_gap(unit):
            return self._headline(
                unit, "headline.wide-gap", f"{unit.gap_before} blank lines; usual here: {self.usual_gap:g}"
            )
        below = self._next(i)
        if (
            not self.layout.indented
            and Kind.PARAGRAPH in self._kinds()
            and below is not None
            and shapes.QUESTION_RE.match(below.text)
            # a Q&A's headline (`司法部新闻发言人 就…答记者问`), its byline printed at its end
            and not (shapes.headline_pieces(t, self.profile) or shapes.QA_HEADLINE_RE.search(t))
        ):
            return self._subhead(unit, "subhead.before-question")
        if not self.layout.indented and self._open_for_evidence(i, unit):
            if shapes.pieces_one_space_apart(t, self.profile):
                return self._headline(unit, "headline.spaced-pieces")
            if shapes.document_title(t):
                return self._headline(unit, "headline.document")
            if self._question_in_text(t):  # (one with a byline below is confirmed, above)
                return self._subhead(unit, "subhead.question")
            # (a short heading like another below it heads a part of the story: `老房子留住“原汁
            # 原味”` … `闲置地块变身“会客厅”`, a city paper's story that opens `南潮讯 记者X…`;
            # briefs' headlines are longer, and alike too: `巴基斯坦总理…` / `塔吉克斯坦总统…`)
            if self._after_a_brief_dispatch(i) and not (len(t) <= PART_HEADING_MAX and self._parallel_below(i)):
                return self._headline(unit, "headline.after-dispatch")
            if self._dialogue_goes_on(i):
                return self._subhead(unit, "subhead.in-dialogue")
            chance = self._headline_chance(i, unit)
            if chance >= self.profile.headline_threshold:
                return self._weighed_headline(unit)
            return self._subhead(
                unit, "subhead.evidence", self._weighed_detail(chance), confident=chance <= HEADLINE_UNSURE[0]
            )
        if len(t) > self.profile.subhead_max:
            return self._subhead(unit, "subhead.long", confident=False)
        unsure = not has_byline and self._section_ends_with_byline(i)
        why = "or the headline of an article without a byline at its top" if unsure else ""
        return self._subhead(unit, "subhead.short", why, confident=not unsure)
