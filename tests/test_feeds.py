"""Atom feeds of the newest articles and of each reporter, read back with feedparser."""

from __future__ import annotations

import datetime as dt
import json
import re

import feedparser
import pytest
from conftest import PUBLIC_URLS, build_site, serve

from build_scripts.contract.urls import unique_name_slugs
from build_scripts.plugins.publish.feeds import (
    FeedArticle,
    atom_feed,
    newest_first,
    plan_feeds,
    summary_of,
    text_of_html,
)

CST = dt.timezone(dt.timedelta(hours=8))


def _articles(project) -> list[dict]:
    lines = (project / "docs" / "data" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def _parse(path):
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")  # well-formed, valid Atom as feedparser sees it
    assert feed.version == "atom10"
    return feed


def _day(entry) -> str:
    """The entry's date in the paper's own time zone (as written in the feed)."""
    published = dt.datetime.fromisoformat(entry.published)
    assert published.utcoffset() == dt.timedelta(hours=8)
    return published.date().isoformat()


# -- the built sample ------------------------------------------------------------------


@pytest.mark.parametrize("where", ["root", "subpath"])
def test_latest_feed_lists_the_samples_four_articles(sample_site, published_sites, where):
    site, url = published_sites[where], PUBLIC_URLS[where]
    feed = _parse(site / "feeds" / "latest.xml")
    articles = _articles(sample_site)
    assert len(feed.entries) == len(articles) == 4
    assert feed.feed.title == "浙江日报 · 最新文章"
    assert feed.feed.link == url  # the feed's web page: the archive's home
    assert [link.href for link in feed.feed.links if link.rel == "self"] == [url + "feeds/latest.xml"]
    by_link = {entry.link: entry for entry in feed.entries}
    for article in articles:
        entry = by_link[url + article["url"]]
        assert entry.title == article["title"]
        assert entry.id == url + article["url"]  # the article's address: stable once published
        assert _day(entry) == article["date"]
        assert entry.published == entry.updated == article["date"] + "T00:00:00+08:00"
        assert [a.name for a in entry.authors] == article["authors"]
        assert [c.name for c in entry.get("contributors", [])] == article["correspondents"]
        # The summary: the start of the text as printed (dateline first), cut at 160 characters.
        printed = " ".join(f"{article['dateline']} {article['text']}".split())
        assert entry.summary == summary_of(printed)
    assert feed.feed.updated == max(a["date"] for a in articles) + "T00:00:00+08:00"
    # Entry order: newest first, then the order on the page.
    assert [e.link for e in feed.entries] == [url + a["url"] for a in articles]


def test_each_reporter_and_correspondent_has_a_feed_of_their_articles(sample_site, published_sites):
    site, url = published_sites["subpath"], PUBLIC_URLS["subpath"]
    articles = _articles(sample_site)
    people = [n for a in articles for n in (*a["authors"], *a["correspondents"])]
    assert {"李洁", "陈洋根", "赵文琼", "武露露"} <= set(people)
    slugs = unique_name_slugs(people)
    assert slugs["陈洋根"] == "chen-yang-gen"
    assert sorted(p.stem for p in (site / "feeds" / "reporters").glob("*.xml")) == sorted(slugs.values())
    # one address per person: the feed is named like the reporter's page
    assert sorted(p.parent.name for p in (site / "reporters").glob("*/index.html")) == sorted(slugs.values())
    for name, slug in slugs.items():
        feed = _parse(site / "feeds" / "reporters" / f"{slug}.xml")
        assert feed.feed.title == f"浙江日报 · {name}"
        theirs = [a for a in articles if name in a["authors"] or name in a["correspondents"]]
        assert sorted(e.link for e in feed.entries) == sorted(url + a["url"] for a in theirs)
        for entry in feed.entries:
            assert _day(entry) == "2022-01-28"


FEED_LINK = re.compile(r'<link rel="alternate feed" type="application/atom\+xml" title="([^"]+)" href="([^"]+)">')


def test_the_home_page_advertises_the_latest_feed(published_sites):
    site, url = published_sites["subpath"], PUBLIC_URLS["subpath"]
    assert FEED_LINK.findall((site / "index.html").read_text(encoding="utf-8")) == [
        ("浙江日报 · 最新文章", url + "feeds/latest.xml")
    ]
    # Pages other than the home page and reporters' pages name no feed (Material would
    # probe for a sitemap next to each one).
    for page in site.rglob("index.html"):
        if page.parent != site and page.parent.parent != site / "reporters":
            assert not FEED_LINK.findall(page.read_text(encoding="utf-8")), page


def test_a_reporters_page_advertises_their_feed_and_the_feed_links_back(published_sites):
    site, url = published_sites["root"], PUBLIC_URLS["root"]
    page = (site / "reporters" / "chen-yang-gen" / "index.html").read_text(encoding="utf-8")
    assert FEED_LINK.findall(page) == [
        ("浙江日报 · 陈洋根", url + "feeds/reporters/chen-yang-gen.xml"),
        ("浙江日报 · 最新文章", url + "feeds/latest.xml"),
    ]
    feed = _parse(site / "feeds" / "reporters" / "chen-yang-gen.xml")
    assert feed.feed.link == url + "reporters/chen-yang-gen/"


SHOWN_FEED = re.compile(r'<a href="([^"]+)" type="application/atom\+xml">([^<]+)</a>')


def test_a_reader_sees_the_feeds_a_page_offers(published_sites):
    """The feeds a page names in <head> are links a reader sees too, at its foot: the home
    page's latest articles, a reporter's own and the latest; other pages have none."""
    site, url = published_sites["root"], PUBLIC_URLS["root"]
    home = (site / "index.html").read_text(encoding="utf-8")
    assert SHOWN_FEED.findall(home) == [(url + "feeds/latest.xml", "浙江日报 · 最新文章")]
    assert "订阅（Atom）" in home
    page = (site / "reporters" / "chen-yang-gen" / "index.html").read_text(encoding="utf-8")
    assert SHOWN_FEED.findall(page) == [
        (url + "feeds/reporters/chen-yang-gen.xml", "浙江日报 · 陈洋根"),
        (url + "feeds/latest.xml", "浙江日报 · 最新文章"),
    ]
    article = next((site / "2022" / "01" / "28").glob("*/index.html")).read_text(encoding="utf-8")
    assert not SHOWN_FEED.findall(article) and "订阅（Atom）" not in article


def test_without_an_address_no_feeds_are_written_or_linked(sample_site):
    site = sample_site / "site"
    assert not (site / "feeds").exists()
    assert "application/atom+xml" not in (site / "index.html").read_text(encoding="utf-8")
    assert "订阅（Atom）" not in (site / "index.html").read_text(encoding="utf-8")


def test_feeds_and_sitemap_are_the_same_bytes_on_every_build(sample_site, published_sites):
    url = PUBLIC_URLS["subpath"]
    # (in an interpreter with a hash seed of its own: an order that depends on it shows)
    built = build_site(sample_site, "--site-dir", "site-again", env={"ARCHIVE_SITE_URL": url}, fresh=True)
    assert built.returncode == 0, built.stderr
    first, again = published_sites["subpath"], sample_site / "site-again"
    written = [
        p.relative_to(first) for p in [*first.glob("feeds/**/*.xml"), first / "sitemap.xml", first / "robots.txt"]
    ]
    assert len(written) == 10
    for rel in written:
        assert (first / rel).read_bytes() == (again / rel).read_bytes(), rel


# -- the module ------------------------------------------------------------------------


def _article(n: int, day: str, authors=(), title=None, order=0) -> FeedArticle:
    return FeedArticle(
        id=f"{day}-a{n}",
        title=title or f"文章{n}",
        url=f"https://x.org/r/{day}/a{n}/",
        date=dt.date.fromisoformat(day),
        authors=tuple(authors),
        order=(1, "f.txt", order),
    )


def test_newest_first_then_print_order():
    a = [_article(1, "2022-01-01", order=1), _article(2, "2022-01-02", order=2), _article(3, "2022-01-02", order=1)]
    assert [x.id for x in newest_first(a)] == ["2022-01-02-a3", "2022-01-02-a2", "2022-01-01-a1"]


def test_feeds_hold_the_newest_articles_up_to_their_size():
    articles = [_article(n, f"2022-01-{n:02d}", authors=["李洁"]) for n in range(1, 6)]
    latest, person = plan_feeds(articles, "某报", "https://x.org/r/", size=2)
    assert [a.id for a in latest.entries] == ["2022-01-05-a5", "2022-01-04-a4"]
    assert (person.person, person.path, len(person.entries)) == ("李洁", "feeds/reporters/li-jie.xml", 2)
    assert person.page_url == "https://x.org/r/"  # no page of their own: the feed follows the home page


def test_same_sounding_names_keep_the_slug_of_whoever_came_first():
    # 李洁 and 李杰 are both li-jie; the first to appear in the archive keeps the plain slug,
    # so adding newer issues never moves an existing reporter's address.
    assert unique_name_slugs(["李杰", "李洁", "李杰"]) == {"李杰": "li-jie", "李洁": "li-jie-2"}
    older = [_article(1, "2021-05-01", authors=["李洁"]), _article(2, "2022-01-01", authors=["李杰"])]
    feeds = plan_feeds(older, "某报", "https://x.org/r/")
    assert {f.person: f.slug for f in feeds[1:]} == {"李洁": "li-jie", "李杰": "li-jie-2"}


def test_source_text_in_titles_is_escaped_and_read_back_unchanged():
    title = '<script>alert(1)</script> & "引号" ]]>'
    feed = plan_feeds([_article(1, "2022-01-28", title=title, authors=["A&B"])], "某报", "https://x.org/r/")[0]
    xml = atom_feed(feed, "https://x.org/r/", author="某报社", language="zh", utc_offset=CST)
    assert b"<script>" not in xml
    parsed = feedparser.parse(xml)
    assert not parsed.bozo
    assert parsed.entries[0].title == title
    assert parsed.entries[0].author == "A&B"


def test_an_empty_feed_is_valid_and_dated_without_the_clock():
    feed = plan_feeds([], "某报", "https://x.org/r/")[0]
    xml = atom_feed(feed, "https://x.org/r/", author="某报社", language="zh", utc_offset=CST)
    parsed = feedparser.parse(xml)
    assert not parsed.bozo and parsed.entries == []
    assert parsed.feed.updated.startswith("1970-01-01")


def test_summary_text_leaves_out_permalink_marks():
    html = '<p><strong>本报讯</strong> 正文&amp;</p>\n<h2 id="k">看点一<a class="headerlink" href="#k" title="Permanent link">&para;</a></h2>'
    assert text_of_html(html) == "本报讯 正文& 看点一"


def test_a_page_that_names_a_feed_requests_no_sitemap_next_to_it(published_sites, page):
    """Material takes every link[rel=alternate] for a language version and fetches a
    sitemap.xml beside it: a feed link must not look like one (a 404 on every visit)."""
    requested = []
    page.route("https://**", lambda route: route.abort())  # the public address is not this server
    page.on("request", lambda request: requested.append(request.url))
    with serve(published_sites["root"]) as local:
        for path in ("", "reporters/chen-yang-gen/"):
            page.goto(local + path)
            page.wait_for_load_state("networkidle")
    assert FEED_LINK.findall((published_sites["root"] / "index.html").read_text(encoding="utf-8"))
    assert not [url for url in requested if url.endswith("sitemap.xml")], requested
