"""The paper's identity lives in archive.yml alone: another paper's texts and archive.yml, with
mkdocs.yml and docs/ untouched, give a site that names that paper everywhere — titles, header,
og:site_name, about page, feeds, the offline bundle — and the sample paper nowhere."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from conftest import build_site, make_archive, run_cli
from inputs import assert_no_traceback, convert

SECOND_PAPER = """\
paper:
  title: 南方晨报
  title_en: Southern Morning Post
  slug: nanfang-chenbao
  publisher: 南方晨报社
  place: 广州
  language: zh-Hans
about: 本档案由南方晨报资料室整理。
"""
PAGE = """\
珠江两岸新添滨水步道

本报记者 陈晓明

本报讯 珠江两岸新建的滨水步道昨日全线贯通，市民可沿江步行二十公里。

步道沿线设置了休息驿站和观景平台。
"""
SITE_URL = "https://archive.example.org/chenbao/"


@pytest.fixture(scope="module")
def second_paper(tmp_path_factory) -> Path:
    project = make_archive(tmp_path_factory.mktemp("second"), {"2023/2023-05-04_01_要闻.txt": PAGE}, with_sample=False)
    (project / "source_texts/archive.yml").write_text(SECOND_PAPER, encoding="utf-8")
    (project / "source_texts/userdict.txt").unlink(missing_ok=True)  # replaced texts: no word list
    result = convert(project)
    assert result.returncode == 0, result.stderr
    built = build_site(project, env={"ARCHIVE_SITE_URL": SITE_URL})
    assert built.returncode == 0, built.stderr
    bundled = run_cli(
        "bundle",
        "--config-file",
        str(project / "mkdocs.yml"),
        "--source",
        str(project / "source_texts"),
        "--out",
        str(project / "dist"),
    )
    assert_no_traceback(bundled)
    assert bundled.returncode == 0, bundled.stderr
    return project


def _texts(project: Path):
    for path in sorted((project / "site").rglob("*")):
        if path.is_file():
            yield path, path.read_bytes().decode("utf-8", errors="replace")
    for zipped in (project / "dist").glob("*.zip"):
        with zipfile.ZipFile(zipped) as archive:
            for name in archive.namelist():
                yield Path(name), archive.read(name).decode("utf-8", errors="replace")


# The sample paper's name, and words only its page holds (a headline's slug, its reporters).
FIRST_PAPER_TRACES = ("浙江日报", "zhejiang", "bao-hu-ao-lin", "陈毅人", "鲁冰", "陈洋根")


def test_the_first_papers_name_appears_nowhere(second_paper):
    checked = 0
    for path, text in _texts(second_paper):
        checked += 1
        found = [trace for trace in FIRST_PAPER_TRACES if trace in text.lower()]
        assert not found, (path, found)
    assert checked > 40


def test_every_place_that_names_the_site_names_the_second_paper(second_paper):
    site = second_paper / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "<title>南方晨报 - 南方晨报数字报档案</title>" in home
    assert 'aria-label="南方晨报数字报档案"' in home  # the logo's label in the header
    assert '<meta name="description" content="《南方晨报》报纸全文档案' in home
    article = next(site.glob("2023/05/04/*/index.html")).read_text(encoding="utf-8")
    assert '<meta property="og:site_name" content="南方晨报数字报档案">' in article
    about = (site / "about/index.html").read_text(encoding="utf-8")
    assert "本站收录《南方晨报》（Southern Morning Post，南方晨报社出版，广州）各期的全文" in about
    assert "本档案由南方晨报资料室整理。" in about
    feed = (site / "feeds/latest.xml").read_text(encoding="utf-8")
    assert "<title>南方晨报 · 最新文章</title>" in feed
    assert [p.name for p in (second_paper / "dist").glob("*.zip")] == ["nanfang-chenbao-offline.zip"]


def test_pages_say_the_language_of_the_text_and_keep_the_chinese_interface(second_paper):
    for path in [second_paper / "site/index.html", *second_paper.glob("site/2023/05/04/*/index.html")]:
        html = path.read_text(encoding="utf-8")
        assert re.search(r'<html lang="zh-Hans"', html), path
        assert 'aria-label="页眉"' in html and 'aria-label="导航栏"' in html  # Material's interface in Chinese


def test_a_hand_written_about_page_replaces_the_generated_one(tmp_path):
    project = make_archive(tmp_path)
    (project / "docs/about.md").write_text("# 关于\n\n我们自己写的说明。\n", encoding="utf-8")
    assert convert(project).returncode == 0
    built = build_site(project)
    assert built.returncode == 0, built.stderr
    assert "我们自己写的说明。" in (project / "site/about/index.html").read_text(encoding="utf-8")


def test_the_first_papers_url_ledger_is_refused_for_another_paper(tmp_path):
    """Left in place, the sample paper's urls.lock would publish its addresses as withdrawn
    articles of the new paper: the converter says whose ledger it is and what to do."""
    project = make_archive(tmp_path)
    assert convert(project).returncode == 0
    ledger = project / "source_texts/urls.lock"
    assert "# paper: zhejiang-daily" in ledger.read_text(encoding="utf-8")
    (project / "source_texts/2022/2022-01-28.txt").unlink()
    (project / "source_texts/2023").mkdir()
    (project / "source_texts/2023/2023-05-04_01_要闻.txt").write_text(PAGE, encoding="utf-8")
    (project / "source_texts/archive.yml").write_text(SECOND_PAPER, encoding="utf-8")
    result = convert(project)
    assert_no_traceback(result)
    assert result.returncode == 2
    assert "urls.lock:5: is the URL ledger of another paper (zhejiang-daily), not of nanfang-chenbao" in result.stderr
    assert "move this file away" in result.stderr
    ledger.unlink()
    assert convert(project).returncode == 0


def test_pages_converted_from_another_papers_folder_are_not_built_under_this_papers_name(tmp_path):
    """`convert --source ELSEWHERE` fills docs/ with another paper's pages, while the build
    reads the project's own archive.yml (the plugin's `source_dir`): the build stops and
    says which folder to point it at, instead of mixing the two papers' names."""
    project = make_archive(tmp_path, with_sample=False)
    elsewhere = tmp_path / "chenbao_texts"
    (elsewhere / "2023").mkdir(parents=True)
    (elsewhere / "archive.yml").write_text(SECOND_PAPER, encoding="utf-8")
    (elsewhere / "2023/2023-05-04_01_要闻.txt").write_text(PAGE, encoding="utf-8")
    converted = run_cli("convert", "--source", str(elsewhere), "--docs", str(project / "docs"))
    assert converted.returncode == 0, converted.stderr
    built = build_site(project)
    assert_no_traceback(built)
    assert built.returncode != 0
    assert f"holds the pages of 南方晨报 (nanfang-chenbao), converted from {elsewhere.resolve()}, but" in built.stderr
    assert "describes 浙江日报 (zhejiang-daily)" in built.stderr and "`source_dir:`" in built.stderr
    # pointed at the folder that was converted, the same pages build
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - newspaper-archive\n" in text
    pointed = text.replace("  - newspaper-archive\n", f"  - newspaper-archive:\n      source_dir: {elsewhere}\n")
    config.write_text(pointed, encoding="utf-8")
    rebuilt = build_site(project)
    assert rebuilt.returncode == 0, rebuilt.stderr


def test_a_build_whose_source_folder_has_no_archive_yml_names_the_folder_docs_was_converted_from(tmp_path):
    """A mkdocs.yml copied elsewhere, its `source_dir` left at `source_texts`: the build stops
    on the missing archive.yml, and says which folder docs/ was converted from and the line
    that points the build at it."""
    project = make_archive(tmp_path, with_sample=False)
    texts = tmp_path / "texts"
    (project / "source_texts").rename(texts)
    (texts / "2023").mkdir(exist_ok=True)
    (texts / "2023/2023-05-04_01_要闻.txt").write_text(PAGE, encoding="utf-8")
    converted = run_cli("convert", "--source", str(texts), "--docs", str(project / "docs"))
    assert converted.returncode == 0, converted.stderr
    built = build_site(project)
    assert_no_traceback(built)
    assert built.returncode != 0 and "source_texts/archive.yml: the archive description is missing" in built.stderr
    assert f"was converted from {texts.resolve()}: set `source_dir: {texts.resolve()}`" in built.stderr
    # the same mistake met by the sharded build: the config's, not a bug of the converter
    sharded = run_cli("build", "--shard-by", "year", cwd=project)
    assert_no_traceback(sharded)
    assert sharded.returncode == 2, sharded.stderr
    assert f"error: {(project / 'mkdocs.yml').resolve()}: the site cannot be built as configured" in sharded.stderr
    assert f"set `source_dir: {texts.resolve()}`" in sharded.stderr and "bug" not in sharded.stderr


@pytest.mark.fast
def test_a_mistake_in_the_archive_yml_the_build_reads_is_not_blamed_on_where_docs_came_from(tmp_path):
    """The hint names the folder docs/ was converted from only when the build's own folder
    has no archive.yml: a wrong line in one that is there is that file's."""
    from build_scripts.contract.provenance import PROVENANCE_FILE, provenance_text
    from build_scripts.plugins.archive.settings import _converted_from

    docs, converted, read = tmp_path / "docs", tmp_path / "texts", tmp_path / "source_texts"
    for folder in (docs, converted, read):
        folder.mkdir()
    (converted / "archive.yml").write_text(SECOND_PAPER, encoding="utf-8")
    (docs / PROVENANCE_FILE).write_text(provenance_text("nanfang-chenbao", "南方晨报", "../texts"), encoding="utf-8")
    assert f"was converted from {converted.resolve()}" in _converted_from(docs, read.resolve())
    (read / "archive.yml").write_text("paper: [\n", encoding="utf-8")
    assert _converted_from(docs, read.resolve()) == ""


@pytest.mark.fast
def test_the_about_page_names_the_publisher_once(tmp_path):
    from build_scripts.ingest.archive_config import load_archive_config
    from build_scripts.plugins.archive.identity import about_markdown

    (tmp_path / "archive.yml").write_text("paper:\n  title: 东方周报\n  publisher: 东方出版\n", encoding="utf-8")
    assert "本站收录《东方周报》（东方出版）各期的全文" in about_markdown(load_archive_config(tmp_path))


@pytest.mark.fast
def test_the_about_page_asks_for_corrections_only_where_the_archivist_says_how(tmp_path):
    from build_scripts.ingest.archive_config import load_archive_config
    from build_scripts.plugins.archive.identity import about_markdown

    (tmp_path / "archive.yml").write_text("paper:\n  title: 东方周报\n", encoding="utf-8")
    bare = about_markdown(load_archive_config(tmp_path))
    assert "请以报纸原版为准" in bare and "欢迎指正" not in bare
    (tmp_path / "archive.yml").write_text(
        "paper:\n  title: 东方周报\nabout: 勘误请来信 archive@example.org。\n", encoding="utf-8"
    )
    told = about_markdown(load_archive_config(tmp_path))
    assert "如有错漏，欢迎指正。\n\n勘误请来信 archive@example.org。" in told
