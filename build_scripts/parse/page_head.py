"""The page's head: what a paper prints above its first article — its masthead, the running
head, the page's editors, a county paper's lines of who publishes it — read as furniture,
every line of it.

The head is the run of lines at the page's top, with no blank line between them, each of them
a line of a head: the paper's name (`profile.mastheads`, alone or with the page's section and
number), a running head (a full date and its weekday), a line of editors or of the paper's
footer (`patterns.is_furniture`), the paper's name in Latin letters, who publishes it
(`…机关报`, `…出版`), its licence (`准印证`, `出版物号`), the page's number or section alone (`9`,
`A14　环球`). One of them at least must be the name, a running head or a line of editors: a
number above a headline is no head. The first line that is none of these — the first
article's headline, set right below the running head — ends it:

    双河报
    SHUANGHE BAO
    中共双河县委机关报　双河县融媒体中心出版
    2025年10月24日　星期五　农历乙巳年九月初四　第2718期
    （湘）内部资料准印证第D0168号　免费赠阅

    民生法治报　法律服务　6
    2025年10月23日　星期四　责任编辑：戴琳　校对：潘悦
"""

from __future__ import annotations

from collections.abc import Sequence

from build_scripts.ingest.paper_profile import PaperProfile
from build_scripts.parse import compiled
from build_scripts.parse import patterns as p
from build_scripts.parse.layout import Unit

# No line of a page's head is longer, or holds a sentence's end
HEAD_LINE_MAX = 100
_SENTENCE_MARKS = "。！？；"
# The paper's name opening or closing a line of at most this many other words, each this
# short or shorter: the paper, the page's section and its number (`民生法治报　法律服务　6`)
MASTHEAD_WORDS_MAX, MASTHEAD_WORD_MAX = 4, 10
# The paper's name in capitals (`SHUANGHE BAO`), the page's number and section (`9`, `A14　环球`,
# `15　副刊·夜航船`, `督察·修复　　2`, `房产·汽车`), who publishes the paper, its licence, where to
# call it, the page's editors
_HEAD_LINE_RE = compiled.pattern(
    rf"^(?:[A-Z][A-Z .&'-]{{2,40}}"
    rf"|[A-Z]?\d{{1,3}}(?:\s+[{p.HAN}·｜|]{{1,10}})?"
    rf"|[{p.HAN}]{{2,8}}[·｜|][{p.HAN}·｜|]{{1,12}}(?:\s+[A-Z]?\d{{1,3}})?"
    rf"|[{p.HAN}]{{2,10}}\s+[A-Z]?\d{{1,3}}"
    rf"|.*(?:机关报|出版|主办|准印证|出版物号|邮发代号|免费赠阅|热线\s*[:：]\s*[\d（(]|(?:主编|编辑|责编|美编|校对|版式|视觉)(?:\s*[:：／/]|\s+[{p.HAN}])).*)$"
)


def page_head(units: Sequence[Unit], profile: PaperProfile) -> int:
    """How many of the page's first units are its head (0: the page opens with an article)."""
    n = 0
    while n < len(units) and (n == 0 or units[n].gap_before == 0) and head_line(units[n], profile):
        n += 1
    return n if any(opens_the_head(u.text, profile) for u in units[:n]) else 0


def head_line(unit: Unit, profile: PaperProfile) -> bool:
    """Could this line be a line of the page's head (not indented, no sentence in it)?"""
    text = unit.text
    return (
        not unit.indented and _no_sentence(text) and (opens_the_head(text, profile) or bool(_HEAD_LINE_RE.match(text)))
    )


def opens_the_head(text: str, profile: PaperProfile) -> bool:
    """The paper's name (alone, or with the page's section and number), a running head with
    the date and its weekday, or a line of the page's editors."""
    return (
        profile.is_masthead(text) or masthead_with_labels(text, profile) or running_head(text) or p.is_furniture(text)
    )


def running_head(text: str) -> bool:
    """A line with a full date and its weekday and no sentence (`A08 2025年9月17日 星期三 经济
    责编 沈一帆`, `北滨晚报·文体 A06 2025.9.19 星期五 编辑 马骁`)."""
    return _no_sentence(text) and bool(p.RUNNING_HEAD_DATE_RE.search(text))


def masthead_with_labels(text: str, profile: PaperProfile) -> bool:
    """The paper's name, then (or after) a few short words: the page's section and number
    (`民生法治报　法律服务　6`, `A19　南潮都市报`)."""
    words = text.split()
    if not _no_sentence(text) or len(words) < 2:
        return False
    for name, rest in ((words[0], words[1:]), (words[-1], words[:-1])):
        if profile.is_masthead(name) and len(rest) <= MASTHEAD_WORDS_MAX:
            return all(len(word) <= MASTHEAD_WORD_MAX for word in rest)
    return False


def _no_sentence(text: str) -> bool:
    return len(text) <= HEAD_LINE_MAX and not any(mark in text for mark in _SENTENCE_MARKS)
