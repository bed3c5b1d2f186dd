"""Pages of mainland city and provincial papers, whose conventions differ from the national
daily the parser was tuned on: `本报讯（记者 X 通讯员 Y）`, a byline marked with a box
(`□记者 X`), a headline's pieces on lines of their own set right below each other where blank
lines part the blocks, the staff a byline credits after its reporters (`编辑 X 校对 Y`). The
pages are invented, in the manner of a city evening paper."""

from __future__ import annotations

import pytest

from build_scripts.ingest.archive_config import load_archive_config
from build_scripts.parse.model import Kind, Names
from build_scripts.parse.names import parse_names
from build_scripts.parse.parser import parse_page
from build_scripts.parse.patterns import dateline_of, is_byline_line, is_caption, is_furniture, is_signature_line

PAGE = """城南晚报 2024年3月5日 星期二 A03 城事

地铁5号线南段下月试运行
沿线6座车站同步开放，早晚高峰间隔不超过5分钟

本报讯（记者 王晓东 通讯员 李明）昨天，记者从市地铁集团获悉，地铁5号线南段将于4月中旬开始试运行。

市地铁集团相关负责人表示，目前各车站装修已基本完成，正在进行设备联调。

老旧小区加装电梯提速
今年计划完成300台

□记者 陈静

“以前下楼买个菜都要歇好几回，现在电梯直接到家门口。”家住鼓楼区某小区的张阿姨说。

记者从市住建局了解到，今年全市计划完成老旧小区加装电梯300台，比去年增加近一倍。

春季招聘会本周六举行

本报讯（通讯员 周文 记者 孙丽）本周六上午9点，2024年春季大型人才招聘会将在市国际博览中心举行。

据了解，本次招聘会设立高校毕业生专区、退役军人专区等。

本版编辑 吴芳 美编 郑洁
"""


def test_a_headline_on_two_lines_after_the_text_above_opens_its_article():
    """Its first line set right above the second, which a byline confirms: not a sub-head
    of the article above."""
    parsed = parse_page(PAGE)
    assert [a.title for a in parsed.articles] == [
        "地铁5号线南段下月试运行 沿线6座车站同步开放，早晚高峰间隔不超过5分钟",
        "老旧小区加装电梯提速 今年计划完成300台",
        "春季招聘会本周六举行",
    ]
    first, second, _ = parsed.articles
    assert "老旧小区" not in first.text
    assert (first.authors, first.correspondents) == (["王晓东"], ["李明"])
    assert second.authors == ["陈静"]
    assert [d.rule_id for d in parsed.decisions if d.line in (10, 11)] == [
        "headline.above-confirmed",
        "headline.second-line-confirmed",
    ]


def test_the_staff_credited_after_the_reporters_are_no_authors():
    assert parse_names("新京报记者 刘洋 编辑 张伟 校对 王丽").authors == ("刘洋",)
    assert parse_names("本报记者 刘洋 责任编辑：张伟").authors == ("刘洋",)
    # an editor is named only after the reporters: a reporter named 编 is still a reporter
    assert parse_names("本报记者 王小明 通讯员 李四").correspondents == ("李四",)


@pytest.mark.parametrize(
    "line",
    [
        "A05 城事 2024年3月5日 星期二 责编 王海燕 美编 李娜",
        "A12 副刊·秦淮 2024年3月7日 星期四 编辑 郭明 美编 吴静 校对 赵琳",
        "8 市县新闻 2024年3月10日 星期日 责任编辑 方敏 版式设计 叶青",
        "2024年3月5日 星期二 农历甲辰年正月廿五 今日32版",
        "2024年3月5日 星期二 农历 甲辰年正月廿五",
        "北滨晚报 2025年9月18日 星期四 A12 副刊·海风 本版编辑 宋小禾",
        "2024年3月5日 星期二 农历二〇二四年正月廿五",
        "新闻热线：025-96068",
        "本报新闻热线：025-96068 欢迎提供新闻线索",
        "本报地址：南京市秦淮区建康路88号 邮编：210000 发行热线：025-96068",
        "临江晚报新闻热线：0576-96111",
        "本版编辑 黄敏 投稿邮箱：qxbfk@example.com",
        "来稿请寄：pinglun@example.cn",
        "本版投稿邮箱：hdrbsx@163.com",
        "海岱日报社出版 地址：济南市历下区文华路218号 邮政编码：250011",
        "国内统一连续出版物号CN37-0118 邮发代号23-62",
    ],
)
def test_a_city_papers_running_head_and_footer_are_furniture(line):
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        "2022年1月26日 星期三 滨江区报告首例",
        "市民如有意见建议，可拨打12345热线反映。",
        "招商热线：4006509112",
        "栏目投稿邮箱：rmrbzzb@peopledaily.cn",  # a column's own address: the column's text
        "食品安全投诉举报热线：12331",  # a notice's number, not the paper's
        "地址：杭州市某路1号 邮编：310000",
    ],
)
def test_a_timeline_a_sentence_and_an_advertisers_number_are_not(line):
    assert not is_furniture(line)


def test_the_papers_name_at_the_top_of_its_page_is_furniture(tmp_path):
    (tmp_path / "archive.yml").write_text(
        "paper: {title: 城南晚报, title_en: Chengnan Evening News, slug: cheng-nan-wan-bao}\n", encoding="utf-8"
    )
    profile = load_archive_config(tmp_path).profile
    page = "城南晚报\n\nCHENGNAN  EVENING NEWS\n\n" + PAGE
    parsed = parse_page(page, profile=profile)
    assert [s.text for s in parsed.furniture][:2] == ["城南晚报", "CHENGNAN  EVENING NEWS"]
    assert parsed.articles[0].title.startswith("地铁5号线")


@pytest.mark.parametrize(
    ("text", "dateline", "credit", "rest"),
    [
        ("新京报讯（记者 刘洋）昨天，市里发布通知。", "新京报讯", "（记者 刘洋）", "昨天，市里发布通知。"),
        ("大河报·豫视频讯（记者 李明）近日，郑州…", "大河报·豫视频讯", "（记者 李明）", "近日，郑州…"),
        (
            "本报讯 记者 陈晨 通讯员 杭交宣 从3月起，全市公交…",
            "本报讯",
            "记者 陈晨 通讯员 杭交宣",
            "从3月起，全市公交…",
        ),
        ("南都讯 记者 王一 昨日，市民…", "南都讯", "记者 王一", "昨日，市民…"),
    ],
)
def test_a_city_papers_datelines_and_the_reporters_they_name(text, dateline, credit, rest):
    assert dateline_of(text) == (dateline, credit, rest)


def test_a_word_ending_in_xun_opens_no_dateline_without_reporters():
    assert dateline_of("体育快讯（一）今天有三场比赛。") is None
    assert dateline_of("本报讯 记者 陈晨近日从市里获悉…") == ("本报讯", None, "记者 陈晨近日从市里获悉…")


def test_reporters_named_without_brackets_end_at_the_first_word_that_is_no_name():
    assert dateline_of("本报讯 记者 陈晨 昨日 市园林局发布通知…") == ("本报讯", "记者 陈晨", "昨日 市园林局发布通知…")
    # a byline after the dateline and nothing else: left as printed, its last name too
    line = "（新华社北京5月24日电）新华社记者 梅世雄 张勇健 解放军报记者 李兵正"
    assert dateline_of(line)[1] is None


def test_a_column_of_short_items_whose_first_title_is_set_right_below_its_name():
    """`环球扫描` with its first item's title on the next line and a dateline below: the
    column opens, and its items are its sub-heads (not a headline of two lines)."""
    page = "\n".join(
        [
            "两会代表热议民生",
            "",
            "本报记者 王一",
            "",
            "代表们认为，民生改善要一件接着一件办。",
            "",
            "环球扫描",
            "全球高校学生人数持续增长",
            "",
            "本报巴黎4月26日电  （记者李志伟）联合国教科文组织日前发布报告，全球高校学生人数持续增长。",
            "",
            "多国出台措施应对高温天气",
            "",
            "本报新德里4月26日电  （记者王一）多国近日出台措施应对高温天气。",
        ]
    )
    _, column = parse_page(page + "\n").articles
    assert column.title == "环球扫描" and column.subheads == ["全球高校学生人数持续增长", "多国出台措施应对高温天气"]


@pytest.mark.parametrize(
    ("byline", "authors", "correspondents"),
    [
        ("扬子晚报/紫牛新闻记者 徐亮 通讯员 宁轩", ("徐亮",), ("宁轩",)),
        ("封面新闻记者 王二", ("王二",), ()),
        ("融媒记者 程可心 通讯员 姚远山", ("程可心",), ("姚远山",)),
        ("（记者 王力 县委报道组 李蕾 通讯员 吴晓）", ("王力",), ("李蕾", "吴晓")),
    ],
)
def test_a_news_apps_reporters_and_a_countys_reporting_group(byline, authors, correspondents):
    assert is_byline_line(byline)
    assert parse_names(byline) == Names(authors, correspondents)


def test_a_wrapped_line_with_its_closing_marks_hung_past_the_column_is_full():
    """Type sets no closing mark at a line's start: a full line hangs it past the column's
    end (`…‘卖空气’。”`), and the paragraph goes on below."""
    ind = "\u3000\u3000"
    lines = [
        "安吉竹林碳汇变现",
        "本报记者 王力",
        f"{ind}安吉是中国竹乡，全县竹林面积87万亩。近",
        "年来，该县建立竹林碳汇收储平台，由村集体将分",
        "散的竹林经营权流转到平台，统一进行科学经营和",
        "碳汇计量，再出售给有减排需求的企业。",
        f"{ind}“以前毛竹卖不上价，现在竹林还能‘卖空气’。”",
        "天荒坪镇大溪村村民潘建华说，他家40亩竹林去",
        "年获得碳汇分红近3000元。",
        f"{ind}目前，全县已有120个村参与碳汇交易，村",
        "集体经营性收入平均增长了一成以上。",
    ]
    (article,) = parse_page("\n".join(lines) + "\n").articles
    assert [b.text for b in article.blocks][1] == (
        "“以前毛竹卖不上价，现在竹林还能‘卖空气’。”天荒坪镇大溪村村民潘建华说，他家40亩竹林去年获得碳汇分红近3000元。"
    )
    assert len(article.blocks) == 3


OPINION_PAGE = """A02 评论 2024年3月6日 星期三 责编 何平 美编 陈希


社评
让便民生活圈更有温度

下楼买菜、修鞋配钥匙，这些看似琐碎的小事，却是居民日常生活的“基本盘”。

把选择权交给居民，把服务做到家门口，生活圈才能真正“圈”住人心。


来论
电动自行车充电难，需要多方“接力”
□张晓峰（媒体人）

入春以来，多地开展电动自行车安全隐患整治，“飞线充电”受到严格管控。

只有把“能充电”的问题解决好，“不乱充”的要求才能真正落地。


学生近视防控不能只盯着“屏幕时间”

多项研究表明，户外活动不足是儿童青少年近视高发的重要原因。

□陈默（某高校教育学院副教授）


读者来信
楼道堆物，该有人管管了

我家住在一个老小区的六楼，楼道里常年堆着旧家具、纸箱和自行车。

（南京市玄武区 读者 林晓东）
"""


def test_an_opinion_pages_column_labels_and_marked_signatures():
    """A column's label set right above its piece's title is a piece of the headline, and a
    writer's name marked with a box (`□张晓峰（媒体人）`) signs the piece, at its top or its end."""
    parsed = parse_page(OPINION_PAGE)
    assert [a.title for a in parsed.articles] == [
        "社评 让便民生活圈更有温度",
        "来论 电动自行车充电难，需要多方“接力”",
        "学生近视防控不能只盯着“屏幕时间”",
        "读者来信 楼道堆物，该有人管管了",
    ]
    assert [a.authors for a in parsed.articles] == [[], ["张晓峰"], ["陈默"], ["林晓东"]]
    assert not any("来论" in a.text or "□" in a.text for a in parsed.articles)


def test_a_box_marked_name_is_a_signature():
    assert parse_names("□王琳").authors == ("王琳",)
    assert parse_names("■陈默（北京某高校教育学院副教授）").authors == ("陈默",)
    assert is_signature_line("□张晓峰（媒体人）") and parse_names("◎陈美玲").authors == ("陈美玲",)
    # a pen name that is a word of the language (林间) signs where who the writer is follows it
    assert parse_names("□林间（作家）").authors == ("林间",)
    # a box's label after the same marks is no one's name
    for label in ("■相关新闻", "■背景", "□编者按", "◎提示", "■数据", "■链接", "□林间"):
        assert not is_signature_line(label), label
    assert not is_signature_line("■链接") and not is_signature_line("张晓峰（媒体人）")


def test_the_writer_before_the_pictures_source_is_the_byline_and_a_credited_picture_stays_a_caption():
    page = "\n\n".join(
        [
            "“95后”女孩返乡种草莓",
            "文/新京报记者 杨帆 图/受访者供图",
            "三月的京郊，昌平区兴寿镇的草莓大棚里一片忙碌，游客们提着小篮子穿梭在垄间。",
            "刚开始并不顺利。第一季草莓因为温度控制不当，减产了近一半，她几乎想要放弃。",
            "后来，她向区农技站的专家请教，又去外地的草莓基地学了两个月，终于摸清了门道。",
            "何小满在大棚里查看草莓长势。受访者供图",
            "如今，她的草莓通过直播和社区团购卖到了全国各地。",
        ]
    )
    (article,) = parse_page(page + "\n").articles
    assert article.authors == ["杨帆"]
    assert [(s.kind, s.text) for s in article.segments if s.kind is Kind.CAPTION] == [
        (Kind.CAPTION, "何小满在大棚里查看草莓长势。受访者供图")
    ]
    assert is_caption("市民在城墙下赏花。图/受访者提供")


def test_a_box_of_briefs_each_credited_is_one_article():
    page = "\n\n".join(
        [
            "简讯",
            "【玄武湖樱花预计下周进入盛花期】记者从玄武湖景区获悉，樱花已陆续开放。（记者 王蕾）",
            "【市图书馆新增两处自助借还点】即日起，两处24小时自助借还点投入使用。（记者 赵倩 实习生 孙悦）",
            "【专场招聘会周六举行】本周六上午9时，专场招聘会将在市人力资源市场举行。（通讯员 陈静）",
        ]
    )
    parsed = parse_page(page + "\n")
    (article,) = parsed.articles
    assert article.title == "简讯" and len([b for b in article.blocks if b.kind is Kind.PARAGRAPH]) == 3
    assert (article.authors, article.correspondents) == (["王蕾", "赵倩"], ["孙悦", "陈静"])
    assert not any(d.rule_id == "article.headless" for d in parsed.decisions)


def test_a_continued_storys_jump_line_and_a_writer_named_with_their_job():
    ind = "\u3000\u3000"
    page = "\n".join(
        [
            "久坐族的腰，经不起这三个“坏习惯”",
            "特约撰稿人 许卫东（江东市第一人民医院骨科主任医师）",
            f"{ind}长时间伏案工作的人，腰椎承受的压力往往比想象中更大。",
            "",
            "“暖心驿站”让骑手不再漂泊",
            "（上接A01版）",
            f"{ind}在驿站里，骑手们可以免费喝水、充电、休息。",
        ]
    )
    first, second = parse_page(page + "\n").articles
    assert (first.title, first.authors) == ("久坐族的腰，经不起这三个“坏习惯”", ["许卫东"])
    assert second.title == "“暖心驿站”让骑手不再漂泊"
    assert parse_names("本报记者 姚雪青文  秦飞摄（人民视觉）").authors != ("姚雪青文", "秦飞")


FRONT_PAGE = """2024年5月14日 星期二 农历甲辰年四月初七 今日12版

导读

▶全省春播粮食面积稳中有增 2版

▶让非遗在年轻人手中“活”起来 9版

抢抓二季度黄金期 扎实推进项目建设
全省第二批重大项目集中开工
共316个项目 总投资2860亿元

本报讯（记者 许文博 沈一帆）5月13日，全省第二批重大项目集中开工活动在各地同步举行。

省发展改革委有关负责人表示，各地将继续落实重大项目“赛马”机制。

老小区加装电梯再提速

记者 林晓彤 实习生 孙雨萱

记者昨天从市住建局获悉，今年我市计划为老旧小区加装电梯320台，比去年多出近百台。

财政补贴最高28万元

按照今年新出台的实施办法，每台加装电梯的财政补贴由20万元提高到最高28万元。

市住建局相关负责人提醒，加装电梯须由具备资质的单位设计施工。

城事速递

■本周六起，地铁3号线工作日末班车发车时间延长至23时30分。

■“城市书房”第十家分馆日前在拱辰街道开放，藏书1.2万册。

■4月3日至5日，公交集团将开通6条清明祭扫专线，票价2元。
"""


def test_a_contents_box_then_a_lead_story_under_three_headline_lines_then_a_box_of_briefs():
    parsed = parse_page(FRONT_PAGE)
    assert [a.title for a in parsed.articles] == [
        "导读",
        "抢抓二季度黄金期 扎实推进项目建设 全省第二批重大项目集中开工 共316个项目 总投资2860亿元",
        "老小区加装电梯再提速",
        "城事速递",
    ]
    contents, lead, lifts, briefs = parsed.articles
    assert len(contents.blocks) == 2 and lead.authors == ["许文博", "沈一帆"]
    assert [b.text[:1] for b in briefs.blocks] == ["■", "■", "■"]
    assert "城事速递" not in lifts.text and lifts.subheads == ["财政补贴最高28万元"]


@pytest.mark.parametrize(
    "head",
    [
        "A08 2025年9月17日 星期三 经济 责编 沈一帆 美编 吴蔚 审读 高文",
        "北滨晚报·文体 A06 2025.9.19 星期五 编辑 马骁",
        "乡村健康报 2025年9月18日 星期四 第3版 健康科普 责任编辑 丁蓓 电话：0531-86993321",
    ],
)
def test_a_running_head_in_any_order_above_the_pages_first_article(head):
    """A full date with its weekday and no sentence, above the first article: the running
    head, whatever order it gives the paper, the 版 and the editors. Below an article's start,
    such a line is the page's text (a timeline's entry)."""
    timeline = "2022年1月26日 星期三 滨江区报告首例"
    page = f"{head}\n\n中秋临近月饼走俏\n\n本报记者 陶立群\n\n今年中秋，月饼市场呈现新变化。\n\n{timeline}\n\n此后，疫情得到控制。\n"
    parsed = parse_page(page)
    assert [s.text for s in parsed.furniture] == [head]
    assert parsed.articles[0].title == "中秋临近月饼走俏" and parsed.articles[0].authors == ["陶立群"]


def test_a_wrapped_line_short_by_an_opening_mark_pushed_to_the_next_line_is_full():
    """Type never ends a line with an opening quote: the line stops short of the column by
    one character, and the quote opens the next line (`…永安大戏院推出` / `“周末夜场”演出季…`).
    The page is wrapped where its column of type is full (figures take half a column)."""
    ind = "\u3000\u3000"
    lines = [
        "老剧院“上新” 周末夜场一票难求",
        "记者 晏晴 通讯员 贺子墨",
        f"{ind}国庆前夕，修缮一新的永安大戏院推出",
        "“周末夜场”演出季，京剧、吕剧、话剧和脱",
        "口秀轮番上演。记者从剧院获悉，首批12场演",
        "出的门票开售不到一周即售出九成。",
        f"{ind}剧院负责人介绍，夜场演出票价在80元至",
        "280元之间，学生凭证可享受半价优惠。",
        "",
        "全市中学生篮球联赛开打",
        f"{ind}本报讯（记者 葛蕊）9月18日，全市中学",
        "生篮球联赛在第十九中学体育馆开幕。本届联",
        "赛共有初中组、高中组男女队伍56支，比赛将",
        "持续至11月中旬，采用主客场制进行。",
        f"{ind}■北滨海洋帆船邀请赛将于10月11日至13",
        "日在奥帆中心举行，来自国内外的28支船队将",
        "参加场地赛和长距离赛。",
    ]
    first, _ = parse_page("\n".join(lines) + "\n").articles
    assert [b.text[:8] for b in first.blocks] == ["国庆前夕，修缮一", "剧院负责人介绍，"]
