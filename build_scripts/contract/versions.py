"""What a cache's key says of the libraries it was made with: each one's installed version."""

from __future__ import annotations

from collections.abc import Iterable
from importlib import metadata
from pathlib import Path
from typing import Protocol


class _Digest(Protocol):
    def update(self, data: bytes, /) -> None: ...


def add_versions(digest: _Digest, libraries: Iterable[str]) -> None:
    """Feed `digest` each library's name and installed version (`none` where it is not)."""
    for library in libraries:
        try:
            digest.update(f"{library}={metadata.version(library)}\0".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{library}=none\0".encode())


def add_code(digest: _Digest, root: Path, suffixes: tuple[str, ...]) -> None:
    """Feed `digest` every file of the package `root` with one of these suffixes (name and
    bytes, in a fixed order): a cache made by other code is not this code's."""
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix in suffixes and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")


def add_installed(digest: _Digest) -> None:
    """Feed `digest` every installed distribution's name and version, sorted: for a key that
    stands for a whole build (a shard's pages), which any library of the environment may
    shape (a template filter, a path pattern, a highlighter), where a list would miss one."""
    installed = {(dist.metadata["Name"] or "").lower(): dist.version for dist in metadata.distributions()}
    for name, version in sorted(installed.items()):
        digest.update(f"{name}={version}\0".encode())
