"""Every path and address of the archive site, decided here once (maintainers/output-contract.md).

Paths are relative to the docs folder (`2022/01/28/index.md`); MkDocs turns each into the
address of the page built from it, and the offline bundle into a `.html` file. Published
addresses must never change, so a path may be added here but an existing one never altered.

Slugs are the pinyin of a title or name: pypinyin reads polyphones in context (重庆 →
chong-qing, 银行 → yin-hang), which python-slugify's own transliteration gets wrong;
python-slugify then cleans and caps them.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable

from build_scripts.contract.headline import main_title_of
from build_scripts.contract.names import name_syllables, read_pinyin

MAX_SLUG_LENGTH = 60
# Names a generated folder next to articles, people or tags already uses.
RESERVED = frozenset({"index", "letters", "feed", "feeds", "assets", "search", "data"})

HOME = "index.md"
ARCHIVE_INDEX = "archive/index.md"
REPORTERS = "reporters"
TAGS = "tags"
REPORTERS_INDEX = f"{REPORTERS}/index.md"
TAGS_INDEX = f"{TAGS}/index.md"
DATA_DIR = "data"
DATA_PAGE = f"{DATA_DIR}/index.md"
JSONL_PATH = f"{DATA_DIR}/articles.jsonl"
CSV_PATH = f"{DATA_DIR}/articles.csv"
LATEST_FEED = "feeds/latest.xml"
SEARCH_PAGE = "search.md"
SEARCH_INDEX_DIR = "assets/search"  # the search index's files (maintainers/search-index.md)
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
CSL_SUFFIX = ".csl.json"

# -- slugs ------------------------------------------------------------------------------


# ascii_slug of every text seen (at the default length): pinyin is slow and names recur on
# thousands of pages. The conversion fills it from its cache, so unchanged files cost nothing.
_known_slugs: dict[str, str] = {}


def ascii_slug(text: str, max_length: int = MAX_SLUG_LENGTH) -> str:
    if max_length == MAX_SLUG_LENGTH and text in _known_slugs:
        return _known_slugs[text]
    from slugify import slugify

    syllables = read_pinyin(text)
    slug = slugify("-".join(syllables), max_length=max_length, word_boundary=True, save_order=True, separator="-")
    if max_length == MAX_SLUG_LENGTH:
        _known_slugs[text] = slug
    return slug


def person_slug(name: str) -> str:
    """A reporter's slug: the pinyin of their name with the family name read as one
    (曾亦辰 → zeng-yi-chen, not ceng-yi-chen)."""
    from slugify import slugify

    syllables = name_syllables(name)
    return slugify("-".join(syllables), max_length=MAX_SLUG_LENGTH, word_boundary=True, save_order=True, separator="-")


def slugs_of(texts: Iterable[str]) -> dict[str, str]:
    """ascii_slug of each text, to be remembered elsewhere (the conversion cache)."""
    return {text: ascii_slug(text) for text in texts}


def remember_slugs(known: dict[str, str]) -> None:
    """Take slugs that `slugs_of` worked out earlier, in this process or another."""
    _known_slugs.update(known)


def known_slugs() -> dict[str, str]:
    """Every slug worked out in this process (the conversion keeps them for the next run)."""
    return _known_slugs


def slug_for_title(title_parts: list[str]) -> str:
    return ascii_slug(main_title_of(title_parts))


def unique_slugs(
    candidates: Iterable[str], *, empty: str = "article", reserved_suffix: bool = False, taken: Iterable[str] = ()
) -> list[str]:
    """Make slugs unique, in the order given: the first keeps its slug, the next get -2, -3 …

    A slug that is empty becomes `empty`; one that is reserved or only digits is set apart
    as `article-index` (articles) or, with `reserved_suffix`, `index-x` (names). Slugs in
    `taken` (given out before: the URL ledger) are never given again."""
    taken = set(taken)
    last_number: dict[str, int] = {}  # per base: where to go on counting (a day of many
    result = []  # "untitled" articles would otherwise recount from 2 each time)
    for slug in candidates:
        base = slug or empty
        if base in RESERVED or re.fullmatch(r"\d+", base):
            base = f"{base}-x" if reserved_suffix else f"{empty}-{base}"
        slug, n = base, last_number.get(base, 1)
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        last_number[base] = n
        taken.add(slug)
        result.append(slug)
    return result


def unique_name_slugs(names: Iterable[str], slug: Callable[[str], str] = ascii_slug) -> dict[str, str]:
    """Slug for each distinct name (reporter: `person_slug`, or tag), in the order given;
    homophones get -2, -3 …"""
    distinct = list(dict.fromkeys(names))
    slugs = unique_slugs((slug(name) for name in distinct), empty="x", reserved_suffix=True)
    return dict(zip(distinct, slugs, strict=True))


# -- articles and issues ----------------------------------------------------------------


@functools.cache
def day_folder(day: dt.date) -> str:
    # `2022/01/28`: formatting a date goes through strftime, asked three times for each of
    # the archive's articles on every run; there are few days
    return f"{day:%Y/%m/%d}"


def article_path(day: dt.date, slug: str) -> str:
    return f"{day_folder(day)}/{slug}.md"


def article_url(day: dt.date, slug: str) -> str:
    """Site-relative address of an article page (directory URLs)."""
    return f"{day_folder(day)}/{slug}/"


def public_url(docs_path: str) -> str:
    """The site-relative address a docs file is published at on the web (directory URLs):
    `2022/01/28/slug.md` → `2022/01/28/slug/`, `2022/01/28/index.md` → `2022/01/28/`. The
    offline bundle's pages (`slug.html`) cite and name this address, the one a reader can
    open from anywhere."""
    path = docs_path.removesuffix(".md")
    if path == "index" or path.endswith("/index"):
        return path.removesuffix("index")
    return f"{path}/"


def article_id(day: dt.date, slug: str) -> str:
    return f"{day.isoformat()}-{slug}"


def article_id_of_path(docs_path: str) -> str:
    """`article_id` from the article's docs path (`article_path`): `2022/01/28/<slug>.md` →
    `2022-01-28-<slug>`."""
    return docs_path.removesuffix(".md").replace("/", "-", 3)


# An article's docs path (`article_path`), not an issue's (`YYYY/MM/DD/index.md`) or another page's.
ARTICLE_PATH_RE = re.compile(r"^\d{4}/\d{2}/\d{2}/(?!index\.md$)[^/]+\.md$")


def csl_path(article_docs_path: str) -> str:
    """The CSL-JSON download next to an article: `<slug>.csl.json`."""
    return article_docs_path.removesuffix(".md") + CSL_SUFFIX


def issue_path(day: dt.date) -> str:
    return f"{day_folder(day)}/index.md"


ISSUE_URL_RE = re.compile(r"^(\d{4})/(\d{2})/(\d{2})/(?:index\.html)?$")


def issue_date_of_url(url: str) -> dt.date | None:
    """The date of an issue page from its site-relative address, None for any other page."""
    match = ISSUE_URL_RE.match(url)
    if not match:
        return None
    try:
        return dt.date(*map(int, match.groups()))
    except ValueError:
        return None


def year_path(year: int) -> str:
    return f"archive/{year}.md"


def year_folder_path(year: int) -> str:
    """`2022/`: an issue's address cut back to its year (it leads to the year's calendar)."""
    return f"{year:04d}/index.md"


def month_folder_path(year: int, month: int) -> str:
    """`2022/01/`: an issue's address cut back to its month (it leads to the month's calendar)."""
    return f"{year:04d}/{month:02d}/index.md"


def month_anchor(month: int) -> str:
    """The id of a month's calendar on the year page."""
    return f"month-{month:02d}"


def page_anchor(page: int | None) -> str:
    """The id of a 版's heading on the issue page."""
    return f"page-{page}" if page is not None else "page-none"


# -- reporters and tags -----------------------------------------------------------------


def entry_path(folder: str, slug: str) -> str:
    """The page of one reporter (folder REPORTERS) or tag (TAGS)."""
    return f"{folder}/{slug}/index.md"


def entry_year_path(folder: str, slug: str, year: int) -> str:
    return f"{folder}/{slug}/{year}.md"


def letter_path(folder: str, letter_id: str) -> str:
    """One initial letter of a large index of names."""
    return f"{folder}/letters/{letter_id}.md"


# -- data and feeds ---------------------------------------------------------------------


def data_year_paths(year: int) -> tuple[str, str]:
    """The JSON Lines and CSV files of one year."""
    return f"{DATA_DIR}/{year}/articles.jsonl", f"{DATA_DIR}/{year}/articles.csv"


def reporter_feed_path(slug: str) -> str:
    """The Atom feed of a reporter, under the slug of their page."""
    return f"feeds/{REPORTERS}/{slug}.xml"
