"""Absolute `url`s in the published data files.

The converter writes each record's `url` relative to the site (`2022/01/28/<slug>/`): it does
not know where the site will be published. Once the build knows its public address, the copies
in `site/data/` get the full address, so a researcher's downloaded record links to its article
wherever the file ends up. The files in `docs/` stay as the converter wrote them.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

CSV_BOM = "\ufeff"


def _absolute(url: str, site_url: str) -> str:
    return url if url.startswith(("http://", "https://")) or not url else site_url + url


def absolute_jsonl(text: str, site_url: str) -> str:
    lines = []
    for line in text.splitlines():
        record = json.loads(line)
        record["url"] = _absolute(str(record.get("url") or ""), site_url)
        lines.append(json.dumps(record, ensure_ascii=False) + "\n")
    return "".join(lines)


def absolute_csv(text: str, site_url: str) -> str:
    rows = list(csv.reader(io.StringIO(text.removeprefix(CSV_BOM))))
    if not rows or "url" not in rows[0]:
        return text
    column = rows[0].index("url")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # as the converter writes it (RFC 4180)
    writer.writerow(rows[0])
    for row in rows[1:]:
        row[column] = _absolute(row[column], site_url)
        writer.writerow(row)
    return CSV_BOM + out.getvalue()


def make_data_urls_absolute(data_dir: Path, site_url: str) -> int:
    """Rewrite every `articles.jsonl` and `articles.csv` under the built site's data folder."""
    changed = 0
    for path in sorted(data_dir.rglob("articles.*")):
        if path.suffix not in (".jsonl", ".csv"):
            continue
        text = path.read_text(encoding="utf-8")
        new = absolute_jsonl(text, site_url) if path.suffix == ".jsonl" else absolute_csv(text, site_url)
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed += 1
    return changed
