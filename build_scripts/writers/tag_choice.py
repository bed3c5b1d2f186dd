"""Choosing every article's tags, once the conversion has placed them: among the articles of
its year (`periods`), from the candidate words each file's job found (catalogue/tags.py)."""

from __future__ import annotations

import hashlib

from build_scripts.catalogue.duplicates import reprints
from build_scripts.catalogue.place import PlacedArticle
from build_scripts.catalogue.tags import Tagger, Vocabulary, load_stop_words
from build_scripts.ingest.archive_config import ArchiveConfig
from build_scripts.writers.source_cache import SourceCache
from build_scripts.writers.source_jobs import SourceResult


def choose_tags(
    placed: list[PlacedArticle],
    sources: list[SourceResult],
    config: ArchiveConfig,
    cache: SourceCache | None = None,
    reuse: bool = True,
) -> None:
    """Each article's tags, chosen among the articles of its period (`periods`: its year, in
    an archive of many articles a year) from the candidate words its job found (the slow part,
    done once per file and kept in the cache). A period whose articles are those of the last
    run takes the last run's choice (kept in the cache) as it is (with `reuse`).

    Why a period, not the whole archive: a word's weight is counted over the articles it is
    chosen among, so a night's new issue moved the tags of hundreds of articles of every year
    (a word's share of the archive changed) — their pages were written again and every year's
    part of the site built again, night after night. Counted within its year, an article's
    tags change only with its own year's articles: what a new issue touches is its own year,
    which is built again anyway."""
    vocabulary = cache.vocabulary if cache else Vocabulary()
    results = [s if s.candidates or not s.tags else s.catalogued(vocabulary) for s in sources]
    candidates = {(s.rel, n): words for s in results for n, words in enumerate(s.candidates, start=1)}
    key_of = {s.rel: s.key for s in sources}
    # An article printed again (catalogue/duplicates.py) is tagged once, as its tags' pages list
    # it once: counted twice, a word of two repeated notices would pass `tag_min_articles`.
    first_printing = reprints(placed)
    years: dict[int, list[PlacedArticle]] = {}
    for p in placed:
        if p.docs_path not in first_printing:
            years.setdefault(p.date.year, []).append(p)
    chosen_in = {period: [p for year in period for p in years[year]] for period in periods(years)}
    kept = cache.memo("tags") if cache else {}  # period → (its inputs, the tags chosen)
    rankings = cache.memo("tag ranking") if cache else {}  # period → `choose_among`'s memo
    if not reuse:
        kept.clear()
        rankings.clear()
    tagger: Tagger | None = None
    for period, tagged in chosen_in.items():
        # the same key: the same candidates (a digest of the file and the converter's settings)
        keys = [f"{key_of[p.entry.source]}:{p.entry.ordinal}" for p in tagged]
        inputs = hashlib.sha256("\0".join(keys).encode()).hexdigest()
        if reuse and period in kept and kept[period][0] == inputs:
            chosen = kept[period][1]
        else:
            tagger = tagger or Tagger(
                config.tags_per_article, config.tag_min_articles, load_stop_words() | {config.paper.title}, config.words
            )
            chosen = tagger.choose_among(
                [candidates[(p.entry.source, p.entry.ordinal)] for p in tagged],
                vocabulary.words,
                keys,
                rankings.setdefault(period, {}) if cache else None,
            )
            kept[period] = (inputs, chosen)
        for article, tags in zip(tagged, chosen, strict=True):
            article.tags = list(tags)
    for gone in (kept.keys() | rankings.keys()) - chosen_in.keys():  # a period the archive no longer has
        kept.pop(gone, None)
        rankings.pop(gone, None)
    for article in placed:
        if article.docs_path in first_printing:
            article.tags = list(first_printing[article.docs_path].tags)


# A year of fewer articles than this is counted with the years after it (an archive of a few
# issues a year would otherwise have few tags, or none: a word needs `tag_min_articles`
# articles within what it is counted over). A daily prints ten times as many in a year.
PERIOD_ARTICLES = 2000


def periods(years: dict[int, list[PlacedArticle]]) -> list[tuple[int, ...]]:
    """The years tags are chosen within, as consecutive runs of years: a year on its own if it
    has `PERIOD_ARTICLES` articles, else with the years after it until they have as many
    together; a last run with fewer joins the one before it (a young year — a daily's January —
    is counted with the last until it has enough articles of its own)."""
    runs: list[list[int]] = []
    current: list[int] = []
    count = 0
    for year in sorted(years):
        current.append(year)
        count += len(years[year])
        if count >= PERIOD_ARTICLES:
            runs.append(current)
            current, count = [], 0
    if current:
        if runs:
            runs[-1] += current
        else:
            runs.append(current)
    return [tuple(run) for run in runs]
