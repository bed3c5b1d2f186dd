"""Never a traceback on a real page: articles without a title, without a byline, with a title
of punctuation or emoji, lists of names, the same notice on three 版, hostile markup, and
every malformed file the converter accepts — converted, built for publication (a public
address set, as the GitHub Pages workflow does: sitemap, feeds, citations, JSON-LD) and
bundled for offline reading, and every link of the result checked."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import build_site, make_archive, run_cli
from inputs import FIXTURES, assert_no_traceback, convert, records
from test_malformed import CASES

from build_scripts.contract.labels import NO_TITLE
from build_scripts.ship.linkcheck import check_site

SITE_URL = "https://archive-user.github.io/odd-archive/"
_DATE = re.compile(r"2022-01-2[89]")


def _accepted_malformed_files() -> dict[str, str | bytes]:
    """The files of every malformed case the converter accepts, each case moved to a day of its
    own (2023-04-01, -02 …) so that they can share one archive."""
    files: dict[str, str | bytes] = {}
    for n, case in enumerate((c for c in CASES if c.exit == 0 and c.setup is None), start=1):
        day = f"2023-04-{n:02d}"
        content = list(case.files.values())
        if any(isinstance(c, bytes) and re.search(rb"2022-01-2[89]", c) for c in content):
            continue  # a date inside encoded bytes cannot be moved; its file name says enough
        if sum(len(c) for c in content) > 200_000:
            continue  # the 5 MB file: converting it is tested on its own, building it adds nothing
        for rel, text in case.files.items():
            name = f"malformed/{n:02d}/{_DATE.sub(day, rel)}"
            files[name] = _DATE.sub(day, text) if isinstance(text, str) else text
    return files


@pytest.fixture(scope="module")
def odd_site(tmp_path_factory) -> Path:
    files: dict[str, str | bytes] = {}
    for folder in ("odd_articles", "hostile"):
        for path in sorted((FIXTURES / folder).glob("*.txt")):
            files[f"{folder}/{path.name}"] = path.read_text(encoding="utf-8")
    files.update(_accepted_malformed_files())
    project = make_archive(tmp_path_factory.mktemp("odd"), files)
    result = convert(project)
    assert_no_traceback(result)
    assert result.returncode == 0, result.stderr
    (project / "convert.log").write_text(result.stderr, encoding="utf-8")
    built = build_site(project, env={"ARCHIVE_SITE_URL": SITE_URL})
    assert "Traceback" not in built.stderr, built.stderr
    assert built.returncode == 0, built.stderr
    return project


def test_every_link_of_the_published_site_resolves(odd_site):
    report = check_site(odd_site / "site", SITE_URL)
    assert report.files > 50 and report.broken == [], report.broken[:10]
    cli = run_cli("linkcheck", str(odd_site / "site"), "--base-url", SITE_URL)
    assert cli.returncode == 0, cli.stdout + cli.stderr


def test_untitled_articles_have_one_placeholder_in_pages_feeds_and_citations(odd_site):
    untitled = [r for r in records(odd_site) if not r["title"]]
    assert len(untitled) >= 3
    for record in untitled:
        html = (odd_site / "site" / record["url"] / "index.html").read_text(encoding="utf-8")
        assert f'<h1 class="article-title">{NO_TITLE}</h1>' in html
        csl = json.loads((odd_site / "site" / (record["url"].rstrip("/") + ".csl.json")).read_text(encoding="utf-8"))
        assert csl[0]["title"] == NO_TITLE
        assert f"{NO_TITLE}[N]" in html  # GB/T 7714
        assert "无题" not in html
    feed = ET.parse(odd_site / "site/feeds/latest.xml").getroot()
    titles = [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert NO_TITLE in titles and "" not in titles and None not in titles


def test_json_ld_feeds_sitemap_and_data_files_are_well_formed(odd_site):
    site = odd_site / "site"
    for path in site.rglob("*.xml"):
        ET.parse(path)
    for path in site.rglob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))
    for path in site.rglob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            json.loads(line)
    for record in records(odd_site):
        html = (site / record["url"] / "index.html").read_text(encoding="utf-8")
        blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        assert len(blocks) == 1
        assert json.loads(blocks[0])["url"] == SITE_URL + record["url"]


def test_the_same_notice_on_three_pages_is_listed_on_each_and_cited_once(odd_site):
    notices = [r for r in records(odd_site) if r["title"].startswith("关于表彰全国劳动模范")]
    assert [(r["page"], r["reprint_of"]) for r in notices] == [(2, None), (5, notices[0]["id"]), (7, notices[0]["id"])]
    log = (odd_site / "convert.log").read_text(encoding="utf-8")
    for copy in ("05", "07"):
        assert (
            f"warning: odd_articles/2023-03-01_{copy}_公告.txt:1: repeats odd_articles/2023-03-01_02_公告.txt "
            "(the same text); its articles are published as printed again" in log
        ), log


def test_the_offline_bundle_builds_from_the_odd_archive(odd_site):
    result = run_cli(
        "bundle",
        "--config-file",
        str(odd_site / "mkdocs.yml"),
        "--source",
        str(odd_site / "source_texts"),
        "--out",
        str(odd_site / "dist"),
    )
    assert_no_traceback(result)
    assert result.returncode == 0, result.stderr
    assert list((odd_site / "dist").glob("*-offline.zip"))


def test_published_data_files_give_each_article_its_full_address(odd_site):
    relative = records(odd_site)  # docs/ keeps what the converter wrote
    assert relative and not relative[0]["url"].startswith("http")
    published = [
        json.loads(line) for line in (odd_site / "site/data/articles.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert [r["url"] for r in published] == [SITE_URL + r["url"] for r in relative]
    assert [{**r, "url": ""} for r in published] == [{**r, "url": ""} for r in relative]
    table = (odd_site / "site/data/articles.csv").read_text(encoding="utf-8")
    assert table.startswith("\ufeff") and f"{SITE_URL}{relative[0]['url']}" in table
