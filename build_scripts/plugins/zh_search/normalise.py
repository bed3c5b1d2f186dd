"""One form of Chinese text for matching: simplified characters, half-width Latin letters and
digits, lower case. Applied to the archive's text when indexing and to every query in the
browser (search.js does the same with opencc-js), so that 習近平 finds 习近平 and ＡＢＣ finds
abc. It never changes the length of a text: an offset in the normalised text is an offset in
the text as printed."""

from __future__ import annotations

import functools

import opencc

_FULL_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_FULL_WIDTH[0x3000] = 0x20


@functools.cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s.json")


def normalise(text: str) -> str:
    converted = _t2s().convert(text)
    if len(converted) != len(text):  # a phrase whose simplified form is longer or shorter
        converted = "".join(c2 if len(c2 := _t2s().convert(c)) == 1 else c for c in text)
    return converted.translate(_FULL_WIDTH).lower()
