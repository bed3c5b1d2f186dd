"""The `newspaper-archive` MkDocs plugin: makes article metadata safe for the theme.

Material prints `page.meta.title` into `<title>` and `<h1>` without escaping it (seen on
mkdocs 1.6.1 / material 9.8.2), and a headline is untrusted source text. The title is
HTML-escaped here, once, before any template sees it; our own templates escape every other
field with `| e`.
"""

from __future__ import annotations

from markupsafe import Markup, escape
from mkdocs.plugins import BasePlugin

from .config import ArchivePluginConfig

# What a reader sees for an article printed without a headline (its data keeps `title: ""`).
UNTITLED = "（无标题）"
# Front-matter values that Material's templates print as they are.
_PRINTED_RAW_BY_THEME = ("title", "description")


class ArchivePlugin(BasePlugin[ArchivePluginConfig]):
    def on_page_markdown(self, markdown, *, page, config, files):
        if page.meta.get("title") == "":  # an article printed without a headline
            page.meta["title"] = UNTITLED
        for key in _PRINTED_RAW_BY_THEME:
            value = page.meta.get(key)
            if isinstance(value, str) and not isinstance(value, Markup):
                page.meta[key] = escape(value)
        return markdown
