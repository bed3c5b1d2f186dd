"""Place every article in the archive: its order (date, 版, position) and its URL slug.

Slugs are kept by the URL ledger (ledger.py): an article the ledger knows keeps its address
whatever its headline has become; a new one gets the pinyin of its main title — or, with no
title to spell, of its first words — never an address given out before."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from build_scripts.catalogue.entry import ArticleEntry
from build_scripts.catalogue.ledger import PUBLISHED, WITHDRAWN, Entry, assign
from build_scripts.contract.urls import article_id, article_path, article_url
from build_scripts.problems import InputError, Report


@dataclass(slots=True)
class PlacedArticle:
    """An article with everything it needs to be published: its page, URL and tags."""

    entry: ArticleEntry
    slug: str = ""  # given with `give_slug`, which sets its docs path too
    tags: list[str] = field(default_factory=list)
    # Kept at hand, not worked out when asked: a run asks for them a million times at 100,000
    # articles (each name's years, every page listing the article), a property a call each time.
    date: dt.date = field(init=False, repr=False, compare=False)
    docs_path: str = field(init=False, repr=False, compare=False)  # its page (set with the slug)

    def __post_init__(self) -> None:
        self.date = self.entry.date
        self.give_slug(self.slug)

    def give_slug(self, slug: str) -> None:
        self.slug = slug
        self.docs_path = article_path(self.date, slug) if slug else ""  # (none before it is placed)

    @property
    def url(self) -> str:
        return article_url(self.date, self.slug)

    @property
    def id(self) -> str:
        return article_id(self.date, self.slug)


def archive_order(entry: ArticleEntry) -> tuple:
    return (entry.date, entry.page or 0, entry.source, entry.ordinal)


def place_articles(
    entries: Iterable[ArticleEntry], ledger: dict[str, Entry] | None = None, known: dict | None = None
) -> tuple[list[PlacedArticle], dict[str, Entry]]:
    """Order articles by date, 版 and position, and give each its URL slug: the one the
    ledger has for it, or a new one. Returns the articles and the ledger after this run.
    `known`: each day's slugs as the last run matched them (ledger.assign)."""
    placed = [PlacedArticle(entry) for entry in sorted(entries, key=archive_order)]
    slugs, new_ledger = assign([p.entry.cut() for p in placed], ledger or {}, known)
    for p, slug in zip(placed, slugs, strict=True):
        p.give_slug(slug)
    return placed, new_ledger


def warn_withdrawn(before: dict[str, Entry], after: dict[str, Entry], ledger: str, report: Report) -> None:
    """Articles published before that no page holds now are withdrawn: their addresses stay and
    say so. Done on purpose, nothing is lost; done by mistake (a page file removed, renamed, or
    left out because it could not be read), the archivist must hear of it to put the file back."""
    # (articles, not addresses: one that led on to an article withdrawn now is not counted again)
    gone = [
        url for url, entry in after.items() if entry.state == WITHDRAWN and before.get(url, entry).state == PUBLISHED
    ]
    if not gone:
        return
    pages: dict[tuple[str, int | None], int] = {}
    for url in sorted(gone):
        key = (url[:10].replace("/", "-"), after[url].page)
        pages[key] = pages.get(key, 0) + 1
    shown = [f"{day} 第{page}版 ({n})" if page else f"{day} ({n})" for (day, page), n in list(pages.items())[:3]]
    report.warn(
        ledger,
        None,
        f"{'1 published article is' if len(gone) == 1 else f'{len(gone)} published articles are'} no longer on "
        f"any page, and {'its address now says' if len(gone) == 1 else 'their addresses now say'} so (withdrawn): "
        f"{', '.join(shown)}{', …' if len(pages) > 3 else ''}",
        "if a page file was removed or renamed, or could not be read, by mistake, put it back and convert "
        "again: its articles get their addresses back; if they were withdrawn on purpose, nothing to do",
    )


def ledger_locked(path: Path, text: str, before: dict[str, Entry], after: dict[str, Entry]) -> None:
    """A build that publishes from a checkout (GitHub Actions) keeps no file it writes: an
    address it gives out in the ledger is lost with it, and the next build may give another.
    So there (`convert --locked`) the ledger must already be what the conversion makes of it."""
    try:
        same = path.read_text(encoding="utf-8") == text
    except OSError:
        same = False
    if same:
        return
    new = sorted(set(after) - set(before))
    changed = sorted(url for url in set(after) & set(before) if after[url] != before[url])
    shown = ", ".join((new + changed)[:2]) + (", …" if len(new) + len(changed) > 2 else "")
    raise InputError(
        str(path),
        None,
        f"would change in this conversion ({len(new)} new addresses, {len(changed)} changed: {shown or 'name pages'}), "
        "and a build that publishes cannot keep it",
        "convert where you commit (./scripts/build) and commit source_texts/urls.lock with the texts",
    )
