"""Sidecar corrections: `NAME.fix.yml` next to `NAME.txt` fixes how the page is cut into
articles without ever editing the raw text.

    break_before: [59]      # a new article starts at line 59
    join: [19]              # line 19 continues the paragraph above it
    no_join: [31]           # line 31 starts a paragraph of its own
    lines:                  # what a line is, whatever it looks like
      59: headline          # headline byline dateline subhead paragraph caption note furniture
    meta:                   # the issue metadata of this file
      page: 4
      page_name: 政法

Line numbers are those of the source file, as an editor shows them.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from build_scripts.problems import InputError, Problem, Report

LABELS = ("headline", "byline", "dateline", "subhead", "paragraph", "caption", "note", "furniture")


@dataclass(frozen=True)
class Corrections:
    """An archivist's fixes for one page, from its sidecar `.fix.yml` (file line numbers)."""

    break_before: frozenset[int] = frozenset()  # a new article starts at this line
    join: frozenset[int] = frozenset()  # this line continues the paragraph before it
    no_join: frozenset[int] = frozenset()  # this line starts a new block, whatever its shape
    labels: dict[int, str] = field(default_factory=dict)  # line -> one of LABELS
    digest: str = ""  # of the sidecar's text: its corrections as they were written
    places: dict[int, int | None] = field(default_factory=dict)  # line named -> the sidecar line naming it

    def named(self) -> frozenset[int]:
        return self.break_before | self.join | self.no_join | frozenset(self.labels)


SIDECAR_SUFFIX = ".fix.yml"
_KEYS = {"break_before", "join", "no_join", "lines", "meta"}
META_KEYS = {"date", "page", "page_name", "paper"}


class _Loader(yaml.SafeLoader):
    """YAML as `safe_load` reads it, but a date stays the text written (`meta: {date: 2022-02-30}`
    is then an error at its line, as in a page's header, not a failure of YAML's own)."""


_Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))


def sidecar_name(page: str) -> str:
    """The sidecar's name (or path, as given) for a page file's: `NAME.txt` → `NAME.fix.yml`."""
    return page[: -len(".txt")] + SIDECAR_SUFFIX


def sidecar_of(source: Path) -> Path:
    return source.with_name(sidecar_name(source.name))


def _line_of(node: yaml.Node | None) -> int | None:
    return node.start_mark.line + 1 if node is not None else None


def _find_node(root: yaml.Node, key: str) -> yaml.Node | None:
    if isinstance(root, yaml.MappingNode):
        for k, v in root.value:
            if k.value == key:
                return v
    return None


# What a Chinese input method types in place of YAML's own punctuation (`break_before：[94]`,
# `[94，112]`): YAML reads such a line as text, and the error it leads to does not say why.
_FULL_WIDTH = {"：": ":", "，": ",", "［": "[", "］": "]", "｛": "{", "｝": "}", "－": "-"}


def load_corrections(
    path: Path, rel: str, body_lines: dict[int, str]
) -> tuple[Corrections, dict, dict[str, int | None]]:
    """Read and check a sidecar: (its corrections, its `meta`, the sidecar line of each `meta`
    key). `body_lines` maps file line numbers to their text, so that every line a correction
    names can be checked to exist and not be blank."""
    try:
        return _load_corrections(path, rel, body_lines)
    except InputError as error:
        raise _full_width_named(error, path) from None


def _full_width_named(error: InputError, path: Path) -> InputError:
    """The error, naming the full-width punctuation YAML would need in ASCII on the sidecar
    line it points at or the line above it (YAML often finds a mistake a line late; the whole
    sidecar when the error names no line), if there is any, as what to fix first."""
    problem = error.problem
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return error
    numbers = [problem.line - 1, problem.line] if problem.line else range(1, len(lines) + 1)
    looked_at = [_syntax_of(lines, n) for n in numbers if 0 < n <= len(lines)]
    found = sorted({ch for line in looked_at for ch in line if ch in _FULL_WIDTH}, key=list(_FULL_WIDTH).index)
    if not found:
        return error
    marks = "、".join(f"“{ch}”" for ch in found)
    ascii_marks = " ".join(f"`{_FULL_WIDTH[ch]}`" for ch in found)
    fix = f"write YAML's punctuation in ASCII: {marks} → {ascii_marks} (values under `meta` may stay Chinese)"
    return InputError(problem.path, problem.line, problem.what, f"{fix}; {problem.fix}" if problem.fix else fix)


def _syntax_of(lines: list[str], number: int) -> str:
    """What of a sidecar line is YAML's own: not a comment (`# 第30行：正文`), nor a value under
    `meta` (free text: `page_name: 要闻：综合`) — its key is."""
    line = re.sub(r"(^|\s)#.*$", "", lines[number - 1])
    in_meta = False
    for above in lines[:number]:
        if above[:1] not in (" ", "\t", ""):
            in_meta = re.match(r"meta\s*[:：]", above) is not None
    if in_meta and line[:1] in (" ", "\t"):  # a key under `meta` and its value: the key and its colon
        colon = min((i for i in (line.find(":"), line.find("：")) if i >= 0), default=len(line))
        return line[: colon + 1]
    if in_meta:  # `meta:` itself, with a mapping of values on its line maybe
        return line.split("{", 1)[0]
    return line


def _load_corrections(
    path: Path, rel: str, body_lines: dict[int, str]
) -> tuple[Corrections, dict, dict[str, int | None]]:
    shown = sidecar_name(rel)
    try:
        text = path.read_text(encoding="utf-8")
        root = yaml.compose(text)
        data = yaml.load(text, Loader=_Loader) or {}
    except UnicodeDecodeError:
        raise InputError(shown, None, "is not UTF-8 text", "save the .fix.yml file as UTF-8") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(
            shown,
            mark.line + 1 if mark else None,
            f"is not valid YAML ({getattr(exc, 'problem', exc)})",
            "fix the YAML syntax (see maintainers/input-files.md, Corrections)",
        ) from None
    if not isinstance(data, dict):
        raise InputError(
            shown,
            1,
            "must be a mapping (break_before, join, no_join, lines, meta)",
            "see maintainers/input-files.md, Corrections",
        )
    _check_given_once(root, shown)
    unknown = set(map(str, data)) - _KEYS
    if unknown:
        key = sorted(unknown)[0]
        raise InputError(
            shown,
            _line_of(_find_node(root, key)) if root else None,
            f"unknown key '{key}'",
            f"use one of: {', '.join(sorted(_KEYS))}",
        )

    places: dict[int, int | None] = {}  # each line a correction names: where the sidecar names it

    def line_numbers(key: str) -> frozenset[int]:
        value = data.get(key) or []
        node = _find_node(root, key)
        where = _line_of(node)
        if not isinstance(value, list) or not all(isinstance(v, int) and not isinstance(v, bool) for v in value):
            raise InputError(shown, where, f"`{key}` must be a list of line numbers", f"e.g. `{key}: [12, 40]`")
        items = node.value if isinstance(node, yaml.SequenceNode) else []
        for n, number in enumerate(value):
            # the sidecar line of this very entry (a list may be written one entry a line)
            places.setdefault(number, _line_of(items[n]) if n < len(items) else where)
            _check_line(number, key, shown, places[number], body_lines)
        return frozenset(value)

    labels: dict[int, str] = {}
    raw_labels = data.get("lines") or {}
    lines_node = _find_node(root, "lines")
    where = _line_of(lines_node)
    if isinstance(lines_node, yaml.MappingNode):  # each label's own line
        places.update((int(k.value), _line_of(k)) for k, _ in lines_node.value if k.value.isdigit())
    if not isinstance(raw_labels, dict):
        raise InputError(shown, where, "`lines` must map line numbers to labels", "e.g. `lines: {59: headline}`")
    for number, label in raw_labels.items():
        if not isinstance(number, int) or isinstance(number, bool):
            raise InputError(shown, where, f"'{number}' under `lines` is not a line number", "e.g. `59: headline`")
        if label not in LABELS:
            raise InputError(
                shown, where, f"line {number}: unknown label '{label}'", f"use one of: {', '.join(LABELS)}"
            )
        _check_line(number, "lines", shown, where, body_lines)
        labels[number] = label

    meta = data.get("meta") or {}
    if not isinstance(meta, dict) or set(map(str, meta)) - META_KEYS:
        raise InputError(
            shown,
            _line_of(_find_node(root, "meta")),
            "`meta` may set only date, page, page_name, paper",
            "e.g. `meta: {page: 4, page_name: 政法}`",
        )
    fixes = Corrections(
        break_before=line_numbers("break_before"),
        join=line_numbers("join"),
        no_join=line_numbers("no_join"),
        labels=labels,
        digest=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
        places=places,
    )
    _check_consistent(fixes, shown, root, min((n for n, text in body_lines.items() if text.strip()), default=1))
    meta_node = _find_node(root, "meta")
    lines = {str(key): _line_of(_find_node(meta_node, str(key))) for key in meta} if meta_node else {}
    return fixes, meta, lines


def _check_line(number: int, key: str, shown: str, where: int | None, body_lines: dict[int, str]) -> None:
    if number not in body_lines:
        raise InputError(
            shown,
            where,
            f"`{key}` names line {number}, which is not part of the text",
            "use the line numbers your editor shows for the .txt file",
        )
    if not body_lines[number].strip():
        raise InputError(
            shown, where, f"`{key}` names line {number}, which is blank", "name the first line of the block you mean"
        )


def _check_given_once(node: yaml.Node | None, shown: str, under: str = "") -> None:
    """A key given twice (two `join:` lists, pasted from two warnings' suggestions) would keep
    only the second, and the first correction would be lost without a word."""
    if not isinstance(node, yaml.MappingNode):
        return
    first: dict[str, tuple[int | None, yaml.Node]] = {}
    for key, value in node.value:
        where = _line_of(key)
        if key.value in first:
            line, earlier = first[key.value]
            if not under:
                what = f"`{key.value}` is given twice (first on line {line}): only the second would count"
                fix = f"put the entries of both under one `{key.value}:`{_merged(key.value, earlier, value)}"
            else:
                named = f"line {key.value}" if under == "lines" else f"`{key.value}`"
                what = f"{named} is given twice under `{under}` (first on line {line})"
                fix = "keep the one you mean"
            raise InputError(shown, where, what, fix)
        first[key.value] = (where, value)
        if not under:
            _check_given_once(value, shown, key.value)


def _merged(key: str, *nodes: yaml.Node) -> str:
    """The two entries of a key given twice, written as one (`, e.g. `join: [19, 21]``)."""
    if all(isinstance(n, yaml.SequenceNode) for n in nodes):
        items = [item.value for n in nodes for item in n.value if isinstance(item, yaml.ScalarNode)]
        return f", e.g. `{key}: [{', '.join(items)}]`"
    if all(isinstance(n, yaml.MappingNode) for n in nodes):
        pairs = [f"{k.value}: {v.value}" for n in nodes for k, v in n.value if isinstance(v, yaml.ScalarNode)]
        return f", e.g. `{key}: {{{', '.join(pairs)}}}`"
    return ""


def _check_consistent(fixes: Corrections, shown: str, root: yaml.Node | None, first_line: int) -> None:
    """Corrections that say opposite things of one line, or join what has nothing above it."""
    where = {key: _line_of(_find_node(root, key)) if root else None for key in ("join", "no_join", "break_before")}
    for other, says in (("no_join", "starts a paragraph of its own"), ("break_before", "starts a new article")):
        both = sorted(fixes.join & getattr(fixes, other))
        if both:
            raise InputError(
                shown,
                where["join"],
                f"line {both[0]} is in `join` (it continues the paragraph above) and in `{other}` (it {says})",
                "keep it in the one you mean",
            )
    if first_line in fixes.join:
        raise InputError(
            shown,
            where["join"],
            f"`join` names line {first_line}, the first line of the text: there is nothing above it to join",
            "remove it from `join`",
        )


# The lines a sidecar names, as they read: (its digest, ((line, text), …)) — kept by the
# conversion, so that a page file edited after its corrections were written is noticed.
FixedLines = tuple[str, tuple[tuple[int, str, int | None], ...]]  # (…, (line, text, sidecar line))


def fixed_lines(fixes: Corrections, text: str, first_line: int) -> FixedLines:
    """The lines `fixes` name, as the page's text (from file line `first_line` on) has them."""
    lines = text.split("\n")
    return fixes.digest, tuple((n, lines[n - first_line].strip(), fixes.places.get(n)) for n in sorted(fixes.named()))


# A named line that reads at least this much as it did (difflib's ratio) is the same line,
# edited in place (a typo put right): the correction still holds — unless the page has the
# line as it read on another line now (lines inserted above it: `本报记者 李四` above
# `本报记者 王小明` reads much alike). Less alike, and the number names another line.
SAME_LINE = 0.5


def _changed_lines(rel: str, now: FixedLines, kept: dict) -> list[tuple[int, str, str, int | None]]:
    """The lines the sidecar names that read otherwise than when it was written: (line, then,
    now, sidecar line). None of a new or edited sidecar (or of one kept in another form)."""
    before = kept.get(rel)
    if before is None or before[0] != now[0] or any(len(entry) != 3 for entry in before[1]):
        return []
    then = {n: text for n, text, _ in before[1]}
    return [(n, then[n], text, at) for n, text, at in now[1] if n in then and then[n] != text]


def _alike(then: str, now: str) -> bool:
    return difflib.SequenceMatcher(None, then, now, autojunk=False).ratio() >= SAME_LINE


def stale_correction(
    rel: str, now: FixedLines | None, kept: dict, page_lines: Callable[[], dict[int, str]]
) -> Problem | None:
    """The error of a page file edited above a line its sidecar names since the sidecar was
    written: the number names another line now, and the page would be cut there, wrongly.
    Where the line it named now is, if the page has it once (`page_lines`: file line → text).
    Each sidecar's lines are kept as they read when it was first seen or last edited (`kept`:
    the conversion cache's lasting table, rel → FixedLines), so this is told on the machine
    that converted the page before: a fresh clone takes the sidecar as it is written."""
    changed = _changed_lines(rel, now, kept) if now else []
    if not changed:
        return None
    lines = page_lines()
    at_lines = {text: [n for n, line in lines.items() if line == text] for _, text, _, _ in changed}

    def moved(change: tuple[int, str, str, int | None]) -> bool:
        n, then, text, _ = change
        return not _alike(then, text) or any(line != n for line in at_lines[then])

    stale = [change for change in changed if moved(change)]
    if not stale:
        return None
    n, old, new, at = stale[0]
    others = f" (and {len(stale) - 1} other line(s) it names)" if len(stale) > 1 else ""
    found = at_lines[old]
    fix = (
        f"“{old[:24]}” is line {found[0]} now: write {found[0]} for {n} in it"
        if len(found) == 1
        else f"check its line numbers against {rel} (convert --explain shows the lines) and correct them"
    )
    if _alike(old, new):
        # (a line printed twice on the page, `（上接第一版）`, one of them edited: it may be that one)
        fix += f"; if line {n} itself was edited and is still the line meant, change the sidecar in any way to say so"
    return Problem(
        sidecar_name(rel),
        at,
        f"names line {n}{others}, which read “{old[:24]}” when the correction was written and reads “{new[:24]}” "
        "now: the page file was edited above it since, and the correction would cut another line",
        fix,
    )


def check_fixed_lines(
    pages: list[tuple[str, FixedLines | None]], kept: dict, report: Report, stale: frozenset[str] = frozenset()
) -> None:
    """Tell of the lines a sidecar names that were edited in place since it was written: the
    correction holds for the line as it reads now, which is kept — told once. `kept`: the
    conversion cache's lasting table (rel → FixedLines); `stale`: the pages whose sidecars
    `stale_correction` found to name other lines now (told already; kept as they were)."""
    seen = {}
    for rel, now in pages:
        if not now or not now[1] or rel in stale:
            continue
        edited = _changed_lines(rel, now, kept)
        seen[rel] = now
        if edited:
            n, old, new, at = edited[0]
            others = f" (and {len(edited) - 1} other line(s) it names)" if len(edited) > 1 else ""
            report.warn(
                sidecar_name(rel),
                at,
                f"names line {n}{others}, which read “{old[:24]}” when the correction was written and reads "
                f"“{new[:24]}” now: taken for the same line, edited, the correction applies to it",
                f"nothing to do if that is the line you meant; if not, correct the line numbers against {rel} "
                "(convert --explain shows the lines)",
            )
    kept.update(seen)  # (a file not converted this run keeps what its lines read)
