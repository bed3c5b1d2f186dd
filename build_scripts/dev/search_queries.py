"""The query-quality set: queries a reader would type to find one known article, drawn
automatically from an archive's `articles.jsonl`, each with the article it must find.

Three kinds, a third each, in an order fixed by a hash of the article ids (deterministic):

- `phrase`: 2–6 consecutive words of the article's text (4–14 characters, no punctuation)
  printed in no other article;
- `reporter`: a byline name and a word of the headline that no other article of theirs has;
- `place`: a place name of the text (jieba's `ns` words) and a word of the headline that no
  other article shares with it.

Every fifth query is typed in traditional characters (OpenCC s2t). A query counts as found
when its article is among the first three results.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path

import opencc

from build_scripts.ingest.word_list import Word
from build_scripts.plugins.zh_search.normalise import normalise
from build_scripts.plugins.zh_search.segment import Segmenter

KINDS = ("phrase", "reporter", "place")
_HAN_WORD = re.compile(r"^[\u4e00-\u9fff]{2,}$")
_HAN = re.compile(r"^[\u4e00-\u9fff]+$")


@dataclass(frozen=True)
class Query:
    query: str
    kind: str  # one of KINDS, with "+traditional" when typed in traditional characters
    url: str  # the article it must find among the first three results


def read_records(jsonl: Path) -> list[dict]:
    with jsonl.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def _order(record: dict) -> str:
    return hashlib.sha256(record["id"].encode()).hexdigest()


class _Drawer:
    def __init__(self, records: list[dict], segmenter: Segmenter):
        self.records = records
        self.segmenter = segmenter
        self.texts = [normalise(r["text"]) for r in records]
        self.everything = "\x00".join(normalise(f"{r['title']}\n{r['byline']}\n{r['text']}") for r in records)
        self.titles = [normalise(r["title"]) for r in records]
        self.people = [set(r["authors"]) | set(r["correspondents"]) for r in records]

    def title_words(self, i: int) -> list[str]:
        words = dict.fromkeys(self.segmenter.cut(self.titles[i]))
        return sorted((w for w in words if _HAN_WORD.match(w)), key=len, reverse=True)

    def phrase(self, i: int, salt: int) -> str | None:
        words = self.segmenter.cut(self.texts[i])
        length = 2 + salt % 5
        start = int(_order(self.records[i])[:8], 16) % max(1, len(words))
        for k in [*range(start, len(words)), *range(start)]:
            window = words[k : k + length]
            phrase = "".join(window)
            if len(window) == length and all(_HAN.match(w) for w in window) and 4 <= len(phrase) <= 14:
                if self.everything.count(phrase) == 1:
                    return phrase
        return None

    def reporter(self, i: int) -> str | None:
        names = [n for n in self.records[i]["authors"] + self.records[i]["correspondents"] if len(n.split()) == 1]
        if not names:
            return None
        theirs = [t for t, people in zip(self.titles, self.people, strict=True) if names[0] in people]
        for word in self.title_words(i):
            if sum(word in t for t in theirs) == 1:
                return f"{names[0]} {word}"
        return None

    def place(self, i: int) -> str | None:
        places = [w for w, tag in self.segmenter.jieba.tag(self.texts[i], hmm=False) if tag == "ns" and len(w) >= 2]
        for place in list(dict.fromkeys(places))[:5]:
            for word in self.title_words(i):
                if word in place or place in word:
                    continue
                if sum(1 for t, x in zip(self.titles, self.texts, strict=True) if word in t and place in x) == 1:
                    return f"{place} {word}"
        return None


def make_queries(records: list[dict], count: int = 300, word_list: list[Word] | None = None) -> list[Query]:
    """Up to `count` queries from `records` (articles.jsonl), a third of each kind."""
    names = [Word(n) for r in records for n in r["authors"] + r["correspondents"] if len(n.split()) == 1]
    drawer = _Drawer(records, Segmenter([*names, *(word_list or [])]))
    s2t = opencc.OpenCC("s2t.json")
    wanted = {kind: count // 3 + (1 if n < count % 3 else 0) for n, kind in enumerate(KINDS)}
    made = dict.fromkeys(KINDS, 0)
    queries: list[Query] = []
    position = {r["id"]: i for i, r in enumerate(records)}
    for record in sorted(records, key=_order):
        if made == wanted:
            break
        i = position[record["id"]]
        for kind in KINDS:
            if made[kind] >= wanted[kind]:
                continue
            text = drawer.phrase(i, len(queries)) if kind == "phrase" else getattr(drawer, kind)(i)
            if text:
                traditional = len(queries) % 5 == 4
                label = kind + ("+traditional" if traditional else "")
                queries.append(Query(s2t.convert(text) if traditional else text, label, record["url"]))
                made[kind] += 1
                break
    return queries


def write_queries(queries: list[Query], path: Path) -> None:
    path.write_text(json.dumps([asdict(q) for q in queries], ensure_ascii=False, indent=1), encoding="utf-8")
