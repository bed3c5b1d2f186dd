"""What the parser makes of a page: articles as ordered segments, page furniture, decisions.

An article is kept as the ordered list of *segments* it was cut from (headline, byline,
dateline, paragraphs, sub-heads, captions, notes). Every field a reader or an export sees
(`title`, `byline`, `text`, …) is derived from those segments, so the lossless invariant
("every character of the input lands in exactly one field, in order") can be checked
directly against the segments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from build_scripts.contract.headline import title_pieces
from build_scripts.contract.labels import HIGHLIGHTS_LABEL_RE, NUMBERED_HEADING_RE


class Kind(StrEnum):
    HEADLINE = "headline"
    BYLINE = "byline"
    DATELINE = "dateline"
    PARAGRAPH = "paragraph"
    SUBHEAD = "subhead"
    CAPTION = "caption"
    NOTE = "note"  # 编者按 and similar editor's notes
    FURNITURE = "furniture"  # 本版责编、版式设计 … : belongs to the page, not an article


BODY_KINDS = frozenset({Kind.PARAGRAPH, Kind.SUBHEAD, Kind.CAPTION, Kind.NOTE})

# The label of the decision that opens an article with running text, no headline above it.
HEADLESS = "article without headline"

# A paragraph reads as running text when it holds a sentence, or as a summary line in bold
# does (`一代人的时间或许短暂，但…`): not a label (`对话人：`, `主讲人：…`), a credit spaced as names
# are (`李  拯   本报评论员`, `本报记者  王  沛`), nor a line as short as a name or a part's title.
_SENTENCE_END_RE = re.compile(r"[。！？!?；…]")
_LABEL_RE = re.compile(r"^[^，。：:]{1,8}[：:]|.*[：:]$")
_SHORT_LINE = 20


def _reads_as_text(paragraph: str) -> bool:
    text = paragraph.strip()
    if _LABEL_RE.match(text) and not _SENTENCE_END_RE.search(text):
        return False
    return bool(_SENTENCE_END_RE.search(text)) or (len(text) > _SHORT_LINE and "  " not in text)


@dataclass(frozen=True)
class Segment:
    kind: Kind
    text: str
    first_line: int
    last_line: int


@dataclass(frozen=True)
class Decision:
    """Why the parser labelled a line the way it did; low confidence ones become warnings."""

    line: int
    label: str
    rule: str
    confident: bool = True
    text: str = ""  # the line (or what is left of it) the decision is about
    rule_id: str = ""  # the rule's name in rules.RULES
    below: int | None = None  # (subhead.uncut) the line of the block below that the other reading joins to it

    def describe(self) -> str:
        mark = "" if self.confident else "  [unsure]"
        return f"line {self.line}: {self.label} — [{self.rule_id}] {self.rule}{mark}"


@dataclass(frozen=True)
class Names:
    authors: tuple[str, ...] = ()
    correspondents: tuple[str, ...] = ()

    def and_then(self, more: Names) -> Names:
        """These names, then those of `more` not among them."""
        return Names(
            tuple(dict.fromkeys((*self.authors, *more.authors))),
            tuple(dict.fromkeys((*self.correspondents, *more.correspondents))),
        )


# A poem: at least this many blocks of text, each a line this short without a full stop, few
# of them spaced (a list of names is spaced)
POEM_LINES, POEM_LINE_MAX = 6, 30


def a_poem(blocks: list[str]) -> bool:
    return (
        len(blocks) >= POEM_LINES
        and all(a_poem_line(b) for b in blocks)
        and 3 * sum(1 for b in blocks if " " in b or "\u3000" in b) < len(blocks)
    )


def a_poem_line(block: str) -> bool:
    return len(block) <= POEM_LINE_MAX and "。" not in block


@dataclass
class Article:
    segments: list[Segment]
    names: Names = field(default_factory=Names)

    def _texts(self, kind: Kind) -> list[str]:
        return [s.text for s in self.segments if s.kind is kind]

    @property
    def title(self) -> str:
        return " ".join(self._texts(Kind.HEADLINE))

    @property
    def title_parts(self) -> list[str]:
        """The headline's pieces, line by line: a line is parted at its spaces, but two lines
        are never joined into one piece (`以县域经济高质量发展` / `夯实共同富裕的基础`, set as two
        lines, are two pieces, however alike: `title_pieces` joins a couplet's halves on a line)."""
        return [piece for line in self._texts(Kind.HEADLINE) for piece in title_pieces(line)]

    @property
    def byline(self) -> str:
        return " ".join(self._texts(Kind.BYLINE))

    @property
    def dateline(self) -> str:
        return " ".join(self._texts(Kind.DATELINE))

    @property
    def authors(self) -> list[str]:
        return list(self.names.authors)

    @property
    def correspondents(self) -> list[str]:
        return list(self.names.correspondents)

    @property
    def blocks(self) -> list[Segment]:
        return [s for s in self.segments if s.kind in BODY_KINDS]

    @property
    def subheads(self) -> list[str]:
        """Its sub-heads as its page prints them, in order: one printed in two pieces
        (强基固本 / 筑牢中华民族精神大厦) is one heading, the pieces joined by a space, as
        `writers/article_pages.body_markdown` joins them."""
        return [heading for _, heading in self.sections]

    @property
    def sections(self) -> list[tuple[int, str]]:
        """Its sub-heads (`subheads`), each with the line it starts on."""
        headings: list[tuple[int, str]] = []
        previous: Kind | None = None
        label = self.highlights_label
        for segment in self.segments:
            if segment.kind is not Kind.DATELINE and segment.kind not in BODY_KINDS or segment is label:
                continue
            if (
                segment.kind is Kind.SUBHEAD
                and previous is Kind.SUBHEAD
                and not NUMBERED_HEADING_RE.match(segment.text)
            ):
                headings[-1] = (headings[-1][0], f"{headings[-1][1]} {segment.text}")
                previous = None  # a third line is text
                continue
            if segment.kind is Kind.SUBHEAD:
                headings.append((segment.first_line, segment.text))
            previous = segment.kind
        return headings

    @property
    def is_poem(self) -> bool:
        """Is its text a poem's lines (`a_poem`)? Its page sets them as verse."""
        return a_poem([b.text for b in self.blocks if b.kind in (Kind.PARAGRAPH, Kind.SUBHEAD)])

    @property
    def highlights_label(self) -> Segment | None:
        """The label of the highlights box its text opens with (`头条看点`, then a paragraph
        that sums the article up): shown as the box's title, not as a section's heading."""
        blocks = self.blocks
        if len(blocks) > 1 and blocks[0].kind is Kind.SUBHEAD and blocks[1].kind is Kind.PARAGRAPH:
            if HIGHLIGHTS_LABEL_RE.match(blocks[0].text):
                return blocks[0]
        return None

    @property
    def text(self) -> str:
        """Body as plain text: blocks in order, one blank line between them."""
        return "\n\n".join(b.text for b in self.blocks)

    @property
    def opening(self) -> str:
        """Where its text opens (its summary on the issue page and in search is taken from
        there: `labels.first_sentence`), its paragraphs from there on: from its first
        paragraph that reads as running text — not a heading above it (头条看点), nor what a
        page sets as a paragraph before the text: a label (`对话人：`), who speaks or writes
        (`李  拯   本报评论员`, `谭雅竹`), a part's short title (`最高`). From the first paragraph
        where none reads so, and a poem from its first line, whatever its punctuation."""
        paragraphs = [b.text for b in self.blocks if b.kind is Kind.PARAGRAPH]
        if not paragraphs:
            return self.text
        first = 0 if self.is_poem else next((k for k, t in enumerate(paragraphs) if _reads_as_text(t)), 0)
        return "\n\n".join(paragraphs[first:])

    @property
    def first_line(self) -> int:
        return min(s.first_line for s in self.segments)

    @property
    def last_line(self) -> int:
        return max(s.last_line for s in self.segments)


@dataclass
class PageParse:
    """What the parser makes of one source text (one page/版 or one whole issue)."""

    articles: list[Article]
    furniture: list[Segment]
    decisions: list[Decision]

    @property
    def segments_in_order(self) -> list[Segment]:
        every = [s for a in self.articles for s in a.segments] + self.furniture
        return sorted(every, key=lambda s: (s.first_line, s.last_line))
