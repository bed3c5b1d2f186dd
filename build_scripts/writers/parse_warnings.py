"""The warnings about what the parser made of a page (`check_parse`), each with the
correction an archivist writes in the page's sidecar if the parser's reading is wrong."""

from __future__ import annotations

from pathlib import Path

from build_scripts.ingest.corrections import sidecar_of
from build_scripts.ingest.paper_profile import DEFAULT, PaperProfile
from build_scripts.ingest.source import SourcePage
from build_scripts.parse.model import BODY_KINDS, HEADLESS, Decision, PageParse
from build_scripts.parse.rules import doubt
from build_scripts.parse.second_look import article_of, second_looks
from build_scripts.problems import Report


def check_parse(page: SourcePage, result: PageParse, report: Report, profile: PaperProfile = DEFAULT) -> None:
    """Warnings about what the parser made of a page: doubtful readings, bare headlines, no
    article. A doubt is a decision the parser itself is unsure of — except where only the
    margin of a weighed decision doubts (`_MARGINS`) — or a second look at an article's shape
    (parse/second_look.py), or last a headline's margin; an article gets one warning, the first
    of them. `profile`: the
    paper's, whose thresholds a warning names where it took the less likely reading."""
    thresholds = {"headline": profile.headline_threshold, "join": profile.join_threshold}
    unsure = [(d, "", doubt(d.rule_id, d.rule, thresholds)) for d in result.decisions if not d.confident]
    doubts = [doubt_ for doubt_ in unsure if doubt_[0].rule_id not in _MARGINS]
    doubts += [(look.decision, look.look_id, look.why) for look in second_looks(result)]
    # a headline's margin last: where a look at its article's shape says more, that is the warning
    doubts += [doubt_ for doubt_ in unsure if doubt_[0].rule_id in _LAST_MARGINS]
    owner, warned = article_of(result), set()
    chosen = []
    for decision, look_id, why in doubts:
        held = owner(decision.line)
        if held is not None and held in warned:
            continue
        warned.add(held)
        chosen.append((decision, look_id, why))
    for decision, look_id, why in sorted(chosen, key=lambda chosen: chosen[0].line):
        what = f"unsure: {decision.label}: “{_quoted(decision.text)}” ({why})"
        if decision.label == HEADLESS and not any(a.last_line < decision.line for a in result.articles):
            # the page's first article: no article above it to stay in
            report.warn(page.path, decision.line, what, _HEADLESS_ON_TOP.format(n=decision.line))
            continue
        if look_id == "look.name-glued":  # no sidecar splits a line: the page's text is put right
            fix = _NAME_ON_ITS_LINE.format(
                n=decision.line, below=decision.line + 1, sidecar=sidecar_of(Path(page.path)).as_posix()
            )
            report.warn(page.path, decision.line, what, fix)
            continue
        report.warn(
            page.path,
            decision.line,
            what,
            f"check it; {_correction(decision, sidecar_of(Path(page.path)).as_posix(), look_id)} "
            "(see maintainers/input-files.md, Corrections)",
        )
    for article in result.articles:
        if not any(s.kind in BODY_KINDS for s in article.segments):
            first = article.segments[0]
            report.warn(
                page.path,
                first.first_line,
                f"“{first.text[:30]}” has no text below it",
                "check the source for text lost before it reached this file; mark the line "
                "furniture or paragraph in a .fix.yml sidecar if it is not a headline",
            )
    if not result.articles:
        report.warn(
            page.path,
            None,
            "no article found in this file (it is empty or has only page furniture)",
            "check the file; remove it if it is not an issue text",
        )


# Weighed decisions whose margin alone doubted them: their warnings pointed at few wrong
# articles (parse/second_look.py), and the second looks take their place — except a
# headline's (`HEADLINE_UNSURE`), a wrong article one time in two: it warns, after the looks
# at its article (one warning an article: the more telling one).
_MARGINS = frozenset({"join.evidence", "paragraph.evidence", "headline.evidence"})
_LAST_MARGINS = frozenset({"headline.evidence"})
# …at the top of the page, where no article above can take its text
_HEADLESS_ON_TOP = (
    "if its headline was lost before the text reached this file, put it back above line {n}; if the text "
    "goes on from another page, nothing to do: it is published as an article without headline"
)
# …where the writer's name may be glued to the text's last line
_NAME_ON_ITS_LINE = (
    "check it; if the line ends in the writer's name, put the name on a line of its own below line {n} "
    "in the page's file and write `lines: {{{below}: byline}}` in {sidecar} (see maintainers/input-files.md, "
    "Corrections)"
)
# The other readings of an unsure decision: what to write in the page's sidecar, and what it does.
_OTHER_READINGS = {
    HEADLESS: [("lines: {{{n}: paragraph}}", "it stays in the article above")],
    "headline": [("lines: {{{n}: subhead}}", "a sub-head of the article above")],
    "subhead": [("lines: {{{n}: paragraph}}", "a paragraph"), ("join: [{n}]", "joined to the paragraph above")],
    "paragraph": [("join: [{n}]", "joined to the paragraph above"), ("lines: {{{n}: subhead}}", "a sub-head")],
    "continuation": [("no_join: [{n}]", "a paragraph of its own")],
    "byline": [("lines: {{{n}: paragraph}}", "a paragraph")],
}


def _correction(decision: Decision, sidecar: str, look_id: str = "") -> str:
    readings = _OTHER_READINGS.get(decision.label, [("lines: {{{n}: LABEL}}", "the label it should have")])
    if look_id == "look.credit-under-headline":
        readings = [("lines: {{{n}: byline}}", "the article's byline")]
    if decision.rule_id == "subhead.uncut" and decision.below is not None:
        # the first part of a paragraph a page break cut: a paragraph, the block below joined to it
        readings = [
            (f"lines: {{{{{{n}}: paragraph}}}}` and `join: [{decision.below}]", "one paragraph with the block below")
        ]
    if decision.rule_id in ("subhead.evidence", "paragraph.flush") or look_id in (
        "look.odd-section",
        "look.lone-section",
        "look.lone-subhead",
    ):
        # the evidence weighed it against a new article's headline, the article's shape did, or
        # a flush line is read as running text where it would have been a headline's
        readings = [("break_before: [{n}]", "the headline of a new article"), *readings]
    if decision.rule_id == "byline.signed-twice":  # the line that heads the second article is the archivist's to find
        readings = [("break_before: [N]", "a new article starts at line N, the one that heads the second")]
    choices = " or ".join(f"`{code.format(n=decision.line)}` ({effect})" for code, effect in readings)
    return f"if it is wrong, write {choices} in {sidecar}"


def _quoted(text: str, limit: int = 24) -> str:
    """The line a warning is about, short enough to find it by eye."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
