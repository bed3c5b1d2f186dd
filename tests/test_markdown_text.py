"""Body text renders as the same text: nothing in a source paragraph becomes markup."""

from __future__ import annotations

from html.parser import HTMLParser

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from build_scripts.writers.mdtext import escape

# The extensions MkDocs always enables, plus the ones in our mkdocs.yml.
EXTENSIONS = ["toc", "tables", "fenced_code"]


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.text, self.tags, self.attrs = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs

    def handle_data(self, data):
        self.text.append(data)


def render(paragraph: str) -> _Text:
    html = markdown.markdown(escape(paragraph), extensions=EXTENSIONS)
    parsed = _Text()
    parsed.feed(html)
    parsed.close()
    return parsed


TRICKY = [
    "<script>alert(1)</script>",
    "*强调* 和 _下划线_ 和 **加粗**",
    "# 不是标题",
    "1. 不是列表",
    "2022) 也不是列表",
    "- 不是列表 + 也不是",
    "> 不是引用",
    "[链接](javascript:alert(1))",
    "![图](x.png)",
    "`代码` 和 ```三个```",
    "表格 | 竖线 | 不是表格",
    "&amp; 和 &lt; 原样显示",
    "<img src=x onerror=alert(1)>",
    "{: onclick=alert(1) }",
    "反斜杠 \\ 和 \\* 原样",
    "---",
    "===",
    "<!-- 注释 -->",
    "http://example.com/a_b_c",
]


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_text_renders_as_itself(text):
    parsed = render(text)
    assert "".join(parsed.text) == text
    assert parsed.tags == ["p"]
    assert parsed.attrs == []


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("中文字 段落,。:：“”*_#`<>&[]()!|{}\\-+.=~^1234567890ab\t")),
        min_size=1,
        max_size=40,
    )
)
def test_any_paragraph_renders_as_itself(text):
    text = " ".join(text.split())  # paragraphs reach Markdown as single trimmed lines
    if not text:
        return
    parsed = render(text)
    assert " ".join("".join(parsed.text).split()) == text
    assert set(parsed.tags) <= {"p"}


def _escape_in_full(text: str) -> str:
    """escape without its shortcut for text that needs none."""
    import html
    import re

    text = html.escape(text, quote=False)
    text = re.sub(r"([\\`*_{}\[\]()#+!|-])", r"\\\1", text)
    return re.sub(r"^(\s*)(\d+)([.)])", r"\1\2\\\3", text)


@given(st.text(alphabet=st.sampled_from("新闻 \t1１٣.)(&<>-_|*`#+!{}[]\\a本报讯"), max_size=12) | st.text(max_size=20))
@settings(max_examples=500)
def test_the_shortcut_for_plain_text_escapes_as_in_full(text):
    assert escape(text) == _escape_in_full(text)


def test_a_numbered_line_in_another_script_is_escaped():
    assert escape("１. 要点") == "１\\. 要点"
