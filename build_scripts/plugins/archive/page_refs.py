"""An article's pointer to another 版 of its issue (`（相关报道见第四版）`, `（…答记者问见第四版）`)
becomes a link to that 版 on the issue's page, where the archive holds it: the reader goes
there as the printed paper sends them."""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.structure.files import Files
from mkdocs.utils import get_relative_url

from build_scripts.contract.numerals import han_number
from build_scripts.contract.urls import page_anchor

# 见第四版 / 见第10版, in the text as the converter wrote it (never inside a link already)
_SEE_PAGE = re.compile(
    r"(?<!\[)([见見])(第([一二三四五六七八九十两\d]{1,3})版)(?!\])"
)  # (見: in traditional characters)


class PageReferences:
    """Links an article's pointers to the 版 its issue's page heads (read once per issue)."""

    def __init__(self, files: Files):
        self.files = files
        self.anchors: dict[str, set[str]] = {}  # issue page → the 版 anchors it holds

    def _anchors_of(self, issue: str) -> set[str]:
        if issue not in self.anchors:
            file = self.files.get_file_from_path(issue)
            text = Path(file.abs_src_path).read_text(encoding="utf-8") if file and file.abs_src_path else ""
            self.anchors[issue] = set(re.findall(r"\{ #(page-[\w-]+) \}", text))
        return self.anchors[issue]

    def linked(self, markdown: str, issue: str, here: str, url: str = "") -> str:
        """`markdown` of the article at docs path `here` (its page's URL `url`), its pointers to a
        版 of its issue (the docs path `issue`) made links to that 版's heading on the issue's
        page: Markdown links, and in a caption or a note, written as HTML, an HTML one."""
        if "见第" not in markdown and "見第" not in markdown:
            return markdown
        anchors = self._anchors_of(issue)
        target = self.files.get_file_from_path(issue)
        if target is None or not issue.startswith(f"{Path(here).parent}/"):
            return markdown
        link = Path(issue).relative_to(Path(here).parent).as_posix()
        html_link = get_relative_url(target.url, url) if url else ""

        def linked_line(line: str) -> str:
            in_html = line.lstrip().startswith("<")

            def to_page(m: re.Match[str]) -> str:
                number = han_number(m.group(3))
                anchor = page_anchor(number) if number else ""
                if anchor not in anchors or (in_html and not html_link):
                    return m.group(0)
                if in_html:
                    return f'{m.group(1)}<a href="{html_link}#{anchor}">{m.group(2)}</a>'
                return f"{m.group(1)}[{m.group(2)}]({link}#{anchor})"

            return _SEE_PAGE.sub(to_page, line)

        return "\n".join(linked_line(line) for line in markdown.split("\n"))
