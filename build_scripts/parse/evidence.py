"""Weighed evidence for the two decisions no single shape settles:

- *break or join*: does a block that stops without terminal punctuation go on in the next
  block (a page or column break cut it), or was it a paragraph of its own (a lead, a
  sub-head, a quotation)?
- *headline or not*: does a line open a new article, or is it a sub-head or a paragraph of
  the article above?

Each decision is a small logistic model over named features (the evidence), with weights
learnt from real pages (`python -m build_scripts.parse.train`, see maintainers/parser.md)
and shipped in `weights.json`. Scoring is a sum of weights: deterministic, and `--explain`
can name the evidence that weighed most.
"""

from __future__ import annotations

import heapq
import json
import math
import operator
from functools import cache
from itertools import repeat
from pathlib import Path

from build_scripts.parse import breaks, compiled, lexical, prose, shapes
from build_scripts.parse import patterns as p
from build_scripts.parse.memo import memo

WEIGHTS_FILE = Path(__file__).with_name("weights.json")

Features = dict[str, float]

_STOP = "。！？!?…"
_COMMA = "，,、；;：:"
_QUOTE_OPEN = "“‘「『《〈"


def char_class(ch: str) -> str:
    if not ch:
        return "none"
    if ch in _COMMA:
        return "comma"
    if ch in _STOP or ch == ".":
        return "stop"
    if ch in p.QUOTE_CLOSERS:
        return "quote_close"
    if ch in _QUOTE_OPEN:
        return "quote_open"
    if ch in "()[]<>{}":
        return "ascii_bracket"  # code and markup, not a column tag（金台随笔）
    if ch in p.BRACKET_CLOSERS:
        return "bracket_close"
    if ch in "（(【[":
        return "bracket_open"
    if ch in "—－-":
        return "dash"
    if ch.isdigit():
        return "digit"
    if ch.isascii() and ch.isalpha():
        return "latin"
    if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf":
        return "han"
    return "other"


def _buckets(name: str, value: int, limits: tuple[int, ...]) -> Features:
    return {f"{name}>{limit}": 1.0 for limit in limits if value > limit}


_FIRST_COMMA_RE = compiled.pattern(r"[，,：:]")
_OPENING_NUMBER_RE = compiled.pattern(r"[\d.．%％]+([年月日时点号]|世纪|年代)?")
_CLAUSE_SPLIT_RE = compiled.pattern(r"[，,；;。！？]")


def join_features(before: str, after: str, lead: bool, title: str = "", alike: int | None = None) -> Features:
    """Evidence that `after` carries on the paragraph `before` (which stops without terminal
    punctuation). `lead`: `before` is the first paragraph below the headline `title`;
    `alike`: for a short `before`, how many lines of its article are like it (`lines_alike`)."""
    # weighed once as the block above (will the next block carry it on?), once as the block
    # below (does it carry the one above on?): the same pair, remembered. A byline glued to the
    # block below is no part of its text: `…成功处置。”本报记者 李茂颖` ends a sentence
    glued = p.glued_byline(after)
    return dict(_join_features(before, glued[0] if glued else after, lead, title, alike))


def _clause_against_neighbours(clause: str, neighbours: list[str]) -> str:
    """`shorter`, `alike` or `longer`: a clause against the mean length of its neighbours in
    the same block ("" where it or they are empty: a block ending or opening at a comma)."""
    lengths = [len(c) for c in neighbours if c]
    if not clause or not lengths:
        return ""
    mean = sum(lengths) / len(lengths)
    return "shorter" if len(clause) < mean * 0.6 else "longer" if len(clause) > mean * 1.6 else "alike"


SHORT_LINE = 40  # a sub-head's length at most
SENTENCE_ENDS_WITHIN = 8  # characters below a break (`after_sentence_ends_at_once`)


def lines_alike(texts: list[str], at: int) -> int | None:
    """How many other blocks of an article (`texts`, its headline first) are like
    `texts[at]`: as short, about as long, stopping without punctuation, with a longer block
    below them (not a byline) — or, for a section's label and its words (`原委：…`), other
    such blocks with labels of their own. An article's sub-heads come in a series; the first
    part of a paragraph a break cut has no such fellows. None for a block too long to be a
    sub-head."""
    text = texts[at]
    label = shapes.heading_label(text)
    labels = shapes.labels_once(texts[1:]) if label is not None else set()
    labelled = label in labels
    if len(text) > SHORT_LINE and not labelled:
        return None
    return sum(
        1
        for k in range(1, len(texts) - 1)  # not the headline the article opens with
        if k != at
        and (
            (len(text) <= SHORT_LINE and len(texts[k]) <= SHORT_LINE and abs(len(texts[k]) - len(text)) <= 4)
            or (labelled and shapes.heading_label(texts[k]) in labels)
        )
        and not shapes.opens_article(texts[k])  # a byline
        and not p.is_terminated(texts[k])
        and len(texts[k + 1]) > SHORT_LINE
        # a line a word runs on from, below it, is the first part of a paragraph a break
        # cut: a long document has many, of all lengths, and they are no series of sub-heads
        and not breaks.word_across(texts[k], texts[k + 1])
    )


@memo
def _join_features(before: str, after: str, lead: bool, title: str, alike: int | None) -> tuple[tuple[str, float], ...]:
    f: Features = {"bias": 1.0}
    if alike and not breaks.word_across(before, after):
        f["short_lines_alike_in_article"] = 1.0
    core = before.rstrip(p.CLOSERS + " ")
    f["before_ends:" + char_class(before[-1:])] = 1.0
    f["before_core_ends:" + char_class(core[-1:])] = 1.0
    f["after_starts:" + char_class(after[:1])] = 1.0
    f["before_starts:" + char_class(before[:1])] = 1.0
    f["after_ends:" + char_class(after.rstrip(p.CLOSERS)[-1:])] = 1.0
    if after[:1] and after[0] in breaks.NEVER_FIRST:
        f["after_starts_with_particle"] = 1.0
    if breaks.word_across(before, after):
        f["word_across_break"] = 1.0
    (last, last_tag), (first, first_tag) = breaks.edge_words(before, after)
    f["before_last_word:" + last_tag[:1]] = 1.0
    f["after_first_word:" + first_tag[:1]] = 1.0
    f[f"before_last_word_len:{min(len(last), 3)}"] = 1.0
    f[f"after_first_word_len:{min(len(first), 3)}"] = 1.0
    f.update(_buckets("joined_len", len(before) + len(after), (60, 80, 120, 200)))
    number = _OPENING_NUMBER_RE.match(after)
    if number:  # a paragraph may open with a date (2025年，…), rarely with an amount (1.2亿元，…)
        f["after_opens_with:" + ("date" if number.group(1) else "amount")] = 1.0
    f.update(_buckets("before_len", len(before), (10, 20, 30, 40, 60, 100)))
    f.update(_buckets("after_len", len(after), (10, 20, 30, 40, 60, 100)))
    if any(ch in before for ch in _STOP):
        f["before_has_stop"] = 1.0
    if "，" in before:
        f["before_has_comma"] = 1.0
    if "；" in before or ";" in before:
        f["before_has_semicolon"] = 1.0
    if before.endswith("——"):
        f["before_ends_dashes"] = 1.0
    if p.is_terminated(after):
        f["after_terminated"] = 1.0
    if lead:
        f["before_is_lead"] = 1.0
        if p.without_trailing_bracket(title) != title:  # a column's piece opens with a summary
            f["before_is_lead_of_a_column"] = 1.0

    m = _FIRST_COMMA_RE.search(after[:12])
    f["after_first_comma:" + (str(min(m.start(), 8)) if m else "none")] = 1.0
    clauses = _CLAUSE_SPLIT_RE.split(before)
    last_clause = clauses[-1]
    f.update(_buckets("before_last_clause", len(last_clause), (4, 8, 12, 20)))
    # A heading's phrases run alike (`清洁能源替代、构建循环链条，减碳成效持续释放`); a break
    # cuts a sentence anywhere, so the clause it cuts above it, and the rest of that clause
    # below it, are often shorter than the clauses around them.
    shape = _clause_against_neighbours(last_clause, clauses[-4:-1])
    if shape:
        f["before_last_clause_vs_rest:" + shape] = 1.0
    after_clauses = _CLAUSE_SPLIT_RE.split(after)
    shape = _clause_against_neighbours(after_clauses[0], after_clauses[1:3])
    if shape:
        f["after_first_clause_vs_rest:" + shape] = 1.0
    if any(ch in "。！？" for ch in after[:SENTENCE_ENDS_WITHIN]):
        # a sentence ends a few characters below the break: the end of the one above,
        # seldom a whole sentence opening a paragraph
        f["after_sentence_ends_at_once"] = 1.0
    if p.dateline_of(after):
        f["after_dateline"] = 1.0
    # A quotation or a bracket opened and not closed: the sentence goes on below.
    if breaks.leaves_open(before):
        f["before_leaves_open"] = 1.0
    if breaks.closes_first(after):
        f["after_closes_first"] = 1.0
    if (
        before[-1:].isdigit()
        and after[:1].isdigit()
        or before[-1:].isascii()
        and after[:1].isascii()
        and before[-1:].isalnum()
        and after[:1].isalnum()
    ):
        f["number_or_word_across_break"] = 1.0
    if "。" in before or "！" in before or "？" in before:
        f["before_stop_then_" + char_class(core[-1:])] = 1.0
    runs_on = prose.model().runs_on(before, after)
    f["runs_on"] = max(-10.0, min(10.0, runs_on)) / 5
    f.update(_buckets("runs_on", math.floor(runs_on), (-5, -3, -1, 1, 3)))
    f.update(_buckets("closes", math.floor(prose.model().closes_after(before)), (-8, -6, -4, -2)))
    f.update(_buckets("opens", math.floor(prose.model().opens_with(after)), (-2, 0, 2, 4)))
    last, first = breaks.clause_edges(before, after)
    f.update(_buckets("last_word_closes", math.floor(prose.model().closes_clause(last)), (-3, -2, -1, 0, 1)))
    f.update(_buckets("first_word_opens", math.floor(prose.model().opens_clause(first)), (-3, -2, -1, 0, 1)))
    return tuple(f.items())


# a gap between words, not one inside a run of Latin letters and digits (`仰望U9 Xtreme`)
_GAP_RE = compiled.pattern(r"(?<=[^\x00-\x7f])[ \u3000]+(?=\S)|(?<=\S)[ \u3000]+(?=[^\x00-\x7f])")


def _shape(prefix: str, text: str) -> Features:
    f: Features = {}
    core = p.without_trailing_bracket(text)
    f.update(_buckets(prefix + "len", len(text), (6, 10, 16, 24, 32, 40, 50, 64, 90)))
    if p.is_terminated(core):
        f[prefix + "terminated"] = 1.0
    f[prefix + "ends:" + char_class(text[-1:])] = 1.0
    f[prefix + "starts:" + char_class(text[:1])] = 1.0
    punct = sum(text.count(ch) for ch in "，。；！？")
    f[prefix + f"punct:{min(punct, 3)}"] = 1.0
    if "。" in text[:-1]:
        f[prefix + "stop_inside"] = 1.0
    if core != text:
        f[prefix + "bracket_tag_at_end"] = 1.0
    gaps = _GAP_RE.findall(text)
    if gaps:
        f[prefix + "space_inside"] = 1.0
    if gaps and not (p.is_byline_line(text) or p.glued_byline(text)):
        # a headline's pieces are set apart by one space; a sub-head printed in two halves,
        # a name spaced out to fill the line, by a wider gap (`理论武装  学深悟透`, `程  兆`);
        # a byline's names are set apart by one space too (`本报记者 杨颜菲 吴 君`)
        f[prefix + "space_width:" + ("1" if all(gap == " " for gap in gaps) else "2+")] = 1.0
    return f


def headline_features(
    text: str,
    before: str | None,
    after: str | None,
    gap: int,
    usual_gap: float,
    previous: str,
    credited: bool = False,
    credit_below: bool = False,
    line_cohesion: float | None = None,
    text_cohesion: float | None = None,
    line_below: float | None = None,
    picture_below: bool = False,
    subheads_above: tuple[str, ...] = (),
    dispatch_above: bool = False,
    blocks_below: int | None = None,
    signed_below: bool = False,
    parallel_below: bool = False,
    blocks_above: int | None = None,
    alike: int | None = None,
    quoted_above: bool = False,
) -> Features:
    """Evidence that the line `text` opens an article. `before`/`after`: the blocks around
    it; `previous`: what the block before it was (headline, byline, paragraph, end — an
    article ended there —, or start of the page); `credited`: the article above is credited
    at its top (byline or dateline); `credit_below`: the text below this line, up to the
    next headline, ends with a credit of its own; `signed_below`: the text right below it,
    before any other line shaped like a heading, does (an article signed at its end);
    `blocks_above`: the blocks of text the article above has so far."""
    f: Features = {"bias": 1.0}
    f[f"credited_above:{int(credited)}_credit_below:{int(credit_below)}"] = 1.0
    f[f"credited_above:{int(credited)}_signed_below:{int(signed_below)}"] = 1.0
    if line_cohesion is not None:
        f["line_shares_words_with_article:" + lexical.level(line_cohesion)] = 1.0
    if text_cohesion is not None:
        f["text_below_shares_words_with_article:" + lexical.level(text_cohesion)] = 1.0
    if line_below is not None:  # a headline's words come back in the lead below it
        f["line_shares_words_with_text_below:" + lexical.level(line_below)] = 1.0
    f.update(_shape("", text))
    # a sentence often opens with a short phrase and a comma (此外，/ 据介绍，/ 近年来，)
    m = _FIRST_COMMA_RE.search(text[:8])
    if m and m.start() <= 4:
        f["opens_like_a_sentence"] = 1.0
    wider = gap - max(usual_gap, 1)
    f[f"gap_wider:{max(min(int(wider), 2), -1)}"] = 1.0
    f["previous:" + previous] = 1.0
    if p.SUBHEAD_MARKER_RE.match(text):
        f["subhead_marker"] = 1.0
    if p.ends_mid_sentence(text):
        f["ends_mid_sentence"] = 1.0
    if blocks_below is not None:  # a brief is a few paragraphs; a sub-head leads a long part
        f[f"blocks_below:{min(blocks_below, 7)}"] = 1.0
    if dispatch_above:  # a dispatch (its text opens with a dateline) is seldom cut into parts
        f["article_above_is_a_dispatch"] = 1.0
    if subheads_above:  # the article is already cut into parts: is this one of them?
        f["article_has_subheads"] = 1.0
        if any(abs(len(s) - len(text)) <= 2 for s in subheads_above):
            f["as_long_as_a_subhead_above"] = 1.0
    if blocks_above is not None:  # an article seldom ends after a paragraph or two, a brief's
        f[f"blocks_above:{min(blocks_above, 6)}"] = 1.0  # sections seldom run so short
    if parallel_below:  # a heading like it further down: the sections of one article
        f["parallel_heading_below"] = 1.0
    if alike:  # short lines like it in the article: its sub-heads (`lines_alike`)
        f[f"short_lines_alike_in_article:{min(alike, 2)}"] = 1.0
    if quoted_above:  # a quotation as its own line, like one the article has set so above
        f["quoted_like_a_line_above"] = 1.0
    if picture_below:  # a picture item: a title, a line or two, the photo credit
        f["photo_credit_below"] = 1.0
    if before is not None:
        if p.is_caption(before) or p.AUTHOR_NOTE_RE.match(before):
            f["before_signs_off"] = 1.0  # a photo credit or a note on the writer ends a piece
        if not p.is_terminated(before):
            f["before_open"] = 1.0
        if p.ends_mid_sentence(before):
            f["before_mid_sentence"] = 1.0
    if after is None:
        f["page_end"] = 1.0
    else:
        f.update(_shape("after_", after))
        if p.is_byline_line(after) or p.is_signature_name(after):  # names of any surname: `若 水 王亚彬`
            f["after_byline"] = 1.0
        if p.dateline_of(after):
            f["after_dateline"] = 1.0
        if p.is_note(after):
            f["after_note"] = 1.0
    return f


# A short quotation standing as a line of its own (`“我种的麦子上过太空”`): in an article
# that has set one so already, the next one heads its next section (on the 535 real pages,
# 210 of 220 such lines are not headlines).
_QUOTED_LINE_RE = compiled.pattern(r"^“[^“”。]{2,38}”$")


def quoted_line(text: str) -> bool:
    return bool(_QUOTED_LINE_RE.match(text))


def picture_below(texts: list[str]) -> bool:
    """Does a photo credit close the next blocks, before any line shaped like a heading?"""
    for text in texts:
        if p.is_caption(text):
            return True
        if shapes.heading_shaped(text):
            return False
    return False


_trial: dict[str, dict[str, float]] = {}  # weights being trained, used instead of the file


@cache
def _shipped() -> dict[str, dict[str, float]]:
    return json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))["models"]


def _weights() -> dict[str, dict[str, float]]:
    return _trial or _shipped()


def try_weights(models: dict[str, dict[str, float]]) -> None:
    """Score with these weights (training does, to see the pages as a first model would);
    an empty dict goes back to the shipped ones."""
    _trial.clear()
    _trial.update(models)


def forget() -> None:
    """Forget the evidence weighed so far (training changes the prose model under it)."""
    _join_features.cache_clear()


def score(model: str, features: Features) -> float:
    weights = _weights()[model]
    # (each weight times its value, summed in the features' order: as a generator of the
    # products would, in a third less time — it is asked of every weighed line)
    return sum(map(operator.mul, map(weights.get, features, repeat(0.0)), features.values()))


def probability(model: str, features: Features) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score(model, features)))))


def strongest(model: str, features: Features, n: int = 3) -> str:
    """The evidence that weighed most, for `--explain`: `word_across_break +4.1, …`."""
    weights = _weights()[model]
    parts = [(weights[k] * v, k) for k, v in features.items() if k != "bias" and k in weights]
    top = heapq.nlargest(n, parts, key=lambda item: abs(item[0]))  # as sorted(…)[:n], in fewer steps
    return ", ".join(f"{name} {value:+.1f}" for value, name in top if value)
