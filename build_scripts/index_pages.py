"""Generated index pages readers browse by: home, the archive of issues, one page per issue.

Article pages stay out of MkDocs' `nav` (DESIGN §7, the navigation trap); these pages are
how a reader reaches them. All links are relative Markdown links to the `.md` files, so
MkDocs checks them and rewrites them for any `site_url` or `use_directory_urls` setting.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections import defaultdict
from itertools import groupby

from . import mdtext
from .config import ArchiveConfig
from .model import PlacedArticle
from .pages import dump_front_matter

WEEKDAYS = "一二三四五六日"


def _link(from_page: str, to_page: str) -> str:
    return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")


def chinese_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日 星期{WEEKDAYS[day.weekday()]}"


def page_label(page: int | None, page_name: str) -> str:
    if page is None:
        return page_name or "未分版"
    return f"第{page}版" + (f" {page_name}" if page_name else "")


def issue_path(day: dt.date) -> str:
    return f"{day:%Y/%m/%d}/index.md"


def by_day(articles: list[PlacedArticle]) -> dict[dt.date, list[PlacedArticle]]:
    days: dict[dt.date, list[PlacedArticle]] = defaultdict(list)
    for placed in articles:
        days[placed.date].append(placed)
    return dict(sorted(days.items()))


def issue_page(day: dt.date, articles: list[PlacedArticle], config: ArchiveConfig) -> str:
    here = issue_path(day)
    lines = [dump_front_matter({"title": f"{config.paper.title} {chinese_date(day)}"}), ""]
    lines.append(f"# {mdtext.escape(config.paper.title)} {chinese_date(day)}\n")
    for (page, page_name), group in groupby(articles, key=lambda p: (p.source.meta.page, p.source.meta.page_name)):
        lines.append(f"## {mdtext.escape(page_label(page, page_name))}\n")
        for placed in group:
            title = mdtext.escape(placed.article.title or "（无标题）")
            byline = f" · {mdtext.escape(placed.article.byline)}" if placed.article.byline else ""
            lines.append(f"- [{title}]({_link(here, placed.docs_path)}){byline}")
        lines.append("")
    return "\n".join(lines)


def archive_page(days: dict[dt.date, list[PlacedArticle]]) -> str:
    here = "archive/index.md"
    lines = [dump_front_matter({"title": "往期"}), "", "# 往期\n"]
    for year, year_days in groupby(sorted(days, reverse=True), key=lambda d: d.year):
        lines.append(f"## {year}年\n")
        for day in year_days:
            lines.append(f"- [{chinese_date(day)}]({_link(here, issue_path(day))}) · {len(days[day])}篇")
        lines.append("")
    return "\n".join(lines)


def home_page(days: dict[dt.date, list[PlacedArticle]], config: ArchiveConfig, latest: int = 10) -> str:
    here = "index.md"
    paper = config.paper
    lines = [dump_front_matter({"title": paper.title}), "", f"# {mdtext.escape(paper.title)}数字报档案\n"]
    total = sum(len(v) for v in days.values())
    lines.append(f"共 {len(days)} 期、{total} 篇文章。\n")
    lines.append("## 最新各期\n")
    for day in sorted(days, reverse=True)[:latest]:
        lines.append(f"- [{chinese_date(day)}]({_link(here, issue_path(day))}) · {len(days[day])}篇")
    lines.append(f"\n[查看全部往期]({_link(here, 'archive/index.md')})\n")
    return "\n".join(lines)


def index_pages(articles: list[PlacedArticle], config: ArchiveConfig) -> dict[str, str]:
    days = by_day(articles)
    files = {issue_path(day): issue_page(day, group, config) for day, group in days.items()}
    files["archive/index.md"] = archive_page(days)
    files["index.md"] = home_page(days, config)
    return files
