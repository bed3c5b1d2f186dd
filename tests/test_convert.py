"""The converter CLI: pages, front matter, articles.jsonl, metadata resolution, generated
files tracked apart from hand-written ones, byte-identical reruns."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, SAMPLE_TEXT, make_archive, run_cli

FRONT_MATTER_KEYS = {
    "title",
    "title_parts",
    "date",
    "paper",
    "page",
    "page_name",
    "byline",
    "authors",
    "correspondents",
    "dateline",
    "tags",
    "source",
}
JSONL_KEYS = {
    "id",
    "url",
    "date",
    "paper",
    "page",
    "page_name",
    "title",
    "title_parts",
    "byline",
    "authors",
    "correspondents",
    "dateline",
    "text",
    "subheads",
    "box",
    "tags",
    "reprint_of",
    "source",
}


def convert(project: Path, *extra: str, fresh: bool = False):
    return run_cli(
        "convert", "--source", str(project / "source_texts"), "--docs", str(project / "docs"), *extra, fresh=fresh
    )


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def read_front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    return yaml.safe_load(text.split("---\n", 2)[1])


def records(project: Path) -> list[dict]:
    lines = (project / "docs/data/articles.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def test_summary_line_and_exit_code(tmp_path):
    project = make_archive(tmp_path)
    result = convert(project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "converted: 1 files, 1 issues, 4 articles, 0 warnings"


def test_a_run_names_the_docs_folder_it_wrote(tmp_path):
    project = make_archive(tmp_path)
    result = run_cli("convert", "--docs", "pages", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "; pages/: " in result.stdout.splitlines()[-2] and (project / "pages" / "index.md").is_file()


def test_a_run_says_how_much_it_parsed_and_wrote(tmp_path):
    """A nightly run over a large archive should parse and write a few files, and say so."""
    project = make_archive(tmp_path)
    first = convert(project)
    generated = json.loads((project / "docs/.generated.json").read_text(encoding="utf-8"))["units"]
    files = sum(len(paths) for paths in generated.values())
    assert files > 10
    assert (
        first.stdout.splitlines()[-2]
        == f"parsed 1 of 1 source files; docs/: {files} files written, 0 unchanged, 0 removed"
    )

    again = convert(project)
    assert again.stdout.splitlines()[-2] == (
        f"parsed 0 of 1 source files, 1 from the cache; docs/: 0 files written, {files} unchanged, 0 removed"
    )

    page = next((project / "source_texts" / "2022").glob("*.txt"))
    page.write_text(page.read_text(encoding="utf-8").replace("。", "。（更正）", 1), encoding="utf-8")
    edited = convert(project).stdout.splitlines()[-2]
    # a file that cannot be converted counts as found and parsed, not as converted
    (page.parent / "2022-01-30.txt").write_bytes(b"\x00\x01binary\x00" * 40)
    damaged = convert(project, "--keep-going")
    assert damaged.stdout.splitlines()[-2].startswith("parsed 1 of 2 source files, 1 from the cache; docs/: ")
    assert edited.startswith("parsed 1 of 1 source files; docs/: ") and not edited.endswith(
        f" {files} unchanged, 0 removed"
    )


def test_help_describes_the_options():
    result = run_cli("convert", "--help")
    assert result.returncode == 0
    for option in ("--source", "--docs", "--keep-going"):
        assert option in result.stdout


def test_one_page_per_article_with_front_matter(tmp_path):
    project = make_archive(tmp_path)
    assert convert(project).returncode == 0
    day = project / "docs/2022/01/28"
    pages = sorted(p for p in day.glob("*.md") if p.name != "index.md")
    assert len(pages) == 4
    metas = [read_front_matter(p) for p in pages]
    for meta in metas:
        assert FRONT_MATTER_KEYS <= set(meta)
        assert meta["date"] == "2022-01-28"
        assert meta["paper"] == "浙江日报"
        assert meta["source"]["file"] == "2022/2022-01-28.txt"
    by_title = {m["title"]: m for m in metas}
    olympic = by_title["保护奥林匹克标志"]
    assert olympic["authors"] == ["陈洋根"] and olympic["correspondents"] == ["赵文琼", "武露露"]
    assert (olympic["source"]["first_line"], olympic["source"]["last_line"]) == (59, 64)


def test_urls_are_pinyin_of_the_main_title(tmp_path):
    project = make_archive(tmp_path)
    assert convert(project).returncode == 0
    urls = [r["url"] for r in records(project)]
    assert urls[2] == "2022/01/28/bao-hu-ao-lin-pi-ke-biao-zhi/"
    assert urls[1].startswith("2022/01/28/zhe-jiang-tong-yi-quan-sheng-feng-xian")
    assert all((project / "docs" / (u.rstrip("/") + ".md")).is_file() for u in urls)


def test_articles_jsonl_has_every_field(tmp_path):
    project = make_archive(tmp_path)
    assert convert(project).returncode == 0
    rows = records(project)
    assert len(rows) == 4
    for row in rows:
        assert set(row) == JSONL_KEYS
        assert set(row["source"]) == {"file", "first_line", "last_line"}
        assert row["title"] not in row["text"] and row["byline"] not in row["text"]
    assert rows[2]["text"].endswith("违法案件线索3个。")
    assert rows[1]["dateline"] == "本报讯" and rows[1]["text"].startswith("27日15时")
    assert "\n\n" in rows[0]["text"] and "\n\n\n" not in rows[0]["text"]


def test_second_run_is_byte_identical(tmp_path):
    project = make_archive(tmp_path)
    assert convert(project).returncode == 0
    first = snapshot(project / "docs")
    assert convert(project).returncode == 0
    assert snapshot(project / "docs") == first
    # made again whole, by an interpreter with a hash seed of its own (forked_cli.py)
    assert convert(project, "--full", fresh=True).returncode == 0
    assert snapshot(project / "docs") == first


def test_removed_source_withdraws_its_pages_and_keeps_hand_written(tmp_path):
    second = SAMPLE_TEXT.replace("保护奥林匹克标志", "保护冬奥标志")
    project = make_archive(tmp_path, {"2022/2022-01-29.txt": second})
    (project / "docs/notes").mkdir()
    (project / "docs/notes/editor.md").write_text("# 编者的话\n", encoding="utf-8")
    assert convert(project).returncode == 0
    assert (project / "docs/2022/01/29/index.md").is_file()
    published = {p.name for p in (project / "docs/2022/01/29").iterdir()}
    (project / "source_texts/2022/2022-01-29.txt").unlink()
    result = convert(project)
    assert result.returncode == 0
    # The archivist is told, once: a file removed by mistake is put back, and its articles
    # get their addresses back.
    # (its other articles' text is printed on 2022-01-28 too: their addresses lead there)
    assert "warning: urls.lock: 1 published article is no longer on any page" in result.stderr
    assert "its address now says so (withdrawn): 2022-01-29 (1)" in result.stderr
    assert "urls.lock" not in convert(project).stderr
    # Its addresses stay (the URL ledger), each now a page saying the article is withdrawn.
    day = project / "docs/2022/01/29"
    assert {p.name for p in day.iterdir()} == published
    assert all("template: moved.html" in p.read_text(encoding="utf-8") for p in day.iterdir())
    assert (project / "docs/notes/editor.md").read_text(encoding="utf-8") == "# 编者的话\n"
    assert len(records(project)) == 4


def test_hand_written_file_in_the_way_is_an_error_not_overwritten(tmp_path):
    project = make_archive(tmp_path)
    (project / "docs/index.md").write_text("# 我的首页\n", encoding="utf-8")
    result = convert(project)
    assert result.returncode == 2
    assert "index.md" in result.stderr and "hand-written" in result.stderr
    assert (project / "docs/index.md").read_text(encoding="utf-8") == "# 我的首页\n"


@pytest.mark.parametrize(
    ("name", "header", "date", "page", "page_name"),
    [
        ("2022-01-29.txt", "", "2022-01-29", None, ""),
        ("2022/01/2022-01-29_03.txt", "", "2022-01-29", 3, ""),
        ("2022-01-29_04_要闻.txt", "", "2022-01-29", 4, "要闻"),
        ("scan-0001.txt", "---\ndate: 2022-01-29\npage: 2\npage_name: 评论\n---\n", "2022-01-29", 2, "评论"),
        ("2022-01-30_05_旧名.txt", "---\ndate: 2022-01-29\npage_name: 新名\n---\n", "2022-01-29", 5, "新名"),
    ],
)
def test_issue_metadata_from_header_then_file_name(tmp_path, name, header, date, page, page_name):
    project = make_archive(tmp_path, {name: header + "保护冬奥标志\n\n冬奥会将至。\n"}, with_sample=False)
    result = convert(project)
    assert result.returncode == 0, result.stderr
    (row,) = records(project)
    assert (row["date"], row["page"], row["page_name"]) == (date, page, page_name)
    assert row["source"]["first_line"] == 1 + header.count("\n")


def test_paper_from_archive_yml_or_header(tmp_path):
    project = make_archive(
        tmp_path,
        {"2022-01-29.txt": "---\npaper: 钱江晚报\n---\n标题\n\n正文。\n", "2022-01-30.txt": "标题\n\n正文。\n"},
        with_sample=False,
    )
    assert convert(project).returncode == 0
    assert [r["paper"] for r in records(project)] == ["钱江晚报", "浙江日报"]


def test_no_date_anywhere_is_a_clear_error(tmp_path):
    project = make_archive(tmp_path, {"notes.txt": "标题\n\n正文。\n"}, with_sample=False)
    result = convert(project)
    assert result.returncode == 2
    message = result.stderr.strip()
    assert message.startswith("error: notes.txt: no date")
    assert "YYYY-MM-DD" in message and "date:" in message
    assert "Traceback" not in result.stderr


def test_a_conversion_ends_its_process_at_once_and_prints_all_it_says_first(tmp_path):
    from build_scripts.cli import ends_at_once

    assert ends_at_once(["convert"]) and ends_at_once(["convert", "--source", "s", "--full"])
    assert not ends_at_once(["convert", "--explain", "2022/2022-01-28.txt"])  # prints from a parser it loaded
    assert not ends_at_once(["build"]) and not ends_at_once(["--help"]) and not ends_at_once([])
    project = make_archive(tmp_path)
    converted = run_cli("convert", "--source", str(project / "source_texts"), "--docs", str(project / "docs"))
    assert converted.returncode == 0 and converted.stdout.endswith("0 warnings\n")  # flushed before the end
    failed = run_cli("convert", "--source", str(project / "nothing"), "--docs", str(project / "docs"))
    assert failed.returncode == 2 and "does not exist" in failed.stderr
    closed = subprocess.run(  # started with its output closed (`convert >&-`): nothing to flush there
        [sys.executable, "-m", "build_scripts", "convert", "--source", str(project / "source_texts")]
        + ["--docs", str(project / "docs"), "--full"],
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        preexec_fn=lambda: os.close(1),
    )
    assert closed.returncode == 0 and "Traceback" not in closed.stderr


def test_with_keep_going_a_file_that_converted_before_keeps_its_articles_while_it_cannot_be_read(tmp_path):
    """A night's run over the archive must not withdraw a day's articles for one damaged file."""
    project = make_archive(tmp_path, {"2022/2022-01-29.txt": SAMPLE_TEXT.replace("奥林匹克", "冬奥会")})
    assert convert(project).returncode == 0
    before = records(project)
    sidecar = project / "source_texts/2022/2022-01-29.fix.yml"
    sidecar.write_text("break_before: [9\n", encoding="utf-8")  # not YAML: the file cannot be converted
    for _ in range(2):  # and again, while it stays so
        result = convert(project, "--keep-going")
        assert result.returncode == 2
        assert "error: 2022/2022-01-29.fix.yml:2: is not valid YAML" in result.stderr
        assert (
            "warning: 2022/2022-01-29.txt: cannot be converted (the error below): its articles stay as the last "
            "conversion made them — fix the file and convert again"
        ) in result.stderr
        assert "withdrawn" not in result.stderr
        assert records(project) == before
    sidecar.unlink()
    result = convert(project)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    assert records(project) == before


def test_locked_conversion_refuses_to_change_the_url_ledger_and_writes_nothing(tmp_path):
    """A build that publishes from a checkout (CI) cannot keep the addresses it gives out: there
    the committed urls.lock must already hold them."""
    project = make_archive(tmp_path)
    assert convert(project).returncode == 0
    assert convert(project, "--locked").returncode == 0  # the ledger as committed: nothing to change
    ledger = (project / "source_texts/urls.lock").read_text(encoding="utf-8")
    before = snapshot(project / "docs")
    (project / "source_texts/2022/2022-01-29.txt").write_text(SAMPLE_TEXT.replace("奥林匹克", "冬奥会"), "utf-8")
    result = convert(project, "--locked")
    assert result.returncode == 2
    assert "urls.lock: would change in this conversion (4 new addresses, 0 changed: 2022/01/29/" in result.stderr
    assert "commit source_texts/urls.lock with the texts" in result.stderr and "--keep-going" not in result.stderr
    assert snapshot(project / "docs") == before
    assert (project / "source_texts/urls.lock").read_text(encoding="utf-8") == ledger
    assert convert(project).returncode == 0 and convert(project, "--locked").returncode == 0
