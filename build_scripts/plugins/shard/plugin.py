"""The `newspaper-shard` plugin: build only one shard's pages, and link to all the others.

A sharded build (`python -m build_scripts build --shard-by year`, ship/sharded_build.py) runs
one MkDocs build per shard with this plugin added. Every file of docs/ stays in the build's
file list, so every link — to another year's issue, to a reporter's page, to the home page in
the navigation — resolves to the address that page has in the assembled site; but the files
of other shards are marked excluded, so MkDocs neither reads nor writes them (a link to an
excluded page is not a warning, only a note).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files, InclusionLevel

from .config import ShardPluginConfig

SITE_SHARD = "site"  # the shard of everything that is not a year's


def shard_built(config) -> str:
    """The shard this build makes: a year, `site`, or "" for a build of the whole site."""
    plugin = config.plugins.get("newspaper-shard")
    return plugin.config.name if isinstance(plugin, ShardPlugin) else ""


class ShardPlugin(BasePlugin[ShardPluginConfig]):
    @event_priority(-100)  # after every plugin that adds files of its own
    def on_files(self, files: Files, *, config) -> Files:
        if not self.config.pages:
            return files
        mine = set(json.loads(Path(self.config.pages).read_text(encoding="utf-8")))
        # (a string's prefix, not a Path's parts: every shard looks at every file of the archive)
        docs = os.path.join(os.path.abspath(config.docs_dir), "")
        for file in files:
            in_docs = file.abs_src_path is not None and file.abs_src_path.startswith(docs)
            # What a plugin generates (the about and search pages, scripts) is built by every
            # shard, the same bytes: the navigation of every shard needs those pages. The
            # assembly keeps one copy and lists each address once in the sitemap.
            if in_docs and file.src_uri not in mine:
                file.inclusion = InclusionLevel.EXCLUDED
        return files
