"""The project folders the pipeline benchmark measures (bench_build.py): a generated archive,
or a copy of a real archive's source texts, each with the site's config and templates and the
configs of the two baselines built on the same docs/ — bare Material (the floor) and bare
Material with every page in `nav` (the naive setup) — and the edit that stands for a
correction to one day's paper."""

from __future__ import annotations

import re
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from build_scripts.contract.record import ARTICLE_TEMPLATE
from build_scripts.dev.archive_generator import generate
from build_scripts.ingest.archive_config import LEDGER_FILE
from build_scripts.ingest.corrections import sidecar_of
from build_scripts.ingest.decoding import decode
from build_scripts.problems import InputError
from build_scripts.writers.moved_pages import MOVED_TEMPLATE

ROOT = Path(__file__).resolve().parents[2]
FLOOR_CONFIG = """site_name: floor
docs_dir: docs
theme:
  name: material
  language: zh
  font: false
  custom_dir: floor-overrides
plugins: []
markdown_extensions:
  - attr_list
  - md_in_html
  - toc:
      permalink: true
validation:
  nav: {omitted_files: ignore, not_found: ignore, absolute_links: ignore}
  links: {not_found: ignore, absolute_links: ignore, unrecognized_links: ignore, anchors: ignore}
"""
FLOOR_NAV = "nav:\n  - index.md\nnot_in_nav: |\n  *\n"
# Article pages, and the pages an address cut back to its month leads on from, name their
# template; bare Material has none of those names, so each is its own page template.
BARE_TEMPLATE = '{% extends "main.html" %}\n'
NAMED_TEMPLATES = (ARTICLE_TEMPLATE, MOVED_TEMPLATE)


TRASH = ".trash"  # archives of the last run, set aside until this run has measured everything


class BenchError(Exception):
    pass


@dataclass
class Step:
    """One measured step: medians over the runs."""

    name: str
    seconds: float
    peak_rss: int  # bytes
    site_bytes: int = 0
    runs: list[float] = field(default_factory=list)
    error: str = ""  # why the step failed, if it did
    cpu_seconds: float = 0.0  # user + system time of the step's processes


@dataclass
class SizeResult:
    articles: int
    files: int
    years: int
    steps: dict[str, Step] = field(default_factory=dict)
    source: str = ""  # the folder of real pages measured (`--source`), or "" for a generated archive
    runs: int = 1  # the runs of each step its figures are the medians of


def _set_aside(folder: Path) -> None:
    """The last run's project folder, set aside and deleted once everything is measured (see `run`)."""
    if folder.exists():
        trash = folder.parent / TRASH
        trash.mkdir(exist_ok=True)
        folder.rename(trash / f"{folder.name}-{time.time_ns()}")


def make_project(folder: Path, articles: int, config_file: Path) -> SizeResult:
    """A project folder with a generated archive, the site's config, templates and hand-written pages."""
    _set_aside(folder)
    made = generate(folder / "source_texts", articles)
    shutil.copy(ROOT / "source_texts" / "userdict.txt", folder / "source_texts" / "userdict.txt")
    _site_files(folder, config_file)
    years = made.last_day.year - made.first_day.year + 1
    return SizeResult(articles=made.articles, files=made.files, years=years)


def day_pages(source: Path) -> list[Path]:
    """An archive's source texts named by their day (`2022-01-28_01_要闻.txt`,
    `2022-01-28.TXT`), outside hidden folders, in order."""
    return sorted(
        path
        for path in source.rglob("*")
        if path.suffix.lower() == ".txt"
        and _DAY_RE.match(path.name)
        and not any(part.startswith(".") for part in path.relative_to(source).parts)
    )


def days_of(pages: list[Path]) -> list[str]:
    """The days these pages (`day_pages`) are of, in order."""
    return sorted({path.name[:10] for path in pages})


_DAY_RE = re.compile(r"^\d{4}-\d\d-\d\d(?:[_.]|$)")


def check_source(source: Path, work: Path) -> None:
    """A folder of an archive's source texts the benchmark can copy and convert, or a
    BenchError saying what to give instead."""
    if not source.is_dir():
        raise BenchError(f"{source}: no such folder — give the folder of the archive's source texts (--source)")
    if not (source / "archive.yml").is_file():
        raise BenchError(f"{source}: no archive.yml in it — give the folder that holds the archive's archive.yml")
    if not day_pages(source):
        raise BenchError(
            f"{source}: no source texts named by their day (YYYY-MM-DD…txt) in it or its folders — "
            "the benchmark edits the middle day's pages, found by their names"
        )
    work = work.resolve()
    if source.resolve().is_relative_to(work) or work.is_relative_to(source.resolve()):
        raise BenchError(f"{source}: inside the benchmark's folder {work}, or holding it — give --work elsewhere")


def project_from(folder: Path, source: Path, config_file: Path) -> SizeResult:
    """A project folder with a copy of an archive's source texts (the benchmark edits one
    issue of it; `check_source` first), the site's config and templates. Its number of
    articles is known once it has been converted (`measure_project`)."""
    _set_aside(folder)
    copy = folder / "source_texts"
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns(".*"))
    _site_files(folder, config_file)
    pages = day_pages(copy)  # walked once: the copy leaves out hidden files, as the converter does
    years = len({day[:4] for day in days_of(pages)})
    return SizeResult(articles=0, files=len(pages), years=years, source=str(source))


def _site_files(folder: Path, config_file: Path) -> None:
    """The site's config, templates and an empty docs/, and the floor's and naive setup's configs."""
    shutil.copy(config_file, folder / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", folder / "overrides")
    docs = folder / "docs"
    docs.mkdir()
    (folder / "floor-overrides").mkdir()
    for name in NAMED_TEMPLATES:
        (folder / "floor-overrides" / name).write_text(BARE_TEMPLATE, encoding="utf-8")
    (folder / "floor.yml").write_text(FLOOR_CONFIG + FLOOR_NAV, encoding="utf-8")
    (folder / "naive.yml").write_text(FLOOR_CONFIG, encoding="utf-8")  # no nav: every page in it


def converted_articles(docs: Path) -> int:
    """How many articles a conversion wrote (its data file has one line an article)."""
    data = docs / "data" / "articles.jsonl"
    with open(data, encoding="utf-8") as lines:
        return sum(1 for line in lines if line.strip())


def change_one_issue(source: Path) -> None:
    """Edit every 版 of the middle issue, as a correction to one day's paper would: in the
    encoding each page is in (the converter reads GB18030, Big5, UTF-16 as well as UTF-8)."""
    pages = day_pages(source)
    days = days_of(pages)
    middle = days[len(days) // 2]
    for path in (page for page in pages if page.name[:10] == middle):
        raw = path.read_bytes()
        try:
            decoded = decode(raw, path.name)
        except InputError as exc:
            raise BenchError(str(exc)) from None
        text = decoded.text
        edited = text.replace("。", "。（更正）", 1) if "。" in text else text + "\n（更正）\n"
        path.write_bytes(edited.encode(decoded.encoding))


def set_last_issue_aside(source: Path, aside: Path) -> list[tuple[Path, Path]]:
    """The archive as it was the night before its last issue: the issue's pages, with their
    sidecars, moved from `source` into `aside`, and its addresses out of the URL ledger (it had
    never published them). Each page's place, and where it is now."""
    pages = day_pages(source)
    last = days_of(pages)[-1:]
    ledger = source / LEDGER_FILE
    if last and ledger.is_file():
        issue = last[0].replace("-", "/") + "/"  # its articles' addresses: 2022/01/28/<slug>/
        lines = ledger.read_text(encoding="utf-8").splitlines(keepends=True)
        ledger.write_text("".join(line for line in lines if not line.startswith(issue)), encoding="utf-8")
    moved = []
    for page in (page for page in pages if page.name[:10] in last):
        for path in (page, sidecar_of(page)):
            if path.is_file():
                now = aside / path.relative_to(source)
                now.parent.mkdir(parents=True, exist_ok=True)
                path.rename(now)
                moved.append((path, now))
    return moved


def put_back(moved: list[tuple[Path, Path]]) -> None:
    """Undo `set_last_issue_aside`: the last issue comes in, as a night's new issue does."""
    for place, now in moved:
        now.rename(place)


def _remove_docs(docs: Path) -> None:
    for path in (docs, docs.with_name(f".{docs.name}.cache")):
        shutil.rmtree(path, ignore_errors=True)


def empty_docs(docs: Path) -> None:
    """An empty docs folder (as `make_project` makes it), and no conversion cache."""
    _remove_docs(docs)
    docs.mkdir()
