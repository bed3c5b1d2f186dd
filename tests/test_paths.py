"""Slugs and paths: whatever a title or page name holds, every article gets a safe,
deterministic, unique path inside docs/ — and nothing is ever written outside it."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from conftest import make_archive
from hypothesis import given, settings
from hypothesis import strategies as st
from inputs import convert, records

from build_scripts.contract.urls import MAX_SLUG_LENGTH, slug_for_title, unique_slugs
from build_scripts.writers.docs_tree import write_tree
from build_scripts.writers.units import safe_relative

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _article(title: str) -> str:
    return f"{title}\n\n本报记者 李洁\n\n本报讯 正文。\n\n"


TITLES = [
    "★★★",  # symbols only
    "🎉🎉🎉",  # emoji only
    "《》【】",  # brackets only
    "保护冬奥标志",
    "保护冬奥标志",  # the same title twice
    "保护·冬奥·标志",  # slugifies like the one above
    "../../etc/passwd",
    "/absolute/path",
    "C:\\Windows\\system32",
    "index",
    "2022",
    "全省司法行政系统党史学习教育暨队伍教育整顿总结会召开全省司法行政系统党史学习教育暨队伍教育整顿总结",  # 52
]


def test_hostile_titles_and_page_names_get_safe_unique_paths(tmp_path):
    text = "---\ndate: 2022-01-29\npage: 3\npage_name: ../../../outside/版\n---\n" + "".join(
        _article(t) for t in TITLES
    )
    project = make_archive(tmp_path, {"x.txt": text}, with_sample=False)
    (project / "docs" / ".." / "outside").mkdir()
    result = convert(project)
    assert result.returncode == 0, result.stderr
    rows = records(project)
    assert len(rows) == len(TITLES)
    slugs = [r["url"].split("/")[-2] for r in rows]
    assert len(set(slugs)) == len(slugs)
    assert all(SLUG.match(s) and len(s) <= MAX_SLUG_LENGTH + 4 for s in slugs), slugs
    assert [r["title"] for r in rows] == TITLES
    # Nothing left of the title: the slug is spelled from the first words of the text.
    assert slugs[:3] == ["zheng-wen", "zheng-wen-2", "zheng-wen-3"]
    assert slugs[3:6] == ["bao-hu-dong-ao-biao-zhi", "bao-hu-dong-ao-biao-zhi-2", "bao-hu-dong-ao-biao-zhi-3"]
    assert slugs[9:11] == ["article-index", "article-2022"]
    assert rows[0]["page_name"] == "../../../outside/版"  # shown as printed, never used as a path
    # Nothing outside docs/: the project folder holds exactly what it held, plus docs/ content.
    assert list((project / "outside").iterdir()) == []
    docs = (project / "docs").resolve()
    for dirpath, _, filenames in os.walk(docs):
        for name in filenames:
            assert (Path(dirpath) / name).resolve().is_relative_to(docs)
    for row in rows:
        assert (docs / (row["url"].rstrip("/") + ".md")).is_file()


def test_a_300_character_title_gets_a_capped_slug():
    title = "全省司法行政系统党史学习教育暨队伍教育整顿总结会召开" * 12
    assert len(title) == 312
    slug = slug_for_title([title])
    assert SLUG.match(slug) and len(slug) <= MAX_SLUG_LENGTH
    assert slug.startswith("quan-sheng-si-fa-xing-zheng")


def test_paths_do_not_depend_on_anything_but_the_input(tmp_path):
    text = "".join(_article(t) for t in TITLES)
    first = make_archive(tmp_path / "a", {"2022-01-29.txt": text}, with_sample=False)
    second = make_archive(tmp_path / "b", {"2022-01-29.txt": text}, with_sample=False)
    assert convert(first).returncode == 0 and convert(second).returncode == 0
    assert [r["url"] for r in records(first)] == [r["url"] for r in records(second)]


@pytest.mark.parametrize(
    "rel", ["../escape.md", "/etc/passwd", "a/../../b.md", "2022//x.md", ".hidden/x.md", "a\\..\\b.md", ""]
)
def test_the_writer_refuses_paths_that_leave_docs(tmp_path, rel):
    docs = tmp_path / "docs"
    docs.mkdir()
    with pytest.raises(ValueError):
        write_tree(docs, {"index.md": "# 首页\n", rel: "x"})
    assert list(docs.iterdir()) == [] and sorted(p.name for p in tmp_path.iterdir()) == ["docs"]


titles = st.text(st.characters(codec="utf-8", blacklist_categories=("Cs",)), max_size=400)


@settings(max_examples=300, deadline=None)
@given(st.lists(titles, min_size=1, max_size=8))
def test_any_titles_give_plain_unique_capped_slugs(raw_titles):
    slugs = unique_slugs(slug_for_title(t.split()) for t in raw_titles)
    assert len(set(slugs)) == len(slugs)
    for slug in slugs:
        assert SLUG.match(slug), slug
        assert len(slug) <= MAX_SLUG_LENGTH + 1 + len(str(len(raw_titles))) + len("article-")
        assert safe_relative(f"2022/01/28/{slug}.md")
    assert slugs == unique_slugs(slug_for_title(t.split()) for t in raw_titles)
