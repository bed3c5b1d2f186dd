"""Generate an archive of any size for benchmarks: realistic daily issues of ~20 版.

The text comes from the hand-cut pages of the test corpus (`tests/fixtures/layouts`,
`tests/fixtures/holdout`) and the sample page: real headlines, bylines and paragraphs. They
are recombined so that an archive of 100,000 articles does not repeat one page: every
headline joins two pieces of different real headlines, every paragraph is a run of real
sentences drawn at random, numbers are redrawn, and bylines name reporters from a roster
whose sizes follow a long tail, as a paper's staff does. Pages are written in the two
layouts readers' files come in: blocks separated by blank lines (the sample) and paragraphs
indented with `　　` (the fixtures). Some 版 carry page furniture (`本版责编：X`).

The same size and seed always give the same files, byte for byte. Dates run day by day from
`FIRST_DAY`; 120 articles a day over 20 版 makes 100,000 articles about 2.3 years (three
calendar years, so sharded builds have several shards).
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
CORPUS_DIRS = (ROOT / "tests/fixtures/layouts", ROOT / "tests/fixtures/holdout")
FIRST_DAY = dt.date(2019, 1, 1)
PAGES_PER_DAY = 20
ARTICLES_PER_PAGE = 6  # 120 articles a day
SEED = 20190101
PAGE_NAMES = (
    "要闻", "要闻", "要闻", "要闻", "评论", "要闻", "政治", "经济", "理论", "经济",
    "社会", "生态", "文化", "体育", "国际", "国际", "财经", "科技", "读者来信", "副刊",
)  # fmt: skip
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏飞辉宇鑫波斌宁欣雪琳晨阳浩凯峰婷颖慧佳鹤松岩瑶雯晓思文博睿泽诗涵梓萱怡然俊海韬立志远"
SENTENCE_END = re.compile(r"(?<=[。！？])")
HEADLINE_CUT = re.compile(r"[\s　：:，,、——]+")
DIGITS = re.compile(r"\d+")
# A sentence naming a reporter (`（记者林雪）`) would read as a byline in the middle of an article.
BYLINE_LIKE = re.compile(r"记者|通讯员|本报讯|电）|摄）")
# Headline pieces without punctuation: a piece ending in `！` or `……` would read as text.
PLAIN_PIECE = re.compile(r"^[\u4e00-\u9fff0-9A-Za-z]+$")


@dataclass(frozen=True)
class Pool:
    """What generated articles are made of: real headline pieces and sentences."""

    headline_pieces: list[str]
    sentences: list[str]


@dataclass(frozen=True)
class Generated:
    """What was written: counts and the span of dates."""

    files: int
    articles: int
    first_day: dt.date
    last_day: dt.date


def _corpus_articles() -> list[dict]:
    articles: list[dict] = []
    for folder in CORPUS_DIRS:
        for path in sorted(folder.glob("*.expected.yml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            articles.extend(a for a in data.get("articles") or [] if isinstance(a, dict))
    return articles


def load_pool() -> Pool:
    """Headline pieces and sentences of every hand-cut article of the test corpus."""
    pieces: dict[str, None] = {}
    sentences: dict[str, None] = {}
    for article in _corpus_articles():
        for piece in HEADLINE_CUT.split(str(article.get("title") or "")):
            if PLAIN_PIECE.match(piece) and 3 <= len(piece) <= 14:
                pieces.setdefault(piece)
        for block in article.get("body") or []:
            if not isinstance(block, str):
                continue  # captions and sub-heads: kept out, a paragraph must read as one
            for sentence in SENTENCE_END.split(block):
                sentence = sentence.strip()
                if len(sentence) >= 12 and sentence.endswith(("。", "！", "？")) and not BYLINE_LIKE.search(sentence):
                    sentences.setdefault(sentence)
    return Pool(sorted(pieces), sorted(sentences))


def _roster(rng: random.Random, size: int) -> list[str]:
    names: dict[str, None] = {}
    while len(names) < size:
        given = "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2, 2))))
        names.setdefault(rng.choice(SURNAMES) + given)
    return list(names)


class ArticleMaker:
    """Draws articles from the pool; `rng` decides everything, so a seed gives one archive."""

    def __init__(self, pool: Pool, rng: random.Random):
        self.pool = pool
        self.rng = rng
        self.reporters = _roster(rng, 800)
        self.correspondents = _roster(rng, 1500)
        # A long tail, as on a real staff: a few names on many articles, most on few.
        self.reporter_weights = [1 / (n + 1) for n in range(len(self.reporters))]
        self.correspondent_weights = [1 / (n + 1) for n in range(len(self.correspondents))]

    def _numbers(self, text: str) -> str:
        return DIGITS.sub(lambda m: str(self.rng.randint(1, 10 ** len(m.group()) - 1)), text)

    def headline(self) -> str:
        first, second = self.rng.sample(self.pool.headline_pieces, 2)
        title = self._numbers(f"{first}{second}")
        if self.rng.random() < 0.15:  # a kicker over the main title, on one line
            title = f"{self._numbers(self.rng.choice(self.pool.headline_pieces))} {title}"
        return title

    def paragraph(self) -> str:
        count = self.rng.choice((1, 2, 2, 3, 3, 4))
        return "".join(self._numbers(s) for s in self.rng.sample(self.pool.sentences, count))

    def byline(self) -> tuple[str, str]:
        """(byline line, dateline opening of the first paragraph); one of them may be empty."""
        rng = self.rng
        authors = rng.choices(self.reporters, self.reporter_weights, k=rng.choice((1, 1, 1, 2)))
        authors = list(dict.fromkeys(authors))
        helpers = list(
            dict.fromkeys(rng.choices(self.correspondents, self.correspondent_weights, k=rng.choice((0, 0, 1, 2))))
        )
        if rng.random() < 0.2:  # 本报讯（记者 X）: the byline inside the dateline
            return "", f"本报讯（记者 {' '.join(authors)}）"
        line = "本报记者 " + " ".join(authors)
        if helpers:
            line += " 通讯员 " + " ".join(helpers)
        return line, ""

    def article(self, indent: str) -> list[str]:
        """The blocks of one article: headline, byline, paragraphs."""
        byline, dateline = self.byline()
        paragraphs = [self.paragraph() for _ in range(self.rng.randint(3, 7))]
        if dateline:
            paragraphs[0] = dateline + paragraphs[0]
        blocks = [self.headline()]
        if byline:
            blocks.append(byline)
        blocks.extend(indent + p for p in paragraphs)
        return blocks


def page_text(maker: ArticleMaker, articles: int, indented: bool) -> str:
    rng = maker.rng
    indent = "　　" if indented else ""
    blocks: list[str] = []
    if rng.random() < 0.3:
        blocks.append(f"本版责编：{rng.choice(maker.reporters)}")
    for _ in range(articles):
        blocks.extend(maker.article(indent))
    return "\n\n" + "\n\n".join(blocks) + "\n"


def archive_yml(site_url: str) -> str:
    lines = [
        "paper:",
        "  title: 浙江日报",
        "  title_en: Zhejiang Daily",
        "  slug: zhejiang-daily",
        "  publisher: 浙江日报报业集团",
        "  place: 杭州",
        "  language: zh",
    ]
    if site_url:
        lines.append(f"site_url: {site_url}")
    return "\n".join(lines) + "\n"


def generate(
    source_dir: Path,
    articles: int,
    *,
    seed: int = SEED,
    first_day: dt.date = FIRST_DAY,
    site_url: str = "https://example.org/archive/",
    progress: Callable[[int], None] | None = None,
) -> Generated:
    """Write `articles` articles as daily issues under `source_dir` (with archive.yml).
    `progress` is called with the number of articles written after each day."""
    if articles < 1:
        raise ValueError("an archive needs at least one article")
    rng = random.Random(seed)
    maker = ArticleMaker(load_pool(), rng)
    source_dir.mkdir(parents=True, exist_ok=True)
    (source_dir / "archive.yml").write_text(archive_yml(site_url), encoding="utf-8")
    written = files = 0
    day = first_day
    while written < articles:
        for number, name in enumerate(PAGE_NAMES, start=1):
            count = min(ARTICLES_PER_PAGE, articles - written)
            if count <= 0:
                break
            path = source_dir / f"{day.year}" / f"{day.isoformat()}_{number:02d}_{name}.txt"
            path.parent.mkdir(exist_ok=True)
            path.write_text(page_text(maker, count, indented=rng.random() < 0.5), encoding="utf-8")
            written += count
            files += 1
        if progress:
            progress(written)
        last = day
        day += dt.timedelta(days=1)
    return Generated(files=files, articles=written, first_day=first_day, last_day=last)
