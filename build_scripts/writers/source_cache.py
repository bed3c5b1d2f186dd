"""The conversion cache: what each source file became, kept under a digest of everything it
depends on, so that converting again reads, parses and tags only the files that changed.

A file's key is a SHA-256 digest of its bytes, its name (the date and 版 may come from it), its
`.fix.yml` sidecar, `archive.yml`, the words of the word list (`userdict.txt`: tags are cut with
them) and the converter's version — a digest of the converter's own
code and data and of the versions of the libraries that shape its output. Any change to one
of them gives a new key, so a stale entry is never used: it is only left unused, and removed
at the end of the run.

Two kinds of entry:

- one per source file (`files/<key>.pickle`), written by the worker that converted it: its
  whole result, with the prepared pages and records of its articles (writers/prepared.py),
  read again only when one of them is written;
- the catalogue (`catalogue.pickle`), written at the end of every run that changed anything:
  every file's result without its prepared pages — what placing, tagging and planning need —
  and what the conversion learnt on the way (the pinyin of titles, names and tags, kept there
  once rather than again in each file's result: `SourceResult.catalogued`). A run loads it
  once instead of reading thousands of files. The results are kept in parts, one per day of
  the paper (`results/<date>.pickle`, beside the header): a run writes again only the parts of
  the days whose files changed. A result is filed under its key, which is a digest of all it
  was made from, so a part left by a run killed before its header was written is still right
  for every key it holds; those no file has any more are dropped when the part is written again.

A file is read to compute its key only when its size, times or inode differ from what the
catalogue recorded (as git does); a file changed less than two seconds before its key was
recorded is read again next time, since a change within the same clock tick leaves the time
as it was. A torn entry (a killed run) does not unpickle and is read as missing.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import os
import pickle
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from build_scripts.catalogue.tags import Vocabulary
from build_scripts.contract.versions import add_versions
from build_scripts.ingest.archive_config import ARCHIVE_FILE
from build_scripts.ingest.corrections import sidecar_name, sidecar_of
from build_scripts.ingest.discover import Discovered
from build_scripts.ingest.word_list import Word, word_order
from build_scripts.problems import InputError
from build_scripts.writers.prepared import Prepared
from build_scripts.writers.source_jobs import SourceResult

FORMAT = b"source-cache 3"
PACKAGE = Path(__file__).resolve().parents[1]
# The stages whose code decides what a source file becomes (the plugins, ship and dev do not).
CONVERTER_PARTS = ("problems.py", "contract", "ingest", "parse", "catalogue", "writers", "convert.py")
LIBRARIES = ("jieba", "rjieba", "pypinyin", "python-slugify", "PyYAML", "charset-normalizer")
SUFFIXES = (".py", ".txt", ".yml", ".json", ".gz")
CATALOGUE = "catalogue.pickle"
# What the archivist's own files were like when last seen (`lasting`): kept whatever the
# converter's version or archive.yml, which make the catalogue start afresh
LASTING = "lasting.pickle"
PARTS = "results"  # the catalogue's results, one part per day (`_part_of`)
ENTRIES = "files"  # one entry per source file, in folders by the first two of its key (`_path`)
RACY_NS = 2_000_000_000  # a file changed this shortly before it was read may change again unseen

Signature = tuple[int, int, int, int, tuple[int, int, int] | None]  # size, times, inode; the sidecar's


@functools.cache
def converter_version() -> str:
    """A digest of the converter's code and data files and of its libraries' versions: of the
    code this process runs, so worked out once (a run asks twice; a preview, at every change)."""
    digest = hashlib.sha256(FORMAT)
    for part in CONVERTER_PARTS:
        root = PACKAGE / part
        paths = sorted(root.rglob("*")) if root.is_dir() else [root]
        for path in paths:
            if path.is_file() and path.suffix in SUFFIXES:
                digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    add_versions(digest, LIBRARIES)
    return digest.hexdigest()


@dataclass
class Catalogue:
    """What the cache knows about every source file, and what runs learnt on the way."""

    salt: bytes = b""
    files: dict[str, tuple[Signature, str]] = field(default_factory=dict)  # rel → (signature, key)
    results: dict[str, SourceResult] = field(default_factory=dict)  # key → result without prepared pages
    parts: dict[str, frozenset[str]] = field(default_factory=dict)  # part → the keys of its results
    memo: dict[str, dict] = field(default_factory=dict)  # learnt values by kind (slugs, pinyin, tags …)
    words: list[str] = field(default_factory=list)  # every candidate tag word, by number (tags.Vocabulary)


def file_signature(path: Path) -> tuple[Signature | None, int]:
    """(what stat says of the file and its sidecar, the file's mtime); None if it cannot be read."""
    where = os.fspath(path)  # (strings, not paths: asked of every source file in every run)
    try:
        st = os.stat(where)
    except OSError:
        return None, 0
    try:
        side = os.stat(sidecar_name(where))
        sidecar: tuple[int, int, int] | None = (side.st_size, side.st_mtime_ns, side.st_ctime_ns)
    except OSError:
        sidecar = None
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, sidecar), st.st_mtime_ns


def cache_folder(docs_dir: Path) -> Path:
    """The conversion cache lives next to the docs folder (`.docs.cache`), never inside it."""
    return docs_dir.with_name(f".{docs_dir.name}.cache")


class SourceCache:
    """Results of source files by key, under `folder`."""

    def __init__(self, folder: Path, source_dir: Path, words: Sequence[Word] = ()):
        """`words`: the archive's word list as read (`ArchiveConfig.words`): tags are cut with it."""
        self.folder = folder
        salt = hashlib.sha256(converter_version().encode())
        with contextlib.suppress(OSError):
            salt.update((source_dir / ARCHIVE_FILE).read_bytes())
        # the words, not the file's bytes: a comment or the order of the lines changes no tag
        salt.update(repr(sorted(set(words), key=word_order)).encode())
        self.salt = salt.digest()
        self._on_disk: dict[str, frozenset[str]] = {}  # the keys each part's file holds
        self._listed: frozenset[str] | None = None  # the keys whose entries are on disk (`_entries`)
        self._rels: frozenset[str] | None = None  # the files the last run had (`knows`)
        self.catalogue = self._load_catalogue()
        found = read_pickle(folder / LASTING)
        self._lasting: dict[str, dict] = found if isinstance(found, dict) else {}
        self._lasting_read = pickle.dumps(self._lasting, protocol=pickle.HIGHEST_PROTOCOL)
        self.files: dict[str, tuple[Signature, str]] = {}  # this run's, to be recorded
        self.results: dict[str, SourceResult] = {}  # this run's
        self.vocabulary = Vocabulary(self.catalogue.words)
        self.changed = False
        self._memo_sizes = {kind: len(table) for kind, table in self.catalogue.memo.items()}
        self.hits = 0
        self._now = time.time_ns()

    def _load_catalogue(self) -> Catalogue:
        # The cycle collector waits until all of it is read: loading makes many objects and no
        # garbage, and with the collector on between the parts (one a day) its rounds walked the
        # growing catalogue again and again — half the loading's time at 100,000 articles.
        with collector_waits():
            found = read_pickle(self.folder / CATALOGUE)
            if not isinstance(found, Catalogue) or found.salt != self.salt:
                return Catalogue(self.salt)  # another converter or archive.yml: nothing of it holds
            for part in found.parts:
                results = read_pickle(self.folder / PARTS / f"{part}.pickle")
                if isinstance(results, dict):  # a part torn or lost: its files are converted again
                    found.results.update(results)
                    self._on_disk[part] = frozenset(results)
        return found

    def lasting(self, kind: str) -> dict:
        """A table like `memo`'s that outlives a new converter or archive.yml: for what the
        archivist wrote, not for what the converter made of it (the lines a sidecar names)."""
        return self._lasting.setdefault(kind, {})

    def knows(self, rel: str) -> bool:
        """Whether the last run had a file of this name (a new issue's files are new)."""
        if self._rels is None:  # (`files` lacks those changed just before that run read them)
            self._rels = frozenset(result.rel for result in self.catalogue.results.values())
        return rel in self._rels

    def memo(self, kind: str) -> dict:
        """A table the conversion fills as it goes and finds again next time (e.g. slugs)."""
        return self.catalogue.memo.setdefault(kind, {})

    def keep_changes(self) -> None:
        """Save the catalogue at the end of this run even if no source file changed and no
        table grew: a table's entries were replaced (`save` only compares the tables' sizes)."""
        self.changed = True

    def key(self, found: Discovered) -> str | None:
        """The file's key; None if it cannot be read (the conversion reports why)."""
        if found.refused:
            return None
        signature, mtime = file_signature(found.path)
        known = self.catalogue.files.get(found.rel)
        if signature is not None and known is not None and known[0] == signature:
            self.files[found.rel] = known
            return known[1]
        digest = hashlib.sha256(self.salt)
        digest.update(found.rel.encode("utf-8", "surrogateescape") + b"\0")
        try:
            digest.update(found.path.read_bytes())
            sidecar = sidecar_of(found.path)
            if sidecar.is_file():
                digest.update(b"\0sidecar\0" + sidecar.read_bytes())
        except OSError:
            return None
        key = digest.hexdigest()
        if signature is not None and mtime < self._now - RACY_NS:
            self.files[found.rel] = (signature, key)
        self.changed = True
        return key

    def _path(self, key: str) -> Path:
        return self.folder / ENTRIES / key[:2] / f"{key}.pickle"

    def get(self, key: str) -> SourceResult | None:
        """The result of the file with this key, without its prepared pages (only while its
        entry, which holds them, is there)."""
        result = self.catalogue.results.get(key)
        if result is not None and key in self._entries():
            self.results[key] = result
            self.hits += 1
            return result
        return None

    def _entries(self) -> frozenset[str]:
        """The keys whose entries are on disk, as the run found them: one listing of the
        entries' folders instead of a `stat` of each entry (16,674 at 100,000 articles)."""
        if self._listed is None:
            self._listed = frozenset(
                entry.name.removesuffix(".pickle")
                for entry in _entry_files(self.folder)
                if entry.name.endswith(".pickle") and entry.is_file()
            )
        return self._listed

    def last_good(self, rel: str) -> SourceResult | None:
        """What the last run made of this file, when it cannot be converted now (its `key` the
        one it was kept under): kept for the next run too, until the file converts again."""
        for key, result in self.catalogue.results.items():
            if result.rel == rel and self.get(key) is not None:
                result.key = key
                return result
        return None

    def entry(self, key: str) -> Path:
        """Where the result of the file with this key is kept (source_jobs.keep writes it)."""
        return self._path(key)

    def put(self, key: str, result: SourceResult) -> SourceResult:
        """A result made in this run (its entry is written by the worker that made it), as
        the catalogue keeps it."""
        self.results[key] = result.catalogued(self.vocabulary)
        self.changed = True
        return self.results[key]

    def prepared(self, key: str) -> list[Prepared]:
        """The prepared pages and records of the articles of the file with this key."""
        result = read_pickle(self._path(key))
        if not isinstance(result, SourceResult) or result.prepared is None:  # damaged, or removed by hand
            raise InputError(
                str(self._path(key)),
                None,
                "the conversion cache holds a damaged entry (left, perhaps, by a run killed while writing it)",
                "convert again with --full, which makes the cache afresh",
            )
        return result.prepared

    def save(self) -> None:
        """Record this run's catalogue (only when something changed), and remove every entry
        this run did not use: the files they were made from are gone or changed."""
        lasting = pickle.dumps(self._lasting, protocol=pickle.HIGHEST_PROTOCOL)
        if lasting != self._lasting_read:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_pickle(self.folder / LASTING, self._lasting)
        learnt = {kind: len(table) for kind, table in self.catalogue.memo.items()} != self._memo_sizes
        if not (self.changed or learnt or self.catalogue.results.keys() != self.results.keys()):
            return
        (self.folder / PARTS).mkdir(parents=True, exist_ok=True)
        parts: dict[str, dict[str, SourceResult]] = {}
        for key, result in self.results.items():
            parts.setdefault(_part_of(result), {})[key] = result
        kept = {part: frozenset(results) for part, results in parts.items()}
        for part, results in parts.items():
            if self._on_disk.get(part) != kept[part]:
                write_pickle(self.folder / PARTS / f"{part}.pickle", results)
        catalogue = Catalogue(self.salt, self.files, {}, kept, self.catalogue.memo, self.vocabulary.words)
        write_pickle(self.folder / CATALOGUE, catalogue)
        for entry in os.scandir(self.folder / PARTS):
            if entry.name.removesuffix(".pickle") not in kept:
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
        for entry in _entry_files(self.folder):
            if entry.name.removesuffix(".pickle") not in self.results:
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def _entry_files(folder: Path) -> Iterator[os.DirEntry[str]]:
    """What the entries' folders hold (`files/<first two of the key>/<key>.pickle`); nothing
    where they cannot be read."""
    try:
        groups = list(os.scandir(folder / ENTRIES))
    except OSError:
        return
    for group in groups:
        try:
            entries = list(os.scandir(group.path))
        except OSError:
            continue
        yield from entries


def _part_of(result: SourceResult) -> str:
    """The part of the catalogue a file's result is kept in: its day's (an issue changes together)."""
    return result.meta.date.isoformat() if result.meta is not None else "undated"


@contextlib.contextmanager
def collector_waits() -> Iterator[None]:
    """No rounds of the cycle collector meanwhile (they resume as they were)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def read_pickle(path: Path) -> object:
    # (the cycle collector waits: reading makes many objects and no garbage)
    with collector_waits():
        try:
            with open(path, "rb") as stream:
                return pickle.load(stream)
        except Exception:  # torn or damaged (unpickling bad bytes can raise almost anything): as missing
            return None


def write_pickle(path: Path, value: object) -> None:
    """Written whole or not at all: into a temporary file renamed into place."""
    partial = path.with_name(f".{path.name}.partial")
    with open(partial, "wb") as stream:
        pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(partial, path)
