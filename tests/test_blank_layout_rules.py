"""Rules for pages whose blocks are set apart by blank lines (the sample's layout), each on a
small invented page: there a page break leaves a blank line inside a paragraph just as a
paragraph break does, and a headline's pieces share one block, so only the words and the
blocks around a line tell what it is."""

from __future__ import annotations

from build_scripts.parse.parser import parse_page


def _rules(page: str) -> dict[str, str]:
    """The rule that labelled each line, by the line's first characters."""
    return {d.text[:6]: d.rule_id for d in parse_page(page).decisions}


def test_a_block_opening_with_a_particle_carries_on_the_paragraph_above():
    page = (
        "小城夜市重新开张\n\n本报记者 钟 岚\n\n"
        "夜市管理方介绍，摊位统一换上了新的招牌和照明，游客排队点单\n\n"
        "的时间比去年短了一半。\n\n周末的客流已经恢复到往年水平。\n"
    )
    (article,) = parse_page(page).articles
    assert [b.text[:6] for b in article.blocks] == ["夜市管理方介", "周末的客流已"]
    assert _rules(page)["的时间比去年"] == "join.opens-mid-sentence"


def test_lines_of_verse_ending_on_a_comma_stay_lines_of_their_own():
    page = "图说春耕\n\n细雨润新苗，\n\n农机满田跑，\n\n今年收成好。\n\n图为农民在田间插秧。\n\n本报记者 苗 禾摄\n"
    (article,) = parse_page(page).articles
    assert [b.text for b in article.blocks[:3]] == ["细雨润新苗，", "农机满田跑，", "今年收成好。"]


def test_a_short_block_the_block_below_carries_on_is_not_a_subhead():
    page = (
        "社区图书角受欢迎\n\n本报记者 许 望\n\n"
        "社区图书角开放半年来，借阅量逐月上升。\n\n"
        "此外，志愿者们还把募集来的绘本，送到镇上的儿童福利\n\n"
        "院，孩子们很快就读完了第一批书。\n\n"
        "下一步，社区还将增设夜间借阅服务。\n"
    )
    (article,) = parse_page(page).articles
    assert (
        article.blocks[1].text == "此外，志愿者们还把募集来的绘本，送到镇上的儿童福利院，孩子们很快就读完了第一批书。"
    )
    assert _rules(page)["此外，志愿者"] == "paragraph.cut-below"


def test_a_line_a_blank_line_below_a_one_line_headline_opens_the_text():
    page = "山区公路通到家门口\n\n一条路的三年\n\n三年前，村里人去县城要走半天山路。\n\n如今，公交车开到了村口。\n"
    (article,) = parse_page(page).articles
    assert article.title == "山区公路通到家门口"
    assert article.blocks[0].text == "一条路的三年"
    assert _rules(page)["一条路的三年"] == "subhead.below-headline"


SECTIONS = (
    "青春在一线（特别报道）\n\n"
    "五四青年节前夕，我们走近三位青年，听他们讲述奋斗故事。\n\n——编  者\n\n"
    "东港码头青年突击队——\n\n夜色里的吊机\n\n本报记者  范小舟\n\n"
    "凌晨两点，码头依旧灯火通明，突击队员们正在装卸最后一批集装箱。\n\n"
    "“船不等人，我们就得跟上。”队长说。\n\n"
    "西山林场护林员——\n\n守着一片林子\n\n本报记者  齐  川\n\n"
    "天刚亮，护林员就背起水壶出发了，巡山一圈要走二十多公里。\n"
)


def test_sections_with_bylines_of_their_own_stay_in_one_article():
    (article,) = parse_page(SECTIONS).articles
    assert article.title == "青春在一线（特别报道）"
    texts = [b.text for b in article.blocks]
    assert "本报记者  范小舟" in texts and "本报记者  齐  川" in texts  # printed in the text
    assert article.authors == ["范小舟", "齐川"]
    rules = _rules(SECTIONS)
    assert rules["东港码头青年"] == rules["夜色里的吊机"] == rules["西山林场护林"] == "subhead.section"
    assert rules["本报记者  "] == "byline.section"


def test_a_heading_with_a_byline_right_below_a_headline_opens_its_first_section():
    page = (
        "三地探访春耕忙\n\n"
        "东北：黑土地上农机多\n\n本报记者 白 桦\n\n开春以来，合作社的农机已全部检修完毕。\n\n\n\n"
        "江南育秧工厂不停歇\n\n本报记者 江 禾\n\n育秧工厂里，一盘盘秧苗整齐排列。\n"
    )
    first, second = parse_page(page).articles
    assert first.title == "三地探访春耕忙" and first.authors == ["白桦"]
    assert first.blocks[0].text == "东北：黑土地上农机多"
    assert second.title == "江南育秧工厂不停歇" and second.authors == ["江禾"]


def test_a_design_credit_right_below_the_text_is_the_articles_last_paragraph():
    page = (
        "数据看变化\n\n本报记者 田 禾\n\n今年一季度，全省新增就业岗位十二万个。\n\n制图：林 晓\n\n\n\n"
        "本版责编：王 川\n\n版式设计：周 宁\n"
    )
    result = parse_page(page)
    (article,) = result.articles
    assert article.blocks[-1].text == "制图：林 晓"
    assert [s.text for s in result.furniture] == ["本版责编：王 川", "版式设计：周 宁"]
    assert _rules(page)["制图：林 晓"] == "paragraph.design-credit"


def test_a_word_of_the_language_below_a_headline_is_not_a_name_but_a_spaced_one_is():
    word = "保护区巡礼\n\n最高\n\n在海拔五千米的冰川脚下，巡护员每天都要走上十几公里。\n"
    (article,) = parse_page(word).articles
    assert article.authors == [] and article.blocks[0].text == "最高"
    spaced = "在“体验”中打开消费新空间\n\n天 山\n\n首发经济的活力，不只在于数量，更在于质量。\n"
    (article,) = parse_page(spaced).articles
    assert article.authors == ["天山"]


def test_a_heading_in_two_blocks_with_a_byline_below_heads_another_section():
    page = SECTIONS.replace("西山林场护林员——", "西山林场护林员")
    (article,) = parse_page(page).articles
    assert article.authors == ["范小舟", "齐川"]


def test_a_picture_item_below_an_article_is_an_article_of_its_own():
    page = (
        "城市书房延长开放时间\n\n本报记者 方 舟\n\n"
        "五一假期，全市四十家城市书房每天开放到晚上十点。\n\n"
        "不少市民带着孩子前来阅读。\n\n"
        "湖畔栈道迎客来\n\n"
        "假期里，湖畔新建的栈道迎来大批游客。\n\n"
        "李 青摄（影像中国）\n"
    )
    first, second = parse_page(page).articles
    assert first.title == "城市书房延长开放时间" and second.title == "湖畔栈道迎客来"


def test_a_paragraph_leaving_a_quotation_open_is_carried_on_below():
    page = (
        "规划引领发展\n\n本报记者 程 远\n\n"
        "规划纲要把“建设现代化产业体系\n\n"
        "巩固实体经济根基”放在各项任务的第一位。\n\n下一步，各地将出台配套措施。\n"
    )
    (article,) = parse_page(page).articles
    assert article.blocks[0].text == "规划纲要把“建设现代化产业体系巩固实体经济根基”放在各项任务的第一位。"
    assert _rules(page)["规划纲要把“"] == "paragraph.cut-below"
    assert _rules(page)["巩固实体经济"] == "join.left-open"


def test_headlines_with_a_question_kicker_a_colon_or_a_note_in_brackets():
    page = (
        "小店关门，一屋子花怎么办？ 邻里接力 三天卖完（援手）\n\n本报记者 宋 暖\n\n"
        "花店老板突然住院，满屋鲜花无人照看。\n\n\n"
        "城市绿道：连起公园，连起生活（城市观察）\n\n何 远\n\n"
        "绿道修到了家门口，散步的人多了起来。\n\n\n"
        "市人民代表大会常务委员会任免名单 （2026年3月30日市人民代表大会常务委员会第九次会议通过）\n\n"
        "任命李明为市交通运输局局长。\n"
    )
    titles = [a.title for a in parse_page(page).articles]
    assert titles == [
        "小店关门，一屋子花怎么办？ 邻里接力 三天卖完（援手）",
        "城市绿道：连起公园，连起生活（城市观察）",
        "市人民代表大会常务委员会任免名单 （2026年3月30日市人民代表大会常务委员会第九次会议通过）",
    ]


def test_a_headline_summing_up_a_dispatch_is_confirmed_by_the_dateline_below():
    headline = (
        "市政府召开常务会议 听取一季度经济运行情况汇报，审议通过《城市更新三年行动方案》"
        "《老旧小区改造实施意见》，研究部署防汛和安全生产工作"
    )
    page = (
        f"{headline}\n\n本报讯 市政府昨日召开常务会议，听取一季度经济运行情况汇报。\n\n会议指出，要稳住经济基本盘。\n"
    )
    (article,) = parse_page(page).articles
    assert article.title == headline


def test_readers_letters_in_a_column_each_signed_with_a_place_and_a_name_stay_in_it():
    page = (
        "来论\n\n"
        "办事别“再琢磨琢磨”\n\n浙江省金华市  查明亮\n\n"
        "方案交上去大半个月，得到的答复总是再琢磨琢磨。\n\n"
        "“山羊放着，酸枣拾着”\n\n辽宁省大连市  韩小伟\n\n"
        "老家的一名干部用一句谚语讲起在基层工作的收获。\n"
    )
    (article,) = parse_page(page).articles
    assert article.title == "来论" and article.authors == ["查明亮", "韩小伟"]


def test_a_cut_lead_after_a_dateline_is_read_with_its_dateline():
    page = (
        "劳动奖集中表彰\n\n"
        "本报北京4月27日电  （记者易安）记者27日从市总工会获悉：今年将表彰全市劳\n\n"
        "动模范3024名，其中先进工作者379名。\n\n"
        "今年1月，市总工会修订了评选办法。\n"
    )
    (article,) = parse_page(page).articles
    assert article.blocks[0].text == "记者27日从市总工会获悉：今年将表彰全市劳动模范3024名，其中先进工作者379名。"


def test_a_brief_set_one_blank_line_below_a_dispatch_is_an_article_of_its_own():
    page = (
        "全省春播进度过半\n\n"
        "本报杭州4月29日电  （记者周原）记者从省农业农村厅获悉：全省春播粮食已完成六成。\n\n"
        "省农业农村厅有关负责人表示，将加强技术指导。\n\n"
        "双层观光巴士亮相西湖景区\n\n"
        "4月29日，西湖景区首辆双层观光巴士正式开通，串联起沿湖十多个景点。\n\n\n"
        "城市书房延长开放时间\n\n本报记者 方 舟\n\n五一假期，全市城市书房每天开放到晚上十点。\n"
    )
    titles = [a.title for a in parse_page(page).articles]
    assert titles == ["全省春播进度过半", "双层观光巴士亮相西湖景区", "城市书房延长开放时间"]


def test_a_paragraph_refused_by_the_evidence_names_its_rule():
    page = (
        "赛道上最动人的徽章（人民时评）\n\n李 明\n\n"
        "我们出发，我们挑战，只因胸中未曾熄灭的火焰，只因脚下未曾踏足的远方\n\n"
        "近期，两个马拉松世界纪录被先后打破，激荡人心。\n"
    )
    (article,) = parse_page(page).articles
    assert len(article.blocks) == 2
    decision = next(d for d in parse_page(page).decisions if d.text.startswith("近期"))
    assert decision.rule_id == "paragraph.evidence" and "%" in decision.rule
