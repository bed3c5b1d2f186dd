"""A headline line cut into its pieces — kicker, main title, subtitle — and which of them is
the main title: what every page, feed, citation and slug names an article by.
"""

from __future__ import annotations

import re

from build_scripts.contract.labels import INVISIBLE, SUBTITLE_DASHES

_BRACKETS_INSIDE = re.compile(r"[（）()]")  # `（甲）乙（丙）` is a title with brackets, not a note

_OPENERS, _CLOSERS = "（(【《“‘「『", "）)】》”’」』"


def title_pieces(title: str) -> list[str]:
    """The pieces of a headline line, set apart by spaces: kicker, main title, subtitle. A
    space inside brackets or quotation marks does not part them: `（厉行节约 反对浪费）` is one
    column tag. A line whose brackets do not close is parted at every space. A short line
    spaced out to fill the column (`丑 石`, `征 集`) is one piece, not a kicker of one
    character. A space between two Latin letters or digits is a space between words (`ADS 5`,
    `WEWA 2.0`), and a piece of Latin letters and numbers only belongs to the piece before it
    (a brand's or a model's name: `华为乾崑智驾 ADS 5`)."""
    pieces, piece, depth = [], "", 0
    for at, ch in enumerate(title):
        if ch.isspace() and depth == 0 and not _between_latin_words(title, at):
            if piece:
                pieces.append(piece)
            piece = ""
            continue
        if ch in _OPENERS:
            depth += 1
        elif ch in _CLOSERS:
            depth = max(0, depth - 1)
        if ch.isspace():
            if piece[-1:] != " ":
                piece += " "  # one space inside a piece, as printed
        else:
            piece += ch
    if piece:
        pieces.append(piece)
    pieces = pieces if depth == 0 else title.split()
    if len(pieces) > 1 and all(len(p) <= 2 for p in pieces) and any(_HAN_CHAR.fullmatch(p) for p in pieces):
        return ["".join(pieces)]  # a short headline spaced out to fill the column (`丑 石`): one piece
    return _couplets_joined(_latin_joined(pieces))


def _between_latin_words(text: str, at: int) -> bool:
    """Is the space at `at` one between two Latin words or numbers (`ADS 5`)?"""
    before, after = text[:at].rstrip()[-1:], text[at:].lstrip()[:1]
    return bool(before and after) and all(ch.isascii() and ch.isalnum() for ch in before + after)


# A piece of Latin letters and numbers only (`ADS 5`, `V9X`, `2.0`): a brand's or a model's
# name, a version. Not a note in brackets, a subtitle after a dash or a phrase in quotation
# marks (`——“Hello China”`): those are pieces of their own.
_LATIN_ONLY = re.compile(r"[A-Za-z0-9][A-Za-z0-9 .+\-/]*")


def _latin_joined(pieces: list[str]) -> list[str]:
    """A piece of Latin letters and numbers only joined to the piece before it, as a word of
    it: `华为乾崑智驾 ADS 5`, not a kicker `华为乾崑智驾` over a kicker `ADS 5`."""
    out: list[str] = []
    for piece in pieces:
        if out and _LATIN_ONLY.fullmatch(piece):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


def _couplets_joined(pieces: list[str]) -> list[str]:
    """The two halves of a couplet are one piece (`家人从未放弃 好人接力收留` is one kicker,
    `增殖放流 守护闽江` one title): on 535 real pages, of the couplets inside longer headline
    lines 140 were one piece and 2 were not."""
    out: list[str] = []
    k = 0
    while k < len(pieces):
        if k + 1 < len(pieces) and is_couplet(pieces[k], pieces[k + 1]):
            out.append(f"{pieces[k]} {pieces[k + 1]}")
            k += 2
        else:
            out.append(pieces[k])
            k += 1
    return out


_HAN_CHAR = re.compile(r"[\u3400-\u9fff]")


def is_subtitle(piece: str) -> bool:
    return piece.lstrip(INVISIBLE).startswith(SUBTITLE_DASHES)


def is_note(piece: str) -> bool:
    """A piece wholly in brackets: a note under a title (when a law was adopted, the date of a
    document, `（之二）`), never the title itself."""
    return len(piece) > 2 and piece[0] in "（(" and piece[-1] in "）)" and not _BRACKETS_INSIDE.search(piece[1:-1])


# A kicker that ends where its main title takes over: with a dash (`…走进深圳——`), a colon,
# or the verb that introduces what a leader said (`习近平在…时强调`).
_KICKER_END = re.compile(r"(?:——|—|：|:|强调|指出|表示|时说|要求|提出)$")
# `李强作出批示`, `蔡奇出席`: a short line under a longer main title, not part of it (the
# lines of a couplet, `观浩瀚星河 思文化万象`, are as long as each other)
_SHORT_SUBTITLE = 6


# The halves of a couplet headline (`增殖放流 守护闽江`, `考实真政绩 画准实干人（人民时评）`):
# short, as long as each other, without punctuation. On 535 real pages, of the one-line
# headlines in two such pieces 98 were one title and 6 a kicker and its title (counted when
# a half could hold no quotation mark). Their lengths
# are compared without quotation marks (`更好统筹两个大局 确保“十五五”良好开局`, `“三月三” 知多少`:
# one title each, which a reader would otherwise see cut to `确保“十五五”良好开局`, `知多少`), and
# a column's name may run to 20 characters (`（坚持“两创”·关注新大众文艺）`; so it does wherever a
# column's name is looked for, `main_span` too). With both, of the
# e-edition's headlines of the 24 tuning days printed as one line, the main title is the
# e-edition's for 1,779 of 1,852 instead of 1,770 (two kickers are now taken for a half:
# `规范涉企行政检查 / “扫码入企”全面推行`, `浙江杭州淳安县下姜村 / 梦起绿水青山间（…）`); of the 12
# held-out days', 942 of 1,008 instead of 937.
_COUPLET_HALF = (3, 10)  # characters, a column's name in brackets and quotation marks left out
_COUPLET_MARKS = re.compile(r"[，。：；！？、,.:;!?—“”‘’《》\"']")
COLUMN_TAG = re.compile(r"[（(][^（）()]{1,20}[）)]$")  # a column's name closing a headline piece


# …and under a column's name (`（思想纵横）` closing the second), the halves of a title may
# differ in length and quote a word (`善于“钉钉子” 创造好政绩（思想纵横）`, `改造升级 传统产业
# 提质增效（…）`): in the e-edition's own cut of 36 days, of such lines with both halves of ten
# characters or fewer, at most four apart, and no punctuation but quotation marks, 73 were one
# title and 4 a kicker and its title (`傣族竹楼 雨林深处有人居（…）`). A kicker over a tagged
# title is mostly longer, or ends with a dash.
_CLAUSE_MARKS = re.compile(r"[，。：；！？、,.:;!?—]")
_BOOK_TITLE = re.compile(r"[《》]")
_QUOTES = re.compile(r"[“”‘’\"'\u200b\u200c\u200d\u2060\ufeff]")
_TAGGED_HALVES_APART = 4  # characters of length between them, at most


def is_couplet(first: str, second: str) -> bool:
    """Two pieces of a headline line that are the halves of one title, not a kicker and its title."""
    tagged = COLUMN_TAG.search(second) is not None and COLUMN_TAG.search(first) is None
    a, b = COLUMN_TAG.sub("", first), COLUMN_TAG.sub("", second)
    bare_a, bare_b = _QUOTES.sub("", a), _QUOTES.sub("", b)  # (a quoted word of two, `“两创”`, is a half)
    low, high = _COUPLET_HALF
    if not (low <= min(len(a), len(b)) and max(len(bare_a), len(bare_b)) <= high) or _CLAUSE_MARKS.search(a + b):
        return False
    if tagged:
        return abs(len(bare_a) - len(bare_b)) <= _TAGGED_HALVES_APART
    # without a column's name, no book's title (`学习《纲要》 推动高质量发展`: a kicker, as before)
    return abs(len(bare_a) - len(bare_b)) <= 1 and not _BOOK_TITLE.search(a + b)


def _over_a_title_in_pieces(title_parts: list[str], candidates: list[int]) -> bool:
    """A long kicker over a main title printed in short pieces: `山西博物院开设…分馆 / 大馆牵小馆 /
    打造“新看点”`, `精细化治理“小三修”摊点，… / 山东寿光 / 给“小修小补”安个家（神州看点）`. The
    first piece is longer than every other (a column's name in brackets left out) and the
    others follow it in one run. The e-edition's own cut of 36 days has 21 such lines: 20 are
    a kicker and a title in pieces, one is a title in three pieces (its first is then shown as
    a kicker)."""
    first, *rest = (len(COLUMN_TAG.sub("", title_parts[n])) for n in candidates)
    return candidates == list(range(candidates[0], candidates[-1] + 1)) and all(first > n for n in rest)


# Who attended, closing a headline line: `蔡奇出席`, `李强 王毅参加` — a subtitle, never the title
_ATTENDED = "(?:出席|参加|主持|陪同|会见|致辞)"
_AND_SPOKE = "(?:并讲话|并致辞|并发表主旨演讲|并作主旨发言|并发言)"
_ATTENDING = re.compile(rf"(?:{_ATTENDED}|讲话|发表主旨演讲)(?:{_AND_SPOKE}|会议)?$")


# Of two pieces, the second names who attended: names of two to four characters, then the
# verb (`王五出席并讲话`, `张三、李四参加`; not `总书记重要讲话`, which is a title).
_NAMES_ATTENDING = re.compile(
    rf"^[\u4e00-\u9fff]{{2,4}}(?:[、 ][\u4e00-\u9fff]{{2,4}})*{_ATTENDED}(?:会议)?{_AND_SPOKE}?$"
)


# Of two pieces, a second that only makes sense after the first is its subtitle: a figure
# compared (`同比增长17.6倍`, `较去年提前14天`), a scale reached (`规模创历史同期新高`), the
# visitors counted (`逾7万人次参观`), a document's number (`［十四届］第十七号`), who sent or
# read a message (`王沪宁致信祝贺`, `沈跃跃宣读习近平主席贺信`) or chaired together
# (`刘国中与阿里波夫共同主持`), or what the subject above will do or has done (`将于近期择机
# 受控再入大气层`, `已在深圳、北京服务上百户家庭`). On the e-edition's own roles of 36 days,
# 32 second lines so shaped are subtitles; of the 775 titles under a kicker, one is (`将“数据”…
# 纳入…`, 将 as a preposition), and its column's name in brackets keeps it the title
# (a title that ends `…指标创新高` names no 规模, and stays one).
_FOLLOWING_UP = re.compile(
    r"^(?:同比|环比|较(?:去年|上年|上月|\d{4}年)|比上年|比去年)"
    r"|^(?:将|已|预计|计划)"  # what the subject above will do or has done (`将于近期择机…`)
    r"|^[\u4e00-\u9fff]{2,4}出席并"  # who attended and what they did (`陈希出席并为学员颁发…`)
    r"|规模.{0,8}创(?:历史同期|历史)?新高$"
    r"|人次(?:参观|观展|游览)$"
    r"|^[［\[（(][^］\]）)]{1,10}[］\]）)]第[^，。]{1,8}号$"
    r"|^[\u4e00-\u9fff]{2,4}(?:致信|致贺信|致电|致函|发来贺信|宣读.{1,12}贺信)"
    r"|^[\u4e00-\u9fff]{2,5}[与和同][\u4e00-\u9fff]{2,6}共同(?:主持|出席|见证)"
    r"|[\u4e00-\u9fff]{2,4}主持(?:会议)?$"  # what a meeting did, then who chaired it (`…草案等赵乐际主持`)
)
# …and so does one that gives the figures behind the news of a first line that is news itself
# (ten characters or more: `一图读懂`, `聚焦两会` are labels over a title): its rate
# (`增速较上年同期提升3.5个百分点`), a span of years (`过去5年相关领域…`), last year's (`去年实现…`),
# what it covers (`涉及手机、…`). Of the e-edition's one-line headlines so made, on the 24
# tuning days 5 more main titles right and none wrong, on the 12 held-out days 1 more: few, so
# held to a first line that could not be a label.
_FIGURES_BEHIND = re.compile(r"^(?:增速|增幅|增加值|过去[\d一二三四五六七八九十]|去年|涉及)")
_NEWS_ABOVE_MIN = 10
# …and a first line that ends on the figure it reports (`一季度全国城镇新增就业299万人`,
# `前4月广东外贸增长18.4%`; ten characters or more, not `总投资85亿元`) is news told whole: the
# title, whatever the line below adds (`就业形势保持总体稳定`). A kicker so ending has a title
# closed by its column's name below it
# (`…一季度完成交通固定资产投资6519亿元 / 补网强链…（经济聚焦）`), which keeps it the kicker. On
# the e-edition's own roles: 5 titles more on the 24 tuning days, 4 on the 12 held-out days,
# no kicker taken for a title.
_ENDS_ON_FIGURE = re.compile(
    r"\d[\d.]*\s*(?:%|％|[万亿千百]*(?:件|人|元|户|吨|个|次|人次|家|项|座|辆|千瓦|平方米|公里|倍))$"
)
# …and a first piece that reports a meeting (`李强主持召开国务院常务会议`, `…会议在京举行`) is
# the title, whatever the second lists of what it did (8 titles; none of the 776 kickers)
_MEETING_REPORTED = re.compile(r"主持召开.{0,24}会议$|会议(?:在[\u4e00-\u9fff]{1,3})?(?:举行|闭幕|开幕)$")


def _parallel(first: str, second: str) -> bool:
    """Two headline lines that end alike (`…就中埃建交70周年互致贺电 / 李强同埃及总理…互致贺电`,
    `…新增就业12.1万人 / …转移就业28.9万人`): a title and a subtitle in parallel with it; a
    kicker does not end as its title does. (On the e-edition's own roles of 35 days: 4 such
    pairs, all a title and its subtitle.)"""
    a, b = COLUMN_TAG.sub("", first), COLUMN_TAG.sub("", second)
    return min(len(a), len(b)) >= 4 and a[-2:] == b[-2:] and not _COUPLET_MARKS.search(a[-2:])


def _without_attendance(title_parts: list[str], candidates: list[int]) -> list[int]:
    """The candidates but for the pieces closing the line that say who attended: the line saying
    so, and the names of three characters or fewer before it (`李强 王毅参加`)."""
    kept = list(candidates)
    if kept and _ATTENDING.search(title_parts[kept[-1]]) and len(title_parts[kept[-1]]) <= 12:
        kept.pop()
        while len(kept) > 1 and len(title_parts[kept[-1]]) <= 3:
            kept.pop()
    return kept


def main_span(title_parts: list[str]) -> tuple[int, int]:
    """Where the main title stands among the kicker / main / subtitle pieces of a headline
    line: `title_parts[start:end]`.

    A piece starting with a dash is a subtitle, and a piece wholly in brackets a note. After
    a kicker that hands over (ending in a dash or `强调`), the pieces that follow are the main
    title, a couplet printed as one line (`科技创新的高地 世界合作的舞台`), but for short
    lines closing it (`蔡奇出席`). Otherwise of two pieces the last is the main title (a
    one-line headline prints the kicker first; a couplet is one piece, `title_pieces`) unless
    it says who attended (`王沪宁出席并讲话`), ends as the first does (`…互致贺电 / …互致贺电`) or
    follows up on it (`…总值205.5亿元 / 同比增长17.6倍`), or the first reports a meeting
    (`李强主持召开国务院常务会议 / 听取…`, and so for any number of lines below it): then the
    first is the title. A column's name in
    brackets closes the main title whatever else the lines say (`…成效（权威发布） / 全国共…`:
    the first; on the e-edition's own roles of 36 days, 32 first lines so closed were titles,
    none a kicker, and 333 second lines so closed were titles, 8 subtitles). Of
    three or more — once the pieces closing the line that say who attended (`蔡奇出席`) are set
    aside as subtitles — all but the first when the first is the longest (a kicker over a title
    in pieces), the second of two left, else the longest, the last of equals (kicker, main
    title, then a short subtitle such as `X讲话`)."""
    candidates = [n for n, part in enumerate(title_parts) if not is_subtitle(part) and not is_note(part)]
    if len(candidates) > 1 and _KICKER_END.search(title_parts[candidates[0]]):
        rest = candidates[1:]
        run = [rest[0]]
        for n in rest[1:]:
            if n != run[-1] + 1:
                break
            run.append(n)
        first = len(title_parts[run[0]])
        # (a pair of such lines is one piece, `title_pieces`: `蔡奇出席 丁薛祥主持`)
        while len(run) > 1 and max(map(len, title_parts[run[-1]].split())) <= min(_SHORT_SUBTITLE, first - 4):
            run.pop()
        return run[0], run[-1] + 1
    if len(candidates) > 2 and _MEETING_REPORTED.search(title_parts[candidates[0]]):
        return candidates[0], candidates[0] + 1  # a meeting, then what it did, a line each
    leading = _without_attendance(title_parts, candidates)
    if len(leading) > 2 and _over_a_title_in_pieces(title_parts, leading):
        return leading[1], leading[-1] + 1
    if len(leading) == 2 < len(candidates):  # a kicker and its title, then who attended
        return leading[1], leading[1] + 1
    if len(leading) == 1 < len(candidates) and _NAMES_ATTENDING.match(title_parts[candidates[-1]]):
        return leading[0], leading[0] + 1  # a title, then who attended: `…开幕 / 王沪宁出席并讲话`
    if len(candidates) == 2 and _parallel(*(title_parts[n] for n in candidates)):
        return candidates[0], candidates[0] + 1  # a title, then a line in parallel with it
    if len(candidates) == 2:
        upper, lower = (title_parts[n] for n in candidates)
        tagged = (bool(COLUMN_TAG.search(upper)), bool(COLUMN_TAG.search(lower)))
        if (
            tagged == (True, False)
            or tagged == (False, False)
            and (
                _FOLLOWING_UP.search(lower)
                or _MEETING_REPORTED.search(upper)
                or (_FIGURES_BEHIND.search(lower) and len(upper) >= _NEWS_ABOVE_MIN)
                or (_ENDS_ON_FIGURE.search(upper) and len(upper) >= _NEWS_ABOVE_MIN)
            )
        ):
            return candidates[0], candidates[0] + 1  # a title, then what follows from it
    if len(candidates) > 2:
        n = max(reversed(candidates), key=lambda k: len(title_parts[k]))
        return n, n + 1
    if candidates:
        return candidates[-1], candidates[-1] + 1
    return (0, 1) if title_parts else (0, 0)


def main_title_of(title_parts: list[str]) -> str:
    """The main title of a headline line (`main_span`), its pieces joined by a space."""
    start, end = main_span(title_parts)
    main = " ".join(title_parts[start:end])
    return main.lstrip("—－-") if start == end - 1 and is_subtitle(main) else main


def headline_pieces(title_parts: list[str]) -> tuple[list[str], str, list[str]]:
    """(kickers, main title, subtitles): pieces before the main title are kickers (引题),
    pieces after it are subtitles (副题)."""
    start, end = main_span(title_parts)
    return title_parts[:start], main_title_of(title_parts), title_parts[end:]
