"""The `zh-search` MkDocs plugin: Chinese full-text search that cannot silently break.

Material's search plugin segments Chinese with jieba only if jieba can be imported, and
otherwise builds an unsegmented index without a word of warning (then 新闻 finds nothing).
This plugin makes that a build error, checks that the search separator splits on the
zero-width spaces the segmentation inserts, teaches jieba the archive's own words (the
hand-kept list and every name printed in a byline), and swaps Material's search index for
`ArchiveSearchIndex` (search-mode sub-words; date, 版 and byline in results).

It works alongside Material's `search` plugin, which must be listed too; `on_config` runs
after Material's so that the index it replaces already exists.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File

from .config import ZhSearchConfig
from .index import ArchiveSearchIndex, is_article
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
    raise PluginError("zh-search: Material's search plugin is not enabled — list `- search` before `- zh-search` under `plugins:` in mkdocs.yml")


def check_separator(separator: str) -> None:
    try:
        splits = re.search(separator, "词\u200b词") is not None
    except re.error as exc:
        raise PluginError(f"zh-search: the search separator {separator!r} is not a valid regular expression ({exc})") from None
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

    @event_priority(-50)
    def on_config(self, config):
        if not self.config.enabled:
            return config
        self.jieba = require_jieba()
        search = material_search_plugin(config)
        check_separator(search.config.separator)
        if self.config.user_dict:
            # Relative to mkdocs.yml, like docs_dir; Material's own `jieba_dict_user` is
            # relative to whatever folder the build happens to be started from.
            base = Path(config.config_file_path or ".").parent
            path = (base / self.config.user_dict).resolve()
            try:
                words = read_word_list(path, self.config.user_dict)
            except WordListError as exc:
                raise PluginError(f"zh-search: {exc}") from None
            add_words(self.jieba, words)
        self.names, self.articles = set(), 0
        search.search_index = ArchiveSearchIndex(self.jieba, float(self.config.subword_boost), **search.config)
        if STYLESHEET_URI not in config.extra_css:
            config.extra_css.append(STYLESHEET_URI)
        return config

    def on_files(self, files, *, config):
        if self.config.enabled:
            files.append(File.generated(config, STYLESHEET_URI, abs_src_path=str(STYLESHEET)))
        return files

    def on_page_markdown(self, markdown, *, page, config, files):
        if self.config.enabled and is_article(page.meta):
            self.articles += 1
            if self.config.names_from_bylines:
                self.names |= byline_names(page.meta)
        return markdown

    def on_env(self, env, *, config, files):
        # Every page's front matter has been read by now, and no page has been indexed yet.
        if not self.config.enabled:
            return env
        added = add_words(self.jieba, [Word(name) for name in self.names])
        log.debug("zh-search: %d byline names, %d new to the dictionary", len(self.names), added)
        threshold = self.config.large_archive_threshold
        if self.articles > threshold:
            log.warning(
                "zh-search: %d articles, more than large_archive_threshold (%d): the built-in search index "
                "is loaded whole by every reader's browser and gets slow (about 37 MB at 10,000 articles). "
                "Use the large-archive search option instead (README, Search), or raise "
                "large_archive_threshold under zh-search in mkdocs.yml.",
                self.articles, threshold,
            )
        return env
