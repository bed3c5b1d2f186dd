"""The shapes of Chinese newspaper text the parser recognises: datelines, sub-head markers,
page furniture, photo credits, bylines glued to a paragraph, and what counts as the end of
a sentence (the bylines themselves are in names.py, and can be reached from here too).

Pure data and small predicates; no decisions about context live here (see parser.py).
"""

from __future__ import annotations

import re

from build_scripts.contract.labels import DIVIDER_RE  # noqa: F401 (the parser's, from here)
from build_scripts.contract.names import INSTITUTIONS
from build_scripts.parse import compiled
from build_scripts.parse.datelines import _DATE_HAN, DATELINE_CREDIT_RE, DATELINE_RE, dateline_of
from build_scripts.parse.memo import memo
from build_scripts.parse.names import (  # the byline shapes, used here and through this module
    _AUTHOR_NOTE_CORE,
    _BRACKETED_NAMES_RE,
    _CLOSE,
    _GROUPS,
    _LETTER_NAME,
    _MOD,
    _NAMELESS_ROLE_RE,
    _NAMES,
    _OPEN,
    _ORG,
    _PLACE,
    AUTHOR_NOTE_RE,
    BRACKETED_BYLINE_RE,
    HAN,
    NUM_HAN,
    ROLE,
    ROLE_RE,
    institutions,
    is_byline_line,
    is_name_line,
    is_signature_line,
    is_signature_name,
    letter_signature,
    looks_like_name,
    names_are_plausible,
    parse_names,
)
from build_scripts.parse.people import contributor_signature

# What the parser reads through this module, byline shapes included.
__all__ = [
    "AUTHOR_NOTE_RE",
    "DATELINE_CREDIT_RE",
    "DATELINE_RE",
    "BRACKETED_BYLINE_RE",
    "HAN",
    "NUM_HAN",
    "ROLE",
    "ROLE_RE",
    "contributor_signature",
    "dateline_of",
    "institutions",
    "is_byline_line",
    "is_name_line",
    "is_signature_line",
    "is_signature_name",
    "letter_signature",
    "looks_like_name",
    "names_are_plausible",
    "parse_names",
]

# A sentence (and so a paragraph) ends with one of these, then maybe closers: 。” does, 工程” not.
TERMINAL = "。．.！!？?…；;：:"
QUOTE_CLOSERS = "”’」』》〉\"'"
BRACKET_CLOSERS = "）)】"
CLOSERS = QUOTE_CLOSERS + BRACKET_CLOSERS
QUESTION_OR_EXCLAMATION = "？?！!"
SENTENCE_PUNCT = "，,。；;！!？?"
MID_SENTENCE = "，,、"  # a line ending with one of these stops in the middle of a sentence

_BRACKETED_NOTE_RE = compiled.pattern(r"[（(【][^（(【）)】]*\w[^（(【）)】]*[）)】]$")
# A column tag or series marker closing a headline: （上） / （金台随笔） / （开局起步“十五五”·专题新闻发布）
TRAILING_BRACKET_RE = compiled.pattern(r"[（(【][^（(【）)】。；！？]{1,30}[）)】]$")

HEADLINE_MAX = 64  # longest headline line we accept without other evidence
COMMA_HEADLINE_MAX = 40  # a headline with commas must be short and confirmed by what follows
LONG_HEADLINE_MAX = 120  # a longer unpunctuated headline (kicker + main + subtitle) needs a byline below it
SUBHEAD_MAX = 40

# ---------------------------------------------------------------------------------------
# Sub-heads, furniture, captions, editor's notes
# ---------------------------------------------------------------------------------------

SUBHEAD_MARKER_RE = compiled.pattern(
    rf"^(?:[{HAN}]{{0,4}}[{NUM_HAN}\d]+\s*[:：]"
    rf"|[{NUM_HAN}]+、"
    rf"|[（(][{NUM_HAN}\d]+[）)]"
    rf"|第[{NUM_HAN}\d]+(?:部分|章|节|篇|站|幕|问)"
    rf"|\d{{1,2}}[.．、]\s*(?=\S)"
    rf"|[【\[][^】\]]{{1,20}}[】\]]|[{NUM_HAN}]{{1,3}}$|[★☆◆▲])"
)

_FURNITURE_LABEL = (
    r"(?:本版)?(?:责编|责任编辑|美编|校对|版式设计|版式|版面设计|制图|图表制作|审读|统筹|监制|摄影统筹|编辑|设计)"
)
# A credit for the page's design or a chart alone on its line (not the page's editors)
DESIGN_CREDIT_RE = compiled.pattern(r"^(?:版式设计|版式|版面设计|制图|图表制作|设计)\s*[:：]\s*\S")
_FURNITURE_PAIR = rf"{_FURNITURE_LABEL}\s*(?:[:：]\s*|\s+){_NAMES}"
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # (an address, not the sentence glued to it: `…@126.com。来稿请…`)
FURNITURE_RE = compiled.pattern(
    rf"^(?:{_FURNITURE_PAIR}(?:\s*[，,;；|｜]?\s*{_FURNITURE_PAIR})*"
    rf"|{_FURNITURE_LABEL}\s*[:：].{{0,40}}"
    # a running head: the date (after the paper's name, perhaps), then at most the 版 (`A1 要闻`
    # where a paper numbers them by section), the paper's name or the lunar date — not
    # `2022年1月26日 星期三 滨江区报告首例…`, a line of a timeline
    # — or, as city papers print it, the 版 first (`A05 城事 2024年3月5日 星期二`), and the
    # page's editors after it (`责编 王海燕 美编 李娜`)
    rf"|(?:[A-Z]?\d{{1,3}}\s+[{HAN}·]{{1,8}}\s+)?(?:[{HAN}]{{2,8}}报\s*)?(?:\d{{4}}|(?:中华)?民国\d{{2,3}})年\d{{1,2}}月\d{{1,2}}日"  # (a Taiwan paper's year: 民国113年)
    rf"\s*[（(]?(?:星期|周)[一二三四五六日天][）)]?"
    rf"(?:\s*(?:第?\s*\d{{1,3}}\s*版.{{0,12}}|[A-Z]\d{{1,2}}(?:\s+[{HAN}·]{{1,8}})?|农历.{{0,12}}|今日\d{{1,3}}版"
    rf"|[{HAN}]{{2,8}}报|{_FURNITURE_PAIR}))*"
    # the paper's footer: where to call it (`新闻热线：025-96068`, `本报地址：… 邮编：…`; not an
    # advertiser's `招商热线：…`, which is the advertisement's text)
    rf"|(?:本报|[{HAN}]{{2,6}}(?:日报|晚报|晨报|都市报|时报))?(?:新闻|报料|发行|订阅|订报|广告|分类广告|读者)?热线\s*[:：]\s*[\d（()）-]{{5,}}.{{0,40}}"
    # …and where to send a piece, after the page's editor perhaps (`本版编辑 黄敏 投稿邮箱：…`)
    rf"|(?:{_FURNITURE_PAIR}\s*)?(?:本版)?(?:投稿|来稿)(?:邮箱|信箱|请寄|地址)\s*[:：]\s*{_EMAIL}"
    rf"|(?:本报|[{HAN}]{{2,8}}[报刊]社(?:出版)?\s*)(?:地址|社址)\s*[:：].{{0,120}}"
    rf"|国内统一连续出版物号.{{0,60}}"
    rf"|第?\s*\d{{1,3}}\s*版\s*[:：]?\s*[{HAN}]{{0,10}}"
    rf"|[A-Z]?\d{{1,3}}\s*[|｜]\s*[{HAN}]{{2,10}})$"
)

# A photo credit ends a caption: 图为…。本报记者 王洋摄 / 新华社记者 李明 摄
PHOTO_CREDIT_RE = compiled.pattern(
    rf"(?:(?:{ROLE}\s*)?{_NAMES}\s*(?:摄|摄影|供图)(?:\s*{_OPEN}[^（(）)]{{1,10}}{_CLOSE})?"  # …摄（人民视觉）
    rf"|(?:新华社|中新社|本报)?发?\s*{_OPEN}\s*(?:{ROLE}\s*)?{_NAMES}\s*摄\s*{_CLOSE}"
    rf"|^{_OPEN}?(?:本文|本版)?(?:图片|照片).{{0,24}}(?:提供|供图)。?{_CLOSE}?"
    rf"|图[/／]\s*[{HAN}·]{{2,12}}?(?:供图|提供))$"  # …。图/受访者提供
)
# A dispatch credited at its end: （新华社北京1月27日电） / （据新华社电） / （来源：经济日报）; a
# report from several cities names them all (`本报北京、曼谷、罗马5月17日电`)
_CREDIT_CORE = (
    rf"(?:据)?(?:新华社|中新社|本报|[{HAN}]{{2,8}}?(?:社|网|台|报))(?:[{HAN}]{{1,10}}、){{0,9}}[{HAN}]{{0,10}}?"
    rf"(?:(?:{_DATE_HAN}月)?{_DATE_HAN}日)?(?:电|讯)"
    rf"|来源[:：]\s*[{HAN}A-Za-z0-9·]{{2,20}}"
)
END_CREDIT_RE = compiled.pattern(rf"^{_OPEN}\s*(?:{_CREDIT_CORE})\s*{_CLOSE}$")
GLUED_END_CREDIT_RE = compiled.pattern(
    rf"(?<=[{re.escape(TERMINAL + CLOSERS)}])\s*({_OPEN}\s*(?:{_CREDIT_CORE})\s*{_CLOSE})$"
)

# An article jumping between pages: （上接第一版） at the top, （下转第三版） at the end.
# (a city paper numbers its 版 by section: （下转A06版）)
JUMP_FROM_RE = compiled.pattern(rf"^{_OPEN}\s*上接第?[A-Z]?[{NUM_HAN}\d]{{1,3}}版?\s*{_CLOSE}")
JUMP_TO_RE = compiled.pattern(rf"{_OPEN}\s*(?:下转|转)第?[A-Z]?[{NUM_HAN}\d]{{1,3}}版?\s*{_CLOSE}$")

_NOTE_WORD = r"(?:编者按|编者的话|编后|编后语|按语)"
NOTE_RE = compiled.pattern(rf"^(?:【\s*{_NOTE_WORD}\s*】|{_NOTE_WORD}\s*[:：])")
# The label of a list of participants, one a line below it (`对话人：`, `嘉  宾：…`)
PARTICIPANTS_RE = compiled.pattern(r"^(?:对话人|嘉\s*宾)[:：]")
# A box printed inside an article under its own small heading (头条看点, 人物小传, ■链接): it stays there
ARTICLE_BOX_RE = compiled.pattern(
    rf"^(?:■\s*)?(?:延伸阅读|相关链接|知识链接|背景链接|新闻链接|链接|记者手记|编辑手记|引\s*子|尾\s*声|结\s*语|小贴士|人物小传|人物简介|[{HAN}]{{2}}看点)$"
)
# A pointer to a related piece on another page, printed at an article's end
SEE_PAGE_RE = compiled.pattern(rf"^{_OPEN}[^（）()]{{2,40}}见第?[{NUM_HAN}\d]{{1,3}}版{_CLOSE}$")
# A headline's kicker and main title, or main title and subtitle, meeting at a dash on one
# line: `国际社会积极评价中美元首会晤—— “…”`, `数智洞见未来 ——第九届数字中国建设峰会综述`
DASH_PIECES_RE = compiled.pattern(r"\S——\s+\S|\S\s+——\S")
# The editors sign their note off on a line of its own: ——编  者
EDITORS_SIGN_RE = compiled.pattern(r"^[—－-]{1,2}\s*编\s*者$")
EDITORS_NOTE_TITLE_RE = compiled.pattern(r"^(?:编者按|编者的话)$")


# -- Predicates -------------------------------------------------------------------------


def strip_closers(text: str) -> str:
    return text.rstrip(CLOSERS + " ")


@memo
def is_terminated(text: str) -> bool:
    """True when a paragraph ends here: a sentence end, possibly inside closing quotes
    (…。” ends, 工程” does not), or a closing bracket (…。（完）, …（记者 王洋）)."""
    text = text.rstrip()
    if not text:
        return False
    note = _BRACKETED_NOTE_RE.search(text)
    if note:
        # a note in brackets ends a paragraph: after its last sentence (…。（完）), or as the
        # whole block (（作者为…）), or crediting it (…（记者 王洋）) — a word in brackets inside
        # a sentence (…村（社区）) does not
        before = text[: note.start()].rstrip()
        return not before or is_terminated(before) or _credit_in_brackets(note.group(0))
    core = text.rstrip(CLOSERS + " ")
    if core[-1:] == "." and core[-2:-1].isdigit():
        return False  # a decimal point a break cut off: 4.|39
    return bool(core) and core[-1] in TERMINAL


def _credit_in_brackets(note: str) -> bool:
    return bool(
        BRACKETED_BYLINE_RE.match(note)
        or AUTHOR_NOTE_RE.match(note)
        or END_CREDIT_RE.match(note)
        or PHOTO_CREDIT_RE.search(note)
        or (_BRACKETED_NAMES_RE.match(note) and is_name_line(note))
    )


def without_trailing_bracket(text: str) -> str:
    """`奋进新征程（上）` → `奋进新征程`: a series marker does not make a headline a sentence."""
    m = TRAILING_BRACKET_RE.search(text)
    return text[: m.start()] if m and m.start() > 0 else text


def number_across(before: str, after: str) -> bool:
    """A number runs across the break (`5|5.2`, `2|022级`, `11.|25万`): no paragraph ends
    on a digit with the next one opening on a digit or a decimal point."""
    last, first = before[-1:], after[:1]
    if last.isdigit():
        return first.isdigit() or first in ".．"
    return last in ".．" and before[-2:-1].isdigit() and first.isdigit()


# A block opening with one of these never starts a paragraph: it carries one on
CONTINUATION_MARKS = "，,、；;）)】”’」』》〉"


# Who put a special page or a series together, or stood behind it, on a line of its own:
# 本期统筹：张安宇, 学术支持：中国科学技术协会, 指导单位：…
PAGE_CREDIT_RE = compiled.pattern(
    r"^(?:(?:本期)?(?:统筹|策划|执行)|(?:学术|技术)支持|(?:指导|主办|承办|协办|支持)单位)\s*[:：]"
)


def is_summary_point(text: str) -> bool:
    """`■ 要坚持稳中求进工作总基调…`: a point of the summary printed under a headline, in
    the article's text (never a headline, though it stops without a full stop)."""
    return text.startswith("■")


def ends_mid_sentence(text: str) -> bool:
    """`记者注意到，` — cut by a page break: never a headline or a sub-head."""
    return text.rstrip()[-1:] in MID_SENTENCE


def has_sentence_punct(text: str) -> bool:
    core = strip_closers(text)[:-1]
    return any(ch in SENTENCE_PUNCT for ch in core)


_AFTER_SENTENCE = rf"(?<=[{re.escape(TERMINAL + CLOSERS)}])"
# Names alone follow a sentence's end, not a label's colon (本期统筹：张安宇 is the label's value)
_AFTER_SENTENCE_END = rf"(?<=[{re.escape(TERMINAL.replace('：', '').replace(':', '') + CLOSERS)}])"
_GLUED_RES = [
    compiled.pattern(rf"{_AFTER_SENTENCE}\s*({_OPEN}\s*{_GROUPS}\s*{_CLOSE}|{_GROUPS})$"),
    compiled.pattern(rf"{_AFTER_SENTENCE}\s*({_OPEN}\s*{_AUTHOR_NOTE_CORE}\s*{_CLOSE})$"),
    compiled.pattern(rf"{_AFTER_SENTENCE_END}\s*({_OPEN}\s*{_NAMES}\s*{_CLOSE})$"),
    # a reader's letter signed with a place and a name: …。（浙江杭州 王小明） / …。江苏省苏州市  贾  瑞
    compiled.pattern(
        rf"{_AFTER_SENTENCE_END}\s*({_OPEN}\s*{_PLACE}\s*(?:读者)?\s+{_LETTER_NAME}\s*{_CLOSE}"
        rf"|{_PLACE}\s*(?:读者)?\s+{_LETTER_NAME})$"
    ),
    # a commentary signed with its writers' names only: …的光。徐 阳
    compiled.pattern(rf"{_AFTER_SENTENCE_END}\s*({_NAMES})$"),
    # …a column's address for letters, then its writer: 投稿邮箱：…@peopledaily.cn吴 君
    compiled.pattern(rf"(?:(?<=\.cn)|(?<=\.com)|(?<=\.net)|(?<=\.org))\s*({_NAMES})$"),
    # …an institution signing the piece after its last sentence: …。中共中央党史和文献研究院
    compiled.pattern(rf"{_AFTER_SENTENCE_END}\s*({INSTITUTIONS})$"),
    compiled.pattern(rf"^[^\s]{{6,}}(?<=[{HAN}])([{HAN}]\s+[{HAN}])$"),  # a poem's last line, its writer: …一圈进  勤
]
# Every byline _GLUED_RES finds ends the text, but for spaces or a line break after it (a role
# may end it: 本报记者 ); before them it ends with a Han character, a name's dot, the slash of
# 文/ or a closing bracket. A text ending otherwise (…。, …”, …？: most paragraphs) is not
# searched eight times for one.
_GLUED_LAST_RE = compiled.pattern(rf"[{HAN}·•/／）)]")
# A note on the writer closing the text: the names after it are the writer's, any surname
_TRAILING_AUTHOR_NOTE_RE = compiled.pattern(rf"{_OPEN}\s*{_AUTHOR_NOTE_CORE}\s*{_CLOSE}$")
# A paper's reporters credited together, naming no one (…。本报记者): a collective byline
_COLLECTIVE_RE = compiled.pattern(rf"^{_ORG}{_MOD}{{0,2}}记者$")
# One name spaced out to fill the column (知  更): a signature whatever the surname
_PADDED_NAME_RE = compiled.pattern(rf"^[{HAN}]\s+[{HAN}]{{1,2}}$")


@memo
def glued_byline(text: str) -> tuple[str, str] | None:
    """Split `…线索3个。本报记者 陈洋根` (or `…。（作者为…）`, `…。（李思远）`, or a credit line
    with the byline glued to it: `本期统筹：韩春瑶本报记者 杨颜菲`) into (paragraph, byline);
    None when the paragraph does not end with one."""
    if PAGE_CREDIT_RE.match(text) or DESIGN_CREDIT_RE.match(text):
        role = ROLE_RE.search(text)
        if role and role.start() > 0 and is_byline_line(text[role.start() :]):
            return text[: role.start()], text[role.start() :]
    if not _GLUED_LAST_RE.fullmatch(text.rstrip()[-1:]):
        return None
    for pattern in _GLUED_RES:
        m = pattern.search(text)
        if not m or m.start(1) == 0:
            continue
        byline = m.group(1)
        if pattern is _GLUED_RES[0]:
            names = parse_names(byline)
            if not names_are_plausible(byline) or not (
                names.authors + names.correspondents or _NAMELESS_ROLE_RE.match(byline) or _COLLECTIVE_RE.match(byline)
            ):
                continue
        elif (
            pattern in (_GLUED_RES[2], _GLUED_RES[4])
            and not is_name_line(byline)
            and not (_PADDED_NAME_RE.match(byline) and is_signature_name(byline))
            and not (_TRAILING_AUTHOR_NOTE_RE.search(text[: m.start(1)].rstrip()) and is_signature_name(byline))
        ) or (pattern is _GLUED_RES[3] and not letter_signature(byline)):
            continue
        if pattern in (_GLUED_RES[5], _GLUED_RES[7]) and not (
            is_name_line(byline) or (_PADDED_NAME_RE.match(byline) and is_signature_name(byline))
        ):
            continue
        return text[: m.start(1)].rstrip(), byline
    return None


def is_end_credit(text: str) -> bool:
    return bool(END_CREDIT_RE.match(text))


@memo
def glued_end_credit(text: str) -> tuple[str, str] | None:
    m = GLUED_END_CREDIT_RE.search(text)
    if not m or m.start(1) == 0:
        return None
    return text[: m.start(1)].rstrip(), m.group(1)


# A full date with its weekday (`2025年9月17日 星期三`, `2025.9.19 星期五`): on a line of the page's
# top with no sentence in it, the running head, whatever else it holds (the paper, the 版, editors)
RUNNING_HEAD_DATE_RE = compiled.pattern(
    r"(?:\d{4}年\d{1,2}月\d{1,2}日|\d{4}[.．/-]\d{1,2}[.．/-]\d{1,2})\s*[（(]?(?:星期|周)[一二三四五六日天]"
)


# The paper's footer, one field after another on its line, one of them a field only a footer
# prints (where to call the paper, its address, where to send a piece, its licence, `XX报社出版`,
# `XX周刊社出版`), the others any (`地址：…`, `邮编：510100`, `每份1.50元`): `新闻热线：… 广告许可证：…
# 本报地址：… 邮编：510100 每份1.50元`, `学苑青年报社出版　投稿邮箱：…`. A notice's own lines
# (`举报电话：… 来信地址：…`) hold none of them.
_FOOTER_OPENING = (
    rf"(?:本报|[{HAN}]{{2,6}}(?:日报|晚报|晨报|都市报|时报))?(?:新闻|报料|发行|订阅|订报|广告|分类广告|读者)?热线\s*[:：]\s*[\d（()）-]{{5,}}"
    rf"|(?:本版)?(?:投稿|来稿)(?:邮箱|信箱)\s*[:：]\s*{_EMAIL}"
    rf"|(?:本报|[{HAN}]{{2,8}}[报刊]社)(?:地址|社址)\s*[:：]\s*\S+"
    rf"|广告(?:经营)?许可证\s*[:：]\s*\S+"
    rf"|[{HAN}]{{2,8}}[报刊]社出版"
)
_FOOTER_FIELD = (
    rf"[{HAN}]{{2,10}}\s*[:：]\s*\S+|(?:每份|零售价|定价)\s*[:：]?\s*\d+(?:\.\d+)?元|[{HAN}]{{2,8}}[报刊]社出版"
)
FOOTER_RE = compiled.pattern(rf"^(?:(?:{_FOOTER_FIELD})\s+)*(?:{_FOOTER_OPENING})(?:\s+(?:{_FOOTER_FIELD}))*$")
# The paper's word on what a page prints, at its foot (`本版文章仅供参考，不构成投资建议…`,
# `以上信息由刊登者提供并负责，本报不承担…`)
DISCLAIMER_RE = compiled.pattern(
    r"^(?:本版(?:文章|内容|信息|所载内容)仅供参考"
    r"|(?:以上|本版)(?:信息|内容|广告|广告内容)由(?:刊登者|刊登单位|广告主|客户)提供).{0,50}$"
)


@memo  # asked of every block and of the blocks around it, again and again
def is_furniture(text: str, indented: bool = False) -> bool:
    """Page furniture. A footer's or a disclaimer's line indented where indentation marks
    paragraphs (`indented`) is an article's paragraph, not the paper's: a call for pieces
    gives its own address (`　　投稿邮箱：…　来信请寄：…`)."""
    if FURNITURE_RE.match(text):
        return True
    return not indented and bool(FOOTER_RE.match(text) or DISCLAIMER_RE.match(text))


SPEAKER_RE = compiled.pattern(rf"^[{HAN}A-Za-z·]{{1,8}}[:：]")  # 记者：… / 负责人：… in an interview


@memo
def is_caption(text: str) -> bool:
    # every photo credit ends in 摄/摄影/供图/提供 (before closing brackets): a cheap look first
    tail = text[-16:]
    return (
        len(text) <= 200 and ("摄" in tail or "供图" in tail or "提供" in tail) and bool(PHOTO_CREDIT_RE.search(text))
    )


def is_note(text: str) -> bool:
    return bool(NOTE_RE.match(text))
