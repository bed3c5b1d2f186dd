"""The byte format of a word's list of articles (maintainers/search-index.md), and the hash
that puts each word in its file. search.js reads both back."""

from __future__ import annotations

FNV_OFFSET, FNV_PRIME = 0x811C9DC5, 0x01000193
# Where in an article a word was found (bit flags).
TITLE, BYLINE, BODY = 1, 2, 4


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


def varints(numbers: list[int], out: bytearray) -> None:
    if all(n < 0x80 for n in numbers):  # the common case, in one step
        out += bytes(numbers)
    else:
        for n in numbers:
            varint(n, out)


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
        varint(article - self.last - 1, self.articles)
        varint(len(offsets) << 3 | fields, self.articles)
        varints([b - a for a, b in zip([0, *offsets], offsets, strict=False)], self.offsets)
        self.last = article
        self.count += 1

    def add_article(self, article: int) -> None:
        """For a filter word (a reporter, a 版名): the article only."""
        varint(article - self.last - 1, self.articles)
        self.last = article
        self.count += 1

    def encoded(self) -> tuple[bytes, bytes]:
        """The article part (the count, then each article) and the offsets part."""
        head = bytearray()
        varint(self.count, head)
        return bytes(head + self.articles), bytes(self.offsets)
