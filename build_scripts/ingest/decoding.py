"""Bytes to text: which encoding a source file is in, by a fixed rule, and a clear error with
the byte offset when it is in none.

The rule, first match wins:

1. a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32) — it is certain;
2. `encoding:` in the file's own header;
3. strict UTF-8 — or, when the bytes are not UTF-8, UTF-16 without a byte-order mark,
   recognised by the zero bytes of its ASCII characters (line breaks, digits);
   anything with many zero or control bytes is not text → error;
4. `encoding:` in archive.yml, the archive's encoding for files that are not UTF-8;
5. text that is UTF-8 up to a line and GB18030 or Big5 from it on was pasted together from two
   files → error at that line, naming both encodings;
   text that is UTF-8 except for a few bytes is a damaged UTF-8 file → error at the first bad
   byte (reading it as GB18030 instead would turn the whole file into nonsense);
6. GB18030 (a superset of GBK and GB2312) or Big5 (as Windows writes it, cp950), chosen by
   `charset-normalizer` — but only with at least MIN_DETECT_BYTES non-ASCII bytes: on a handful
   of characters the two are indistinguishable, so a short file must declare its encoding.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from build_scripts.problems import InputError

# Byte-order marks, longest first (UTF-32 LE starts like UTF-16 LE).
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
# What detection chooses from: Chinese newspaper texts come in these, and limiting the choice
# keeps a GBK file from ever being read as, say, Korean.
DETECTED = ("gb18030", "cp950")
# Big5 as Hong Kong writes it, a superset of Big5: named in the error where it would read a
# file neither fits (its extra characters use the bytes a Taiwan font gives characters of its own)
HONG_KONG_BIG5 = "big5hkscs"
# Declared names read with the superset that editors actually write: files labelled GB2312
# routinely hold GBK characters (镕), and Windows writes Big5 as cp950.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030", "big5": "cp950"}
# Below this many non-ASCII bytes (about 16 Chinese characters) GB18030 and Big5 cannot be
# told apart reliably (see `scripts/bench-bad-input`: detection is right every time from
# about 10 characters on, and wrong a third of the time at 4).
MIN_DETECT_BYTES = 32


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # the Python codec used
    how: str  # why: "byte-order mark", "declared in the file", "UTF-8", "archive.yml", "detected"


# Documents that are not plain text but get saved or renamed as .txt.
_DOCUMENTS = [
    (re.compile(rb"\A\{\\rtf"), "an RTF document"),
    (re.compile(rb"\A\xd0\xcf\x11\xe0"), "a Word (.doc) or other Office document"),
    (re.compile(rb"\APK\x03\x04"), "a zip archive (perhaps a .docx document)"),
    (re.compile(rb"\A%PDF-"), "a PDF document"),
    (re.compile(rb"\A(?:\xef\xbb\xbf)?\s*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE), "a web page (HTML)"),
]


def decode(raw: bytes, rel: str, archive_encoding: str | None = None) -> Decoded:
    """Decode one source file by the rule above. Raises InputError naming the byte offset
    (and its line) when the bytes are not text in any encoding the rule allows."""
    for signature, kind in _DOCUMENTS:
        if signature.match(raw):
            raise InputError(
                rel,
                None,
                f"is {kind}, not plain text",
                "open it and save it as plain text (UTF-8), or export the issue as .txt again",
            )
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return Decoded(
                _strict(raw, name, rel, skip=len(bom), why=f"after a {name} byte-order mark"), name, "byte-order mark"
            )

    declared = declared_encoding(raw)
    if declared:
        name = _codec(declared, rel, "the file's header", line=_header_line_of(raw, "encoding"))
        return Decoded(
            _strict(raw, name, rel, why=f"in {declared}, the encoding the header declares"),
            name,
            "declared in the file",
        )

    try:
        utf8: str | None = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8, utf8_error = None, exc
        utf16 = _utf16_without_bom(raw)
        if utf16:
            return utf16

    if _looks_binary(raw):
        offset = raw.find(b"\0")
        where = f" (byte {offset} is a zero byte)" if offset >= 0 else ""
        raise InputError(
            rel,
            None,
            f"is not a text file: it holds binary data{where}",
            "remove it from the source folder; if it is an issue text, export it again as plain text",
        )

    if utf8 is not None:
        return Decoded(utf8, "utf-8", "UTF-8")

    if archive_encoding:
        name = _codec(archive_encoding, "archive.yml", "archive.yml", line=None)
        return Decoded(
            _strict(raw, name, rel, why=f"in {archive_encoding}, the encoding archive.yml declares"),
            name,
            "archive.yml",
        )

    offset = utf8_error.start
    where = f"byte {offset} (0x{raw[offset]:02x})"
    second = _second_encoding(raw, offset)
    if second:
        line = line_of_offset(raw, offset)
        raise InputError(
            rel,
            line,
            f"mixes two encodings: UTF-8 above line {line}, {second} from it on (text pasted from another file?)",
            f"open the file as {second} from line {line} on (or that part's own file), and save it all as UTF-8",
        )
    if _mostly_utf8(raw):
        raise InputError(
            rel,
            line_of_offset(raw, offset),
            f"is UTF-8 but damaged: {where} is not valid UTF-8",
            "retype the character at that spot in an editor and save the file as UTF-8",
        )
    non_ascii = sum(1 for b in raw if b >= 0x80)
    if non_ascii < MIN_DETECT_BYTES:
        raise InputError(
            rel,
            line_of_offset(raw, offset),
            f"is not UTF-8 ({where}), and its {non_ascii} non-ASCII bytes are too few to tell GB18030 from Big5",
            "save it as UTF-8, or declare its encoding in a header (`encoding: gb18030` or `encoding: big5`)",
        )
    detected = detect_chinese_encoding(raw)
    if detected:
        return detected
    # the line where the file stops reading as GB18030 or as Big5, whichever reads further (a
    # file GB18030 reads whole, as it reads most bytes, was found to be no GB18030 text)
    bad = max((at for name in DETECTED if (at := _first_error(raw, name)) is not None), default=0)
    where = f"byte {bad} (0x{raw[bad]:02x})"
    fix = "save the file as UTF-8, or declare its encoding in a header (e.g. `encoding: gb18030`)"
    if _first_error(raw, HONG_KONG_BIG5) is None:
        # Big5 with characters of Hong Kong's (HKSCS: 𨋢, 嘅) — or of a Taiwan font's own,
        # which the same bytes stand for: never read as the one without being told
        fix = (
            "if it is a Hong Kong file, declare `encoding: big5hkscs` (Big5 with Hong Kong's characters); "
            "else save it as UTF-8"
        )
    raise InputError(
        rel, line_of_offset(raw, bad), f"cannot be decoded: {where} fits neither UTF-8, GB18030 nor Big5", fix
    )


# ---------------------------------------------------------------------------------------


def line_of_offset(raw: bytes, offset: int) -> int:
    return raw.count(b"\n", 0, offset) + 1


def _strict(raw: bytes, name: str, rel: str, why: str, skip: int = 0) -> str:
    try:
        return raw[skip:].decode(name)
    except UnicodeDecodeError as exc:
        offset = exc.start + skip
        line = _line_in(raw, offset, name, skip)
        raise InputError(
            rel,
            line,
            f"byte {offset} (0x{raw[offset]:02x}) is not valid {why}",
            "fix the declared encoding, or save the file as UTF-8",
        ) from None


def _line_in(raw: bytes, offset: int, name: str, skip: int) -> int:
    """The line of a byte offset, counting line breaks as the file's encoding writes them."""
    text = raw[skip:offset].decode(name, errors="replace")
    return text.count("\n") + 1


def codec_name(declared: str) -> str | None:
    """The Python codec a declared encoding is read with (its superset, see _SUPERSETS), or
    None when it is not a text encoding."""
    key = declared.strip().lower().replace("_", "-")
    try:
        info = codecs.lookup(_SUPERSETS.get(key.replace("-", ""), key))
    except LookupError:
        return None
    if not getattr(info, "_is_text_encoding", True):  # base64, rot13 …
        return None
    return info.name


def _codec(declared: str, rel: str, where: str, line: int | None) -> str:
    name = codec_name(declared)
    if name is None:
        raise InputError(
            rel,
            line,
            f"{where} declares '{declared}', which is not a text encoding Python knows",
            "use one of utf-8, gb18030, big5, utf-16",
        )
    return name


_HEADER_OPEN = re.compile(rb"\A---[ \t]*\r?\n")
_HEADER_ENCODING = re.compile(rb"^encoding[ \t]*:[ \t]*['\"]?([A-Za-z0-9_.-]+)", re.MULTILINE)


def declared_encoding(raw: bytes) -> str | None:
    """`encoding:` inside the file's `---` header. The header is ASCII in every encoding
    this reads without a byte-order mark, so it can be found before decoding."""
    if not _HEADER_OPEN.match(raw):
        return None
    end = re.search(rb"^---[ \t]*\r?$", raw[3:4096], re.MULTILINE)
    header = raw[: end.start() + 3] if end else raw[:4096]
    m = _HEADER_ENCODING.search(header)
    return m.group(1).decode("ascii") if m else None


def _header_line_of(raw: bytes, key: str) -> int | None:
    m = re.search(rb"^" + key.encode() + rb"[ \t]*:", raw[:4096], re.MULTILINE)
    return line_of_offset(raw, m.start()) if m else None


def _utf16_without_bom(raw: bytes) -> Decoded | None:
    """UTF-16 text without a byte-order mark: its ASCII characters (line breaks, digits,
    spaces) put zero bytes all on even (big-endian) or all on odd (little-endian) offsets."""
    if len(raw) < 4 or len(raw) % 2:
        return None
    even, odd = raw[0::2].count(0), raw[1::2].count(0)
    if max(even, odd) < 4 * min(even, odd) + 2:  # a few Chinese characters have a zero byte too (U+4E00)
        return None
    name = "utf-16-be" if even > odd else "utf-16-le"
    try:
        text = raw.decode(name)
    except UnicodeDecodeError:
        return None
    controls = sum(1 for ch in text if ch < " " and ch not in "\n\r\t")
    if "\n" not in text or controls > len(text) * 0.01:
        return None
    return Decoded(text, name, "detected")


_CONTROL_BYTES = bytes(b for b in range(32) if b < 9 or 13 < b < 32 and b != 27)


def _looks_binary(raw: bytes) -> bool:
    """Many zero or control bytes. A few are tolerated (normalise.py removes them and says
    so): text exported by old tools carries the odd stray NUL."""
    sample = raw[:65536]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))  # counted in C: every file is asked
    return controls > max(len(sample) * 0.02, 8)


def _second_encoding(raw: bytes, offset: int) -> str | None:
    """A file pasted together from two: UTF-8 with Chinese in it up to the line where the
    first byte UTF-8 cannot read is (`offset`), and GB18030 or Big5 from that line on, not
    UTF-8 with a few damaged bytes. The name of the second encoding, or None."""
    start = raw.rfind(b"\n", 0, offset) + 1
    head, rest = raw[:start], raw[start:]
    if any(sum(1 for b in part if b >= 0x80) < MIN_DETECT_BYTES for part in (head, rest)) or _mostly_utf8(rest):
        return None
    detected = detect_chinese_encoding(rest)  # (GB18030 reads most Big5 bytes too: it must be told)
    return {"gb18030": "GB18030", "cp950": "Big5"}.get(detected.encoding) if detected else None


def _mostly_utf8(raw: bytes) -> bool:
    """A UTF-8 file with a few damaged bytes, rather than a file in another encoding: GBK or
    Big5 read as UTF-8 gives about one valid character for every four errors; damaged UTF-8
    gives thousands of valid characters per error."""
    text = raw.decode("utf-8", errors="replace")
    errors = text.count("\ufffd") - raw.count("\ufffd".encode())
    valid = sum(1 for ch in text if ch >= "\x80") - text.count("\ufffd")
    return valid >= 8 * max(errors, 1)


def detect_chinese_encoding(raw: bytes) -> Decoded | None:
    from charset_normalizer import from_bytes

    # threshold=1.0: Chinese news text is dense in punctuation (“”‘’、，), which the default
    # "mess" threshold takes for noise — it rejected whole GBK pages of the sample.
    best = from_bytes(raw, cp_isolation=list(DETECTED), threshold=1.0).best()
    if best is None:
        return None
    name = codecs.lookup(best.encoding).name
    try:
        return Decoded(raw.decode(name), name, "detected")
    except UnicodeDecodeError:
        return None


def _first_error(raw: bytes, name: str) -> int | None:
    """Where decoding `raw` as `name` fails (None if it does not)."""
    try:
        raw.decode(name)
    except UnicodeDecodeError as exc:
        return exc.start
    return None
