"""The `offline-bundle` MkDocs plugin: makes Material's offline build load nothing from elsewhere."""
