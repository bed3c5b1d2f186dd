"""The anchors MkDocs gives an article page's sub-heads (its `toc` extension, with the slugify
that mkdocs.yml sets: pymdownx's, lower case): each heading's slug, the page's first use of it
as is and later ones numbered (`_1`, `_2`). A page's headings are its sub-heads only (the
headline is the template's). Linking to the anchor, not to the heading's text, lands on the
heading itself, never on its entry in the table of contents beside it. Search links a hit in
a section to it; an address whose article became a section of another sends the reader there."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any


@cache
def _tools() -> tuple[Any, Any]:
    # (loaded when first needed: a conversion asks only for the sections moved addresses lead to)
    from markdown.extensions.toc import unique
    from pymdownx.slugs import slugify

    return unique, slugify(case="lower")


def heading_anchors(headings: Sequence[str]) -> list[str]:
    unique, slug = _tools()
    used: set[str] = set()
    counters: dict[str, int] = {}
    # (the heading's text as the toc reads it: its spaces run together, as HTML shows them)
    return [unique(slug(" ".join(heading.split()), "-"), used, counters) for heading in headings]
