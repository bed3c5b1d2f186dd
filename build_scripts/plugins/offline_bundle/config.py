"""Options of the `offline-bundle` plugin."""

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class OfflineBundleConfig(Config):
    enabled = c.Type(bool, default=True)
