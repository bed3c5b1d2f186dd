"""`python -m build_scripts score`: how well the parser cuts the fixture corpus into
articles, as a table (articles found, exact articles, titles, bylines, paragraphs).

Each fixture is `NAME.txt` (a page) with `NAME.expected.yml` beside it: the articles an
archivist cut by hand (title, byline, authors, correspondents, dateline, body blocks) and
the page furniture. An article is *exact* when its title, its byline names and every body
block (text and kind) are right.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

import yaml

from build_scripts.ingest.read import read_text
from build_scripts.parse.model import Article, Kind, PageParse
from build_scripts.parse.parser import parse_page
from build_scripts.problems import Report

_BLOCK_KINDS = {"subhead": Kind.SUBHEAD, "caption": Kind.CAPTION, "note": Kind.NOTE}


@dataclass(frozen=True)
class ExpectedArticle:
    title: str
    byline: str
    authors: tuple[str, ...]
    correspondents: tuple[str, ...]
    dateline: str
    body: tuple[tuple[Kind, str], ...]


def load_expected(path: Path) -> tuple[list[ExpectedArticle], list[str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    articles = []
    for item in data.get("articles") or []:
        body = []
        for block in item.get("body") or []:
            if isinstance(block, dict):
                ((kind, text),) = block.items()
                body.append((_BLOCK_KINDS[kind], str(text)))
            else:
                body.append((Kind.PARAGRAPH, str(block)))
        articles.append(
            ExpectedArticle(
                title=str(item.get("title") or ""),
                byline=str(item.get("byline") or ""),
                authors=tuple(item.get("authors") or ()),
                correspondents=tuple(item.get("correspondents") or ()),
                dateline=str(item.get("dateline") or ""),
                body=tuple(body),
            )
        )
    return articles, [str(f) for f in data.get("furniture") or []]


def parse_fixture(txt: Path) -> PageParse:
    _header, body, first_line = read_text(txt.name, txt.read_bytes(), None, Report())
    return parse_page(body, first_line)


def body_of(article: Article) -> tuple[tuple[Kind, str], ...]:
    return tuple((b.kind, b.text) for b in article.blocks)


def names_of(article: Article) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return tuple(article.authors), tuple(article.correspondents)


def is_exact(got: Article, want: ExpectedArticle) -> bool:
    return (
        got.title == want.title and names_of(got) == (want.authors, want.correspondents) and body_of(got) == want.body
    )


def pair_articles(got: list[Article], want: list[ExpectedArticle]) -> list[tuple[Article | None, ExpectedArticle]]:
    """Line expected articles up with parsed ones by title; unmatched runs of equal length
    are paired in order, so a wrong title still lets its byline and text be scored."""
    matcher = difflib.SequenceMatcher(a=[a.title for a in got], b=[w.title for w in want], autojunk=False)
    pairs: list[tuple[Article | None, ExpectedArticle]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for k, j in enumerate(range(j1, j2)):
            paired = tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1)
            pairs.append((got[i1 + k] if paired else None, want[j]))
    return pairs


@dataclass
class Score:
    name: str
    expected: int = 0
    found: int = 0
    exact: int = 0
    titles: int = 0
    bylines: int = 0
    blocks: int = 0
    blocks_right: int = 0

    def add(self, other: Score) -> None:
        for field in ("expected", "found", "exact", "titles", "bylines", "blocks", "blocks_right"):
            setattr(self, field, getattr(self, field) + getattr(other, field))


def score_fixture(txt: Path) -> Score:
    want, _ = load_expected(txt.with_name(txt.name[: -len(".txt")] + ".expected.yml"))
    got = parse_fixture(txt).articles
    score = Score(txt.stem, expected=len(want), found=len(got))
    for article, expected in pair_articles(got, want):
        score.blocks += len(expected.body)
        if article is None:
            continue
        score.exact += is_exact(article, expected)
        score.titles += article.title == expected.title
        score.bylines += names_of(article) == (expected.authors, expected.correspondents)
        got_blocks = list(body_of(article))
        for block in expected.body:
            if block in got_blocks:
                got_blocks.remove(block)
                score.blocks_right += 1
    return score


def fixtures_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.txt") if p.with_name(p.name[:-4] + ".expected.yml").is_file())


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "   —  "


def score_table(folder: Path) -> tuple[str, Score]:
    total = Score("TOTAL")
    rows = []
    for txt in fixtures_in(folder):
        s = score_fixture(txt)
        total.add(s)
        rows.append(s)
    width = max([len(s.name) for s in rows] + [7])
    head = f"{'fixture':<{width}}  articles  found   exact   titles  bylines  paragraphs"
    lines = [head, "-" * len(head)]
    for s in rows + [total]:
        if s is total:
            lines.append("-" * len(head))
        lines.append(
            f"{s.name:<{width}}  {s.expected:>8}  {s.found:>5}  {_pct(s.exact, s.expected)}  {_pct(s.titles, s.expected)}"
            f"   {_pct(s.bylines, s.expected)}     {_pct(s.blocks_right, s.blocks)}"
        )
    return "\n".join(lines), total
