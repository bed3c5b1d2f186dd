"""A 版 delivered twice, and an article that also stands on another 版 among other articles,
are listed under both 版, the later printing pointing to the first (catalogue/duplicates.py)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

from conftest import build_site, make_archive
from inputs import convert

from build_scripts.catalogue.duplicates import repeated_pages
from build_scripts.catalogue.entry import entry_of
from build_scripts.ingest.source import PageMeta
from build_scripts.parse.parser import parse_page
from build_scripts.ship.linkcheck import check_site

DAY = dt.date(2026, 5, 4)
SITE_URL = "https://archive.example.org/"
NOTICE = (
    "关于表彰先进集体的决定\n\n经研究，决定对在防汛救灾工作中表现突出的集体予以表彰，希望受到表彰的集体珍惜荣誉。\n"
)
LEAD = (
    "全国春耕生产有序推进\n\n本报记者 李明\n\n本报北京5月3日电 各地抢抓农时，春耕生产进展顺利，粮食播种面积稳中有增。\n"
)
OTHER = "城市更新让老街焕发新生\n\n本报记者 王芳\n\n老街改造完成后，居民生活更加便利，游客也多了起来，商户生意红火。\n"


def parsed(files: dict[str, str]):
    pages = []
    for number, (path, text) in enumerate(files.items(), start=1):
        meta = PageMeta(DAY, number, "要闻", "人民日报")
        articles = parse_page(text, 1).articles
        pages.append((path, meta, [entry_of(path, meta, a, n) for n, a in enumerate(articles, start=1)]))
    return pages


def test_a_page_delivered_twice_is_found_with_the_file_that_printed_it_first():
    pages = parsed({"05_公告.txt": NOTICE, "06_公告.txt": NOTICE})
    assert [len(entries) for _, _, entries in pages] == [1, 1]
    repeats = repeated_pages(pages)
    assert [(r.page, r.first, r.line) for r in repeats] == [("06_公告.txt", "05_公告.txt", 1)]


def test_an_article_also_printed_among_other_articles_stays_on_both_pages():
    pages = parsed({"01_要闻.txt": LEAD, "02_要闻.txt": OTHER + "\n\n" + LEAD})
    assert [len(entries) for _, _, entries in pages] == [1, 2]
    assert repeated_pages(pages) == []


def test_a_版_that_prints_alone_one_article_of_a_fuller_版_is_a_版_of_its_own():
    """A joint statement among the news of 第2版, and alone on 第3版: 第3版 is not 第2版 again."""
    pages = parsed({"02_要闻.txt": OTHER + "\n\n" + LEAD, "03_要闻.txt": LEAD})
    assert [len(entries) for _, _, entries in pages] == [2, 1]
    assert repeated_pages(pages) == []


def test_a_版_delivered_twice_is_listed_under_both_numbers_as_printed_again(tmp_path):
    """The paper's e-edition lists the notice under 第5版 and 第6版: both 版 list it, the
    second printing says where it stood first and points to it as canonical, and the
    archivist is told (one of the two files may hold the wrong page)."""
    project = make_archive(tmp_path, {"2026/2026-05-04_05_公告.txt": NOTICE}, with_sample=False)
    assert convert(project).returncode == 0
    # the repeat arrives later, in a conversion that takes the first 版 from the cache
    (project / "source_texts/2026/2026-05-04_06_公告.txt").write_text(NOTICE, encoding="utf-8")
    result = convert(project)
    assert result.returncode == 0, result.stderr
    assert "2026-05-04_06_公告.txt:1: repeats 2026/2026-05-04_05_公告.txt" in result.stderr
    issue = (project / "docs/2026/05/04/index.md").read_text(encoding="utf-8")
    fifth, sixth = issue.split("## 第5版 公告", 1)[1].split("## 第6版 公告", 1)
    assert "关于表彰先进集体的决定" in fifth and "关于表彰先进集体的决定" in sixth
    rows = [
        json.loads(line) for line in (project / "docs/data/articles.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert [(row["page"], row["reprint_of"]) for row in rows] == [(5, None), (6, rows[0]["id"])]
    built = build_site(project, env={"ARCHIVE_SITE_URL": SITE_URL})
    assert built.returncode == 0, built.stderr
    pages = sorted((project / "docs/2026/05/04").glob("guan-yu-biao-zhang*.md"), key=lambda p: len(p.stem))
    first_url = f"{SITE_URL}2026/05/04/{pages[0].stem}/"
    again_html = (project / "site/2026/05/04" / pages[1].stem / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{first_url}">' in again_html
    assert "又见" in again_html and "第5版 公告" in again_html.split("又见", 1)[1][:300]
    report = check_site(project / "site", SITE_URL)
    assert report.checked > 0 and report.broken == [], report.broken[:5]


def test_the_issue_page_names_a_版_the_archive_has_no_file_for(tmp_path):
    files = {f"2026/2026-05-04_{n:02d}_要闻.txt": text for n, text in ((1, LEAD), (3, OTHER), (6, NOTICE))}
    project = make_archive(tmp_path, files, with_sample=False)
    result = convert(project)
    assert result.returncode == 0, result.stderr
    issue = (project / "docs/2026/05/04/index.md").read_text(encoding="utf-8")
    assert "本期档案中没有第2版、第4至5版。" in issue
    # and in the list of the issue's 版, where the paper printed them
    (listed,) = [line for line in issue.splitlines() if line.startswith("版面：")]
    assert re.sub(r"\[([^]]*)\]\([^)]*\)|<[^>]+>", r"\1", listed) == (
        "版面：第1版 要闻\u00a0· 第2版（缺）\u00a0· 第3版 要闻\u00a0· 第4版（缺）\u00a0· 第5版（缺）\u00a0· 第6版 要闻"
    )


def test_the_issue_page_names_a_版_whose_file_holds_no_article(tmp_path):
    # an empty file, and one that holds only what the page prints under it
    furniture = "本版责编：张三  版式设计：李四\n"
    files = {
        f"2026/2026-05-04_{n:02d}_要闻.txt": text for n, text in ((1, LEAD), (2, "\n"), (3, OTHER), (4, furniture))
    }
    project = make_archive(tmp_path, files, with_sample=False)
    result = convert(project)
    assert result.returncode == 0, result.stderr
    issue = (project / "docs/2026/05/04/index.md").read_text(encoding="utf-8")
    assert "第2版、第4版的文本中没有文章。" in issue and "本期档案中没有" not in issue
    assert "张三" in issue and "李四" in issue  # no line of a source is lost


def test_an_article_printed_again_says_where_else_and_is_cited_listed_fed_and_counted_once(tmp_path):
    """The same article on 第1版 and, in full again, on 第2版 among other articles: both 版
    list it and both pages stay; each page says where else it stands; the first printing is
    the canonical page, the one in the sitemap, the feeds and on its reporter's page. The
    issue's, the year's, the archive's and the home page's totals count it once; the data
    page counts records, one for each printing."""
    files = {"2026/2026-05-04_01_要闻.txt": LEAD, "2026/2026-05-04_02_要闻.txt": OTHER + "\n\n" + LEAD}
    project = make_archive(tmp_path, files, with_sample=False)
    result = convert(project)
    assert result.returncode == 0, result.stderr
    issue = (project / "docs/2026/05/04/index.md").read_text(encoding="utf-8")
    assert issue.count("全国春耕生产有序推进") == 2  # each 版's contents list it
    # and each entry says where else it stands, as a search result does
    entries = [line for line in issue.splitlines() if "全国春耕生产有序推进" in line]
    notes = [re.search(r"<small>(.*?)</small>", issue[issue.index(line) :]).group(1) for line in entries]
    assert [n.split(" · ")[0] for n in notes] == ["又见第2版", "又见第1版"]
    assert "又见" not in issue.replace("又见第2版", "").replace("又见第1版", "")  # the other article: nothing
    assert "本期收录 2 篇文章，共 2 个版面；同一篇文章在另一版全文重印的 1 处不重复计数。" in issue
    docs = project / "docs"
    assert "共 1 期、2 篇文章的全文（同一篇文章在另一版全文重印的 1 处不重复计数）。" in (docs / "index.md").read_text(
        encoding="utf-8"
    )
    assert "1 期报纸、2 篇文章" in (docs / "archive/index.md").read_text(encoding="utf-8")
    year = (docs / "archive/2026.md").read_text(encoding="utf-8")
    assert "2026年共 1 期、2 篇文章" in year and "2026年5月4日 星期一，2篇" in year
    assert "共 3 条记录" in (docs / "data/index.md").read_text(encoding="utf-8")
    reporter = (project / "docs/reporters/li-ming/index.md").read_text(encoding="utf-8")
    assert reporter.count("全国春耕生产有序推进") == 1
    pages = sorted((project / "docs/2026/05/04").glob("quan-guo-chun-geng*.md"), key=lambda p: len(p.stem))
    assert len(pages) == 2
    built = build_site(project, env={"ARCHIVE_SITE_URL": SITE_URL})
    assert built.returncode == 0, built.stderr
    site = project / "site/2026/05/04"
    first, again = (site / p.stem / "index.html" for p in pages)
    first_html, again_html = first.read_text(encoding="utf-8"), again.read_text(encoding="utf-8")
    first_url = f"{SITE_URL}2026/05/04/{pages[0].stem}/"
    assert f'<link rel="canonical" href="{first_url}">' in again_html
    assert f'<link rel="canonical" href="{first_url}">' in first_html
    assert "又见" in first_html and "第2版 要闻" in first_html.split("又见", 1)[1][:300]
    assert "又见" in again_html and "第1版 要闻" in again_html.split("又见", 1)[1][:300]
    sitemap = (project / "site/sitemap.xml").read_text(encoding="utf-8")
    assert first_url in sitemap and f"/{pages[1].stem}/" not in sitemap
    feed = (project / "site/feeds/latest.xml").read_text(encoding="utf-8")
    assert feed.count("<title>全国春耕生产有序推进</title>") == 1
    report = check_site(project / "site", SITE_URL)
    assert report.checked > 0 and report.broken == [], report.broken[:5]


def test_the_data_files_name_the_first_printing_of_an_article_printed_again(tmp_path):
    # counting articles from the data files, a reader can leave the second printing out
    files = {"2026/2026-05-04_01_要闻.txt": LEAD, "2026/2026-05-04_02_要闻.txt": OTHER + "\n\n" + LEAD}
    project = make_archive(tmp_path, files, with_sample=False)
    assert convert(project).returncode == 0
    rows = [
        json.loads(line) for line in (project / "docs/data/articles.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    lead = [row for row in rows if row["title"] == "全国春耕生产有序推进"]
    first, again = sorted(lead, key=lambda row: row["page"])
    assert first["reprint_of"] is None and again["reprint_of"] == first["id"]
    assert all(row["reprint_of"] is None for row in rows if row["title"] != "全国春耕生产有序推进")
    table = list(csv.DictReader(io.StringIO((project / "docs/data/articles.csv").read_text(encoding="utf-8-sig"))))
    assert [row["reprint_of"] for row in table if row["title"] == "全国春耕生产有序推进"] == ["", first["id"]]


def test_an_article_printed_again_is_tagged_once_with_the_tags_of_its_first_printing(tmp_path):
    """A tag needs `tag_min_articles` articles: the two printings of one notice are one."""
    notice = (
        "关于表彰先进集体的决定\n\n"
        "经研究，决定对在防汛救灾工作中表现突出的先进集体予以表彰。各先进集体要珍惜荣誉，防汛救灾工作要再接再厉。\n"
    )
    praised = "先进集体风采录\n\n本报记者 王芳\n\n这些先进集体扎根基层，先进集体的每位成员都默默奉献。\n"
    files = {
        "2026/2026-05-04_02_要闻.txt": LEAD,
        "2026/2026-05-04_03_要闻.txt": OTHER,
        "2026/2026-05-04_05_公告.txt": notice,
        "2026/2026-05-04_06_公告.txt": notice,
    }
    alone = make_archive(tmp_path / "alone", files, with_sample=False)
    together = make_archive(tmp_path / "together", {**files, "2026/2026-05-04_01_要闻.txt": praised}, with_sample=False)
    tagged = {}
    for name, project in (("alone", alone), ("together", together)):
        config = project / "source_texts/archive.yml"
        config.write_text(config.read_text(encoding="utf-8") + "tag_min_articles: 2\n", encoding="utf-8")
        assert convert(project).returncode == 0
        lines = (project / "docs/data/articles.jsonl").read_text(encoding="utf-8").splitlines()
        tagged[name] = {(row["page"], row["title"]): row["tags"] for row in map(json.loads, lines)}
    assert tagged["alone"][(5, "关于表彰先进集体的决定")] == tagged["alone"][(6, "关于表彰先进集体的决定")] == []
    first, again = tagged["together"][(5, "关于表彰先进集体的决定")], tagged["together"][(6, "关于表彰先进集体的决定")]
    assert "先进集体" in first and again == first


def test_a_later_printing_with_its_byline_below_the_text_or_none_is_the_same_article(tmp_path):
    """The paper prints a front-page piece again in full on another 版, its byline moved below
    the text, or left out: still one article, listed once on its reporter's page."""
    moved = (
        "全国春耕生产有序推进\n\n本报北京5月3日电 各地抢抓农时，春耕生产进展顺利，粮食播种面积稳中有增。本报记者 李明\n"
    )
    dropped = "全国春耕生产有序推进\n\n本报北京5月3日电 各地抢抓农时，春耕生产进展顺利，粮食播种面积稳中有增。\n"
    for name, again in (("moved", moved), ("dropped", dropped)):
        files = {"2026/2026-05-04_01_要闻.txt": LEAD, "2026/2026-05-04_04_要闻.txt": OTHER + "\n\n" + again}
        project = make_archive(tmp_path / name, files, with_sample=False)
        result = convert(project)
        assert result.returncode == 0, result.stderr
        lines = (project / "docs/data/articles.jsonl").read_text(encoding="utf-8").splitlines()
        lead = sorted(
            (row for row in map(json.loads, lines) if row["title"] == "全国春耕生产有序推进"), key=lambda r: r["page"]
        )
        assert [row["reprint_of"] for row in lead] == [None, lead[0]["id"]], name
        reporter = (project / "docs/reporters/li-ming/index.md").read_text(encoding="utf-8")
        assert reporter.count("全国春耕生产有序推进") == 1, name


def test_two_headlines_alike_over_different_bylines_are_not_one_article(tmp_path):
    """Without their bylines, two pieces with no text read alike: too little to say they are one."""
    first = "春回大地万物复苏田野一片新绿\n\n本报记者 张三丰 李四光 王五常\n"
    other = "春回大地万物复苏田野一片新绿\n\n本报记者 赵六合 钱七星 孙八方\n"
    files = {"2026/2026-05-04_01_要闻.txt": first + "\n\n" + OTHER, "2026/2026-05-04_04_要闻.txt": other}
    project = make_archive(tmp_path, files, with_sample=False)
    result = convert(project)
    assert result.returncode == 0, result.stderr
    rows = [
        json.loads(line) for line in (project / "docs/data/articles.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    alike = [row for row in rows if row["title"] == "春回大地万物复苏田野一片新绿"]
    assert len(alike) == 2 and [row["reprint_of"] for row in alike] == [None, None]


def test_a_name_only_a_later_printing_prints_links_nowhere_and_the_archive_converts(tmp_path):
    """The first printing was cut without the byline the later one has: reporters' pages list
    first printings only (as feeds do), so the name gets no page of its own from it, and the
    later printing names it without a link."""
    dropped = "全国春耕生产有序推进\n\n本报北京5月3日电 各地抢抓农时，春耕生产进展顺利，粮食播种面积稳中有增。\n"
    files = {"2026/2026-05-04_01_要闻.txt": dropped, "2026/2026-05-04_04_要闻.txt": OTHER + "\n\n" + LEAD}
    project = make_archive(tmp_path, files, with_sample=False)
    result = convert(project)
    assert result.returncode == 0, result.stderr
    rows = [
        json.loads(line) for line in (project / "docs/data/articles.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    lead = sorted((row for row in rows if row["title"] == "全国春耕生产有序推进"), key=lambda r: r["page"])
    assert [row["reprint_of"] for row in lead] == [None, lead[0]["id"]]
    assert lead[1]["authors"] == ["李明"]
    assert not (project / "docs/reporters/li-ming").exists()
    built = build_site(project, env={"ARCHIVE_SITE_URL": SITE_URL})
    assert built.returncode == 0, built.stderr
    report = check_site(project / "site", SITE_URL)
    assert report.checked > 0 and report.broken == [], report.broken[:5]


def test_a_reprint_added_to_an_earlier_day_is_counted_on_the_home_page_as_by_a_full_conversion(tmp_path):
    """The home page says how many reprints it counts once: a reprint added to a day that is
    not the latest changes no day's count, and the page must still be made again."""
    files = {"2026/2026-05-04_01_要闻.txt": LEAD, "2026/2026-05-05_01_要闻.txt": OTHER}
    project = make_archive(tmp_path, files, with_sample=False)
    assert convert(project).returncode == 0
    home = project / "docs" / "index.md"
    assert "重印" not in home.read_text(encoding="utf-8")
    (project / "source_texts/2026/2026-05-04_02_要闻.txt").write_text(LEAD, encoding="utf-8")  # 版 1 again
    assert convert(project).returncode == 0  # incremental: the cache of the first run is used
    assert "同一篇文章在另一版全文重印的 1 处不重复计数" in home.read_text(encoding="utf-8")
    assert convert(project, "--full").returncode == 0
    assert "同一篇文章在另一版全文重印的 1 处不重复计数" in home.read_text(encoding="utf-8")
