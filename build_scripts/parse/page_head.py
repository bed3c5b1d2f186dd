"""The page's head: what a paper prints above its first article, before the first blank line
— its masthead, the running head, the page's editors, a county paper's lines of who publishes
it — read as furniture, every line of it.

A page's first line is furniture when it is the paper's name (`profile.mastheads`), a running
head (a full date and its weekday, `parser._running_head`) or a line of editors
(`patterns.is_furniture`). The lines set right below it, with no blank line between, go with
it as long as none of them ends a sentence or credits a story; so does a first line that ends
no sentence above such a line (the page's number, or its section: `9` / `青原日报　健康周刊
2025年11月12日　星期三…`, `A14　环球` / `2025年11月11日　星期二　责编…`):

    双河报
    SHUANGHE BAO
    中共双河县委机关报　双河县融媒体中心出版
    2025年10月24日　星期五　农历乙巳年九月初四　第2718期
    （湘）内部资料准印证第D0168号　免费赠阅

    民生法治报　法律服务　6
    2025年10月23日　星期四　责任编辑：戴琳　校对：潘悦

A head that holds a byline or a dateline is no head: a headline sits in it, set right below
the running head; only the lines the rules make furniture are.
"""

from __future__ import annotations

from collections.abc import Sequence

from build_scripts.ingest.paper_profile import PaperProfile
from build_scripts.parse import patterns as p
from build_scripts.parse.layout import Unit

# No line of a page's head is longer, or ends a sentence
HEAD_LINE_MAX = 100
_SENTENCE_MARKS = "。！？；"
# The paper's name opening or closing a line of at most this many other words, each this
# short or shorter: the paper, the page's section and its number (`民生法治报　法律服务　6`)
MASTHEAD_WORDS_MAX, MASTHEAD_WORD_MAX = 4, 10


def page_head(units: Sequence[Unit], profile: PaperProfile) -> int:
    """How many of the page's first units are its head (0: the page opens with an article)."""
    if not units:
        return 0
    n = 1
    while n < len(units) and units[n].gap_before == 0 and _head_like(units[n]):
        n += 1
    block = units[:n]
    # (or the page's number or its section above the running head: `9` / `青原日报　… 星期三 …`)
    opened = opens_the_head(block[0].text, profile) or (
        _head_like(block[0]) and any(opens_the_head(u.text, profile) for u in block[1:])
    )
    if not opened or any(p.is_byline_line(u.text) or p.dateline_of(u.text) for u in block[1:]):
        return 0
    return n


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
