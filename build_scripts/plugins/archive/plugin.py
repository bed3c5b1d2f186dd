"""The `newspaper-archive` MkDocs plugin: makes article metadata safe for the theme, and gives
article pages what their template shows (links, citations, machine-readable metadata).

Material prints `page.meta.title` into `<title>` and `<h1>` without escaping it (seen on
mkdocs 1.6.1 / material 9.8.2), and a headline is untrusted source text. The title is
HTML-escaped here, once, before any template sees it; our own templates escape every other
field with `| e`.
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup, escape
from mkdocs.plugins import BasePlugin, get_plugin_logger

from build_scripts.contract.labels import NO_TITLE
from build_scripts.contract.record import ARTICLE_TEMPLATE
from build_scripts.ingest.archive_config import (
    ARCHIVE_FILE,
    PaperInfo,
    load_archive_config,
)
from build_scripts.problems import InputError

from .article_view import article_view, csl_path
from .config import ArchivePluginConfig

log = get_plugin_logger(__name__)

# Front-matter values that Material's templates print as they are.
_PRINTED_RAW_BY_THEME = ("title", "description")


def is_article(page) -> bool:
    return page.meta.get("template") == ARTICLE_TEMPLATE


class ArchivePlugin(BasePlugin[ArchivePluginConfig]):
    def __init__(self):
        super().__init__()
        self.files = None
        self.paper: PaperInfo | None = None
        self.csl: dict[str, str] = {}  # CSL-JSON of each article page, written after the page

    def on_config(self, config):
        self.paper = None
        source = Path(config.config_file_path or ".").parent / self.config.source_dir
        if (source / ARCHIVE_FILE).is_file():
            try:
                self.paper = load_archive_config(source).paper
            except InputError as exc:
                log.warning(f"{exc} (the article metadata goes without the paper's details)")
        return config

    def on_files(self, files, *, config):
        self.files = files
        return files

    def on_page_markdown(self, markdown, *, page, config, files):
        if page.meta.get("title") == "":  # an article printed without a headline
            page.meta["title"] = NO_TITLE
        for key in _PRINTED_RAW_BY_THEME:
            value = page.meta.get(key)
            if isinstance(value, str) and not isinstance(value, Markup):
                page.meta[key] = escape(value)
        return markdown

    def on_page_context(self, context, *, page, config, nav):
        if not self.config.enabled or not is_article(page):
            return context
        view = article_view(
            page, self.files, site_name=config.site_name, site_url=config.site_url or "", paper=self.paper
        )
        context["article"] = view
        self.csl[page.file.src_uri] = view.csl_text
        return context

    def on_post_page(self, output, *, page, config):
        text = self.csl.pop(page.file.src_uri, None)
        if text is not None:
            # The CSL-JSON download sits next to the article page: <slug>.csl.json.
            target = Path(config.site_dir) / csl_path(page)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        return output
