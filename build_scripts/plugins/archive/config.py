"""Options of the `newspaper-archive` plugin."""

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class ArchivePluginConfig(Config):
    enabled = c.Type(bool, default=True)
    # The folder of the raw issue texts and archive.yml, relative to mkdocs.yml. Every plugin
    # reads archive.yml from here (settings.archive_settings).
    source_dir = c.Type(str, default="source_texts")
