"""Machine-readable metadata of an article page: schema.org JSON-LD, the citation meta tags
that reference managers read, and Open Graph. Pure functions; the page template prints them.

Zotero's "Embedded Metadata" translator decides the item type like this (translators
repository, `Embedded Metadata.js` and `RDF.js`): `citation_journal_title` forces a journal
article, so it is never given here; `DC.type` = `NewsItem` maps to `newspaperArticle` and
outranks the journal-article guess that `citation_title` alone would make. The newspaper's
name is read from `prism.publicationName`, the 版 from `citation_firstpage` and the section
from `article:section`; authors from one `citation_author` each.
"""

from __future__ import annotations

import json

from markupsafe import Markup

from build_scripts.contract.headline import headline_pieces
from build_scripts.contract.record import ArticleRecord
from build_scripts.ingest.archive_config import PaperInfo
from build_scripts.plugins.archive.citation import Work

ZOTERO_NEWS_TYPE = "NewsItem"


def script_json(data) -> Markup:
    """JSON for inside `<script type="application/ld+json">`: `<`, `>` and `&` are written as
    \\u escapes, so no value (a headline with `</script>` in it) can end the script element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)


def _people(names: list[str]) -> list[dict]:
    return [{"@type": "Person", "name": name} for name in names]


def _page_section(record: ArticleRecord) -> str:
    if record.page_name:
        return record.page_name
    return f"第{record.page}版" if record.page is not None else ""


def json_ld(record: ArticleRecord, *, url: str, issue_url: str, issue_label: str, paper: PaperInfo | None) -> dict:
    """schema.org NewsArticle, part of a PublicationIssue of a Periodical."""
    parts = list(record.title_parts)
    kickers, main, subtitles = headline_pieces(parts)
    others = kickers + subtitles
    periodical: dict = {"@type": "Periodical", "name": record.paper}
    if paper and paper.title == record.paper:
        if paper.title_en:
            periodical["alternateName"] = paper.title_en
        if paper.publisher:
            periodical["publisher"] = {"@type": "Organization", "name": paper.publisher}
        if paper.place:
            periodical["locationCreated"] = {"@type": "Place", "name": paper.place}
    data: dict = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": main or record.title,
    }
    if others:
        data["alternativeHeadline"] = " ".join(others)
    data["name"] = record.title
    data["datePublished"] = record.date.isoformat()
    if record.authors:
        data["author"] = _people(list(record.authors))
    elif not record.correspondents:
        # a byline that names no one (本报评论员, 本报编辑部): the citations and the meta tags
        # give it as the author, and so does this — as the body it names, not as a person
        credited = Work.from_record(record).creators
        if credited:
            data["author"] = [{"@type": "Organization", "name": name} for name in credited]
    if record.correspondents:
        data["contributor"] = _people(list(record.correspondents))
    data["printEdition"] = issue_label
    section = _page_section(record)
    if section:
        data["printSection"] = section
    if record.page is not None:
        data["printPage"] = str(record.page)
        data["pageStart"] = record.page
    if record.dateline:
        data["dateline"] = record.dateline
    if record.tags:
        data["keywords"] = list(record.tags)
    if record.description:
        data["description"] = record.description
    data["inLanguage"] = paper.language if paper else "zh"
    data["isPartOf"] = {
        "@type": "PublicationIssue",
        "datePublished": record.date.isoformat(),
        "url": issue_url,
        "isPartOf": periodical,
    }
    data["url"] = url
    return data


def meta_tags(
    record: ArticleRecord, work: Work, *, site_name: str, url: str, paper: PaperInfo | None
) -> list[tuple[str, str, str]]:
    """(attribute, name, content) for each `<meta>`: citation_* and DC for reference
    managers, Open Graph for link previews. `url` is given only when it is absolute."""
    tags: list[tuple[str, str, str]] = [("name", "citation_title", work.title)]
    tags += [("name", "citation_author", name) for name in work.creators]
    slashed = work.date.isoformat().replace("-", "/")
    tags += [("name", "citation_publication_date", slashed), ("name", "citation_date", slashed)]
    if work.page is not None:
        tags.append(("name", "citation_firstpage", str(work.page)))
    if paper and paper.publisher and paper.title == work.paper:
        tags.append(("name", "citation_publisher", paper.publisher))
    tags.append(("name", "citation_language", work.language))
    if record.tags:
        tags.append(("name", "citation_keywords", "; ".join(record.tags)))
    if url:
        tags.append(("name", "citation_public_url", url))
    tags += [
        ("name", "DC.type", ZOTERO_NEWS_TYPE),
        ("name", "DC.title", work.title),
        *[("name", "DC.creator", name) for name in work.creators],
        ("name", "DC.date", work.date.isoformat()),
        ("name", "DC.language", work.language),
        ("name", "prism.publicationName", work.paper),
    ]
    tags += [
        ("property", "og:type", "article"),
        ("property", "og:title", record.title),
        ("property", "og:site_name", site_name),
        ("property", "og:locale", "zh_CN"),
    ]
    if record.description:
        tags.append(("property", "og:description", record.description))
    if url:
        tags.append(("property", "og:url", url))
    tags.append(("property", "article:published_time", work.date.isoformat()))
    section = _page_section(record)
    if section:
        tags.append(("property", "article:section", section))
    tags += [("property", "article:tag", tag) for tag in record.tags]
    return tags
