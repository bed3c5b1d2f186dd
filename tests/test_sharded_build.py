"""The sharded build: one MkDocs run per year, assembled into the site one build would make —
the same pages, valid links across years, one sitemap, feeds over all years; and the GitHub
Actions workflow that runs the shards as a matrix."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, make_archive, run_cli

from build_scripts.catalogue.ledger import MOVED, read_ledger
from build_scripts.cli import build_parser
from build_scripts.contract import versions
from build_scripts.contract.urls import SEARCH_INDEX_DIR
from build_scripts.dev.archive_generator import ARTICLES_PER_PAGE, PAGES_PER_DAY, generate
from build_scripts.plugins.archive.compiled_templates import COMPILED_TEMPLATES
from build_scripts.plugins.publish.kept_feeds import RECORD as FEEDS_RECORD
from build_scripts.ship import shard_process, shard_reuse
from build_scripts.ship.linkcheck import check_site
from build_scripts.ship.page_reuse import READS_FILE
from build_scripts.ship.sharded_build import plan_shards, shard_of

WORKFLOW = ROOT / ".github" / "workflows" / "pages-sharded.yml"


def test_every_docs_file_has_one_shard():
    assert shard_of("2019/12/31/index.md") == "2019"
    assert shard_of("archive/2020.md") == "2020"
    assert shard_of("reporters/li-jie/2021.md") == "2021" and shard_of("tags/jing-ji/2019.md") == "2019"
    assert shard_of("data/2020/articles.jsonl") == "2020"
    for rel in (
        "index.md",
        "archive/index.md",
        "reporters/li-jie/index.md",
        "tags/index.md",
        "data/articles.csv",
        "about.md",
    ):
        assert shard_of(rel) == "site"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """An archive across a year boundary, built once whole and once sharded — with a page
    whose date was corrected across it after it was published: its articles' addresses of
    2019 lead to their pages of 2020, another shard's."""
    project = make_archive(tmp_path_factory.mktemp("sharded"), with_sample=False)
    generate(project / "source_texts", PAGES_PER_DAY * ARTICLES_PER_PAGE + 12, first_day=dt.date(2019, 12, 31))
    assert run_cli("convert", cwd=project).returncode == 0
    page = sorted((project / "source_texts").rglob("2019-12-31_*.txt"))[1]
    page.rename(project / "source_texts/2020" / f"2020-01-01_{PAGES_PER_DAY + 1}{page.name[13:]}")
    assert run_cli("convert", cwd=project).returncode == 0
    assert MOVED in {entry.state for entry in read_ledger(project / "source_texts/urls.lock").values()}
    env = {"NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    whole = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", "site-whole"], cwd=project, capture_output=True, text=True,
        env={**__import__("os").environ, **env},
    )  # fmt: skip
    assert whole.returncode == 0, whole.stderr
    sharded = run_cli("build", "--shard-by", "year", cwd=project)
    assert sharded.returncode == 0, sharded.stderr
    assert "3 shard(s) (site, 2019, 2020)" in sharded.stdout
    return project


def _files(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_the_sharded_site_is_the_whole_site(built):
    whole, sharded = _files(built / "site-whole"), _files(built / "site")
    assert sharded.keys() == whole.keys()
    differ = [rel for rel in whole if whole[rel] != sharded[rel]]
    # With Material's search, its index lists the same sections in the same order; only the
    # segmentation of reporters' names on non-article pages may differ (each shard learns the
    # names it builds). The archive's own search index is built from articles.jsonl: the same.
    assert set(differ) <= {"search/search_index.json"}
    if differ:
        one, other = (json.loads(files["search/search_index.json"]) for files in (whole, sharded))

        def sections(index: dict) -> list[tuple[str, str]]:
            return [(d["location"], d["title"].replace("\u200b", "")) for d in index["docs"]]

        assert sections(one) == sections(other)
    # no shard's pages are left beside the site: only what the next build keeps shards (and feeds) by
    left = sorted(path.name for path in (built / "site.shards").iterdir())
    assert left and all(name.endswith((".kept.json", ".publish.json", READS_FILE, FEEDS_RECORD)) for name in left), left


def test_the_theme_compiled_is_kept_for_the_next_build_and_compiled_again_when_edited(built, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(built, project, ignore=shutil.ignore_patterns("site-whole"), symlinks=True)
    compiled = project / COMPILED_TEMPLATES
    compiled.unlink()  # (the folder the tests' projects share: conftest.py) — one of its own
    template = project / "overrides" / "main.html"
    original = template.read_text(encoding="utf-8")
    compiled_at: list[dict[str, int]] = []
    for edit in ("<!-- edited -->", "<!-- edited again -->"):
        template.write_text(original.replace("{{ super() }}", "{{ super() }}" + edit, 1), encoding="utf-8")
        rebuilt = run_cli("build", cwd=project)
        assert "built 3 shard(s)" in rebuilt.stdout, rebuilt.stderr
        assert edit in (project / "site/2020/01/01/index.html").read_text(encoding="utf-8")
        compiled_at.append({path.name: path.stat().st_mtime_ns for path in compiled.iterdir()})
    before, after = compiled_at
    assert len(before) > 10 and before.keys() == after.keys()  # (Material's templates and the overrides)
    rewritten = {name for name in before if after[name] != before[name]}
    assert len(rewritten) == 1, rewritten  # (the template edited; the others compiled once, kept)


def test_links_across_years_reporters_and_feeds_resolve(built):
    site = built / "site"
    report = check_site(site, "https://example.org/archive/")
    assert report.broken == [] and report.checked > 1000
    first_of_2020 = (site / "2020/01/01/index.html").read_text(encoding="utf-8")
    assert re.search(r'href="\.\./\.\./\.\./2019/12/31/"', first_of_2020)  # the issue before, in the other shard
    latest = (site / "feeds/latest.xml").read_text(encoding="utf-8")
    assert "/2019/12/31/" in latest and "/2020/01/01/" in latest  # one feed over both years


def test_shards_build_one_by_one_and_assemble_as_ci_does(built, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(built, project, ignore=shutil.ignore_patterns("site", "site-whole"))
    listed = run_cli("build", "--list-shards", cwd=project)
    assert json.loads(listed.stdout) == list(plan_shards(project / "docs")) == ["site", "2019", "2020"]
    for name in ("2020", "site"):
        assert run_cli("build", "--shard", name, cwd=project).returncode == 0
    # one search index of all years, made by the `site` shard alone: a year's shard makes none
    shards = project / "site.shards"
    assert (shards / "site" / SEARCH_INDEX_DIR / "meta.js").is_file()
    assert not (shards / "2020" / SEARCH_INDEX_DIR).exists()
    assert (shards / "2020" / "2020/01/01/index.html").is_file()
    incomplete = run_cli("build", "--assemble", cwd=project)
    assert incomplete.returncode == 1 and "shard(s) 2019 not built" in incomplete.stderr
    assert run_cli("build", "--shard", "2019", cwd=project).returncode == 0
    assert run_cli("build", "--assemble", cwd=project).returncode == 0
    assert _files(project / "site") == _files(built / "site")


def test_the_workflow_runs_one_job_per_shard_then_assembles_and_deploys():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    jobs = workflow["jobs"]
    assert list(jobs) == ["convert", "shard", "assemble", "deploy"]
    runs = {name: " ".join(s.get("run", "") for s in job.get("steps", [])) for name, job in jobs.items()}
    assert "build --list-shards" in runs["convert"] and "GITHUB_OUTPUT" in runs["convert"]
    assert "python -m build_scripts convert --locked" in runs["convert"]  # the checkout keeps no urls.lock
    assert jobs["shard"]["strategy"]["matrix"]["shard"] == "${{ fromJSON(needs.convert.outputs.shards) }}"
    assert 'build --shard "${{ matrix.shard }}"' in runs["shard"]
    assert jobs["assemble"]["needs"] == "shard" and "build --assemble" in runs["assemble"]
    uses = [s.get("uses", "").split("@")[0] for s in jobs["assemble"]["steps"]]
    assert uses[-1] == "actions/upload-pages-artifact" and jobs["deploy"]["needs"] == "assemble"
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}


def test_a_shard_that_fails_says_what_mkdocs_warned_of(built, tmp_path):
    """A strict build stops on warnings: the sharded build shows them, with the shard's name."""
    project = tmp_path / "project"
    shutil.copytree(built, project, ignore=shutil.ignore_patterns("site", "site-whole", "site.shards"))
    (project / "docs/notes.md").write_text("# 编者的话\n\n见[另一页](missing.md)。\n", encoding="utf-8")
    result = run_cli("build", "--shard", "site", cwd=project)
    assert result.returncode != 0
    assert "shard site: WARNING - " in result.stderr and "missing.md" in result.stderr, result.stderr


def _shard_process(build: subprocess.Popen) -> int:
    """The process id of the first shard the build starts (its resource tracker is no shard)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        for task in Path(f"/proc/{build.pid}/task").glob("*"):
            for child in (task / "children").read_text().split():
                try:
                    command = Path(f"/proc/{child}/cmdline").read_bytes()
                except OSError:
                    continue
                if b"spawn_main" in command:
                    return int(child)
        assert build.poll() is None, build.communicate()
        time.sleep(0.01)
    raise AssertionError("no shard was started")


def _ended(pid: int) -> bool:
    """Gone, or ended and waiting to be reaped (a zombie)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0] in ("Z", "X")
    except OSError:
        return True


def _start_build(project: Path, output: int = subprocess.PIPE) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "build_scripts", "build", "--jobs", "1"],
        cwd=project,
        stdout=output,
        stderr=output,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"},
    )


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="processes are found in /proc (Linux)")
def test_a_shard_killed_by_the_system_is_named_as_such(tmp_path):
    """Out of memory, the kernel kills a shard's process: the build says so, not that it is a bug."""
    project = make_archive(tmp_path)
    assert run_cli("convert", cwd=project).returncode == 0
    build = _start_build(project)
    os.kill(_shard_process(build), signal.SIGKILL)
    _, err = build.communicate(timeout=120)
    assert build.returncode == 1
    assert "error: a shard's build process was killed before it finished" in err, err
    assert "bug" not in err


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="processes are found in /proc (Linux)")
def test_a_build_killed_by_force_leaves_no_shard_building(built, tmp_path):
    project = tmp_path / "project"  # two years of pages: a shard builds for several seconds
    shutil.copytree(built, project, ignore=shutil.ignore_patterns("site", "site-whole", "site.shards"))
    build = _start_build(project, subprocess.DEVNULL)
    shard = _shard_process(build)
    build.kill()
    build.wait()
    deadline = time.monotonic() + 2
    while not _ended(shard):
        assert time.monotonic() < deadline, "the shard builds on without its build"
        time.sleep(0.02)


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="processes are found in /proc (Linux)")
def test_ctrl_c_stops_a_sharded_build_in_one_line_and_what_it_left_goes_with_the_next(built, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(built, project, ignore=shutil.ignore_patterns("site", "site-whole", "site.shards"))
    build = subprocess.Popen(
        [sys.executable, "-m", "build_scripts", "build", "--jobs", "1"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"},
        start_new_session=True,
    )
    _shard_process(build)
    time.sleep(1.5)  # the `site` shard's MkDocs run under way, its search indexer started
    os.killpg(build.pid, signal.SIGINT)  # Ctrl-C: the terminal interrupts every process of the build
    _, err = build.communicate(timeout=120)
    assert build.returncode == 130 and "interrupted" in err and "Traceback" not in err, err
    again = run_cli("build", cwd=project)
    assert again.returncode == 0, again.stderr
    assert not list((project / "site.shards").glob(".zh-search-*"))  # the indexer's scratch folder


def test_a_shard_stopped_mid_build_shuts_its_plugins_down(built, tmp_path, monkeypatch):
    """As `mkdocs build` does: whatever ends the build (here Ctrl-C or SIGTERM, as
    `shard_process.interrupted` raises them), the plugins' shutdown runs — the search's indexer, a process of
    its own, stopped and its scratch folder removed."""
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.plugins import PluginCollection

    from build_scripts.plugins.publish.shards import SHARD_DATA_ENV

    monkeypatch.setenv(SHARD_DATA_ENV, "")  # (the shard sets it: put back after the test)
    shut: list[str] = []
    monkeypatch.setattr(PluginCollection, "on_shutdown", lambda self: shut.append("shut down"))

    def stopped(config):
        shard_process.interrupted(signal.SIGTERM, None)

    monkeypatch.setattr(mkdocs_build, "build", stopped)
    with pytest.raises(SystemExit):
        shard_process.build_shard(built / "mkdocs.yml", "2020", [], tmp_path / "site")
    assert shut == ["shut down"]


def test_a_shard_stopped_by_ctrl_c_stops_the_build_whichever_process_meets_the_signal_first(monkeypatch):
    """Its process ends as Ctrl-C ends it (`shard_process.interrupted`); the build that waits for it is
    interrupted too, even if its own signal has not reached it yet (a loaded machine)."""
    from build_scripts.ship import sharded_build

    def stopped(*args):
        shard_process.interrupted(signal.SIGINT, None)

    monkeypatch.setattr(shard_process, "build_shard", stopped)
    answer = shard_process.build_one((Path("mkdocs.yml"), "2021", [], Path("site")))
    assert answer == shard_process.INTERRUPTED
    with pytest.raises(KeyboardInterrupt):
        sharded_build._failures(["", "shard 2020: aborted", answer])
    assert sharded_build._failures(["", "shard 2020: aborted"]) == ["shard 2020: aborted"]


def test_a_sharded_build_without_a_public_address_says_it_writes_no_sitemap_or_feeds(tmp_path):
    project = make_archive(tmp_path)  # the sample's archive.yml names no site_url
    assert run_cli("convert", cwd=project).returncode == 0
    result = run_cli("build", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "note: No site_url (set it in source_texts/archive.yml or ARCHIVE_SITE_URL)" in result.stderr
    assert not (project / "site" / "sitemap.xml").exists() and (project / "site" / "index.html").is_file()
    # built again after an edit: of its shards, only the pages that changed (none to list in a sitemap)
    page = sorted((project / "source_texts").rglob("*.txt"))[0]
    page.write_text(page.read_text(encoding="utf-8").replace("。", "。补记一句。", 1), encoding="utf-8")
    assert run_cli("convert", cwd=project).returncode == 0
    again = run_cli("build", cwd=project)
    assert again.returncode == 0, again.stderr
    assert re.search(r"shard \d{4}: \d+ of its [\d,]+ files built again", again.stdout), again.stdout
    assert not (project / "site" / "sitemap.xml").exists()


def _edit_first_sentence(folder: Path, year: str) -> None:
    page = sorted((folder / "source_texts").rglob(f"{year}-*.txt"))[0]
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("。", "。补记一句。", 1), encoding="utf-8")


@pytest.fixture(scope="module")
def edited(built, tmp_path_factory):
    """The built archive after a night that edited an article of 2019: converted and built
    again, the site built before aside (`.site.replaced`); with what that build printed."""
    project = tmp_path_factory.mktemp("edited") / "project"
    shutil.copytree(built, project, ignore=shutil.ignore_patterns("site-whole"), symlinks=True)
    _edit_first_sentence(project, "2019")
    assert run_cli("convert", cwd=project).returncode == 0
    feeds = {
        p.relative_to(project / "site").as_posix(): p.read_bytes() for p in (project / "site").glob("feeds/**/*.xml")
    }
    night = run_cli("build", cwd=project)
    assert night.returncode == 0, night.stderr
    return project, night.stdout, feeds


def _copy(project: Path, to: Path) -> Path:
    """A copy of a project in which files that are one file in two folders (a site's and the
    site aside's, linked to the same shard's file) are one file still."""
    copied: dict[tuple[int, int], Path] = {}
    for folder, folders, files in os.walk(project):
        here = to / Path(folder).relative_to(project)
        here.mkdir(exist_ok=True)
        for name in folders + files:
            path, there = Path(folder) / name, here / name
            if path.is_symlink():
                there.symlink_to(os.readlink(path))
            elif name in files:
                stat = path.stat()
                if (stat.st_dev, stat.st_ino) in copied:
                    os.link(copied[stat.st_dev, stat.st_ino], there)
                else:
                    shutil.copy2(path, there)
                    copied[stat.st_dev, stat.st_ino] = there
    return to


def test_a_year_whose_pages_did_not_change_is_kept_from_the_last_build(built, edited, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(built, project, ignore=shutil.ignore_patterns("site-whole"), symlinks=True)
    again = run_cli("build", cwd=project)
    assert again.returncode == 0, again.stderr
    assert "built 0 shard(s) (none)" in again.stdout and "kept 3 shard(s)" in again.stdout
    assert _files(project / "site") == _files(built / "site")
    # an article of 2019 edited: its year and the `site` shard (indexes, data, search) are built again
    project, printed, _ = _copy(edited[0], tmp_path / "edited"), *edited[1:]
    assert "built 2 shard(s) (site, 2019)" in printed and "kept 1 shard(s)" in printed, printed
    # of 2019, only the pages the edit changed, and those that show them, are made again
    made, files = map(int, re.search(r"shard 2019: (\d+) of its ([\d,]+) files", printed).groups())
    assert 0 < made < files / 4, printed
    # and of the `site` shard, the pages that show it (its reporters' and tags', the data page)
    made, files = map(int, re.search(r"shard site: (\d+) of its ([\d,]+) files", printed).groups())
    assert 0 < made < files / 2, printed
    # edited again: the same two shards built, 2020 still kept (its files are its own, not
    # the theme's files every shard makes, which the `site` shard put in place anew)
    _edit_first_sentence(project, "2019")
    assert run_cli("convert", cwd=project).returncode == 0
    twice = run_cli("build", cwd=project)
    assert "built 2 shard(s) (site, 2019)" in twice.stdout and "kept 1 shard(s)" in twice.stdout, twice.stdout
    full = run_cli("build", "--full", "--site-dir", str(project / "site-full"), cwd=project)
    assert "built 3 shard(s)" in full.stdout, full.stderr
    # the same site, byte for byte, as every shard built afresh (feeds and sitemap over all years)
    assert _files(project / "site") == _files(project / "site-full") != _files(built / "site")
    # what every shard is built with changed (here mkdocs.yml): every shard is built again
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\n# a maintainer's note\n", encoding="utf-8")
    assert "built 3 shard(s)" in run_cli("build", cwd=project).stdout
    # a kept shard's file gone from the site (removed by hand), or written over (by a plain
    # `mkdocs build` into the same folder): that shard is built again
    (project / "site" / "2020" / "01" / "01" / "index.html").unlink()
    rebuilt = run_cli("build", cwd=project)
    assert "built 1 shard(s) (2020)" in rebuilt.stdout, rebuilt.stdout
    assert (project / "site" / "2020" / "01" / "01" / "index.html").is_file()
    written_over = project / "site" / "2019" / "12" / "31" / "index.html"
    time.sleep(0.01)
    written_over.write_bytes(written_over.read_bytes().replace(b"</body>", b"<!-- another build --></body>"))
    rebuilt = run_cli("build", cwd=project)
    assert "built 1 shard(s) (2019)" in rebuilt.stdout, rebuilt.stdout
    assert b"another build" not in written_over.read_bytes()


def test_a_sharded_build_whose_assembly_failed_keeps_nothing_it_built(built, tmp_path, monkeypatch):
    from build_scripts.ship import sharded_build

    project = tmp_path / "project"
    shutil.copytree(built, project, ignore=shutil.ignore_patterns("site-whole"), symlinks=True)
    page = sorted((project / "source_texts").rglob("2019-*.txt"))[0]
    _edit_first_sentence(project, "2019")
    assert run_cli("convert", cwd=project).returncode == 0

    def broken(self, source):
        raise OSError("disk full")

    monkeypatch.setattr(sharded_build.Staging, "move_tree", broken)
    args = build_parser().parse_args(["build", "--config-file", str(project / "mkdocs.yml"), "--jobs", "1"])
    with pytest.raises(OSError):
        sharded_build.command(args)
    assert _files(project / "site") == _files(built / "site")  # the last site, whole
    monkeypatch.undo()
    again = run_cli("build", cwd=project)
    assert "built 2 shard(s) (site, 2019)" in again.stdout, again.stdout  # not the last site's 2019
    assert any("补记一句" in page.read_text(encoding="utf-8") for page in (project / "site" / "2019").rglob("*.html"))
    # edited again, that build failed, the edit undone: the pages are those of the last site,
    # but the shards that build made their feeds' records and search index for are built again
    edited = page.read_text(encoding="utf-8")
    monkeypatch.setattr(sharded_build.Staging, "move_tree", broken)
    page.write_text(edited.replace("补记一句。", "补记一句。又记一句。", 1), encoding="utf-8")
    assert run_cli("convert", cwd=project).returncode == 0
    with pytest.raises(OSError):
        sharded_build.command(args)
    monkeypatch.undo()
    page.write_text(edited, encoding="utf-8")
    assert run_cli("convert", cwd=project).returncode == 0
    undone = run_cli("build", cwd=project)
    assert "built 2 shard(s) (site, 2019)" in undone.stdout, undone.stdout
    assert "又记一句" not in (project / "site" / "feeds" / "latest.xml").read_text(encoding="utf-8")


def test_the_site_is_swapped_in_whole_never_served_half_deleted(built, tmp_path, monkeypatch):
    from build_scripts.ship import sharded_build, staging

    project = tmp_path / "project"
    shutil.copytree(built, project, ignore=shutil.ignore_patterns("site-whole"), symlinks=True)
    _edit_first_sentence(project, "2019")
    assert run_cli("convert", cwd=project).returncode == 0
    site, deleting = project / "site", []
    rmtree = shutil.rmtree

    def watched(path, *args, **kwargs):
        if Path(path).exists():
            deleting.append(Path(path))
        rmtree(path, *args, **kwargs)

    monkeypatch.setattr(sharded_build.shutil, "rmtree", watched)
    monkeypatch.setattr(staging.shutil, "rmtree", watched)
    before = _files(site)
    args = build_parser().parse_args(["build", "--config-file", str(project / "mkdocs.yml"), "--jobs", "1"])
    assert sharded_build.command(args) == 0
    # the site itself is never deleted, nor the one it replaced: that is kept aside, whole
    replaced = project / ".site.replaced"
    assert site not in deleting and replaced not in deleting, deleting
    assert _files(replaced) == before
    assert any("补记一句" in page.read_text(encoding="utf-8") for page in (site / "2019").rglob("*.html"))


def test_a_site_is_assembled_in_the_one_replaced_last_time_and_is_the_same_as_one_made_afresh(edited, tmp_path):
    """The night's assembly starts from the site the last one replaced: the files unchanged are
    the very files it holds, the rest put in place; what the new site lacks is gone, folders
    too. The site is the one an assembly from nothing makes."""
    project = _copy(edited[0], tmp_path / "project")  # (the site built before the edit aside)
    replaced, site = project / ".site.replaced", project / "site"
    _edit_first_sentence(project, "2019")
    assert run_cli("convert", cwd=project).returncode == 0
    (replaced / "2019" / "old.html").write_text("a page no build makes now", encoding="utf-8")
    (replaced / "old" / "folder").mkdir(parents=True)
    (replaced / "old" / "folder" / "index.html").write_text("nor this", encoding="utf-8")
    (replaced / "index.html").unlink()
    (replaced / "index.html").mkdir()  # a folder where the site has a file
    outside = tmp_path / "outside"  # a link to a folder elsewhere where the site has a folder
    shutil.move(replaced / "2020", outside)
    (replaced / "2020").symlink_to(outside, target_is_directory=True)
    elsewhere = _files(outside)
    served = _files(site)
    night = run_cli("build", cwd=project)
    assert night.returncode == 0, night.stderr
    fresh = tmp_path / "fresh"
    assert run_cli("build", "--full", "--site-dir", str(fresh), cwd=project).returncode == 0
    assert _files(site) == _files(fresh)
    assert _files(outside) == elsewhere and not (site / "2020").is_symlink()
    folders = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_dir()}
    assert folders == {p.relative_to(fresh).as_posix() for p in fresh.rglob("*") if p.is_dir()}
    # the site served until then is aside, as it was (none of its files written over), and
    # the pages no build since changed are the same files in both
    assert _files(replaced) == served
    shared = [p for p in site.rglob("*.html") if p.stat().st_ino == _inode(replaced / p.relative_to(site))]
    assert shared
    assert not any("补记一句。补记一句" in p.read_text(encoding="utf-8") for p in shared)


def test_a_night_with_nothing_new_links_no_file_the_site_aside_holds_already(edited, tmp_path, monkeypatch):
    """The files the site aside holds already, the very files, are not linked again: an
    assembly links only what the last two builds changed."""
    from build_scripts.ship import sharded_build, staging

    project = _copy(edited[0], tmp_path / "project")
    linked: list[str] = []
    link = os.link

    def counted(source, there):
        linked.append(there)
        link(source, there)

    monkeypatch.setattr(staging.os, "link", counted)
    args = build_parser().parse_args(["build", "--config-file", str(project / "mkdocs.yml"), "--jobs", "1"])
    assert sharded_build.command(args) == 0  # every shard kept: each of its files linked in
    site = project / "site"
    files = [p for p in site.rglob("*") if p.is_file()]
    changed = [p for p in files if p.stat().st_ino != _inode(project / ".site.replaced" / p.relative_to(site))]
    # (but those publishing writes anew: sitemap, feeds, a moved address's citation)
    assert 0 < len(linked) < len(files) // 2 and len(changed) < len(files) // 2


def test_a_night_writes_again_only_the_feeds_whose_articles_changed(edited, tmp_path):
    """A feed made of what it was made of last time is the very file the site served holds,
    linked, not written again; a feed whose articles changed is written, and so is one written
    over in the site served since. The site is the one a build of every page makes."""
    project = _copy(edited[0], tmp_path / "project")
    site = project / "site"

    def feeds(site: Path = site) -> dict[str, tuple[int, bytes]]:
        return {p.relative_to(site).as_posix(): (p.stat().st_ino, p.read_bytes()) for p in site.glob("feeds/**/*.xml")}

    # the site served before the night that edited an article: aside, its feeds as they were
    before, after = feeds(project / ".site.replaced"), feeds()
    assert {rel: data for rel, (_, data) in before.items()} == edited[2]
    changed = {rel for rel, (_, data) in after.items() if before[rel][1] != data}
    kept = {rel for rel, (inode, _) in after.items() if before[rel][0] == inode}
    assert changed and not changed & kept  # (the edited article's reporters' feeds)
    assert len(kept) > len(after) // 2, (len(kept), len(after))
    # a kept feed written over in the site served (by hand, by another build): written again
    written_over = site / sorted(kept)[0]
    written_over.write_bytes(b"<feed>another build</feed>\n")
    _edit_first_sentence(project, "2019")
    assert run_cli("convert", cwd=project).returncode == 0
    assert run_cli("build", cwd=project).returncode == 0
    fresh = tmp_path / "fresh"
    assert run_cli("build", "--full", "--site-dir", str(fresh), cwd=project).returncode == 0
    assert _files(site) == _files(fresh)
    assert b"another build" not in written_over.read_bytes()
    # a build of every page (`--full`) in place writes every feed
    before = feeds()
    assert run_cli("build", "--full", cwd=project).returncode == 0
    assert not {rel for rel, (inode, _) in feeds().items() if before[rel][0] == inode}


def _inode(path: Path) -> int | None:
    return path.stat().st_ino if path.exists() else None


def test_a_site_left_aside_by_a_build_stopped_mid_swap_is_put_back_and_a_linked_site_stays_linked(built, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(built, project, ignore=shutil.ignore_patterns("site-whole"), symlinks=True)
    # stopped between the swap's two renames: the last site aside, none in its place, the new
    # one still where it was assembled
    (project / "site").rename(project / ".site.replaced")
    (project / ".site.assembling").mkdir()
    again = run_cli("build", cwd=project)
    assert "kept 3 shard(s)" in again.stdout, again.stdout  # the last site, put back, kept whole
    assert _files(project / "site") == _files(built / "site")
    # a site deleted by hand is not the last site put back: the site aside is two builds old
    shutil.rmtree(project / "site")
    assert (project / ".site.replaced").is_dir()
    afresh = run_cli("build", cwd=project)
    assert "built 3 shard(s)" in afresh.stdout, afresh.stdout
    assert _files(project / "site") == _files(built / "site")
    # the site's folder a link to where a server serves it: the folder it names is replaced
    served = tmp_path / "www" / "archive"
    served.parent.mkdir()
    (project / "site").rename(served)
    (project / "site").symlink_to(served, target_is_directory=True)
    _edit_first_sentence(project, "2019")
    assert run_cli("convert", cwd=project).returncode == 0
    edited = run_cli("build", cwd=project)
    assert edited.returncode == 0, edited.stderr
    assert (project / "site").is_symlink() and (project / "site").resolve() == served
    assert any("补记一句" in page.read_text(encoding="utf-8") for page in (served / "2019").rglob("*.html"))


def test_material_search_index_is_merged_from_shards_built_and_kept(built, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(built, project, ignore=shutil.ignore_patterns("site", "site-whole", "site.shards"))
    config = project / "mkdocs.yml"
    # (Material's search instead of the archive's: the links to the archive's search page go nowhere)
    text = config.read_text(encoding="utf-8").replace("  - zh-search\n", "  - search\n")
    config.write_text(text.replace("strict: true", "strict: false"), encoding="utf-8")
    first = run_cli("build", cwd=project)
    assert first.returncode == 0, first.stderr
    index = project / "site" / "search" / "search_index.json"
    documents = json.loads(index.read_text(encoding="utf-8"))["docs"]
    assert any(d["location"].startswith("2019/") for d in documents) and any(
        d["location"].startswith("2020/") for d in documents
    )
    _edit_first_sentence(project, "2019")
    assert run_cli("convert", cwd=project).returncode == 0
    again = run_cli("build", cwd=project)
    assert "kept 1 shard(s)" in again.stdout, again.stdout
    merged = json.loads(index.read_text(encoding="utf-8"))["docs"]
    assert [d["location"] for d in merged] == [d["location"] for d in documents]
    assert any("补记一句" in d["text"].replace("\u200b", "") for d in merged)  # (words parted by zero-width spaces)
    # shards built one by one and assembled (a CI matrix): the same index
    for name in ("site", "2019", "2020"):
        assert run_cli("build", "--shard", name, cwd=project).returncode == 0
    assert run_cli("build", "--assemble", cwd=project).returncode == 0
    assert json.loads(index.read_text(encoding="utf-8"))["docs"] == merged


def test_a_shards_key_is_the_one_its_build_is_kept_by(built, tmp_path):
    """`build --shard-key NAME` (the key of the CI matrix's cache of a shard) is the key a local
    build keeps that shard by: it changes with the shard's own pages, not with another year's."""
    project = tmp_path / "project"
    shutil.copytree(built, project, ignore=shutil.ignore_patterns("site-whole"), symlinks=True)

    def key(name: str) -> str:
        printed = run_cli("build", "--shard-key", name, cwd=project)
        assert printed.returncode == 0, printed.stderr
        return printed.stdout.strip()

    def kept_key(name: str) -> str:
        return json.loads((project / "site.shards" / f"{name}.kept.json").read_text(encoding="utf-8"))["key"]

    before = {name: key(name) for name in ("site", "2019", "2020")}
    assert before == {name: kept_key(name) for name in before} and len(set(before.values())) == 3
    _edit_first_sentence(project, "2019")
    assert run_cli("convert", cwd=project).returncode == 0
    after = {name: key(name) for name in before}
    assert after["2020"] == before["2020"]
    assert after["2019"] != before["2019"] and after["site"] != before["site"]  # (its data and indexes hold the text)
    unknown = run_cli("build", "--shard-key", "1999", cwd=project)
    assert unknown.returncode == 2 and "no shard named 1999 — the shards are site, 2019, 2020" in unknown.stderr
    # a wrong name is the command's input (2, as above), and the command does nothing: the
    # shard named beside it keeps what was kept of it
    unknown = run_cli("build", "--shard", "2020", "--shard", "1999", cwd=project)
    assert unknown.returncode == 2 and "no shard named 1999 — the shards are site, 2019, 2020" in unknown.stderr
    assert kept_key("2020") == before["2020"]


def test_the_workflow_builds_a_shard_only_where_no_run_before_built_it_from_the_same():
    """Each matrix job restores its shard cached under the shard's key, and builds it only
    where none was; the key is taken with the public address the shard is built with."""
    steps = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["shard"]["steps"]
    keyed = next(s for s in steps if "build --shard-key" in s.get("run", ""))
    cache = next(s for s in steps if s.get("id") == "kept")
    build = next(s for s in steps if 'build --shard "${{ matrix.shard }}"' in s.get("run", ""))
    assert steps.index(keyed) < steps.index(cache) < steps.index(build)
    assert '--shard-key "${{ matrix.shard }}"' in keyed["run"] and "GITHUB_OUTPUT" in keyed["run"]
    assert keyed["env"] == build["env"]  # (the public address is part of what a shard is built from)
    assert f"${{{{ steps.{keyed['id']}.outputs.key }}}}" in cache["with"]["key"]
    assert "${{ matrix.shard }}" in cache["with"]["key"] and "restore-keys" not in cache["with"]  # exact keys only
    assert cache["with"]["path"].splitlines() == [
        "site.shards/${{ matrix.shard }}/",
        "site.shards/${{ matrix.shard }}.publish.json",
    ]
    assert build["if"] == f"steps.{cache['id']}.outputs.cache-hit != 'true'"
    assert "test -n" in keyed["run"]  # a key command that failed stops the job, never keys a cache ""
    # the `site` shard's search index cuts again only the years changed since the run before
    search = next(s for s in steps if s.get("with", {}).get("path") == ".docs.search-cache")
    assert search["if"] == "matrix.shard == 'site'" and steps.index(search) < steps.index(build)
    assert search["with"]["key"].startswith(search["with"]["restore-keys"]) and "github.sha" in search["with"]["key"]
    # what the next job takes: the shard's folder and record, built now or restored
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"].splitlines() == cache["with"]["path"].splitlines()


def test_a_shards_key_changes_with_any_library_installed(tmp_path, monkeypatch):
    """Not only the libraries a list would name: MarkupSafe, pathspec or Pygments shape pages too."""

    class Installed:
        def __init__(self, name: str, version: str):
            self.metadata, self.version = {"Name": name}, version

    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n", encoding="utf-8")

    def key(markupsafe: str) -> bytes:
        libraries = [Installed("mkdocs", "1.6.1"), Installed("MarkupSafe", markupsafe)]
        monkeypatch.setattr(versions.metadata, "distributions", lambda: libraries)
        return shard_reuse.build_digest(config, tmp_path, None, None)

    assert key("2.1.5") == key("2.1.5") != key("3.0.2")


def test_each_shard_is_counted_as_it_is_built(built, tmp_path, monkeypatch):
    from test_progress import counting_bars

    from build_scripts.ship import sharded_build

    bars: list = []
    monkeypatch.setattr(sharded_build, "progress_bar", counting_bars(bars))
    names = sharded_build.build_all(built / "mkdocs.yml", built / "docs", tmp_path / "site", 2, ["2019", "2020"])
    assert names == ["2019", "2020"]
    assert [(bar.what, bar.total, bar.done) for bar in bars] == [("building shards", 2, 2)]


def test_building_a_docs_folder_never_converted_says_to_convert_first(tmp_path):
    project = make_archive(tmp_path)  # source texts, and an empty docs/
    result = run_cli("build", cwd=project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip().endswith(
        "no converted pages — convert the source texts first: python -m build_scripts convert"
    ), result.stderr
    assert not (project / "site").exists()


def test_a_compiled_template_that_cannot_be_kept_is_no_error(tmp_path):
    """A template compiled where its file cannot be written (a folder made read-only, a full
    disk): the build goes on, and compiles it again next time."""
    from jinja2 import Environment, FileSystemLoader

    from build_scripts.plugins.archive.compiled_templates import keep_compiled_templates

    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "page.html").write_text("<p>{{ title }}</p>", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: 档案\n", encoding="utf-8")
    env = Environment(loader=FileSystemLoader(str(tmp_path / "templates")))
    keep_compiled_templates(env, str(tmp_path / "mkdocs.yml"))
    kept = tmp_path / COMPILED_TEMPLATES
    assert env.get_template("page.html").render(title="要闻") == "<p>要闻</p>" and len(list(kept.iterdir())) == 1
    shutil.rmtree(kept)  # (gone: the file cannot be written there)
    assert env.cache is not None
    env.cache.clear()  # (the template loaded again, as by the next process)
    assert env.get_template("page.html").render(title="要闻") == "<p>要闻</p>"
