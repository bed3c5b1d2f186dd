"""A page printed in traditional characters is cut by its simplified reading.

Everything the parser knows of a paper's language is in simplified characters: its role
words (记者, 报道), surnames, dateline forms (本报讯), column names, jieba's dictionary and the
prose model its evidence weighs breaks with. A page of a paper printed in traditional
characters (a Hong Kong or Taiwan paper, a mainland paper before 1956) met none of it: on
invented pages of such a paper, reporters came out as `記者, 蘇穎欣, 報道` and a byline as a
headline, where the same pages in simplified characters were cut right.

So such a page is read character for character in simplified characters (OpenCC's `t2s`,
each character on its own, so that the reading is exactly as long as the page), cut as that
reading, and what the parser made of it is given back the page's own characters, position
by position (`restore`): the output holds exactly the characters printed, and a page in
simplified characters is parsed as it is, with no reading at all.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from collections import Counter
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

from build_scripts.ingest.paper_profile import PaperProfile
from build_scripts.parse import compiled
from build_scripts.parse.model import Article, Decision, Names, PageParse, Segment

# A page is printed in traditional characters when at least this share of its Han characters
# are ones `t2s` changes: 29–50 % on pages of a Hong Kong paper, at most 2.4 % on the 535
# pages of a national daily in simplified characters (an advertisement naming 华为乾崑).
TRADITIONAL_SHARE = 0.1

_HAN_RUNS_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")


@functools.cache
def _table() -> dict[int, str]:
    """Each character `t2s` changes on its own, and what it changes it to (one character):
    kept by the conversion cache for the bytes of OpenCC's character dictionary (it takes a
    twenty-fifth of a second to work out, on the way of converting again, `compiled.py`)."""
    spec = importlib.util.find_spec("opencc")
    dictionary = Path(spec.origin).parent / "clib/share/opencc/TSCharacters.ocd2" if spec and spec.origin else None
    if dictionary is None or not dictionary.is_file():  # (laid out otherwise: worked out each time)
        return _worked_out()
    return compiled.tables(dictionary, lambda _: _worked_out(), version=_TABLE_MADE)


# How `_worked_out` makes the table: a table kept by an earlier run is read only if made so
_TABLE_MADE = "U+3400..U+9FFF, each character on its own, to one character"


def _worked_out() -> dict[int, str]:
    import opencc

    converter = opencc.OpenCC("t2s")
    every = "".join(chr(code) for code in range(0x3400, 0xA000))
    converted = converter.convert(every)  # (one call: a thousand times faster than one a character)
    pairs = (
        zip(every, converted, strict=True)
        if len(converted) == len(every)
        else ((c, converter.convert(c)) for c in every)
    )
    # (confirmed one by one: a character of a phrase the whole range happens to spell may be
    # converted otherwise than on its own)
    return {ord(a): b for a, b in pairs if a != b and len(b) == 1 and converter.convert(a) == b}


@functools.cache
def _changed_re() -> re.Pattern[str]:
    return compiled.pattern("[" + "".join(sorted(chr(code) for code in _table())) + "]")


def simplified_reading(text: str) -> str | None:
    """The page read in simplified characters, as long as it; None where the page is not
    printed in traditional characters (it is parsed as it is)."""
    changed = len(_changed_re().findall(text))  # (most pages have none: counted first, and fast)
    if not changed or changed < TRADITIONAL_SHARE * sum(map(len, _HAN_RUNS_RE.findall(text))):
        return None
    return text.translate(_table())


def load() -> None:
    """Load OpenCC's table now (a hundredth of a second): a conversion does it before forking
    its workers, which then share it."""
    _changed_re()


@functools.cache
def profile_read(profile: PaperProfile) -> PaperProfile:
    """The profile's words as the reading spells them (an archive.yml may write them as its
    paper prints them: `column_words: [晚報論壇]`)."""
    table = _table()
    changes: dict[str, Any] = {
        f.name: tuple(word.translate(table) for word in getattr(profile, f.name))
        for f in fields(profile)
        if isinstance(getattr(profile, f.name), tuple)
    }
    return replace(profile, **changes)


def restore(parsed: PageParse, text: str, reading: str, first_line: int) -> PageParse | None:
    """What the parser made of the `reading` of `text` (whose first line is the file's line
    `first_line`), with the characters of `text` again: every segment's, every name's and
    every decision's. None if the parse does not hold the reading's characters in order
    (then the page is parsed as printed)."""
    printed = [ch for ch in text if not ch.isspace()]
    read = [ch for ch in reading if not ch.isspace()]
    given: dict[int, Segment] = {}
    k = 0
    for segment in parsed.segments_in_order:
        out = []
        for ch in segment.text:
            if ch.isspace():
                out.append(ch)
                continue
            if k >= len(read) or read[k] != ch:
                return None
            out.append(printed[k])
            k += 1
        given[id(segment)] = replace(segment, text="".join(out))
    if k != len(read):
        return None
    back = _characters_back(printed, read)
    articles = [_article(article, given, back) for article in parsed.articles]
    furniture = [given[id(s)] for s in parsed.furniture]
    printed_lines, read_lines = text.split("\n"), reading.split("\n")
    decisions = [_decision(d, printed_lines, read_lines, first_line, back) for d in parsed.decisions]
    return PageParse(articles, furniture, decisions)


# The most lines a decision's excerpt is looked for in (a wrapped paragraph's lines)
_LINES_OF_A_BLOCK = 60


def _characters_back(printed: list[str], read: list[str]) -> dict[int, str]:
    """Each character of the reading that stands for another on this page, and the one it
    stands for most often (後 for 后, unless the page prints 皇后 more often than 之後)."""
    changed = {b for a, b in zip(printed, read, strict=True) if a != b}
    seen: dict[str, Counter[str]] = {b: Counter() for b in changed}
    for a, b in zip(printed, read, strict=True):
        if b in changed:
            seen[b][a] += 1  # (printed as it is read too: 布 as 布, besides 佈 as 布)
    return {ord(b): counts.most_common(1)[0][0] for b, counts in seen.items()}


def _article(article: Article, given: dict[int, Segment], back: dict[int, str]) -> Article:
    segments = [given[id(s)] for s in article.segments]
    read = "".join("".join(s.text.split()) for s in article.segments)
    printed = "".join("".join(s.text.split()) for s in segments)
    names = article.names
    return Article(
        segments,
        Names(
            tuple(_as_printed(n, read, printed, back) for n in names.authors),
            tuple(_as_printed(n, read, printed, back) for n in names.correspondents),
        ),
    )


def _as_printed(name: str, read: str, printed: str, back: dict[int, str]) -> str:
    """A name the parser found in the article's reading, as the article prints it (character
    by character as this page prints them, where the name is not found as it is: spaced)."""
    at = read.find(name)
    return printed[at : at + len(name)] if at >= 0 else name.translate(back)


def _decision(decision: Decision, printed: list[str], read: list[str], first: int, back: dict[int, str]) -> Decision:
    """A decision's excerpt of its line, as the line is printed; an excerpt of a block of
    lines (a wrapped paragraph's), character by character as this page prints them — as is
    what its rule quotes of the page (`dateline.opening (【本报讯】)`)."""
    decision = replace(decision, rule=decision.rule.translate(back))
    n = decision.line - first
    if not decision.text or not 0 <= n < len(read):
        return decision
    # its line, or its line and those below it run together, as a wrapped paragraph's are
    # (each line of the reading as long as the line printed)
    for lines in (1, _LINES_OF_A_BLOCK):
        at = "".join(read[n : n + lines]).find(decision.text)
        if at >= 0:
            return replace(decision, text="".join(printed[n : n + lines])[at : at + len(decision.text)])
    return replace(decision, text=decision.text.translate(back))
