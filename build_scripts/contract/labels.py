"""Small pieces of wording every page, feed, citation and search result shares, defined once:
the untitled placeholder, the Chinese date, the 版 label, the subtitle dash, the main title
of a headline and an article's opening sentence.
"""

from __future__ import annotations

import datetime as dt
import re

NO_TITLE = "（无标题）"  # an article printed without a headline
WEEKDAYS = "一二三四五六日"
# A headline piece that starts with a dash is a subtitle (副题): `——记全国劳模李明`.
SUBTITLE_DASHES = ("——", "—", "－－", "--")
_BRACKETS_INSIDE = re.compile(r"[（）()]")  # `（甲）乙（丙）` is a title with brackets, not a note
_SENTENCE_END = re.compile(r"(?<=[。！？!?…])")


def chinese_date(day: dt.date, weekday: bool = True) -> str:
    """`2022年1月28日 星期五` (or without the weekday)."""
    text = f"{day.year}年{day.month}月{day.day}日"
    return f"{text} 星期{WEEKDAYS[day.weekday()]}" if weekday else text


def page_label(page: int | None, page_name: str) -> str:
    """`第4版 政法`; a page without a number is named by its 版名 alone."""
    if page is None:
        return page_name or "版次未标明"
    return f"第{page}版" + (f" {page_name}" if page_name else "")


def is_subtitle(piece: str) -> bool:
    return piece.startswith(SUBTITLE_DASHES)


def is_note(piece: str) -> bool:
    """A piece wholly in brackets: a note under a title (when a law was adopted, the date of a
    document, `（之二）`), never the title itself."""
    return len(piece) > 2 and piece[0] in "（(" and piece[-1] in "）)" and not _BRACKETS_INSIDE.search(piece[1:-1])


def main_title_of(title_parts: list[str]) -> str:
    """The main title among the kicker / main / subtitle pieces of a headline line.

    A piece starting with a dash is a subtitle, and a piece wholly in brackets a note. Of two
    others the last is the main title (a one-line headline prints the kicker first, then the
    main title); of three or more, the longest, the last of equals (kicker, main title, then a
    short subtitle such as `X讲话`)."""
    candidates = [part for part in title_parts if not is_subtitle(part) and not is_note(part)]
    if len(candidates) > 2:
        return max(reversed(candidates), key=len)
    if candidates:
        return candidates[-1]
    return title_parts[0].lstrip("—－-") if title_parts else ""


def headline_pieces(title_parts: list[str]) -> tuple[list[str], str, list[str]]:
    """(kickers, main title, subtitles): pieces before the main title are kickers (引题),
    pieces after it are subtitles (副题)."""
    main = main_title_of(title_parts)
    if main not in title_parts:  # every piece starts with a dash: the first is the title
        return [], main, title_parts[1:]
    i = title_parts.index(main)
    return title_parts[:i], main, title_parts[i + 1 :]


def print_details(day: dt.date, page: int | None, page_name: str) -> str:
    """`2022年1月28日 · 第4版 政法`: when and where an article was printed."""
    parts = [chinese_date(day, weekday=False)]
    if page is not None or page_name:
        parts.append(page_label(page, page_name))
    return " · ".join(parts)


def first_sentence(text: str, limit: int = 90) -> str:
    """The opening sentence of an article's text, cut at `limit` characters."""
    first_paragraph = text.split("\n\n", 1)[0].strip()
    sentence = _SENTENCE_END.split(first_paragraph, 1)[0] if first_paragraph else ""
    return sentence if len(sentence) <= limit else sentence[: limit - 1] + "…"
