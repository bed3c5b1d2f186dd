"""Material's frame (navigation, tabs, search box, page configuration, interface wording) is
rendered once for each place a page can have and reused: the pages are byte for byte those
rendered whole, page by page."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.structure.files import File
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from build_scripts.plugins.archive import plugin as archive_plugin
from build_scripts.plugins.archive.frame import Frame, place_of


def _built(project: Path, site: Path) -> dict[str, bytes]:
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(site)))
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*.html"))}


def test_pages_with_the_frame_reused_are_the_pages_rendered_whole(sample_site, tmp_path, monkeypatch):
    frames: list[Frame] = []
    original = archive_plugin.ArchivePlugin.on_env

    def on_env(self, env, *, config, files):
        env = original(self, env, config=config, files=files)
        frames.append(env.globals["archive_frame"])
        return env

    monkeypatch.setattr(archive_plugin.ArchivePlugin, "on_env", on_env)
    reused = _built(sample_site, tmp_path / "reused")
    assert frames[0].reused > 0 and len(reused) > 10

    def on_env_whole(self, env, *, config, files):  # every part rendered for every page
        env = original(self, env, config=config, files=files)
        env.globals["archive_frame"].get = lambda part, place: None
        del env.globals["archive_translations"]  # Material's own lookup of the wording
        return env

    monkeypatch.setattr(archive_plugin.ArchivePlugin, "on_env", on_env_whole)
    whole = _built(sample_site, tmp_path / "whole")
    assert reused.keys() == whole.keys()
    assert [name for name in whole if reused[name] != whole[name]] == []


@pytest.mark.fast
def test_a_place_is_where_the_page_links_to_the_navigation_from(tmp_path):
    docs, site = tmp_path / "docs", tmp_path / "site"
    docs.mkdir()
    config = load_config(config_file=None, site_name="x", docs_dir=str(docs), site_dir=str(site))

    def page(path: str) -> Page:
        return Page(None, File(path, str(docs), str(site), True), config)

    home, tags = page("index.md"), page("tags/index.md")
    nav = Navigation([home, tags], [home, tags])
    nav.homepage = home
    one, other = page("2019/01/01/a.md"), page("2020/05/09/b.md")
    assert place_of(one, nav, "../../../..") == place_of(other, nav, "../../../..") is not None
    assert place_of(page("tags/x/index.md"), nav, "../..") != place_of(page("data/x/index.md"), nav, "../..")
    assert place_of(tags, nav, "..") is None  # in the navigation: its tab is the current one
    assert place_of(None, nav, "/") is None  # the 404 page
    frame = Frame()  # the same places, most of them remembered by depth
    for path, base_url in [("2019/01/01/a.md", "../../../.."), ("tags/x/index.md", "../.."), ("tags/index.md", "..")]:
        for _ in range(2):
            assert frame.place(page(path), nav, base_url) == place_of(page(path), nav, base_url)
    assert frame.place(page("2020/05/09/b.md"), nav, "../../../..") == place_of(one, nav, "../../../..")


@pytest.mark.fast
def test_a_part_is_kept_for_its_place_only():
    frame = Frame()
    assert frame.keep("nav", ("..", "../"), "<nav>") == "<nav>"
    assert frame.get("nav", ("..", "../")) == "<nav>" and frame.get("tabs", ("..", "../")) is None
    assert frame.get("nav", ("../..", "../../")) is None
    frame.keep("nav", None, "<nav of a page of the navigation>")
    assert frame.get("nav", None) is None
