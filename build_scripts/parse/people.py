"""Names printed with who the person is, beside or below a piece rather than as its byline:
a contribution's signature (`复旦大学…副院长  郑  雯`), a dialogue's speaker (`李  拯  本报评论员`),
a forum's contributor with a note in brackets (`梁锦慧（新加坡）`)."""

from __future__ import annotations

from build_scripts.parse import compiled
from build_scripts.parse.memo import memo
from build_scripts.parse.names import _LETTER_NAME, _PADDED_RE, HAN, _pen_name_or_name, looks_like_name

# A contribution to a group column (发言摘编, 大家谈) is signed below its heading with who
# the writer is and their name, set apart by spaces: 中国人民大学校长  马怀德; a pupil's essay
# by the pupil's school and class, set apart by one space perhaps: `某小学五年级（3）班　方小禾`
_CONTRIBUTOR_RE = compiled.pattern(
    rf"^(?:[{HAN}（）()、·]{{5,40}}\s{{2,}}"
    rf"|[{HAN}（）()\d]{{2,30}}?(?:班|年级|小学|中学|学校|学院|大学|幼儿园)\s+)({_LETTER_NAME})$"
)


def contributor_signature(text: str) -> str | None:
    """The writer's name when the line is who they are and their name: 复旦大学…副院长  郑  雯."""
    m = _CONTRIBUTOR_RE.match(text)
    if not m:
        return None
    name = "".join(m.group(1).split())
    return name if _PADDED_RE.match(m.group(1)) or _pen_name_or_name(name) else None


# A person named with where they come from or what they do, in brackets: `梁锦慧（新加坡）`,
# `菲利克斯·达帕雷·达科拉（加纳）`, `任姗姗（本报记者）` — a forum's contributor, a dialogue's speaker.
_NAME_WITH_NOTE_RE = compiled.pattern(rf"^([{HAN}]{{2,4}}|[{HAN}]+(?:·[{HAN}]+)+)[（(]([{HAN}《》·]{{2,14}})[）)]$")
# A dialogue's speaker: a name (spaced or not), a gap, what they are (`李  拯  本报评论员`).
_NAME_WITH_ROLE_RE = compiled.pattern(
    rf"^([{HAN}](?:\s?\s?[{HAN}]){{1,3}}|[{HAN}]+(?:·[{HAN}]+)+)\s\s+[{HAN}《》·、（）]{{2,30}}$"
)


@memo
def name_with_role(text: str) -> str | None:
    """The name, when the line is a person's name, a gap and what they are (below `对话人：`)."""
    name = "".join(m.group(1).split()) if (m := _NAME_WITH_ROLE_RE.match(text)) else ""
    return name if name and _pen_name_or_name(name) else None


@memo
def name_with_note(text: str) -> str | None:
    """The name, when the line is a person's name with a note in brackets (never a headline:
    a headline's bracket names its column, `（金台随笔）`, after words, not after a name)."""
    m = _NAME_WITH_NOTE_RE.match(text)
    return m.group(1) if m and not m.group(1).endswith("摄") and _pen_name_or_name(m.group(1)) else None


# An agency's dateline that names its reporter inside its brackets, then where they filed from:
# （中央社记者黄怡君台北6日电）, （中央社记者杨明珠东京6日专电）
_AGENCY_REPORTER_RE = compiled.pattern(
    rf"^[（(][{HAN}]{{2,8}}?(?:社|网|台|报)记者([{HAN}、]{{2,30}}?)(?:\d{{1,2}}月)?\d{{1,2}}日专?电[）)]$"
)


@memo
def agency_reporters(dateline: str) -> tuple[str, ...]:
    """The reporters an agency's dateline names (`黄怡君` in `（中央社记者黄怡君台北6日电）`): the
    names before the place, as jieba tags them (a name of two or three characters)."""
    import rjieba

    m = _AGENCY_REPORTER_RE.match(dateline)
    if not m:
        return ()
    *others, last = m.group(1).split("、")
    name = ""
    for word, tag in rjieba.tag(last, hmm=True):
        if not tag.startswith("nr") or len(name + word) > 3:
            break
        name += word
    return tuple(n for n in (*others, name) if looks_like_name(n))
