"""Text in traditional characters read in simplified ones, where what follows the parser
compares printed text with words it knows in simplified characters (a box's title, a
reporter's role): OpenCC's `t2s`, loaded the first time it is needed."""

from __future__ import annotations

import functools
from collections.abc import Callable


@functools.lru_cache(maxsize=4096)
def simplified(text: str) -> str:
    """`text` in simplified characters (unchanged where it is in them already)."""
    return _to_simplified()(text) if not text.isascii() else text


@functools.cache
def _to_simplified() -> Callable[[str], str]:
    import opencc

    convert: Callable[[str], str] = opencc.OpenCC("t2s").convert
    return convert
