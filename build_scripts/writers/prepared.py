"""An article's page and data records, prepared where it is parsed and finished once its place
in the archive is known.

Most of an article page (its front matter and Markdown body) and of its `articles.jsonl` and
CSV records depends on the article alone; only its address (`id`, `url`), its tags and the
pages it links to depend on the rest of the archive. The worker process that parses a source
file writes the first part (`Prepared`); the main process adds the rest with a few joins of
strings, instead of serialising every article again. The result is byte for byte what
serialising the whole record gives (`ArticleRecord.front_matter` through
`dump_front_matter`, `data()` through `json.dumps`, and the CSV row) — tests/test_prepared.py
checks it on random articles.

YAML is written key by key: a block mapping at the top of a document is its entries one after
another, so dumping the keys apart and joining them gives the document. The few values added
at the end (tags, id, links: short words and paths) are written from a table of how YAML
writes each distinct string, filled by YAML itself.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass

from build_scripts.catalogue.place import PlacedArticle
from build_scripts.contract.record import ArticleRecord, dump_yaml

CSV_BOM = "\ufeff"
LIST_SEPARATOR = ";"
_FRONT_HEAD = (
    "title", "title_parts", "main_title", "date", "paper", "page", "page_name", "byline", "authors",
    "correspondents", "dateline",
)  # fmt: skip
_ROW_MIDDLE = (
    "date", "paper", "page", "page_name", "title", "title_parts", "byline", "authors", "correspondents",
    "dateline", "text",
)  # fmt: skip
_RECORD_MIDDLE = (*_ROW_MIDDLE, "subheads", "box")  # (sub-heads and a box's kind have no column: JSON Lines only)
_LINK_KEYS = ("issue", "page_anchor", "year", "previous", "next", "previous_issue", "next_issue")
_SHORT = 200  # a string this short is never folded at YAML's line width of 1000
_LINE_BREAK = re.compile("[\n\r\x85\u2028\u2029]")  # what YAML breaks lines at (and then indents)


@dataclass(frozen=True, slots=True)
class Prepared:
    """The parts of an article's page and records that depend on the article alone."""

    front_head: str  # front matter from `title` to `dateline`
    front_source: str  # `source`
    front_tail: str  # `ordinal`, `template`, `description`
    body: str  # the page's Markdown
    record: str  # articles.jsonl: the fields from `date` to `box`, without braces
    record_tail: str  # `"source": {…}`
    row: str  # the CSV columns from `date` to `text`
    row_tail: str  # `source_file`, `first_line`, `last_line`


def prepare(record: ArticleRecord, body: str) -> Prepared:
    """`record` as far as it is known before the archive is put together (no id, url, tags
    or links: they are added by `article_page`, `jsonl_line` and `csv_line`)."""
    front = record.front_matter()
    data = record.data()
    source = data["source"]
    return Prepared(
        front_head=dump_yaml({key: front[key] for key in _FRONT_HEAD}),
        front_source=dump_yaml({"source": front["source"]}),
        front_tail=dump_yaml({key: front[key] for key in ("ordinal", "template", "description") if key in front}),
        body=body,
        record=json.dumps({key: data[key] for key in _RECORD_MIDDLE}, ensure_ascii=False)[1:-1],
        record_tail=json.dumps({"source": source}, ensure_ascii=False)[1:-1],
        row=_csv_fields([_csv_value(data[key]) for key in _ROW_MIDDLE]),
        row_tail=_csv_fields([source["file"], str(source["first_line"]), str(source["last_line"])]),
    )


# -- finishing ----------------------------------------------------------------------------


def jsonl_line(placed: PlacedArticle, prepared: Prepared, first: PlacedArticle | None = None) -> str:
    """`first`: the first printing of an article the issue prints again on another 版."""
    before, after = jsonl_around_tags(placed, prepared, first)
    return before + jsonl_tags(placed.tags) + after


def jsonl_around_tags(placed: PlacedArticle, prepared: Prepared, first: PlacedArticle | None = None) -> tuple[str, str]:
    """An article's JSON line before its tags and after them: the tags are what a new issue
    changes in older articles of its year (their weights are counted over the year), the rest is not."""
    dumps = json.dumps
    return (
        f'{{"id": {dumps(placed.id, ensure_ascii=False)}, "url": {dumps(placed.url, ensure_ascii=False)}, '
        f'{prepared.record}, "tags": ',
        f', "reprint_of": {dumps(first.id if first else None)}, {prepared.record_tail}}}\n',
    )


# Tags that JSON and CSV write as they are: nothing to escape (`"`, a backslash, control characters)
# and nothing to quote (`,`, `"`, line ends). Tags are words of the text, so nearly all are;
# a year's data files take every article's tags again after each new issue (the tags of
# older articles move), and `json.dumps` and `csv.writer` cost more than the joining.
_PLAIN_JSON = re.compile(r'[^"\\\x00-\x1f]*')
_PLAIN_CSV = re.compile(r'[^,"\r\n]*')


def jsonl_tags(tags: list[str]) -> str:
    if not tags:
        return "[]"
    # (each tag is checked, not the joined list: its separators hold quotation marks)
    if _PLAIN_JSON.fullmatch("".join(tags)):
        return '["' + '", "'.join(tags) + '"]'
    return json.dumps(tags, ensure_ascii=False)


def csv_line(placed: PlacedArticle, prepared: Prepared, first: PlacedArticle | None = None) -> str:
    before, after = csv_around_tags(placed, prepared, first)
    return before + csv_tags(placed.tags) + after


def csv_around_tags(placed: PlacedArticle, prepared: Prepared, first: PlacedArticle | None = None) -> tuple[str, str]:
    """An article's CSV row before its tags' column and after it (`jsonl_around_tags`)."""
    head = _csv_fields([placed.id, placed.url])
    return f"{head},{prepared.row},", f",{_csv_fields([first.id if first else ''])},{prepared.row_tail}\r\n"


def csv_tags(tags: list[str]) -> str:
    joined = LIST_SEPARATOR.join(tags)
    return joined if _PLAIN_CSV.fullmatch(joined) else _csv_fields([joined])


# -- CSV ----------------------------------------------------------------------------------


def _csv_value(value: object) -> str:
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    return "" if value is None else str(value)


def _csv_fields(values: list[str]) -> str:
    """The fields as they stand in a row of `csv.writer` (RFC 4180), without the line end."""
    if len(values) == 1 and not values[0]:
        return ""  # alone in a row an empty field is written `""`; among others, as nothing
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(values)
    return out.getvalue()[:-2]


# -- YAML of the values added at the end ---------------------------------------------------

_scalars: dict[tuple[str, bool], str | None] = {}

# A path of the site as the links name it (`2024/05/23/slug.md`, `archive/2024.md#month-05`),
# or an article's id (`2024-05-23-slug`): YAML writes it as it is. No implicit type (a number, a
# date, a boolean, null) holds a slash or a date followed by more, and none of these characters
# is an indicator where it stands (`#` only after a space). Nearly every link and id is seen
# once, and asking YAML each time was a third of writing the article pages;
# tests/test_prepared.py checks the rule against it.
_PLAIN_PATH = re.compile(r"[a-z0-9][a-z0-9._-]*/[a-z0-9._/#-]*|[0-9]{4}-[0-9]{2}-[0-9]{2}(?:-[a-z0-9]+)+")


def _scalar(text: str, key: bool = False) -> str | None:
    """How YAML writes `text` as a value (or as a key) on one line; None when it would not
    be one short line, and the whole mapping must be dumped instead."""
    if not key and len(text) <= _SHORT and _PLAIN_PATH.fullmatch(text):
        return text
    found = _scalars.get((text, key), "")
    if found != "":
        return found
    result = None
    if len(text) <= _SHORT and not _LINE_BREAK.search(text):
        if key:
            dumped = dump_yaml({text: None})
            if dumped.endswith(": null\n") and dumped.count("\n") == 1 and not dumped.startswith("?"):
                result = dumped[: -len(": null\n")]
        else:
            dumped = dump_yaml([text])
            if dumped.startswith("- ") and dumped.count("\n") == 1:
                result = dumped[2:-1]
    _scalars[(text, key)] = result
    return result


def yaml_list(key: str, values: list[str]) -> str:
    if not values:
        return f"{key}: []\n"
    items = [_scalar(v) for v in values]
    if None in items:
        return dump_yaml({key: values})
    return f"{key}:\n" + "".join(f"- {item}\n" for item in items)


def yaml_entry(key: str, value: str) -> str:
    written = _scalar(value)
    return f"{key}: {written}\n" if written is not None else dump_yaml({key: value})


def yaml_links(links: dict) -> str:
    lines = ["links:\n"]
    for key in links:
        value = links[key]
        if key in _LINK_KEYS and (value is None or isinstance(value, str)):
            written = "null" if value is None else _scalar(value)
            if written is None:
                return dump_yaml({"links": links})
            lines.append(f"  {key}: {written}\n")
        elif key in ("people", "tags") and isinstance(value, dict):
            if not value:
                lines.append(f"  {key}: {{}}\n")
                continue
            lines.append(f"  {key}:\n")
            for name, path in value.items():
                k, v = _scalar(name, key=True), _scalar(path)
                if k is None or v is None:
                    return dump_yaml({"links": links})
                lines.append(f"    {k}: {v}\n")
        else:
            return dump_yaml({"links": links})
    return "".join(lines)
