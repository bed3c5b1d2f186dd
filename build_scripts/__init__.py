"""Convert raw newspaper issue texts into an MkDocs archive site."""
