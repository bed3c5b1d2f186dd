"""A generated file given as pieces to write one after the other, not as one string.

The data files are the largest files of `docs/`: 50 MB of JSON Lines and as much CSV for all
years at 11,000 articles. A year's file is its articles' records, each with its tags between
the parts that do not change; the file of all years is the years' files one after the other.
Joined in memory, then compared with the file in `docs/`, they took a tenth of converting
again after one issue changed, most of it copying bytes that were already on disk.

As pieces, a file is compared with the one in `docs/` and written piece by piece. A piece is
bytes at hand, or part of a file already in `docs/` (a year's CSV file without its header; the
records of the days of a year that did not change, where the last run wrote them) or written
by this run (a year's records, once its file is written: `Pieces.now_in`), which the system
copies without the bytes passing through Python. A part of the very file a piece is
compared with, at the same place, is not read: it is the same bytes. A file of the same pieces as
one written before it (the files of all years, in an archive of one year) is a second name of
that file (`write_or_link`).
"""

from __future__ import annotations

import contextlib
import itertools
import os
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, NamedTuple

CHUNK = 1 << 20  # bytes compared or copied at a time from a file piece


class FilePart(NamedTuple):
    """A file in `docs/`, or one this run has just written, from byte `skip` on, up to byte
    `end` (None: its end). It must not change while the pieces are written. `made`: bytes this
    run made, held in the file it wrote them to (`Pieces.now_in`) — compared first, as bytes at
    hand are."""

    path: Path
    skip: int = 0
    end: int | None = None
    made: bool = False

    def size(self) -> int:
        end = self.path.stat().st_size if self.end is None else self.end
        return max(0, end - self.skip)

    def after(self, head: bytes) -> FilePart:
        """The file past `head`, if it begins with it (a year's CSV file past its header);
        the whole file if not (a file edited by hand: copied as it is, not cut short)."""
        with self.path.open("rb") as f:
            f.seek(self.skip)
            return self._replace(skip=self.skip + len(head)) if f.read(len(head)) == head else self


# Bytes at hand from this size on are let go once a file holds them (`Pieces.now_in`): a day's
# records are hundreds of kilobytes; the CSV header stays at hand (the files of all years begin
# with it, and compare equal to a year's file only with the same parts).
LET_GO_FROM = 1 << 16


@dataclass
class Pieces:
    parts: tuple[bytes | FilePart, ...]

    def now_in(self, path: Path) -> None:
        """`path` holds these very bytes now (written there, or found to be the same): the
        large pieces at hand become the ranges of that file they lie in, and their bytes are
        let go. The files of all years are made of the years' files once these are written;
        each year's records, held until then, put every article's text of the archive in
        memory twice over (JSON Lines and CSV) in a full conversion."""
        parts: list[bytes | FilePart] = []
        at = 0
        for part in self.parts:
            size = len(part) if isinstance(part, bytes) else part.size()
            let_go = isinstance(part, bytes) and size >= LET_GO_FROM
            parts.append(FilePart(path, at, at + size, made=True) if let_go else part)
            at += size
        self.parts = tuple(parts)

    def size(self) -> int:
        return sum(len(part) if isinstance(part, bytes) else part.size() for part in self.parts)

    def data(self) -> bytes:
        """The whole file in memory (for a conversion held in memory: tests and tools)."""
        return b"".join(part if isinstance(part, bytes) else _read(part) for part in self.parts)

    def same_as(self, path: Path) -> bool:
        """Does the file at `path` hold exactly these bytes? Read piece by piece, up to the
        first difference — the pieces this run made first (at hand, or in the file it wrote them
        to): where the file changed, they are what changed (a year's records made again), and
        a piece copied from `docs/` (a year not made again, in the file of all years) is read
        only when they are all the same."""
        try:
            sizes = [len(part) if isinstance(part, bytes) else part.size() for part in self.parts]
            if path.stat().st_size != sum(sizes):
                return False
            offsets = list(itertools.accumulate(sizes, initial=0))
            order = sorted(range(len(self.parts)), key=lambda k: not _made_now(self.parts[k]))
            with path.open("rb") as old:
                for k in order:
                    part = self.parts[k]
                    if isinstance(part, FilePart) and part.path == path and part.skip == offsets[k]:
                        continue  # bytes of this very file, kept where they are
                    old.seek(offsets[k])
                    if not _same_piece(old, self.parts[k]):
                        return False
            return True
        except OSError:
            return False

    def write_to(self, path: Path) -> None:
        with path.open("wb") as out:
            for part in self.parts:
                if isinstance(part, bytes):
                    out.write(part)
                else:
                    out.flush()
                    _copy(part, out)


def _made_now(part: bytes | FilePart) -> bool:
    return isinstance(part, bytes) or part.made


def write_or_link(data: Pieces, out: Path, staged: list[tuple[Pieces, Path]]) -> None:
    """Write a file given as pieces — as a second name of a file written with the same pieces
    where there is one (`staged`, which it joins): in an archive of one year, the data files
    of all years are its year's, 100 MB at 11,000 articles that need not be copied again.
    Where the system has no such names (a FAT stick), it is written."""
    for pieces, path in staged:
        if pieces == data:  # (the same part objects: compared by identity first)
            with contextlib.suppress(OSError):
                os.link(path, out)
                return
    data.write_to(out)
    data.now_in(out)
    staged.append((data, out))


def _read(part: FilePart) -> bytes:
    with part.path.open("rb") as f:
        f.seek(part.skip)
        if part.end is None:
            return f.read()
        data = f.read(max(0, part.end - part.skip))
        if len(data) < part.end - part.skip:
            raise RuntimeError(f"{part.path} is shorter than it was a moment ago")
        return data


def _same_piece(old: BinaryIO, part: bytes | FilePart) -> bool:
    if isinstance(part, bytes):
        view = memoryview(part)
        chunks = (view[at : at + CHUNK] for at in range(0, len(part), CHUNK))
        return all(old.read(len(chunk)) == chunk for chunk in chunks)
    with part.path.open("rb") as f:
        f.seek(part.skip)
        left = part.size()
        while left > 0 and (chunk := f.read(min(CHUNK, left))):
            if old.read(len(chunk)) != chunk:
                return False
            left -= len(chunk)
    return left <= 0  # (a file shorter than the piece is not the same)


def _copy(part: FilePart, out: BinaryIO) -> None:
    """Append the file piece to `out` (flushed): by `os.sendfile` where the system copies
    between files (Linux), through a buffer elsewhere."""
    with part.path.open("rb") as f:
        size = os.fstat(f.fileno()).st_size if part.end is None else part.end
        offset = part.skip
        try:
            while offset < size:
                sent = os.sendfile(out.fileno(), f.fileno(), offset, size - offset)
                if sent == 0:  # the file is shorter than it was a moment ago
                    raise RuntimeError(f"{part.path} changed while it was being copied")
                offset += sent
        except (AttributeError, OSError):  # no sendfile between two files here (macOS)
            out.seek(0, os.SEEK_END)
            f.seek(offset)
            while offset < size and (chunk := f.read(min(CHUNK, size - offset))):
                out.write(chunk)
                offset += len(chunk)
            out.flush()
            if offset < size:
                raise RuntimeError(f"{part.path} changed while it was being copied") from None
        out.seek(0, os.SEEK_END)  # the writer's buffer starts where the system stopped


def same_bytes(path: Path, data: bytes | Pieces) -> bool:
    """Does the file hold exactly `data`? Compared as bytes, not through digests: the data
    files are tens of megabytes, and hashing both sides took twice as long as comparing them."""
    if isinstance(data, Pieces):
        return data.same_as(path)
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def text_of(value: str | bytes | Pieces) -> str:
    """A generated file's text, however it was given."""
    if isinstance(value, str):
        return value
    return (value.data() if isinstance(value, Pieces) else value).decode("utf-8")
