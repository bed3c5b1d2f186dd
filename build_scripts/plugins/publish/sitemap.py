"""The sitemap crawlers read (sitemaps.org protocol 0.9), and `robots.txt` pointing at it.

Every page is listed with its absolute address; a page with a date of its own (an article,
an issue) carries that date as `lastmod`, never the time of the build, so the same archive
always gives the same bytes. One sitemap file holds at most 50,000 addresses (the
protocol's limit); a bigger archive gets several numbered files and `sitemap.xml` becomes
the index that lists them, so crawlers and `robots.txt` always start at `sitemap.xml`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from build_scripts.contract.urls import SITEMAP

MAX_URLS_PER_SITEMAP = 50_000  # sitemaps.org: "no more than 50,000 URLs"
NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


@dataclass(frozen=True)
class SitemapEntry:
    loc: str  # absolute address of the page
    lastmod: dt.date | None = None


def part_name(number: int) -> str:
    return f"sitemap-{number}.xml"


def _xml(root: ET.Element) -> bytes:
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def urlset(entries: list[SitemapEntry]) -> bytes:
    root = ET.Element("urlset", xmlns=NAMESPACE)
    for entry in entries:
        url = ET.SubElement(root, "url")
        ET.SubElement(url, "loc").text = entry.loc
        if entry.lastmod:
            ET.SubElement(url, "lastmod").text = entry.lastmod.isoformat()
    return _xml(root)


def sitemap_index(parts: list[tuple[str, dt.date | None]]) -> bytes:
    root = ET.Element("sitemapindex", xmlns=NAMESPACE)
    for loc, lastmod in parts:
        sitemap = ET.SubElement(root, "sitemap")
        ET.SubElement(sitemap, "loc").text = loc
        if lastmod:
            ET.SubElement(sitemap, "lastmod").text = lastmod.isoformat()
    return _xml(root)


def sitemap_files(entries: list[SitemapEntry], site_url: str, limit: int = MAX_URLS_PER_SITEMAP) -> dict[str, bytes]:
    """The sitemap file(s) for `entries`, by file name relative to the site's top folder.

    Up to `limit` entries: one `sitemap.xml`. More: `sitemap-1.xml`, `sitemap-2.xml` … of at
    most `limit` entries each, and `sitemap.xml` as their index."""
    if limit < 1:
        raise ValueError("limit must be at least 1")
    entries = sorted(entries, key=lambda e: e.loc)
    if len(entries) <= limit:
        return {SITEMAP: urlset(entries)}
    files: dict[str, bytes] = {}
    parts: list[tuple[str, dt.date | None]] = []
    for start in range(0, len(entries), limit):
        chunk = entries[start : start + limit]
        name = part_name(len(parts) + 1)
        files[name] = urlset(chunk)
        dates = [e.lastmod for e in chunk if e.lastmod]
        parts.append((site_url + name, max(dates) if dates else None))
    files[SITEMAP] = sitemap_index(parts)
    return files


def robots_txt(sitemap_url: str | None) -> str:
    """Allow every crawler everywhere, and name the sitemap (robots.txt needs its absolute address)."""
    lines = ["User-agent: *", "Disallow:"]
    if sitemap_url:
        lines += ["", f"Sitemap: {sitemap_url}"]
    return "\n".join(lines) + "\n"
