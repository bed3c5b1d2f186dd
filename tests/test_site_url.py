"""One place for the public address: ARCHIVE_SITE_URL, else archive.yml, else mkdocs.yml."""

from __future__ import annotations

import re

import pytest
from conftest import PUBLIC_URLS, build_site, make_archive, run_cli

from build_scripts.contract.site_url import (
    ENV_VAR,
    base_path,
    normalise_site_url,
    public_site_url,
)
from build_scripts.problems import InputError


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("https://archive.example.org", "https://archive.example.org/"),
        ("https://Archive.Example.org/", "https://archive.example.org/"),
        ("https://user.github.io/repo", "https://user.github.io/repo/"),
        ("https://user.github.io/repo///", "https://user.github.io/repo/"),
        ("  http://127.0.0.1:8000/a/b/ ", "http://127.0.0.1:8000/a/b/"),
        ("", ""),
    ],
)
def test_addresses_are_normalised_to_one_trailing_slash(given, expected):
    assert normalise_site_url(given, "here") == expected


@pytest.mark.parametrize("bad", ["user.github.io/repo", "/repo/", "ftp://example.org/", "https://example.org/?a=1"])
def test_a_bad_address_is_a_clear_error_naming_its_source(bad):
    with pytest.raises(InputError) as caught:
        normalise_site_url(bad, "source_texts/archive.yml")
    message = str(caught.value)
    assert message.startswith("source_texts/archive.yml: site_url")
    assert "https://user.github.io/repo/" in message  # says how to fix it


def test_the_environment_wins_then_archive_yml_then_mkdocs_yml():
    env = {ENV_VAR: "https://env.example.org/x"}
    assert (
        public_site_url(env, "https://yml.example.org/", "archive.yml", "https://mk.example.org/")
        == "https://env.example.org/x/"
    )
    assert (
        public_site_url({}, "https://yml.example.org/", "archive.yml", "https://mk.example.org/")
        == "https://yml.example.org/"
    )
    assert public_site_url({ENV_VAR: " "}, "", "archive.yml", "https://mk.example.org/") == "https://mk.example.org/"
    assert public_site_url({}, "", "archive.yml", None) == ""


def test_base_path_is_the_folder_on_the_host():
    assert base_path("https://archive.example.org/") == "/"
    assert base_path("https://user.github.io/repo/") == "/repo/"
    assert base_path("") == "/"


def _canonical(html: str) -> str:
    return re.search(r'<link rel="canonical" href="([^"]+)"', html).group(1)


@pytest.mark.parametrize("where", ["root", "subpath"])
def test_environment_address_reaches_canonical_links(published_sites, where):
    site = published_sites[where]
    url = PUBLIC_URLS[where]
    home = (site / "index.html").read_text(encoding="utf-8")
    article = next(site.glob("2022/01/28/bao-hu-*/index.html"))
    assert _canonical(home) == url
    assert _canonical(article.read_text(encoding="utf-8")) == url + "2022/01/28/" + article.parent.name + "/"


def test_archive_yml_address_is_used_without_the_environment(tmp_path):
    project = make_archive(tmp_path)
    archive_yml = project / "source_texts" / "archive.yml"
    archive_yml.write_text(
        archive_yml.read_text(encoding="utf-8") + "site_url: https://papers.example.net/zjrb\n", encoding="utf-8"
    )
    assert (
        run_cli("convert", "--source", str(project / "source_texts"), "--docs", str(project / "docs")).returncode == 0
    )
    built = build_site(project)
    assert built.returncode == 0, built.stderr
    home = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert _canonical(home) == "https://papers.example.net/zjrb/"
    robots = (project / "site" / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://papers.example.net/zjrb/sitemap.xml" in robots
    # The environment variable overrides archive.yml (the GitHub Pages workflow relies on it).
    again = build_site(project, "--site-dir", "site-env", env={ENV_VAR: "https://user.github.io/zjrb"})
    assert again.returncode == 0, again.stderr
    assert (
        _canonical((project / "site-env" / "index.html").read_text(encoding="utf-8")) == "https://user.github.io/zjrb/"
    )


def test_a_bad_address_stops_the_build_with_a_message_not_a_traceback(sample_site):
    built = build_site(sample_site, "--site-dir", "site-bad", env={ENV_VAR: "user.github.io/repo"})
    assert built.returncode != 0
    assert (
        f"environment variable {ENV_VAR}: site_url 'user.github.io/repo' is not an absolute http(s) address"
        in built.stderr
    )
    assert "Traceback" not in built.stderr
