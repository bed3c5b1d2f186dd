"""Tags worth clicking: weighed against the articles they are chosen among (a year's), names of people, places and
organisations first, boilerplate, numbers, the paper's and the reporters' own names left out,
and a tag only when enough articles carry it; carried by front matter and articles.jsonl, with
pages of their own that stay out of the search index."""

from __future__ import annotations

import json
from collections import Counter
from urllib.parse import quote

import pytest
import yaml
from conftest import SAMPLE_TEXT, examples, make_archive
from hypothesis import given, settings
from hypothesis import strategies as st
from search_helpers import indexed_urls

from build_scripts.catalogue import tags as tags_module
from build_scripts.catalogue.tags import GENERAL_MIN, Tagger, Text, load_stop_words
from build_scripts.convert import convert
from build_scripts.ingest.word_list import Word, WordListError
from build_scripts.problems import InputError

OLYMPIC_TEXT = SAMPLE_TEXT.split("保护奥林匹克标志", 1)[1].split("巩固深化成果", 1)[0]
# A small archive: three articles about the Winter Olympics in Hangzhou, three about rice
# harvests in Anhui, every one of them full of the same officialese.
FILLER = "会议强调，要进一步加强工作，持续推进各项措施落实落细。"
OLYMPICS = [
    Text(f"冬奥会{n}", f"杭州市场监管局检查奥林匹克标志。冬奥会将至，奥林匹克标志受保护。{FILLER}") for n in range(3)
]
HARVEST = [Text(f"夏收{n}", f"安徽农民抢收小麦，小麦产量创新高。合肥农业农村局组织农机。{FILLER}") for n in range(3)]


def test_keywords_say_what_each_article_is_about_within_the_archive():
    tags = Tagger(3, 1).tag_all(OLYMPICS + HARVEST)
    assert {"奥林匹克", "冬奥会"} & set(tags[0])
    assert "小麦" in tags[3]
    every = Counter(word for article in tags for word in article)
    assert "会议" not in every and "措施" not in every  # in every article: says nothing about any


def test_names_of_places_and_organisations_come_before_common_nouns():
    text = Text("", "杭州检查标志。杭州检查标志。杭州市场监管局检查标志。")
    other = Text("", "宁波天气晴朗。")
    tags = Tagger(2, 1).tag_all([text, other])[0]
    assert tags[0] == "杭州"


def test_a_name_jieba_cuts_in_two_is_a_tag_whole():
    # jieba cuts 丁薛祥 into 丁 / 薛祥: the tag is the name, never its given name alone
    texts = [Text("丁薛祥调研", "丁薛祥在某地调研时强调，丁薛祥指出要把工作做实。"), Text("", "宁波天气晴朗。")]
    tags = Tagger(2, 1).tag_all(texts)[0]
    assert "丁薛祥" in tags and "薛祥" not in tags


def test_a_name_jieba_glues_to_the_preposition_after_it_is_a_tag_without_it():
    # jieba reads 王毅同|俄罗斯外长 as one name, 王毅同; the text prints 王毅 alone elsewhere
    said = "外交部长王毅同俄罗斯外长拉夫罗夫举行会谈。王毅表示，双方要加强合作。"
    tags = Tagger(3, 1).tag_all([Text("会谈", said), Text("", "宁波天气晴朗。")])[0]
    assert "王毅" in tags and "王毅同" not in tags
    # in the headline too, where the text below prints the name alone
    headline = Tagger(3, 1).words(Text("王毅同俄罗斯外长会谈", "双方就双边关系交换意见。王毅表示，双方要加强合作。"))
    assert "王毅" in headline and "王毅同" not in headline
    # a name that is always printed so keeps its last character
    assert Tagger(3, 1).words(Text("", "外交部长王毅同俄罗斯外长会谈。会后王毅同记者见面。"))["王毅同"]


def test_a_word_jieba_cuts_into_pieces_is_a_tag_whole():
    # jieba's model cuts names and words its dictionary lacks into words of their own: 夏 / 巴兹,
    # 刘国 / 中, 大湾 / 区; a piece the text never prints apart from the rest is no tag
    cases = {
        "夏巴兹": ("巴兹", "巴基斯坦总理夏巴兹会见来宾。夏巴兹表示，两国友谊牢不可破。"),
        "刘国中": ("刘国", "国务院副总理刘国中出席会议。刘国中强调，要抓好春耕生产。"),
        "大湾区": ("大湾", "粤港澳大湾区建设提速。大湾区的轨道交通越织越密。"),
    }
    for whole, (piece, body) in cases.items():
        words = Tagger(3, 1).words(Text("", body))
        assert whole in words and piece not in words, (whole, words)


def test_words_printed_apart_or_only_once_are_not_glued():
    glued = Tagger(3, 1).words
    # a name and the verb after it, every time
    assert "王毅" in glued(Text("", "王毅谈合作。王毅谈对话。"))
    # a place and a verb before it, or when or where in it after it; a division of a country
    # before a common noun; two common nouns
    for text, word in [
        ("游西湖，赏春光。游西湖，品龙井。", "西湖"),
        ("登黄山，看日出。登黄山，赏云海。", "黄山"),
        ("在上海时，他常去外滩。离开上海时，他很不舍。", "上海"),
        ("省博物馆新展开幕。省博物馆观众如潮。", "博物馆"),
        ("省农业农村厅部署春耕。省农业农村厅要求各地抓好落实。", "农业"),
    ]:
        words = glued(Text("", text))
        assert word in words, (word, words)
    # a name and the phrase it opens: neither a word nor its piece
    phrase = glued(Text("", "学习习近平新时代中国特色社会主义思想。用习近平新时代中国特色社会主义思想武装头脑。"))
    assert not [word for word in phrase if word.startswith("习近平新")]
    # a name and the title after it
    assert "比利时" in glued(Text("", "比利时副首相访华。比利时副首相表示，愿深化合作。"))
    # two nouns: a piece or a word of its own (奥林匹克 / 标志), the dictionary cannot tell
    assert "人形机器人" not in glued(Text("", "人形机器人走进工厂。这台人形机器人能搬运零件。"))
    # printed once: nothing tells a word from a piece
    once = glued(Text("粤港澳大湾区建设提速", "轨道交通越织越密。"))
    assert "大湾" in once and "大湾区" not in once


def test_a_style_is_glued_to_the_noun_it_qualifies_where_every_mention_has_that_noun():
    """jieba cuts a style (…式) off its noun: 中国式 / 现代化 names nothing; glued, it is the
    term. Printed once is enough; a word ending so before other words, or alone, stays."""
    words = Tagger(5, 1).words
    assert "中国式现代化" in words(Text("以中国式现代化全面推进强国建设", "这是新征程的中心任务。"))
    styled = words(Text("", "推出保姆式服务。保姆式服务受到欢迎。开幕式上，代表发言。开幕式在北京举行。"))
    assert "保姆式服务" in styled and "保姆式" not in styled and "服务" not in styled
    assert "开幕式" in styled  # (开幕式上, 开幕式在: no noun after it)
    # a style after a name's piece, or before one: the name is glued, and no word is lost
    from build_scripts.catalogue.tag_cut import glued_nouns

    tokens = [("推进", "v"), ("新", "a"), ("中国式", "nz"), ("现代化", "vn"), ("。", "x")] * 2
    assert [word for word, _ in glued_nouns([tokens])[0]] == ["新中国式", "现代化"] * 2
    tokens = [("建设", "v"), ("中国式", "nz"), ("大湾", "ns"), ("区", "n"), ("。", "x")] * 2
    cut = [word for word, _ in glued_nouns([tokens])[0]]
    assert cut.count("大湾区") == 2 and not [word for word in cut if word.startswith("中国式大")]
    # two nouns after one style: neither is its noun
    apart = words(Text("", "推进中国式现代化。探索中国式养老。"))
    assert not [word for word in apart if word.startswith("中国式") and word != "中国式"]


def test_pieces_are_glued_only_where_every_mention_has_the_same_neighbour():
    from build_scripts.catalogue.tag_cut import glued_nouns

    title = [("刘国", "nr"), ("中", "f"), ("出席", "v")]
    body = [("总理", "n"), ("刘国", "nr"), ("中", "f"), ("强调", "v"), ("，", "x"), ("会议", "n")]
    assert glued_nouns([title, body]) == [[("刘国中", "nr")], [("总理", "n"), ("刘国中", "nr"), ("会议", "n")]]
    apart = [("刘国", "nr"), ("中", "f"), ("出席", "v"), ("，", "x"), ("刘国", "nr"), ("表示", "v")]
    assert glued_nouns([apart]) == [[("刘国", "nr"), ("刘国", "nr")]]


def test_boilerplate_numbers_the_papers_and_the_reporters_names_are_never_tags():
    stop_words = load_stop_words() | {"浙江日报"}
    assert {"本报", "记者", "通讯员", "表示", "工作", "进一步", "图片", "编辑", "作者"} <= stop_words
    text = "本报记者李洁表示，浙江日报进一步做好工作。2022年，记者表示工作进一步推进。杭州数字化改革。" * 3
    text += "（作者为浙江大学教授）作者：王洋"  # a contribution's credit
    texts = [Text("图片新闻（金台随笔）", text, ("李洁",)), Text("", "宁波港口吞吐量增长。")]
    tags = Tagger(10, 1, stop_words).tag_all(texts)[0]
    assert tags and not set(tags) & stop_words
    assert "李洁" not in tags and "金台" not in tags and "随笔" not in tags
    assert not any(t.isdigit() for t in tags)
    assert "数字化" in tags


def test_a_word_the_text_mentions_once_in_passing_is_no_tag_one_it_repeats_or_its_headline_names_is():
    words = Tagger(3, 1).words(
        Text("港口扩建工程开工", "晚高峰时段，码头车辆排起长队。工人在码头加班作业，港口吞吐量创新高。")
    )
    assert "高峰" not in words  # once, in passing
    assert "码头" in words  # twice in the text
    assert "港口" in words  # in the headline (and once in the text)


def test_a_page_number_is_never_a_tag():
    # A 导读 box points to pages: 详见第八版, 第12版 — words jieba keeps whole.
    texts = [
        Text("导读", "杭州数字化改革详见第八版。宁波港口吞吐量详见第12版。" * 3),
        Text("", "合肥农业农村局组织农机抢收小麦。"),
        Text("", "温州瓯江大桥通车。"),
    ]
    tags = Tagger(10, 1).tag_all(texts)[0]
    assert "数字化" in tags
    assert not [t for t in tags if t.startswith("第") and t.endswith("版")], tags


def test_a_tag_is_kept_only_when_enough_articles_carry_it():
    texts = OLYMPICS + HARVEST + [Text("", "宁波港口吞吐量增长，舟山港口繁忙。")]
    tags = Tagger(5, 3).tag_all(texts)
    counts = Counter(word for article in tags for word in article)
    assert counts and min(counts.values()) >= 3
    assert tags[-1] == []  # its words are in no other article


def test_same_archive_same_tags():
    texts = OLYMPICS + HARVEST + [Text("标题", SAMPLE_TEXT)]
    assert Tagger(5, 2).tag_all(texts) == Tagger(5, 2).tag_all(list(texts))


def test_counts_come_from_archive_yml_and_reach_front_matter_jsonl_and_tag_pages(tmp_path):
    files = {f"2022/2022-01-{day}.txt": SAMPLE_TEXT for day in (25, 26, 27)}
    project = make_archive(tmp_path, files)
    config = project / "source_texts/archive.yml"
    config.write_text(
        config.read_text(encoding="utf-8") + "tags_per_article: 3\ntag_min_articles: 4\n", encoding="utf-8"
    )
    convert(project / "source_texts", project / "docs")
    records = [
        json.loads(line) for line in (project / "docs/data/articles.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    counts = Counter(tag for record in records for tag in record["tags"])
    assert counts and min(counts.values()) >= 4
    for record in records:
        assert len(record["tags"]) <= 3
        page = (project / "docs" / (record["url"].rstrip("/") + ".md")).read_text(encoding="utf-8")
        meta = yaml.safe_load(page.split("---\n", 2)[1])
        assert meta["tags"] == record["tags"]
        for tag in record["tags"]:
            tag_page = (project / "docs" / meta["links"]["tags"][tag]).read_text(encoding="utf-8")
            assert f"# {tag}" in tag_page
            assert yaml.safe_load(tag_page.split("---\n", 2)[1])["search"] == {"exclude": True}


def test_no_tags_when_the_archive_asks_for_none(tmp_path):
    project = make_archive(tmp_path)
    config = project / "source_texts/archive.yml"
    config.write_text(config.read_text(encoding="utf-8") + "tags_per_article: 0\n", encoding="utf-8")
    convert(project / "source_texts", project / "docs")
    line = (project / "docs/data/articles.jsonl").read_text(encoding="utf-8").splitlines()[0]
    assert json.loads(line)["tags"] == []
    assert sorted(p.name for p in (project / "docs/tags").iterdir()) == ["index.md"]


def test_tag_pages_are_not_in_the_search_index(rich_site):
    found = indexed_urls(rich_site / "site")
    assert (rich_site / "docs/tags/index.md").is_file()
    assert found and not [url for url in found if url.startswith("tags/")]


def test_a_tag_page_says_it_lists_the_articles_the_word_sums_up_and_links_to_its_search(rich_site):
    """A tag is an article's few most telling words, so its page is not every article that
    prints the word: it says so, and its link searches the whole text for it, hosted and offline."""
    pages = sorted((rich_site / "docs/tags").glob("*/index.md"))
    assert pages
    for page in pages:
        tag = yaml.safe_load(page.read_text(encoding="utf-8").split("---\n", 2)[1])["title"]
        slug = page.parent.name
        hosted = (rich_site / "site/tags" / slug / "index.html").read_text(encoding="utf-8")
        assert f'href="../../search/?q={quote(tag, safe="")}"' in hosted, slug
        offline = (rich_site / "site-offline/tags" / slug / "index.html").read_text(encoding="utf-8")
        assert f'href="../../search.html?q={quote(tag, safe="")}"' in offline, slug
        assert "为关键词的文章；正文中提到它的全部文章" in hosted


def test_a_word_in_too_many_articles_is_too_general_to_be_a_tag():
    places = ["宁波", "温州", "嘉兴", "湖州", "绍兴", "金华"]
    texts = [Text("", f"杭州和{places[n % 6]}的港口码头繁忙。杭州、{places[n % 6]}物流增长。") for n in range(60)]
    tags = Tagger(3, 2).tag_all(texts)
    assert "杭州" not in {word for article in tags for word in article}  # in all 60 articles
    assert {"宁波", "温州"} <= {word for article in tags for word in article}


def reference_choose(tagger: Tagger, candidates: list[dict[str, float]]) -> list[list[str]]:
    """Tag choice as issue 13 defined it: every article chooses again in every round."""
    import math

    from build_scripts.catalogue.tags import GENERAL_MIN, GENERAL_SHARE

    frequency = Counter(word for words in candidates for word in words)
    total = len(candidates)
    scored = [{word: tf * math.log(total / frequency[word]) for word, tf in words.items()} for words in candidates]
    general = max(GENERAL_MIN, GENERAL_SHARE * total)
    eligible = {
        word for word, n in frequency.items() if tagger.min_articles <= n and (n <= general or word in tagger.terms)
    }
    while True:
        chosen = []
        for scores in scored:
            ranked = sorted((word for word in scores if word in eligible), key=lambda w: (-scores[w], w))
            chosen.append([w for w in ranked if scores[w] > 0][: tagger.per_article])
        counts = Counter(word for words in chosen for word in words)
        kept = {word for word in eligible if counts[word] >= tagger.min_articles}
        if kept == eligible:
            return chosen
        eligible = kept


WORD = st.sampled_from([f"词{n}" for n in range(40)])
CANDIDATES = st.lists(
    st.dictionaries(WORD, st.sampled_from([0.5, 1.0, 1.3, 1.6, 2.1, 2.4, 3.0]), max_size=12), max_size=120
)


@settings(max_examples=examples(300), deadline=None)
@given(CANDIDATES, st.integers(1, 5), st.integers(1, 6), st.sets(WORD, max_size=5), st.integers(2, 20))
def test_choosing_again_only_where_a_word_dropped_out_gives_the_tags_of_choosing_everything_again(
    candidates, per_article, min_articles, listed, general
):
    tagger = Tagger(per_article, min_articles, frozenset(), [Word(word) for word in sorted(listed)])
    with pytest.MonkeyPatch.context() as patch:  # a cap on general words these small archives reach
        patch.setattr(tags_module, "GENERAL_MIN", general)
        assert tagger.choose(candidates) == reference_choose(tagger, candidates)


@settings(max_examples=examples(300), deadline=None)
@given(CANDIDATES, st.integers(0, 119), WORD, st.integers(1, 5), st.integers(1, 6))
def test_choosing_after_one_article_changed_with_the_last_runs_rankings_gives_the_tags_of_choosing_afresh(
    candidates, edited, word, per_article, min_articles
):
    from build_scripts.catalogue.tags import Vocabulary

    tagger = Tagger(per_article, min_articles, frozenset())
    vocabulary = Vocabulary()
    keys = [f"article {n}" for n in range(len(candidates))]
    memo: dict = {}
    tagger.choose_among([vocabulary.compact(c) for c in candidates], vocabulary.words, keys, memo)
    if candidates:  # one article gains a word (the counts of its words change), under a new key
        edited %= len(candidates)
        candidates[edited] = {**candidates[edited], word: 2.0}
        keys[edited] = "article edited"
    again = tagger.choose_among([vocabulary.compact(c) for c in candidates], vocabulary.words, keys, memo)
    assert again == reference_choose(tagger, candidates)


def test_an_article_whose_words_kept_their_counts_keeps_its_ranking_of_the_last_run():
    from build_scripts.catalogue.tags import Vocabulary

    tagger = Tagger(1, 1, frozenset())
    vocabulary = Vocabulary()
    candidates = [{"港口": 1.0, "码头": 2.0}, {"港口": 1.0, "铁路": 1.0}, {"码头": 1.0}, {"机场": 1.0}]
    keys = ["a", "b", "c", "d"]
    memo: dict = {}
    compact = [vocabulary.compact(c) for c in candidates]
    assert tagger.choose_among(compact, vocabulary.words, keys, memo) == [["码头"], ["铁路"], ["码头"], ["机场"]]
    # Had the last run ranked 港口 first for "a", this run takes its word for it: nothing "a"
    # says was counted differently. "d" has a word whose count changed ("b" took 机场): it ranks again.
    memo["ranked"]["a"] = memo["ranked"]["a"][::-1]
    candidates[1] = {"港口": 1.0, "铁路": 1.0, "机场": 3.0}
    keys[1] = "b, edited"
    compact = [vocabulary.compact(c) for c in candidates]
    assert tagger.choose_among(compact, vocabulary.words, keys, memo) == [["港口"], ["机场"], ["码头"], ["机场"]]


def test_the_pieces_of_an_e_mail_or_web_address_are_never_tags():
    body = "读者来信请寄本版邮箱：rmrbpl@peopledaily.cn，详见www.people.com.cn/zhuanti 或 people.cn。"
    words = Tagger(5, 1).words(Text("读者来信", body * 3))
    assert not {"rmrbpl", "peopledaily", "peopledaily.cn", "people", "cn", "zhuanti"} & set(words)
    assert "邮箱" not in words  # nor the footer's own word for it


# A term jieba cuts in two (中国式 / 现代化): the archive's word list makes it one word.
TERM = "新质生产力"
ON_TERM = f"发展{TERM}，要坚持以科技创新为引领。{TERM}是符合新发展理念的先进生产力质态。"


def test_a_term_of_the_archives_word_list_is_one_candidate_word_not_its_pieces():
    assert "新质" in Tagger(5, 1).words(Text("", ON_TERM))  # jieba's cut: a piece
    listed = Tagger(5, 1, words=[Word(TERM)]).words(Text("", ON_TERM))
    assert TERM in listed and "新质" not in listed
    # the parser's jieba is not changed by it (it cuts across page breaks with jieba's words)
    import rjieba

    assert TERM not in rjieba.cut(ON_TERM, hmm=False)


def test_a_listed_term_may_be_a_tag_however_many_articles_print_it():
    """Past the share of the archive that makes a word too general (中国, 城市 in a national
    daily), a word is no tag — unless the archivist listed it as a term to find articles by."""
    total = 4 * GENERAL_MIN  # of which 人工智能 and 城市 are in 60 %: more than GENERAL_MIN
    candidates = [{f"细节{n % 20}": 1.0, **({"城市": 3.0, "人工智能": 3.0} if n % 5 < 3 else {})} for n in range(total)]
    chosen = Tagger(2, 2, frozenset()).choose(candidates)
    assert not {"城市", "人工智能"} & {tag for tags in chosen for tag in tags}
    listed = Tagger(2, 2, frozenset(), [Word("人工智能")]).choose(candidates)
    assert all(("人工智能" in tags) == ("人工智能" in words) for tags, words in zip(listed, candidates, strict=True))
    assert "城市" not in {tag for tags in listed for tag in tags}


def test_the_archives_word_list_shapes_the_tags_and_a_change_to_it_converts_again(tmp_path):
    body = "\n\n".join(f"{ON_TERM}各地深入学习{TERM}理论。" for _ in range(2))
    files = {f"2024/2024-03-0{n}_01.txt": f"学习{TERM}\n\n本报记者 张三\n\n{body}\n" for n in range(1, 4)}
    files.update(
        {f"2024/2024-03-0{n}_01.txt": "春耕\n\n本报记者 李四\n\n农民忙春耕。春耕正当时。\n" for n in range(4, 8)}
    )
    project = make_archive(tmp_path, files, with_sample=False)
    source, docs = project / "source_texts", project / "docs"
    (source / "archive.yml").write_text(
        (source / "archive.yml").read_text(encoding="utf-8") + "tag_min_articles: 3\n", encoding="utf-8"
    )

    def tags() -> set[str]:
        convert(source, docs, jobs=1)
        lines = (docs / "data" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
        return {tag for line in lines for tag in json.loads(line)["tags"]}

    assert TERM not in tags()
    with (source / "userdict.txt").open("a", encoding="utf-8") as words:
        words.write(f"{TERM}\n")
    assert TERM in tags()  # the cache does not keep the tags of the list before


def test_a_bad_line_of_the_word_list_stops_the_conversion_naming_the_file_and_line(tmp_path):
    project = make_archive(tmp_path)
    words = project / "source_texts" / "userdict.txt"
    count = len(words.read_text(encoding="utf-8").splitlines())
    words.write_text(words.read_text(encoding="utf-8") + "中国式 现代化 n\n", encoding="utf-8")
    try:
        convert(project / "source_texts", project / "docs", jobs=1)
    except InputError as exc:
        assert (exc.problem.path, exc.problem.line) == (str(words), count + 1)
        assert "userdict" in str(exc) or "word" in exc.problem.fix
    else:
        raise AssertionError("a bad word list converted")
    assert not any((project / "docs").iterdir())  # nothing half-written


def test_a_place_named_with_its_division_is_the_same_tag_as_the_place_named_alone():
    """安徽省 and 安徽 are one place: a reader looks for one tag (on 535 real pages, 25 places
    were two tags each). Not where the name alone is no place (开发区 is no 开发)."""
    words = Tagger(5, 1).words(
        Text("安徽省推进改革", "安徽省农业发展。安徽农民增收。杭州市和杭州。经济开发区，开发区。示范区建设示范区。")
    )
    assert {"安徽", "杭州", "开发区", "示范区"} <= set(words)
    assert not {"安徽省", "杭州市", "开发"} & set(words)
    assert words["安徽"] > words["杭州"]  # its mentions counted together, the headline's three times


def test_an_autonomous_region_a_special_administrative_region_and_a_federation_are_the_place_named_alone():
    """内蒙古自治区 and 内蒙古, 广西壮族自治区 (its people between) and 广西, 香港特别行政区 and
    香港, 俄罗斯联邦 and 俄罗斯: one tag each (on 535 real pages, 内蒙古自治区 and 俄罗斯联邦 were
    tags of their own beside 内蒙古 and 俄罗斯)."""
    words = Tagger(5, 1).words(
        Text(
            "内蒙古自治区与俄罗斯联邦",
            "内蒙古自治区草原。内蒙古牧民。广西壮族自治区和广西。香港特别行政区与香港。俄罗斯联邦、俄罗斯。",
        )
    )
    assert {"内蒙古", "广西", "香港", "俄罗斯"} <= set(words)
    assert not {"内蒙古自治区", "广西壮族自治区", "香港特别行政区", "俄罗斯联邦"} & set(words)


def test_a_listed_word_jieba_reads_whole_keeps_its_part_of_speech_and_one_listed_with_0_stays_apart():
    from build_scripts.catalogue.tag_cut import tagging_cut

    cut = tagging_cut([Word("王毅"), Word(TERM), Word("人工智能", 0)])
    assert cut("王毅会见来宾")[0] == ("王毅", "nr")  # a person still, not `nz`
    assert cut(ON_TERM)[1] == (TERM, "nz")
    assert "人工智能" not in [word for word, _ in cut("发展人工智能产业")]  # frequency 0: apart, as in search
    assert Tagger(5, 1, words=[Word(TERM), Word("人工智能", 0)]).terms == {TERM}


def test_an_unreadable_word_list_is_a_clear_error(tmp_path):
    project = make_archive(tmp_path)
    words = project / "source_texts" / "userdict.txt"
    words.unlink()
    words.mkdir()  # a folder where the list should be: unreadable as a file
    (words / "x").write_text("x", encoding="utf-8")
    from build_scripts.ingest.word_list import read_word_list

    with pytest.raises(WordListError, match="cannot be read"):
        read_word_list(words, str(words))


@pytest.mark.parametrize("word", ["规定", "人物", "男子", "动人", "华章", "建立健全", "在京举行"])
def test_words_that_tell_no_article_apart_are_no_tags(word):
    # common nouns of any subject, praise, officialese read as one noun: on 535 real pages
    # each was a tag of articles about anything
    words = Tagger(5, 1).words(Text(f"{word}与乡村", f"{word}。{word}，乡村。乡村的{word}。"))
    assert "乡村" in words and word not in words


def test_tags_are_chosen_within_a_year_or_small_years_together():
    """A year of many articles is a period of its own; years of few articles are counted with
    the years after them, and a young last year with the one before it."""
    from build_scripts.writers.tag_choice import PERIOD_ARTICLES, periods

    def archive(**counts: int) -> dict:
        return {int(year[1:]): [None] * n for year, n in counts.items()}

    big, few = PERIOD_ARTICLES, 10
    assert periods(archive(y2019=big, y2020=big, y2021=big)) == [(2019,), (2020,), (2021,)]
    assert periods(archive(y2019=big, y2020=big, y2021=few)) == [(2019,), (2020, 2021)]  # January
    assert periods(archive(y2019=few, y2020=few, y2021=big, y2022=big)) == [(2019, 2020, 2021), (2022,)]
    assert periods(archive(y1950=few, y1960=few, y1970=few)) == [(1950, 1960, 1970)]  # one: the whole archive
    assert periods({}) == []
