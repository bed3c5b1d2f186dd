"""The `newspaper-publish` MkDocs plugin: public address, sitemap, feeds, robots.txt, preview."""
