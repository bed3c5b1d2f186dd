"""Place every parsed article in the archive: its order (date, 版, position) and its URL slug.

Slugs are kept by the URL ledger (ledger.py): an article the ledger knows keeps its address
whatever its headline has become; a new one gets the pinyin of its main title — or, with no
title to spell, of its first words — never an address given out before."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from build_scripts.catalogue.ledger import Cut, Entry, assign, fingerprint
from build_scripts.contract.labels import first_sentence, main_title_of
from build_scripts.contract.record import ArticleRecord, SourceSpan
from build_scripts.contract.urls import article_id, article_path, article_url, ascii_slug, slug_for_title
from build_scripts.ingest.source import SourcePage
from build_scripts.parse.model import Article, PageParse


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
        return article_url(self.date, self.slug)

    @property
    def id(self) -> str:
        return article_id(self.date, self.slug)

    @property
    def docs_path(self) -> str:
        return article_path(self.date, self.slug)

    def record(self, links: dict | None = None) -> ArticleRecord:
        """The article as the contract records it; `links`: the pages its page links to."""
        a, meta = self.article, self.source.meta
        text = a.text
        return ArticleRecord(
            id=self.id,
            url=self.url,
            date=meta.date,
            paper=meta.paper,
            page=meta.page,
            page_name=meta.page_name,
            title=a.title,
            title_parts=tuple(a.title_parts),
            main_title=self.main_title,
            byline=a.byline,
            authors=tuple(a.authors),
            correspondents=tuple(a.correspondents),
            dateline=a.dateline,
            tags=tuple(self.tags),
            source=SourceSpan(self.source.path, a.first_line, a.last_line),
            ordinal=self.ordinal,
            text=text,
            description=first_sentence(text),
            links=links or {},
        )


def wanted_slug(article: Article) -> str:
    """The slug an article asks for: the pinyin of its main title, or — untitled, or a title of
    punctuation alone — of its first words, so that its address says what it is and does not
    depend on its position (`article-12`)."""
    return slug_for_title(article.title_parts) or ascii_slug(first_sentence(article.text, limit=30))


def cut_of(placed: PlacedArticle) -> Cut:
    a = placed.article
    return Cut(
        date=placed.date,
        page=placed.source.meta.page,
        first_line=a.first_line,
        last_line=a.last_line,
        fingerprint=fingerprint(s.text for s in a.segments),
        wanted_slug=wanted_slug(a),
    )


def place_articles(
    parsed: list[tuple[SourcePage, PageParse]], ledger: dict[str, Entry] | None = None
) -> tuple[list[PlacedArticle], dict[str, Entry]]:
    """Order articles by date, 版 and position, and give each its URL slug: the one the
    ledger has for it, or a new one. Returns the articles and the ledger after this run."""
    placed = [
        PlacedArticle(article=article, source=page, ordinal=n)
        for page, result in parsed
        for n, article in enumerate(result.articles, start=1)
    ]
    placed.sort(key=lambda p: (p.date, p.source.meta.page or 0, p.source.path, p.ordinal))
    slugs, new_ledger = assign([cut_of(p) for p in placed], ledger or {})
    for p, slug in zip(placed, slugs, strict=True):
        p.slug = slug
    return placed, new_ledger
