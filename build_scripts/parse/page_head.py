"""The page's head: what a paper prints above its first article — its masthead, the running
head, the page's editors, a county paper's lines of who publishes it — read as furniture,
every line of it.

The head is the run of lines at the page's top, with no blank line between them, down to the
last that names the paper (`profile.mastheads`, alone or with the page's section and number),
dates the page (a running head: a full date and its weekday) or credits its editors
(`patterns.is_furniture`). Above that line, the lines a head holds there: the paper's name in
Latin letters, who publishes it (`…机关报`, `…出版`), the page's number or section (`9`,
`A14　环球`, `房产·汽车`). Below it, only what no headline holds: the paper's licence (`准印证`),
a line of its fields (`广告热线：… 刊登地址：…`). The first article's headline, set right below
the running head, is never the head's, whatever words it holds (`《桃溪县志》正式出版`):

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
# Lines that may stand in a head above its running head or the paper's name (a headline may
# hold such words too, and below them the first article's headline is set): the paper's name
# in capitals (`SHUANGHE BAO`), the page's number and section (`9`, `A14　环球`, `15　副刊·夜航船`,
# `督察·修复　　2`, `房产·汽车`), who publishes the paper, its editors
_ABOVE_LINE_RE = compiled.pattern(
    rf"^(?:[A-Z][A-Z .&'-]{{2,40}}"
    rf"|[A-Z]?\d{{1,3}}(?:\s+[{p.HAN}·｜|]{{1,10}})?"
    rf"|[{p.HAN}]{{2,8}}[·｜|][{p.HAN}·｜|]{{1,12}}(?:\s+[A-Z]?\d{{1,3}})?"
    rf"|[{p.HAN}]{{2,10}}\s+[A-Z]?\d{{1,3}}"
    rf"|.*(?:机关报|出版|主办|(?:主编|编辑|责编|美编|校对|版式|视觉)(?:\s*[:：／/]|\s+[{p.HAN}])).*)$"
)
# Lines that are the head's wherever they stand, never a headline's: the paper's name in Latin
# words (`TAOXI BAO`; not a kicker's `CBA`), its licence, a line of the paper's fields
# (`分类·公告　广告热线：020-87776000　刊登地址：…`) or of the page's editors, two of them at least
# (`责任编辑／邵卫国　校对／贺东`; not an interview's `…主编：修志是一场长跑`)
_EDITOR = "(?:主编|编辑|责编|美编|校对|版式|视觉)"
_HEAD_ONLY_RE = compiled.pattern(
    r"^(?:[A-Z]{2,}(?: [A-Z]{2,})+|.*(?:准印证|出版物号|邮发代号|免费赠阅).*|.*\S[:：]\S+\s+.*\S[:：]\S+.*"
    rf"|.*{_EDITOR}\s*[:：／/]?\s*[{p.HAN}]{{2,4}}\s+.*{_EDITOR}.*)$"
)


def page_head(units: Sequence[Unit], profile: PaperProfile) -> int:
    """How many of the page's first units are its head (0: the page opens with an article):
    the lines down to its last that names the paper, dates the page or credits its editors,
    and below that only lines no headline holds."""
    last = -1
    n = 0
    while n < len(units) and (n == 0 or units[n].gap_before == 0) and _head_like(units[n]):
        text = units[n].text
        if opens_the_head(text, profile):
            last = n
        elif not (_ABOVE_LINE_RE.match(text) or _HEAD_ONLY_RE.match(text)):
            break
        n += 1
    while last + 1 < n and _HEAD_ONLY_RE.match(units[last + 1].text):
        last += 1
    return last + 1


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


def _head_like(unit: Unit) -> bool:
    return not unit.indented and _no_sentence(unit.text)


def _no_sentence(text: str) -> bool:
    return len(text) <= HEAD_LINE_MAX and not any(mark in text for mark in _SENTENCE_MARKS)
