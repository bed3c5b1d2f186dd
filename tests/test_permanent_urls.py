"""Cool URLs don't change: every article address of a first build still resolves after a
correction (`.fix.yml`) and a parser change re-cut and re-titled the page — as a file in the
built site, in the link check, and in a real browser, hosted and from file://."""

from __future__ import annotations

import json
from pathlib import Path
from unittest import mock

import pytest
from conftest import build_site, make_archive, serve
from inputs import convert
from search_helpers import indexed_urls

from build_scripts.catalogue.ledger import MOVED, PUBLISHED, read_ledger
from build_scripts.convert import convert as convert_in_process
from build_scripts.parse.model import Kind, PageParse, Segment
from build_scripts.parse.parser import parse_page
from build_scripts.ship.linkcheck import check_site

SITE_URL = "https://archive.example.org/"
# A second page of untitled items: their addresses come from their first words.
SHORTS = "本报讯 杭州西湖景区今起实行新的游览线路。\n\n本报讯 钱塘江大桥夜间限行通知发布。\n\n本报讯 浙江省图书馆延长开放时间。\n"
# The correction: line 59 (保护奥林匹克标志) is not a headline: that article joins the one above.
MERGE = "lines:\n  59: paragraph\n"


def _headlines_become_paragraphs(text, first_line=1, corrections=None, profile=None) -> PageParse:
    """A "parser change": the same cuts, but every headline read as running text (so every
    title, and the slug a title would give, changes)."""
    result = parse_page(text, first_line, corrections, *([profile] if profile else []))
    for article in result.articles:
        article.segments[:] = [
            Segment(Kind.PARAGRAPH, s.text, s.first_line, s.last_line) if s.kind is Kind.HEADLINE else s
            for s in article.segments
        ]
    return result


@pytest.fixture(scope="module")
def reconverted(tmp_path_factory) -> tuple[Path, dict]:
    project = make_archive(tmp_path_factory.mktemp("urls"), {"2022/2022-01-29_02_简讯.txt": SHORTS})
    assert convert(project).returncode == 0
    first = read_ledger(project / "source_texts/urls.lock")
    assert first and {e.state for e in first.values()} == {PUBLISHED}

    (project / "source_texts/2022/2022-01-28.fix.yml").write_text(MERGE, encoding="utf-8")
    with mock.patch("build_scripts.writers.source_jobs.parse_page", _headlines_become_paragraphs):
        convert_in_process(project / "source_texts", project / "docs")
    for extra in ([], ["--no-directory-urls", "--site-dir", "site-offline"]):
        built = build_site(project, *extra, env={"ARCHIVE_SITE_URL": SITE_URL})
        assert built.returncode == 0, built.stderr
    return project, first


def test_untitled_articles_are_named_by_their_first_words_not_positions(reconverted):
    _, first = reconverted
    shorts = sorted(url for url in first if url.startswith("2022/01/29/"))
    assert shorts == [
        "2022/01/29/hang-zhou-xi-hu-jing-qu-jin-qi-shi-xing-xin-de-you-lan-xian/",
        "2022/01/29/qian-tang-jiang-da-qiao-ye-jian-xian-xing-tong-zhi-fa-bu/",
        "2022/01/29/zhe-jiang-sheng-tu-shu-guan-yan-chang-kai-fang-shi-jian/",
    ]


def test_every_first_build_address_is_still_in_the_ledger_and_the_site(reconverted):
    project, first = reconverted
    after = read_ledger(project / "source_texts/urls.lock")
    assert set(first) <= set(after)
    moved = [url for url, entry in after.items() if entry.state == MOVED]
    assert moved == ["2022/01/28/bao-hu-ao-lin-pi-ke-biao-zhi/"]  # merged by the correction
    assert after[moved[0]].successor == "2022/01/28/zhe-jiang-tong-yi-quan-sheng-feng-xian-ren-qun-guan-kong/"
    for url in first:
        assert (project / "site" / url / "index.html").is_file(), url
        assert (project / "site-offline" / (url.rstrip("/") + ".html")).is_file(), url
    report = check_site(project / "site", SITE_URL)
    assert report.checked > 0 and report.broken == [], report.broken[:5]


def test_every_first_build_citation_download_still_resolves(reconverted):
    """An article's CSL-JSON address is published too: a moved article's gives its successor's
    citation, as its page sends the reader there."""
    project, first = reconverted
    after = read_ledger(project / "source_texts/urls.lock")
    for site in ("site", "site-offline"):
        for url in first:
            entry = after[url]
            here = project / site / (url.rstrip("/") + ".csl.json")
            assert here.is_file(), (site, url)
            if entry.state == MOVED:
                successor = project / site / (entry.successor.rstrip("/") + ".csl.json")
                assert here.read_bytes() == successor.read_bytes()
                assert json.loads(here.read_text(encoding="utf-8"))[0]["title"]


def test_moved_addresses_are_left_out_of_sitemap_and_search(reconverted):
    project, _ = reconverted
    sitemap = (project / "site/sitemap.xml").read_text(encoding="utf-8")
    assert "bao-hu-ao-lin-pi-ke-biao-zhi" not in sitemap
    found = indexed_urls(project / "site")
    assert found and not [url for url in found if "bao-hu-ao-lin-pi-ke-biao-zhi" in url]


def _lands_on_article(page, url: str, expected_path: str) -> None:
    page.goto(url)
    page.wait_for_url(f"**{expected_path}", timeout=15_000)
    page.wait_for_load_state()
    assert page.locator("h1.article-title").count() == 1, url


def test_every_first_build_address_leads_to_its_article_in_a_browser(reconverted, page):
    project, first = reconverted
    after = read_ledger(project / "source_texts/urls.lock")
    with serve(project / "site") as base:
        for url in sorted(first):
            entry = after[url]
            target = entry.successor if entry.state == MOVED else url
            _lands_on_article(page, base + url, "/" + target)
    # Offline, from file://: the moved address's page sends the reader on as well.
    moved = next(url for url, e in after.items() if e.state == MOVED)
    old = (project / "site-offline" / (moved.rstrip("/") + ".html")).as_uri()
    _lands_on_article(page, old, after[moved].successor.rstrip("/") + ".html")


def test_reconverting_the_same_texts_leaves_the_ledger_as_it_is(reconverted):
    project, _ = reconverted
    ledger = project / "source_texts/urls.lock"
    before = ledger.read_bytes()
    with mock.patch("build_scripts.writers.source_jobs.parse_page", _headlines_become_paragraphs):
        convert_in_process(project / "source_texts", project / "docs")
    assert ledger.read_bytes() == before


def test_an_article_merged_as_a_section_of_another_leads_its_readers_to_that_section(tmp_path):
    """A correction makes a headline the sub-head of the article above: its old address sends
    the reader to that sub-head, where its text is now — not to the top of the other article."""
    project = make_archive(tmp_path)
    assert convert(project).returncode == 0
    (project / "source_texts/2022/2022-01-28.fix.yml").write_text("lines:\n  59: subhead\n", encoding="utf-8")
    assert convert(project).returncode == 0
    after = read_ledger(project / "source_texts/urls.lock")
    (moved,) = [url for url, entry in after.items() if entry.state == MOVED]
    assert moved == "2022/01/28/bao-hu-ao-lin-pi-ke-biao-zhi/"
    built = build_site(project)
    assert built.returncode == 0, built.stderr
    successor = (project / "site" / after[moved].successor / "index.html").read_text(encoding="utf-8")
    assert '<h2 id="保护奥林匹克标志">' in successor
    redirect = (project / "site" / moved / "index.html").read_text(encoding="utf-8")
    assert 'content="0; url=../zhe-jiang-tong-yi-quan-sheng-feng-xian-ren-qun-guan-kong/#保护奥林匹克标志"' in redirect
