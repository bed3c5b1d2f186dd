"""Options of the `newspaper-shard` plugin (set by the sharded build, not in mkdocs.yml)."""

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class ShardPluginConfig(Config):
    # The name of the shard: a year, or `site` (everything that is not a year's).
    name = c.Type(str, default="")
    # JSON file listing the docs files (relative paths) this shard builds.
    pages = c.Type(str, default="")
