"""Bylines and the names in them: the roles reporters sign with (本报记者, 通讯员 …), the
names that follow, signatures of commentaries and letters, and the reading of a byline
into authors and correspondents. Pure data and small predicates; the parser decides where
a byline stands (parser.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from build_scripts.contract.names import HAN, institutions
from build_scripts.parse import compiled
from build_scripts.parse.memo import memo
from build_scripts.parse.model import Names
from build_scripts.parse.surnames import SURNAMES_1, SURNAMES_2

NUM_HAN = "一二三四五六七八九十百零〇"

# Roles and names in bylines

_ORG = (
    rf"(?:本报|新华社|中新社|《[{HAN}·]{{2,12}}》"  # or a magazine by its title: 《环球人物》记者
    # a paper, an agency, a station or a news app (封面新闻, 上游新闻), perhaps two brands of one
    # house (`扬子晚报/紫牛新闻记者`)
    rf"|(?:[{HAN}·]{{2,8}}[/／])?[{HAN}·]{{1,12}}?(?:日报|晚报|晨报|时报|(?<!本)报|通讯社|网|电视台|广播电视台|新闻|客户端)"
    # a county's media centre, by its name or its place's (`双河县融媒体中心记者`, `双河融媒记者`)
    rf"|[{HAN}]{{2,8}}?融媒体中心|[{HAN}]{{2,6}}?(?=融媒))"
)
_MOD = rf"(?:特约|特派|首席|驻[{HAN}]{{1,6}}|见习|实习|融媒|全媒体)"  # (融媒记者: a county media centre's)
_AUTHOR_CORE = r"(?:记者|评论员|撰稿人|特约撰稿|编译)"
# (a county's own reporters, credited as a group: 县委报道组 李蕾)
_CORRESPONDENT_CORE = rf"(?:通讯员|实习生|[{HAN}]{{1,6}}?报道组)"
ROLE = rf"(?:{_ORG}?{_MOD}{{0,2}}(?:{_AUTHOR_CORE}|{_CORRESPONDENT_CORE})|文[/／]图|文\s*[·・]\s*图\s*[/／]|文[/／]|图[/／])"
_ROLE_RE = ROLE_RE = compiled.pattern(ROLE)

_NAME_TOKEN = rf"[{HAN}·•]{{1,12}}"
_NAME_SEP = r"(?:\s+|[、，,])"
# up to 16 names: a national round-up credits a dozen reporters in brackets at its end
_NAMES = rf"{_NAME_TOKEN}(?:{_NAME_SEP}{_NAME_TOKEN}){{0,15}}"
# A writer who also took the photos (文/摄), who edited readers' words (整理), or who helped
# write the piece (参与采写).
# Where a paper reports from (`记者林雅婷／台北报导`, `编译王大明／综合报导`: Taiwan's, with 报导 for 报道).
_REPORTED_FROM = rf"[/／]\s*[{HAN}]{{0,8}}?报[道导]"
_SUFFIX = (
    rf"(?:{_REPORTED_FROM}|文[/／]摄|文并摄|文图|参与采写|采写|整理|摄影报道|报[道导][:：]?|摄影?"
    # where a special correspondent files from: 本报特派记者 汤子健 发自南昌
    rf"|发自[{HAN}]{{2,8}}"
    # the pictures, from someone other than the writer: 文/新京报记者 杨帆 图/受访者供图
    rf"|图[/／]\s*[{HAN}·]{{2,12}}?(?:供图|提供))"
)
_GROUP = rf"{ROLE}\s*(?:{_NAMES})?(?:\s*{_SUFFIX})?"
_MARK = r"(?:[□■●◎▲◆]\s*)?"  # a box or dot some papers print before the byline
_GROUPS = rf"{_MARK}{_GROUP}(?:\s+{_GROUP}){{0,5}}"
_OPEN, _CLOSE = r"[（(]", r"[）)]"
# Roles that sign on their own, naming no person (本报评论员, 特约评论员).
_NAMELESS_ROLE_RE = compiled.pattern(rf"^{_OPEN}?\s*{_ORG}?{_MOD}?评论员\s*{_CLOSE}?$")

# A Taiwan paper's byline in corner brackets, with where it reports from: 【记者王姿琳／台中报导】 (not a
# column's label, 【记者探访】, 〔记者再探〕)
_CORNERED = rf"[【〔]\s*{ROLE}\s*{_NAMES}\s*{_REPORTED_FROM}\s*[】〕]"
# A whole line that is a byline: 本报记者 陈毅人 通讯员 鲁冰 / （本报记者 王洋、李明） / 【记者王姿琳／台中报导】
# (who the writer is may follow in brackets: `特约撰稿人 许卫东（某医院骨科主任医师）`)
_WRITERS_NOTE = rf"(?<=[{HAN}])(?<![摄影])\s*{_OPEN}[^（()）]{{2,30}}{_CLOSE}"
BYLINE_LINE_RE = compiled.pattern(rf"^(?:{_OPEN}\s*{_GROUPS}\s*{_CLOSE}|{_CORNERED}|{_GROUPS}(?:{_WRITERS_NOTE})?)$")
BRACKETED_BYLINE_RE = compiled.pattern(rf"^{_OPEN}\s*{_GROUPS}\s*{_CLOSE}$")
# The team behind a big report, in brackets at its end: nine names or more, up to twenty
TEAM_CREDIT_RE = compiled.pattern(rf"^{_OPEN}\s*{ROLE}\s*{_NAME_TOKEN}(?:{_NAME_SEP}{_NAME_TOKEN}){{8,19}}\s*{_CLOSE}$")

# Commentaries sign off with the author and who they are: （作者：宋晓春，系…教授） /
# （作者为中国人民大学教授） / 作者：王洋
_AUTHOR_NOTE_CORE = (
    rf"作者(?:[:：]\s*[{HAN}·]{{2,8}}(?:[，,、；;\s].{{0,60}})?|(?:为|系|是|单位[:：]|简介[:：]).{{2,80}}?)"
)
AUTHOR_NOTE_RE = compiled.pattern(rf"^(?:{_OPEN}\s*{_AUTHOR_NOTE_CORE}\s*{_CLOSE}|{_AUTHOR_NOTE_CORE})$")
_AUTHOR_NAME_RE = compiled.pattern(rf"作者[:：]\s*([{HAN}·]{{2,8}}?)(?=[，,、；;\s）)]|$)")


# Words a column or a kind of piece is called by, never a person: （记者手记）, （金台随笔）,
# 本报记者 X采访整理. A "name" ending in one of them is not a name.
_NOT_NAME_ENDINGS: tuple[str, ...] = tuple(
    "手记 随笔 论坛 视点 视线 观察 时评 快评 短评 锐评 热评 新语 走笔 茶座 漫谈 纵横 聚焦 "
    "速递 看点 特稿 现场 报道 采访 整理 调查 札记 来信 回信 复信 贺信 贺电 答问".split()
)
# A long piece's parts: labels spaced out below its headline as a name is (`引  子`, `尾  声`)
_NOT_NAME_ENDINGS += tuple("引子 引言 楔子 序言 序幕 序章 前言 开篇 题记 尾声 终章 结语 后记".split())


def is_not_a_name(token: str) -> bool:
    return token.endswith(_NOT_NAME_ENDINGS)


@memo
def looks_like_name(token: str) -> bool:
    """2–4 Han characters starting with a common surname, or a name with a middle dot."""
    if is_not_a_name(token):
        return False
    if "·" in token or "•" in token:
        return 3 <= len(token) <= 16 and not _column_with_dot(token)
    if not 2 <= len(token) <= 4 or not re.fullmatch(rf"[{HAN}]+", token):
        return False
    if not (token[0] in SURNAMES_1 or token[:2] in SURNAMES_2):
        return False
    return len(token) > 2 or not _word_of_the_language(token)


def _column_with_dot(token: str) -> bool:
    """`理论·访谈录`, `经济聚焦·农田里的新鲜事`: a column's name joins words of the language
    with a middle dot, as a transliterated name joins its parts (`麦克·奥杜罗`). To the
    dictionary, a column's first part is words of two characters or more and its last part
    holds a word of two or more, none of them a name or a place; a name's parts are names,
    or are cut into single characters (`劳拉`: 劳 拉), and a name whose first part is a word
    (`买买提`, `大卫`) has a name after it."""
    import rjieba

    parts = re.split(r"[·•]", token)
    first, last = rjieba.tag(parts[0], hmm=False), rjieba.tag(parts[-1], hmm=False)
    if not first or not last or any(tag.startswith(("nr", "ns")) for _, tag in first + last):
        return False
    return all(len(word) > 1 for word, _ in first) and any(len(word) > 1 for word, _ in last)


def _word_of_the_language(token: str) -> bool:
    """`全球`, `车间`: one word of the dictionary, and not a name — a common surname does not
    make it one (the tail of a sentence a page break cut, not a byline)."""
    import rjieba

    words = rjieba.tag(token, hmm=False)
    return len(words) == 1 and not words[0][1].startswith("nr")


_NAME_ONLY_RE = compiled.pattern(rf"^{_NAMES}$")
_BRACKETED_NAMES_RE = compiled.pattern(rf"^{_OPEN}\s*({_NAMES})\s*{_CLOSE}$")

# Reader letters end with a place and a name: （浙江杭州 王小明） / 河北省石家庄市 读者 李明
_PROVINCES = (
    "北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|"
    "广东|海南|四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港|澳门"
)
_PLACE = rf"(?:(?:{_PROVINCES})[{HAN}]{{0,14}}|[{HAN}]{{2,16}}?(?:省|市|县|区|州|旗|镇|乡|村|街道)[{HAN}]{{0,10}}?)"
_LETTER_NAME = rf"(?:[{HAN}·]{{2,8}}|[{HAN}]\s+[{HAN}]{{1,2}})"  # 王小明, or spaced to fill: 贾  瑞
LETTER_SIGNATURE_RE = compiled.pattern(
    rf"^(?:{_OPEN}\s*({_PLACE})\s*(?:读者)?\s+({_LETTER_NAME})\s*{_CLOSE}|({_PLACE})\s*(?:读者)?\s+({_LETTER_NAME})"
    rf"|读者\s+({_LETTER_NAME}))$"  # (or a reader, placed nowhere: `读者　王秀英`)
)


@memo
def is_byline_line(text: str) -> bool:
    """A line of role + names: 本报记者 陈毅人 通讯员 鲁冰, （本报记者 王洋、李明）."""
    return bool(BYLINE_LINE_RE.match(text)) and names_are_plausible(text)


# A byline in corner brackets opening the text, as a Taiwan paper prints it: `〔记者林雅婷／台北
# 报导〕立法院昨天…`
_OPENING_BYLINE_RE = compiled.pattern(rf"^({_CORNERED})\s*(\S.*)$")


def opening_byline(text: str) -> tuple[str, str] | None:
    """(the byline, the text after it) of a paragraph opening with a byline in brackets."""
    m = _OPENING_BYLINE_RE.match(text)
    if not m or not names_are_plausible(m.group(1)) or not parse_names(m.group(1)).authors:
        return None
    return m.group(1), m.group(2)


def _names_only(text: str, any_surname: bool = False) -> list[str] | None:
    """`陈立群` / `（李思远）` / `王  洋 李明`: the names, when the text is nothing but
    (at most three) names that look like names (with `any_surname`: any 2–4 Han characters,
    for pen names and rare surnames where the line's place already says it is a signature)."""
    m = _BRACKETED_NAMES_RE.match(text)
    inner = m.group(1) if m else text
    if marked := _MARKED_SIGNATURE_RE.match(inner):  # □王琳, □陈默（…副教授）: the writer, marked
        inner = marked.group(1)
    if not _NAME_ONLY_RE.match(inner):
        return None
    names = _split_names(inner)
    if not 1 <= len(names) <= 3:
        return None
    plausible: Callable[[str], bool]
    if marked and marked.group(2) and any_surname:
        plausible = _any_name  # marked, and who the writer is: a pen name may be a word (□林间（作家）)
    elif not any_surname:
        plausible = looks_like_name
    elif _PADDED_RE.match(inner):
        plausible = _any_name  # one name spaced out to fill the column: 郜  庆
    else:
        plausible = _pen_name_or_name  # a name, not a word of the language (育警铸魂)
    if not all(plausible(n) or len(names) > 1 and _padded(n, inner) for n in names):
        return None
    return names


def _padded(name: str, line: str) -> bool:
    """`周 天` beside another name: a name of two characters spaced to the width of three is
    a name even where the two make a word (周天)."""
    return len(name) == 2 and name[0] in SURNAMES_1 and re.search(rf"{name[0]}\s+{name[1]}", line) is not None


_PADDED_RE = compiled.pattern(rf"^[{HAN}]\s+[{HAN}]{{1,2}}$")
# A signature marked with a box or a ring (`□王琳`, `◎陈美玲`), maybe with who they are (`□张晓峰（媒体人）`)
# (who the writer is may hold brackets of its own: `□吕思彤（某中学初一（2）班）`)
_MARKED_SIGNATURE_RE = compiled.pattern(
    rf"^[□■◎]\s*([{HAN}·\s]{{2,8}}?)\s*([（(](?:[^（()）]|[（(][^（()）]{{1,6}}[）)]){{2,30}}[）)])?$"
)


def _any_name(token: str) -> bool:
    return (2 <= len(token) <= 4 or "·" in token or "•" in token) and not is_not_a_name(token)


@memo
def _pen_name_or_name(token: str) -> bool:
    """Any 2–4 Han characters (a rare surname, a pen name: `郜庆`, `代大权`) — but not words
    of the language (`最高`, `关注当下`, `凤丹盛开`): a word of the dictionary (other than a
    name) does not stand where a surname stands, nor anywhere in a name of four."""
    if "·" in token or "•" in token:
        return not _column_with_dot(token)
    if not 2 <= len(token) <= 4:
        return False
    if looks_like_name(token) and (len(token) < 4 or token[:2] in SURNAMES_2):
        return True
    import rjieba

    position = 0
    for word, tag in rjieba.tag(token, hmm=False):
        if len(word) >= 2 and not tag.startswith("nr") and (position == 0 or len(token) == 4):
            return False
        position += len(word)
    return True


@memo
def is_signature_name(text: str) -> bool:
    """A line of one to three names with any surname (`郜 庆`, `匪 迦`, `王江燕 马 奔`):
    the writer's signature when it stands right below a headline."""
    return _names_only(text, any_surname=True) is not None


@memo
def is_name_line(text: str) -> bool:
    return _names_only(text) is not None


@memo
def is_signature_line(text: str) -> bool:
    """Any line that credits an article: a byline, an author's note (（作者：…）), names in
    brackets or marked with a box (`□王琳`), or a reader's place and name."""
    return (
        is_byline_line(text)
        or bool(AUTHOR_NOTE_RE.match(text))
        or bool(_BRACKETED_NAMES_RE.match(text) and is_name_line(text))
        or bool(_MARKED_SIGNATURE_RE.match(text) and is_signature_name(text))
        or letter_signature(text) is not None
    )


@memo
def letter_signature(text: str) -> str | None:
    """The writer's name when the text is a reader's place and name."""
    m = LETTER_SIGNATURE_RE.match(text)
    if not m:
        return None
    name = "".join((m.group(2) or m.group(4) or m.group(5)).split())
    # after a county or a village (云南泸水市), three characters no word of the dictionary: a
    # rarer surname that is also a word (和建华), not a district after a city (云南昆明  官渡)
    place = m.group(1) or m.group(3) or ""
    rare = len(name) == 3 and place[-1:] in tuple("省市县区州旗镇乡村") and _pen_name_or_name(name)
    return name if looks_like_name(name) or rare else None


# A byline that labels the person whose words the piece is, and may say what they are before
# the name: `本期主讲人：中国经济体制改革研究会会长 郭兰峰` (a lecture), `讲述人：郑  雯`,
# `受访者：王小明 李华`. Only such labels: others name who edited, drew or planned the page
# (`责任编辑：王华`, `图：王五`, `策划：张三`), no author of it.
_PERSON_LABEL = r"(?:本期)?(?:主讲人|讲述人|演讲人|报告人|受访者|口述者?|作者|撰文|文)"
_LABELLED_PERSON_RE = compiled.pattern(rf"^{_PERSON_LABEL}[：:]\s*(.+)$")
# what they are, then their name: an office (北大教授, 村支书), a gap, a name
_OFFICE_THEN_NAME_RE = compiled.pattern(rf"^[{HAN}（）()、·]{{2,40}}\s+({_LETTER_NAME})$")


def labelled_people(text: str) -> list[str] | None:
    """The people a byline such as `本期主讲人：…研究会会长 郭兰峰` or `受访者：王小明 李华` names."""
    m = _LABELLED_PERSON_RE.match(text)
    if not m:
        return None
    rest = m.group(1).strip()
    names = _names_only(rest) or _names_only(rest, any_surname=True)
    if names:
        return names
    office = _OFFICE_THEN_NAME_RE.match(rest)
    name = "".join(office.group(1).split()) if office else ""
    return [name] if name and (looks_like_name(name) or _pen_name_or_name(name)) else None


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


# The staff credited after the reporters (`新京报记者 刘洋 编辑 张伟 校对 王丽`): editors, not writers
_STAFF_CREDIT_RE = compiled.pattern(r"\s+(?:责任编辑|责编|编辑|校对|美编|审校|审核|监制|统筹)(?:\s*[:：]\s*|\s+)\S.*$")


def _groups(byline: str) -> list[_Group]:
    text = byline.strip()
    if text[:1] in "（(【〔" and text[-1:] in "）)】〕":
        text = text[1:-1].strip()
    text = re.sub(rf"^{_MARK}", "", text)
    text = _STAFF_CREDIT_RE.sub("", re.sub(rf"{_WRITERS_NOTE}$", "", text))
    text = re.sub(rf"\s*{_SUFFIX}$", "", text)
    groups: list[_Group] = []
    roles = list(_ROLE_RE.finditer(text))
    # Keep only roles that start a group: at the start or after whitespace / a name.
    for idx, m in enumerate(roles):
        end = roles[idx + 1].start() if idx + 1 < len(roles) else len(text)
        names = text[m.end() : end]
        if "摄" in byline:  # beside a photographer's 摄, 文 credits the text: `杨  迅文  陈思汗摄`
            names = re.sub(rf"^(\s*[{HAN}]\s+[{HAN}])文(?=\s*$)", r"\1", names)
        groups.append(_Group(m.group(0), tuple(_split_names(names))))
    return groups


def names_are_plausible(byline: str) -> bool:
    """Every name in a byline is 2–4 Han characters (or longer with a middle dot)."""
    for group in _groups(byline):
        for name in group.names:
            if "·" in name or "•" in name:
                if len(name) > 16:
                    return False
            elif not 2 <= len(name) <= 4 or is_not_a_name(name):
                return False
    return True


def parse_names(*bylines: str) -> Names:
    authors: list[str] = []
    correspondents: list[str] = []
    for byline in bylines:
        if not _ROLE_RE.search(byline):
            signer = letter_signature(byline)
            labelled = None if signer else labelled_people(byline)  # (作者：北京大学教授 李四: 李四)
            note = _AUTHOR_NAME_RE.search(byline) if AUTHOR_NOTE_RE.match(byline) else None
            named = (
                [signer]
                if signer
                else labelled
                if labelled
                else [note.group(1)]
                if note
                else (_names_only(byline) or _names_only(byline, any_surname=True) or institutions(byline))
            )
            authors.extend(n for n in named if n not in authors)
            continue
        for group in _groups(byline):
            target = correspondents if group.role.endswith(("通讯员", "实习生", "报道组")) else authors
            # A role alone (本报评论员) names no person: the byline keeps it as printed.
            target.extend(n for n in group.names if n not in target and not is_not_a_name(n))
    return Names(tuple(authors), tuple(correspondents))
