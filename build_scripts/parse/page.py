"""The page around a unit: its blocks, the gaps between them, and what the blocks near a
unit say about it (is it followed by a byline, does the text below it end an article with a
credit of its own). Read-only knowledge of the page, shared by the rules that label units."""

from __future__ import annotations

import itertools
import statistics

from build_scripts.ingest.corrections import Corrections
from build_scripts.ingest.paper_profile import PaperProfile
from build_scripts.parse import compiled, evidence, shapes
from build_scripts.parse import patterns as p
from build_scripts.parse.layout import Unit, build_units
from build_scripts.parse.model import Kind
from build_scripts.parse.state import ArticleState

# A letter's or a speech's date below its signature, and where it was signed: 2026年5月2日 /
# 二〇二六年五月二十日于北京
DATE_ONLY_RE = compiled.pattern(
    r"^(?:\d{4}年\d{1,2}月\d{1,2}日|[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)"
    rf"(?:于[{p.HAN}]{{2,10}})?$"
)
# The offices of those who sign a joint statement, above their names
OFFICES_RE = compiled.pattern(rf"^(?:[{p.HAN}（）]{{2,24}}?(?:主席|总统|总理|首相|国王|秘书长|委员长)\s*){{1,4}}$")
# A body that signs a notice or a letter of thanks above its date (`…联席会议办公室` /
# `2026年4月28日`, `某村村民委员会` / `2026年4月7日`)
ISSUER_RE = compiled.pattern(rf"^[{p.HAN}（）]{{2,30}}(?:办公室|委员会|领导小组|指挥部|组委会|有限公司|集团)$")

# The least a block must hold to count as printed again (`_printed_again_below`): a date, a
# number or a stock phrase recurs on a page by chance
PRINTED_AGAIN_MIN = 10

# What a letter's last sentence and no headline end with
SENTENCE_END = ("。", "！", "？", "!", "?")
# A writer's name spaced out to fill the line, then 文 (`徐  之文`: the text is 徐之's), as
# under a picture item's lines — three characters at least: `人  文` is a spaced word
WRITER_CREDIT_RE = compiled.pattern(rf"^[{p.HAN}]{{1,2}}\s+[{p.HAN}]{{1,2}}文$")

# A line in brackets that opens with a date: when and by whom a document was adopted, or a
# speech delivered (（2026年3月19日中共中央政治局常委会会议审议批准）)
DATED_NOTE_RE = compiled.pattern(
    r"^[（(]\s*(?:\d{4}|[〇零一二三四五六七八九]{4})年[^（）()]*(?:[（(][^（）()]*[）)][^（）()]*)*[）)]$"
)


class PageView(ArticleState):
    fix: Corrections

    def __init__(self, text: str, first_line: int, corrections: Corrections, profile: PaperProfile):
        self.fix = corrections
        keep_apart = frozenset(corrections.break_before | corrections.no_join | set(corrections.labels))
        self.units, self.layout = build_units(text, first_line, keep_apart)
        gaps = [u.gap_before for u in self.units[1:]]
        self.usual_gap = statistics.median(gaps) if gaps else 1
        ArticleState.__init__(self, profile)
        self._ends_with_byline_cache: dict[int, bool] = {}
        self._confirmed: dict[int, bool] = {}  # _confirmed_headline by unit: asked some three times a unit
        self._ends: dict[int, bool] = {}  # _ends_article by unit
        self._alike_cache: dict[tuple[int, int], int | None] = {}  # _alike_from by (start, b)
        self._blocks_below_cache: dict[int, int] = {}
        self._page_text: str | None = None  # every block's text, joined (`_printed_again_below`)
        self._unit_offset: list[int] = []
        self._unit_at = {u.line: k for k, u in enumerate(self.units)}  # a segment's first unit
        self._evidence: tuple[str, evidence.Features] = ("", {})  # the last weighed decision
        self._at = 0  # the unit being labelled
        # a join weighed and refused for the unit being labelled: (unit, chance, why, rule)
        self._refused_join: tuple[int, float, str, str] | None = None
        # Some pages set sub-heads off with a wider gap than paragraphs and articles with a
        # wider one still: the narrowest gap before a headline that a byline or dateline
        # confirms is the least an article boundary gets on this page.
        confirmed = [u.gap_before for i, u in enumerate(self.units) if i > 0 and self._confirmed_headline(i)]
        self.article_gap = min(confirmed) if confirmed else 0

    def _next(self, i: int) -> Unit | None:
        return self.units[i + 1] if i + 1 < len(self.units) else None

    def next_unit(self, unit: Unit) -> Unit | None:
        """The block after this one (units are walked in order: found from the current one)."""
        return self._next(self._at) if self.units[self._at] is unit else None

    def _wide_gap(self, unit: Unit) -> bool:
        """More blank lines before the unit than between paragraphs, and as many as before
        the page's confirmed headlines: the page marks an article boundary here."""
        usual = self.usual_gap if self.layout.indented else max(self.usual_gap, 1)
        return unit.gap_before > usual and unit.gap_before >= self.article_gap

    def _confirmed_headline(self, i: int) -> bool:
        """A headline the blocks below confirm (a byline, a dateline, an editor's note; a
        writer's name below the page's first block). Depends only on the page."""
        known = self._confirmed.get(i)
        if known is None:
            known = self._confirmed[i] = self._confirmed_by_what_follows(i)
        return known

    def _confirmed_by_what_follows(self, i: int) -> bool:
        nxt = self._next(i)
        return (
            (
                nxt is not None
                and nxt.line not in self.fix.labels
                and shapes.opens_article(nxt.text)
                and (
                    shapes.could_be_headline(self.units[i].text, self.profile)
                    or (
                        (p.dateline_of(nxt.text) is not None or p.is_byline_line(nxt.text))
                        and shapes.summary_headline(self.units[i].text, self.profile)
                    )
                )
                and not (i > 0 and p.ends_mid_sentence(self.units[i - 1].text))
                and not self._closes_a_letter(i)
                and not self._signs_a_letter(i)
            )
            or self._signed_page_opening(i)
            or self._continued_from_another_page(i)
        )

    def _continued_from_another_page(self, i: int) -> bool:
        """A heading with, set right below it, where the story goes on from (`（上接A1版）`): a
        continued story's headline."""
        nxt = self._next(i)
        return (
            nxt is not None
            and nxt.gap_before == 0
            and bool(p.JUMP_FROM_RE.match(nxt.text))
            and shapes.could_be_headline(self.units[i].text, self.profile)
        )

    def _signed_page_opening(self, i: int) -> bool:
        """The page's first block, above a writer's name alone (沈传宝), is the headline of a
        signed piece however long it is (a commentary's title and its column in brackets)."""
        nxt = self._next(i)
        text = self.units[i].text
        return (
            i < 4
            and all(p.is_furniture(u.text) for u in self.units[:i])  # nothing but furniture above it
            and nxt is not None
            and nxt.line not in self.fix.labels
            and not text.endswith((*SENTENCE_END, "：", ":"))
            and len(text) <= 80
            and p.is_signature_name(nxt.text)
        )

    def _closes_a_letter(self, i: int) -> bool:
        """A sentence above a signature (…节日快乐！ / 习近平 / 2026年5月2日) is a letter's,
        a speech's or a joint statement's last: no headline."""
        return self._signature_after(i) > 0

    def _signs_a_letter(self, i: int) -> bool:
        """Is unit i a line of such a signature (paragraphs of the text it signs)?"""
        return any(i >= k and self._signature_after(i - k) >= k for k in (1, 2, 3))

    def _signs_off(self, i: int) -> bool:
        """Is unit i a writer's name alone below the text's last sentence, with the page's
        end, a wider gap or a sure headline below it? The piece signed off, as a picture
        item's writer (`徐  之文`) signs it — not a section's heading, which text follows."""
        t = self.units[i].text
        if i == 0 or not p.is_signature_name(t) or self.profile.is_column_word(t):
            return False
        if not self.units[i - 1].text.endswith(SENTENCE_END):
            return False
        if WRITER_CREDIT_RE.match(t):
            return True  # the name spaced out, then 文: who wrote the lines above
        if " " not in t and any(s.kind is Kind.SUBHEAD and len(s.text) == len(t) for s in self.current or []):
            return False  # as long as a sub-head of the article: one more (食材 … 食器 … 食艺)
        nxt = self._next(i)
        return nxt is None or self._wide_gap(nxt) or self._confirmed_headline(i + 1)

    def _signature_after(self, i: int) -> int:
        """How many units after unit i, a sentence's end, sign it: the signers' offices (when
        they are heads of state: 中华人民共和国主席 俄罗斯联邦总统), their names or the body
        that issues it (a notice's office), and a date alone on its line (0: none)."""
        if not self.units[i].text.endswith(SENTENCE_END):
            return 0
        j = i + 1
        if j < len(self.units) and OFFICES_RE.match(self.units[j].text):
            j += 1
        if (
            j + 1 < len(self.units)
            and (p.is_name_line(self.units[j].text) or ISSUER_RE.match(self.units[j].text))
            and DATE_ONLY_RE.match(self.units[j + 1].text)
        ):
            return j + 2 - (i + 1)
        return 0

    def _ends_article(self, i: int) -> bool:
        """Does unit i sign an article off with a byline of its own (a second one, if the
        article is signed at its top)? A dispatch credit (（本报柏林电）), a note about the
        writer, a photo credit or the page's furniture do not. Depends only on the page:
        worked out once a unit (every headline weighed looks down the text below it)."""
        known = self._ends.get(i)
        if known is None:
            known = self._ends[i] = self._with_a_byline_of_its_own(i)
        return known

    def _with_a_byline_of_its_own(self, i: int) -> bool:
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

    def _signed_below(self, i: int) -> bool:
        """Does the text right below unit i, before any line shaped like a heading, end with
        a credit of its own (`…。本报记者 王 洲`)? A piece signed at its end, headed by unit i."""
        j = i + 1
        while j < len(self.units) and j < i + 80:
            if self._ends_article(j):
                return True
            if shapes.heading_shaped(self.units[j].text, self.profile) or self._confirmed_headline(j):
                return False
            j += 1
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

    def _heading_at(self, i: int) -> tuple[str, ...]:
        """The lines of the heading unit i opens (one line, or two: a section's heading
        printed in two pieces, 深耕科创沃土 / 激活城市动能)."""
        if i + 1 < len(self.units) and shapes.heading_shaped(self.units[i + 1].text, self.profile):
            return self.units[i].text, self.units[i + 1].text
        return (self.units[i].text,)

    def _parallel_below(self, i: int) -> bool:
        """Is there a heading of the same shape as the one unit i opens further down, before
        the page marks the next article for certain — one line as long as it to a character,
        or, for a heading in two lines, another in two lines? The sections of one article are
        headed alike (案例一 / 新技术… … 案例二 / 新方案…); a new article's headline seldom looks
        like its sub-heads."""
        shape, shaped = self._heading_at(i), shapes.heading_shaped
        j = i + len(shape)
        while j < len(self.units) and j < i + 150:
            if self._confirmed_headline(j) or self._wide_gap(self.units[j]):
                return False
            if shaped(self.units[j].text, self.profile) and not shaped(self.units[j - 1].text, self.profile):
                other = self._heading_at(j)
                if len(other) == len(shape) and (len(shape) == 2 or abs(len(shape[0]) - len(other[0])) <= 1):
                    return True
                j += len(other)
            else:
                j += 1
        return False

    def _printed_again_below(self, block: str, k: int) -> bool:
        """Is this block, which stops without a full stop above block k, printed again in its
        own article, from block k on — but not with block k's text right after it? A
        commentary's or a report's summary, set in bold below its headline, is words drawn from
        its own text (`…，才能跑得更快、更远` above `…更远。`), and so is a pull quote; the first
        part of a paragraph a break cut is printed once — unless the paragraph is such a
        summary, and then its rest follows it there too. The article ends where the page next
        marks one for certain (`_blocks_below`): another article may repeat a stock phrase.
        The blocks are searched as one text, so a repeat a break cut in two is found. Asked
        only where the evidence would be weighed: a page may quote a letter printed above it,
        cut by a break (`join.full-stop-inside` decides those). On the 24 tuning days, 146 such
        blocks above a weighed break, none of them cut; three of them had been joined."""
        if len(block) < PRINTED_AGAIN_MIN or k >= len(self.units):
            return False
        if self._page_text is None:
            texts = [u.text for u in self.units]
            self._page_text = "".join(texts)
            self._unit_offset = list(itertools.accumulate((len(t) for t in texts), initial=0))
        start, end = self._unit_offset[k], self._unit_offset[min(len(self.units), k + 1 + self._blocks_below(k))]
        text = self._page_text
        return text.find(block, start, end) >= 0 and text.find(block + self.units[k].text, start, end) < 0

    def _weighed_detail(self, chance: float) -> str:
        """`83%: word_across_break +5.3, …`: the last weighed decision, for `--explain`."""
        model, features = self._evidence
        return f"{chance:.0%}: {evidence.strongest(model, features)}"

    def _alike(self, b: int) -> int | None:
        """How many blocks of the current article are like block b (`evidence.lines_alike`)."""
        first = self.current[0].first_line if self.current and not self.closed else self.units[b].line
        return self._alike_from(min(self._unit_at.get(first, b), b), b)

    def _alike_from(self, start: int, b: int) -> int | None:
        """How many blocks of the article opening at block `start` are like block b: from
        there to where the page next marks an article for certain (training asks it with
        the true article's first block). Depends only on the page: asked twice on average,
        and it reads the whole article each time."""
        if (start, b) in self._alike_cache:
            return self._alike_cache[start, b]
        text = self.units[b].text
        if len(text) > evidence.SHORT_LINE and shapes.heading_label(text) is None:
            alike = None
        else:
            end = min(len(self.units), b + 1 + self._blocks_below(b))
            alike = evidence.lines_alike([u.text for u in self.units[start:end]], b - start)
        self._alike_cache[start, b] = alike
        return alike

    def _blocks_below(self, i: int) -> int:
        """How many blocks follow unit i before the page marks the next article for certain
        (a headline a byline or dateline confirms, a wide gap) or ends: a brief's few
        paragraphs, or the rest of a long article."""
        if i not in self._blocks_below_cache:
            j = i + 1
            while j < len(self.units) and not self._confirmed_headline(j) and not self._wide_gap(self.units[j]):
                j += 1
            for k in range(i, j):
                self._blocks_below_cache.setdefault(k, j - k - 1)
        return self._blocks_below_cache[i]
