"""The shapes of Chinese newspaper text the parser recognises: bylines, datelines, sub-head
markers, page furniture, photo credits, and what counts as the end of a sentence.

Pure data and small predicates; no decisions about context live here (see parse.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Names

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

_BRACKETED_NOTE_RE = re.compile(r"[（(【][^（(【）)】]*\w[^（(【）)】]*[）)】]$")
TRAILING_BRACKET_RE = re.compile(r"[（(【][^（(【）)】]{1,12}[）)】]$")

HEADLINE_MAX = 64  # longest headline line we accept without other evidence
COMMA_HEADLINE_MAX = 40  # a headline with commas must be short and confirmed by what follows
SUBHEAD_MAX = 40

# ---------------------------------------------------------------------------------------
# Roles and names in bylines
# ---------------------------------------------------------------------------------------

_ORG = rf"(?:本报|新华社|中新社|[{HAN}]{{1,8}}?(?:日报|晚报|晨报|时报|报|通讯社|电视台|广播电视台))"
_MOD = rf"(?:特约|首席|驻[{HAN}]{{1,6}}|见习|实习)"
_AUTHOR_CORE = r"(?:记者|评论员|撰稿人|特约撰稿)"
_CORRESPONDENT_CORE = r"(?:通讯员|实习生)"
ROLE = rf"(?:{_ORG}?{_MOD}{{0,2}}(?:{_AUTHOR_CORE}|{_CORRESPONDENT_CORE})|文[/／]图|文[/／]|图[/／])"
_ROLE_RE = re.compile(ROLE)
# Roles that are a collective author on their own (本报评论员, 特约评论员).
_NAMELESS_ROLE_RE = re.compile(rf"^{_ORG}?{_MOD}?评论员$")

_NAME_TOKEN = rf"[{HAN}·•]{{1,12}}"
_NAME_SEP = r"(?:\s+|[、，,])"
_NAMES = rf"{_NAME_TOKEN}(?:{_NAME_SEP}{_NAME_TOKEN}){{0,7}}"
_GROUP = rf"{ROLE}\s*(?:{_NAMES})?"
_GROUPS = rf"{_GROUP}(?:\s+{_GROUP}){{0,5}}"
_OPEN, _CLOSE = r"[（(]", r"[）)]"

# A whole line that is a byline: 本报记者 陈毅人 通讯员 鲁冰 / （本报记者 王洋、李明）
BYLINE_LINE_RE = re.compile(rf"^(?:{_OPEN}\s*{_GROUPS}\s*{_CLOSE}|{_GROUPS})$")
BRACKETED_BYLINE_RE = re.compile(rf"^{_OPEN}\s*{_GROUPS}\s*{_CLOSE}$")
# A byline glued to the end of a paragraph: …线索3个。本报记者 陈洋根 / …。（记者 王洋）
GLUED_BYLINE_RE = re.compile(
    rf"(?<=[{re.escape(TERMINAL + CLOSERS)}])\s*({_OPEN}\s*{_GROUPS}\s*{_CLOSE}|{_GROUPS})$"
)

# Reader letters end with a place and a name: （浙江杭州 王小明） / 河北省石家庄市读者 李明
_PLACE = rf"[{HAN}]{{2,16}}?(?:省|市|县|区|州|旗|镇|乡|村|街道)(?:[{HAN}]{{0,10}}?)"
LETTER_SIGNATURE_RE = re.compile(
    rf"^(?:{_OPEN}\s*)?({_PLACE})(?:读者)?\s+([{HAN}·]{{2,8}})(?:\s*{_CLOSE})?$"
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
    rf"^(?:看点[{NUM_HAN}\d]+\s*[:：]"
    rf"|[{NUM_HAN}]+、"
    rf"|[（(][{NUM_HAN}\d]+[）)]"
    rf"|第[{NUM_HAN}\d]+(?:部分|章|节|篇|站|幕|问)"
    rf"|\d{{1,2}}[.．、]\s*(?=\S)"
    rf"|[【\[][^】\]]{{1,20}}[】\]])"
)

_FURNITURE_LABEL = r"(?:本版)?(?:责编|责任编辑|美编|校对|版式设计|版式|版面设计|制图|图表制作|审读|统筹|监制|摄影统筹|编辑|设计)"
_FURNITURE_PAIR = rf"{_FURNITURE_LABEL}\s*(?:[:：]\s*|\s+){_NAMES}"
FURNITURE_RE = re.compile(
    rf"^(?:{_FURNITURE_PAIR}(?:\s*[，,;；|｜]?\s*{_FURNITURE_PAIR})*"
    rf"|{_FURNITURE_LABEL}\s*[:：].{{0,40}}"
    rf"|\d{{4}}年\d{{1,2}}月\d{{1,2}}日\s*(?:星期|周)[一二三四五六日天].{{0,30}}"
    rf"|第?\s*\d{{1,3}}\s*版\s*[:：]?\s*[{HAN}]{{0,10}}"
    rf"|[A-Z]?\d{{1,3}}\s*[|｜]\s*[{HAN}]{{2,10}})$"
)

# A photo credit ends a caption: 图为…。本报记者 王洋摄 / 新华社记者 李明 摄
PHOTO_CREDIT_RE = re.compile(rf"(?:{ROLE}\s*)?{_NAMES}\s*(?:摄|摄影|供图|/摄)$")
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

NOTE_RE = re.compile(r"^(?:编者按|编者的话|编后|编后语|按语)\s*[:：]")


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


def has_sentence_punct(text: str) -> bool:
    core = strip_closers(text)[:-1]
    return any(ch in SENTENCE_PUNCT for ch in core)


def is_byline_line(text: str) -> bool:
    return bool(BYLINE_LINE_RE.match(text)) and names_are_plausible(text)


def glued_byline(text: str) -> tuple[str, str] | None:
    """Split `…线索3个。本报记者 陈洋根` into (paragraph, byline); None when there is none."""
    m = GLUED_BYLINE_RE.search(text)
    if not m or m.start(1) == 0:
        return None
    byline = m.group(1)
    if not names_are_plausible(byline) or not parse_names(byline).authors + parse_names(byline).correspondents:
        return None
    return text[: m.start(1)].rstrip(), byline


def dateline_of(text: str) -> tuple[str, str | None, str] | None:
    """Split a paragraph opening with a dateline into (dateline, bracketed credit, rest)."""
    m = DATELINE_RE.match(text)
    if not m:
        return None
    dateline = m.group(0)
    rest = text[m.end():]
    credit = None
    cm = DATELINE_CREDIT_RE.match(rest)
    if cm and names_are_plausible(cm.group(1)):
        credit = cm.group(1)
        rest = rest[cm.end():]
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


def is_caption(text: str) -> bool:
    return bool(PHOTO_CREDIT_RE.search(text)) and len(text) <= 200


def is_note(text: str) -> bool:
    return bool(NOTE_RE.match(text))


def letter_signature(text: str) -> str | None:
    m = LETTER_SIGNATURE_RE.match(text)
    return m.group(2) if m else None


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


def _groups(byline: str) -> list[_Group]:
    text = byline.strip()
    if text[:1] in "（(" and text[-1:] in "）)":
        text = text[1:-1].strip()
    groups: list[_Group] = []
    roles = list(_ROLE_RE.finditer(text))
    # Keep only roles that start a group: at the start or after whitespace / a name.
    for idx, m in enumerate(roles):
        end = roles[idx + 1].start() if idx + 1 < len(roles) else len(text)
        names_text = text[m.end():end].strip()
        parts = re.split(rf"({_NAME_SEP}+)", names_text) if names_text else []
        tokens: list[tuple[str, str]] = []
        for j in range(0, len(parts), 2):
            token = parts[j].strip("·• ")
            sep = parts[j + 1] if j + 1 < len(parts) else ""
            if token:
                tokens.append((token, sep))
        groups.append(_Group(m.group(0), tuple(_join_spaced_names(tokens))))
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
    return role.endswith("通讯员") or role.endswith("实习生")


def parse_names(*bylines: str) -> Names:
    authors: list[str] = []
    correspondents: list[str] = []
    for byline in bylines:
        signer = letter_signature(byline)
        if signer and not _ROLE_RE.search(byline):
            authors.append(signer)
            continue
        for group in _groups(byline):
            target = correspondents if _is_correspondent_role(group.role) else authors
            if group.names:
                target.extend(n for n in group.names if n not in target)
            elif _NAMELESS_ROLE_RE.match(group.role) and group.role not in authors:
                authors.append(group.role)
    return Names(tuple(authors), tuple(correspondents))
