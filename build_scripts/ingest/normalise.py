"""Normalise decoded text, and say what was changed: nothing visible is ever dropped.

- Line breaks: CRLF, CR, and the separators Word and old exports use (U+2028, U+2029, NEL,
  form feed, vertical tab) all become `\\n`. Line numbers in every later message count them.
- Spaces: every Unicode space (NBSP, en/em spaces …) and tabs become an ordinary space,
  except the ideographic space U+3000, which Chinese typesetting prints on purpose (between
  the pieces of a headline, before a photo credit) and which is kept inside a line; as
  indentation it is stripped with every other leading space when lines are read.
- Removed, and counted in one warning per file naming the characters and their lines:
  invisible format characters (zero-width spaces and joiners, soft hyphens, byte-order marks,
  bidirectional controls), control characters (NUL …), lone surrogates and noncharacters.
- Kept, with a warning: U+FFFD (�), which means the text was already damaged before it got
  here; with a notice: private-use characters, which old Chinese fonts used for rare
  characters (they show only with the font that defined them).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict

from build_scripts.problems import Report

_LINE_BREAKS = re.compile("\r\n|[\r\u2028\u2029\x85\x0b\x0c]")
# Format characters that are visible (they print a sign above digits): kept.
_VISIBLE_FORMAT = frozenset("\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f\u0890\u0891\u08e2\U000110bd\U000110cd")
# Spaces that become an ordinary one (NBSP in most web copies, en/em spaces, tabs); the
# ideographic space (U+3000) is kept: every paragraph of an indented text opens with two.
_OTHER_SPACES = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f]")
# Ranges that hold no space to change, format, control, private-use or noncharacter: the
# common case (CJK, kana, full-width forms, ASCII, punctuation, symbols) skips the
# per-character look — a whole file at once when it is all plain, as most are.
_PLAIN = re.compile(
    "[\n -~\u00a1-\u00ac\u00ae-\u02ff\u2010-\u2027\u2030-\u205e\u2070-\u2bff\u3000-\u33ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff01-\uffef]+"
)
_SHOWN_LINES = 10


def _is_noncharacter(ch: str) -> bool:
    cp = ord(ch)
    return 0xFDD0 <= cp <= 0xFDEF or cp & 0xFFFE == 0xFFFE


def classify(ch: str) -> str:
    """What normalisation does with one character: 'keep', 'space' or 'remove'."""
    if ch == "\n":
        return "keep"
    category = unicodedata.category(ch)
    if ch == "\u3000":
        return "keep"
    if category == "Zs" or ch == "\t":
        return "space"
    if category in ("Cc", "Cs") or (category == "Cf" and ch not in _VISIBLE_FORMAT) or _is_noncharacter(ch):
        return "remove"
    return "keep"


def _name(ch: str) -> str:
    names = {"\0": "NUL", "\ufeff": "BYTE ORDER MARK"}
    return f"U+{ord(ch):04X} {names.get(ch) or unicodedata.name(ch, 'control character')}"


def _lines(numbers: list[int]) -> str:
    shown = ", ".join(map(str, numbers[:_SHOWN_LINES]))
    more = len(numbers) - _SHOWN_LINES
    label = "line" if len(numbers) == 1 else "lines"
    return f"{label} {shown}" + (f" and {more} more" if more > 0 else "")


def normalise(text: str, rel: str, report: Report) -> str:
    """Normalise a whole decoded file (line 1 is the file's first line)."""
    breaks: Counter[str] = Counter()
    if any(ch in text for ch in "\r\u2028\u2029\x85\x0b\x0c"):  # `in` is far quicker than a scan
        breaks.update(m.group(0) for m in _LINE_BREAKS.finditer(text) if m.group(0) not in "\r\n")
        text = _LINE_BREAKS.sub("\n", text)
    text = _OTHER_SPACES.sub(" ", text)
    if _PLAIN.fullmatch(text) or not text:
        _note_breaks(breaks, rel, report)
        return text

    removed: dict[str, list[int]] = defaultdict(list)  # character -> line of every removal
    private: list[int] = []
    replacement: list[int] = []
    out = []
    for number, line in enumerate(text.split("\n"), start=1):
        if _PLAIN.fullmatch(line) or not line:
            out.append(line)
            continue
        chars = []
        for ch in line:
            action = classify(ch)
            if action == "space":
                chars.append(" ")
            elif action == "remove":
                removed[ch].append(number)
            else:
                chars.append(ch)
                if ch == "\ufffd":
                    replacement.append(number)
                elif unicodedata.category(ch) == "Co":
                    private.append(number)
        out.append("".join(chars))

    if removed:
        total = sum(len(v) for v in removed.values())
        first = min(min(v) for v in removed.values())
        kinds = "; ".join(
            f"{len(lines)} × {_name(ch)} ({_lines(sorted(set(lines)))})"
            for ch, lines in sorted(removed.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        )
        # A note, not a warning: the text reads the same without them, so there is nothing to
        # act on unless the archivist knows one was meant to be there.
        report.notice(
            rel,
            first,
            f"removed {total} invisible character{'s' if total > 1 else ''}: {kinds}",
            "nothing to do, unless one of them was meant to be there",
        )
    if replacement:
        report.warn(
            rel,
            replacement[0],
            f"{len(replacement)} × U+FFFD (�) on {_lines(sorted(set(replacement)))}: "
            "these characters were lost before this file was made",
            "compare with the printed page and retype them",
        )
    if private:
        report.notice(
            rel,
            private[0],
            f"{len(private)} private-use character(s) kept on {_lines(sorted(set(private)))}",
            "they show only with the font that defined them; replace them with standard characters if you can",
        )
    _note_breaks(breaks, rel, report)
    return "\n".join(out)


def _note_breaks(breaks: Counter[str], rel: str, report: Report) -> None:
    if breaks:
        kinds = ", ".join(f"{n} × {_name(ch)}" for ch, n in sorted(breaks.items()))
        report.notice(rel, None, f"line/page separators read as line breaks: {kinds}")
