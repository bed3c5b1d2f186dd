"""The sample archive builds with `mkdocs build --strict`, in Chinese, articles out of nav."""

from __future__ import annotations

import re

from conftest import build_site


def test_strict_build_has_no_warnings(sample_site):
    result = build_site(sample_site)
    assert result.returncode == 0
    assert "WARNING" not in result.stderr, result.stderr


def test_the_archives_stylesheet_comes_with_the_theme_wherever_docs_was_converted(sample_site):
    """docs/ holds only what the converter wrote (the project here has no hand-written docs/),
    and every page still gets its stylesheet: it is part of the theme's overrides."""
    assert not (sample_site / "docs" / "stylesheets").exists()
    css = (sample_site / "site" / "stylesheets" / "archive.css").read_text(encoding="utf-8")
    assert "@font-face" in css
    home = (sample_site / "site/index.html").read_text(encoding="utf-8")
    assert 'href="stylesheets/archive.css"' in home


def test_pages_are_chinese(sample_site):
    home = (sample_site / "site/index.html").read_text(encoding="utf-8")
    assert re.search(r'<html[^>]* lang="zh-Hans"', home)  # the language of the text, from archive.yml
    assert "本站由" in home and "Made with" not in home  # the footer too
    about = (sample_site / "site/about/index.html").read_text(encoding="utf-8")
    assert 'class="headerlink"' in about and "Permanent link" not in about  # a heading's link too


def test_every_article_is_built_and_linked_from_its_issue(sample_site):
    issue = (sample_site / "site/2022/01/28/index.html").read_text(encoding="utf-8")
    pages = sorted((sample_site / "site/2022/01/28").glob("*/index.html"))
    assert len(pages) == 4
    for page in pages:
        assert f'href="{page.parent.name}/"' in issue


def test_articles_are_not_in_the_navigation(sample_site):
    # The navigation (tabs and sidebar) lists the six top-level pages, never an article.
    home = (sample_site / "site/index.html").read_text(encoding="utf-8")
    nav_links = re.findall(r'<a href="([^"]*)"[^>]*class="md-(?:nav|tabs)__link', home)
    assert nav_links and "往期" in home
    assert not any(link.startswith("2022/") for link in nav_links), nav_links
    assert {"archive/", "reporters/", "tags/", "data/", "about/"} <= set(nav_links)


def test_article_page_shows_title_and_byline(sample_site):
    page = next((sample_site / "site/2022/01/28").glob("bao-hu-*/index.html")).read_text(encoding="utf-8")
    assert "<h1" in page and "保护奥林匹克标志" in page
    byline = re.search(r'<p class="article-byline">(.*?)</p>', page, re.S).group(1)
    assert re.sub(r"<[^>]+>", "", byline).strip() == "本报记者 陈洋根 通讯员 赵文琼 武露露"
