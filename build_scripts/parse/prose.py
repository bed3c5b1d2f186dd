"""How the paper's prose runs, learnt from real pages (`train.py`) and shipped in
`prose.json.gz`: a character model of its paragraphs, and how often a word opens or closes
a clause.

A page break cuts a paragraph anywhere (`他们在实验室里反复测|试新材料`); a sub-head or a
quotation stops without punctuation too, and the paragraph below opens as paragraphs do
(`在…`, `近日，…`). A dictionary knows words (`测试`) but not that a clause seldom closes on
`在` or opens on `的`. These tables do:

- a character trigram model of the paper's paragraphs, with `^` where a paragraph opens
  and `$` where it closes, compares how likely the text below a break is as the rest of
  the line above with how likely it is that the line above closed and a paragraph opened
  (interpolated absolute discounting, Ney et al.);
- for every word seen often enough, how often it opens a clause and how often it closes
  one (jieba's cut).

Rare trigrams, bigrams and words are left out of the shipped file (a left-out entry's count
goes to the shorter context), so it holds only statistics, never a sentence of the pages
it learnt from.
"""

from __future__ import annotations

import gc
import gzip
import io
import json
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from build_scripts.parse import compiled

PROSE_FILE = Path(__file__).with_name("prose.json.gz")
ORDER = 3  # characters: two of context and the one predicted
DISCOUNT = 0.75
MIN_COUNT = 5  # a longer context's entry kept only when seen this often
OPENS, CLOSES = "^", "$"
_AFTER = 3  # characters below the break weighed

_PUNCTUATION = frozenset("，。！？；：、“”‘’（）《》〈〉「」『』【】,.;:!?()…—·")
_SMOOTHING = 5  # a word seen this many times is weighed half by its own counts, half by all words'

# context → (times seen, mass left to the shorter context, {next character: times seen})
Grams = dict[str, tuple[int, float, dict[str, int]]]
# word → (times it opens a clause, times it closes one, times seen)
Words = dict[str, tuple[int, int, int]]


@dataclass(frozen=True)
class Table:
    grams: Grams
    words: Words


class Prose:
    def __init__(self, table: Table) -> None:
        self.grams = table.grams
        self.words = table.words
        self.alphabet = max(len(self.grams.get("", (0, 0.0, {}))[2]), 1) + 1
        opens, closes, seen = (sum(counts[k] for counts in self.words.values()) for k in range(3))
        self._opens_rate = (opens or 1) / (seen or 2)
        self._closes_rate = (closes or 1) / (seen or 2)
        self._known: dict[tuple[str, str], float] = {}

    def probability(self, context: str, char: str) -> float:
        p = 1.0 / self.alphabet
        for k in range(ORDER):
            if k > len(context):
                break
            entry = self.grams.get(context[len(context) - k :] if k else "")
            if entry is None:
                continue  # never seen: all its mass goes to the shorter context
            total, left, counts = entry
            p = max(counts.get(char, 0) - DISCOUNT, 0.0) / total + left / total * p
        return p

    def log_probability(self, context: str, text: str) -> float:
        key = (context, text)
        if key not in self._known:
            if len(self._known) >= 1 << 16:
                self._known.clear()  # bounded: a day's breaks are a few thousand
            out = 0.0
            for char in text:
                out += math.log(self.probability(context, char))
                context = (context + char)[-(ORDER - 1) :]
            self._known[key] = out  # a break is weighed with the same pieces more than once
        return self._known[key]

    def runs_on(self, before: str, after: str) -> float:
        """How much likelier (natural log) `after` reads as the rest of `before` than as a
        new paragraph after `before` closed: the higher, the surer the break falls in
        mid-sentence."""
        tail = before[-(ORDER - 1) :]
        head = after[:_AFTER]
        if not tail or not head:
            return 0.0
        start = OPENS * (ORDER - 1)
        across = self.log_probability(tail, head)
        apart = self.log_probability(tail, CLOSES) + self.log_probability(start, head)
        return across - apart

    def closes_after(self, before: str) -> float:
        """Log-probability that a paragraph closes after `before`."""
        return self.log_probability(before[-(ORDER - 1) :], CLOSES)

    def opens_with(self, after: str) -> float:
        """How much likelier `after` opens a paragraph than it follows any text."""
        head = after[:_AFTER]
        return self.log_probability(OPENS * (ORDER - 1), head) - self.log_probability("", head)

    def opens_clause(self, word: str) -> float:
        """How much likelier (log-odds) a clause opens on this word than on any word."""
        opens, _, seen = self.words.get(word, (0, 0, 0))
        return _log_odds(opens, seen, self._opens_rate)

    def closes_clause(self, word: str) -> float:
        """How much likelier (log-odds) a clause closes on this word than on any word: a
        clause seldom closes on `在` or `对`, often on `优势`."""
        _, closes, seen = self.words.get(word, (0, 0, 0))
        return _log_odds(closes, seen, self._closes_rate)


def _log_odds(hits: int, seen: int, rate: float) -> float:
    share = (hits + rate * _SMOOTHING) / (seen + _SMOOTHING)
    share = min(max(share, 1e-6), 1 - 1e-6)
    return math.log(share / (1 - share)) - math.log(rate / (1 - rate))


def words(text: str) -> list[str]:
    """jieba's cut of the text, without its HMM for unknown words (as the tables were learnt)."""
    import rjieba

    return [word for word in rjieba.cut(text, hmm=False) if word.strip()]


def _learn_words(paragraphs: list[str]) -> Words:
    counts: dict[str, list[int]] = {}
    for paragraph in paragraphs:
        opening = True
        cut = words(paragraph)
        for k, word in enumerate(cut):
            if word in _PUNCTUATION:
                opening = True
                continue
            entry = counts.setdefault(word, [0, 0, 0])
            entry[0] += opening
            entry[1] += k + 1 == len(cut) or cut[k + 1] in _PUNCTUATION
            entry[2] += 1
            opening = False
    return {word: (a, b, n) for word, (a, b, n) in sorted(counts.items()) if n >= MIN_COUNT}


def learn(paragraphs: Iterable[str]) -> Table:
    """The tables for these paragraphs (their text without spaces)."""
    paragraphs = list(paragraphs)
    return Table(_learn_grams(paragraphs), _learn_words(paragraphs))


def _learn_grams(paragraphs: list[str]) -> Grams:
    counts: list[Counter[tuple[str, str]]] = [Counter() for _ in range(ORDER)]
    for paragraph in paragraphs:
        text = OPENS * (ORDER - 1) + paragraph + CLOSES
        for i in range(ORDER - 1, len(text)):
            for k in range(ORDER):
                counts[k][(text[i - k : i], text[i])] += 1
    table: dict[str, list] = {}
    for k in range(ORDER):
        for (context, char), n in sorted(counts[k].items()):
            entry = table.setdefault(context, [0, 0.0, {}])
            entry[0] += n
            if k == 0 or n >= MIN_COUNT:
                entry[2][char] = n
                entry[1] += DISCOUNT
            else:
                entry[1] += n  # left out: its count goes to the shorter context
    return {context: (total, round(left, 2), chars) for context, (total, left, chars) in table.items() if chars}


def dump(table: Table) -> bytes:
    """The same tables give the same bytes (sorted keys, no time stamp in the archive)."""
    text = json.dumps(
        {"order": ORDER, "discount": DISCOUNT, "min_count": MIN_COUNT, "grams": table.grams, "words": table.words},
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", mtime=0, filename="") as archive:
        archive.write(text.encode("utf-8"))
    return out.getvalue()


def load(data: bytes) -> Table:
    # Reading makes a few hundred thousand objects and no garbage: the cycle collector, which
    # would walk them all again each time enough more were made, waits (a third of the time).
    collecting = gc.isenabled()
    gc.disable()
    try:
        raw = json.loads(gzip.decompress(data))
    finally:
        if collecting:
            gc.enable()
    # The entries stay the lists JSON reads: they unpack as the tuples do, and remaking
    # 200,000 of them would add half again to every conversion's start.
    return Table(raw["grams"], raw["words"])


_trial: list[Prose] = []  # a model being trained, used instead of the file


@cache
def _shipped() -> Prose:
    if not PROSE_FILE.exists():
        return Prose(Table({}, {}))
    # read from what an earlier run kept of the same file, quicker to read (compiled.py)
    grams, words = compiled.tables(PROSE_FILE, _plain)
    return Prose(Table(grams, words))


def _plain(data: bytes) -> tuple[Grams, Words]:
    table = load(data)
    return table.grams, table.words


def model() -> Prose:
    return _trial[-1] if _trial else _shipped()


def try_model(table: Table | None) -> None:
    """Weigh with this table (training does); None goes back to the shipped one."""
    _trial.clear()
    if table is not None:
        _trial.append(Prose(table))
