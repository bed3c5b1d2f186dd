"""The archive's own settings: `source_texts/archive.yml` (the paper, and a few options)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from .model import PaperInfo
from .problems import InputError

ARCHIVE_FILE = "archive.yml"
# The archive's hand-kept search words (read by the zh-search plugin, not by the converter).
WORD_LIST_FILE = "userdict.txt"

_PAPER_KEYS = {"title", "title_en", "slug", "publisher", "place", "language"}
_TOP_KEYS = {"paper", "encoding", "site_url", "tags_per_article", "search"}


@dataclass(frozen=True)
class ArchiveConfig:
    paper: PaperInfo
    encoding: str | None = None  # default encoding of every source file, when declared
    site_url: str = ""
    tags_per_article: int = 5


def _fail(path: str, what: str, fix: str) -> InputError:
    return InputError(path, None, what, fix)


def load_archive_config(source_dir: Path) -> ArchiveConfig:
    path = source_dir / ARCHIVE_FILE
    shown = str(path)
    if not path.is_file():
        raise _fail(
            shown,
            "the archive description is missing",
            f"create {ARCHIVE_FILE} with at least `paper: {{title: …, slug: …}}` (see README, Configuration)",
        )
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except UnicodeDecodeError:
        raise _fail(shown, "not UTF-8 text", "save archive.yml as UTF-8") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(
            shown, mark.line + 1 if mark else None, f"not valid YAML ({getattr(exc, 'problem', exc)})",
            "fix the YAML syntax (indentation, a missing colon)",
        ) from None
    if not isinstance(data, dict):
        raise _fail(shown, "must be a mapping of settings", "start it with `paper:`")
    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise _fail(shown, f"unknown setting(s): {', '.join(sorted(unknown))}", f"allowed: {', '.join(sorted(_TOP_KEYS))}")
    paper = data.get("paper")
    if not isinstance(paper, dict) or not paper.get("title"):
        raise _fail(shown, "`paper.title` is missing", "add `paper: {title: 浙江日报, slug: zhejiang-daily}`")
    unknown = set(paper) - _PAPER_KEYS
    if unknown:
        raise _fail(shown, f"unknown paper setting(s): {', '.join(sorted(unknown))}", f"allowed: {', '.join(sorted(_PAPER_KEYS))}")
    from .slugs import ascii_slug  # late import: slugs pulls in pypinyin

    info = PaperInfo(
        title=str(paper["title"]),
        slug=str(paper.get("slug") or ascii_slug(str(paper["title"]))),
        title_en=str(paper.get("title_en", "")),
        publisher=str(paper.get("publisher", "")),
        place=str(paper.get("place", "")),
        language=str(paper.get("language", "zh")),
    )
    tags = data.get("tags_per_article", 5)
    if not isinstance(tags, int) or not 0 <= tags <= 20:
        raise _fail(shown, "`tags_per_article` must be a whole number from 0 to 20", "e.g. `tags_per_article: 5`")
    return ArchiveConfig(
        paper=info,
        encoding=data.get("encoding"),
        site_url=str(data.get("site_url") or ""),
        tags_per_article=tags,
    )
