"""The CSL-JSON downloads (`<slug>.csl.json`, maintainers/output-contract.md), written next to
each article page once the page is written — and at every address whose article moved or was
withdrawn, since a published address keeps resolving: a moved article's file is its
successor's (the citation of where its text is now, as the address's page sends the reader
there), a withdrawn one's an empty list (CSL-JSON naming no item: nothing of it is in the
archive any more)."""

from __future__ import annotations

import shutil
from pathlib import Path

from build_scripts.contract.urls import ARTICLE_PATH_RE, CSL_SUFFIX, csl_path

NO_ITEM = "[]\n"


class CitationFiles:
    """The CSL-JSON files of one build, by the docs path of the page they stand beside."""

    def __init__(self) -> None:
        self.site = Path()  # the site folder, as the build writes it (`page_written`)
        self._texts: dict[str, str] = {}  # page → its file's text, until the page is written
        self._written: set[str] = set()  # articles whose file is written
        self._waiting: dict[str, list[str]] = {}  # article → moved addresses that take its file
        self._folders: set[Path] = set()  # folders of the site made for them

    def article(self, page: str, text: str) -> None:
        self._texts[page] = text

    def moved(self, page: str, successor: str | None) -> None:
        """An address whose article moved to `successor` (an article page of this build), or
        was withdrawn (None)."""
        if not ARTICLE_PATH_RE.match(page):  # (not an issue's, a month's or a name's)
            return
        if successor is None:
            self._texts[page] = NO_ITEM
        elif successor in self._written:  # (read back: the texts of 100,000 articles are not kept)
            self._texts[page] = (self.site / csl_path(successor)).read_text(encoding="utf-8")
        else:
            self._waiting.setdefault(successor, []).append(page)

    def page_written(self, page: str, site: Path) -> None:
        """Write the files that stand beside `page` in `site`, and those waiting for its text."""
        self.site = site
        text = self._texts.pop(page, None)
        if text is None:
            return
        self._write(page, text)
        for alias in self._waiting.pop(page, ()):
            self._write(alias, text)
        self._written.add(page)

    def _write(self, page: str, text: str) -> None:
        target = self.site / csl_path(page)
        if target.parent not in self._folders:  # an issue's folder holds all its articles'
            target.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(target.parent)
        target.write_text(text, encoding="utf-8")


def alias_across_shards(site: Path, moved: dict[str, str]) -> None:
    """In a site assembled from shards (ship/sharded_build.py): the citation of each moved
    address (old address → its successor's, from the URL ledger) whose successor another shard
    built — an article whose page's date was corrected across a year — copied from the
    successor's, as a build of the whole site writes it (`moved`)."""
    for old, new in sorted(moved.items()):
        alias, source = site / (old.rstrip("/") + CSL_SUFFIX), site / (new.rstrip("/") + CSL_SUFFIX)
        if not alias.exists() and source.is_file():
            alias.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, alias)
