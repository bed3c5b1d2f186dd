"""Write one Markdown page per article: the article record as front matter, then the body."""

from __future__ import annotations

from build_scripts.catalogue.place import PlacedArticle
from build_scripts.contract.record import dump_front_matter
from build_scripts.parse.model import Kind, Segment
from build_scripts.writers import mdtext


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
    return text


def body_markdown(placed: PlacedArticle) -> str:
    a = placed.article
    parts = []
    dateline = a.dateline
    for block in a.blocks:
        # The dateline is printed at the head of the first paragraph, as in the paper.
        use = dateline if block.kind is Kind.PARAGRAPH else ""
        parts.append(_block_markdown(block, use))
        if use:
            dateline = ""
    return "\n\n".join(parts) + "\n"


def article_page(placed: PlacedArticle, links: dict | None = None) -> str:
    return dump_front_matter(placed.record(links).front_matter()) + "\n" + body_markdown(placed)


def article_pages(articles: list[PlacedArticle], links: dict[str, dict] | None = None) -> dict[str, str]:
    links = links or {}
    return {placed.docs_path: article_page(placed, links.get(placed.docs_path)) for placed in articles}
