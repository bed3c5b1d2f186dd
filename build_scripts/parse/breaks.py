"""What the words on either side of a break say: does a word run across it (jieba's
dictionary), how do the prose's clauses open and close around it (the prose model), does
the text below open where no sentence opens, is a quotation left open above it. The
evidence for break or join (`evidence.py`) is made of these, and the parser's certain
rules (`joins.py`) use the surest of them directly."""

from __future__ import annotations

from build_scripts.parse import compiled, prose, reading
from build_scripts.parse.memo import memo
from build_scripts.parse.patterns import HAN, is_signature_name

# Characters that never begin a sentence: a block starting with one carries on the text above.
NEVER_FIRST = "的地得了着过们之于吗呢吧啊么"
# commas and stops: nothing opens with one, a headline or a byline no more than a sentence
CARRY_ON_MARKS = "，,、。．！!？?；;：:"
NEVER_OPENS = CARRY_ON_MARKS + "”’」』》〉）)】"


# A sentence with a name no dictionary holds: cutting it loads everything rjieba loads lazily.
WARM_UP = "钟晓敏说今年的水稻长势喜人"


def load_models() -> None:
    """Load rjieba (jieba's dictionary, in Rust), the prose model and the table of the
    traditional characters' reading (`reading.py`) now (they load on the first page parsed
    otherwise): a conversion does it before forking its workers, which then share them. (jieba's own Python dictionary, slow to load, is not needed: the prose
    model tells more of a break than its word frequencies did.)"""
    import rjieba

    from build_scripts.parse import layout

    prose.model()
    reading.load()
    # what each of them makes when first asked (tens of milliseconds, paid again by each
    # forked worker's first page otherwise): rjieba's model of words not in its dictionary
    # (loaded by the first such word: a name), and the tables of which characters are narrow
    # that measure every line's width
    rjieba.tag(WARM_UP)
    layout.display_width("预热")
    layout.columns("预热")


@memo
def word_across(before: str, after: str) -> bool:
    """Does a word run across the break (`体|系`)? jieba segments the characters around it
    (rjieba: jieba's dictionary and cut, the same words, in a fraction of the time)."""
    import rjieba

    left, right = before[-4:], after[:4]
    if not left or not right:
        return False
    position = 0
    for word in rjieba.cut(left + right, hmm=False):
        if position < len(left) < position + len(word) and len(word) >= 2:
            return True
        position += len(word)
    return False


@memo
def edge_words(before: str, after: str) -> tuple[tuple[str, str], tuple[str, str]]:
    """The last word above the break and the first below it, with their parts of speech: a
    sentence rarely ends on a preposition, an adverb or a particle (`以|`, `也|`, `的|`).
    (rjieba: jieba's dictionary and tags, fast enough to tag every break.)"""
    import rjieba

    tail = rjieba.tag(before[-8:], hmm=True)
    head = rjieba.tag(after[:8], hmm=True)
    last = tail[-1] if tail else ("", "x")
    first = head[0] if head else ("", "x")
    return last, first


@memo
def clause_edges(before: str, after: str) -> tuple[str, str]:
    """The last word above the break and the first below it, cut as the prose model's word
    tables were learnt."""
    tail, head = prose.words(before[-8:]), prose.words(after[:8])
    return (tail[-1] if tail else ""), (head[0] if head else "")


def continues_word(before: str, after: str) -> bool:
    """Certain signs that `after` carries on `before`: a word runs across the break, or
    `after` starts with a character no sentence starts with."""
    return opens_mid_sentence(after) or word_across(before, after)


@memo
def opens_mid_sentence(text: str) -> bool:
    """No sentence opens like this: with a comma, a stop or a closing quote or bracket, or
    with a particle standing as a word of its own (`的`, `了`, `着` — not `了解`, `着力`)."""
    if text[:1] in NEVER_OPENS:
        return True
    import rjieba

    words = rjieba.tag(text[:6], hmm=False)
    return bool(words) and words[0][1].startswith("u") and words[0][0] in NEVER_FIRST


def mark_across(above: str, below: str) -> bool:
    """An ellipsis (……) or a dash (——) cut in two by the break: one half ends the block above,
    the other opens the block below (`…合适…` / `…大家`, `…达成共识—` / `—到人群中去…`). A
    whole one opening a block is another thing: an attribution, a subtitle. (A paper that
    prints every dash as one stroke would have its list items `—坚持…` joined to the line
    introducing them `…以下几点—`: none seen.)"""
    for half in "…—":
        if (
            above.endswith(half)
            and not above.endswith(half * 2)
            and below.startswith(half)
            and not below.startswith(half * 2)
        ):
            return True
    return False


# The rest of a name, then what its bearer said (`兰说，`, `表示：`): a sentence going on,
# never a headline
_SPEECH_GOES_ON_RE = compiled.pattern(
    rf"^([{HAN}]{{0,2}})(?:说|表示|介绍|告诉记者|认为|坦言|回忆|感慨|指出|强调|笑着说)[，,：:]"
)


def speech_goes_on(names: str, after: str) -> bool:
    """Are the names above a break the subject of a sentence `after` carries on: the rest of
    the name, then a verb of saying (`…接触。”崔永` / `兰说，我们…`: a page break cut 崔永兰)?
    Then they sign nothing. The name and its rest together are one name: 2–4 characters."""
    m = _SPEECH_GOES_ON_RE.match(after)
    name = "".join(names.split())
    return m is not None and 2 <= len(name) + len(m.group(1)) <= 4


# A line of verse as a paper prints a poem or a couplet (徐徐书卷展， / 处处盈墨香。): four
# to eleven characters and one mark. The first line of a pair ends mid-couplet.
_VERSE_OPENING_RE = compiled.pattern(rf"[{HAN}]{{4,11}}[，、；]")
_VERSE_CLOSING_RE = compiled.pattern(rf"[{HAN}]{{4,11}}[，、；。！？]")


def verse_pair(before: str, after: str) -> bool:
    """Are `before` and `after` two lines of verse: as long as each other, each of them
    characters and one mark? A break cutting a paragraph leaves no such pair, so `after`
    starts a line (a paragraph) of its own even though `before` ends with a comma."""
    return (
        len(before) == len(after)
        and _VERSE_OPENING_RE.fullmatch(before) is not None
        and _VERSE_CLOSING_RE.fullmatch(after) is not None
    )


def in_a_preamble(before_that: str | None, before: str, after: str) -> bool:
    """Is `after` a clause of a treaty's preamble, below another: `before` ends with a comma,
    and so does `after` or the block above `before` (`秉承两国人民睦邻友好的历史传统，` /
    `认为…条约，` … `基于…，推动构建双边命运共同体。`)? Each clause is a paragraph: breaks in
    a row, each right after a comma, cut no paragraph so (on the 535 real pages, every such
    pair is a preamble's: 6 of 6)."""
    return before.endswith("，") and (after.endswith("，") or (before_that or "").endswith("，"))


# Someone's office, then their name set apart by spaces (…对外贸易处副处长  邓  维, 中华人民共和国
# 主席  习近平): who speaks below, or who signs above — a line of its own, never a cut paragraph.
_OFFICE_AND_NAME_RE = compiled.pattern(
    r"(?:长|书记|主任|经理|教授|研究员|院士|主席|委员|总监|负责人|代表|医生|教师|董事|工程师|专家|馆员|主编"
    rf"|作家|演员|总统|总理|首相)\s{{2,}}([{HAN}](?:\s*[{HAN}]){{1,3}})$"
)

# Who said the quotation above, and when (——2025年8月20日，习近平总书记在…时指出): a line
# of its own, though it stops without punctuation.
# …or where the quotation above comes from (——摘自“十五五”规划纲要, ——选自《…》), or who
# wrote or asked it: a name alone (——赵一程, under a motto), or readers (——人民网网友, under
# a question the article answers). On the corpus's 535 pages, the 4 lines so shaped in an
# article's text are paragraphs.
ATTRIBUTION_RE = compiled.pattern(
    r"^——\s*(?:\d{4}年[^。！？]{4,90}(?:指出|强调|说|表示|要求|寄语|嘱托)[：:]?|(?:摘自|选自|引自|出自)[^。！？]{2,40}"
    rf"|[{HAN}]{{2,4}}|[^。！？，\s]{{0,10}}(?:网友|读者|市民|观众|听众))$"
)


@memo
def ends_with_office_and_name(text: str) -> bool:
    m = _OFFICE_AND_NAME_RE.search(text[-30:])  # the office, the spaces and the name: the line's end
    return m is not None and is_signature_name(m.group(1))


_PAIRS = (("“", "”"), ("（", "）"), ("《", "》"), ("‘", "’"), ("(", ")"))


def leaves_open(text: str) -> bool:
    """A quotation or bracket opened and not closed."""
    return any(text.count(left) > text.count(right) for left, right in _PAIRS)


def closes_first(text: str) -> bool:
    """A closing quote or bracket before any opening one: it closes one opened above."""
    for ch in text:
        if ch in "“（《‘(":
            return False
        if ch in "”）》’)":
            return True
    return False
