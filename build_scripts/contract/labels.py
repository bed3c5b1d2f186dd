"""Small pieces of wording every page, feed, citation and search result shares, defined once:
the untitled placeholder, the Chinese date, the 版 label, the subtitle dash, a divider between
parts of a text and an article's opening sentence (a headline's pieces: `headline.py`).
"""

from __future__ import annotations

import datetime as dt
import re

NO_TITLE = "（无标题）"  # an article printed without a headline
WEEKDAYS = "一二三四五六日"
# A headline piece that starts with a dash is a subtitle (副题): `——记全国劳模李明`.
SUBTITLE_DASHES = ("——", "—", "－－", "--")
# Characters that print nothing, found before a subtitle's dash on real pages (`\u200b——评…`)
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
# a row of stars or marks alone on its line (`***  ***`, `＊ ＊ ＊`, `※※※`): a pause in the text,
# which its page prints as a divider (two marks at least: a lone ● or ○○○ may stand for a name
# left out)
DIVIDER_RE = re.compile(r"^\s*(?:[*＊※✱✲★☆◆◇]\s*){2,}$")
# The label of the highlights a page prints in a box above an article's text (`头条看点`): the
# box's title, not the heading of a section that runs on to the next sub-head
HIGHLIGHTS_LABEL_RE = re.compile(r"^(?:■\s*)?[\u4e00-\u9fff]{2}看点$")
# A heading that opens with its number in a series (`第一节  一般规定`, `（二）…`, `三、…`,
# `1、…`): a heading of its own below another (`第二章  …` / `第一节  …`), never its second line
NUMBERED_HEADING_RE = re.compile(
    r"^(?:第[一二三四五六七八九十百零〇\d]+(?:部分|章|节|篇)|[（(][一二三四五六七八九十\d]+[）)]|(?:[一二三四五六七八九十]+|[0-9０-９]{1,2})、)"
)
# A sentence: up to the marks that end it, and the quotation marks and brackets they close
# (`…竞争力。”`).
_SENTENCE = re.compile(r".*?(?:[。！？!?]+|…{1,2})[”’」』）)]*", re.S)


def byline_with_names(byline: str, names: tuple[str, ...] | list[str], whole_names: bool = False) -> str:
    """The byline as a list of articles or a search result shows it: as printed, then the
    names it does not spell out — a byline of `本报记者` alone, its reporters named in a
    credit at the article's end, reads `本报记者 张贺、耿磊`. A byline printed in brackets
    after a dateline (`（记者冯歆然、刘恺）`) is shown without them, as the others are. With
    `whole_names` (a list of articles), a name spaced out to fill the line is shown whole:
    `吴 丹 黄 超 孙亚慧` could be four people, `吴丹 黄超 孙亚慧` is three — and `本报记者 常 钦`
    reads `本报记者 常钦`, as the same reporter does in a byline of three on the line below it.
    (Search shows the byline as printed: a quoted name is found where it is printed.)"""
    shown = unbracketed(byline)
    if whole_names and names:
        compact = "".join(shown.split())
        for name in names:
            # (only a name the byline prints spaced out is looked for: most are printed whole)
            if len(name) > 1 and " " not in name and compact.count(name) > shown.count(name):
                shown = _spaced_name_whole(shown, name)
    printed = "".join(shown.split())
    missing = [name for name in names if name and "".join(name.split()) not in printed]
    return " ".join(part for part in (shown, "、".join(missing)) if part)


def unbracketed(byline: str) -> str:
    """A byline printed in brackets after a dateline (`本报北京5月18日电 （记者李欣怡）`), as a
    page's header and a list show it: without them, like every other byline."""
    shown = byline.strip()
    if shown[:1] in "（(" and shown[-1:] in "）)" and not any(ch in shown[1:-1] for ch in "（）()"):
        shown = shown[1:-1].strip()
    return shown


def _spaced_name_whole(shown: str, name: str) -> str:
    """`shown` with `name` written whole where it is printed spaced out (`吴 丹` → `吴丹`), but
    not where a Chinese character sits right before or after it (part of another word). The
    neighbours are looked at here rather than in the pattern: a pattern with the class of
    Chinese characters takes two milliseconds to compile, thirty times as long as one
    without, and a list of articles has a thousand names to try."""
    spaced = re.compile(r"\s+".join(map(re.escape, name)))
    parts, done, at = [], 0, 0
    while (found := spaced.search(shown, at)) is not None:
        before, after = shown[found.start() - 1 : found.start()], shown[found.end() : found.end() + 1]
        if _HAN_RE.match(before) or _HAN_RE.match(after):
            at = found.start() + 1  # as a lookbehind would: the next match may start inside this one
            continue
        parts += [shown[done : found.start()], name]
        done = at = found.end()
    return "".join(parts) + shown[done:]


_HAN_RE = re.compile("[\u4e00-\u9fff]")


def chinese_date(day: dt.date, weekday: bool = True) -> str:
    """`2022年1月28日 星期五` (or without the weekday)."""
    text = f"{day.year}年{day.month}月{day.day}日"
    return f"{text} 星期{WEEKDAYS[day.weekday()]}" if weekday else text


def page_label(page: int | None, page_name: str) -> str:
    """`第4版 政法`; a page without a number is named by its 版名 alone."""
    if page is None:
        return page_name or "版次未标明"
    return f"第{page}版" + (f" {page_name}" if page_name else "")


def print_details(day: dt.date, page: int | None, page_name: str) -> str:
    """`2022年1月28日 · 第4版 政法`: when and where an article was printed."""
    parts = [chinese_date(day, weekday=False)]
    if page is not None or page_name:
        parts.append(page_label(page, page_name))
    return " · ".join(parts)


# A summary shorter than this says nothing of the article (`“嘀嘀！”`, `封顶！`, `来信收悉。`, a
# contents box's `理论`): the sentences after it join it.
SHORT_SUMMARY = 12


def first_sentence(text: str, limit: int = 90, quoted: bool = False) -> str:
    """The opening sentence of an article's text, cut at `limit` characters. With `quoted` —
    for what a reader reads (a summary) — a sentence does not end inside quotation marks or
    brackets (`“你好！中国”暨…`: not `“你好！`), and one shorter than `SHORT_SUMMARY` goes on
    with the next, in its paragraph or the next one; a slug made of it is made as it always was."""
    if quoted:
        sentence, rest = "", text.strip()
        while rest and len(sentence) < SHORT_SUMMARY:
            paragraph, _, after = rest.partition("\n\n")
            paragraph = paragraph.strip()
            opening = _opening_sentence(paragraph)
            # (a paragraph that ends with no mark, a box's label, is set apart by a space)
            sentence += (" " if sentence and not _SENTENCE_END.search(sentence[-2:]) else "") + opening
            rest = f"{paragraph[len(opening) :]}\n\n{after}".strip()
    else:
        first_paragraph = text.split("\n\n", 1)[0].strip()
        found = _SENTENCE.match(first_paragraph)
        sentence = found.group() if found else first_paragraph
    return sentence if len(sentence) <= limit else sentence[: limit - 1] + "…"


_SENTENCE_END = re.compile(r"(?:[。！？!?]+|…{1,2})[”’」』）)]*")
_OPENING_MARKS, _CLOSING_MARKS = "“「『（(", "”」』）)"


def _opening_sentence(paragraph: str) -> str:
    """The paragraph up to the first sentence end outside quotation marks and brackets (the
    whole paragraph where every end is inside them)."""
    for end in _SENTENCE_END.finditer(paragraph):
        before = paragraph[: end.end()]
        if sum(before.count(c) for c in _OPENING_MARKS) <= sum(before.count(c) for c in _CLOSING_MARKS):
            return before
    return paragraph
