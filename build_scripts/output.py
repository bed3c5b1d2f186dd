"""Write the generated part of `docs/` atomically, and never touch hand-written pages.

The new tree is assembled next to `docs/` in a staging folder (hand-written files and
unchanged generated files are hard-linked into it, so this is cheap and keeps their
timestamps), then swapped in with two renames. An interrupted run leaves either the old
`docs/` or the new one, never a mixture; the next run cleans up what was left over.
A manifest (`docs/.generated.json`) records which files are generated, so that files whose
source is gone are dropped and everything else is known to be hand-written.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from .problems import InputError

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


def write_tree(docs: Path, files: dict[str, str]) -> WriteStats:
    """Make the generated files of `docs` exactly `files` (relative path -> text)."""
    recover(docs)
    docs.mkdir(parents=True, exist_ok=True)
    generated_before = read_manifest(docs)
    existing = set(_files_under(docs)) - {MANIFEST}
    hand_written = existing - generated_before
    clash = sorted(hand_written & set(files))
    if clash:
        raise InputError(
            str(docs / clash[0]), None, "is a hand-written file where the converter writes a generated page",
            "rename or remove it (generated pages are listed in docs/.generated.json)",
        )

    staging = _aside(docs, "staging")
    staging.mkdir(parents=True)
    written = unchanged = 0
    for rel in sorted(hand_written):
        _link_or_copy(docs / rel, staging / rel)
    for rel in sorted(files):
        data = files[rel].encode("utf-8")
        old = docs / rel
        target = staging / rel
        if rel in generated_before and old.is_file() and old.stat().st_size == len(data) and _digest(old.read_bytes()) == _digest(data):
            _link_or_copy(old, target)
            unchanged += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written += 1
    manifest = {"files": sorted(files)}
    (staging / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")

    old = _aside(docs, "old")
    docs.rename(old)
    staging.rename(docs)
    shutil.rmtree(old)
    removed = len(generated_before - set(files))
    return WriteStats(written=written, unchanged=unchanged, removed=removed, kept_by_hand=len(hand_written))
