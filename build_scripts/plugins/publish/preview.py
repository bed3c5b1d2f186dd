"""`mkdocs serve` with source texts: convert `source_texts/` into `docs/` again whenever a
text changes, before MkDocs rebuilds."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.exceptions import PluginError

from build_scripts.problems import InputError, printed_warnings

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

        # One change, one rebuild: the server stops watching docs/ while the converter writes
        # it (a poll in between would see our own writes as a change and rebuild a second
        # time) and watches it afresh afterwards, from a first look at the new docs/. The
        # converter swaps in a new docs/ folder by renaming, and a watcher that polled between
        # the two renames would have stopped watching for good: watching afresh rules that out
        # too. The preview records no URLs in the ledger (`convert` does), so source_texts/ is
        # not written either.
        if self.server is not None:
            self.server.unwatch(str(docs))
        try:
            result = convert(source_dir, docs, record_urls=False)
        except InputError as exc:
            raise PluginError(f"converting {source_dir}: {exc}") from None
        finally:
            if self.server is not None:
                self.server.watch(str(docs))
        self._converted = fingerprint
        # the warnings of the files it read (a conversion afterwards counts them as printed)
        for line in printed_warnings(result.report, every=False):
            log.info(line)
        log.info(f"Converted {source_dir.name}/: {result.summary()}")
