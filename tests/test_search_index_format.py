"""The search index's newer parts, unit by unit: an article printed twice is indexed once, a
word in most of a year's articles is a bitmap the browser reads back as the list it stands
for, and the list of what the traditional → simplified conversion changes (which spares a
simplified query the converter)."""

from __future__ import annotations

import base64
import json
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from test_zh_search import load

from build_scripts.plugins.zh_search.index_files import IndexedArticle, IndexWriter
from build_scripts.plugins.zh_search.postings import BYLINE, TITLE, WordList, read_varints
from build_scripts.plugins.zh_search.segment import Segmenter
from build_scripts.plugins.zh_search.traditional import VENDORED, changed_by_conversion, encoded_characters

ASSETS = Path(__file__).resolve().parents[1] / "build_scripts/plugins/zh_search/assets"


def article(url: str, page: int, page_name: str, text: str, names: tuple[str, ...] = ()) -> IndexedArticle:
    return IndexedArticle(
        url=url,
        title="全省春耕备耕有序推进",
        date="2022-03-01",
        page=page,
        page_name=page_name,
        byline=" ".join(names),
        names=names,
        dateline="",
        text=text,
    )


def test_an_article_printed_on_two_pages_is_indexed_once_and_says_where_else(tmp_path):
    text = "各地抢抓农时，春耕备耕有序推进。\n\n农资供应充足。"
    writer = IndexWriter(tmp_path, Segmenter())
    writer.add_year(
        2022,
        [
            article("2022/03/01/a/", 1, "要闻", text, ("储勇",)),
            article("2022/03/01/other/", 1, "要闻", "另一篇文章的正文。"),
            # the same report on 版 4, its paragraphs broken elsewhere, another name with it
            article("2022/03/01/b/", 4, "经济", text.replace("\n\n", " "), ("王小明",)),
        ],
    )
    writer.finish("test")
    meta = load(tmp_path, "meta")
    assert meta["years"][0]["articles"] == 2
    first = load(tmp_path, "2022/d/0")
    assert first["u"] == "2022/03/01/a/" and first["a"] == [["2022/03/01/b/", "2022-03-01", 4, "经济"]]
    assert "a" not in load(tmp_path, "2022/d/1")
    assert not (tmp_path / "2022/d/2.js").exists()
    # The filters of where the copy stands find the one article.
    lists = {}
    for shard in (tmp_path / "2022").glob("[0-9]*.js"):
        lists.update(load(tmp_path, f"2022/{shard.stem}"))
    for word in ("#经济", "#要闻", "@储勇", "@王小明"):
        assert word in lists, word
    assert [name for name, _ in load(tmp_path, "names")] == ["储勇", "王小明"]


def test_a_text_with_subheads_says_where_each_section_starts(tmp_path):
    text = (
        "海外简讯的导语。\n\n北欧暖春\n\n北欧多国气温偏高。\n\n植树计划\n\n分两期\n\n将种一亿棵树。"
        "\n\n北欧暖春\n\n又一条。\n\n动真碰硬  真查实改\n\n再一条。"
    )
    headings = ("北欧暖春", "植树计划 分两期", "不在正文", "北欧暖春", "动真碰硬  真查实改")
    digest = replace(article("2022/03/01/a/", 3, "国际", text), subheads=headings)
    # a heading printed in two pieces stands where its first piece does; one not in the text is
    # left out; a heading printed twice has the anchor MkDocs gives the second (`_1`); spaces
    # run together, as the page shows them
    assert digest.sections() == [
        (text.index("北欧暖春"), "北欧暖春", "北欧暖春"),
        (text.index("植树计划"), "植树计划 分两期", "植树计划-分两期"),
        (text.rindex("北欧暖春"), "北欧暖春", "北欧暖春_1"),
        (text.index("动真碰硬"), "动真碰硬  真查实改", "动真碰硬-真查实改"),
    ]
    writer = IndexWriter(tmp_path, Segmenter())
    writer.add_year(2022, [digest, article("2022/03/01/b/", 3, "国际", "没有小标题的正文。")])
    writer.finish("test")
    assert load(tmp_path, "2022/d/0")["s"] == [list(section) for section in digest.sections()]
    assert "s" not in load(tmp_path, "2022/d/1")


def test_an_article_the_converter_found_printed_again_is_indexed_once(tmp_path):
    """Its later printing carries its byline at the end of the text: not the same text, but
    the converter says it is the same article (`reprint_of`), and search shows it once."""
    text = "各地抢抓农时，春耕备耕有序推进。"
    first = replace(article("2022/03/01/a/", 1, "要闻", text, ("储勇",)), id="2022-03-01-a")
    again = replace(article("2022/03/01/b/", 4, "经济", text + "本报记者 储勇"), id="2022-03-01-b")
    writer = IndexWriter(tmp_path, Segmenter())
    writer.add_year(2022, [first, replace(again, reprint_of="2022-03-01-a")])
    writer.finish("test")
    assert load(tmp_path, "meta")["years"][0]["articles"] == 1
    assert load(tmp_path, "2022/d/0")["a"] == [["2022/03/01/b/", "2022-03-01", 4, "经济"]]
    alone = IndexWriter(tmp_path / "alone", Segmenter())
    alone.add_year(2022, [first, again])  # without the converter's word, two texts: two results
    alone.finish("test")
    assert load(tmp_path / "alone", "meta")["years"][0]["articles"] == 2


def test_a_result_shows_the_names_its_byline_does_not_spell_out(tmp_path):
    writer = IndexWriter(tmp_path, Segmenter())
    signed_at_its_end = IndexedArticle(
        url="2022/03/01/a/",
        title="学以致用求实效",
        date="2022-03-01",
        page=1,
        page_name="要闻",
        byline="本报记者",  # the names are in a credit at the article's end
        names=("张贺", "耿磊"),
        dateline="",
        text="各地扎实开展学习教育。",
    )
    writer.add_year(2022, [signed_at_its_end])
    writer.finish("test")
    assert load(tmp_path, "2022/d/0")["b"] == "本报记者 张贺、耿磊"


def test_articles_without_text_are_never_taken_for_one_another(tmp_path):
    writer = IndexWriter(tmp_path, Segmenter())
    writer.add_year(2022, [article(f"2022/03/01/{n}/", n, "要闻", "") for n in (1, 2)])
    writer.finish("test")
    assert load(tmp_path, "meta")["years"][0]["articles"] == 2


@pytest.mark.parametrize("apart", [False, True])
def test_a_word_in_most_articles_is_a_bitmap_the_browser_reads_as_its_list(apart):
    node = shutil.which("node")
    if not node:
        pytest.skip("node not installed (scripts/test installs it)")
    year_articles = 4000
    words = WordList()
    expected = []
    for number in range(0, year_articles, 3):
        fields = (TITLE if number % 9 == 0 else 0) | (BYLINE if number % 27 == 0 else 0) | 4
        offsets = [number % 50, number % 50 + 7 + number % 5]
        words.add(number, fields, offsets)
        expected.append([number, fields, offsets])
    assert words.is_dense(year_articles)
    articles, offsets = words.dense(year_articles)
    listed, _ = words.encoded()
    assert len(articles) < len(listed) / 2
    assert next(read_varints(articles)) == len(expected)
    if apart:  # as the index writes it when the offsets are many: "~!" and the offsets in o0
        shards = {"2022/0": {"的": "~!" + base64.b64encode(articles).decode()}}
        shards["2022/o0"] = {"的": base64.b64encode(offsets).decode()}
    else:
        shards = {"2022/0": {"的": "~" + base64.b64encode(articles + offsets).decode()}}
    script = f"""
globalThis.atob = (s) => Buffer.from(s, "base64").toString("binary");
require({json.dumps(str(ASSETS / "search-files.js"))});
const files = globalThis.ArchiveSearchFiles, shards = {json.dumps(shards)};
files.setLoader((name) => globalThis.ArchiveSearch.loaded(name, shards[name]));
files.wordList({{}}, {{year: 2022, articles: {year_articles}, files: 1}}, "的", true).then((list) => {{
  console.log(JSON.stringify(Array.from(list.docs, (doc, i) => [doc, list.info[i], Array.from(list.offsets[i])])));
}});
"""
    run = subprocess.run([node, "-e", script], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    decoded = json.loads(run.stdout)
    # Headline, byline and offsets are kept; the counts are read from offsets kept with the
    # list, and are one for offsets kept apart (loaded only by some queries).
    count = 1 if apart else 2
    assert decoded == [[n, (count << 3) | fields & (TITLE | BYLINE), offsets] for n, fields, offsets in expected]


def test_the_index_keeps_a_dense_words_few_offsets_with_its_bitmap(tmp_path):
    """Offsets kept with a list are loaded with it: an unquoted phrase of common words is then
    checked where it stands, not assumed to."""
    writer = IndexWriter(tmp_path, Segmenter())
    texts = [f"第{n}号：今天的天气晴朗。" for n in range(2100)]
    writer.add_year(2022, [article(f"2022/03/01/{n}/", 1, "要闻", text) for n, text in enumerate(texts)])
    writer.finish("test")
    lists, apart = {}, {}
    for shard in (tmp_path / "2022").glob("*.js"):
        (apart if shard.stem.startswith("o") else lists).update(load(tmp_path, f"2022/{shard.stem}"))
    assert lists["天气"].startswith("~") and not lists["天气"].startswith("~!") and "天气" not in apart
    assert not lists["2099"].startswith("~")  # in one article


def test_a_short_or_rare_list_stays_a_list():
    rare, common = WordList(), WordList()
    for number in range(0, 4000, 9):
        rare.add(number, 4, [0])
    for number in range(100):
        common.add(number, 4, [0])
    assert not rare.is_dense(4000)  # in one article of nine
    assert not common.is_dense(100)  # in every one, but a bitmap of 13 bytes saves nothing


def test_the_conversion_list_is_what_opencc_js_changes():
    characters, phrases = changed_by_conversion()
    assert {"國", "發", "臺", "習", "變"} <= set(characters)
    assert not {"国", "发", "台", "习", "变", "的"} & set(characters)
    assert all(not set(characters) & set(phrase) for phrase in phrases)
    source = VENDORED.read_text(encoding="utf-8")
    assert len(characters) > 2000 and re.search(r"[國發]", source)
    # Varints of the distance from the previous code point: a few bytes a character.
    encoded = encoded_characters(characters)
    back, point = [], 0
    for gap in read_varints(encoded):
        point += gap
        back.append(chr(point))
    assert "".join(back) == characters and len(encoded) < 3 * len(characters)


def test_an_article_printed_again_on_a_later_day_is_listed_under_that_day(tmp_path):
    text = "本版长期征稿，欢迎赐稿，请勿一稿多投。"
    notice = replace(article("2022/03/01/a/", 5, "评论", text), title="欢迎赐稿")
    other = article("2022/03/01/b/", 1, "要闻", "另一篇文章的正文。")
    writer = IndexWriter(tmp_path, Segmenter())
    writer.add_year(
        2022,
        [  # in the archive's order
            notice,  # 0
            other,  # 1
            replace(notice, url="2022/03/01/c/", page=6),  # the same day again: no later day
            replace(notice, url="2022/03/08/a/", date="2022-03-08"),  # after 1, the copy above between
            replace(other, url="2022/03/08/b/", date="2022-03-08", page=6),  # after 1, two copies between
            article("2022/03/08/c/", 7, "国际", "又一篇文章的正文。"),  # 2
            replace(notice, url="2022/03/15/a/", date="2022-03-15", page=1),  # after 2, first of its day
        ],
    )
    writer.finish("test")
    (year,) = load(tmp_path, "meta")["years"]
    # each under its day, with the 版 it then stood on and where: after which article, and how
    # many copies between them
    assert year["articles"] == 3 and year["again"] == [
        ["03-08", 0, 5, "评论", 1, 1],
        ["03-08", 1, 6, "要闻", 1, 2],
        ["03-15", 0, 1, "评论", 2, 0],
    ]
