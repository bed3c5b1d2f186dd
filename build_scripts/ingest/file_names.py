"""Source file names: the name the archive reads (`YYYY-MM-DD[_NN[_版名]].txt`), and the name
to give a file whose name holds its date written another way."""

from __future__ import annotations

import datetime as dt
import re

FILE_NAME_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:_(\d{1,3})(?:_(.+))?)?$")
# A date and 版 written another way: 2022-1-29, 20220129, 2022年1月29日, 2022-01-29_第4版_要闻
# (without separators only as eight digits: 2022129 could be 2022-01-29 or 2022-12-09)
_LOOSE_NAME_RE = re.compile(
    r"^(?:(?P<y>\d{4})[-_./年 ](?P<m>\d{1,2})[-_./月 ](?P<d>\d{1,2})日?|(?P<ymd>\d{8}))"
    r"(?:[-_ ]+第?(?P<page>\d{1,3})版?(?:[-_ ]+(?P<name>[^\s_]+))?)?$"
)


def rename_fix(stem: str, otherwise: str) -> str:
    """How to give a file its date: the name to give it when its name holds the date written
    another way (2022-1-29 → 2022-01-29.txt), else `otherwise`."""
    renamed = _renamed(stem)
    if renamed is None:
        return otherwise
    return f"rename it to {renamed}, or give the date in a header `---` / `date: {renamed[:10]}` / `---`"


# The same, anywhere in a name that does not start with it (`要闻_2026-05-07_04`,
# `rmrb_20260507_第04版_要闻`): the date, a 版 number right after it or written `第N版`, and the
# 版名 when the name holds one run of Chinese characters (not the paper's `…报`)
_DATE_INSIDE_RE = re.compile(
    r"(?<!\d)(?:(?P<y>\d{4})[-_./年](?P<m>\d{1,2})[-_./月](?P<d>\d{1,2})日?|(?P<ymd>\d{8}))(?!\d)"
    r"(?:[-_ ]+(?P<page>\d{1,3})(?!\d))?"
)
_PAGE_INSIDE_RE = re.compile(r"第(\d{1,3})版")
_NAME_INSIDE_RE = re.compile(r"[\u4e00-\u9fff]{2,8}")


def _renamed(stem: str) -> str | None:
    """The name to give a file whose name holds its date (and 版) written another way; None
    when it holds no real date."""
    m = _LOOSE_NAME_RE.match(stem)
    if m is None:
        return _renamed_from_inside(stem)
    if m["page"] and int(m["page"]) == 0:
        return None
    name = _day_of(m)
    if name is None:
        return None
    if m["page"]:
        name += f"_{int(m['page']):02d}"
        if m["name"]:
            name += f"_{m['name']}"
    return f"{name}.txt"


def _renamed_from_inside(stem: str) -> str | None:
    dates = list(_DATE_INSIDE_RE.finditer(stem))
    if len(dates) != 1:  # none, or two dates: which is the issue's?
        return None
    m = dates[0]
    name = _day_of(m)
    if name is None:
        return None
    pages = {int(n) for n in [m["page"], *_PAGE_INSIDE_RE.findall(stem)] if n}
    if len(pages) == 1 and 0 not in pages:
        name += f"_{pages.pop():02d}"
        rest = _PAGE_INSIDE_RE.sub(" ", f"{stem[: m.start()]} {stem[m.end() :]}")  # (the date's 年月日 are no 版名)
        names = [w for w in _NAME_INSIDE_RE.findall(rest) if not w.endswith("报")]
        if len(names) == 1:
            name += f"_{names[0]}"
    return f"{name}.txt"


def _day_of(m: re.Match[str]) -> str | None:
    """The day a match of the patterns above names (`y`, `m`, `d`, or `ymd`), as YYYY-MM-DD;
    None when there is no such day."""
    ymd = m["ymd"]
    year, month, day = (ymd[:4], ymd[4:6], ymd[6:]) if ymd else (m["y"], m["m"], m["d"])
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None
