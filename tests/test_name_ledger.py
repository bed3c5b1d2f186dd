"""A reporter's or tag's page keeps its address: the URL ledger lists every name page published,
so a name keeps its slug when homophones come in another order, and a name that left the
archive keeps a page pointing to the index instead of a 404."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import yaml
from conftest import ROOT, build_site, make_archive
from inputs import convert

from build_scripts.catalogue.ledger import dump_ledger, parse_ledger, read_ledger, read_names
from build_scripts.catalogue.name_ledger import NameLedger, parse_names
from build_scripts.contract.urls import REPORTERS, TAGS, unique_name_slugs
from build_scripts.plugins.archive.romanize import romanised_name
from build_scripts.problems import InputError
from build_scripts.ship.linkcheck import check_site
from build_scripts.writers.listing import by_initial

SITE_URL = "https://archive.example.org/"


def test_a_published_name_keeps_its_slug_when_homophones_come_in_another_order():
    names = NameLedger()
    assert names.pin(REPORTERS, ["李杰", "李洁"]) == {"李杰": "li-jie", "李洁": "li-jie-2"}
    again = parse_names("\n".join(names.lines()), "urls.lock")
    # Without the ledger the first to appear would take the plain slug.
    assert unique_name_slugs(["李洁", "李杰"]) == {"李洁": "li-jie", "李杰": "li-jie-2"}
    assert again.pin(REPORTERS, ["李洁", "李杰", "李界"]) == {"李洁": "li-jie-2", "李杰": "li-jie", "李界": "li-jie-3"}


def test_a_new_name_never_gets_a_slug_given_out_before():
    names = parse_names("reporters/li-jie/ 李杰\ntags/jing-ji/ 经济\n", "urls.lock")
    assert names.pin(REPORTERS, ["李洁"]) == {"李洁": "li-jie-2"}
    assert names.pin(TAGS, ["经济", "荆棘"]) == {"经济": "jing-ji", "荆棘": "jing-ji-2"}
    assert names.gone(REPORTERS, ["li-jie-2"]) == [("li-jie", "李杰")]


def test_name_lines_live_in_the_article_ledger_and_round_trip():
    article = "2022/01/28/a/ published 1 1-3 0123456789ab"
    names = parse_names("reporters/li-jie/ 李杰\n", "x")
    text = dump_ledger(parse_ledger(article + "\n", "x"), "zhe-jiang-ri-bao", names)
    assert text.splitlines()[-2:] == [article, "reporters/li-jie/ 李杰"]
    assert list(parse_ledger(text, "x")) == ["2022/01/28/a/"]
    assert parse_names(text, "x").lines() == ["reporters/li-jie/ 李杰"]


def test_a_name_s_year_pages_are_listed_below_it_and_round_trip():
    names = parse_names("tags/jing-ji/ 经济\nreporters/li-jie/2021/ 李杰\nreporters/li-jie/ 李杰\n", "urls.lock")
    assert names.years_of(REPORTERS, "li-jie") == {2021} and names.years_of(TAGS, "jing-ji") == frozenset()
    names.publish_years(TAGS, "jing-ji", frozenset({2023, 2022}))
    lines = ["reporters/li-jie/ 李杰", "reporters/li-jie/2021/ 李杰", "tags/jing-ji/ 经济", "tags/jing-ji/2022/ 经济"]
    assert names.lines() == [*lines, "tags/jing-ji/2023/ 经济"]
    assert parse_names("\n".join(names.lines()), "x") == names and names.copy() == names
    assert names.copy().years is not names.years
    # a year's page listed twice (two branches that published it, merged) is kept once
    twice = parse_names("tags/jing-ji/2022/ 经济\ntags/jing-ji/ 经济\ntags/jing-ji/2022/ 经济\n", "x")
    assert twice.lines() == ["tags/jing-ji/ 经济", "tags/jing-ji/2022/ 经济"]


@pytest.mark.parametrize(
    "line, message",
    [
        ("reporters/Li Jie/ 李杰", "not a name page address"),
        ("tags/jing-ji/", "names no one"),
        ("tags/jing-ji/ 经济\ntags/jing-ji/ 荆棘", "lists tags/jing-ji/ twice"),
        ("tags/jing-ji/2022/ 经济", "urls.lock:2: lists tags/jing-ji/2022/, a year's page of tags/jing-ji/, which it"),
        (
            "tags/jing-ji/ 经济\ntags/jing-ji/2021/ 荆棘\ntags/jing-ji/2022/ 经济",
            "urls.lock:3: lists tags/jing-ji/2021/ as 荆棘",
        ),
        ("tags/jing-ji/2022/ 荆棘\ntags/jing-ji/ 经济", "but its name's line as 经济"),
        ("tags/jing-ji/ 经济\ntags/jing-ji/22/ 经济", "not a name page address"),
        ("tags/jing-ji/ 经济\ntags/jing-ji/0999/ 经济", "not a name page address"),
    ],
)
def test_a_damaged_name_line_is_reported_with_its_line(line, message):
    with pytest.raises(InputError) as caught:
        parse_names("# header\n" + line + "\n", "urls.lock")
    assert message in str(caught.value) and "urls.lock:" in str(caught.value)


@pytest.fixture(scope="module")
def corrected(tmp_path_factory):
    """The sample converted, then corrected so that 胡宗昊 (line 45) is no longer a byline."""
    project = make_archive(tmp_path_factory.mktemp("names"))
    with (project / "source_texts/archive.yml").open("a", encoding="utf-8") as config:
        config.write("tag_min_articles: 1\n")  # one issue: let every tag have its page
    assert convert(project).returncode == 0
    first = read_names(project / "source_texts/urls.lock")
    (project / "source_texts/2022/2022-01-28.fix.yml").write_text("lines:\n  45: paragraph\n", encoding="utf-8")
    result = convert(project)
    assert result.returncode == 0, result.stderr
    return project, first


def test_the_ledger_lists_every_name_page_and_keeps_it(corrected):
    project, first = corrected
    docs = project / "docs"
    assert "hu-zong-hao" in first.slugs[REPORTERS] and first.slugs[TAGS]
    for folder, slugs in first.slugs.items():
        for slug in slugs:
            assert (docs / folder / slug / "index.md").is_file(), (folder, slug)
    after = read_names(project / "source_texts/urls.lock")
    assert after.slugs[REPORTERS].items() >= first.slugs[REPORTERS].items()
    assert read_ledger(project / "source_texts/urls.lock")  # the articles' lines are still read


def test_a_name_no_longer_in_the_archive_keeps_a_page_pointing_to_the_index(corrected):
    project, _ = corrected
    page = (project / "docs/reporters/hu-zong-hao/index.md").read_text(encoding="utf-8")
    front = yaml.safe_load(page.split("---")[1])
    assert front["template"] == "moved.html" and front["search"] == {"exclude": True}
    assert "胡宗昊" in page and "](../index.md)" in page
    index = (project / "docs/reporters/index.md").read_text(encoding="utf-8")
    assert "胡宗昊" not in index and "李洁" in index


def test_a_name_no_longer_in_the_archive_keeps_its_year_pages_pointing_to_the_index():
    from build_scripts.writers.moved_pages import gone_name_pages

    names = parse_names("tags/jing-ji/ 经济\ntags/jing-ji/2021/ 经济\ntags/jing-ji/2022/ 经济\n", "urls.lock")
    pages = gone_name_pages(names, {TAGS: []})
    assert sorted(pages) == ["tags/jing-ji/2021.md", "tags/jing-ji/2022.md", "tags/jing-ji/index.md"]
    for rel, page in pages.items():
        front = yaml.safe_load(page.split("---")[1])
        assert front["template"] == "moved.html" and "经济" in page and "](../index.md)" in page
        assert ("former_name" in front) == rel.endswith("index.md")  # (the feed is the name's)


def test_the_pages_of_names_gone_are_made_again_only_when_the_names_gone_change(tmp_path, monkeypatch):
    """An archive that lost thousands of tags over the years keeps a page for each: made when
    the names gone change, not on every run."""
    from build_scripts.convert import convert as convert_here
    from build_scripts.writers import plan

    project = make_archive(tmp_path)
    source, docs = project / "source_texts", project / "docs"
    convert_here(source, docs, jobs=1)
    with (source / "urls.lock").open("a", encoding="utf-8") as ledger:
        ledger.write("tags/jing-ji/ 经济\ntags/jing-ji/2021/ 经济\n")  # published once, gone since
    convert_here(source, docs, jobs=1)
    assert "经济" in (docs / "tags/jing-ji/2021.md").read_text(encoding="utf-8")
    monkeypatch.setattr(plan, "gone_name_pages", lambda *args: pytest.fail("made again"))
    convert_here(source, docs, jobs=1)  # nothing changed


def test_the_corrected_site_builds_with_every_first_name_page(corrected):
    project, first = corrected
    built = build_site(project, env={"ARCHIVE_SITE_URL": SITE_URL})
    assert built.returncode == 0, built.stderr
    for folder, slugs in first.slugs.items():
        for slug in slugs:
            assert (project / "site" / folder / slug / "index.html").is_file(), (folder, slug)
    # their feed stays at its address too, empty: a subscriber's reader finds it
    feed = (project / "site/feeds/reporters/hu-zong-hao.xml").read_text(encoding="utf-8")
    assert "胡宗昊" in feed and "<entry>" not in feed
    assert "<entry>" in (project / "site/feeds/reporters/li-jie.xml").read_text(encoding="utf-8")
    report = check_site(project / "site", SITE_URL)
    assert report.checked > 0 and report.broken == [], report.broken[:5]


def test_a_sharded_build_keeps_the_empty_feed_of_a_name_no_longer_in_the_archive(corrected):
    """The shards' feeds are written by the assembly over all shards: the feed of a name that
    left the archive must be written there too, or its subscribers get a 404."""
    project, _ = corrected
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1", "ARCHIVE_SITE_URL": SITE_URL}
    built = subprocess.run(
        [sys.executable, "-m", "build_scripts", "build", "--shard-by", "year"],
        cwd=project, capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    feed = (project / "site/feeds/reporters/hu-zong-hao.xml").read_text(encoding="utf-8")
    assert "胡宗昊" in feed and "<entry>" not in feed
    assert "<entry>" in (project / "site/feeds/reporters/li-jie.xml").read_text(encoding="utf-8")
    report = check_site(project / "site", SITE_URL)
    assert report.checked > 0 and report.broken == [], report.broken[:5]


def test_a_reporter_s_family_name_is_read_as_a_family_name():
    """曾 is céng in running text and Zēng as a family name: the reporter's address and the
    letter their name is filed under follow the family name's reading; a tag's do not."""
    ledger = NameLedger()
    assert ledger.pin(REPORTERS, ["曾亦辰", "单 霁", "欧阳晓岚"]) == {
        "曾亦辰": "zeng-yi-chen",
        "单 霁": "dan-ji",  # not a name of two to four characters as printed: read as text
        "欧阳晓岚": "ou-yang-xiao-lan",
    }
    assert ledger.pin(REPORTERS, ["单霁翔", "尉迟恭"]) == {"单霁翔": "shan-ji-xiang", "尉迟恭": "yu-chi-gong"}
    assert ledger.pin(TAGS, ["曾经"]) == {"曾经": "ceng-jing"}
    groups = dict(by_initial(["曾亦辰", "张华", "单霁翔", "陈立"], person=True))
    assert groups["Z"] == ["曾亦辰", "张华"] and groups["S"] == ["单霁翔"] and groups["C"] == ["陈立"]
    assert dict(by_initial(["曾经", "成就"]))["C"] == ["曾经", "成就"]
    # a name is filed under its first syllable as the name reads, as its address spells it
    assert dict(by_initial(["长乐", "张华"], person=True)) == {"C": ["长乐"], "Z": ["张华"]}
    assert romanised_name("曾亦辰") == "Zeng Yichen" and romanised_name("尉迟恭") == "Yuchi Gong"


def test_the_names_of_a_ledger_read_before_are_taken_as_kept_while_its_text_is_the_same(tmp_path, monkeypatch):
    from build_scripts.catalogue import ledger as ledger_module
    from build_scripts.catalogue.ledger import remember_ledger

    path = tmp_path / "urls.lock"
    names = NameLedger()
    names.pin(REPORTERS, ["李杰"])
    path.write_text(dump_ledger({}, "shi-li-ri-bao", names), encoding="utf-8")
    parsed: dict = {}
    read_ledger(path, "shi-li-ri-bao", parsed)
    first = read_names(path, parsed)
    assert first.slugs[REPORTERS] == {"li-jie": "李杰"}
    first.pin(REPORTERS, ["李洁"])  # the conversion adds its new names to what it was given

    def refuse(text, where):
        raise AssertionError("parsed again")

    monkeypatch.setattr(ledger_module, "parse_names", refuse)
    again = read_names(path, parsed)
    assert again.slugs[REPORTERS] == {"li-jie": "李杰"}  # as the file says, not as the first was changed

    text = dump_ledger({}, "shi-li-ri-bao", first)  # the conversion writes the ledger with its new names
    path.write_text(text, encoding="utf-8")
    remember_ledger(parsed, text, {}, first)
    assert read_names(path, parsed).slugs[REPORTERS] == {"li-jie": "李杰", "li-jie-2": "李洁"}

    path.write_text(text + "reporters/wang-yang/ 王洋\n", encoding="utf-8")  # edited by hand
    with pytest.raises(AssertionError, match="parsed again"):
        read_names(path, parsed)


def test_names_the_ledgers_text_would_not_give_back_are_read_from_the_text_not_kept(tmp_path):
    from build_scripts.catalogue.ledger import remember_ledger
    from build_scripts.contract.urls import TAGS

    path = tmp_path / "urls.lock"
    names = NameLedger()
    names.pin(TAGS, ["C#", "经济"])  # `#` begins a comment in the ledger
    text = dump_ledger({}, "shi-li-ri-bao", names)
    path.write_text(text, encoding="utf-8")
    parsed: dict = {}
    remember_ledger(parsed, text, {}, names)
    assert not names.reads_back()
    assert read_names(path, parsed).slugs[TAGS] == parse_names(text, str(path)).slugs[TAGS]  # what a cold run reads
    plain = NameLedger()
    plain.pin(TAGS, ["经济"])
    assert plain.reads_back()
