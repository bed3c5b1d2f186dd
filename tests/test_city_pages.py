"""More conventions of city, trade and county papers (tests/test_metro_papers.py has the first):
a southern paper's `X讯 记者A 通讯员B报道：`, a story told in parts under headings alike, a
continued story's headline above its jump line, a box of briefs led in by marks and each
credited, the paper's footer and disclaimers, a page of notices, a column's marked label above
its piece's headline. The pages are invented."""

from __future__ import annotations

import pytest

from build_scripts.ingest.paper_profile import DEFAULT
from build_scripts.parse.datelines import dateline_of
from build_scripts.parse.model import Kind
from build_scripts.parse.names import is_byline_line, parse_names
from build_scripts.parse.parser import parse_page
from build_scripts.parse.patterns import is_furniture

STORY_IN_PARTS = """榕湾老街“微改造”完工
街坊家门口多了两处小游园

榕湾讯 记者林志鹏 通讯员陈嘉欣报道：历时半年的榕湾老街“微改造”工程日前完工，街坊们迎来了焕然一新的老街。

据区住建局介绍，此次改造涉及沿街建筑38栋，外立面修缮按“修旧如旧”原则进行。

骑楼留住老味道

在老街住了五十多年的何伯说，以前一下雨巷子里就积水，现在排水管网改造后再没水浸过。

施工方负责人介绍，为保留骑楼原有的灰塑和满洲窗，工人们逐件拆下清洗后再装回原处。

空地变成小游园

改造中，两处闲置空地被改建为小游园，设置了座椅和儿童游乐设施。

区相关负责人表示，下一步将引导老字号回归老街。
"""

CONTINUED = """出租屋装上烟雾报警器
（上接A1版）

记者在新村走访看到，一栋六层出租屋的每个房间天花板上都装上了烟雾报警器。

据了解，今年以来全区已在1.8万间出租屋安装了报警器。
"""

BRIEFS = """邻里速递

●即日起至12月31日，市图书馆每周六上午开设亲子阅读课堂，需提前预约。（林志鹏）

●市气象台预计，本周后期受冷空气影响，我市最低气温将降至15℃左右。

●区首家长者饭堂日前开业，60岁以上老人可享受每餐8元的助餐服务。（陈嘉欣 何晓彤）
"""

FOOTER = "新闻热线：020-88886666 广告许可证：4401004000099 本报地址：榕湾市中山路88号 邮编：510000 每份1.50元"


@pytest.mark.parametrize(
    "text",
    [
        "南潮讯 记者独家报道：历时八个月的工程日前完工。",
        "南潮讯 记者走访发现，多家媒体报道：…",
        "南潮讯 记者曾多次报道：这条老街的改造…",
        "南潮讯 记者高兴地报道：老街改造完工了。",
    ],
)
def test_a_reporters_words_before_reported_name_no_one(text):
    assert dateline_of(text)[1] is None


def test_a_southern_papers_credit_ends_with_reported():
    dated = dateline_of("榕湾讯 记者林志鹏 通讯员陈嘉欣报道：历时半年的工程日前完工。")
    assert dated == ("榕湾讯", "记者林志鹏 通讯员陈嘉欣报道：", "历时半年的工程日前完工。")
    assert dateline_of("本报讯 记者 林志鹏 报道：昨日，市民…") == ("本报讯", "记者 林志鹏 报道：", "昨日，市民…")
    assert is_byline_line("记者林志鹏 通讯员陈嘉欣报道：")
    assert parse_names("记者林志鹏 通讯员陈嘉欣报道：") == parse_names("记者林志鹏 通讯员陈嘉欣")


def test_a_story_in_parts_under_headings_alike_stays_one_article():
    """A dispatch's first paragraphs, then a heading: the next article after a brief dispatch —
    unless a heading like it follows: the story's parts."""
    (story,) = parse_page(STORY_IN_PARTS).articles
    assert story.title == "榕湾老街“微改造”完工 街坊家门口多了两处小游园"
    assert story.subheads == ["骑楼留住老味道", "空地变成小游园"]
    assert (story.authors, story.correspondents) == (["林志鹏"], ["陈嘉欣"])
    assert story.text.startswith("历时半年")


def test_a_continued_storys_headline_sits_above_its_jump_line():
    parsed = parse_page(STORY_IN_PARTS + "\n" + CONTINUED)
    assert [a.title for a in parsed.articles] == [
        "榕湾老街“微改造”完工 街坊家门口多了两处小游园",
        "出租屋装上烟雾报警器",
    ]
    assert parsed.articles[1].text.startswith("（上接A1版）")


def test_a_box_of_briefs_led_in_by_marks_each_credited_is_one_article():
    parsed = parse_page(STORY_IN_PARTS + "\n" + BRIEFS)
    box = parsed.articles[-1]
    assert box.title == "邻里速递"
    assert len([b for b in box.blocks if b.kind is Kind.PARAGRAPH]) == 3
    assert (box.authors, box.correspondents) == (["林志鹏", "陈嘉欣", "何晓彤"], [])
    assert not any(d.rule_id == "article.headless" for d in parsed.decisions)


def test_the_papers_footer_at_the_pages_foot_is_furniture():
    parsed = parse_page(STORY_IN_PARTS + "\n" + FOOTER + "\n")
    assert [s.text for s in parsed.furniture] == [FOOTER]
    assert len(parsed.articles) == 1


@pytest.mark.parametrize(
    "line",
    [
        FOOTER,
        "学苑青年报社出版　投稿邮箱：xyqn@example.com",
        "广告许可证：4401004000099　印刷：榕湾日报印务中心",
        "本版文章仅供参考，不构成投资建议。据此操作，风险自担。",
        "以上信息由刊登者提供并负责，本报不承担由此引起的任何法律责任。",
        "地址：桃溪县城关镇人民路86号　邮编：418400　新闻热线：0745-7212345　印刷：桃溪印务公司",
        "学苑青年报社出版 投稿邮箱：xyqn_xy@example.com 国内统一连续出版物号：CN43-0099",
        "艺林周刊社出版　国内统一连续出版物号：CN53-0612　邮发代号：12-34",  # a weekly's
    ],
)
def test_footers_and_disclaimers_are_furniture(line):
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        "举报电话：020-81235678　来信地址：榕溪区委组织部",  # a notice's own lines
        "联系人：张先生　联系电话：020-38471266",
        "地址：榕湾市中山路88号 邮编：510000",
        "以上内容由本报记者根据采访整理。",
        "投稿邮箱：yhc@example.com。来稿请注明真实姓名、地址和联系电话。",  # a call for pieces' text
        "广告许可证 网上可办",  # a headline
    ],
)
def test_a_notices_contacts_are_not_the_papers_footer(line):
    assert not is_furniture(line)


NOTICES = """干部任前公示

根据有关规定，经区委研究，拟提拔任用以下同志，现予公示。

陈立民，男，1979年6月生，大学学历，现任区民政局副局长，拟任区民政局局长。

公示时间：2025年11月3日至11月7日。

中共榕溪区委组织部
2025年11月3日

招聘启事

本公司因业务发展需要，现招聘项目经理2名，要求大专以上学历。

有意者请将简历发至公司邮箱。

遗失声明

榕湾市食为先餐饮店遗失营业执照正本一份，声明作废。

2025年度“最美家庭”拟表彰名单公示

经推荐评选，拟表彰以下家庭，现予公示。

王志明家庭　陈秀英家庭　李国华家庭
"""


def test_a_page_of_notices_each_notice_an_article():
    parsed = parse_page(NOTICES)
    assert [a.title for a in parsed.articles] == [
        "干部任前公示",
        "招聘启事",
        "遗失声明",
        "2025年度“最美家庭”拟表彰名单公示",
    ]
    assert [d.rule_id for d in parsed.decisions if d.text in ("招聘启事", "遗失声明")] == ["headline.notice"] * 2
    assert parsed.articles[0].text.endswith("2025年11月3日")


def test_a_heading_naming_a_notice_inside_an_article_is_no_new_one():
    """Right below a sentence that leads into it: not a notice's title."""
    led_into = "关于加强物业管理的通知解读\n\n负责人介绍，今年各小区要做好三件事，首先是\n\n张贴收费公示\n\n各小区应在显著位置张贴收费标准。\n"
    assert len(parse_page(led_into).articles) == 1


INDENTED = """对话企业家：创新药出海要过“临床关”
本报记者 韩一鸣
　　记者：今年公司有两款产品完成了海外授权，您怎么看？
　　受访者：这说明国内的研发水平得到了国际同行的认可。

■记者观察
消费电子回暖 别急着“抢跑”
□本报记者 姚思远
　　三季度以来，随着新品密集发布，消费电子产业链迎来一波回暖。
　　回暖是好事，但也要看清回暖的成色。
"""


def test_a_columns_marked_label_above_its_pieces_headline_where_paragraphs_are_indented():
    parsed = parse_page(INDENTED)
    assert [a.title for a in parsed.articles] == [
        "对话企业家：创新药出海要过“临床关”",
        "■记者观察 消费电子回暖 别急着“抢跑”",
    ]
    assert [a.authors for a in parsed.articles] == [["韩一鸣"], ["姚思远"]]


def test_a_wrapped_line_wider_only_by_marks_hung_past_the_column_goes_on_the_paragraph():
    """Type hangs a mark that may not open a line past the column's end (`…背诵诗；`): the line
    is the paragraph's, not a new one, though wider than the column by it."""
    lines = [
        "稻田边的劳动课",
        "文/林晓雨",
        "　　十月的清晨东区实验田",
        "里的稻穗已压弯了腰我们跟",
        "着农学院的老师下了田。",
        "　　回到宿舍我在日记本里",
        "写下一句话以前只会背诵诗；",
        "今天才算真正读懂。",
        "　　这堂劳动课让我们明白",
        "了粮食来之不易的道理。",
    ]
    assert [len(line) for line in lines[2:7]] == [12, 12, 11, 12, 13]  # the last a mark hung past the column
    parsed = parse_page("\n".join(lines) + "\n")
    (article,) = parsed.articles
    assert [b.text for b in article.blocks] == [
        "十月的清晨东区实验田里的稻穗已压弯了腰我们跟着农学院的老师下了田。",
        "回到宿舍我在日记本里写下一句话以前只会背诵诗；今天才算真正读懂。",
        "这堂劳动课让我们明白了粮食来之不易的道理。",
    ]


def test_a_headline_set_on_two_lines_is_two_pieces_however_alike():
    """`title_pieces` joins a couplet's halves set on one line; set on two lines, they are two
    pieces — as a theory page sets its commentary's headline."""
    import datetime as dt

    from build_scripts.ingest.source import PageMeta, SourcePage
    from build_scripts.writers.source_jobs import record_of

    page = "以县域经济高质量发展\n夯实共同富裕的基础\n\n本报记者 林志鹏\n\n县域是城乡融合发展的重要切入点。\n"
    (article,) = parse_page(page).articles
    assert article.title_parts == ["以县域经济高质量发展", "夯实共同富裕的基础"]
    one_line = parse_page(page.replace("\n夯实", " 夯实", 1)).articles[0]
    assert one_line.title_parts == ["以县域经济高质量发展 夯实共同富裕的基础"]  # a couplet on one line
    source = SourcePage("2025/2025-11-07_07_理论.txt", PageMeta(dt.date(2025, 11, 7), 7, "理论", "桃溪日报"), page, 1)
    record = record_of(source, article, 1)
    assert record.title_parts == ("以县域经济高质量发展", "夯实共同富裕的基础")
    assert record.main_title == "夯实共同富裕的基础"


def _last_piece(gap: str, head: str, *paragraphs: str):
    """The last article of a page: a piece below an article that ended, its head's lines set
    right below each other, then its paragraphs — indented (`gap`: one newline) or parted by
    blank lines (two)."""
    indent = "　　" if gap == "\n" else ""
    text = gap.join(f"{indent}{paragraph}" for paragraph in paragraphs)
    page = f"上期回顾{gap}{indent}文章正文在这里结束。\n\n{head}{gap}{text}\n"
    return parse_page(page).articles[-1]


@pytest.mark.parametrize("gap", ["\n", "\n\n"])  # indented paragraphs, or blocks parted by blank lines
def test_a_title_shaped_like_a_pen_name_above_a_marked_byline_is_the_headlines(gap):
    excerpt = _last_piece(
        gap, "书摘\n老槐树\n□林默然", "老槐树在村子东头，一条石板路斜斜地伸到树下。", "后来村里修了新路。"
    )
    assert (excerpt.title_parts, excerpt.authors) == (["书摘", "老槐树"], ["林默然"])


def test_a_special_correspondent_files_from_a_place():
    assert parse_names("本报特派记者 汤子健 彭晖 发自卡塔尔多哈").authors == ("汤子健", "彭晖")
    assert is_byline_line("本报特派记者 汤子健 发自南昌")


def test_a_numbered_heading_below_a_sentence_ending_one_short_of_the_column_is_a_heading():
    lines = [
        "县域经济观察",
        "林志鹏",
        "　　县域是城乡融合发展的重",
        "要切入点也是推进共同富裕的",
        "重要空间载体找准发力点。",
        "一、立足优势做强产业",
        "　　产业是县域经济的根基一",
        "些地方贪大求全结果链条短。",
        "二、深化城乡融合",
        "　　县城是连接城市和乡村的",
        "重要纽带要补齐公共服务短板",
        "和基础设施的短板。",
    ]
    assert [len(line) for line in lines[2:5]] == [13, 13, 12]  # the column: 13; the sentence ends one short
    (article,) = parse_page("\n".join(lines) + "\n").articles
    assert article.subheads == ["一、立足优势做强产业", "二、深化城乡融合"]
    assert article.text.startswith("县域是城乡融合发展的重要切入点也是推进共同富裕的重要空间载体找准发力点。\n\n一、")


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        ("双河融媒记者 田野 周婧", ("田野", "周婧")),  # the county's media brand
        ("桃溪县融媒体中心记者 田野", ("田野",)),  # the media centre by its name
        ("桃溪晚报全媒体记者 郝建军", ("郝建军",)),  # a reporter for paper, site and app
        ("■文·图／见习记者 彭小满", ("彭小满",)),  # who wrote and took the pictures
    ],
)
def test_a_county_media_centres_and_other_reporters(byline, authors):
    assert is_byline_line(byline)
    assert parse_names(byline).authors == authors


FRONT_PAGE = """本期导读

2版　桃溪柑橘进入采摘季
3版　“村BA”总决赛明晚开赛
A04　副刊｜家乡的石拱桥

县委书记魏明在调研秋冬种工作时强调
抢抓农时 确保秋冬种任务落实落地

桃溪融媒记者 田野 周婧

本报讯 11月6日，县委书记魏明深入白沙镇调研秋冬种工作。
"""


def test_a_contents_box_names_its_pages_first_then_the_lead_story():
    parsed = parse_page(FRONT_PAGE)
    box, lead = parsed.articles
    assert box.title == "本期导读"
    assert [b.text for b in box.blocks] == [
        "2版　桃溪柑橘进入采摘季",
        "3版　“村BA”总决赛明晚开赛",
        "A04　副刊｜家乡的石拱桥",
    ]
    assert not parsed.furniture
    assert lead.title_parts == ["县委书记魏明在调研秋冬种工作时强调", "抢抓农时", "确保秋冬种任务落实落地"]
    assert lead.authors == ["田野", "周婧"]


def test_a_contents_box_by_any_name():
    assert DEFAULT.is_box_title("本期导读") and DEFAULT.is_box_title("要闻導讀")
    assert not DEFAULT.is_box_title("一部新书的读者导读") and not DEFAULT.is_box_title("政策导读")  # headlines


def test_a_contents_box_whose_items_name_their_page_by_its_section_letter():
    page = (
        "今日导读\nA03 地铁8号线二期首段区间贯通\nA05 老城区背街小巷完成“微更新”\nA12 副刊｜海边的旧书摊\n\n"
        + FRONT_PAGE.split("\n\n", 2)[2]
    )
    box, lead = parse_page(page).articles
    assert [b.text for b in box.blocks] == [
        "A03 地铁8号线二期首段区间贯通",
        "A05 老城区背街小巷完成“微更新”",
        "A12 副刊｜海边的旧书摊",
    ]
    assert lead.authors == ["田野", "周婧"]


def test_where_both_counts_fit_as_many_lines_the_lines_with_digits_tell_the_columns_measure():
    """A column counted in characters or in columns of type (digits half as wide): here each
    fits six lines — a title one character short of the column counts in characters, a line
    with a number in columns —, and the line with the number is the paragraph's, not a new one."""
    from build_scripts.parse.layout import columns, detect_layout

    lines = [
        "县域经济高质量发展观察",
        "林志鹏",
        "　　省社会科学联合会近日",
        "公布了年度社会科学规划项",
        "目立项名单共立项课题1386",
        "项经费五百万元。",
        "　　今年的立项数量比去年",
        "增加了一成多课题涵盖经济",
        "社会文化等多个领域共计十",
        "个大类。",
    ]
    assert (len(lines[4]), columns(lines[4])) == (14, 24) and len(lines[0]) == 11
    assert detect_layout(lines).by_display
    (article,) = parse_page("\n".join(lines) + "\n").articles
    assert [b.text for b in article.blocks] == [
        "省社会科学联合会近日公布了年度社会科学规划项目立项名单共立项课题1386项经费五百万元。",
        "今年的立项数量比去年增加了一成多课题涵盖经济社会文化等多个领域共计十个大类。",
    ]


def test_a_kicker_ending_in_a_colon_opens_the_page_where_paragraphs_are_indented():
    page = (
        "联合国粮农组织：\n全球食品价格指数连续两个月回落\n"
        "　　新华社罗马11月10日电（记者　贾路）联合国粮农组织10日发布报告说，10月全球食品价格指数环比下降。\n"
        "　　报告显示，植物油价格指数环比下降3.1%。\n"
    )
    (article,) = parse_page(page).articles
    assert article.title_parts == ["联合国粮农组织：", "全球食品价格指数连续两个月回落"]
    assert article.authors == ["贾路"]


def test_a_kicker_ending_in_a_colon_between_a_headlines_label_and_its_main_title():
    page = (
        STORY_IN_PARTS
        + "\n对话\n青年雕塑家沈禾：\n让材料自己开口说话\n本报记者 谷雨\n\n"
        + "沈禾，1990年生于海滨小城，毕业于云州美术学院雕塑系。\n\n记者：这次展览为什么叫“潮间带”？\n"
    )
    interview = parse_page(page).articles[-1]
    assert interview.title_parts == ["对话", "青年雕塑家沈禾：", "让材料自己开口说话"]
    assert interview.authors == ["谷雨"]


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
@pytest.mark.parametrize(
    ("signature", "name"),
    [("东城区明德路小学五年级（3）班　方小禾", "方小禾"), ("□吕思彤（东城区实验中学初一（2）班）", "吕思彤")],
)
def test_a_pupils_essay_signed_with_school_and_class(gap, signature, name):
    essay = _last_piece(
        gap, f"小荷尖尖\n爷爷的修表铺\n{signature}", "爷爷的修表铺在老街的拐角。", "我常常趴在桌边看他修表。"
    )
    assert (essay.title_parts, essay.authors) == (["小荷尖尖", "爷爷的修表铺"], [name])


def test_sub_heads_marked_with_a_triangle_stay_in_their_story():
    page = (
        "新能源车加快驶入县城\n县级市场成车企“必争之地”\n全媒体记者　宁远\n\n"
        "11月9日是周末，位于河口县的一家新能源汽车门店里，前来看车的顾客络绎不绝。\n\n"
        "▲价格下探 县城消费者愿意尝鲜\n\n"
        "记者走访发现，目前主流车企在县城门店销售的新能源车型中，入门车型占到六成。\n\n"
        "▲补能短板 充电桩加快下沉\n\n"
        "充电难曾是县城消费者的最大顾虑。今年以来，全县新建公共充电桩120个。\n"
    )
    (story,) = parse_page(page).articles
    assert story.subheads == ["▲价格下探 县城消费者愿意尝鲜", "▲补能短板 充电桩加快下沉"]
    assert story.authors == ["宁远"]


def test_a_call_for_pieces_gives_its_own_address_in_an_indented_paragraph():
    line = "投稿邮箱：laonian@example.com　来信请寄：某市解放路8号"
    page = f"本版征稿\n　　本版常年征集老年读者的健康心得，欢迎投稿。\n　　{line}\n"
    (call,) = parse_page(page).articles
    assert call.text.endswith(line)
    assert not parse_page(page).furniture
    assert is_furniture(line)  # set flush, below the page's last article: the paper's footer


def test_a_readers_letter_below_a_box_of_briefs_is_a_piece_of_its_own_signed_by_the_reader():
    page = (
        STORY_IN_PARTS
        + "\n社会速览\n\n◆11月9日起，市区12条公交线路恢复正常运营。\n\n◆市消防救援支队提醒市民定期检查燃气管道。\n\n"
        # (the letter shares the box's words: the evidence alone would keep it in the box)
        + "读者来信\n感谢那位帮我推车的小伙子\n\n编辑同志：11月9日公交线路恢复正常运营那天，我的三轮车陷在雪里。\n\n"
        + "市区公交线路恢复正常运营，我一直惦记着这件事，希望通过贵报向他说声谢谢。\n\n读者　王秀英\n"
    )
    box, letter = parse_page(page).articles[-2:]
    assert box.title == "社会速览" and len(box.blocks) == 2
    assert letter.title_parts == ["读者来信", "感谢那位帮我推车的小伙子"]
    assert letter.authors == ["王秀英"]


@pytest.mark.parametrize("lead", ["C919大飞机首次飞抵桃溪机场", "G20 杭州峰会十周年纪念活动举行"])
def test_a_contents_box_ends_at_a_blank_line_however_its_lead_story_is_titled(lead):
    page = (
        f"要闻导读\nA02 地铁6号线二期首段区间贯通\nA03 老街改造完工\n\n{lead}\n\n本报讯 11月6日，纪念活动在桃溪举行。\n"
    )
    box, story = parse_page(page).articles
    assert (box.title, story.title) == ("要闻导读", lead)
    assert len(box.blocks) == 2


@pytest.mark.parametrize(
    "page",
    [
        "公司回应质疑\n\n公司昨日作出回应。\n\n郑重声明\n\n公司表示，将依法追究造谣者责任。\n",  # a statement inside a story
        "网上办事更方便\n\n办事流程全部上网。\n\n网上公示\n\n审批结果一律在网上公示，接受监督。\n",
        # a timeline's date, then a heading naming a notice: no notice signed above it
        "跨海大桥建设纪实\n\n大桥见证了跨越发展。\n\n2021年3月15日\n\n项目立项公示\n\n2023年6月1日\n\n大桥正式开工建设，各方全力推进。\n",
        "跨海大桥建设纪实\n\n大桥见证了跨越发展，其中有几个日子值得铭记\n\n2021年3月15日\n\n项目立项公示\n\n2023年6月1日\n\n"
        "大桥正式开工建设。\n",
    ],
)
def test_a_heading_naming_a_notice_in_a_story_is_no_notice(page):
    assert len(parse_page(page).articles) == 1


def test_a_brief_headlined_like_the_next_one_after_a_dispatch_is_an_article_of_its_own():
    page = (
        "中巴举行战略对话\n\n新华社北京5月22日电  中巴两国外长22日在北京举行战略对话，双方同意深化合作。\n\n"
        "巴基斯坦总理夏巴兹今起对我国进行正式访问\n\n应国务院总理李强邀请，巴基斯坦伊斯兰共和国总理夏巴兹·谢里夫将于5月23日至26日对我国进行正式访问。\n\n"
        "塔吉克斯坦总统拉赫蒙今起对我国进行国事访问\n\n应国家主席习近平邀请，塔吉克斯坦共和国总统埃莫马利·拉赫蒙将于5月23日至27日对我国进行国事访问。\n"
    )
    titles = [a.title for a in parse_page(page).articles]
    assert titles[:2] == ["中巴举行战略对话", "巴基斯坦总理夏巴兹今起对我国进行正式访问"]


@pytest.mark.parametrize("line", ["全国劳动模范　张建国", "第十届全国人大代表　刘建华", "致敬最美奋斗者　黄大年"])
def test_a_subject_named_below_a_headline_is_no_signature(line):
    """Set apart by one space, who a person is and their name is the headline's subject; a
    pupil's school and class is what signs an essay so."""
    from build_scripts.parse.patterns import contributor_signature

    assert contributor_signature(line) is None


def test_a_jump_line_after_a_blank_line_confirms_no_headline_above_it():
    page = "秋思\n□沈砚秋\n\n秋风起兮白云飞\n草木黄落兮雁南归\n故乡的桂花开了\n\n（上接第一版）全县上下齐心协力，秋收进展顺利。\n"
    assert parse_page(page).articles[0].title == "秋思"
    assert "故乡的桂花开了" in parse_page(page).articles[0].text


def test_a_storys_marked_points_are_no_box_a_heading_below_them_is_its_sub_head():
    page = (
        "桃溪县出台十项惠民举措\n\n▲全面推行老年人免费乘坐公交车，惠及全县五万余名老人。\n\n"
        "▲新建改建农村公路一百二十公里，打通群众出行最后一公里。\n\n群众点赞\n\n"
        "“政策实实在在，我们得到了实惠。”家住桃溪镇的王大爷说。\n"
    )
    assert len(parse_page(page).articles) == 1


def test_items_numbered_inside_a_wrapped_paragraph_stay_in_it():
    """An item ending its sentence below one that ended one short of the column (`（一）…。` /
    `（二）…。`) is the paragraph's, not a heading's."""
    lines = [
        "县委部署秋冬种工作",
        "林志鹏",
        "　　会议要求抓好三件事第",
        "（一）加强组织的领导。",
        "（二）压实工作责任。",
        "　　会议还对秋冬种其他工",
        "作作了部署要求各地抓好落",
        "实。",
    ]
    assert [len(line) for line in lines[2:5]] == [12, 11, 10]
    (article,) = parse_page("\n".join(lines) + "\n").articles
    assert [b.text for b in article.blocks] == [
        "会议要求抓好三件事第（一）加强组织的领导。（二）压实工作责任。",
        "会议还对秋冬种其他工作作了部署要求各地抓好落实。",
    ]


def test_a_headline_of_letters_and_digits_right_below_a_contents_boxs_items_is_no_item():
    page = (
        "本期导读\n2版　双河脐橙进入采摘季\n3版　“村BA”总决赛明晚开赛\nG20峰会在里约开幕\n本报记者 魏晓东\n\n"
        "本报讯 二十国集团领导人峰会在里约开幕。\n"
    )
    box, story = parse_page(page).articles
    assert (len(box.blocks), story.title, story.authors) == (2, "G20峰会在里约开幕", ["魏晓东"])
