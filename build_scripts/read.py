"""Read source files: find them, decode them, normalise them, resolve their issue metadata.

Everything that touches the raw bytes of `source_texts/` lives here, so the parser only ever
sees clean text and every problem is reported with the file and line it came from.
"""

from __future__ import annotations

import codecs
import datetime as dt
import os
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from .config import ARCHIVE_FILE, WORD_LIST_FILE, ArchiveConfig
from .model import PageMeta, SourcePage
from .problems import InputError, Report

FILE_NAME_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:_(\d{1,3})(?:_(.+))?)?$")
HEADER_KEYS = {"date", "page", "page_name", "paper", "encoding"}
SIDECAR_SUFFIX = ".fix.yml"
MAX_FILE_BYTES = 64 * 1024 * 1024

# Byte-order marks, longest first (UTF-32 LE starts like UTF-16 LE).
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
# Encodings Chinese newspaper texts come in; detection is limited to these so that a GBK
# file is never read as, say, Korean.
_CANDIDATES = ["gb18030", "big5", "utf_16_le", "utf_16_be"]

_ZERO_WIDTH = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}
_SPACES = {"\u00a0", "\u3000", "\u2002", "\u2003", "\u2009", "\u202f", "\u205f", "\t"}


@dataclass(frozen=True)
class Discovered:
    path: Path
    rel: str  # relative to the source folder, forward slashes


# ---------------------------------------------------------------------------------------
# Finding files
# ---------------------------------------------------------------------------------------


def discover(source_dir: Path, report: Report) -> list[Discovered]:
    """Every `*.txt` under source_dir, sorted; other files are ignored with a notice and
    links that lead outside the folder are refused."""
    root = source_dir.resolve()
    found: list[Discovered] = []
    for dirpath, dirnames, filenames in os.walk(source_dir, followlinks=False):
        dirnames.sort()
        for name in sorted(filenames + [d for d in dirnames if (Path(dirpath) / d).is_symlink()]):
            path = Path(dirpath) / name
            rel = path.relative_to(source_dir).as_posix()
            if name.startswith("."):
                continue
            if path.is_symlink():
                target = path.resolve()
                if not target.is_relative_to(root):
                    raise InputError(
                        rel, None, f"is a link to {target}, outside {source_dir}",
                        "copy the file into the source folder instead of linking to it",
                    )
                if path.is_dir():
                    report.notice(rel, None, "linked folder not followed", "move its files into the source folder")
                    continue
            if rel == WORD_LIST_FILE:
                continue  # the search word list (zh-search `user_dict`), not an issue
            if not name.endswith(".txt"):
                if name != ARCHIVE_FILE and not name.endswith(SIDECAR_SUFFIX):
                    report.notice(rel, None, "ignored: only .txt files are issue texts")
                continue
            found.append(Discovered(path, rel))
    return found


# ---------------------------------------------------------------------------------------
# Bytes to text
# ---------------------------------------------------------------------------------------


def _declared_encoding(raw: bytes) -> str | None:
    """`encoding:` in the file's YAML header; the header is ASCII in every encoding we read."""
    head = raw[:2048].decode("latin-1")
    if not re.match(r"\A(?:\ufeff|ï»¿)?---\s*\n", head.replace("\r\n", "\n")):
        return None
    m = re.search(r"^encoding:\s*['\"]?([\w.-]+)", head, re.MULTILINE)
    return m.group(1) if m else None


def _line_of_offset(raw: bytes, offset: int) -> int:
    return raw.count(b"\n", 0, offset) + 1


def decode(raw: bytes, rel: str, default_encoding: str | None = None) -> tuple[str, str]:
    """Return (text, encoding used). Raises InputError naming the byte offset when the bytes
    cannot be text."""
    for bom, name in _BOMS:
        if raw.startswith(bom):
            try:
                return raw[len(bom):].decode(name), name
            except UnicodeDecodeError as exc:
                offset = exc.start + len(bom)
                raise InputError(
                    rel, None, f"starts with a {name} byte-order mark but byte {offset} is not valid {name}",
                    "re-save the file in one encoding (UTF-8 is best)",
                ) from None
    declared = _declared_encoding(raw) or default_encoding
    if declared:
        try:
            codecs.lookup(declared)
        except LookupError:
            raise InputError(rel, 1, f"unknown encoding '{declared}'", "use e.g. utf-8, gb18030, big5 or utf-16") from None
        try:
            return raw.decode(declared), declared
        except UnicodeDecodeError as exc:
            raise InputError(
                rel, _line_of_offset(raw, exc.start),
                f"byte {exc.start} (0x{raw[exc.start]:02x}) is not valid {declared}, the declared encoding",
                "fix the declared `encoding:` or re-save the file as UTF-8",
            ) from None
    if _looks_binary(raw):
        raise InputError(
            rel, None, "is not a text file (it contains binary data)",
            "remove it from the source folder or export the issue as plain text",
        )
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        detected = _detect(raw)
        if detected:
            return detected
        offset = utf8_error.start
        raise InputError(
            rel, _line_of_offset(raw, offset),
            f"cannot be decoded: byte {offset} (0x{raw[offset]:02x}) is not UTF-8 and no Chinese encoding fits the file",
            "re-save the file as UTF-8, or declare its encoding with `encoding: gb18030` in a header",
        ) from None


def _looks_binary(raw: bytes) -> bool:
    sample = raw[:8192]
    if not sample:
        return False
    # UTF-16 text without a BOM has many NULs too, but in a regular pattern at every other
    # byte; binary files have them scattered, and control bytes besides.
    nul = sample.count(0)
    if nul == 0:
        return False
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if max(even, odd) > 0.9 * nul and nul > len(sample) * 0.2:
        return False
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return controls > len(sample) * 0.05


def _detect(raw: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    best = from_bytes(raw, cp_isolation=_CANDIDATES).best()
    if best is None:
        return None
    try:
        return raw.decode(best.encoding), best.encoding
    except UnicodeDecodeError:
        return None


# ---------------------------------------------------------------------------------------
# Normalisation
# ---------------------------------------------------------------------------------------


def normalise(text: str, rel: str, first_line: int, report: Report) -> str:
    """Unify line endings and spaces; drop zero-width and control characters. Whatever is
    removed is counted in one warning per file, with the lines where it happened."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    removed: Counter[str] = Counter()
    lines_touched: list[int] = []
    out_lines = []
    for offset, line in enumerate(text.split("\n")):
        chars = []
        touched = False
        for ch in line:
            if ch in _SPACES:
                chars.append(" ")
            elif ch in _ZERO_WIDTH:
                removed["zero-width"] += 1
                touched = True
            elif unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn") and ch != "\n":
                removed["NUL" if ch == "\0" else "control" if unicodedata.category(ch) == "Cc" else "invalid"] += 1
                touched = True
            else:
                chars.append(ch)
        if touched:
            lines_touched.append(first_line + offset)
        out_lines.append("".join(chars))
    if removed:
        counts = ", ".join(f"{n} {kind}" for kind, n in sorted(removed.items()))
        shown = ", ".join(map(str, lines_touched[:10])) + (" …" if len(lines_touched) > 10 else "")
        report.warn(rel, lines_touched[0], f"removed {sum(removed.values())} invisible character(s) ({counts}) on line(s) {shown}",
                    "nothing to do unless those characters mattered")
    return "\n".join(out_lines)


# ---------------------------------------------------------------------------------------
# Metadata
# ---------------------------------------------------------------------------------------


def split_header(text: str, rel: str) -> tuple[dict, str, int]:
    """Split an optional `---` YAML header from the text. Returns (header, body, first body line)."""
    if not text.startswith("---\n") and text.rstrip("\n") != "---":
        return {}, text, 1
    lines = text.split("\n")
    for end in range(1, len(lines)):
        if lines[end].strip() == "---":
            break
    else:
        raise InputError(rel, 1, "the header opened with `---` is never closed", "add a line `---` after the header")
    try:
        header = yaml.safe_load("\n".join(lines[1:end])) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 2
        raise InputError(rel, line, f"the header is not valid YAML ({getattr(exc, 'problem', exc)})",
                         "write it as `key: value` lines, e.g. `date: 2022-01-28`") from None
    if not isinstance(header, dict):
        raise InputError(rel, 2, "the header must be `key: value` lines", "e.g. `date: 2022-01-28`")
    unknown = set(map(str, header)) - HEADER_KEYS
    if unknown:
        raise InputError(rel, 2, f"unknown header key(s): {', '.join(sorted(unknown))}",
                         f"allowed: {', '.join(sorted(HEADER_KEYS))}")
    return header, "\n".join(lines[end + 1:]), end + 2


def _date_from(value: object, rel: str, line: int | None, origin: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise InputError(rel, line, f"{origin} has an impossible date '{value}'",
                         "write a real calendar date as YYYY-MM-DD") from None


def resolve_meta(rel: str, header: dict, config: ArchiveConfig, report: Report) -> PageMeta:
    stem = Path(rel).name[: -len(".txt")]
    m = FILE_NAME_RE.match(stem)
    name_date = name_page = name_page_name = None
    if m:
        year, month, day, page, page_name = m.groups()
        try:
            name_date = dt.date(int(year), int(month), int(day))
        except ValueError:
            raise InputError(rel, None, f"the file name has an impossible date {year}-{month}-{day}",
                             "rename the file to a real date (YYYY-MM-DD.txt)") from None
        name_page = int(page) if page else None
        name_page_name = page_name
    if "date" in header:
        date = _date_from(header["date"], rel, 2, "the header")
        if name_date and name_date != date:
            report.warn(rel, 2, f"header date {date} differs from the file name's {name_date}; using the header",
                        "rename the file or fix the header")
    elif name_date:
        date = name_date
    else:
        raise InputError(
            rel, None, "no date: the file name is not YYYY-MM-DD[_NN[_版名]].txt and there is no header date",
            "rename it (e.g. 2022-01-28_01_要闻.txt) or start it with a header `---` / `date: 2022-01-28` / `---`",
        )
    page = header.get("page", name_page)
    if page is not None:
        if isinstance(page, bool) or not isinstance(page, int) and not str(page).isdigit():
            raise InputError(rel, 2, f"page '{page}' is not a number", "write the 版 number, e.g. `page: 3`")
        page = int(page)
        if not 0 < page < 1000:
            raise InputError(rel, 2, f"page {page} is out of range", "use the 版 number, 1–999")
    page_name = str(header.get("page_name") or name_page_name or "")
    paper = str(header.get("paper") or config.paper.title)
    return PageMeta(date=date, page=page, page_name=page_name, paper=paper)


# ---------------------------------------------------------------------------------------
# One file
# ---------------------------------------------------------------------------------------


def read_source(found: Discovered, config: ArchiveConfig, report: Report) -> SourcePage:
    rel = found.rel
    size = found.path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise InputError(rel, None, f"is {size // 2**20} MB, larger than one issue can be",
                         "split it into one file per page (YYYY-MM-DD_NN.txt)")
    raw = found.path.read_bytes()
    text, encoding = decode(raw, rel, config.encoding)
    if encoding.lower().replace("_", "-") not in ("utf-8", "ascii"):
        report.notice(rel, None, f"read as {encoding}")
    text = normalise(text, rel, 1, report)
    header, body, first_line = split_header(text, rel)
    meta = resolve_meta(rel, header, config, report)
    return SourcePage(path=rel, meta=meta, text=body, first_line=first_line)
