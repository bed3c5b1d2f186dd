"""A reader in a real browser (Debian's Chromium via Playwright): browsing by date from the
home page down to an article and on to its reporter, reaching every article by clicks, the
calendar by keyboard, the citation box, and an axe-core accessibility audit."""

from __future__ import annotations

import json

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import screenshot

ARTICLES = {  # main title → reporters named in its byline
    "全省政法系统热议2022年政法工作新看点": ["李洁"],
    "浙江统一全省风险人群管控政策": ["胡宗昊"],
    "保护奥林匹克标志": ["陈洋根", "赵文琼", "武露露"],
    "全省司法行政系统党史学习教育暨队伍教育整顿总结会召开": ["陈毅人", "鲁冰"],
}
ORDER = list(ARTICLES)  # the order they are printed in


def h1(page) -> str:
    """The page's headline as a reader sees it (without the ¶ permalink)."""
    return page.locator("article h1").inner_text().replace("¶", "").strip()


def click_and_wait(page, locator) -> None:
    with page.expect_navigation():
        locator.click()


def test_reader_browses_from_home_by_date_to_an_article_and_its_reporter(page, sample_url):
    page.goto(sample_url)
    assert h1(page) == "浙江日报数字报档案"
    assert "共 1 期、4 篇文章" in page.locator("article").inner_text()
    screenshot(page, "journey-1-home")

    click_and_wait(page, page.locator(".md-tabs").get_by_role("link", name="往期"))
    assert h1(page) == "往期"
    screenshot(page, "journey-2-archive")

    click_and_wait(page, page.locator("article").get_by_role("link", name="2022年", exact=True))
    assert h1(page) == "2022年"
    day = page.get_by_role("link", name="2022年1月28日 星期五，4篇")
    assert day.inner_text() == "28"
    screenshot(page, "journey-3-calendar")

    click_and_wait(page, day)
    assert h1(page) == "浙江日报 2022年1月28日 星期五"
    toc = page.locator("article .archive-toc li")
    assert toc.count() == 4
    assert "本报记者 陈洋根 通讯员 赵文琼 武露露 · 冬奥会将至。" in toc.nth(2).inner_text()
    screenshot(page, "journey-4-issue")

    click_and_wait(page, page.get_by_role("link", name="保护奥林匹克标志"))
    assert h1(page) == "保护奥林匹克标志"
    header = page.locator(".article-header").inner_text()
    assert "浙江日报" in header and "2022年1月28日 星期五" in header
    assert page.locator(".article-byline").inner_text().strip() == "本报记者 陈洋根 通讯员 赵文琼 武露露"
    assert page.locator(".md-tags span.md-tag").count() == 0  # every keyword shown links to its page
    screenshot(page, "journey-5-article")

    click_and_wait(page, page.locator(".article-byline").get_by_role("link", name="陈洋根"))
    assert h1(page) == "陈洋根"
    assert page.get_by_role("link", name="保护奥林匹克标志").count() == 1
    screenshot(page, "journey-6-reporter")

    page.go_back()
    assert h1(page) == "保护奥林匹克标志"


def test_every_article_is_reached_by_clicks_and_links_to_reporters_issue_and_neighbours(page, sample_url):
    page.goto(sample_url)
    click_and_wait(page, page.get_by_role("link", name="2022年1月28日 星期五", exact=True))
    issue_url = page.url
    for i, title in enumerate(ORDER):
        page.goto(issue_url)  # back to the issue's contents, as a reader does with Back
        click_and_wait(page, page.locator(".archive-toc").get_by_role("link").nth(i))
        assert h1(page) == title
        article_url = page.url
        for name in ARTICLES[title]:
            click_and_wait(page, page.locator(".article-byline").get_by_role("link", name=name))
            assert h1(page) == name
            page.go_back()
        click_and_wait(page, page.locator(".article-pager__link--up"))
        assert page.url == issue_url
        page.go_back()
        for rel, neighbour in (("prev", i - 1), ("next", i + 1)):
            link = page.locator(f'.article-pager a[rel="{rel}"]')
            if 0 <= neighbour < len(ORDER):
                click_and_wait(page, link)
                assert h1(page) == ORDER[neighbour]
                page.goto(article_url)
            else:
                assert link.count() == 0


def test_calendar_day_is_reached_and_opened_with_the_keyboard(page, sample_url):
    page.goto(sample_url + "archive/2022/")
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('aria-label')") == "2022年1月28日 星期五，4篇":
            break
    else:
        pytest.fail("the day with an issue cannot be reached with Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/2022/01/28/")
    assert h1(page) == "浙江日报 2022年1月28日 星期五"


def test_citation_box_copies_and_downloads(browser, sample_url):
    context = browser.new_context(locale="zh-CN", permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    try:
        page.goto(sample_url + "2022/01/28/quan-sheng-zheng-fa-xi-tong-re-yi-2022-nian-zheng-fa-gong/")
        box = page.locator(".article-cite")
        gbt = "李洁. 全省政法系统热议2022年政法工作新看点[N]. 浙江日报, 2022-01-28."
        assert box.locator("code").first.inner_text() == gbt
        box.locator("button.md-code__button, button.md-clipboard").first.click()
        assert page.evaluate("navigator.clipboard.readText()") == gbt
        with page.expect_download() as download:
            box.get_by_role("link", name="下载 CSL-JSON").click()
        (item,) = json.loads(open(download.value.path(), encoding="utf-8").read())
        assert item["type"] == "article-newspaper" and item["author"] == [{"family": "李", "given": "洁"}]
        with page.expect_download() as download:
            box.get_by_role("link", name="下载 RIS").click()
        assert download.value.suggested_filename.endswith(".ris")
        record = open(download.value.path(), encoding="utf-8", newline="").read()
        assert record.startswith("\ufeff")  # (a byte-order mark: EndNote then reads it as UTF-8)
        record = record.removeprefix("\ufeff")
        assert record.startswith("TY  - NEWS\r\nTI  - 全省政法系统热议2022年政法工作新看点\r\nAU  - 李, 洁\r\n")
        assert "T2  - 浙江日报\r\n" in record and record.endswith("ER  - \r\n")
        screenshot(page, "article-citation")
    finally:
        context.close()


AUDITED = {
    "home": "",
    "archive": "archive/",
    "calendar": "archive/2022/",
    "issue": "2022/01/28/",
    "article": "2022/01/28/bao-hu-ao-lin-pi-ke-biao-zhi/",
    "reporter": "reporters/chen-yang-gen/",
    "reporters": "reporters/",
    "tags": "tags/",
    "data": "data/",
}


@pytest.mark.parametrize("name", list(AUDITED))
def test_pages_pass_an_accessibility_audit(page, sample_url, name):
    page.goto(sample_url + AUDITED[name])
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    assert page.locator("h1").count() == 1
    assert page.locator("main").count() == 1 and page.locator("header.md-header").count() == 1
    assert page.locator("footer").count() >= 1 and page.locator("nav").count() >= 1
    results = Axe().run(page)
    serious = [
        (v["id"], v["impact"], [n["html"][:120] for n in v["nodes"][:3]])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], serious
