"""Place every parsed article in the archive: its order (date, 版, position) and its URL slug."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from build_scripts.contract.labels import first_sentence, main_title_of
from build_scripts.contract.record import ArticleRecord, SourceSpan
from build_scripts.contract.urls import article_id, article_path, article_url, slug_for_title, unique_slugs
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


def place_articles(parsed: list[tuple[SourcePage, PageParse]]) -> list[PlacedArticle]:
    """Order articles by date, 版 and position, and give each its URL slug."""
    placed = [
        PlacedArticle(article=article, source=page, ordinal=n)
        for page, result in parsed
        for n, article in enumerate(result.articles, start=1)
    ]
    placed.sort(key=lambda p: (p.date, p.source.meta.page or 0, p.source.path, p.ordinal))
    by_day: dict[dt.date, list[PlacedArticle]] = defaultdict(list)
    for p in placed:
        by_day[p.date].append(p)
    for day_articles in by_day.values():
        slugs = unique_slugs(slug_for_title(p.article.title_parts) for p in day_articles)
        for p, slug in zip(day_articles, slugs, strict=False):
            p.slug = slug
    return placed
