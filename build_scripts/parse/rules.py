"""The parser's rules, named and in the order the walk tries them (maintainers/parser.md
explains each). Every decision carries the id of the rule that made it; `convert
--explain` prints it, and a test checks that this table, the parser and the maintainers'
notes name the same rules.

Rules whose evidence is certain (a byline's shape, a dateline, page furniture) decide on
their own; the `*.evidence` rules weigh many pieces of evidence together (evidence.py).
"""

from __future__ import annotations

from build_scripts.parse import compiled

RULES: dict[str, str] = {
    # the archivist's corrections (.fix.yml) come first
    "fix.break": "a new article starts here, forced by the .fix.yml file",
    "fix.join": "joined to the block above, forced by the .fix.yml file",
    "fix.label": "labelled by the .fix.yml file",
    # certain shapes
    "furniture": "page furniture (责编/版式/版头)",
    "paragraph.design-credit": "a design or chart credit right below an article's text: its last paragraph",
    "note.editors-sign": "the editors sign their note off (——编 者)",
    # where indentation marks paragraphs (indent and wrapped layouts)
    "indent.subhead": "an indented short line inside an article",
    "indent.headline": "a line that is not indented after a blank line",
    "indent.part-heading": "a line that is not indented with no blank line above it heads a part of the article",
    "indent.headline-piece": "a line that is not indented right below a headline line",
    "indent.page-top": "the page's first line, not indented and ending no sentence (or a kicker ending in a colon above a confirmed headline line), above indented text or a headline line: a headline, however long",
    # break or join
    "join.indent-page-break": "a line that is not indented after a blank line carries on the paragraph",
    "join.indent-after-stop": "a long line that is not indented after a blank line, ending a sentence, carries on the paragraph above that ends with an ellipsis: a break cut it there",
    "join.opens-mid-sentence": "the block opens where no sentence opens (的, 了, a comma): a break cut the paragraph",
    "join.left-open": "the paragraph above leaves a quotation or a bracket open: a break cut it",
    "join.full-stop-inside": "the paragraph above holds a full stop but stops without one, past the article's first two blocks (or on a word no summary ends on, `为不断`): a break cut it",
    "join.dateline-lead": "the paragraph above opens with a dateline (a story's lead) and stops without a full stop: a break cut it",
    "join.numbered-item": "the paragraph above is an item numbered as earlier items that ended with a full stop (三、双方…。), and stops without one: a break cut it",
    "join.law-article": "the paragraph above is a law's text (its article opens 第…条) and stops without a full stop: a break cut it",
    "paragraph.see-page": "a pointer to a related piece on another page: the article's last paragraph",
    "subhead.article-box": "the heading of a box inside the article (延伸阅读, 记者手记)",
    "subhead.section-label": "a numbered section's label alone on its line (案例二, 第三部分): the article's next section, never a headline",
    "join.summary-point": "the rest of a summary point (■ …) a break cut",
    "join.number-across": "a number runs across the break (5|5.2): a break cut the paragraph",
    "join.evidence": "the evidence says a break cut the paragraph",
    "join.glued-byline": "carries on the paragraph, with the byline glued to its end",
    # credits
    "byline.top": "byline below the headline",
    "byline.names-below-headline": "a line of names right below the headline",
    "byline.institution": "an institution signing the piece, right below the headline",
    "byline.contributor": "who the writer is and their name, right below the headline (or a pupil's school and class and name): the piece's byline",
    "byline.end": "byline after the text: ends the article",
    "byline.section": "a section's own byline below its heading: a paragraph of the article",
    "byline.section-end": "a section's credit with the next section's label below it (…整理 / 案例二), or the last section's credit of an article credited so (it ends the article): a paragraph of the article",
    "byline.continued": "continues the byline that ended the article above",
    "byline.orphan": "a byline with no article above it",
    "byline.letter": "reader's letter signed with a place and a name",
    "byline.glued": "byline glued to the end of the paragraph",
    "paragraph.flush": "a line not indented after a blank line, where indentation marks paragraphs, read as running text: a headline's first line?",
    "byline.opening": "a byline in corner brackets opening the text (〔记者X／台北报导〕)",
    "byline.signed-twice": "a byline at the end of an article signed by others below its headline: two articles run together, the second's headline taken for a sub-head?",
    "note.author": "a note about the writer below the text",
    "note.credit": "reporters in brackets at the end of an article signed at its top: a note in the text",
    "caption.credit-in-signed": "a photo credit inside a signed article",
    "dateline.end-credit": "credit of a dispatch at its end: ends the article",
    "dateline.glued-credit": "dispatch credit at the end of the text",
    "dateline.opening": "paragraph opens with a dateline",
    # headline or not
    "headline.dash-pieces": "pieces meeting at a dash on one line (kicker—— main title): a headline",
    "headline.column-box": "a picture-items or contents box (图片报道, 导读) opens an article",
    "paragraph.contents-item": "in a contents box (本期导读), a line naming a 版 and what it prints (2版　…): the box's item, not a running head",
    "headline.digest": "a short name with an item's title and a dateline below: a column of short items opens",
    "headline.bullet-box": "after text that ended its sentence, a short title with briefs below it, each led in by the same mark (城事速递 / ■… / ■…): a box of briefs opens",
    "headline.after-box": "after a box of briefs each led in by the same mark, a heading after a blank line that no mark leads in: the next piece",
    "headline.group-column": "a short name with a contribution's heading and its writer below: a column of contributions opens",
    "subhead.digest-item": "an item's title inside a column of short items (环球扫描)",
    "headline.after-digest": "a heading whose text opens without a dateline, after a column of dispatches: an article of its own",
    "headline.after-kicker": "the line below a headline ending with a dash (某国总统—— / 准备…): the rest of that headline",
    "subhead.after-kicker": "the line below a sub-head ending with a dash (伊朗总统—— / 准备向世界保证…): the rest of that heading",
    "headline.notice": "the title of a notice, a statement or a call for bids (…招标公告, …联合声明, 招聘启事) right below a paragraph of text, a sentence that ends, or the date that signs the notice above, its signer right above it: a new article, never a sub-head of the one above",
    "headline.column-tag": "a title with its column's name in brackets (…（编辑手记）) right below a paragraph of text: the next piece",
    "headline.adopted": "an official document's title with the note of its adoption on the same line (…名单 （2026年4月30日…会议通过）)",
    "headline.decree": "the title of an official document, right above its decree and the decree's number (国务院令 / 第839号)",
    "paragraph.decree": "a decree and its number below the title of the document it enacts: its first paragraphs",
    "paragraph.named": "a person's name with a note in brackets (梁锦慧（新加坡）, 任姗姗（本报记者）), or listed below 对话人： or 嘉宾： (李  拯  本报评论员, 北京大学国际关系学院院长  唐士其), inside an article: a contributor or a speaker named above their words, a paragraph",
    "headline.confirmed": "a byline, dateline or editor's note follows it, or, right below it, the line saying where it goes on from (（上接A1版）), or, at the page's top, a writer's name",
    "headline.second-line-confirmed": "second headline line, confirmed by the byline/dateline below",
    "headline.above-confirmed": "a line after a blank one (not indented, where indentation marks paragraphs) set right above a headline line that a byline or dateline confirms: that headline's first piece (a column's label, ■记者观察)",
    "headline.after-note": "headline of the article an editor's note introduced",
    "headline.page-start": "first short unpunctuated line of the page",
    "headline.after-end": "the article above has ended",
    "subhead.document-title": "the title of the document the headline names in 《》, heading its full text inside the article",
    "headline.after-poem": "a heading with a name below it after a poem's lines, the poem signed at its top: the next piece opens",
    "headline.awaited": "first line after an editor's note or a forced break",
    "headline.piece": "line right below a headline (kicker/subtitle line)",
    "subhead.below-headline": "a short line a blank line below the headline: the text's first block",
    "subhead.section": "heads a section of the article, with a byline of its own below",
    "headline.after-picture": "the picture item above has only its caption",
    "headline.dash-subtitle": "subtitle line starting with a dash",
    "paragraph.dated-note": "a line in brackets opening with a date, inside an article's text: when the document there was adopted, a paragraph",
    "paragraph.signature": "names, or the body issuing it, and a date alone below a letter's, a notice's, a speech's or a joint statement's last sentence (the signers' offices above the names): its signature, in its text",
    "paragraph.signed-off": "a writer's name alone below the text's last sentence, a wider gap or a sure headline below it: the last line of the text, and the article ends",
    "paragraph.lines": "three or more sub-heads in a row, with no text between them: the lines of a poem or the items of a list, text",
    "paragraph.quoted-poem": "lines read as sub-heads inside a poem the text quotes (six short lines or more without a full stop; two of its lines of text, and a quarter of its lines, with a comma inside): lines of the poem, text",
    "paragraph.heads-nothing": "in an article not cut into sections, a sub-head with no text below it (a signature and its date at a decree's end), or in any a credit closing it (本期统筹：…): a line of its text",
    "subhead.marker": "numbered/marked sub-head",
    "subhead.dash-lead": "a short phrase ending in a dash on a line of its own between paragraphs: a section's lead-in heading",
    "subhead.introduced": "the paragraph above ends with a colon and introduces it",
    "subhead.question": "a question of a few words on a line of its own inside an article's text, with no byline below it (如何加强？): the heading of its section, not a new article",
    "subhead.before-question": "a question (`问：…`) right below it: the heading of an interview's part",
    "headline.spaced-pieces": "inside an article's text, a headline's pieces set apart by one space each: a new article",
    "headline.document": "inside an article's text, a document's full title (…关于…的联合声明): a new article",
    "headline.after-dispatch": "inside a brief dispatch (its text opens with a dateline, no byline above it, four blocks at most, no sub-head yet), a heading with a sentence of running text below it (unless short, with one like it further down): the next article",
    "headline.evidence": "the evidence says a new article starts",
    "subhead.evidence": "the evidence says the article goes on",
    "subhead.uncut": "a sub-head, though the evidence that the block below carries it on (a page break cut a paragraph there) is split",
    "headline.wide-gap": "more blank lines before it than usual",
    "subhead.long": "long unpunctuated line inside an article",
    "subhead.short": "short unpunctuated line inside an article",
    "subhead.phrases": "a short line of phrases parted by a comma, with no stop, between a complete paragraph and one that is not its rest: a sub-head",
    "subhead.numbered": "a numbered section's heading (（一）, 二、…) of a series from one, short and without a stop: all the series are sub-heads",
    "subhead.below-label": "a line of phrases parted by a comma, with no stop, right below a section's short label and above its text: the heading's second line",
    "subhead.labelled-alike": "two or more headings of sections labelled alike (溯源：…, 实践：…), each label its own, each with text below: all are sub-heads",
    "subhead.above-subtitle": "a line of phrases above a subtitle (——…) inside the article, at its text's top or below a complete paragraph: the first line of that heading",
    "subhead.above-heading": "lines of phrases each right above a sub-head over its text, two or more in the article, at the text's top or below a complete paragraph: each the first line of its heading",
    "subhead.alike-unjoined": "a line of phrases (each at most 16 characters, no semicolon) the evidence joined to the block below without being sure (under 70 %, or 90 % right below a section's short label), where the article has a heading of phrases as long (within 2 characters), no word runs across the break, the line ends on no function word and the block below opens as a paragraph can: a heading of its section after all",
    "subhead.phrases-alike": "a line of phrases parted by a comma, with no stop, between two paragraphs (or above a lead-in, or any text where it is as long as the others), like another of the article's: sections headed alike",
    # the body
    "note.editor": "editor's note",
    "caption.photo": "photo caption/credit (…摄)",
    "article.caption-first": "photo caption before any article",
    "article.continued-from": "continued from another page (上接…)",
    "headline.must-start": "short line without final punctuation where an article must start",
    "article.dispatch-after-credit": "a dispatch with no headline right after an article its credit ended: the same article (a letter's news below it)",
    "paragraph.brief-item": "a paragraph led in by a title in brackets (【…】…), below one led in so whose credit ended the article, or by the mark that leads in every paragraph of the article (●…): the next brief of the same box",
    "article.headless": "running text where an article must start, and no headline",
    "article.second-dateline": "a second dateline in an untitled brief starts the next brief",
    "paragraph.cut-below": "the block below carries it on: the first part of a paragraph a break cut",
    "paragraph.verse": "a line of verse below another as long (徐徐书卷展， / 处处盈墨香。): a line of its own, not the rest of the one above",
    "paragraph.clause": "a clause of a treaty's preamble (秉承…， / 认为…，): below a block ending with a comma, itself ending with one or below another that does — a paragraph of its own, not the rest of the one above",
    "paragraph.interview-turn": "an interview's question or answer (问：… / 答：…): it opens a paragraph of its own, never the rest of the one above",
    "paragraph.after-speaker": "below a line ending with someone's office and name (…副处长  邓  维): a paragraph of its own, not the rest of that line",
    "paragraph.evidence": "the evidence says it starts a paragraph of its own, not the rest of the one above",
    "paragraph.printed-again": "the block above is printed again further down (a summary drawn from the text, a pull quote): a paragraph of its own, not the rest of the one above",
    "paragraph": "running text",
    "subhead.in-dialogue": "a short line inside a dialogue, with a turn of one of the speakers listed at its top (对话人：…) in the two blocks below it (记者：…, 张嘉益：…): the heading of a part of the dialogue, not a new article",
    "paragraph.participants": "a dialogue's list of speakers opening (对话人：, 嘉宾：), perhaps with its first speaker on the line (对话人：张嘉益（…主演）): a line of the text, never a heading",
    "paragraph.credit": "who tells, proposes or hosts, right below the headline (提案人：民革中央) or below a section's heading (讲述人：…): a line of the text that nothing goes on from, not a heading",
    "byline.role-credit": "who tells the story, named last after who they are, right below the headline (主讲人：…研究所所长 周毅仁): its byline",
    "paragraph.attribution": "who said the quotation above, and when (——2025年8月20日，习近平总书记…指出), where it comes from (——摘自…), or who wrote or asked it (——赵一程, ——人民网网友): a paragraph of its own, not a heading, and the text below starts another",
    "paragraph.lead-in": "a phrase ending in a dash (登上列车，路程成了“旅程”——) in an article whose sections are headed by lines of phrases: it leads into the text below it, not a heading of its own",
    "paragraph.divider": "a row of stars or marks alone between parts of the text (***  ***): a pause in it",
}


def describe(rule_id: str, detail: str = "") -> str:
    text = RULES[rule_id]
    return f"{text} ({detail})" if detail else text


# A weighed decision the parser is unsure of, as the archivist reads it in the warning: the
# reading taken first, then the other, and how sure the evidence is of the one taken (the
# weighed chance is of a new article or of a join; `--explain` lists the evidence itself).
DOUBTS: dict[str, tuple[str, str, bool]] = {  # readings, the one taken, is the chance of it
    "headline.evidence": ("a new article's headline, or a sub-head of the article above", "a new article", True),
    "subhead.evidence": ("a sub-head of the article above, or a new article's headline", "a sub-head", False),
    "subhead.uncut": (
        "a sub-head, or the first part of a paragraph cut by a page break",
        "a sub-head",
        False,
    ),
    "join.evidence": (
        "the rest of the paragraph above (cut by a page break), or a paragraph of its own",
        "the rest of the paragraph above",
        True,
    ),
    "paragraph.evidence": (
        "a paragraph of its own, or the rest of the paragraph above",
        "a paragraph of its own",
        False,
    ),
}
_CHANCE_RE = compiled.pattern(r"(\d+)%: ")  # `(55%: …` or, for a continuation, `(of line 5; 55%: …`


def weighed_chance(rule: str) -> int | None:
    """The chance in % a weighed decision's rule names (of a new article, or of a join)."""
    chance = _CHANCE_RE.search(rule)
    return int(chance.group(1)) if chance else None


def doubt(rule_id: str, rule: str, taken_from: dict[str, float] | None = None) -> str:
    """Why a decision is unsure, in the archivist's words: for a weighed one, the reading
    taken, the other, and how sure the evidence is of the one taken (`a new article's
    headline, or a sub-head …? the evidence is split: 55 % for a new article, the reading
    taken`); for any other, its rule as `--explain` gives it. `taken_from`: the chance from
    which each model takes its reading (the paper profile's thresholds, by model), named
    where the reading taken had less than even odds (`headline_threshold`: a new article is
    taken from 40 %), so that `43 % for a new article` does not read as a refusal."""
    readings = DOUBTS.get(rule_id)
    chance = _CHANCE_RE.search(rule)
    if readings is None or chance is None:
        return rule
    both, taken, of_taken = readings
    percent = int(chance.group(1)) if of_taken else 100 - int(chance.group(1))
    threshold = (taken_from or {}).get(rule_id.split(".")[0])
    why = f" from {round(threshold * 100)} % on" if percent < 50 and of_taken and threshold else ""
    return f"{both}? the evidence is split: {percent} % for {taken}, the reading taken{why}"
