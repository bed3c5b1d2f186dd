"""Pages are written without the blank lines and indentation that Jinja copies from the
templates' source into them: Material's templates indent every line, and most of a page is
their frame, so that is a sixth of an article page's bytes (4 of 24 KB), in every one of an
archive's pages.

Only what a browser shows alike is taken out: a line break with the blank space around it
becomes one line break, which HTML shows as the space it was (white space in flowing text is
one space however long). Text whose white space shows (`<pre>`, `<textarea>`, and `<code>`,
which Material shows with `white-space: pre-wrap`) is kept as it is, and so is the blank space
within a line.
"""

from __future__ import annotations

import re

_INDENTED_LINES = re.compile(r"\n\s+")
_SHOWN_AS_TYPED = re.compile(r"<(pre|textarea|code)[\s>]", re.I)


def without_blank_lines(html: str) -> str:
    kept, at = [], 0
    while opening := _SHOWN_AS_TYPED.search(html, at):
        closing = re.compile(rf"</{opening.group(1)}\s*>", re.I).search(html, opening.end())
        end = closing.end() if closing else len(html)  # never closed: kept to the end
        kept += [_INDENTED_LINES.sub("\n", html[at : opening.start()]), html[opening.start() : end]]
        at = end
    kept.append(_INDENTED_LINES.sub("\n", html[at:]))
    return "".join(kept)
