"""Atom feeds (RFC 4287) of the newest articles: one for the whole archive, one per reporter.

Feed readers follow an archive as they follow a paper: the newest articles, or the newest
by one reporter or correspondent. Everything in a feed comes from the articles themselves:
an entry's date is the article's date (midnight at the paper's UTC offset), the feed's
`updated` is its newest entry's date, and an entry's id is the article's address (stable
forever, maintainers/output-contract.md) — so the same archive always gives the same bytes.

Feeds live at `feeds/latest.xml` and `feeds/reporters/<person slug>.xml`
(the slug of the person's page, `reporters/<slug>/`, as the article pages link it).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser

from feedgen.feed import FeedGenerator

from build_scripts.contract.labels import NO_TITLE
from build_scripts.contract.urls import LATEST_FEED, person_slug, reporter_feed_path, unique_name_slugs

FEED_SIZE = 50  # entries per feed: the newest articles
SUMMARY_LENGTH = 160  # characters of the article's text shown as its summary
GENERATOR = "newspaper-archive"


@dataclass(frozen=True)
class FeedArticle:
    """What a feed says about one article."""

    id: str  # the article's id (date + slug), for ordering within a day
    title: str
    url: str  # absolute address of the article page
    date: dt.date
    authors: tuple[str, ...] = ()
    correspondents: tuple[str, ...] = ()
    summary: str = ""
    order: tuple = field(default=(), compare=False)  # (page, ordinal): print order within the day


@dataclass(frozen=True)
class Feed:
    path: str  # relative to the site's top folder
    title: str
    entries: list[FeedArticle]
    page_url: str  # the HTML page this feed follows (home page, or a reporter's page)
    person: str = ""  # the reporter or correspondent a person's feed follows
    slug: str = ""  # their URL name


def summary_of(text: str, length: int = SUMMARY_LENGTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"


class _TextOfHTML(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_depth = 0  # inside a heading's permalink (¶)

    def handle_starttag(self, tag, attrs):
        if self._skip_depth or (tag == "a" and "headerlink" in (dict(attrs).get("class") or "").split()):
            self._skip_depth += 1

    def handle_endtag(self, tag):
        if self._skip_depth and tag == "a":
            self._skip_depth -= 1

    def handle_data(self, data):
        if not self._skip_depth:
            self.parts.append(data)


def text_of_html(html: str) -> str:
    """The text a reader sees in an article's rendered body, without permalink marks."""
    parser = _TextOfHTML()
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.parts).split())


def newest_first(articles: list[FeedArticle]) -> list[FeedArticle]:
    """Newest date first; within a day, in print order (版, then position on the page)."""
    in_print_order = sorted(articles, key=lambda a: (a.order, a.id))
    return sorted(in_print_order, key=lambda a: a.date, reverse=True)


def people_in_order(articles: list[FeedArticle]) -> list[str]:
    """Everyone credited in a byline, in order of first appearance in the archive."""
    oldest_first = sorted(articles, key=lambda a: (a.date, a.order, a.id))
    return [name for a in oldest_first for name in (*a.authors, *a.correspondents)]


def plan_feeds(
    articles: list[FeedArticle],
    paper_title: str,
    site_url: str,
    person_slugs: dict[str, str] | None = None,
    person_page_url=None,
    size: int = FEED_SIZE,
) -> list[Feed]:
    """The latest-articles feed and one feed per person named in a byline.

    `person_slugs` maps names to the slugs of their pages (so a feed and its page share a
    name); people missing from it get one by the catalogue's rule. `person_page_url(slug)`
    gives the address of a person's page when the site has one (the feed links to it);
    otherwise the feed links to the home page."""
    feeds = [Feed(LATEST_FEED, f"{paper_title} · 最新文章", newest_first(articles)[:size], site_url)]
    by_person: dict[str, list[FeedArticle]] = defaultdict(list)
    for a in articles:
        for name in dict.fromkeys((*a.authors, *a.correspondents)):
            by_person[name].append(a)
    slugs = person_slugs or {}
    if not by_person.keys() <= slugs.keys():  # someone without a page: name them by the catalogue's rule
        slugs = {**unique_name_slugs(people_in_order(articles), person_slug), **slugs}
    for name, slug in sorted(slugs.items(), key=lambda item: item[1]):
        page = (person_page_url(slug) if person_page_url else None) or site_url
        entries = newest_first(by_person[name])[:size]
        feeds.append(Feed(reporter_feed_path(slug), f"{paper_title} · {name}", entries, page, person=name, slug=slug))
    return feeds


def _at_midnight(day: dt.date, utc_offset: dt.timezone) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=utc_offset)


def atom_feed(feed: Feed, site_url: str, author: str, language: str, utc_offset: dt.timezone) -> bytes:
    """The Atom document of `feed`. `author` is the feed's author (the paper or its
    publisher), which Atom requires wherever an entry names no author of its own."""
    gen = FeedGenerator()
    gen.id(site_url + feed.path)
    gen.title(feed.title)
    gen.link(href=site_url + feed.path, rel="self", type="application/atom+xml")
    gen.link(href=feed.page_url, rel="alternate", type="text/html")
    gen.author(name=author)
    gen.language(language)
    gen.generator(GENERATOR)
    newest = max((a.date for a in feed.entries), default=None)
    # An empty feed still needs `updated`; the epoch keeps the output free of build time.
    gen.updated(_at_midnight(newest or dt.date(1970, 1, 1), utc_offset))
    for a in feed.entries:
        entry = gen.add_entry(order="append")
        entry.id(a.url)
        entry.title(a.title or NO_TITLE)  # Atom requires a title; an article may have none
        entry.link(href=a.url, rel="alternate", type="text/html")
        stamp = _at_midnight(a.date, utc_offset)
        entry.published(stamp)
        entry.updated(stamp)
        for name in a.authors:
            entry.author(name=name)
        for name in a.correspondents:
            entry.contributor(name=name)
        if a.summary:
            entry.summary(a.summary)
    return gen.atom_str(pretty=True)
