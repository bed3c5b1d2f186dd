"""Pages are written without the templates' blank lines and indentation, and show the same:
white space is taken out only where HTML shows any run of it as one space."""

from __future__ import annotations

import re

import pytest

from build_scripts.plugins.archive.blank_lines import without_blank_lines


@pytest.mark.fast
def test_blank_lines_and_indentation_become_one_line_break():
    html = '<nav>\n    \n      <a href="x">往期</a>\n\n  <a href="y">记者</a>  \n</nav>\n'
    assert without_blank_lines(html) == '<nav>\n<a href="x">往期</a>\n<a href="y">记者</a>  \n</nav>\n'


@pytest.mark.fast
def test_text_shown_as_typed_keeps_its_white_space():
    html = "<div>\n  <pre>a\n    b</pre>\n  <p>x <code>c\n   d</code>\n   y</p>\n <TEXTAREA name=t>\n  z</TEXTAREA >\n  end"
    assert without_blank_lines(html) == (
        "<div>\n<pre>a\n    b</pre>\n<p>x <code>c\n   d</code>\ny</p>\n<TEXTAREA name=t>\n  z</TEXTAREA >\nend"
    )
    assert without_blank_lines("<p>\n  a</p><pre>\n  never closed") == "<p>\na</p><pre>\n  never closed"
    assert without_blank_lines("<preview>\n  x</preview>") == "<preview>\nx</preview>"  # not a <pre>


def test_built_pages_have_no_indented_lines_outside_preformatted_text(sample_site):
    pages = sorted((sample_site / "site" / "2022").rglob("index.html"))
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        outside = re.sub(r"<(pre|code)[\s>].*?</\1>", "<kept>", html, flags=re.S)
        assert not re.search(r"\n[ \t\n]", outside), page
        assert "<pre" in html or "article-cite" not in html
