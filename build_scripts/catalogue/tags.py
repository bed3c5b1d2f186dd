"""Keywords (tags) for each article, extracted with jieba's TF-IDF keyword extractor.

TF-IDF against jieba's bundled IDF table is deterministic (ties keep the order in which the
words first occur), fast (a few milliseconds per article) and needs no training data. A
stop-word list for newspaper boilerplate (本报, 记者, 表示, 进一步 …) lives in
`data/tag_stopwords.txt`, so that tags say what an article is about, not how papers write.
"""

from __future__ import annotations

import logging
from functools import cached_property
from pathlib import Path

from build_scripts.catalogue.place import PlacedArticle

STOP_WORDS_FILE = Path(__file__).with_name("data") / "tag_stopwords.txt"


def load_stop_words(path: Path = STOP_WORDS_FILE) -> frozenset[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def _is_word(token: str) -> bool:
    """A tag must contain a letter or a Chinese character: numbers (`2022`, `14`) say little."""
    return any(ch.isalpha() for ch in token)


class Tagger:
    """Extracts `count` keywords from an article's headline and text."""

    def __init__(self, count: int, stop_words: frozenset[str] | None = None):
        self.count = count
        self.stop_words = load_stop_words() if stop_words is None else stop_words

    @cached_property
    def _extractor(self):
        # Imported lazily: loading jieba's dictionary takes about a second, and an archive
        # configured with `tags_per_article: 0` never needs it.
        import jieba
        import jieba.analyse

        jieba.setLogLevel(logging.WARNING)  # no "Building prefix dict…" chatter on stderr
        extractor = jieba.analyse.TFIDF()
        extractor.stop_words |= self.stop_words
        return extractor

    def tags_for(self, title: str, text: str) -> list[str]:
        if self.count <= 0:
            return []
        ranked = self._extractor.extract_tags(f"{title}\n{text}", topK=None)
        return [word for word in ranked if _is_word(word)][: self.count]


def assign_tags(articles: list[PlacedArticle], count: int) -> None:
    """Fill `tags` of every article (front matter and articles.jsonl carry them)."""
    tagger = Tagger(count)
    for placed in articles:
        placed.tags = tagger.tags_for(placed.article.title, placed.article.text)
