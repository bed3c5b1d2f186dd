"""Keeping a shard from the last sharded build: a night's build of a large archive builds again
only the years whose pages changed.

A shard's pages depend on its own files of docs/ (links into other shards are written into
them by the converter), on what every shard is built with — the project's code and every
library installed, mkdocs.yml, the theme's overrides, archive.yml and the word list, the environment
that sets the public address — and on nothing else of the archive: the pages name no key of
the search index (its own `meta.js` does: search-index.md). So each shard built is recorded in
`<site>.shards/<name>.kept.json`, once the assembled site is in place, with a key digesting
all of that and the files it made (each with its size and modification time there); the next
build whose key for that shard is the same, and whose site holds those files as recorded (not
written over by another build into the same folder), takes them from the site it replaces
(hard links where the system allows, else copies: the old site stays whole until the new one
takes its place) instead of building the shard again. The assembled site is the same, byte
for byte, as one built from scratch (tests/test_sharded_build.py). Shards built one by one
and assembled (`--shard`, `--assemble`, as a CI matrix does) keep nothing.

A converter that writes a new day changes the files of that day's year and of the `site`
shard (home page, indexes, data, the search index): tags are chosen within a year
(writers/tag_choice.py), and a name's year pages, once published, stay (writers/name_pages.py),
so the other years are kept — but for a name whose articles pass 50 for the first time: its
pages are split by year, and the years it has articles in are built again.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from pathlib import Path

from build_scripts.contract.versions import add_code, add_installed

PACKAGE = Path(__file__).resolve().parents[1]
SUFFIXES = (".py", ".txt", ".yml", ".json", ".gz", ".html", ".js", ".css", ".svg", ".png")
# The environment a build reads: the public address, the offline bundle's build. (Not
# SOURCE_DATE_EPOCH, which the bundle sets to the date of the newest issue: no page depends on
# it — tests/test_bundle.py —, and a key with it would build every shard of the bundle again
# on the night of each new issue.)
ENVIRONMENT = ("ARCHIVE_SITE_URL", "OFFLINE")
KEPT = "{name}.kept.json"


def _files_under(root: Path) -> list[Path]:
    if root.is_file():
        return [root]
    if not root.is_dir():
        return []
    return sorted(path for path in root.rglob("*") if path.is_file() and "__pycache__" not in path.parts)


def build_digest(config_file: Path, source_dir: Path, overrides: Path | None, word_list: Path | None) -> bytes:
    """What every shard is built with: code, libraries, config, theme, archive.yml, the search's
    word list, environment."""
    digest = hashlib.sha256(b"shard 1\0")
    add_code(digest, PACKAGE, SUFFIXES)
    # what else a page is made with: every library installed (mkdocs, the theme and its
    # extensions, Jinja2 and MarkupSafe, pathspec, the segmenters of search …), at its version
    add_installed(digest)
    digest.update(f"python={sys.version}\0".encode())
    config = config_file.read_bytes()
    digest.update(config + b"\0")
    # a config it inherits, and the environment variables it reads (`!ENV`)
    for inherited in re.findall(rb"^INHERIT:\s*['\"]?([^'\"\n#]+?)['\"]?\s*$", config, re.M):
        path = config_file.parent / inherited.decode()
        digest.update(path.read_bytes() if path.is_file() else b"none")
    variables = {v.decode() for v in re.findall(rb"!ENV\s*\[?\s*['\"]?([A-Za-z_][A-Za-z0-9_]*)", config)}
    for root in [
        *([overrides] if overrides else []),
        source_dir / "archive.yml",
        source_dir / "userdict.txt",
        *([word_list] if word_list else []),
    ]:
        for path in _files_under(root):
            name = path.relative_to(root).as_posix() if root.is_dir() else root.name  # (wherever the project is)
            digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    for name in sorted({*ENVIRONMENT, *variables}):
        digest.update(f"{name}={os.environ.get(name, '')}\0".encode())
    return digest.digest()


def shard_key(file_keys: dict[str, str]) -> str:
    """The key of a shard: its files' keys (`page_reuse.file_keys`), each of which digests what
    every shard is built with, the file and what its page reads of others."""
    digest = hashlib.sha256(b"shard 2\0")
    for rel, key in file_keys.items():
        digest.update(f"{rel}\0{key}\0".encode())
    return digest.hexdigest()


def set_aside(folder: Path, name: str, made: Path, merged: str) -> None:
    """Keep `merged` of the shard built into `made` (a file the assembly merges from every
    shard's, Material's search index) beside the shard's record (`aside`), for the builds that
    keep the shard."""
    if (made / merged).is_file():
        os.replace(made / merged, aside(folder, name, merged))
    else:
        aside(folder, name, merged).unlink(missing_ok=True)


def aside(folder: Path, name: str, merged: str) -> Path:
    return folder / f"{name}.{Path(merged).name}"


def merge_search_indexes(indexes: list[Path], target: Path, page_order: dict[str, int]) -> None:
    """One Material search index from the shards' (their `config` is the same: the project's),
    its documents in the order one unsharded build gives them: the pages' order (`page_order`,
    by address), and within a page, its sections in order."""
    merged: dict = {}
    for path in indexes:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not merged:
            merged = data
        else:
            merged["docs"].extend(data["docs"])
    last = len(page_order)
    merged["docs"].sort(key=lambda doc: page_order.get(doc["location"].partition("#")[0], last))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(merged, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def signature(path: str) -> list[int]:
    """What tells the file the record saw from one written over or put in its place by another
    build: a hard link, a rename or a copy keeping times (the project moved, a CI cache
    restored) keeps both, a build writing the file again does not. (A path as a string: asked
    of every file of the site at every build — 330,000 at 100,000 articles, where making a
    `Path` of each took longer than the `stat` itself.)"""
    stat = os.stat(path)
    return [stat.st_size, stat.st_mtime_ns]


def record(folder: Path, name: str, key: str, files: list[str], site: Path, file_keys: dict[str, str]) -> None:
    """Record the shard's key, its docs files' keys and the files it put into the assembled
    `site` (those every shard makes are the first shard's: another's kept copy would be written
    over by it), as they now stand there, for the next build (written only once the site is in
    place: a build that failed records nothing)."""
    root = os.fspath(site)
    signed = [[rel, *signature(os.path.join(root, rel))] for rel in files]
    made = {"key": key, "files": signed, "pages": file_keys}
    (folder / KEPT.format(name=name)).write_text(json.dumps(made), encoding="utf-8")


def recorded(folder: Path, name: str) -> dict | None:
    """What the last build recorded of the shard (`record`), if anything."""
    try:
        found = json.loads((folder / KEPT.format(name=name)).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return found if isinstance(found, dict) else None


def as_recorded(site: Path | str, rel: str, recorded: list[int]) -> bool:
    """Does the site hold the file as the record saw it (not made again, replaced or written
    over by another build into the same folder)?"""
    try:
        return signature(os.path.join(site, rel)) == recorded
    except OSError:
        return False


def forget(folder: Path, name: str) -> None:
    """The shard is being built: its publish record and search index are made anew, and what
    was kept of it holds no more (should the build fail, the next one builds it again)."""
    (folder / KEPT.format(name=name)).unlink(missing_ok=True)


def forget_all(folder: Path) -> None:
    """Keep no shard: the site was made otherwise (shards built one by one and assembled)."""
    for kept in folder.glob(KEPT.format(name="*")):
        kept.unlink(missing_ok=True)


def kept_files(folder: Path, name: str, key: str, site: Path) -> list[str] | None:
    """The files of the shard as the last build made them, where its key is the same and the
    site holds each of them as that build left it (not rebuilt, replaced or written over by
    another build into the same folder); None where the shard must be built."""
    kept = recorded(folder, name)
    try:
        if kept is None or kept.get("key") != key:
            return None
        root = os.fspath(site)
        if not all(as_recorded(root, rel, recorded) for rel, *recorded in kept["files"]):
            return None
        return [str(rel) for rel, *_ in kept["files"]]
    except (ValueError, TypeError, AttributeError, KeyError):  # not a record
        return None
