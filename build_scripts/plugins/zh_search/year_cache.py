"""Keeping a year's part of the search index from the last build.

The index is cut year by year (`IndexWriter.add_year`): a year's files (`YEAR/…`) depend on
its articles, as `articles.jsonl` records them, on the dictionary the texts are cut with (the
archive's word list and every reporter's name), and on the code and libraries (the project's
code whole, the segmenters, opencc, Markdown's and pymdownx's slugs of headings). What a year adds to the files of all years (its words to the lexicon, its 版名,
names and boxes to their counts, its entry in `meta.js`) is kept beside its files. So a build
after a new day cuts that day's year again and takes the other years from the cache
(`.docs.search-cache/` beside docs/): on the four-year copy of the real pages, the index took
19 s to build from scratch.

A daily prints names it never printed before every day, and each is a word added to the
dictionary. A word added (or one whose frequency changed) changes the cut of the texts that
print it and of no other (the dictionary's total stays the same: `segment.BALANCE`), so a
kept year is cut again only where its texts print one of the words that changed since it was
cut: each cut keeps the dictionary it was made with and the texts it cut, as cut. Without
this, every night's build cut the whole archive again.

A new day is added at the end of its year, and the year's articles are numbered in the
archive's order: the cut of the year before the day holds, unchanged, the first part of the
year's new cut. So the archive's last year keeps its word lists too (`so-far.pickle`), and a
build whose year starts with the articles of the kept cut — the same articles, printed again
nowhere new — goes on from it, cutting only the articles after them.

A year cut again (a correction in it, or a word that changed printed in it) takes the months
of it that did not change from the cache too, and cuts only the others (`month_parts.py`).

The index made so is the same, byte for byte, as one made from scratch
(tests/test_zh_search_cache.py). A kept cut is checked whole (its files and bytes) before it
is used; a damaged or incomplete one is cut again, and a cache that cannot be written is
done without.
"""

from __future__ import annotations

import collections
import hashlib
import json
import os
import pickle
import shutil
import zlib
from pathlib import Path

from build_scripts.contract.versions import add_code, add_versions

from .index_files import IndexedArticle, IndexWriter, one_of_each
from .kept import (
    FIELDS,
    articles_digest,
    changed_words,
    link_tree,
    lists_from,
    lists_state,
    printed,
    tree_size,
    write_state,
)
from .month_parts import KeptMonths
from .year_parts import YearSoFar

PACKAGE = Path(__file__).resolve().parents[2]  # build_scripts: the records are read with it too
CACHE_FORMAT = b"search-year-cache 2"
STATE = "state.json"
FILES = "files"
TEXT = "text.z"  # the year's texts as cut (normalised), zlib: to look for the words that changed
SO_FAR = "so-far.pickle"  # the last year's word lists, to go on from (`YearSoFar`)
PARTS = "parts"  # each year's months, each kept on its own (`month_parts.py`)
# What else a year's files are made with: the segmenters, opencc, the heading anchors' slugs
LIBRARIES = ("rjieba", "jieba", "opencc", "Markdown", "pymdown-extensions", "mkdocs")


def base_digest(total: int, extra: str) -> bytes:
    """What every year is cut with, but the archive's words: the code, the libraries and the
    dictionary's total (a word list that outgrows the budget changes it: every year is cut again)."""
    digest = hashlib.sha256(CACHE_FORMAT + b"\0" + extra.encode() + b"\0" + str(total).encode() + b"\0")
    add_code(digest, PACKAGE, (".py", ".json", ".gz", ".txt"))
    add_versions(digest, LIBRARIES)
    return digest.digest()


def year_key(base: bytes, articles: list[IndexedArticle]) -> str:
    digest = hashlib.sha256(base)
    for article in articles:  # (its fields in order: `asdict` took a quarter of a build with nothing new)
        fields = [getattr(article, name) for name in FIELDS]
        digest.update(json.dumps(fields, ensure_ascii=False).encode() + b"\0")
    return digest.hexdigest()[:24]


def printed_digest(kept: list[IndexedArticle], copies: dict[int, list[IndexedArticle]], articles: int) -> str:
    """What the cut of a year's first `articles` kept articles (`one_of_each`) reads of them:
    each, and where else it was printed."""
    return articles_digest(kept, copies, range(articles))


def _dictionary(writer: IndexWriter) -> list[list]:
    return [[word, frequency] for word, frequency in sorted(writer.segmenter.added.items())]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's: alive
        return True
    return True


class YearCache:
    """Each year's files and what it adds to the whole index, by the year's key. `base`:
    what every year is cut with but the archive's words (`base_digest`)."""

    def __init__(self, folder: Path, base: bytes = b""):
        self.folder = folder
        self.base = base.hex()
        # cuts (and states) a build was making when it was stopped (`mkdocs serve` stops the
        # indexer at each change): left behind, they would only grow the cache
        for making in folder.glob(".*-*-*") if folder.is_dir() else []:
            pid = making.name.rpartition("-")[2]
            if pid.isdigit() and not _alive(int(pid)):
                if making.is_dir() and not making.is_symlink():
                    shutil.rmtree(making, ignore_errors=True)
                else:
                    making.unlink(missing_ok=True)

    def restore(self, writer: IndexWriter, year: int, key: str) -> bool:
        """Put the year into the index being written, as the cache holds it; False if it does not."""
        kept = self.folder / str(year) / key
        try:
            state = json.loads((kept / STATE).read_text(encoding="utf-8"))
            words, page_names, names = set(state["words"]), dict(state["page_names"]), dict(state["names"])
            boxes, entry, count, size = int(state["boxes"]), dict(state["entry"]), state["files"], state["bytes"]
            cut_with = {str(word): int(frequency) for word, frequency in state["dictionary"]}
            if not all(isinstance(word, str) for word in words):
                return False
            changed = changed_words(cut_with, writer.segmenter.added)
            if changed and printed(kept / TEXT, changed):
                return False  # (a word that changed is printed in the year: its cut may differ)
        except (OSError, ValueError, KeyError, TypeError, zlib.error):  # none, or not a state this code wrote
            return False
        try:  # (a cut removed meanwhile by another build, or damaged: cut the year again)
            if link_tree(kept / FILES, writer.out / str(year)) != (count, size):
                raise OSError("the kept cut is not whole")
        except OSError:
            shutil.rmtree(writer.out / str(year), ignore_errors=True)
            return False
        writer.files += count
        writer.bytes += size
        writer.add_words_of_year(words)
        writer.page_names.update(page_names)
        writer.names.update(names)
        writer.boxes += boxes
        writer.years.append(entry)
        if changed:  # the cut holds for the dictionary as it is now: what changed next is from it
            state["dictionary"] = _dictionary(writer)
            write_state(kept / STATE, state, self.folder / f".{kept.parent.name}-state-{os.getpid()}")
        return True

    def add(self, writer: IndexWriter, year: int, key: str, articles: list[IndexedArticle], last: bool = False) -> None:
        """Index the year anew, and keep it (in place of what the cache held of the year). The
        archive's `last` year goes on from the cut kept of its first articles, if it can
        (`_so_far`), and keeps its word lists for the next build to go on from."""
        page_names, names, boxes = (
            collections.Counter(writer.page_names),
            collections.Counter(writer.names),
            writer.boxes,
        )
        files, size = writer.files, writer.bytes
        kept, copies, _ = one_of_each(articles) if last else ([], {}, {})
        months = KeptMonths(self.folder / PARTS / str(year), self.base, writer.segmenter.added)
        writer.add_year(year, articles, self._so_far(writer, year, kept, copies) if last else None, months)
        state = {
            "words": sorted(writer.year_words),
            "page_names": dict(writer.page_names - page_names),
            "names": dict(writer.names - names),
            "boxes": writer.boxes - boxes,
            "entry": writer.years[-1],
            "files": writer.files - files,
            "bytes": writer.bytes - size,
            "dictionary": _dictionary(writer),
            "base": self.base,
        }
        if last:
            state.update(kept=len(kept), printed=printed_digest(kept, copies, len(kept)))
        try:
            self._keep(writer, year, key, state, last)
        except OSError:  # a cache that cannot be written (a full disk): the index is made all the same
            pass

    def _so_far(
        self, writer: IndexWriter, year: int, kept: list[IndexedArticle], copies: dict[int, list[IndexedArticle]]
    ) -> YearSoFar | None:
        """The cut kept of the year, as the start of its cut now, with its articles' files put
        in place (`writer.out`): where the year starts with the articles the cut was made of,
        none of them printed again anywhere new, and the words that changed since are printed
        in none of them. None where no such cut is kept."""
        for cut in sorted((self.folder / str(year)).glob("[!.]*")) if (self.folder / str(year)).is_dir() else []:
            try:
                state = json.loads((cut / STATE).read_text(encoding="utf-8"))
                start = int(state["kept"])
                if state["base"] != self.base or not 0 < start <= len(kept):
                    continue
                if state["printed"] != printed_digest(kept, copies, start):
                    continue
                cut_with = {str(word): int(frequency) for word, frequency in state["dictionary"]}
                changed = changed_words(cut_with, writer.segmenter.added)
                if changed and printed(cut / TEXT, changed):
                    continue
                with open(cut / SO_FAR, "rb") as stream:
                    lists = lists_from(pickle.load(stream))
                so_far = YearSoFar(
                    start, lists, set(state["words"]), zlib.decompress((cut / TEXT).read_bytes()).decode()
                )
                names, page_names, boxes = dict(state["names"]), dict(state["page_names"]), int(state["boxes"])
                files, size = (int(n) for n in state["articles_files"])
                if link_tree(cut / FILES / "d", writer.out / str(year) / "d") != (files, size):
                    raise OSError("the kept articles' files are not whole")
            except Exception:  # (none, or not whole: unpickling bad bytes can raise almost anything)
                shutil.rmtree(writer.out / str(year), ignore_errors=True)
                continue
            writer.files, writer.bytes = writer.files + files, writer.bytes + size
            writer.names.update(names)
            writer.page_names.update(page_names)
            writer.boxes += boxes
            return so_far
        return None

    def _keep(self, writer: IndexWriter, year: int, key: str, state: dict, so_far: bool) -> None:
        # made aside, then put in place of the year's other cuts: a build reading the cache
        # meanwhile finds a cut whole or none
        making = self.folder / f".{year}-{key}-{os.getpid()}"
        shutil.rmtree(making, ignore_errors=True)
        link_tree(writer.out / str(year), making / FILES)
        (making / TEXT).write_bytes(zlib.compress("\n".join(writer.year_text).encode("utf-8"), 1))
        if so_far:
            state["articles_files"] = tree_size(making / FILES / "d")
            with open(making / SO_FAR, "wb") as stream:
                pickle.dump(lists_state(writer.year_lists), stream, protocol=pickle.HIGHEST_PROTOCOL)
        (making / STATE).write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")
        for old in (self.folder / str(year)).glob("*") if (self.folder / str(year)).is_dir() else []:
            gone = self.folder / f".{year}-gone-{old.name}-{os.getpid()}"
            try:  # out of reach at once (a build linking from it fails, and cuts the year anew)
                old.rename(gone)
            except OSError:
                continue
            shutil.rmtree(gone, ignore_errors=True)
        (self.folder / str(year)).mkdir(parents=True, exist_ok=True)
        try:
            making.rename(self.folder / str(year) / key)
        except OSError:  # another build kept the same cut first
            shutil.rmtree(making, ignore_errors=True)
