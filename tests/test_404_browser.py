"""The Chinese 404 page works under a project subpath, served the way GitHub Pages serves it."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from conftest import PUBLIC_URLS, screenshot

from build_scripts.dev.local_server import QuietHandler, serve

SUBPATH = "/zhejiang-daily/"
assert PUBLIC_URLS["subpath"].endswith(SUBPATH)


class _PagesLikeHandler(QuietHandler):
    """Like GitHub Pages: any missing address under the site gets the site's 404.html, status 404."""

    error_page: Path

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        body = self.error_page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve_under_subpath(site: Path, tmp_path: Path):
    """Serve `site` at http://127.0.0.1:PORT/zhejiang-daily/ (the host's root holds only that folder)."""
    root = tmp_path / "host"
    root.mkdir()
    (root / SUBPATH.strip("/")).symlink_to(site, target_is_directory=True)
    handler = type("Handler", (_PagesLikeHandler,), {"error_page": site / "404.html"})
    with serve(root, handler) as base:
        yield base + SUBPATH.lstrip("/")


@pytest.mark.parametrize(
    "missing", ["no-such-page/", "2030/01/01/no-such-article/", "2022/01/28/deeply/nested/gone.html"]
)
def test_a_missing_address_shows_the_chinese_404_page_with_its_styles(page, published_sites, tmp_path, missing):
    failed = []
    page.on("response", lambda r: r.status >= 400 and r.request.resource_type != "document" and failed.append(r.url))
    page.on("requestfailed", lambda r: failed.append(r.url))
    with serve_under_subpath(published_sites["subpath"], tmp_path) as base:
        response = page.goto(base + missing)
        assert response.status == 404
        page.wait_for_load_state("networkidle")
        assert page.locator("h1").inner_text() == "404 · 页面未找到"
        assert page.title().startswith("页面未找到")
        assert page.locator("html").get_attribute("lang") == "zh-Hans"
        # Material's stylesheet and script loaded from the subpath, at whatever depth we are.
        assert failed == []
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
        assert page.evaluate("typeof window.document$") == "object"  # Material's bundle ran
        if missing == "2030/01/01/no-such-article/":
            screenshot(page, "404-under-subpath")

        # Its links lead back into the archive.
        page.locator(".not-found-links").get_by_role("link", name="往期").click()
        page.wait_for_url(base + "archive/")
        assert page.locator("h1").inner_text().startswith("往期")
        page.go_back()
        page.locator(".not-found-links").get_by_role("link", name="首页").click()
        page.wait_for_url(base)
        assert "浙江日报" in page.locator("h1").inner_text()


@pytest.mark.parametrize(("trimmed", "lands_on"), [("2022/01/", "archive/2022/#month-01"), ("2022/", "archive/2022/")])
def test_an_issue_address_cut_back_to_its_month_or_year_leads_to_the_calendar(
    page, published_sites, tmp_path, trimmed, lands_on
):
    """A reader who trims 2022/01/28/ to 2022/01/ gets the month on the year's calendar, not
    the 404 page, under GitHub Pages' project subpath as at a domain's root."""
    with serve_under_subpath(published_sites["subpath"], tmp_path) as base:
        response = page.goto(base + trimmed)
        assert response is not None and response.status == 200
        page.wait_for_url(base + lands_on)
        assert page.locator("h1").inner_text().startswith("2022年")
        assert page.locator("#month-01").count() == 1
