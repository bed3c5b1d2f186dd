"""Data downloads: articles.jsonl (maintainers/output-contract.md), the same as CSV, per-year files, and the page
that lists them with their sizes and describes every field."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from conftest import RICH_FILES, make_archive

from build_scripts.contract.urls import CSV_PATH, JSONL_PATH, data_year_paths
from build_scripts.convert import convert
from build_scripts.ingest.archive_config import load_archive_config
from build_scripts.writers.data_export import CSV_COLUMNS, FIELDS, download_name, human_size


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
    shown = '[articles.jsonl](articles.jsonl){ download="zhejiang-daily-articles.jsonl" }'
    assert f"| {shown} | JSON Lines | 13 | {size / 1000:.1f}\u00a0KB |" in page
    # both downloads an article page offers to cite it with are named
    assert "CSL-JSON" in page and "RIS" in page
    for name, _, _ in FIELDS:
        assert f"| `{name}` |" in page


def test_each_data_file_is_saved_when_clicked_under_a_name_of_its_paper_and_year(docs):
    page = (docs / "data/index.md").read_text(encoding="utf-8")
    paper = load_archive_config(docs.parent / "source_texts").paper.slug
    saved = dict(re.findall(r'\]\(([^)]+)\)\{ download="([^"]+)" \}', page))
    assert saved == {
        "articles.jsonl": f"{paper}-articles.jsonl",
        "articles.csv": f"{paper}-articles.csv",
        "2022/articles.jsonl": f"{paper}-2022-articles.jsonl",
        "2022/articles.csv": f"{paper}-2022-articles.csv",
        "2021/articles.jsonl": f"{paper}-2021-articles.jsonl",
        "2021/articles.csv": f"{paper}-2021-articles.csv",
    }
    assert download_name(data_year_paths(2022)[1], "", 2022) == "2022-articles.csv"  # an archive without a slug
    assert (download_name(JSONL_PATH), download_name(CSV_PATH)) == ("articles.jsonl", "articles.csv")


@pytest.mark.parametrize("built", ["site", "site-offline"])
def test_the_data_files_links_download_them_as_built(rich_site, built):
    """The attribute reaches the built page (attr_list), hosted and offline, where a browser
    would otherwise show a JSON Lines file as text."""
    html = (rich_site / built / "data/index.html").read_text(encoding="utf-8")
    links = re.findall(r"<a [^>]*href=\"[^\"]*articles\.(?:jsonl|csv)\"[^>]*>", html)
    assert len(links) >= 4
    assert all(re.search(r'download="[a-z0-9-]*articles\.(?:jsonl|csv)"', a) for a in links), links


def _sizes_shown(data_page: Path) -> dict[str, str]:
    """Each data file the page links, with the size written after its link (same table row)."""
    shown = {}
    for row in re.findall(r"<tr>(.*?)</tr>", data_page.read_text(encoding="utf-8"), re.S):
        links = re.findall(r'href="([^"]*articles\.(?:jsonl|csv))"', row)
        sizes = re.findall(r"\d+(?:\.\d)?(?:\u00a0|&nbsp;)(?:B|KB|MB)", re.sub(r"<[^>]+>", " ", row))
        assert len(links) == len(sizes), row
        shown.update(zip(links, (size.replace("&nbsp;", "\u00a0") for size in sizes), strict=True))
    return shown


@pytest.mark.parametrize("built", ["site", "site-offline"])
def test_the_data_page_gives_the_size_of_each_file_as_published(rich_site, built):
    """The published files give each record's full address (or its page's file): the sizes
    the page gives are theirs, not those of the files the converter wrote."""
    site = rich_site / built
    shown = _sizes_shown(site / "data/index.html")
    assert len(shown) >= 4
    for href, size in shown.items():
        published = site / "data" / href
        assert published.stat().st_size != (rich_site / "docs/data" / href).stat().st_size, href
        assert size == human_size(published.stat().st_size), href


def _write_year(year: Path) -> dict[str, str]:
    """A year's data files of three records, as the converter writes them; their sizes shown."""
    records = [{"id": f"a{n}", "url": f"2022/01/2{n}/slug-{n}/", "title": f"第{n}篇，“引号”"} for n in range(3)]
    year.mkdir(parents=True, exist_ok=True)
    (year / "articles.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    rows = io.StringIO()
    table = csv.writer(rows, lineterminator="\r\n")
    table.writerow(["id", "url", "title"])
    table.writerows([r["id"], r["url"], r["title"]] for r in records)
    (year / "articles.csv").write_text("\ufeff" + rows.getvalue(), "utf-8")
    return {name: human_size((year / name).stat().st_size) for name in ("articles.jsonl", "articles.csv")}


def _row(sizes: dict[str, str]) -> str:
    return (
        f"| 2022年 | 3 | [articles.jsonl](2022/articles.jsonl) {sizes['articles.jsonl']} "
        f"| [articles.csv](2022/articles.csv) {sizes['articles.csv']} |\n"
    )


@pytest.mark.parametrize(
    ("site_url", "directory_urls"), [("https://example.org/paper/", True), ("", False), ("", True)]
)
def test_a_data_files_published_size_is_that_of_the_file_rewritten(tmp_path, site_url, directory_urls):
    """What `published_sizes` writes on the data page is the size of the file `locate_data_urls`
    makes of it: the public address before every record's url, or `.html` for its last `/`."""
    from build_scripts.plugins.publish.data_urls import locate_data_urls, published_sizes

    data = tmp_path / "data"
    sizes = _write_year(data / "2022")
    shown = published_sizes(_row(sizes), data, site_url, directory_urls)
    # a line that does not count its records: the file's lines are counted
    alone = published_sizes(
        f"[articles.csv](2022/articles.csv) {sizes['articles.csv']}", data, site_url, directory_urls
    )
    locate_data_urls(data, site_url, directory_urls)
    expected = {name: human_size((data / "2022" / name).stat().st_size) for name in sizes}
    assert shown == _row(expected)
    assert alone == f"[articles.csv](2022/articles.csv) {expected['articles.csv']}"
    assert (expected != sizes) is bool(site_url or not directory_urls)


@pytest.mark.parametrize("built", ["site", "site-offline"])
def test_the_published_data_files_differ_from_the_converters_only_in_their_urls(rich_site, built):
    """Byte for byte the files the converter wrote, each record's url as published in place of
    its own, and its line ends as they were: what `published_sizes` counts on."""
    for name in ("articles.jsonl", "articles.csv", "2022/articles.jsonl", "2022/articles.csv"):
        written = (rich_site / "docs/data" / name).read_bytes()
        published = (rich_site / built / "data" / name).read_bytes()
        located = re.compile(rb"(?:https?://[^\s\",]*?)?(\d{4}/\d\d/\d\d/[^/\s\",.]+)(?:/|\.html)")
        assert located.search(published) and published != written, name
        assert located.sub(rb"\1/", published) == written, name
        assert published.count(b"\r\n") == written.count(b"\r\n"), name


def test_the_converters_data_files_get_their_urls_in_place_not_parsed_again(docs, monkeypatch):
    """Every record as the converter writes it takes the quick way (parsing and writing again
    the whole archive's files took seconds of every build at 100,000 articles)."""
    from build_scripts.plugins.publish import data_urls

    def parsed(*_):
        raise AssertionError("parsed again")

    monkeypatch.setattr(data_urls, "_reparsed_jsonl", parsed)
    monkeypatch.setattr(data_urls, "_reparsed_csv", parsed)
    for path in sorted((docs / "data").rglob("articles.*")):
        with open(path, encoding="utf-8", newline="") as stream:
            text = stream.read()
        locate = data_urls.located_jsonl if path.suffix == ".jsonl" else data_urls.located_csv
        assert locate(text, "https://example.org/paper/") != text, path


def test_a_data_file_written_otherwise_gets_every_records_url_as_published():
    """A file not as the converter writes it (its url not the second field, a line end or a
    comma in a quoted id) is read and written again record by record: no url is missed."""
    from build_scripts.plugins.publish.data_urls import located_csv, located_jsonl

    site = "https://example.org/paper/"
    lines = '{"url": "2022/01/01/a/", "id": "a", "text": "\u2028"}\n\n{"id": "b", "url": "2022/01/01/b/"}\n'
    assert [json.loads(line)["url"] for line in located_jsonl(lines, site).split("\n") if line] == [
        f"{site}2022/01/01/a/",
        f"{site}2022/01/01/b/",
    ]
    for table in (
        "\ufeffid,title,url\r\na,x,2022/01/01/a/\r\nb,y,2022/01/01/b/\r\n",
        '\ufeffid,url,title\r\n"a,\r\nb",2022/01/01/a/,x\r\nb,2022/01/01/b/,"y\r\nz"\r\n',
        "\ufeffid,url,title\na,2022/01/01/a/,x\nb,2022/01/01/b/,y\n",  # (line ends of one character)
    ):
        rows = list(csv.DictReader(io.StringIO(located_csv(table, site).removeprefix("\ufeff"), newline="")))
        assert [row["url"] for row in rows] == [f"{site}2022/01/01/a/", f"{site}2022/01/01/b/"], table


@pytest.mark.parametrize(
    ("size", "shown"),
    [(999, "999\u00a0B"), (1500, "1.5\u00a0KB"), (999_999, "1.0\u00a0MB"), (12_686_679, "12.7\u00a0MB")],
)
def test_sizes_are_given_in_decimal_units_as_downloads_count_them(size, shown):
    assert human_size(size) == shown


def _day(name: str, tags: list[str], reads: list[str]):
    """A day of one article for `year_exports`, counting the reads of its records."""
    from types import SimpleNamespace

    from build_scripts.writers.data_export import YearDay

    parts = [(f'{{"id": "{name}", "tags": '.encode(), b"}\n", f"{name},".encode(), b"\r\n")]
    return YearDay(f"{name}|{','.join(tags)}", lambda: reads.append(name) or parts, [SimpleNamespace(tags=tags)])


def _written(folder, files, layout, key):
    """The files in `folder` as a conversion leaves them, and their layout stamped."""
    from build_scripts.writers.data_export import KeptData

    for rel, pieces in files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        pieces.write_to(folder / rel)
    kept = KeptData(dict.fromkeys(files, key), {2024: layout})
    kept.stamp(folder)
    return kept


def test_a_years_days_unchanged_are_copied_from_the_file_the_last_run_wrote(tmp_path):
    """After one day changed, a year's files take the other days' records from where the last
    run wrote them (their layout), not from the cache: the same bytes as making them all again,
    and only the changed day's records are read."""
    from build_scripts.writers.data_export import kept_layout, year_exports

    reads: list[str] = []
    first, layout = year_exports(2024, [_day(n, ["甲"], reads) for n in ("d1", "d2", "d3")], "key 1")
    kept = _written(tmp_path, first, layout, "key 1")
    stamped = kept_layout(tmp_path, 2024, kept.layouts[2024], kept.written)
    assert stamped is not None and stamped.days == layout.days
    reads.clear()
    days = [_day("d1", ["甲"], reads), _day("d2", ["乙", "丙"], reads), _day("d3", ["甲"], reads)]
    again, _ = year_exports(2024, days, "key 2", (tmp_path, stamped))
    assert reads == ["d2"]
    afresh, _ = year_exports(2024, days, "key 2")
    assert {rel: p.data() for rel, p in again.items()} == {rel: p.data() for rel, p in afresh.items()}
    assert b'"tags": ["\xe4\xb9\x99", "\xe4\xb8\x99"]' in again["data/2024/articles.jsonl"].data()


def test_a_years_files_not_as_the_layout_says_are_not_copied_from(tmp_path):
    """Files written under another unit key than the layout's (the cache is of an older run),
    not stamped once in docs/, or edited by hand since — even to the same size — are not a
    layout's: the year is made afresh."""
    import os

    from build_scripts.writers.data_export import kept_layout, year_exports

    files, layout = year_exports(2024, [_day("d1", [], [])], "key 1")
    kept = _written(tmp_path, files, layout, "key 1")
    stamped = kept.layouts[2024]
    assert kept_layout(tmp_path, 2024, stamped, kept.written) == stamped
    assert kept_layout(tmp_path, 2024, layout, kept.written) is None  # never stamped
    assert kept_layout(tmp_path, 2024, stamped, dict.fromkeys(files, "key 0")) is None
    assert kept_layout(tmp_path, 2024, None, kept.written) is None
    jsonl = tmp_path / "data/2024/articles.jsonl"
    before = jsonl.stat()
    jsonl.write_bytes(jsonl.read_bytes().replace(b"d1", b"d2"))  # edited by hand, the same size
    os.utime(jsonl, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000))
    assert jsonl.stat().st_size == before.st_size
    assert kept_layout(tmp_path, 2024, stamped, kept.written) is None
    jsonl.write_bytes(b"edited by hand\n")
    assert kept_layout(tmp_path, 2024, stamped, kept.written) is None


def test_a_layout_is_stamped_once_when_its_files_are_made(tmp_path):
    """A layout made this run notes its files' times once they are in docs/ (dropped if they
    are not there); one kept from an earlier run keeps the times noted then, whatever its files
    are now — and stamping says whether the layouts differ from the last run's."""
    import os

    from build_scripts.writers.data_export import KeptData, year_exports

    files, layout = year_exports(2024, [_day("d1", [], [])], "key 1")
    kept = _written(tmp_path, files, layout, "key 1")
    noted = kept.layouts[2024].stamps
    assert noted and kept.layouts != kept.before
    jsonl = tmp_path / "data/2024/articles.jsonl"
    os.utime(jsonl, ns=(0, jsonl.stat().st_mtime_ns + 1_000_000))  # touched since
    again = KeptData(kept.written, dict(kept.layouts))
    assert not again.stamp(tmp_path) and again.layouts[2024].stamps == noted
    (tmp_path / "data/2024/articles.csv").unlink()
    made = KeptData(kept.written, {2024: layout})
    assert made.stamp(tmp_path) and 2024 not in made.layouts
