"""The front page's contents box (导读) leads to the stories it names: each item's headline to
its article on the 版 named, the 版 to that 版 of the issue page — and keeps every line."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import build_site, make_archive, run_cli

from build_scripts.catalogue.contents import ContentsItem, items_of, page_number, targets_of
from build_scripts.ingest.archive_config import ArchiveConfig, PaperInfo
from build_scripts.ingest.read import source_page
from build_scripts.parse.parser import parse_page
from build_scripts.problems import Report
from build_scripts.writers.source_jobs import convert_page

BOX = "导读\n\n理论·经济形势理性看\n\n科学把握经济发展大势\n\n第九版\n\n乡村新貌\n\n山村通了快递车\n\n第十二版\n"
FRONT = "头版新闻标题\n\n本报记者 方 远\n\n这是头版的一条新闻。\n\n" + BOX
NINTH = "科学把握经济发展大势（经济观察）\n\n本报记者 林 溪\n\n经济运行稳中向好。\n"
TWELFTH = "快递进山村 山村通了快递车\n\n本报记者 宋 川\n\n山村的快递点开张了。\n"


def test_a_contents_box_is_read_into_items_each_ending_with_its_page():
    box = parse_page(FRONT).articles[-1]
    assert box.title == "导读"
    assert items_of(box) == (
        ContentsItem(("理论·经济形势理性看", "科学把握经济发展大势"), "第九版", 9),
        ContentsItem(("乡村新貌", "山村通了快递车"), "第十二版", 12),
    )


def test_page_numbers_are_read_in_chinese_numerals_and_digits():
    assert [page_number(t) for t in ("第九版", "第十七版", "第二十版", "第 5 版", "第１２版")] == [9, 17, 20, 5, 12]
    assert page_number("第九版面") is None and page_number("理论") is None


def test_an_article_naming_no_page_has_no_items():
    story = parse_page("导读\n\n今天的报纸共二十版。\n").articles[0]
    assert items_of(story) == ()


def test_each_item_leads_to_the_article_its_page_prints_under_that_headline():
    items = (
        ContentsItem(("理论", "科学把握经济发展大势"), "第九版", 9),
        # worded its own way: a run of eight characters of the headline is enough
        ContentsItem(("我国对53个非洲建交国全面实施零关税举措",), "第十七版", 17),
        ContentsItem(("另一条消息",), "第九版", 9),  # printed under no headline of 版 9
        ContentsItem(("已经撤下的版面",), "第三版", 3),  # no 版 3 in this issue
    )
    pages = {
        9: [
            ("d/a.md", "稳字当头 实干为要", "实干为要"),
            ("d/b.md", "理论 科学把握经济发展大势", "科学把握经济发展大势"),
        ],
        17: [("d/c.md", "中国对五十三个非洲建交国全面实施零关税举措——新阶段", "新阶段")],
    }
    targets = targets_of(items, "d/index.md", pages)
    assert [(t.line, t.article, t.page) for t in targets] == [
        (1, "d/b.md", "d/index.md#page-9"),  # its main title's line, not the kicker 理论
        (0, "d/c.md", "d/index.md#page-17"),
        (-1, None, "d/index.md#page-9"),
        (-1, None, None),
    ]


def test_an_item_naming_the_column_and_the_title_links_the_titles_line():
    """`经济聚焦·农田里的新鲜事` / `种子用得少  为啥产量高`: the column's name closes the main
    title in brackets, and is longer than the title; the title's line is the link."""
    items = (ContentsItem(("经济聚焦·农田里的新鲜事", "种子用得少  为啥产量高"), "第八版", 8),)
    title = "种子用得少 为啥产量高（经济聚焦·农田里的新鲜事）"
    pages = {8: [("d/a.md", f"黑龙江北大荒水稻示范田用上新技术—— {title}", title)]}
    assert [(t.line, t.article) for t in targets_of(items, "d/index.md", pages)] == [(1, "d/a.md")]
    # a bracket of the title's own (`（全文）`) is no column: the line printing it is the link
    items = (ContentsItem(("十四届全国人大常委会第二十二次会议表决通过", "社会救助法（全文）"), "第十四版", 14),)
    law = "中华人民共和国社会救助法（全文）"
    pages = {14: [("d/b.md", f"十四届全国人大常委会第二十二次会议表决通过 {law}", law)]}
    assert [(t.line, t.article) for t in targets_of(items, "d/index.md", pages)] == [(1, "d/b.md")]


def test_a_contents_box_has_no_tags_of_its_own():
    # its stories are tagged on their own pages; the box would take their words for its own
    config = ArchiveConfig(paper=PaperInfo(title="人民日报", slug="rmrb"))
    page = source_page("2024-03-05_01_要闻.txt", FRONT.encode(), config, Report())
    result, _ = convert_page(page, config, Report())
    story, box = result.tags
    assert box == {} and story != {}
    assert result.entries[-1].contents  # (the box, read as one)


def test_the_data_says_which_article_is_a_list_of_the_issues_stories():
    # (`box`, which search ranks after every other match)
    config = ArchiveConfig(paper=PaperInfo(title="人民日报", slug="rmrb"))
    page = source_page("2024-03-05_01_要闻.txt", FRONT.encode(), config, Report())
    result, _ = convert_page(page, config, Report())
    assert ['"box": ""' in p.record for p in result.prepared] == [True, False]
    assert '"box": "contents"' in result.prepared[-1].record


def _project(tmp_path: Path) -> Path:
    return make_archive(
        tmp_path,
        {
            "2024/2024-03-05_01_要闻.txt": FRONT,
            "2024/2024-03-05_09_理论.txt": NINTH,
            "2024/2024-03-05_12_农村.txt": TWELFTH,
        },
        with_sample=False,
    )


def _convert(project: Path) -> None:
    result = run_cli("convert", "--source", str(project / "source_texts"), "--docs", str(project / "docs"))
    assert result.returncode == 0, result.stderr


def _box_page(project: Path) -> str:
    (page,) = [p for p in (project / "docs/2024/03/05").glob("*.md") if "\ntitle: 导读\n" in p.read_text("utf-8")]
    return page.read_text(encoding="utf-8").split("---\n\n", 1)[1]


def test_the_box_page_links_each_story_and_page_and_a_built_site_resolves_them(tmp_path):
    project = _project(tmp_path)
    _convert(project)
    docs = project / "docs/2024/03/05"
    ninth = next(p.name for p in docs.glob("*.md") if "\npage: 9\n" in p.read_text("utf-8"))
    body = _box_page(project)
    assert f"[科学把握经济发展大势]({ninth})" in body and "[第九版](index.md#page-9)" in body
    for line in ("理论·经济形势理性看", "乡村新貌", "山村通了快递车", "第十二版"):  # every line stays
        assert line in body

    built = build_site(project)
    assert built.returncode == 0, built.stderr  # --strict: a link leading nowhere fails the build
    html = next((project / "site/2024/03/05").glob("dao-du*/index.html")).read_text("utf-8")
    hrefs = {text: href for href, text in re.findall(r'<a href="([^"]+)">([^<]+)</a>', html)}
    assert hrefs["科学把握经济发展大势"] == f"../{ninth.removesuffix('.md')}/"
    assert hrefs["第九版"] == "../#page-9"


def test_an_edit_to_a_named_page_changes_the_box_as_a_full_conversion_would(tmp_path):
    project = _project(tmp_path)
    _convert(project)
    assert "[山村通了快递车](" in _box_page(project)
    twelfth = project / "source_texts/2024/2024-03-05_12_农村.txt"
    twelfth.write_text(TWELFTH.replace("山村通了快递车", "快递小哥上山来"), encoding="utf-8")
    _convert(project)  # incremental: only the 版 12 file is parsed again
    again = _box_page(project)
    assert "[山村通了快递车](" not in again and "山村通了快递车" in again
    fresh = make_archive(tmp_path / "fresh", {}, with_sample=False)
    for path in (project / "source_texts").rglob("*.txt"):
        target = fresh / "source_texts" / path.relative_to(project / "source_texts")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    _convert(fresh)
    assert again == _box_page(fresh)
