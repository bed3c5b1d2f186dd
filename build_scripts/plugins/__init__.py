"""MkDocs plugins of the newspaper archive (each a folder with config.py + plugin.py)."""
