"""The scale rule (maintainers/architecture.md): an article page does not grow with the archive. Listings that
grow (issues, reporters, tags, years) live on index pages that are split by year or letter;
an article page links only to its own issue, neighbours, reporters and tags."""

from __future__ import annotations

import datetime as dt

from conftest import SAMPLE_TEXT, build_site, make_archive, run_cli

ADDED_FILES = 250  # × 4 articles in the sample text = 1,000 articles
FIRST_DAY = dt.date(2019, 6, 1)


def generated_issues(count: int) -> dict[str, str]:
    """`count` issues made from the sample's text, each on its own day with its own titles."""
    files = {}
    for n in range(count):
        day = FIRST_DAY + dt.timedelta(days=3 * n)
        assert day != dt.date(2022, 1, 28)
        text = SAMPLE_TEXT.replace("保护奥林匹克标志", f"保护奥林匹克标志第{n}次检查").replace(
            "全省政法系统热议", f"全省政法系统第{n}次热议"
        )
        files[f"{day.year}/{day.isoformat()}.txt"] = text
    return files


TAG_BYTES = 400  # the most one keyword adds to an article page


def article_sizes(project) -> dict[str, int]:
    pages = (project / "site/2022/01/28").glob("*/index.html")
    return {page.parent.name: page.stat().st_size for page in pages}


def test_article_page_size_is_unchanged_after_adding_1000_articles(sample_site, tmp_path):
    before = article_sizes(sample_site)
    assert len(before) == 4

    project = make_archive(tmp_path, generated_issues(ADDED_FILES))
    converted = run_cli("convert", "--source", str(project / "source_texts"), "--docs", str(project / "docs"))
    assert converted.returncode == 0, converted.stderr
    assert "1,004 articles" in converted.stdout
    built = build_site(project)
    assert built.returncode == 0, built.stderr

    # Only keywords may come with a bigger archive (a tag needs other articles to share it), at
    # most tags_per_article of them, each a chip, two meta tags and a JSON-LD string: bounded.
    after = article_sizes(project)
    assert after.keys() == before.keys()
    for slug, size in before.items():
        assert 0 <= after[slug] - size <= 5 * TAG_BYTES, slug
    # The growing listings were split: 李洁 wrote 251 articles over four years.
    assert sorted(p.name for p in (project / "docs/reporters/li-jie").iterdir()) == [
        "2019.md",
        "2020.md",
        "2021.md",
        "2022.md",
        "index.md",
    ]
