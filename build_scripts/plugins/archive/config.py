"""Options of the `newspaper-archive` plugin."""

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class ArchivePluginConfig(Config):
    enabled = c.Type(bool, default=True)
    # The archive's description (paper name in English, publisher, place) for the
    # machine-readable metadata of article pages; relative to mkdocs.yml. Optional.
    archive_config = c.Type(str, default="source_texts/archive.yml")
