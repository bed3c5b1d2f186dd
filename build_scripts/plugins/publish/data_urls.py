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


def located_jsonl(text: str, site_url: str, directory_urls: bool = True) -> str:
    lines = []
    for line in text.splitlines():
        record = json.loads(line)
        record["url"] = _located(str(record.get("url") or ""), site_url, directory_urls)
        lines.append(json.dumps(record, ensure_ascii=False) + "\n")
    return "".join(lines)


def located_csv(text: str, site_url: str, directory_urls: bool = True) -> str:
    rows = list(csv.reader(io.StringIO(text.removeprefix(CSV_BOM))))
    if not rows or "url" not in rows[0]:
        return text
    column = rows[0].index("url")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # as the converter writes it (RFC 4180)
    writer.writerow(rows[0])
    for row in rows[1:]:
        row[column] = _located(row[column], site_url, directory_urls)
        writer.writerow(row)
    return CSV_BOM + out.getvalue()


def locate_data_urls(data_dir: Path, site_url: str, directory_urls: bool = True) -> int:
    """Rewrite every `articles.jsonl` and `articles.csv` under the built site's data folder."""
    changed = 0
    for path in sorted(data_dir.rglob("articles.*")):
        if path.suffix not in (".jsonl", ".csv"):
            continue
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".jsonl":
            new = located_jsonl(text, site_url, directory_urls)
        else:
            new = located_csv(text, site_url, directory_urls)
        if new != text:
            path.write_text(new, encoding="utf-8")
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
