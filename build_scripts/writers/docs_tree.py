"""Write the generated part of `docs/` atomically, and never touch hand-written pages.

The new tree is assembled next to `docs/` in a staging folder (hand-written files and
unchanged generated files are hard-linked into it, so this is cheap and keeps their
timestamps), then swapped in: in one step where the system can exchange two folders (Linux),
with two renames elsewhere. An interrupted or killed run leaves either the old `docs/` or the
new one, never a mixture; the next run cleans up what was left over.
A manifest (`docs/.generated.json`) records which files are generated, so that files whose
source is gone are dropped and everything else is known to be hand-written.
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import json
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from build_scripts.problems import InputError

MANIFEST = ".generated.json"


@dataclass(frozen=True)
class WriteStats:
    written: int
    unchanged: int
    removed: int
    kept_by_hand: int


def _aside(docs: Path, what: str) -> Path:
    return docs.with_name(f".{docs.name}.{what}")


def recover(docs: Path) -> None:
    """Finish or undo a swap that an earlier run did not complete."""
    old, staging = _aside(docs, "old"), _aside(docs, "staging")
    if not docs.exists() and old.exists():
        old.rename(docs)
    if old.exists():
        shutil.rmtree(old)
    if staging.exists():
        shutil.rmtree(staging)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux renameat2 RENAME_EXCHANGE); False where the system
    or the file system cannot."""
    if sys.platform != "linux":
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def swap_in(staging: Path, docs: Path) -> None:
    """Put the complete new tree in place of docs/. Where folders can be exchanged in one
    step, docs/ is at every moment either the old tree or the new one; elsewhere there is a
    moment between two renames without docs/, which recover() undoes on the next run."""
    if _exchange(staging, docs):
        shutil.rmtree(staging)  # now the old tree
        return
    old = _aside(docs, "old")
    docs.rename(old)
    staging.rename(docs)
    shutil.rmtree(old)


def read_manifest(docs: Path) -> set[str]:
    try:
        return set(json.loads((docs / MANIFEST).read_text(encoding="utf-8"))["files"])
    except (FileNotFoundError, KeyError, ValueError):
        return set()


def _files_under(root: Path) -> list[str]:
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            found.append((Path(dirpath) / name).relative_to(root).as_posix())
    return found


def _link_or_copy(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(src, dst, follow_symlinks=False)
    except OSError:
        shutil.copy2(src, dst, follow_symlinks=False)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@contextlib.contextmanager
def exclusive(docs: Path):
    """Only one conversion may write a docs folder at a time: a second one would remove the
    first one's staging folder as a leftover."""
    try:
        import fcntl
    except ImportError:  # not on this system: no lock
        yield
        return
    docs.parent.mkdir(parents=True, exist_ok=True)
    with open(_aside(docs, "lock"), "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise InputError(
                str(docs),
                None,
                "another conversion is writing this folder right now",
                "wait for it to finish, then run again",
            ) from None
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def check_apart(source: Path, docs: Path) -> None:
    """The docs folder is rebuilt on every run: it must not be, hold or sit inside the source folder."""
    src, out = source.resolve(), docs.resolve()
    if src == out or src.is_relative_to(out) or out.is_relative_to(src):
        raise InputError(
            str(docs),
            None,
            f"the docs folder and the source folder ({source}) overlap",
            "give two separate folders, e.g. --source source_texts --docs docs",
        )
    if docs.exists() and not docs.is_dir():
        raise InputError(
            str(docs), None, "is a file, not the docs folder", "remove or rename it, or give another folder with --docs"
        )


def safe_relative(rel: str) -> str:
    """A generated path must stay inside docs/: relative, forward slashes, no `..`, no hidden
    parts. Paths are built from dates and ASCII slugs, so a failure here is a bug."""
    parts = rel.split("/")
    if (
        not rel
        or rel.startswith("/")
        or "\\" in rel
        or "\0" in rel
        or any(part in ("", ".", "..") or part.startswith(".") for part in parts)
    ):
        raise ValueError(f"refusing to write {rel!r}: not a plain path inside the docs folder")
    return rel


def write_tree(docs: Path, files: dict[str, str]) -> WriteStats:
    """Make the generated files of `docs` exactly `files` (relative path -> text)."""
    for rel in files:
        safe_relative(rel)
    recover(docs)
    docs.mkdir(parents=True, exist_ok=True)
    generated_before = read_manifest(docs)
    existing = set(_files_under(docs)) - {MANIFEST}
    hand_written = existing - generated_before
    clash = sorted(hand_written & set(files))
    if clash:
        raise InputError(
            str(docs / clash[0]),
            None,
            "is a hand-written file where the converter writes a generated page",
            "rename or remove it (generated pages are listed in docs/.generated.json)",
        )

    staging = _aside(docs, "staging")
    try:
        written, unchanged = _stage(docs, staging, files, generated_before, hand_written)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)  # docs/ itself was not touched
        raise
    swap_in(staging, docs)
    removed = len(generated_before - set(files))
    return WriteStats(written=written, unchanged=unchanged, removed=removed, kept_by_hand=len(hand_written))


def _stage(
    docs: Path, staging: Path, files: dict[str, str], generated_before: set[str], hand_written: set[str]
) -> tuple[int, int]:
    """Assemble the complete new tree in `staging`."""
    staging.mkdir(parents=True)
    written = unchanged = 0
    for rel in sorted(hand_written):
        _link_or_copy(docs / rel, staging / rel)
    for rel in sorted(files):
        data = files[rel].encode("utf-8")
        old = docs / rel
        target = staging / rel
        if (
            rel in generated_before
            and old.is_file()
            and old.stat().st_size == len(data)
            and _digest(old.read_bytes()) == _digest(data)
        ):
            _link_or_copy(old, target)
            unchanged += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written += 1
    manifest = {"files": sorted(files)}
    (staging / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    return written, unchanged
