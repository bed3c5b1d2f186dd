"""Chinese personal names and titles for citations: split into family and given name, and
romanised in Hanyu Pinyin as the Chicago Manual asks for sources in Chinese.

- A Chinese personal name is family name first: 李洁 → 李 + 洁; 欧阳晓岚 → 欧阳 + 晓岚 (the
  compound surnames in COMPOUND_SURNAMES). Only names of two to four Han characters are
  split, and a four-character one only after a compound surname; anything else — a
  foreign name (`罗伯特·库恩`), a role or an organisation (`本报评论员`, `新华社`) — is kept
  whole, because a wrong split is worse than none.
- Pinyin follows the library convention (ALA-LC): no tone marks, syllables of one word
  written together (words from jieba), ü kept, the first word and names capitalised:
  `Quansheng zhengfa xitong reyi`, `Ouyang Xiaolan`, `Renmin ribao`. Surnames whose
  reading differs from the common one (单 Shan, 曾 Zeng, 解 Xie …) are read as surnames. A
  foreign name transcribed in characters, its parts set apart by a middle dot, is a word for
  each part (罗伯特·劳伦斯·库恩 → `Luobote Laolunsi Ku'en`), in a name or in a headline; an
  ordinal's 第 is a word of its own and its number one word (第三十四届 → `di sanshisi jie`);
  which words of a headline name people is jieba's guess (its parts of speech), and it
  mistakes some (高水平, 黎巴嫩; 养娃, 唐卡, 白玉兰 — jieba's dictionary files 白玉兰 as a name,
  as it does 毛泽东: nothing in it tells them apart).
"""

from __future__ import annotations

import functools
import re

from build_scripts.contract.names import (
    COMMON_SURNAMES,
    COMPOUND_SURNAMES,
    NAME_TAGS,
    SURNAME_READINGS,
    names_joined,
)

# The last character of three-character names of institutions: 新华社, 外交部, 气象局 …
_INSTITUTION_ENDINGS = frozenset("社报局部委办厅署台院室站")
_HAN = re.compile(r"^[\u4e00-\u9fff]+$")
# A figure's own comma or colon between digits (`2,500`, `3:1`, a score `3：1`), held by
# characters of the private use area while jieba cuts the title
_FIGURE_MARK_RE = re.compile(r"(?<=\d)[,:：](?=\d)")
_FIGURE_MARKS = {",": "\ue000", ":": "\ue001", "：": "\ue001"}

# Full-width punctuation as it is written in romanised text.
_PUNCTUATION = str.maketrans(
    {
        "，": ", ",
        "、": ", ",
        "：": ": ",
        "；": "; ",
        "！": "! ",
        "？": "? ",
        "。": ". ",
        "“": "‘",
        "”": "’",
        "‘": "‘",
        "’": "’",
        "（": " (",
        "）": ") ",
        "《": "",
        "》": "",
        "—": "—",
        "•": "·",  # (a middle dot, as printed another way: parts a foreign name, `_dotted_names`)
        "・": "·",
        "　": " ",
        "〇": "零",  # the zero of written-out years (二〇二六年) is read ling, like 零
    }
)


def split_name(name: str) -> tuple[str, str] | None:
    """(family, given) of a Chinese personal name, or None when the name is not one we can split."""
    if not _HAN.match(name) or not 2 <= len(name) <= 4:
        return None
    if len(name) >= 3 and name[:2] in COMPOUND_SURNAMES:
        return name[:2], name[2:]
    if len(name) == 4 or (len(name) == 3 and name[-1] in _INSTITUTION_ENDINGS):
        return None  # 买买提明, 凤丹盛开, 新华社: not a surname and a given name
    return name[0], name[1:]


# Places whose official spelling is not their plain pinyin (陕西 is not 山西).
_PLACE_SPELLINGS = {"陕西": "shaanxi"}


@functools.lru_cache(maxsize=65536)  # words and names recur on thousands of pages; pypinyin is slow
def _syllables(text: str) -> str:
    """The syllables of a word written together, with an apostrophe where a syllable opening
    with a, o or e would run into the one before it (西安 Xi'an, not Xian)."""
    if text in _PLACE_SPELLINGS:
        return _PLACE_SPELLINGS[text]
    # (imported here: loading pypinyin's dictionaries takes half a second, which a build's
    # processes that cite no article — the site's pages, the assembly — need not pay)
    from pypinyin import Style, lazy_pinyin

    syllables = lazy_pinyin(text, style=Style.NORMAL, v_to_u=True, errors="default")
    out = ""
    for syllable in syllables:
        if out and syllable[:1] in "aoe" and out[-1:].isalpha():
            out += "'"
        out += syllable
    return out


# A foreign name transcribed in characters, its parts set apart by a middle dot (罗伯特·劳伦斯·库恩).
_TRANSCRIBED = re.compile(r"^[\u4e00-\u9fff]+(?:[·•・][\u4e00-\u9fff]+)+$")


def romanised_name(name: str) -> str:
    """`Li Jie`, `Ouyang Xiaolan`; a foreign name transcribed in characters, one capitalised
    word for each of its parts (`Luobote Laolunsi Ku'en`); any other name that cannot be split
    is romanised as a title is."""
    if _TRANSCRIBED.match(name):
        return " ".join(_syllables(part).capitalize() for part in re.split("[·•・]", name))
    parts = split_name(name)
    if parts is None:
        return romanised_title(name)
    family, given = parts
    family_pinyin = "".join(SURNAME_READINGS.get(family, "").split()) or _syllables(family)
    return f"{family_pinyin.capitalize()} {_syllables(given).capitalize()}"


# What joins two words inside a name (环境与资源保护委员会, 科学技术和工业委员会): a word of
# its own in the name's romanisation (huanjing yu ziyuan baohu weiyuanhui)
_JOINING = frozenset("与和及暨")


def _words(word: str) -> list[str]:
    """A compound is written as the dictionary words it is made of, as library romanisation
    divides compounds: 政法系统 → zhengfa xitong, 人民日报 → renmin ribao, 全国人民代表大会常务
    委员会 → quanguo renmin daibiao dahui changwu weiyuanhui (the most words of two to four
    characters — the shortest that stand as words — and the characters that join two of them,
    `_JOINING`; a word that cannot be divided so stays whole)."""
    import rjieba

    if len(word) < 4:
        return [word]
    # best[k]: the most pieces covering word[:k], and where the last piece starts
    best: list[tuple[int, int] | None] = [(0, 0)] + [None] * len(word)
    for end in range(1, len(word) + 1):
        for size in (1, 2, 3, 4):
            start = end - size
            if start < 0 or best[start] is None or (start == 0 and end == len(word)):
                continue
            if size == 1 and not (0 < start and end < len(word) and word[start] in _JOINING):
                continue
            if size == 1 or rjieba.has_word(word[start:end]):
                count = best[start][0] + 1  # type: ignore[index]
                if best[end] is None or count > best[end][0]:  # type: ignore[index]
                    best[end] = (count, start)
    if best[len(word)] is None:
        return [word]
    pieces, end = [], len(word)
    while end:
        start = best[end][1]  # type: ignore[index]
        pieces.append(word[start:end])
        end = start
    return pieces[::-1]


def _personal_name(word: str, pos: str) -> bool:
    """Is this word of a title a person's name? jieba's `nrfg` are (习近平, 李强); its `nr` are
    when jieba's HMM found them (王毅, 丁薛祥: no dictionary word), or three characters after a
    common family name (赵乐际). Its dictionary files many common words as `nr` (福祉, 文明,
    青少年) and names of countries as `nrt` (塞尔维亚): those are words, not names."""
    import rjieba

    if pos == "nrfg":
        return True
    if pos != "nr":
        return False
    return not rjieba.has_word(word) or (len(word) == 3 and word[0] in COMMON_SURNAMES)


def _foreign_name(word: str, pos: str) -> bool:
    """Is this word of a title a foreign name transcribed (jieba's `nrt`)? Not one of two
    characters: jieba's dictionary files two thousand such words as `nrt`, most of them common
    words (科普, 令人, 纳米, 勾勒, 瓦斯 — `Kepu` in a citation); the names it means are longer
    (塞尔维亚, 塔吉克斯坦)."""
    return pos == "nrt" and len(word) > 2


def _dotted_names(tokens: list[tuple[str, str]]) -> set[int]:
    """The tokens that are parts of a foreign name transcribed in characters, its parts set
    apart by a middle dot (唐纳德·特朗普 → `Tangnade Telangpu`): the words on both sides of
    each dot, where all of them are names to jieba or no words of its dictionary. A dot between
    other words parts the pieces of a headline (科技范儿·机器人, 对话·西安): no name."""
    import rjieba

    parts: set[int] = set()
    for i, (word, _) in enumerate(tokens):
        if word != "·" or not 0 < i < len(tokens) - 1:
            continue
        around = (i - 1, i + 1)
        if all(
            _HAN.match(tokens[k][0]) and (tokens[k][1] in NAME_TAGS or not rjieba.has_word(tokens[k][0]))
            for k in around
        ):
            parts.update(around)
    return parts


# An ordinal (第三十四届, 第5次): 第 a word of its own, the number written together, then what
# it counts (di sanshisi jie)
_ORDINAL_RE = re.compile(r"^(第)([〇零一二三四五六七八九十百千万亿两]+)([\u4e00-\u9fff]*)$")


@functools.lru_cache(maxsize=4096)  # each article's citations romanise its title and paper four times
def romanised_title(text: str) -> str:
    """Sentence-style romanisation: words from jieba, syllables of a word written together,
    names of people, places and organisations (jieba's nr, ns, nt) capitalised."""
    import rjieba

    # a figure's own comma or colon (`2,500元`, `3:1`) is kept inside it, not spaced as a clause's
    text = _FIGURE_MARK_RE.sub(lambda m: _FIGURE_MARKS[m.group()], text)
    words = []
    tokens = names_joined(rjieba.tag(text.replace("——", "—").translate(_PUNCTUATION)))
    dotted = _dotted_names(tokens)
    for k, (word, pos) in enumerate(tokens):
        ordinal = _ORDINAL_RE.match(word)
        if k in dotted:
            words.append(_syllables(word).capitalize())
        elif word == "·":
            continue  # (between a name's parts, or a headline's pieces: a space)
        elif ordinal:
            words.extend(_syllables(piece) for piece in ordinal.groups() if piece)
        elif _HAN.match(word) and _personal_name(word, pos) and split_name(word):
            words.append(romanised_name(word))
        elif _HAN.match(word):
            # a foreign name transcribed is one word (塞尔维亚 Sai'erweiya), a compound its words
            pieces = [_syllables(word)] if pos == "nrt" else [_syllables(piece) for piece in _words(word)]
            if pos in ("ns", "nt") or _foreign_name(word, pos):  # 浙江 → Zhejiang, 塞尔维亚 → Sai'erweiya
                pieces[0] = pieces[0].capitalize()
            words.extend(pieces)
        elif word.strip():
            words.append(word.strip())
    text = " ".join(words)
    text = re.sub(r"\s*([\ue000\ue001])\s*", lambda m: {"\ue000": ",", "\ue001": ":"}[m.group(1)], text)
    text = re.sub(r"\s+([,.:;!?)’])", r"\1", text)
    text = re.sub(r"([(‘])\s+", r"\1", text)
    # Sentence style: the first word takes a capital — unless it is a number (`2026 niandu`).
    first = re.match(r"[^\w]*[A-Za-zü]", text)
    return text[: first.end() - 1] + text[first.end() - 1].upper() + text[first.end() :] if first else text
