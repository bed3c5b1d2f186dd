"""Tags: an index of every keyword with its count, and one page per tag listing its articles
by date (split by year once there are many).

These pages are generated here rather than by Material's `tags` plugin: its index lists every
tagged page under every tag on one page, which grows without bound with the archive, and it
matches every listing against every page (quadratic build time). The tags on an article page
are still drawn by Material's own `partials/tags.html`, linking to these pages.
"""

from __future__ import annotations

from collections.abc import Collection
from urllib.parse import quote

from build_scripts.catalogue.archive import Catalogue
from build_scripts.catalogue.place import PlacedArticle
from build_scripts.contract.urls import SEARCH_PAGE, TAGS_INDEX
from build_scripts.writers import mdtext
from build_scripts.writers.listing import link
from build_scripts.writers.moved_pages import OUT_OF_SEARCH
from build_scripts.writers.name_pages import Listed, entry_pages, name_index_pages, year_page, year_spans

# Tag pages list articles the search finds by themselves: in the index they would only crowd
# the results (and the index every reader's browser loads) with lists of headlines (OUT_OF_SEARCH).


KIND = "标签"


def one_tag_pages(
    catalogue: Catalogue, tag: str, published: frozenset[int] = frozenset(), with_years: bool = True
) -> dict[str, str]:
    """The page (and year pages) of one tag; `published`: the years of its year pages the URL
    ledger lists (`name_pages.year_pages`); without `with_years`, the pages of the years it has
    articles in are left out (`tag_year_page`)."""
    articles = catalogue.tagged[tag]
    return entry_pages(
        catalogue.tags[tag],
        [Listed(p) for p in articles],
        kind=KIND,
        summary=f"共 {len(articles)} 篇",
        index_path=TAGS_INDEX,
        meta=OUT_OF_SEARCH,
        made=catalogue.items,
        note=lambda here: search_note(here, tag),
        published=published,
        told_apart=catalogue.told_apart,
        with_years=with_years,
    )


def tag_year_page(catalogue: Catalogue, tag: str, year: int) -> dict[str, str]:
    """The page of one year of a tag's articles, as `one_tag_pages` makes it with the others."""
    articles = catalogue.tagged[tag]
    start, end = year_spans(articles, year_of_article)[year]
    entry = catalogue.tags[tag]
    newest_first = [Listed(p) for p in reversed(articles[start:end])]
    return {
        entry.year_path(year): year_page(
            entry, year, newest_first, KIND, OUT_OF_SEARCH, catalogue.items, catalogue.told_apart
        )
    }


def year_of_article(placed: PlacedArticle) -> int:
    return placed.date.year


def search_note(here: str, tag: str) -> str:
    """A tag lists the articles it sums up, not every one that prints the word (an article
    takes its few most telling words): the page says so, and links to the search for it."""
    shown = mdtext.escape(tag)
    search = f"{link(here, SEARCH_PAGE)}?q={quote(tag, safe='')}"
    return f"列出以“{shown}”为关键词的文章；正文中提到它的全部文章，见[检索“{shown}”]({search})。"


def tags_index(catalogue: Catalogue, gone: Collection[str] = ()) -> dict[str, str]:
    """The index of every tag (split by initial letter when long; `gone`: the tags the URL
    ledger lists that the archive no longer has, `name_index_pages`)."""
    counts = {tag: len(articles) for tag, articles in catalogue.tagged.items()}
    intro = (
        f"从每篇文章的标题和正文中自动提取的关键词，共 {len(counts)} 个，按拼音排列；数字是文章篇数。"
        if counts
        else "档案中还没有标签。"
    )
    return name_index_pages(
        catalogue.tags,
        counts,
        title="标签",
        intro=intro,
        index_path=TAGS_INDEX,
        meta=OUT_OF_SEARCH,
        names_are="词语",
        people=False,
        gone=gone,
    )
