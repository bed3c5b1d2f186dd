"""How to cite an article: GB/T 7714-2015, Chicago (notes and bibliography) and CSL-JSON.

Pure functions of an article's metadata (front matter or an articles.jsonl record); no I/O.

Conventions, and why:
- The cited title is the main title, followed by a subtitle (副题) as other title
  information after `: `; the kicker (引题) is left out, as newspaper databases do.
- Creators are everyone named in the byline, reporters first and then correspondents, in
  print order (CNKI lists 通讯员 as authors of a newspaper article too). A byline that names
  no person (本报评论员) is cited as printed, a collective author, as CNKI does; an author's
  note (（作者为…）) is not an author.
- GB/T 7714-2015 newspaper article (§8.1.3 / example `丁文祥. 数字革命与竞争国际化[N].
  中国青年报, 2000-11-20(15).`): `主要责任者. 题名[N]. 报纸名, 出版日期(版次).`; up to three
  creators, then `, 等`; no creator → the entry starts with the title.
- Chicago (17th ed.) is a style for writing in English, so a Chinese source is cited as the
  Manual asks for titles in languages not written in Latin letters (11.83, 14.98–14.99):
  Hanyu Pinyin romanisation (sentence-style, syllables of a word together, romanize.py),
  followed by the Chinese characters; the newspaper likewise, with its English name (archive.yml
  `title_en`) in brackets. Chinese names keep their order, family name first and no comma
  (14.83): `Li Jie 李洁`. Newspaper article (14.191): note `Name, “Headline” 标题, Paper 报名,
  Month D, YYYY, 版, URL.`; bibliography `Name. “Headline” 标题. Paper 报名, Month D, YYYY. URL.`
  Up to three names in a note (more: the first, `et al.`), up to ten in a bibliography.
- CSL-JSON names: a Chinese personal name is split into `family` and `given` (李 + 洁, 欧阳
  + 晓岚), which reference managers print in the right order for Chinese; a name that is not
  one (a foreign name, a role, an institution) stays a `literal`.
- RIS (`TY  - NEWS`), what EndNote and NoteExpress — the reference managers of most Chinese
  libraries and universities — import, and Zotero too: the newspaper as `T2`, the 版 as `SP`,
  its name as `SE`; an author `Family, Given` where the name splits as for CSL-JSON, else as
  printed (a name with no comma is one name: 本报评论员). Lines end in CR LF, as the format's
  description has them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from build_scripts.contract.headline import headline_pieces, is_subtitle
from build_scripts.contract.labels import INVISIBLE, NO_TITLE, SUBTITLE_DASHES
from build_scripts.contract.record import ArticleRecord
from build_scripts.contract.script import simplified
from build_scripts.plugins.archive.romanize import romanised_name, romanised_title, split_name

_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


# A byline that is a reporter's role alone (`本报记者`, `新华社记者`: the names were printed
# elsewhere, or not at all) — unlike `本报评论员`, who signs as a collective author
_ROLE_ALONE_RE = re.compile(r"^[\u4e00-\u9fff]{0,6}?(?:记者|通讯员|实习生)$")  # (read in simplified characters)


@dataclass(frozen=True)
class Work:
    """What a citation needs to know about an article."""

    title: str
    creators: tuple[str, ...]
    paper: str
    date: dt.date
    page: int | None = None
    page_name: str = ""
    url: str = ""
    id: str = ""
    language: str = "zh-Hans"
    paper_en: str = ""  # the paper's English name, when archive.yml gives one

    @classmethod
    def from_record(cls, record: ArticleRecord, url: str = "", language: str = "zh-Hans", paper_en: str = "") -> Work:
        names = list(record.people)
        byline = record.byline.strip().strip("（）()").strip()
        # （作者为…） is a note, not a name; a reporter's role alone names no one
        if not names and byline and not byline.startswith("作者") and not _ROLE_ALONE_RE.match(simplified(byline)):
            names = [byline]
        return cls(
            title=cited_title(list(record.title_parts)),
            creators=tuple(dict.fromkeys(names)),
            paper=record.paper,
            date=record.date,
            page=record.page,
            page_name=record.page_name,
            url=url,
            id=record.id,
            language=language,
            paper_en=paper_en,
        )

    @classmethod
    def from_meta(cls, meta: Mapping[str, Any], url: str = "") -> Work:
        """From an article's front matter or articles.jsonl record."""
        return cls.from_record(ArticleRecord.from_meta(meta), url=url)


def cited_title(title_parts: list[str]) -> str:
    """Main title, plus `: subtitle` for a subtitle printed after it (kicker left out)."""
    if not title_parts:
        return NO_TITLE
    _, main, after = headline_pieces(title_parts)
    subtitles = [part.lstrip(INVISIBLE + "".join(SUBTITLE_DASHES)) for part in after if is_subtitle(part)]
    subtitles = [s for s in subtitles if s]
    return ": ".join([main, *subtitles]) if main else NO_TITLE


def gbt7714(work: Work) -> str:
    """GB/T 7714-2015, newspaper article: `主要责任者. 题名[N]. 报纸名, 出版日期(版次).`"""
    names = list(work.creators)
    who = ", ".join(names[:3]) + (", 等" if len(names) > 3 else "")
    head = f"{who}. " if who else ""
    when = work.date.isoformat() + (f"({work.page})" if work.page is not None else "")
    return f"{head}{work.title}[N]. {work.paper}, {when}."


def _english_date(day: dt.date) -> str:
    return f"{_MONTHS[day.month - 1]} {day.day}, {day.year}"


def _quoted(title: str) -> str:
    """The romanised headline in double quotes, the characters after them; quotation marks
    inside become single ones. An untitled article is named by the placeholder alone."""
    if title == NO_TITLE:
        return NO_TITLE
    inner = romanised_title(title).replace("“", "‘").replace("”", "’").replace('"', "'")
    return f"“{inner}” {title}"


def _name(name: str) -> str:
    return f"{romanised_name(name)} {name}"


def _paper(work: Work) -> str:
    return f"{romanised_title(work.paper)} {work.paper}" + (f" [{work.paper_en}]" if work.paper_en else "")


def _and_list(names: list[str]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + ", and " + names[-1]


def chicago_note(work: Work) -> str:
    """Chicago notes-bibliography, full note for a newspaper article in Chinese."""
    names = [_name(n) for n in work.creators]
    who = _and_list(names) if len(names) <= 3 else f"{names[0]} et al."
    tail = [_paper(work), _english_date(work.date)]
    if work.page is not None:
        tail.append(str(work.page))
    if work.url:
        tail.append(work.url)
    return f"{who + ', ' if who else ''}{_quoted(work.title)}, {', '.join(tail)}."


def chicago_bibliography(work: Work) -> str:
    """Chicago notes-bibliography, bibliography entry for a newspaper article in Chinese."""
    names = [_name(n) for n in work.creators]
    who = _and_list(names) if len(names) <= 10 else ", ".join(names[:7]) + ", et al"
    entry = f"{who + '. ' if who else ''}{_quoted(work.title)}. {_paper(work)}, {_english_date(work.date)}."
    return f"{entry} {work.url}." if work.url else entry


def csl_name(name: str) -> dict[str, str]:
    """A CSL name: family and given for a Chinese personal name, else the name as printed."""
    parts = split_name(name)
    return {"family": parts[0], "given": parts[1]} if parts else {"literal": name}


def ris(work: Work) -> str:
    """An RIS record of the article (type `NEWS`, a newspaper article)."""
    lines = [("TY", "NEWS"), ("TI", work.title)]
    for name in work.creators:
        parts = split_name(name)
        lines.append(("AU", f"{parts[0]}, {parts[1]}" if parts else name))
    lines += [("T2", work.paper), ("PY", str(work.date.year)), ("DA", work.date.strftime("%Y/%m/%d"))]
    if work.page is not None:
        lines.append(("SP", str(work.page)))
    if work.page_name:
        lines.append(("SE", work.page_name))
    if work.url:
        lines.append(("UR", work.url))
    lines += [("LA", work.language), ("ER", "")]  # (`ER  - `, its space too: as the format writes it)
    # a field's value on one line: a line break in a title would end the field
    return "".join(f"{tag}  - {' '.join(value.split())}\r\n" for tag, value in lines)


def csl_json(work: Work) -> list[dict]:
    """CSL-JSON (a list with one item), type `article-newspaper`, for Zotero, Citavi, pandoc …"""
    item: dict = {
        "id": work.id or f"{work.date.isoformat()}",
        "type": "article-newspaper",
        "title": work.title,
        "container-title": work.paper,
        "issued": {"date-parts": [[work.date.year, work.date.month, work.date.day]]},
        "language": work.language,
    }
    if work.creators:
        item["author"] = [csl_name(name) for name in work.creators]
    if work.page is not None:
        item["page"] = str(work.page)
    if work.page_name:
        item["section"] = work.page_name
    if work.url:
        item["URL"] = work.url
    return [item]
