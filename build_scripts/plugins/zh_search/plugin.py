"""The `zh-search` MkDocs plugin: Chinese full-text search that cannot silently break.

Material's search plugin segments Chinese with jieba only if jieba can be imported, and
otherwise builds an unsegmented index without a word of warning (then 新闻 finds nothing).
This plugin makes that a build error, checks that the search separator splits on the
zero-width spaces the segmentation inserts, teaches jieba the archive's own words (the
hand-kept list and every name printed in a byline), and swaps Material's search index for
`ArchiveSearchIndex` (search-mode sub-words; date, 版 and byline in results).

It works alongside Material's `search` plugin, which must be listed too; `on_config` runs
after Material's so that the index it replaces already exists. With `engine: pagefind`
(large archives, hosted only) Material's search is replaced instead: see pagefind.py.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, InclusionLevel

from build_scripts.contract.record import is_article
from build_scripts.contract.urls import SEARCH_PAGE

from . import pagefind
from .config import ZhSearchConfig
from .index import ArchiveSearchIndex
from .words import Word, WordListError, add_words, byline_names, read_word_list

log = logging.getLogger("mkdocs.plugins.zh_search")

STYLESHEET = Path(__file__).with_name("search.css")
STYLESHEET_URI = "assets/stylesheets/zh-search.css"

JIEBA_MISSING = (
    "zh-search: jieba cannot be imported, so Chinese text would not be segmented and Chinese "
    "search would find nothing. Install it: `.venv/bin/pip install jieba` "
    "(it is a dependency of this project: `./scripts/build` installs it)."
)


def require_jieba():
    try:
        import jieba
    except ImportError as exc:
        raise PluginError(f"{JIEBA_MISSING} ({exc})") from None
    # Material decided whether to segment when its module was imported; check that too.
    from material.plugins.search import plugin as material_search

    if material_search.jieba is None:
        raise PluginError(JIEBA_MISSING)
    jieba.setLogLevel(logging.WARNING)  # not "Building prefix dict…" on every build
    return jieba


def material_search_plugin(config):
    from material.plugins.search.plugin import SearchPlugin

    for plugin in config.plugins.values():
        if isinstance(plugin, SearchPlugin) and plugin.config.enabled:
            return plugin
    raise PluginError(
        "zh-search: Material's search plugin is not enabled — list `- search` before `- zh-search` under `plugins:` in mkdocs.yml"
    )


def check_separator(separator: str) -> None:
    try:
        splits = re.search(separator, "词\u200b词") is not None
    except re.error as exc:
        raise PluginError(
            f"zh-search: the search separator {separator!r} is not a valid regular expression ({exc})"
        ) from None
    if not splits:
        raise PluginError(
            f"zh-search: the search separator {separator!r} does not split on \\u200b, the zero-width space "
            r"between segmented Chinese words — add \u200b to it, e.g. `separator: '[\s\u200b\-]+'`"
        )


class ZhSearchPlugin(BasePlugin[ZhSearchConfig]):
    def __init__(self):
        self.jieba = None
        self.names: set[str] = set()
        self.articles = 0
        self.records: list[dict] = []

    @property
    def pagefind(self) -> bool:
        return self.config.engine == "pagefind"

    @event_priority(-50)
    def on_config(self, config):
        if not self.config.enabled:
            return config
        self.names, self.articles, self.records = set(), 0, []
        if self.pagefind:
            self._set_up_pagefind(config)
        else:
            self._set_up_material_search(config)
        return config

    def _set_up_material_search(self, config) -> None:
        self.jieba = require_jieba()
        search = material_search_plugin(config)
        check_separator(search.config.separator)
        if self.config.user_dict:
            # Relative to mkdocs.yml, like docs_dir; Material's own `jieba_dict_user` is
            # relative to whatever folder the build happens to be started from.
            base = Path(config.config_file_path or ".").parent
            path = (base / self.config.user_dict).resolve()
            if not path.exists():
                # An archive need not have a word list (the texts of another paper were put in
                # place of the old ones, the list with them): jieba's own dictionary remains.
                log.info(
                    "zh-search: no word list at %s — searching with jieba's dictionary alone", self.config.user_dict
                )
                self._use_index(config, search)
                return
            try:
                words = read_word_list(path, self.config.user_dict)
            except WordListError as exc:
                raise PluginError(f"zh-search: {exc}") from None
            add_words(self.jieba, words)
        self._use_index(config, search)

    def _use_index(self, config, search) -> None:
        search.search_index = ArchiveSearchIndex(self.jieba, float(self.config.subword_boost), **search.config)
        if STYLESHEET_URI not in config.extra_css:
            config.extra_css.append(STYLESHEET_URI)

    def _set_up_pagefind(self, config) -> None:
        from material.plugins.offline.plugin import OfflinePlugin
        from material.plugins.search.plugin import SearchPlugin

        pagefind.require_pagefind()
        for plugin in config.plugins.values():
            if isinstance(plugin, SearchPlugin) and plugin.config.enabled:
                raise PluginError(
                    "zh-search: `engine: pagefind` replaces Material's search — remove `- search` from `plugins:` in mkdocs.yml"
                )
            if isinstance(plugin, OfflinePlugin) and plugin.config.enabled:
                raise PluginError(
                    "zh-search: Pagefind search does not work from file:// (browsers block the requests it makes "
                    "while searching), so an offline bundle cannot have it — build the bundle with `engine: material`"
                )
        config.theme.dirs.append(str(pagefind.TEMPLATES))

    def on_files(self, files, *, config):
        if not self.config.enabled:
            return files
        if self.pagefind:
            if files.get_file_from_path(SEARCH_PAGE):
                raise PluginError(
                    f"zh-search: docs/{SEARCH_PAGE} exists, but `engine: pagefind` makes the search page there — rename it"
                )
            source = pagefind.search_page_source(self.config.search_page_title)
            files.append(File.generated(config, SEARCH_PAGE, content=source, inclusion=InclusionLevel.NOT_IN_NAV))
        else:
            files.append(File.generated(config, STYLESHEET_URI, abs_src_path=str(STYLESHEET)))
        return files

    def on_nav(self, nav, *, config, files):
        if self.config.enabled and self.pagefind:
            page = files.get_file_from_path(SEARCH_PAGE).page
            nav.items.append(page)  # a tab of its own: there is no search box in the header
            nav.pages.append(page)
        return nav

    def on_page_markdown(self, markdown, *, page, config, files):
        if self.config.enabled and is_article(page.meta):
            self.articles += 1
            if self.config.names_from_bylines and not self.pagefind:
                self.names |= byline_names(page.meta)
        return markdown

    def on_env(self, env, *, config, files):
        # Every page's front matter has been read by now, and no page has been indexed yet.
        if not self.config.enabled or self.pagefind:
            return env
        added = add_words(self.jieba, [Word(name) for name in self.names])
        log.debug("zh-search: %d byline names, %d new to the dictionary", len(self.names), added)
        threshold = self.config.large_archive_threshold
        if self.articles > threshold:
            log.warning(
                "zh-search: %d articles, more than large_archive_threshold (%d): the built-in search index "
                "is loaded whole by every reader's browser and gets slow (about 37 MB at 10,000 articles). "
                "Switch to Pagefind for a large archive: `engine: pagefind` under zh-search in mkdocs.yml, "
                "without Material's `search` plugin (maintainers/search.md) — or raise large_archive_threshold.",
                self.articles,
                threshold,
            )
        return env

    def on_page_context(self, context, *, page, config, nav):
        if self.config.enabled and self.pagefind and is_article(page.meta):
            self.records.append(pagefind.article_record(page))
        return context

    def on_post_build(self, *, config):
        if self.config.enabled and self.pagefind:
            pagefind.write_index(self.records, Path(config.site_dir))
            log.info("zh-search: Pagefind indexed %d articles", len(self.records))
