"""Data exports researchers download: `data/articles.jsonl` (the DESIGN §5 contract)."""

from __future__ import annotations

import json

from .model import PlacedArticle

JSONL_PATH = "data/articles.jsonl"


def article_record(placed: PlacedArticle) -> dict:
    a = placed.article
    meta = placed.source.meta
    return {
        "id": placed.id,
        "url": placed.url,
        "date": meta.date.isoformat(),
        "paper": meta.paper,
        "page": meta.page,
        "page_name": meta.page_name,
        "title": a.title,
        "title_parts": a.title_parts,
        "byline": a.byline,
        "authors": a.authors,
        "correspondents": a.correspondents,
        "dateline": a.dateline,
        "text": a.text,
        "tags": placed.tags,
        "source": {"file": placed.source.path, "first_line": a.first_line, "last_line": a.last_line},
    }


def articles_jsonl(articles: list[PlacedArticle]) -> str:
    return "".join(json.dumps(article_record(p), ensure_ascii=False, sort_keys=False) + "\n" for p in articles)


def exports(articles: list[PlacedArticle]) -> dict[str, str]:
    return {JSONL_PATH: articles_jsonl(articles)}
