"""How a Chinese personal name is read: family name first, and a family name read as a
family name — 曾 Zeng, 单 Shan — not as the same character in running text (céng, dān).
Shared by the URLs and the A–Z index of reporters and by the citations' romanisation."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from typing import Any

COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 令狐 长孙 宇文 司徒 司空 夏侯 轩辕 端木 独孤 "
    "南宫 西门 百里 呼延 澹台 万俟 闻人 赫连 公羊 钟离 申屠 太史 淳于 单于 濮阳 拓跋 左丘 第五".split()
)
# The hundred commonest family names (in about that order): enough to tell a three-character
# name (赵乐际) from a word jieba's dictionary files as a name (青少年).
COMMON_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩邓冯曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁"
    "任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严"
)
# Surnames read otherwise than the same character in running text.
SURNAME_READINGS = {
    "单": "shan",
    "曾": "zeng",
    "解": "xie",
    "仇": "qiu",
    "朴": "piao",
    "区": "ou",
    "查": "zha",
    "盖": "ge",
    "翟": "zhai",
    "乐": "yue",
    "缪": "miao",
    "覃": "qin",
    "冼": "xian",
    "华": "hua",
    "秘": "bi",
    "种": "chong",
    "重": "chong",
    "折": "she",
    "都": "du",
    "薄": "bo",
    "柏": "bai",
    "牟": "mou",
    "阚": "kan",
    "宿": "su",
    "燕": "yan",
    "过": "guo",
    "纪": "ji",
    "瞿": "qu",
    "尉迟": "yu chi",
    "万俟": "mo qi",
    "单于": "chan yu",
    "长孙": "zhang sun",
    "澹台": "tan tai",
}
_HAN_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$")


def family_name(name: str) -> str:
    """The family name of a personal name of two to four Han characters (a compound one,
    欧阳, when it is one), or "" for anything else."""
    if not _HAN_NAME.match(name):
        return ""
    return name[:2] if len(name) >= 3 and name[:2] in COMPOUND_SURNAMES else name[:1]


_reader: Any = None  # pypinyin's reader, made when first needed (`read_pinyin`)
# Another process that has pypinyin loaded, asked to read a text instead of loading it here
# (`read_elsewhere`); its answer None: read here.
_elsewhere: list[Callable[[str], list[str] | None]] = []


def read_elsewhere(reader: Callable[[str], list[str] | None] | None) -> None:
    """Have `reader` (another process's `read_pinyin`) read what this process would otherwise
    load pypinyin for — a tenth of a second, to spell a new tag or two after one issue
    changed — as long as this process has not loaded it; None: read here again."""
    _elsewhere[:] = [reader] if reader is not None else []


def read_pinyin(text: str) -> list[str]:
    """The pinyin of `text` as pypinyin's `lazy_pinyin` reads it (tones left out, what has
    no reading kept as it is), each word it cuts the text into read once per process: titles
    and names share most of their words, and reading them is most of pypinyin's time."""
    global _reader
    if _reader is None and _elsewhere and "pypinyin" not in sys.modules:
        read = _elsewhere[0](text)
        if read is not None:
            return read
    from pypinyin import Style  # imported when first needed: loading it takes a moment

    if _reader is None:
        _reader = _remembering_reader()
    return _reader.lazy_pinyin(text, style=Style.NORMAL, errors="default")


def _remembering_reader() -> Any:
    """`lazy_pinyin`'s own reader (a Pinyin with the converter it makes), but for the
    converter remembering what it made of each word (pypinyin's dictionaries do not change
    during a run)."""
    from pypinyin import Style
    from pypinyin.converter import UltimateConverter
    from pypinyin.core import Pinyin

    class Remembering(UltimateConverter):
        def __init__(self) -> None:
            super().__init__()  # as lazy_pinyin makes it: no ü, no tone sandhi
            self.known: dict[tuple, tuple[tuple[str, ...], ...]] = {}

        def convert(
            self, words: str, style: Style, heteronym: bool, errors: Any, strict: bool = True, **kwargs: Any
        ) -> list[list[str]]:
            if kwargs:
                return super().convert(words, style, heteronym, errors, strict, **kwargs)
            key = (words, style, heteronym, errors, strict)
            found = self.known.get(key)
            if found is None:
                if len(self.known) >= 1 << 16:
                    self.known.clear()  # bounded: a day's titles hold a few thousand words
                made = super().convert(words, style, heteronym, errors, strict)
                found = self.known[key] = tuple(tuple(readings) for readings in made)
            return [list(readings) for readings in found]  # fresh lists, as pypinyin's own

    return Pinyin(Remembering())


def name_syllables(name: str) -> list[str]:
    """The pinyin syllables of a personal name, its family name read as one (曾亦辰 →
    zeng yi chen); other text as pypinyin reads it."""
    syllables = read_pinyin(name)
    family = family_name(name)
    reading = SURNAME_READINGS.get(family)
    if reading and len(syllables) == len(name):
        syllables[: len(family)] = reading.split()
    return syllables


NAME_TAGS = ("nr", "nrfg", "nrt")  # jieba's parts of speech for people's names
_HAN_NAME = re.compile(r"^[\u4e00-\u9fff]+$")


def names_joined(tagged: list[tuple[str, str]], text: str = "") -> list[tuple[str, str]]:
    """jieba cuts some names in two (丁薛祥 → 丁 / 薛祥, both tagged as names): a family name
    of one character tagged as a name, followed by a given name of one or two, is one name.
    With `text` (the text `tagged` was cut from, some of its words left out), only where the
    whole name is printed in it."""
    out: list[tuple[str, str]] = []
    for word, pos in tagged:
        if (
            out
            and pos in NAME_TAGS
            and len(word) <= 2
            and out[-1][1] in NAME_TAGS
            and len(out[-1][0]) == 1
            and _HAN_NAME.match(out[-1][0] + word)
            and (not text or out[-1][0] + word in text)
        ):
            out[-1] = (out[-1][0] + word, "nr")
        else:
            out.append((word, pos))
    return out


# Han characters as names are written: the unified ideographs, extension A, and the
# compatibility ideographs.
HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# An institution signing a piece as its author (中共中央党史和文献研究院, 中共中央统战部
# 国家民族事务委员会): one or two names of bodies, nothing else on the line. Here, not with the
# parser's patterns, because the index of reporters asks it of every name on a byline, and
# compiling the parser's patterns takes half a second.
_INSTITUTION = rf"[{HAN}][{HAN}（）]{{1,24}}(?:研究院|研究所|研究中心|委员会|党组|统战部|宣传部|组织部|办公厅)"
INSTITUTIONS = rf"{_INSTITUTION}(?:\s+{_INSTITUTION})?"
_INSTITUTIONS_RE = re.compile(rf"^{INSTITUTIONS}$")


def institutions(text: str) -> list[str]:
    """The bodies a line names, when it is nothing but one or two names of institutions."""
    return text.split() if _INSTITUTIONS_RE.match(text) else []
