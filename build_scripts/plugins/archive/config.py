"""Options of the `newspaper-archive` plugin."""

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class ArchivePluginConfig(Config):
    enabled = c.Type(bool, default=True)
    # The folder whose archive.yml describes the paper (English name, publisher, place) for
    # the machine-readable metadata of article pages; relative to mkdocs.yml. Optional.
    source_dir = c.Type(str, default="source_texts")
