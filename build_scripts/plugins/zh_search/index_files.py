"""Writes the search index: small script files that search.js loads as <script>s, only those a
query needs. The format is documented in maintainers/search-index.md.

- `meta.js`: the years (articles and number of word files each), the lexicon's size, the
  dictionary total, the 版名s with their counts.
- `lex/N.js`: the archive's words with jieba's frequency, by the hash of their first
  character: what the browser needs to cut a query into words as the text was cut.
- `YYYY/N.js`: for each word of that year's articles (by the hash of the word) its list of
  articles, base64 (a bitmap for a word in very many of them); a large list's offsets go to
  `YYYY/oN.js`.
- `YYYY/d/N.js`: article N of the year as the results show it (with where its sub-heads stand,
  to name the section a match is in); a long text's further parts
  in `YYYY/d/N-K.js`. An article printed twice (the same headline and text on two 版, or
  what the converter found printed again) is indexed once, and its file says where else it stands.
- `names.js`: everyone named in a byline, most articles first (the reporter filter's list).
- `traditional.js`: what the browser's traditional → simplified conversion would change (a
  query without any of it is searched without loading opencc-js).
"""

from __future__ import annotations

import base64
import bisect
import collections
import hashlib
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

from build_scripts.contract.anchors import heading_anchors
from build_scripts.contract.labels import byline_with_names

from .key import FORMAT
from .normalise import normalise
from .postings import WordList, add_words, bucket
from .segment import Segmenter, spaced_out
from .traditional import changed_by_conversion, encoded_characters
from .year_parts import KeptRuns, YearSoFar, cut_runs, join

WORDS_FILE_BYTES = 6_000  # aimed-for size of a file of word lists
LEXICON_FILE_BYTES = 6_000
OFFSETS_APART = 16_000  # a word's offsets beyond this many bytes (in a year) get a file of their own
TEXT_PART = 1_500  # characters of article text per file
# 版 whose articles a query's results list after every other match: an advertisement that
# names 乡村振兴 in its headline is not what a reader searching for it looks for first.
RANKED_LAST = ("广告",)
# The list of articles ranked last whatever their 版: the boxes that list an issue's stories
# (导读, the record's `box`), which name a story's headline as its own page does — a reader
# who types a headline wants the story first. A filter's word (no offsets), as `#版名`.
BOXES = "%box"
# The articles printed on one 版, by its number (`%p1`: the front page): a filter's word, for a
# query naming a 版 (`头版`, `第四版`).
PAGE_NUMBER = "%p"
# The articles that print two characters spaced out (`王  琳`: a list of names): a filter's
# word, the only articles where the browser looks for characters typed together with spaces
# between them (search.js, `runStands`) — elsewhere it would read the texts of every 王家琳.
SPACED = "%spaced"


# A column's name in brackets closing a piece of a headline line (`…最大政绩（深入学习贯彻…）`,
# `…成绩单（财经深一度） ——…`): the column the piece runs in, not what the piece is about.
# (up to 30 characters, as the parser reads one: `（深入学习贯彻习近平新时代中国特色社会主义思想）`)
_COLUMN_TAG_IN_LINE = re.compile(r"(?<=\S)[（(【][^（）()【】。；！？]{1,30}[）)】](?=\s|$)")


def column_tag_spans(title: str) -> list[tuple[int, int]]:
    """Where a headline line prints its columns' names: [start, end) of each (a piece wholly
    in brackets, a note under a title, is none)."""
    return [m.span() for m in _COLUMN_TAG_IN_LINE.finditer(title)]


def named_by_more_than_a_word(spans: list[tuple[int, int]], positions: dict[str, list[int]]) -> list[tuple[int, int]]:
    """The column names among `spans` that are more than one word. A column named by one word
    (`（钟声）`, `（和音）`) is what a reader types to find its pieces: that word is the
    headline's, as a word of the title is (a commentary's column, `钟声`, before the travel
    piece that hears a bell's 钟声 in its text)."""
    return [
        (start, end)
        for start, end in spans
        if not any(start + 1 in offsets and len(word) == end - start - 2 for word, offsets in positions.items())
    ]


@dataclass(frozen=True)
class IndexedArticle:
    url: str  # site-relative, with directory URLs
    title: str
    date: str  # YYYY-MM-DD
    page: int | None
    page_name: str
    byline: str
    names: tuple[str, ...]  # reporters and correspondents
    dateline: str
    text: str
    id: str = ""
    reprint_of: str | None = None  # the id of its first printing (catalogue/duplicates.py)
    subheads: tuple[str, ...] = ()  # the sub-heads of `text`, in order
    box: str = ""  # "contents": a list of the issue's stories (the record's `box`)

    def sections(self) -> list[tuple[int, str, str]]:
        """Where each sub-head stands in the text (characters from its start), with the
        heading as the page prints it and its anchor on the page: a match after it is in its
        section. A heading printed in two pieces is two paragraphs of the text; one not found
        is left out."""
        anchors = heading_anchors(self.subheads)
        starts: list[tuple[int, str, str]] = []
        paragraphs: list[tuple[int, str]] = []
        at = 0
        for paragraph in self.text.split("\n\n"):
            paragraphs.append((at, paragraph))
            at += len(paragraph) + 2
        n = 0
        for heading, anchor in zip(self.subheads, anchors, strict=True):
            for k in range(n, len(paragraphs)):
                offset, paragraph = paragraphs[k]
                two = k + 1 < len(paragraphs) and heading == f"{paragraph} {paragraphs[k + 1][1]}"
                if paragraph == heading or two:
                    starts.append((offset, heading, anchor))
                    n = k + (2 if two else 1)
                    break
        return starts

    def identity(self) -> bytes | None:
        """What makes two articles one: the same headline and text, whatever the spacing
        (the parser may break a paragraph where the other 版 did not). None for an article
        without text, which is too little to say so."""
        if not self.text.strip():
            return None
        printed = "".join(self.title.split()) + "\n" + "".join(self.text.split())
        return hashlib.blake2b(printed.encode("utf-8"), digest_size=16).digest()

    def head(self) -> str:
        """Title, byline and dateline, one a line. Names are added to the byline as printed,
        which may space them out (倪 弋) or run them into other words."""
        return f"{self.title}\n{self.byline} {' '.join(self.names)}\n{self.dateline}\n"


def one_of_each(
    articles: list[IndexedArticle],
) -> tuple[list[IndexedArticle], dict[int, list[IndexedArticle]], dict[str, tuple[int, int]]]:
    """The articles to index, each once (the first printed), and for each of them by its
    number the copies printed after it: a reader wants one result, not two alike. A copy is
    what the converter found printed again (its byline moved or left out, too), or an
    article of the same headline and text. And, by each copy's address, where it stands among
    the articles of the day it was printed again: the number of the article indexed last before
    it in the archive's order, and how many copies came between them."""
    kept: list[IndexedArticle] = []
    copies: dict[int, list[IndexedArticle]] = {}
    after: dict[str, tuple[int, int]] = {}
    between = 0  # copies since the article indexed last
    first: dict[bytes, int] = {}
    by_id: dict[str, int] = {}
    for article in articles:
        identity = article.identity()
        at = by_id.get(article.reprint_of) if article.reprint_of else None
        if at is None and identity is not None:
            at = first.get(identity)
        if at is not None:
            copies.setdefault(at, []).append(article)
            by_id.setdefault(article.id, at)
            after[article.url] = (len(kept) - 1, between)
            between += 1
            continue
        if identity is not None:
            first[identity] = len(kept)
        by_id.setdefault(article.id, len(kept))
        kept.append(article)
        between = 0
    return kept, copies, after


def script(name: str, data: object) -> str:
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return f"ArchiveSearch.loaded({json.dumps(name)},{payload});\n"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


class IndexWriter:
    def __init__(self, out: Path, segmenter: Segmenter):
        self.out = out
        self.segmenter = segmenter
        self.lexicon: dict[str, int] = {}
        self.years: list[dict] = []
        self.page_names: collections.Counter[str] = collections.Counter()
        self.boxes = 0  # contents boxes indexed (`BOXES`)
        self.names: collections.Counter[str] = collections.Counter()
        self.files = 0
        self.bytes = 0
        self.folders: set[Path] = set()
        self.year_words: set[str] = set()  # the words of the year indexed last (`year_cache`)
        self.year_text: list[str] = []  # and the texts it cut, as cut (`year_cache`)
        self.year_lists: dict[str, WordList] = {}  # and its word lists

    def _write(self, name: str, data: object) -> None:
        text = script(name, data).encode("utf-8")
        path = self.out / f"{name}.js"
        if path.parent not in self.folders:  # one folder holds thousands of files
            path.parent.mkdir(parents=True, exist_ok=True)
            self.folders.add(path.parent)
        path.write_bytes(text)
        self.files += 1
        self.bytes += len(text)

    def add_year(
        self,
        year: int,
        articles: list[IndexedArticle],
        so_far: YearSoFar | None = None,
        by_month: KeptRuns | None = None,
    ) -> None:
        """Index one year's articles, given in the archive's order (date, 版, position); with
        `so_far`, from where that cut of its first articles stopped (`year_cache`); `by_month`: the months kept."""
        lists: dict[str, WordList] = collections.defaultdict(WordList)
        words: set[str] = set()
        kept, copies, after = one_of_each(articles)
        if so_far is not None:  # (its articles' files are in place already)
            lists.update(so_far.lists)
            words.update(so_far.words)
        self.year_text, start = ([so_far.text], so_far.articles) if so_far is not None else ([], 0)
        if by_month is not None:
            by_month.cut(self, year, kept, copies, start, lists, words)
        else:
            for part in cut_runs(self, year, kept, copies, [range(start, len(kept))]):
                join(self, part, lists, words)
        self._write_lists(year, lists, len(kept))
        self.add_words_of_year(words)
        self.year_lists = lists
        # where each month's articles start (they are numbered in date order): a search of some
        # months of a year searches those numbers only; and where each day with an issue starts
        # in its month ([day, articles before it in the month, …]): a search of one day's issue
        # (a query naming it, `2026年5月12日 头版`), and a link to it only where it exists
        # — every day with an issue, a day whose articles were all printed before too (a page
        # given again whole): its issue is the archive's, though no article is numbered there
        months = _months(sorted({article.date for article in articles}), [article.date for article in kept])
        entry = {"year": year, "articles": len(kept), "files": self._files_of(lists, len(kept)), "months": months}
        # an article printed again on a later day is that day's article too (a notice printed
        # each week): its number under each such day, as `MM-DD`, with the 版 it then stood on
        # (its 版 filters are its first printing day's), for a search of that day or its 版,
        # and where it stood (the number of the article indexed last before it, and how many
        # copies came between them), for a day's list in the order printed
        again = sorted(
            {
                (copy.date[5:], number, copy.page or 0, copy.page_name, *after[copy.url])
                for number, printed in copies.items()
                for copy in printed
                if copy.date != kept[number].date
            }
        )
        if again:
            entry["again"] = [list(place) for place in again]
        self.years.append(entry)

    def cut_articles(
        self,
        year: int,
        kept: list[IndexedArticle],
        copies: dict[int, list[IndexedArticle]],
        numbers: range,
        lists: dict[str, WordList],
        words: set[str],
    ) -> None:
        """Cut the year's articles `numbers` (`one_of_each`'s, in order) into `lists` and `words`
        and their texts into `year_text`, and write their files."""
        for number in numbers:
            article = kept[number]
            head = article.head()
            title_end, byline_end = len(article.title), len(article.title) + 1 + len(head.split("\n")[1])
            self.year_text.append(normalise(head + article.text))
            positions = self.segmenter.positions(self.year_text[-1])
            # a column's name in the headline is no word of what the article is about: a
            # reader typing 习近平 wants the stories with his name in their headline before
            # every theory piece of the column `（深入学习贯彻习近平新时代…）`
            tags = named_by_more_than_a_word(column_tag_spans(article.title), positions)
            words.update(add_words(lists, number, positions, title_end, byline_end, tags))
            # A copy printed elsewhere is found through the filters of where it stands too.
            printed = [article, *copies.get(number, [])]
            for name in dict.fromkeys(name for a in printed for name in a.names):
                lists["@" + normalise(name)].add_article(number)
                self.names[name] += 1
            for page_name in dict.fromkeys(a.page_name for a in printed if a.page_name):
                lists["#" + page_name].add_article(number)
                self.page_names[page_name] += 1
            # (a copy printed another day is not on this day's 版: a day's search keeps this one)
            for page in dict.fromkeys(a.page for a in printed if a.page is not None and a.date == article.date):
                lists[f"{PAGE_NUMBER}{page}"].add_article(number)
            if spaced_out(self.year_text[-1]):
                lists[SPACED].add_article(number)
            if article.box == "contents":
                lists[BOXES].add_article(number)
                self.boxes += 1
            self._write_article(year, number, article, len(head), copies.get(number, []))

    def add_words_of_year(self, words: set[str]) -> None:
        """The words a year holds, to the lexicon (each with its frequency in the dictionary)."""
        for word in words:
            if word not in self.lexicon:
                self.lexicon[word] = self.segmenter.frequency(word)
        self.year_words = words

    def _write_article(
        self, year: int, number: int, article: IndexedArticle, head: int, copies: list[IndexedArticle]
    ) -> None:
        parts = [article.text[i : i + TEXT_PART] for i in range(0, len(article.text), TEXT_PART)] or [""]
        shown: dict[str, object] = {
            "u": article.url,
            "t": article.title,
            "d": article.date,
            "p": article.page,
            "n": article.page_name,
            "b": byline_with_names(article.byline, article.names),  # shown: names it does not spell out too
            "h": head,
            "e": article.head()[len(article.title) + 1 :],  # the rest of the head as indexed: phrases checked there
            "k": len(parts),
            "x": parts[0],
        }
        if copies:
            shown["a"] = [[c.url, c.date, c.page, c.page_name] for c in copies]
        sections = article.sections()
        if sections:
            shown["s"] = [list(section) for section in sections]
        self._write(f"{year}/d/{number}", shown)
        for k, part in enumerate(parts[1:], start=1):
            self._write(f"{year}/d/{number}-{k}", {"x": part})

    @staticmethod
    def _files_of(lists: dict[str, WordList], year_articles: int) -> int:
        size = sum(
            (year_articles // 8 if w.is_dense(year_articles) else len(w.articles))
            + min(len(w.offsets), OFFSETS_APART)
            + 3 * len(word)
            for word, w in lists.items()
        )
        return max(1, math.ceil(size / WORDS_FILE_BYTES))

    def _write_lists(self, year: int, lists: dict[str, WordList], year_articles: int) -> None:
        files = self._files_of(lists, year_articles)
        grouped: list[dict[str, str]] = [{} for _ in range(files)]
        apart: list[dict[str, str]] = [{} for _ in range(files)]
        for word in sorted(lists):
            n = bucket(word, files)
            # "~" and "!" are not base64: "~" a bitmap (a dense list), "!" offsets elsewhere.
            dense = lists[word].is_dense(year_articles)
            articles, offsets = lists[word].dense(year_articles) if dense else lists[word].encoded()
            kind = "~" if dense else ""
            if len(offsets) > OFFSETS_APART:
                grouped[n][word] = kind + "!" + _b64(articles)
                apart[n][word] = _b64(offsets)
            else:
                grouped[n][word] = kind + _b64(articles + offsets)
        for n in range(files):
            self._write(f"{year}/{n}", grouped[n])
            if apart[n]:
                self._write(f"{year}/o{n}", apart[n])

    def finish(self, key: str) -> None:
        """The lexicon, the names and meta.js (written last: it names everything else)."""
        size = sum(3 * len(word) + 8 for word in self.lexicon)
        files = max(1, math.ceil(size / LEXICON_FILE_BYTES))
        grouped: list[list[str]] = [[] for _ in range(files)]
        for word in sorted(self.lexicon):
            grouped[bucket(word[0], files)].append(f"{word} {self.lexicon[word]}")
        for n, group in enumerate(grouped):
            self._write(f"lex/{n}", "\n".join(group))
        by_count = sorted(self.names.items(), key=lambda item: (-item[1], item[0]))
        self._write("names", [[name, count] for name, count in by_count])
        characters, phrases = changed_by_conversion()
        self._write("traditional", {"c": _b64(encoded_characters(characters)), "p": list(phrases)})
        pages = sorted(self.page_names.items(), key=lambda item: (-item[1], item[0]))
        self._write(
            "meta",
            {
                "format": FORMAT,
                "key": key,
                "total": self.segmenter.total,
                "lexicon": files,
                "years": sorted(self.years, key=lambda y: y["year"]),
                "pageNames": [[n, c] for n, c in pages],
                "rankLast": [n for n in RANKED_LAST if n in self.page_names],
                "boxes": self.boxes,
                "textPart": TEXT_PART,
            },
        )


def _months(issue_days: list[str], numbered: list[str]) -> list[list]:
    """`[[month, start, [day, articles before it in the month, …]], …]` of a year: where each
    month with an issue starts among the articles numbered (their dates, rising), and each of
    its days with an issue (`issue_days`, YYYY-MM-DD, rising)."""
    months: dict[str, list] = {}
    for date in issue_days:
        before = bisect.bisect_left(numbered, date)
        month = months.setdefault(date[5:7], [date[5:7], before, []])
        month[2] += [int(date[8:10]), before - month[1]]
    return list(months.values())
