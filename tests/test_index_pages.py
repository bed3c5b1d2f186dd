"""The generated index pages, as Markdown: home, calendar, issue contents, reporters, tags,
and the rule that keeps growing listings bounded."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from conftest import RICH_FILES, SAMPLE_TEXT, make_archive
from hypothesis import example, given, settings
from hypothesis import strategies as st
from inputs import snapshot

from build_scripts.catalogue.archive import Catalogue
from build_scripts.contract.urls import unique_name_slugs
from build_scripts.convert import convert
from build_scripts.writers.name_pages import Listed, entry_pages, name_index_pages, year_pages, year_spans
from build_scripts.writers.reporter_pages import reporter_pages

LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]+)\)")


@pytest.fixture(scope="module")
def rich_docs(tmp_path_factory) -> Path:
    project = make_archive(tmp_path_factory.mktemp("pages"), RICH_FILES)
    convert(project / "source_texts", project / "docs")
    return project / "docs"


def read(docs: Path, rel: str) -> str:
    return (docs / rel).read_text(encoding="utf-8")


def links_of(markdown: str) -> list[tuple[str, str]]:
    return LINK.findall(markdown)


def assert_links_resolve(docs: Path, rel: str) -> None:
    """Every relative link on a generated page points at a file that exists."""
    for _, target in links_of(read(docs, rel)):
        path = target.split("#")[0]
        if path:
            assert (docs / rel).parent.joinpath(path).resolve().is_file(), f"{rel}: {target}"


def test_issue_page_lists_articles_by_page_in_page_order(rich_docs):
    issue = read(rich_docs, "2022/01/29/index.md")
    headings = re.findall(r"^## (.+?) \{ #(page-\d+) \}$", issue, re.M)
    assert headings == [("第1版 要闻", "page-1"), ("第4版 政法", "page-4")]
    # each link a box with its dot (a no-break space before it): a line that wraps never opens with one
    box = '<span class="archive-link">{}</span>'
    missing = '<span class="archive-missing">第{}版（缺）</span>'
    listed = [
        box.format("[第1版 要闻](#page-1)\u00a0·"),
        box.format(missing.format(2) + "\u00a0·"),
        box.format(missing.format(3) + "\u00a0·"),
        box.format("[第4版 政法](#page-4)"),
    ]
    assert "版面：" + " ".join(listed) in issue
    steps = [line for line in issue.splitlines() if line.startswith(('<span class="archive-link">[', "版面："))]
    assert len(steps) >= 3 and not any(" ·" in line for line in steps)
    # title, byline and first sentence of each article
    assert re.search(
        r"保护奥林匹克标志\]\(bao-hu-ao-lin-pi-ke-biao-zhi\.md\)  \n  <small>本报记者 陈洋根 通讯员 "
        r"赵文琼 武露露 · 冬奥会将至。27日,杭州市市场监管局联合上城、拱墅属地市场监管部门,对部分场所是否合法合规使用北京2022年冬奥会和冬残奥会奥林匹克标志进行检查。</small>",
        issue,
    )
    # below each 版's list, the 版 before and after it (the paper's next page, not the next number)
    turns = re.findall(r'<div class="archive-page-turn" markdown>\n\n(.*?)\n\n</div>', issue)
    assert turns == [box.format("[下一版 第4版 政法 ›](#page-4)"), box.format("[‹ 上一版 第1版 要闻](#page-1)")]
    # neighbouring issues and the calendar
    assert "[‹ 前一期 2022年1月28日](../28/index.md)" in issue
    assert "[2022年日历](../../../archive/2022.md#month-01)" in issue
    assert_links_resolve(rich_docs, "2022/01/29/index.md")


def test_hostile_headline_is_escaped_in_generated_markdown(rich_docs):
    issue = read(rich_docs, "2022/01/29/index.md")
    assert "<script>" not in issue and "&lt;/script&gt;&lt;script&gt;alert\\(1\\)&lt;/script&gt;" in issue


def test_year_page_is_a_calendar_linking_every_day_with_an_issue(rich_docs):
    year = read(rich_docs, "archive/2022.md")
    linked = re.findall(r"\[(\d+)\]\(\.\./2022/01/(\d\d)/index\.md\)\{ aria-label=\"([^\"]+)\" \}", year)
    assert linked == [("28", "28", "2022年1月28日 星期五，4篇"), ("29", "29", "2022年1月29日 星期六，5篇")]
    assert re.findall(r"^## \d+月", year, re.M) == ["## 1月"]  # from the first month with issues to the last
    # weeks start on Monday: 1 January 2022 was a Saturday
    assert "|  |  |  |  |  | 1 | 2 |" in year
    assert "[‹ 2021年](2021.md)" in year
    archive = read(rich_docs, "archive/index.md")
    assert "[2022年](2022.md) | 2 | 9 |" in archive and "[2021年](2021.md) | 1 | 4 |" in archive
    assert_links_resolve(rich_docs, "archive/2022.md")


def test_a_year_and_a_month_address_lead_to_the_calendar(rich_docs):
    """An issue's address cut back (2022/01/28/ → 2022/01/, 2022/) is a page that sends the
    reader to the month on the year's calendar, not a missing page."""
    for rel, target in (("2022/index.md", "archive/2022.md"), ("2022/01/index.md", "archive/2022.md#month-01")):
        meta = yaml.safe_load(read(rich_docs, rel).split("---\n", 2)[1])
        assert (meta["template"], meta["moved_to"], meta["search"]) == ("moved.html", target, {"exclude": True})
        assert_links_resolve(rich_docs, rel)
    assert (rich_docs / "2021/index.md").is_file()
    assert not (rich_docs / "2022/02/index.md").exists()  # a month without issues has none


def test_an_archive_of_one_year_has_no_on_this_day_section(tmp_path):
    project = make_archive(tmp_path)
    convert(project / "source_texts", project / "docs")
    home = read(project / "docs", "index.md")
    assert "## 最新一期" in home and "往年今日" not in home


def test_home_shows_the_latest_issue_and_on_this_day(tmp_path):
    project = make_archive(tmp_path, {"2021/2021-01-28.txt": SAMPLE_TEXT})
    convert(project / "source_texts", project / "docs")
    home = read(project / "docs", "index.md")
    latest, rest = home.split("## 最新各期", 1)
    assert "## 最新一期 <small>2022年1月28日 星期五</small>" in latest
    headlines = [t for t in re.findall(r"\]\(2022/01/28/([a-z0-9-]+)\.md\)", latest) if t != "index"]
    assert len(headlines) == 4  # the latest issue's headlines, then a link to its contents
    on_this_day = rest.split("## 往年今日 <small>1月28日</small>", 1)[1].split("##", 1)[0]
    assert links_of(on_this_day) == [("2021年1月28日 星期四", "2021/01/28/index.md")]
    assert_links_resolve(project / "docs", "index.md")


FRONT_PAGE_WITH_A_BOX = (  # as a real front page prints its 导读 box: among the day's stories
    "城西新建一座图书馆\n\n本报记者 王小明\n\n"
    "本报讯 城西新建的图书馆今天开馆，藏书二十万册，周末延长开放时间。\n\n"
    "市民纷纷前往借阅，馆内座位全部坐满。\n\n\n"
    "河道整治完成验收\n\n本报记者 张三\n\n"
    "本报讯 城东三条河道的整治工程通过验收，两岸新修步道四公里。\n\n\n"
    "导 读\n\n城市公交\n\n新增三条夜间线路\n\n第二版\n\n冬训正当时\n\n第四版\n"
)


def test_home_page_headlines_leave_out_the_boxes_of_the_issue(tmp_path):
    # the front page's 导读 box is an article of its issue, but not a headline of the day
    project = make_archive(tmp_path, {"2022/2022-01-29_01_要闻.txt": FRONT_PAGE_WITH_A_BOX})
    convert(project / "source_texts", project / "docs")
    issue = read(project / "docs", "2022/01/29/index.md")
    assert "[导 读]" in issue  # still in the issue's contents
    latest = read(project / "docs", "index.md").split("## 最新一期", 1)[1].split("## 最新各期", 1)[0]
    titles = [title for title, target in links_of(latest) if not target.endswith("index.md")]
    assert titles == ["城西新建一座图书馆", "河道整治完成验收"]
    assert "本期共 3 篇，[查看本期目录]" in latest  # the box is counted, and reached from the contents


def test_home_page_headlines_list_an_article_printed_again_once(tmp_path):
    # the issue prints its lead again in full on 版 2: one story, one headline on the home page
    lead = FRONT_PAGE_WITH_A_BOX.split("\n\n\n")[0]
    project = make_archive(
        tmp_path,
        {"2022/2022-01-29_01_要闻.txt": FRONT_PAGE_WITH_A_BOX, "2022/2022-01-29_02_要闻.txt": lead + "\n"},
    )
    convert(project / "source_texts", project / "docs")
    latest = read(project / "docs", "index.md").split("## 最新一期", 1)[1].split("## 最新各期", 1)[0]
    titles = [title for title, target in links_of(latest) if not target.endswith("index.md")]
    assert titles == ["城西新建一座图书馆", "河道整治完成验收"]
    issue = read(project / "docs", "2022/01/29/index.md")
    assert issue.count("[城西新建一座图书馆]") == 2  # both printings stay in the issue's contents


def test_reporter_index_and_pages(rich_docs):
    index = read(rich_docs, "reporters/index.md")
    people = {name: target for name, target in links_of(index) if not target.startswith("#")}
    assert people["李洁"] == "li-jie/index.md" and people["王小明"] == "wang-xiao-ming/index.md"
    assert "[李洁](li-jie/index.md) <small>3篇</small>" in index
    page = read(rich_docs, "reporters/zhao-wen-qiong/index.md")
    assert "通讯员 · 共 3 篇" not in page and "记者 · 共 3 篇，均署名通讯员" in page
    titles = [t for t, _ in links_of(page) if "奥" in t]
    assert titles == ["保护奥林匹克标志", "保护奥林匹克标志", "迎接冬奥会"]  # newest first
    assert "<small>通讯员 · 本报记者 陈洋根" in page
    assert_links_resolve(rich_docs, "reporters/zhao-wen-qiong/index.md")


def test_homophones_get_their_own_pages_in_order_of_first_appearance():
    assert unique_name_slugs(["李洁", "李杰", "李洁", "Index"]) == {
        "李洁": "li-jie",
        "李杰": "li-jie-2",
        "Index": "index-x",
    }


def _catalogue(project: Path) -> Catalogue:
    return Catalogue.build(convert(project / "source_texts", project / "docs", record_urls=False).placed)


def test_a_name_with_many_articles_gets_one_page_per_year(rich_docs, tmp_path):
    catalogue = _catalogue(rich_docs.parent)
    entry, credits = catalogue.people["李洁"], catalogue.credits["李洁"]
    listed = [Listed(c.placed) for c in credits]
    small = entry_pages(entry, listed, kind="记者", summary="", index_path="reporters/index.md")
    assert list(small) == ["reporters/li-jie/index.md"]
    split = entry_pages(entry, listed, kind="记者", summary="", index_path="reporters/index.md", limit=2)
    assert sorted(split) == ["reporters/li-jie/2021.md", "reporters/li-jie/2022.md", "reporters/li-jie/index.md"]
    assert "- [2022年](2022.md) · 2篇\n- [2021年](2021.md) · 1篇" in split["reporters/li-jie/index.md"]
    assert split["reporters/li-jie/2021.md"].count("](../../2021/01/28/") == 1


def test_a_names_pages_made_apart_are_the_pages_made_together(rich_docs, monkeypatch):
    """The converter makes a name's own page and each of its year pages as units of their own
    (writers/name_units.py): the same files, byte for byte, as made all together — with a
    year published once whose articles left, and kept to say so."""
    from build_scripts.writers import name_pages
    from build_scripts.writers.reporter_pages import person_pages, person_year_page, year_of_credit
    from build_scripts.writers.tag_pages import one_tag_pages, tag_year_page, year_of_article

    monkeypatch.setattr(name_pages, "ENTRY_PAGE_LIMIT", 0)  # every name has year pages
    catalogue = _catalogue(rich_docs.parent)
    kinds = (
        (person_pages, person_year_page, year_of_credit, catalogue.credits),
        (one_tag_pages, tag_year_page, year_of_article, catalogue.tagged),
    )
    compared = 0
    for together, one_year, year_of, listed in kinds:
        for name, articles in listed.items():
            published = frozenset({2019})  # (no article of the archive's is of 2019)
            whole = together(catalogue, name, published)
            apart = together(catalogue, name, published, with_years=False)
            for year in sorted({year_of(article) for article in articles}):
                apart.update(one_year(catalogue, name, year))
            assert apart == whole, name
            compared += len(whole)
    assert compared > 3 * (len(catalogue.credits) + len(catalogue.tagged))  # own, 2019, and a year or more each


def test_a_name_keeps_the_year_pages_it_had_when_its_articles_fall_back(rich_docs):
    """A tag's articles can fall back to the limit (tags are chosen again as the archive
    grows): the year pages it had stay, and a year it no longer has articles in sends the
    reader on to its page."""
    catalogue = _catalogue(rich_docs.parent)
    entry, credits = catalogue.people["李洁"], catalogue.credits["李洁"]
    listed = [Listed(c.placed) for c in credits]
    assert year_pages(len(listed), {2021, 2022}, frozenset()) == frozenset()
    assert year_pages(len(listed), {2021, 2022}, frozenset(), limit=2) == {2021, 2022}
    assert year_pages(len(listed), {2021, 2022}, frozenset({2019})) == {2019, 2021, 2022}
    kept = entry_pages(
        entry, listed, kind="记者", summary="", index_path="reporters/index.md", published=frozenset({2019})
    )
    assert sorted(kept) == [f"reporters/li-jie/{y}.md" for y in (2019, 2021, 2022)] + ["reporters/li-jie/index.md"]
    assert kept["reporters/li-jie/2021.md"].count("](../../2021/01/28/") == 1
    assert "- [2022年](2022.md) · 2篇\n- [2021年](2021.md) · 1篇\n" in kept["reporters/li-jie/index.md"]
    gone = yaml.safe_load(kept["reporters/li-jie/2019.md"].split("---")[1])
    assert gone["template"] == "moved.html" and gone["moved_to"] == "reporters/li-jie/index.md"
    assert "](index.md)" in kept["reporters/li-jie/2019.md"]


def test_year_pages_once_published_are_in_the_url_ledger_and_stay(tmp_path, monkeypatch):
    from build_scripts.catalogue.ledger import read_names
    from build_scripts.contract.urls import REPORTERS
    from build_scripts.writers import name_pages

    project = make_archive(tmp_path, RICH_FILES)
    source, docs = project / "source_texts", project / "docs"
    monkeypatch.setattr(name_pages, "ENTRY_PAGE_LIMIT", 2)  # 李洁 has three articles: split by year
    convert(source, docs, jobs=1)
    assert read_names(source / "urls.lock").years_of(REPORTERS, "li-jie") == {2021, 2022}
    assert "reporters/li-jie/2021/ 李洁\nreporters/li-jie/2022/ 李洁\n" in (source / "urls.lock").read_text("utf-8")
    split = {rel: (docs / rel).read_bytes() for rel in ("reporters/li-jie/2021.md", "reporters/li-jie/2022.md")}
    from build_scripts.writers import name_units

    made: list[str] = []
    for unit in ("person_pages", "person_year_page"):
        monkeypatch.setattr(name_units, unit, lambda catalogue, name, *rest, **options: made.append(name) or {})
    convert(source, docs, jobs=1)  # the ledger lists the years now: the same pages, not made again
    assert made == []
    monkeypatch.undo()  # three articles are few again: the pages stay all the same
    with (source / "urls.lock").open("a", encoding="utf-8") as ledger:
        ledger.write("reporters/li-jie/2019/ 李洁\n")  # a year published once, whose articles left
    convert(source, docs, jobs=1)
    assert {rel: (docs / rel).read_bytes() for rel in split} == split
    assert read_names(source / "urls.lock").years_of(REPORTERS, "li-jie") == {2019, 2021, 2022}
    gone = yaml.safe_load((docs / "reporters/li-jie/2019.md").read_text(encoding="utf-8").split("---")[1])
    assert gone["template"] == "moved.html" and gone["moved_to"] == "reporters/li-jie/index.md"
    again = tmp_path / "again"  # the same sources and ledger, converted afresh: the same pages
    shutil.copytree(source, again / "source_texts")
    convert(again / "source_texts", again / "docs", jobs=1, incremental=False)
    assert snapshot(again / "docs") == snapshot(docs)


def test_a_long_index_is_split_by_initial_letter(rich_docs):
    catalogue = _catalogue(rich_docs.parent)
    counts = {name: len(c) for name, c in catalogue.credits.items()}
    files = name_index_pages(catalogue.people, counts, title="记者", intro="", index_path="reporters/index.md", limit=3)
    assert sorted(files) == [
        "reporters/index.md",
        "reporters/letters/c.md",
        "reporters/letters/h.md",
        "reporters/letters/l.md",
        "reporters/letters/w.md",
        "reporters/letters/z.md",
    ]
    assert re.search(
        r"- \[陈洋根\]\(../chen-yang-gen/index.md\) <small>\d+篇</small>\n- \[陈毅人\]", files["reporters/letters/c.md"]
    )
    assert "按姓名的拼音首字母：" in files["reporters/index.md"]
    tags = name_index_pages(
        catalogue.people, counts, title="标签", intro="", index_path="tags/index.md", limit=3, names_are="词语"
    )
    assert "按词语的拼音首字母：" in tags["tags/index.md"]


def test_an_index_split_once_keeps_its_letter_pages_when_names_leave(rich_docs):
    """Counted with the names the URL ledger still lists (`gone`), an index split by letter
    stays split, and a letter whose names all left keeps its page, saying so."""
    catalogue = _catalogue(rich_docs.parent)
    counts = {name: len(c) for name, c in catalogue.credits.items()}
    people = len(catalogue.people)
    plain = name_index_pages(
        catalogue.people, counts, title="记者", intro="", index_path="reporters/index.md", limit=people
    )
    assert list(plain) == ["reporters/index.md"]
    files = name_index_pages(
        catalogue.people, counts, title="记者", intro="", index_path="reporters/index.md", limit=people, gone=["欧阳修"]
    )
    assert "reporters/letters/c.md" in files and "reporters/letters/o.md" in files
    assert "本档案现在没有拼音以 O 开头的姓名。" in files["reporters/letters/o.md"]
    assert "](../index.md)" in files["reporters/letters/o.md"] and "letters/o.md" not in files["reporters/index.md"]
    assert yaml.safe_load(files["reporters/letters/o.md"].split("---")[1])["search"] == {"exclude": True}
    assert files["reporters/letters/o.md"].endswith("。\n") and files["reporters/letters/c.md"].endswith("\n")


def test_the_names_the_ledger_lists_keep_the_index_split(tmp_path, monkeypatch):
    from build_scripts.writers import name_pages

    project = make_archive(tmp_path, RICH_FILES)
    source, docs = project / "source_texts", project / "docs"
    convert(source, docs, jobs=1)
    people = len(list((docs / "reporters").glob("*/index.md")))  # a page each
    monkeypatch.setattr(name_pages, "INDEX_LIMIT", people)  # as many as the archive has: one page
    convert(source, docs, jobs=1)
    assert not (docs / "reporters/letters").exists()
    with (source / "urls.lock").open("a", encoding="utf-8") as ledger:
        ledger.write("reporters/ou-yang-xiu/ 欧阳修\n")  # published once, gone since
    convert(source, docs, jobs=1)
    assert "本档案现在没有拼音以 O 开头的姓名。" in (docs / "reporters/letters/o.md").read_text(encoding="utf-8")
    assert (docs / "reporters/ou-yang-xiu/index.md").is_file()


def test_every_generated_page_has_a_title_and_one_h1(rich_docs):
    generated = [p for p in rich_docs.rglob("*.md") if p.name != "about.md"]
    assert len(generated) > 25
    for path in generated:
        text = path.read_text(encoding="utf-8")
        meta = yaml.safe_load(text.split("---\n", 2)[1])
        assert meta["title"], path
        body = text.split("---\n", 2)[2]
        assert len(re.findall(r"^# ", body, re.M)) <= 1, path


# A reporter's story and a box of pictures credited to them: the box's title (图片报道) is
# printed day after day and tells nothing.
PICTURE_AND_STORY = (
    "新能源汽车销量增长\n\n本报记者  王  洋\n\n本报北京1月28日电  一月新能源汽车销量同比增长。\n\n"
    "图片报道\n\n1月27日，游客在冰雪大世界游玩。冰雪大世界今年新添了冰滑梯。本报记者  王  洋摄\n"
)


def test_a_name_page_lists_a_box_by_where_its_text_opens(tmp_path):
    """On a reporter's (or a tag's) page, an article under a box's title or none shows where
    its text opens; one whose headline tells it apart shows its byline alone."""
    project = make_archive(tmp_path, {"2022-01-29.txt": PICTURE_AND_STORY}, with_sample=False)
    convert(project / "source_texts", project / "docs")
    page = read(project / "docs", "reporters/wang-yang/index.md")
    box = page[page.index("[图片报道]") :].split("\n- ")[0]
    story = page[page.index("[新能源汽车销量增长]") :].split("\n- ")[0]
    assert "1月27日，游客在冰雪大世界游玩。" in box
    assert "一月新能源汽车销量同比增长" not in story and "本报记者  王洋" in story  # (its byline alone, the name whole)


def test_a_tag_page_lists_a_box_by_where_its_text_opens(tmp_path):
    unsigned = PICTURE_AND_STORY.replace("本报记者  王  洋摄", "")  # (no reporter's page lists it first)
    files = {f"2022-01-{29 + n}.txt": unsigned.replace("1月27日", f"1月{27 + n}日") for n in range(2)}
    project = make_archive(tmp_path, files, with_sample=False)
    config = project / "source_texts" / "archive.yml"
    config.write_text(config.read_text(encoding="utf-8") + "tag_min_articles: 1\n", encoding="utf-8")
    convert(project / "source_texts", project / "docs")
    page = read(project / "docs", "tags/bing-xue/index.md")
    assert page.count("[图片报道]") == 2
    assert "1月27日，游客在冰雪大世界游玩。" in page and "1月28日，游客在冰雪大世界游玩。" in page


def test_a_name_page_shows_a_boxs_new_opening_after_an_edit(tmp_path):
    """Where a list shows an article's opening, the page is made again when only the opening
    changed (the reporter's page digests what it shows: `plan.shown`)."""
    project = make_archive(tmp_path, {"2022-01-29.txt": PICTURE_AND_STORY}, with_sample=False)
    convert(project / "source_texts", project / "docs")
    source = project / "source_texts" / "2022-01-29.txt"
    source.write_text(PICTURE_AND_STORY.replace("游客在冰雪大世界游玩", "孩子们在冰场上滑冰"), encoding="utf-8")
    convert(project / "source_texts", project / "docs")
    assert "孩子们在冰场上滑冰" in read(project / "docs", "reporters/wang-yang/index.md")


def test_reporter_pages_for_an_archive_without_bylines(tmp_path):
    project = make_archive(tmp_path, {"2022-01-29.txt": "标题\n\n正文。\n"}, with_sample=False)
    files = reporter_pages(_catalogue(project))
    assert list(files) == ["reporters/index.md"]
    assert "档案中还没有署名的文章" in files["reporters/index.md"]


def test_a_body_signing_a_piece_is_listed_as_a_signing_body_not_a_reporter(tmp_path):
    text = "团结奋斗新征程\n\n中共中央统战部\n\n新时代统一战线工作取得新成效。\n\n广泛凝聚共识。\n"
    project = make_archive(tmp_path, {"2022-01-29.txt": text}, with_sample=False)
    files = reporter_pages(_catalogue(project))
    body = next(page for path, page in files.items() if path != "reporters/index.md")
    assert "署名单位 · 共 1 篇" in body and "记者 ·" not in body and "[全部记者](../index.md)" in body
    assert "署名中出现的 1 个署名单位，" in files["reporters/index.md"]


def test_a_writer_signed_with_a_name_alone_is_an_author_not_a_reporter(tmp_path):
    """A letter signed with a place and a name, or a commentary signed with a name: the page
    calls its writer 作者; a reporter's byline (本报记者 …) keeps 记者."""
    text = (
        "家门口的公园变美了\n\n湖南长沙市  吴  峥\n\n小区旁的公园改造后，散步的人多了。\n\n"
        "新能源汽车销量增长\n\n本报记者  王  洋\n\n本报北京1月28日电  一月新能源汽车销量同比增长。\n"
    )
    project = make_archive(tmp_path, {"2022-01-29.txt": text}, with_sample=False)
    files = reporter_pages(_catalogue(project))
    pages = {path.split("/")[1]: page for path, page in files.items() if path != "reporters/index.md"}
    assert "作者 · 共 1 篇" in pages["wu-zheng"] and "记者 ·" not in pages["wu-zheng"]
    assert "记者 · 共 1 篇" in pages["wang-yang"]


@st.composite
def _text_with_a_spaced_name(draw: st.DrawFn) -> tuple[str, str]:
    """A byline-like text made of a name, the name spaced out, and characters around them."""
    name = draw(st.text(alphabet="吴丹黄A1\\", min_size=2, max_size=3))
    spaced = draw(st.sampled_from([" ", "  ", "\u3000", " \u3000"])).join(name)
    return "".join(draw(st.lists(st.sampled_from([spaced, name, "吴", "丹", "黄", " ", "A", "1"]), max_size=8))), name


@settings(max_examples=300, deadline=None)
@example(("吴丹 丹 丹", "丹丹"))  # the first candidate is part of a longer word, the second overlaps it
@example(("本报记者 吴 丹黄", "吴丹"))  # a Chinese character right after it
@given(_text_with_a_spaced_name())
def test_a_spaced_name_is_written_whole_exactly_where_a_pattern_with_lookarounds_would(case):
    """A spaced name is joined where no Chinese character is right before or after it, the
    neighbours looked at by hand: the same text as `re.sub` with the lookarounds (which take
    milliseconds to compile a name), overlapping candidates included (`丹 丹 丹`)."""
    from build_scripts.contract.labels import _spaced_name_whole

    shown, name = case
    han = "[\u4e00-\u9fff]"
    pattern = f"(?<!{han})" + r"\s+".join(map(re.escape, name)) + f"(?!{han})"
    assert _spaced_name_whole(shown, name) == re.sub(pattern, name.replace("\\", "\\\\"), shown)


def test_a_listing_shows_the_names_a_byline_does_not_spell_out(tmp_path):
    from build_scripts.contract.labels import byline_with_names

    assert byline_with_names("本报记者", ("张贺", "耿磊")) == "本报记者 张贺、耿磊"
    assert byline_with_names("本报记者 储 勇", ("储勇",)) == "本报记者 储 勇"  # spelt out, spaced
    # in a list, whole: `吴 丹 黄 超` could be four people, and one reporter reads alike in
    # every byline of the list (`常 钦` above `李心萍 姜峰 常钦`)
    assert byline_with_names("本报记者 储 勇", ("储勇",), whole_names=True) == "本报记者 储勇"
    names = ("吴丹", "黄超", "孙亚慧")
    assert byline_with_names("本报记者 吴 丹 黄 超 孙亚慧", names, whole_names=True) == "本报记者 吴丹 黄超 孙亚慧"
    assert byline_with_names("本报记者 王  洋  李明", ("王洋", "李明"), whole_names=True) == "本报记者 王洋  李明"
    assert byline_with_names("本报记者 A \\ 1 李四", ("A\\1", "李四"), whole_names=True) == "本报记者 A\\1 李四"
    # search shows it as printed: a quoted name is found where it is printed
    assert byline_with_names("本报记者 吴 丹 黄 超 孙亚慧", names) == "本报记者 吴 丹 黄 超 孙亚慧"
    assert byline_with_names("", ("林溪",)) == "林溪"
    # printed in brackets after a dateline: shown without them, as the others are
    assert byline_with_names("（记者冯歆然、刘恺）", ("冯歆然", "刘恺")) == "记者冯歆然、刘恺"
    assert byline_with_names("（本报记者 王洋）", ("王洋", "李明")) == "本报记者 王洋 李明"
    assert byline_with_names("（新华社记者 张三）（李四参与采写）", ("张三",)) == "（新华社记者 张三）（李四参与采写）"
    page = "学以致用求实效\n\n本报记者\n\n各地扎实开展学习教育，解决群众急难愁盼问题。\n\n（本报记者张贺、耿磊）\n"
    project = make_archive(tmp_path, {"2022/2022-01-28_01.txt": page})
    convert(project / "source_texts", project / "docs")
    listed = read(project / "docs", "2022/01/28/index.md")
    assert "本报记者 张贺、耿磊" in listed


@given(st.lists(st.dates(min_value=dt.date(1946, 1, 1), max_value=dt.date(2030, 12, 31)), max_size=60))
def test_a_names_years_are_those_of_its_articles_in_archive_order(days):
    """`name_pages.year_spans` searches a name's list for where each year ends: the same
    years as looking at every article, each its run of the list, over lists of any length
    with years missing between."""
    listed = [SimpleNamespace(date=day) for day in sorted(days)]
    spans = year_spans(listed, lambda p: p.date.year)
    assert set(spans) == {day.year for day in days}
    assert [p for start, end in spans.values() for p in listed[start:end]] == listed
    assert all(p.date.year == year for year, (start, end) in spans.items() for p in listed[start:end])
