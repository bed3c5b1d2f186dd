"""Which paper a docs folder holds. The converter records it (`docs/.archive.json`, a hidden
file MkDocs does not publish); the build checks it against the archive.yml it reads, so that
pages converted from one folder are never published under another paper's name, address and
description (the plugins read `source_dir` of mkdocs.yml, which `convert --source` does not
change)."""

from __future__ import annotations

import json
from pathlib import Path

PROVENANCE_FILE = ".archive.json"


def provenance_text(slug: str, title: str, source: str) -> str:
    """The record: the paper's slug and title, and the source folder relative to the docs
    folder (for the error message only)."""
    return json.dumps({"paper": {"slug": slug, "title": title}, "source": source}, ensure_ascii=False) + "\n"


def recorded_paper(docs: Path) -> tuple[str, str, str] | None:
    """(slug, title, source folder) recorded in a docs folder, None when there is no readable
    record (docs/ written by an older converter, or by hand)."""
    try:
        data = json.loads((docs / PROVENANCE_FILE).read_text(encoding="utf-8"))
        return str(data["paper"]["slug"]), str(data["paper"]["title"]), str(data.get("source", ""))
    except (OSError, ValueError, KeyError, TypeError):
        return None
