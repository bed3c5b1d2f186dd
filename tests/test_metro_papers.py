"""Pages of mainland city and provincial papers, whose conventions differ from the national
daily the parser was tuned on: `本报讯（记者 X 通讯员 Y）`, a byline marked with a box
(`□记者 X`), a headline's pieces on lines of their own set right below each other where blank
lines part the blocks, the staff a byline credits after its reporters (`编辑 X 校对 Y`). The
pages are invented, in the manner of a city evening paper."""

from __future__ import annotations

from build_scripts.parse.names import parse_names
from build_scripts.parse.parser import parse_page

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
