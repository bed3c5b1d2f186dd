"""Large-archive search with Pagefind (`engine: pagefind`).

Material's search ships one index that every reader's browser downloads and builds whole;
past ~10,000 articles that is tens of megabytes and seconds of waiting. Pagefind splits its
index into small chunks fetched per query (~200 KB for a first query at 10k pages) and its
extended build segments Chinese itself (`force_language: zh`).

Articles are given to Pagefind as records built from their front matter and text (title,
byline, body; date, 版 and byline shown with each result; year, 版 and reporter as
filters; date for sorting), so the theme's templates need no Pagefind markup. The search
page (`search/`) shows Pagefind's own UI. Pagefind fetches its chunks at search time,
which browsers refuse from file://: it is for hosted sites (a server, GitHub Pages).
"""

from __future__ import annotations

import asyncio
import html
from pathlib import Path

from mkdocs.exceptions import PluginError

from build_scripts.contract.labels import page_label
from build_scripts.contract.record import ArticleRecord
from build_scripts.plugins.publish.feeds import text_of_html

from .index import print_details

SEARCH_TEMPLATE = "zh-search-pagefind.html"
TEMPLATES = Path(__file__).with_name("templates")
OUTPUT = "pagefind"
MISSING = (
    "zh-search: `engine: pagefind` needs Pagefind with its extended (Chinese) build — "
    "install it: `.venv/bin/pip install 'pagefind[extended]'`"
)


def require_pagefind() -> None:
    try:
        import pagefind_bin_extended  # noqa: F401  (the build that segments Chinese)
        from pagefind.index import PagefindIndex  # noqa: F401
    except ImportError:
        raise PluginError(MISSING) from None


def search_page_source(title: str) -> str:
    return f"---\ntitle: {title}\ntemplate: {SEARCH_TEMPLATE}\nsearch:\n  exclude: true\n---\n"


def article_record(page) -> dict:
    """What Pagefind indexes and shows for one article page."""
    record = ArticleRecord.from_meta(page.meta)
    title = record.title or html.unescape(str(page.title))  # unescaped: Pagefind's UI escapes
    shown = {"title": title, "日期": print_details(page.meta)}  # 2022年1月29日 · 第3版 经济
    if record.byline:
        shown["作者"] = record.byline
    filters = {
        "年份": [str(record.date.year)],
        "版面": [page_label(record.page, record.page_name)],
        "记者": list(record.people),
    }
    return {
        "url": "/" + page.url,
        "content": "\n".join(part for part in (title, record.byline, text_of_html(page.content or "")) if part),
        "language": "zh",
        "meta": shown,
        "filters": {k: v for k, v in filters.items() if v},
        "sort": {"date": record.date.isoformat()},
    }


def write_index(records: list[dict], site_dir: Path) -> None:
    """Index the records and write Pagefind's files (index chunks and UI) to site/pagefind/."""
    from pagefind.index import IndexConfig, PagefindIndex

    async def write():
        config = IndexConfig(force_language="zh", output_path=str(site_dir / OUTPUT))
        async with PagefindIndex(config=config) as index:
            for record in records:
                await index.add_custom_record(**record)

    try:
        asyncio.run(write())
    except Exception as exc:  # the service reports its own errors; say which step failed
        raise PluginError(f"zh-search: Pagefind could not write the search index ({exc})") from None
