"""Options of the `newspaper-publish` plugin."""

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from build_scripts.plugins.publish.feeds import FEED_SIZE
from build_scripts.plugins.publish.sitemap import MAX_URLS_PER_SITEMAP


class PublishPluginConfig(Config):
    # Where the raw issue texts and archive.yml live, relative to mkdocs.yml.
    source_dir = c.Type(str, default="source_texts")
    # Entries per feed (the newest articles).
    feed_size = c.Type(int, default=FEED_SIZE)
    # An article's date is published as midnight at this offset from UTC (the paper's own time zone).
    utc_offset = c.Type(str, default="+08:00")
    # At most this many addresses per sitemap file (the sitemaps.org limit); more → a sitemap index.
    sitemap_limit = c.Type(int, default=MAX_URLS_PER_SITEMAP)
    # Under `mkdocs serve`: convert source_dir into docs/ again whenever a source text changes.
    convert_on_serve = c.Type(bool, default=True)
