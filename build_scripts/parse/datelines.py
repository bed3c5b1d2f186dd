"""Datelines that open an article's first paragraph (`本报讯`, `新华社北京1月27日电`, `【本报讯】`,
`新京报讯`), and the reporters credited right after one, in brackets or not."""

from __future__ import annotations

from build_scripts.parse import compiled
from build_scripts.parse.memo import memo
from build_scripts.parse.names import (
    _BRACKETED_NAMES_RE,
    _CLOSE,
    _GROUPS,
    _OPEN,
    HAN,
    NUM_HAN,
    ROLE,
    ROLE_RE,
    is_byline_line,
    is_name_line,
    looks_like_name,
    names_are_plausible,
    parse_names,
)

_DATE_HAN = rf"(?:\d{{1,2}}|[{NUM_HAN}]{{1,3}})"
DATELINE_RE = compiled.pattern(
    rf"^据?(?:"
    # 本报深圳电, 据新华社东京电 (no date): set apart from the text; dated: 新华社耶路撒冷/贝鲁特4月27日电, 本报珠海、澳门…
    rf"本报讯|(?:新华社|中新社|本报)(?:[{HAN}]{{2,8}}?)?电(?=[\s　（(])"
    rf"|(?:本报|新华社|中新社|[{HAN}]{{2,8}}?(?:社|网|台|报))[{HAN}/／、]{{0,12}}?(?:{_DATE_HAN}月)?{_DATE_HAN}日(?:电|讯)"
    rf"|本报[{HAN}]{{2,10}}?讯"
    # a city paper's own name for it, its reporters right after (`新京报讯（记者 X）`, `南都讯
    # 记者 X`, `大河报·豫视频讯`): only so, as a word ending in 讯 may open any sentence
    rf"|[{HAN}·]{{2,10}}?讯(?=\s*[（(]?\s*{ROLE})"
    # in brackets, as many papers set it: 【本报讯】, 【明报专讯】; （中央社台北5日电）, with the
    # reporter inside: （中央社记者杨明珠东京6日专电）
    rf"|【[{HAN}]{{2,8}}?讯】"
    rf"|[（(][{HAN}]{{2,8}}?(?:社|网|台|报)[^（()）\s]{{0,16}}?(?:{_DATE_HAN}月)?{_DATE_HAN}日专?电[）)]"
    rf")"
)
# The reporters credited in brackets right after a dateline: 新华社北京1月27日电（记者 X）
DATELINE_CREDIT_RE = compiled.pattern(rf"^\s*({_OPEN}\s*{_GROUPS}\s*{_CLOSE})")

# …or named without their role: 本报北京5月20日电  （王云杉、薛子怡）
_DATELINE_NAMES_RE = compiled.pattern(rf"^\s*({_BRACKETED_NAMES_RE.pattern.strip('^$')})")


def _credit_names_fit(credit: str) -> bool:
    """A dateline credit's names: 2–4 Han characters, or up to 8 written out (（记者宝乐日其其格）)."""
    if names_are_plausible(credit):
        return True
    names = parse_names(credit)
    return bool(names.authors) and all(2 <= len(n) <= 8 for n in names.authors + names.correspondents)


@memo
def dateline_of(text: str) -> tuple[str, str | None, str] | None:
    """Split a paragraph opening with a dateline into (dateline, bracketed credit, rest)."""
    m = DATELINE_RE.match(text)
    if not m:
        return None
    dateline = m.group(0)
    rest = text[m.end() :]
    credit = None
    cm = DATELINE_CREDIT_RE.match(rest)
    if not (cm and _credit_names_fit(cm.group(1))):
        cm = _DATELINE_NAMES_RE.match(rest)
        # (names of two or three characters: not a bracketed phrase, （全球首发）)
        short = cm is not None and all(len(n) <= 3 for n in parse_names(cm.group(1)).authors)
        cm = cm if cm and short and is_name_line(cm.group(1)) else None
    if cm:
        credit = cm.group(1)
        rest = rest[cm.end() :]
    elif (end := _unbracketed_credit(rest)) is not None:
        credit, rest = rest[:end].strip(), rest[end:]
    if not rest.strip() and credit is None:
        return None  # a line that is only "本报讯" is not a dateline paragraph
    return dateline, credit, rest.lstrip()


def _unbracketed_credit(rest: str) -> int | None:
    """Where the reporters a dateline names without brackets end (`本报讯 记者 陈晨 通讯员
    杭交宣 从3月起…`), read forwards: roles and names that look like names, up to the first
    other word (`昨日`); None if they name no one, or if nothing but the credit follows (a
    byline printed after the dateline, which stays as it is)."""
    if not ROLE_RE.match(rest.lstrip()):
        return None
    reported = _REPORTED_RE.match(rest)
    if reported and _names_reporters(reported.group(1)):
        return reported.end()  # `记者罗家豪 通讯员黄文轩报道：历时八个月…`: the credit says where it ends
    end = None
    for token in _SPACE_RE.finditer(rest, len(rest) - len(rest.lstrip())):
        word = rest[: token.start()].split()[-1]
        if not (ROLE_RE.fullmatch(word) or looks_like_name(ROLE_RE.sub("", word))):
            break
        end = token.start()
    if end is None or not rest[end:].strip() or is_name_line(rest[end:].strip()):
        return None
    credit = rest[:end].strip()
    names = parse_names(credit)
    ok = is_byline_line(credit) and names_are_plausible(credit) and (names.authors or names.correspondents)
    return end if ok else None


def _names_reporters(credit: str) -> bool:
    """Roles and names that look like names, every one (`记者罗家豪 通讯员黄文轩`; not `记者独家`,
    `记者走访发现`, `记者曾多次`: a word the dictionary knows as no name where the name would
    open)."""
    import rjieba  # (loaded with the parser)

    names = parse_names(credit)
    named = names.authors + names.correspondents

    def a_name(name: str) -> bool:
        first, tag = rjieba.tag(name, hmm=False)[0]
        return looks_like_name(name) and (len(first) < 2 or tag.startswith(("nr", "ns")))

    return is_byline_line(credit) and bool(named) and all(a_name(name) for name in named)


_SPACE_RE = compiled.pattern(r"\s+")
# Reporters named, their names glued to their roles perhaps, then `报道：` and the text, as
# southern papers credit them (`南潮讯 记者罗家豪 通讯员黄文轩报道：…`)
_REPORTED_RE = compiled.pattern(
    rf"^\s*({ROLE}\s*[{HAN}·]{{2,8}}?(?:[\s、，,]+{ROLE}?\s*[{HAN}·]{{2,8}}?)*\s*报[道导]\s*[:：])"
)
