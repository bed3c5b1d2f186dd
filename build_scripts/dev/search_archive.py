"""A generated archive for measuring search: `data/articles.jsonl` records written directly,
the only input the search index needs (no source texts, no pages, no MkDocs build).

Text is drawn word by word from jieba's dictionary in proportion to each word's frequency, so
the index sees a newspaper's spread of common and rare words; sentences end at random lengths
with Chinese punctuation. Every article gets a byline (most of them; reporters from a pool of
generated names), a 版 and its name, and one place name from the dictionary in its first
sentence, like a dateline. Years hold `per_year` articles (a daily paper prints about 20,000 a
year), spread over the year's days. Deterministic: the same arguments give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import random
from collections.abc import Iterator
from pathlib import Path

from build_scripts.contract.urls import JSONL_PATH
from build_scripts.plugins.zh_search.segment import jieba_dictionary

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏晨辉建国志宏海波婷雪梅琳晓岚毅斌鑫宇浩然欣怡子涵思远博文雨轩嘉怡一鸣"
PAGE_NAMES = [
    "要闻",
    "要闻",
    "要闻",
    "经济",
    "政治",
    "国际",
    "社会",
    "文化",
    "体育",
    "评论",
    "理论",
    "副刊",
    "科技",
    "生态",
    "法治",
]
PUNCTUATION = "，，，，。。、；"
START = dt.date(2000, 1, 1)


class WordSampler:
    """Words of jieba's dictionary, drawn in proportion to their frequency."""

    def __init__(self, rng: random.Random):
        entries = [(word, count, tag) for word, count, tag in jieba_dictionary() if count >= 3]
        self.words = [word for word, _, _ in entries]
        self.cumulative = list(itertools.accumulate(count for _, count, _ in entries))
        self.places = [word for word, count, tag in entries if tag == "ns" and len(word) >= 2 and count >= 20]
        self.rng = rng

    def words_of(self, n: int) -> list[str]:
        # (`random.choices` draws as `bisect(cumulative, random() * total)` does, in one call)
        return self.rng.choices(self.words, cum_weights=self.cumulative, k=n)

    def sentence(self, words: int) -> str:
        parts = self.words_of(words)
        text = ""
        for i, word in enumerate(parts):
            text += word
            if i < len(parts) - 1 and self.rng.random() < 0.12:
                text += self.rng.choice(PUNCTUATION[:-3])
        return text + "。"


def generated_records(articles: int, per_year: int = 20_000, seed: int = 1) -> Iterator[dict]:
    rng = random.Random(seed)
    sampler = WordSampler(rng)
    reporters = sorted({rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2)))) for _ in range(3000)})
    per_day = max(1.0, per_year / 365)
    for n in range(articles):
        year, rest = divmod(n, per_year)
        day = dt.date(START.year + year, 1, 1) + dt.timedelta(days=min(364, int(rest / per_day)))
        authors = rng.sample(reporters, rng.choice((0, 1, 1, 1, 2)))
        correspondents = rng.sample(reporters, rng.choice((0, 0, 0, 1)))
        place = rng.choice(sampler.places)
        paragraphs = [place + sampler.sentence(rng.randint(8, 30))]
        paragraphs += [
            " ".join(sampler.sentence(rng.randint(8, 40)) for _ in range(rng.randint(1, 4)))
            for _ in range(rng.randint(1, 6))
        ]
        title = "".join(sampler.words_of(rng.randint(4, 9)))
        page = rng.randint(1, 16)
        byline = " ".join(
            part
            for part in (
                "本报记者 " + " ".join(authors) if authors else "",
                "通讯员 " + " ".join(correspondents) if correspondents else "",
            )
            if part
        )
        yield {
            "id": f"{day.isoformat()}-a{n}",
            "url": f"{day:%Y/%m/%d}/a{n}/",
            "date": day.isoformat(),
            "paper": "测试日报",
            "page": page,
            "page_name": PAGE_NAMES[page % len(PAGE_NAMES)],
            "title": title,
            "title_parts": [title],
            "byline": byline,
            "authors": authors,
            "correspondents": correspondents,
            "dateline": "",
            "text": "\n\n".join(paragraphs),
            "tags": [],
            "source": {"file": f"{day.year}/{day.isoformat()}_{page:02d}.txt", "first_line": 1, "last_line": 1},
        }


def write_archive(docs: Path, articles: int, per_year: int = 20_000, seed: int = 1) -> Path:
    """Write `docs/data/articles.jsonl` with `articles` generated records, in archive order."""
    path = docs / JSONL_PATH
    path.parent.mkdir(parents=True, exist_ok=True)
    records = sorted(generated_records(articles, per_year, seed), key=lambda r: (r["date"], r["page"]))
    path.unlink(missing_ok=True)  # a new file: in an archive of one year it is its year's file too
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path
