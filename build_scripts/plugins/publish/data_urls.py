"""Where a record's `url` leads, in the published data files.

The converter writes each record's `url` relative to the site (`2022/01/28/<slug>/`): it does
not know where the site will be published. Once the build knows its public address, the copies
in `site/data/` get the full address, so a researcher's downloaded record links to its article
wherever the file ends up. A site built without a public address and without folder addresses
(the offline bundle) gets the page's own file (`2022/01/28/<slug>.html`), which is what exists
there. The files in `docs/` stay as the converter wrote them; the data page gives the sizes of
the files as published (`published_sizes`).
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from build_scripts.writers.data_export import human_size

CSV_BOM = "\ufeff"


def _located(url: str, site_url: str, directory_urls: bool = True) -> str:
    if not url or url.startswith(("http://", "https://")):
        return url
    if site_url:
        return site_url + url
    return url if directory_urls or not url.endswith("/") else url[:-1] + ".html"


# A record as the converter writes it opens with its id and its url, neither with anything to
# escape (`writers/prepared.py`: `jsonl_around_tags`, `csv_around_tags`). Where every record of
# a file does, each url is put in place where it stands and the rest of the file is kept as it
# is. Parsing and writing again every record of the whole archive's two files took 5.6 s of
# every build of the `site` shard at 100,000 articles; put in place, 2.3 s. A file written
# otherwise is parsed and written again, record by record.
_JSONL_HEAD = re.compile(r'\{"id": "[^"\\]*", "url": "([^"\\]*)"')
_CSV_HEAD = re.compile(r'[^,"\r\n]*,([^,"\r\n]*),')
_CSV_PLAIN = re.compile(r'[^,"\r\n]*')


def located_jsonl(text: str, site_url: str, directory_urls: bool = True) -> str:
    lines = text.split("\n")
    if lines.pop() != "":  # (the last record's line end)
        return _reparsed_jsonl(text, site_url, directory_urls)
    for k, line in enumerate(lines):
        head = _JSONL_HEAD.match(line)
        if head is None:  # not as the converter writes a record
            return _reparsed_jsonl(text, site_url, directory_urls)
        url = json.dumps(_located(head[1], site_url, directory_urls), ensure_ascii=False)
        lines[k] = f"{line[: head.start(1) - 1]}{url}{line[head.end(1) + 1 :]}"
    return "\n".join(lines) + "\n" if lines else text


def _reparsed_jsonl(text: str, site_url: str, directory_urls: bool) -> str:
    lines = []
    for line in text.split("\n"):  # (not `splitlines`: a JSON string may hold U+2028 as it is)
        if not line.strip():
            continue
        record = json.loads(line)
        record["url"] = _located(str(record.get("url") or ""), site_url, directory_urls)
        lines.append(json.dumps(record, ensure_ascii=False) + "\n")
    return "".join(lines)


def located_csv(text: str, site_url: str, directory_urls: bool = True) -> str:
    found = _csv_in_place(text.removeprefix(CSV_BOM), site_url, directory_urls)
    return found if found is not None else _reparsed_csv(text, site_url, directory_urls)


def _csv_in_place(body: str, site_url: str, directory_urls: bool) -> str | None:
    """The file with each row's url (its second column) put in place, where every row opens
    with an id and a url that need no quotes, and each url as published needs none either;
    None where not. A row ends at a line end outside quotes: where the quotation marks before
    it are even (a quote within a quoted value is written twice)."""
    pieces = body.split("\r\n")
    if not pieces[0].startswith("id,url,") or "\n" in pieces[0]:
        return None
    if pieces[-1] == "":  # (the last row's line end)
        pieces.pop()
    rows = [pieces[0]]
    row: list[str] = []
    quotes = 0
    for piece in pieces[1:]:
        row.append(piece)
        quotes += piece.count('"')
        if quotes % 2:  # a value in quotes holding a line end: the row goes on
            continue
        whole = "\r\n".join(row)
        row, quotes = [], 0
        if ("\n" in whole or "\r" in whole) and any(
            "\n" in outside or "\r" in outside for outside in whole.split('"')[::2]
        ):
            return None  # a line end outside quotes but the row's own: not a file the converter wrote
        head = _CSV_HEAD.match(whole)
        if head is None:
            return None
        url = _located(head[1], site_url, directory_urls)
        if not _CSV_PLAIN.fullmatch(url):
            return None
        rows.append(f"{whole[: head.start(1)]}{url}{whole[head.end(1) :]}")
    if row:  # a quoted value never closed: not a file the converter wrote
        return None
    return CSV_BOM + "\r\n".join(rows) + "\r\n"


def _reparsed_csv(text: str, site_url: str, directory_urls: bool) -> str:
    rows = list(csv.reader(io.StringIO(text.removeprefix(CSV_BOM))))
    if not rows or "url" not in rows[0]:
        return text
    column = rows[0].index("url")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # as the converter writes it (RFC 4180)
    writer.writerow(rows[0])
    for row in rows[1:]:
        if len(row) > column:  # (a blank line is left as it is)
            row[column] = _located(row[column], site_url, directory_urls)
        writer.writerow(row)
    return CSV_BOM + out.getvalue()


def locate_data_urls(data_dir: Path, site_url: str, directory_urls: bool = True) -> int:
    """Rewrite every `articles.jsonl` and `articles.csv` under the built site's data folder."""
    changed = 0
    for path in sorted(data_dir.rglob("articles.*")):
        if path.suffix not in (".jsonl", ".csv"):
            continue
        with open(path, encoding="utf-8", newline="") as stream:  # (its line ends as written)
            text = stream.read()
        if path.suffix == ".jsonl":
            new = located_jsonl(text, site_url, directory_urls)
        else:
            new = located_csv(text, site_url, directory_urls)
        if new != text:
            with open(path, "w", encoding="utf-8", newline="") as stream:
                stream.write(new)
            changed += 1
    return changed


def rewrites_data(site_url: str, directory_urls: bool) -> bool:
    """Are the data files rewritten as published: a public address, or pages as files?"""
    return bool(site_url) or not directory_urls


# A data file's link on the data page and the size written after it (`[articles.csv](2026/articles.csv)
# 11.1 MB`, or in a cell further along its row), as `writers/data_export.data_page` writes them.
_FILE_AND_SIZE = re.compile(r"(\[articles\.(jsonl|csv)\]\(([^)\s]+)\)[^\n]*?)(\d+(?:\.\d)?\u00a0(?:B|KB|MB))")
_ROW_COUNT = re.compile(r"\|\s*(\d+)\s*\|")  # the records a file's row counts (`| 2826 |`)
_A_RECORD_URL = "2000/01/01/a/"  # every record's `url` as the converter writes it: relative, to a folder


def published_sizes(markdown: str, data_dir: Path, site_url: str, directory_urls: bool) -> str:
    """The data page's Markdown with each data file's size as the file is published: every
    record's `url` grows by the same bytes (the public address before it, or `.html` for
    its last `/`), times the records the file's row counts (or, with no count in its row,
    the lines of its JSON Lines file)."""
    if not rewrites_data(site_url, directory_urls):
        return markdown
    located = _located(_A_RECORD_URL, site_url, directory_urls)
    growth = {
        "jsonl": len(json.dumps(located, ensure_ascii=False).encode()) - len(json.dumps(_A_RECORD_URL).encode()),
        "csv": len(_csv_field(located)) - len(_csv_field(_A_RECORD_URL)),
    }
    lines = markdown.split("\n")
    for k, line in enumerate(lines):
        if "[articles." not in line:
            continue
        counted = _ROW_COUNT.search(line)

        def published(match: re.Match, counted: re.Match | None = counted) -> str:
            path = data_dir / match[3]
            try:
                records = int(counted[1]) if counted else _lines(path.with_suffix(".jsonl"))
                size = path.stat().st_size + records * growth[match[2]]
            except OSError:  # not converted as the page says: the size as written stays
                return match[0]
            return match[1] + human_size(size)

        lines[k] = _FILE_AND_SIZE.sub(published, line)
    return "\n".join(lines)


def _csv_field(text: str) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow([text])
    return out.getvalue().encode()


def _lines(path: Path) -> int:
    count = 0
    with path.open("rb") as f:
        while chunk := f.read(1 << 22):
            count += chunk.count(b"\n")
    return count
