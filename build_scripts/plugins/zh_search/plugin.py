"""The `zh-search` MkDocs plugin: the archive's full-text search, hosted and offline alike.

It replaces Material's built-in search, whose index is one file every reader's browser loads
whole (28 MB at 5,000 articles). Here the index is split into small script files that the
browser loads only as a query needs them (see index_files.py and assets/search.js), which
also works from file:// in the offline bundle. The plugin:

- adds the search box to the header (overrides/partials/header.html and search.html show
  it when this plugin is on) and a search page with filters and sorting (`search/`, a tab);
- starts the indexer (indexer.py) in a process of its own as soon as the files are known,
  so that it cuts the articles' text while MkDocs renders the pages, and moves the index
  into the site when both are done;
- serves the search scripts, the stylesheet and the vendored opencc-js (which the pages load
  only for a query that needs it).
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from build_scripts.contract.urls import JSONL_PATH, SEARCH_INDEX_DIR, SEARCH_PAGE
from build_scripts.ingest.archive_config import WORD_LIST_FILE
from build_scripts.plugins.archive.settings import archive_settings
from build_scripts.plugins.shard.plugin import SITE_SHARD, shard_built

from .config import ZhSearchConfig

log = logging.getLogger("mkdocs.plugins.zh_search")

HERE = Path(__file__).parent
VENDORED_OPENCC = HERE.parents[1] / "vendor" / "opencc-js" / "t2cn.js"
TEMPLATES = HERE / "templates"
PAGE_TEMPLATE = "zh-search-page.html"
SCRIPTS = {  # site path → source file, in the order the pages load them
    "assets/javascripts/zh-search/search-files.js": HERE / "assets" / "search-files.js",
    "assets/javascripts/zh-search/search.js": HERE / "assets" / "search.js",
    "assets/javascripts/zh-search/search-passage.js": HERE / "assets" / "search-passage.js",
    "assets/javascripts/zh-search/search-ui.js": HERE / "assets" / "search-ui.js",
    "assets/javascripts/zh-search/opencc-t2cn.js": VENDORED_OPENCC,
}
STYLESHEET = "assets/stylesheets/zh-search.css"
OPENCC = "assets/javascripts/zh-search/opencc-t2cn.js"


MATERIAL_SEARCH = "material.plugins.search.plugin"


def search_page_source(title: str) -> str:
    return f"---\ntitle: {title}\ntemplate: {PAGE_TEMPLATE}\n---\n"


def refuse_material_search(config) -> None:
    # (Material's plugin class looked up, not imported: its module imports jieba and
    # pkg_resources, a quarter of a second in every build process. Listed, it is imported.)
    material = sys.modules.get(MATERIAL_SEARCH)
    if material is None:
        return
    for plugin in config.plugins.values():
        if isinstance(plugin, material.SearchPlugin) and plugin.config.enabled:
            raise PluginError(
                "zh-search: Material's `search` plugin is listed too, and the header would get two search boxes "
                "— remove `- search` from `plugins:` in mkdocs.yml (zh-search replaces it)"
            )


class ZhSearchPlugin(BasePlugin[ZhSearchConfig]):
    def __init__(self) -> None:
        self.indexer: subprocess.Popen | None = None
        self.scratch: Path | None = None

    def on_config(self, config):
        if not self.config.enabled:
            return config
        refuse_material_search(config)
        config.theme.dirs.append(str(TEMPLATES))
        for uri in SCRIPTS:
            if uri != OPENCC and uri not in config.extra_javascript:
                config.extra_javascript.append(uri)
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        return config

    def on_files(self, files: Files, *, config) -> Files:
        if not self.config.enabled:
            return files
        if files.get_file_from_path(SEARCH_PAGE):
            raise PluginError(f"zh-search: docs/{SEARCH_PAGE} exists, but the search page is made there — rename it")
        page = search_page_source(self.config.search_page_title)
        files.append(File.generated(config, SEARCH_PAGE, content=page, inclusion=InclusionLevel.NOT_IN_NAV))
        for uri, source in SCRIPTS.items():
            files.append(File.generated(config, uri, abs_src_path=str(source)))
        files.append(File.generated(config, STYLESHEET, abs_src_path=str(HERE / "assets" / "search.css")))
        articles = Path(config.docs_dir) / JSONL_PATH
        word_list = self._word_list(config)
        # One index of every year, made from the data file of all years: in a sharded build
        # the `site` shard makes it, and a year's shard, whose copy the assembly would drop,
        # makes none (on real pages, three fifths of a year's shard's CPU time went on it).
        if shard_built(config) in ("", SITE_SHARD):
            self._start_indexer(config, articles, word_list)
        return files

    def _word_list(self, config) -> Path | None:
        """The archive's word list: `userdict.txt` beside archive.yml (`source_dir` of the
        archive plugin), the one the converter cuts tags with — or the file `user_dict` names,
        relative to mkdocs.yml like docs_dir, wherever the build is started from."""
        if self.config.user_dict:
            path = (Path(config.config_file_path or ".").parent / self.config.user_dict).resolve()
        else:
            path = archive_settings(config).source_dir / WORD_LIST_FILE
        if not path.exists():
            # An archive need not have a word list (the texts of another paper were put in
            # place of the old ones, the list with them): jieba's own dictionary remains.
            log.info("zh-search: no word list at %s — searching with jieba's dictionary alone", path)
            return None
        return path

    def _start_indexer(self, config, articles: Path, word_list: Path | None) -> None:
        self._stop_indexer()
        site = Path(config.site_dir)
        site.parent.mkdir(parents=True, exist_ok=True)
        self.scratch = Path(tempfile.mkdtemp(prefix=".zh-search-", dir=site.parent))
        command = [
            sys.executable,
            "-m",
            "build_scripts.plugins.zh_search.indexer",
            str(articles),
            str(self.scratch / "index"),
        ]
        if word_list:
            command += ["--word-list", str(word_list)]
        if not self.config.names_from_bylines:
            command.append("--no-names")
        # each year's part of the index kept for the next build, beside docs/ and its conversion cache
        docs = Path(config.docs_dir).resolve()
        command += ["--cache", str(docs.with_name(f".{docs.name}.search-cache"))]
        self.indexer = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def on_nav(self, nav, *, config, files):
        if self.config.enabled:
            page = files.get_file_from_path(SEARCH_PAGE).page
            nav.items.append(page)  # a tab of its own: the search with filters and sorting
            nav.pages.append(page)
        return nav

    def on_env(self, env, *, config, files):
        if self.config.enabled:
            page = files.get_file_from_path(SEARCH_PAGE)
            env.globals["zh_search"] = {
                "index": SEARCH_INDEX_DIR + "/",
                "page": page.url if page else "",
                "opencc": OPENCC,
                "directoryUrls": bool(config.use_directory_urls),
                # the paper's name, no word of a query that names a day or a 版 (`人民日报头版`)
                "paper": archive_settings(config).archive.paper.title,
                "placeholder": "键入以开始检索",
            }
        return env

    def on_post_build(self, *, config):
        if not self.config.enabled or self.indexer is None or self.scratch is None:
            return
        _out, err = self.indexer.communicate()
        code, self.indexer = self.indexer.returncode, None
        try:
            if code != 0:
                problem = (err.strip().splitlines() or ["the indexer stopped"])[-1].removeprefix("error: ")
                raise PluginError(f"zh-search: the search index could not be built: {problem}")
            target = Path(config.site_dir) / SEARCH_INDEX_DIR
            if target.exists():
                shutil.rmtree(target)
            target.parent.mkdir(parents=True, exist_ok=True)
            (self.scratch / "index").replace(target)
        finally:
            self._remove_scratch()

    def _stop_indexer(self) -> None:
        if self.indexer is not None and self.indexer.poll() is None:
            self.indexer.kill()
            self.indexer.communicate()
        self.indexer = None
        self._remove_scratch()

    def _remove_scratch(self) -> None:
        if self.scratch is not None:
            shutil.rmtree(self.scratch, ignore_errors=True)
            self.scratch = None

    def on_build_error(self, *, error):
        self._stop_indexer()

    def on_shutdown(self):
        self._stop_indexer()
