"""Columns inside a page: a column of short items (环球扫描, 八方速递: a short name, then
items each with a title and a dateline) and a column of contributions (来论, 大家谈: a short
name, then contributions each with a heading and its writer). Their items' headings are
parts of the column, not new articles — until the column ends. And where a brief dispatch
ends: a dispatch is not cut into parts, so a heading inside one opens the next article."""

from __future__ import annotations

from build_scripts.parse import compiled, shapes
from build_scripts.parse import patterns as p
from build_scripts.parse.body import ITEM_MARKS, BodyRules
from build_scripts.parse.layout import Unit
from build_scripts.parse.model import BODY_KINDS, Kind
from build_scripts.parse.page import DATE_ONLY_RE

DIGEST_TITLE_MAX = 4  # a column of short items is named in a word or two: 环球扫描, 纵横
BOX_TITLE_MAX = 8  # a box of briefs, each led in by a mark, may be named longer: 城事速递, 市县新闻简报
EXCLAIMED_TITLE_MIN, EXCLAIMED_TITLE_MAX = 8, 20
TEXT_BELOW_MIN = 40  # a title heads a story's text, not another short line
# A contents box's item: the 版, then what it prints
_CONTENTS_ITEM_RE = compiled.pattern(r"^(?:第?\s*[A-Z]?\d{1,3}\s*版|[A-Z]\d{1,3}(?=\s))\s*[|｜:：·]?\s*\S.{1,40}$")
TEXT_MIN = 40  # a paragraph of text, not a short line of a list or a heading
SIGNER_MAX = 30  # who signs a notice, on the line above its date
# A dispatch (its text opens with a dateline, 新华社北京5月22日电) this short is not cut into
# parts: on the 24 days tuned on, no dispatch had a sub-head in its first four blocks of text
# (a document's title aside), and 336 of that length were followed by another article.
BRIEF_DISPATCH_BLOCKS = 4
_SENTENCE_ENDS = "。！？!?"
_OPENING_QUOTES = ("“", "‘", "「", "『", '"', "（", "(")


def _exclaimed_title(text: str, below: str) -> bool:
    """A short title that exclaims or asks (`烧烤学院首届学生，毕业了！`) above a story's text:
    one sentence, its only stop the last character — not what someone said (`“真美，真香！”`),
    nor a short line of an item's own text."""
    core = p.strip_closers(text)
    return (
        EXCLAIMED_TITLE_MIN <= len(text) <= EXCLAIMED_TITLE_MAX
        and bool(core)
        and core[-1] in p.QUESTION_OR_EXCLAMATION
        and not any(ch in p.TERMINAL for ch in core[:-1])
        and not text.startswith(_OPENING_QUOTES)
        and not p.dateline_of(text)
        and len(below) >= TEXT_BELOW_MIN
    )


class ColumnRules(BodyRules):
    def _digest_item(self, i: int, unit: Unit) -> bool:
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
            not self.layout.indented
            and unit.gap_before == 0
            and self._title_only()
            and self._last_rule() != "headline.digest"
        ):
            # set right below the short title, where blank lines part the blocks: the rest of
            # one headline (a column's label above its piece's title, `社评` / `让…更有温度`) —
            # unless a dateline below it said a column of short items opens there (环球扫描)
            return False
        if (
            self._title_only()
            and len(self.current or []) == 1
            and len(p.without_trailing_bracket((self.current or [])[0].text)) <= DIGEST_TITLE_MAX
        ):
            self.digest = True
        return self.digest and not self.closed and not self._wide_gap(unit)

    def _leaves_digest(self, i: int, unit: Unit) -> bool:
        """A column of dispatches (八方速递: every item a title and a dateline) ends at a
        heading whose text opens without a dateline: the article of its own that follows the
        column on the page, not one more item. Its title may exclaim (`…，毕业了！`): no item
        of the column starts so."""
        nxt = self._next(i)
        if (
            not self.digest
            or self.closed
            or nxt is None
            or p.dateline_of(nxt.text)
            or not (shapes.heading_shaped(unit.text, self.profile) or _exclaimed_title(unit.text, nxt.text))
            or shapes.heading_shaped(nxt.text, self.profile)  # an item's title on two lines
            or unit.text.endswith("——")  # …or its kicker: 伊朗总统—— / 准备向世界保证，…
        ):
            return False
        segments = self.current or []
        items = [k for k, segment in enumerate(segments) if segment.kind is Kind.SUBHEAD]
        return bool(items) and all(
            k + 1 < len(segments)
            and (segments[k + 1].kind is Kind.DATELINE or p.dateline_of(segments[k + 1].text) is not None)
            for k in items
        )

    def _after_a_brief_dispatch(self, i: int) -> bool:
        """A heading inside a brief dispatch — its text opens with a dateline, no byline above
        that (a reporter's report may be cut into parts early: `本报记者 夏天宇` / `本报讯 …` /
        `空间布局更均衡`), no sub-head so far — with a paragraph of running text below it, one
        that ends its sentence: the next article (`巴基斯坦总理…今起对我国进行正式访问` after a
        dispatch on talks), not a sub-head. (A list the dispatch announces, `…企业名单` /
        `（共30家…）` or `…名单如下：` / names, has no such text below its heading: the weighed
        evidence decides there.)"""
        below = self._next(i)
        kinds = [s.kind for s in self.current or []]
        if below is None or Kind.DATELINE not in kinds:
            return False
        # (the reporter a dateline names in brackets, `（记者曹嘉玥）`, is its byline, after it)
        return (
            len(below.text) >= TEXT_BELOW_MIN
            and p.strip_closers(below.text)[-1:] in _SENTENCE_ENDS
            and Kind.BYLINE not in kinds[: kinds.index(Kind.DATELINE)]
            and Kind.SUBHEAD not in kinds
            and sum(kind in BODY_KINDS for kind in kinds) <= BRIEF_DISPATCH_BLOCKS
        )

    def _text_above_ended(self) -> bool:
        """Did the text above end its sentence (no page break may have cut its paragraph)?"""
        open_paragraph = self._open_paragraph()
        return not (open_paragraph and not p.is_terminated(open_paragraph[1]))

    def _bullet_box_opens(self, i: int) -> bool:
        """After the text above ended its sentence, a short title with items below it, each led
        in by the same mark (`城事速递` / `■本周六起…` / `■…`): a box of briefs, not a sub-head."""
        t, below = self.units[i].text, self.units[i + 1 : i + 3]
        return (
            self._has_body()
            and len(p.without_trailing_bracket(t)) <= BOX_TITLE_MAX
            and self._text_above_ended()
            and len(below) == 2
            and below[0].text[:1] in ITEM_MARKS
            and all(u.text[:1] == below[0].text[:1] and len(u.text) > len(t) for u in below)
        )

    def _leaves_bullet_box(self, i: int) -> bool:
        """After a box of briefs, each led in by the same mark (`社会速览` / `◆…` / `◆…`), a
        heading after a blank line that no mark leads in (`读者来信` / `感谢那位…`): the box
        has ended, and the next piece opens — not a sub-head of the box."""
        unit = self.units[i]
        items = [s.text for s in self.current or [] if s.kind is Kind.PARAGRAPH]
        mark = items[0][:1] if items else ""
        return (
            len(items) >= 2
            and mark in ITEM_MARKS
            and all(text[:1] == mark for text in items)
            and unit.gap_before > 0
            and unit.text[:1] != mark
            and shapes.heading_shaped(unit.text, self.profile)
            and self._opened_as("headline.bullet-box")  # (a story's points, marked so, are no box)
        )

    def _opened_as(self, rule_id: str) -> bool:
        """Was the open article's first line decided by this rule?"""
        first = self.current[0].first_line if self.current else None
        return any(d.line == first and d.rule_id == rule_id for d in self.decisions)

    def _digest_opens(self, i: int) -> bool:
        """Inside an article, a short name (环球扫描) with a headline right below it and a
        dateline below that: a column of short items opens, not a sub-head."""
        t = self.units[i].text
        if (
            not self._has_body()
            or len(p.without_trailing_bracket(t)) > DIGEST_TITLE_MAX
            or p.is_signature_name(t)
            or i + 2 >= len(self.units)
        ):
            return False
        first = self.units[i + 1].text
        if not shapes.heading_shaped(first, self.profile) or p.is_signature_name(first) or p.is_byline_line(first):
            return False
        return any(p.dateline_of(u.text) for u in self.units[i + 2 : i + 4])

    def _group_column_opens(self, i: int) -> bool:
        """Inside an article, a column's short name (来论) with a contribution's heading right
        below it and its writer below that (a place and a name): a column of contributions
        opens, not a sub-head (a name that looks like a person's is the article's byline)."""
        t = self.units[i].text
        if (
            not self._has_body()
            or len(t) > DIGEST_TITLE_MAX
            or " " in t
            or p.is_name_line(t)
            or i + 2 >= len(self.units)
        ):
            return False
        heading, writer = self.units[i + 1].text, self.units[i + 2].text
        return (
            shapes.heading_shaped(heading, self.profile)
            and not p.is_signature_line(heading)
            and not p.is_signature_name(heading)
            and (p.letter_signature(writer) is not None or p.contributor_signature(writer) is not None)
        )

    def _group_column(self, credit: str) -> bool:
        """A column of contributions (大家谈, 发言摘编), not credited at its top: one an editor's
        note signed `——编  者` introduces, or one in sections signed alike (all by reporters,
        or all by their writers) as the `credit` below this heading. Each contribution's
        heading, with its writer below it, heads a section of it."""
        if self._kinds() & {Kind.BYLINE, Kind.DATELINE}:
            return False
        if any(s.kind is not Kind.HEADLINE and p.EDITORS_SIGN_RE.match(s.text) for s in self.current or []):
            return True
        reporters = bool(p.ROLE_RE.search(credit))
        return bool(self.section_credits) and all(bool(p.ROLE_RE.search(c)) == reporters for c in self.section_credits)

    def _title_after_text(self, unit: Unit) -> str:
        """The rule by which a line right below a paragraph of text (with what a break cut off
        it) opens the next piece ("" if none does): a title with its column's name in brackets
        (`…（编辑手记）` after a feature), or a notice's title (`…招标公告`, printed below the
        page's last article) — never a sub-head of the article above."""
        last = self.current[-1] if self.current and not self.closed else None
        # (…or below the date that signs the notice above, on a page of notices: a line of it,
        # read as a heading until the notice's end shows what it is)
        signer = self.current[-2] if self.current and len(self.current) > 1 else None
        signed = (
            last is not None
            and signer is not None
            and bool(DATE_ONLY_RE.match(last.text))
            # (its signer right above it: `中共某区委组织部` / `2025年10月24日`)
            and signer.last_line == last.first_line - 1
            and len(signer.text) <= SIGNER_MAX
            and not p.is_terminated(signer.text)
        )
        if last is None or (last.kind is not Kind.PARAGRAPH and not signed):
            return ""
        text_above = last.kind is Kind.PARAGRAPH and len(last.text) + sum(map(len, self._tail)) > TEXT_MIN
        if text_above and shapes.is_tagged_title(unit.text):
            return "headline.column-tag"
        notice = shapes.names_a_notice(unit.text) and not shapes.document_title(unit.text)  # (`headline.document`)
        ended = last.kind is Kind.PARAGRAPH and p.is_terminated(last.text)  # (a one-line notice above: `…声明作废。`)
        return "headline.notice" if notice and (text_above or signed or ended) else ""

    def _contents_item(self, unit: Unit) -> bool:
        """In a contents box (`本期导读`), a line below its title or set right below its last item,
        naming a 版 and what it prints (`2版　双河脐橙进入采摘季`, `A03 地铁6号线…`): the box's
        item, not the running head it looks like. (A blank line ends the box: `C919大飞机…`
        below it is the lead story's headline.)"""
        return (
            (unit.gap_before == 0 or self._title_only())
            and self._in_contents_box()
            and bool(_CONTENTS_ITEM_RE.match(unit.text))
        )

    def _in_contents_box(self) -> bool:
        """Is the article open a contents box (`本期导读`), whose items end no sentence?"""
        title = self._title()
        return self.current is not None and not self.closed and "导读" in title and self.profile.is_box_title(title)

    def _question_in_text(self, text: str) -> bool:
        """A question of a few words below an article's text (`如何加强？`): it asks what the
        text goes on to answer, or heads a section — a new article only with a byline below."""
        return shapes.short_question(text) and Kind.PARAGRAPH in self._kinds()
