"""Shared test helpers: where the project and the sample live, and a converted sample site."""

from __future__ import annotations

import inspect
import os
import shutil
import subprocess
from pathlib import Path

import forked_cli
import pytest
from hypothesis import settings

from build_scripts.dev.local_server import serve  # noqa: F401  (tests import it from here)
from build_scripts.plugins.archive.compiled_templates import COMPILED_TEMPLATES

# Property tests are reproducible: a fixed derivation of examples, no example database.
# `ci` (the default) runs every property with its full number of examples; `dev`
# (HYPOTHESIS_PROFILE=dev) a tenth of them, for the edit-test loop.
settings.register_profile("ci", derandomize=True, database=None, deadline=None, print_blob=True)
settings.register_profile("dev", parent=settings.get_profile("ci"))
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
settings.load_profile(PROFILE)


def examples(n: int) -> int:
    """How many examples a property runs: `n` in CI, a tenth of it under the dev profile."""
    return n if PROFILE == "ci" else max(10, n // 10)


ROOT = Path(__file__).resolve().parent.parent
# The tests' own copy of the sample archive (the sample page, its archive.yml and word list),
# so that they keep passing when source_texts/ holds another paper's texts.
SAMPLE_ARCHIVE = ROOT / "tests" / "fixtures" / "sample"
SAMPLE = SAMPLE_ARCHIVE / "2022-01-28.txt"
SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")


def non_space(text: str) -> str:
    return "".join(text.split())


def run_cli(*args: str, cwd: Path | None = None, fresh: bool = False) -> subprocess.CompletedProcess:
    """`python -m build_scripts *args`, in a process forked from one with the commands imported
    (forked_cli.py); `fresh`: in a fresh interpreter, with a hash seed of its own."""
    return forked_cli.run("build_scripts", list(args), cwd or ROOT, {**os.environ, "PYTHONPATH": str(ROOT)}, fresh)


def texts_cut(monkeypatch) -> list[str]:
    """The texts the next search index builds (in this process) cut into words."""
    from build_scripts.plugins.zh_search.segment import Segmenter

    cut: list[str] = []
    positions = Segmenter.positions

    def counted(self, text):
        cut.append(text)
        return positions(self, text)

    monkeypatch.setattr(Segmenter, "positions", counted)
    return cut


def make_archive(tmp_path: Path, files: dict[str, str | bytes] | None = None, with_sample: bool = True) -> Path:
    """A project folder with source_texts/ (archive.yml + the given files), an empty docs/,
    mkdocs.yml and the theme overrides copied from the real project."""
    project = tmp_path / "project"
    source = project / "source_texts"
    source.mkdir(parents=True)
    shutil.copy(SAMPLE_ARCHIVE / "archive.yml", source / "archive.yml")
    if with_sample:
        (source / "2022").mkdir()
        shutil.copy(SAMPLE, source / "2022" / SAMPLE.name)
    for rel, content in (files or {}).items():
        path = source / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    shutil.copy(SAMPLE_ARCHIVE / "userdict.txt", source / "userdict.txt")  # the archive's search words
    (project / "docs").mkdir()
    if (ROOT / "docs" / "about.md").is_file():  # generated from archive.yml unless written by hand
        shutil.copy(ROOT / "docs" / "about.md", project / "docs" / "about.md")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", project / "overrides")
    if SHARED_TEMPLATES:
        # The theme's templates compiled once for all the projects of this test process: Jinja
        # keys each by its file (Material's are the same files for all), checks it against its
        # source when loading it, and writes it whole (compiled_templates.py).
        (project / COMPILED_TEMPLATES).parent.mkdir(parents=True)
        (project / COMPILED_TEMPLATES).symlink_to(SHARED_TEMPLATES, target_is_directory=True)
    return project


SHARED_TEMPLATES: Path | None = None


@pytest.fixture(scope="session", autouse=True)
def shared_compiled_templates(tmp_path_factory):
    global SHARED_TEMPLATES
    SHARED_TEMPLATES = tmp_path_factory.getbasetemp() / "compiled-templates"
    SHARED_TEMPLATES.mkdir(exist_ok=True)


def build_site(
    project: Path, *args: str, env: dict[str, str] | None = None, fresh: bool = False
) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` in `project`, with extra arguments and environment variables;
    `fresh`: in a fresh interpreter, with a hash seed of its own (forked_cli.py)."""
    environ = {k: v for k, v in os.environ.items() if k != "ARCHIVE_SITE_URL"}  # only what a test sets
    environ = {**environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return forked_cli.run("mkdocs", ["build", "--strict", *args], project, environ, fresh)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The sample archive converted and built once for the whole session."""
    project = make_archive(tmp_path_factory.mktemp("sample"))
    result = run_cli("convert", "--source", str(project / "source_texts"), "--docs", str(project / "docs"))
    assert result.returncode == 0, result.stderr
    built = build_site(project)
    assert built.returncode == 0, built.stderr
    return project


SEARCH_ISSUE = ROOT / "tests" / "data" / "search" / "2022-01-29_03_经济.txt"
# a column of short news items, each under its own sub-head (search names the item that matched)
DIGEST_ISSUE = ROOT / "tests" / "data" / "search" / "2022-01-28_04_国际.txt"


@pytest.fixture(scope="session")
def search_site(tmp_path_factory) -> Path:
    """The sample plus a second issue with a 版 number, compound words (国家统计局, 政法委)
    and bylines with names jieba splits (欧阳晓岚), and a third with a column of short news
    items, converted and built once."""
    project = make_archive(
        tmp_path_factory.mktemp("search"),
        {f"2022/{issue.name}": issue.read_text(encoding="utf-8") for issue in (SEARCH_ISSUE, DIGEST_ISSUE)},
    )
    result = run_cli("convert", "--source", str(project / "source_texts"), "--docs", str(project / "docs"))
    assert result.returncode == 0, result.stderr
    built = build_site(project)
    assert built.returncode == 0, built.stderr
    return project


# Public addresses the sample is published at: a domain root, and a GitHub Pages project subpath.
PUBLIC_URLS = {"root": "https://archive.example.org/", "subpath": "https://archive-user.github.io/zhejiang-daily/"}


@pytest.fixture(scope="session")
def published_sites(sample_site) -> dict[str, Path]:
    """The sample built for publication (ARCHIVE_SITE_URL set) at each of PUBLIC_URLS, once per
    session: {"root": site folder, "subpath": site folder}."""
    sites = {}
    for name, url in PUBLIC_URLS.items():
        site = sample_site / f"site-{name}"
        built = build_site(sample_site, "--site-dir", str(site), env={"ARCHIVE_SITE_URL": url})
        assert built.returncode == 0, built.stderr
        sites[name] = site
    return sites


# ---------------------------------------------------------------------------------------
# A real browser (Debian's Chromium driven by Playwright) and a real local HTTP server
# ---------------------------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = ROOT / "test-artifacts"
BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium. Skips on a laptop without it; in CI (CI=true) a missing browser fails."""
    if not CHROMIUM:
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is not installed, and browser tests may not be skipped in CI")
        pytest.skip("Chromium not installed (Debian package 'chromium')")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    tab = context.new_page()
    yield tab
    context.close()


def screenshot(tab, name: str) -> Path:
    """Save a screenshot as a test artifact (test-artifacts/NAME.png)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    tab.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture(scope="session")
def sample_url(sample_site):
    with serve(sample_site / "site") as url:
        yield url


# ---------------------------------------------------------------------------------------
# A richer archive than the sample: several 版 on one day, an earlier year, a headline that
# tries to break out of the page, and a sub-path site_url (as on GitHub Pages).
# ---------------------------------------------------------------------------------------

SUB_PATH_SITE_URL = "https://example.org/zjrb/"
HOSTILE_HEADLINE = "警惕“</script><script>alert(1)</script>”式骗局"
RICH_FILES = {
    # 2022-01-29, 版 1 and 4 (written out of order: the issue page orders them by 版)
    "2022/2022-01-29_04_政法.txt": SAMPLE_TEXT,
    "2022/2022-01-29_01_要闻.txt": (
        f"{HOSTILE_HEADLINE} 反诈宣传进社区\n\n本报记者 王小明 通讯员 张三\n\n"
        "本报讯 近日，杭州开展反诈宣传进社区活动。居民纷纷表示受益匪浅。（相关报道见第四版）\n\n"
        # Markdown a paragraph may hold by chance: a heading mark and a script link
        "## 看点 [链接](javascript:alert(1))，第二段内容，讲述反诈骗知识。\n"
    ),
    # the same day of the year before: the home page's "往年今日"
    "2021/2021-01-28.txt": SAMPLE_TEXT.replace("保护奥林匹克标志", "迎接冬奥会"),
}


@pytest.fixture(scope="session")
def rich_site(tmp_path_factory) -> Path:
    """RICH_FILES plus the sample, converted once and built twice: `site/` (directory URLs,
    sub-path site_url) and `site-offline/` (`.html` files, as in the offline bundle)."""
    project = make_archive(tmp_path_factory.mktemp("rich"), RICH_FILES)
    config = project / "mkdocs.yml"
    config.write_text(f"site_url: {SUB_PATH_SITE_URL}\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    result = run_cli("convert", "--source", str(project / "source_texts"), "--docs", str(project / "docs"))
    assert result.returncode == 0, result.stderr
    for extra in ([], ["--no-directory-urls", "--site-dir", "site-offline"]):
        built = build_site(project, *extra)
        assert built.returncode == 0, built.stderr
    return project


# ---------------------------------------------------------------------------------------
# The edit-test loop: `./scripts/test -m fast` runs the unit tests only. A test is slow when
# it needs a built site or a browser (its fixtures), runs the whole converter or MkDocs (its
# source), or is a property run (Hypothesis) or in a module of long runs.
# ---------------------------------------------------------------------------------------

SLOW_FIXTURES = {
    "sample_site",
    "search_site",
    "published_sites",
    "browser",
    "page",
    "sample_url",
    "rich_site",
    "site",
    "converted",
    "archive",
    "bundle_zip",
    "unzipped",
    "hostile_site",
    "reference",
    "broken_site",
    "preview",
    "search_url",
    "broken_workflow",
}
SLOW_CALLS = ("run_cli(", "build_site(", "subprocess.", "sync_playwright", "convert(")
SLOW_MODULES = {"test_properties", "test_code_quality", "test_malformed", "test_atomic_output"}


def _is_slow(item: pytest.Item) -> bool:
    if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
        return True
    if item.module is not None and item.module.__name__.rpartition(".")[2] in SLOW_MODULES:
        return True
    if hasattr(getattr(item, "obj", None), "hypothesis"):  # a @given property
        return True
    try:
        source = inspect.getsource(item.obj)
    except (TypeError, OSError):
        return False
    return any(call in source for call in SLOW_CALLS)


def pytest_collection_modifyitems(config, items):
    for item in items:
        item.add_marker(pytest.mark.slow if _is_slow(item) else pytest.mark.fast)
