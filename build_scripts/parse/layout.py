"""How the raw text of a page is laid out, detected from the file itself, and its lines
rebuilt into blocks (*units*) the parser labels.

Raw page text reaches users in three layouts (and mixtures of them):

- blank: blocks separated by blank lines (each block one line, or a few);
- indent: one paragraph a line, its first line indented (`　　`), no blank lines inside an
  article; headlines and bylines are not indented;
- wrapped: as indent, but hard-wrapped at the column's width: every line of a paragraph
  but its last is (about) as long as the column, and only the paragraph's first line is
  indented.

The evidence is counted, never configured: the share of indented lines says whether
indentation marks paragraphs; the commonest line width, when a good share of lines have
it, is the column width of wrapped text. A wrapped line is joined to the line above when
that line filled the column and this one is not indented and follows with no blank line
(with the spaces between them where the text breaks at a space).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from build_scripts.contract.labels import NUMBERED_HEADING_RE
from build_scripts.parse import compiled

_WORDS_APART_RE = compiled.pattern(r"\S \S+$")  # the line's last word set apart by a space
_NAME_REST_RE = compiled.pattern(r"[\u4e00-\u9fff]{1,4}")  # a short line of words alone: a name's rest

# A line indented by at least this much (U+3000 counts as one) starts a paragraph.
_INDENT_SPACES = 2
# Indentation marks paragraphs when at least this share of the lines is indented.
_INDENTED_SHARE = 0.25
# Text is hard-wrapped when at least this share of the lines has the commonest width.
_WRAPPED_SHARE = 0.3
_MIN_WRAP_WIDTH = 8
# Marks type never sets at a line's start: a line full to the column's end may hang up to
# this many of them past it.
_HANGING = "，。、；：！？,.;:!?”’」』）》)…"
# …and marks it never sets at a line's end: pushed to the next line's start.
_NEVER_LAST = "“‘「『（《("
_MOST_HUNG = 3
_CLOSERS = "”’」』）》)"  # (a sentence ends inside them: `…。”`)


@dataclass(frozen=True)
class Unit:
    """One block of the page: a line, or the lines of one wrapped paragraph."""

    text: str
    line: int  # file line of its first line
    gap_before: int  # blank lines before it
    indented: bool = False
    last_line: int = 0  # file line of its last line (0: the same as `line`)
    full: bool = False  # its last line filled the column (the text may go on below)

    @property
    def end_line(self) -> int:
        return self.last_line or self.line


@dataclass(frozen=True)
class Layout:
    indented: bool  # indentation (not blank lines) marks paragraph starts
    wrap_width: int  # column width of hard-wrapped text; 0 when lines are not wrapped
    # the width is counted in columns (`display_width`), not characters: text wrapped where a
    # column of type ends, digits and Latin letters half as wide as Han characters
    by_display: bool = False

    def width(self, line: str) -> int:
        """How wide a line is, as the column's width is counted."""
        return columns(line) if self.by_display else len(line)

    def wider_than_the_column(self, line: str) -> bool:
        """A line wider than the column is not the rest of a line wrapped in it: a headline's
        second line, set wider (`…四季度将出炉` above a subtitle of 56 characters). The marks
        that may not open a line, hung past its end, do not count (`…只是背诵；`)."""
        hung = line.rstrip(_HANGING)
        if 0 < len(line) - len(hung) <= _MOST_HUNG:
            line = hung
        if self.by_display:
            return columns(line) > self.wrap_width + 1
        return display_width(line) > 2 * self.wrap_width + 1

    @property
    def name(self) -> str:
        if self.wrap_width:
            return "wrapped"
        return "indent" if self.indented else "blank"


def _indent_of(raw: str) -> int:
    n = 0
    for ch in raw:
        if ch == "\u3000":
            n += 2
        elif ch in " \t":
            n += 1
        else:
            break
    return n


def _column(body: list[str], width: Callable[[str], int], narrowest: int) -> tuple[int, int]:
    """(the commonest width of the lines, if enough of them have it, else 0; how many lines
    are that wide, or one narrower: a full-width character pushed over to the next line)."""
    widths = Counter(w for raw in body if (w := width(raw)) >= narrowest)
    if not widths:
        return 0, 0
    most, count = widths.most_common(1)[0]
    near = count + widths.get(most - 1, 0)
    return (most if near >= _WRAPPED_SHARE * len(body) and count >= 3 else 0), near


def _mixed_lines_fit(body: list[str], characters: int, in_columns: int) -> bool:
    """Where both counts fit as many lines, the lines holding digits or Latin letters (whose
    counts differ) tell: do more of them fill the column counted in columns of type than in
    characters (`…公布2025年度省社会科学`: 27 characters, 50 columns, in a column of 25 Han)?"""
    mixed = [raw for raw in body if columns(raw) != 2 * len(raw)]
    fit_columns = sum(1 for raw in mixed if in_columns - 1 <= columns(raw) <= in_columns)
    fit_characters = sum(1 for raw in mixed if characters - 1 <= len(raw) <= characters)
    return fit_columns > fit_characters


def detect_layout(lines: list[str]) -> Layout:
    body = [raw.rstrip() for raw in lines if raw.strip()]
    if not body:
        return Layout(False, 0)
    # The column's width in characters (text wrapped by a count of characters), or in columns
    # of type (`columns`) where that fits more lines (text copied out of a set column, its digits and
    # Latin letters half as wide): on text of Han characters alone the two agree.
    wrap_width, near = _column(body, len, _MIN_WRAP_WIDTH)
    in_columns, near_in_columns = _column(body, columns, 2 * _MIN_WRAP_WIDTH)
    by_display = bool(in_columns) and (
        near_in_columns > near or (near_in_columns == near and _mixed_lines_fit(body, wrap_width, in_columns))
    )
    if by_display:
        wrap_width = in_columns
    layout = Layout(False, wrap_width, by_display)
    # Indentation is counted on the lines that may start a block: not on the lines that
    # carry on a wrapped paragraph (they are never indented).
    starts = [
        raw
        for prev, raw in zip([""] + body[:-1], body, strict=True)
        if not (wrap_width and wrap_width - 1 <= layout.width(prev) <= wrap_width)
    ]
    indented = sum(_indent_of(raw) >= _INDENT_SPACES for raw in starts)
    # Indentation marks paragraphs only where blank lines do not: a page that sets every
    # block off with a blank line (and indents its paragraphs too) is read by its blank lines.
    gaps, gap = [], 0
    for raw in lines:
        if raw.strip():
            gaps.append(gap)
            gap = 0
        else:
            gap += 1
    blank_separated = sorted(gaps[1:])[len(gaps[1:]) // 2] > 0 if len(gaps) > 1 else False
    return Layout(indented >= _INDENTED_SHARE * len(starts) and not blank_separated, wrap_width, by_display)


def _headline_as_wide_as_the_column(
    unit: Unit, before: Unit | None, layout: Layout, below: str, after: str = ""
) -> bool:
    """Where paragraphs are indented, a single line that is not indented and is shaped like
    a headline only happens to fill the column: the line below it is not its rest — unless
    it is the rest of a paragraph a page break cut (a blank line above it, and the block
    before that stopped mid-sentence). A headline's byline below it is never its rest,
    whatever the headline holds (`…，…？（环球走笔）` above `吴 限`); nor is anything the rest
    of a line that ends no sentence after a blank line below one that did, commas and all."""
    from build_scripts.parse import patterns as p  # (none of them needs the layout)
    from build_scripts.parse.shapes import could_be_headline, heading_shaped

    if not layout.indented or unit.indented:
        return False
    if (
        (could_be_headline(unit.text) or p.TRAILING_BRACKET_RE.search(unit.text))
        and "。" not in unit.text  # (a paragraph's last line, its byline cut: …说。本报 / 记者 X)
        and (
            p.is_byline_line(below)
            or p.is_signature_name(below)
            # nor is a second headline line that the byline follows (`…交出亮眼成绩单` /
            # `共绘内外联动的开放画卷` / `本报记者 …`)
            or (could_be_headline(below) and not p.is_terminated(below) and p.is_byline_line(after))
        )
    ):
        return True
    if unit.last_line:
        return False
    if (
        unit.gap_before
        and before is not None  # (at the page's top, `indent.page-top` decides)
        and not p.is_terminated(unit.text)
        and p.is_terminated(before.text)
        and not before.text.rstrip(p.CLOSERS).endswith("…")
    ):
        # after a blank line, below a block that ended its sentence (no page break cut it,
        # as one may after `……`): a headline line, whatever it holds (`湖南澧县：…，…送到田`)
        return True
    if not heading_shaped(unit.text):
        return False
    return not (unit.gap_before and before is not None and not p.is_terminated(before.text))


class _Widths(dict[str, int]):
    """Each character's width, looked up once (for text beyond the Basic Multilingual Plane)."""

    def __init__(self, wide: str) -> None:
        super().__init__()
        self.wide = wide  # the East Asian widths set two columns wide

    def __missing__(self, ch: str) -> int:
        width = self[ch] = 2 if unicodedata.east_asian_width(ch) in self.wide else 1
        return width


@functools.cache
def _narrow(wide: str) -> re.Pattern[str]:
    """A class of the characters of the Basic Multilingual Plane that are not `wide`: every
    line of every page is measured, and a regular expression counts them in C (asking
    `unicodedata` per character was a seventh of a page's parse). Working the class out asks
    `unicodedata` of every code point (a twentieth of a second each, in the time a conversion
    waits for its worker to load the parser): it is kept for the next run (`compiled.py`)."""
    version = f"{unicodedata.unidata_version} {compiled.code_of(_narrow_ranges)}"
    ranges = compiled.worked_out(f"narrow-{wide}", version, lambda: _narrow_ranges(wide))
    return compiled.pattern(f"[{ranges}]")


def _narrow_ranges(wide: str) -> str:
    ranges, start = [], None
    for code in range(0x10001):
        narrow = code < 0x10000 and unicodedata.east_asian_width(chr(code)) not in wide
        if narrow and start is None:
            start = code
        elif not narrow and start is not None:
            ranges.append(re.escape(chr(start)) + (f"-{re.escape(chr(code - 1))}" if code - 1 > start else ""))
            start = None
    return "".join(ranges)


_WIDTHS = {"WF": _Widths("WF"), "WFA": _Widths("WFA")}


def _width(text: str, wide: str) -> int:
    if text.isascii():
        return len(text)
    if max(text) > "\uffff":
        return sum(map(_WIDTHS[wide].__getitem__, text))
    return 2 * len(text) - _narrow(wide).subn("", text)[1]


def display_width(text: str) -> int:
    """How wide `text` is set: a Han character (or any full-width one) takes two columns, a
    half-width one (a digit, a Latin letter) one."""
    return _width(text, "WF")


def columns(text: str) -> int:
    """How many columns of a Chinese column of type `text` fills: as `display_width`, and the
    marks Unicode leaves to the script around them (`“ ” ‘ ’ … — ·`) two, as Chinese type
    sets them."""
    return _width(text, "WFA")


def build_units(text: str, first_line: int, keep_apart: frozenset[int] = frozenset()) -> tuple[list[Unit], Layout]:
    """The page's blocks. Lines named in `keep_apart` (an archivist's corrections) always
    start a block of their own."""
    from build_scripts.parse import patterns as p  # (none of them needs the layout)

    lines = text.split("\n")
    layout = detect_layout(lines)
    # how the page indents its paragraphs: with ideographic spaces (`　　`), or with others
    marks = Counter(raw[0] for raw in lines if _indent_of(raw) >= _INDENT_SPACES)
    ideographic = marks["\u3000"] > sum(marks.values()) - marks["\u3000"]
    units: list[Unit] = []
    gap = 0
    tail = ""  # the spaces that end the line above: where wrapped text breaks at a space
    for offset, raw in enumerate(lines):
        line = raw.strip()
        number = first_line + offset
        if not line:
            gap += 1
            continue
        prev = units[-1] if units else None
        # Where the page indents its paragraphs with ideographic spaces, a line that other
        # spaces indent right below a full line is that paragraph's rest: the text broke where
        # it held spaces (`…主题是“改革完善全球治理` / `  携手应对…`, `…副主任委员  董` / `  刚`).
        indented = _indent_of(raw) >= _INDENT_SPACES and not (
            ideographic and not raw.startswith("\u3000") and gap == 0 and prev is not None and prev.full
        )
        # exactly the column's width (or one less): a line longer than the column is not
        # one of its wrapped lines (headlines are set wider); the spaces ending a line that
        # ends no sentence count (text copied out of a column breaks at a space too:
        # `…原题为《首店当红火  ` / `老店莫冷落》）`)
        widths: tuple[int, ...] = (
            (layout.width(raw.rstrip()),)
            if p.is_terminated(raw.rstrip())
            else (layout.width(raw.rstrip()), layout.width(raw))
        )
        ends, hung = raw.rstrip(), raw.rstrip().rstrip(_HANGING)
        if layout.wrap_width and 0 < len(ends) - len(hung) <= _MOST_HUNG and layout.width(ends) > layout.wrap_width:
            # a full line with the marks that may not open a line hung past the column's end
            # (`…还能‘卖空气’。”`, as type sets them: 避头尾)
            widths += (layout.width(hung),)
        full = bool(layout.wrap_width) and any(layout.wrap_width - 1 <= width <= layout.wrap_width for width in widths)
        below = lines[offset + 1] if offset + 1 < len(lines) else ""
        in_a_paragraph = indented or (gap == 0 and prev is not None and prev.full)  # (not a headline)
        if layout.wrap_width and not full and in_a_paragraph and below[:1] in _NEVER_LAST:
            # short of the column by an opening mark that type never sets at a line's end, set
            # at the next line's start instead (`…永安大戏院推出` / `“周末夜场”演出季…`)
            full = layout.wrap_width - 1 <= widths[0] + layout.width(below[:1]) <= layout.wrap_width
        if (
            prev is not None
            and layout.wrap_width
            and gap == 0
            and prev.full
            and not layout.wider_than_the_column(line)
            and number not in keep_apart
            and not (layout.indented and indented)
            # a numbered heading set below a sentence that ended one short of the column's end
            # (`…找准发力点。` / `一、立足比较优势…`): the next part's heading, not the text's rest
            and not (
                prev.text.rstrip(_CLOSERS)[-1:] in "。！？"
                and NUMBERED_HEADING_RE.match(line)
                and not p.is_terminated(line)  # (a heading: `（二）压实工作责任。` is an item of the text)
                and not full
            )
            and not _headline_as_wide_as_the_column(
                prev,
                units[-2] if len(units) > 1 else None,
                layout,
                line,
                lines[offset + 1].strip() if offset + 1 < len(lines) else "",
            )
        ):
            # a space at the break stays between names (`…本报记者 申少铁 尹晓宇 ` / `姜晓丹`,
            # `…根本。海 ` / `生`), not in running text copied with a space ending every line
            names = _WORDS_APART_RE.search(prev.text) or _NAME_REST_RE.fullmatch(line)
            joined = prev.text + (" " if (tail or raw[:1].isspace()) and names else "") + line
            units[-1] = Unit(joined, prev.line, prev.gap_before, prev.indented, number, full)
        else:
            units.append(Unit(line, number, gap, indented, 0, full))
        tail = raw[len(raw.rstrip()) :]
        gap = 0
    return units, layout
