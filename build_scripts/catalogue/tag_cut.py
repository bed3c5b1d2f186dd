"""An article's candidate words for tags: jieba's words and parts of speech (rjieba), with
the archive's word list added, and repaired where jieba's model cuts a name wrong — a
preposition glued to a name (`王毅同`), a name cut in pieces (`刘国 / 中`). Which of them
become tags is chosen in `tags.py`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import chain, compress
from operator import itemgetter

from build_scripts.contract.names import NAME_TAGS
from build_scripts.ingest.word_list import Word, word_order

# Weight of a part of speech: proper names first, then common nouns and verbal nouns.
POS_WEIGHTS = {
    "nr": 1.6,
    "nrfg": 1.6,
    "nrt": 1.6,  # people
    "nt": 1.6,  # organisations
    "ns": 1.4,  # places
    "nz": 1.3,  # other proper names
    "eng": 1.0,  # AI, 5G …
    "n": 1.0,
    "vn": 0.7,
}
Tokens = list[tuple[str, str]]  # (word, part of speech)
LISTED_TAG = "nz"  # the part of speech of a listed word that names none: a proper name, a term


def tagging_cut(words: Sequence[Word] = ()) -> Callable[[str], Tokens]:
    """jieba's words and parts of speech, with `words` added as jieba's user dictionary takes
    them (a frequency of 0 keeps a word apart, as in search). A word listed without frequency
    or part of speech that jieba already reads whole keeps jieba's tag (何忠新 `nr`); one it
    cuts is added as `LISTED_TAG`, so that it can be a tag. Without words, rjieba's shared
    dictionary; with them, a dictionary of their own (the parser's cut stays jieba's alone)."""
    import rjieba  # late import: loading the dictionary takes a moment, and 0 tags never needs it

    if not words:
        return rjieba.tag
    jieba = rjieba.Jieba()
    for word in sorted(set(words), key=word_order):
        if word.frequency is None and word.tag is None and len(jieba.tag(word.text)) == 1:
            continue  # one word already, with jieba's own part of speech
        frequency = word.frequency if word.frequency is not None else jieba.suggest_freq(word.text)
        jieba.add_word(word.text, frequency, word.tag or LISTED_TAG)
    return jieba.tag


def listed_terms(words: Sequence[Word]) -> frozenset[str]:
    """The listed words that are terms to find articles by: not those listed to be kept
    apart (frequency 0)."""
    return frozenset(word.text for word in words if word.frequency != 0)


# jieba's model glues a preposition or conjunction to a name it does not know (`王毅同` in
# `王毅同俄罗斯外长会谈`, tagged as one name).
_GLUED_TO_NAMES = frozenset("同和与跟在向对为将把被给从")


def may_be_glued(word: str, pos: str) -> bool:
    """A three-character name ending in such a word: the text tells which it is (`unglued`)."""
    return pos in NAME_TAGS and len(word) == 3 and word[-1] in _GLUED_TO_NAMES


def unglued(word: str, pos: str, text: str) -> tuple[str, str]:
    """A three-character name ending in such a word is the name before it, where the text
    also prints that name without it (`王毅表示`); a name that always ends so (王永和) stays."""
    if not may_be_glued(word, pos):
        return word, pos
    name = word[:2]
    if text.count(name) > text.count(word):
        return name, pos
    return word, pos


# jieba's model cuts a name or a word its dictionary lacks into pieces that are words of their
# own (夏巴兹 → 夏 / 巴兹, 刘国中 → 刘国 / 中, 拉赫蒙 → 拉赫 / 蒙, 大湾区 → 大湾 / 区), and a
# piece makes a tag that names nothing (巴兹, 刘国, 大湾). A proper name the article prints twice
# or more, every time next to the same single character, is a piece of a longer name, and that
# name is the candidate. Which characters: see `_glues`. A common noun is never glued: 省 / 农业,
# 农村 / 厅, 人形 / 机器人 are words side by side as often as pieces (maintainers/site.md, Tags).
_NEVER_A_PIECE = ("x", "u", "p", "c", "d", "r", "m", "q", "y", "e", "o", "b")
_PROPER = frozenset({*NAME_TAGS, "ns", "nt", "nz"})
_TAG = itemgetter(1)  # of a token: its part of speech
_NOUN_TAGS = POS_WEIGHTS.__contains__
_NAMES = frozenset({*NAME_TAGS, "nz"})  # of people, and of things (刘 / 海星)
_SAID = frozenset("说称讲问答道笑是在有到来去看听想致访见会谈任赴抵发出")
_ADMINISTRATIVE = frozenset("省市县区乡镇村")  # before a name: whose it is (省博物馆), no piece
_WHEN_OR_WHERE = frozenset("时前后里内外上下中间边")  # after a place: when or where in it (上海时)
MAX_GLUED = 8  # characters: a longer run is a phrase, not a word


def glued_nouns(
    parts: Sequence[Sequence[tuple[str, str]]], stop_words: frozenset[str] = frozenset()
) -> list[list[tuple[str, str]]]:
    """The nouns of each part of an article (its headline's and its text's words and parts of
    speech, from jieba), in order, a piece of a longer word glued to the rest of it: where
    every mention of it, in any part, has the same neighbour. A stop word is never a piece;
    a style is glued to its noun (`_styled_nouns`)."""
    nouns: list[list[tuple[str, str]]] = []
    flags: list[list[bool]] = []  # of each part's tokens: is it a noun
    places: dict[str, list[tuple[int, int]]] = {}  # of the proper names: only they are glued
    for k, tokens in enumerate(parts):
        # (filtered by iterators written in C: a loop in Python over every token, two in three
        # of them no noun, took a third of finding an article's candidate words)
        tags = list(map(_TAG, tokens))
        flags.append(list(map(_NOUN_TAGS, tags)))
        nouns.append(list(compress(tokens, flags[k])))
        for i in compress(range(len(tokens)), map(_PROPER.__contains__, tags)):
            places.setdefault(tokens[i][0], []).append((k, i))
    spans: dict[tuple[int, int], tuple[int, int]] = {}  # (part, word) → its name's first and last word
    for word, where in places.items():
        if len(where) > 1 and word not in stop_words:  # once: nothing tells a word from a piece
            before, after = _whole(parts, where, stop_words)
            if before or after:
                spans.update(((k, i), (i - before, i + after)) for k, i in where)
    consumed: set[tuple[int, int]] = set()  # the nouns a style is glued to
    for (k, i), (_, last) in _styled_nouns(parts, places, stop_words).items():
        if (k, i) not in spans and (k, last) not in spans:  # (not where a name is glued already)
            spans[k, i] = (i, last)
            consumed.add((k, last))
    if not spans:
        return nouns
    out: list[list[tuple[str, str]]] = []
    for k, tokens in enumerate(parts):
        # Only the words glued, or glued to, are looked at one by one; the nouns between them
        # are taken as they are (a loop over every token did it in two articles in three).
        found: list[tuple[str, str]] = []
        done: set[tuple[int, int]] = set()  # a name once, however many of its pieces lead to it
        noun, start = flags[k], 0
        for i in sorted({i for part, i in chain(spans, consumed) if part == k}):
            found.extend(compress(tokens[start:i], noun[start:i]))
            start = i + 1
            if not noun[i] or (k, i) in consumed:
                continue
            word, pos = tokens[i]
            span = spans.get((k, i))
            if span is not None:
                if span in done:
                    continue
                done.add(span)
                word = "".join(piece for piece, _ in tokens[span[0] : span[1] + 1])
            found.append((word, pos))
        found.extend(compress(tokens[start:], noun[start:]))
        out.append(found)
    return out


# jieba cuts a style off the noun it qualifies, as a word of its own, and tags it as a name
# (中国式 / 现代化, 保姆式 / 服务, 开放式 / 结构: nz): a tag that names nothing.
STYLE = "式"


def _styled_nouns(
    parts: Sequence[Sequence[tuple[str, str]]],
    places: dict[str, list[tuple[int, int]]],
    stop_words: frozenset[str],
) -> dict[tuple[int, int], tuple[int, int]]:
    """A style (a name of three characters or more ending in 式; `places`: where the article
    prints each name) glued to the noun after it, where every mention of it has that noun
    after it — once is enough: the ending tells a style from a name. One that stands alone,
    or before other words, stays as it is. (part, word) → its first and last word. (Only
    among the names, which are found anyway: a look at every word cost a sixth of choosing
    an article's candidate words; jieba takes a style for a common noun seldom: 日本式.)"""
    mentions = {word: where for word, where in places.items() if word.endswith(STYLE) and len(word) >= 3}
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    for word, where in mentions.items():
        after = {parts[k][i + 1] if i + 1 < len(parts[k]) else None for k, i in where}
        noun = after.pop() if len(after) == 1 else None
        if (
            noun is not None
            and noun[1] in POS_WEIGHTS
            and noun[0] not in stop_words
            and len(word) + len(noun[0]) <= MAX_GLUED
        ):
            spans.update(((k, i), (i, i + 1)) for k, i in where)
    return spans


def _whole(
    parts: Sequence[Sequence[tuple[str, str]]], where: list[tuple[int, int]], stop_words: frozenset[str]
) -> tuple[int, int]:
    """How many words before and after a noun (at `where`) are always printed with it, as
    pieces of one word."""
    k, i = where[0]
    word, pos = parts[k][i]
    length = len(word)
    reach = [0, 0]  # words glued before, after

    def neighbour(offset: int) -> tuple[str, str] | None:
        """The word at this offset from every place, if it is the same everywhere (most words
        differ at their second place: the loop ends there)."""
        found = None
        for p, j in where:
            if not 0 <= j + offset < len(parts[p]):
                return None
            token = parts[p][j + offset]
            if found is None:
                found = token
            elif token != found:
                return None
        return found

    for side, step in ((1, 1), (0, -1)):
        while True:
            token = neighbour(step * (reach[side] + 1))
            if (
                token is None
                or token[0] in stop_words
                or length + len(token[0]) > MAX_GLUED
                or not _glues(token, (word, pos), after=step > 0)
            ):
                break
            reach[side] += 1
            length += len(token[0])
    return reach[0], reach[1]


def _glues(token: tuple[str, str], noun: tuple[str, str], after: bool) -> bool:
    """Is this neighbour of a proper name (`after` it, or before) a piece of the same name?
    Next to a name of a person or a thing: a single character, but for punctuation,
    particles, prepositions, conjunctions, adverbs, pronouns, numbers, quantifiers and
    distinguishing words (parts of speech by their first letter: 比利时 / 副首相), the verbs
    that follow a name (王毅说 twice is still 王毅), an adjective after it (习近平 / 新时代)
    and a verb or a division of a country before it. Next to a place or a body: after it a
    noun (大湾 / 区, 姑苏 / 区) but when or where in it (上海 / 时, 西湖 / 上), before it a
    person's name only (夏 / 巴兹) — never a verb (驻 / 美国, 游 / 西湖)."""
    word, its_pos = token
    if len(word) != 1 or not "\u4e00" <= word <= "\u9fff" or noun[1] not in _PROPER:
        return False
    if its_pos.startswith(_NEVER_A_PIECE) or word in _SAID or (not after and word in _ADMINISTRATIVE):
        return False
    if noun[1] in _NAMES:
        return not its_pos.startswith("a" if after else "v")
    if after:
        return its_pos == "n" and word not in _WHEN_OR_WHERE
    return its_pos in NAME_TAGS
