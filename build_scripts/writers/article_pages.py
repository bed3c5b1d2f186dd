"""One Markdown page per article: the article record as front matter, then the body.

The body and most of the front matter are made in the worker that parsed the article
(`body_markdown`, `prepared.prepare`); `article_page` adds what the rest of the archive
decides — tags, id and links — when the page is written."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Sequence

from build_scripts.catalogue.contents import ContentsItem, Target
from build_scripts.catalogue.place import PlacedArticle
from build_scripts.contract.labels import DIVIDER_RE, NUMBERED_HEADING_RE
from build_scripts.parse.model import BODY_KINDS, Article, Kind, Segment
from build_scripts.writers import mdtext
from build_scripts.writers.prepared import Prepared, yaml_entry, yaml_links, yaml_list

# The second line of a heading printed in two (archive.css sets it on a line of its own)
SECOND_LINE_CLASS = "subhead-second-line"
# A label in black brackets opening a paragraph (`【点评】`, `【事件】前不久，…`): a column's
# parts, which its page prints in bold, alone on a line or run into the text
LABEL_RE = re.compile(r"【[\u4e00-\u9fff]{1,6}】")


def _block_markdown(block: Segment, dateline: str) -> str:
    text = mdtext.escape(block.text)
    if block.kind is Kind.SUBHEAD:
        return f"## {text}"
    if block.kind is Kind.CAPTION:
        return f'<p class="article-caption">{mdtext.escape_attr(block.text)}</p>'
    if block.kind is Kind.NOTE:
        return f'<p class="article-note">{mdtext.escape_attr(block.text)}</p>'
    if dateline:
        return f"**{mdtext.escape(dateline)}** {text}"
    if block.kind is Kind.PARAGRAPH and DIVIDER_RE.match(block.text):
        # a row of stars between parts of the text (`***  ***`, parse: paragraph.divider) is
        # the pause the paper prints: a divider on the page, not three escaped asterisks
        return f'<hr class="article-divider" title="{mdtext.escape_attr(block.text.strip())}">'
    label = LABEL_RE.match(text) if block.kind is Kind.PARAGRAPH else None
    if label:  # (Han characters in brackets: the same once escaped)
        return f"<strong>{label.group()}</strong>{text[label.end() :]}"
    return text


def _highlights_markdown(label: Segment, summary: str) -> str:
    """The box of highlights above an article's text (`头条看点` and the paragraph that sums
    the article up), as the page prints it: a box with its title, not a section heading
    (which would head the whole text down to the next one, and open its table of contents)."""
    return (
        '<div class="article-highlights" markdown>\n'
        f'<p class="article-highlights-label">{mdtext.escape_attr(label.text)}</p>\n\n'
        f"{summary}\n\n</div>"
    )


def body_markdown(article: Article) -> str:
    parts: list[str] = []
    dateline = ""  # a dateline above the text, waiting for its first paragraph
    started = False  # a paragraph has been printed
    previous: Kind | None = None
    label = article.highlights_label
    for block in article.segments:
        if block is label:
            continue
        if block.kind is Kind.DATELINE:
            if started:  # a credit where the paper prints it: after the text (…（新华社北京5月12日电）)
                parts.append(mdtext.escape(block.text))
                previous = block.kind
            else:
                dateline = f"{dateline} {block.text}".strip()
            continue
        if block.kind not in BODY_KINDS:
            continue
        if block.kind is Kind.SUBHEAD and previous is Kind.SUBHEAD and not NUMBERED_HEADING_RE.match(block.text):
            # A section's heading printed in two pieces (强基固本 / 筑牢中华民族精神大厦) is one
            # heading, not an empty section; its second piece is set on a line of its own, as
            # the page prints it (a space alone hardly parts two runs of Chinese). The space
            # stays before it: the heading's text, its anchor and its entry in the page's
            # contents are those of the pieces with a space between. (A numbered one below
            # another heads a part of its section: `第二章 …` / `第一节 …`.)
            parts[-1] += f' <span class="{SECOND_LINE_CLASS}">{mdtext.escape(block.text)}</span>'
            previous = None  # a third line would be text (parse: paragraph.lines)
            continue
        # The dateline is printed at the head of the first paragraph, as in the paper.
        use = dateline if block.kind is Kind.PARAGRAPH else ""
        if label is not None and not started and block.kind is Kind.PARAGRAPH:
            parts.append(_highlights_markdown(label, _block_markdown(block, use)))
        else:
            parts.append(_block_markdown(block, use))
        previous = block.kind
        if block.kind is Kind.PARAGRAPH:
            started, dateline = True, ""
    if dateline:  # no paragraph to head: printed on its own, not lost
        parts.append(f"**{mdtext.escape(dateline)}**")
    if article.is_poem:  # its lines set as verse, close together, as the page prints them
        return '<div class="article-verse" markdown>\n\n' + "\n\n".join(parts) + "\n\n</div>\n"
    return "\n\n".join(parts) + "\n"


def contents_markdown(items: Sequence[ContentsItem], targets: Sequence[Target], page_path: str) -> str:
    """A contents box's body: one list item per story it names, its lines one under another,
    the line naming an article linked to it and the 版 to that 版 of the issue page (relative
    `.md` links: MkDocs makes them URLs, and warns of one that leads nowhere)."""
    folder = posixpath.dirname(page_path)

    def link(text: str, to: str | None) -> str:
        shown = mdtext.escape(text)
        return f"[{shown}]({posixpath.relpath(to, folder)})" if to else shown

    entries = []
    for item, target in zip(items, targets, strict=True):
        lines = [link(line, target.article if i == target.line else None) for i, line in enumerate(item.lines)]
        if item.reference:
            lines.append(link(item.reference, target.page))
        entries.append("- " + "  \n  ".join(lines))
    return "\n".join(entries) + "\n"


def article_page(placed: PlacedArticle, prepared: Prepared, links: dict | None = None) -> str:
    """The article's page: front matter (the record's fields, then its links), a blank line,
    the body (a contents box's, with its links)."""
    body = prepared.body
    if links and "contents" in links:
        links = dict(links)
        body = contents_markdown(placed.entry.contents, links.pop("contents"), placed.docs_path)
    return "".join(
        (
            "---\n",
            prepared.front_head,
            yaml_list("tags", placed.tags),
            prepared.front_source,
            yaml_entry("id", placed.id),
            prepared.front_tail,
            yaml_links(links) if links else "",
            "---\n\n",
            body,
        )
    )
