"""What a kept cut of the search index holds, and how it is checked: a cut of a whole year
(`year_cache.py`) or of a month of it (`month_parts.py`). Its word lists as bytes, its files
linked in and out of the cache, and the words of the dictionary that changed since it was made,
looked for in the texts it cut.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
import shutil
import zlib
from collections.abc import Iterable
from pathlib import Path

from .index_files import IndexedArticle
from .postings import WordList
from .segment import SPACE

# More words changed than this since a year was cut (a new word list): cut it again rather
# than look for each of them in its texts.
MOST_CHANGED = 2_000
SPACES = SPACE + "{0,3}"  # between the characters of a word printed spaced out


def changed_words(then: dict[str, int], now: dict[str, int]) -> set[str]:
    """The words added to the dictionary, dropped from it, or given another frequency."""
    return {word for word in then.keys() | now.keys() if then.get(word) != now.get(word)}


FIELDS = tuple(field.name for field in dataclasses.fields(IndexedArticle))


def articles_digest(kept: list[IndexedArticle], copies: dict[int, list[IndexedArticle]], numbers: Iterable[int]) -> str:
    """What a cut of the articles `numbers` (`one_of_each`'s) reads of them: each, and where
    else it was printed."""
    digest = hashlib.sha256()
    for number in numbers:
        for article in (kept[number], *copies.get(number, ())):
            fields = [getattr(article, name) for name in FIELDS]
            digest.update(json.dumps(fields, ensure_ascii=False).encode() + b"\0")
        digest.update(b"\1")
    return digest.hexdigest()[:24]


def lists_state(lists: dict[str, WordList]) -> dict[str, tuple[bytes, bytes, int, int]]:
    return {word: (bytes(w.articles), bytes(w.offsets), w.last, w.count) for word, w in lists.items()}


def lists_from(state: dict[str, tuple[bytes, bytes, int, int]]) -> dict[str, WordList]:
    lists = {}
    for word, (articles, offsets, last, count) in state.items():
        lists[word] = found = WordList()
        found.articles, found.offsets, found.last, found.count = bytearray(articles), bytearray(offsets), last, count
    return lists


def _raise(error: OSError) -> None:
    raise error


def link_tree(source: Path, target: Path) -> tuple[int, int]:
    """Hard-link (or copy) every file of `source` into `target`: (files, bytes). A folder that
    cannot be read (removed meanwhile) is an error, not a folder left out."""
    files = size = 0
    for dirpath, _, filenames in os.walk(source, onerror=_raise):
        # (strings, not paths: a kept year is some 40,000 files, linked on every build)
        there = os.path.join(target, os.path.relpath(dirpath, source))
        os.makedirs(there, exist_ok=True)
        for name in filenames:
            made = os.path.join(there, name)
            try:
                os.link(os.path.join(dirpath, name), made)
            except OSError:  # another file system, or no hard links
                shutil.copy2(os.path.join(dirpath, name), made)
            files += 1
            size += os.stat(made).st_size
    return files, size


def printed(text: Path, words: set[str]) -> bool:
    """Does any of `words` stand in the texts the year was cut from (its file of texts)? Where jieba cuts
    a text, a dictionary word counts only where the text prints it, so the others changed
    nothing of the year's cut. A word of two characters counts printed spaced out too (`王  琳`:
    `Segmenter.spaced_words` makes it a word where the dictionary holds it)."""
    if len(words) > MOST_CHANGED:
        return True
    spelt = [
        re.escape(word[0]) + SPACES + re.escape(word[1]) if len(word) == 2 else re.escape(word)
        for word in sorted(words)
    ]
    return re.search("|".join(spelt), zlib.decompress(text.read_bytes()).decode("utf-8")) is not None


def tree_size(folder: Path) -> tuple[int, int]:
    """(files, bytes) under `folder`, as `link_tree` counts them."""
    files = size = 0
    for dirpath, _, filenames in os.walk(folder, onerror=_raise):
        for name in filenames:
            files += 1
            size += os.stat(os.path.join(dirpath, name)).st_size
    return files, size


def write_state(path: Path, state: dict, aside: Path) -> None:
    """A kept cut's state written again, whole or not at all (a build reading it meanwhile finds
    the one or the other; failing to write it only means looking for the same words again).
    Written first at `aside`, named as a stopped build's leftovers are, which the next build
    removes."""
    try:
        aside.write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")
        os.replace(aside, path)
    except OSError:
        aside.unlink(missing_ok=True)
