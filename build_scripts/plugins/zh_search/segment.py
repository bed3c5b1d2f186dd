"""Cutting text into search words: jieba's dictionary and search mode, plus the archive's own
words (the hand-kept list and every name in a byline).

rjieba (jieba's Rust port, the same dictionary) cuts about 12× faster than jieba and gives
the same words for Chinese text (measured on 3,039 real articles: the only differences were
in Latin runs such as `126.com`, which are cut here by our own rule). HMM guessing of unknown
words is off: it makes the same characters come out as different words in different
sentences, and then a query cut on its own would not find them. The browser cuts queries
with the same dictionary and the same rule (search.js, `cut`).
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import hashlib
import importlib.util
import marshal
import math
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import rjieba

from build_scripts.ingest.word_list import Word, word_order

_ALNUM = re.compile(r"[a-z0-9]+")
_HAN_CLASS = "[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]"
# Two characters standing alone with up to three spaces between them (normalised: no-break or
# plain; an ideographic space is a plain one), found at each character (a lookahead: the pairs
# may overlap — in `得 李  强` the pair 得 李 is no word, and 李  强 one)
SPACE = "[ \u00a0]"  # a space of normalised text (an ideographic space is a plain one)
_SPACED_PAIR = re.compile(f"(?<!{_HAN_CLASS})(?=({_HAN_CLASS}){SPACE}{{1,3}}({_HAN_CLASS})(?!{_HAN_CLASS}))")
INNER_MIN = 4  # search mode gives the shorter words inside a word itself
HAN = re.compile(_HAN_CLASS)


def jieba_dictionary_path() -> str:
    """jieba's dictionary file (rjieba's built-in dictionary is a copy of it), found without
    importing jieba, whose import (pkg_resources) costs more than reading the file."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("jieba is not installed: the search needs its dictionary file")
    return os.path.join(spec.submodule_search_locations[0], "dict.txt")


def jieba_dictionary() -> Iterator[tuple[str, int, str]]:
    """jieba's dictionary: (word, frequency, part-of-speech tag)."""
    with open(jieba_dictionary_path(), encoding="utf-8") as lines:
        for line in lines:
            word, count, tag = line.split()
            yield word, int(count), tag


@functools.lru_cache(maxsize=1)
def jieba_frequencies(kept: Path | None = None) -> dict[str, int]:
    """jieba's dictionary as word → frequency (shared: not to be changed). With `kept`, a
    file where the table is kept for the next process, in marshal's format: every build's
    indexer needs the table, and reading it so takes a third of the time of reading the
    dictionary's 350,000 lines of text. It is kept with the digest of the dictionary file it
    was read from (not its time: a new install writes the same file anew) and made again when
    that differs; a file that cannot be read or written is done without."""
    raw = Path(jieba_dictionary_path()).read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if kept is not None:
        try:
            kept_digest, table = marshal.loads(kept.read_bytes())  # (not `load`: it reads word by word)
            if kept_digest == digest and isinstance(table, dict):
                return table
        except (OSError, EOFError, ValueError, TypeError):
            pass  # none yet, or damaged: read the dictionary
    table = {}
    for line in raw.decode("utf-8").splitlines():
        word, count, _tag = line.split()
        table[word] = int(count)
    if kept is not None:
        making = kept.with_name(f".{kept.name}-{os.getpid()}")
        try:
            kept.parent.mkdir(parents=True, exist_ok=True)
            making.write_bytes(marshal.dumps((digest, table)))
            making.replace(kept)  # whole or not at all, for a build running beside this one
        except OSError:
            with contextlib.suppress(OSError):  # (what was written of it, if anything)
                making.unlink()
    return table


# The dictionary's total (the sum of its frequencies) weighs every word of every cut. Were it
# to grow with each name printed for the first time, any text might be cut differently after
# it, and a build would have to cut the whole archive again every night (a daily prints new
# names every day). So the archive's words are paid for out of a fixed budget held by a word
# no text can contain (noncharacters: never in the runs jieba cuts): the total stays the same,
# and a new word changes the cut of those texts only that print it (`year_cache`).
BALANCE = "\ufdd0\ufdd1"
BUDGET = 1 << 16  # a name costs 1.2 on the real bylines: room for some 50,000 of them


def spaced_out(text: str) -> bool:
    """Does normalised text print two characters spaced out, standing alone (`王  琳`)?"""
    return (" " in text or "\u00a0" in text) and _SPACED_PAIR.search(text) is not None


class Segmenter:
    """jieba's search mode, without HMM guessing, over jieba's dictionary and `words`."""

    def __init__(self, words: Iterable[Word] = (), kept_dictionary: Path | None = None):
        """`kept_dictionary`: where jieba's frequencies are kept between processes (`jieba_frequencies`)."""
        # Sorted: the dictionary (and so every cut) must not depend on the order names came in.
        ordered = sorted(set(words), key=word_order)
        base = jieba_frequencies(kept_dictionary)
        budget = max(BUDGET, 1 << (2 * sum(word.frequency or 0 for word in ordered)).bit_length())
        while not self._load(base, ordered, budget):
            budget *= 2  # (a word list of high frequencies: a larger budget, and a larger total)
        self._inner: dict[str, list[tuple[str, int]]] = {}

    def _load(self, base: dict[str, int], words: list[Word], budget: int) -> bool:
        """jieba's dictionary with `words` added, their frequencies taken from `budget`; False
        if they need more than it holds."""
        self.jieba = rjieba.Jieba()
        self.freq = dict(base)
        self.total = sum(base.values()) + budget
        self.added: dict[str, int] = {}  # the archive's words as the dictionary holds them
        self.jieba.add_word(BALANCE, budget, None)
        spent = 0
        for word in words:
            count = word.frequency if word.frequency is not None else self.suggest(word.text)
            if word.frequency is None and self.freq.get(word.text, 0) >= count:
                continue  # already one word
            spent += count - self.freq.get(word.text, 0)
            if spent > budget:
                return False
            self.freq[word.text] = self.added[word.text] = count
            self.jieba.add_word(word.text, count, word.tag)
            self.jieba.add_word(BALANCE, budget - spent, None)
        return True

    def suggest(self, word: str) -> int:
        """jieba's `suggest_freq`: just often enough for `word` to stay one word. Computed
        here, not by rjieba, so that the browser gets the very frequency the index used."""
        probability = 1.0
        for part in self.jieba.cut(word, hmm=False):
            probability *= self.freq.get(part, 1) / self.total
        return max(math.floor(probability * self.total) + 1, self.freq.get(word, 1))

    def tokens(self, text: str) -> Iterator[tuple[str, int]]:
        """(word, offset) of every search word of normalised text: dictionary words and the
        words inside them (国家统计局 gives 国家, 统计, 统计局 and 国家统计局), and runs of
        Latin letters and digits; then the words printed spaced out (`spaced_words`). Offsets
        count characters."""
        for word, start, _end in self.jieba.tokenize(text, mode="search", hmm=False):
            if "\u4e00" <= word[0] <= "\u9fff" or HAN.search(word):  # the common case first
                yield word, start
                for inner, at in self.inner_words(word):
                    yield inner, start + at
            else:
                for run in _ALNUM.finditer(word):
                    yield run.group(), start + run.start()
        yield from self.spaced_words(text)

    def spaced_words(self, text: str) -> list[tuple[str, int]]:
        """A word of two characters printed spaced out to the width of three — a name in a list
        of names or a byline (`李  强`), a short headline (`征  集`) — where the dictionary or the
        archive's words hold it: the word, at its first character. Cut as printed it is two
        characters, and a reader typing 李强 would not find it (one not a word is a run of
        characters, which the browser finds spaced so: search.js, `runStands`)."""
        if " " not in text and "\u00a0" not in text:
            return []
        return [(word, m.start()) for m in _SPACED_PAIR.finditer(text) if (word := m[1] + m[2]) in self.freq]

    def inner_words(self, word: str) -> list[tuple[str, int]]:
        """The dictionary words of four characters or more inside a longer word, with where
        they start in it. jieba's search mode gives only those of two and three characters
        (全国人大常委会: 全国, 人大, 常委会 …), so without these a reader typing 全国人大 or
        人大常委会 would not find the articles that print 全国人大常委会."""
        if len(word) <= INNER_MIN:
            return []
        found = self._inner.get(word)
        if found is None:
            found = [
                (word[k : k + n], k)
                for k in range(len(word) - INNER_MIN + 1)
                for n in range(INNER_MIN, len(word) - k + 1)
                if n < len(word) and word[k : k + n] in self.freq
            ]
            self._inner[word] = found
        return found

    def positions(self, text: str) -> dict[str, list[int]]:
        """Every search word of normalised text with its offsets, in order: `tokens`
        gathered by word, in one pass (what the index needs of each article)."""
        found: dict[str, list[int]] = {}
        for word, start, _end in self.jieba.tokenize(text, mode="search", hmm=False):
            if "\u4e00" <= word[0] <= "\u9fff" or (word.isascii() and word.isalnum()) or HAN.search(word):
                if word in found:  # a Chinese word, or a run of Latin letters and digits
                    found[word].append(start)
                else:
                    found[word] = [start]
                for inner, at in self.inner_words(word):
                    found.setdefault(inner, []).append(start + at)
            elif len(word) > 1:  # one character more is punctuation or space, which is no word
                for run in _ALNUM.finditer(word):
                    found.setdefault(run.group(), []).append(start + run.start())
        for word, start in self.spaced_words(text):
            bisect.insort(found.setdefault(word, []), start)  # (a list's offsets go in order)
        return found

    def cut(self, text: str) -> list[str]:
        """jieba's accurate cut (no HMM): how a query is cut into words."""
        return self.jieba.cut(text, hmm=False)

    def frequency(self, word: str) -> int:
        return self.freq.get(word, 1)
