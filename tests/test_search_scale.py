"""Search on a 12,000-article archive over four years, in Chromium: hosted on 127.0.0.1 and
offline from file:// with the network blocked. The query-quality set finds its articles, the
offline search finds what the hosted one finds, every filter and sort does what it says, a
traditional query finds a simplified article, and the cost of a first query is recorded.

The archive is cheap to make: the sample project converted as usual, with its
`docs/data/articles.jsonl` (the search index's only input) replaced by 12,000 generated
records; MkDocs builds the sample's few pages while the plugin indexes the 12,000 articles.
"""

from __future__ import annotations

import json
import re

import opencc
import pytest
from conftest import ARTIFACTS, build_site, make_archive, run_cli, screenshot, serve

from build_scripts.dev.search_archive import write_archive
from build_scripts.dev.search_probe import canonical, first_query, score, top3
from build_scripts.dev.search_queries import Query, make_queries, read_records

ARTICLES = 12_000
PER_YEAR = 3_000  # four years: 2000–2003
QUERIES = 300


@pytest.fixture(scope="module")
def scale(tmp_path_factory, browser):
    project = make_archive(tmp_path_factory.mktemp("scale"))
    converted = run_cli("convert", "--source", str(project / "source_texts"), "--docs", str(project / "docs"))
    assert converted.returncode == 0, converted.stderr
    write_archive(project / "docs", ARTICLES, per_year=PER_YEAR)
    # The hosted site first: the offline build after it takes the index's parts of every year
    # from the search cache (.docs.search-cache) instead of indexing the 12,000 articles again.
    for built in (
        build_site(project),
        build_site(project, "--site-dir", str(project / "site-offline"), env={"OFFLINE": "true"}),
    ):
        assert built.returncode == 0, built.stderr
    records = read_records(project / "docs/data/articles.jsonl")
    return project, records, make_queries(records, QUERIES)


@pytest.fixture(scope="module")
def hosted(scale):
    project, _, _ = scale
    with serve(project / "site") as url:
        yield url


@pytest.fixture(scope="module")
def hosted_top3(scale, hosted, browser):
    _, _, queries = scale
    context = browser.new_context()
    page = context.new_page()
    page.goto(hosted)
    found = top3(page, queries)
    context.close()
    return found


def report(name: str, table: dict[str, tuple[int, int]]) -> str:
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"{name}.json").write_text(json.dumps(table, ensure_ascii=False, indent=1), encoding="utf-8")
    return ", ".join(f"{kind} {hits}/{asked}" for kind, (hits, asked) in sorted(table.items()))


def test_the_query_set_is_a_few_hundred_queries_of_every_kind(scale):
    _, _, queries = scale
    kinds = {q.kind.split("+")[0] for q in queries}
    assert len(queries) == QUERIES and kinds == {"phrase", "reporter", "place"}
    assert sum("+traditional" in q.kind for q in queries) >= QUERIES // 6


def test_hosted_search_finds_the_article_in_the_top_three(scale, hosted_top3):
    _, _, queries = scale
    table = score(queries, hosted_top3)
    summary = report("search-quality-hosted", table)
    hits, asked = table["all"]
    assert hits / asked >= 0.95, summary
    for kind in ("phrase", "reporter", "place"):
        kind_hits, kind_asked = table[kind]
        assert kind_hits / kind_asked >= 0.9, summary


def test_offline_search_finds_what_the_hosted_search_finds(scale, hosted_top3, browser):
    project, _, queries = scale
    context = browser.new_context(offline=True)
    left_file: list[str] = []
    context.on("request", lambda request: request.url.startswith("file://") or left_file.append(request.url))
    page = context.new_page()
    page.goto((project / "site-offline/index.html").as_uri())
    found = top3(page, queries)
    context.close()
    report("search-quality-offline", score(queries, found))
    assert found == hosted_top3
    assert left_file == []


def results(page, base: str, search_page: str, params: dict[str, str]) -> tuple[int, list[dict]]:
    """The search page's results for `params`: the total, and the shown results' title,
    date (ISO) and details line."""
    page.goto(base + search_page + "?" + canonical(params))
    page.wait_for_function(
        "(expected) => document.getElementById('zh-search-page').dataset.shown === expected", arg=canonical(params)
    )
    status = page.locator(".zh-search-status").inner_text()
    total = int(re.search(r"共 (\d+) 篇", status).group(1)) if "共" in status else 0
    shown = []
    for item in page.locator(".zh-search-result").all():
        details = item.locator(".zh-search-details").inner_text()
        y, m, d = map(int, re.match(r"(\d+)年(\d+)月(\d+)日", details).groups())
        shown.append({"title": item.locator("h2").inner_text(), "date": f"{y:04d}-{m:02d}-{d:02d}", "details": details})
    return total, shown


def common_word(records: list[dict]) -> str:
    return "发展" if sum("发展" in r["text"] for r in records[:500]) > 50 else "中国"


def test_every_filter_narrows_the_results_to_what_it_names(scale, hosted, page):
    _, records, _ = scale
    word = common_word(records)
    everything, _ = results(page, hosted, "search/", {"q": word})
    assert everything > 100

    total, shown = results(page, hosted, "search/", {"q": word, "from": "2001", "to": "2002"})
    assert 0 < total < everything and shown and all("2001" <= r["date"][:4] <= "2002" for r in shown)
    _, newest = results(page, hosted, "search/", {"q": word, "from": "2001", "to": "2002", "sort": "newest"})
    assert newest[0]["date"].startswith("2002")

    reporter = json.loads(
        re.search(r",(\[.*\])\);", (scale[0] / "site/assets/search/names.js").read_text("utf-8")).group(1)
    )[0][0]
    total, shown = results(page, hosted, "search/", {"q": word, "reporter": reporter})
    assert 0 < total < everything and all(reporter in r["details"] for r in shown)

    total, shown = results(page, hosted, "search/", {"q": word, "page_name": "经济"})
    assert 0 < total < everything and all(re.search(r"第\d+版 经济", r["details"]) for r in shown)
    screenshot(page, "search-page-filters")


def test_each_sort_orders_the_results(scale, hosted, page):
    _, records, _ = scale
    word = common_word(records)
    _, newest = results(page, hosted, "search/", {"q": word, "sort": "newest"})
    _, oldest = results(page, hosted, "search/", {"q": word, "sort": "oldest"})
    _, relevant = results(page, hosted, "search/", {"q": word})
    dates = [r["date"] for r in newest]
    assert dates == sorted(dates, reverse=True) and dates[0] >= max(r["date"] for r in relevant)
    assert [r["date"] for r in oldest] == sorted(r["date"] for r in oldest)
    assert oldest[0]["date"] <= newest[-1]["date"] and oldest[0]["date"].startswith("2000")
    assert [r["title"] for r in relevant] != [r["title"] for r in newest]


def test_a_traditional_query_finds_the_simplified_article(scale, hosted, page):
    _, records, queries = scale
    phrase = next(q for q in queries if q.kind == "phrase")
    traditional = opencc.OpenCC("s2t.json").convert(phrase.query)
    assert traditional != phrase.query
    page.goto(hosted)
    assert top3(page, [Query(traditional, "phrase", phrase.url)])[0][0] == phrase.url
    printed = next(r for r in records if r["url"] == phrase.url)
    assert phrase.query in printed["text"]  # the article is printed in simplified characters


def test_the_first_query_loads_little(scale, hosted, browser):
    project, _, queries = scale
    query = next(q for q in queries if q.kind == "reporter").query
    costs = {}
    for name, url, site, offline in (
        ("hosted", hosted, project / "site", False),
        ("offline", (project / "site-offline").as_uri() + "/", project / "site-offline", True),
    ):
        page_path = "search/" if name == "hosted" else "search.html"
        cost = first_query(browser, url, site, page_path, {"q": query}, offline=offline)
        costs[name] = cost.__dict__
        assert 0 < cost.bytes < 300_000 and cost.files < 60
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "search-first-query.json").write_text(json.dumps({"query": query, **costs}, indent=1), "utf-8")
