"""Source files in every encoding Chinese texts come in decode to the same text; a declared
encoding wins; bytes that are text in no allowed encoding are an error naming the byte."""

from __future__ import annotations

import codecs

import pytest
from conftest import SAMPLE_TEXT, make_archive
from inputs import TRADITIONAL_TEXT, assert_no_traceback, convert, records

from build_scripts.ingest.decoding import MIN_DETECT_BYTES, decode
from build_scripts.problems import InputError

SIMPLIFIED = SAMPLE_TEXT  # the sample page: Simplified Chinese, 浙江日报


def _encoded(text: str, encoding: str, bom: bytes = b"") -> bytes:
    return bom + text.encode(encoding)


# (id, text, bytes, the codec that must be used)
FILES = [
    ("utf-8", SIMPLIFIED, _encoded(SIMPLIFIED, "utf-8"), "utf-8"),
    ("utf-8 with BOM", SIMPLIFIED, _encoded(SIMPLIFIED, "utf-8", codecs.BOM_UTF8), "utf-8"),
    ("gb18030", SIMPLIFIED, _encoded(SIMPLIFIED, "gb18030"), "gb18030"),
    ("gbk", SIMPLIFIED, _encoded(SIMPLIFIED, "gbk"), "gb18030"),
    ("big5", TRADITIONAL_TEXT, _encoded(TRADITIONAL_TEXT, "big5"), "cp950"),
    ("big5 as Windows writes it (cp950)", TRADITIONAL_TEXT, _encoded(TRADITIONAL_TEXT, "cp950"), "cp950"),
    ("utf-16 le with BOM", SIMPLIFIED, _encoded(SIMPLIFIED, "utf-16-le", codecs.BOM_UTF16_LE), "utf-16-le"),
    ("utf-16 be with BOM", SIMPLIFIED, _encoded(SIMPLIFIED, "utf-16-be", codecs.BOM_UTF16_BE), "utf-16-be"),
    ("utf-16 le without BOM", SIMPLIFIED, _encoded(SIMPLIFIED, "utf-16-le"), "utf-16-le"),
    ("utf-16 be without BOM", TRADITIONAL_TEXT, _encoded(TRADITIONAL_TEXT, "utf-16-be"), "utf-16-be"),
    ("utf-32 with BOM", TRADITIONAL_TEXT, _encoded(TRADITIONAL_TEXT, "utf-32-le", codecs.BOM_UTF32_LE), "utf-32-le"),
]


@pytest.mark.parametrize(("text", "raw", "codec"), [f[1:] for f in FILES], ids=[f[0] for f in FILES])
def test_each_encoding_decodes_to_the_same_text(text, raw, codec):
    decoded = decode(raw, "2022-01-28.txt")
    assert decoded.text == text
    assert decoded.encoding == codec


def test_gbk_and_big5_files_convert_to_the_same_articles_as_utf8(tmp_path):
    """Through the whole converter: a GBK and a Big5 file give the pages their UTF-8 twins give."""
    files = {"2022-01-28.txt": SIMPLIFIED.encode("gbk"), "2022-01-29.txt": TRADITIONAL_TEXT.encode("big5")}
    twins = {"2022-01-28.txt": SIMPLIFIED, "2022-01-29.txt": TRADITIONAL_TEXT}
    legacy = make_archive(tmp_path / "legacy", files, with_sample=False)
    utf8 = make_archive(tmp_path / "utf8", twins, with_sample=False)
    result = convert(legacy)
    assert result.returncode == 0, result.stderr
    assert convert(utf8).returncode == 0
    assert records(legacy) == records(utf8)
    assert "note: 2022-01-28.txt: read as gb18030 (detected)" in result.stderr
    assert "note: 2022-01-29.txt: read as cp950 (detected)" in result.stderr


def test_detection_tells_gbk_from_big5_from_16_characters_on():
    """Every stretch of at least MIN_DETECT_BYTES non-ASCII bytes of both texts is read right."""
    for text, encoding in ((SIMPLIFIED, "gbk"), (TRADITIONAL_TEXT, "big5")):
        for start in range(0, len(text) - 40, 37):
            piece = text[start : start + 16]
            raw = piece.encode(encoding)
            if sum(b >= 0x80 for b in raw) < MIN_DETECT_BYTES:
                continue
            assert decode(raw, "x.txt").text == piece, (encoding, piece)


def test_too_few_characters_to_tell_is_an_error_asking_for_a_declaration():
    raw = "记者会".encode("gbk")  # also valid Big5 (暮氪頗): no way to tell
    with pytest.raises(InputError) as caught:
        decode(raw, "2022-01-28.txt")
    message = str(caught.value)
    assert message.startswith("2022-01-28.txt:1: is not UTF-8 (byte 0 (0xbc))")
    assert "encoding: gb18030" in message


def test_a_declared_encoding_wins_over_detection():
    body = "记者会".encode("gbk")
    as_gb = decode(b"---\nencoding: gb18030\n---\n" + body, "x.txt")
    as_big5 = decode(b"---\nencoding: big5\n---\n" + body, "x.txt")
    assert as_gb.text.endswith("记者会") and as_gb.how == "declared in the file"
    assert as_big5.text.endswith("暮氪頗")


def test_gb2312_declaration_reads_gbk_characters():
    # 朱镕基: 镕 is not in GB2312, but files labelled GB2312 carry it all the time.
    raw = b"---\nencoding: GB2312\n---\n" + "朱镕基".encode("gbk")
    assert decode(raw, "x.txt").text.endswith("朱镕基")


def test_archive_encoding_applies_to_files_that_are_not_utf8(tmp_path):
    short_gbk = "---\ndate: 2022-01-29\n---\n标题\n\n正文。\n".encode("gbk")
    project = make_archive(tmp_path, {"a.txt": short_gbk, "2022-01-30.txt": "标题\n\n正文。\n"}, with_sample=False)
    yml = project / "source_texts/archive.yml"
    assert convert(project).returncode == 2  # too short to detect
    yml.write_text(yml.read_text(encoding="utf-8") + "encoding: gb18030\n", encoding="utf-8")
    result = convert(project)
    assert result.returncode == 0, result.stderr
    assert [r["title"] for r in records(project)] == ["标题", "标题"]
    assert "a.txt: read as gb18030 (archive.yml)" in result.stderr


def test_utf8_with_a_stray_zero_byte_stays_utf8():
    raw = SIMPLIFIED.encode()
    decoded = decode(raw[:101] + b"\0" + raw[101:], "x.txt")  # 101: an odd offset, as in UTF-16 LE
    assert decoded.encoding == "utf-8" and decoded.text.replace("\0", "") == SIMPLIFIED


def test_a_byte_order_mark_wins_over_a_declaration():
    raw = codecs.BOM_UTF8 + "---\nencoding: gb18030\n---\n标题\n".encode()
    assert decode(raw, "x.txt").text.endswith("标题\n")


def _damaged(text: str, encoding: str, at: int, bad: bytes) -> tuple[bytes, int]:
    """The text encoded, with `bad` inserted before character `at`; and the byte offset."""
    head = text[:at].encode(encoding)
    return head + bad + text[at:].encode(encoding), len(head)


DAMAGED_UTF8, DAMAGED_UTF8_AT = _damaged(SIMPLIFIED, "utf-8", 150, b"\xff")
BAD_GBK, BAD_GBK_AT = _damaged(SIMPLIFIED, "gbk", 200, b"\xff")
DECLARED_BIG5 = b"---\nencoding: big5\n---\n" + SIMPLIFIED.encode("gbk")


# (0x81 0x40 is GB18030, as nearly any two bytes are, but neither Big5 nor Hong Kong's)
def test_a_big5_file_with_hong_kongs_characters_is_read_only_once_declared():
    """Big5-HKSCS gives characters Big5 lacks (𨋢, 嘅) the bytes a Taiwan font gives characters
    of its own: guessed, a Taiwan file would be read with wrong characters and no error. So
    the error says how to declare it, and the declared file reads."""
    text = TRADITIONAL_TEXT + "𨋢維修嘅安排\n"
    raw = text.encode("big5hkscs")
    with pytest.raises(InputError) as caught:
        decode(raw, "2024-03-07.txt")
    assert "encoding: big5hkscs" in str(caught.value)
    assert str(caught.value).startswith(f"2024-03-07.txt:{text.count(chr(10))}: ")  # its last line
    assert decode(b"---\nencoding: big5hkscs\n---\n" + raw, "2024-03-07.txt").text.endswith("𨋢維修嘅安排\n")


DAMAGED_BIG5 = TRADITIONAL_TEXT.encode("big5") + b"\x81\x40\n"
DAMAGED_BIG5_AT = len(TRADITIONAL_TEXT.encode("big5"))


def _first_error(raw: bytes, codec: str, skip: int) -> int:
    try:
        raw[skip:].decode(codec)
    except UnicodeDecodeError as exc:
        return exc.start + skip
    raise AssertionError("decodes")


@pytest.mark.parametrize(
    ("raw", "offset", "says"),
    [
        # A UTF-8 file with one damaged byte: damaged, not "GB18030".
        (DAMAGED_UTF8, DAMAGED_UTF8_AT, "is UTF-8 but damaged"),
        # GBK text with a byte that is valid in no encoding the rule allows.
        (BAD_GBK, BAD_GBK_AT, "fits neither UTF-8, GB18030 nor Big5"),
        # A declared encoding the bytes do not fit: the first byte Big5 cannot read.
        (DECLARED_BIG5, _first_error(DECLARED_BIG5, "cp950", 24), "the encoding the header declares"),
        (b"---\nencoding: utf-8\n---\n" + "标题".encode("gbk"), 24, "the encoding the header declares"),
        # A Big5 file with a byte no encoding reads far below its first line: that line is named,
        # not the first byte GB18030 cannot read.
        (DAMAGED_BIG5, DAMAGED_BIG5_AT, "fits neither UTF-8, GB18030 nor Big5"),
    ],
    ids=["damaged utf-8", "no encoding fits", "declared big5 but gbk", "declared utf-8 but gbk", "big5 damaged below"],
)
def test_undecodable_bytes_are_an_error_naming_the_byte_and_line(raw, offset, says):
    with pytest.raises(InputError) as caught:
        decode(raw, "2022-01-28.txt")
    message = str(caught.value)
    line = raw.count(b"\n", 0, offset) + 1
    assert message.startswith(f"2022-01-28.txt:{line}: "), message
    assert f"byte {offset} (0x{raw[offset]:02x})" in message
    assert says in message


@pytest.mark.parametrize(("second", "text"), [("gb18030", SIMPLIFIED), ("cp950", TRADITIONAL_TEXT)])
def test_a_file_pasted_together_from_two_encodings_is_an_error_at_the_line_where_the_second_starts(second, text):
    # not where reading the whole file as GB18030 stops: on the UTF-8 part, at its first
    # Chinese character (line 1)
    lines = text.splitlines(keepends=True)
    raw = "".join(lines[:4]).encode("utf-8") + "".join(lines[4:]).encode(second)
    with pytest.raises(InputError) as caught:
        decode(raw, "2022-01-28.txt")
    label = {"gb18030": "GB18030", "cp950": "Big5"}[second]
    assert caught.value.problem.line == 5
    assert f"mixes two encodings: UTF-8 above line 5, {label} from it on" in str(caught.value)


def test_undecodable_file_through_the_cli(tmp_path):
    project = make_archive(tmp_path, {"2022-01-28.txt": DAMAGED_UTF8}, with_sample=False)
    result = convert(project)
    assert result.returncode == 2
    assert_no_traceback(result)
    line = DAMAGED_UTF8.count(b"\n", 0, DAMAGED_UTF8_AT) + 1
    assert result.stderr.startswith(
        f"error: 2022-01-28.txt:{line}: is UTF-8 but damaged: byte {DAMAGED_UTF8_AT} (0xff)"
    )


def test_unknown_declared_encoding_is_an_error_at_its_line():
    with pytest.raises(InputError) as caught:
        decode(b"---\ndate: 2022-01-28\nencoding: klingon\n---\n", "x.txt")
    assert str(caught.value).startswith("x.txt:3: the file's header declares 'klingon'")
