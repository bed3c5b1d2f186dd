"""The conversion cache: what each source file became, kept under a digest of everything it
depends on, so that converting again reads, parses and tags only the files that changed.

A file's key is a SHA-256 digest of its bytes, its name (the date and 版 may come from it), its
`.fix.yml` sidecar, `archive.yml` and the converter's version — a digest of the converter's own
code and data and of the versions of the libraries that shape its output. Any change to one
of them gives a new key, so a stale entry is never used: it is only left unused, and removed
at the end of the run. An entry is written by the worker that made it; one torn by a killed run
does not unpickle and is read as missing.
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
from importlib import metadata
from pathlib import Path

from build_scripts.catalogue.source_jobs import SourceResult
from build_scripts.ingest.archive_config import ARCHIVE_FILE
from build_scripts.ingest.corrections import sidecar_of
from build_scripts.ingest.read import Discovered

FORMAT = b"source-cache 1"
PACKAGE = Path(__file__).resolve().parents[1]
# The stages whose code decides what a source file becomes (the plugins, ship and dev do not).
CONVERTER_PARTS = ("problems.py", "contract", "ingest", "parse", "catalogue", "writers", "convert.py")
LIBRARIES = ("jieba", "pypinyin", "python-slugify", "PyYAML", "charset-normalizer")
SUFFIXES = (".py", ".txt", ".yml", ".json")


def converter_version() -> str:
    """A digest of the converter's code and data files and of its libraries' versions."""
    digest = hashlib.sha256(FORMAT)
    for part in CONVERTER_PARTS:
        root = PACKAGE / part
        paths = sorted(root.rglob("*")) if root.is_dir() else [root]
        for path in paths:
            if path.is_file() and path.suffix in SUFFIXES:
                digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for library in LIBRARIES:
        try:
            digest.update(f"{library}={metadata.version(library)}\0".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{library}=none\0".encode())
    return digest.hexdigest()


class SourceCache:
    """Results of source files by key, as pickles under `folder`."""

    def __init__(self, folder: Path, source_dir: Path):
        self.folder = folder
        salt = hashlib.sha256(converter_version().encode())
        with contextlib.suppress(OSError):
            salt.update((source_dir / ARCHIVE_FILE).read_bytes())
        self.salt = salt.digest()
        self.used: set[str] = set()
        self.hits = 0

    def key(self, found: Discovered) -> str | None:
        """The file's key; None if it cannot be read (the conversion reports why)."""
        if found.refused:
            return None
        digest = hashlib.sha256(self.salt)
        digest.update(found.rel.encode("utf-8", "surrogateescape") + b"\0")
        try:
            digest.update(found.path.read_bytes())
            sidecar = sidecar_of(found.path)
            if sidecar.is_file():
                digest.update(b"\0sidecar\0" + sidecar.read_bytes())
        except OSError:
            return None
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, key: str) -> SourceResult | None:
        try:
            with open(self._path(key), "rb") as stream:
                result = pickle.load(stream)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
            return None  # missing, or written by another version of the code: convert again
        if not isinstance(result, SourceResult):
            return None
        self.used.add(key)
        self.hits += 1
        return result

    def entry(self, key: str) -> Path:
        """Where the result of the file with this key is kept (source_jobs.keep writes it)."""
        self.used.add(key)
        return self._path(key)

    def prune(self) -> None:
        """Remove every entry this run did not use: the files they were made from are gone or changed."""
        if not self.folder.is_dir():
            return
        for entry in self.folder.glob("*/*"):
            if entry.name.removesuffix(".pickle") not in self.used:
                with contextlib.suppress(OSError):
                    entry.unlink()
