"""Sitemap and feeds of a sharded build: each shard records what it would publish, and the
assembly writes one sitemap and one set of feeds over all shards.

A shard sees only its own pages, so a feed written by one shard would hold only its year's
articles. Instead, with `SHARD_DATA_ENV` set, the plugin writes the shard's sitemap entries
and feed articles to that JSON file, and `publish_shards` plans and writes the sitemap and
the feeds once, from every shard's record, exactly as one unsharded build does (but the
feeds the site replaced holds as they would be written: `kept_feeds.py`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from build_scripts.contract.urls import REPORTERS, entry_path
from build_scripts.plugins.publish.feeds import Feed, FeedArticle, atom_feed, plan_feeds
from build_scripts.plugins.publish.kept_feeds import KeptFeeds, made_with
from build_scripts.plugins.publish.sitemap import SitemapEntry, sitemap_files

SHARD_DATA_ENV = "ARCHIVE_SHARD_DATA"  # set by the sharded build: where a shard records what it publishes


def shard_record(
    pages: list[str],
    listed: dict[str, SitemapEntry],
    articles: dict[str, tuple[FeedArticle, dict[str, str]]],
    gone: Iterable[Feed] = (),
) -> str:
    """What a shard publishes, page by page in the build's order (a shard built in part takes
    the rows of the pages it kept from its last record: `kept_rows`): each page's sitemap entry
    (`listed`) and feed article with its people's slugs (`articles`), where it has them.
    `gone`: the empty feeds of people no longer in the archive whose page this shard keeps
    (their feed stays at its address, as in one build)."""
    rows = []
    for page in pages:
        entry, (article, people) = listed.get(page), articles.get(page, (None, {}))
        if entry is None and article is None:
            continue
        rows.append(
            [
                page,
                [entry.loc, entry.lastmod.isoformat() if entry.lastmod else None] if entry else None,
                [
                    article.id,
                    article.title,
                    article.url,
                    article.date.isoformat(),
                    list(article.authors),
                    list(article.correspondents),
                    article.summary,
                    list(article.order),
                ]
                if article
                else None,
                people,
            ]
        )
    return json.dumps(
        {"pages": rows, "gone": [[f.path, f.title, f.page_url, f.person, f.slug] for f in gone]}, ensure_ascii=False
    )


def kept_rows(previous: str, built: str, kept: set[str], order: dict[str, int]) -> str:
    """The record of a shard built in part: the rows of the pages it built (`built`, the record
    this build wrote) and those of the pages it kept from the last build (`previous`, that
    build's record), in the order one build of the whole shard lists them (`order`: the place
    of each docs file in MkDocs' order; the pages every shard makes come last, as built); and
    so the empty feeds of people gone whose pages it built or kept."""
    new, old = json.loads(built), json.loads(previous)
    rows = {row[0]: row for row in old["pages"] if row[0] in kept}
    rows.update((row[0], row) for row in new["pages"] if row[0] in order)
    made = [row for row in new["pages"] if row[0] not in order]
    listed = sorted(rows.values(), key=lambda row: order[row[0]]) + made
    # the empty feeds of people gone, whose pages (`entry_path`) were built or kept
    gone = {row[4]: row for row in old.get("gone", []) if entry_path(REPORTERS, row[4]) in kept}
    gone.update((row[4], row) for row in new.get("gone", []))
    feeds = sorted(gone.values(), key=lambda row: order.get(entry_path(REPORTERS, row[4]), len(order)))
    return json.dumps({**new, "pages": listed, "gone": feeds}, ensure_ascii=False)


def docs_order(files: list[str]) -> dict[str, int]:
    """The place of each docs file in the order MkDocs lists a build's files (a folder's index
    first, then its other files, then its folders')."""
    from mkdocs.structure.files import File, file_sort_key

    listed = sorted((File(rel, "/", "/", True) for rel in files), key=file_sort_key)
    return {file.src_uri: place for place, file in enumerate(listed)}


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def publish_shards(
    records: list[Path], site: Path, *, site_url: str, paper_title: str, author: str, language: str,
    utc_offset: dt.timezone, feed_size: int, sitemap_limit: int, kept: KeptFeeds | None = None,
) -> list[str]:  # fmt: skip
    """Write the sitemap and every feed into `site` from the shards' records, but those `kept`
    finds unchanged (`KeptFeeds.unchanged`): their paths are returned, for the assembly to take
    them from the site it replaces."""
    entries: list[SitemapEntry] = []
    articles: list[FeedArticle] = []
    people: dict[str, str] = {}
    gone: list[Feed] = []
    for path in records:
        data = json.loads(path.read_text(encoding="utf-8"))
        for _, listed, article, slugs in data["pages"]:
            if listed:
                entries.append(SitemapEntry(listed[0], _day(listed[1])))
            if article:
                i, title, url, day, a, c, summary, order = article
                articles.append(
                    FeedArticle(i, title, url, dt.date.fromisoformat(day), tuple(a), tuple(c), summary, tuple(order))
                )
            people.update(slugs)
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
    unchanged = []
    for feed in feeds + gone:
        if kept is not None and kept.unchanged(feed):
            unchanged.append(feed.path)
        else:
            written[feed.path] = atom_feed(feed, site_url, author=author, language=language, utc_offset=utc_offset)
    for rel, data in written.items():
        target = site / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return unchanged


def publish_assembled(
    records: list[Path], staging: Path, served: Path, folder: Path, site_url: str, publish: Any, reuse: bool
) -> tuple[KeptFeeds, list[str]]:
    """`publish_shards` for an assembly in `staging` of the site `served` now, with the publish
    plugin's settings (`publish`, as the config loaded it): the feeds it wrote (to be recorded
    once the site is in place, `KeptFeeds.keep`), and those to take from the site served, as
    they are (`reuse`: unless every page is built afresh, `--full`)."""
    paper = publish.archive.paper
    author = paper.publisher or paper.title
    feeds = KeptFeeds(folder, served, made_with(site_url, author, paper.language, publish.utc_offset), reuse=reuse)
    unchanged = publish_shards(
        records,
        staging,
        site_url=site_url,
        paper_title=paper.title,
        author=author,
        language=paper.language,
        utc_offset=publish.utc_offset,
        feed_size=publish.config.feed_size,
        sitemap_limit=publish.config.sitemap_limit,
        kept=feeds,
    )
    return feeds, unchanged
