"""Write one Markdown page per article: YAML front matter (the DESIGN §5 contract) + body."""

from __future__ import annotations

from build_scripts.catalogue.place import PlacedArticle
from build_scripts.contract.labels import first_sentence
from build_scripts.contract.record import ARTICLE_TEMPLATE, dump_front_matter
from build_scripts.parse.model import Kind, Segment
from build_scripts.writers import mdtext


def front_matter(placed: PlacedArticle, links: dict | None = None) -> dict:
    a = placed.article
    meta = placed.source.meta
    data = {
        "title": a.title,
        "title_parts": a.title_parts,
        "main_title": placed.main_title,
        "date": meta.date.isoformat(),
        "paper": meta.paper,
        "page": meta.page,
        "page_name": meta.page_name,
        "byline": a.byline,
        "authors": a.authors,
        "correspondents": a.correspondents,
        "dateline": a.dateline,
        "tags": placed.tags,
        "source": {"file": placed.source.path, "first_line": a.first_line, "last_line": a.last_line},
        "id": placed.id,
        "ordinal": placed.ordinal,
        "template": ARTICLE_TEMPLATE,
    }
    opening = first_sentence(a.text)
    if opening:
        data["description"] = opening  # <meta name="description">, og:description
    if links is not None:
        data["links"] = links  # pages this one links to; see catalogue.article_links
    return data


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
    return dump_front_matter(front_matter(placed, links)) + "\n" + body_markdown(placed)


def article_pages(articles: list[PlacedArticle], links: dict[str, dict] | None = None) -> dict[str, str]:
    links = links or {}
    return {placed.docs_path: article_page(placed, links.get(placed.docs_path)) for placed in articles}
