"""The sitemap lists every page with each article's own date, splits when large; robots.txt points at it."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from conftest import PUBLIC_URLS, build_site, make_archive, run_cli

from build_scripts.plugins.publish.sitemap import (
    MAX_URLS_PER_SITEMAP,
    SitemapEntry,
    robots_txt,
    sitemap_files,
)
from build_scripts.ship.linkcheck import check_site

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def _urls(xml: bytes) -> dict[str, str | None]:
    root = ET.fromstring(xml)
    assert root.tag == "{{{}}}urlset".format(NS["sm"])
    return {
        u.findtext("sm:loc", namespaces=NS): u.findtext("sm:lastmod", namespaces=NS) for u in root.findall("sm:url", NS)
    }


def _articles(project) -> list[dict]:
    lines = (project / "docs" / "data" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


# -- the module ------------------------------------------------------------------------


def _entries(n: int) -> list[SitemapEntry]:
    start = dt.date(2020, 1, 1)
    return [SitemapEntry(f"https://x.org/r/{i:03d}/", start + dt.timedelta(days=i)) for i in range(n)]


def test_small_sitemap_is_one_urlset():
    files = sitemap_files(_entries(3), "https://x.org/r/", limit=3)
    assert list(files) == ["sitemap.xml"]
    assert _urls(files["sitemap.xml"])["https://x.org/r/002/"] == "2020-01-03"


def test_over_the_limit_it_splits_into_parts_and_an_index():
    entries = _entries(7)
    files = sitemap_files(entries, "https://x.org/r/", limit=3)
    assert sorted(files) == ["sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml", "sitemap.xml"]
    index = ET.fromstring(files["sitemap.xml"])
    assert index.tag == "{{{}}}sitemapindex".format(NS["sm"])
    listed = [
        (s.findtext("sm:loc", namespaces=NS), s.findtext("sm:lastmod", namespaces=NS))
        for s in index.findall("sm:sitemap", NS)
    ]
    assert [loc for loc, _ in listed] == [f"https://x.org/r/sitemap-{n}.xml" for n in (1, 2, 3)]
    seen = {}
    for n, (_, lastmod) in enumerate(listed, start=1):
        part = _urls(files[f"sitemap-{n}.xml"])
        assert 1 <= len(part) <= 3
        assert lastmod == max(part.values())  # a part changed when its newest page did
        seen.update(part)
    assert seen == {e.loc: e.lastmod.isoformat() for e in entries}  # every page once


def test_the_limit_is_the_protocols():
    assert MAX_URLS_PER_SITEMAP == 50_000
    assert list(sitemap_files(_entries(10), "https://x.org/r/")) == ["sitemap.xml"]


def test_robots_txt_names_the_sitemap_only_when_it_has_an_address():
    assert robots_txt("https://x.org/r/sitemap.xml").splitlines() == [
        "User-agent: *",
        "Disallow:",
        "",
        "Sitemap: https://x.org/r/sitemap.xml",
    ]
    assert "Sitemap" not in robots_txt(None)


# -- the built sample ------------------------------------------------------------------


def _sends_on(page: Path) -> bool:
    """A page that only sends the reader on (a month's address to the calendar, a moved
    article's to its new one): the sitemap lists where it leads instead."""
    return 'http-equiv="refresh"' in page.read_text(encoding="utf-8")


@pytest.mark.parametrize("where", ["root", "subpath"])
def test_sitemap_lists_every_page_at_its_public_address(published_sites, where):
    site, url = published_sites[where], PUBLIC_URLS[where]
    listed = _urls((site / "sitemap.xml").read_bytes())
    pages = {
        url + ("" if p.parent == site else p.parent.relative_to(site).as_posix() + "/")
        for p in site.rglob("index.html")
        if not _sends_on(p)
    }
    assert set(listed) == pages
    assert not (site / "sitemap.xml.gz").exists()  # MkDocs' own dateless sitemap is not written


def test_article_lastmod_is_the_articles_own_date(sample_site, published_sites):
    listed = _urls((published_sites["subpath"] / "sitemap.xml").read_bytes())
    articles = _articles(sample_site)
    assert len(articles) == 4
    for article in articles:
        assert listed[PUBLIC_URLS["subpath"] + article["url"]] == article["date"]
    # An issue page carries its issue's date; pages without a date of their own carry none.
    assert listed[PUBLIC_URLS["subpath"] + "2022/01/28/"] == "2022-01-28"
    assert listed[PUBLIC_URLS["subpath"] + "about/"] is None


@pytest.mark.parametrize("where", ["root", "subpath"])
def test_robots_txt_points_at_the_sitemap(published_sites, where):
    robots = (published_sites[where] / "robots.txt").read_text(encoding="utf-8")
    assert re.search(r"^Sitemap: (\S+)$", robots, re.M).group(1) == PUBLIC_URLS[where] + "sitemap.xml"


def test_without_an_address_there_is_no_sitemap_and_robots_names_none(sample_site):
    site = sample_site / "site"
    assert not (site / "sitemap.xml").exists()  # not even the theme's template source
    assert not (site / "sitemap.xml.gz").exists()
    assert "Sitemap" not in (site / "robots.txt").read_text(encoding="utf-8")


def test_a_big_archive_gets_a_sitemap_index(sample_site):
    # The split itself is exercised with a small limit: 3 addresses a file.
    config = (sample_site / "mkdocs.yml").read_text(encoding="utf-8")
    (sample_site / "mkdocs-split.yml").write_text(
        config.replace("  - newspaper-publish\n", "  - newspaper-publish:\n      sitemap_limit: 3\n"),
        encoding="utf-8",
    )
    url = PUBLIC_URLS["subpath"]
    built = build_site(sample_site, "-f", "mkdocs-split.yml", "--site-dir", "site-split", env={"ARCHIVE_SITE_URL": url})
    assert built.returncode == 0, built.stderr
    site = sample_site / "site-split"
    index = ET.fromstring((site / "sitemap.xml").read_bytes())
    parts = [s.findtext("sm:loc", namespaces=NS) for s in index.findall("sm:sitemap", NS)]
    pages = len([p for p in site.rglob("index.html") if not _sends_on(p)])
    count = -(-pages // 3)
    assert count > 1 and parts == [f"{url}sitemap-{n}.xml" for n in range(1, count + 1)]
    every = {}
    for n in range(1, count + 1):
        urls = _urls((site / f"sitemap-{n}.xml").read_bytes())
        assert len(urls) <= 3
        every.update(urls)
    assert len(every) == pages
    assert not check_site(site, url).broken  # the index and its parts resolve, like everything else


def test_a_hand_written_robots_txt_is_published_instead(tmp_path):
    project = make_archive(tmp_path)
    assert (
        run_cli("convert", "--source", str(project / "source_texts"), "--docs", str(project / "docs")).returncode == 0
    )
    own = "User-agent: *\nDisallow: /data/\n"
    (project / "docs" / "robots.txt").write_text(own, encoding="utf-8")
    built = build_site(project, env={"ARCHIVE_SITE_URL": PUBLIC_URLS["root"]})
    assert built.returncode == 0, built.stderr
    assert (project / "site" / "robots.txt").read_text(encoding="utf-8") == own
    assert (project / "site" / "sitemap.xml").is_file()
