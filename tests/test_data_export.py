"""Data downloads: articles.jsonl (maintainers/output-contract.md), the same as CSV, per-year files, and the page
that lists them with their sizes and describes every field."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from conftest import RICH_FILES, make_archive

from build_scripts.convert import convert
from build_scripts.writers.data_export import CSV_COLUMNS, FIELDS


@pytest.fixture(scope="module")
def docs(tmp_path_factory):
    project = make_archive(tmp_path_factory.mktemp("data"), RICH_FILES)
    convert(project / "source_texts", project / "docs")
    return project / "docs"


def jsonl(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def csv_rows(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: spreadsheet programs then read UTF-8
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_csv_holds_the_same_records_as_jsonl(docs):
    records, rows = jsonl(docs / "data/articles.jsonl"), csv_rows(docs / "data/articles.csv")
    assert len(records) == len(rows) == 13
    assert list(rows[0]) == CSV_COLUMNS
    for record, row in zip(records, rows, strict=False):
        assert row["id"] == record["id"] and row["text"] == record["text"] and row["title"] == record["title"]
        assert row["authors"] == ";".join(record["authors"]) and row["tags"] == ";".join(record["tags"])
        assert row["page"] == ("" if record["page"] is None else str(record["page"]))
        assert (row["source_file"], int(row["first_line"])) == (
            record["source"]["file"],
            record["source"]["first_line"],
        )


def test_per_year_files_split_the_whole(docs):
    whole = jsonl(docs / "data/articles.jsonl")
    by_year = jsonl(docs / "data/2021/articles.jsonl") + jsonl(docs / "data/2022/articles.jsonl")
    assert by_year == whole
    assert [r["id"] for r in csv_rows(docs / "data/2021/articles.csv")] == [r["id"] for r in whole[:4]]


def test_data_page_links_every_file_with_its_true_size(docs):
    page = (docs / "data/index.md").read_text(encoding="utf-8")
    files = re.findall(r"\[articles\.(?:jsonl|csv)\]\(([^)]+)\)", page)
    assert sorted(files) == sorted(
        [
            "articles.jsonl",
            "articles.csv",
            "2022/articles.jsonl",
            "2022/articles.csv",
            "2021/articles.jsonl",
            "2021/articles.csv",
        ]
    )
    size = (docs / "data/articles.jsonl").stat().st_size
    assert f"| [articles.jsonl](articles.jsonl) | JSON Lines | 13 | {size / 1024:.1f}\u00a0KB |" in page
    for name, _, _ in FIELDS:
        assert f"| `{name}` |" in page
