"""The byte format of a word's list of articles (maintainers/search-index.md), and the hash
that puts each word in its file. search-files.js reads both back."""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence

FNV_OFFSET, FNV_PRIME = 0x811C9DC5, 0x01000193
# Where in an article a word was found (bit flags).
TITLE, BYLINE, BODY = 1, 2, 4
# A word in at least one article in DENSE_SHARE of a year's is kept as a bitmap of the year's
# articles (one bit each) instead of a list (about two bytes an article): from there on the
# bitmap is at least half the size, and a sixteenth of it for a word in nearly every article
# (的, 和, 发展), which is what made the largest first queries large. Below DENSE_MIN_BYTES the
# bitmap saves too little to be worth losing the counts.
DENSE_SHARE = 8
DENSE_MIN_BYTES = 256


def bucket(word: str, buckets: int) -> int:
    """32-bit FNV-1a over the word's code points, modulo `buckets`: the same in search.js."""
    h = FNV_OFFSET
    for ch in word:
        h = ((h ^ ord(ch)) * FNV_PRIME) & 0xFFFFFFFF
    return h % buckets


def varint(n: int, out: bytearray) -> None:
    """LEB128: seven bits a byte, low bits first, the high bit set on every byte but the last."""
    while n >= 0x80:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)


# The varint of every number below 2**16, made once: an index adds millions of small numbers
# (gaps, counts, offsets within an article), and looking their bytes up is several times
# faster than encoding each. Larger numbers take `varint`. (Written out by their number of
# bytes, one to three: made so, the table costs every indexer's start a fifth of the time.)
_SMALL = 1 << 16
_VARINTS = (
    [bytes((n,)) for n in range(0x80)]
    + [bytes(((n & 0x7F) | 0x80, n >> 7)) for n in range(0x80, 0x4000)]
    + [bytes(((n & 0x7F) | 0x80, ((n >> 7) & 0x7F) | 0x80, n >> 14)) for n in range(0x4000, _SMALL)]
)


def _varint_of(n: int) -> bytearray:
    out = bytearray()
    varint(n, out)
    return out


def varints(numbers: list[int], out: bytearray) -> None:
    if all(n < 0x80 for n in numbers):  # the common case, in one step
        out += bytes(numbers)
    else:
        for n in numbers:
            varint(n, out)


def _gaps(articles: list[int], out: bytearray) -> None:
    """`count`, then each article number as the gap from the previous one, minus one."""
    varint(len(articles), out)
    last = -1
    for article in articles:
        varint(article - last - 1, out)
        last = article


def read_varints(data: bytes | bytearray, at: int = 0) -> Iterator[int]:
    """Yield the numbers of `data` from byte `at` on."""
    n = shift = 0
    for byte in memoryview(data)[at:]:
        n |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            yield n
            n = shift = 0


class WordList:
    """One word's articles within a year, in article order. For each article: the gap from the
    previous article, then `count << 3 | fields`; the offsets of every occurrence, each from
    the one before, are kept apart (a query loads them only when it needs them)."""

    __slots__ = ("articles", "offsets", "last", "count")

    def __init__(self) -> None:
        self.articles = bytearray()
        self.offsets = bytearray()
        self.last = -1
        self.count = 0

    def add(self, article: int, fields: int, offsets: list[int]) -> None:
        gap, info = article - self.last - 1, len(offsets) << 3 | fields
        if len(offsets) == 1:
            steps = offsets
        else:
            steps = [b - a for a, b in zip([0, *offsets], offsets, strict=False)]
            if min(steps) < 0:
                raise ValueError(f"offsets {offsets} are not in order")
        if gap < _SMALL and info < _SMALL and max(steps) < _SMALL:
            self.articles += _VARINTS[gap] + _VARINTS[info]
            self.offsets += _VARINTS[steps[0]] if len(steps) == 1 else b"".join([_VARINTS[n] for n in steps])
        else:
            varint(gap, self.articles)
            varint(info, self.articles)
            varints(steps, self.offsets)
        self.last = article
        self.count += 1

    def add_article(self, article: int) -> None:
        """For a filter word (a reporter, a 版名): the article only."""
        varint(article - self.last - 1, self.articles)
        self.last = article
        self.count += 1

    def extend(self, later: WordList, shift: int = 0) -> None:
        """Append the list of a later part of the year (`year_parts.py`), whose articles all
        come after this list's: its first gap, counted from the year's start, is coded again
        from this list's last article; the rest is taken as it is. `shift`: how many articles
        later the part's articles stand now than when it was cut (gaps between them stay)."""
        if not later.count:
            return
        data = later.articles
        if data[0] < 0x80:  # (a first gap of one byte: most of a year's hundreds of thousands)
            first, coded = data[0], 1
        else:
            first = next(read_varints(data))
            coded = len(_VARINTS[first]) if first < _SMALL else len(_varint_of(first))
        gap = first + shift - self.last - 1
        self.articles += _VARINTS[gap] if gap < _SMALL else _varint_of(gap)
        self.articles += memoryview(data)[coded:]
        self.offsets += later.offsets
        self.last = later.last + shift
        self.count += later.count

    def encoded(self) -> tuple[bytes, bytes]:
        """The article part (the count, then each article) and the offsets part."""
        head = bytearray()
        varint(self.count, head)
        return bytes(head + self.articles), bytes(self.offsets)

    def is_dense(self, year_articles: int) -> bool:
        """Is the word in so many of the year's articles that a bitmap is the smaller list?
        (Only for words with counts: a filter word's list is short.)"""
        bitmap = (year_articles + 7) // 8
        return bitmap >= DENSE_MIN_BYTES and self.count * DENSE_SHARE >= year_articles and bool(self.offsets)

    def dense(self, year_articles: int) -> tuple[bytes, bytes]:
        """A dense word's article part: the count, a bitmap of the year's articles (bit i of
        byte i >> 3, low bit first), then the articles holding it in the headline and those
        holding it in the byline, each as `count` and gaps — no occurrence counts. Its offsets
        part gives each article's number of occurrences before their offsets."""
        # Every number one byte (the common case for gaps and counts): the bytes are the numbers.
        numbers = iter(self.articles) if self.articles.isascii() else read_varints(self.articles)
        # Each article's offsets are copied as they are encoded: the byte after each number's last.
        ends = [i + 1 for i, byte in enumerate(self.offsets) if byte < 0x80]
        bitmap = bytearray((year_articles + 7) // 8)
        titled, bylined, spread = [], [], bytearray()
        article, taken, start = -1, 0, 0
        for gap in numbers:
            article += gap + 1
            info = next(numbers)
            bitmap[article >> 3] |= 1 << (article & 7)
            if info & TITLE:
                titled.append(article)
            if info & BYLINE:
                bylined.append(article)
            count = info >> 3
            varint(count, spread)
            taken += count
            end = ends[taken - 1]
            spread += self.offsets[start:end]
            start = end
        head = bytearray()
        varint(self.count, head)
        head += bitmap
        _gaps(titled, head)
        _gaps(bylined, head)
        return bytes(head), bytes(spread)


def fields_of(offsets: list[int], title_end: int, byline_end: int, tags: Sequence[tuple[int, int]] = ()) -> int:
    """Where the (sorted) offsets fall: headline, byline, body. `tags`: the spans of the
    headline that are a column's name in brackets (`index_files.column_tag_spans`), which count
    as text."""
    in_title = offsets[: bisect.bisect_left(offsets, title_end)]
    tagged = [at for at in in_title if any(start <= at < end for start, end in tags)] if tags else []
    fields = TITLE if len(tagged) < len(in_title) else 0
    if offsets[-1] >= byline_end or tagged:
        fields |= BODY
    first_after_title = len(in_title)
    if first_after_title < len(offsets) and offsets[first_after_title] < byline_end:
        fields |= BYLINE
    return fields


def add_words(
    lists: dict[str, WordList],
    article: int,
    positions: dict[str, list[int]],
    title_end: int,
    byline_end: int,
    tags: Sequence[tuple[int, int]] = (),
) -> list[str]:
    """Add one article's words and their offsets (`Segmenter.positions`) to the year's lists,
    as `WordList.add` would, the commonest case (a word once in the article) in one step here:
    an index adds millions. Returns the words that were not in the year's lists yet.
    `tags`: as for `fields_of`."""
    new = []
    for word, offsets in positions.items():
        words = lists.get(word)
        if words is None:
            words = lists[word] = WordList()
            new.append(word)
        gap = article - words.last - 1
        if len(offsets) == 1 and gap < _SMALL and (at := offsets[0]) < _SMALL:
            if at < title_end:
                fields = BODY if tags and any(start <= at < end for start, end in tags) else TITLE
            else:
                fields = BYLINE if at < byline_end else BODY
            words.articles += _VARINTS[gap] + _VARINTS[1 << 3 | fields]
            words.offsets += _VARINTS[at]
            words.last = article
            words.count += 1
        else:
            words.add(article, fields_of(offsets, title_end, byline_end, tags), offsets)
    return new
