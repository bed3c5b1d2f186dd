"""A year's search index kept month by month, so that a correction cuts again only its month.

When one issue of a year changes (a correction in the middle of the year), the year's key
changes and the year is cut again (`year_cache.py`): the whole year, some 6 ms of CPU time an
article, the longest part of a night's build after a correction (maintainers/scale.md,
"Sharded builds"). Yet the articles of the other months are cut as before: their words, their
offsets, their files. So every month cut is kept on its own (`parts/YEAR/DIGEST/` in the
search cache: its word lists, its articles' files, its texts as cut), under a digest of all
that its cut reads (its articles, each with where else it was printed, and the code and
libraries the year's cut is made with); the next cut of the year takes each month whose
digest it finds, with no word the dictionary changed since printed in it, and cuts the
others (`year_parts.cut_runs`, on every core).

A month kept stands where its articles stand now: when an earlier month gained or lost
articles, its article numbers move by as many (`Part.shift`), which changes only the first
gap of each of its word lists (`WordList.extend`) and the names of its articles' files. The
index made so is the same, byte for byte, as one cut from scratch
(tests/test_search_month_parts.py). A month is a whole month of the year's articles: where a
cut goes on from the articles kept of the year (`year_cache.YearSoFar`) in the middle of a
month, that month's articles cut then are not kept (a later correction cuts that month whole).
"""

from __future__ import annotations

import collections
import json
import os
import pickle
import re
import shutil
import zlib
from pathlib import Path
from typing import Any

from .kept import articles_digest, changed_words, lists_from, lists_state, printed, write_state
from .postings import WordList
from .year_parts import Part, Writer, cut_runs, join

STATE = "state.json"
LISTS = "lists.pickle"
TEXT = "text.z"
ARTICLES = "d"  # the month's articles' files, `N.js` and `N-K.js`, named by their number when cut
_FILE = re.compile(r"(\d+)(-\d+)?\.js")


def month_runs(kept: list[Any]) -> list[range]:
    """The year's articles (`one_of_each`'s, in date order) month by month."""
    found: list[range] = []
    start = 0
    for number in range(1, len(kept) + 1):
        if number == len(kept) or kept[number].date[:7] != kept[start].date[:7]:
            found.append(range(start, number))
            start = number
    return found


class KeptMonths:
    """The months of one year kept in `folder` (`parts/YEAR` of the search cache), for a cut
    made with `base` (the code, the libraries and the dictionary's total: `year_cache.base_digest`)
    and the dictionary `dictionary` (its words and frequencies)."""

    def __init__(self, folder: Path, base: str, dictionary: dict[str, int]):
        self.folder = folder
        self.base = base
        self.dictionary = dictionary
        self._written: dict[int, list[str]] | None = None  # the files of the year's articles cut now, by number

    def cut(
        self,
        writer: Writer,
        year: int,
        kept: list[Any],
        copies: dict[int, list[Any]],
        start: int,
        lists: dict[str, WordList],
        words: set[str],
    ) -> None:
        """The year's articles from `start` on into `lists` and `words`, month by month: each
        month kept taken from here, the others cut (and kept, when whole); months kept that
        the year no longer has are let go."""
        months = month_runs(kept)
        digests = [self._digest(kept, copies, month) for month in months]
        plan: list[tuple[range, str | None, Part | None]] = []
        for month, digest in zip(months, digests, strict=True):
            if month.stop <= start:
                continue
            if month.start < start:  # (the rest of a month the cut goes on in: not kept)
                plan.append((range(start, month.stop), None, None))
            else:
                plan.append((month, digest, self._restore(writer, year, digest, month)))
        made = iter(cut_runs(writer, year, kept, copies, [run for run, _, part in plan if part is None]))
        self._written = None
        for run, name, found in plan:
            part = found or next(made)
            if found is None and name is not None:
                self._keep(writer, year, name, run, part)  # (before joining: the join takes its lists)
            join(writer, part, lists, words)
        self._let_go(set(digests))

    def _digest(self, kept: list[Any], copies: dict[int, list[Any]], month: range) -> str:
        return self.base[:16] + articles_digest(kept, copies, month)

    def _restore(self, writer: Writer, year: int, digest: str, month: range) -> Part | None:
        """The month as kept, its articles' files linked into place; None where it is not kept,
        not whole, or prints a word the dictionary changed since it was cut."""
        there = self.folder / digest
        linked: list[str] = []
        try:
            state = json.loads((there / STATE).read_text(encoding="utf-8"))
            if state["base"] != self.base or state["articles"] != len(month):
                return None
            cut_with = {str(word): int(frequency) for word, frequency in state["dictionary"]}
            changed = changed_words(cut_with, self.dictionary)
            if changed and printed(there / TEXT, changed):
                return None
            with open(there / LISTS, "rb") as stream:
                lists = lists_from(pickle.load(stream))
            text = zlib.decompress((there / TEXT).read_bytes()).decode("utf-8")
            shift = month.start - int(state["start"])
            files, size = self._link_articles(there / ARTICLES, writer.out / str(year) / ARTICLES, year, shift, linked)
            if (files, size) != (state["files"], state["bytes"]):
                raise OSError("the kept month is not whole")
            size = sum(os.stat(made).st_size for made in linked) if shift else size  # (numbers of other lengths)
            part = Part(
                lists,
                set(state["words"]),
                [text],
                collections.Counter(state["names"]),
                collections.Counter(state["page_names"]),
                int(state["boxes"]),
                files,
                size,
                shift,
            )
        except Exception:  # (none, or not whole: unpickling bad bytes can raise almost anything)
            for made in linked:  # (never written into: they are the kept files' own)
                os.unlink(made)
            self._let_go_of(there)  # (cut again, it is kept anew)
            return None
        if changed:  # the cut holds for the dictionary as it is now: what changes next is from it
            state["dictionary"] = sorted(self.dictionary.items())
            write_state(there / STATE, state, self.folder.parent.parent / f".month-state-{os.getpid()}")
        return part

    @staticmethod
    def _link_articles(source: Path, target: Path, year: int, shift: int, linked: list[str]) -> tuple[int, int]:
        """Put the files of `source` into `target`, each article `shift` numbers on: linked
        where it stands where it was cut, written again under its new name elsewhere (a file
        names itself). (files, bytes as kept)."""
        target.mkdir(parents=True, exist_ok=True)
        files = size = 0
        for name in os.listdir(source):
            match = _FILE.fullmatch(name)
            if match is None:
                raise OSError(f"{name}: not an article's file")
            new = f"{int(match[1]) + shift}{match[2] or ''}"
            made, kept = os.path.join(target, new + ".js"), os.path.join(source, name)
            if shift:
                data = Path(kept).read_bytes()
                head, then = (f"ArchiveSearch.loaded({json.dumps(f'{year}/d/{n}')}".encode() for n in (name[:-3], new))
                if not data.startswith(head):
                    raise OSError(f"{name}: not this article's file")
                with open(made, "xb") as stream:  # (never over another file: it may be a kept one's link)
                    linked.append(made)
                    stream.write(then + data[len(head) :])
                size += len(data)
            else:
                try:
                    os.link(kept, made)
                except FileExistsError:  # (never copied over: it may be another kept file's link)
                    raise
                except OSError:  # another file system, or no hard links
                    shutil.copy2(kept, made)
                linked.append(made)
                size += os.stat(made).st_size
            files += 1
        return files, size

    def _keep(self, writer: Writer, year: int, digest: str, month: range, part: Part) -> None:
        """Keep a month just cut (its files are in place), made aside and then put in place:
        a build reading the cache meanwhile finds it whole or not at all."""
        making = self.folder.parent.parent / f".month-{digest}-{os.getpid()}"
        try:
            shutil.rmtree(making, ignore_errors=True)
            (making / ARTICLES).mkdir(parents=True)
            written = writer.out / str(year) / ARTICLES
            if self._written is None:  # (listed once, after every month was cut)
                self._written = collections.defaultdict(list)
                for name in os.listdir(written):
                    if match := _FILE.fullmatch(name):
                        self._written[int(match[1])].append(name)
            for number in month:
                for name in self._written.get(number, ()):
                    os.link(written / name, making / ARTICLES / name)
            with open(making / LISTS, "wb") as stream:
                pickle.dump(lists_state(part.lists), stream, protocol=pickle.HIGHEST_PROTOCOL)
            (making / TEXT).write_bytes(zlib.compress("\n".join(part.texts).encode("utf-8"), 1))
            state = {
                "base": self.base,
                "start": month.start,
                "articles": len(month),
                "words": sorted(part.words),
                "names": dict(part.names),
                "page_names": dict(part.page_names),
                "boxes": part.boxes,
                "files": part.files,
                "bytes": part.bytes,
                "dictionary": sorted(self.dictionary.items()),
            }
            (making / STATE).write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")
            self.folder.mkdir(parents=True, exist_ok=True)
            self._let_go_of(self.folder / digest)  # (kept for another dictionary: it printed a word changed since)
            making.rename(self.folder / digest)
        except OSError:  # kept by another build first, or a cache that cannot be written
            shutil.rmtree(making, ignore_errors=True)

    def _let_go(self, digests: set[str]) -> None:
        """Remove the months kept that are none of the year's now."""
        for old in self.folder.iterdir() if self.folder.is_dir() else []:
            if old.name not in digests:
                self._let_go_of(old)

    def _let_go_of(self, month: Path) -> None:
        gone = self.folder.parent.parent / f".month-gone-{month.name}-{os.getpid()}"
        try:  # out of reach at once (a build linking from it fails, and cuts the month)
            month.rename(gone)
        except OSError:
            return
        shutil.rmtree(gone, ignore_errors=True)
