"""Keeping the pages that did not change: a night's build of a shard makes again only the
pages whose file, or what they read of another file, changed.

A new issue changes its own pages, and some pages of older days of its year (their tags are
chosen among the year's articles, and the year pages of reporters and tags list it): on the
real pages, 670 files of 15,900 in a year of 11,300 articles. It changes a few of the `site`
shard's too: the pages of the reporters it names and the tags it takes, the calendar, the home
page. A shard made whole renders all of them again. So every file of a shard has a key, and
the shard's record (`shard_reuse.record`) keeps each file's key beside the files the build
made; the next build of that shard gives MkDocs only the files whose key changed (the others
are excluded from it, as other shards' files are) and takes the files the others made from
the site it replaces. (The `site` shard's search index is made by its indexer from the data
files, whatever pages are built: `plugins/zh_search/year_cache.py`.)

A file's key digests what every shard is built with, its path and bytes, and what its page
reads of other files — the bytes of the pages whose front matter or text it shows (the
article before and after it and its other printings: their titles and 版; its issue's page:
the 版 headings its pointers link to; a moved address's successor: its citation) and, for
every other page it names or links to, whether there is one (a link to a page gone is a
warning). Its page is then what a build of the whole shard makes of it
(`plugins/archive/page_meta.py`: a page reads the front matter of a page the build does not
make from its file). A shard's key is the digest of its files' keys.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import re
import sys
import time
from collections.abc import Callable, Container
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import yaml
from mkdocs.utils.meta import YAML_RE

from build_scripts.contract.urls import ARCHIVE_INDEX, DATA_PAGE, csl_path
from build_scripts.plugins.archive.settings import archive_settings
from build_scripts.ship import shard_reuse
from build_scripts.writers.docs_tree import read_manifest
from build_scripts.writers.source_cache import RACY_NS, read_pickle, write_pickle

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

# In an article's `links`: the pages whose front matter (or text) its page shows; a moved
# address's successor: its citation
READS = ("previous", "next", "first_printing", "issue", "moved_to")
_READ = re.compile(rf"^\s*(?:{'|'.join(READS)}):\s+['\"]?([^'\"\s#]+)", re.M)
_LISTED = re.compile(r"^\s*-\s+['\"]?([^'\"\s#]+\.md)\b", re.M)  # a list's item naming a page (printed_again)
_NAMED = re.compile(r"(?<![\w./-])[\w./-]+\.md\b")  # any page a front matter names
_LINKED = re.compile(r"\]\(([^)\s#]+\.md)(?:#[^)\s]*)?\)")  # a Markdown link to a page, in the text
_FLOW = re.compile(r":\s*[\[{](?![\]}])")  # a mapping or list written inline: read with YAML
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def dependencies(rel: str, text: str) -> tuple[set[str], set[str]]:
    """(the docs files whose bytes the page of `rel` reads, the other pages it names or links to).
    Read from the front matter's lines as the converter writes them (a key and its path on a
    line, a list's items below it), which takes a hundredth of the time YAML takes; more than
    the page reads is only more to compare. A front matter written otherwise is read as YAML."""
    match = YAML_RE.match(text)
    front = match.group(1) if match else ""
    if _FLOW.search(front):
        meta = _front_matter(front)
        found = meta.get("links")
        links: dict = found if isinstance(found, dict) else {}
        reads = _paths_in([links.get(key) for key in READS] + [meta.get("moved_to"), links.get("printed_again")])
        named = _paths_in(meta)
    else:
        reads = {path for path in _READ.findall(front) + _LISTED.findall(front) if path.endswith(".md")}
        named = set(_NAMED.findall(front))
    folder = posixpath.dirname(rel)
    linked = {posixpath.normpath(posixpath.join(folder, target)) for target in _LINKED.findall(text)}
    linked.add(ARCHIVE_INDEX)  # (an article's page links to the archive's index, whatever it names)
    return reads, (named | linked) - reads - {rel}


def _front_matter(front: str) -> dict:
    try:
        meta = yaml.load(front, Loader=_LOADER)  # noqa: S506 (a safe loader)
    except yaml.YAMLError:
        return {}
    return meta if isinstance(meta, dict) else {}


def _paths_in(value: object) -> set[str]:
    """Every docs path (`….md`, an anchor cut off) a front-matter value names."""
    if isinstance(value, str):
        path = value.partition("#")[0]
        return {path} if path.endswith(".md") else set()
    if isinstance(value, dict):
        return set().union(*map(_paths_in, value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*map(_paths_in, value)) if value else set()
    return set()


READS_FILE = "file-reads.pickle"  # in the shards' folder: what the keys read of each file (`FileReads`)

# What a file's key reads of it: its bytes' digest, and for a page the files whose bytes it
# reads and the other pages it names or links to (`dependencies`), each sorted
Reads = tuple[bytes, tuple[str, ...], tuple[str, ...]]


class FileReads:
    """What each docs file's key reads of it (`Reads`), kept from the last build under the
    file's `stat` signature (size, times, inode: the converter writes a changed file anew),
    so that a night's build reads and digests only the files that changed — reading every
    file was 2.4 s at 11,300 real articles, 20 s at 100,000 generated ones. `kept`: where
    they are kept (None: not kept)."""

    def __init__(self, docs: Path, kept: Path | None = None, fresh: bool = False):
        """`fresh`: read every file (and keep what was read)."""
        self.docs, self.kept = os.fspath(docs), kept
        self.code = _reads_code()
        found = read_pickle(kept) if kept is not None and not fresh else None
        # kept by this code: another may read other dependencies from the same bytes
        ours = isinstance(found, dict) and found.get("code") == self.code and isinstance(found.get("files"), dict)
        self.known: dict[str, tuple[tuple[int, ...], Reads]] = found["files"] if ours else {}  # type: ignore[index]
        self.now: dict[str, tuple[tuple[int, ...], Reads]] = {}
        self.read: dict[str, Reads] = {}  # this build's, once each
        self.started = time.time_ns()

    def __call__(self, rel: str) -> Reads:
        if rel not in self.read:
            self.read[rel] = self._read(rel)
        return self.read[rel]

    def _read(self, rel: str) -> Reads:
        path = os.path.join(self.docs, rel)
        stat = os.stat(path)
        signature = (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)
        known = self.known.get(rel)
        if known is not None and known[0] == signature:
            self.now[rel] = known
            return known[1]
        with open(path, "rb") as stream:
            data = stream.read()
        reads: Reads = (hashlib.sha256(data).digest(), (), ())
        if rel.endswith(".md"):  # (read as MkDocs reads it: a byte-order mark dropped, any line end a newline)
            text = data.decode("utf-8-sig", "replace").replace("\r\n", "\n").replace("\r", "\n")
            named, linked = dependencies(rel, text)
            reads = (reads[0], tuple(map(sys.intern, sorted(named))), tuple(map(sys.intern, sorted(linked))))
        if stat.st_mtime_ns < self.started - RACY_NS:  # (one changed just now may change again unseen)
            self.now[rel] = (signature, reads)
        return reads

    def save(self) -> None:
        """Keep what was read of the files there now (only those: a file gone is forgotten)."""
        if self.kept is not None and self.now != self.known:
            self.kept.parent.mkdir(parents=True, exist_ok=True)
            write_pickle(self.kept, {"code": self.code, "files": self.now})


def _reads_code() -> str:
    """A digest of the code that reads a file's dependencies (this module, the paths it knows)."""
    from build_scripts.contract import urls

    code = hashlib.sha256()
    for module in (__file__, urls.__file__):
        code.update(Path(module).read_bytes())
    return code.hexdigest()


def file_keys(built_with: bytes, files: list[str], everything: set[str], read: FileReads) -> dict[str, str]:
    """The key of each of `files` (docs-relative); `everything`: every file of docs/."""

    def digest(rel: str) -> bytes:  # (`read` reads each file once; a page named may not be there)
        return read(rel)[0] if rel in everything else b"none"

    keys = {}
    for rel in files:
        own, reads, linked = read(rel)
        key = hashlib.sha256(built_with + rel.encode() + b"\0" + own)
        for other in reads:
            key.update(b"reads\0" + other.encode() + b"\0" + digest(other))
        for other in linked:
            key.update(b"links\0" + other.encode() + (b"\0here" if other in everything else b"\0gone"))
        keys[rel] = key.hexdigest()
    return keys


# Pages that show what no key digests, made again whenever their shard is built: the data
# page gives the sizes of the data files, which change with any article's text.
NEVER_KEPT = frozenset({DATA_PAGE})


def made_from(rel: str, dest_uri: str, recorded: set[str]) -> list[str]:
    """The files of the site the build made from the docs file `rel` (whose page or copy is at
    `dest_uri`): that, and an article's citation file beside it, where the record has one."""
    citation = csl_path(rel) if rel.endswith(".md") else None
    return [dest_uri, *([citation] if citation in recorded else [])]


@dataclass
class Keys:
    shards: dict[str, str]  # each shard's key
    files: dict[str, dict[str, str]]  # each shard's docs files' keys


def keys(
    config_file: Path,
    config: MkDocsConfig,
    docs: Path,
    shards: dict[str, list[str]],
    only: list[str] | None = None,
    kept: Path | None = None,
    fresh: bool = False,
) -> Keys:
    """The keys of the shards (all, or `only` these) and of their files (`config`: the config
    file as loaded; `kept`: where what the keys read of each file is kept, `FileReads`;
    `fresh`: every file read again)."""
    overrides = config.theme.custom_dir
    search = config.plugins.get("zh-search")
    word_list = getattr(getattr(search, "config", None), "user_dict", None)
    built_with = shard_reuse.build_digest(
        config_file,
        archive_settings(config).source_dir,
        Path(overrides) if overrides else None,
        (config_file.parent / word_list) if word_list else None,
    )
    everything = {rel for files in shards.values() for rel in files}
    named = [name for name in shards if only is None or name in only]
    read = FileReads(docs, kept, fresh)
    files = {name: file_keys(built_with, shards[name], everything, read) for name in named}
    read.save()
    return Keys({name: shard_reuse.shard_key(files[name]) for name in named}, files)


def kept_pages(
    folder: Path,
    name: str,
    keys: dict[str, str],
    site: Path,
    dest_of: Callable[[str], str],
    generated: Container[str],
) -> dict[str, list[str]]:
    """The docs files of the shard whose key is the one the last build recorded and whose
    files (`made_from`; `dest_of`: where a docs file's page or copy goes) the site holds as
    that build left them, each with those files: they need not be made again. Only files the
    converter wrote (`generated`): a hand-written page may link to a page as the keys do not
    read links (a reference, a title after the address) — it is made again each time."""
    last = shard_reuse.recorded(folder, name) or {}
    try:
        signatures = {rel: signature for rel, *signature in last.get("files", [])}
        recorded = set(signatures)
        before = last.get("pages") or {}
        kept = {}
        root = os.fspath(site)
        for rel, key in keys.items():
            if before.get(rel) != key or rel in NEVER_KEPT or rel not in generated:
                continue
            made = made_from(rel, dest_of(rel), recorded)
            if all(out in signatures and shard_reuse.as_recorded(root, out, signatures[out]) for out in made):
                kept[rel] = made
    except (ValueError, TypeError, AttributeError):  # not a record
        return {}
    return kept


# Of a shard built in part: each docs file kept from the last build, with the files it made
Kept = dict[str, dict[str, list[str]]]


def pages_kept(config: MkDocsConfig, docs: Path, folder: Path, site: Path, todo: list[str], keys: Keys) -> Kept:
    """Of each shard to be built, the docs files that need not be (`kept_pages`): none where its
    last build recorded nothing it published (its rows are needed), nor where Material's search
    makes an index of each shard's pages (it would lack those kept)."""
    from mkdocs.structure.files import File

    if {"search", "material/search"} & set(config.plugins):
        return {}

    def dest(rel: str) -> str:
        return File(rel, str(docs), str(site), config.use_directory_urls).dest_uri

    found = {}
    generated = read_manifest(docs)
    for name in todo:
        if not (folder / f"{name}.publish.json").is_file():
            continue
        kept = kept_pages(folder, name, keys.files[name], site, dest, generated)
        if kept:
            found[name] = kept
    return found
