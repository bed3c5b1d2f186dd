"""Links that never break: the checker finds each kind of break, and the sample site has none."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import PUBLIC_URLS, run_cli

from build_scripts.ship.linkcheck import check_site

BASE = "https://example.org/repo/"

BROKEN_SITE = {
    "index.html": """<!doctype html><html><head>
<link rel="stylesheet" href="assets/style.css">
<link rel="canonical" href="https://example.org/repo/">
<meta property="og:image" content="https://example.org/repo/img/gone.png">
</head><body id="top">
<a href="a/">fine</a>
<a href="a/#sec">fine anchor</a>
<a href="a">fine: a folder without its slash</a>
<a href="#top">fine: own anchor</a>
<a href="%E4%B8%AD%E6%96%87/">fine: percent-encoded name</a>
<a href="https://example.org/repo/a/">fine: absolute into the site</a>
<a href="/repo/a/">fine: root-relative into the site</a>
<a href="https://other.example.net/x">external</a>
<a href="mailto:editor@example.org">mail</a>
<a href="a/#missing">broken anchor</a>
<a href="missing/">broken page</a>
<img src="img/missing.png" alt="">
<img srcset="img/ok.png 1x, img/missing2.png 2x" alt="">
<a href="/elsewhere/">escapes the subpath</a>
<a href="https://example.org/other/">escapes the subpath, absolute</a>
<a href="../outside/">escapes the subpath, relative</a>
<a href="javascript:alert(1)">script</a>
</body></html>
""",
    "a/index.html": '<html><body><h2 id="sec">Section</h2><a href="../">up</a></body></html>',
    "中文/index.html": "<html><body>中文</body></html>",
    "img/ok.png": "",
    "assets/style.css": 'a{background:url(../img/ok.png)} @font-face{src:url("missing.woff2")} b{background:url(data:image/png;base64,AA==)}',
    "404.html": '<html><head><link rel="stylesheet" href="/repo/assets/style.css"></head>'
    '<body><a href="/repo/">home</a><a href="a/">relative</a></body></html>',
    "sitemap.xml": '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    "<url><loc>https://example.org/repo/a/</loc></url><url><loc>https://example.org/repo/gone/</loc></url></urlset>",
    "feed.xml": '<feed xmlns="http://www.w3.org/2005/Atom"><link href="https://example.org/repo/feed.xml" rel="self"/>'
    '<entry><link href="https://example.org/repo/nope/"/></entry></feed>',
    "robots.txt": "User-agent: *\nDisallow:\n\nSitemap: https://example.org/repo/sitemap.xml\n",
}

EXPECTED_BREAKS = {
    ("index.html", "https://example.org/repo/img/gone.png"),
    ("index.html", "a/#missing"),
    ("index.html", "missing/"),
    ("index.html", "img/missing.png"),
    ("index.html", "img/missing2.png"),
    ("index.html", "/elsewhere/"),
    ("index.html", "https://example.org/other/"),
    ("index.html", "../outside/"),
    ("index.html", "javascript:alert(1)"),
    ("assets/style.css", "missing.woff2"),
    ("404.html", "a/"),
    ("sitemap.xml", "https://example.org/repo/gone/"),
    ("feed.xml", "https://example.org/repo/nope/"),
}


def _write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def broken_site(tmp_path) -> Path:
    return _write(tmp_path / "site", BROKEN_SITE)


def test_finds_every_kind_of_broken_link_and_nothing_else(broken_site):
    report = check_site(broken_site, BASE)
    assert {(b.file, b.link) for b in report.broken} == EXPECTED_BREAKS
    assert report.external == 1


def test_says_where_and_why(broken_site):
    by_link = {b.link: b for b in check_site(broken_site, BASE).broken}
    assert str(by_link["missing/"]) == "index.html:16: missing/ — no such file in the site"
    assert "no element with id 'missing' in a/index.html" in by_link["a/#missing"].why
    assert "leaves the site's folder /repo/" in by_link["/elsewhere/"].why
    assert "must be absolute" in by_link["a/"].why
    assert by_link["missing.woff2"].line == 1


def test_a_site_at_a_domain_root_resolves_root_relative_links(tmp_path):
    site = _write(
        tmp_path / "site",
        {
            "index.html": '<a href="/a/">a</a><a href="/a/#x">x</a><a href="https://example.org/a/">abs</a>',
            "a/index.html": '<p id="x">x</p><a href="/">home</a><a href="/b/">gone</a>',
        },
    )
    report = check_site(site, "https://example.org/")
    assert [(b.file, b.link) for b in report.broken] == [("a/index.html", "/b/")]
    assert report.checked == 5


def test_the_command_line_exit_code_says_whether_links_are_broken(broken_site, tmp_path):
    result = run_cli("linkcheck", str(broken_site), "--base-url", BASE)
    assert result.returncode == 1
    assert result.stderr.count("broken: ") == len(EXPECTED_BREAKS)
    good = _write(tmp_path / "good", {"index.html": '<a href="a/">a</a>', "a/index.html": '<a href="../">up</a>'})
    result = run_cli("linkcheck", str(good), "--base-url", BASE)
    assert result.returncode == 0, result.stderr
    assert "2 internal links" in result.stdout and "0 broken" in result.stdout


def test_the_command_line_checks_a_site_at_the_address_it_was_built_for(published_sites):
    result = run_cli("linkcheck", str(published_sites["subpath"]))
    assert result.returncode == 0, result.stderr
    assert f"as served at {PUBLIC_URLS['subpath']}" in result.stdout


# -- the sample site, published at a domain root and under a project subpath ---------------


@pytest.mark.parametrize("where", ["root", "subpath"])
def test_the_published_sample_has_no_broken_link(published_sites, where):
    report = check_site(published_sites[where], PUBLIC_URLS[where])
    assert report.broken == [], "\n".join(map(str, report.broken))
    # Every page, stylesheet, sitemap, feed and robots.txt was read, and their links followed.
    site = published_sites[where]
    readable = [p for p in site.rglob("*") if p.suffix in (".html", ".css", ".xml")] + [site / "robots.txt"]
    assert report.files == len(readable)
    assert report.checked > 10 * len(list(site.rglob("*.html")))


def test_served_at_another_folder_the_subpath_site_would_break(published_sites):
    # The same files checked as if served under a different folder: the absolute links of
    # the 404 page, the canonical links, sitemap and feeds all leave that folder. This is
    # what a wrong site_url looks like, and the check catches it.
    report = check_site(published_sites["subpath"], "https://archive-user.github.io/other-name/")
    broken_files = {b.file for b in report.broken}
    assert {"404.html", "sitemap.xml", "robots.txt", "feeds/latest.xml", "index.html"} <= broken_files
    assert all("leaves the site's folder /other-name/" in b.why for b in report.broken)


def test_the_plain_build_without_an_address_has_no_broken_link(sample_site):
    report = check_site(sample_site / "site")
    assert report.broken == [], "\n".join(map(str, report.broken))


def test_an_offline_copy_is_checked_as_opened_from_its_folder(tmp_path):
    """The offline bundle keeps the published site's canonical and citation addresses
    (`…/a/`) while its own pages are files (`a.html`) and it has no 404 page: links to the
    published site are not its own, and are not broken — but from file:// a link starting
    with / leads to the disk's root, and one to a folder shows its listing."""
    files = {
        "index.html": f'<link rel="canonical" href="{BASE}"><a href="a.html">a</a><a href="b/index.html">b</a>',
        "a.html": f'<link rel="canonical" href="{BASE}a/"><a href="{BASE}a/">cite</a><a href="index.html">home</a>',
        "b/index.html": '<a href="../a.html">a</a>',
    }
    copy = _write(tmp_path / "copy", files)
    result = run_cli("linkcheck", str(copy))
    assert result.returncode == 0, result.stderr
    assert "as opened from its folder" in result.stdout
    assert "4 internal links" in result.stdout and "0 broken" in result.stdout
    copy = _write(tmp_path / "bad", {**files, "a.html": '<a href="/index.html">root</a><a href="b/">folder</a>'})
    result = run_cli("linkcheck", str(copy))
    assert result.returncode == 1
    assert "leads to the disk's root" in result.stderr and "shows the folder's listing" in result.stderr
    # a served site is checked as served, unless told otherwise
    served = _write(tmp_path / "served", {**files, "404.html": '<a href="/">home</a>'})
    assert "as served at" in run_cli("linkcheck", str(served)).stdout
    assert "as opened from its folder" in run_cli("linkcheck", str(served), "--offline").stdout
