"""Malformed input files, as people really produce them: each has a defined outcome, the one
the "Troubleshooting input files" table of maintainers/input-files.md promises. No traceback, no lost text, and
on an error nothing written."""

from __future__ import annotations

import codecs
import ctypes
import os
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLE_TEXT, make_archive, non_space, run_cli
from inputs import (
    assert_no_traceback,
    assert_problems_are_well_formed,
    records,
    snapshot,
)

ARTICLE = "保护冬奥标志\n\n本报记者 李洁\n\n本报讯 冬奥会将至，市场监管部门开展专项检查。\n"
HEADER = "---\ndate: 2022-01-29\n---\n"


@dataclass
class Case:
    label: str  # as in the troubleshooting table
    files: dict[str, str | bytes] = field(default_factory=dict)
    exit: int = 0
    says: tuple[str, ...] = ()  # regular expressions the converter's stderr must match
    check: Callable[[Path], None] | None = None  # what the output must be
    setup: Callable[[Path], None] | None = None  # things a dict of files cannot make
    unprivileged: bool = False  # run without root's power to read any file


def _one_page_named(project: Path, page_name: str) -> None:
    assert {(row["page"], row["page_name"]) for row in records(project)} == {(2, page_name)}


def _articles(n: int, title: str | None = None) -> Callable[[Path], None]:
    def check(project: Path) -> None:
        rows = records(project)
        assert len(rows) == n
        if title is not None:
            assert rows[0]["title"] == title

    return check


def _keeps_every_character(source: str) -> Callable[[Path], None]:
    def check(project: Path) -> None:
        fields = "".join(r["title"] + r["byline"] + r["dateline"] + r["text"] for r in records(project))
        assert Counter(non_space(fields)) == Counter(non_space(source))

    return check


def _link(name: str, target: str) -> Callable[[Path], None]:
    return lambda source: os.symlink(target, source / name)


def _unreadable(source: Path) -> None:
    path = source / "2022-01-29.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    path.chmod(0)


def _gbk_file_name(source: Path) -> None:
    """As unzipping an archive made on Chinese Windows leaves it: the name's bytes are GBK."""
    name = os.path.join(os.fsencode(source), "2022-01-29_01_要闻.txt".encode("gbk"))
    with open(name, "wb") as file:
        file.write(ARTICLE.encode())


def _no_texts(source: Path) -> None:
    (source / "notes.md").write_text("# notes\n", encoding="utf-8")


def _archive_yml(text: str) -> Callable[[Path], None]:
    return lambda source: (source / "archive.yml").write_text(text, encoding="utf-8")


FIVE_MB = SAMPLE_TEXT * 480
DAMAGED_UTF8 = SAMPLE_TEXT[:150].encode() + b"\xff" + SAMPLE_TEXT[150:].encode()
NO_ENCODING = SAMPLE_TEXT[:200].encode("gbk") + b"\xff" + SAMPLE_TEXT[200:].encode("gbk")


def _line_of(raw: bytes, characters: int) -> int:
    return SAMPLE_TEXT[:characters].count("\n") + 1


LONG_LINE = "本报讯 " + "冬奥会将至，市场监管部门开展专项检查" * 5300 + "。"
NO_HEADLINE = "冬奥会将至，市场监管部门开展专项检查。\n\n检查覆盖全市各大商场和网店。\n"

CASES = [
    Case(
        "Empty file",
        {"2022-01-29.txt": ""},
        says=(r"warning: 2022-01-29\.txt: no article found",),
        check=lambda p: not (p / "docs/2022").exists(),
    ),
    Case(
        "Only blank lines and spaces",
        {"2022-01-29.txt": "\n \u3000\u3000\n\t\n\n"},
        says=(r"warning: 2022-01-29\.txt: no article found",),
        check=lambda p: not (p / "docs/2022").exists(),
    ),
    Case(
        "No detectable headline",
        {"2022-01-29.txt": NO_HEADLINE},
        says=(r"warning: 2022-01-29\.txt:1: unsure: article without headline",),
        check=lambda p: (_articles(1, "")(p), _keeps_every_character(NO_HEADLINE)(p)),
    ),
    Case(
        "Only a headline, no text",
        {"2022-01-29.txt": "春节假期全省旅游市场平稳有序\n"},
        says=(r"warning: 2022-01-29\.txt:1: “春节假期全省旅游市场平稳有序” has no text below it — check",),
        check=_articles(1),
    ),
    Case(
        "A 5 MB file",
        {"2022-01-29.txt": FIVE_MB},
        check=lambda p: (_articles(4 * 480)(p), _keeps_every_character(FIVE_MB)(p)),
    ),
    Case(
        "One 100,000-character line",
        {"2022-01-29.txt": LONG_LINE},
        says=(r"article without headline",),
        check=lambda p: (_articles(1)(p), _keeps_every_character(LONG_LINE)(p)),
    ),
    Case(
        "Binary file named .txt",
        {"2022-01-29.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4},
        exit=2,
        says=(
            r"^error: 2022-01-29\.txt: is not a text file: it holds binary data \(byte 8 is a zero byte\) — remove it",
        ),
    ),
    Case(
        "Word document renamed .txt",
        {"2022-01-29.txt": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500)},
        exit=2,
        says=(
            r"^error: 2022-01-29\.txt: is a Word \(\.doc\) or other Office document, not plain text — open it and save it as plain text",
        ),
    ),
    Case(
        "RTF or web page saved as .txt",
        {
            "2022-01-29.txt": "{\\rtf1\\ansi\\ansicpg936 保护冬奥标志}",
            "2022-01-30.txt": "<!DOCTYPE html>\n<html><body>标题</body></html>",
        },
        exit=2,
        says=(r"^error: 2022-01-29\.txt: is an RTF document, not plain text",),
    ),
    Case(
        "Damaged UTF-8",
        {"2022-01-29.txt": DAMAGED_UTF8},
        exit=2,
        says=(
            rf"^error: 2022-01-29\.txt:{_line_of(DAMAGED_UTF8, 150)}: is UTF-8 but damaged: byte {len(SAMPLE_TEXT[:150].encode())} \(0xff\) is not valid UTF-8 — retype",
        ),
    ),
    Case(
        "Bytes that are no Chinese encoding",
        {"2022-01-29.txt": NO_ENCODING},
        exit=2,
        says=(
            rf"^error: 2022-01-29\.txt:{_line_of(NO_ENCODING, 200)}: cannot be decoded: byte {len(SAMPLE_TEXT[:200].encode('gbk'))} \(0xff\) fits neither UTF-8, GB18030 nor Big5 — save the file as UTF-8",
        ),
    ),
    Case(
        "GBK file",
        {"2022-01-29.txt": ARTICLE.encode("gbk")},
        says=(r"note: 2022-01-29\.txt: read as gb18030 \(detected\)",),
        check=_articles(1, "保护冬奥标志"),
    ),
    Case(
        "Very short file in GBK",
        {"2022-01-29.txt": "短讯\n\n正文。\n".encode("gbk")},
        exit=2,
        says=(
            r"^error: 2022-01-29\.txt:1: is not UTF-8 \(byte 0 \(0xb6\)\), and its 10 non-ASCII bytes are too few to tell GB18030 from Big5 — save it as UTF-8, or declare",
        ),
    ),
    Case(
        "Impossible date in the file name",
        {"2022-02-30.txt": ARTICLE},
        exit=2,
        says=(r"^error: 2022-02-30\.txt: the file name has an impossible date 2022-02-30 — rename",),
    ),
    Case(
        "Impossible date in the header",
        {"a.txt": "---\ndate: 2022-13-01\n---\n" + ARTICLE},
        exit=2,
        says=(r"^error: a\.txt:2: the header has an impossible date '2022-13-01'",),
    ),
    Case(
        "Date in another form",
        {"a.txt": "---\npage: 2\ndate: 28.01.2022\n---\n" + ARTICLE},
        exit=2,
        says=(
            r"^error: a\.txt:3: the header has '28\.01\.2022', which is not a date in the form YYYY-MM-DD — write it like 2022-01-28",
        ),
    ),
    Case(
        "`：` instead of `:` in the header",
        {"a.txt": "---\ndate：2022-02-02\npage: 3\n---\n" + ARTICLE},
        exit=2,
        says=(
            r"^error: a\.txt:2: the header line `date：2022-02-02` uses a full-width colon `：` — write an ASCII colon",
        ),
    ),
    Case(
        "Date before any newspaper",
        {"1022-01-28.txt": ARTICLE},
        exit=2,
        says=(
            r"^error: 1022-01-28\.txt: the file name has the date 1022-01-28, before any newspaper — check the year",
        ),
    ),
    Case(
        "Date in the future",
        {"2999-01-28.txt": ARTICLE},
        says=(r"warning: 2999-01-28\.txt: the file name has the date 2999-01-28, which is in the future",),
        check=_articles(1),
    ),
    Case(
        "Extension typed twice",
        {"2022-01-29_02_要闻.txt.txt": ARTICLE},
        says=(
            r"warning: 2022-01-29_02_要闻\.txt\.txt: the file name ends in \.txt twice; read as one — rename the file to 2022-01-29_02_要闻\.txt",
        ),
        check=lambda project: _one_page_named(project, "要闻"),
    ),
    Case(
        "No date anywhere",
        {"scan 0001.txt": ARTICLE},
        exit=2,
        says=(
            r"^error: scan 0001\.txt: no date: .* — rename it \(e\.g\. 2022-01-28_01_要闻\.txt\) or start it with a header",
        ),
    ),
    Case(
        "Two files for the same date and 版",
        {"2022/2022-01-29_02.txt": ARTICLE, "extra/2022-01-29_02_要闻.txt": ARTICLE},
        exit=2,
        says=(
            r"^error: extra/2022-01-29_02_要闻\.txt: is a second file for 2022-01-29 \(page 2\); 2022/2022-01-29_02\.txt is the first — merge",
        ),
    ),
    Case(
        "版 number out of range",
        {"2022-01-29_00.txt": ARTICLE},
        exit=2,
        says=(r"^error: 2022-01-29_00\.txt: page 0 is out of range — use the 版 number, 1–999",),
    ),
    Case(
        "Header with a typo",
        {"2022-01-29.txt": "---\npage: 2\ndata: 2022-01-29\n---\n" + ARTICLE},
        exit=2,
        says=(r"^error: 2022-01-29\.txt:3: unknown header key 'data' — did you mean `date`\?",),
    ),
    Case(
        "Header never closed",
        {"2022-01-29.txt": "---\ndate: 2022-01-29\n" + ARTICLE},
        exit=2,
        says=(r"^error: 2022-01-29\.txt:1: the header opened with `---` is never closed",),
    ),
    Case(
        "Header key given twice",
        {"a.txt": "---\ndate: 2022-01-29\npage: 1\ndate: 2022-01-30\n---\n" + ARTICLE},
        exit=2,
        says=(r"^error: a\.txt:4: `date` is given twice in the header \(first on line 2\)",),
    ),
    Case(
        "YAML tag in the header",
        {"2022-01-29.txt": "---\npaper: !!python/object/apply:os.system ['touch PWNED']\n---\n" + ARTICLE},
        exit=2,
        says=(r"^error: 2022-01-29\.txt:2: `paper` carries a YAML tag",),
        check=lambda p: not (p / "PWNED").exists() and not (ROOT / "PWNED").exists(),
    ),
    Case(
        "Header after blank lines",
        {"a.txt": "\n\n" + HEADER + ARTICLE},
        check=lambda p: records(p)[0]["source"]["first_line"] == 6,
    ),
    Case(
        "Link to a file outside source_texts/",
        setup=_link("2022-01-29.txt", "/etc/hostname"),
        exit=2,
        says=(
            r"^error: 2022-01-29\.txt: is a link to /etc/hostname, outside .* — copy the file into the source folder",
        ),
    ),
    Case(
        "Link to a file inside source_texts/",
        {"2022/2022-01-29.txt": ARTICLE},
        setup=_link("2022-01-30.txt", "2022/2022-01-29.txt"),
        check=_articles(2),
    ),
    Case(
        "Broken link",
        setup=_link("2022-01-29.txt", "gone.txt"),
        exit=2,
        says=(r"^error: 2022-01-29\.txt: is a link to .*gone\.txt, which does not exist",),
    ),
    Case(
        "File that cannot be read",
        setup=_unreadable,
        unprivileged=True,
        exit=2,
        says=(r"^error: 2022-01-29\.txt: cannot be read \(Permission denied\) — check",),
    ),
    Case(
        "Files that are not .txt",
        {"2022-01-29.txt": ARTICLE, "2022-01-29.docx": b"PK\x03\x04", "scan.pdf": b"%PDF-1.4"},
        says=(r"note: 2022-01-29\.docx: ignored: only \.txt files are issue texts", r"note: scan\.pdf: ignored"),
        check=_articles(1),
    ),
    Case(
        "Hidden and system files",
        {
            "2022-01-29.txt": ARTICLE,
            "._2022-01-29.txt": b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X",
            ".DS_Store": b"\x00\x00\x00\x01Bud1",
            ".git/HEAD": "ref: refs/heads/main\n",
        },
        check=_articles(1),
    ),
    Case("Upper-case .TXT", {"2022-01-29.TXT": ARTICLE}, check=_articles(1)),
    Case("Folder named like a text file", {"2022.txt/2022-01-29.txt": ARTICLE}, check=_articles(1)),
    Case(
        "Spaces, Chinese and deep folders in names",
        {"浙江 日报/" + "/".join(f"层{i}" for i in range(40)) + "/2022-01-29_01_要 闻.txt": ARTICLE},
        check=lambda p: records(p)[0]["page_name"] == "要 闻",
    ),
    Case(
        "File name that is not UTF-8",
        setup=_gbk_file_name,
        exit=2,
        says=(
            r"^error: 2022-01-29_01_.*\.txt: the file name is not UTF-8 — rename the file or its folder \(it reads as '2022-01-29_01_要闻\.txt' in GB18030\)",
        ),
    ),
    Case(
        "No .txt files at all",
        setup=_no_texts,
        exit=2,
        says=(r"^error: .*source_texts: holds no issue texts \(\*\.txt\) — put the issue texts there",),
    ),
    Case(
        "archive.yml missing",
        {"2022-01-29.txt": ARTICLE},
        setup=lambda s: (s / "archive.yml").unlink(),
        exit=2,
        says=(r"^error: .*archive\.yml: the archive description is missing — create archive\.yml",),
    ),
    Case(
        "archive.yml with a mistake",
        {"2022-01-29.txt": ARTICLE},
        setup=_archive_yml("paper:\n  title: 浙江日报\n slug: x\n"),
        exit=2,
        says=(r"^error: .*archive\.yml:3: not valid YAML",),
    ),
    Case(
        "archive.yml with a wrong value",
        {"2022-01-29.txt": ARTICLE},
        setup=_archive_yml("paper:\n  title: 浙江日报\n  slug: ../../x\n"),
        exit=2,
        says=(r"^error: .*archive\.yml:3: `paper\.slug` '\.\./\.\./x' is not a plain ASCII name",),
    ),
    Case(
        "Windows Notepad file (UTF-8 with BOM, CRLF)",
        {"2022-01-29.txt": codecs.BOM_UTF8 + ARTICLE.replace("\n", "\r\n").encode()},
        check=lambda p: records(p)[0]["text"] == "冬奥会将至，市场监管部门开展专项检查。",
    ),
    Case(
        "Windows Notepad file (UTF-16)",
        {"2022-01-29.txt": codecs.BOM_UTF16_LE + ARTICLE.replace("\n", "\r\n").encode("utf-16-le")},
        says=(r"note: 2022-01-29\.txt: read as utf-16-le \(byte-order mark\)",),
        check=_articles(1, "保护冬奥标志"),
    ),
    Case(
        "Word export with line and paragraph separators",
        {"2022-01-29.txt": ARTICLE.replace("\n\n", "\u2029").replace("\n", "\u2028")},
        says=(r"note: 2022-01-29\.txt: line/page separators read as line breaks",),
        check=_articles(1, "保护冬奥标志"),
    ),
    Case(
        "Full-width spaces, tabs and no newline at the end",
        {"2022-01-29.txt": "\u3000\u3000保护冬奥标志\n\n\t本报记者\u3000李洁\n\n\u3000\u3000本报讯 冬奥会将至。"},
        check=lambda p: (
            _articles(1, "保护冬奥标志")(p),
            records(p)[0]["authors"] == ["李洁"] or pytest.fail("byline lost"),
        ),
    ),
    Case(
        "Invisible characters and NUL",
        {"2022-01-29.txt": "保护冬奥\u200b标志\n\n本报讯 冬奥会\x00将至。\ufeff\n"},
        says=(r"note: 2022-01-29\.txt:1: removed 3 invisible characters",),
        check=_articles(1, "保护冬奥标志"),
    ),
]


def _drop_root_powers() -> None:
    """In the child process: give up reading files regardless of their permissions."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        libc.prctl(24, capability, 0, 0, 0)  # PR_CAPBSET_DROP: gone for the program it runs


def run_convert(project: Path, *extra: str, unprivileged: bool = False) -> subprocess.CompletedProcess:
    args = ["convert", "--source", str(project / "source_texts"), "--docs", str(project / "docs"), *extra]
    if not (unprivileged and os.geteuid() == 0):
        return run_cli(*args, cwd=project)
    return subprocess.run(
        [sys.executable, "-m", "build_scripts", *args],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        preexec_fn=_drop_root_powers,
    )


@pytest.mark.parametrize("case", CASES, ids=[c.label for c in CASES])
def test_malformed_input_has_its_defined_outcome(tmp_path, case):
    project = make_archive(tmp_path, case.files, with_sample=False)
    if case.setup:
        case.setup(project / "source_texts")
    before = snapshot(project / "docs")
    result = run_convert(project, unprivileged=case.unprivileged)
    assert_no_traceback(result)
    assert result.returncode == case.exit, result.stderr
    assert_problems_are_well_formed(result)
    for pattern in case.says:
        assert re.search(pattern, result.stderr, re.MULTILINE), f"{pattern!r} not in:\n{result.stderr}"
    if case.exit:
        assert snapshot(project / "docs") == before, "an error must leave docs/ as it was"
    if case.check:
        assert case.check(project) is not False


def test_troubleshooting_table_lists_every_case_with_its_exit_code():
    readme = (ROOT / "maintainers" / "input-files.md").read_text(encoding="utf-8")
    section = readme.split("## Troubleshooting input files", 1)[1].split("\n### ", 1)[0]
    rows = [[cell.strip() for cell in line.split("|")[1:-1]] for line in section.splitlines() if line.startswith("| ")]
    assert rows[0] == ["Input", "What happens", "Exit"] and set(rows[1][0]) == {"-"}
    assert [(row[0], int(row[2])) for row in rows[2:]] == [(case.label, case.exit) for case in CASES]
