"""The offline bundle: the whole site as one zip that works from `file://` with no network.

`python -m build_scripts bundle` builds the site again with Material's `offline` plugin
switched on (OFFLINE=true, see mkdocs.yml) into a scratch folder, checks that no page loads
anything from elsewhere, and zips it to `dist/<paper-slug>-offline.zip`. The zip is
deterministic: entries sorted, every timestamp the date of the newest issue (or
SOURCE_DATE_EPOCH), fixed permissions — the same docs/ give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from functools import partial
from html.parser import HTMLParser
from pathlib import Path

from build_scripts.contract.provenance import recorded_paper
from build_scripts.ingest.archive_config import load_archive_config
from build_scripts.problems import InputError
from build_scripts.ship.shard_reuse import signature
from build_scripts.writers.docs_tree import reading_docs
from build_scripts.writers.workers import can_fork, default_jobs, forked_pool

ARTICLES_FILE = Path("data") / "articles.jsonl"
# Files only a web server uses stay out of the bundle: a 404 page (MkDocs gives it
# root-absolute links, /about.html, that lead nowhere from file://). The search index
# (assets/search/) is script files, which browsers load from file:// as from a server.
SERVER_ONLY = {"404.html"}
# The offline site, in the folder the zip is written to: the next bundle builds again only the
# shards whose pages changed (deleting it, and the folders named after it, only costs time).
OFFLINE_SITE = ".offline-site"
# zlib's own default: the pages and the search index's files pack 0.2 % smaller at 9, which
# takes a fifth longer (15.5 s against 12.8 s for the 45,000 files of 11,300 articles)
ZIP_LEVEL = 6
ZIP_EPOCH = 315532800  # 1980-01-01T00:00:00Z, the earliest time a zip entry can carry
ZIP_LATEST = 4354819198  # 2107-12-31T23:59:58Z, the latest (a typo'd future date must not crash the zip)
# Attributes that make a browser fetch something by itself (links a reader clicks are fine).
_FETCHING = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "link": ("href",),
}
# Links a browser never loads by itself (`feed`: the Atom feeds named on the home page and a
# reporter's page, with a public address; a feed reader follows them, not the page)
_LINK_RELS_NOT_FETCHED = {"canonical", "alternate", "feed", "author", "license", "help", "search", "next", "prev"}


class BundleError(Exception):
    pass


@dataclass(frozen=True)
class Bundle:
    path: Path
    files: int
    size: int
    addressed: bool = True  # built with a public address: its pages cite the published ones


def _external(url: str) -> bool:
    url = url.strip().lower()
    return url.startswith(("http://", "https://", "//"))


class _FetchFinder(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and set((attrs.get("rel") or "").lower().split()) <= _LINK_RELS_NOT_FETCHED:
            return
        for name in _FETCHING.get(tag, ()):
            for url in (attrs.get(name) or "").split(","):
                url = url.strip().split(" ")[0]
                if url and _external(url):
                    self.found.append(f"<{tag} {name}={url}>")


def external_fetches(site: Path, checked: Path | None = None, jobs: int = 1) -> list[str]:
    """Everything a page of the built site would fetch from another host, as `page: what`.

    Every page is read (a hand-written one may show a picture from elsewhere), with Python's
    HTML parser: 1.2 ms a page, 19 s for the 15,000 pages of 11,300 articles. So the pages
    are shared among `jobs` processes, and with `checked` (a file) what was found in each page
    is kept under the page's size and modification time: a page the next bundle's build kept
    as it was (a shard whose pages did not change) is not read again."""
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    pages = [rel for rel in pages if rel not in SERVER_ONLY]
    before = _read_checked(checked)
    signatures = {rel: signature(os.path.join(site, rel)) for rel in pages}  # (as the shards' files)
    known = {rel: before[rel][1] for rel in pages if rel in before and before[rel][0] == signatures[rel]}
    todo = [rel for rel in pages if rel not in known]
    workers = min(jobs, len(todo) // MIN_PAGES_PER_PROCESS) if can_fork() else 1
    if workers > 1:
        with forked_pool(workers) as pool:
            made = list(pool.map(partial(_fetches_of, site), todo, chunksize=MIN_PAGES_PER_PROCESS // 4))
    else:
        made = [_fetches_of(site, rel) for rel in todo]
    known.update(zip(todo, made, strict=True))
    if checked is not None:
        kept = {rel: [signatures[rel], known[rel]] for rel in pages}
        partial_file = checked.with_name(f".{checked.name}.partial")
        partial_file.write_text(json.dumps(kept, ensure_ascii=False), encoding="utf-8")
        partial_file.replace(checked)
    return [f"{rel}: {what}" for rel in pages for what in known[rel]]


MIN_PAGES_PER_PROCESS = 400  # pages a process of `external_fetches` is worth


def _fetches_of(site: Path, rel: str) -> list[str]:
    finder = _FetchFinder()
    finder.feed((site / rel).read_text(encoding="utf-8"))
    return finder.found


def _read_checked(checked: Path | None) -> dict[str, list]:
    """What the last check found in each page, under its signature (nothing that is not so:
    the page is read again)."""
    try:
        found = json.loads(checked.read_text(encoding="utf-8")) if checked is not None else {}
    except (OSError, ValueError):
        return {}
    if not isinstance(found, dict):
        return {}
    return {
        rel: entry
        for rel, entry in found.items()
        if isinstance(entry, list) and len(entry) == 2 and isinstance(entry[1], list)
    }


def bundle_epoch(docs: Path) -> int:
    """Timestamp for the build and the zip entries: SOURCE_DATE_EPOCH if set, else midnight
    (UTC) of the newest issue in the archive — a fact of the input, not of the clock."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return min(ZIP_LATEST, max(ZIP_EPOCH, int(os.environ["SOURCE_DATE_EPOCH"])))
    newest = None
    try:
        with open(docs / ARTICLES_FILE, encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    date = json.loads(line).get("date")
                    newest = max(newest or date, date)
    except FileNotFoundError:
        pass
    if not newest:
        return ZIP_EPOCH
    midnight = dt.datetime.combine(dt.date.fromisoformat(newest), dt.time(), tzinfo=dt.UTC)
    return min(ZIP_LATEST, max(ZIP_EPOCH, int(midnight.timestamp())))


def build_offline_site(config_file: Path, site: Path, epoch: int) -> None:
    """The site built into `site` with Material's offline plugin, as `python -m build_scripts
    build` builds the hosted one: in shards by year, in parallel processes, keeping from the
    site the last bundle left there each shard whose pages did not change (ship/shard_reuse.py)
    — after a night's new issue, the `site` shard and the issue's year, not the whole archive
    once more in one process. (Sharded or not, the pages are the same: tests/test_bundle.py.)"""
    env = {**os.environ, "OFFLINE": "true", "SOURCE_DATE_EPOCH": str(epoch), "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "build_scripts", "build", "--config-file", str(config_file), "--site-dir", str(site)],
        cwd=config_file.parent,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise BundleError(f"the offline build of {config_file} failed:\n{result.stderr.strip()}")


def write_zip(site: Path, target: Path, top: str, epoch: int) -> int:
    """Zip `site` into `target` under the folder `top/`, byte for byte reproducibly."""
    stamp = dt.datetime.fromtimestamp(epoch, dt.UTC).timetuple()[:6]
    # Sorted by the name in the zip (Path order would put `a/b` before `a-b/`).
    files = sorted(
        (p for p in site.rglob("*") if p.is_file() and p.relative_to(site).as_posix() not in SERVER_ONLY),
        key=lambda p: p.relative_to(site).as_posix(),
    )
    partial = target.with_name(f".{target.name}.partial")
    try:
        with zipfile.ZipFile(partial, "w") as archive:
            for path in files:
                info = zipfile.ZipInfo(f"{top}/{path.relative_to(site).as_posix()}", date_time=stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o100644 << 16
                info.create_system = 3  # Unix, whatever system makes the zip
                archive.writestr(info, path.read_bytes(), compresslevel=ZIP_LEVEL)
    except BaseException:  # a full disk, an interrupt: no half-written zip is left behind
        partial.unlink(missing_ok=True)
        raise
    partial.replace(target)
    return len(files)


def docs_folder(config_file: Path) -> Path:
    """The folder of pages the configuration builds (`docs_dir`, relative to it)."""
    from mkdocs.utils.yaml import yaml_load

    with config_file.open("rb") as stream:
        config = yaml_load(stream) or {}
    return (config_file.parent / str(config.get("docs_dir", "docs"))).resolve()


def paper_slug(docs: Path, source_dir: Path | None) -> str:
    """The slug of the paper whose pages the docs folder holds, as the converter recorded it
    (the build checks that record against the archive.yml it reads); `source_dir`'s
    archive.yml only for pages converted before the record was kept."""
    recorded = recorded_paper(docs)
    if recorded is not None:
        return recorded[0]
    return load_archive_config(source_dir or Path("source_texts")).paper.slug


def bundle(config_file: Path, source_dir: Path | None, out_dir: Path) -> Bundle:
    config_file = config_file.resolve()
    if not config_file.is_file():
        raise InputError(str(config_file), None, "not found", "run this in the project folder, or give --config-file")
    docs = docs_folder(config_file)
    if not (docs / ".generated.json").is_file():
        raise InputError(
            str(docs),
            None,
            "has no converted pages",
            "run `python -m build_scripts convert` (or ./scripts/build) first",
        )
    # no conversion writes docs/ from the first look at it to the end of the build (which
    # holds it too): where one is writing it, the bundle says so and waits — the build's own
    # words are only shown when it fails
    with reading_docs(docs, lambda message: print(message, file=sys.stderr)):
        return _bundle(config_file, docs, source_dir, out_dir)


def _bundle(config_file: Path, docs: Path, source_dir: Path | None, out_dir: Path) -> Bundle:
    slug = paper_slug(docs, source_dir)
    epoch = bundle_epoch(docs)
    out_dir.mkdir(parents=True, exist_ok=True)
    site = out_dir / OFFLINE_SITE  # kept for the next bundle (and its shards beside it)
    build_offline_site(config_file, site, epoch)
    fetches = external_fetches(site, out_dir / f"{OFFLINE_SITE}.checked.json", default_jobs())
    if fetches:
        shown = "\n  ".join(fetches[:20])
        raise BundleError(
            f"the offline site would load {len(fetches)} thing(s) from the network, e.g.:\n  {shown}\n"
            "remove them from mkdocs.yml (extra_javascript, extra_css, theme options) or from the templates in\n"
            "overrides/, or vendor them"
        )
    # MkDocs writes a page's canonical address only where the site has a public one
    addressed = 'rel="canonical"' in (site / "index.html").read_text(encoding="utf-8")
    target = out_dir / f"{slug}-offline.zip"
    files = write_zip(site, target, f"{slug}-offline", epoch)
    return Bundle(path=target, files=files, size=target.stat().st_size, addressed=addressed)
