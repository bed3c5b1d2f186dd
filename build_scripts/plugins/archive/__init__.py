"""The `newspaper-archive` MkDocs plugin."""
