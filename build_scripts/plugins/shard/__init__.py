"""The `newspaper-shard` plugin: build one shard (a year) of a sharded build."""
