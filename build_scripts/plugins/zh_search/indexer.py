"""Builds the search index from `data/articles.jsonl`, year by year.

The plugin runs this in a process of its own (`python -m build_scripts.plugins.zh_search.indexer`)
while MkDocs renders the pages, so on a machine with two cores indexing costs the build little
time; it reads the articles from the data file the converter wrote, not page by page, and
cuts each text once.
"""

from __future__ import annotations

import argparse
import itertools
import json
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

from build_scripts.contract.record import ArticleRecord, RecordError
from build_scripts.ingest.word_list import Word, WordListError, read_word_list

from .index_files import IndexedArticle, IndexWriter
from .key import index_key
from .segment import Segmenter
from .year_cache import YearCache, base_digest, year_key

KEPT_DICTIONARY = "jieba-frequencies.marshal"  # in the cache folder: `segment.jieba_frequencies`


class IndexInputError(Exception):
    """A problem with the input, as one line `path:line: what — fix`."""


def read_articles(path: Path) -> Iterator[tuple[ArticleRecord, str | None]]:
    """Each record, with the id of its first printing for an article printed again."""
    if not path.is_file():  # docs/ that the converter did not write: nothing to index
        return
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
                yield ArticleRecord.from_meta(data), data.get("reprint_of") or None
            except (ValueError, RecordError) as exc:
                raise IndexInputError(
                    f"{path}:{number}: not an article record ({exc}) — run the converter again"
                ) from None


def indexed(record: ArticleRecord, reprint_of: str | None = None) -> IndexedArticle:
    return IndexedArticle(
        id=record.id,
        reprint_of=reprint_of,
        url=record.url,
        title=record.title,
        date=record.date.isoformat(),
        page=record.page,
        page_name=record.page_name,
        byline=record.byline,
        names=record.people,
        dateline=record.dateline,
        text=record.text,
        subheads=record.subheads,
        box=record.box,
    )


def build_index(
    articles: Path, out: Path, word_list: Path | None, names_from_bylines: bool = True, cache: Path | None = None
) -> IndexWriter:
    """Write the index of `articles` (articles.jsonl) into the folder `out` (replaced); with
    `cache`, a year whose articles are those of the last build, and whose texts print no word
    the dictionary changed since, is taken from there, and a year cut anew is kept there
    (`year_cache`)."""
    records = sorted(read_articles(articles), key=lambda r: r[0].date)  # stable: keeps 版 order
    words: list[Word] = read_word_list(word_list, str(word_list)) if word_list else []
    if names_from_bylines:
        words += [Word(name) for r, _ in records for name in r.people if len(name.split()) == 1]
    writer = IndexWriter(out, Segmenter(words, cache / KEPT_DICTIONARY if cache else None))
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    # (the words themselves are compared year by year: `YearCache.restore`)
    base = base_digest(writer.segmenter.total, str(names_from_bylines)) if cache else b""
    years = YearCache(cache, base) if cache else None
    last = records[-1][0].date.year if records else None
    for year, group in itertools.groupby(records, key=lambda r: r[0].date.year):
        these = [indexed(r, first) for r, first in group]
        if years is None:
            writer.add_year(year, these)
        elif not years.restore(writer, year, key := year_key(base, these)):
            years.add(writer, year, key, these, last=year == last)
    writer.finish(index_key(articles, word_list, names_from_bylines))
    return writer


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("articles", type=Path, help="data/articles.jsonl")
    parser.add_argument("out", type=Path, help="folder to write the index into (replaced)")
    parser.add_argument("--word-list", type=Path, help="the archive's word list (userdict.txt)")
    parser.add_argument("--no-names", action="store_true", help="do not add byline names to the dictionary")
    parser.add_argument("--cache", type=Path, help="folder keeping each year's index for the next build")
    args = parser.parse_args(argv)
    try:
        writer = build_index(args.articles, args.out, args.word_list, not args.no_names, args.cache)
    except (IndexInputError, WordListError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"{writer.files} files, {writer.bytes} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
