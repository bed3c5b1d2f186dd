"""The search index's key and format number: what the index depends on (`meta.js` names the
key, and the browser asks for every other file of the index with it, so that it never mixes
files of two indexes). Cutting text is the indexer's, in a process of its own, so jieba,
rjieba and opencc are not imported here."""

from __future__ import annotations

import hashlib
from importlib.metadata import version
from pathlib import Path

FORMAT = 9  # (9: words printed spaced out, `segment.spaced_words`)
# The vendored opencc-js that the pages load for traditional characters.
VENDORED = Path(__file__).resolve().parents[2] / "vendor" / "opencc-js" / "t2cn.js"


def index_key(articles: Path, word_list: Path | None, names_from_bylines: bool) -> str:
    """What the index depends on: the same key means the same index (it versions the files)."""
    digest = hashlib.sha256()
    for part in (str(FORMAT), version("rjieba"), version("opencc"), str(names_from_bylines)):
        digest.update(part.encode() + b"\0")
    for path in (articles, word_list, VENDORED):
        if path is not None and path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
