"""The offline bundle: one deterministic zip that works from file:// with no network."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import ROOT, build_site, run_cli, screenshot
from search_helpers import NO_RESULTS, search, titles

from build_scripts.contract.provenance import PROVENANCE_FILE, provenance_text
from build_scripts.ship.bundle import external_fetches

VENDOR = ROOT / "build_scripts" / "vendor" / "iframe-worker"
SLUG = "zhejiang-daily"  # source_texts/archive.yml


def make_bundle(project: Path, out: Path, fresh: bool = False) -> Path:
    result = run_cli(
        "bundle",
        "--config-file",
        str(project / "mkdocs.yml"),
        "--source",
        str(project / "source_texts"),
        "--out",
        str(out),
        fresh=fresh,
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    (out / "stderr.txt").write_text(result.stderr, encoding="utf-8")
    return out / f"{SLUG}-offline.zip"


@pytest.fixture(scope="module")
def bundle_zip(search_site, tmp_path_factory) -> Path:
    return make_bundle(search_site, tmp_path_factory.mktemp("dist"))


@pytest.fixture(scope="module")
def unzipped(bundle_zip, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(bundle_zip) as archive:
        archive.extractall(folder)
    return folder / f"{SLUG}-offline"


# --- the vendored shim ------------------------------------------------------------------


def test_vendored_iframe_worker_is_the_recorded_version():
    record = json.loads((VENDOR / "VENDOR.json").read_text(encoding="utf-8"))
    assert record["package"] == "iframe-worker" and record["version"] == "1.0.4"
    assert hashlib.sha256((VENDOR / "shim.js").read_bytes()).hexdigest() == record["sha256"]
    assert "Permission is hereby granted" in (VENDOR / "LICENSE").read_text(encoding="utf-8")


def test_bundle_serves_the_vendored_shim_instead_of_the_cdn(unzipped):
    assert (unzipped / "assets/javascripts/iframe-worker/shim.js").read_bytes() == (VENDOR / "shim.js").read_bytes()
    home = (unzipped / "index.html").read_text(encoding="utf-8")
    assert '<script src="assets/javascripts/iframe-worker/shim.js"></script>' in home
    assert not [p for p in unzipped.rglob("*.html") if "unpkg.com" in p.read_text(encoding="utf-8")]


# --- the zip ----------------------------------------------------------------------------


def test_bundle_is_byte_for_byte_reproducible(search_site, bundle_zip, tmp_path):
    again = make_bundle(search_site, tmp_path / "again", fresh=True)  # (a hash seed of its own: forked_cli.py)
    assert again.read_bytes() == bundle_zip.read_bytes()


def test_the_bundles_pages_are_those_of_one_offline_mkdocs_build_whatever_its_date(search_site, unzipped, tmp_path):
    """The bundle's site is built in shards by year, as the hosted one: its pages are those of
    one `mkdocs build` with the offline plugin — built here with another SOURCE_DATE_EPOCH than
    the bundle's (the date of its newest issue), which no page depends on, so that a new issue
    does not make every shard of the next bundle's site be built again (shard_reuse.py)."""
    built = build_site(
        search_site, "--site-dir", str(tmp_path / "site"), env={"OFFLINE": "true", "SOURCE_DATE_EPOCH": "1"}
    )
    assert built.returncode == 0, built.stderr
    assert _tree(tmp_path / "site", leave_out={"404.html"}) == _tree(unzipped)


def _tree(folder: Path, leave_out: set[str] = frozenset()) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in folder.rglob("*")
        if path.is_file() and path.relative_to(folder).as_posix() not in leave_out
    }


def test_a_second_bundle_keeps_the_pages_that_did_not_change_and_reads_none_of_them(search_site, tmp_path, monkeypatch):
    """The offline site stays in the output folder: bundling again builds only the shards whose
    pages changed (none here) and reads only the pages built again for what they fetch — the
    same zip as before, and as a bundle made from nothing."""
    from build_scripts.ship import bundle as bundle_module

    first = make_bundle(search_site, tmp_path)
    site = tmp_path / bundle_module.OFFLINE_SITE
    page = next(site.glob("2022/*/*/*.html"))
    made = page.stat()
    zipped = first.read_bytes()
    read: list[str] = []
    fetches_of = bundle_module._fetches_of
    monkeypatch.setattr(bundle_module, "_fetches_of", lambda site, rel: read.append(rel) or fetches_of(site, rel))
    bundled = bundle_module.bundle(search_site / "mkdocs.yml", search_site / "source_texts", tmp_path)
    assert (page.stat().st_ino, page.stat().st_mtime_ns) == (made.st_ino, made.st_mtime_ns)
    assert read == []
    assert bundled.path.read_bytes() == zipped


def test_zip_entries_are_sorted_in_one_folder_with_fixed_times(bundle_zip):
    with zipfile.ZipFile(bundle_zip) as archive:
        infos = archive.infolist()
    names = [i.filename for i in infos]
    assert names == sorted(names) and all(n.startswith(f"{SLUG}-offline/") for n in names)
    assert {i.date_time for i in infos} == {(2022, 1, 29, 0, 0, 0)}  # the newest issue
    assert f"{SLUG}-offline/index.html" in names and f"{SLUG}-offline/assets/search/meta.js" in names


# --- offline means offline ----------------------------------------------------------------


class _Refs(HTMLParser):
    """Every URL a page refers to: (tag, attribute, url)."""

    def __init__(self):
        super().__init__()
        self.refs: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.refs.append((tag, name, value))


def refs_of(page: Path) -> list[tuple[str, str, str]]:
    parser = _Refs()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.refs


def test_no_page_fetches_anything_from_another_host(unzipped):
    fetched = [
        (p.name, tag, url)
        for p in unzipped.rglob("*.html")
        for tag, attr, url in refs_of(p)
        if tag != "a" and url.startswith(("http:", "https:", "//"))
    ]
    assert fetched == []


def test_every_link_resolves_to_a_file_in_the_bundle(unzipped):
    pages = sorted(unzipped.rglob("*.html"))
    assert len(pages) > 10
    broken = []
    for page in pages:
        for tag, attr, url in refs_of(page):
            parts = urlsplit(url)
            if parts.scheme or url.startswith(("#", "//")):
                continue  # another site (a link a reader may follow), or a place on this page
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if not target.is_file() or not target.is_relative_to(unzipped.resolve()):
                broken.append(f"{page.relative_to(unzipped)}: <{tag} {attr}={url}>")
            elif tag == "a" and target.suffix not in (".html", ".jsonl", ".json", ".csv"):  # pages and data downloads
                broken.append(f"{page.relative_to(unzipped)}: <a href={url}> is not a page")
    assert broken == []


def test_the_link_checker_finds_the_unzipped_bundle_whole_as_opened_from_its_folder(unzipped):
    from build_scripts.ship.linkcheck import check_site, is_offline_copy

    assert is_offline_copy(unzipped)
    report = check_site(unzipped, offline=True)
    assert report.broken == [], "\n".join(map(str, report.broken[:20]))
    assert report.checked > 10 * len(list(unzipped.rglob("*.html")))


def test_the_data_files_lead_to_the_bundles_own_pages(unzipped):
    # without a public address, a record's url is the page as the bundle holds it: a file
    records = [json.loads(line) for line in (unzipped / "data/articles.jsonl").read_text(encoding="utf-8").splitlines()]
    assert records and all(r["url"].endswith(".html") and (unzipped / r["url"]).is_file() for r in records)
    with (unzipped / "data/articles.csv").open(encoding="utf-8-sig", newline="") as rows:
        assert all((unzipped / row["url"]).is_file() for row in csv.DictReader(rows))


def test_search_works_from_file_with_the_network_blocked(browser, unzipped):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN", offline=True)
    left_file = []
    # Every request the pages make is recorded; with the context offline, none can succeed.
    # (Routing every request through Playwright instead breaks the iframe-worker shim.)
    context.on("request", lambda request: request.url.startswith("file://") or left_file.append(request.url))
    page = context.new_page()
    try:
        page.goto((unzipped / "index.html").as_uri())
        probe = page.evaluate("() => fetch('https://example.com/probe').then(() => 'reached', () => 'blocked')")
        assert probe == "blocked" and left_file == ["https://example.com/probe"]  # the recorder works
        left_file.clear()

        _, results = search(page, "奥密克戎")
        assert any(t.startswith("杭州累计报告本土确诊14例") for t in titles(results))
        _, results = search(page, "胡宗昊")
        assert "杭州累计报告本土确诊14例 浙江统一全省风险人群管控政策" in titles(results)
        _, results = search(page, "奧密克戎")  # traditional: opencc-js, loaded then, from the bundle
        assert any(t.startswith("杭州累计报告本土确诊14例") for t in titles(results))
        _, results = search(page, '"运行情况。数据显示"')  # checked on the article's file
        assert titles(results) == ["国家统计局发布2021年经济数据 我省居民收入稳步增长"]
        _, results = search(page, '"运行情况，数据显示"')
        assert results == []
        summary, results = search(page, "量子计算机")
        assert summary.startswith(NO_RESULTS) and results == []
        _, results = search(page, "统计局")
        hit = next(r for r in results if r.title == "国家统计局发布2021年经济数据 我省居民收入稳步增长")
        assert hit.details.startswith("2022年1月29日 · 第3版 经济")
        screenshot(page, "search-offline")

        page.locator(".md-search-result__link", has_text="国家统计局发布2021年经济数据").first.click()
        page.wait_for_url("**/2022/01/29/wo-sheng-ju-min-shou-ru-wen-bu-zeng-zhang.html*")
        assert "欧阳晓岚" in page.locator("article").inner_text()

        # an item of a column of short news: named in the result, opened at its sub-head
        page.set_viewport_size({"width": 1280, "height": 360})
        _, results = search(page, "绿化带")
        assert [(r.title, r.section) for r in results] == [("海外简讯", "南美一国启动大规模植树计划")]
        page.locator(".md-search-result__link").first.click()
        page.wait_for_url("**/2022/01/28/hai-wai-jian-xun.html*")
        page.wait_for_function("() => window.scrollY > 0", timeout=10_000)
        box = page.locator("article h2", has_text="南美一国启动大规模植树计划").bounding_box()
        assert box is not None and 0 <= box["y"] < 360, box
        assert left_file == []
    finally:
        context.close()


# --- what the bundle command refuses --------------------------------------------------------


def bundle_variant(project: Path, out: Path, name: str, old: str, new: str):
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert old in text
    config = project / name
    config.write_text(text.replace(old, new), encoding="utf-8")
    return run_cli("bundle", "--config-file", str(config), "--source", str(project / "source_texts"), "--out", str(out))


def test_bundle_refuses_a_page_that_loads_from_another_host(search_site, tmp_path):
    result = bundle_variant(
        search_site,
        tmp_path,
        "mkdocs-cdn.yml",
        "\nplugins:",
        "\nextra_javascript:\n  - https://cdn.example.com/stats.js\n\nplugins:",
    )
    assert result.returncode == 1
    assert "would load" in result.stderr and "<script src=https://cdn.example.com/stats.js>" in result.stderr
    assert not list(tmp_path.glob("*.zip"))


def test_bundle_refuses_web_fonts(search_site, tmp_path):
    result = bundle_variant(
        search_site, tmp_path, "mkdocs-fonts.yml", "  font: false\n", "  font:\n    text: Noto Sans SC\n"
    )
    assert result.returncode == 1 and "set `font: false`" in result.stderr
    assert not list(tmp_path.glob("*.zip"))


def test_bundle_needs_converted_pages(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    result = run_cli("bundle", "--config-file", str(tmp_path / "mkdocs.yml"), "--out", str(tmp_path / "dist"))
    assert result.returncode == 2 and "has no converted pages" in result.stderr and "convert" in result.stderr


def test_bundle_reads_the_pages_from_the_configurations_docs_dir(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / ".generated.json").write_text("{}", encoding="utf-8")  # not the folder it builds
    (tmp_path / "pages").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\ndocs_dir: pages\n", encoding="utf-8")
    result = run_cli("bundle", "--config-file", str(tmp_path / "mkdocs.yml"), "--out", str(tmp_path / "dist"))
    assert result.returncode == 2 and "has no converted pages" in result.stderr
    assert str(tmp_path / "pages") in result.stderr


@pytest.fixture(scope="module")
def public_bundle(search_site, tmp_path_factory) -> Path:
    """The bundle of a site with a public address, unzipped."""
    out = tmp_path_factory.mktemp("public")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ARCHIVE_SITE_URL": "https://archive.example.org/"}
    result = subprocess.run(
        [sys.executable, "-m", "build_scripts", "bundle", "--config-file", str(search_site / "mkdocs.yml"),
         "--source", str(search_site / "source_texts"), "--out", str(out)],
        capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    (out / "stderr.txt").write_text(result.stderr, encoding="utf-8")
    with zipfile.ZipFile(out / f"{SLUG}-offline.zip") as archive:
        archive.extractall(out / "unzipped")
    return out / "unzipped" / f"{SLUG}-offline"


def test_a_bundle_says_when_its_citations_give_no_address(bundle_zip, public_bundle):
    """Built without a public address, the bundle's pages cite no URL: it says so, and how to
    give one; built with one, it says nothing of it."""
    without = (bundle_zip.parent / "stderr.txt").read_text(encoding="utf-8")
    assert "note: built without a public address" in without and "ARCHIVE_SITE_URL" in without
    assert "public address" not in (public_bundle.parents[1] / "stderr.txt").read_text(encoding="utf-8")


def test_a_bundle_of_a_site_with_a_public_address_keeps_its_feed_links(public_bundle):
    """With a public address the home page names its Atom feed (<link rel="alternate feed">):
    a link no browser loads by itself, so the bundle is made, and still loads nothing."""
    home = (public_bundle / "index.html").read_text(encoding="utf-8")
    assert 'rel="alternate feed"' in home and "https://archive.example.org/feeds/" in home
    assert external_fetches(public_bundle) == []


def test_a_bundled_page_names_and_cites_its_public_address(public_bundle):
    """Opened from the bundle as `slug.html`, an article still names the address it has on the
    published site (`slug/`) as its canonical link and in its citations: the `.html` one is
    not found there."""
    csl = sorted(public_bundle.glob("2022/01/28/*.csl.json"))
    assert csl
    page = csl[0].with_name(csl[0].name.removesuffix(".csl.json") + ".html")
    public = f"https://archive.example.org/2022/01/28/{page.stem}/"
    html = page.read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{public}">' in html
    assert json.loads(csl[0].read_text(encoding="utf-8"))[0]["URL"] == public
    assert ".html" not in json.loads(csl[0].read_text(encoding="utf-8"))[0]["URL"]
    ld = json.loads(html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0])
    assert ld["url"] == public and ld["isPartOf"]["url"] == "https://archive.example.org/2022/01/28/"
    issue = (public_bundle / "2022/01/28/index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://archive.example.org/2022/01/28/">' in issue


def _downloaded_from_file(browser, page_file: Path, link: str) -> tuple[str, str]:
    """The text of the file a click on `link` downloads from the page opened from `file://`
    (the network off), and the name it is saved under; the page must stay (not merely show it)."""
    context = browser.new_context(accept_downloads=True, offline=True)
    page = context.new_page()
    try:
        page.goto(page_file.as_uri())
        with page.expect_download(timeout=10_000) as info:
            page.get_by_text(link).click()
        assert page.url == page_file.as_uri()
        return Path(info.value.path()).read_text(encoding="utf-8-sig"), info.value.suggested_filename
    finally:
        context.close()


def test_the_csl_json_download_works_from_file(browser, public_bundle):
    """Opened from `file://`, a page may not download another file (the browser would only
    show it): the bundle's link carries the CSL-JSON itself, and the reader gets the file."""
    csl = sorted(public_bundle.glob("2022/01/28/*.csl.json"))[0]
    page_file = csl.with_name(csl.name.removesuffix(".csl.json") + ".html")
    saved, name = _downloaded_from_file(browser, page_file, "下载 CSL-JSON")
    assert json.loads(saved) == json.loads(csl.read_text(encoding="utf-8"))
    assert name.endswith(".json")


def test_the_ris_download_works_from_file(browser, public_bundle):
    """The RIS record is carried by its link, hosted and offline alike: from `file://` the
    reader gets the file, with the article's public address in it."""
    csl = sorted(public_bundle.glob("2022/01/28/*.csl.json"))[0]
    saved, name = _downloaded_from_file(
        browser, csl.with_name(csl.name.removesuffix(".csl.json") + ".html"), "下载 RIS"
    )
    assert saved.startswith("TY  - NEWS") and "UR  - https://archive.example.org/2022/01/28/" in saved
    assert name.endswith(".ris")


def test_a_zip_that_cannot_be_finished_is_not_left_behind(tmp_path, monkeypatch, capsys):
    """The disk fills up while the bundle is zipped: no half-written zip stays in the folder,
    and the message does not speak of docs/, which bundling never touches."""
    import errno

    from build_scripts import cli
    from build_scripts.ship import bundle as bundle_module

    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<html></html>", encoding="utf-8")

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(zipfile.ZipFile, "writestr", full)
    with pytest.raises(OSError):
        bundle_module.write_zip(site, tmp_path / "x-offline.zip", "x-offline", 1_700_000_000)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]

    def no_room(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / ".x-offline.zip.partial"))

    monkeypatch.setattr(bundle_module, "bundle", no_room)
    assert cli.main(["bundle", "--out", str(tmp_path)]) == cli.EXIT_INTERNAL_ERROR
    message = capsys.readouterr().err
    assert "No space left on device" in message and "check that the disk has room" in message
    assert "docs/" not in message and "nothing was left half-written" in message


def test_the_bundle_is_named_after_the_paper_its_pages_were_converted_for(tmp_path):
    """Pages converted from another folder than ./source_texts (convert --source, a config's
    source_dir) are that folder's paper: the zip is named after it, not after whatever
    archive.yml lies in the folder the command runs in."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / ".generated.json").write_text("{}", encoding="utf-8")
    (docs / "index.md").write_text("# 人民日报\n", encoding="utf-8")
    (docs / PROVENANCE_FILE).write_text(provenance_text("people-daily", "人民日报", "../src"), encoding="utf-8")
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "archive.yml").write_text("paper:\n  title: 人民日报\n  slug: people-daily\n", encoding="utf-8")
    config = "site_name: x\ntheme:\n  name: material\n  font: false\nplugins:\n  - newspaper-archive:\n      source_dir: src\n"
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = run_cli("bundle", "--config-file", str(tmp_path / "mkdocs.yml"), "--out", str(tmp_path / "dist"))
    assert result.returncode == 0, result.stderr
    assert [p.name for p in (tmp_path / "dist").glob("*.zip")] == ["people-daily-offline.zip"]
    assert (ROOT / "source_texts" / "archive.yml").read_text(encoding="utf-8").count(SLUG)  # the other paper


def test_what_a_page_fetches_is_read_again_only_where_the_page_or_the_record_changed(tmp_path, monkeypatch):
    from build_scripts.ship import bundle as bundle_module

    site = tmp_path / "site"
    site.mkdir()
    (site / "a.html").write_text('<script src="https://cdn.example.com/x.js"></script>', encoding="utf-8")
    (site / "b.html").write_text("<p>本地</p>", encoding="utf-8")
    checked = tmp_path / "checked.json"
    read: list[str] = []
    fetches_of = bundle_module._fetches_of
    monkeypatch.setattr(bundle_module, "_fetches_of", lambda site, rel: read.append(rel) or fetches_of(site, rel))
    found = ["a.html: <script src=https://cdn.example.com/x.js>"]
    assert external_fetches(site, checked) == found and read == ["a.html", "b.html"]
    assert external_fetches(site, checked) == found and read == ["a.html", "b.html"]  # none read again
    (site / "b.html").unlink()
    (site / "b.html").write_text('<img src="//cdn.example.com/b.png">', encoding="utf-8")  # written anew
    checked.write_text(json.dumps({**json.loads(checked.read_text(encoding="utf-8")), "a.html": 5}), encoding="utf-8")
    assert external_fetches(site, checked) == [*found, "b.html: <img src=//cdn.example.com/b.png>"]
    assert read == ["a.html", "b.html", "a.html", "b.html"]  # (a damaged record: read again)
