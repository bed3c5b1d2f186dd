"""Searching a built site the way a reader does: the header's search box in a real browser."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import expect

PLACEHOLDER = "键入以开始检索"
NO_RESULTS = "没有找到符合条件的文章"


@dataclass
class Result:
    title: str
    details: str  # date · 版 · byline
    text: str  # the snippet
    href: str
    section: str = ""  # the sub-head of the section that matched, shown after the title


# the headline's own text, without the section's sub-head shown after it
_HEADLINE = """el => Array.from(el.childNodes)
    .filter((n) => !(n.classList && n.classList.contains("zh-search-section")))
    .map((n) => n.textContent).join("")"""


def search(page, query: str) -> tuple[str, list[Result]]:
    """Type `query` into the header's search box of the open page; return the result count
    line and the results shown under the box."""
    box = page.locator(".zh-search-box")
    box_input = box.locator(".md-search__input")
    if not box_input.evaluate("el => el === document.activeElement"):
        page.keyboard.press("/")  # the search shortcut
    box_input.fill(query)
    expect(box).to_have_attribute("data-shown", query, timeout=30_000)
    results = []
    for item in box.locator(".md-search-result__item").all():
        link = item.locator("a.md-search-result__link").first
        section = link.locator("h1 .zh-search-section")
        results.append(
            Result(
                title=link.locator("h1").evaluate(_HEADLINE).strip(),
                section=section.inner_text().removeprefix(" ").removeprefix("›").strip() if section.count() else "",
                details=link.locator(".zh-search-details").inner_text().strip(),
                # (a day's issue, listed first where the query names a day, has no snippet)
                text=snippet.inner_text().strip() if (snippet := link.locator(".zh-search-snippet")).count() else "",
                href=link.get_attribute("href") or "",
            )
        )
    return box.locator(".md-search-result__meta").inner_text().strip(), results


def titles(results: list[Result]) -> list[str]:
    return [r.title for r in results]


def indexed_urls(site: Path) -> set[str]:
    """The address of every page the search can return: its article files (`u`)."""
    found = set()
    for path in (site / "assets/search").glob("[0-9]*/d/*.js"):
        if "-" not in path.stem:  # `N-K.js` is a further part of article N's text
            data = path.read_text(encoding="utf-8").split(",", 1)[1].rsplit(");", 1)[0]
            found.add(json.loads(data)["u"])
    return found


def articles(project: Path) -> list[dict]:
    """The archive's articles as exported (docs/data/articles.jsonl)."""
    lines = (project / "docs/data/articles.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]
