"""Put newspaper text into Markdown so that it renders as exactly the same text.

Source files are untrusted: a raw `<script>`, `[x](javascript:…)`, `{: onclick=… }` or a
leading `#` must show up as characters on the page, never as markup.
"""

from __future__ import annotations

import html
import re

# Characters Python-Markdown treats as syntax, each backslash-escaped; exactly its escapable
# set (plus `|`, added by the `tables` extension MkDocs always enables), since a backslash
# before any other character would show on the page. `<`, `>` and `&` become HTML entities instead, which
# Markdown passes through and the browser shows as the characters.
_INLINE = re.compile(r"([\\`*_{}\[\]()#+!|-])")
_BLOCK_START = re.compile(r"^(\s*)(\d+)([.)])")  # `1.` / `1)` would start a list


# Text with none of these characters and no digit (any script's) is left as it is (most headlines and names):
# one search instead of the substitutions below.
_ANY_SPECIAL = re.compile(r"[\\`*_{}\[\]()#+!|<>&\d-]")


def escape(text: str) -> str:
    """Escape one paragraph (a single line) of plain text for Markdown."""
    if not _ANY_SPECIAL.search(text):
        return text
    text = html.escape(text, quote=False)
    text = _INLINE.sub(r"\\\1", text)
    text = _BLOCK_START.sub(r"\1\2\\\3", text)
    return text


def escape_attr(text: str) -> str:
    """Escape text for an HTML attribute value inside generated Markdown/HTML."""
    return html.escape(text, quote=True)
