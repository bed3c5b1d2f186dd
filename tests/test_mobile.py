"""On a phone (390 px wide, in Chromium): the data page's tables fit the screen, a year's
calendar starts at the first month that has issues, an issue's list of 版 breaks between
its links, the citations' text keeps clear of their copy buttons, and Chinese quotation
marks are drawn by a CJK face."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLE_TEXT, build_site, make_archive, screenshot, serve
from inputs import convert

PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def may_site(tmp_path_factory) -> Path:
    """An archive whose year starts in May (and ends in June)."""
    files = {"2023/2023-05-04.txt": SAMPLE_TEXT, "2023/2023-06-01.txt": SAMPLE_TEXT.replace("冬奥会", "亚运会")}
    project = make_archive(tmp_path_factory.mktemp("mobile"), files, with_sample=False)
    assert convert(project).returncode == 0
    built = build_site(project)
    assert built.returncode == 0, built.stderr
    return project


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, locale="zh-CN", device_scale_factor=2, is_mobile=True)
    tab = context.new_page()
    yield tab
    context.close()


def test_data_tables_fit_a_phone(may_site, phone):
    with serve(may_site / "site") as base:
        phone.goto(base + "data/")
        tables = phone.locator("article table")
        assert tables.count() >= 3
        for i in range(tables.count()):
            box = tables.nth(i).bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 0.5, i
            overflow = tables.nth(i).evaluate("t => t.scrollWidth - t.clientWidth")
            assert overflow <= 1, i
        assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        # a field's name is never broken across lines (`bylin|e`)
        names = phone.locator("article td:first-child > code")
        assert names.count() >= 10
        broken = names.evaluate_all("codes => codes.filter(c => c.getClientRects().length > 1).map(c => c.textContent)")
        assert broken == []
        # a year, a count or a file's size is never broken across lines (`2026` / `年`, `12.1` / `MB`)
        for width in (PHONE["width"], 320):
            phone.set_viewport_size({"width": width, "height": PHONE["height"]})
            whole = phone.locator("article .archive-data :is(td, th):nth-child(-n + 2)")
            assert whole.count() >= 20
            assert whole.evaluate_all(f"cells => cells.map({_LINES})") == [1] * whole.count(), width
            sizes = phone.locator("article .archive-data td").evaluate_all(
                "cells => cells.flatMap(c => [...c.textContent.matchAll(/[0-9.]+\\s[KM]?B/g)].map(m => m[0]))"
            )
            assert sizes and all("\u00a0" in size for size in sizes), sizes
            assert phone.evaluate("document.documentElement.scrollWidth") <= width
        screenshot(phone, "mobile-data")


@pytest.fixture(scope="module")
def years_site(tmp_path_factory) -> Path:
    """Two years with an issue in each of their twelve months."""
    item = "{m}月的消息\n\n本报记者  李  明\n\n本报讯 这是{y}年{m}月的一条消息。\n"
    files = {f"{y}/{y}-{m:02d}-05.txt": item.format(y=y, m=m) for y in (2028, 2029) for m in range(1, 13)}
    project = make_archive(tmp_path_factory.mktemp("years"), files, with_sample=False)
    assert convert(project).returncode == 0
    built = build_site(project)
    assert built.returncode == 0, built.stderr
    return project


# The lines a cell's text is laid out on (the tops of the boxes of a range over its contents).
_LINES = (
    "cell => { const r = document.createRange(); r.selectNodeContents(cell);"
    " return new Set([...r.getClientRects()].map((b) => Math.round(b.top))).size; }"
)


@pytest.mark.parametrize("fixture", ["may_site", "years_site"])
def test_the_archives_table_of_years_fits_a_phone(request, fixture, phone):
    """`往期`: each year with its issues, articles and months, whole on the screen (its last
    column, the months, was cut off at the right edge); only the months wrap, never a year or
    a count (`2026` / `年`)."""
    with serve(request.getfixturevalue(fixture) / "site") as base:
        phone.goto(base + "archive/")
        table = phone.locator("article .archive-years table")
        box = table.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 0.5
        assert table.evaluate("t => t.scrollWidth - t.clientWidth") <= 1
        months = table.locator("td:last-child a")
        expected = ["5月", "6月"] if fixture == "may_site" else [f"{m}月" for m in range(1, 13)] * 2
        assert months.all_inner_texts() == expected
        for month in months.all():
            place = month.bounding_box()
            assert place and place["x"] + place["width"] <= PHONE["width"]
            assert month.evaluate("a => a.getClientRects().length") == 1
        others = table.locator("th, td:not(:last-child)")
        assert others.evaluate_all(f"cells => cells.map({_LINES})") == [1] * others.count()
        screenshot(phone, f"mobile-archive-{fixture}")


def test_a_years_calendar_starts_with_its_first_issues_on_a_phone(may_site, phone):
    with serve(may_site / "site") as base:
        phone.goto(base + "archive/2023/")
        visible = phone.locator(".archive-month h2:visible")
        assert visible.first.inner_text().startswith("5月")
        assert [visible.nth(i).inner_text()[:2] for i in range(visible.count())] == ["5月", "6月"]
        screenshot(phone, "mobile-calendar")
        phone.set_viewport_size({"width": 1280, "height": 900})  # wide: the same months, side by side
        assert phone.locator(".archive-month h2:visible").count() == 2
        assert "1月" not in phone.locator(".md-sidebar--secondary").inner_text()


def test_the_initials_on_the_index_of_reporters_are_targets_a_finger_can_hit(may_site, phone):
    # WCAG's minimum target: 24 px square (a letter between dots was 10 px wide)
    with serve(may_site / "site") as base:
        phone.goto(base + "reporters/")
        sizes = phone.locator(".archive-letters a").evaluate_all(
            "links => links.map(a => [a.textContent, a.getBoundingClientRect().width, a.getBoundingClientRect().height])"
        )
        assert len(sizes) >= 2 and all(width >= 24 and height >= 24 for _, width, height in sizes), sizes
        screenshot(phone, "mobile-reporters")


@pytest.fixture(scope="module")
def many_pages_site(tmp_path_factory) -> Path:
    """One day of twelve 版."""
    files = {f"2023/2023-05-04_{n:02d}_要闻.txt": SAMPLE_TEXT.replace("冬奥会", f"第{n}届") for n in range(1, 12)}
    # a 版名 wider than a phone's screen: it wraps inside its own box
    files["2023/2023-05-04_12_粤港澳大湾区深圳中国特色社会主义先行示范区建设专刊.txt"] = SAMPLE_TEXT
    project = make_archive(tmp_path_factory.mktemp("pages"), files, with_sample=False)
    assert convert(project).returncode == 0
    built = build_site(project)
    assert built.returncode == 0, built.stderr
    return project


def test_an_issues_list_of_pages_breaks_between_its_links_on_a_phone(many_pages_site, phone):
    with serve(many_pages_site / "site") as base:
        phone.goto(base + "2023/05/04/")
        links = phone.locator(".archive-pages a")
        assert links.count() == 12
        # an inline link broken across two lines has two boxes: only the 版名 wider than the
        # screen is
        boxes = links.evaluate_all("links => links.map(a => [a.textContent, a.getClientRects().length])")
        assert [text for text, count in boxes if count != 1] == [
            "第12版 粤港澳大湾区深圳中国特色社会主义先行示范区建设专刊"
        ], boxes
        assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        screenshot(phone, "mobile-issue-pages")
        # the dot after a link stays on its line, at whatever width the lines break: no line
        # opens with it
        for width in range(300, 441, 10):
            phone.set_viewport_size({"width": width, "height": PHONE["height"]})
            phone.goto(base + "2023/05/04/")
            assert phone.evaluate(_DOTS_OPENING_A_LINE) == [], width
            assert phone.evaluate("document.documentElement.scrollWidth") <= width
        phone.set_viewport_size(PHONE)


# The links of an issue's list of 版 (and of its 版's turn) before a dot that opens a line
_DOTS_OPENING_A_LINE = """() => {
  const opening = [];
  for (const list of document.querySelectorAll(".archive-pages, .archive-page-turn")) {
    const walker = document.createTreeWalker(list, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.data.indexOf("·"), link = node.previousSibling;
      if (at < 0 || !link || link.nodeType !== Node.ELEMENT_NODE) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + 1);
      const dot = range.getBoundingClientRect(), boxes = link.getClientRects(), last = boxes[boxes.length - 1];
      if (Math.abs(dot.top - last.top) > last.height / 2) opening.push(link.textContent);
    }
  }
  return opening;
}"""


def test_citation_text_keeps_clear_of_its_copy_button_on_a_phone(may_site, phone):
    article = next((may_site / "site/2023/05/04").glob("*/index.html")).parent.name
    with serve(may_site / "site") as base:
        phone.goto(base + f"2023/05/04/{article}/")
        phone.locator(".article-cite .md-code__button").first.wait_for()  # Material adds the buttons
        blocks = phone.locator(".article-cite pre")
        assert blocks.count() == 3
        for i in range(blocks.count()):
            gap = blocks.nth(i).evaluate(
                """pre => {
                    const code = pre.querySelector("code"), button = pre.querySelector(".md-code__button");
                    const box = code.getBoundingClientRect();
                    const textRight = box.right - parseFloat(getComputedStyle(code).paddingRight);
                    return button.getBoundingClientRect().left - textRight;
                }"""
            )
            assert gap >= 0, (i, gap)
        screenshot(phone, "mobile-citation")


def test_chinese_quotation_marks_are_drawn_by_a_cjk_face_not_squeezed_by_a_latin_one(may_site, phone):
    with serve(may_site / "site") as base:
        phone.goto(base)
        widths = phone.evaluate(
            """async () => {
                const spans = ["“", "中"].map(ch => {
                    const span = document.createElement("span");
                    span.textContent = ch.repeat(10);
                    document.querySelector(".md-typeset").appendChild(span);
                    return span;
                });
                await document.fonts.ready;  // a face named by local() loads when first used
                return spans.map(span => span.getBoundingClientRect().width);
            }"""
        )
        assert widths[0] >= 0.5 * widths[1], widths  # drawn by a CJK face, not squeezed by a Latin one
