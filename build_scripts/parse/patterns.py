"""The shapes of Chinese newspaper text the parser recognises: bylines, datelines, sub-head
markers, page furniture, photo credits, and what counts as the end of a sentence.

Pure data and small predicates; no decisions about context live here (see parse.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from build_scripts.parse.model import Names

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
NUM_HAN = "一二三四五六七八九十百零〇"

# A sentence (and therefore a paragraph) ends with one of these, possibly followed by
# closing quotes or brackets: 。” ends a paragraph, 工程” does not.
TERMINAL = "。．.！!？?…；;：:"
QUOTE_CLOSERS = "”’」』》〉\"'"
BRACKET_CLOSERS = "）)】"
CLOSERS = QUOTE_CLOSERS + BRACKET_CLOSERS
QUESTION_OR_EXCLAMATION = "？?！!"
SENTENCE_PUNCT = "，,。；;！!？?"
MID_SENTENCE = "，,、"  # a line ending with one of these stops in the middle of a sentence

_BRACKETED_NOTE_RE = re.compile(r"[（(【][^（(【）)】]*\w[^（(【）)】]*[）)】]$")
TRAILING_BRACKET_RE = re.compile(r"[（(【][^（(【）)】]{1,12}[）)】]$")

HEADLINE_MAX = 64  # longest headline line we accept without other evidence
COMMA_HEADLINE_MAX = 40  # a headline with commas must be short and confirmed by what follows
LONG_HEADLINE_MAX = 120  # a longer unpunctuated headline (kicker + main + subtitle) needs a byline below it
SUBHEAD_MAX = 40

# ---------------------------------------------------------------------------------------
# Roles and names in bylines
# ---------------------------------------------------------------------------------------

_ORG = rf"(?:本报|新华社|中新社|[{HAN}·]{{1,12}}?(?:日报|晚报|晨报|时报|报|通讯社|网|电视台|广播电视台))"
_MOD = rf"(?:特约|首席|驻[{HAN}]{{1,6}}|见习|实习)"
_AUTHOR_CORE = r"(?:记者|评论员|撰稿人|特约撰稿)"
_CORRESPONDENT_CORE = r"(?:通讯员|实习生)"
ROLE = rf"(?:{_ORG}?{_MOD}{{0,2}}(?:{_AUTHOR_CORE}|{_CORRESPONDENT_CORE})|文[/／]图|文[/／]|图[/／])"
_ROLE_RE = re.compile(ROLE)

_NAME_TOKEN = rf"[{HAN}·•]{{1,12}}"
_NAME_SEP = r"(?:\s+|[、，,])"
_NAMES = rf"{_NAME_TOKEN}(?:{_NAME_SEP}{_NAME_TOKEN}){{0,7}}"
# A writer who also took the photos (文/摄), or who edited readers' words (整理).
_SUFFIX = r"(?:文[/／]摄|文并摄|文图|整理|报道|摄影?)"
_GROUP = rf"{ROLE}\s*(?:{_NAMES})?(?:\s*{_SUFFIX})?"
_MARK = r"(?:[□■●◎▲◆]\s*)?"  # a box or dot some papers print before the byline
_GROUPS = rf"{_MARK}{_GROUP}(?:\s+{_GROUP}){{0,5}}"
_OPEN, _CLOSE = r"[（(]", r"[）)]"
# Roles that sign on their own, naming no person (本报评论员, 特约评论员).
_NAMELESS_ROLE_RE = re.compile(rf"^{_OPEN}?\s*{_ORG}?{_MOD}?评论员\s*{_CLOSE}?$")

# A whole line that is a byline: 本报记者 陈毅人 通讯员 鲁冰 / （本报记者 王洋、李明）
BYLINE_LINE_RE = re.compile(rf"^(?:{_OPEN}\s*{_GROUPS}\s*{_CLOSE}|{_GROUPS})$")
BRACKETED_BYLINE_RE = re.compile(rf"^{_OPEN}\s*{_GROUPS}\s*{_CLOSE}$")

# Commentaries sign off with the author and who they are: （作者：宋晓春，系…教授） /
# （作者为中国人民大学教授） / 作者：王洋
_AUTHOR_NOTE_CORE = (
    rf"作者(?:[:：]\s*[{HAN}·]{{2,8}}(?:[，,、；;\s].{{0,60}})?|(?:为|系|是|单位[:：]|简介[:：]).{{2,80}}?)"
)
AUTHOR_NOTE_RE = re.compile(rf"^(?:{_OPEN}\s*{_AUTHOR_NOTE_CORE}\s*{_CLOSE}|{_AUTHOR_NOTE_CORE})$")
_AUTHOR_NAME_RE = re.compile(rf"作者[:：]\s*([{HAN}·]{{2,8}}?)(?=[，,、；;\s）)]|$)")

# Common surnames: a line or a bracket holding only names is a byline when the names look
# like names (a bracket holding 完 or 上 or 新华社电 is not one).
_SURNAMES_2 = (
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 令狐 "
    "端木 独孤 南宫 西门 呼延 澹台 万俟 闻人 赫连 申屠"
).split()
_SURNAMES_1 = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任"
    "卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔"
    "向常汤康易乔赖文施洪辛柯庄樊祝严俞游于阎鲍牛葛尚单舒耿童倪傅欧靳岳齐翟包娄殷庞左焦聂甘全关米车邢苗"
    "柏时温窦凌阮梅池巩项褚解蓝穆盛燕景鲁滕冉都蒙华宁符申宫卓伍连詹缪容杭裴芦霍刁仇鞠麦储晏吉卞喻臧荣阳"
    "郎伊应谷季商岑劳凤饶艾房丛邬计安古明宗邓郁植敖桂晋司籍揭纪习查厉佟母粟卜宿晁练冀蔺晏边尤谈荆钮苟"
    "扎次达阿格索旦拉洛普德仁"
)


def looks_like_name(token: str) -> bool:
    """2–4 Han characters starting with a common surname, or a name with a middle dot."""
    if "·" in token or "•" in token:
        return 3 <= len(token) <= 16
    if not 2 <= len(token) <= 4 or not re.fullmatch(rf"[{HAN}]+", token):
        return False
    return token[0] in _SURNAMES_1 or token[:2] in _SURNAMES_2


_NAME_ONLY_RE = re.compile(rf"^{_NAMES}$")
_BRACKETED_NAMES_RE = re.compile(rf"^{_OPEN}\s*({_NAMES})\s*{_CLOSE}$")

# Reader letters end with a place and a name: （浙江杭州 王小明） / 河北省石家庄市 读者 李明
_PROVINCES = (
    "北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|"
    "广东|海南|四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港|澳门"
)
_PLACE = rf"(?:(?:{_PROVINCES})[{HAN}]{{0,14}}|[{HAN}]{{2,16}}?(?:省|市|县|区|州|旗|镇|乡|村|街道)[{HAN}]{{0,10}}?)"
LETTER_SIGNATURE_RE = re.compile(
    rf"^(?:{_OPEN}\s*({_PLACE})\s*(?:读者)?\s+([{HAN}·]{{2,8}})\s*{_CLOSE}|({_PLACE})\s*(?:读者)?\s+([{HAN}·]{{2,8}}))$"
)

# ---------------------------------------------------------------------------------------
# Datelines that open the first paragraph
# ---------------------------------------------------------------------------------------

_DATE_HAN = rf"(?:\d{{1,2}}|[{NUM_HAN}]{{1,3}})"
DATELINE_RE = re.compile(
    rf"^据?(?:"
    rf"本报讯|(?:新华社|中新社|本报)电"
    rf"|(?:本报|新华社|中新社|[{HAN}]{{2,8}}?(?:社|网|台|报))[{HAN}]{{0,10}}?(?:{_DATE_HAN}月)?{_DATE_HAN}日(?:电|讯)"
    rf"|本报[{HAN}]{{2,10}}?讯"
    rf")"
)
# The reporters credited in brackets right after a dateline: 新华社北京1月27日电（记者 X）
DATELINE_CREDIT_RE = re.compile(rf"^\s*({_OPEN}\s*{_GROUPS}\s*{_CLOSE})")

# ---------------------------------------------------------------------------------------
# Sub-heads, furniture, captions, editor's notes
# ---------------------------------------------------------------------------------------

SUBHEAD_MARKER_RE = re.compile(
    rf"^(?:[{HAN}]{{0,4}}[{NUM_HAN}\d]+\s*[:：]"
    rf"|[{NUM_HAN}]+、"
    rf"|[（(][{NUM_HAN}\d]+[）)]"
    rf"|第[{NUM_HAN}\d]+(?:部分|章|节|篇|站|幕|问)"
    rf"|\d{{1,2}}[.．、]\s*(?=\S)"
    rf"|[【\[][^】\]]{{1,20}}[】\]])"
)

_FURNITURE_LABEL = (
    r"(?:本版)?(?:责编|责任编辑|美编|校对|版式设计|版式|版面设计|制图|图表制作|审读|统筹|监制|摄影统筹|编辑|设计)"
)
_FURNITURE_PAIR = rf"{_FURNITURE_LABEL}\s*(?:[:：]\s*|\s+){_NAMES}"
FURNITURE_RE = re.compile(
    rf"^(?:{_FURNITURE_PAIR}(?:\s*[，,;；|｜]?\s*{_FURNITURE_PAIR})*"
    rf"|{_FURNITURE_LABEL}\s*[:：].{{0,40}}"
    # a running head: the date, then at most the 版, the paper's name or the lunar date —
    # not `2022年1月26日 星期三 滨江区报告首例…`, a line of a timeline
    rf"|\d{{4}}年\d{{1,2}}月\d{{1,2}}日\s*(?:星期|周)[一二三四五六日天]"
    rf"(?:\s*(?:第?\s*\d{{1,3}}\s*版.{{0,12}}|农历.{{0,12}}|[{HAN}]{{2,8}}报))*"
    rf"|第?\s*\d{{1,3}}\s*版\s*[:：]?\s*[{HAN}]{{0,10}}"
    rf"|[A-Z]?\d{{1,3}}\s*[|｜]\s*[{HAN}]{{2,10}})$"
)

# A photo credit ends a caption: 图为…。本报记者 王洋摄 / 新华社记者 李明 摄
PHOTO_CREDIT_RE = re.compile(
    rf"(?:(?:{ROLE}\s*)?{_NAMES}\s*(?:摄|摄影|供图)"
    rf"|(?:新华社|中新社|本报)?发?\s*{_OPEN}\s*(?:{ROLE}\s*)?{_NAMES}\s*摄\s*{_CLOSE}"
    rf"|^{_OPEN}?(?:本文|本版)?(?:图片|照片).{{0,24}}(?:提供|供图)。?{_CLOSE}?)$"
)
# A dispatch credited at its end: （新华社北京1月27日电） / （据新华社电） / （来源：经济日报）
_CREDIT_CORE = (
    rf"(?:据)?(?:新华社|中新社|本报|[{HAN}]{{2,8}}?(?:社|网|台|报))[{HAN}]{{0,10}}?"
    rf"(?:(?:{_DATE_HAN}月)?{_DATE_HAN}日)?(?:电|讯)"
    rf"|来源[:：]\s*[{HAN}A-Za-z0-9·]{{2,20}}"
)
END_CREDIT_RE = re.compile(rf"^{_OPEN}\s*(?:{_CREDIT_CORE})\s*{_CLOSE}$")
GLUED_END_CREDIT_RE = re.compile(
    rf"(?<=[{re.escape(TERMINAL + CLOSERS)}])\s*({_OPEN}\s*(?:{_CREDIT_CORE})\s*{_CLOSE})$"
)

# An article jumping between pages: （上接第一版） at the top, （下转第三版） at the end.
JUMP_FROM_RE = re.compile(rf"^{_OPEN}\s*上接第?[{NUM_HAN}\d]{{1,3}}版?\s*{_CLOSE}")
JUMP_TO_RE = re.compile(rf"{_OPEN}\s*(?:下转|转)第?[{NUM_HAN}\d]{{1,3}}版?\s*{_CLOSE}$")

_NOTE_WORD = r"(?:编者按|编者的话|编后|编后语|按语)"
NOTE_RE = re.compile(rf"^(?:【\s*{_NOTE_WORD}\s*】|{_NOTE_WORD}\s*[:：])")


# ---------------------------------------------------------------------------------------
# Predicates
# ---------------------------------------------------------------------------------------


def strip_closers(text: str) -> str:
    return text.rstrip(CLOSERS + " ")


def is_terminated(text: str) -> bool:
    """True when a paragraph ends here: a sentence end, possibly inside closing quotes
    (…。” ends, 工程” does not), or a closing bracket (…。（完）, …（记者 王洋）)."""
    text = text.rstrip()
    if not text:
        return False
    if _BRACKETED_NOTE_RE.search(text):
        return True
    core = text.rstrip(CLOSERS + " ")
    return bool(core) and core[-1] in TERMINAL


def without_trailing_bracket(text: str) -> str:
    """`奋进新征程（上）` → `奋进新征程`: a series marker does not make a headline a sentence."""
    m = TRAILING_BRACKET_RE.search(text)
    return text[: m.start()] if m and m.start() > 0 else text


def ends_mid_sentence(text: str) -> bool:
    """`记者注意到，` — cut by a page break: never a headline or a sub-head."""
    return text.rstrip()[-1:] in MID_SENTENCE


def has_sentence_punct(text: str) -> bool:
    core = strip_closers(text)[:-1]
    return any(ch in SENTENCE_PUNCT for ch in core)


def is_byline_line(text: str) -> bool:
    """A line of role + names: 本报记者 陈毅人 通讯员 鲁冰, （本报记者 王洋、李明）."""
    return bool(BYLINE_LINE_RE.match(text)) and names_are_plausible(text)


def _names_only(text: str) -> list[str] | None:
    """`陈立群` / `（李思远）` / `王  洋 李明`: the names, when the text is nothing but
    (at most three) names that look like names."""
    m = _BRACKETED_NAMES_RE.match(text)
    inner = m.group(1) if m else text
    if not _NAME_ONLY_RE.match(inner):
        return None
    names = _split_names(inner)
    if not 1 <= len(names) <= 3 or not all(looks_like_name(n) for n in names):
        return None
    return names


def is_name_line(text: str) -> bool:
    return _names_only(text) is not None


def is_signature_line(text: str) -> bool:
    """Any line that credits an article: a byline, an author's note (（作者：…）), names in
    brackets, or a reader's place and name."""
    return (
        is_byline_line(text)
        or bool(AUTHOR_NOTE_RE.match(text))
        or bool(_BRACKETED_NAMES_RE.match(text) and is_name_line(text))
        or letter_signature(text) is not None
    )


_AFTER_SENTENCE = rf"(?<=[{re.escape(TERMINAL + CLOSERS)}])"
_GLUED_RES = [
    re.compile(rf"{_AFTER_SENTENCE}\s*({_OPEN}\s*{_GROUPS}\s*{_CLOSE}|{_GROUPS})$"),
    re.compile(rf"{_AFTER_SENTENCE}\s*({_OPEN}\s*{_AUTHOR_NOTE_CORE}\s*{_CLOSE})$"),
    re.compile(rf"{_AFTER_SENTENCE}\s*({_OPEN}\s*{_NAMES}\s*{_CLOSE})$"),
    re.compile(rf"{_AFTER_SENTENCE}\s*({_OPEN}\s*{_PLACE}\s*(?:读者)?\s+[{HAN}·]{{2,8}}\s*{_CLOSE})$"),
]


def glued_byline(text: str) -> tuple[str, str] | None:
    """Split `…线索3个。本报记者 陈洋根` (or `…。（作者为…）`, `…。（李思远）`) into
    (paragraph, byline); None when the paragraph does not end with one."""
    for pattern in _GLUED_RES:
        m = pattern.search(text)
        if not m or m.start(1) == 0:
            continue
        byline = m.group(1)
        if pattern is _GLUED_RES[0]:
            names = parse_names(byline)
            if not names_are_plausible(byline) or not (
                names.authors + names.correspondents or _NAMELESS_ROLE_RE.match(byline)
            ):
                continue
        elif pattern is _GLUED_RES[2] and not is_name_line(byline):
            continue
        elif pattern is _GLUED_RES[3] and not letter_signature(byline):
            continue
        return text[: m.start(1)].rstrip(), byline
    return None


def dateline_of(text: str) -> tuple[str, str | None, str] | None:
    """Split a paragraph opening with a dateline into (dateline, bracketed credit, rest)."""
    m = DATELINE_RE.match(text)
    if not m:
        return None
    dateline = m.group(0)
    rest = text[m.end() :]
    credit = None
    cm = DATELINE_CREDIT_RE.match(rest)
    if cm and names_are_plausible(cm.group(1)):
        credit = cm.group(1)
        rest = rest[cm.end() :]
    if not rest.strip() and credit is None:
        return None  # a line that is only "本报讯" is not a dateline paragraph
    return dateline, credit, rest.lstrip()


def is_end_credit(text: str) -> bool:
    return bool(END_CREDIT_RE.match(text))


def glued_end_credit(text: str) -> tuple[str, str] | None:
    m = GLUED_END_CREDIT_RE.search(text)
    if not m or m.start(1) == 0:
        return None
    return text[: m.start(1)].rstrip(), m.group(1)


def is_furniture(text: str) -> bool:
    return bool(FURNITURE_RE.match(text))


SPEAKER_RE = re.compile(rf"^[{HAN}A-Za-z·]{{1,8}}[:：]")  # 记者：… / 负责人：… in an interview


def is_caption(text: str) -> bool:
    return bool(PHOTO_CREDIT_RE.search(text)) and len(text) <= 200


_PHOTOGRAPHER_RE = re.compile(rf"((?:{ROLE}\s*)?{_NAMES})\s*(?:摄影?|供图)\s*{_CLOSE}?$")


def photographer_credit(caption: str) -> str | None:
    """`…田间管理。　本报记者 苗春雨摄` → `本报记者 苗春雨`: who took the picture, as a byline."""
    m = _PHOTOGRAPHER_RE.search(caption)
    return m.group(1) if m else None


def is_note(text: str) -> bool:
    return bool(NOTE_RE.match(text))


def letter_signature(text: str) -> str | None:
    """The writer's name when the text is a reader's place and name."""
    m = LETTER_SIGNATURE_RE.match(text)
    if not m:
        return None
    name = m.group(2) or m.group(4)
    return name if looks_like_name(name) else None


# ---------------------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Group:
    role: str
    names: tuple[str, ...]


def _join_spaced_names(tokens: list[tuple[str, str]]) -> list[str]:
    """Names padded to three characters are printed `王  洋`: two one-character tokens
    separated by whitespace form one name (Chinese personal names have two or more)."""
    names: list[str] = []
    i = 0
    while i < len(tokens):
        token, sep_after = tokens[i]
        if len(token) == 1 and i + 1 < len(tokens) and len(tokens[i + 1][0]) <= 2 and sep_after.isspace():
            names.append(token + tokens[i + 1][0])
            i += 2
            continue
        names.append(token)
        i += 1
    return names


def _split_names(text: str) -> list[str]:
    parts = re.split(rf"({_NAME_SEP}+)", text.strip()) if text.strip() else []
    tokens: list[tuple[str, str]] = []
    for j in range(0, len(parts), 2):
        token = parts[j].strip("·• ")
        sep = parts[j + 1] if j + 1 < len(parts) else ""
        if token:
            tokens.append((token, sep))
    return _join_spaced_names(tokens)


def _groups(byline: str) -> list[_Group]:
    text = byline.strip()
    if text[:1] in "（(" and text[-1:] in "）)":
        text = text[1:-1].strip()
    text = re.sub(rf"^{_MARK}", "", text)
    text = re.sub(rf"\s*{_SUFFIX}$", "", text)
    groups: list[_Group] = []
    roles = list(_ROLE_RE.finditer(text))
    # Keep only roles that start a group: at the start or after whitespace / a name.
    for idx, m in enumerate(roles):
        end = roles[idx + 1].start() if idx + 1 < len(roles) else len(text)
        groups.append(_Group(m.group(0), tuple(_split_names(text[m.end() : end]))))
    return groups


def names_are_plausible(byline: str) -> bool:
    """Every name in a byline is 2–4 Han characters (or longer with a middle dot)."""
    for group in _groups(byline):
        for name in group.names:
            if "·" in name or "•" in name:
                if len(name) > 16:
                    return False
            elif not 2 <= len(name) <= 4:
                return False
    return True


def _is_correspondent_role(role: str) -> bool:
    return role.endswith(("通讯员", "实习生"))


def parse_names(*bylines: str) -> Names:
    authors: list[str] = []
    correspondents: list[str] = []
    for byline in bylines:
        if not _ROLE_RE.search(byline):
            signer = letter_signature(byline)
            note = _AUTHOR_NAME_RE.search(byline) if AUTHOR_NOTE_RE.match(byline) else None
            named = [signer] if signer else [note.group(1)] if note else _names_only(byline) or []
            authors.extend(n for n in named if n not in authors)
            continue
        for group in _groups(byline):
            target = correspondents if _is_correspondent_role(group.role) else authors
            # A role alone (本报评论员) names no person: the byline keeps it as printed.
            target.extend(n for n in group.names if n not in target)
    return Names(tuple(authors), tuple(correspondents))
