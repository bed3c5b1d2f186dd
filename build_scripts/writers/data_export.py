"""Data exports researchers download, and the page that describes them.

- `data/articles.jsonl`: one JSON object per article, the article record
  (maintainers/output-contract.md);
- `data/articles.csv`: the same records as a table (lists joined with `;`, source split into
  three columns), UTF-8 with a byte-order mark so that spreadsheet programs read Chinese;
- `data/YYYY/articles.jsonl` and `.csv`: the same, one year at a time;
- `data/index.md`: links, sizes and a description of every field.
"""

from __future__ import annotations

import contextlib
import os
import pickle
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from build_scripts.catalogue.place import PlacedArticle
from build_scripts.contract.urls import CSV_PATH, DATA_PAGE, JSONL_PATH, data_year_paths
from build_scripts.writers.listing import front_matter, link, wrapped
from build_scripts.writers.pieces import FilePart, Pieces
from build_scripts.writers.prepared import (
    CSV_BOM,
    LIST_SEPARATOR,
    Prepared,
    csv_around_tags,
    csv_tags,
    jsonl_around_tags,
    jsonl_tags,
)

# (field, type, meaning) — the table on the data page, in record order.
FIELDS = [
    ("id", "字符串", "文章的固定标识：日期加网址名（主标题的拼音），如 `2024-03-05-xin-wen-biao-ti`"),
    (
        "url",
        "字符串",
        "文章页面的网址：网站有公开地址（site_url）时为完整网址，否则相对于网站根目录（离线包中为页面文件 `….html`）",
    ),
    ("date", "字符串", "出版日期（ISO 8601，YYYY-MM-DD）"),
    ("paper", "字符串", "报纸名称"),
    ("page", "整数或空", "版次（第几版）；来源未标明时为空"),
    ("page_name", "字符串", "版名，如“要闻”；未知时为空字符串"),
    ("title", "字符串", "标题行原文（引题、主题、副题以空格相隔）"),
    (
        "title_parts",
        "字符串列表",
        "标题行按空格分成的各部分（引题、主题、副题）；对仗的两半（如“增殖放流 守护闽江”）算一部分，拉丁字母和数字之间的空格（如“ADS 5”）不分部分",
    ),
    ("byline", "字符串", "署名原文，如“本报记者 张三 通讯员 李四”"),
    ("authors", "字符串列表", "记者姓名"),
    ("correspondents", "字符串列表", "通讯员姓名"),
    ("dateline", "字符串", "电头，如“本报讯”"),
    ("text", "字符串", "正文纯文本：段落与小标题按顺序排列，之间空一行；不含标题和署名"),
    ("subheads", "字符串列表", "正文中的小标题，按顺序（仅 JSON Lines；CSV 无此列）"),
    (
        "box",
        "字符串",
        "报纸每期固定刊出的栏框：本期要目（导读）为 `contents`，其余为空字符串（仅 JSON Lines；CSV 无此列）",
    ),
    ("tags", "字符串列表", "自动提取的关键词"),
    (
        "reprint_of",
        "字符串或空",
        "同一期在另一版全文重印的文章（如头版文章转版后全文刊出）：首次刊出的那篇的 id；否则为空。统计文章数时可略去",
    ),
    ("source", "对象", "来源文件 `file` 及其中的起止行 `first_line`、`last_line`"),
]
CSV_COLUMNS = [name for name, _, _ in FIELDS if name not in ("source", "subheads", "box")] + [
    "source_file",
    "first_line",
    "last_line",
]


def human_size(size: int) -> str:
    """`12.7 MB`, the number and its unit joined by a no-break space: a narrow table cell
    never sets them on two lines. Decimal units, as a browser's downloads and a file manager
    count them (12,686,679 bytes are 12.7 MB, not 12.1)."""
    if size < 1000:
        return f"{size}\u00a0B"
    if round(size / 1000, 1) < 1000:  # (999,999 bytes are 1.0 MB, not 1000.0 KB)
        return f"{size / 1000:.1f}\u00a0KB"
    return f"{size / 1000 / 1000:.1f}\u00a0MB"


def download_name(path: str, paper: str = "", year: int | None = None) -> str:
    """The name a data file is saved under when its link is clicked (`download`): the paper's
    and the year's in it, so that the files of two archives, or of two years, saved to one
    folder do not overwrite each other (`renmin-ribao-2026-articles.csv`)."""
    stem, _, extension = path.rpartition("/")[2].rpartition(".")
    return "-".join(part for part in (paper, str(year) if year else "", stem) if part) + f".{extension}"


def _download(path: str, paper: str, year: int | None = None) -> str:
    """A data file's link, saved when clicked rather than shown: a browser shows a JSON Lines
    file as text (13 MB of it, for a month of a daily). (Opened from `file://` — the offline
    bundle — a browser ignores `download` and shows the file all the same: the page says how
    to save it, `data_page`.)"""
    return f'[{path.rpartition("/")[2]}]({link(DATA_PAGE, path)}){{ download="{download_name(path, paper, year)}" }}'


def data_page(sizes: dict[str, int], years: list[tuple[int, int]], total: int, paper: str = "") -> str:
    """The data page; `sizes`: the data files' sizes in bytes, by path; `paper`: the paper's
    slug, in the names the files are saved under."""
    lines = [
        front_matter("数据"),
        "",
        "# 数据下载\n",
        f"本档案全部文章的文本与元数据，共 {total} 条记录，可直接下载用于研究。每篇文章一条记录；"
        "在同一期另一版全文重印的文章，重印处另有一条（`reprint_of` 指向首次刊出的那条）。"
        "JSON Lines（每行一个 JSON 对象）和 CSV（表格，可用电子表格软件打开）两种格式内容相同。"
        "点击文件名即可下载；从本地文件夹打开的离线版中，浏览器可能直接显示文件内容，"
        "请右键点击文件名，选择“链接另存为”。\n",
        "## 全部文章\n",
        "| 文件 | 格式 | 记录 | 大小 |\n|:--|:--|--:|--:|",
        f"| {_download(JSONL_PATH, paper)} | JSON Lines | {total} | {human_size(sizes[JSONL_PATH])} |",
        f"| {_download(CSV_PATH, paper)} | CSV | {total} | {human_size(sizes[CSV_PATH])} |",
        "",
    ]
    if years:
        lines.append("## 按年份\n")
        lines.append("| 年份 | 记录 | JSON Lines | CSV |\n|:--|--:|:--|:--|")
        for year, count in sorted(years, reverse=True):
            jsonl, table = data_year_paths(year)
            lines.append(
                f"| {year}年 | {count} | {_download(jsonl, paper, year)} {human_size(sizes[jsonl])} "
                f"| {_download(table, paper, year)} {human_size(sizes[table])} |"
            )
        lines.append("")
    lines.append("## 字段说明\n")
    lines.append("| 字段 | 类型 | 说明 |\n|:--|:--|:--|")
    lines.extend(f"| `{name}` | {kind} | {meaning} |" for name, kind, meaning in FIELDS)
    lines.append("")
    lines.append(
        f"CSV 文件使用 UTF-8 编码并带字节顺序标记（BOM），以便电子表格软件正确显示中文；"
        f"列表字段（如 `authors`、`tags`）以 `{LIST_SEPARATOR}` 连接，`source` 拆为 "
        "`source_file`、`first_line`、`last_line` 三列。用 Python 读取："
        '`pandas.read_csv(path, encoding="utf-8-sig")`，'
        "或 `pandas.read_json(path, lines=True)` 读取 JSON Lines。\n"
    )
    lines.append(
        "每篇文章页面另有“引用本文”一栏，可复制 GB/T 7714 与 Chicago 格式的引文，"
        "或下载 CSL-JSON（Zotero 等）与 RIS（EndNote、NoteExpress 等）文件。\n"
    )
    # The tables sit in a <div> the stylesheet lets wrap on a phone (390 px) instead of scrolling.
    return "\n".join(lines[:3]) + "\n" + wrapped("archive-data", lines[3:])


CSV_HEADER = CSV_BOM + ",".join(CSV_COLUMNS) + "\r\n"
CSV_HEADER_BYTES = CSV_HEADER.encode("utf-8")


# A day's records apart from their tags: for each article, its JSON line before and after its
# tags, then its CSV row before and after them (UTF-8).
DayParts = list[tuple[bytes, bytes, bytes, bytes]]


class DayRecords:
    """Each day's lines of articles.jsonl and rows of the CSV file but for their tags, kept in
    `folder` (in the conversion cache) under the digest of the day's articles without their
    tags: a year's files are joined from its days' parts and each article's tags as they are
    now (a day whose records and tags are those of the last run copied from the file it wrote:
    `year_exports`). Only a day whose articles changed is made again from their prepared records. A new
    issue changes the tags of older articles on most days of its year (a word's weight is
    counted over the year's articles: adding one day's 97 articles to a year of 2,850 moved
    the tags of 715 of them, on each of its 35 days) — their parts stay as they are. Kept as UTF-8, as the files are written: the
    data files are most of the bytes a conversion writes, and joining bytes spares encoding
    tens of megabytes again after every change."""

    def __init__(
        self,
        folder: Path | None,
        prepared_of: Callable[[PlacedArticle], Prepared],
        first_printing: dict[str, PlacedArticle] | None = None,
    ):
        self.folder = folder  # None: kept in memory only
        self.prepared_of = prepared_of
        self.first_printing = first_printing or {}  # docs path of a reprint → its first printing
        self.used: set[str] = set()
        self.in_memory: dict[str, DayParts] = {}

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / f"{key}.pickle"

    def make(self, key: str, articles: list[PlacedArticle]) -> dict[str, str]:
        """Make the day's parts unless they are kept already (no file of docs/ of its own)."""
        self.used.add(key)
        if key in self.in_memory or (self.folder is not None and self._path(key).is_file()):
            return {}
        parts = []
        for p in articles:
            prepared, first = self.prepared_of(p), self.first_printing.get(p.docs_path)
            line, row = jsonl_around_tags(p, prepared, first), csv_around_tags(p, prepared, first)
            parts.append((line[0].encode(), line[1].encode(), row[0].encode(), row[1].encode()))
        if self.folder is None:
            self.in_memory[key] = parts
            return {}
        self.folder.mkdir(parents=True, exist_ok=True)
        partial = self.folder / f".{key}.partial"
        with open(partial, "wb") as stream:
            pickle.dump(parts, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, self._path(key))
        return {}

    def read(self, key: str) -> DayParts:
        if key in self.in_memory:
            return self.in_memory[key]
        with open(self._path(key), "rb") as stream:
            parts: DayParts = pickle.load(stream)
            return parts

    def prune(self) -> None:
        """Remove the records of days this run did not have."""
        if self.folder is not None and self.folder.is_dir():
            for entry in os.scandir(self.folder):
                if entry.name.removesuffix(".pickle") not in self.used:
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)


class YearLayout(NamedTuple):
    """Where each day's records lie in a year's two data files, as written under the unit key
    `key`: the files' sizes, and by the digest of the day's records and tags, the byte range
    of its JSON lines and that of its CSV rows; `stamps`: the files' modification times once
    they are in docs/ (`KeptData.stamp`)."""

    key: str
    sizes: tuple[int, int]
    days: dict[str, tuple[int, int, int, int]]
    stamps: tuple[int, ...] = ()


@dataclass
class KeptData:
    """What the data files of docs/ are as the last run left them: the unit key each generated
    file was written under (the manifest: `docs_tree.Listing.before`; empty: nothing is copied
    from them) and the layout of each year's files (`YearLayout`; the cache keeps it, and
    `_data_units` puts this run's in it)."""

    written: Mapping[str, str] = field(default_factory=dict)
    layouts: dict[int, YearLayout] = field(default_factory=dict)
    before: dict[int, YearLayout] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.before = dict(self.layouts)

    def stamp(self, docs: Path) -> bool:
        """Once this run's files are in `docs`, note the modification times of the year files
        made this run in their layouts (a file edited by hand after that is then known, whatever
        its size; a layout kept from an earlier run keeps the times noted then, so that a run
        which did not make the year again never vouches for its files); whether any layout
        differs from the last run's (the cache has something new to keep)."""
        for year, layout in list(self.layouts.items()):
            if layout.stamps:  # noted when its files were made
                continue
            try:
                stats = [(docs / rel).stat() for rel in data_year_paths(year)]
            except OSError:
                stats = []
            if tuple(st.st_size for st in stats) != layout.sizes:  # (gone: a layout of no file)
                del self.layouts[year]
                continue
            self.layouts[year] = layout._replace(stamps=tuple(st.st_mtime_ns for st in stats))
        return self.layouts != self.before


class YearDay(NamedTuple):
    """A day of a year's data files: the digest of its records and their tags, how to read its
    records without their tags (`DayRecords.read`), and its articles (their tags)."""

    digest: str
    parts: Callable[[], DayParts]
    articles: list[PlacedArticle]


def year_exports(
    year: int, days: list[YearDay], key: str = "", kept: tuple[Path, YearLayout] | None = None
) -> tuple[dict[str, Pieces], YearLayout]:
    """The JSON Lines and CSV files of one year, from each day's parts and its articles' tags,
    and where each day's records lie in them (written under the unit key `key`). `kept`: the
    folder the year's files of the last run are in and their layout — a day whose digest they
    hold is copied from there instead of being read and joined again (after one issue
    changed, a year of 11,300 articles read 140 days' records and joined 94 MB for one day's)."""
    jsonl, table = data_year_paths(year)
    lines: list[bytes | FilePart] = []
    rows: list[bytes | FilePart] = []
    at = [0, len(CSV_HEADER_BYTES)]
    spans: dict[str, tuple[int, int, int, int]] = {}
    for day in days:
        span = kept[1].days.get(day.digest) if kept else None
        pieces: tuple[bytes | FilePart, bytes | FilePart]
        if kept and span:
            pieces = (FilePart(kept[0] / jsonl, span[0], span[1]), FilePart(kept[0] / table, span[2], span[3]))
            sizes = (span[1] - span[0], span[3] - span[2])
        else:
            made_lines: list[bytes] = []
            made_rows: list[bytes] = []
            for (line_before, line_after, row_before, row_after), p in zip(day.parts(), day.articles, strict=True):
                made_lines += (line_before, jsonl_tags(p.tags).encode(), line_after)
                made_rows += (row_before, csv_tags(p.tags).encode(), row_after)
            pieces = (b"".join(made_lines), b"".join(made_rows))
            sizes = (len(pieces[0]), len(pieces[1]))
        spans[day.digest] = (at[0], at[0] + sizes[0], at[1], at[1] + sizes[1])
        lines.append(pieces[0])
        rows.append(pieces[1])
        at = [at[0] + sizes[0], at[1] + sizes[1]]
    # the CSV header a piece of its own: the file of all years has it once (`_without_header`)
    files = {jsonl: Pieces(_run_on(lines)), table: Pieces((CSV_HEADER_BYTES, *_run_on(rows)))}
    return files, YearLayout(key, (at[0], at[1]), spans)


def _run_on(parts: list[bytes | FilePart]) -> tuple[bytes | FilePart, ...]:
    """The pieces with those that run on joined: bytes to bytes, and a file's range to the
    range of the same file that starts where it ends (a year whose days were all kept is
    copied in one go)."""
    joined: list[bytes | FilePart] = []
    run: list[bytes] = []
    for piece in parts:
        if isinstance(piece, bytes):
            if piece:  # (an empty one would keep the ranges on either side of it apart)
                run.append(piece)
            continue
        if run:
            joined.append(b"".join(run))
            run = []
        last = joined[-1] if joined else None
        if isinstance(last, FilePart) and (last.path, last.end) == (piece.path, piece.skip):
            joined[-1] = last._replace(end=piece.end)
        else:
            joined.append(piece)
    if run:
        joined.append(b"".join(run))
    return tuple(joined)


def kept_layout(docs: Path, year: int, layout: YearLayout | None, written: Mapping[str, str]) -> YearLayout | None:
    """The layout of the year's files in `docs` as the last run wrote them, if they are those:
    written under the layout's unit key (the manifest, `written`), and of its sizes and
    modification times (not edited by hand since)."""
    if layout is None or not layout.stamps:
        return None
    paths = data_year_paths(year)
    try:
        if any(written.get(rel) != layout.key for rel in paths):
            return None
        stats = [(docs / rel).stat() for rel in paths]
    except OSError:
        return None
    if tuple(st.st_size for st in stats) != layout.sizes or tuple(st.st_mtime_ns for st in stats) != layout.stamps:
        return None
    return layout


def overall_exports(
    years: list[tuple[int, int]], year_files: Callable[[int], dict[str, Pieces]], paper: str = ""
) -> dict[str, str | Pieces]:
    """The files of all years and the data page, made of each year's files — the same
    bytes as writing every record again, without making them again."""
    jsonl_parts: list[bytes | FilePart] = []
    csv_parts: list[bytes | FilePart] = [CSV_HEADER_BYTES]
    sizes: dict[str, int] = {}
    for year, _ in years:
        files = year_files(year)
        jsonl, table = data_year_paths(year)
        jsonl_parts += files[jsonl].parts
        csv_parts += _without_header(files[table].parts)  # its rows, not its header
        sizes.update((rel, pieces.size()) for rel, pieces in files.items())
    joined = {JSONL_PATH: Pieces(tuple(jsonl_parts)), CSV_PATH: Pieces(tuple(csv_parts))}
    sizes.update((rel, pieces.size()) for rel, pieces in joined.items())
    page = data_page(sizes, years, sum(count for _, count in years), paper)
    return {**joined, DATA_PAGE: page}


def _without_header(parts: tuple[bytes | FilePart, ...]) -> tuple[bytes | FilePart, ...]:
    """A year's CSV pieces without the header row: its file from past the header, or the
    rows `year_exports` made."""
    first, *rest = parts
    if isinstance(first, FilePart):
        return (first.after(CSV_HEADER_BYTES), *rest)
    assert first == CSV_HEADER_BYTES  # (a piece of its own: `year_exports`)
    return tuple(rest)
