"""A reader opens the sample site in a real browser: issue page → article."""

from __future__ import annotations

from conftest import screenshot


def test_reader_goes_from_issue_to_article(page, sample_url):
    page.goto(sample_url + "2022/01/28/")
    page.get_by_role("link", name="保护奥林匹克标志").click()
    page.wait_for_url("**/bao-hu-ao-lin-pi-ke-biao-zhi/")
    assert page.locator("h1").inner_text() == "保护奥林匹克标志"
    assert "本报记者 陈洋根" in page.locator("article").inner_text()
    screenshot(page, "smoke-article")
