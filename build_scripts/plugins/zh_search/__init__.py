"""The `zh-search` MkDocs plugin: Chinese full-text search for the archive."""
