"""Keeping a shard from the last sharded build: a night's build of a large archive builds again
only the years whose pages changed.

A shard's pages depend on its own files of docs/ (links into other shards are written into
them by the converter), on what every shard is built with — the project's code and
libraries, mkdocs.yml, the theme's overrides, archive.yml and the word list, the environment
that sets the public address — and on nothing else of the archive: the pages name no key of
the search index (its own `meta.js` does: search-index.md). So each shard built is recorded in
`<site>.shards/<name>.kept.json` with a key digesting all of that and the files it made; the
next build whose key for that shard is the same takes those files from the site it replaces
(hard links where the system allows, else copies: the old site stays whole until the new one
takes its place) instead of building the shard again. The assembled site is the same, byte
for byte, as one built from scratch (tests/test_sharded_build.py).

A converter that writes a new day changes the files of that day's year and of the `site`
shard (home page, indexes, data, the search index), and — where a new issue moves the
archive's tag weights — the pages of older articles whose tags moved: those years are built
again, the others kept.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
from importlib import metadata
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]
SUFFIXES = (".py", ".txt", ".yml", ".json", ".gz", ".html", ".js", ".css", ".svg", ".png")
# What else a page is made with (mkdocs, the theme and its extensions, the segmenters of search)
LIBRARIES = (
    "mkdocs",
    "mkdocs-material",
    "pymdown-extensions",
    "Markdown",
    "Jinja2",
    "jieba",
    "rjieba",
    "pypinyin",
    "python-slugify",
    "PyYAML",
)
# The environment a build reads (the public address, the offline bundle's build, its date)
ENVIRONMENT = ("ARCHIVE_SITE_URL", "OFFLINE", "SOURCE_DATE_EPOCH")
KEPT = "{name}.kept.json"


def _files_under(root: Path) -> list[Path]:
    if root.is_file():
        return [root]
    if not root.is_dir():
        return []
    return sorted(path for path in root.rglob("*") if path.is_file() and "__pycache__" not in path.parts)


def build_digest(config_file: Path, source_dir: Path, overrides: Path | None) -> bytes:
    """What every shard is built with: code, libraries, config, theme, archive.yml, environment."""
    digest = hashlib.sha256(b"shard 1\0")
    for path in _files_under(PACKAGE):
        if path.suffix in SUFFIXES:
            digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for library in LIBRARIES:
        try:
            digest.update(f"{library}={metadata.version(library)}\0".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{library}=none\0".encode())
    digest.update(f"python={sys.version}\0".encode())
    digest.update(config_file.read_bytes() + b"\0")
    for root in [*([overrides] if overrides else []), source_dir / "archive.yml", source_dir / "userdict.txt"]:
        for path in _files_under(root):
            name = path.relative_to(root).as_posix() if root.is_dir() else root.name  # (wherever the project is)
            digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    for name in ENVIRONMENT:
        digest.update(f"{name}={os.environ.get(name, '')}\0".encode())
    return digest.digest()


def shard_key(built_with: bytes, docs: Path, pages: list[str]) -> str:
    """The key of a shard: what every shard is built with and the shard's own files."""
    digest = hashlib.sha256(built_with)
    for rel in pages:
        digest.update(rel.encode() + b"\0" + (docs / rel).read_bytes() + b"\0")
    return digest.hexdigest()


def record(folder: Path, name: str, key: str, made: Path, apart: str) -> None:
    """Record the shard built into `made` (its key and files) for the next build; `apart`: a
    file the assembly merges, kept beside the record (`<name>.<its name>`), not in the site."""
    files = sorted(path.relative_to(made).as_posix() for path in made.rglob("*") if path.is_file())
    if apart in files:
        files.remove(apart)
        os.replace(made / apart, folder / f"{name}.{Path(apart).name}")
    else:
        (folder / f"{name}.{Path(apart).name}").unlink(missing_ok=True)
    (folder / KEPT.format(name=name)).write_text(json.dumps({"key": key, "files": files}), encoding="utf-8")


def kept_files(folder: Path, name: str, key: str, site: Path) -> list[str] | None:
    """The files of the shard as the last build made them, where its key is the same and the
    site holds them all; None where the shard must be built."""
    try:
        kept = json.loads((folder / KEPT.format(name=name)).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(kept, dict) or kept.get("key") != key or not isinstance(kept.get("files"), list):
        return None
    files = [str(rel) for rel in kept["files"]]
    if not all((site / rel).is_file() for rel in files):
        return None
    return files


def link_into(site: Path, files: list[str], target: Path) -> None:
    """Put a kept shard's files from the old site into the site being assembled (files every
    shard makes, the theme's assets, are there once already)."""
    for rel in files:
        there = target / rel
        if there.exists():
            continue
        there.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(site / rel, there)
        except OSError:  # another file system, or no hard links: a copy
            shutil.copy2(site / rel, there)
