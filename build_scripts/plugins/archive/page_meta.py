"""A page's front matter as the theme reads it — also for a page this build does not make.

An article's page shows what other pages' front matter says: its neighbours' titles, the 版
of its other printings (article_view.py). A build that does not make those pages (another
year's shard, or pages kept from the last build: ship/page_reuse.py) has no page for them,
so their front matter is read from their files, as MkDocs reads it and as this plugin leaves
it for the theme: the page is then the same whichever pages the build makes."""

from __future__ import annotations

from collections.abc import MutableMapping
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape
from mkdocs.structure.files import File
from mkdocs.utils.meta import get_data

from build_scripts.contract.labels import NO_TITLE

# Front-matter texts Material prints without escaping them: escaped here
PRINTED_RAW_BY_THEME = ("title", "description")


def as_the_theme_reads(meta: MutableMapping[str, Any]) -> None:
    """What the plugin makes of a page's front matter before the theme reads it."""
    if meta.get("title") == "":  # an article printed without a headline
        meta["title"] = NO_TITLE
    for key in PRINTED_RAW_BY_THEME:
        value = meta.get(key)
        if isinstance(value, str) and not isinstance(value, Markup):
            meta[key] = escape(value)


def meta_of(file: File) -> MutableMapping[str, Any]:
    """The front matter of a docs file's page as the theme reads it ({} for a file that is no
    page or cannot be read)."""
    if file.page is not None:
        return file.page.meta
    if not file.is_documentation_page() or not file.abs_src_path:
        return {}
    try:  # (as MkDocs reads a page's source)
        source = Path(file.abs_src_path).read_text(encoding="utf-8-sig", errors="strict")
    except (OSError, ValueError):
        return {}
    _, meta = get_data(source)
    as_the_theme_reads(meta)
    return meta
