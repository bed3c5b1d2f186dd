"""The archive by date: a page of years, and one page per year with a calendar per month in
which every day that has an issue links to that issue (as Chronicling America does).

A year page holds at most 366 links whatever the size of the archive; the page of years grows
by one line a year. Their counts take an article printed again on another 版 of its issue once
(`counted`: Catalogue.counted).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable
from itertools import groupby

from build_scripts.catalogue.place import PlacedArticle
from build_scripts.contract.labels import chinese_date
from build_scripts.contract.urls import (
    ARCHIVE_INDEX,
    issue_path,
    month_anchor,
    month_folder_path,
    year_folder_path,
    year_path,
)
from build_scripts.writers.listing import front_matter, link, links_in_a_row, wrapped
from build_scripts.writers.moved_pages import MOVED_TEMPLATE, OUT_OF_SEARCH

WEEKDAY_HEADER = "| 一 | 二 | 三 | 四 | 五 | 六 | 日 |\n|:-:|:-:|:-:|:-:|:-:|:-:|:-:|"


Counted = Callable[[list[PlacedArticle]], int]


def _day_cell(here: str, day: dt.date, articles: list[PlacedArticle] | None, counted: Counted = len) -> str:
    if not articles:
        return str(day.day)
    # The cell shows the day number; screen readers hear the whole date and the count.
    label = f"{chinese_date(day)}，{counted(articles)}篇"
    return f'[{day.day}]({link(here, issue_path(day))}){{ aria-label="{label}" }}'


def month_table(
    here: str, year: int, month: int, days: dict[dt.date, list[PlacedArticle]], counted: Counted = len
) -> str:
    rows = [WEEKDAY_HEADER]
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        cells = [_day_cell(here, d, days.get(d), counted) if d.month == month else "" for d in week]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def year_page(year: int, days: dict[dt.date, list[PlacedArticle]], years: list[int], counted: Counted = len) -> str:
    here = year_path(year)
    in_year = {d: a for d, a in days.items() if d.year == year}
    issues, articles = len(in_year), sum(counted(a) for a in in_year.values())
    lines = [front_matter(f"{year}年"), "", f"# {year}年\n"]
    i = years.index(year)
    steps = []
    if i > 0:
        steps.append(f"[‹ {years[i - 1]}年]({link(here, year_path(years[i - 1]))})")
    steps.append(f"[全部年份]({link(here, ARCHIVE_INDEX)})")
    if i + 1 < len(years):
        steps.append(f"[{years[i + 1]}年 ›]({link(here, year_path(years[i + 1]))})")
    lines.append(links_in_a_row(steps) + "\n")
    lines.append(f"{year}年共 {issues} 期、{articles} 篇文章。日期带链接的是档案中有的报纸，点击进入当天的版面目录。\n")
    months = []
    with_issues = sorted({d.month for d in in_year}) or [1]
    # From the first month with issues to the last: an archive that starts in May does not
    # open on four empty months (nor list them in the page's table of contents).
    for month in range(with_issues[0], with_issues[-1] + 1):
        count = sum(1 for d in in_year if d.month == month)
        note = f"{count}期" if count else "无"
        months.append(
            wrapped(
                "archive-month",
                [
                    f"## {month}月 <small>{note}</small> {{ #{month_anchor(month)} }}\n",
                    month_table(here, year, month, in_year, counted),
                ],
            )
        )
    lines.append(wrapped("archive-calendar", months))
    return "\n".join(lines)


def archive_index(days: dict[dt.date, list[PlacedArticle]], counted: Counted = len) -> str:
    here = ARCHIVE_INDEX
    lines = [front_matter("往期"), "", "# 往期\n"]
    if not days:
        lines.append("档案中还没有报纸。\n")
        return "\n".join(lines)
    first, last = min(days), max(days)
    total = sum(counted(a) for a in days.values())
    span = chinese_date(first, weekday=False)
    if last != first:
        span += f"至{chinese_date(last, weekday=False)}"
    lines.append(f"本档案收录{span}的 {len(days)} 期报纸、{total} 篇文章。选择年份，在日历中选日期。\n")
    table = ["| 年份 | 期数 | 文章 | 月份 |\n|:--|--:|--:|:--|"]
    for year, group in groupby(sorted(days, reverse=True), key=lambda d: d.year):
        year_days = list(group)
        months = sorted({d.month for d in year_days})
        month_links = " ".join(f"[{m}月]({link(here, year_path(year))}#{month_anchor(m)})" for m in months)
        count = sum(counted(days[d]) for d in year_days)
        table.append(f"| [{year}年]({link(here, year_path(year))}) | {len(year_days)} | {count} | {month_links} |")
    lines.append(wrapped("archive-years", table))  # laid out to fit a phone (archive.css)
    return "\n".join(lines)


def folder_pages(days: dict[dt.date, list[PlacedArticle]]) -> dict[str, str]:
    """An issue's address cut back to its month or its year (`2022/01/`, `2022/`), as a reader
    trims an address to go up: a page that sends them on to that month on the year's calendar
    (as a moved address's page does: a refresh and a link, on any server and from `file://`;
    not in search, the sitemap or the feeds)."""
    files = {}
    for year in sorted({d.year for d in days}):
        files[year_folder_path(year)] = _leading_to(year_folder_path(year), year_path(year), f"{year}年")
    for year, month in sorted({(d.year, d.month) for d in days}):
        here = month_folder_path(year, month)
        files[here] = _leading_to(here, f"{year_path(year)}#{month_anchor(month)}", f"{year}年{month}月")
    return files


def _leading_to(here: str, target: str, when: str) -> str:
    front = front_matter(when, template=MOVED_TEMPLATE, moved_to=target, **OUT_OF_SEARCH)
    return f"{front}\n{when}的报纸见[{when}的日历]({link(here, target)})。\n"


def calendar_pages(days: dict[dt.date, list[PlacedArticle]], counted: Counted = len) -> dict[str, str]:
    years = sorted({d.year for d in days})
    files = {year_path(year): year_page(year, days, years, counted) for year in years}
    files[ARCHIVE_INDEX] = archive_index(days, counted)
    files.update(folder_pages(days))
    return files
