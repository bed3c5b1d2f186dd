"""Options of the `newspaper-publish` plugin."""

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from build_scripts.plugins.publish.feeds import FEED_SIZE
from build_scripts.plugins.publish.sitemap import MAX_URLS_PER_SITEMAP


class PublishPluginConfig(Config):
    # Entries per feed (the newest articles).
    feed_size = c.Type(int, default=FEED_SIZE)
    # An article's date is published as midnight at this offset from UTC (the paper's own time zone).
    utc_offset = c.Type(str, default="+08:00")
    # At most this many addresses per sitemap file (the sitemaps.org limit); more → a sitemap index.
    sitemap_limit = c.Type(int, default=MAX_URLS_PER_SITEMAP)
    # Under `mkdocs serve`: convert the source texts (`source_dir` of newspaper-archive) into
    # docs/ again whenever one changes.
    convert_on_serve = c.Type(bool, default=True)
