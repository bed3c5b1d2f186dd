"""The optional `---` header at the top of a source file: read as plain text values, each with
the line it is on, so that every mistake in it is reported at its own line.

The header is YAML, but only its simplest form is accepted: `key: value` lines with single
values. Nothing in it is ever turned into a Python object (no YAML tags, no typed values):
`date: 2022-02-30` is the text "2022-02-30", which read.py then rejects as an impossible date
with the line it is on.
"""

from __future__ import annotations

import difflib
import re

import yaml

from build_scripts.problems import InputError

HEADER_KEYS = ("date", "page", "page_name", "paper", "encoding")
_EXAMPLE = "`date: 2022-01-28`"
_EXAMPLES = {
    "date": _EXAMPLE,
    "page": "`page: 3`",
    "page_name": "`page_name: 要闻`",
    "paper": "`paper: 浙江日报`",
    "encoding": "`encoding: gb18030`",
}
# What BaseLoader gives untagged nodes (and `!!str`): anything else was tagged by hand.
_PLAIN_TAGS = ("tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map")
_NOT_A_HEADER = "if line {line} is not meant to start a header, remove the `---` there"


class Header(dict):
    """key -> value as written (str), plus `lines`: key -> file line number."""

    def __init__(self, values: dict[str, str] | None = None, lines: dict[str, int] | None = None):
        super().__init__(values or {})
        self.lines: dict[str, int] = dict(lines or {})

    def line(self, key: str) -> int | None:
        return self.lines.get(key)


def split_header(text: str, rel: str) -> tuple[Header, str, int]:
    """Split the optional header from normalised text: (header, body, file line of the body's
    first line). Blank lines before the opening `---` are allowed."""
    lines = text.split("\n")
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    if start == len(lines) or lines[start].strip() != "---":
        return Header(), text, 1
    for end in range(start + 1, len(lines)):
        if lines[end].strip() == "---":
            break
    else:
        raise InputError(
            rel,
            start + 1,
            "the header opened with `---` is never closed",
            f"add a line `---` after the header; {_NOT_A_HEADER.format(line=start + 1)}",
        )
    header = _parse(lines[start + 1 : end], first_line=start + 2, rel=rel, opening=start + 1)
    return header, "\n".join(lines[end + 1 :]), end + 2


def _parse(lines: list[str], first_line: int, rel: str, opening: int) -> Header:
    source = "\n".join(lines)
    for offset, line in enumerate(lines):
        # A Chinese input method types `：`; YAML then reports a confusing error a line later.
        if re.match(r"^\s*[A-Za-z_]+\s*：", line):
            raise InputError(
                rel,
                first_line + offset,
                f"the header line `{line.strip()}` uses a full-width colon `：`",
                "write an ASCII colon and a space after the key, e.g. `date: 2022-01-28`",
            )
    try:
        node = yaml.compose(source, Loader=yaml.BaseLoader)  # nodes only: nothing is constructed
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = first_line + mark.line if mark else first_line
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(
            rel,
            at,
            f"the header is not valid YAML ({problem})",
            f"write it as `key: value` lines, e.g. {_EXAMPLE}; {_NOT_A_HEADER.format(line=opening)}",
        ) from None
    if node is None:
        return Header()
    if not isinstance(node, yaml.MappingNode):
        raise InputError(
            rel,
            first_line,
            "the header must be `key: value` lines",
            f"e.g. {_EXAMPLE}; {_NOT_A_HEADER.format(line=opening)}",
        )
    values: dict[str, str] = {}
    where: dict[str, int] = {}
    for key_node, value_node in node.value:
        line = first_line + key_node.start_mark.line
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if key not in HEADER_KEYS:
            shown = key if isinstance(key, str) else "a non-text key"
            guess = difflib.get_close_matches(str(key), HEADER_KEYS, n=1, cutoff=0.6) if key else []
            hint = f"did you mean `{guess[0]}`? " if guess else ""
            raise InputError(rel, line, f"unknown header key '{shown}'", f"{hint}allowed: {', '.join(HEADER_KEYS)}")
        if key in where:
            raise InputError(
                rel, line, f"`{key}` is given twice in the header (first on line {where[key]})", "keep one of them"
            )
        where[key] = line
        if value_node.tag not in _PLAIN_TAGS:
            raise InputError(
                rel,
                line,
                f"`{key}` carries a YAML tag ({value_node.tag}), which a header may not have",
                f"write the plain value, e.g. {_EXAMPLES[key]}",
            )
        if not isinstance(value_node, yaml.ScalarNode):
            raise InputError(
                rel, line, f"`{key}` must be a single value, not a list or a mapping", f"e.g. {_EXAMPLES[key]}"
            )
        value = value_node.value.strip()
        if value:  # `key:` with nothing after it counts as not given
            values[key] = value
    return Header(values, where)
