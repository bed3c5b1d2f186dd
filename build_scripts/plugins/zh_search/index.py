"""Material's search index, made for a Chinese newspaper archive.

Material's search plugin segments Chinese text with jieba's accurate mode inside its
`SearchIndex` and has no option for anything else; this subclass keeps all of Material's
work (sectioning the HTML, the browser side, the offline variant) and adds three things:

- **Search-mode sub-words.** Accurate mode keeps 国家统计局 as one word, so a query for 统计局
  finds nothing. `jieba.cut_for_search` also yields the dictionary words inside a compound
  (国家, 统计, 统计局). They go into an extra, hidden field (`subwords`), not into `text`:
  the browser shows `text` as the result snippet, which must read as printed.
- **Date, 版 and byline in the result.** The theme prints them around the article body,
  outside `page.content`, so Material would neither index nor show them. The byline goes in
  front of the article's text, so that a reporter's name finds the article. Date and 版 go
  into the result's title as an empty element with a `data-details` attribute that our
  stylesheet (`search.css`) displays: results are drawn by Material's JavaScript from the
  index (no template can change them), its snippet keeps only the paragraphs that matched,
  and text in the title would be indexed with the title's weight (a search for 28 would
  rank every article of the 28th first). Attribute values are markup, never search words.
- **A smaller index.** Chinese is written as UTF-8 instead of `\\uXXXX` escapes (6 bytes a
  character instead of 3); browsers read both alike.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from html import escape
from typing import Any

from backrefs import bre
from material.plugins.search.plugin import SearchIndex

from build_scripts.contract import labels
from build_scripts.contract.record import ArticleRecord, is_article

SUBWORDS = "subwords"
DETAILS_CLASS = "zh-search-details"  # styled by search.css
_SEP = "\u200b"  # Material joins the words of a segmented run with zero-width spaces
_HAN_WORD = bre.compile(r"^\p{script: Han}{3,}$", bre.UNICODE)


def print_details(meta: Mapping[str, Any]) -> str:
    """`2022年1月28日 · 第4版 政法`: when and where the article was printed."""
    record = ArticleRecord.from_meta(meta)
    return labels.print_details(record.date, record.page, record.page_name)


def details_markup(meta: dict) -> str:
    details = print_details(meta)
    if not details:
        return ""
    return f'<span class="{DETAILS_CLASS}" data-details="{escape(details, quote=True)}"></span>'


class ArchiveSearchIndex(SearchIndex):
    def __init__(self, jieba, subword_boost: float, **config):
        super().__init__(**config)
        self._jieba = jieba
        self._subword_boost = subword_boost
        self._parts: dict[str, tuple[str, ...]] = {}  # word → its search-mode sub-words

    def create_entry_for_section(self, section, toc, url, page):
        # The part before the first sub-head is the article's own entry (Material gives it no id).
        article_lead = section.id is None and is_article(page.meta)
        byline = ArticleRecord.from_meta(page.meta).byline if article_lead else ""
        if byline:
            section.text.insert(0, f"<p>{escape(byline, quote=False)}</p>")
        count = len(self.entries)
        super().create_entry_for_section(section, toc, url, page)
        if len(self.entries) == count:
            return
        entry = self.entries[-1]
        subwords = self._subwords(entry["title"], entry["text"])
        if subwords:
            entry[SUBWORDS] = _SEP.join(subwords)
        if article_lead:
            entry["title"] += details_markup(page.meta)  # after segmenting: no \u200b inside

    def _subwords(self, *segmented: str) -> list[str]:
        """The search-mode sub-words of every compound word, each once, in order of use."""
        found: dict[str, None] = {}
        for text in segmented:
            for word in text.split(_SEP):
                if len(word) > 2 and _HAN_WORD.match(word):
                    for part in self._search_parts(word):
                        found.setdefault(part)
        return list(found)

    def _search_parts(self, word: str) -> tuple[str, ...]:
        parts = self._parts.get(word)
        if parts is None:
            # cut_for_search(word) is jieba's search mode for one accurate-mode word: the word
            # itself and the dictionary words inside it. Words repeat a lot, hence the cache.
            parts = tuple(p for p in self._jieba.cut_for_search(word) if p != word)
            self._parts[word] = parts
        return parts

    def generate_search_index(self, prev):
        # Declare the field only when some entry has it: Lunr in the browser finds nothing at
        # all if a declared field is absent from every document.
        config: dict = getattr(self, "config")  # noqa: B009  (set by Material's SearchIndex)
        fields = {name: spec for name, spec in config["fields"].items() if name != SUBWORDS}
        if any(SUBWORDS in entry for entry in self.entries):
            fields[SUBWORDS] = {"boost": self._subword_boost}
        self.config = {**config, "fields": fields}
        data = json.loads(super().generate_search_index(prev))
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
