"""Pages as archivists really meet them: a timeline whose lines start with a date, a photo
credit on a line of its own, a headline longer than usual, a headline with no text, page
furniture — each cut right, nothing dropped, and told about where it needs a look."""

from __future__ import annotations

import json

import pytest
from conftest import build_site, make_archive, non_space, run_cli

from build_scripts.contract.headline import headline_pieces, main_title_of, title_pieces
from build_scripts.contract.labels import first_sentence
from build_scripts.parse.parser import parse_page

TIMELINE = """\
杭州本轮疫情时间线

本报记者 胡宗昊

本轮疫情发生以来，杭州各方迅速行动。以下是主要时间节点：

2022年1月26日 星期三 滨江区报告首例核酸检测阳性

2022年1月27日 星期四 全市启动重点区域全员核酸检测
"""

LONG_HEADLINE = (
    "坚持稳中求进工作总基调 全面推进共同富裕示范区建设 "
    "我省召开高质量发展建设共同富裕示范区推进大会暨全省数字化改革推进会 袁家军讲话"
)


def _convert(project):
    return run_cli("convert", "--source", str(project / "source_texts"), "--docs", str(project / "docs"))


def _records(project):
    text = (project / "docs" / "data" / "articles.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines()]


def test_lines_of_a_timeline_are_text_not_the_running_head():
    got = parse_page(TIMELINE + "\n2022年1月28日 星期五 第4版 要闻\n")
    (article,) = got.articles
    assert article.text.endswith("2022年1月27日 星期四 全市启动重点区域全员核酸检测")
    assert [s.text for s in got.furniture] == ["2022年1月28日 星期五 第4版 要闻"]


def test_a_photo_credit_on_its_own_line_credits_the_photographer():
    got = parse_page("瑞雪迎春\n\n2月7日，杭州西湖迎来今冬第一场雪，游客在断桥上赏雪拍照。\n本报记者 王洋摄\n")
    (article,) = got.articles
    assert article.authors == ["王洋"]
    assert article.byline == "本报记者 王洋摄"


def test_a_long_headline_confirmed_by_its_byline_is_one_headline():
    got = parse_page(f"{LONG_HEADLINE}\n\n本报记者 张三\n\n本报讯 近日，我省召开推进大会。会议强调要抓落实。\n")
    (article,) = got.articles
    assert article.title == LONG_HEADLINE and article.authors == ["张三"]
    assert main_title_of(article.title_parts) == "我省召开高质量发展建设共同富裕示范区推进大会暨全省数字化改革推进会"


def test_the_main_title_of_a_headline_in_pieces():
    assert main_title_of(["引题", "主标题"]) == "主标题"  # kicker, then the main title
    assert main_title_of(["引题很长很长很长", "主题"]) == "主题"
    assert main_title_of(["引题", "这是主标题", "副题"]) == "这是主标题"  # three pieces: the longest
    assert main_title_of(["数字赋能", "精准服务", "让企业少跑腿好办事", "——福建观察"]) == "让企业少跑腿好办事"


def test_a_long_kicker_over_a_title_in_short_pieces_leaves_the_pieces_to_the_title():
    # the e-edition's <h3> over an <h1> of two short pieces: not the longest piece as the title
    line = "某市博物院开设石刻分馆 大馆带小馆 打造新看点"
    assert headline_pieces(title_pieces(line)) == (["某市博物院开设石刻分馆"], "大馆带小馆 打造新看点", [])
    # a column's name in brackets does not make the last piece the longest
    line = "某县探索村级小额工程集体建 工程村民建 乡亲增收家园美（民生一线）"
    assert main_title_of(title_pieces(line)) == "工程村民建 乡亲增收家园美（民生一线）"
    # a place over its title is a piece of the title too
    line = "精细化治理修补摊点，留住烟火气 某县 给小修小补安个家"
    assert headline_pieces(title_pieces(line)) == (["精细化治理修补摊点，留住烟火气"], "某县 给小修小补安个家", [])
    # who attended, closing the line, is no piece of the title
    line = "某国领导人同来访的外国总统举行会谈 张三 李四参加"
    assert headline_pieces(title_pieces(line)) == ([], "某国领导人同来访的外国总统举行会谈", ["张三", "李四参加"])
    line = "全面贯彻党的二十届四中全会精神 奋力谱写发展新篇章 王五出席"
    assert headline_pieces(title_pieces(line)) == (
        ["全面贯彻党的二十届四中全会精神"],
        "奋力谱写发展新篇章",
        ["王五出席"],
    )
    # two pieces, the second saying who attended: the first is the title, not a kicker (on the
    # e-edition's own roles of 35 days, every such pair is a title and its subtitle)
    assert headline_pieces(["全省乡村振兴工作会议在杭州召开", "赵六出席并讲话"]) == (
        [],
        "全省乡村振兴工作会议在杭州召开",
        ["赵六出席并讲话"],
    )
    assert main_title_of(["某某文化论坛在某市开幕", "钱七出席并发表主旨演讲"]) == "某某文化论坛在某市开幕"
    # a title that ends as an attendance line does, naming no one: still the title
    assert main_title_of(["深入学习贯彻", "总书记重要讲话"]) == "总书记重要讲话"
    # two lines that end alike: a title and a subtitle in parallel with it, not a kicker
    assert main_title_of(["甲国主席同乙国总统就建交30周年互致贺电", "甲国总理同乙国总理互致贺电"]) == (
        "甲国主席同乙国总统就建交30周年互致贺电"
    )
    assert main_title_of(["某省一季度城镇新增就业12万人", "农村劳动力转移就业28万人"]) == "某省一季度城镇新增就业12万人"
    # a second line that follows up on the first: its subtitle (a figure compared, a scale
    # reached, the visitors counted, a document's number, who sent a message or chaired)
    for subtitle in (
        "同比增长6.5%",
        "较去年提前9天",
        "规模创历史同期新高",
        "逾3万人次参观",
        "［十四届］第九号",
        "周八致信祝贺",
        "吴九宣读主席贺信",
        "郑十与某国外长共同主持",
        "孙一出席并作主旨发言",
        "较2020年增加约8万",
        "将于近期择机投入使用",
        "已在两座城市服务上百户家庭",
        "预计到二〇三〇年引进人才十万人",
        "计划近日择机实施",
        "陈二出席并为学员颁发证书",
    ):
        assert main_title_of(["某市上半年外贸进出口总值120亿元", subtitle]) == "某市上半年外贸进出口总值120亿元", (
            subtitle
        )
    # what a meeting did, then who chaired it; a first line that reports a meeting
    assert main_title_of(["某会第三次会议在京举行", "审议某法草案等王二主持"]) == "某会第三次会议在京举行"
    assert main_title_of(["某某主持召开某地常务会议", "听取某项工作汇报 研究某项改革"]) == "某某主持召开某地常务会议"
    # …and what it did on a line each, the longest of them no title (the e-edition: a subtitle)
    agenda = ["听取某项工作汇报", "研究推进某项改革有关工作", "审议通过《某某条例（草案）》以及其他有关文件"]
    assert main_title_of(["某某主持召开某地常务会议", *agenda]) == "某某主持召开某地常务会议"
    assert (
        main_title_of(["某某主持召开某地常务会议", "听取某项工作汇报", "研究推进某项改革"])
        == "某某主持召开某地常务会议"
    )
    # a kicker, then a title that reaches a record: the title (it names no 规模)
    assert main_title_of(["截至3月底", "某省多项运输指标创新高"]) == "某省多项运输指标创新高"


def test_the_column_name_in_brackets_closes_the_main_title():
    # the paper prints a column's name after the main title: on a first line, that line is
    # the title and the second its subtitle, dash or no dash
    assert main_title_of(["某项专项行动取得明显成效（权威发布）", "全国共查纠问题线索六万多件"]) == (
        "某项专项行动取得明显成效（权威发布）"
    )
    assert main_title_of(["写出生活的烟火（新作速评）", "——读某某长篇小说"]) == "写出生活的烟火（新作速评）"
    # on the second line, that line is the title, whatever the first says of it: a kicker
    # over a title that opens with 将 as a preposition (将…纳入…), not as a future
    assert main_title_of(["某项规定填补保护细化规则空白", "将“数据”等纳入保护范畴（法治聚焦）"]) == (
        "将“数据”等纳入保护范畴（法治聚焦）"
    )


def test_the_halves_of_a_couplet_headline_are_one_title():
    # short halves as long as each other, no punctuation: one piece, the title, cited whole
    assert title_pieces("增殖放流 守护闽江") == ["增殖放流 守护闽江"]
    assert main_title_of(title_pieces("考实真政绩 画准实干人（人民时评）")) == "考实真政绩 画准实干人（人民时评）"
    assert headline_pieces(title_pieces("花海中 赴春约")) == ([], "花海中 赴春约", [])
    # a kicker: longer than its title, or with punctuation, or a label of two characters
    assert main_title_of(title_pieces("国际跳棋团体世锦赛结束 中国女队夺冠")) == "中国女队夺冠"
    assert main_title_of(title_pieces("一路向北，一路向新 北极航线")) == "北极航线"
    assert main_title_of(title_pieces("专访 主标题")) == "主标题"
    # two short lines closing a headline after a kicker that hands over are one subtitle
    line = "某某在座谈会上强调 以更大力度加强基础研究 进一步打牢强国建设根基 蔡奇出席 丁薛祥主持"
    assert headline_pieces(title_pieces(line))[1:] == (
        "以更大力度加强基础研究 进一步打牢强国建设根基",
        ["蔡奇出席 丁薛祥主持"],
    )
    # a couplet among more pieces is one piece too: one kicker here, not two
    assert title_pieces("家人从未放弃 好人接力收留 走失多年的弟弟回家了") == [
        "家人从未放弃 好人接力收留",
        "走失多年的弟弟回家了",
    ]


def test_under_a_column_name_the_halves_of_a_title_may_differ_in_length_and_quote_a_word():
    for line in (
        "善于“钉钉子” 创造好政绩（思想纵横）",
        "改造升级 传统产业提质增效（某某专栏）",
        "敢为人先 突破技术壁垒（编辑手记）",
    ):
        assert main_title_of(title_pieces(line)) == line, line
    # a kicker over a tagged title: longer than ten characters, or handing over with a dash
    assert main_title_of(title_pieces("某省某市推进高标准农田改造提升 能掀盖的水井让种子喝饱水（探访）")) == (
        "能掀盖的水井让种子喝饱水（探访）"
    )
    assert main_title_of(title_pieces("某某市—— 小区违建拆除难（身边事）")) == "小区违建拆除难（身边事）"
    # without a column's name, halves so unlike stay a kicker and its title
    assert main_title_of(title_pieces("中央网信办 规范短视频内容标注")) == "规范短视频内容标注"


def test_quotation_marks_do_not_make_the_halves_of_a_couplet_unlike():
    # the halves are weighed without their quotation marks: as long as each other, one title
    for line in ("统筹城乡两个大局 确保“新征程”良好开局", "厚植家国情 奋进“新时代”", "“三月三” 知多少"):
        assert title_pieces(line) == [line], line
    # a column's name in brackets of up to 20 characters closes the second half
    line = "拥抱数字美学 焕新艺术气韵（坚持创新·关注新大众文艺作品）"
    assert main_title_of(title_pieces(line)) == line
    # a quoted word of two characters is a half as before (a column's name closing the second),
    # and a character that prints nothing counts for nothing
    assert main_title_of(title_pieces("“两创” 焕发新活力（文化视点）")) == "“两创” 焕发新活力（文化视点）"
    assert title_pieces("守正创新 \u200b行稳致远") == ["守正创新 \u200b行稳致远"]
    # without a column's name, a book's title keeps the first a kicker, as it was
    assert main_title_of(title_pieces("学习《纲要》 推动高质量发展")) == "推动高质量发展"
    # a kicker: unlike its title once the marks are left out, or with punctuation
    assert main_title_of(title_pieces("某某市推进“一网通办”改革 “扫码入企”全面推行")) == "“扫码入企”全面推行"
    assert main_title_of(title_pieces("“无废城市” 建设，从一只饭盒做起")) == "建设，从一只饭盒做起"


def test_a_second_line_giving_the_figures_behind_the_news_is_its_subtitle():
    # the rate, a span of years, last year's figure or what it covers follows up the title
    for line, title in (
        ("某省一季度工业生产平稳 增速较上年同期提升2个百分点", "某省一季度工业生产平稳"),
        ("某国促进新能源产业发展 过去3年相关投资增长约一倍", "某国促进新能源产业发展"),
        ("某市骨髓库入库人数再创新高 去年实现捐献100余例", "某市骨髓库入库人数再创新高"),
        ("智能终端分级国家标准发布 涉及手机、电脑、电视等", "智能终端分级国家标准发布"),
        ("某省消费市场持续回暖 增幅高于全国平均水平两个百分点", "某省消费市场持续回暖"),
        ("一季度批发和零售业市场运行平稳 增加值同比增长超百分之四", "一季度批发和零售业市场运行平稳"),
    ):
        assert main_title_of(title_pieces(line)) == title, line
    # under a label of a few characters, such a line is the title
    assert main_title_of(title_pieces("一图读懂 去年全国铁路完成投资八千亿元")) == "去年全国铁路完成投资八千亿元"
    # a second line that is news of its own stays the title under a kicker
    assert main_title_of(title_pieces("截至3月底 全国累计发电装机同比增长15.5%")) == "全国累计发电装机同比增长15.5%"


def test_a_first_line_ending_on_the_figure_it_reports_is_the_title():
    # news told whole, figure and all: the line below it is its subtitle
    for line, title in (
        ("某省一季度城镇新增就业29万人 就业形势保持总体稳定", "某省一季度城镇新增就业29万人"),
        ("前4月某市外贸增长18.4% 进口增长超三成", "前4月某市外贸增长18.4%"),
        ("某地去年受理知识产权案件2654件 依法适用惩罚性赔偿", "某地去年受理知识产权案件2654件"),
    ):
        assert main_title_of(title_pieces(line)) == title, line
    # a title closed by its column's name keeps such a line its kicker
    line = "某港一季度外贸集装箱吞吐量同比增47.6% 通江达海，大枢纽吸引大产业（一线见闻）"
    assert main_title_of(title_pieces(line)) == "通江达海，大枢纽吸引大产业（一线见闻）"
    # and a kicker ending on anything else is a kicker as before
    assert main_title_of(title_pieces("新政策实施半年 某岛免税购物金额达22.2亿元")) == "某岛免税购物金额达22.2亿元"
    # a figure alone, a few characters, is a kicker: news told whole takes ten or more
    assert main_title_of(title_pieces("首批200家 某省公布未来工厂名单")) == "某省公布未来工厂名单"
    assert main_title_of(title_pieces("总投资85亿元 某市西站枢纽正式开通")) == "某市西站枢纽正式开通"


def test_an_articles_opening_sentence_keeps_the_quotation_marks_it_closes():
    # the excerpt under a headline in lists and the page's description
    assert first_sentence("他说：“这事关全局。”随后又说了一句。") == "他说：“这事关全局。”"
    assert first_sentence("（据某某社电。）下一句。") == "（据某某社电。）"
    assert first_sentence("真的吗？！是的。") == "真的吗？！"
    assert first_sentence("第一句。第二句。\n\n第二段。") == "第一句。"
    assert first_sentence("没有句号的一段") == "没有句号的一段"
    assert first_sentence("很长" * 50 + "。") == "很长" * 44 + "很…"
    assert first_sentence("他说" + "…" * 80) == "他说……"  # a dotted leader is no sentence


def test_a_note_in_brackets_under_a_title_is_never_the_main_title():
    law = ["某某省河湖保护条例", "（2026年4月30日某某省人民代表大会常务委员会通过）"]
    assert main_title_of(law) == "某某省河湖保护条例"
    assert headline_pieces(law) == ([], "某某省河湖保护条例", law[1:])
    assert main_title_of(["关于加强河湖保护的意见", "（二〇二五年十月二十九日）"]) == "关于加强河湖保护的意见"
    # brackets inside a piece, or a piece that is only a note: still a title
    assert main_title_of(["引题", "（甲）乙（丙）"]) == "（甲）乙（丙）"
    assert main_title_of(["（2026年4月30日通过）"]) == "（2026年4月30日通过）"


def test_furniture_is_printed_on_the_issue_page_and_a_bare_headline_is_flagged(tmp_path):
    files = {
        "2022/2022-02-13_04_要闻.txt": TIMELINE + "\n本版责编：邱  实\n",
        "2022/2022-02-14.txt": "春节假期全省旅游市场平稳有序\n",
        "2022/2022-02-15.txt": "---\ndate: 2022-02-15\n---\n",
    }
    project = make_archive(tmp_path, files, with_sample=False)
    result = _convert(project)
    assert result.returncode == 0, result.stderr
    assert "warning: 2022/2022-02-14.txt:1: “春节假期全省旅游市场平稳有序” has no text below it" in result.stderr
    # an empty file publishes no issue
    assert result.stdout.strip().splitlines()[-1].startswith("converted: 3 files, 2 issues, 2 articles,")
    (timeline,) = [r for r in _records(project) if r["date"] == "2022-02-13"]
    assert non_space(timeline["text"]).endswith(non_space("2022年1月27日 星期四 全市启动重点区域全员核酸检测"))
    issue = (project / "docs" / "2022" / "02" / "13" / "index.md").read_text(encoding="utf-8")
    assert "<small>本版责编：邱  实</small>" in issue

    built = build_site(project)
    assert built.returncode == 0, built.stderr
    bare = next((project / "site" / "2022" / "02" / "14").glob("*/index.html")).read_text(encoding="utf-8")
    assert "第 1 行" in bare and "第 1–1 行" not in bare


@pytest.mark.parametrize(
    "name, renamed", [("2022-2-3.txt", "2022-02-03.txt"), ("2022-02-03_第4版_政法.txt", "2022-02-03_04_政法.txt")]
)
def test_a_file_name_with_a_malformed_date_or_page_says_which_part(tmp_path, name, renamed):
    project = make_archive(tmp_path, {f"2022/{name}": "标题\n\n正文。\n"}, with_sample=False)
    result = _convert(project)
    assert result.returncode == 2
    assert (
        f"error: 2022/{name}: the file name starts with a date but is not YYYY-MM-DD[_NN[_版名]].txt" in result.stderr
    )
    assert f"rename it to {renamed}, or give the date in a header" in result.stderr  # its own date, not an example


@pytest.mark.parametrize(
    "name, renamed",
    [
        ("20220203.txt", "2022-02-03.txt"),
        ("2022年2月3日.txt", "2022-02-03.txt"),
        # the date inside the name, with its 版 and 版名
        ("要闻_2022-02-03_04.txt", "2022-02-03_04_要闻.txt"),
        ("人民日报_20220203_第4版.txt", "2022-02-03_04.txt"),
        ("人民日报2022年2月3日要闻第4版.txt", "2022-02-03_04_要闻.txt"),
        ("2022-2-30.txt", None),
        ("2022023.txt", None),
    ],
)
def test_a_file_name_with_its_date_written_another_way_is_told_its_right_name(tmp_path, name, renamed):
    project = make_archive(tmp_path, {f"2022/{name}": "标题\n\n正文。\n"}, with_sample=False)
    result = _convert(project)
    assert result.returncode == 2
    if renamed:
        assert f"error: 2022/{name}: no date" in result.stderr
        assert (
            f"rename it to {renamed}, or give the date in a header `---` / `date: 2022-02-03` / `---`" in result.stderr
        )
    else:  # no such day, or no telling which (2022-02-03 or 2022-12-03?): nothing to rename it to
        assert f"error: 2022/{name}:" in result.stderr and "rename it to" not in result.stderr


def test_latin_words_and_numbers_in_a_headline_are_no_pieces_of_their_own():
    # an advertisement's line: a brand, its model and a version are words of a piece, not kickers
    line = "某品牌智驾 XDS 5 以融合感知方案+ABCD 2.0架构筑牢安全底座 以科技守护出行"
    assert title_pieces(line) == ["某品牌智驾 XDS 5", "以融合感知方案+ABCD 2.0架构筑牢安全底座", "以科技守护出行"]
    assert main_title_of(title_pieces(line)) == "以融合感知方案+ABCD 2.0架构筑牢安全底座"
    assert title_pieces("某牌X9 AI六座车型正式上市") == ["某牌X9 AI六座车型正式上市"]
    # a note in brackets, a subtitle after a dash, a phrase in quotation marks stay pieces
    assert title_pieces("某饮料获得某机构认证 累计六年同类饮料全国销量第一* (2020-2025)")[-1] == "(2020-2025)"
    assert headline_pieces(title_pieces("外国青年眼中的中国 ——“Hello China”")) == (
        [],
        "外国青年眼中的中国",
        ["——“Hello China”"],
    )
    assert title_pieces("“Hello China” 外国青年眼中的中国") == ["“Hello China”", "外国青年眼中的中国"]
    # a space between a number and a Chinese word still parts two pieces
    assert title_pieces("撒哈拉以南非洲占比约2/3 移动支付为非洲经济添活力") == [
        "撒哈拉以南非洲占比约2/3",
        "移动支付为非洲经济添活力",
    ]
