"""The parser asks the same questions of the same line many times (is it heading-shaped, a
byline, a dateline? does a word run across this break?) as it looks ahead and back. The
predicates over a block's text are pure, so their answers are remembered: a page's lines,
and the furniture every page repeats, are examined once per process."""

from __future__ import annotations

from functools import lru_cache

# Bounded, so that a long conversion in one process does not grow without end: a day's
# pages hold a few thousand distinct lines.
memo = lru_cache(maxsize=1 << 16)
