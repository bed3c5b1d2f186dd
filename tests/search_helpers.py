"""Searching a built site the way a reader does: Material's search box in a real browser."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import expect

PLACEHOLDER = "键入以开始搜索"  # Material (zh): search is ready, nothing typed yet
NO_RESULTS = "没有找到符合条件的结果"


@dataclass
class Result:
    title: str
    details: str  # date and 版, drawn by zh-search's stylesheet
    text: str
    href: str


def clean(text: str) -> str:
    return text.replace("\u200b", "").strip()


def search(page, query: str) -> tuple[str, list[Result]]:
    """Type `query` into the search box of the open page; return the result count line and
    the results (parent entries: one per page)."""
    meta = page.locator(".md-search-result__meta")
    if not page.locator(".md-search__input").evaluate("el => el === document.activeElement"):
        page.keyboard.press("/")  # Material's shortcut to the search box
    page.fill(".md-search__input", "")
    page.keyboard.press("End")  # Material searches on keyup; an empty query shows the placeholder
    expect(meta).to_have_text(PLACEHOLDER, timeout=30_000)  # index loaded, no earlier results
    page.fill(".md-search__input", query)
    page.keyboard.press("End")  # Material searches on keyup
    expect(meta).not_to_have_text(PLACEHOLDER, timeout=10_000)
    results = []
    for item in page.locator(".md-search-result__item").all():
        link = item.locator("a.md-search-result__link").first
        results.append(
            Result(
                title=clean(link.locator("h1").inner_text()),
                details=clean(
                    link.locator("h1").evaluate(
                        "h => { const d = h.querySelector('.zh-search-details');"
                        " return d ? getComputedStyle(d, '::after').content.replace(/^\"|\"$/g, '') : '' }"
                    )
                ),
                text=clean(link.inner_text()),
                href=link.get_attribute("href"),
            )
        )
    return clean(meta.inner_text()), results


def titles(results: list[Result]) -> list[str]:
    return [r.title for r in results]


def articles(project: Path) -> list[dict]:
    """The archive's articles as exported (docs/data/articles.jsonl)."""
    lines = (project / "docs/data/articles.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]
