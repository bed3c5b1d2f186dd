"""The data model shared by every stage: what a parsed page and its articles look like.

An article is kept as the ordered list of *segments* it was cut from (headline, byline,
dateline, paragraphs, sub-heads, captions, notes). Every field a reader or an export sees
(`title`, `byline`, `text`, …) is derived from those segments, so the lossless invariant
("every character of the input lands in exactly one field, in order") can be checked
directly against the segments.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


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

    def describe(self) -> str:
        mark = "" if self.confident else "  [unsure]"
        return f"line {self.line}: {self.label} — {self.rule}{mark}"


LABELS = ("headline", "byline", "dateline", "subhead", "paragraph", "caption", "note", "furniture")


@dataclass(frozen=True)
class Corrections:
    """An archivist's fixes for one page, from its sidecar `.fix.yml` (file line numbers)."""

    break_before: frozenset[int] = frozenset()  # a new article starts at this line
    join: frozenset[int] = frozenset()  # this line continues the paragraph before it
    no_join: frozenset[int] = frozenset()  # this line starts a new block, whatever its shape
    labels: dict[int, str] = field(default_factory=dict)  # line -> one of LABELS


@dataclass(frozen=True)
class Names:
    authors: tuple[str, ...] = ()
    correspondents: tuple[str, ...] = ()


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
        return self.title.split()

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
    def text(self) -> str:
        """Body as plain text: blocks in order, one blank line between them."""
        return "\n\n".join(b.text for b in self.blocks)

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


@dataclass(frozen=True)
class PaperInfo:
    """Paper-level metadata from source_texts/archive.yml."""

    title: str
    slug: str
    title_en: str = ""
    publisher: str = ""
    place: str = ""
    language: str = "zh"


@dataclass(frozen=True)
class PageMeta:
    """Issue metadata of one source file, resolved from header, file name and archive.yml."""

    date: dt.date
    page: int | None
    page_name: str
    paper: str


@dataclass
class SourcePage:
    """One decoded source file: its metadata, its text and where it came from."""

    path: str  # relative to the source folder, with forward slashes
    meta: PageMeta
    text: str  # normalised body text, header removed
    first_line: int  # file line number of the first line of `text`
    corrections: Corrections = field(default_factory=Corrections)


_DASHES = ("——", "—", "－－", "--")


def date_of(value) -> dt.date | None:
    """A front-matter or JSON date (a date, or an ISO string) as a date; None if it is not one."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def main_title_of(title_parts: list[str]) -> str:
    """The main title among the kicker / main / subtitle pieces of a headline line.

    A piece starting with a dash is a subtitle. Of two others the last is the main title (a
    one-line headline prints the kicker first, then the main title); of three or more, the
    longest, the last of equals (kicker, main title, then a short subtitle such as `X讲话`)."""
    candidates = [part for part in title_parts if not part.startswith(_DASHES)]
    if len(candidates) > 2:
        return max(reversed(candidates), key=len)
    if candidates:
        return candidates[-1]
    return title_parts[0].lstrip("—－-") if title_parts else ""


@dataclass
class PlacedArticle:
    """An article with everything it needs to be published: its page, URL and identity."""

    article: Article
    source: SourcePage
    ordinal: int  # 1-based position on its page
    slug: str = ""
    tags: list[str] = field(default_factory=list)

    @property
    def date(self) -> dt.date:
        return self.source.meta.date

    @property
    def main_title(self) -> str:
        return main_title_of(self.article.title_parts)

    @property
    def url(self) -> str:
        d = self.date
        return f"{d:%Y/%m/%d}/{self.slug}/"

    @property
    def id(self) -> str:
        return f"{self.date.isoformat()}-{self.slug}"

    @property
    def docs_path(self) -> str:
        return f"{self.date:%Y/%m/%d}/{self.slug}.md"
