"""Shapes of a single block that say what it may be: a headline or sub-head, a headline that
needs confirming, kicker + main title + subtitle on one line, or a line that opens an
article. Pure predicates over one block's text; the parser weighs them in context."""

from __future__ import annotations

import re

from build_scripts.ingest.paper_profile import DEFAULT, PaperProfile
from build_scripts.parse import compiled
from build_scripts.parse import patterns as p
from build_scripts.parse.memo import memo
from build_scripts.parse.names import _CLOSE, _OPEN, is_signature_name, opening_byline
from build_scripts.parse.people import name_with_note

_HAN_RE = compiled.pattern(rf"[{p.HAN}]")
_NOTE_PIECE_RE = compiled.pattern(r"^[（(][^（(）)。]{4,80}[）)]$")
# Where a chart's or a table's figures come from, printed below it: text, never a heading
_SOURCE_RE = compiled.pattern(r"^(?:数据|资料|图片|信息)?来源[:：]")
_ADDRESS_RE = compiled.pattern(r"@|https?:|www\.")  # an e-mail or web address: a contact line, never a heading
# A label, a colon, an address and perhaps a note in brackets: `栏目投稿邮箱：…@peopledaily.cn`,
# `本版邮箱：…@…（来稿请注明栏目名）` — not a sentence that ends with an address and goes on
_CONTACT_LINE_RE = compiled.pattern(
    r"^[^，。；！？,;!?]{1,20}[:：]\s*(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?://|www\.)[!-~]+)\s*"
    r"(?:[（(][^（）()]{1,30}[）)])?$",
    re.ASCII,
)


def contact_line(text: str) -> bool:
    """A column's contact line (`栏目投稿邮箱：…@peopledaily.cn`): no sentence goes on below
    it, whatever it stops with."""
    return _CONTACT_LINE_RE.match(text) is not None


# A turn of an interview (`记者：…`, `问：…`, `答：…`, `主持人：…`), or its list of guests
# (`嘉  宾：某大学院长  薛  澜`): text, never a heading, even where a break cut it short (on the
# 535 real pages: 270 of 270 turns are paragraphs or their first parts)
SPEAKER_TURN_RE = compiled.pattern(r"^(?:记者|问|答|主持人|嘉\s*宾)[:：]")
# a letter's closing formula (`此致` / `敬礼！`): the letter's text, never a heading
_LETTER_CLOSING_RE = compiled.pattern(r"^(?:此\s*致|敬\s*礼)[!！]?$")


_ATTRIBUTED_RE = compiled.pattern(
    rf"^(?:[—－-]{{1,2}}\s*)?([{p.HAN}·•\s]{{2,16}}?)\s*{_OPEN}([^（）()]{{2,60}}"
    r"(?:院长|教授|主任|主席|研究员|书记|局长|部长|秘书长|会长|校长|总裁|经理|董事长|专家|学者|作家|画家|"
    rf"大学|学院|研究院|研究所|协会|委员会|公司|中心|成员|代表)[^（）()]{{0,20}}){_CLOSE}$"
)


@memo
def attributed_name(text: str) -> bool:
    """`王雪坤（商务部国际贸易经济合作研究院院长）`, `——李  磊（上海戏剧学院教授）`: a
    speaker introduced, or a quotation signed, with who they are — a paragraph, never a
    headline."""
    m = _ATTRIBUTED_RE.match(text)
    if not m:
        return False
    name = m.group(1).strip()
    return "·" in name or "•" in name or is_signature_name(name)


@memo
def heading_shaped(text: str, profile: PaperProfile = DEFAULT) -> bool:
    """Short, no sentence punctuation, no full stop at the end: a headline or a sub-head."""
    core = p.without_trailing_bracket(text)
    return (
        len(text) <= profile.headline_max
        and not p.is_summary_point(text)
        and not attributed_name(text)
        and not p.PAGE_CREDIT_RE.match(text)
        and not p.dateline_of(text)
        and not _ADDRESS_RE.search(text)
        and not _SOURCE_RE.match(text)
        and not SPEAKER_TURN_RE.match(text)
        and not _LETTER_CLOSING_RE.match(text)
        and not p.is_terminated(core)
        and not p.ends_mid_sentence(core)
        and not p.has_sentence_punct(core)
        and not p.is_signature_line(text)
        and not p.is_furniture(text)
        and not p.is_caption(text)
        and not p.is_end_credit(text)
        and not p.glued_byline(text)
    )


@memo
def could_be_headline(text: str, profile: PaperProfile = DEFAULT) -> bool:
    """Looser: a headline may carry commas or end with ？/！ when a byline or dateline
    below it confirms it."""
    if heading_shaped(text, profile):
        return True
    if p.dateline_of(text) or p.is_summary_point(text) or attributed_name(text):
        return False  # a dispatch's text opens with its dateline
    if _ADDRESS_RE.search(text) or SPEAKER_TURN_RE.match(text) or _LETTER_CLOSING_RE.match(text):
        return False  # a contact line (`本版邮箱：…@…（来稿请注明栏目名）`), an interview's turn, `此致`
    core = p.without_trailing_bracket(text)
    if (
        len(text) <= profile.long_headline_max
        and not p.is_terminated(core)
        and not p.ends_mid_sentence(core)
        and not p.has_sentence_punct(core)
        and not p.is_signature_line(text)
        and not p.is_caption(text)
    ):
        return True  # a long headline line, e.g. kicker + main title + subtitle
    if spaced_headline(text, profile):
        return True
    if len(text) > profile.comma_headline_max or p.is_signature_line(text) or p.is_furniture(text):
        return False
    if p.ends_mid_sentence(text) or p.glued_byline(text):
        return False
    if p.is_caption(text):
        return False
    if p.SPEAKER_RE.match(text) and p.is_terminated(p.without_trailing_bracket(text)):
        return False  # a speaker's question in an interview (记者：…？), not `中国机器人：服务世界`
    core = p.without_trailing_bracket(text).rstrip(p.QUOTE_CLOSERS)
    return not p.is_terminated(core) or core[-1:] in p.QUESTION_OR_EXCLAMATION


@memo
def spaced_headline(text: str, profile: PaperProfile = DEFAULT) -> bool:
    """Kicker, main title and subtitle printed on one line, set apart by spaces: every piece
    short and none a sentence (a kicker may hold commas, numbers and Latin letters)."""
    pieces = text.split()
    if pieces and len(pieces) > 1 and _NOTE_PIECE_RE.match(pieces[-1]):
        pieces = pieces[:-1]  # a note in brackets closing it: when a law was adopted, a series
    if not 1 <= len(pieces) <= 4 or len(text) > 2 * profile.long_headline_max or len(pieces) == 1 == len(text.split()):
        return False
    for n, piece in enumerate(pieces):
        core = p.without_trailing_bracket(piece)
        if not _HAN_RE.search(piece):
            return False  # every piece of a headline says something in words (not `##`, `|`)
        if n < len(pieces) - 1 or core != piece:
            # a kicker may ask (`…怎么办？`), and so may a main title under a column tag
            # (`投诉人信息是怎样被泄露的？（金台视线）`)
            core = core.rstrip(p.QUESTION_OR_EXCLAMATION)
        if (
            len(piece) > profile.headline_max
            or p.is_terminated(core)
            or p.ends_mid_sentence(core)
            or p.is_signature_line(piece)
            or p.is_byline_line(piece)
            or "。" in core
        ):
            return False
    return not p.is_caption(text) and not p.is_furniture(text) and not p.is_signature_line(text)


@memo
def headline_pieces(text: str, profile: PaperProfile = DEFAULT) -> bool:
    """Pieces of a headline set apart by a space (`观赛不收门票、参赛不设高门槛 灯光就位，乡村
    排球打出花样`), not a sentence a page break cut: no running text sets words apart by a
    space outside quotation marks (a law's article, `第八条  …`, sets its number apart)."""
    if not spaced_headline(text, profile) or re.match(r"第\S{1,6}条\s", text):
        return False
    for m in re.finditer(r"\S[ \u3000]+\S", text):
        before = text[: m.start() + 1]
        if before.count("“") > before.count("”") or before.count("《") > before.count("》"):
            return False
    return True


_ONE_SPACE_APART_RE = compiled.pattern(r"\S+(?: \S+)+")


def pieces_one_space_apart(text: str, profile: PaperProfile = DEFAULT) -> bool:
    """A headline's pieces set apart by one space each (`倡导移风易俗，贵州…推广合约食堂
    办酒席时当“饭店”，闲下来开农家乐`): a sub-head printed in halves sets them wider apart
    (`理论武装  学深悟透`), and running text sets no words apart."""
    pieces = [piece for piece in text.split(" ") if not piece.startswith(("（", "("))]
    # (a heading and a note in brackets, `第一阶段 （2020年—2022年）`, are one piece)
    return len(pieces) >= 2 and bool(_ONE_SPACE_APART_RE.fullmatch(text)) and headline_pieces(text, profile)


# A document's full title: who issues it, what it is about, what it is (`中华人民共和国和俄罗斯
# 联邦关于…的联合声明`, `…常务委员会关于批准《…》的决定`). On the real corpus's 36 days, 9
# such lines are headlines and none a line of an article's text.
_DOCUMENT_TITLE_RE = compiled.pattern(
    r"^([^，。；：！？\s]{2,40}?)关于[^。；！？\s]{2,80}的(?:联合声明|联合公报|意见|决定|通知|公告|决议)$"
)
# who issues it ends in an institution; a line naming a document it acts on is a sub-head
# (`认真学习贯彻党中央关于…的决定`)
_ISSUER_RE = compiled.pattern(r"(?:国|联邦|共和国|王国|中央|院|部|委员会|政府|办公厅|厅|局|署)$")
_ACTS_ON_RE = compiled.pattern(r"学习|贯彻|落实|解读|印发|发布|发表|签署|通过|审议|执行|实施")


def document_title(text: str) -> bool:
    m = _DOCUMENT_TITLE_RE.match(text)
    return m is not None and bool(_ISSUER_RE.search(m.group(1))) and not _ACTS_ON_RE.search(m.group(1))


# An interview's question (`问：…`, `记者：…`). On the 535 real pages, 17 blocks opening so sit
# right below a line without a full stop: each a sub-head of the interview. One article opens
# with one: a Q&A, its headline in pieces set apart by a space, its byline between them.
QUESTION_RE = compiled.pattern(r"^(问|记者)[：:].{6,}")  # (more than a name: `记者：许望海` is a byline)
QA_HEADLINE_RE = compiled.pattern(r"答(?:本报)?记者问$")


@memo
def summary_headline(text: str, profile: PaperProfile = DEFAULT) -> bool:
    """A headline that sums the report up in a clause or two (`李强主持召开国务院常务会议
    听取…，审议通过…`): longer than a headline set on its shape alone, and taken as one only
    with the dispatch's dateline right below it. It never ends a sentence."""
    core = p.without_trailing_bracket(text)
    return (
        len(text) <= 2 * profile.long_headline_max
        and not p.is_terminated(core)
        and not p.ends_mid_sentence(core)
        and "。" not in text
        and not p.is_summary_point(text)
        and not attributed_name(text)
        and not p.is_signature_line(text)
        and not p.is_caption(text)
        and not p.glued_byline(text)
    )


@memo
def opens_article(text: str) -> bool:
    """A byline (not a bracketed closing one), a line of names, a dateline, an editor's note,
    or text that opens with a byline in corner brackets (`〔记者X／台北报导〕…`)."""
    if p.is_byline_line(text):
        return not p.BRACKETED_BYLINE_RE.match(text)
    return (
        p.is_name_line(text)
        and text[:1] not in "（("
        or p.dateline_of(text) is not None
        or p.is_note(text)
        or opening_byline(text) is not None
    )


# An official document's decree line and its number, printed between the document's title and
# its text: `中华人民共和国国务院令` / `第839号`, `中华人民共和国主席令` / `第七十四号`.
_DECREE_RE = compiled.pattern(rf"^[{p.HAN}]{{2,14}}令$")
_DECREE_NUMBER_RE = compiled.pattern(r"^第[0-9０-９一二三四五六七八九十百千零〇]{1,8}号$")


def is_decree(line: str, below: str | None) -> bool:
    """Is `line` a decree line, with the decree's number on the line below it?"""
    return below is not None and bool(_DECREE_RE.match(line)) and bool(_DECREE_NUMBER_RE.match(below))


def is_decree_number(line: str) -> bool:
    return bool(_DECREE_NUMBER_RE.match(line))


# An official document's title with the note of when it was adopted, printed as one line where
# a headline's pieces share a line (`…任免名单 （2026年4月30日第十四届…会议通过）`): the title
# of a document, never a line of the text above it or of a list.
_ADOPTED_TITLE_RE = compiled.pattern(
    r"^[^。！？；，\s]{4,}[ \u3000]+[（(]\s*(?:\d{4}|[〇零一二三四五六七八九]{4})年[^（）()]*"
    r"(?:通过|批准|公布|发布|修订|修正)[）)]$"
)


def is_adopted_title(line: str) -> bool:
    return bool(_ADOPTED_TITLE_RE.match(line))


_NUMBERED_PART_RE = compiled.pattern(rf"^第[{p.NUM_HAN}\d]{{1,3}}(?:部分|篇|章|节|幕)$")
# a section's number alone (`三`, `12`), as printed on a line or after a label word
SECTION_NUMBER_RE = compiled.pattern(rf"^[{p.NUM_HAN}\d]{{1,3}}$")
_LABEL_DRESS_RE = compiled.pattern(r"\s+|^[■□●◆▲★【〔\[]|[】〕\]]$|[：:]$")


@memo
def _label_room(words: tuple[str, ...]) -> int:
    """The longest a numbered section's label can be: 第, three digits and 部分, or a label
    word and three digits."""
    return max([1 + 3 + len("部分"), *(len(word) + 3 for word in words)])  # (a paper may list no words)


def section_label(text: str, profile: PaperProfile = DEFAULT) -> bool:
    """A numbered section's label and nothing else (`案例二`, `第三部分`): it names no story,
    so it heads a section of the article it is printed in, never an article of its own."""
    # Undressed, a label is short, and undressing takes away its spaces and at most one mark
    # on each side: a longer line is none (asked of every line, most of them paragraphs).
    room = _label_room(tuple(profile.section_labels)) + 2
    if len(text) > room and len("".join(text.split())) > room:
        return False
    text = _LABEL_DRESS_RE.sub("", text)  # `案 例 二`, `■案例二`, `【案例二】`, `案例二：`
    if _NUMBERED_PART_RE.match(text):
        return True
    return any(text.startswith(word) and SECTION_NUMBER_RE.match(text[len(word) :]) for word in profile.section_labels)


# A title with its column's name in brackets at its end (`稀有剧种，广觅知音（编辑手记）`,
# `…（国际视点）`): on real pages such a line below an article's text always opened the next
# piece. Photo credits (`…摄（影像中国）`), signatures (`——李磊（教授）`), a contributor's
# name with a note (`梁锦慧（新加坡）`) and the page's address lines end the same way: not titles.
# a title may ask or exclaim right before its column's name: `…竟成商业引流？（曝光）`
_TAGGED_TITLE_RE = compiled.pattern(rf"^[^。！？!?]{{2,40}}[？！?!]?[（(][{p.HAN}·]{{2,10}}[）)]$")
_NOT_A_TITLE = ("摄", "供图", "制图", "提供", "邮箱", "★", "掌声", "鼓掌")  # …？（掌声）: a speech's


@memo
def is_tagged_title(line: str) -> bool:
    return (
        bool(_TAGGED_TITLE_RE.match(line))
        and not line.startswith(("—", "－"))
        and not any(word in line for word in _NOT_A_TITLE)
        and name_with_note(line) is None
        and not p.is_caption(line)
    )


# The title of a notice, a statement or a call for bids (`2026年度…课题研究招标公告`,
# `全国人民代表大会常务委员会公告`, `…联合声明`): on the 535 real pages, 11 lines end so, each
# an article's title — never a sub-head or a short paragraph. Not a notice's own numbered
# part (`一、拟表彰…名单公示`), its closing formula (`特此郑重声明`, `以上事项特此公告`) or a
# labelled line (`附件：中标候选人公示`).
# A classified notice is titled by its kind in four characters (`招聘启事`, `遗失声明`).
_NOTICE_RE = compiled.pattern(
    r"^(?![一二三四五六七八九十]+、|（[一二三四五六七八九十\d]+）|\d+[.、．]|特此|现予|以上|兹|谨此)"
    r"(?:[^。！？；，:：]{4,}(?:公告|启事|公示|声明|通告)"
    r"|(?:招聘|招工|招生|寻人|寻物|失物|认领|征稿|征文|遗失|作废|减资|注销|清算|合并|分立|迁址|更名|招标|拍卖|更正|停电|停水)"
    r"(?:公告|启事|声明|通告))(?:（第?[\d一二三四五六七八九十]+号）)?$"
)


def names_a_notice(line: str) -> bool:
    return _NOTICE_RE.match(line) is not None


# A body's second name in brackets follows the name of a body (`中央党校（国家行政学院）`,
# `校（院）务委员会`), never a place or a verb's object (`走进某市（县）人民调解委员会`: a subtitle)
_BRACKET_AFTER_A_PLACE_RE = compiled.pattern(r"(?<![校院部委会局厅社所心办处])（")


def signing_institution(text: str) -> bool:
    """Is this line only the names of one or two bodies signing a piece (a second name in
    brackets only after a body's name)?"""
    return bool(p.institutions(text)) and not _BRACKET_AFTER_A_PLACE_RE.search(text)


# A section's heading may open with its label and a colon (`原委：房屋产权…就已完工`,
# `止损：原方案超出…`, `出海传韵：以品牌为桥，…`): the labels of an article's sections differ,
# and its headings are of any length. A speaker's name opens paragraphs the same way
# (`薛澜：第一，…`), but it comes back in the article: a label printed twice is a speaker's.
# On the corpus's 535 pages, 72 such headings with a fellow; 4 long paragraphs a break could
# cut so (`案由：…`, `建议：…` in a proposal, beside `提案人：…`).
LABELLED_LINE = 50  # a labelled heading's length at most
_LABEL_RE = compiled.pattern(rf"([{p.HAN}]{{2,6}})：(?=\S)")


def heading_label(text: str) -> str | None:
    """The label of a block shaped as a section's labelled heading (`原委` of `原委：…`),
    without end punctuation; None for any other block."""
    m = _LABEL_RE.match(text)
    if m is None or len(text) > LABELLED_LINE or p.is_terminated(text):
        return None
    return m.group(1)


def labels_once(texts: list[str]) -> set[str]:
    """The labels (`heading_label`) that open one block only of `texts` (an article's)."""
    seen: dict[str, int] = {}
    for text in texts:
        m = _LABEL_RE.match(text)
        if m:
            seen[m.group(1)] = seen.get(m.group(1), 0) + 1
    return {label for label, times in seen.items() if times == 1}


# Who tells, proposes or hosts, right below a headline (`提案人：民革中央`, `主讲人：…村医
# 叶永红`): a role ending in 人, a colon, and who — a line of the text that nothing goes on
# from, not its first section's heading. (A dialogue's `对话人：…` opens the list of its
# speakers, read as such: `patterns.PARTICIPANTS_RE`.) Who, not what they say: a clause after a
# comma makes it a moderator's question (`主持人：在现行国际机制下，…`), text like any other.
_ROLE_CREDIT_RE = compiled.pattern(rf"^(?:本期)?[{p.HAN}]{{1,3}}人\s*[:：]\s*[^。！？；，]{{2,60}}$")


def role_credit(text: str) -> bool:
    return _ROLE_CREDIT_RE.match(text) is not None


def credits_a_person(text: str) -> bool:
    """A role credit naming a person last, set apart after who they are (`主讲人：…研究所所长
    周毅仁`, `…队长 扎西顿珠`): printed where a byline stands, and the paper's own e-edition
    files it as the byline (five of five on the real pages); one naming a body (`提案人：民盟中央`)
    stays a line of the text."""
    who = text.split()
    return role_credit(text) and len(who) > 1 and _NAMED_LAST_RE.match(who[-1]) is not None


_NAMED_LAST_RE = compiled.pattern(rf"^[{p.HAN}·]{{2,8}}$")


# A question of a few words on a line of its own (`如何加强？`, `这项任务为何摆在首位？`): on the
# 535 real pages, 126 such lines are inside an article's text (a section's heading, or a
# question the text asks); 4 head an article of their own, each with its byline right below.
_SHORT_QUESTION_RE = compiled.pattern(r"^[^。！？!?；:：]{2,19}[？?]$")


def short_question(line: str) -> bool:
    return _SHORT_QUESTION_RE.match(line) is not None
