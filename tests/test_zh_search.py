"""Chinese search: segmentation guarded, search-mode sub-words, the archive's own words,
date/版/byline in results — checked on the built search index and on failing builds."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jieba
import pytest
from conftest import ROOT, build_site

from build_scripts.plugins.zh_search.index import details_markup, print_details
from build_scripts.plugins.zh_search.words import (
    Word,
    WordListError,
    byline_names,
    read_word_list,
)


def search_index(project: Path, site: str = "site") -> dict:
    return json.loads((project / site / "search/search_index.json").read_text(encoding="utf-8"))


def words_of(index: dict, text: str) -> list[str]:
    """Split indexed text into search words the way the browser does (the separator)."""
    plain = re.sub(r"<[^>]*>", " ", text)
    return [w for w in re.split(index["config"]["separator"], plain) if w]


def entry(index: dict, containing: str) -> dict:
    found = [
        e
        for e in index["docs"]
        if containing in e["text"].replace("\u200b", "") and "#" not in e["location"] and e["location"].count("/") > 3
    ]
    assert len(found) == 1, [e["location"] for e in found]
    return found[0]


def build_variant(
    project: Path, tmp_path: Path, replace: dict[str, str], cwd: Path | None = None, env: dict | None = None
):
    """Build `project` with a changed copy of its mkdocs.yml (next to it, so relative paths
    mean the same), into a site folder of its own."""
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    for old, new in replace.items():
        assert old in text, old
        text = text.replace(old, new)
    variant = project / f"mkdocs-{tmp_path.name}.yml"
    variant.write_text(text, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--config-file", str(variant), "--site-dir", str(tmp_path / "site")],
        cwd=cwd or project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
    )


# --- the word list -------------------------------------------------------------------


def test_word_list_reads_words_frequencies_tags_and_skips_comments(tmp_path):
    path = tmp_path / "userdict.txt"
    path.write_text("# names\n\n何忠新\n国家统计局 20 nt\n奥密克戎 nz\n", encoding="utf-8")
    assert read_word_list(path, "userdict.txt") == [
        Word("何忠新"),
        Word("国家统计局", 20, "nt"),
        Word("奥密克戎", None, "nz"),
    ]


@pytest.mark.parametrize("line", ["北京 上海", "国家统计局 20 nt extra", "词 很多"])
def test_word_list_names_the_bad_line(tmp_path, line):
    path = tmp_path / "userdict.txt"
    path.write_text(f"# words\n何忠新\n{line}\n", encoding="utf-8")
    with pytest.raises(WordListError, match=r"^words\.txt:3: cannot read .* — one word per line"):
        read_word_list(path, "words.txt")


def test_word_list_must_be_utf8(tmp_path):
    path = tmp_path / "userdict.txt"
    path.write_bytes("何忠新\n".encode("gb18030"))
    with pytest.raises(WordListError, match="not UTF-8"):
        read_word_list(path, "userdict.txt")


def test_byline_names_come_from_authors_and_correspondents():
    meta = {"authors": ["陈毅人"], "correspondents": ["鲁冰", " "], "byline": "本报记者 陈毅人 通讯员 鲁冰"}
    assert byline_names(meta) == {"陈毅人", "鲁冰"}


# --- what a result shows ---------------------------------------------------------------


def test_print_details_are_date_and_page():
    assert print_details({"date": "2022-01-29", "page": 3, "page_name": "经济"}) == "2022年1月29日 · 第3版 经济"
    assert print_details({"date": "2022-01-28", "page": None, "page_name": ""}) == "2022年1月28日"


def test_print_details_are_escaped_in_the_markup():
    markup = details_markup({"date": "2022-01-29", "page": 3, "page_name": '"><img src=x onerror=alert(1)>'})
    assert "<img" not in markup and "&quot;&gt;&lt;img" in markup


# --- the built index --------------------------------------------------------------------


def test_compound_words_stay_whole_in_text_and_their_parts_are_searchable(search_site):
    index = search_index(search_site)
    article = entry(index, "国家统计局28日发布")
    text_words, subwords = words_of(index, article["text"]), words_of(index, article.get("subwords", ""))
    assert "国家统计局" in text_words and "统计局" not in text_words  # the snippet reads as printed
    assert "统计局" in subwords  # …and 统计局 finds it
    assert "subwords" in index["config"]["fields"]


def test_every_byline_name_is_one_search_word(search_site):
    index = search_index(search_site)
    article = entry(index, "全市政法委书记会议召开。")
    names = ["司马云杰", "上官婉清"]
    for name in names:
        assert jieba.lcut(f"本报记者 {name} 通讯员") != ["本报记者", " ", name, " ", "通讯员"]  # jieba alone splits it
        assert name in words_of(index, article["text"])


def test_words_from_the_hand_kept_list_are_whole(sample_site):
    listed = [w.text for w in read_word_list(sample_site / "source_texts/userdict.txt", "userdict.txt")]
    assert "除险保安" in listed and "除险保安" not in jieba.lcut("创新落实除险保安晾晒机制")
    index = search_index(sample_site)
    assert any("除险保安" in words_of(index, e["text"]) for e in index["docs"])


def test_article_results_carry_byline_date_and_page(search_site):
    index = search_index(search_site)
    article = entry(index, "国家统计局28日发布")
    assert article["text"].startswith("<p>") and "欧阳晓岚" in words_of(index, article["text"].split("</p>")[0])
    assert 'data-details="2022年1月29日 · 第3版 经济"' in article["title"]
    # Only an article's own entry: not its sections (shown under it), not index pages.
    article_entry = re.compile(r"^\d{4}/\d\d/\d\d/[^/#]+/$")
    for doc in index["docs"]:
        assert ("data-details" in doc["title"]) == bool(article_entry.match(doc["location"])), doc["location"]


def test_index_is_written_as_utf8(search_site):
    raw = (search_site / "site/search/search_index.json").read_text(encoding="utf-8")
    assert "国家统计局" in raw and "\\u56fd" not in raw


def test_stylesheet_for_result_details_is_published(search_site):
    page = (search_site / "site/index.html").read_text(encoding="utf-8")
    assert "assets/stylesheets/zh-search.css" in page
    assert ".zh-search-details" in (search_site / "site/assets/stylesheets/zh-search.css").read_text(encoding="utf-8")


# --- builds that must fail, or warn ------------------------------------------------------


def test_build_fails_clearly_when_jieba_cannot_be_imported(sample_site, tmp_path):
    # sitecustomize runs at interpreter start: from then on `import jieba` raises ImportError,
    # for Material's search plugin and for ours, exactly as if jieba were not installed.
    hide = tmp_path / "hide_jieba"
    hide.mkdir()
    (hide / "sitecustomize.py").write_text("import sys\nsys.modules['jieba'] = None\n", encoding="utf-8")
    result = build_variant(sample_site, tmp_path, {}, env={"PYTHONPATH": f"{hide}{os.pathsep}{ROOT}"})
    assert result.returncode != 0
    assert "jieba cannot be imported" in result.stderr and "pip install jieba" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site/search/search_index.json").exists()


def test_separator_must_split_zero_width_spaces(sample_site, tmp_path):
    result = build_variant(sample_site, tmp_path, {r"separator: '[\s\u200b": r"separator: '[\s"})
    assert result.returncode != 0
    assert r"does not split on \u200b" in result.stderr and "Traceback" not in result.stderr


def test_bad_word_list_is_reported_with_file_and_line(sample_site, tmp_path):
    bad = sample_site / f"words-{tmp_path.name}.txt"
    bad.write_text("# words\n奥密克戎\n北京 上海\n", encoding="utf-8")
    result = build_variant(sample_site, tmp_path, {"user_dict: source_texts/userdict.txt": f"user_dict: {bad.name}"})
    assert result.returncode != 0
    assert f"{bad.name}:3: cannot read `北京 上海`" in result.stderr and "Traceback" not in result.stderr


def test_word_list_is_found_relative_to_mkdocs_yml_from_any_folder(sample_site, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = build_variant(sample_site, tmp_path, {}, cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    index = search_index(tmp_path)
    assert any("除险保安" in words_of(index, e["text"]) for e in index["docs"])


def test_large_archive_warns_and_names_the_way_out(sample_site, tmp_path):
    result = build_variant(
        sample_site,
        tmp_path,
        {
            "user_dict: source_texts/userdict.txt": "user_dict: source_texts/userdict.txt\n      large_archive_threshold: 3"
        },
    )
    assert "WARNING" in result.stderr and "4 articles, more than large_archive_threshold (3)" in result.stderr
    assert "maintainers/search.md" in result.stderr
    assert result.returncode != 0  # strict: the archivist has to choose


def test_archive_below_the_threshold_builds_without_warning(sample_site):
    result = build_site(sample_site)
    assert result.returncode == 0 and "large_archive_threshold" not in result.stderr
