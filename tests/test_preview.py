"""Preview with live reload: `mkdocs serve` converts source_texts/ again when a text changes,
the open page reloads itself, and docs/ stays watched after the converter swaps it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from conftest import make_archive, screenshot

ARTICLE = "2022/01/28/bao-hu-ao-lin-pi-ke-biao-zhi/"
BEFORE, AFTER = "冬奥会将至。", "冬奥会即将开幕。"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail(f"timed out waiting for {what}")


def _serve(project, log_path) -> tuple[subprocess.Popen, str]:
    """`mkdocs serve` in `project` on a free port, once it answers (or has stopped)."""
    base = f"http://127.0.0.1:{_free_port()}/"
    env = {k: v for k, v in os.environ.items() if k != "ARCHIVE_SITE_URL"}
    # the site it serves is built into a temporary folder: under the test's own
    temporary = log_path.parent / "serve-tmp"
    temporary.mkdir(exist_ok=True)
    env["TMPDIR"] = str(temporary)
    with log_path.open("w", encoding="utf-8") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", base[len("http://") : -1]],
            cwd=project,
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**env, "NO_MKDOCS_2_WARNING": "1"},
        )
    _wait_for(lambda: _get(base) is not None or server.poll() is not None, 120, "mkdocs serve to start")
    return server, base


@pytest.fixture
def preview(tmp_path):
    """`mkdocs serve` on a fresh sample project whose docs/ holds only the hand-written page."""
    project = make_archive(tmp_path)
    log_path = tmp_path / "serve.log"
    server, base = _serve(project, log_path)
    for _ in range(2):  # the free port taken by another process before the server bound it (tests run in parallel)
        if server.poll() is None or "in use" not in log_path.read_text(encoding="utf-8"):
            break
        server, base = _serve(project, log_path)
    try:
        assert server.poll() is None, log_path.read_text(encoding="utf-8")
        yield project, base, log_path
    finally:
        _stop(server)


def _stop(server: subprocess.Popen) -> None:
    """Ctrl-C, as a user stops it (it removes the site it built); where Ctrl-C is ignored (a
    background job's), the usual signal, and then the last."""
    for stop, wait in ((server.send_signal, 5), (lambda _: server.terminate(), 20), (lambda _: server.kill(), None)):
        stop(signal.SIGINT)
        try:
            server.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def _builds(log_path) -> int:
    return log_path.read_text(encoding="utf-8").count("Building documentation...")


def _wait_until_quiet(log_path, quiet: float = 5, timeout: float = 90) -> str:
    """The server's log once nothing has been added to it for `quiet` seconds: every build
    that a change set off has finished (a second build would start within a poll, 0.5 s)."""
    deadline = time.monotonic() + timeout
    last, since = None, time.monotonic()
    while time.monotonic() < deadline:
        text = log_path.read_text(encoding="utf-8")
        if text != last:
            last, since = text, time.monotonic()
        elif time.monotonic() - since >= quiet:
            return text
        time.sleep(0.2)
    pytest.fail("the server never went quiet")


def _save(path, text: str) -> None:
    """Save as editors do: the whole new file at once (written aside, then renamed)."""
    aside = path.parent.parent.parent / f".{path.name}.saving"
    aside.write_text(text, encoding="utf-8")
    os.replace(aside, path)


def test_serve_converts_on_change_reloads_the_page_and_keeps_watching(preview, page):
    project, base, log_path = preview
    # The first build converted source_texts/ (docs/ had no article before).
    assert (project / "docs" / "2022" / "01" / "28" / "bao-hu-ao-lin-pi-ke-biao-zhi.md").is_file()
    page.goto(base + ARTICLE)
    assert BEFORE in page.locator("article").inner_text()
    _wait_until_quiet(log_path)
    builds_before = _builds(log_path)

    # Edit the source text: the open page reloads itself with the new text.
    source = project / "source_texts" / "2022" / "2022-01-28.txt"
    _save(source, source.read_text(encoding="utf-8").replace(BEFORE, AFTER))
    # While the page reloads there is a moment with no <article>: that is "not yet", not an error.
    page.wait_for_function(f"(document.querySelector('article')?.innerText || '').includes({AFTER!r})", timeout=60_000)
    assert AFTER in (project / "docs" / "2022" / "01" / "28" / "bao-hu-ao-lin-pi-ke-biao-zhi.md").read_text(
        encoding="utf-8"
    )
    screenshot(page, "preview-live-reload")

    # One rebuild for one change: the converter's own writes to docs/ do not set off another.
    log = _wait_until_quiet(log_path)
    assert _builds(log_path) == builds_before + 1, log
    assert log.count("Converted source_texts/") == 2, log

    # docs/ was swapped by the converter; a hand edit there is still noticed. (The tab
    # leaves first: closing it while the edit reloads it can hang the browser's shutdown.)
    page.goto("about:blank")
    about = project / "docs" / "about.md"  # a hand-written about page replaces the generated one
    about.write_text("# 关于本档案\n\n预览中修改的一句话。\n", encoding="utf-8")
    _wait_for(lambda: "预览中修改的一句话" in (_get(base + "about/") or ""), 60, "the edited about page")
    assert log_path.read_text(encoding="utf-8").count("Converted source_texts/") == 2  # no conversion for it


def test_a_bad_source_text_under_serve_is_reported_and_serving_resumes_once_fixed(preview):
    project, base, log_path = preview
    bad = project / "source_texts" / "no-date-here.txt"
    bad.write_text("标题\n\n正文。\n", encoding="utf-8")
    _wait_for(lambda: "no-date-here.txt" in log_path.read_text(encoding="utf-8"), 60, "the error in the log")
    log = log_path.read_text(encoding="utf-8")
    assert "no-date-here.txt: no date" in log and "Traceback" not in log, log
    # Fixed (here: removed again), the site is built and served again. docs/ still holds the
    # last good conversion of exactly these texts, so it is not converted again.
    bad.unlink()
    _wait_for(lambda: BEFORE in (_get(base + ARTICLE) or ""), 60, "the site to be served again")
    assert log_path.read_text(encoding="utf-8").count("Converted source_texts/") == 1


def test_the_preview_says_the_warnings_of_the_files_it_converts(tmp_path, caplog):
    """A conversion afterwards counts them as printed (`convert` prints only the warnings of
    the files it reads): the preview's own log is where they are seen."""
    import logging

    from build_scripts.plugins.publish.preview import Reconverter

    project = make_archive(tmp_path, {"2022/2022-01-29.txt": "春节假期全省旅游市场平稳有序\n"})
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.build_scripts.plugins.publish.preview"):
        Reconverter().convert_if_changed(project / "source_texts", project / "docs")
    assert "warning: 2022/2022-01-29.txt:1: “春节假期全省旅游市场平稳有序” has no text below it" in caplog.text
