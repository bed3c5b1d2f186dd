"""Where a record's `url` leads, in the published data files.

The converter writes each record's `url` relative to the site (`2022/01/28/<slug>/`): it does
not know where the site will be published. Once the build knows its public address, the copies
in `site/data/` get the full address, so a researcher's downloaded record links to its article
wherever the file ends up. A site built without a public address and without folder addresses
(the offline bundle) gets the page's own file (`2022/01/28/<slug>.html`), which is what exists
there. The files in `docs/` stay as the converter wrote them.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

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
