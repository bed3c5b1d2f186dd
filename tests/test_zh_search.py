"""The search index: normalisation, the cut into words, the byte format, what the built index
holds (articles only, text as printed), determinism, and the builds that must fail."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import build_site

from build_scripts.ingest.word_list import Word, WordListError, read_word_list
from build_scripts.plugins.zh_search.indexer import IndexInputError, build_index
from build_scripts.plugins.zh_search.normalise import normalise
from build_scripts.plugins.zh_search.postings import WordList, add_words, bucket, fields_of, varint
from build_scripts.plugins.zh_search.segment import Segmenter

CALL = re.compile(r'^ArchiveSearch\.loaded\(("[^"\\]*"),(.*)\);\n$', re.S)


def load(folder: Path, name: str):
    """The data of one index file, as search.js receives it."""
    match = CALL.match((folder / f"{name}.js").read_text(encoding="utf-8"))
    assert match and json.loads(match.group(1)) == name
    return json.loads(match.group(2))


def read_varints(data: bytes) -> list[int]:
    numbers, n, shift = [], 0, 0
    for byte in data:
        n |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            numbers.append(n)
            n, shift = 0, 0
    return numbers


def word_list(index: Path, year: int, word: str) -> list[int]:
    """The numbers of a word's list in a year (articles part then offsets), decoded."""
    meta = load(index, "meta")
    files = next(y["files"] for y in meta["years"] if y["year"] == year)
    entry = load(index, f"{year}/{bucket(word, files)}")[word]
    data = base64.b64decode(entry.lstrip("!"))
    if entry.startswith("!"):
        data += base64.b64decode(load(index, f"{year}/o{bucket(word, files)}")[word])
    return read_varints(data)


# --- the word list -------------------------------------------------------------------


def test_word_list_reads_words_frequencies_tags_and_skips_comments(tmp_path):
    path = tmp_path / "userdict.txt"
    path.write_text("# names\n\n何忠新\n国家统计局 20 nt\n奥密克戎 nz\n", encoding="utf-8")
    assert read_word_list(path, "userdict.txt") == [
        Word("何忠新"),
        Word("国家统计局", 20, "nt"),
        Word("奥密克戎", None, "nz"),
    ]


@pytest.mark.parametrize("line", ["北京 上海", "国家统计局 20 nt extra", "词 很多"])
def test_word_list_names_the_bad_line(tmp_path, line):
    path = tmp_path / "userdict.txt"
    path.write_text(f"# words\n何忠新\n{line}\n", encoding="utf-8")
    with pytest.raises(WordListError, match=r"^words\.txt:3: cannot read .* — one word per line"):
        read_word_list(path, "words.txt")


def test_word_list_must_be_utf8(tmp_path):
    path = tmp_path / "userdict.txt"
    path.write_bytes("何忠新\n".encode("gb18030"))
    with pytest.raises(WordListError, match="not UTF-8"):
        read_word_list(path, "userdict.txt")


# --- one form of text, one cut into words ------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "matched"),
    [
        ("習近平", "习近平"),
        ("臺灣發佈會", "台湾发布会"),
        ("經濟", "经济"),
        ("ＧＤＰ增長５％", "gdp增长5%"),
        ("习近平", "习近平"),
    ],
)
def test_text_is_matched_in_simplified_half_width_lower_case(printed, matched):
    assert normalise(printed) == matched
    assert len(normalise(printed)) == len(printed)  # offsets in the index are offsets in the text


def test_a_compound_word_and_the_words_inside_it_are_indexed():
    words = [w for w, _ in Segmenter().tokens("国家统计局28日发布")]
    assert {"国家统计局", "统计局", "国家", "28"} <= set(words)


def test_longer_words_inside_a_word_are_indexed_where_they_stand():
    # search mode alone gives only the words of two and three characters inside a word
    text = "十四届全国人大常委会第二十二次会议"
    tokens = set(Segmenter().tokens(text))
    assert {("全国人大常委会", 3), ("全国人大", 3), ("人大常委会", 5), ("常委会", 7)} <= tokens


def test_byline_names_and_listed_words_are_one_word():
    plain = Segmenter()
    assert "欧阳晓岚" not in plain.cut("本报记者欧阳晓岚报道")  # jieba alone splits the name
    taught = Segmenter([Word("欧阳晓岚"), Word("除险保安")])
    assert "欧阳晓岚" in taught.cut("本报记者欧阳晓岚报道")
    assert "除险保安" in taught.cut("创新落实除险保安晾晒机制")
    # The frequency the browser gets for a taught word is the one the index was cut with.
    assert taught.frequency("欧阳晓岚") == taught.freq["欧阳晓岚"] >= 1


def test_words_added_to_the_dictionary_leave_its_total_as_it_was():
    # The total weighs every word of every cut: were it to grow with each new name, a text
    # that prints none of them could be cut otherwise (`segment.BALANCE`).
    plain, taught = Segmenter(), Segmenter([Word("欧阳晓岚"), Word("王小明", 30_000)])
    assert taught.total == plain.total
    # and so in rjieba too, whose suggestion for a word of common parts is frequency × 1/total
    assert taught.jieba.suggest_freq("的的") == plain.jieba.suggest_freq("的的")
    assert taught.added == {"欧阳晓岚": taught.freq["欧阳晓岚"], "王小明": 30_000}
    # a word list beyond the budget raises the total, not a cut that fails
    assert Segmenter([Word("王小明", 10**7)]).total > plain.total


def test_offsets_count_characters_of_the_normalised_text():
    text = normalise("國家統計局發佈2021年數據")
    for word, offset in Segmenter().tokens(text):
        assert text[offset : offset + len(word)] == word


# --- the byte format -------------------------------------------------------------------


def test_the_word_hash_is_fnv1a_over_code_points():
    assert bucket("a", 2**32) == 0xE40C292C  # the published FNV-1a test vector
    assert bucket("习近平", 97) == bucket("习近平", 97) and 0 <= bucket("习近平", 97) < 97


def test_a_word_list_stores_gaps_counts_fields_and_offsets():
    words = WordList()
    words.add(3, 1 | 4, [0, 150])
    words.add(10, 4, [7])
    articles, offsets = words.encoded()
    assert read_varints(articles) == [2, 3, (2 << 3) | 5, 6, (1 << 3) | 4]
    assert read_varints(offsets) == [0, 150, 7]
    out = bytearray()
    varint(300, out)
    assert bytes(out) == b"\xac\x02"


@pytest.mark.parametrize("scale", [1, 200, 40_000])
def test_a_word_list_of_large_numbers_reads_back_as_added(scale):
    """Small numbers are encoded from a table, large ones (an offset in a long article, a gap
    across a year) one byte at a time: both read back alike, dense or not."""
    words, added, article = WordList(), [], -1
    for n in range(40):
        article += 1 + (n * scale) % 70_000
        offsets = sorted({(n * 7 * scale) % 90_000, (n * 13 * scale + 5) % 90_000, n * scale})
        words.add(article, 4 | (n % 2), offsets)
        added.append((article, len(offsets) << 3 | 4 | (n % 2), offsets))
    articles, offsets = words.encoded()
    numbers, steps = read_varints(articles), read_varints(offsets)
    assert numbers[0] == len(added)
    gaps = [a - b - 1 for (a, _, _), b in zip(added, [-1] + [a for a, _, _ in added], strict=False)]
    assert numbers[1:] == [n for gap, (_, info, _) in zip(gaps, added, strict=True) for n in (gap, info)]
    assert steps == [b - a for _, _, o in added for a, b in zip([0, *o], o, strict=False)]
    year = added[-1][0] + 1
    _, spread = words.dense(year)
    expected = []
    for _, info, o in added:
        expected += [info >> 3, *(b - a for a, b in zip([0, *o], o, strict=False))]
    assert read_varints(spread) == expected


@pytest.mark.fast
def test_a_word_of_two_characters_printed_spaced_out_is_a_word_at_its_first():
    segmenter = Segmenter()
    assert segmenter.spaced_words(normalise("名单：李  强、王\u3000琳")) == [("李强", 3)]  # (王琳: no word)
    # pairs overlap: 得 李 is no word, 李  强 is; a character glued to one beside it is no pair's
    assert segmenter.spaced_words("得 李  强") == [("李强", 2)]
    assert segmenter.spaced_words("𠀀李  强") == segmenter.spaced_words("李  强强") == []
    assert segmenter.positions("李强说，名单：李  强。")["李强"] == [0, 7]


@pytest.mark.fast
def test_positions_gather_the_tokens_by_word():
    text = normalise("国家统计局28日发布：ＣＰＩ上涨2.1%，a-b 126.com  𠀀字与abc123。全国人大常委会、人大常委会")
    segmenter, gathered = Segmenter(), {}
    for word, offset in segmenter.tokens(text):
        gathered.setdefault(word, []).append(offset)
    assert segmenter.positions(text) == gathered and "cpi" in gathered and "126" in gathered


@pytest.mark.fast
def test_adding_an_articles_words_at_once_is_adding_each():
    positions = {"的": [0, 5, 300], "天气": [2], "远": [70_000], "标题": [1], "记者": [12], "正文": [40]}
    one_by_one, at_once = {w: WordList() for w in positions}, {}
    for number in (0, 3, 90_000):
        for word, offsets in positions.items():
            one_by_one[word].add(number, fields_of(offsets, 10, 20), offsets)
        assert add_words(at_once, number, positions, 10, 20) == ([*positions] if number == 0 else [])
    assert {w: ws.encoded() for w, ws in at_once.items()} == {w: ws.encoded() for w, ws in one_by_one.items()}
    assert fields_of([1], 10, 20) == 1 and fields_of([12], 10, 20) == 2 and fields_of([1, 12, 40], 10, 20) == 7


@pytest.mark.fast
def test_a_word_only_in_the_headlines_column_name_counts_as_text():
    """A column's name in brackets after the title (`column_tag_spans`): its words are the
    article's text, not its headline's — the same added at once or one by one."""
    tags = [(6, 10)]
    assert (
        fields_of([7], 10, 20, tags) == 4
        and fields_of([1, 7], 10, 20, tags) == 5
        and fields_of([7, 12], 10, 20, tags) == 6
    )
    positions = {"专栏": [7], "标题": [1], "两处": [2, 8]}
    one_by_one, at_once = {w: WordList() for w in positions}, {}
    for word, offsets in positions.items():
        one_by_one[word].add(0, fields_of(offsets, 10, 20, tags), offsets)
    add_words(at_once, 0, positions, 10, 20, tags)
    assert {w: ws.encoded() for w, ws in at_once.items()} == {w: ws.encoded() for w, ws in one_by_one.items()}
    assert fields_of([7], 10, 20) == 1  # without the spans, the headline's


def test_offsets_out_of_order_are_refused():
    with pytest.raises(ValueError, match="not in order"):
        WordList().add(0, 4, [10, 3])


# --- the built index ----------------------------------------------------------------------


def test_the_index_holds_every_article_and_nothing_else(search_site):
    index = search_site / "site/assets/search"
    records = [json.loads(line) for line in (search_site / "docs/data/articles.jsonl").read_text("utf-8").splitlines()]
    meta = load(index, "meta")
    assert sum(y["articles"] for y in meta["years"]) == len(records)
    shown = [load(index, f"2022/d/{n}") for n in range(len(records))]
    assert sorted(a["u"] for a in shown) == sorted(r["url"] for r in records)  # no tag, issue or index page
    ouyang = next(a for a in shown if a["t"].startswith("国家统计局发布2021年经济数据"))
    assert (ouyang["d"], ouyang["p"], ouyang["n"], ouyang["b"]) == ("2022-01-29", 3, "经济", "本报记者 欧阳晓岚")
    assert ouyang["x"].startswith("国家统计局28日发布")  # the text as printed
    assert [name for name, _ in meta["pageNames"]] == ["经济", "国际"]
    # a column's items: each sub-head's anchor is the id MkDocs gave the heading on its page
    digest = next(a for a in shown if a["t"] == "海外简讯")
    page = (search_site / "site" / digest["u"] / "index.html").read_text(encoding="utf-8")
    ids = re.findall(r'<h2 id="([^"]+)"', page)
    assert [anchor for _, _, anchor in digest["s"]] == ids[:3] and ids[3:] == ["article-cite-heading"]


def test_words_are_found_where_they_are_printed(search_site):
    index = search_site / "site/assets/search"
    numbers = word_list(index, 2022, "统计局")  # only inside 国家统计局
    assert numbers[0] == 1  # one article
    assert word_list(index, 2022, "@欧阳晓岚")[0] == 1  # the reporter filter
    assert word_list(index, 2022, "#经济")[0] == 3  # the 版名 filter: the three articles of 版 3


def test_the_index_is_the_same_bytes_every_time(search_site, tmp_path):
    articles = search_site / "docs/data/articles.jsonl"
    words = search_site / "source_texts/userdict.txt"
    build_index(articles, tmp_path / "a", words)
    build_index(articles, tmp_path / "b", words)
    first = {p.relative_to(tmp_path / "a"): p.read_bytes() for p in (tmp_path / "a").rglob("*.js")}
    second = {p.relative_to(tmp_path / "b"): p.read_bytes() for p in (tmp_path / "b").rglob("*.js")}
    assert first == second and len(first) > 5
    built = {
        p.relative_to(search_site / "site/assets/search"): p.read_bytes()
        for p in (search_site / "site/assets/search").rglob("*.js")
    }
    assert built == first  # the plugin's index is the indexer's


def test_the_pages_load_the_search_and_not_materials(search_site):
    home = (search_site / "site/index.html").read_text(encoding="utf-8")
    assert (
        home.index("zh-search/search-files.js")
        < home.index("zh-search/search.js")
        < home.index("zh-search/search-ui.js")
    )
    assert "assets/stylesheets/zh-search.css" in home
    assert 'id="zh-search-config"' in home and "zh-search-box" in home
    assert not (search_site / "site/search/search_index.json").exists()
    assert (search_site / "site/search/index.html").is_file()  # the search page


# --- builds that must fail ----------------------------------------------------------------


def build_variant(project: Path, tmp_path: Path, replace: dict[str, str], cwd: Path | None = None):
    """Build `project` with a changed copy of its mkdocs.yml (next to it, so relative paths
    mean the same), into a site folder of its own."""
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    for old, new in replace.items():
        assert old in text, old
        text = text.replace(old, new)
    variant = project / f"mkdocs-{tmp_path.name}.yml"
    variant.write_text(text, encoding="utf-8")
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "--config-file",
            str(variant),
            "--site-dir",
            str(tmp_path / "site"),
        ],
        cwd=cwd or project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def test_bad_word_list_is_reported_with_file_and_line(sample_site, tmp_path):
    bad = sample_site / f"words-{tmp_path.name}.txt"
    bad.write_text("# words\n奥密克戎\n北京 上海\n", encoding="utf-8")
    result = build_variant(sample_site, tmp_path, {"  - zh-search\n": f"  - zh-search:\n      user_dict: {bad}\n"})
    assert result.returncode != 0
    assert f"{bad}:3: cannot read `北京 上海`" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "site/assets/search").exists()


def test_the_word_list_is_the_archives_own_beside_archive_yml_wherever_mkdocs_yml_is(sample_site, tmp_path):
    """With no `user_dict`, search keeps whole the words of userdict.txt in the folder
    `source_dir` names (the list the converter cuts tags with), not of a file beside mkdocs.yml:
    moving the texts is one line of mkdocs.yml."""
    texts = tmp_path / "texts"
    shutil.copytree(sample_site / "source_texts", texts)
    (texts / "userdict.txt").write_text("晾晒机制\n", encoding="utf-8")
    moved = {"  - newspaper-archive\n": f"  - newspaper-archive:\n      source_dir: {texts}\n"}
    result = build_variant(sample_site, tmp_path, moved)
    assert result.returncode == 0, result.stderr
    lexicon = tmp_path / "site/assets/search"
    words = "\n".join(load(lexicon, f"lex/{n}") for n in range(load(lexicon, "meta")["lexicon"]))
    assert re.search(r"^晾晒机制 \d+$", words, re.M)
    assert not re.search(r"^除险保安 \d+$", words, re.M)  # the project's own list is not read


def test_materials_search_alongside_is_refused(sample_site, tmp_path):
    result = build_variant(sample_site, tmp_path, {"  - zh-search\n": "  - search\n  - zh-search\n"})
    assert result.returncode != 0
    assert "remove `- search` from `plugins:`" in result.stderr and "Traceback" not in result.stderr


def test_word_list_is_found_relative_to_mkdocs_yml_from_any_folder(sample_site, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = build_variant(sample_site, tmp_path, {}, cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    lexicon = tmp_path / "site/assets/search"
    meta = load(lexicon, "meta")
    words = "\n".join(load(lexicon, f"lex/{n}") for n in range(meta["lexicon"]))
    assert re.search(r"^除险保安 \d+$", words, re.M)


def test_the_sample_builds_without_warning(sample_site):
    result = build_site(sample_site)
    assert result.returncode == 0 and "WARNING" not in result.stderr


def test_a_broken_data_file_is_reported_with_its_line(tmp_path):
    from build_scripts.plugins.zh_search.indexer import main

    articles = tmp_path / "articles.jsonl"
    articles.write_text('{"id": "x", "date": "2022-01-28", "source": {}}\n{"id": "y", "date": "someday"}\n', "utf-8")
    with pytest.raises(
        IndexInputError, match=rf"^{re.escape(str(articles))}:2: not an article record .* — run the converter again$"
    ):
        build_index(articles, tmp_path / "index", None)
    assert main([str(articles), str(tmp_path / "index")]) == 2
    assert not (tmp_path / "index").exists()  # nothing half-written


def test_the_vendored_opencc_js_is_the_recorded_version():
    vendor = Path(__file__).resolve().parent.parent / "build_scripts/vendor/opencc-js"
    record = json.loads((vendor / "VENDOR.json").read_text(encoding="utf-8"))
    assert record["package"] == "opencc-js" and record["version"] == "1.4.2"
    assert hashlib.sha256((vendor / "t2cn.js").read_bytes()).hexdigest() == record["sha256"]
    assert "Permission is hereby granted" in (vendor / "LICENSE").read_text(encoding="utf-8")
    assert "Apache License" in (vendor / "LICENSE-Apache-2.0-dictionaries.txt").read_text(encoding="utf-8")


@pytest.mark.fast
def test_the_column_names_of_a_headline_line_are_the_brackets_closing_its_pieces():
    from build_scripts.plugins.zh_search.index_files import column_tag_spans

    def tags(title: str) -> list[str]:
        return [title[start:end] for start, end in column_tag_spans(title)]

    assert tags("为民造福是最大政绩（深入学习贯彻习近平新时代中国特色社会主义思想）") == [
        "（深入学习贯彻习近平新时代中国特色社会主义思想）"
    ]
    assert tags("上市公司交出成绩单（财经深一度） ——解码年报") == ["（财经深一度）"]
    # a piece wholly in brackets is a note under the title (when a law was adopted), a
    # sentence in brackets no column's name
    assert tags("中华人民共和国监狱法 （1994年12月29日通过）") == []
    assert tags("一句话（这是一句话。）") == []
