"""A conversion with nothing new to read, answered without converting.

A run after which nothing changed — no source file read again, no page written — still loads
the whole cache, places and tags every article and digests the inputs of every page, only to
find each page as it is: 7 s at 100,000 articles. That is the nightly run of an archive that
is complete (a library's, of a paper that closed), of a day without a new issue, or of a
build started again. Such a run keeps, with what it said (its counts and its report), what it
read: the converter's version, the folders and options, the stat signature of every source
file with its sidecar (`source_cache.file_signature`, as the cache trusts them), and those of
`archive.yml`, the word list, the URL ledger, docs/'s manifest of generated files and the
cache's own catalogue and folders of entries (a run that finds them gone parses again). The next
run compares them first. When every one is the same, finding the source files reports what it
reported then, and every generated file is still in docs/ (one deleted by hand is made again,
as by any run), that run's answer is this one's: the same report, and nothing to write.
Otherwise the conversion runs as usual.

A signature is trusted only for a file last changed well before the run that kept it: a
change within the same tick of the clock as a read leaves the file's times as they were
(`RACY_NS`, as for the cache's keys). Signatures are taken before the run reads the files, so
a file changed while it ran differs next time.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

from build_scripts.ingest.archive_config import ARCHIVE_FILE, LEDGER_FILE, WORD_LIST_FILE
from build_scripts.ingest.discover import Discovered, discover
from build_scripts.problems import Report
from build_scripts.writers.docs_tree import MANIFEST, WriteStats, list_docs
from build_scripts.writers.source_cache import (
    CATALOGUE,
    ENTRIES,
    LASTING,
    PARTS,
    RACY_NS,
    Signature,
    converter_version,
    file_signature,
    read_pickle,
    write_pickle,
)

RECORD = "nothing-new.pickle"  # in the conversion cache's folder

Stat = tuple[int, int, int, int]  # size, modification and change times (ns), inode


@dataclass(frozen=True)
class Said:
    """What a conversion said (convert.Result without its placed articles)."""

    files: int
    issues: int
    articles: int
    found: int
    corrected: int
    written: WriteStats
    report: Report


@dataclass(frozen=True)
class Read:
    """What a conversion read besides the source files, taken before it read them."""

    version: str
    folders: tuple[str, str]
    options: tuple
    files: tuple[Stat | None, ...]  # archive.yml, the word list, the URL ledger, docs/'s manifest
    cache: tuple  # what the conversion cache holds (`_cache_state`)

    @classmethod
    def now(cls, source_dir: Path, docs_dir: Path, options: tuple, cache: Path) -> Read:
        inputs = (source_dir / ARCHIVE_FILE, source_dir / WORD_LIST_FILE, source_dir / LEDGER_FILE, docs_dir / MANIFEST)
        folders = (str(source_dir.resolve()), str(docs_dir.resolve()))
        return cls(converter_version(), folders, options, tuple(_stat(path) for path in inputs), _cache_state(cache))

    def times(self) -> list[int]:
        """When each file it names was last changed (ns)."""
        stats = [*self.files, *(stat for _, stat in self.cache)]
        return [t for stat in stats if stat is not None for t in stat[1:3]]


def _cache_state(folder: Path) -> tuple[tuple[str, Stat | None], ...]:
    """The conversion cache as `stat` sees it: its catalogue, what it keeps of the archivist's
    files, the folder of its parts and each folder of its entries (an entry removed changes its
    folder's times). A run that found its entries gone would parse their files again."""
    names = [CATALOGUE, LASTING, PARTS, ENTRIES]
    with contextlib.suppress(OSError), os.scandir(folder / ENTRIES) as groups:
        names += sorted(f"{ENTRIES}/{group.name}" for group in groups)
    return tuple((name, _stat(folder / name)) for name in names)


@dataclass(frozen=True)
class _Record:
    read: Read
    sources: list[tuple[str, Signature]]  # every source file found, in order
    discovered: tuple[int, int]  # the notes and warnings of finding them (the report's first)
    said: Said


def answer(folder: Path, source_dir: Path, read: Read) -> Said | None:
    """What the last run with nothing new said, if this one would say it too (above); None
    where anything it read differs."""
    record = read_pickle(folder / RECORD)  # (None if torn or damaged)
    try:
        return _same(record, source_dir, read) if isinstance(record, _Record) else None
    except Exception:  # a record damaged, or of another version's making: as none
        return None


def _same(record: _Record, source_dir: Path, read: Read) -> Said | None:
    if record.read != read:
        return None
    found_now = Report()
    found = discover(source_dir, found_now)
    notes, warnings = record.discovered
    said = record.said.report
    if (found_now.notices, found_now.warnings, found_now.errors) != (
        said.notices[:notes],
        said.warnings[:warnings],
        [],
    ):
        return None
    if any(one.refused for one in found) or [(one.rel, file_signature(one.path)[0]) for one in found] != record.sources:
        return None
    listing = list_docs(Path(read.folders[1]))
    if not listing.present.issuperset(listing.before):  # a generated file deleted by hand: made again
        return None
    return record.said


def keep(
    folder: Path,
    read: Read,
    found: list[Discovered],
    signatures: dict[str, tuple[Signature, str]],
    discovered: tuple[int, int],
    said: Said,
    started_ns: int,
) -> None:
    """Keep what a run with nothing new read and said (`signatures`: the cache's, taken as it
    found the files), unless a file it read had changed just before (then the next run
    converts, and keeps it if it has nothing new either)."""
    sources = [(one.rel, signatures[one.rel][0]) for one in found if one.rel in signatures]
    times = [t for _, sig in sources for t in (sig[1], sig[2], *(sig[4][1:] if sig[4] else ()))]
    times += read.times()
    if len(sources) < len(found) or read.files[-1] is None or max(times) >= started_ns - RACY_NS:
        return forget(folder)
    write_pickle(folder / RECORD, _Record(read, sources, discovered, said))


def forget(folder: Path) -> None:
    """No answer for the next run: this one read or wrote something new."""
    with contextlib.suppress(OSError):
        os.unlink(folder / RECORD)


def _stat(path: Path) -> Stat | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
