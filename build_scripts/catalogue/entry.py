"""One article as the catalogue knows it: what orders, places, tags and lists it — not its text.

A conversion keeps one `ArticleEntry` per article of the whole archive in memory (and in its
cache, so that a file that did not change is not read again). Everything an entry holds is
worked out from its own source file, in the worker process that parsed it; what depends on
the rest of the archive — its address, its tags, its neighbours — is added in the main
process (`place.PlacedArticle`). The article's text is not here: the pages and data records
made from it are prepared in the worker too (`writers/prepared.py`) and read only when they
are written.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from build_scripts.catalogue.contents import ContentsItem, items_of
from build_scripts.catalogue.ledger import Cut, fingerprint
from build_scripts.contract.headline import main_title_of
from build_scripts.contract.labels import NO_TITLE, byline_with_names, first_sentence
from build_scripts.contract.urls import ascii_slug, slug_for_title
from build_scripts.ingest.paper_profile import DEFAULT, PaperProfile
from build_scripts.ingest.source import PageMeta
from build_scripts.parse.model import Article, Kind


class ArticleEntry(NamedTuple):
    """Pickled as the tuple it is: every run loads the entries of the whole archive from the
    conversion cache, and a tuple is rebuilt in one call where a frozen dataclass sets its
    fields one by one (six times slower to load: 0.05–0.09 s of each run at 11,300 articles)."""

    source: str  # its source file, relative to the source folder
    date: dt.date
    page: int | None  # the 版 number
    page_name: str
    ordinal: int  # 1-based position on its page
    first_line: int  # source lines it was cut from
    last_line: int
    title: str  # the headline line as printed ("" when untitled)
    byline: str
    authors: tuple[str, ...]
    correspondents: tuple[str, ...]
    opening: str  # its first sentence: the page's description, the issue page's summary line
    fingerprint: str  # every non-space character it was cut from, hashed (the URL ledger's match)
    text_print: str  # the same but its byline's: two printings of one article (`duplicates.py`)
    characters: int  # how many of those (a short item is never taken for a repeat)
    wanted_slug: str  # the slug its title asks for (pinyin)
    contents: tuple[ContentsItem, ...] = ()  # a contents box's items (`contents.py`)
    sections: tuple[tuple[int, str], ...] = ()  # its sub-heads, each with its first line (an address may lead there)
    main_title: str = ""  # the piece of its headline that names it (`main_title_of`, its pieces line by line)

    @property
    def shown_title(self) -> str:
        return self.title or NO_TITLE

    @property
    def shown_byline(self) -> str:
        return byline_with_names(self.byline, self.names, whole_names=True)

    @property
    def names(self) -> tuple[str, ...]:
        """Everyone in its byline, reporters first."""
        return (*self.authors, *self.correspondents)

    def cut(self) -> Cut:
        return Cut(self.date, self.page, self.first_line, self.last_line, self.fingerprint, self.wanted_slug)


def wanted_slug(article: Article, text: str) -> str:
    """The slug an article asks for: the pinyin of its main title, or — untitled, or a title of
    punctuation alone — of its first words, so that its address says what it is and does not
    depend on its position (`article-12`)."""
    return slug_for_title(article.title_parts) or ascii_slug(first_sentence(text, limit=30))


def entry_of(
    path: str, meta: PageMeta, article: Article, ordinal: int, profile: PaperProfile = DEFAULT
) -> ArticleEntry:
    texts = [s.text for s in article.segments]
    printed = [s.text for s in article.segments if s.kind is not Kind.BYLINE]
    text = article.text
    return ArticleEntry(
        source=path,
        date=meta.date,
        page=meta.page,
        page_name=meta.page_name,
        ordinal=ordinal,
        first_line=article.first_line,
        last_line=article.last_line,
        title=article.title,
        byline=article.byline,
        authors=tuple(article.authors),
        correspondents=tuple(article.correspondents),
        opening=first_sentence(article.opening, quoted=True),
        fingerprint=fingerprint(texts),
        # a later printing may move its byline below the text, or leave it out
        text_print=fingerprint(printed),
        characters=sum(len("".join(t.split())) for t in printed),
        wanted_slug=wanted_slug(article, text),
        contents=items_of(article) if profile.is_box_title(article.title) else (),
        sections=tuple(article.sections),
        main_title=main_title_of(article.title_parts),
    )
