"""Who a credit names: the reporters in a report's closing paragraph, who wrote a picture story
and who took its picture. The credits stay in the text where the paper prints them; the
names they give become the article's authors where its byline names no one (`state.py`)."""

from __future__ import annotations

from build_scripts.parse import compiled
from build_scripts.parse.model import BODY_KINDS, Kind, Names, Segment
from build_scripts.parse.names import (
    _CLOSE,
    _GROUPS,
    _NAMES,
    _OPEN,
    HAN,
    ROLE,
    _names_only,
    is_byline_line,
    parse_names,
)
from build_scripts.parse.patterns import _CREDIT_CORE, PARTICIPANTS_RE
from build_scripts.parse.people import contributor_signature, name_with_note, name_with_role

# A report put together from reporters' work names them in a last paragraph in brackets: `（综合本报
# 记者李俊杰、李蕊报道，统筹：赵政）`, `（新华社北京5月4日电  记者杨依军、孙奕）`, `（本报记者X采访整理）`.
_CLOSING_CREDIT_RE = compiled.pattern(
    rf"^{_OPEN}\s*(?:综合|本版文字由)?(?:(?:{_CREDIT_CORE})\s*)?({_GROUPS})\s*(?:[，,；;][^（）()]{{1,30}})?{_CLOSE}$"
)
# …who helped, thanked after the reporters: `，实习生赵宏笙、奚之淼对本文亦有贡献`
_HELPED_TOO_RE = compiled.pattern(r"[，,][^，,（）()]{2,30}对本文(?:亦|也)?有(?:所)?贡献$")


def closing_credit(text: str) -> str | None:
    m = _CLOSING_CREDIT_RE.match(text)  # → the byline inside it: 本报记者李蕊、郑智文报道; 本报记者X of …X采访整理
    if not m:
        return None
    credit = _HELPED_TOO_RE.sub("", m.group(1)).removesuffix("采访整理").rstrip()
    return credit if is_byline_line(credit) else None


_PHOTOGRAPHER_RE = compiled.pattern(rf"((?:{ROLE}\s*)?{_NAMES})\s*(?:摄影?|供图)\s*{_CLOSE}?$")


# A picture story's credit: who wrote it, then who took the picture (`本报记者  X  Y文  Z摄`)
_WRITER_RE = compiled.pattern(rf"^((?:{ROLE}\s*)?{_NAMES})\s*文\s+\S.{{0,30}}摄")


def writer_credit(caption: str) -> str | None:
    """`本报记者  庞革平  张云河文  梁  生摄（人民视觉）` → `本报记者  庞革平  张云河`: who wrote
    a picture story, as a byline. Only where the name before 文 cannot end in it: three
    characters (`张云河文`), or a name of two spaced apart (`杨  迅文`). `王文  李明摄` and
    `张晓文  李  明摄` name photographers, one of them called …文: no writer."""
    m = _WRITER_RE.match(caption)
    if not m:
        return None
    tokens = m.group(1).split()
    spaced_pair = len(tokens) >= 2 and len(tokens[-1]) == 1 and len(tokens[-2]) == 1
    return m.group(1) if len(tokens[-1]) >= 3 or spaced_pair else None


# A picture story's last line, printed as a line of its text: who made the story, the
# photographers' names and no role (`辛  阳  赵海权摄影报道`); who wrote the verse under a picture,
# a name padded to three characters and 文 (`徐  之文`); or each name with its part, the writer's
# first (`本报记者  徐  靖/文  新华社记者  周  牧/图`).
_PHOTO_REPORT_RE = compiled.pattern(rf"^({_NAMES})\s*摄影报道$")
_PADDED_WRITER_RE = compiled.pattern(rf"^([{HAN}]\s{{2,}}[{HAN}])文$")
_PART_WRITER_RE = compiled.pattern(rf"^((?:{ROLE}\s*)?{_NAMES})\s*[/／]\s*文\s+\S.{{0,30}}[/／]\s*图$")


def picture_story_credit(line: str, picture_box: bool = False) -> str | None:
    """`辛  阳  赵海权摄影报道` → `辛  阳  赵海权`, `本报记者  徐  靖/文  …/图` → `本报记者  徐  靖`,
    and in a box of picture items (`picture_box`: 图片报道) `徐  之文` → `徐  之`: who made a
    picture story, as a byline, from its last line."""
    m = _PHOTO_REPORT_RE.match(line)
    if m:  # names with no role: only where each looks like a name (not `这组摄影报道`)
        return m.group(1) if _names_only(m.group(1)) else None
    m = _PART_WRITER_RE.match(line)
    if m:
        return m.group(1)
    # (a pen name as often as not, 沈  丘文: the picture box says what the line is, not `见  全文`)
    m = _PADDED_WRITER_RE.match(line) if picture_box else None
    return m.group(1) if m and _names_only(m.group(1), any_surname=True) else None


def photographer_credit(caption: str) -> str | None:
    """`…田间管理。　本报记者 苗春雨摄` → `本报记者 苗春雨`: who took the picture, as a byline."""
    m = _PHOTOGRAPHER_RE.search(caption)
    return m.group(1) if m else None


def picture_bylines(segments: list[Segment], picture_box: bool = False) -> list[str]:
    """Who a picture story without a byline is by, as bylines: who its caption credits as the
    writer before the photographer (`writer_credit`); else who its last line credits
    (`picture_story_credit`; `picture_box`: the article is a box of picture items, 图片报道);
    else, for a picture with its caption and nothing else, the photographer."""
    captions = [s.text for s in segments if s.kind is Kind.CAPTION]
    writers = [c for text in captions if (c := writer_credit(text))]
    if writers:
        return writers
    last = [s.text for s in segments if s.kind in (Kind.PARAGRAPH, Kind.CAPTION)][-1:]
    made = [c for text in last if (c := picture_story_credit(text, picture_box))]
    if made or {s.kind for s in segments} & BODY_KINDS != {Kind.CAPTION}:
        return made
    return [c for text in captions if (c := photographer_credit(text))]


# A turn of a dialogue or an interview: who speaks, a colon, what they say (`张嘉益：…`,
# `记者：…`, `问：…`)
_TURN_RE = compiled.pattern(r"^([^：:，。！？\s]{1,8})\s*[：:]")
# who asks, where the list names them: the paper's reporter (`任姗姗（本报记者）` asks as `记者：`)
# or a host (`主持人`) — not any interview's `记者：`, `问：`, which may be the next article's
_ASKERS = {"记者": ("记者", "本报记者"), "主持人": ("主持人",)}


def byline_names(bylines: list[str]) -> Names:
    """The names the bylines credit: roles and names, or, where they name no one so, a writer
    signing with who they are (`某小学五年级（3）班　方小禾`)."""
    names = parse_names(*bylines)
    if names.authors or names.correspondents:
        return names
    signed = [name for line in bylines if (name := contributor_signature(line))]
    return Names(tuple(dict.fromkeys(signed)), ()) if signed else names


def dialogue_speakers(texts: list[str]) -> list[tuple[str, str]]:
    """A dialogue's speakers, from the list that opens with `对话人：` or `嘉  宾：` (the first
    of them perhaps on that line, `对话人：张嘉益（…主演）`), one a line below it: (each name,
    the line naming them) in the order listed. A name with a note in brackets
    (`任姗姗（本报记者）`) or with what they are after a gap (`李  拯  本报评论员`)."""
    found: list[tuple[str, str]] = []
    listing = False
    for text in texts:
        opening = PARTICIPANTS_RE.match(text)
        if opening:
            text = text[opening.end() :].strip()
        name = (name_with_role(text) or name_with_note(text)) if listing or opening else None
        listing = name is not None or opening is not None  # the list goes on below its opening
        if name:
            found.append((name, text))
    return found


def speakers_turn(text: str, speakers: list[tuple[str, str]]) -> bool:
    """Is the line a turn of the dialogue whose speakers these are: one of them by name, or
    the reporter or host among them asking (`记者：…`)?"""
    m = _TURN_RE.match(text)
    if m is None:
        return False
    who = m.group(1)
    asking = {word for role, words in _ASKERS.items() if any(role in line for _, line in speakers) for word in words}
    return who in asking or any(who == name for name, _ in speakers)
