"""The theme's templates, compiled once and kept for the next build.

Every MkDocs run compiles the same forty-odd templates of Material and of the archive's
overrides: half a second of CPU time, paid by each process of a sharded build and by every
night's build again. Jinja keeps what it compiled in a folder (its FileSystemBytecodeCache),
each template under its name and file and checked against its source's checksum when loaded:
a template edited is compiled anew, never served stale. The folder is where Material's own
plugins keep what they make (`.cache/plugin/…`, beside mkdocs.yml), one folder for each
version of Jinja (whose compiled files record their format and Python's version, not Jinja's).
Jinja writes each file whole and renames it into place, so builds side by side never read half
of one; a file it cannot write (a folder made read-only, a full disk) is compiled again next
time, never a build that fails."""

from __future__ import annotations

from pathlib import Path

import jinja2
from jinja2 import Environment, FileSystemBytecodeCache
from jinja2.bccache import Bucket

COMPILED_TEMPLATES = Path(".cache", "plugin", "newspaper-archive", f"templates-jinja-{jinja2.__version__}")


class _KeptIfPossible(FileSystemBytecodeCache):
    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def keep_compiled_templates(env: Environment, config_file: str | None) -> None:
    if not config_file:  # (a configuration made in code, not read from a file)
        return
    folder = Path(config_file).parent / COMPILED_TEMPLATES
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:  # (a project folder that cannot be written to: compiled each time, as without)
        return
    env.bytecode_cache = _KeptIfPossible(str(folder))
