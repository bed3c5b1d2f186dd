"""Sitemap and feeds of a sharded build: each shard records what it would publish, and the
assembly writes one sitemap and one set of feeds over all shards.

A shard sees only its own pages, so a feed written by one shard would hold only its year's
articles. Instead, with `SHARD_DATA_ENV` set, the plugin writes the shard's sitemap entries
and feed articles to that JSON file, and `publish_shards` plans and writes the sitemap and
the feeds once, from every shard's record, exactly as one unsharded build does.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path

from build_scripts.contract.urls import REPORTERS, entry_path
from build_scripts.plugins.publish.feeds import Feed, FeedArticle, atom_feed, plan_feeds
from build_scripts.plugins.publish.sitemap import SitemapEntry, sitemap_files

SHARD_DATA_ENV = "ARCHIVE_SHARD_DATA"  # set by the sharded build: where a shard records what it publishes


def shard_record(
    entries: Iterable[SitemapEntry],
    articles: Iterable[FeedArticle],
    person_slugs: dict[str, str],
    gone: Iterable[Feed] = (),
) -> str:
    """`gone`: the empty feeds of people no longer in the archive whose page this shard
    keeps (their feed stays at its address, as in one build)."""
    return json.dumps(
        {
            "sitemap": [[e.loc, e.lastmod.isoformat() if e.lastmod else None] for e in entries],
            "articles": [
                [
                    a.id,
                    a.title,
                    a.url,
                    a.date.isoformat(),
                    list(a.authors),
                    list(a.correspondents),
                    a.summary,
                    list(a.order),
                ]
                for a in articles
            ],
            "people": person_slugs,
            "gone": [[f.path, f.title, f.page_url, f.person, f.slug] for f in gone],
        },
        ensure_ascii=False,
    )


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def publish_shards(
    records: list[Path], site: Path, *, site_url: str, paper_title: str, author: str, language: str,
    utc_offset: dt.timezone, feed_size: int, sitemap_limit: int,
) -> int:  # fmt: skip
    """Write the sitemap and every feed into `site` from the shards' records; returns the number of feeds."""
    entries: list[SitemapEntry] = []
    articles: list[FeedArticle] = []
    people: dict[str, str] = {}
    gone: list[Feed] = []
    for path in records:
        data = json.loads(path.read_text(encoding="utf-8"))
        entries += [SitemapEntry(loc, _day(lastmod)) for loc, lastmod in data["sitemap"]]
        articles += [
            FeedArticle(i, title, url, dt.date.fromisoformat(day), tuple(a), tuple(c), summary, tuple(order))
            for i, title, url, day, a, c, summary, order in data["articles"]
        ]
        people.update(data["people"])
        gone += [Feed(path, title, [], url, name, slug) for path, title, url, name, slug in data.get("gone", [])]
    entries = list({entry.loc: entry for entry in entries}.values())  # pages every shard builds: once
    written = sitemap_files(entries, site_url, limit=sitemap_limit)
    feeds = plan_feeds(
        articles,
        paper_title,
        site_url,
        person_slugs=people,
        person_page_url=lambda slug: site_url + entry_path(REPORTERS, slug).removesuffix("index.md"),
        size=feed_size,
    )
    for feed in feeds + gone:
        written[feed.path] = atom_feed(feed, site_url, author=author, language=language, utc_offset=utc_offset)
    for rel, data in written.items():
        target = site / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return len(feeds) + len(gone)
