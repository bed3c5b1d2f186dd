"""Keywords (tags) worth clicking: what sets an article apart within this archive.

A word is a good tag for an article when the article says it often and few other articles of
the archive do (TF-IDF with the document frequency counted over the articles it is chosen
among — the conversion gives it a year of them, `writers/tag_choice.py` — not a general-purpose
table), when it names someone or something — people, places, organisations
and other proper names (jieba's part-of-speech tags nr, ns, nt, nz) weigh more than common
nouns — and when it is not newspaper boilerplate (`data/tag_stopwords.txt`: 本报, 记者,
图片, 编辑 …), the paper's own name, a column heading (`（金台随笔）` after a headline) or
the name of the article's own reporter (they have pages of their own). The article must say
it twice, or in its headline: a word mentioned once in passing is not what it is about.

A tag is kept only when at least `min_articles` articles carry it: a tag page with one
article leads nowhere, and the pages would outnumber the articles. Articles choose their
`per_article` best words among those that reach the threshold, and the choice is repeated
until it is stable, so every published tag has at least `min_articles` articles.

Words and their parts of speech come from rjieba (jieba's dictionary and model, in Rust:
about 20 times faster than jieba in Python, with the same tokens), so tagging stays a small
part of a conversion, with the archive's word list (`source_texts/userdict.txt`) added: a
term jieba cuts in two (中国式现代化 → 中国式 / 现代化) is one word once listed there, as in
search. A listed word is a term the archivist wants to find articles by, so it may be a tag
however many articles print it (the share that makes other words too general does not apply).
Ties are broken by the word itself: the same archive gives the same tags.
"""

from __future__ import annotations

import itertools
import math
import re
from array import array
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple, cast

from build_scripts.catalogue.tag_cut import (
    POS_WEIGHTS,
    Tokens,
    glued_nouns,
    listed_terms,
    may_be_glued,
    tagging_cut,
    unglued,
)
from build_scripts.contract.headline import COLUMN_TAG
from build_scripts.contract.names import NAME_TAGS, names_joined
from build_scripts.ingest.word_list import Word

_PAGE_NUMBER = re.compile(r"第[0-9０-９一二三四五六七八九十百零〇]+版")
STOP_WORDS_FILE = Path(__file__).with_name("data") / "tag_stopwords.txt"
TITLE_WEIGHT = 3  # a word of the headline counts as three of the text
# An article is about what it says twice, or says in its headline: a word its text mentions
# once in passing (`高峰` in a report of a fire on a bridge at rush hour) is no tag of it.
MIN_MENTIONS = 2
# A word in more articles than this share of those it is chosen among (a year's), and in
# more than GENERAL_MIN, is too general to tell them apart (中国, 城市 in a national daily): as
# a tag it would list half of them. jieba's parts of speech cannot be trusted to spare names
# here (城市 is `ns`).
GENERAL_SHARE, GENERAL_MIN = 0.03, 50
MIN_LENGTH = 2  # one character says too little (市, 省)


def load_stop_words(path: Path = STOP_WORDS_FILE) -> frozenset[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


# What a place's full name may end with: its kind of division (安徽省, 杭州市, 内蒙古自治区,
# 香港特别行政区), or a country's form of state (俄罗斯联邦).
_DIVISION_RE = re.compile(r"(?:自治[区州县旗]|特别行政区|联邦|[省市县区])$")
_DIVISION_ENDS = frozenset("省市县区州旗邦")
# An autonomous region's name holds its people's between the place and the division
# (广西壮族自治区, 新疆维吾尔自治区, 延边朝鲜族自治州): the place is a shorter part of it.
_AUTONOMOUS = "自治"


def _people_of(stem: str) -> list[str]:
    """The endings of `stem` that may name a people (壮族, 朝鲜族, 维吾尔), shortest first."""
    endings = [stem[-n:] for n in (2, 3) if stem.endswith("族") and len(stem) > n]
    return endings + (["维吾尔"] if stem.endswith("维吾尔") else [])


# An e-mail or web address (`本版邮箱：rmrbpl@people.cn`): its pieces are no tags.
_ADDRESS = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?://|www\.)[^\s，。；）)]+|\b[\w-]+(?:\.[a-z]{2,})+\b", re.ASCII
)


class _Candidate(NamedTuple):
    """What a token of jieba's (word, part of speech) counts as among an article's candidate
    words, the same in every article (`Tagger._candidate`)."""

    word: str | None  # the word counted (安徽省 as 安徽); None: never a tag
    weight: float  # its part of speech's
    in_text: bool  # a name that may have a word glued to it: the article's text tells (`unglued`)
    piece_of_name: bool  # a name of one character: perhaps a family name cut off (`names_joined`)


@dataclass(frozen=True)
class Text:
    """What tagging reads of one article."""

    title: str
    body: str
    names: Sequence[str] = ()  # people in its byline: never its tags


def _is_word(token: str) -> bool:
    """A tag must contain a letter or a Chinese character: numbers (`2022`, `14`) say little,
    and neither does a page number (`第八版`, a 导读 box's pointer)."""
    return len(token) >= MIN_LENGTH and any(ch.isalpha() for ch in token) and not _PAGE_NUMBER.fullmatch(token)


class Tagger:
    def __init__(
        self,
        per_article: int,
        min_articles: int,
        stop_words: frozenset[str] | None = None,
        words: Sequence[Word] = (),
    ):
        self.per_article = per_article
        self.min_articles = max(1, min_articles)
        self.stop_words = load_stop_words() if stop_words is None else stop_words
        self.terms = listed_terms(words)  # never too general
        self._words = tuple(words)
        self._cut: Callable[[str], Tokens] | None = None  # made when first needed (`tagging_cut`)
        self._usable: dict[str, bool] = {}  # word → may it be a tag at all (asked millions of times)
        self._places: dict[str, str] = {}  # 安徽省 → 安徽 (`_place`)
        self._candidates: dict[tuple[str, str], _Candidate] = {}  # jieba's token → what it counts as

    def cut(self, text: str) -> Tokens:
        if self._cut is None:
            self._cut = tagging_cut(self._words)
        return self._cut(text)

    def words(self, text: Text) -> dict[str, float]:
        """Candidate words of one article: weighted term frequency × part-of-speech weight."""
        names = set(text.names)
        counts: dict[str, int] = {}  # (a plain dict: a Counter calls Python for every new word)
        weight: dict[str, float] = {}
        title = COLUMN_TAG.sub("", text.title.rstrip())  # （金台随笔）, （读者点题·共同关注）: no tags
        whole = f"{title}\n{text.body}"
        parts = (title, _ADDRESS.sub(" ", text.body))
        glued = glued_nouns([self.cut(part) for part in parts], self.stop_words)
        for part, times, nouns in zip(parts, (TITLE_WEIGHT, 1), glued, strict=True):
            # Only nouns can be tags: the rest (two tokens in three) is dropped before counting;
            # the nouns are counted in C, then each distinct one is looked at once (most recur),
            # and what it counts as is the same in every article but for a name that may have
            # a word glued to it (`_candidate`): the counts, and the order words are first met
            # in, are those of the nouns.
            tokens = Counter(nouns)
            found = self._candidates_of(tokens)
            if any(one.piece_of_name for one in found):
                # a name jieba cut in two (丁 / 薛祥) is counted whole, never as its given name
                tokens = Counter(names_joined(nouns, part))
                found = self._candidates_of(tokens)
            for (token, n), one in zip(tokens.items(), found, strict=True):
                word = one.word
                if one.in_text:
                    word = unglued(*token, whole)[0]
                    if not self._usable_word(word):
                        continue
                elif word is None:
                    continue
                if word in names:
                    continue
                counts[word] = counts.get(word, 0) + n * times
                if one.weight > weight.get(word, 0.0):
                    weight[word] = one.weight
        return {word: (1 + math.log(n)) * weight[word] for word, n in counts.items() if n >= MIN_MENTIONS}

    def _candidates_of(self, tokens: Counter[tuple[str, str]]) -> list[_Candidate]:
        """What each of these tokens counts as, in their order (most are known already)."""
        found = list(map(self._candidates.get, tokens))
        if None not in found:
            return cast(list[_Candidate], found)
        return [one or self._candidate(token) for token, one in zip(tokens, found, strict=True)]

    def _candidate(self, token: tuple[str, str]) -> _Candidate:
        """What a token of jieba's counts as in any article (`_Candidate`), worked out once."""
        word, pos = token
        in_text = may_be_glued(word, pos)
        if not in_text and pos in ("ns", "nt") and word[-1] in _DIVISION_ENDS and len(word) > 2:
            word = self._place(word)
        usable = in_text or self._usable_word(word)
        found = self._candidates[token] = _Candidate(
            word if usable else None, POS_WEIGHTS[pos], in_text, len(word) == 1 and pos in NAME_TAGS
        )
        return found

    def _usable_word(self, word: str) -> bool:
        """May it be a tag at all: no stop word, and a word (`_is_word`)."""
        ok = self._usable.get(word)
        if ok is None:
            ok = self._usable[word] = word not in self.stop_words and _is_word(word)
        return ok

    def _place(self, word: str) -> str:
        """A place named with its kind of division (安徽省, 杭州市, 内蒙古自治区) is the place its
        name alone names (安徽, 杭州, 内蒙古): the paper prints both, and a reader looks for one
        tag. Only where both are places in jieba's dictionary (开发区, 示范区 are no 开发, 示范),
        and not for a name glued from jieba's pieces (`glued_nouns`: 大湾区 is one name, not
        大湾). An autonomous region's people (广西壮族自治区) go with its division."""
        place = self._places.get(word)
        if place is None:
            place = self._places[word] = word
            division = _DIVISION_RE.search(word)
            whole = self.cut(word)
            if division and len(whole) == 1 and whole[0][0] == word:
                stem = word[: division.start()]
                names = [stem]
                if division.group().startswith(_AUTONOMOUS):  # its people first, named shortest first
                    names[:0] = [stem[: -len(people)] for people in _people_of(stem)]
                place = self._places[word] = next(
                    (name for name in names if len(name) >= 2 and self.cut(name) == [(name, "ns")]), word
                )
        return place

    def tag_all(self, texts: Sequence[Text]) -> list[list[str]]:
        """The tags of every article, in the order given."""
        if self.per_article <= 0 or not texts:
            return [[] for _ in texts]
        return self.choose([self.words(text) for text in texts])

    def choose(self, candidates: Sequence[dict[str, float]]) -> list[list[str]]:
        """The tags of every article from its candidate words (`words`), over all of them."""
        vocabulary = Vocabulary()
        return self.choose_among([vocabulary.compact(words) for words in candidates], vocabulary.words)

    def choose_among(
        self,
        candidates: Sequence[Candidates],
        words: list[str],
        keys: Sequence[str] | None = None,
        memo: dict | None = None,
    ) -> list[list[str]]:
        """`choose` for candidates stored as word numbers (`Vocabulary`): the conversion finds
        them file by file, in parallel, and keeps them in its cache.

        A word's weight in an article is tf × log(articles / articles with the word). Only
        words within the frequency bounds can be chosen, and an article takes its best
        `per_article` of them; a word fewer than `min_articles` articles took is then no longer
        eligible, and the articles that had taken it choose again, until no word drops out.

        With `keys` (one per article, the same for the same candidates) and a `memo` kept from
        the last run, an article whose words are all in as many articles as then (in an
        archive of as many articles) keeps its ranking of then: after one issue changed, only
        the articles sharing a word whose count changed rank their words again."""
        if self.per_article <= 0 or not candidates:
            return [[] for _ in candidates]
        frequency = Counter(itertools.chain.from_iterable(ids for ids, _ in candidates))
        total = len(candidates)
        general = max(GENERAL_MIN, GENERAL_SHARE * total)
        weight = {
            i: math.log(total / n)
            for i, n in frequency.items()
            if self.min_articles <= n and (n <= general or words[i] in self.terms)
        }
        k = self.per_article

        def ranking(n: int) -> tuple[int, ...]:
            """An article's eligible words, best first (ties: the word). (A tuple, not an
            array: the memo keeps one for every article, and pickle writes and reads a tuple
            of small numbers as it is, an array through a call that rebuilds it: half a
            second a run at 100,000 articles.)"""
            ids, tfs = candidates[n]
            scored = [
                (-score, words[i], i)
                for i, tf in zip(ids, tfs, strict=True)
                if i in weight and (score := tf * weight[i]) > 0
            ]
            scored.sort()
            return tuple([i for _, _, i in scored])

        before, changed = _kept_from_before(memo if keys else None, (total, self.min_articles), frequency)
        ranked = []
        for n in range(total):
            kept = before.get(keys[n]) if keys else None
            ranked.append(kept if kept is not None and changed.isdisjoint(candidates[n][0]) else ranking(n))
        if memo is not None and keys:
            memo.clear()
            memo.update(
                settings=(total, self.min_articles),
                frequency=frequency,
                ranked=dict(zip(keys, ranked, strict=True)),
            )
        eligible = set(weight)
        chosen = [list(r[:k]) for r in ranked]
        taken: dict[int, list[int]] = {}  # word → the articles that chose it
        for n, tags in enumerate(chosen):
            for i in tags:
                taken.setdefault(i, []).append(n)
        while True:  # at most a few rounds: the eligible set only shrinks
            dropped = {i for i in eligible if len(taken.get(i, ())) < self.min_articles}
            if not dropped:
                return [[words[i] for i in tags] for tags in chosen]
            eligible -= dropped
            again = sorted({n for i in dropped for n in taken.pop(i, ())})
            for n in again:  # only the articles that had taken a dropped word choose again
                for i in chosen[n]:
                    if i not in dropped:
                        taken[i].remove(n)
                chosen[n] = [i for i in ranked[n] if i in eligible][:k]
                for i in chosen[n]:
                    taken.setdefault(i, []).append(n)


def _kept_from_before(memo: dict | None, settings: tuple, frequency: Counter[int]) -> tuple[dict, set[int]]:
    """How the last run (`memo`) ranked each article's words, and the words whose counts
    changed since: an article with none of them ranks its words as it did. Nothing when the
    archive's size (every word's weight) or the settings changed."""
    if memo is None or memo.get("settings") != settings:
        return {}, set()
    before: Counter[int] = memo["frequency"]
    changed = {i for i, n in frequency.items() if before.get(i) != n}
    changed.update(before.keys() - frequency.keys())
    return memo["ranked"], changed


Candidates = tuple[array, array]  # an article's candidate words (their numbers) and their weights


class Vocabulary:
    """Every candidate word of an archive once, by number: an article's candidates are then
    two small arrays, compact to keep and quick to count."""

    def __init__(self, words: list[str] | None = None):
        self.words: list[str] = words if words is not None else []
        self.numbers = {word: n for n, word in enumerate(self.words)}

    def compact(self, candidates: dict[str, float]) -> Candidates:
        numbers, words = self.numbers, self.words
        ids = array("I")
        for word in candidates:
            n = numbers.get(word)
            if n is None:
                n = numbers[word] = len(words)
                words.append(word)
            ids.append(n)
        return ids, array("d", candidates.values())
