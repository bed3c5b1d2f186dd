"""A headline's pieces set on lines of their own (its kicker, main title and subtitle): which
line is another piece of the headline above or below it, rather than a sub-head, a line of
text or a new article's headline."""

from __future__ import annotations

from build_scripts.parse import compiled, shapes
from build_scripts.parse import patterns as p
from build_scripts.parse.columns import ColumnRules
from build_scripts.parse.layout import Unit
from build_scripts.parse.model import Kind

# A column's label led in by a mark, above its piece's headline (`■记者观察`, `■法眼观察`)
_MARKED_LABEL_RE = compiled.pattern(rf"^[■□●◆▲]\s*[{p.HAN}]{{2,8}}$")


class HeadlinePieceRules(ColumnRules):
    def _kicker_above_headline(self, i: int) -> bool:
        """A short kicker ending in a colon or an ellipsis (`中消协发布“五一”消费提示：`,
        `先清创，再消肿，忌抓挠……`) right above a headline line a byline or dateline
        confirms, neither indented: the first piece of that headline, not running text."""
        t = self.units[i].text
        nxt = self._next(i)
        return (
            nxt is not None
            and not nxt.indented
            and nxt.gap_before == 0
            and len(t) <= self.profile.comma_headline_max
            and "。" not in t
            and t.rstrip(p.CLOSERS).endswith(("：", ":", "……", "…"))
            and self._confirmed_headline(i + 1)
        )

    def _above_a_confirmed_headline(self, i: int) -> bool:
        """Where blank lines separate blocks: a line after a blank one, with a headline line set
        right below it (no blank line between) that a byline, a signature or a dateline
        confirms — the first piece of that headline (`老旧小区加装电梯提速` / `今年计划完成300台` /
        `□记者 陈静`; a column's label, `来论` / `电动自行车充电难…` / `□张晓峰（媒体人）`), not a
        sub-head or the signature of the article above; so too the first of three lines set so.
        A name alone below (a poem's writer) confirms nothing here."""
        unit = self.units[i]
        if i + 1 >= len(self.units):
            return False
        last = i + 1  # the headline's last line: the second, or a third set right below it
        while (
            last + 1 < len(self.units)
            and last - i < 2
            and self.units[last + 1].gap_before == 0
            and shapes.could_be_headline(self.units[last + 1].text, self.profile)
            and not p.is_signature_line(self.units[last + 1].text)
        ):
            last += 1
        after = self._next(last)
        return (
            # (where indentation marks paragraphs, headlines are the lines not indented)
            not (self.layout.indented and any(u.indented for u in self.units[i : last + 1]))
            and self.current is not None  # (at the page's top: `headline.page-start`)
            and after is not None
            and unit.gap_before > 0
            and self.units[i + 1].gap_before == 0
            and (p.is_signature_line(after.text) or p.dateline_of(after.text) is not None)
            and (self._text_above_ended() or self._in_contents_box())  # (a contents box's items end none)
            and (shapes.could_be_headline(unit.text, self.profile) or bool(_MARKED_LABEL_RE.match(unit.text)))
            and not p.is_signature_line(unit.text)
            and self._confirmed_headline(last)
        )

    def _credited_right_below(self, i: int) -> bool:
        """Is the line right below unit i a credit beyond doubt — role and names, or a writer
        marked with a box (`书摘` / `老渡口` / `□沈砚秋`)? Then a word shaped like a pen name
        above it is the headline's, not a second byline."""
        nxt = self._next(i)
        return (
            nxt is not None
            and nxt.gap_before == 0
            and (p.is_byline_line(nxt.text) or (nxt.text[:1] in "□■◎" and p.is_signature_line(nxt.text)))
        )

    def _beside(self, unit: Unit) -> bool:
        """Set closer to the line above than blocks are set apart on this page: a further
        line of the same block (a headline's kicker, main title and subtitle on lines of
        their own). Where blank lines separate blocks, a line after one is a block of its own."""
        return unit.gap_before == 0 or unit.gap_before < self.usual_gap

    def _below_a_kicker(self, unit: Unit) -> bool:
        """The line right below a heading that ends with a dash (`伊朗总统——`: a kicker, of
        a headline or of an item in a column of short items) is the rest of that heading, even
        with a dateline below it: not a new article's headline. (Below a sub-head of running
        text, a confirmed headline still opens an article.)"""
        last = self.current[-1] if self.current else None
        return (
            last is not None
            and (last.kind is Kind.HEADLINE or (last.kind is Kind.SUBHEAD and self.digest))
            and last.text.endswith("——")
            and not self._wide_gap(unit)
        )
