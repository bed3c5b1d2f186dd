"""Driving the search in a real browser: the query-quality score, and what a first query costs
(bytes loaded and time to the first result). Used by `bench search` and the browser tests.

The score asks the page's own engine (`ArchiveSearch`, the code behind the search box and the
search page); the cost is measured through the search page as a reader uses it, in a fresh
browser context (nothing cached), counting every file the query made the browser load.
"""

from __future__ import annotations

import gzip
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlencode, urlsplit

from build_scripts.dev.search_queries import Query

# The first three results of each query, as article addresses (site-relative).
_TOP3 = """async (queries) => {
  await ArchiveSearch.ready();
  const out = [];
  for (const query of queries) {
    const found = await ArchiveSearch.search(query);
    const top = await Promise.all(found.results.slice(0, 3).map((r) => ArchiveSearch.article(r)));
    out.push(top.map((a) => a.u));
  }
  return out;
}"""


def top3(page, queries: list[Query]) -> list[list[str]]:
    """The first three results of every query, from the open page's search engine."""
    return page.evaluate(_TOP3, [q.query for q in queries])


def score(queries: list[Query], found: list[list[str]]) -> dict[str, tuple[int, int]]:
    """(found, asked) per kind of query and for "all"."""
    table: dict[str, tuple[int, int]] = {}
    for query, urls in zip(queries, found, strict=True):
        for kind in (query.kind, "all"):
            hits, asked = table.get(kind, (0, 0))
            table[kind] = (hits + (query.url in urls), asked + 1)
    return table


@dataclass(frozen=True)
class FirstQuery:
    files: int
    bytes: int  # as stored (what a file:// page or an uncompressing server reads)
    gzip_bytes: int  # what a compressing server (GitHub Pages) sends
    ms: float  # from submitting the query to its results on the page


FIELDS = ("q", "from", "to", "reporter", "page_name", "sort", "p")


def canonical(params: dict[str, str]) -> str:
    """A search as the search page's address holds it (search-ui.js, `canonical`)."""
    kept = {k: params[k].strip() for k in FIELDS if params.get(k, "").strip()}
    if kept.get("sort") == "relevance":
        del kept["sort"]
    if kept.get("p") == "1":
        del kept["p"]
    return urlencode(kept)


def search_page_url(site_url: str, page: str, params: dict[str, str]) -> str:
    return site_url + page + ("?" + canonical(params) if params else "")


def first_query(
    browser, site_url: str, site: Path, page_path: str, params: dict[str, str], offline: bool
) -> FirstQuery:
    """Open the search page in a fresh context, then search `params`; count what it loaded."""
    context = browser.new_context(offline=offline)
    try:
        page = context.new_page()
        page.goto(search_page_url(site_url, page_path, {}), wait_until="load")
        page.wait_for_function("() => document.getElementById('zh-search-page')?.dataset.shown !== undefined")
        loaded: list[str] = []
        page.on("requestfinished", lambda request: loaded.append(request.url))
        started = time.perf_counter()
        page.evaluate(
            """(params) => { const form = document.querySelector('.zh-search-form');
              for (const [k, v] of Object.entries(params)) form.elements[k].value = v; form.requestSubmit(); }""",
            params,
        )
        expected = canonical(params)
        page.wait_for_function(
            "(expected) => document.getElementById('zh-search-page').dataset.shown === expected", arg=expected
        )
        ms = (time.perf_counter() - started) * 1000
        sizes = [_stored(site, site_url, url) for url in loaded]
        return FirstQuery(len(loaded), sum(len(b) for b in sizes), sum(len(gzip.compress(b, 6)) for b in sizes), ms)
    finally:
        context.close()


def _stored(site: Path, site_url: str, url: str) -> bytes:
    path = unquote(urlsplit(url).path)
    base = unquote(urlsplit(site_url).path)
    return (site / path[len(base) :]).read_bytes() if path.startswith(base) else b""


def summarise(values: Iterable[float]) -> tuple[float, float]:
    """(median, max)."""
    ordered = sorted(values)
    return ordered[len(ordered) // 2], ordered[-1]
