"""`mkdocs serve` with source texts: convert `source_texts/` into `docs/` again whenever a
text changes, before MkDocs rebuilds."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.exceptions import PluginError

from build_scripts.problems import InputError

log = logging.getLogger("mkdocs.plugins.build_scripts.plugins.publish.preview")


def source_fingerprint(source_dir: Path) -> tuple:
    """What the source folder holds, cheaply: every file's name, size and modification time."""
    found = []
    for dirpath, dirnames, filenames in os.walk(source_dir):
        dirnames.sort()
        for name in sorted(filenames):
            stat = (Path(dirpath) / name).stat()
            found.append((os.path.join(dirpath, name), stat.st_size, stat.st_mtime_ns))
    return tuple(found)


class Reconverter:
    """Remembers what it converted last, across the rebuilds of one `mkdocs serve`."""

    def __init__(self) -> None:
        self.server = None
        self._converted: tuple | None = None

    def watch(self, server, source_dir: Path) -> None:
        self.server = server
        server.watch(str(source_dir))

    def convert_if_changed(self, source_dir: Path, docs: Path) -> None:
        fingerprint = source_fingerprint(source_dir)
        if fingerprint == self._converted:
            return  # docs/ changed by hand, or this build follows our own conversion
        from build_scripts.convert import convert  # late import: only `serve` converts

        try:
            result = convert(source_dir, docs)
        except InputError as exc:
            raise PluginError(f"converting {source_dir}: {exc}") from None
        self._converted = fingerprint
        log.info(f"Converted {source_dir.name}/: {result.summary()}")
        if self.server is not None:
            # The converter swaps in a new docs/ folder by renaming. The polling watcher
            # follows the path, but a poll that falls between the two renames finds no
            # folder and stops watching for good; watching afresh rules that out (and its
            # first snapshot is the new docs/, so our own writes trigger no second build).
            self.server.unwatch(str(docs))
            self.server.watch(str(docs))
