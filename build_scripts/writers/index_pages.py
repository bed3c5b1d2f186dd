"""Generated index pages readers browse by: home, one table of contents per issue, and (from
their own modules) the calendar, the reporters and the tags.

Article pages stay out of MkDocs' `nav` (maintainers/architecture.md, the navigation trap); these pages are
how a reader reaches them. All links are relative Markdown links to the `.md` files, so
MkDocs checks them and rewrites them for any `site_url` or `use_directory_urls` setting.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from itertools import groupby

from build_scripts.catalogue.archive import Catalogue
from build_scripts.catalogue.place import PlacedArticle
from build_scripts.contract.labels import chinese_date, page_label
from build_scripts.contract.urls import (
    ARCHIVE_INDEX,
    DATA_PAGE,
    REPORTERS_INDEX,
    TAGS_INDEX,
    issue_path,
    month_anchor,
    page_anchor,
    year_path,
)
from build_scripts.ingest.archive_config import ArchiveConfig
from build_scripts.writers import mdtext
from build_scripts.writers.listing import article_item, front_matter, link, links_in_a_row, wrapped

LATEST_ISSUES = 10
LATEST_HEADLINES = 12


def _pages_of(articles: list[PlacedArticle]) -> list[tuple[tuple[int | None, str], list[PlacedArticle]]]:
    return [(key, list(group)) for key, group in groupby(articles, key=lambda p: (p.entry.page, p.entry.page_name))]


def issue_page(
    day: dt.date,
    articles: list[PlacedArticle],
    config: ArchiveConfig,
    before: dt.date | None,
    after: dt.date | None,
    furniture: dict[str, list[str]] | None = None,
    delivered: list[tuple[int, str]] | None = None,
    counted: Callable[[list[PlacedArticle]], int] = len,
    first_printing: Mapping[str, PlacedArticle] | None = None,
) -> str:
    """`delivered`: the 版 numbers of this day's source files, with the files (a 版 with no file is said to be
    missing, so a reader does not take the gap for an error of the archive). `counted`: how many
    articles a list is, one printed again on another 版 once (Catalogue.counted);
    `first_printing`: each reprint's first printing (Catalogue.first_printing), so that both
    say where else they stand, as a search result does (`又见第4版`)."""
    here = issue_path(day)
    title = f"{config.paper.title} {chinese_date(day)}"
    lines = [front_matter(title), "", f"# {mdtext.escape(config.paper.title)} {chinese_date(day)}\n"]
    steps = []
    if before:
        steps.append(f"[‹ 前一期 {chinese_date(before, weekday=False)}]({link(here, issue_path(before))})")
    steps.append(f"[{day.year}年日历]({link(here, year_path(day.year))}#{month_anchor(day.month)})")
    if after:
        steps.append(f"[后一期 {chinese_date(after, weekday=False)} ›]({link(here, issue_path(after))})")
    lines.append(links_in_a_row(steps) + "\n")
    pages = _pages_of(articles)
    printed_again = len(articles) - counted(articles)
    count = f"本期收录 {counted(articles)} 篇文章" + (f"，共 {len(pages)} 个版面" if len(pages) > 1 else "")
    if printed_again:
        count += f"；同一篇文章在另一版全文重印的 {printed_again} 处不重复计数"
    lines.append(count + "。")
    missing = _missing_pages([n for n, _ in delivered or []])
    if len(pages) > 1:
        # in a <div> whose links the stylesheet keeps whole: a phone breaks `第4版 要闻` anywhere
        entries = [(key[0], f"[{mdtext.escape(page_label(*key))}](#{page_anchor(key[0])})") for key, _ in pages]
        # a 版 the archive has no file for stands where the paper printed it, not only below
        entries += [(n, f'<span class="archive-missing">第{n}版（缺）</span>') for n in missing]
        entries.sort(key=lambda entry: -1 if entry[0] is None else entry[0])  # (a 版 without a number first)
        lines.append("\n" + wrapped("archive-pages", ["版面：" + links_in_a_row(text for _, text in entries)]))
    if missing:
        lines.append("\n本期档案中没有" + "、".join(_page_runs(missing)) + "。")
    # a 版 whose file holds no article (empty, or only what the page prints under it, which
    # is printed here: no line of a source is lost)
    shown = {key[0] for key, _ in pages}
    empty = [(n, path) for n, path in delivered or [] if n not in shown]
    if empty:
        lines.append("\n" + "、".join(_page_runs(sorted({n for n, _ in empty}))) + "的文本中没有文章。")
        for n, path in empty:
            printed = (furniture or {}).get(path)
            if printed:
                lines.append(f"\n<small>第{n}版：" + " · ".join(mdtext.escape(t) for t in printed) + "</small>")
    lines.append("")
    elsewhere = _printed_elsewhere(articles, first_printing or {})
    for n, ((page, page_name), group) in enumerate(pages):
        lines.append(f"## {mdtext.escape(page_label(page, page_name))} {{ #{page_anchor(page)} }}\n")
        items = [article_item(here, p, opening=True, note=elsewhere.get(p.docs_path, "")) for p in group]
        lines.append(wrapped("archive-toc", items))
        printed = [
            text for path in dict.fromkeys(p.entry.source for p in group) for text in (furniture or {}).get(path, [])
        ]
        if printed:  # 本版责编 and the like, as the page printed them
            lines.append("<small>" + " · ".join(mdtext.escape(t) for t in printed) + "</small>\n")
        if len(pages) > 1:  # turning the 版, as in the paper, without scrolling back to the list
            lines.append(wrapped("archive-page-turn", [_page_turn(pages, n)]))
    return "\n".join(lines)


def _page_turn(pages: list[tuple[tuple[int | None, str], list[PlacedArticle]]], n: int) -> str:
    """`‹ 上一版 第2版 要闻 · 下一版 第4版 国际 ›`: links to the 版 before and after the n-th."""
    steps = []
    if n > 0:
        (page, name), _ = pages[n - 1]
        steps.append(f"[‹ 上一版 {mdtext.escape(page_label(page, name))}](#{page_anchor(page)})")
    if n + 1 < len(pages):
        (page, name), _ = pages[n + 1]
        steps.append(f"[下一版 {mdtext.escape(page_label(page, name))} ›](#{page_anchor(page)})")
    return links_in_a_row(steps)


def _printed_elsewhere(articles: list[PlacedArticle], first_printing: Mapping[str, PlacedArticle]) -> dict[str, str]:
    """`又见第4版`, by docs path, for each of an issue's articles printed on another 版 of it too."""
    by_path = {p.docs_path: p for p in articles}
    pages: dict[str, list[int]] = {}
    for reprint, first in first_printing.items():
        again = by_path.get(reprint)
        if again is None or first.docs_path not in by_path:
            continue
        if first.entry.page is not None:
            pages.setdefault(reprint, []).append(first.entry.page)
        if again.entry.page is not None:
            pages.setdefault(first.docs_path, []).append(again.entry.page)
    return {path: "又见" + "、".join(f"第{n}版" for n in dict.fromkeys(numbers)) for path, numbers in pages.items()}


def _missing_pages(delivered: list[int]) -> list[int]:
    """版 numbers below the last one delivered that have no source file."""
    have = set(delivered)
    return [n for n in range(1, max(have) + 1) if n not in have] if have else []


def _page_runs(numbers: list[int]) -> list[str]:
    """[2, 3, 4, 7] → 第2至4版, 第7版."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return [f"第{r[0]}版" if len(r) == 1 else f"第{r[0]}至{r[-1]}版" for r in runs]


def _issue_line(here: str, day: dt.date, count: int) -> str:
    return f"- [{chinese_date(day)}]({link(here, issue_path(day))}) <small>{count}篇</small>"


def home_page(catalogue: Catalogue, config: ArchiveConfig) -> str:
    here = "index.md"
    days = catalogue.days
    paper = config.paper
    lines = [front_matter(paper.title), "", f"# {mdtext.escape(config.site_name)}\n"]
    if not days:
        lines.append("档案中还没有报纸。把每期的文本放进 `source_texts/` 再构建网站。\n")
        return "\n".join(lines)
    total = catalogue.counted(catalogue.articles)
    first, last = min(days), max(days)
    span = chinese_date(first, weekday=False)
    if last != first:
        span += f"至{chinese_date(last, weekday=False)}"
    # the data page counts records, one per printing: the difference is said here
    again = len(catalogue.articles) - total
    reprinted = f"（同一篇文章在另一版全文重印的 {again} 处不重复计数）" if again else ""
    lines.append(f"收录《{mdtext.escape(paper.title)}》{span}共 {len(days)} 期、{total} 篇文章的全文{reprinted}。\n")
    lines.append(f"## 最新一期 <small>{chinese_date(last)}</small>\n")
    latest = days[last]
    # the day's stories in the order printed, each once (not printed again on a later 版), not
    # its boxes (导读, 图片报道: paper_profile.py)
    stories = [
        p
        for p in latest
        if not config.profile.is_box_title(p.entry.title) and p.docs_path not in catalogue.first_printing
    ] or latest
    shown = stories[:LATEST_HEADLINES]
    lines.append(wrapped("archive-toc", [article_item(here, p) for p in shown]))
    more = f"本期共 {catalogue.counted(latest)} 篇，" if len(latest) > len(shown) else ""
    lines.append(f"{more}[查看本期目录]({link(here, issue_path(last))})\n")
    lines.append("## 最新各期\n")
    lines.append(
        wrapped(
            "archive-issues",
            [_issue_line(here, d, catalogue.counted(days[d])) for d in sorted(days, reverse=True)[:LATEST_ISSUES]],
        )
    )
    lines.append(f"[全部往期]({link(here, ARCHIVE_INDEX)})\n")
    # "On this day" is anchored to the newest issue, not to the clock: the build is
    # deterministic (same input, same bytes), so the page cannot depend on when it was built.
    if first.year < last.year:  # an archive of one year has no "years before" to show
        lines.append(f"## 往年今日 <small>{last.month}月{last.day}日</small>\n")
        earlier = sorted(
            (d for d in days if (d.month, d.day) == (last.month, last.day) and d.year < last.year), reverse=True
        )
        if earlier:
            lines.append(wrapped("archive-issues", [_issue_line(here, d, catalogue.counted(days[d])) for d in earlier]))
        else:
            lines.append(f"档案中没有往年{last.month}月{last.day}日的报纸。\n")
    lines.append("## 浏览与下载\n")
    lines.append(f"- [往期]({link(here, ARCHIVE_INDEX)})：按年份和月历找到每一期，再按版面读文章")
    lines.append(f"- [记者]({link(here, REPORTERS_INDEX)})：{len(catalogue.people)} 位署名者的文章")
    lines.append(f"- [标签]({link(here, TAGS_INDEX)})：按关键词找文章")
    lines.append(f"- [数据]({link(here, DATA_PAGE)})：全部文章的文本与元数据（JSON Lines、CSV）")
    lines.append("")
    return "\n".join(lines)
