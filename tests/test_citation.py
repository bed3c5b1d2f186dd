"""Citations: GB/T 7714-2015 newspaper articles, Chicago notes-bibliography, CSL-JSON."""

from __future__ import annotations

import datetime as dt

import pytest

from build_scripts.contract.labels import NO_TITLE
from build_scripts.plugins.archive.citation import (
    Work,
    chicago_bibliography,
    chicago_note,
    cited_title,
    csl_json,
    gbt7714,
    ris,
)
from build_scripts.plugins.archive.romanize import romanised_title

DAY = dt.date(2022, 1, 28)


def work(creators=("李洁",), title="全省政法系统热议2022年政法工作新看点", page=None, **extra) -> Work:
    return Work(title=title, creators=tuple(creators), paper="浙江日报", date=DAY, page=page, **extra)


def test_gbt7714_single_author_without_page():
    assert gbt7714(work()) == "李洁. 全省政法系统热议2022年政法工作新看点[N]. 浙江日报, 2022-01-28."


def test_gbt7714_gives_the_page_in_brackets_after_the_date():
    assert gbt7714(work(page=4)) == "李洁. 全省政法系统热议2022年政法工作新看点[N]. 浙江日报, 2022-01-28(4)."


@pytest.mark.parametrize(
    ("creators", "head"),
    [
        (["陈毅人", "鲁冰"], "陈毅人, 鲁冰. "),
        (["陈洋根", "赵文琼", "武露露"], "陈洋根, 赵文琼, 武露露. "),
        (["甲", "乙", "丙", "丁"], "甲, 乙, 丙, 等. "),
        ([], ""),
    ],
)
def test_gbt7714_lists_up_to_three_creators_then_deng(creators, head):
    assert gbt7714(work(creators, title="标题")) == f"{head}标题[N]. 浙江日报, 2022-01-28."


def test_cited_title_is_the_main_title_with_its_subtitle_and_without_the_kicker():
    assert cited_title(["创新落实……工程……", "全省政法系统热议新看点"]) == "全省政法系统热议新看点"
    assert cited_title(["引题", "主题", "——副题"]) == "主题: 副题"
    # a character that prints nothing before the dash (`\u200b——`, as real pages have it): a subtitle all the same
    assert cited_title(["把匠心写进时代", "\u200b——评一套丛书"]) == "把匠心写进时代: 评一套丛书"
    assert cited_title(["写在开庭之际", "\u200b—\u200b—纪念某某审判"]) == "写在开庭之际: 纪念某某审判"
    assert cited_title(["保护奥林匹克标志"]) == "保护奥林匹克标志"
    assert cited_title([]) == NO_TITLE  # the one placeholder of every page and output


def test_work_from_front_matter_names_reporters_then_correspondents():
    meta = {
        "title_parts": ["保护奥林匹克标志"],
        "authors": ["陈洋根"],
        "correspondents": ["赵文琼", "武露露"],
        "paper": "浙江日报",
        "date": "2022-01-28",
        "page": 3,
        "page_name": "政法",
        "id": "2022-01-28-x",
    }
    w = Work.from_meta(meta)
    assert w.creators == ("陈洋根", "赵文琼", "武露露")
    assert gbt7714(w) == "陈洋根, 赵文琼, 武露露. 保护奥林匹克标志[N]. 浙江日报, 2022-01-28(3)."


def test_a_byline_naming_no_person_is_cited_as_a_collective_author():
    meta = {
        "title_parts": ["以更大力度稳就业惠民生"],
        "authors": [],
        "correspondents": [],
        "byline": "（本报评论员）",
        "paper": "浙江日报",
        "date": "2023-08-14",
        "page": 5,
    }
    assert gbt7714(Work.from_meta(meta)) == "本报评论员. 以更大力度稳就业惠民生[N]. 浙江日报, 2023-08-14(5)."
    assert Work.from_meta({**meta, "byline": ""}).creators == ()


@pytest.mark.parametrize("byline", ["本报记者", "（新华社记者）", "通讯员", "本报实习生", "本報記者"])
def test_a_reporters_role_alone_names_no_author(byline):
    meta = {
        "title_parts": ["高标准高质量做好发展党员工作"],
        "byline": byline,
        "paper": "人民日报",
        "date": "2026-05-19",
    }
    work = Work.from_meta(meta)
    assert work.creators == ()
    assert gbt7714(work).startswith("高标准高质量做好发展党员工作[N]")
    assert "author" not in csl_json(work)[0]


def test_chicago_romanises_chinese_titles_and_names_and_gives_the_characters():
    # Chicago 11.83, 14.98: romanised (Hanyu Pinyin, sentence-style) title, then the characters;
    # 14.83: a Chinese name keeps its order, family name first.
    assert chicago_note(work()) == (
        "Li Jie 李洁, “Quansheng zhengfa xitong reyi 2022 nian zhengfa gongzuo xin kandian” "
        "全省政法系统热议2022年政法工作新看点, Zhejiang ribao 浙江日报, January 28, 2022."
    )
    assert chicago_bibliography(work(paper_en="Zhejiang Daily")) == (
        "Li Jie 李洁. “Quansheng zhengfa xitong reyi 2022 nian zhengfa gongzuo xin kandian” "
        "全省政法系统热议2022年政法工作新看点. Zhejiang ribao 浙江日报 [Zhejiang Daily], January 28, 2022."
    )


def test_chicago_reads_the_zero_of_a_written_out_year():
    title = romanised_title("二〇二六年度工作报告")
    assert "〇" not in title and "ling" in title and title.endswith("niandu gongzuo baogao")


@pytest.mark.parametrize(
    ("title", "written"),
    [
        ("恒指跌1.2%收报16,595点", "16,595 dian"),
        ("曼城3:1挫利物浦", "3:1 cuo"),
        ("曼城3：1挫利物浦", "3:1 cuo"),
        ("1，2号线开通", "1, 2 haoxian"),
    ],
)
def test_a_figures_own_comma_or_colon_stays_inside_it(title, written):
    assert written in romanised_title(title)


def test_chicago_writes_compounds_places_and_names_as_library_romanisation_does():
    # a long compound as the words it is made of; 陕西 as officially spelt; an apostrophe
    # where syllables would run together; a name jieba cuts in two, whole
    assert romanised_title("全国人民代表大会常务委员会关于修改监狱法的决定").startswith(
        "Quanguo renmin daibiao dahui changwu weiyuanhui guanyu"
    )
    assert romanised_title("陕西西安举办书展").startswith("Shaanxi Xi'an")
    assert romanised_title("丁薛祥在调研时强调").startswith("Ding Xuexiang zai")


def test_chicago_writes_a_foreign_name_its_parts_dotted_apart_as_a_capitalised_word_for_each():
    assert romanised_title("美国总统唐纳德·特朗普近期对我国") == "Meiguo zongtong Tangnade Telangpu jinqi dui woguo"
    assert romanised_title("罗伯特·劳伦斯·库恩：读懂中国") == "Luobote Laolunsi Ku'en: dudong Zhongguo"
    assert romanised_title("会见唐纳德•特朗普").endswith("Tangnade Telangpu")  # (a dot printed another way)
    # a dot between the pieces of a headline parts no name
    assert romanised_title("“2026世界市长对话·西安”活动") == "‘2026 shijie shizhang duihua Xi'an’ huodong"


def test_chicago_writes_the_words_of_a_name_joined_by_a_conjunction_and_an_ordinal_as_words():
    assert romanised_title("全国人大环境与资源保护委员会").endswith("Huanjing yu ziyuan baohu weiyuanhui")
    assert romanised_title("第三十四届上海白玉兰戏剧节").startswith("Di sanshisi jie Shanghai")
    assert "di ershi jie Zhongyang weiyuanhui di si ci" in romanised_title("中国共产党第二十届中央委员会第四次全体会议")
    # a word with 和 in it is not divided at it
    assert romanised_title("和平共处五项原则") == "Heping gongchu wuxiang yuanze"
    assert romanised_title("温和派的调和剂") == "Wenhepai de tiaoheji"


def test_chicago_writes_words_jieba_files_as_names_as_words():
    # jieba's dictionary tags 福祉, 高峰 and 青少年 as names: in a title they are words
    assert romanised_title("增进民生福祉") == "Zengjin minsheng fuzhi"
    assert romanised_title("能源电力高峰需求") == "Nengyuan dianli gaofeng xuqiu"
    assert romanised_title("关爱青少年成长").startswith("Guan'ai qingshaonian")
    # ... and 科普, 纳米, 勾勒 as foreign names (`nrt`), as it does two thousand words of two characters
    assert romanised_title("与大科学装置一同成长（院士讲科普）").endswith("(yuanshi jiang kepu)")
    assert romanised_title("纳米材料勾勒新图景") == "Nami cailiao goule xin tujing"
    # names stay names: jieba's full names, names its HMM found, three characters after a
    # common family name; a transcribed foreign name is one word, capitalised
    assert romanised_title("习近平同李强会见") == "Xi Jinping tong Li Qiang huijian"
    assert romanised_title("赵乐际在调研时强调").startswith("Zhao Leji zai")
    assert romanised_title("会见塞尔维亚外长") == "Huijian Sai'erweiya waizhang"


def test_chicago_names_compound_surnames_and_polyphonic_surnames_right():
    assert chicago_note(work(["欧阳晓岚", "单雄", "曾乐"], title="标题")).startswith(
        "Ouyang Xiaolan 欧阳晓岚, Shan Xiong 单雄, and Zeng Le 曾乐, “Biaoti” 标题,"
    )


def test_chicago_writes_a_foreign_name_transcribed_in_characters_a_word_for_each_part():
    # the middle dot sets the parts of the name apart: one capitalised word each, not the
    # family name and given name of a Chinese name (`Luo Bote laolunsi Ku En`)
    assert chicago_note(work(["罗伯特·劳伦斯·库恩"], title="标题")).startswith(
        "Luobote Laolunsi Ku'en 罗伯特·劳伦斯·库恩, “Biaoti” 标题,"
    )
    assert chicago_note(work(["卡尔·费", "李洁"], title="标题")).startswith("Ka'er Fei 卡尔·费 and Li Jie 李洁,")


def test_chicago_joins_names_with_and_and_abbreviates_long_note_author_lists():
    two = work(["陈毅人", "鲁冰"], title="标题")
    assert chicago_note(two).startswith("Chen Yiren 陈毅人 and Lu Bing 鲁冰, “Biaoti” 标题,")
    four = work(["李洁", "陈毅人", "鲁冰", "胡宗昊"], title="标题")
    assert chicago_note(four).startswith("Li Jie 李洁 et al., “Biaoti” 标题,")
    assert chicago_bibliography(four).startswith("Li Jie 李洁, Chen Yiren 陈毅人, Lu Bing 鲁冰, and Hu Zonghao 胡宗昊.")


def test_chicago_page_url_and_quotes_inside_the_headline():
    w = work(title="创新落实“除险保安”晾晒机制", page=4, url="https://example.org/2022/01/28/x/")
    assert chicago_note(w) == (
        "Li Jie 李洁, “Chuangxin luoshi ‘chuxian bao'an’ liangshai jizhi” 创新落实“除险保安”晾晒机制, "
        "Zhejiang ribao 浙江日报, January 28, 2022, 4, https://example.org/2022/01/28/x/."
    )
    assert chicago_bibliography(w).endswith("January 28, 2022. https://example.org/2022/01/28/x/.")


def test_chicago_without_author_starts_with_the_title_and_an_untitled_article_with_the_placeholder():
    assert chicago_bibliography(work([], title="标题")) == "“Biaoti” 标题. Zhejiang ribao 浙江日报, January 28, 2022."
    assert chicago_note(work([], title=NO_TITLE)).startswith(f"{NO_TITLE}, Zhejiang ribao")


def test_csl_names_are_split_into_family_and_given_only_where_the_byline_allows():
    (item,) = csl_json(work(["李洁", "欧阳晓岚", "本报评论员", "罗伯特·库恩", "新华社", "买买提明"]))
    assert item["author"] == [
        {"family": "李", "given": "洁"},
        {"family": "欧阳", "given": "晓岚"},
        {"literal": "本报评论员"},
        {"literal": "罗伯特·库恩"},
        {"literal": "新华社"},
        {"literal": "买买提明"},
    ]


def test_ris_is_a_newspaper_article_with_its_paper_page_and_address():
    record = ris(work(["陈毅人", "欧阳晓岚", "本报评论员"], page=4, page_name="政法", url="https://example.org/x/"))
    assert record.split("\r\n") == [
        "TY  - NEWS",
        "TI  - 全省政法系统热议2022年政法工作新看点",
        "AU  - 陈, 毅人",
        "AU  - 欧阳, 晓岚",
        "AU  - 本报评论员",  # no comma: one name, as printed
        "T2  - 浙江日报",
        "PY  - 2022",
        "DA  - 2022/01/28",
        "SP  - 4",
        "SE  - 政法",
        "UR  - https://example.org/x/",
        "LA  - zh-Hans",
        "ER  - ",
        "",
    ]
    # no 版, no address, no byline: those lines are left out; a title on two lines is one field
    assert ris(work([], title="标题\n第二行")).split("\r\n")[:3] == [
        "TY  - NEWS",
        "TI  - 标题 第二行",
        "T2  - 浙江日报",
    ]


def test_csl_json_is_a_newspaper_article():
    (item,) = csl_json(
        work(["陈毅人", "鲁冰"], page=4, page_name="政法", id="2022-01-28-x", url="https://example.org/x/")
    )
    assert item == {
        "id": "2022-01-28-x",
        "type": "article-newspaper",
        "title": "全省政法系统热议2022年政法工作新看点",
        "container-title": "浙江日报",
        "issued": {"date-parts": [[2022, 1, 28]]},
        "language": "zh-Hans",
        "author": [{"family": "陈", "given": "毅人"}, {"family": "鲁", "given": "冰"}],
        "page": "4",
        "section": "政法",
        "URL": "https://example.org/x/",
    }
    (bare,) = csl_json(work([]))
    assert "author" not in bare and "page" not in bare and "URL" not in bare


def test_chicago_capitalises_the_first_word_of_a_title_but_not_a_word_after_a_number():
    assert romanised_title("我国粮食生产再获丰收").startswith("Woguo")
    assert romanised_title("“我国”粮食再获丰收").startswith("‘Woguo’ liangshi")
    assert romanised_title("2025年我国粮食再获丰收").startswith("2025 nian woguo")
