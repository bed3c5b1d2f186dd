"""What a cache's key says of the libraries it was made with: each one's installed version."""

from __future__ import annotations

from collections.abc import Iterable
from importlib import metadata
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
