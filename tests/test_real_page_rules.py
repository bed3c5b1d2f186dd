"""Rules learnt from real pages, each on a small invented page: what a signature, a column
word, a photo credit or a page break looks like in the layouts users hold."""

from __future__ import annotations

from dataclasses import replace

import pytest
from inputs import rules_of

from build_scripts.ingest.corrections import Corrections
from build_scripts.parse import credits
from build_scripts.parse import patterns as p
from build_scripts.parse.layout import build_units
from build_scripts.parse.model import Article, Kind, PageParse
from build_scripts.parse.names import parse_names
from build_scripts.parse.parser import parse_page
from build_scripts.writers.article_pages import body_markdown

IND = "\u3000\u3000"


def test_names_glued_after_the_last_sentence_are_the_byline():
    page = "守护好身边的绿水青山\n\n保护生态，既要靠制度，也要靠每个人的自觉。让青山常在，是我们共同的心愿。许 明\n"
    (article,) = parse_page(page).articles
    assert article.authors == ["许明"] and article.byline == "许 明"
    assert article.text.endswith("是我们共同的心愿。")


def test_names_cut_off_by_a_page_break_are_not_a_byline():
    page = (
        "园区迎来新项目\n\n本报记者 方 远\n\n项目负责人说，园区配套完善，服务到位。李海燕介\n\n"
        "绍，新项目投产后将带动上千人就业。\n"
    )
    (article,) = parse_page(page).articles
    assert article.authors == ["方远"]
    assert article.blocks[-1].text == "项目负责人说，园区配套完善，服务到位。李海燕介绍，新项目投产后将带动上千人就业。"


# Pages cut by a page break right after words that read as a byline: (headline, byline, the
# block above the break, the block below it, the next paragraph) — the two blocks are one
# paragraph, and the article's byline is the one under its headline.
CUT_AFTER_WHAT_READS_AS_A_BYLINE = {
    # the text below the break opens with the rest of the name and a verb of saying: the name
    # above it is that sentence's subject (`…交流。”王晓` / `梅说，…？`), not a signature
    "a name before what they said": (
        "社区食堂开张了",
        "本报记者 方 远",
        "“老人们过去吃饭不方便，也很少出门与邻居交流。”王晓",
        "梅说，我们能不能办一个食堂，让大家一起吃饭？",
        "如今，食堂每天为两百多位老人供餐。",
    ),
    # `…实习生招聘` reads as a role and a name (实习生 招聘); the block below opens with `、`,
    # which no sentence opens with
    "a role and a word": (
        "快递小哥的新课堂",
        "本报记者 方 远",
        "企业持续加大人才储备。启动“新苗计划”实习生招聘",
        "、设立高校联合实验室、开展技能比武……员工成长有了阶梯。",
        "如今，越来越多的年轻人选择留下来。",
    ),
}


@pytest.mark.parametrize("layout", ["blank", "indent"])
@pytest.mark.parametrize("case", sorted(CUT_AFTER_WHAT_READS_AS_A_BYLINE))
def test_words_that_read_as_a_byline_before_a_page_break_are_not_one(case, layout):
    head, byline, before, after, last = CUT_AFTER_WHAT_READS_AS_A_BYLINE[case]
    if layout == "blank":
        page = "\n\n".join([head, byline, before, after, last]) + "\n"
    else:
        page = f"{head}\n{byline}\n{IND}{before}\n\n{after}\n{IND}{last}\n"
    (article,) = parse_page(page).articles
    assert article.authors == ["方远"]
    assert article.blocks[-2].text == before + after


def test_a_report_from_several_cities_credits_its_reporters_in_its_last_paragraph():
    # no byline at the top; the closing credit names every city and reporter, and thanks an
    # intern, who is not an author
    page = (
        "多国人士积极评价合作成果\n\n各国专家认为，合作成果将惠及世界。\n\n"
        "“这是一次务实的合作。”一位学者表示。\n\n"
        "（本报北京、东京、柏林、里约热内卢5月3日电  记者王明、李华、张林，实习生赵一对本文亦有贡献）\n"
    )
    (article,) = parse_page(page).articles
    assert article.authors == ["王明", "李华", "张林"]
    assert article.blocks[-1].text.startswith("（本报北京、东京")  # printed where the paper prints it


def test_a_picture_story_is_written_by_whom_its_credit_names_before_the_photographer():
    page = (
        "跨江大桥正式通车\n\n5月3日，跨江大桥正式通车，两岸通行时间缩短到十分钟。\n\n"
        "图为通车当天的大桥。\n\n本报记者  方  远  林晓溪文  宋  川摄（人民视觉）\n"
    )
    (article,) = parse_page(page).articles
    assert article.authors == ["方远", "林晓溪"]
    assert (
        article.blocks[-1].text == "本报记者  方  远  林晓溪文  宋  川摄（人民视觉）"
    )  # printed as the paper prints it


@pytest.mark.parametrize("layout", ["blank", "indent"])
@pytest.mark.parametrize(
    "credit, authors",
    [
        ("方  远  林晓溪摄影报道", ["方远", "林晓溪"]),  # a photo report: its photographers made it
        ("宋  川文", ["宋川"]),  # the verse under a picture, by a name padded to three characters
        ("本报记者  方  远/文  新华社记者  宋  川/图", ["方远"]),  # the writer, not the photographer
    ],
)
def test_a_picture_storys_last_line_credits_who_made_it(layout, credit, authors):
    lines = ["图片报道", "5月3日，跨江大桥正式通车，两岸通行时间缩短到十分钟。", "图为通车当天的大桥。", credit]
    if layout == "blank":
        page = "\n\n".join(lines) + "\n"
    else:
        page = lines[0] + "\n" + "".join(f"{IND}{line}\n" for line in lines[1:])
    (article,) = parse_page(page).articles
    assert article.authors == authors
    assert article.blocks[-1].text == credit  # printed as the paper prints it


def test_a_last_line_of_words_ending_so_credits_no_one():
    for last in ("这组摄影报道", "请看摄影报道"):
        page = f"图片报道\n\n5月3日，跨江大桥正式通车。\n\n{last}\n"
        (article,) = parse_page(page).articles
        assert article.authors == [], last
    # two characters spaced and 文 name the verse's writer only below a box of picture items
    page = "跨江大桥正式通车\n\n5月3日，跨江大桥正式通车，两岸通行时间缩短到十分钟。\n\n宋  川文\n"
    (article,) = parse_page(page).articles
    assert article.authors == []


@pytest.mark.parametrize("credit", ["本报记者  王文  李明摄（人民视觉）", "本报记者  张晓文  李  明摄（人民视觉）"])
def test_photographers_one_of_them_called_wen_are_no_writers(credit):
    page = f"跨江大桥正式通车\n\n5月3日，跨江大桥正式通车，两岸通行时间缩短到十分钟。\n\n图为通车当天的大桥。\n\n{credit}\n"
    (article,) = parse_page(page).articles
    assert article.authors == []


@pytest.mark.parametrize(
    "numbers",
    [
        ["（一）", "（二）", "（三）"],  # the numbers alone head a speech's sections
        ["一、“家是最小国”，从小家走向大家", "二、“出了问题我负责”，担当作为", "三、“听从召唤”，团结一心"],
        # a spokesman's answers, each under its numbered question (the first 41 characters long)
        [
            "一、两国各界和国际社会高度关注此次访问，请介绍此访的主要情况和双方达成的重要共识？",
            "二、如何理解两国关系的新定位？",
            "三、此次会晤在经贸领域达成了哪些成果？",
        ],
    ],
)
def test_an_articles_numbered_section_headings_are_all_sub_heads(numbers):
    text = "。".join(["这是一段完整的正文，讲述事情的来龙去脉和意义"] * 2) + "。"
    page = "在新征程上砥砺前行\n\n本报评论员\n\n" + "".join(f"{n}\n\n{text}\n\n" for n in numbers)
    (article,) = parse_page(page).articles
    heads = [b.text for b in article.blocks if b.kind.value == "subhead"]
    assert heads == numbers


def test_a_line_of_phrases_below_a_sections_label_is_the_headings_second_line():
    text = "。".join(["展馆里人头攒动，新车型吸引了众多观众驻足观看和体验"] * 2) + "。"
    page = f"车展观察\n\n本报记者 方 远\n\n{text}\n\n新标杆\n\n核心技术持续突破，中国方案领跑全球\n\n{text}\n"
    (article,) = parse_page(page).articles
    heads = [b.text for b in article.blocks if b.kind.value == "subhead"]
    assert heads == ["新标杆", "核心技术持续突破，中国方案领跑全球"]
    assert '## 新标杆 <span class="subhead-second-line">核心技术持续突破，中国方案领跑全球</span>' in body_markdown(
        article
    )  # one heading


def test_sections_labelled_alike_are_all_headed_and_a_credit_is_not_a_heading():
    text = "。".join(["这是一段完整的正文，讲述这一部分的来龙去脉和意义"] * 2) + "。"
    heads = ["溯源：弘扬光荣传统和优良作风，践行人民民主", "实践：聚民心、听民意，共建同心圆"]
    page = (
        "走好新时代的群众路线\n\n本报记者 方 远\n\n"
        + "".join(f"{h}\n\n{text}\n\n" for h in heads)
        + "本期统筹：林  溪\n\n版式设计：宋  川\n"
    )
    article = parse_page(page).articles[0]
    assert [b.text for b in article.blocks if b.kind.value == "subhead"] == heads
    # as long as a news report's points (`看点二：…训练科目`, 41 characters)
    heads = [
        "看点一：将与在轨乘组完成轮换，一名航天员将在轨驻留一年开展试验",
        "看点二：本次任务有来自香港的航天员参与，她先后完成了八大类训练科目",
    ]
    page = "航天员乘组今日出征\n\n本报记者 方 远\n\n" + "".join(f"{h}\n\n{text}\n\n" for h in heads)
    article = parse_page(page).articles[0]
    assert [b.text for b in article.blocks if b.kind.value == "subhead"] == heads


@pytest.mark.parametrize(
    "numbers",
    [
        ["一、加强组织领导，压实各方责任。", "二、完善工作机制，形成工作合力。"],  # a list's items end with a stop
        ["（一）加强组织领导，", "（二）完善工作机制，"],  # …or go on below
        ["（二）加强组织领导，把各方的责任压实到每个环节", "（三）完善工作机制，让各项措施形成合力"],  # from one
        ["（一）加强组织领导，把各方的责任压实到每个环节", "（三）完善工作机制，让各项措施形成合力"],  # in order
    ],
)
def test_numbered_lines_that_are_no_series_of_headings_stay_text(numbers):
    text = "。".join(["这是一段完整的正文，讲述这一部分的来龙去脉和意义"] * 2) + "。"
    page = "关于做好安全生产工作的通知\n\n本报记者 方 远\n\n" + "".join(f"{n}\n\n{text}\n\n" for n in numbers)
    (article,) = parse_page(page).articles
    assert not [b.text for b in article.blocks if b.kind.value == "subhead" and b.text in numbers]


def test_an_interviews_turns_are_no_labelled_headings():
    text = "。".join(["这是一段完整的回答，讲述这件事情的来龙去脉和意义"] * 2) + "。"
    page = (
        f"一次难忘的采访\n\n本报记者 方 远\n\n{text}\n\n记者：你怎么看这件事\n\n{text}\n\n王明：我觉得很好\n\n{text}\n"
    )
    (article,) = parse_page(page).articles
    # (the walk weighs the short answer on its own; no series makes the question a heading)
    assert [b.kind.value for b in article.blocks if b.text.startswith("记者：")] == ["paragraph"]


def test_a_column_word_in_brackets_is_not_a_reporter():
    page = "一座城的早餐地图\n\n本报记者 方 远\n\n清晨的街角，包子铺前排起了长队。\n\n（记者手记）\n"
    article = parse_page(page).articles[0]
    assert article.authors == ["方远"]


def test_a_photo_credit_inside_a_signed_article_is_a_caption():
    page = "湿地迎来候鸟季\n\n本报记者 林 溪\n\n入冬以来，上万只候鸟飞抵湖区越冬。\n\n图为候鸟在湖面觅食。\n\n本报记者 宋 川摄\n"
    (article,) = parse_page(page).articles
    assert article.authors == ["林溪"]
    assert article.blocks[-1].kind.value == "caption"


def test_a_decimal_point_cut_off_by_a_page_break_does_not_end_the_paragraph():
    page = (
        f"人均阅读量稳步提升\n{IND}调查显示，去年人均纸质图书阅读量为4.\n\n"
        f"72本，比上年有所增加。\n{IND}专家认为，阅读习惯正在养成。\n"
    )
    (article,) = parse_page(page).articles
    assert article.blocks[0].text == "调查显示，去年人均纸质图书阅读量为4.72本，比上年有所增加。"


def test_a_headline_as_wide_as_the_column_keeps_the_line_below_apart():
    # wrapped at 12 characters; the headline happens to be 12 characters wide too
    title = "小麦返青田管工作有序推进"
    assert len(title) == 12
    lines = [title, "本报记者 何 禾"]
    for paragraph in (
        "春耕时节，田野里处处是农忙的景象，农机手们起早贪黑，抢抓农时。",
        "当地农业部门组织技术人员下田指导，帮助农户科学施肥。",
    ):
        text = IND + paragraph
        lines += [text[i : i + 12] for i in range(0, len(text), 12)]
    units, layout = build_units("\n".join(lines) + "\n", 1)
    assert layout.wrap_width == 12 and [u.text for u in units[:2]] == [title, "本报记者 何 禾"]
    (article,) = parse_page("\n".join(lines) + "\n").articles
    assert article.authors == ["何禾"] and article.title == title and len(article.blocks) == 2


def test_an_indented_line_whose_rest_follows_a_page_break_is_a_paragraph_not_a_subhead():
    page = (
        f"两国签署合作文件\n{IND}双方高度评价去年签署的《联合声明》和\n\n"
        f"《合作规划》取得的进展，同意继续推进各领域合作。\n{IND}双方还就共同关心的问题交换了意见。\n"
    )
    (article,) = parse_page(page).articles
    assert [b.kind.value for b in article.blocks] == ["paragraph", "paragraph"]
    assert article.blocks[0].text.startswith("双方高度评价") and article.blocks[0].text.endswith("合作。")


def test_the_line_right_below_a_top_byline_is_the_lead_not_a_new_headline():
    page = (
        "乘势而上开新局（评论员观察）\n\n余 宁\n\n"
        "抓住机遇、找准定位，方能在变局中开新局\n\n"
        "看清趋势之后，关键在于行动。各地因地制宜，探索出不少新路。\n\n"
        "（作者为本报评论员）\n"
    )
    (article,) = parse_page(page).articles
    assert article.title == "乘势而上开新局（评论员观察）" and article.authors == ["余宁"]
    assert article.blocks[0].text == "抓住机遇、找准定位，方能在变局中开新局"


def test_a_word_in_brackets_inside_a_sentence_does_not_end_the_paragraph():
    page = (
        f"社区服务再升级\n{IND}各地建立健全乡镇（街道）、村（社区）\n\n"
        f"牵头的协商机制，加强关爱服务。\n{IND}下一步还将扩大试点。\n"
    )
    (article,) = parse_page(page).articles
    assert article.blocks[0].text == "各地建立健全乡镇（街道）、村（社区）牵头的协商机制，加强关爱服务。"


def test_names_after_a_labels_colon_are_its_value_not_a_byline():
    page = "新技术走进车间\n\n本报记者 方 远\n\n车间里，机器人正在焊接车身。\n\n本期统筹：张安宇\n"
    (article,) = parse_page(page).articles
    assert article.authors == ["方远"] and article.blocks[-1].text == "本期统筹：张安宇"


def test_glued_bylines_a_magazine_a_collective_credit_and_a_padded_pen_name():
    magazine = "观星的人\n\n他说，星空是最好的老师。《环球人物》记者 高 远\n"
    assert parse_page(magazine).articles[0].authors == ["高远"]
    collective = "春耕见闻\n\n（本报记者王洋、李明、赵亮）本报记者\n"
    assert parse_page(collective).articles[0].byline == "本报记者"
    padded = "灯为谁而亮\n\n期待更多服务，始终散发温暖。知  更\n"
    (article,) = parse_page(padded).articles
    assert article.authors == ["知更"] and article.text == "期待更多服务，始终散发温暖。"


def test_a_report_credited_at_its_end_is_its_reporters_when_its_byline_names_no_one():
    text = "各地青年建功立业\n\n本报记者\n\n青年突击队连夜抢修线路，保障了春耕用电。\n\n"
    compiled = text + "（综合本报记者王晓东、李明远报道，统筹：赵川）\n"
    (article,) = parse_page(compiled).articles
    assert article.authors == ["王晓东", "李明远"] and article.byline == "本报记者"
    # the credit stays where the paper prints it, as the last paragraph
    assert article.blocks[-1].text == "（综合本报记者王晓东、李明远报道，统筹：赵川）"
    dispatch = "春季农业生产有序推进\n\n各地抓住有利天气抢种抢收。\n\n（新华社北京5月4日电  记者周海燕、孙立）\n"
    assert parse_page(dispatch).articles[0].authors == ["周海燕", "孙立"]
    # a byline that names its writer keeps them; a bare dispatch credit names no one
    signed = compiled.replace("\n本报记者\n", "\n本报记者 陈 静\n")
    assert parse_page(signed).articles[0].authors == ["陈静"]
    bare = "春季农业生产有序推进\n\n各地抓住有利天气抢种抢收。\n\n（新华社北京5月4日电）\n"
    assert parse_page(bare).articles[0].authors == []


def test_interviews_written_up_by_reporters_are_theirs_when_no_byline_names_anyone():
    # three people tell their stories, each written up by reporters named at the end of it
    page = (
        "工匠谈创新（产经视野）\n\n示例公司研究员张一\n\n向着山的那一边\n\n我参与建设了八座大桥，每一座都不容易。\n\n"
        "（本报记者王晓东采访整理）\n\n示例学院教师李二\n\n追求极致的精度\n\n我带学生，先教做人，再教技术。\n\n"
        "（本报记者陈静、赵川采访整理）\n\n示例公司工程师孙三\n\n守护安全\n\n我们的设备小了，也更可靠了。\n\n"
        "（本版文字由本报记者周海燕采访整理）\n"
    )
    (article,) = parse_page(page).articles
    assert article.authors == ["王晓东", "陈静", "赵川", "周海燕"]
    assert "（本报记者陈静、赵川采访整理）" in article.text  # printed where the paper prints it
    assert credits.closing_credit("（本报记者 王晓东 采访整理）") == "本报记者 王晓东"  # spaced as some pages print it
    # the people who told their stories sign nothing: a piece that names its writer keeps them
    signed = "谈创新\n\n本报记者 刘 洋\n\n我参与建设了八座大桥。\n\n（本报记者王晓东采访整理）\n"
    assert parse_page(signed).articles[0].authors == ["刘洋"]


def test_three_lines_right_above_a_sections_own_byline_are_its_heading():
    """A feature of profiles: each opens with the person's post and name and a two-line title
    above the section's own byline (`本报记者  X`) — three lines of a heading, not the lines of
    a list (`paragraph.lines`), which four would be."""
    profile = (
        "示例市人民医院血液科护士长王小红\n\n临床科研并重\n\n用心守护病人\n\n本报记者  李  明\n\n"
        "清晨七点，王小红已经来到病房，和夜班护士一起交接班，逐一查看每位病人的情况。\n\n"
    )
    page = (
        "守护健康（特别策划）\n\n"
        "今天是示例节日，本版刊发一组护士的故事，记录她们平凡而忙碌的一天。\n\n——编  者\n\n"
        + profile
        + "示例县医院急诊科护士\n\n随时准备出发\n\n本报记者  赵  强\n\n"
        "凌晨一点，急诊科接到电话，一名病人需要抢救，护士们迅速做好了准备。\n"
    )
    (article,) = parse_page(page).articles
    heads = [b.text for b in article.blocks if b.kind is Kind.SUBHEAD]
    assert heads == [
        "示例市人民医院血液科护士长王小红",
        "临床科研并重",
        "用心守护病人",
        "示例县医院急诊科护士",
        "随时准备出发",
    ]
    four = page.replace("临床科研并重\n\n", "临床科研并重\n\n甘做病人贴心人\n\n")
    (article,) = parse_page(four).articles
    assert "甘做病人贴心人" not in [b.text for b in article.blocks if b.kind is Kind.SUBHEAD]
    # three items of a list above the signature that closes the article: no section below, text
    items = ("加强基础研究", "突破关键技术", "培养创新人才")
    closing = "科技强国（大家谈）\n" + "".join(
        IND + line + "\n"
        for line in (
            "建设科技强国，要抓住关键环节，持续用力久久为功。今年要做好三件事：",
            *items,
            "某大学副校长  黄  辉",
        )
    )
    (article,) = parse_page(closing).articles
    assert [b.kind for b in article.blocks if b.text in items] == [Kind.PARAGRAPH] * 3


def test_lines_with_no_text_below_them_in_their_article_are_its_last_lines_not_sub_heads():
    page = (
        "中华人民共和国主席令\n\n第九十九号\n\n根据全国人民代表大会常务委员会的决定：\n\n"
        "一、免去王一的示例部部长职务；\n\n任命李二为示例部部长。\n\n二、任命赵三为样本部部长。\n\n"
        "中华人民共和国主席  张  三\n\n2030年1月1日\n\n（新华社北京1月1日电）\n"
    )
    result = parse_page(page)
    (article,) = result.articles
    assert [(b.kind.name, b.text) for b in article.blocks[-2:]] == [
        ("PARAGRAPH", "中华人民共和国主席  张  三"),
        ("PARAGRAPH", "2030年1月1日"),
    ]
    assert {d.rule_id for d in result.decisions if d.line in (13, 15)} == {"paragraph.heads-nothing"}
    # a sub-head with text below it stays one
    section = "乡村新貌\n\n本报记者 陈 静\n\n村里修了新路。\n\n产业兴旺\n\n合作社带动了全村增收。\n"
    assert [b.kind.name for b in parse_page(section).articles[0].blocks] == ["PARAGRAPH", "SUBHEAD", "PARAGRAPH"]


def _weighing_with(models):
    """Score with these weights for one test, then with the shipped ones again."""
    from build_scripts.parse import evidence

    evidence.try_weights(models)
    evidence.forget()
    yield
    evidence.try_weights({})
    evidence.forget()


@pytest.fixture
def evidence_that_always_joins():
    """Weights under which every break weighed is a paragraph a page break cut."""
    yield from _weighing_with({"join": {"bias": 10.0}, "headline": {"bias": -10.0}})


def test_a_quotations_attribution_is_a_paragraph_of_its_own_whatever_the_evidence(evidence_that_always_joins):
    page = (
        "让创新活力竞相迸发（总书记的关切·落地的回响）\n\n本报记者 陈 静\n\n"
        "“要坚持创新驱动发展，加快建设科技强国。”\n\n"
        "——2030年5月1日，总书记在全国科技大会上发表重要讲话强调\n\n"
        "各地把握机遇，加快推进产业升级，一批新技术、新产品不断涌现。\n"
    )
    result = parse_page(page)
    (article,) = result.articles
    assert [b.text[:8] for b in article.blocks] == ["“要坚持创新驱动", "——2030年5", "各地把握机遇，加"]
    assert {d.line: d.rule_id for d in result.decisions}[7] == "paragraph.attribution"


def test_who_wrote_or_asked_the_words_above_signs_them_in_a_paragraph_of_their_own():
    """A motto signed with a name alone (`——林小溪`), a question signed by readers
    (`——某某网网友`): paragraphs of the text, never sub-heads, and the text below starts another."""
    page = (
        "攀岩少年的冬训（体育故事）\n\n本报记者 周 远\n\n"
        "冬训开始前，队员们在训练馆里写下了新一年的心愿，贴在了攀岩墙旁边的展板上。\n\n"
        "寄语\n\n只要心里有光，就能照亮前面的路\n\n——林小溪\n\n"
        "三声倒计时结束，林小溪手抓岩点，几秒钟就爬到了岩壁的一半，教练在下面不停地提醒她调整呼吸。\n\n"
        "“训练这么苦，孩子们为什么还愿意坚持？”\n\n——某某网网友\n\n"
        "要回答这个问题，不妨去训练馆里看一看，孩子们脸上的笑容就是最好的答案。\n"
    )
    result = parse_page(page)
    (article,) = result.articles
    signed = [b for b in article.blocks if b.text.startswith("——")]
    assert [(b.text, b.kind.name) for b in signed] == [("——林小溪", "PARAGRAPH"), ("——某某网网友", "PARAGRAPH")]
    rules = {d.text: d.rule_id for d in result.decisions}
    assert rules["——林小溪"] == rules["——某某网网友"] == "paragraph.attribution"


def test_who_tells_or_proposes_right_below_the_headline_is_a_line_of_the_text(evidence_that_always_joins):
    """`提案人：某某中央` right below a proposal's headline names who proposes it: a paragraph,
    not the heading of the text's first section, and nothing below goes on from it."""
    page = (
        "推进城乡供水一体化（提案摘要）\n\n提案人：某某中央\n\n"
        "案由：农村供水保障水平与城市相比仍有差距，部分地区水源单一、管网老化问题较为突出\n\n"
        "建议：统筹城乡供水规划，推进规模化供水工程建设，健全运行管护长效机制。\n"
    )
    result = parse_page(page)
    (article,) = result.articles
    assert [(b.kind.name, b.text[:6]) for b in article.blocks][:2] == [
        ("PARAGRAPH", "提案人：某某"),
        ("PARAGRAPH", "案由：农村供"),
    ]
    assert {d.text: d.rule_id for d in result.decisions}["提案人：某某中央"] == "paragraph.credit"


def test_who_tells_a_section_below_its_heading_is_a_line_of_the_text_not_a_heading():
    """A column of stories each told by its own teller: `讲述人：…` below each section's
    heading is a line of that section's text, as right below the headline, never a heading."""
    page = (
        "以投资于人推动人的全面发展（发展故事汇）\n\n本报记者  林  平\n\n"
        "投资于人，就是投资于未来。本期我们请三位基层干部讲述他们身边的故事，看各地如何把钱花在人身上。\n\n"
        "让孩子在家门口上好学\n\n讲述人：某县教育局副局长  王  明\n\n"
        "我们县这几年新建了十所学校，乡村孩子不用再跑远路，在家门口就能上好学。\n\n"
        "让老人在村里享清福\n\n讲述人：某镇民政办主任  李  华\n\n"
        "镇里的幸福食堂开了三年，七十岁以上的老人每天都能吃上热乎饭，子女在外打工也放心。\n"
    )
    result = parse_page(page)
    (article,) = result.articles
    assert article.subheads == ["让孩子在家门口上好学", "让老人在村里享清福"]
    rules = {d.text[:4]: d.rule_id for d in result.decisions if d.text.startswith("讲述人")}
    assert rules == {"讲述人：": "paragraph.credit"}
    assert [b.kind.name for b in article.blocks if b.text.startswith("讲述人")] == ["PARAGRAPH"] * 2


def test_who_tells_the_story_set_unindented_below_the_headline_is_its_byline():
    """Where paragraphs are indented, `主讲人：…` set flush below the headline names who tells
    the story, after who they are: not part of the headline (its H1) but its byline, as the
    paper's own e-edition files it: the story is theirs, not that of the reporter who wrote it
    down, credited at its end."""
    page = (
        "守护雪线上的公路（枝叶关情）\n"
        "主讲人：某省某县公路养护段应急队队长 扎西顿珠\n"
        f"{IND}那年冬天的一个傍晚，我带着队员上了山口。\n"
        f"{IND}天气预报说当晚有暴雪，我们提前把机械拉到山口待命。\n"
        f"{IND}（本报记者林小溪采访整理）\n"
    )
    result = parse_page(page)
    (article,) = result.articles
    assert article.title == "守护雪线上的公路（枝叶关情）"
    assert article.byline == "主讲人：某省某县公路养护段应急队队长 扎西顿珠"
    assert [b.text[:4] for b in article.blocks][:2] == ["那年冬天", "天气预报"]
    assert article.names.authors == ("扎西顿珠",)
    assert {d.text[:4]: d.rule_id for d in result.decisions}["主讲人："] == "byline.role-credit"


def test_who_tells_the_story_below_the_headline_is_its_byline_who_proposes_it_a_line_of_text():
    """Where blank lines part the blocks: `主讲人：…所长 周某某` (a person, named last) is the
    byline; `提案人：某某中央` (a body) stays the first line of the text."""
    page = (
        "经济大省挑大梁（发展故事汇·第18期）\n\n本期主讲人：某研究所所长 周某某\n\n"
        "今年全国两会期间，代表们围绕高质量发展建言献策，经济大省的担当备受关注。\n\n"
        "推进城乡供水一体化（提案摘要）\n\n提案人：某某中央\n\n"
        "案由：农村供水保障水平与城市相比仍有差距，部分地区水源单一、管网老化。\n"
    )
    told, proposed = parse_page(page).articles
    assert told.byline == "本期主讲人：某研究所所长 周某某" and told.names.authors == ("周某某",)
    assert told.blocks[0].text.startswith("今年全国两会期间")
    assert proposed.byline == "" and proposed.blocks[0].text == "提案人：某某中央"


def test_a_name_right_below_the_headline_signs_the_piece_whatever_the_join_evidence(evidence_that_always_joins):
    page = "写给孩子的歌（创作谈）\n\n谭小禾\n\n歌曲能被大家喜欢，是我没有想到的。\n"
    (article,) = parse_page(page).articles
    assert article.authors == ["谭小禾"]
    assert [b.text for b in article.blocks] == ["歌曲能被大家喜欢，是我没有想到的。"]


def test_the_heading_right_above_an_interviews_question_is_a_sub_head_whatever_the_evidence():
    from build_scripts.parse import evidence

    page = (
        "“把每一粒种子种好”——对话育种专家林秋\n\n本报记者 方 远\n\n近日，记者专访了林秋。\n\n"
        "“从一粒种子开始”\n\n问：您为什么选择育种？\n\n答：我在田边长大，总觉得种子里藏着希望。\n\n"
        "“好种子要经得起风雨”\n\n记者：推广新品种难在哪里？\n\n答：难在让农户相信，我们就一块田一块田地试。\n"
    )
    evidence.try_weights({"join": {"bias": -10.0}, "headline": {"bias": 10.0}})  # every line weighed a headline
    evidence.forget()
    try:
        result = parse_page(page)
    finally:
        evidence.try_weights({})
        evidence.forget()
    (article,) = result.articles
    kinds = ["PARAGRAPH", "SUBHEAD", "PARAGRAPH", "PARAGRAPH", "SUBHEAD", "PARAGRAPH", "PARAGRAPH"]
    assert [b.kind.name for b in article.blocks] == kinds
    assert {d.rule_id for d in result.decisions if d.text.startswith("“从") or d.text.startswith("“好")} == {
        "subhead.before-question"
    }
    # a Q&A's headline in pieces, its byline printed at its end, opens a new article
    qa = (
        "示例工作会议召开\n\n本报记者 方 远\n\n会议部署了下一阶段的工作。\n\n"
        "示例部新闻发言人 就某国相关做法答记者问\n\n问：某国近日的做法，示例部有何评论？\n\n"
        "答：这一做法违背市场原则，我们坚决反对。本报记者 许 望\n"
    )
    evidence.try_weights({"join": {"bias": -10.0}, "headline": {"bias": 10.0}})
    evidence.forget()
    try:
        first, second = parse_page(qa).articles
    finally:
        evidence.try_weights({})
        evidence.forget()
    assert second.title_parts == ["示例部新闻发言人", "就某国相关做法答记者问"] and second.authors == ["许望"]
    one_piece = qa.replace("示例部新闻发言人 就", "示例部新闻发言人就")
    evidence.try_weights({"join": {"bias": -10.0}, "headline": {"bias": 10.0}})
    evidence.forget()
    try:
        assert parse_page(one_piece).articles[1].title == "示例部新闻发言人就某国相关做法答记者问"
    finally:
        evidence.try_weights({})
        evidence.forget()


def test_a_pen_name_below_a_line_is_evidence_of_a_headline_as_a_reporters_name_is():
    from build_scripts.parse import evidence

    features = evidence.headline_features("当我们走近山水", "上一段。", "若 水 王小彬", 1, 1.0, "paragraph")
    assert features.get("after_byline") == 1.0


def test_a_sections_writer_below_its_heading_in_the_indent_layout_is_a_paragraph_and_the_text_goes_on():
    page = (
        "基层工作谈（大家谈）\n"
        + IND
        + "近日，本版约请基层干部谈体会。\n"
        + IND
        + "——编  者\n"
        + "".join(
            IND + line + "\n"
            for line in (
                "坚持“挖深井”",
                "示例省某某市  马小正",
                "初到基层，我向前辈请教做好工作的经验。",
                "多听群众的意见",
                "某某大学副校长  黄  辉",
                "听取意见，是做好工作的第一步。",
            )
        )
    )
    result = parse_page(page)
    (article,) = result.articles
    assert [b.text for b in article.blocks if b.kind.name == "SUBHEAD"] == ["坚持“挖深井”", "多听群众的意见"]
    assert "示例省某某市  马小正" in article.text and article.text.endswith("听取意见，是做好工作的第一步。")
    assert article.authors == ["马小正", "黄辉"]
    assert {d.rule_id for d in result.decisions if d.line in (5, 8)} == {"byline.section"}
    # the signatures below a treaty's text sign it: no section, no writers
    treaty = "示例友好条约\n" + "".join(
        IND + line + "\n"
        for line in ("本条约于二〇三〇年五月一日在北京签订。", "中华人民共和国主席  张  三", "示例共和国总统  李四海")
    )
    assert parse_page(treaty).articles[0].authors == []


@pytest.mark.parametrize("space", ["end of the line", "start of the next", "filling the line"])
def test_a_space_where_wrapped_text_breaks_keeps_the_names_either_side_apart(space):
    lines = [
        IND + "城市书房的开放时间延长至晚上",
        "十点，周末还将再举办读书分享会，",
        "书房新添了儿童阅览区，配备了上",
        "千册绘本，还有志愿者讲故事。欢迎",
        "市民前来书房阅读。本报记者 钟岚 ",  # wrapped at the column's 16 characters
        "许望海",
    ]
    if space == "start of the next":
        lines[-2:] = [lines[-2].rstrip(), " " + lines[-1]]
    if space == "filling the line":  # as wide as the column only with the spaces that end it
        lines[-2] = "市民来阅读。本报记者 钟岚\u00a0\u00a0\u00a0"
    page = "城市书房延长开放时间\n" + "\n".join(lines) + "\n" + IND + "附近的学校也组织学生前来参观。\n"
    (article,) = parse_page(page).articles
    assert article.authors == ["钟岚", "许望海"]
    assert article.text.startswith("城市书房的开放时间延长至晚上十点，")  # no space where none was printed


def test_a_headline_line_as_wide_as_the_wrapped_column_is_no_paragraphs_first_line():
    column = [
        IND + "城市书房的开放时间延长至晚上",  # wrapped at 16 characters
        "十点，周末还将再举办读书分享会，",
        "书房新添了儿童阅览区，配备了上",
        "千册绘本，还有志愿者讲故事。",
    ]
    page = "\n".join(
        ["城市书房延长开放时间", *column, ""]
        + ["示例县：预警抢出窗口期，农技到田", "五千亩示范片秧苗逐渐恢复长势（三夏进行时·防汛保丰收）"]
        + [IND + "当下，早稻生长正值关键期，农", "技人员分组下田，逐块查看秧苗长势", "指导农户排水追肥。"]
    )
    first, second = parse_page(page + "\n").articles
    assert second.title_parts == [
        "示例县：预警抢出窗口期，农技到田",
        "五千亩示范片秧苗逐渐恢复长势（三夏进行时·防汛保丰收）",
    ]
    assert second.text == "当下，早稻生长正值关键期，农技人员分组下田，逐块查看秧苗长势指导农户排水追肥。"
    # at the page's top, the rest of a paragraph from the page before, a blank line above it
    more = [IND + "附近的学校也组织学生前来参观", "老师们说这样的安排很受欢迎。", IND + "书房负责人介绍，今后还将增加"]
    rest = ["推动产业转型升级，培育壮大新兴产", "业，让更多群众在家门口就业增收。", *column, *more, "更多服务。"]
    assert parse_page("\n" + "\n".join(rest) + "\n").articles[0].text.startswith("推动产业转型升级，培育壮大新兴产业，")
    # below a paragraph that trails off (`……`) a page break may have cut it: no headline
    rest = ["充分发挥自身优势，落实好这些战略", "举措。"]
    trailing = "\n".join(["城市书房延长开放时间", *column[:3], "千册绘本，还有志愿者讲故事……", "", *rest])
    (article,) = parse_page(trailing + "\n").articles
    assert article.blocks[-1].text == "充分发挥自身优势，落实好这些战略举措。"


@pytest.mark.parametrize("credit", ["本期统筹：付小丽", "制图：付小丽"])
def test_nothing_carries_on_the_line_crediting_who_put_the_page_together(credit):
    page = (
        "健康，给孩子最好的礼物（服务窗）\n"
        + IND
        + "户外活动每天不少于两小时。\n"
        + IND
        + credit
        + "\n\n\n"
        + "毕业论文致谢门卫，何以动人？（民生观）\n"
        + IND
        + "学位论文的致谢中，我们通常感谢导师。\n"
    )
    first, second = parse_page(page).articles
    assert first.blocks[-1].text == credit
    assert second.title == "毕业论文致谢门卫，何以动人？（民生观）"


def test_a_sentence_opening_with_a_role_word_and_a_colon_is_carried_on_as_any(evidence_that_always_joins):
    page = "示例展览开幕\n\n本报记者 方 远\n\n展览分三个单元。\n\n策划：策展团队走访了十余个村落，收集了大量\n\n老物件和口述史料。\n"
    (article,) = parse_page(page).articles
    assert article.blocks[-1].text == "策划：策展团队走访了十余个村落，收集了大量老物件和口述史料。"


def test_an_editors_note_a_page_break_cut_in_the_indent_layout_goes_on_below_it():
    page = (
        "编者按\n"
        + IND
        + "编者按：示例规则明确了疲劳驾驶的认定标准；示例条例要求开发水源和节约用水\n\n"
        + "相结合，持续增强供水安全保障能力。本版予以解读。\n\n"
        + "示例规则6月起实施\n"
        + IND
        + "示例规则明确，驾驶人连续驾驶超过4小时未停车休息的，应认定为疲劳驾驶。\n"
        + IND
        + "规则还明确了疲劳驾驶的检测方法。\n"
        + IND
        + "规则自6月1日起施行。\n"
    )
    note, article = parse_page(page).articles
    assert note.blocks[-1].text.endswith("节约用水相结合，持续增强供水安全保障能力。本版予以解读。")
    assert article.title == "示例规则6月起实施"


def test_running_text_copied_with_a_space_ending_every_line_joins_without_spaces():
    lines = [
        IND + "城市书房的开放时间延长至晚上 ",  # wrapped at 16 characters, a space after each
        "十点，周末还将再举办读书分享会， ",
        "书房新添了儿童阅览区，配备了上 ",
        "千册绘本，还有志愿者讲故事。",
        IND + "书房今后将增加更多服务。 ",  # a sentence's end and a space: no wrapped line
        "孩子们的新去处",
        IND + "附近的学校组织学生前来参观。",
    ]
    (article,) = parse_page("城市书房延长开放时间\n" + "\n".join(lines) + "\n").articles
    assert article.blocks[0].text == "城市书房的开放时间延长至晚上十点，周末还将再举办读书分享会，" + (
        "书房新添了儿童阅览区，配备了上千册绘本，还有志愿者讲故事。"
    )
    assert [b.text for b in article.blocks[1:3]] == ["书房今后将增加更多服务。", "孩子们的新去处"]


def test_names_a_page_break_cut_off_in_the_indent_layout_are_not_a_byline():
    page = (
        f"山村民宿游客多\n本报记者 江 南\n{IND}民宿窗外就是小河，确是“望得见山、看得见水”。朱曼一家\n\n"
        f"连呼“玩得比在游乐园还开心”。\n{IND}下一步，村里还将开发更多线路。\n"
    )
    (article,) = parse_page(page).articles
    assert article.authors == ["江南"]
    assert article.blocks[0].text.endswith("朱曼一家连呼“玩得比在游乐园还开心”。")


def test_a_rare_surname_before_a_word_is_a_name_a_word_alone_is_not():
    from build_scripts.parse.patterns import is_signature_name

    assert is_signature_name("代大权") and is_signature_name("郜 庆") and is_signature_name("欧阳小明")
    assert not is_signature_name("最高") and not is_signature_name("关注当下")


def test_a_photographers_report_below_a_headline_is_its_byline():
    page = "酸笋有了质检员\n\n新华社记者 曹小明摄影报道\n\n近年来，酸笋产业快速发展。\n"
    (article,) = parse_page(page).articles
    assert article.authors == ["曹小明"]


def test_any_name_after_a_note_on_the_writer_is_the_writers():
    page = "让服务更便利\n\n生活服务业扩能提质，关乎千家万户。（作者为某研究院研究员）戈小霞\n"
    (article,) = parse_page(page).articles
    assert article.authors == ["戈小霞"] and article.text.endswith("（作者为某研究院研究员）")


def test_a_name_before_our_reporters_is_no_newspaper():
    from build_scripts.parse.patterns import is_byline_line

    assert not is_byline_line("韩小瑶本报记者 杨小菲") and is_byline_line("人民日报记者 王洋")


def test_reporters_in_brackets_at_the_end_of_a_signed_article_are_a_note_in_its_text():
    page = (
        "国乒捍卫荣誉\n\n孙小飞 闫小齐\n\n中国队再度捧回双冠。\n\n（本报记者  王  者整理）\n\n\n"
        "麦田静悄悄\n\n本报记者\n\n春耕时节，化肥供应充足。\n\n（本报记者邓小霞、张小锋）\n"
    )
    signed, collective = parse_page(page).articles
    assert signed.authors == ["孙小飞", "闫小齐"] and signed.blocks[-1].text == "（本报记者  王  者整理）"
    assert collective.authors == ["邓小霞", "张小锋"] and collective.blocks[-1].kind.value == "note"


def test_a_note_naming_the_reporter_who_interviewed_the_writer_is_a_note():
    page = "脑机接口唤醒双手\n\n患者的手又能动了。\n\n（作者为某大学教授，本报记者李小强采访整理）\n"
    (article,) = parse_page(page).articles
    assert article.blocks[-1].kind.value == "note" and article.authors == []


def test_two_words_spaced_apart_are_no_names():
    from build_scripts.parse.patterns import is_signature_name

    assert not is_signature_name("育警铸魂  薪火相传") and is_signature_name("王江燕 马 奔")


def test_a_dateline_may_name_the_place_without_the_date_but_not_run_into_a_word():
    from build_scripts.parse.patterns import dateline_of

    assert dateline_of("本报深圳电  （记者姜小丹）科研人员推出新平台。")[:2] == ("本报深圳电", "（记者姜小丹）")
    assert dateline_of("本报电视台昨晚播出了新节目。") is None


def test_a_dispatch_from_two_places_has_its_dateline_and_credit():
    page = "两地口岸通关突破千万人次\n\n本报珠海、澳门4月27日电  （记者林海、宋波）两地口岸通关人次创新高。\n"
    (article,) = parse_page(page).articles
    assert article.dateline == "本报珠海、澳门4月27日电" and article.authors == ["林海", "宋波"]
    assert article.text == "两地口岸通关人次创新高。"


def test_an_institution_below_a_headline_signs_the_piece_where_indentation_marks_paragraphs():
    page = (
        "纪念老同志诞辰一百周年\n某某省党史研究院\n"
        f"{IND}老同志的一生，是奋斗的一生，他为国家建设作出了重要贡献。\n"
        f"{IND}他永远值得我们怀念，他的精神永远激励我们前行。\n"
        f"{IND}我们要学习他的崇高品德，在新征程上继续奋斗。\n"
    )
    (article,) = parse_page(page).articles
    assert article.title == "纪念老同志诞辰一百周年"
    assert article.authors == ["某某省党史研究院"]


def test_a_long_headline_with_commas_above_a_byline_opens_the_page():
    # kicker and main title run together (a column-wide first line joined to the next one)
    headline = "全市开展第三届“夏日消费节”，安排近千万元消费券一街一主题，串起吃住行游购（聚焦假期消费）"
    assert len(headline) > 40
    page = f"{headline}\n\n本报记者 田 野\n\n假期里，全市各大商圈客流明显回升，不少商户推出了优惠活动。\n"
    (article,) = parse_page(page).articles
    assert article.title == headline and article.authors == ["田野"]


def test_reporters_credited_after_a_dateline_without_their_role_are_the_byline():
    page = "新区一季度项目开工\n\n本报北京5月20日电  （王云河、薛子明）记者从新区管委会获悉，一季度开工项目58个。\n"
    (article,) = parse_page(page).articles
    assert article.authors == ["王云河", "薛子明"]
    assert article.text.startswith("记者从新区管委会获悉")


def test_a_long_name_written_out_from_another_language_credits_a_dispatch():
    page = "两国举行经贸会谈\n\n据新华社乌兰巴托5月4日电  （记者巴特尔其其格）两国代表当日举行会谈。\n"
    (article,) = parse_page(page).articles
    assert article.authors == ["巴特尔其其格"]


def test_a_bracketed_phrase_after_a_dateline_is_not_a_credit():
    page = "新机型亮相\n\n本报上海5月20日电  （全球首发）一款新机型当日亮相。\n"
    (article,) = parse_page(page).articles
    assert article.authors == []


def test_a_kicker_ending_in_a_colon_above_a_confirmed_headline_is_its_first_piece():
    page = (
        f"{IND}新区一季度开工项目58个，总投资超过百亿元。\n\n"
        "市消协发布“端午”消费提示：\n"
        "理性消费，倡导文明节日风尚\n"
        "本报记者 齐志远\n"
        f"{IND}端午假期临近，各地将迎来出行和消费的高峰。\n"
        f"{IND}市消协提醒，出行前要合理安排行程。\n"
    )
    articles = parse_page(page).articles
    assert articles[-1].title == "市消协发布“端午”消费提示： 理性消费，倡导文明节日风尚"
    assert articles[-1].authors == ["齐志远"]


def test_an_institution_with_a_second_name_in_brackets_signs_the_piece():
    signer = "某省委党校（某省行政学院）校（院）务委员会"
    page = (
        f"为构建自主知识体系贡献力量\n{signer}\n"
        f"{IND}近日，学校召开专题会议，研究部署有关工作。\n{IND}会议要求，各部门要抓好落实。\n"
    )
    (article,) = parse_page(page).articles
    assert article.authors == [signer]


def test_a_columns_name_joined_by_a_middle_dot_is_no_name():
    page = (
        "海外来信\n\n麦克·奥杜罗\n\n我在这里学习了三年，认识了很多朋友。\n\n"
        "导读\n\n文化·书香\n\n一座城市的阅读地图\n\n第十二版\n\n国际·视点\n\n小店经济活力足\n\n第十版\n"
    )
    letter, box = parse_page(page).articles
    assert letter.authors == ["麦克·奥杜罗"]  # a name written out from another language stays one
    assert box.title == "导读" and not box.authors and box.text.startswith("文化·书香")


def test_a_letters_heading_spaced_like_a_name_is_no_byline():
    page = (
        "总书记回信勉励青年代表 矢志拼搏奋斗\n\n回  信\n\n青年朋友们：\n\n"
        "你们好！来信收到了，得知你们获得表彰，我表示祝贺。\n\n希望你们继续努力。\n\n习近平\n\n2026年5月3日\n"
    )
    (letter,) = parse_page(page).articles
    assert not letter.authors and letter.byline == ""
    assert letter.blocks[0].text == "回  信" and letter.blocks[-1].text == "2026年5月3日"


def test_a_letter_signed_and_dated_then_the_news_of_it_make_one_article():
    page = (
        "总书记致信祝贺学会成立六十周年\n\n回  信\n\n中国科学学会：\n\n"
        "欣悉学会成立六十周年，我表示热烈的祝贺！\n\n希望你们再接再厉，再创佳绩！\n\n习近平\n\n2026年5月2日\n\n"
        "（新华社北京5月3日电）\n\n新华社北京5月3日电  在学会成立六十周年之际，总书记发来贺信。\n\n"
        "贺信在学会引起热烈反响。\n"
    )
    (letter,) = parse_page(page).articles
    texts = [block.text for block in letter.blocks]
    assert texts[texts.index("希望你们再接再厉，再创佳绩！") + 1 :][:2] == ["习近平", "2026年5月2日"]
    assert not letter.authors and texts[-1] == "贺信在学会引起热烈反响。"
    assert all(block.kind.value != "subhead" for block in letter.blocks[1:])


@pytest.mark.parametrize(
    "team",
    [
        "王明、李华、张强、赵敏、刘洋、陈静、杨帆、黄磊、周婷",
        # a national round-up credits a dozen or more (on the real pages: 15 notes past 8 names)
        "王明、李华、张强、赵敏、刘洋、陈静、杨帆、黄磊、周婷、阿尔达克、吴凯、郑楠、孙悦",
    ],
)
@pytest.mark.parametrize("glued", ["", "本报记者"])  # the top's byline printed again after the note
def test_a_team_of_reporters_credited_at_the_end_names_the_authors_of_a_collective_byline(team, glued):
    page = (
        f"论坛凝聚共识\n\n本报记者\n\n各地文化事业蓬勃发展。\n\n群众文化生活日益丰富。\n\n（本报记者{team}）{glued}\n"
    )
    (article,) = parse_page(page).articles
    assert article.authors == team.split("、") and article.byline.startswith("本报记者")
    assert article.blocks[-1].kind.value == ("paragraph" if glued else "note")


def test_the_bracketed_date_a_document_was_adopted_is_its_text_not_a_headline():
    page = (
        "两部门印发《城市绿地管理办法》\n\n本报北京5月7日电  近日，两部门印发《城市绿地管理办法》，要求各地认真贯彻落实。"
        "\n\n《城市绿地管理办法》全文如下。\n\n城市绿地管理办法\n\n\n（2026年3月19日部务会议审议通过  2026年4月25日发布）\n\n"
        "第一条  为了加强城市绿地管理，改善人居环境，根据有关法律法规，制定本办法。\n\n"
        "第二条  本办法适用于城市绿地的规划、建设、保护和管理。\n\n第三条  本办法自发布之日起施行。\n"
    )
    (article,) = parse_page(page).articles  # a wider gap above the date, as on the real page
    texts = [block.text for block in article.blocks]
    assert "（2026年3月19日部务会议审议通过  2026年4月25日发布）" in texts and texts[-1].startswith("第三条")


def test_a_long_first_block_above_a_writers_name_is_the_pages_first_headline():
    page = (
        "坚持以人民为中心的发展思想，推动经济社会高质量发展不断取得新成效（深入学习贯彻新发展理念）\n\n沈传宝\n\n"
        "习近平总书记指出：“发展是解决一切问题的基础和关键。”\n\n坚持以人民为中心，是发展的根本立场。\n"
    )
    (article,) = parse_page(page).articles
    assert article.title.startswith("坚持以人民为中心") and article.authors == ["沈传宝"]
    assert article.blocks[0].text.startswith("习近平总书记指出")


def test_a_joint_statements_signature_block_is_its_last_paragraphs_not_an_article():
    page = (
        "甲国和乙国联合声明\n\n甲国和乙国都拥有悠久历史。\n\n双方同意加强各领域合作。\n\n"
        "甲国主席     乙国总统\n\n王  明             安德烈·彼得罗夫\n\n二〇二六年五月二十日于北京\n\n"
        "（新华社北京5月20日电）\n\n两国元首会谈\n\n本报记者 方 远\n\n两国元首当日举行会谈。\n"
    )
    statement, talks = parse_page(page).articles
    texts = [block.text for block in statement.blocks]
    assert texts[texts.index("双方同意加强各领域合作。") + 1 :][:3] == [
        "甲国主席     乙国总统",
        "王  明             安德烈·彼得罗夫",
        "二〇二六年五月二十日于北京",
    ]
    assert not statement.authors and talks.authors == ["方远"]


def test_the_body_issuing_a_notice_and_its_date_sign_it_in_its_text():
    page = (
        "某省重大课题研究招标公告\n\n一、招标课题\n\n课题名单见某省社科网。\n\n二、其他事项\n\n"
        "每项课题安排研究经费十万元，具体内容详见招标文件。\n\n"
        "某省重大课题研究招投标工作联席会议办公室\n\n2030年4月28日\n"
    )
    result = parse_page(page)
    (notice,) = result.articles
    assert notice.subheads == ["一、招标课题", "二、其他事项"]
    assert [b.text for b in notice.blocks][-2:] == ["某省重大课题研究招投标工作联席会议办公室", "2030年4月28日"]
    assert {d.rule_id for d in result.decisions if d.line in (11, 13)} == {"paragraph.signature"}


def test_a_contact_line_with_an_address_is_never_a_headline():
    from build_scripts.parse.shapes import could_be_headline

    contact = "本版邮箱：laigao@example.cn（来稿请注明栏目名）"
    assert not could_be_headline(contact)
    assert not could_be_headline("投稿网址：https://example.cn/tougao")
    page = (
        "说说身边的新变化\n\n本报记者 方 远\n\n小区门口新开了一家书店，周末总是坐满了人。\n\n"
        f"欢迎来稿\n\n写下你身边的新变化，与读者分享。\n\n{contact}\n"
    )
    articles = parse_page(page).articles
    assert not any("邮箱" in article.title for article in articles)
    assert articles[-1].blocks[-1].text == contact


def test_a_name_alone_below_the_last_sentence_signs_the_piece_off():
    page = (
        "图片报道\n\n春耕时节，田野里处处是忙碌的身影。\n\n这正是：\n\n田间农事忙，\n\n处处好风光。\n\n"
        "林  之文\n\n\n\n漫谈\n\n小区门口新开了一家书店，周末总是坐满了人。\n"
    )
    result = parse_page(page)
    first, second = result.articles
    # (the line kept as printed, its writer the piece's author: `picture_story_credit`)
    assert first.title == "图片报道" and first.blocks[-1].text == "林  之文" and first.authors == ["林之"]
    assert second.title == "漫谈"  # the piece above is signed off: what follows opens an article
    assert "paragraph.signed-off" in {decision.rule_id for decision in result.decisions}
    # with a headline its byline confirms right below the name, as with a wider gap
    page = (
        "图片报道\n\n田间农事忙，\n\n处处好风光。\n\n林  之文\n\n"
        "“跨城送饭” 一碗乡愁\n\n本报记者 方 远\n\n每天清晨，她都把饭菜装进保温盒。\n"
    )
    result = parse_page(page)
    first, second = result.articles
    assert first.blocks[-1].text == "林  之文" and second.title == "“跨城送饭” 一碗乡愁"
    assert [d.rule_id for d in result.decisions if d.line == 7] == ["paragraph.signed-off"]
    # a name spaced out with 文 after it says who wrote the lines, whatever follows
    page = (
        "图片报道\n\n田间农事忙，\n\n处处好风光。\n\n林  之文\n\n漫谈\n\n小区门口新开了一家书店，周末总是坐满了人。\n"
    )
    result = parse_page(page)
    assert result.articles[0].blocks[-1].text == "林  之文"
    assert [d.rule_id for d in result.decisions if d.line == 7] == ["paragraph.signed-off"]
    # a name the text follows is a section's heading, not a signature
    page = "三位老师的故事\n\n本报记者 方 远\n\n他们都在山里教书。\n\n林  海\n\n林海教了三十年书。\n"
    assert "paragraph.signed-off" not in {decision.rule_id for decision in parse_page(page).decisions}


def test_a_box_heading_right_below_the_byline_stays_in_the_article():
    page = (
        "古城老街焕新颜\n\n本报记者 方 远\n\n头条看点\n\n修缮老建筑，留住烟火气；引入新业态，激活夜经济。\n\n"
        "清晨的老街，石板路上还带着露水。\n\n人物小传\n\n老周，六十八岁，在老街修了四十年钟表。\n"
    )
    result = parse_page(page)
    (article,) = result.articles
    assert article.authors == ["方远"]
    assert [d.rule_id for d in result.decisions if d.rule_id == "subhead.article-box"] == ["subhead.article-box"] * 2


def test_a_heading_over_text_signed_at_its_end_is_weighed_as_an_article_signed_there():
    from build_scripts.ingest.corrections import Corrections
    from build_scripts.parse.evidence import headline_features
    from build_scripts.parse.parser import _Parser

    page = (
        "古城老街焕新颜\n\n本报记者 方 远\n\n清晨的老街，石板路上还带着露水。\n\n"
        "展会上看新技术\n\n机器人、无人机……展馆里人头攒动。本报记者 林 溪\n\n"
        "修缮老建筑\n\n老街的修缮从去年开始。\n\n留住烟火气\n\n老字号陆续回来了。\n"
    )
    parser = _Parser(page, 1, Corrections())
    texts = [unit.text for unit in parser.units]
    signed = {text: parser._signed_below(k) for k, text in enumerate(texts)}
    assert signed["展会上看新技术"] and not signed["修缮老建筑"]
    features = headline_features("展会上看新技术", None, None, 1, 1.0, "paragraph", True, True, signed_below=True)
    assert features["credited_above:1_signed_below:1"] == 1.0


# An essay that opens with the writer's own poem: its lines without a comma read as sub-heads
# (short, no stop), those with one as text.
QUOTED_POEM = (
    "诗在田间生长\n\n本报记者 林 溪\n\n诗歌是什么？\n\n我沿着前人的足迹\n\n寻找一条小路\n\n"
    "伟大的诗人，都有自己的答案\n\n没有重复，如同戒律\n\n我看见无数的田地\n\n"
    "同一种庄稼，从不整齐划一\n\n我这样对自己说\n\n"
    "人和土地的关系，是我写作的开端。我在工地干过，也在山里放过羊，这些日子后来都进了诗里。\n\n"
    "白天劳作，夜晚写作，这是我的日常生活。写下的每一行，都带着泥土的气息。\n"
)


def test_the_lines_of_a_poem_quoted_in_the_text_are_no_sub_heads():
    result = parse_page(QUOTED_POEM)
    (article,) = result.articles
    assert article.subheads == []
    assert [block.kind for block in article.blocks] == [Kind.PARAGRAPH] * 10
    quoted = {d.text for d in result.decisions if d.rule_id == "paragraph.quoted-poem"}
    assert quoted == {"我沿着前人的足迹", "寻找一条小路", "我看见无数的田地", "我这样对自己说"}


_VERSE = (
    "故乡的河，流过我的童年",
    "母亲的灯，亮在窗前",
    "麦子黄了，又青了",
    "父亲的背，弯成了犁",
    "我写下这些，寄给远方",
)
_PROSE = (
    "写作这些年，我一直在想，诗从哪里来。答案其实就在身边，在土地里，在劳动中。",
    "每一次回到故乡，我都会去河边走走。那里的一草一木，都是我的老师。",
)


@pytest.mark.parametrize(
    "headings",
    [("一、泥土里长出的诗", "二、写给故乡的信", "三、诗和远方"), ("泥土里长出的诗", "写给故乡的信", "诗和远方")],
)
def test_the_headings_of_sections_around_a_quoted_poem_stay_headings(headings):
    """A section that opens with a poem: its heading above the poem, and the next section's
    heading below it, above prose, head their sections — numbered or not."""
    first, second, third = headings
    page = _blocks_page(
        "我的诗与土地", "本报记者 林 溪", first, _PROSE[0], second, *_VERSE, _PROSE[1], third, _PROSE[0]
    )
    (article,) = parse_page(page).articles
    assert article.subheads == list(headings)


def test_a_lists_heading_above_short_lines_stays_a_sub_head():
    """A list's lines have no comma (but for notes on it): its heading heads it."""
    page = (
        "文化企业名单发布\n\n本报北京5月21日电  （记者胡 源）今年的名单今天发布，入选企业覆盖出版、影视等行业。\n\n"
        "企业名单\n\n（共8家，排名不分先后）\n\n"
        + "".join(f"{name}有限公司\n\n" for name in ("中国出版集团", "中国电影集团", "华夏电影发行", "咪咕文化科技"))
        + "".join(f"{name}有限公司\n\n" for name in ("完美世界", "河北出版传媒", "上海电影", "浙江出版联合"))
        + "（名单由组委会发布，按地区排列）\n"
    )
    result = parse_page(page)
    assert result.articles[0].subheads == ["企业名单"]
    assert not {d.rule_id for d in result.decisions} & {"paragraph.quoted-poem"}


def test_lines_labelled_sub_heads_in_a_row_are_a_poems_lines():
    from build_scripts.parse.model import Kind

    page = "山村的早晨\n\n林 溪\n\n雾从山腰升起\n\n鸡鸣叫醒了炊烟\n\n石板路上\n\n走来背篓的人\n"
    result = parse_page(page)
    (article,) = result.articles
    assert [block.kind for block in article.blocks] == [Kind.PARAGRAPH] * 4
    assert {d.rule_id for d in result.decisions if d.line >= 5} == {"paragraph.lines"}
    # a sub-head or two above their text stay sub-heads
    page = (
        "山村的早晨\n\n本报记者 林 溪\n\n村里通了公路，车开到了村口。\n\n新的路\n\n路修到了家门口，孩子们上学方便了。\n"
    )
    assert Kind.SUBHEAD in {block.kind for block in parse_page(page).articles[0].blocks}


def test_in_a_poem_a_line_alone_taken_for_a_sub_head_is_a_line_of_it():
    """Every block a short line without a full stop: a poem. A line the headline evidence
    took for a sub-head between lines with commas is one of its lines too."""
    from build_scripts.parse.model import Kind

    page = (
        "桥上\n\n林 溪\n\n"
        "桥窄，仅够两个人并排\n\n两支队伍走到中间，停住了\n\n他们看对方，坚毅的脸\n\n"
        "两只手紧紧握在桥中间\n\n桥下河水很响，但听见的是心跳\n\n后来的书上写着，会师\n\n"
        "印成铅字，很重\n"
    )
    (article,) = parse_page(page).articles
    assert [block.kind for block in article.blocks] == [Kind.PARAGRAPH] * 7
    # in prose, such a line between paragraphs stays a sub-head
    prose = (
        "桥上\n\n本报记者 林 溪\n\n桥窄，仅够两个人并排走过。两支队伍走到中间，停住了。\n\n"
        "两只手紧紧握在桥中间\n\n桥下河水很响，大家听见的是彼此的心跳。\n"
    )
    assert Kind.SUBHEAD in {block.kind for block in parse_page(prose).articles[0].blocks}


def test_a_sections_number_alone_on_its_line_heads_the_section():
    page = (
        "说说老街\n\n林 溪\n\n老街的来历，要从一口井说起\n\n一\n\n人有血肉之躯，更有文化之魂。老街也是。\n\n"
        "二\n\n老街的修缮从去年开始。\n"
    )
    result = parse_page(page)
    (article,) = result.articles
    assert [block.text for block in article.blocks][-4:] == [
        "一",
        "人有血肉之躯，更有文化之魂。老街也是。",
        "二",
        "老街的修缮从去年开始。",
    ]
    assert [d.rule_id for d in result.decisions if d.text in ("一", "二")] == ["subhead.marker"] * 2


def test_a_name_that_helped_write_the_piece_is_named_without_the_words_that_say_so():
    from build_scripts.parse.patterns import parse_names

    assert parse_names("（本报记者 方 远  麦克·李参与采写）").authors == ("方远", "麦克·李")
    assert parse_names("本报记者 林 溪采写").authors == ("林溪",)


def test_lines_of_verse_stay_lines_though_the_first_ends_with_a_comma():
    from build_scripts.parse.breaks import verse_pair

    page = (
        "读书的好时节\n\n林 溪\n\n春日正好，图书馆里坐满了人。\n\n这正是：\n\n"
        "春风翻书页，\n\n灯下有墨香。\n\n一卷在手中，\n\n岁月自芬芳。\n"
    )
    result = parse_page(page)
    (article,) = result.articles
    assert [block.text for block in article.blocks][-4:] == [
        "春风翻书页，",
        "灯下有墨香。",
        "一卷在手中，",
        "岁月自芬芳。",
    ]
    assert [d.rule_id for d in result.decisions if d.text in ("灯下有墨香。", "岁月自芬芳。")] == [
        "paragraph.verse"
    ] * 2
    # the halves of a paragraph a break cut after a comma are no verse: not as long, or longer
    assert not verse_pair("春日正好，图书馆里坐满了人，", "有的还带着孩子。")
    assert not verse_pair("图书馆里坐满了前来借书的读者，", "孩子们一坐就是一整个下午。")


def test_a_heading_shaped_like_one_further_down_heads_a_section_of_the_same_article():
    from build_scripts.ingest.corrections import Corrections
    from build_scripts.parse.parser import _Parser

    page = (
        "老街新事多\n\n本报记者 方 远\n\n老街的变化，街坊们看在眼里。老街的新事，一件接着一件。\n\n"
        "老街开书店\n\n读书人多了\n\n老街的书店开在巷口，街坊们常来坐坐。\n\n"
        "老街办市集\n\n烟火气浓了\n\n老街的市集办在河边，街坊们周末都来逛逛。\n"
    )
    parser = _Parser(page, 1, Corrections())
    parallel = {unit.text: parser._parallel_below(k) for k, unit in enumerate(parser.units)}
    # a two-line heading with another below it; the last one has none like it further down
    assert parallel["老街开书店"] and not parallel["老街办市集"]
    (article,) = parse_page(page).articles  # two sections of one article, not two more articles
    assert [block.text for block in article.blocks if block.kind.value == "subhead"] == [
        "老街开书店",
        "读书人多了",
        "老街办市集",
        "烟火气浓了",
    ]


def test_a_line_as_long_as_the_articles_sub_heads_is_one_more_not_a_signature():
    page = (
        "老手艺里的年味\n\n本报记者 方 远\n\n年关将近，老街上的手艺人忙了起来。\n\n"
        "剪纸\n\n一把剪刀，剪出满窗的喜气。\n\n"
        "年画\n\n一块木版，印出一年的盼头。\n\n"
        "糖画\n\n灶台上的年夜饭\n\n本报记者 林 溪\n\n年夜饭，是一年里最用心的一顿饭。\n"
    )
    result = parse_page(page)
    assert "paragraph.signed-off" not in {d.rule_id for d in result.decisions}
    # (whether the first short line heads a part or a piece of its own is the evidence's call)
    holding = next(a for a in result.articles if any(b.text == "年画" for b in a.blocks))
    subheads = [b.text for b in holding.blocks if b.kind.value == "subhead"]
    assert subheads[-2:] == ["年画", "糖画"]
    # a writer's name below the last sentence, where the article has no sub-head as long
    page = (
        "老手艺里的年味\n\n年关将近，老街上的手艺人忙了起来。\n\n林溪\n\n灶台上的年夜饭\n\n本报记者 方 远\n\n年夜饭。\n"
    )
    assert "paragraph.signed-off" in {d.rule_id for d in parse_page(page).decisions}


def test_a_line_opening_with_a_star_is_an_item_of_a_list_not_a_headline():
    page = (
        "劳动铸荣光\n\n本报记者 方 远\n\n先进典型来自各行各业。\n\n集体事迹精选\n\n"
        "★滨江市第一中学物理教研组（女职工集体）\n\n教研组深耕课堂三十年。\n\n"
        "★滨江市公交集团八路车队\n\n车队安全行驶一千万公里。\n"
    )
    result = parse_page(page)
    (article,) = result.articles
    assert [d.rule_id for d in result.decisions if d.text.startswith("★")] == ["subhead.marker"] * 2


def test_a_heading_is_weighed_with_how_many_blocks_the_article_above_has():
    from build_scripts.ingest.corrections import Corrections
    from build_scripts.parse.parser import _Parser

    page = (
        "老街新事多\n\n本报记者 方 远\n\n老街的变化，街坊们看在眼里。\n\n老街的新事，一件接着一件。\n\n"
        "巷口开了家书店\n\n书店开在巷口，常有人来坐坐。\n"
    )
    parser = _Parser(page, 1, Corrections())
    parser.run()
    weighed = {unit.text: features for unit, features in parser.weighed}
    assert weighed["巷口开了家书店"]["blocks_above:2"] == 1.0


def test_a_section_heading_in_two_pieces_is_one_heading_of_the_page():
    from build_scripts.writers.article_pages import body_markdown

    page = (
        "老街新事多\n\n本报记者 方 远\n\n老街的变化，街坊们看在眼里。老街的新事，一件接着一件。\n\n"
        "老街开书店\n\n读书人多了\n\n老街的书店开在巷口，街坊们常来坐坐。\n\n"
        "老街办市集\n\n年味更浓了\n\n腊月里，老街办起了年货市集，街坊们逛得热闹。\n"
    )
    (article,) = parse_page(page).articles
    body = body_markdown(article)
    assert '## 老街开书店 <span class="subhead-second-line">读书人多了</span>\n\n老街的书店开在巷口' in body
    assert '## 老街办市集 <span class="subhead-second-line">年味更浓了</span>\n\n腊月里' in body
    assert body.count("## ") == 2


def test_a_row_of_stars_between_parts_of_the_text_is_a_divider_on_the_page():
    from build_scripts.writers.article_pages import body_markdown

    page = (
        "老街新事多\n\n本报记者 方 远\n\n老街的变化，街坊们看在眼里。\n\n***    ***\n\n"
        "腊月里，老街办起了年货市集，街坊们逛得热闹。\n"
    )
    (article,) = parse_page(page).articles
    assert "***    ***" in article.text  # the record keeps the line as printed
    body = body_markdown(article)
    assert '\n\n<hr class="article-divider" title="***    ***">\n\n腊月里' in body
    assert "\\*" not in body


def test_a_line_ending_with_an_office_and_a_name_is_never_the_first_part_of_a_cut_paragraph():
    from build_scripts.ingest.corrections import Corrections
    from build_scripts.parse.breaks import ends_with_office_and_name

    page = (
        "企业家谈创新\n\n本报记者 方 远\n\n几位企业家谈了各自的体会。\n\n"
        "滨江机械有限公司党委书记、董事长  林海涛\n\n"
        "滨江机械有限公司以创新为价值原点，致力于让每一台机器更节能、更安全，让工人的双手更轻松。\n"
    )
    # labelled a paragraph (as the page's own flow labels such a line below a section's
    # heading): the block below is not its rest
    result = parse_page(page, corrections=Corrections(labels={7: "paragraph"}))
    (article,) = result.articles
    assert [b.text for b in article.blocks][-2] == "滨江机械有限公司党委书记、董事长  林海涛"
    assert [d.rule_id for d in result.decisions if d.line == 9] == ["paragraph.after-speaker"]
    assert ends_with_office_and_name("中华人民共和国主席\xa0\xa0习近平")
    assert not ends_with_office_and_name("每个轮毂都有一层楼那么高，工人踩着梯子")


def test_the_line_below_an_items_kicker_is_the_rest_of_its_heading():
    page = (
        "环球扫描\n\n某国举行大选\n\n新华社某地5月24日电  某国24日举行大选，投票率创新高。\n\n"
        "某国总统——\n\n准备同各国加强合作，推动地区和平\n\n"
        "新华社某地5月24日电  某国总统24日在首都表示，愿同各国加强合作。\n"
    )
    result = parse_page(page)
    (digest,) = result.articles
    assert [d.rule_id for d in result.decisions if d.text.startswith("准备同各国")] == ["subhead.after-kicker"]
    assert digest.blocks[-1].text.startswith("新华社某地5月24日电  某国总统")
    # a headline's kicker: the line below is its main title, though a dateline follows it
    (article,) = parse_page(
        "某国总统——\n\n准备同各国加强合作，推动地区和平\n\n新华社某地5月24日电  某国总统表示愿加强合作。\n"
    ).articles
    assert article.title_parts == ["某国总统——", "准备同各国加强合作，推动地区和平"]


def test_the_title_above_a_decree_and_its_number_opens_the_document():
    """`条例 / 政府令 / 第12号` after an unsigned brief: the title opens the document (not three
    lines of a list at the end of the brief), and the decree and its number are its first
    paragraphs, as printed."""
    page = (
        "全市龙舟邀请赛举行\n\n本报某市5月20日电  全市龙舟邀请赛日前在江滨公园举行，30支队伍参赛。\n\n"
        "赛事设置男子组、女子组和混合组，吸引数万名市民到场观赛。\n\n"
        "某市城市绿化管理条例\n\n某市人民政府令\n\n第12号\n\n"
        "《某市城市绿化管理条例》已经市政府常务会议通过，现予公布，自2026年7月1日起施行。\n\n"
        "市长  王  平\n\n2026年5月15日\n\n第一章  总  则\n\n第一条  为了加强城市绿化管理，制定本条例。\n"
    )
    result = parse_page(page)
    brief, document = result.articles
    assert brief.title == "全市龙舟邀请赛举行" and "某市城市绿化管理条例" not in [b.text for b in brief.blocks]
    assert document.title == "某市城市绿化管理条例"
    assert [b.text for b in document.blocks][:2] == ["某市人民政府令", "第12号"]
    assert {d.rule_id for d in result.decisions if d.text in ("某市人民政府令", "第12号")} == {"paragraph.decree"}
    assert [d.rule_id for d in result.decisions if d.text == "某市城市绿化管理条例"] == ["headline.decree"]


def test_a_name_with_a_note_below_a_sections_heading_is_a_contributor_not_a_headline():
    """A forum of contributors: each section headed, then `名字（国家）`, their words and a note
    on the writer. The named lines are paragraphs of the one article; the same shape after
    an article's text is a new piece's headline with its column (`老王（遇见）`)."""
    page = (
        "远方的朋友谈合作（论坛）\n\n本期邀请两位外国专家，讲述他们眼中的合作。\n\n"
        "科技创新\n\n成果惠及更多国家\n\n阿米尔·卡汗（巴基斯坦）\n\n"
        "这些年，我多次到访中国的科研机构，看到创新成果不断涌现。\n\n（作者为某研究院院长）\n\n"
        "绿色发展\n\n携手共建美好家园\n\n林秀英（新加坡）\n\n"
        "绿色转型需要各方携手，合作的空间还很大。\n\n（作者为某基金会理事）\n\n"
        "老王（遇见）\n\n小区门口新开了一家修车铺，老王每天早早就开了门。\n\n"
        "街坊们有事都爱找他帮忙，他从不推辞。\n"
    )
    result = parse_page(page)
    forum, story = result.articles
    assert forum.title == "远方的朋友谈合作（论坛）"
    assert {d.rule_id for d in result.decisions if d.text in ("阿米尔·卡汗（巴基斯坦）", "林秀英（新加坡）")} == {
        "paragraph.named"
    }
    assert "林秀英（新加坡）" in [b.text for b in forum.blocks]
    assert story.title == "老王（遇见）"


def test_a_dispatch_from_two_places_keeps_its_item_in_the_column():
    """`新华社甲城/乙城5月2日电`: a dateline all the same, so the item stays in the column of
    short items instead of being taken for the article that follows the column."""
    page = (
        "环球扫描\n\n某国举行议会选举\n\n据新华社甲城5月1日电  某国1日举行议会选举，投票率创新高。\n\n"
        "两国就边境问题举行会谈\n\n新华社甲城/乙城5月2日电  （记者王明）两国代表2日就边境问题举行会谈。\n"
    )
    (digest,) = parse_page(page).articles
    assert digest.title == "环球扫描"
    assert p.dateline_of("新华社甲城/乙城5月2日电  （记者王明）两国代表2日举行会谈。")


def test_a_documents_title_with_the_note_of_its_adoption_opens_the_document():
    """Lists of appointments printed one after another, each titled on one line with the note
    of when it was adopted: each list is a document of its own, not three short lines of the
    list above (blank-line layout, where a headline's pieces share a line)."""
    page = (
        "某省人民代表大会常务委员会任免名单 （2026年5月20日某省第十四届人民代表大会常务委员会第九次会议通过）\n\n"
        "一、任命张明为某省交通运输厅厅长；\n\n免去李华的某省交通运输厅厅长职务。\n\n"
        "二、任命王芳为某省审计厅厅长。\n\n"
        "某省人民代表大会常务委员会免职名单 （2026年5月20日某省第十四届人民代表大会常务委员会第九次会议通过）\n\n"
        "免去赵刚的某省人民代表大会常务委员会副秘书长职务。\n"
    )
    result = parse_page(page)
    first, second = result.articles
    assert first.title_parts == [
        "某省人民代表大会常务委员会任免名单",
        "（2026年5月20日某省第十四届人民代表大会常务委员会第九次会议通过）",
    ]
    assert [b.text for b in second.blocks] == ["免去赵刚的某省人民代表大会常务委员会副秘书长职务。"]
    assert second.title.startswith("某省人民代表大会常务委员会免职名单")
    assert "headline.adopted" in {d.rule_id for d in result.decisions}


@pytest.mark.parametrize("title", ["老戏新唱，广觅知音（编辑手记）", "老戏新唱，知音何在？（编辑手记）"])
def test_a_title_with_its_columns_name_below_text_opens_the_next_piece(title):
    """An editor's note after a feature, titled with its column in brackets (asking, too): a
    piece of its own, not a sub-head of the feature; a photo credit ending the same way stays
    a caption."""
    page = (
        "小剧种走上大舞台\n\n本报记者  李  明\n\n"
        "这些年，县剧团排演了多部新戏，下乡演出二百余场，观众从老人扩展到年轻人，剧场里常常座无虚席。\n\n"
        "王  平摄（影像中国）\n\n"
        "剧团团长说，老戏要传下去，新戏也要排出来，让更多年轻观众走进剧场，喜欢上这门古老的艺术。\n\n"
        f"{title}\n\n"
        "守护一个剧种，需要热爱，也需要方法。\n"
    )
    result = parse_page(page)
    feature, note = result.articles
    assert note.title == title
    assert [b.text for b in note.blocks] == ["守护一个剧种，需要热爱，也需要方法。"]
    assert feature.title == "小剧种走上大舞台" and "王  平摄（影像中国）" in [b.text for b in feature.blocks]
    assert [d.rule_id for d in result.decisions if d.text == title] == ["headline.column-tag"]


def test_a_writers_name_of_a_rarer_surname_glued_after_the_last_sentence_is_the_byline():
    """`…安全屏障。屈信明`, `…的金光。亓玉昆`: surnames of the 百家姓 beyond the commonest
    still sign a commentary; a dictionary word after the last sentence does not."""
    assert p.glued_byline("为高质量发展筑牢安全屏障。屈信明") == ("为高质量发展筑牢安全屏障。", "屈信明")
    assert p.glued_byline("共同沐浴新时代晨晖的金光。亓玉昆") == ("共同沐浴新时代晨晖的金光。", "亓玉昆")
    assert p.glued_byline("这一变化影响巨大。巨大") is None


def test_a_spaced_name_glued_to_a_poems_last_line_is_its_byline():
    """A poem's last line stops without punctuation; its writer's two-character name, spaced
    out to fill the line, glued to it is the byline (`…又松了一圈进  勤`). A headline's pieces
    set apart by spaces are not (`理论武装  学深悟透`)."""
    assert p.glued_byline("我绷紧的孤弦，又松了一圈进  勤") == ("我绷紧的孤弦，又松了一圈", "进  勤")
    assert p.glued_byline("理论武装  学深悟透") is None
    assert p.glued_byline("春天里 书") is None


SUBHEADED_FEATURE = (
    "小城新事\n\n本报记者  李  明\n\n"
    "清晨的集市人来人往，摊主们忙着摆放新鲜的蔬菜和水果，吆喝声此起彼伏，一派热闹景象。\n\n"
    "老街焕新，烟火气更浓了\n\n"
    "改造后的老街保留了青石板路，新开的小店吸引了不少年轻人前来打卡，周末的客流比去年多了三成。\n\n"
    "夜市升级，好去处更多了\n\n"
    "夜市统一了摊位和照明，还增加了休息区，市民晚饭后带着孩子来逛，成了小城新的好去处。\n\n"
    "服务跟进，办事更方便了\n\n"
    "街道在集市旁设立了便民服务点，居民办理社保、缴纳水电费都不用再跑远路，老人们都说十分方便。\n"
)


def test_a_short_line_like_the_articles_other_sub_heads_is_weighed_as_one_of_them(monkeypatch):
    """Sub-heads come in a series: the join evidence for a short unpunctuated line counts the
    lines of its article like it (as long, each above a longer block), so `夜市升级，…` is
    weighed as one more sub-head, not as the first part of a paragraph a break cut. A word
    running across the break outweighs that: the feature is left out there."""
    from build_scripts.parse import evidence

    texts = [b for b in SUBHEADED_FEATURE.split("\n\n") if b.strip()]
    at = texts.index("夜市升级，好去处更多了")
    assert evidence.lines_alike(texts, at) == 2
    assert evidence.lines_alike(texts, 2) is None  # a paragraph of text: too long for a sub-head
    features = evidence.join_features(texts[at], texts[at + 1], False, "小城新事", 2)
    assert features.get("short_lines_alike_in_article") == 1.0
    assert "short_lines_alike_in_article" not in evidence.join_features(
        "他们在实验室里反复测", "试新材料的性能。", False, "", 2
    )
    weighed = []
    real = evidence.join_features

    def spy(before, after, lead, title="", alike=None):
        weighed.append((before, alike))
        return real(before, after, lead, title, alike)

    monkeypatch.setattr(evidence, "join_features", spy)
    (article,) = parse_page(SUBHEADED_FEATURE).articles
    assert ("夜市升级，好去处更多了", 2) in weighed  # the parser counts the article's lines
    assert "夜市升级，好去处更多了" in [b.text for b in article.blocks]


LABELLED_SECTIONS = (
    "旧楼改造为何停摆\n\n本报记者  周  远\n\n"
    "编辑同志：我们小区的旧楼改造项目开工三年，至今没有完工，住户们一直住在外面。\n\n"
    "现状：三年前搬出的住户至今回不了家，工地上只剩几台停着的机器\n\n"
    "记者日前来到小区，看到楼体外的脚手架已经生锈，工地大门紧锁，只有一名保安在值守，住户们说已经很久没见过工人了。\n\n"
    "原委：项目资金没有落实就匆忙动了工，施工单位先行垫付的钱迟迟拿不回来，工程只好停下\n\n"
    "区住建局负责人介绍，项目立项时资金来源写的是上级补助，但补助至今没有下达到位，区里的配套资金也还没有着落。\n\n"
    "进展：区里已成立专班，正在重新核算资金\n\n"
    "专班负责人表示，将在年内拿出复工方案，并定期向住户公开资金使用和工程进度情况，接受大家的监督。\n"
)


def test_a_sections_labelled_heading_has_the_other_labelled_headings_as_fellows():
    """A section's heading may open with its label and a colon (`原委：…`), of any length:
    the other headings so labelled in its article are its fellows, however long, so a
    heading of more than 40 characters is weighed as one more sub-head, not as a break's first part. A
    label the article prints twice is a speaker's (`薛澜：第一，…`): no fellow, and no series."""
    from build_scripts.parse import evidence, shapes

    texts = [b for b in LABELLED_SECTIONS.split("\n\n") if b.strip()]
    at = next(k for k, text in enumerate(texts) if text.startswith("原委："))
    assert len(texts[at]) > evidence.SHORT_LINE  # too long for a sub-head by its length alone
    assert evidence.lines_alike(texts, at) == 2  # 现状：… and 进展：…
    assert shapes.heading_label(texts[at]) == "原委"
    assert shapes.heading_label(texts[2]) is None  # `编辑同志：…。`: it ends with a full stop
    spoken = [*texts[:-1], "原委：我们算过一笔账，这个项目的资金缺口有两千多万元，一时补不上。", texts[-1]]
    assert evidence.lines_alike(spoken, at) is None  # 原委 opens two blocks: a speaker's name

    weighed = []
    real = evidence.join_features

    def spy(before, after, lead, title="", alike=None):
        weighed.append((before, alike))
        return real(before, after, lead, title, alike)

    import pytest

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(evidence, "join_features", spy)
        parse_page(LABELLED_SECTIONS)
    assert (texts[at], 2) in weighed  # the parser counts them too
    features = evidence.join_features(texts[at], texts[at + 1], False, texts[0], 2)
    assert features.get("short_lines_alike_in_article") == 1.0  # weighed against a break's first part


def test_a_line_of_headline_pieces_set_apart_by_one_space_opens_an_unsigned_article():
    """Where a headline's pieces share a line they are set apart by one space (`陕西汉中
    四十五载守护 谱写朱鹮保护华章`); a sub-head printed in two halves has a wider gap
    (`理论武装  学深悟透`). An unsigned article's headline below another article's text is
    told by it; spaces inside Latin words are not such gaps (`U9 Xtreme`)."""
    from build_scripts.parse import evidence

    assert evidence.headline_features("甲地 四十年守护 谱写护林华章", None, None, 1, 1, "paragraph")["space_width:1"]
    assert evidence.headline_features("理论武装  学深悟透", None, None, 1, 1, "paragraph")["space_width:2+"]
    assert not any(
        k.startswith("space_width")
        for k in evidence.headline_features("首发U9 Xtreme车型", None, None, 1, 1, "paragraph")
    )
    page = (
        "多地推进学习教育走深走实\n\n本报记者  王  洋\n\n"
        "学习教育开展以来，各地坚持学用结合，推动解决了一批群众急难愁盼问题，取得了实实在在的成效。\n\n"
        "理论武装  学深悟透\n\n"
        "某市坚持把理论学习作为首要任务，区委常委会带头领学，各级党组织开展专题研讨，引导党员干部增强本领。\n\n"
        "甲地 四十年守护 谱写护林华章\n\n"
        "清晨的林场里，护林员沿着山路巡查，远处青山层叠，林木葱郁，四十年来这片林海再未发生过火灾。\n\n"
        "如今，林场年年植树造林，森林覆盖率比建场之初提高了三十多个百分点，成了远近闻名的绿色屏障。\n"
    )
    first, second = parse_page(page).articles
    assert "理论武装  学深悟透" in [b.text for b in first.blocks]
    assert second.title_parts == ["甲地", "四十年守护", "谱写护林华章"] or second.title.startswith("甲地")


def test_a_line_weighed_as_headline_or_sub_head_is_compared_with_the_articles_short_lines(monkeypatch):
    """The headline evidence counts the article's lines like the one weighed, as the join
    evidence does: a series of them is the article's sub-heads."""
    from build_scripts.parse import evidence

    assert "short_lines_alike_in_article:2" in evidence.headline_features(
        "夜市升级，好去处更多了", None, None, 1, 1, "paragraph", alike=2
    )
    weighed = []
    real = evidence.headline_features

    def spy(text, *args, **kwargs):
        features = real(text, *args, **kwargs)
        weighed.append((text, {k for k in features if k.startswith("short_lines_alike")}))
        return features

    monkeypatch.setattr(evidence, "headline_features", spy)
    parse_page(SUBHEADED_FEATURE)
    assert ("服务跟进，办事更方便了", {"short_lines_alike_in_article:2"}) in weighed


def test_where_a_charts_figures_come_from_is_text_not_a_sub_head():
    """`数据来源：某市统计局` below a chart is a line of the article's text: not a sub-head
    (which would show in the article's contents box), nor a new article."""
    page = (
        "全市消费市场持续回暖\n\n本报记者  李  明\n\n"
        "今年以来，全市社会消费品零售总额稳步增长，餐饮、文旅等服务消费尤其活跃，市场信心持续增强。\n\n"
        "数据来源：某市统计局\n\n"
        "业内人士认为，随着各项促消费政策落地见效，消费市场有望保持向好态势，为经济增长提供支撑。\n"
    )
    result = parse_page(page)
    (article,) = result.articles
    assert [d.label for d in result.decisions if d.text == "数据来源：某市统计局"] == ["paragraph"]
    assert "数据来源：某市统计局" in [b.text for b in article.blocks]


def test_a_lead_opening_with_a_dateline_runs_on_across_a_break():
    """A story's lead opens with its dateline and stops only at a full stop: cut by a break
    before one (`…职业技能培训|学校近日成立…`), the block below carries it on, however short the
    part above and however well the part below would open a paragraph."""
    page = (
        "某地唐卡艺术职业技能培训学校成立\n\n"
        "某某日报某市5月6日电  （记者明某）某地唐卡艺术职业技能培训\n\n"
        "学校近日成立，学校根据培训层次实行差异化教学，力图培养兼具理论功底与专业素养的人才。\n\n"
        "据介绍，学校首期招收学员60名，课程涵盖唐卡绘制、矿物颜料制作等内容。\n"
    )
    result = parse_page(page)
    (article,) = result.articles
    assert article.dateline.startswith("某某日报某市5月6日电")
    assert [b.text for b in article.blocks][0].startswith("某地唐卡艺术职业技能培训学校近日成立，")
    (decision,) = [d for d in result.decisions if d.text.startswith("学校近日成立")]
    assert (decision.label, decision.rule_id) == ("continuation", "join.dateline-lead")


def test_beside_a_photo_credit_a_padded_name_glued_to_wen_is_the_writer():
    """`杨  迅文  …陈思汗摄`: text by 杨迅, photo by 陈思汗 (文 and 摄 credit the two). A name
    padded to fill the column is two characters, so 文 is no part of it; without a
    photographer beside it, a name ending in 文 keeps it (王志文)."""
    parse_names = p.parse_names
    assert parse_names("本报记者  杨  迅文  新华社记者  陈思汗摄").authors == ("杨迅", "陈思汗")
    assert parse_names("本报记者  王志文").authors == ("王志文",)
    assert parse_names("本报记者 杨 迅 申智林").authors == ("杨迅", "申智林")


POEM = "晨光落在窗台上\n\n麻雀数着屋檐的瓦\n\n母亲把炉火拨亮\n\n粥香漫过了小巷\n\n"


def _poem_then_essay(title: str, essay: str) -> tuple[Article, Article, PageParse]:
    """The poem above (signed at its top), then a piece headed `title`, signed 宋启明."""
    result = parse_page("清晨小记\n\n林 雨\n\n" + POEM + f"{title}\n\n宋启明\n\n{essay}")
    poem, piece = result.articles
    assert (poem.title, list(poem.authors)) == ("清晨小记", ["林雨"])
    assert [b.text for b in poem.blocks][-1] == "粥香漫过了小巷"
    return poem, piece, result


def test_a_heading_signed_below_a_poem_signed_at_its_top_opens_the_next_piece():
    """A poem is signed once. Below its lines, a heading with a name under it and prose
    after is the next piece's headline and byline, not a section of the poem."""
    essay = (
        "小时候，家里的老屋只有一扇木窗，窗纸每年冬天都要重新糊一遍，糊窗的浆糊是母亲用面粉熬的。\n\n"
        "后来搬进新楼，明亮的玻璃窗取代了木窗，可我总会想起窗纸上那一团暖黄的灯影。\n"
    )
    _, piece, result = _poem_then_essay("老屋的窗", essay)
    assert (piece.title, list(piece.authors)) == ("老屋的窗", ["宋启明"])
    assert [d.rule_id for d in result.decisions if d.text == "老屋的窗"] == ["headline.after-poem"]


def test_a_name_shaped_title_below_a_poem_signed_at_its_top_is_the_next_pieces_headline():
    """`柳笛` could be a name (柳 is a surname) signing the poem's last line as a section's
    byline. With its writer's name below it and prose after, it heads the next piece, even
    where the page sets it no further apart than the poem's lines."""
    essay = (
        "小时候，每到春天，父亲就在河边折一截新发的柳枝，轻轻拧松树皮，抽出白生生的枝芯，做一支柳笛给我吹。\n\n"
        "后来搬进新楼，再也没有那样的柳树，可我总会想起河边那一阵清亮的笛声。\n"
    )
    _, piece, _ = _poem_then_essay("柳笛", essay)
    assert (piece.title, list(piece.authors)) == ("柳笛", ["宋启明"])


def test_a_name_shaped_title_set_apart_by_a_wider_gap_is_no_sections_byline():
    """`明瓦` could be a name (明 is a surname): right below a heading it would be that
    section's byline. Set apart from the poem above by a wider gap than the page's blocks,
    it is the next piece's title."""
    page = (
        "清晨小记\n\n林 雨\n\n" + POEM + "\n明瓦\n\n"
        "过去乡下的房子大多是瓦房，屋里暗，老人便在屋顶嵌几片透光的瓦，叫作明瓦，阳光从那里照进来。\n\n"
        "如今瓦房少了，明瓦也少见了，可那一束从屋顶落下的光，我一直记得。宋启明\n"
    )
    result = parse_page(page)
    assert [a.title for a in result.articles] == ["清晨小记", "明瓦"]
    assert list(result.articles[1].authors) == ["宋启明"]


DOCUMENT_PAGE = (
    "某省印发《某省河湖长制工作考核办法》\n\n"
    "本报讯 近日，某省办公厅印发《某省河湖长制工作考核办法》，并发出通知，要求各地结合实际认真贯彻落实。\n\n"
    "《某省河湖长制工作考核办法》全文如下。\n\n"
    "某省河湖长制工作考核办法\n\n"
    "第一章  总  则\n\n"
    "第一条  为了推动河湖长制落实落细，压实各级河湖长责任，制定本办法。\n\n"
    "第二章  附  则\n\n"
    "第二条  本办法自发布之日起施行。\n\n"
    "（相关报道见第四版）\n\n"
    "年轻一代在一线实干争先\n\n"
    "“把论文写在祖国大地上。”在某市的一间实验室里，几位年轻的研究人员正围着一台样机调试参数，讨论着下一步的改进方向。\n\n"
    "实验室负责人介绍，团队平均年龄不到三十岁，已经承担了多项重点课题，成果陆续走出实验室。\n"
)


def test_the_document_a_headline_names_is_printed_inside_its_article():
    """`某省印发《…考核办法》`, then `…全文如下。` and the document's title on a line of its own:
    the heading of the document's text, inside the article, not a new article."""
    result = parse_page(DOCUMENT_PAGE)
    assert [d.rule_id for d in result.decisions if d.text == "某省河湖长制工作考核办法"] == ["subhead.document-title"]
    assert "第二条  本办法自发布之日起施行。" in [b.text for b in result.articles[0].blocks]


def test_a_pointer_to_another_page_ends_its_article():
    """`（相关报道见第四版）` is printed as an article's last line: a heading below it opens
    the next article, even one without a byline."""
    result = parse_page(DOCUMENT_PAGE)
    assert [a.title for a in result.articles] == [
        "某省印发《某省河湖长制工作考核办法》",
        "年轻一代在一线实干争先",
    ]


def test_a_block_of_a_laws_text_that_stops_without_a_full_stop_was_cut_by_a_break():
    """A law's articles and their paragraphs end with a full stop: in a law's text, a block
    that stops without one is carried on by the block below, however short — but a chapter's
    heading (`第二章  监督管理`) stops so too and heads what follows."""
    page = (
        "某某资源管理条例\n\n"
        "第一章  总则\n\n"
        "第一条  为了规范某某资源的勘查和开采活动，保护和合理利用资源，根据有关法律，制定本条例。\n\n"
        "第二条  勘查单位在开展野外作业前，应当依法办理建设项目\n\n"
        "核准、用地、生态环境等方面的相关手续，并向所在地主管部门报告。\n\n"
        "主管部门受理报告后，可以组织专家对勘查方案、开采\n\n"
        "方案进行评审，并在10个工作日内出具评审意见。\n\n"
        "第二章  监督管理\n\n"
        "第三条  主管部门应当建立健全监督检查制度，定期对勘查和开采活动进行检查，发现问题及时处理。\n"
    )
    result = parse_page(page)
    (law,) = result.articles
    assert [b.text for b in law.blocks] == [
        "第一章  总则",
        "第一条  为了规范某某资源的勘查和开采活动，保护和合理利用资源，根据有关法律，制定本条例。",
        "第二条  勘查单位在开展野外作业前，应当依法办理建设项目核准、用地、生态环境等方面的相关手续，并向所在地主管部门报告。",
        "主管部门受理报告后，可以组织专家对勘查方案、开采方案进行评审，并在10个工作日内出具评审意见。",
        "第二章  监督管理",
        "第三条  主管部门应当建立健全监督检查制度，定期对勘查和开采活动进行检查，发现问题及时处理。",
    ]
    assert {d.rule_id for d in result.decisions if d.label == "continuation"} == {"join.law-article"}


def test_an_item_numbered_as_paragraphs_above_that_stops_without_a_full_stop_was_cut():
    """Where a document's numbered items are paragraphs (`一、双方…。`), an item that stops
    without a full stop was cut by a break; where they are headings (`一、总体要求`), a
    numbered line stays a sub-head."""
    statement = (
        "甲乙两国联合声明\n\n"
        "一、双方同意加强高层交往，保持各层级密切沟通，深化政治互信，推动两国关系持续健康发展。\n\n"
        "二、双方祝贺乙国200名青年技术人员\n\n"
        "在甲国培训项目顺利完成，乙方感谢甲方给予的大力支持。\n\n"
        "三、双方同意深化经贸、能源、数字经济等领域合作，实施更多惠及民生的项目，造福两国人民。\n"
    )
    (article,) = parse_page(statement).articles
    assert [b.text for b in article.blocks][1] == (
        "二、双方祝贺乙国200名青年技术人员在甲国培训项目顺利完成，乙方感谢甲方给予的大力支持。"
    )
    plan = (
        "关于加强某项工作的意见\n\n"
        "一、总体要求\n\n"
        "坚持以人民为中心，着力解决群众急难愁盼问题，推动各项工作取得实效，不断增强群众获得感。\n\n"
        "二、重点任务\n\n"
        "加强组织领导，健全工作机制，强化督促检查，确保各项任务落地见效，形成工作合力。\n"
    )
    (article,) = parse_page(plan).articles
    assert [(b.kind.value, b.text) for b in article.blocks if b.text.startswith(("一、", "二、"))] == [
        ("subhead", "一、总体要求"),
        ("subhead", "二、重点任务"),
    ]


def test_a_short_phrase_ending_in_a_dash_between_paragraphs_is_a_sections_lead_in_heading():
    """`因地制宜，一县一策——` on its own line heads the section below it, commas and all (a
    line without them, `优化提升传统产业——`, already reads as a heading)."""
    page = (
        "某省推动县域经济高质量发展\n\n"
        "本报记者  张  明\n\n"
        "县域经济是国民经济的基本单元，某省立足各地实际，推动县域经济发展取得明显成效。\n\n"
        "因地制宜，一县一策——\n\n"
        "平原、山区、丘陵，某省县域资源禀赋各不相同，发展路径也各有侧重。\n\n"
        "系统谋划，集群成链——\n\n"
        "产业基础好的县，如何做大做强？跳出县域思维，推动要素跨县流动。\n"
    )
    (article,) = parse_page(page).articles
    assert [(b.kind.value, b.text) for b in article.blocks if b.text.endswith("——")] == [
        ("subhead", "因地制宜，一县一策——"),
        ("subhead", "系统谋划，集群成链——"),
    ]


def test_a_credit_printed_after_the_text_stays_after_it_on_the_page():
    """`（新华社北京5月12日电）` below a statement is printed where the paper prints it, not
    moved to the head of its first item; a dateline above the text still heads its first
    paragraph."""
    from build_scripts.writers.article_pages import body_markdown

    page = (
        "甲乙两国联合声明\n\n"
        "一、双方同意加强高层交往，保持各层级密切沟通，深化政治互信。\n\n"
        "二、双方同意深化经贸合作，实施更多惠及民生的项目。\n\n"
        "（新华社北京5月12日电）\n\n"
        "某地举办市民文化节\n\n"
        "本报北京5月11日电  某地近日举办市民文化节，吸引众多市民参加。\n\n"
        "文化节持续三天，内容丰富多彩。\n"
    )
    statement, report = parse_page(page).articles
    assert statement.dateline == "（新华社北京5月12日电）"
    assert body_markdown(statement) == (
        "一、双方同意加强高层交往，保持各层级密切沟通，深化政治互信。\n\n"
        "二、双方同意深化经贸合作，实施更多惠及民生的项目。\n\n"
        "（新华社北京5月12日电）\n"
    )
    assert body_markdown(report).startswith("**本报北京5月11日电** 某地近日举办市民文化节")


def test_a_numbered_heading_closing_a_row_of_short_lines_heads_the_text_below_it():
    """A decree's signature (`总理  李  强`, its date) then `第一章  总  则`: three short lines
    in a row, but the last is a numbered heading with the law's text below it."""
    from build_scripts.parse.model import Kind

    page = (
        "某某资源管理条例\n\n"
        "某某条例已经审议通过，现予公布，自2026年7月1日起施行。\n\n"
        "总理  张  明\n\n"
        "2026年5月15日\n\n"
        "第一章  总  则\n\n"
        "第一条  为了规范某某资源的勘查和开采活动，保护和合理利用资源，制定本条例。\n"
    )
    (law,) = parse_page(page).articles
    kinds = {b.text: b.kind for b in law.blocks}
    assert kinds["第一章  总  则"] is Kind.SUBHEAD
    assert kinds["总理  张  明"] is kinds["2026年5月15日"] is Kind.PARAGRAPH


def test_two_writers_below_a_headline_one_of_them_spaced_to_the_width_of_three_are_its_byline():
    # 周天 is a word of the dictionary as well as a name: printed `周 天` beside another
    # name, it is the name
    page = "守护万家灯火\n\n周 天 李良生\n\n基层强则国家强，基层安则天下安。\n\n消防工作关乎群众安危。\n"
    (article,) = parse_page(page).articles
    assert article.authors == ["周天", "李良生"] and article.blocks[0].text.startswith("基层强")
    assert not p.is_name_line("春 天 李良生")  # no surname: words spaced apart


def test_a_quotation_on_its_own_line_in_an_article_that_has_one_so_is_weighed_as_its_next_section():
    from build_scripts.ingest.corrections import Corrections
    from build_scripts.parse import evidence
    from build_scripts.parse.parser import _Parser

    page = (
        "合作区里的新气象\n\n本报记者 黄小昭\n\n"
        "从首都出发，向东行驶约120公里，便来到合作区。\n\n“这些设备的‘心脏’，就在合作区跳动”\n\n"
        "走进合资的电气公司开关车间，工人们正在调试设备。\n\n“吸引着越来越多的企业前来栖息”\n\n"
        "合作区又开发了新的扩展区，吸引了更多企业入驻。\n"
    )
    parser = _Parser(page, 1, Corrections())
    parser.run()
    weighed = {unit.text: features for unit, features in parser.weighed}
    assert "quoted_like_a_line_above" in weighed["“吸引着越来越多的企业前来栖息”"]
    assert "quoted_like_a_line_above" not in weighed.get("“这些设备的‘心脏’，就在合作区跳动”", {})
    assert evidence.score("headline", {"quoted_like_a_line_above": 1.0}) < 0  # learnt: it speaks against a headline


def test_the_first_part_of_a_paragraph_a_word_runs_on_from_is_no_fellow_of_the_sub_heads():
    # a long document cut by many breaks: `…完善制度体` is as short as the sub-heads and
    # stops as they do, but a word (体|系) runs on below it: a break cut it
    from build_scripts.parse import evidence

    texts = [b for b in SUBHEADED_FEATURE.split("\n\n") if b.strip()]
    at = texts.index("夜市升级，好去处更多了")
    cut = (
        texts[:at]
        + [
            "街道不断完善集市管理制度体",
            "系，摊位整齐了，道路也通畅了，早晚还有专人打扫卫生，市民们都说逛得更放心、更舒心了。",
        ]
        + texts[at:]
    )
    assert evidence.lines_alike(cut, at + 2) == 2  # the same fellows as before: not the cut line


def test_the_clauses_of_a_treatys_preamble_are_paragraphs_though_each_ends_with_a_comma(monkeypatch):
    # however sure the evidence is that a break cut each (a real page's model was), as a
    # block ending with a comma usually says
    from inputs import sure_of_every_join

    sure_of_every_join(monkeypatch)
    page = (
        "甲国和乙国友好合作条约\n\n"
        "甲国与乙国（以下简称“缔约双方”），\n\n"
        "秉承两国人民世代友好的历史传统，\n\n"
        "认为两国此前签署的合作文件对发展双边关系具有重要意义，\n\n"
        "重申恪守公认的国际法原则和准则，\n\n"
        "基于两国高水平合作的现实需要，推动构建更加紧密的伙伴关系。\n\n"
        "兹达成协议如下：\n\n"
        "第一条\n\n"
        "缔约双方在相互尊重的基础上发展长期稳定的关系。\n"
    )
    (article,) = parse_page(page).articles
    texts = [b.text for b in article.blocks]
    assert texts[:5] == [
        "甲国与乙国（以下简称“缔约双方”），",
        "秉承两国人民世代友好的历史传统，",
        "认为两国此前签署的合作文件对发展双边关系具有重要意义，",
        "重申恪守公认的国际法原则和准则，",
        "基于两国高水平合作的现实需要，推动构建更加紧密的伙伴关系。",
    ]


def test_a_turn_of_an_interview_cut_short_by_a_break_is_text_not_a_heading():
    page = (
        "把每个小角色演成主角\n\n本报记者 任小珊\n\n"
        "“磨”戏\n\n"
        "记者：剧中的老艺人圆满地吹出81口\n\n"
        "“连珠火”，这场戏震撼了观众。您是怎么准备的？\n\n"
        "演员：为了这场戏，我跟着老师傅练了三个月。\n"
    )
    (article,) = parse_page(page).articles
    turn = next(b for b in article.blocks if b.text.startswith("记者："))
    assert turn.kind.value == "paragraph"


def test_a_numbered_sections_label_below_a_sections_credit_goes_on_with_the_article():
    # a talk in cases: each case is credited at its end, and the next case's label follows
    page = (
        "让老街区焕发新活力（城市更新故事会）\n\n"
        "老街区的更新，关键在于留住烟火气，也要让居民的日子越过越好。\n\n"
        "各地在实践中探索出了不少好办法，下面是其中的两个案例。\n\n"
        "（本报记者王小明整理）\n\n"
        "案例一\n\n"
        "小巷子里的大变化\n\n"
        "讲述人：某市某区住建局局长  张  华\n\n"
        "谁能想到，窄巷子也能变成网红街。\n\n"
        "我们先从最窄的巷子改起，把电线入地，把路面铺平，居民都说好。\n\n"
        "（本报记者李小红整理）\n\n"
        "案例二\n\n"
        "旧厂房变身文化街\n\n"
        "废弃多年的厂房，如今成了年轻人喜欢的文化街，周末人来人往。\n\n"
        "（本报记者赵小刚整理）\n\n"
        "春日田野农机忙\n\n本报记者  周  末\n\n田野里，一台台播种机来回穿梭，农民们忙着春耕。\n"
    )
    parsed = parse_page(page)
    talk, _next = parsed.articles
    kinds = {b.text: b.kind.value for b in talk.blocks}
    assert kinds["案例二"] == "subhead" and kinds["（本报记者李小红整理）"] == "paragraph"
    # the last case's credit is credited so too, and ends the talk: the next piece is its own
    assert kinds["（本报记者赵小刚整理）"] == "paragraph" and talk.byline == ""
    assert set(talk.authors) == {"王小明", "李小红", "赵小刚"} and _next.title == "春日田野农机忙"
    # the label heads its heading; who tells the case is a line of its text (as the paper's
    # e-edition prints `讲述人：…`), and so is what follows
    assert kinds["小巷子里的大变化"] == "subhead"
    assert kinds["讲述人：某市某区住建局局长  张  华"] == "paragraph"
    assert kinds["谁能想到，窄巷子也能变成网红街。"] == "paragraph"
    assert "subhead.section-label" in {d.rule_id for d in parsed.decisions}


def test_a_section_label_is_a_word_of_the_profile_and_a_number():
    from build_scripts.ingest.paper_profile import DEFAULT
    from build_scripts.parse.shapes import section_label

    assert section_label("案例三") and section_label("第二部分") and section_label("镜头10")
    assert section_label("案 例 二") and section_label("■案例二") and section_label("【案例二】")
    assert section_label("案例二：")
    assert not section_label("统一") and not section_label("案例") and not section_label("案例一 新技术")
    assert not section_label("片段一", replace(DEFAULT, section_labels=("案例",)))


def test_a_block_whose_first_sentence_ends_a_few_characters_in_is_the_rest_of_the_one_above():
    # the break fell just before the end of a sentence: a paragraph seldom opens with a
    # sentence of a few characters
    page = (
        "让青年交流成为两国友好的桥梁\n\n本报记者 田 野\n\n"
        "近日，一场青年交流活动在北京举行，两国青年代表围绕教育、科技和文化等话题深入交流。\n\n"
        "主席指出，两国关系希望在人民，基础在民间，未来在青年，活力\n\n"
        "在地方。主席提出的青少年交流倡议，极大促进了两国人民特别是青年一代的相互了解，双向奔赴的大势不可阻挡。\n\n"
        "与会代表表示，将继续推动两国地方之间的交流合作，为两国关系发展注入新的活力。\n"
    )
    (article,) = parse_page(page).articles
    assert any(
        b.text.endswith(
            "活力在地方。主席提出的青少年交流倡议，极大促进了两国人民特别是青年一代的相互了解，双向奔赴的大势不可阻挡。"
        )
        for b in article.blocks
    )


def test_a_long_punctuated_headline_at_the_top_of_an_indented_page_heads_its_article():
    """Where indentation marks paragraphs, the page's first line, not indented and ending no
    sentence, heads the article below it however long and punctuated (`…怎样？记者在…探访`)."""
    body = [
        "建设科技强国，关键在于释放科研人员的创新潜能。",
        "近年来，多地推行项目负责人制度，给予团队更大的自主权。",
        "不少科研人员表示，经费使用更灵活了，干劲也更足了。",
    ]
    kicker = "项目负责人制、经费包干制、信用承诺制推行情况到底怎样？记者在北京、四川、湖北等地探访"
    page = f"{kicker}\n让科研人员心无旁骛搞创新（记者调查）\n" + "".join(f"{IND}{line}\n" for line in body)
    (article,) = parse_page(page).articles
    assert article.title_parts == [kicker, "让科研人员心无旁骛搞创新（记者调查）"]
    assert article.text == "\n\n".join(body)
    title = "涵养实干担当，关键在于坚定理想信念，把初心使命落实到每一项具体工作和行动上（学思践悟）"
    titled = f"{title}\n" + "".join(f"{IND}{line}\n" for line in body)
    assert [a.title for a in parse_page(titled).articles] == [title]


def test_a_documents_note_of_its_adoption_below_its_title_is_its_headlines_last_piece_however_long():
    """Where indentation marks paragraphs, the note in brackets of when a law was adopted and
    revised, set flush right below its title, is the headline's last piece as on one line
    (`中华人民共和国某某法 （…通过 …修订）`), not the law's first paragraph."""
    note = (
        "（2001年6月1日第九届全国人民代表大会常务委员会第二十二次会议通过 根据2015年4月24日"
        "第十二届全国人民代表大会常务委员会第十四次会议《关于修改〈中华人民共和国某某法〉的决定》"
        "修正 2026年4月30日第十四届全国人民代表大会常务委员会第二十二次会议修订）"
    )
    page = (
        f"中华人民共和国某某法\n{note}\n{IND}中华人民共和国主席令\n{IND}第九十九号\n"
        f"{IND}《中华人民共和国某某法》已由第十四届全国人民代表大会常务委员会第二十二次会议修订通过，现予公布。\n"
    )
    (article,) = parse_page(page).articles
    assert article.title_parts == ["中华人民共和国某某法", note]


def test_nothing_goes_on_below_a_columns_contact_line_where_indentation_marks_paragraphs():
    """`栏目投稿邮箱：…@…` ends its column's piece: the line below it, flush after a blank line,
    is the next article's headline, long and punctuated as it is — not the rest of a
    paragraph a page break cut."""
    headline = "某县创新构建廉政教育体系 厚植廉洁根基，涵养清风正气"
    page = (
        "守在岗位上的人（一线行走）\n"
        f"{IND}从警十八年，我换过三个岗位，守护的始终是群众的平安。\n"
        f"{IND}栏目投稿邮箱：column@example.cn\n\n"
        f"{headline}\n"
        f"{IND}近年来，某县立足县域实际，推动廉政教育制度化常态化。\n"
    )
    articles = parse_page(page).articles
    assert [a.title for a in articles] == ["守在岗位上的人（一线行走）", headline]
    assert articles[0].blocks[-1].text == "栏目投稿邮箱：column@example.cn"
    # a sentence that ends its line with an address is no contact line: a break cut it there
    page = (
        "办事进度网上可查\n"
        f"{IND}申请提交后，可登录市政务服务网www.example.gov.cn\n\n"
        "查询进度，也可在线预约窗口办理。\n"
        f"{IND}下一步，各窗口还将延长服务时间。\n"
    )
    (article,) = parse_page(page).articles
    assert article.blocks[0].text.endswith("www.example.gov.cn查询进度，也可在线预约窗口办理。")


def test_the_second_half_of_an_ellipsis_after_a_page_break_carries_on_where_indentation_marks_paragraphs():
    """`…外卖员…` / (a page break) `…他们不在聚光灯下`: the paragraph above seems to end, but
    its ellipsis goes on below the break, flush after the blank line."""
    page = (
        "被看见的劳动者（一线行走）\n"
        f"{IND}还有许多劳动者我们来不及画。那些在晨曦中出发的建筑工人，在人潮里穿梭的外卖员…\n\n"
        "…他们不在聚光灯下，却托举起一座城市的日升月落。\n"
        f"{IND}画展结束了，画里的人还在路上。\n"
    )
    (article,) = parse_page(page).articles
    assert [b.text[-8:] for b in article.blocks] == ["城市的日升月落。", "里的人还在路上。"]
    assert "外卖员……他们不在聚光灯下" in article.blocks[0].text
    # unless the archivist says it is a paragraph of its own
    from build_scripts.ingest.corrections import Corrections

    fixed = parse_page(page, corrections=Corrections(no_join=frozenset({4})))
    assert [b.text[:4] for b in fixed.articles[0].blocks] == ["还有许多", "…他们不", "画展结束"]


@pytest.mark.parametrize("byline", ["", "本报记者  林  峰"])
def test_a_paragraph_a_page_break_cut_right_after_a_full_stop_goes_on_where_indentation_marks_paragraphs(byline):
    """The paragraph above ends with an ellipsis (`……`), and the break falls right there: the
    line flush after the blank line is too long for a sub-head and ends a sentence — the rest
    of the paragraph, with the article's byline glued to its end or not. A short one stays
    apart (a headline may end with `……`), and so does a flush line below a full stop (a
    caption, perhaps)."""
    rest = "这些年他的身上荣誉满满，但他没有停下脚步，还要带着乡亲们把日子过得更红火，为乡村振兴出一份力。"
    page = (
        "养鱼能手的致富经\n"
        f"{IND}天刚亮，他已经在塘边查看鱼苗的长势。\n"
        f"{IND}十多年前，他从外地引进鲈鱼，一次次试验，摸索出一套选育的办法。\n"
        f"{IND}他培育的新品系抗病力强、生长快，累计带动两千多户农户发展养殖。“全国劳动模范”“十佳农民”……\n\n"
        f"{rest}{byline}\n"
    )
    (article,) = parse_page(page).articles
    assert [b.text[-8:] for b in article.blocks][-1] == rest[-8:] and len(article.blocks) == 3
    assert "十佳农民”……这些年" in article.blocks[-1].text
    assert rules_of(page)[rest[:6]] == ("join.glued-byline" if byline else "join.indent-after-stop")
    if byline:
        assert list(article.authors) == ["林峰"]
    short = page.replace(f"{rest}{byline}\n", f"先清创，再消肿……\n{IND}夏天蚊虫多，被叮咬后怎么办？\n")
    assert rules_of(short)["先清创，再消"] != "join.indent-after-stop"
    # below a paragraph that ends with a full stop, a flush line may be a caption or a note of
    # the page's own: it stays apart
    caption = "这一年，他带着乡亲们建起了养殖合作社，把鲈鱼卖到了全国各地的大小市场和餐馆，日子越过越红火。"
    stop = page.replace("“十佳农民”……\n\n", "“十佳农民”。\n\n").replace(f"{rest}{byline}\n", f"{caption}\n")
    assert rules_of(stop)[caption[:6]] != "join.indent-after-stop"
    assert [b.text for b in parse_page(stop).articles[-1].blocks][-1] == caption


def test_the_rest_of_a_paragraph_at_the_top_of_an_indented_page_is_no_headline():
    """It ends its sentence, or opens where no sentence opens: the page's first article has no
    headline (the archivist is told)."""
    for rest in (
        "工作，多措并举推动政策落地见效。",
        "的重要指示精神，扎实推进各项工作，确保各项政策措施落地见效，切实让群众感受到实实在在的变化",
    ):
        page = f"{rest}\n{IND}下一步，各地将继续扩大试点范围。\n{IND}试点经验将在全省推广。\n"
        (article,) = parse_page(page).articles
        assert article.title == "" and article.text.startswith(rest), rest


def test_a_letter_signed_with_a_place_and_a_rare_surname_ends_with_its_writer():
    """`和` is a word of the language and a surname: after a place, set apart by spaces, it is
    the writer's name, and the letter ends there (the box below is a piece of its own)."""
    page = (
        "农家书屋要管好用好（建议）\n\n"
        "书屋建了，就该管好用好，让农民愿意来、坐得住。\n\n"
        "云南省泸水市  和建华\n\n"
        "征集\n\n"
        "本版联合开展群众急难愁盼问题征集，欢迎读者提供线索。\n"
    )
    letter, box = parse_page(page).articles
    assert letter.authors == ["和建华"] and letter.text == "书屋建了，就该管好用好，让农民愿意来、坐得住。"
    assert box.title == "征集" and box.text.startswith("本版联合开展")


def test_a_title_naming_its_column_below_a_signed_letter_opens_a_new_piece():
    """A reader's letter signed by a group (`某村村民`), then a title that asks and names its
    column (`…？（曝光）`) with a reporter below it: the next piece, not a section whose
    heading took two blocks."""
    page = (
        "水渠年久失修 雨水漫进农田（身边事）\n\n"
        "我们村的水渠年久失修，一下雨就漫进农田。盼望有关部门尽快修缮。\n\n"
        "清泉村3组村民\n\n"
        "河南某县—— 校园体检，竟成商业引流？（曝光）\n\n"
        "本报记者 张 明\n\n"
        "孩子从学校带回一张视力检查单，印满了眼镜店的名字。\n"
    )
    letter, report = parse_page(page).articles
    assert "清泉村3组村民" in letter.text
    assert report.title.endswith("竟成商业引流？（曝光）") and report.authors == ["张明"]


def test_a_row_of_stars_between_parts_of_the_text_is_a_pause_not_a_heading():
    """`***  ***` between two parts of a commentary: a paragraph of the article (the paper's
    e-edition prints it so), never a sub-head listed in the page's contents."""
    page = (
        "每一次握手都是对未来的书写\n\n本报评论员\n\n"
        "两国关系历经风雨，合作始终是主流。\n\n"
        "***\u00a0\u00a0***\n\n"
        "时移世易，关系回不到过去，但能够有一个更好的未来。\n"
    )
    result = parse_page(page)
    (article,) = result.articles
    assert [b.kind for b in article.blocks] == ["paragraph", "paragraph", "paragraph"]
    assert [d.rule_id for d in result.decisions if d.text.startswith("***")] == ["paragraph.divider"]


def test_applause_noted_after_a_question_in_a_speech_is_no_column_tag():
    page = (
        "在青年座谈会上的讲话\n\n本报记者 李 明\n\n"
        "同学们，青春是用来奋斗的，新时代的舞台无比广阔，每个人都有机会一展身手，成就一番事业。\n\n"
        "大家说，是不是这个道理？（掌声）\n\n"
        "希望大家珍惜韶华，脚踏实地，在奋斗中书写青春篇章。\n"
    )
    (speech,) = parse_page(page).articles
    assert "大家说，是不是这个道理？（掌声）" in [b.text for b in speech.blocks]


def test_lead_in_heads_ending_in_a_dash_are_all_heads_though_some_quote_a_word():
    # three parallel lead-ins to a report's sections; the second puts a word in quotation marks
    page = (
        "某省做实做强实体经济\n\n本报记者 陈 静\n\n某省立足优势，壮大产业。\n\n"
        "一块铝，见证资源优势转化——\n\n一张铝箔，最薄0.006毫米。\n\n"
        "一辆车，折射产业“链”动创新——\n\n新能源汽车下线，带动配套企业。\n\n"
        "一串数，依托区位激活发展——\n\n签约项目90个，落地见效。\n"
    )
    result = parse_page(page)
    heads = [d.text for d in result.decisions if d.rule_id == "subhead.dash-lead"]
    assert heads == ["一块铝，见证资源优势转化——", "一辆车，折射产业“链”动创新——", "一串数，依托区位激活发展——"]


def test_a_line_set_apart_as_the_page_sets_its_articles_apart_is_never_a_cut_paragraph(evidence_that_always_joins):
    """Three blank lines above it, as above every article of the page: a new piece's
    headline, whatever the evidence says of a break below it."""
    articles = (
        "城市更新让老街焕发新生\n\n本报记者 王芳\n\n老街改造完成后，居民生活更加便利，商户生意红火。\n\n\n\n"
        "全国春耕生产有序推进\n\n本报记者 李明\n\n本报北京5月3日电 各地抢抓农时，春耕生产进展顺利。\n\n\n\n"
    )
    page = articles + "保护冬奥会标志\n\n冬奥会将至。27日，市市场监管局开展专项检查，查处一批侵权商品。\n"
    titles = [a.title for a in parse_page(page).articles]
    assert titles == ["城市更新让老街焕发新生", "全国春耕生产有序推进", "保护冬奥会标志"]
    assert rules_of(page)["保护冬奥会标"] == "headline.wide-gap"


def test_a_column_of_short_items_is_credited_to_the_reporters_of_its_items():
    """环球扫描 prints no byline: each item names its reporters after its dateline, and the
    column is theirs (their pages list it), its text left as printed."""
    page = (
        "环球扫描\n\n某国举行议会选举\n\n本报甲城5月1日电  （记者王明）某国1日举行议会选举，投票率创新高。\n\n"
        "两国就边境问题举行会谈\n\n据新华社乙城5月2日电  （记者李华、张强）两国代表2日就边境问题举行会谈。\n"
    )
    (digest,) = parse_page(page).articles
    assert digest.title == "环球扫描"
    assert list(digest.authors) == ["王明", "李华", "张强"]
    assert digest.blocks[1].text.startswith("本报甲城5月1日电  （记者王明）")
    # an item without a credit adds no one, and a column with none is no one's
    (uncredited,) = parse_page(page.replace("（记者王明）", "").replace("（记者李华、张强）", "")).articles
    assert not uncredited.authors


_SECTIONS = (
    "这座县级博物馆韵味十足\n\n本报记者 某某\n\n头条看点\n\n"
    "位于古城内的历史博物馆，馆藏文物数千件，每逢节假日，前来参观的游客络绎不绝。\n\n"
    "多元科普，拉近观众与历史距离\n\n"
    "朱砂青墨落宣纸，一笔一画见敦煌。一场书画体验活动，吸引了许多孩子前来参与。\n\n"
    "博物馆做科普，为何如此受欢迎？\n\n"
    "老师会先用短视频等多种形式介绍藏品，再带着孩子们动手体验，寓教于乐。\n\n"
    "特色夜游，提升文化体验感\n\n"
    "暮色之下，身穿汉服的游客聚在博物馆门口，跟随讲解员走进展厅，开启夜游之旅。\n"
)


def test_a_short_line_of_phrases_between_paragraphs_is_a_sub_head():
    """`多元科普，拉近观众与历史距离`: two phrases and no stop between two paragraphs of text —
    a sub-head, though a comma parts it; a question there is a line of the text."""
    result = parse_page(_SECTIONS)
    (article,) = result.articles
    heads = [b.text for b in article.blocks if b.kind.name == "SUBHEAD"]
    assert heads == ["头条看点", "多元科普，拉近观众与历史距离", "特色夜游，提升文化体验感"]
    assert {d.rule_id for d in result.decisions if d.text.startswith(("多元", "特色"))} == {"subhead.phrases"}
    # below a paragraph a page break cut, the line is that paragraph's rest or a line of it
    cut = _SECTIONS.replace("络绎不绝。", "络绎不绝")
    (article,) = parse_page(cut).articles
    assert "多元科普，拉近观众与历史距离" not in [b.text for b in article.blocks if b.kind.name == "SUBHEAD"]


def _blocks_page(*blocks: str) -> str:
    return "\n\n".join(blocks) + "\n"


_LEAD_INS = (
    "古镇假日见闻",
    "本报记者 方 远",
    "假日里，古镇的游客比往年多了不少，街巷里处处是热闹的景象，商户们忙得不亦乐乎。",
    "推出新线路，游客变回头客",
    "登上游船，水路成了“风景线”——",
    "清晨8时许，第一班游船从码头出发，船上坐满了从外地赶来的游客，大家一边赏景一边拍照。",
    "船工老李说，今年新开了夜游线路，预订已经排到了下个月，不少游客是第二次来。",
    "打通新环节，堵点变亮点",
    "停车入园，预约更省心——",
    "过去停车难是游客最大的烦恼，如今景区开放了线上预约，停车位的数量也增加了一倍。",
    "开发新业态，客流变财流",
    "一碗小吃，带火一条街——",
    "老街上的小吃店排起了长队，店主说，节假日的营业额比平时翻了一番还多，忙不过来。",
)


def test_sections_headed_by_phrases_above_lead_ins_ending_in_a_dash():
    """`推出新线路，游客变回头客` / `登上游船，水路成了“风景线”——` / its text: the line of phrases
    heads the section; the line ending in a dash leads into its text — a line of the text, not
    a heading of its own (which took the table of contents) nor the heading's second line."""
    result = parse_page(_blocks_page(*_LEAD_INS))
    (article,) = result.articles
    assert article.subheads == ["推出新线路，游客变回头客", "打通新环节，堵点变亮点", "开发新业态，客流变财流"]
    assert {d.text: d.rule_id for d in result.decisions}["登上游船，水路成了“风景线”——"] == "paragraph.lead-in"
    assert "## 推出新线路，游客变回头客\n\n登上游船，水路成了“风景线”——\n\n清晨8时许" in body_markdown(article)
    # where every heading of the series ends in a dash, they are the headings
    dashed = [b + "——" if b.endswith(("客", "点", "流")) and "，" in b and len(b) < 14 else b for b in _LEAD_INS]
    dashed = [
        b
        for b in dashed
        if b not in ("登上游船，水路成了“风景线”——", "停车入园，预约更省心——", "一碗小吃，带火一条街——")
    ]
    (article,) = parse_page(_blocks_page(*dashed)).articles
    assert article.subheads == ["推出新线路，游客变回头客——", "打通新环节，堵点变亮点——", "开发新业态，客流变财流——"]


def test_a_heading_like_the_others_heads_its_section_whatever_text_is_below_it():
    """Two sections headed alike (`一张卡，…`, `一座城，…`): a third line of phrases as long,
    below a complete paragraph, is their fellow though a short question follows it."""
    page = _blocks_page(
        "海岛亚运会见闻",
        "本报记者 方 远",
        "亚运会开幕以来，海岛上的游客明显多了起来，酒店入住率创下新高，街头巷尾热闹非凡。",
        "一张卡，连起赛场景区",
        "凭赛事门票，观众可以免费乘坐公交，还能在景区享受折扣，不少游客专门为此办了卡。",
        "一片海，见证技术进步",
        "比赛用的海水经过了专门的净化处理？",
        "工作人员介绍，场馆采用了新的循环系统，每天处理的海水可以装满十个标准泳池。",
        "一座城，掀起健身热潮",
        "傍晚的沙滩上，市民们自发组织了排球比赛，参加的人越来越多，场地都不够用了。",
    )
    (article,) = parse_page(page).articles
    assert article.subheads == ["一张卡，连起赛场景区", "一片海，见证技术进步", "一座城，掀起健身热潮"]
    # alone, such a line above a question is a line of the text
    (article,) = parse_page(
        page.replace("一张卡，连起赛场景区", "凭票乘车").replace("一座城，掀起健身热潮", "健身热")
    ).articles
    assert "一片海，见证技术进步" not in article.subheads


def test_a_line_of_phrases_as_long_as_the_articles_other_sub_heads_is_one_of_them():
    """An article with sub-heads found as it was walked (`人工智能治理的特点与挑战`): a line of
    phrases between its paragraphs, as long as they are, heads a section too."""
    page = _blocks_page(
        "人工智能治理如何走深走实",
        "本报记者 方 远",
        "人工智能发展日新月异，如何让技术造福人类，是各国共同面对的课题。三位专家为此展开讨论。",
        "人工智能治理的特点与挑战",
        "主持人：当前人工智能治理面临哪些新特点？这些特点给全球治理带来了哪些新挑战？",
        "甲教授：人工智能技术迭代很快，治理规则往往跟不上技术发展的步伐，这是最大的挑战。",
        "坚持以人为本、智能向善，凝聚各方治理共识",
        "主持人：在现行国际机制下，应当推广什么样的治理理念，实现技术发展与治理的协同？",
        "乙教授：首先，必须坚持以人为本的发展理念，确保人工智能始终处于人类的控制之下。",
        "推动建立广泛参与的治理框架",
        "主持人：下一步，各国应当如何推动建立广泛参与、务实有效的人工智能治理框架呢？",
        "丙教授：各国应当加强沟通，在联合国框架下形成共识，让发展中国家也有充分的发言权。",
    )
    (article,) = parse_page(page).articles
    assert article.subheads == [
        "人工智能治理的特点与挑战",
        "坚持以人为本、智能向善，凝聚各方治理共识",
        "推动建立广泛参与的治理框架",
    ]


def test_a_credit_closing_an_article_cut_into_sections_is_no_heading(monkeypatch):
    """`本期统筹：…` below the last section's text heads nothing: a line of the text, however the
    walk weighed it (on a real page: a sub-head, the next article signed at its end)."""
    from build_scripts.parse.parser import _Parser

    weighed = _Parser._punctuated_headline
    monkeypatch.setattr(
        _Parser, "_punctuated_headline", lambda self, i: "统筹" in self.units[i].text or weighed(self, i)
    )
    for _ in _weighing_with({"join": {"bias": -10.0}, "headline": {"bias": -10.0}}):
        result = parse_page(_blocks_page(*_LEAD_INS, "本期统筹：周  明"))
    (article,) = result.articles
    assert article.subheads == ["推出新线路，游客变回头客", "打通新环节，堵点变亮点", "开发新业态，客流变财流"]
    assert article.blocks[-1].text == "本期统筹：周  明" and article.blocks[-1].kind.name == "PARAGRAPH"


@pytest.mark.parametrize("credit", ["学术支持：中国科学技术协会", "指导单位：某省文化和旅游厅"])
def test_who_stood_behind_a_special_page_is_no_heading_of_its_last_section(credit):
    """A line crediting who supported a special report, below its last section's text: a line
    of the text (`paragraph.heads-nothing`), not a heading over nothing."""
    result = parse_page(_blocks_page(*_LEAD_INS, credit))
    (article,) = result.articles
    assert article.subheads == ["推出新线路，游客变回头客", "打通新环节，堵点变亮点", "开发新业态，客流变财流"]
    assert article.blocks[-1].text == credit and article.blocks[-1].kind.name == "PARAGRAPH"


def test_a_line_of_phrases_above_a_subtitle_is_that_headings_first_line():
    """A piece inside the article headed `成为…，真不容易` / `——一名…的“自述”`: one heading in two
    pieces (its subtitle below it), not a paragraph above a heading."""
    page = _blocks_page(
        "足球机器人如何练成（科技新知）",
        "学会射门，真不容易",
        "——一台机器人球员的自述",
        "我来自一所大学的机器人实验室，是一名足球运动员，每天都要练习射门和传球。",
        "一开始，我怎么也学不会踢球，只能停在原地，看着球从身边滚过去。",
    )
    result = parse_page(page)
    (article,) = result.articles
    assert article.subheads == ["学会射门，真不容易 ——一台机器人球员的自述"]
    assert '## 学会射门，真不容易 <span class="subhead-second-line">——一台机器人球员的自述</span>' in body_markdown(
        article
    )
    assert {d.text: d.rule_id for d in result.decisions}["学会射门，真不容易"] == "subhead.above-subtitle"


def test_the_highlights_above_the_text_are_a_box_not_a_section_heading():
    """`头条看点` and the paragraph below it, above an article's text, are the box of highlights
    the page prints: its title and summary, not a section heading that would head the text
    down to the next one (the page's contents, search's `标题 › 头条看点`)."""
    (article,) = parse_page(_SECTIONS).articles
    body = body_markdown(article)
    assert "## 头条看点" not in body
    assert body.startswith(
        '<div class="article-highlights" markdown>\n<p class="article-highlights-label">头条看点</p>\n\n'
        "位于古城内的历史博物馆，"
    )
    assert article.subheads == ["多元科普，拉近观众与历史距离", "特色夜游，提升文化体验感"]
    assert "头条看点" in article.text  # the text keeps every line
    # a section's heading that only sounds like one (below the text's first paragraph) heads its section
    later = _SECTIONS.replace("头条看点\n\n", "").replace("多元科普，拉近观众与历史距离", "三大看点")
    (article,) = parse_page(later).articles
    assert "## 三大看点" in body_markdown(article)
    assert article.subheads[0] == "三大看点"


def test_an_articles_description_is_its_first_paragraphs_opening_sentence():
    """The excerpt under a headline in the issue's list and the page's description: from the
    text's first paragraph, not from a heading printed above it (头条看点)."""
    from build_scripts.catalogue.entry import entry_of
    from build_scripts.ingest.archive_config import ArchiveConfig, PaperInfo
    from build_scripts.ingest.read import source_page
    from build_scripts.problems import Report
    from build_scripts.writers.source_jobs import record_of

    config = ArchiveConfig(paper=PaperInfo(title="某报", slug="mou-bao"))
    page = source_page("2026-05-07_13_文化.txt", _SECTIONS.encode(), config, Report())
    (article,) = parse_page(page.text, page.first_line, page.corrections).articles
    record = record_of(page, article, 1)
    opening = "位于古城内的历史博物馆，馆藏文物数千件，每逢节假日，前来参观的游客络绎不绝。"
    assert record.description == opening
    assert entry_of(page.path, page.meta, article, 1).opening == opening  # the issue page's summary line


def test_long_headings_of_sections_headed_alike_are_sub_heads_and_a_long_lead_in_is_text():
    """A report's cases headed alike by long lines of phrases (30–40 characters, as a theory
    page's run to 50): all of them are sub-heads. A sentence as long that ends in a dash
    leads into the text below it: a paragraph, even among such headings."""
    headings = [
        "某医院委托的软件公司成了“内鬼”，窃取二百余万条患者信息",
        "不法分子提供有偿查询公民信息服务，扰乱网络空间正常秩序",
        "数万条预约订单信息遭泄露，数十名被害人被钓鱼网站骗取钱财",
    ]
    lead = "面对层出不穷的新型犯罪手法，司法机关持续加大惩治力度——"
    texts = [
        "个人信息泄露的源头，往往是黑灰产业链的开端。法院审理查明，该公司员工利用维护系统之便批量导出数据。",
        "近年来，一些不法分子通过非法手段批量获取公民信息，再以“查档”名义向他人出售，从中牟取暴利。",
        "这些信息被不法分子用来实施精准诈骗，受害者难以分辨真假。法院依法判处被告人有期徒刑并处罚金。",
    ]
    texts[0] += f"\n\n{lead}\n\n案发后，该公司迅速更换合作方，并对全部员工开展个人信息保护培训，堵住管理上的漏洞。"
    body = "".join(f"{heading}\n\n{text}\n\n" for heading, text in zip(headings, texts, strict=True))
    page = (
        "最高法发布典型案例 依法惩治侵犯公民个人信息犯罪\n\n本报记者  林  平\n\n"
        "最高人民法院日前发布一批依法惩治侵犯公民个人信息犯罪典型案例，涉及医疗、交通、快递等领域。\n\n"
        f"{body}"
    )
    (article,) = parse_page(page).articles
    assert [b.text for b in article.blocks if b.kind.value == "subhead"] == headings
    assert {rules_of(page)[heading[:6]] for heading in headings} == {"subhead.phrases-alike"}
    assert [b.kind.value for b in article.blocks if b.text == lead] == ["paragraph"]


def test_a_theory_pages_headings_alike_are_sub_heads_up_to_fifty_characters():
    """A theory page's sections headed alike by lines of phrases longer than a headline with
    commas may be (40): 43 and 47 characters, between complete paragraphs — sub-heads."""
    headings = [
        "深刻领会把握总书记重要讲话和重要指示批示精神的重大意义和丰富内涵，切实担当党校职责使命",
        "坚持党校姓党根本原则，以新时代中国特色社会主义思想引领哲学社会科学知识创新、理论创新、方法创新",
    ]
    assert [len(h) for h in headings] == [43, 47]
    text = "。".join(["这是一段完整的正文，讲述这一部分的来龙去脉和意义"] * 2) + "。"
    page = "为构建自主知识体系贡献党校力量（理论）\n\n某  某\n\n" + text + "\n\n"
    page += "".join(f"{h}\n\n{text}\n\n" for h in headings)
    (article,) = parse_page(page).articles
    assert article.subheads == headings


def test_headings_in_two_lines_a_line_of_phrases_over_a_sub_head_are_one_heading():
    """Sections headed in two lines, a line of phrases over a short heading
    (`丰富供给，融合多元业态` / `文化会客厅带来新体验`), two or more in the article: each line of
    phrases is its heading's first line, not a paragraph above the heading. One such pair
    alone is left as it was."""
    pairs = [
        ("盘活闲置空间，嵌入生活场景", "废弃厂房上演连台好戏"),
        ("丰富服务供给，融合多元业态", "文化会客厅带来新体验"),
        ("创新运营机制，鼓励多方参与", "城市书房有了合伙人"),
    ]
    texts = [
        "一座废弃多年的老厂房，经过改造成了村里的小剧场。每到周末，附近的村民都会赶来看演出，热闹非凡。",
        "走进街角的文化会客厅，阅读、展览、咖啡、手作应有尽有，年轻人在这里找到了新的休闲去处。",
        "城市书房一年四季开放。",  # (one of the series may head a short paragraph)
    ]
    sections = "".join(f"{first}\n\n{second}\n\n{text}\n\n" for (first, second), text in zip(pairs, texts, strict=True))
    page = (
        "新型公共文化空间遍布城乡 家门口的文化生活更丰富\n\n本报记者  林  平\n\n"
        "近年来，各地因地制宜建设新型公共文化空间，让群众在家门口就能享受到丰富多彩的文化生活。\n\n"
        f"{sections}"
    )
    (article,) = parse_page(page).articles
    assert article.subheads == [f"{first} {second}" for first, second in pairs]
    assert {rules_of(page)[first[:6]] for first, _ in pairs} == {"subhead.above-heading"}
    alone = page.replace(f"{pairs[1][0]}\n\n", "").replace(f"{pairs[2][0]}\n\n", "")
    (article,) = parse_page(alone).articles
    assert pairs[0][0] not in " ".join(article.subheads)


def test_a_longer_label_over_a_heading_of_phrases_heads_its_section_where_the_article_has_two():
    """A section's label longer than six characters (`“第一弯”看草`) over a heading of phrases
    (`草盛沙退，加强水源涵养`): one heading, where the article heads two or more sections so."""
    pairs = [
        ("“第一道弯”看草", "草盛沙退，加强水源涵养"),
        ("“几字形弯”看沙", "植绿固沙，调整水沙关系"),
    ]
    texts = [
        "草原退化的时候，牛羊越养越瘦。县里推行禁牧休牧、以草定畜，牧民跟着学经验，草原慢慢恢复了生机。",
        "大河拐出一个大弯，沿岸的沙丘曾经连成一片。治沙队员年复一年种树种草，如今沙丘上已是一片绿色。",
    ]
    sections = "".join(
        f"{label}\n\n{heading}\n\n{text}\n\n" for (label, heading), text in zip(pairs, texts, strict=True)
    )
    page = (
        "一条大河的三道弯 生态保护见成效\n\n本报记者  林  平\n\n"
        "大河九曲十八弯，萦绕回转，东流向海。沿着大河走一走，处处可见生态保护的新变化和新气象。\n\n"
        f"{sections}"
    )
    (article,) = parse_page(page).articles
    assert article.subheads == [f"{label} {heading}" for label, heading in pairs]
    assert {rules_of(page)[heading[:6]] for _, heading in pairs} == {"subhead.below-label"}
    # one of the series may head a short paragraph
    third = "“最后一道弯”看水\n\n“拧”紧阀门，用水精打细算\n\n豫东平原，大河在这里拐出最后一道弯。\n"
    (article,) = parse_page(page + third).articles
    assert article.subheads[-1] == "“最后一道弯”看水 “拧”紧阀门，用水精打细算"
    alone = page.replace(f"{pairs[1][0]}\n\n{pairs[1][1]}\n\n", "")
    (article,) = parse_page(alone).articles
    assert pairs[0][1] not in " ".join(article.subheads)


def test_where_an_epigraph_comes_from_is_a_line_of_the_text_not_a_heading():
    """`——摘自“十五五”规划纲要` under the quotation that opens a report: a paragraph, as the
    paper prints it, never a sub-head."""
    page = (
        "社区服务综合体打造幸福驿站\n\n创新社区集成服务模式。\n\n——摘自“十五五”规划纲要\n\n"
        "下午4点多，某社区的手工教室里，居民们正跟着老师学编织，毛线在她们手中渐渐变成一只只小熊。\n"
    )
    result = parse_page(page)
    (article,) = result.articles
    assert [b.kind.name for b in article.blocks] == ["PARAGRAPH", "PARAGRAPH", "PARAGRAPH"]
    assert [d.rule_id for d in result.decisions if d.text.startswith("——摘自")] == ["paragraph.attribution"]


def test_sections_headed_alike_are_sub_heads_however_long_the_heading():
    """A theory piece's sections headed alike (`……，……` with no stop), one heading short, the
    others longer than a lone heading of phrases may be: all of them are sub-heads."""
    headings = [
        "立足县域经济实践，夯实城乡融合的产业根基",
        "把握人口流动的规律和趋势，优化公共服务布局",
        "坚持农民主体，激发乡村内生动力",
    ]
    texts = [
        "县域是城乡融合的关键节点。各地依托本地资源禀赋，培育特色产业，让农民在家门口实现就业增收。",
        "随着人口在城乡之间双向流动，教育、医疗、养老等公共服务需要随人而动，按照常住人口合理配置。",
        "农民是乡村振兴的主体。要尊重农民意愿，保障农民权益，让广大农民在共建共享中有更多获得感。",
    ]
    sections = "".join(f"{heading}\n\n{text}\n\n" for heading, text in zip(headings, texts, strict=True))
    page = (
        "以改革创新推动城乡融合发展（观点）\n\n程  远\n\n"
        "推动城乡融合发展，是一项长期而系统的任务，需要在实践中不断探索，在探索中不断总结经验。\n\n"
        f"{sections}（作者为某大学农业经济研究所研究员）\n"
    )
    (article,) = parse_page(page).articles
    assert [b.text for b in article.blocks if b.kind.value == "subhead"] == headings
    rules = rules_of(page)
    assert [rules[heading[:6]] for heading in headings] == ["subhead.phrases-alike"] * 2 + ["subhead.phrases"]
    # one such heading alone, longer than 16 characters, stays a paragraph
    alone = page.replace(f"{headings[1]}\n\n", "").replace(f"{headings[2]}\n\n", "")
    (article,) = parse_page(alone).articles
    assert not [b for b in article.blocks if b.kind.value == "subhead"]


@pytest.fixture
def evidence_of_sub_heads():
    """The shipped weights, but every heading weighed inside an article is a sub-head."""
    from build_scripts.parse import evidence

    yield from _weighing_with({**evidence._shipped(), "headline": {"bias": -10.0}})


def test_a_heading_below_a_brief_dispatch_opens_the_next_article_whatever_the_evidence(evidence_of_sub_heads):
    """A dispatch is not cut into parts: a heading a few blocks into one, with running text
    below it, is the next article's headline (the announcement of a visit below a dispatch on
    talks) — unless the dispatch already has a sub-head."""
    dispatch = (
        "王明会见某国外长李华\n\n"
        "新华社北京6月2日电  （记者张三）国务委员王明2日在京会见来访的某国外长李华。\n\n"
        "王明表示，中方愿同某国一道，推动两国关系不断向前发展，造福两国人民。\n\n"
    )
    visit = "某国总理今起对我国进行正式访问\n\n应国务院总理邀请，某国总理将于6月3日至6日对中国进行正式访问，双方将就合作交换意见。\n"
    result = parse_page(dispatch + visit)
    assert [a.title for a in result.articles] == ["王明会见某国外长李华", "某国总理今起对我国进行正式访问"]
    assert {d.line: d.rule_id for d in result.decisions}[7] == "headline.after-dispatch"

    with_parts = dispatch.replace("王明表示", "深化合作\n\n王明表示")
    assert len(parse_page(with_parts + visit).articles) == 1
    signed_above = dispatch.replace("\n\n新华社", "\n\n本报记者 张 三\n\n新华社")  # a report may have parts
    assert len(parse_page(signed_above + visit).articles) == 1
    longer = dispatch + "王明还表示，中方愿同某国一道加强沟通协调，推动各领域合作不断取得新成果。\n\n" * 3
    assert len(parse_page(longer + visit).articles) == 1  # five blocks: a dispatch no longer brief
    introduced = (
        "某国总理名单\n\n经双方友好协商研究决定，下列人员随同某国总理来华访问，出席有关会议和活动，名单如下：\n"
    )
    assert len(parse_page(dispatch + introduced).articles) == 1  # no sentence ends below the heading


def test_the_heading_of_a_list_a_dispatch_announces_is_not_taken_for_the_next_article():
    """`…企业名单` below a dispatch, with its note and one name a line below it: no running
    text follows the heading, so it is not the next article's headline for being in a dispatch."""
    page = (
        "某协会发布年度企业名单\n\n"
        "新华社北京6月2日电  （记者张三）某协会2日发布年度优秀文化企业名单，共有3家企业入选。\n\n"
        "年度优秀文化企业名单\n\n"
        "（共3家，排名不分先后）\n\n"
        "甲乙文化科技有限公司\n\n丙丁传媒集团有限公司\n\n戊己影视股份有限公司\n"
    )
    result = parse_page(page)
    assert "headline.after-dispatch" not in {d.rule_id for d in result.decisions}
    assert [a.title for a in result.articles] == ["某协会发布年度企业名单"]


def test_a_name_glued_after_the_last_line_signs_it_though_it_reads_as_a_word_with_the_next_headline():
    """Where indentation marks paragraphs, the writer's name glued after the note on them
    (`…董事长）苟护生`) signs the article, though its last character and the next article's
    headline, after blank lines, read as a word (`生|前`): a word runs across only into text
    that goes on."""
    page = (
        "充分释放场景赋能的乘数效应（感言）\n"
        "　　场景是连接技术与市场的桥梁，要推动更多新技术在真实场景中得到应用，形成良性循环。\n"
        "　　（作者为某某工程咨询有限公司党委书记、董事长）苟护生\n\n\n"
        "前四月全国一般公共预算收入增长\n"
        "　　财政部发布数据显示，前四月全国一般公共预算收入同比增长，运行总体平稳。\n"
    )
    result = parse_page(page)
    first = result.articles[0]
    assert first.byline == "苟护生"
    assert first.blocks[-1].text == "（作者为某某工程咨询有限公司党委书记、董事长）"
    assert {d.line: d.rule_id for d in result.decisions}[3] == "byline.glued"


def test_wrapped_text_broken_where_it_held_spaces_goes_on_in_the_line_they_indent():
    """A paragraph copied out of a column breaks where its text held spaces (`…全球治理  携手…`):
    the next line starts with them. Where the page indents its paragraphs with ideographic
    spaces, those ordinary spaces start no paragraph."""
    lines = [
        IND + "五月二十日，小组会议在纽约举",  # wrapped at the column's 16 characters
        "行会议，主题是“改革完善全球治理",
        "  携手应对全球挑战”。各方代表",
        "出席会议并发言。",
        IND + "与会各方一致认为，应加强沟通",
        "协调，推动合作取得更多成果，造福",
        "各国人民。",
    ]
    (article,) = parse_page("小组会议发表联合公报\n" + "\n".join(lines) + "\n").articles
    assert [b.text for b in article.blocks] == [
        "五月二十日，小组会议在纽约举行会议，主题是“改革完善全球治理携手应对全球挑战”。各方代表出席会议并发言。",
        "与会各方一致认为，应加强沟通协调，推动合作取得更多成果，造福各国人民。",
    ]


@pytest.fixture
def evidence_that_never_joins():
    """The shipped weights, but every break weighed starts a paragraph of its own."""
    from build_scripts.parse import evidence

    yield from _weighing_with({**evidence._shipped(), "join": {"bias": -10.0}})


def test_a_block_holding_a_full_stop_but_stopping_without_one_is_carried_on_whatever_the_evidence(
    evidence_that_never_joins,
):
    """Past an article's first two blocks, a block that holds a sentence's full stop and stops
    without one was cut by a break (`…视角。我们习惯从自己的视角出发` / `考虑问题。…`). Not so
    a commentary's summary among its first two blocks, nor a block ending with a dash that
    introduces the lines below it."""
    page = (
        "论文致谢何以动人\n\n本报记者 林 溪\n\n"
        "一篇硕士论文的致谢走红网络。作者感谢了学校的保卫部门，很多人为之动容。\n\n"
        "这份致谢让人看到了校园里的温情，也让人看到了一名学生的成长。\n\n"
        "它让学生转换看世界的视角。我们习惯从自己的视角出发\n\n"
        "考虑问题。身在大学校园中，希望秩序更好，很正常。\n\n"
        "校园生活的点滴，都可以成为成长的养分。他说了三句话——\n\n"
        "要多看看身边的人。\n"
    )
    result = parse_page(page)
    (article,) = result.articles
    assert [b.text[:6] for b in article.blocks] == [
        "一篇硕士论文",
        "这份致谢让人",
        "它让学生转换",
        "校园生活的点",
        "要多看看身边",
    ]
    assert "join.full-stop-inside" in {d.rule_id for d in result.decisions}

    summary = "把学习成果转化为实际行动。以实干实绩回应群众期盼\n\n"
    lead = parse_page(
        "论文致谢何以动人\n\n本报记者 林 溪\n\n" + summary + "一篇硕士论文的致谢走红网络，很多人为之动容。\n"
    )
    assert [b.text[:6] for b in lead.articles[0].blocks] == ["把学习成果转", "一篇硕士论文"]
    # …but one of the first two that stops on a word no summary ends on (an adverb: `不断`) was cut
    cut = "这些关键小事，都与群众生活息息相关。为不断\n\n把好事办实，各地进一步探索创新。\n\n"
    lead = parse_page("论文致谢何以动人\n\n本报记者 林 溪\n\n" + cut + "一篇硕士论文的致谢走红网络，很多人为之动容。\n")
    assert [b.text[:6] for b in lead.articles[0].blocks] == ["这些关键小事", "一篇硕士论文"]


def _joins_weighed(monkeypatch, chance: float, opening: str) -> None:
    """The evidence weighs the join of the block opening with `opening` at `chance`; the shipped
    models weigh the others."""
    from build_scripts.parse.joins import JoinRules

    weighed = JoinRules._join_probability
    monkeypatch.setattr(
        JoinRules,
        "_join_probability",
        lambda self, unit: chance if unit.text.startswith(opening) else weighed(self, unit),
    )


_HEADED_ALIKE = (
    "乡村振兴路上的新风景\n\n本报记者  李  明\n\n"
    "近年来，某县依托山水资源发展乡村旅游，村民的日子越过越红火，游客也越来越多。\n\n"
    "守护绿水青山，村民吃上生态饭\n\n"
    "走进某村，溪水清澈见底，游客络绎不绝。村民王大姐开起了农家乐，一年收入十多万元。\n\n"
    "发展特色产业，集体经济不断壮大\n\n"
    "合作社统一收购村民种植的茶叶，再加工成品牌茶销往全国各地，带动两百多户村民增收。\n"
)


@pytest.mark.parametrize(("chance", "headed"), [(0.6, True), (0.75, False), (0.95, False)])
def test_a_line_of_phrases_joined_on_weak_evidence_heads_its_section_like_its_fellow(monkeypatch, chance, headed):
    """`发展特色产业，集体经济不断壮大`, which the evidence joined to the paragraph below on 60 %,
    is as long as the article's other heading of phrases: a heading too, its paragraph apart
    (subhead.alike-unjoined), and the rule is sure of it (no warning). Joined on 75 % or more —
    the evidence sure of it —, it stays the first half of a paragraph."""
    from build_scripts.ingest.corrections import Corrections

    _joins_weighed(monkeypatch, chance, "合作社")
    (article,) = parse_page(_HEADED_ALIKE).articles
    subheads = [s.text for s in article.segments if s.kind is Kind.SUBHEAD]
    paragraphs = [s.text for s in article.segments if s.kind is Kind.PARAGRAPH]
    assert "守护绿水青山，村民吃上生态饭" in subheads
    if headed:
        assert subheads == ["守护绿水青山，村民吃上生态饭", "发展特色产业，集体经济不断壮大"]
        assert paragraphs[-1].startswith("合作社统一收购")
        decisions = {d.line: d for d in parse_page(_HEADED_ALIKE).decisions}
        assert [(d.label, d.rule_id, d.confident) for d in (decisions[11], decisions[13])] == [
            ("subhead", "subhead.alike-unjoined", True),
            ("paragraph", "subhead.alike-unjoined", True),
        ]
        # the archivist's word stands: a line they labelled is left as they said
        fixed = parse_page(_HEADED_ALIKE, corrections=Corrections(labels={11: "paragraph"})).articles[0]
        assert [s.text for s in fixed.segments if s.kind is Kind.SUBHEAD] == ["守护绿水青山，村民吃上生态饭"]
    else:
        assert paragraphs[-1].startswith("发展特色产业，集体经济不断壮大合作社")


_HEADED_BELOW_LABELS = (
    "首发经济新变化\n\n本报记者  李  明\n\n"
    "某市某区的购物中心里，一场新品首发活动吸引了众多市民，商场负责人说客流比平时多了三成。\n\n"
    "创造新场景——\n\n"
    "从首店首品到首发活动，首发体验升级\n\n"
    "商圈里人来人往，一家运动品牌的全国首店刚刚开业，门口排起长队，店员忙着为顾客介绍新品。\n\n"
    "构筑新品牌——\n\n"
    "以首发促产业带消费，打造城市新业态\n\n"
    "扫码下单，机械臂精准完成取料、搅拌，短短几分钟，一份饮品就做好了，顾客接过成品连声称赞。\n\n"
    "塑造新趋势——\n\n"
    "政策全要素保障，发展生态更加完善\n\n"
    "首发经济与科技创新持续双向赋能，一批新技术、新产品在这里率先亮相，带动相关产业加快发展。\n"
)


@pytest.mark.parametrize(("chance", "headed"), [(0.8, True), (0.95, False)])
def test_a_line_of_phrases_below_a_sections_label_heads_it_on_stronger_evidence_of_a_join(monkeypatch, chance, headed):
    """Below a section's short label (`构筑新品牌——`), a line of phrases as long as the heading
    below the article's other label is that section's heading, though the evidence joined it to
    the paragraph below on 80 % (subhead.alike-unjoined); only near-certain evidence (95 %)
    keeps it the first half of a paragraph a break cut."""
    _joins_weighed(monkeypatch, chance, "扫码下单")
    (article,) = parse_page(_HEADED_BELOW_LABELS).articles
    subheads = [s.text for s in article.segments if s.kind is Kind.SUBHEAD]
    paragraphs = [s.text[:21] for s in article.segments if s.kind is Kind.PARAGRAPH]
    assert "从首店首品到首发活动，首发体验升级" in subheads  # the article's other headings below a label
    if headed:
        assert "以首发促产业带消费，打造城市新业态" in subheads
        assert "扫码下单，机械臂精准完成取料、搅拌，短短几" in paragraphs
    else:
        assert "以首发促产业带消费，打造城市新业态扫码下单" in paragraphs


def test_a_moderators_question_a_break_cut_inside_a_word_is_carried_on():
    """`主持人：…` opens a moderator's question, not only a credit (`主讲人：…村医 叶永红`): where
    a word runs across the break below it (`网络空|间`), a break cut the question."""
    page = (
        "推动完善人工智能全球治理\n\n本报记者  李  明\n\n"
        "主持人：中国倡导构建人类命运共同体、构建网络空\n\n"
        "间命运共同体，坚持发展和安全并重的原则，全球人工智能治理体系面临哪些挑战？\n\n"
        "某教授：与相对成熟的全球治理议题相比，人工智能治理仍处在起步阶段。\n"
    )
    (article,) = parse_page(page).articles
    assert article.blocks[0].text == (
        "主持人：中国倡导构建人类命运共同体、构建网络空间命运共同体，坚持发展和安全并重的原则，全球人工智能治理体系面临哪些挑战？"
    )


def test_a_moderators_question_with_a_clause_after_a_comma_is_text_not_a_credit(evidence_that_always_joins):
    """`主持人：在现行国际机制下，…` says something after a comma: a question, carried on below a
    break like any paragraph — a credit names who, nothing more."""
    page = (
        "推动完善人工智能全球治理\n\n本报记者  李  明\n\n"
        "主持人：在现行国际机制下，人工智能治理滞后于技术的迭代演进，这种失衡导致全球治理赤字\n\n"
        "进一步扩大。应在全球范围推广何种治理理念？\n"
    )
    (article,) = parse_page(page).articles
    assert article.blocks[0].text.endswith("全球治理赤字进一步扩大。应在全球范围推广何种治理理念？")


def test_below_a_short_sub_head_that_labels_no_section_the_stronger_limit_does_not_hold(monkeypatch):
    """`记者手记` is short, but the article heads no section with a label over a heading
    (`subhead.below-label`): a line of phrases below it that the evidence joined on 80 % stays
    the first half of a paragraph, as anywhere else."""
    page = _HEADED_ALIKE.replace("发展特色产业，集体经济不断壮大\n\n", "记者手记\n\n发展特色产业，集体经济不断壮大\n\n")
    _joins_weighed(monkeypatch, 0.8, "合作社")
    (article,) = parse_page(page).articles
    paragraphs = [s.text for s in article.segments if s.kind is Kind.PARAGRAPH]
    assert "记者手记" in [s.text for s in article.segments if s.kind is Kind.SUBHEAD]
    assert paragraphs[-1].startswith("发展特色产业，集体经济不断壮大合作社")


@pytest.mark.parametrize("layout", ["blank", "indent"])
@pytest.mark.parametrize("reporter_first", [False, True])
def test_a_dialogue_whose_list_opens_with_its_first_speaker_is_text_credited_to_the_papers_own(layout, reporter_first):
    # `对话人：` with the first speaker on its line, right below the headline: the list of the
    # dialogue's speakers, text like the names below it — not the text's first heading — and the
    # speaker from the paper itself (`（本报记者）`), first or last, is the article's writer
    speakers = ["林晓川（话剧《归途》导演）", "周岚（话剧《归途》主演）", "宋一鸣（本报记者）"]
    if reporter_first:
        speakers.reverse()
    lines = [
        "好戏是磨出来的（面对面）",
        "对话人：" + speakers[0],
        *speakers[1:],
        "《归途》上演以来，场场满座。",
        "记者：这部戏排了多久？",
        "林晓川：整整三年，剧本改了十几稿。",
    ]
    if layout == "blank":
        page = "\n\n".join(lines) + "\n"
    else:
        page = lines[0] + "\n" + "".join(f"{IND}{line}\n" for line in lines[1:])
    (article,) = parse_page(page).articles
    assert article.title == "好戏是磨出来的（面对面）"
    assert [b.kind for b in article.blocks[:3]] == [Kind.PARAGRAPH] * 3
    assert article.blocks[0].text == "对话人：" + speakers[0]
    assert article.authors == ["宋一鸣"]


def test_a_heading_inside_a_dialogue_heads_a_part_of_it_whatever_the_evidence_says(monkeypatch):
    # the parts of a dialogue are headed by short lines (`“磨”剧本`), each with a speaker's turn
    # right below it: on a real page the evidence weighed one at 56 % for a new article
    from build_scripts.parse.headings import HeadingRules

    weighed = HeadingRules._headline_chance
    headings = {"“磨”台词", "“磨”身段", "观众来信", "剧场开放日访谈"}
    lines = [
        "好戏是磨出来的（面对面）",
        "对话人：林晓川（话剧《归途》导演）",
        "宋一鸣（本报记者）",
        "《归途》上演以来，场场满座。主创们经历了什么，又收获了什么？",
        "“磨”台词",
        "记者：这部戏排了多久？剧本前后改了多少稿？",
        "林晓川：整整三年，剧本改了十几稿，每一稿都拿到排练场里去试。",
        "“磨”身段",
        "一句台词改了几十遍",
        "林晓川：演员每天早上五点起来练声，练了整整一年。",
        # an interview of its own: its host is none of the dialogue's speakers
        "剧场开放日访谈",
        "主持人：今天请来了剧场的经理，谈谈每月一次的开放日。",
        "王经理：开放日每月一次，欢迎大家预约。",
        "观众来信",
        "本报讯 一位观众来信说，《归途》让他想起了自己的父亲。",
    ]
    # the evidence says each of them starts a new article
    monkeypatch.setattr(
        HeadingRules,
        "_headline_chance",
        lambda self, i, unit: max(weighed(self, i, unit), 0.9 * (unit.text in headings)),
    )
    first, interview, letter = parse_page("\n\n".join(lines) + "\n").articles
    assert [b.text for b in first.blocks if b.kind is Kind.SUBHEAD] == ["“磨”台词", "“磨”身段", "一句台词改了几十遍"]
    assert first.authors == ["宋一鸣"]
    assert letter.title == "观众来信"  # no speaker's turn below it: the evidence decides
    assert interview.title == "剧场开放日访谈"


def test_a_byline_labelling_the_speaker_and_what_they_are_names_the_speaker():
    """`本期主讲人：…研究会会长 郭兰峰`, as an archivist labels it a byline: the lecture is the
    speaker's, not that of the reporter who wrote it up at its end."""
    page = (
        "以投资于人推动全面发展（示例讲坛）\n\n本期主讲人：示例经济研究会会长 郭兰峰\n\n"
        "人是生产力中最活跃的因素。\n\n投资于人，就是投资于未来。\n\n（本报记者闫妍整理）\n"
    )
    (article,) = parse_page(page, corrections=Corrections(labels={3: "byline"})).articles
    assert article.byline == "本期主讲人：示例经济研究会会长 郭兰峰" and article.authors == ["郭兰峰"]
    assert parse_names("讲述人：郑  雯").authors == ("郑雯",)  # a name spaced to fill the line
    assert parse_names("受访者：王小明 李华").authors == ("王小明", "李华")
    for byline in ("作者：北京大学教授 李四", "讲述人：退休教师 李四", "撰文：李四", "文：李四"):
        assert parse_names(byline).authors == ("李四",), byline
    assert parse_names("编者按：为了更好地服务读者").authors == ()  # words, not a name
    # who edited, drew, wrote the calligraphy or planned the page wrote none of it
    for credit in ("责任编辑：王华", "图：王五", "题字：沈鹏", "策划：张三", "本版统筹：赵川"):
        assert parse_names(credit).authors == (), credit


@pytest.mark.parametrize("signed", ["本报记者 许 明", "许 明", "（本报记者 许明）"])
def test_a_byline_glued_to_the_text_ends_the_article_above_a_headline_that_opens_with_a_particle(signed):
    # 过 opens the headline below as a word of its own (jieba tags it a particle), as no
    # sentence carried on from above would open: still the next article's headline
    page = (
        f"守护好身边的绿水青山\n\n保护生态，既要靠制度，也要靠每个人的自觉。是我们共同的心愿。{signed}\n\n"
        "过一个文明祥和的春节\n\n春节将至，各地纷纷开展文明过节活动，倡导绿色环保。\n"
    )
    first, second = parse_page(page).articles
    assert first.byline == signed and first.text.endswith("是我们共同的心愿。")
    assert second.title == "过一个文明祥和的春节"
