"""Options of the `newspaper-archive` plugin."""

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class ArchivePluginConfig(Config):
    enabled = c.Type(bool, default=True)
