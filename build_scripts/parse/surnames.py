"""Common Chinese surnames, of one character and of two: a line or a bracket holding only
names is a byline when its names open with one (a bracket holding 完 or 上 or 新华社电 is not
one); parse/names.py asks."""

from __future__ import annotations

SURNAMES_2 = frozenset(
    (
        "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 令狐 "  # noqa: SIM905
        "端木 独孤 南宫 西门 呼延 澹台 万俟 闻人 赫连 申屠"
    ).split()
)
SURNAMES_1 = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任"
    "卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔"
    "向常汤康易乔赖文施洪辛柯庄樊祝严俞游于阎鲍牛葛尚单舒耿童倪傅欧靳岳齐翟包娄殷庞左焦聂甘全关米车邢苗"
    "柏时温窦凌阮梅池巩项褚解蓝穆盛燕景鲁滕冉都蒙华宁符申宫卓伍连詹缪容杭裴芦霍刁仇鞠麦储晏吉卞喻臧荣阳"
    "郎伊应谷季商岑劳凤饶艾房丛邬计安古明宗邓郁植敖桂晋司籍揭纪习查厉佟母粟卜宿晁练冀蔺晏边尤谈荆钮苟"
    "扎次达阿格索旦拉洛普德仁"
    # rarer surnames of the 百家姓 (and 亓, 巨), leaving out characters that mostly open words
    "戚奚柳酆费廉毕萧湛祁禹狄贝茅屈闵麻颜骆虞昝裘贲诸嵇滑翁荀羊甄芮羿汲邴糜巫隗宓蓬郗仰栾钭戎韶郜蓟"
    "蒲邰鄂咸屠胥苍闻莘逄姬堵宰郦雍璩濮扈郏浦柴瞿宦庾暨弘匡寇禄阙殳沃夔厍訾阚毋乜巢蒯竺逯桓亓巨"
)
