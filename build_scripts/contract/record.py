"""The article record: what the converter says about each article, written once and read once.

The converter writes it twice from this one class — as the front matter of the article's
page and as its line of `data/articles.jsonl` — and every MkDocs plugin reads it back from a
page's front matter with `ArticleRecord.from_meta`, never key by key. The fields and their
meaning are the contract in maintainers/output-contract.md.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from build_scripts.contract.urls import article_id_of_path

ARTICLE_TEMPLATE = "article.html"  # the template of every article page: it marks them


def date_of(value: object) -> dt.date | None:
    """A front-matter or JSON date (a date, or an ISO string) as a date; None if it is not one."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


# libyaml's emitter (yaml.CSafeDumper) writes the same bytes as PyYAML's own about five times
# faster — for text made of these characters only (tests/test_front_matter_dump.py compares the
# two on random text). It escapes characters beyond the BMP and folds around U+2028/U+2029
# differently, so front matter with any other character goes through PyYAML's emitter.
_SAME_IN_LIBYAML = re.compile("[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]*")
_FAST_DUMPER = getattr(yaml, "CSafeDumper", None)


def _same_in_libyaml(value: object) -> bool:
    if isinstance(value, str):
        return _SAME_IN_LIBYAML.fullmatch(value) is not None
    if isinstance(value, dict):  # keys: PyYAML writes an empty or long one as a complex key (`? …`)
        return all(
            isinstance(k, str) and 0 < len(k) <= 100 and _same_in_libyaml(k) and _same_in_libyaml(v)
            for k, v in value.items()
        )
    if isinstance(value, list | tuple):
        return all(_same_in_libyaml(v) for v in value)
    return value is None or isinstance(value, bool | int)


def dump_yaml(data: object) -> str:
    """`data` as YAML, keys in the order given. Through PyYAML, never string formatting: a
    title like `key: value` or `---` stays data."""
    dumper = _FAST_DUMPER if _FAST_DUMPER and _same_in_libyaml(data) else yaml.SafeDumper
    return yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=1000)


def dump_front_matter(data: dict) -> str:
    return "---\n" + dump_yaml(data) + "---\n"


def is_article(meta: Mapping[str, Any]) -> bool:
    """Is this page's front matter an article's? Index and hand-written pages are not."""
    return meta.get("template") == ARTICLE_TEMPLATE


class RecordError(ValueError):
    """An article page's front matter that does not hold the contract's fields."""


@dataclass(frozen=True)
class SourceSpan:
    """Where in the source texts an article was cut from (file line numbers)."""

    file: str
    first_line: int
    last_line: int

    def as_dict(self) -> dict:
        return {"file": self.file, "first_line": self.first_line, "last_line": self.last_line}


@dataclass(frozen=True)
class ArticleRecord:
    id: str  # date + slug: `2022-01-28-bao-hu-ao-lin-pi-ke-biao-zhi`
    url: str  # site-relative address of the article page: `2022/01/28/<slug>/`
    date: dt.date
    paper: str
    page: int | None  # the 版 number; None when the source does not say
    page_name: str
    title: str  # the headline line as printed: pieces joined by spaces; "" when untitled
    title_parts: tuple[str, ...]  # kicker / main title / subtitle pieces
    main_title: str
    byline: str  # as printed
    authors: tuple[str, ...]
    correspondents: tuple[str, ...]
    dateline: str
    tags: tuple[str, ...]
    source: SourceSpan
    ordinal: int = 0  # 1-based position on its 版
    text: str = ""  # body as plain text (data files only; a page carries it as Markdown)
    subheads: tuple[str, ...] = ()  # the text's sub-heads, in order (JSON Lines only: search names them)
    # what a box the page prints issue after issue holds: "contents" for its list of the
    # issue's stories (导读), else "" (JSON Lines only: search ranks such a list last)
    box: str = ""
    description: str = ""  # opening sentence, for <meta name="description">
    links: Mapping[str, Any] = field(default_factory=dict)  # docs paths this page links to

    @property
    def people(self) -> tuple[str, ...]:
        """Everyone named in the byline: reporters, then correspondents."""
        return self.authors + tuple(n for n in self.correspondents if n not in self.authors)

    # -- written ------------------------------------------------------------------------

    def data(self) -> dict:
        """The `articles.jsonl` record, keys in the contract's order."""
        return {
            "id": self.id,
            "url": self.url,
            "date": self.date.isoformat(),
            "paper": self.paper,
            "page": self.page,
            "page_name": self.page_name,
            "title": self.title,
            "title_parts": list(self.title_parts),
            "byline": self.byline,
            "authors": list(self.authors),
            "correspondents": list(self.correspondents),
            "dateline": self.dateline,
            "text": self.text,
            "subheads": list(self.subheads),
            "box": self.box,
            "tags": list(self.tags),
            "reprint_of": self.reprint_of,
            "source": self.source.as_dict(),
        }

    @property
    def reprint_of(self) -> str | None:
        """The id of the first printing, for an article the issue prints again in full on
        another 版 (`links.first_printing`, a docs path `YYYY/MM/DD/<slug>.md`); else None."""
        first = self.links.get("first_printing") if self.links else None
        return article_id_of_path(first) if first else None

    def front_matter(self) -> dict:
        """The article page's front matter: the record without its text, plus what the page needs."""
        data = {
            "title": self.title,
            "title_parts": list(self.title_parts),
            "main_title": self.main_title,
            "date": self.date.isoformat(),
            "paper": self.paper,
            "page": self.page,
            "page_name": self.page_name,
            "byline": self.byline,
            "authors": list(self.authors),
            "correspondents": list(self.correspondents),
            "dateline": self.dateline,
            "tags": list(self.tags),
            "source": self.source.as_dict(),
            "id": self.id,
            "ordinal": self.ordinal,
            "template": ARTICLE_TEMPLATE,
        }
        if self.description:
            data["description"] = self.description
        if self.links:
            data["links"] = dict(self.links)
        return data

    # -- read ---------------------------------------------------------------------------

    @classmethod
    def from_meta(cls, meta: Mapping[str, Any], url: str = "") -> ArticleRecord:
        """From an article page's front matter (or an `articles.jsonl` record). Values the
        theme escaped are read as the text they stand for. Raises RecordError naming the
        field that is missing or wrong."""
        day = date_of(meta.get("date"))
        if day is None:
            raise RecordError(f"`date` {meta.get('date')!r} is not a date (YYYY-MM-DD)")
        source = meta.get("source") or {}
        if not isinstance(source, Mapping):
            raise RecordError("`source` must be a mapping of file, first_line and last_line")
        page = meta.get("page")
        if page is not None and (isinstance(page, bool) or not isinstance(page, int)):
            raise RecordError(f"`page` {page!r} is not a 版 number")
        return cls(
            id=_text(meta.get("id")),
            url=url or _text(meta.get("url")),
            date=day,
            paper=_text(meta.get("paper")),
            page=page,
            page_name=_text(meta.get("page_name")),
            title=_text(meta.get("title")),
            title_parts=_texts(meta.get("title_parts")),
            main_title=_text(meta.get("main_title")),
            byline=_text(meta.get("byline")),
            authors=_texts(meta.get("authors")),
            correspondents=_texts(meta.get("correspondents")),
            dateline=_text(meta.get("dateline")),
            tags=_texts(meta.get("tags")),
            source=SourceSpan(_text(source.get("file")), _int(source.get("first_line")), _int(source.get("last_line"))),
            ordinal=_int(meta.get("ordinal")),
            text=_text(meta.get("text")),
            subheads=_texts(meta.get("subheads")),
            box=_text(meta.get("box")),
            description=_text(meta.get("description")),
            links=meta.get("links") or {},
        )


def _text(value: object) -> str:
    if value is None:
        return ""
    unescape = getattr(value, "unescape", None)  # markupsafe.Markup: the theme's escaped copy
    return str(unescape() if callable(unescape) else value)


def _texts(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str) or not isinstance(value, list | tuple):
        raise RecordError(f"{value!r} should be a list")
    return tuple(_text(v) for v in value)


def _int(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0
