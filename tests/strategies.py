"""Hypothesis strategies that write newspaper-like pages: headlines, bylines, datelines,
paragraphs (some broken by page breaks), blank-line runs, punctuation and junk."""

from __future__ import annotations

from hypothesis import strategies as st

HAN = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质思议教育公安司法检察"
NAMES = ["李洁", "胡宗昊", "陈洋根", "王小明", "欧阳明月", "张伟", "刘  洋", "赵文琼"]
ROLES = ["本报记者", "记者", "本报通讯员", "通讯员", "新华社记者"]
END = "。！？"
MID = "，,、；“”：:?（）()《》-·"
JUNK = "#*_[]<>&|`{}\\!~^=$%@"

han = st.text(alphabet=HAN, min_size=1, max_size=12)


@st.composite
def sentence(draw) -> str:
    words = draw(st.lists(han, min_size=1, max_size=4))
    seps = draw(st.lists(st.sampled_from(MID + "0123456789abc"), min_size=len(words), max_size=len(words)))
    body = "".join(w + s for w, s in zip(words, seps, strict=False))
    return body + draw(st.sampled_from(END))


@st.composite
def paragraph(draw) -> str:
    text = "".join(draw(st.lists(sentence(), min_size=1, max_size=5)))
    if draw(st.booleans()):
        at = draw(st.integers(min_value=0, max_value=len(text)))
        junk = draw(st.text(alphabet=JUNK + HAN, min_size=0, max_size=6))
        text = text[:at] + junk + text[at:]
    return text


@st.composite
def byline(draw) -> str:
    groups = draw(
        st.lists(
            st.tuples(st.sampled_from(ROLES), st.lists(st.sampled_from(NAMES), min_size=1, max_size=3)),
            min_size=1,
            max_size=2,
        )
    )
    return " ".join(role + " " + " ".join(names) for role, names in groups)


@st.composite
def headline(draw) -> str:
    return " ".join(draw(st.lists(han, min_size=1, max_size=3)))


@st.composite
def article_lines(draw) -> list[str]:
    lines = [draw(headline())]
    if draw(st.booleans()):
        lines.append(draw(byline()))
    paragraphs = draw(st.lists(paragraph(), min_size=1, max_size=5))
    if draw(st.booleans()):
        paragraphs[0] = (
            draw(st.sampled_from(["本报讯 ", "新华社北京1月27日电（记者 张伟）", "本报杭州1月2日电 "])) + paragraphs[0]
        )
    for i, para in enumerate(paragraphs):
        if len(para) > 4 and draw(st.integers(0, 4)) == 0:  # a page break inside the paragraph
            cut = draw(st.integers(1, len(para) - 1))
            lines.extend([para[:cut], para[cut:]])
        else:
            lines.append(para)
        if i > 0 and draw(st.integers(0, 6)) == 0:
            lines.append(draw(st.sampled_from(["看点一: ", "一、", "（二）"])) + draw(han))
    if draw(st.booleans()):
        lines[-1] += draw(byline())
    return lines


@st.composite
def page_text(draw) -> str:
    """A whole page: articles separated by runs of blank lines, with stray spaces and junk."""
    lines: list[str] = []
    for article in draw(st.lists(article_lines(), min_size=1, max_size=4)):
        lines.extend(article)
    if draw(st.booleans()):
        lines.insert(
            draw(st.integers(0, len(lines))),
            draw(st.text(alphabet=JUNK + HAN + MID + END + " ", min_size=1, max_size=30)),
        )
    out = "\n" * draw(st.integers(0, 3))
    for line in lines:
        indent = draw(st.sampled_from(["", " ", "  ", "\t"]))
        out += indent + line + "\n" * draw(st.integers(1, 4))
    return out
