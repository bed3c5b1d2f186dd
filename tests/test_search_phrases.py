"""What a query's characters must match, checked by the browser's engine (search.js under
node) over a small index: a quoted phrase only where its characters are printed, punctuation
and all, however the text around it was cut into words; characters typed together that the
dictionary does not hold as one word only where they stand together."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from build_scripts.plugins.zh_search.index_files import IndexedArticle, IndexWriter
from build_scripts.plugins.zh_search.segment import Segmenter

ASSETS = Path(__file__).resolve().parents[1] / "build_scripts/plugins/zh_search/assets"

TEXTS = {
    "printed": "国务院于5·22会议部署防灾工作。",
    "date": "国务院于5月22日召开会议，5月24日部署防灾工作。",
    "year-end": "工程预计至2025年底完工。",
    "year-count": "公司公布2025年度报告。",
    "year-alone": "2025 年 计划已经公布。",
    "together": "数据中心的算力持续提升。",
    "apart": "他算账时发现计算有误，力求改正。",
    "craft": "神舟二十二号载人飞船返回舱成功着陆。",
    "anniversary": "两国举行招待会，庆祝建交70周年。",
    "session": "十四届全国人大常委会第二十二次会议闭幕。",
    "launch": "2024年，神舟二十二号于5月1日发射。",
    "buses": "全市开通110条公交线路。",
    "points": "四是加强监管，五是完善机制。",
    "marked": "海岸边立起“充冷宝”，夏季保鲜有了好帮手。",
    "ability": "各地持续提升计算能力。",
    "word-between": "码头边立起了冷链宝库。",
    "paragraphs": "新的泵站立起\n\n冷链宝库随后开工。",
}


def article(slug: str, text: str, title: str = "新闻", page: int = 1, page_name: str = "要闻") -> IndexedArticle:
    return IndexedArticle(
        url=f"2025/06/01/{slug}/",
        title=title,
        date="2025-06-01",
        page=page,
        page_name=page_name,
        byline="",
        names=(),
        dateline="",
        text=text,
    )


def indexed(folder: Path, *articles: IndexedArticle) -> Path:
    """A search index of one year (2025) of these articles, in `folder`."""
    writer = IndexWriter(folder, Segmenter())
    writer.add_year(2025, list(articles))
    writer.finish("test")
    return folder


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("index")
    writer = IndexWriter(folder, Segmenter())
    writer.add_year(2025, [article(slug, text) for slug, text in TEXTS.items()])
    writer.finish("test")
    return folder


def _engine(index: Path, body: str) -> str:
    """Run `body` (JavaScript: `engine` is the browser's search engine over `index`, `read` the
    number of articles' files it has read so far) under node; what it printed."""
    node = shutil.which("node")
    if not node:
        pytest.skip("node not installed (scripts/test installs it)")
    script = f"""
const fs = require("fs"), vm = require("vm");
globalThis.atob = (s) => Buffer.from(s, "base64").toString("binary");
for (const name of ["search-files.js", "search.js", "search-passage.js"]) require({json.dumps(str(ASSETS))} + "/" + name);
const engine = globalThis.ArchiveSearch;
let read = 0;
engine.setLoader((name) => {{
  if (name.includes("/d/")) read++;
  return vm.runInThisContext(fs.readFileSync({json.dumps(str(index))} + "/" + name + ".js", "utf8"));
}});
(async () => {{
{body}
}})().catch((e) => {{ console.error(e); process.exit(1); }});
"""
    run = subprocess.run([node, "-e", script], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    return run.stdout


def found(index: Path, queries: list[str], ranked: bool = False, options: dict | None = None) -> list[list[str]]:
    """The slugs of each query's results, and the passages marked, as the browser finds them
    (sorted, or with `ranked` in the order the browser lists them)."""
    body = f"""
  const out = [];
  for (const query of {json.dumps(queries, ensure_ascii=False)}) {{
    const {{ results }} = await engine.search(query, {json.dumps(options or {}, ensure_ascii=False)});
    const slugs = [];
    for (const r of results) {{
      const a = await engine.article(r);
      slugs.push(a.u.split("/")[3] + ":" + a.passage.filter(([, m]) => m).map(([t]) => t).join("|"));
    }}
    out.push({"true" if ranked else "false"} ? slugs : slugs.sort());
  }}
  console.log(JSON.stringify(out));"""
    return json.loads(_engine(index, body))


def articles_read(index: Path, query: str) -> int:
    """How many articles' files the browser's engine reads to find the query's results."""
    return int(
        _engine(index, f"  await engine.search({json.dumps(query, ensure_ascii=False)}, {{}});\n  console.log(read);")
    )


def test_a_quoted_phrase_matches_only_its_characters_as_printed(index):
    assert found(index, ['"5·22"', "“5·22”", '"5月22日"']) == [
        ["printed:5·22"],
        ["printed:5·22"],
        ["date:5月22日"],
    ]


def test_a_quoted_phrase_is_found_however_the_text_around_it_was_cut(index):
    assert found(index, ['"2025年"', '"2025年底"']) == [
        ["year-count:2025年", "year-end:2025年"],
        ["year-end:2025年底"],
    ]


def test_characters_not_a_word_together_must_stand_together(index):
    assert found(index, ["算力", "计算 力求"]) == [["together:算力"], ["apart:计算|力求"]]


def test_characters_typed_together_are_found_where_the_text_prints_marks_between_them(index):
    """Readers leave out the quotation marks of a headline (海岸边立起“充冷宝”): its characters
    typed together still find it — the parts on either side of the marks two characters or
    more, so that 算力 is still not found in 计算能力."""
    assert found(index, ["立起充冷宝", "海岸边立起充冷宝", "起充冷宝"]) == [
        ["marked:立起“充冷宝"],
        ["marked:海岸边立起“充冷宝"],
        [],
    ]
    assert found(index, ["算力"]) == [["together:算力"]]
    # what stands between the parts must be marks: not a word's character, not a paragraph's end
    assert found(index, ["立起冷链宝库", "立起了冷链宝库"]) == [[], ["word-between:立起了冷链宝库"]]


def test_a_two_character_name_printed_spaced_out_is_found_typed_together(tmp_path):
    """Lists of names (a prize's winners, a notice's signatories) print a two-character name
    spaced out to the width of three, with no-break spaces (`王  琳`): a reader types 王琳 — a
    run of two characters — or 李强 — a word of the dictionary — and finds it, marked whole.
    Only spaces may part them: a mark, a word or a paragraph's end still does."""
    nbsp = "\u00a0\u00a0"
    indexed(
        tmp_path,
        article("list", f"获奖名单\n\n邓睿逸\n\n王{nbsp}琳\n\n李  强\n\n张晓明"),
        article("ideographic", "评审委员\n\n罗\u3000姝\n\n得 高  翔"),  # (得 高: no word, 高  翔 one)
        article("marks", "名单：王、琳。李、强两位代表发言。"),
        article("words", "王与琳同行，李子强壮。"),
        article("paragraphs", "他姓王\n\n琳说，强者李\n\n强"),
    )
    assert found(tmp_path, ["王琳", "李强", "罗姝", "高翔", "睿逸王"]) == [
        [f"list:王{nbsp}琳"],
        ["list:李  强"],
        ["ideographic:罗\u3000姝"],
        ["ideographic:高  翔"],
        [],
    ]
    # only the articles the index lists as printing characters spaced out are read to see what
    # stands between them: not those printing 王、琳, 王与琳 or 王\n\n琳
    assert articles_read(tmp_path, "王琳") == 1


def test_characters_typed_together_with_one_of_the_commonest_words_must_be_printed_so(tmp_path):
    """`美丽的家`: 的 and 家 typed together must stand together. 的 is in nearly every article,
    so a query does not load where it stands (a bitmap of its articles, its offsets in a file
    of their own): the article's text says whether it is printed there — not every 家 of an
    article holding 美丽 and 的 somewhere (`：家`), nor the character before a 家 marked."""
    filler = "我们的工作的成果的意义的价值的作用的方向的目标的道路。" * 2  # 的 in every article
    indexed(
        tmp_path,
        # (a number each: not one text printed again; 家 in every one, never after 的)
        *(article(f"filler-{n}", f"第{n}条：{filler}老人说：家，是港湾。") for n in range(2100)),
        article("home", "这里有美丽的风景，也有温暖的家。"),
        article("apart", "美丽乡村里，老人说：家，是最好的港湾。"),
    )
    assert found(tmp_path, ["美丽的家"]) == [["home:美丽|的家"]]
    # where few articles hold the rest of the query, their texts are read; where every one
    # holds 家 and 的, too many to read, the query loads where 的 stands instead
    assert found(tmp_path, ["的家"]) == [["home:的家"]]
    assert articles_read(tmp_path, "美丽的家") == 2
    assert articles_read(tmp_path, "的家") == 0


def test_a_name_in_a_headline_comes_before_a_column_named_after_it(tmp_path):
    """A column's name in brackets after a headline (`（深入学习贯彻习近平新时代…）`) says
    where the piece runs, not what it is about: a reader typing 习近平 wants the stories with
    his name in their headline first, not every theory piece of that column, however often
    their text names him."""
    writer = IndexWriter(tmp_path, Segmenter())
    writer.add_year(
        2025,
        [
            article(
                "theory",
                "习近平总书记指出，政绩观问题是根本问题。学习习近平总书记重要论述，树立正确政绩观。",
                title="为民造福是最大政绩（深入学习贯彻习近平新时代中国特色社会主义思想）",
                page=9,
                page_name="理论",
            ),
            article("talks", "国家主席习近平在北京同来访的外国元首举行会谈。", title="习近平同外国元首会谈"),
        ],
    )
    writer.finish("test")
    assert [r.split(":")[0] for r in found(tmp_path, ["习近平"], ranked=True)[0]] == ["talks", "theory"]


def test_a_column_named_by_one_word_is_found_as_the_headlines_word(tmp_path):
    """A reader typing a column's name (`钟声`, the paper's commentaries on world affairs) wants
    its pieces, before an article whose text rings with bells: a column named by one word
    counts as the headline's, one named by several does not (above)."""
    indexed(
        tmp_path,
        article("travel", "寺院的钟声响起。钟声传得很远，钟声里有这座城的记忆。", title="古城漫步"),
        article("comment", "两国关系的发展，符合两国人民的根本利益。", title="共同开启两国关系新篇章（钟声）"),
    )
    assert [r.split(":")[0] for r in found(tmp_path, ["钟声"], ranked=True)[0]] == ["comment", "travel"]


def test_numbers_joined_by_a_middle_dot_are_found_as_typed(tmp_path):
    """`3·15` names a day that names an event: found as typed, not wherever 3 and 15 are."""
    indexed(
        tmp_path,
        article("rule", "国际比赛将采用3局15分制，每局先得15分者胜。", title="比赛新规"),
        article("day", "今年“3·15”国际消费者权益日，多地开展维权宣传。", title="维权宣传"),
    )
    assert [[r.split(":")[0] for r in q] for q in found(tmp_path, ["3·15", "3・15", "3 15"])] == [
        ["day"],
        ["day"],
        ["day", "rule"],
    ]


def test_a_number_with_a_decimal_point_is_found_as_typed(tmp_path):
    """`25.6%` is one amount: found where it is printed, not wherever 25 and 6 stand apart."""
    indexed(
        tmp_path,
        article("rate", "一季度出口同比增长25.6%，增速加快。", title="出口增长"),
        article("full-width", "当月销量增长２５．６％。", title="销量"),
        article("apart", "全省25个市县6月起执行新标准，覆盖率达到90%。", title="新标准"),
        article("longer", "全年增长125.6%，创新高。", title="新高"),
        article("amount", "项目总投资25.6亿元。", title="投资"),
    )
    results = found(tmp_path, ["25.6%", "２５．６％", "25.6", "出口 25.6%", "25 6"])
    assert [[r.split(":")[0] for r in q] for q in results] == [
        ["full-width", "rate"],
        ["full-width", "rate"],
        ["amount", "full-width", "rate"],
        ["rate"],
        ["amount", "apart", "full-width", "rate"],  # typed apart: 25 and 6 anywhere (not in 125)
    ]
    # the amount is marked in the passage, as printed
    assert results[0] == ["full-width:２５．６％", "rate:25.6%"]


def test_a_date_typed_together_is_found_where_it_is_printed_together(tmp_path):
    """`5月12日`: the articles that print that day (in digits or in Chinese numerals), not every
    article with a 5月 and a 12 somewhere apart."""
    indexed(
        tmp_path,
        article("day", "今年5月12日是第十八个全国防灾减灾日。", title="防灾减灾"),
        article("dateline", "本报北京5月12日电 记者从应急管理部获悉，汛期将至。", title="汛期"),
        # the dateline apart from the text, as the converter records it: in the article's file
        # with the rest of its head, where the day is checked as printed (cut 12 / 日电)
        replace(article("wire", "记者从气象部门获悉，强降雨将至。", title="降雨"), dateline="本报北京5月12日电"),
        article("words", "五月十二日，各地开展应急演练。", title="演练"),
        article("apart", "条例自2017年12月22日起施行，5月15日修订。", title="条例"),
        article("quake", "纪念“5·12”汶川特大地震十八周年。", title="地震"),
    )
    results = found(tmp_path, ["5月12日", "五月十二日", "5月 12", '"5·12"', '"北京5月12日"'])
    assert [[r.split(":")[0] for r in q] for q in results] == [
        ["dateline", "day", "wire", "words"],
        ["dateline", "day", "wire", "words"],
        ["apart", "dateline", "day", "wire"],  # typed apart: 5月 and 12 anywhere (a number alone stays digits)
        ["quake"],  # not a dateline's 5月12 (a dateline is checked as printed, as the text is)
        ["dateline", "wire"],
    ]


def test_a_phrase_typed_from_the_middle_of_words_is_found_where_it_is_printed(tmp_path):
    """A reader copies part of a sentence, cut in the middle of words at either end (`务员` of
    `业务员`, `总书` of `总书记`): the article printing it is found, as the no-results message
    promises of a quoted phrase; one with its words elsewhere is not."""
    indexed(
        tmp_path,
        article("visit", "银行业务员主动上门，为老人办理社保卡。", title="上门服务"),
        article("speech", "2025年4月，习近平总书记在上海考察时指出。", title="考察"),
        article("other", "主动上门的业务员不多。", title="业务"),
    )
    results = found(tmp_path, ['"务员主动上门"', '"5年4月，习近平总书"', '"务员主动"'])
    assert [[r.split(":")[0] for r in q] for q in results] == [["visit"], ["speech"], ["visit"]]


def test_an_advertisement_comes_after_every_article_the_query_finds(tmp_path):
    writer = IndexWriter(tmp_path, Segmenter())
    writer.add_year(
        2025,
        [
            # the advertisement names the query in its headline, the report only in its text
            article("advert", "好味道，来自乡村振兴示范村。", title="乡村振兴好味道", page=12, page_name="广告"),
            article("report", "各地推进乡村振兴，产业兴旺。", title="产业兴旺"),
        ],
    )
    writer.finish("test")
    assert found(tmp_path, ["乡村振兴"], ranked=True) == [["report:乡村振兴", "advert:乡村振兴"]]


def test_a_list_of_the_issues_stories_comes_after_every_article_the_query_finds(tmp_path):
    """A reader who types a headline wants the story and the articles on it, not the front
    page's 导读 box that lists it — newer than the older article, and as relevant to the
    query: without its rank, it comes before that article."""
    from dataclasses import replace

    def of_day(a: IndexedArticle, day: str) -> IndexedArticle:
        return replace(a, date=f"2025-06-{day}", url=a.url.replace("/01/", f"/{day}/"))

    box = article("box", "科技兴农看新村\n\n第八版\n\n便利中国游 轻松中国购\n\n第七版", title="导读")
    writer = IndexWriter(tmp_path, Segmenter())
    writer.add_year(
        2025,
        [
            article("older", "各地推出便利中国游新举措，轻松中国购更受欢迎。", title="入境消费新气象", page=8),
            of_day(replace(box, box="contents"), "02"),
            of_day(
                article("story", "假期里入境游客明显增多，便利中国游成为热词。", title="便利中国游 轻松中国购"), "02"
            ),
        ],
    )
    writer.finish("test")
    for ranked in found(tmp_path, ["便利中国游 轻松中国购", "轻松中国购"], ranked=True):
        assert [r.split(":")[0] for r in ranked] == ["story", "older", "box"]


def test_a_search_of_some_months_finds_the_articles_printed_in_them(tmp_path):
    """From and to: a year (`2025`) or a month (`2025-05`), as the search page offers them."""
    from dataclasses import replace

    writer = IndexWriter(tmp_path, Segmenter())
    days = {"2025": ["04-30", "05-01", "05-31", "06-01", "12-31"], "2026": ["01-01", "03-15"]}
    for year, dates in days.items():
        writer.add_year(
            int(year),
            [
                replace(
                    article(f"d{year}-{day}", f"{year}年{day}，各地春耕生产有序推进。"),  # (each its own text)
                    date=f"{year}-{day}",
                    url=f"{year}/{day[:2]}/{day[3:]}/d{year}-{day}/",
                )
                for day in dates
            ],
        )
    writer.finish("test")

    def days_found(options: dict[str, str]) -> list[str]:
        return [r.split(":")[0][1:] for r in found(tmp_path, ["春耕"], options=options)[0]]

    assert days_found({"from": "2025-05", "to": "2025-05"}) == ["2025-05-01", "2025-05-31"]
    assert days_found({"from": "2025-05", "to": "2026-01"}) == [
        "2025-05-01",
        "2025-05-31",
        "2025-06-01",
        "2025-12-31",
        "2026-01-01",
    ]
    assert days_found({"from": "2025-12"}) == ["2025-12-31", "2026-01-01", "2026-03-15"]
    assert days_found({"from": "2025", "to": "2025-04"}) == ["2025-04-30"]
    assert days_found({"to": "2025"}) == ["2025-04-30", "2025-05-01", "2025-05-31", "2025-06-01", "2025-12-31"]
    assert days_found({"from": "2026-02", "to": "2026-02"}) == []


def test_numbers_are_found_in_arabic_or_chinese_numerals_whichever_is_typed(index):
    # the paper prints 神舟二十二号 and 70周年; readers type 神舟22号 and 七十周年
    assert found(index, ["神舟22号", "建交七十周年", "14届 22次", "五月一日"]) == [
        ["craft:神舟二十二号", "launch:神舟二十二号"],
        ["anniversary:建交70周年"],
        ["session:十四届|二十二次"],
        ["launch:5月1日"],
    ]
    # one number typed each way, as the paper prints years in digits and craft in words
    assert found(index, ["十四届 22次", "2024年 神舟22号"]) == [
        ["session:十四届|二十二次"],
        ["launch:2024年|神舟二十二号"],
    ]


def test_what_only_looks_like_a_number_is_found_as_typed(index):
    # a quoted phrase is found only as typed; 十四五 (a plan's name) is no number, nor 一百一
    # (said for 110, which is written 一百一十)
    assert found(index, ['"神舟22号"', "十四五", "一百一十条", "一百一条"]) == [[], [], ["buses:110条"], []]
    # an amount (5%), a decimal (4.5) or a code (5G) is no count to write in words: 五是 is no match
    for results in found(index, ["5%", "4.5", "5G"]):
        assert not any(result.startswith("points:") for result in results)
