"""What the browser's traditional → simplified conversion (the vendored opencc-js, `t → cn`)
would change, so that a query in simplified characters — nearly every query of a paper
printed in them — is searched without loading opencc-js (109 KB) at all.

opencc-js converts with three dictionaries (its `t2s` configuration): compatibility ideographs
to unified ones, then phrases and single characters, longest match first. A text is left as
it is unless it holds a character that one of them changes on its own, or a phrase that is
changed although none of its characters would be. Read from the vendored file itself, so the
list is always that of the converter the pages load.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from .key import VENDORED
from .postings import varint

_CONFIG = re.compile(r"t2s:\{normalizationChain:\[\[(\w+)\]\],conversionChain:\[\[(\w+),(\w+)\]\]\}")


class VendoredConverterError(Exception):
    """The vendored opencc-js is not laid out as this module reads it."""


def _dictionary(source: str, name: str) -> list[tuple[str, str]]:
    found = re.search(r"(?<![\w.$])" + re.escape(name) + r'="([^"]*)"', source)
    if not found:
        raise VendoredConverterError(
            f"{VENDORED}: no dictionary `{name}` — update traditional.py with the vendored file"
        )
    return [(entry.split(" ")[0], entry.split(" ")[1]) for entry in found.group(1).split("|")]


@functools.cache
def changed_by_conversion(path: Path = VENDORED) -> tuple[str, tuple[str, ...]]:
    """(every character the conversion changes on its own, in code point order; the phrases
    it changes that hold none of those characters)."""
    source = path.read_text(encoding="utf-8")
    config = _CONFIG.search(source)
    if not config:
        raise VendoredConverterError(f"{path}: no `t2s` configuration — update traditional.py with the vendored file")
    normalisation, phrases, characters = (_dictionary(source, name) for name in config.groups())
    singles = {key for key, value in normalisation + characters if len(key) == 1 and key != value}
    # A longer key among the character dictionaries (none in 1.4.2) counts as a phrase.
    pairs = phrases + [(k, v) for k, v in normalisation + characters if len(k) != 1]
    kept = sorted({key for key, value in pairs if key != value and not singles & set(key)})
    return "".join(sorted(singles)), tuple(kept)


def encoded_characters(characters: str) -> bytes:
    """Code points in order, each as the varint of its distance from the one before."""
    out = bytearray()
    previous = 0
    for ch in characters:
        varint(ord(ch) - previous, out)
        previous = ord(ch)
    return bytes(out)
