"""The `newspaper-publish` MkDocs plugin: everything the archive needs to be published.

- **One public address.** `site_url` is decided once (`build_scripts.contract.site_url`: the
  `ARCHIVE_SITE_URL` environment variable, else `source_texts/archive.yml`, else
  `mkdocs.yml`) and set on MkDocs' config, so canonical links, the 404 page, the sitemap and
  the feeds all follow it — at a domain root or under a project subpath.
- **Sitemap and robots.txt.** MkDocs' own `sitemap.xml` template is switched off (it knows
  no article dates and cannot split); `sitemap.py` writes it instead.
- **Feeds.** `feeds.py` writes the Atom feeds; the home page and each person's
  page (`reporters/<slug>/`) get `<link rel="alternate">` tags for them (template variable
  `archive_feeds`, printed by `overrides/partials/feed-links.html`).
- **Preview.** Under `mkdocs serve`, `source_texts/` is watched too, and a change there
  converts the texts into `docs/` again before the rebuild (preview.py).

Sitemap and feeds need absolute addresses: without a `site_url` they are not written.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
from pathlib import Path, PurePosixPath

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from build_scripts.contract.labels import NO_TITLE
from build_scripts.contract.record import ArticleRecord, is_article
from build_scripts.contract.site_url import public_site_url
from build_scripts.contract.urls import (
    DATA_DIR,
    DATA_PAGE,
    REPORTERS,
    ROBOTS,
    SITEMAP,
    entry_path,
    issue_date_of_url,
    reporter_feed_path,
)
from build_scripts.ingest.archive_config import ARCHIVE_FILE, ArchiveConfig
from build_scripts.plugins.archive.settings import archive_settings
from build_scripts.plugins.publish.data_urls import locate_data_urls, published_sizes, rewrites_data
from build_scripts.plugins.publish.feeds import Feed, FeedArticle, atom_feed, plan_feeds, summary_of, text_of_html
from build_scripts.plugins.publish.preview import Reconverter
from build_scripts.plugins.publish.shards import SHARD_DATA_ENV, shard_record
from build_scripts.plugins.publish.sitemap import SitemapEntry, robots_txt, sitemap_files
from build_scripts.problems import InputError
from build_scripts.writers.moved_pages import is_moved_page

from .config import PublishPluginConfig

# Said by a build without a public address (the sharded build's assembly says it too)
NO_SITE_URL = "No site_url (set it in source_texts/archive.yml or ARCHIVE_SITE_URL): sitemap and feeds are not written."

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

_UTC_OFFSET = re.compile(r"^([+-])(\d{2}):(\d{2})$")


def _parse_utc_offset(value: str) -> dt.timezone:
    match = _UTC_OFFSET.match(value)
    if not match:
        raise PluginError(f"newspaper-publish: utc_offset {value!r} is not like +08:00 — write it as ±HH:MM")
    sign, hours, minutes = match.groups()
    delta = dt.timedelta(hours=int(hours), minutes=int(minutes))
    return dt.timezone(-delta if sign == "-" else delta)


def _page_date(page: Page) -> dt.date | None:
    """A page's own date: an article's date, or an issue page's date from its address."""
    if is_article(page.meta):
        return ArticleRecord.from_meta(page.meta).date
    return issue_date_of_url(page.url)


def _printed_before(page: Page) -> bool:
    """An article the issue printed on an earlier 版 too (catalogue/duplicates.py): that
    printing is the one fed, listed in the sitemap and canonical."""
    links = page.meta.get("links")
    return isinstance(links, dict) and bool(links.get("first_printing")) and is_article(page.meta)


def _feed_article(page: Page) -> FeedArticle:
    record = ArticleRecord.from_meta(page.meta)
    return FeedArticle(
        id=record.id,
        title=" ".join(record.title_parts) or NO_TITLE,  # Atom requires a title
        url=page.canonical_url or "",
        date=record.date,
        authors=record.authors,
        correspondents=record.correspondents,
        summary=summary_of(text_of_html(page.content or "")),
        order=(record.page or 0, record.source.file, record.ordinal),
    )


class PublishPlugin(BasePlugin[PublishPluginConfig]):
    def __init__(self) -> None:
        # Defining on_startup keeps one instance across `mkdocs serve` rebuilds, so what
        # was converted last (and the server) is remembered between them.
        self.serving = False
        self.preview = Reconverter()
        self._pages_of: Files | None = None  # the build's files whose pages `_page_list` holds
        self._page_list: list[Page] = []
        # a shard's articles by page, each with its people's slugs (what it records: shards.py)
        self.shard_articles: dict[str, tuple[FeedArticle, dict[str, str]]] = {}

    # -- set-up -------------------------------------------------------------------------

    def on_startup(self, *, command, dirty):
        self.serving = command == "serve"

    def on_config(self, config):
        settings = archive_settings(config)
        self.source_dir = settings.source_dir
        self.archive: ArchiveConfig = settings.archive
        if not self.serving:  # `mkdocs serve` has set site_url to its own address
            try:
                where = str(self.source_dir / ARCHIVE_FILE)
                config.site_url = public_site_url(os.environ, self.archive.site_url, where, config.site_url) or None
            except InputError as exc:
                raise PluginError(str(exc)) from None
        self.utc_offset = _parse_utc_offset(self.config.utc_offset)
        # This plugin writes the sitemap (with article dates, split when large) instead.
        config.theme.static_templates.discard(SITEMAP)
        self.feeds: list[Feed] = []
        self._feeds_of_page: dict[str, list[Feed]] = {}
        return config

    def on_files(self, files: Files, *, config):
        # No longer a template, the theme's sitemap.xml would be copied as a plain file
        # (its Jinja source); the one this plugin writes replaces it.
        theme_sitemap = files.get_file_from_path(SITEMAP)
        if theme_sitemap is not None and theme_sitemap.src_dir and Path(theme_sitemap.src_dir) != Path(config.docs_dir):
            files.remove(theme_sitemap)
        return files

    # -- preview: convert again when a source text changes ------------------------------

    def on_serve(self, server, *, config, builder):
        self.serving = True
        if self.config.convert_on_serve:
            self.preview.watch(server, self.source_dir)
        return server

    def on_pre_build(self, *, config):
        if self.serving and self.config.convert_on_serve:
            self.preview.convert_if_changed(self.source_dir, Path(config.docs_dir))

    # -- feeds: planned once every page is read, linked from the pages they follow -------

    def on_env(self, env, *, config, files: Files):
        self.files = files
        if not config.site_url:
            log.info(NO_SITE_URL)
            return env
        articles = []
        person_slugs: dict[str, str] = {}  # from the links to reporters' pages, so feed and page agree
        self.shard_articles = {}
        for page in self._pages(files):
            if is_article(page.meta) and not _printed_before(page):
                article = _feed_article(page)
                people = ArticleRecord.from_meta(page.meta).links.get("people") or {}
                slugs = {str(name): PurePosixPath(str(path)).parent.name for name, path in people.items()}
                person_slugs.update(slugs)
                articles.append(article)
                self.shard_articles[page.file.src_uri] = (article, slugs)
        if os.environ.get(SHARD_DATA_ENV):  # a shard: the assembly plans the feeds over all shards
            articles = []
            person_slugs = self._people_with_pages(files)
        self.feeds = plan_feeds(
            articles,
            self.archive.paper.title,
            config.site_url,
            person_slugs=person_slugs,
            person_page_url=lambda slug: self._person_page_url(files, slug),
            size=self.config.feed_size,
        )
        if not os.environ.get(SHARD_DATA_ENV):
            self.feeds += self._feeds_of_the_gone(files)
        # Feed readers look for feeds on the page a reader gives them: the home page names
        # the latest articles' feed, a person's page (when the site has one) their own
        # first. Other pages name none, because Material probes for a `sitemap.xml` next to
        # every rel="alternate" link (meant for language versions), a wasted request each.
        latest = self.feeds[0]
        for page in self._pages(files):
            if page.is_homepage:
                self._feeds_of_page[page.file.src_uri] = [latest]
        for feed in self.feeds[1:]:
            person_page = self._person_page(files, feed.slug)
            if person_page is not None:
                self._feeds_of_page[person_page.file.src_uri] = [feed, latest]
        return env

    def _feeds_of_the_gone(self, files: Files) -> list[Feed]:
        """An empty feed for each person no longer in the archive whose page stays (see
        writers/moved_pages.py): a reader subscribed to it finds it, without entries."""
        feeds = []
        for page in self._pages(files):
            parts = page.file.src_uri.split("/")
            name = page.meta.get("former_name")
            if (
                len(parts) == 3
                and parts[0] == REPORTERS
                and parts[2] == "index.md"
                and is_moved_page(page.meta)
                and name
            ):
                title = f"{self.archive.paper.title} · {name}"
                feeds.append(
                    Feed(reporter_feed_path(parts[1]), title, [], page.canonical_url or "", str(name), parts[1])
                )
        return feeds

    def _people_with_pages(self, files: Files) -> dict[str, str]:
        """Name → slug of every person whose page this build writes (a shard's feed links)."""
        found = {}
        for page in self._pages(files):
            parts = page.file.src_uri.split("/")
            if len(parts) != 3 or parts[0] != REPORTERS or parts[2] != "index.md" or is_moved_page(page.meta):
                continue  # not a person's page, or the page of one no longer in the archive
            if page.meta.get("title"):
                found[str(page.meta["title"])] = parts[1]
        return found

    def _pages(self, files: Files) -> list[Page]:
        """The build's pages, listed once a build (its files are final from `on_env` on): a
        shard's build lists every file of the archive, the other shards' too."""
        if self._pages_of is not files:
            self._pages_of = files
            self._page_list = [f.page for f in files.documentation_pages() if f.page is not None]
        return self._page_list

    @staticmethod
    def _person_page(files: Files, slug: str) -> Page | None:
        file = files.get_file_from_path(entry_path(REPORTERS, slug))
        return file.page if file is not None else None

    def _person_page_url(self, files: Files, slug: str) -> str | None:
        page = self._person_page(files, slug)
        return page.canonical_url if page is not None else None

    def on_page_markdown(self, markdown, *, page, config, files):
        if page.file.src_uri == DATA_PAGE:  # the sizes of the data files as published (post_build)
            return published_sizes(
                markdown, Path(config.docs_dir) / DATA_DIR, config.site_url, config.use_directory_urls
            )
        return markdown

    def on_page_context(self, context, *, page, config, nav):
        feeds = self._feeds_of_page.get(page.file.src_uri, [])
        context["archive_feeds"] = [{"title": f.title, "url": config.site_url + f.path} for f in feeds]
        return context

    # -- write sitemap, feeds and robots.txt --------------------------------------------

    def on_post_build(self, *, config):
        site = Path(config.site_dir)
        written: dict[str, bytes] = {}
        if not config.site_url and os.environ.get(SHARD_DATA_ENV):
            # a shard that publishes nothing says so: a shard built again keeps its unchanged
            # pages only where the last build recorded what they publish (ship/page_reuse.py)
            Path(os.environ[SHARD_DATA_ENV]).write_text(shard_record([], {}, {}), encoding="utf-8")
        if config.site_url:
            listed = {
                page.file.src_uri: SitemapEntry(page.canonical_url, _page_date(page))
                for page in self._pages(self.files)
                # moved, or an article printed again: the page it points to is listed
                if page.canonical_url and not is_moved_page(page.meta) and not _printed_before(page)
            }
            shard_data = os.environ.get(SHARD_DATA_ENV)
            if shard_data:  # the assembly writes the sitemap and feeds of all shards (shards.py)
                pages = [page.file.src_uri for page in self._pages(self.files)]
                Path(shard_data).write_text(
                    shard_record(pages, listed, self.shard_articles, self._feeds_of_the_gone(self.files)),
                    encoding="utf-8",
                )
                self.feeds = []
            else:
                entries = list(listed.values())
                written.update(sitemap_files(entries, config.site_url, limit=self.config.sitemap_limit))
            paper = self.archive.paper
            for feed in self.feeds:
                written[feed.path] = atom_feed(
                    feed,
                    config.site_url,
                    author=paper.publisher or paper.title,
                    language=paper.language,
                    utc_offset=self.utc_offset,
                )
        if self.files.get_file_from_path(ROBOTS) is None:  # a hand-written docs/robots.txt wins
            sitemap_url = config.site_url + SITEMAP if config.site_url else None
            written[ROBOTS] = robots_txt(sitemap_url).encode("utf-8")
        for rel, data in written.items():
            target = site / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        if rewrites_data(config.site_url, config.use_directory_urls):  # a public address, or pages as files
            locate_data_urls(site / DATA_DIR, config.site_url, config.use_directory_urls)
        if config.site_url:
            log.info(f"Wrote the sitemap and {len(self.feeds)} feeds for {config.site_url}")
