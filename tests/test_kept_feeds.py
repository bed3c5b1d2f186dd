"""Which feeds a sharded build's assembly takes from the site it replaces (`KeptFeeds`): those
made of what they were made of last time, whose file the site holds as that build wrote it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os

from build_scripts.plugins.publish.feeds import Feed, FeedArticle, atom_feed
from build_scripts.plugins.publish.kept_feeds import KeptFeeds, made_with

CST = dt.timezone(dt.timedelta(hours=8))
ARTICLE = FeedArticle("2024-05-01-a", "标题", "https://example.org/2024/05/01/a/", dt.date(2024, 5, 1), ("李杰",))
FEED = Feed(
    "feeds/reporters/li-jie.xml",
    "示例日报 · 李杰",
    [ARTICLE],
    "https://example.org/reporters/li-jie/",
    "李杰",
    "li-jie",
)


def _built(tmp_path, made: str) -> tuple:
    """A site with the feed written by a build that recorded it."""
    folder, site = tmp_path / "site.shards", tmp_path / "site"
    folder.mkdir()
    (site / "feeds/reporters").mkdir(parents=True)
    (site / FEED.path).write_bytes(atom_feed(FEED, "https://example.org/", "示例日报", "zh", CST))
    first = KeptFeeds(folder, site, made, reuse=False)
    assert not first.unchanged(FEED)  # (never kept without reuse: every feed written)
    first.keep(site)
    return folder, site


def test_a_feed_made_of_the_same_articles_is_taken_from_the_site_served(tmp_path):
    made = made_with("https://example.org/", "示例日报", "zh", CST)
    folder, site = _built(tmp_path, made)
    assert KeptFeeds(folder, site, made).unchanged(FEED)


def test_a_feed_whose_articles_changed_is_written_again(tmp_path):
    made = made_with("https://example.org/", "示例日报", "zh", CST)
    folder, site = _built(tmp_path, made)
    retitled = dataclasses.replace(FEED, entries=[dataclasses.replace(ARTICLE, title="新标题")])
    assert not KeptFeeds(folder, site, made).unchanged(retitled)


def test_every_feed_is_written_again_where_the_site_or_the_code_that_renders_it_changed(tmp_path):
    made = made_with("https://example.org/", "示例日报", "zh", CST)
    folder, site = _built(tmp_path, made)
    for other in (
        made_with("https://example.org/archive/", "示例日报", "zh", CST),
        made_with("https://example.org/", "示例日报社", "zh", CST),
        made_with("https://example.org/", "示例日报", "zh-Hant", CST),
        made_with("https://example.org/", "示例日报", "zh", dt.UTC),
    ):
        assert other != made
        assert not KeptFeeds(folder, site, other).unchanged(FEED)


def test_a_feed_written_over_or_removed_in_the_site_served_is_written_again(tmp_path):
    made = made_with("https://example.org/", "示例日报", "zh", CST)
    folder, site = _built(tmp_path, made)
    path = site / FEED.path
    path.write_bytes(path.read_bytes().replace(b"</feed>", b"<!-- another build --></feed>"))
    assert not KeptFeeds(folder, site, made).unchanged(FEED)
    os.unlink(path)
    assert not KeptFeeds(folder, site, made).unchanged(FEED)
