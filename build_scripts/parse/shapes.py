"""Shapes of a single block that say what it may be: a headline or sub-head, a headline that
needs confirming, kicker + main title + subtitle on one line, or a line that opens an
article. Pure predicates over one block's text; the parser weighs them in context."""

from __future__ import annotations

import re

from build_scripts.ingest.paper_profile import DEFAULT, PaperProfile
from build_scripts.parse import patterns as p

_HAN_RE = re.compile(rf"[{p.HAN}]")
_ADDRESS_RE = re.compile(r"@|https?:|www\.")  # an e-mail or web address: a contact line, never a heading


def heading_shaped(text: str, profile: PaperProfile = DEFAULT) -> bool:
    """Short, no sentence punctuation, no full stop at the end: a headline or a sub-head."""
    core = p.without_trailing_bracket(text)
    return (
        len(text) <= profile.headline_max
        and not p.dateline_of(text)
        and not _ADDRESS_RE.search(text)
        and not p.is_terminated(core)
        and not p.ends_mid_sentence(core)
        and not p.has_sentence_punct(core)
        and not p.is_signature_line(text)
        and not p.is_furniture(text)
        and not p.is_caption(text)
        and not p.is_end_credit(text)
        and not p.glued_byline(text)
    )


def could_be_headline(text: str, profile: PaperProfile = DEFAULT) -> bool:
    """Looser: a headline may carry commas or end with ？/！ when a byline or dateline
    below it confirms it."""
    if heading_shaped(text, profile):
        return True
    if p.dateline_of(text):
        return False  # a dispatch's text opens with its dateline
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
    if p.is_caption(text) or p.SPEAKER_RE.match(text):
        return False
    core = p.without_trailing_bracket(text).rstrip(p.QUOTE_CLOSERS)
    return not p.is_terminated(core) or core[-1:] in p.QUESTION_OR_EXCLAMATION


def spaced_headline(text: str, profile: PaperProfile = DEFAULT) -> bool:
    """Kicker, main title and subtitle printed on one line, set apart by spaces: every piece
    short and none a sentence (a kicker may hold commas, numbers and Latin letters)."""
    pieces = text.split()
    if not 2 <= len(pieces) <= 4 or len(text) > profile.long_headline_max + 30:
        return False
    for piece in pieces:
        core = p.without_trailing_bracket(piece)
        if not _HAN_RE.search(piece):
            return False  # every piece of a headline says something in words (not `##`, `|`)
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


def opens_article(text: str) -> bool:
    """A byline (not a bracketed closing one), a line of names, a dateline or an editor's note."""
    if p.is_byline_line(text):
        return not p.BRACKETED_BYLINE_RE.match(text)
    return p.is_name_line(text) and text[:1] not in "（(" or p.dateline_of(text) is not None or p.is_note(text)
