"""Read source files: find them, decode them, normalise them, resolve their issue metadata.

Everything that touches the raw bytes of `source_texts/` lives here (with decoding.py,
normalise.py and header.py), so the parser only ever sees clean text and every problem is
reported with the file and line it came from.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from build_scripts.ingest.archive_config import (
    ArchiveConfig,
)
from build_scripts.ingest.corrections import (
    Corrections,
    load_corrections,
    sidecar_name,
    sidecar_of,
)
from build_scripts.ingest.decoding import decode
from build_scripts.ingest.discover import Discovered, is_issue_text
from build_scripts.ingest.file_names import FILE_NAME_RE, rename_fix
from build_scripts.ingest.header import Header, split_header
from build_scripts.ingest.normalise import normalise
from build_scripts.ingest.source import PageMeta, SourcePage
from build_scripts.problems import InputError, Report

MAX_FILE_BYTES = 64 * 1024 * 1024
# The first newspapers appeared in the 17th century: an earlier year is a typo.
FIRST_YEAR = 1600
DATE_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][0-9:.+Z-]*)?$")


# ---------------------------------------------------------------------------------------
# Metadata
# ---------------------------------------------------------------------------------------


def _line(header: dict, key: str) -> int | None:
    return header.line(key) if isinstance(header, Header) else None


def _date_from(value: object, rel: str, line: int | None, origin: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    m = DATE_RE.match(str(value).strip())
    if not m:
        raise InputError(
            rel, line, f"{origin} has '{value}', which is not a date in the form YYYY-MM-DD", "write it like 2022-01-28"
        )
    try:
        return dt.date(*map(int, m.groups()))
    except ValueError:
        raise InputError(
            rel, line, f"{origin} has an impossible date '{value}'", "write a real calendar date as YYYY-MM-DD"
        ) from None


def _check_year(date: dt.date, rel: str, line: int | None, origin: str, report: Report) -> None:
    if date.year < FIRST_YEAR:
        raise InputError(
            rel, line, f"{origin} has the date {date.isoformat()}, before any newspaper", "check the year for a typo"
        )
    if date > dt.date.today() + dt.timedelta(days=1):
        report.warn(
            rel, line, f"{origin} has the date {date.isoformat()}, which is in the future", "check it for a typo"
        )


def _page_from(value: object, rel: str, line: int | None) -> int:
    text = str(value).strip()
    if isinstance(value, bool) or not (isinstance(value, int) or text.isascii() and text.isdigit()):
        raise InputError(rel, line, f"page '{value}' is not a number", "write the 版 number, e.g. `page: 3`")
    page = int(text)
    if not 0 < page < 1000:
        raise InputError(rel, line, f"page {page} is out of range", "use the 版 number, 1–999")
    return page


def _text_from(value: object, rel: str, line: int | None, key: str) -> str:
    if isinstance(value, (list, dict)):
        raise InputError(rel, line, f"`{key}` must be a single value, not a list or a mapping", f"e.g. `{key}: 要闻`")
    return " ".join(str(value).split()) if value is not None else ""


def resolve_meta(rel: str, header: dict, config: ArchiveConfig, report: Report) -> PageMeta:
    name = Path(rel).name
    stem = name[: -len(".txt")] if is_issue_text(name) else name
    if is_issue_text(stem):
        # `…_要闻.txt.txt`: a system that hides extensions let a second one be typed
        report.warn(rel, None, "the file name ends in .txt twice; read as one", f"rename the file to {stem}")
        stem = stem[: -len(".txt")]
    m = FILE_NAME_RE.fullmatch(stem)
    name_date = name_page = name_page_name = None
    if m:
        year, month, day, page, page_name = m.groups()
        try:
            name_date = dt.date(int(year), int(month), int(day))
        except ValueError:
            raise InputError(
                rel,
                None,
                f"the file name has an impossible date {year}-{month}-{day}",
                "rename the file to a real date (YYYY-MM-DD.txt)",
            ) from None
        name_page = int(page) if page else None
        name_page_name = page_name
    if "date" in header:
        line = _line(header, "date")
        date = _date_from(header["date"], rel, line, "the header")
        _check_year(date, rel, line, "the header", report)
        if name_date and name_date != date:
            given = "header" if line else "`meta` of the .fix.yml sidecar"
            report.warn(
                rel,
                line,
                f"the {given} gives the date {date}, the file name {name_date}; using the {given}",
                f"rename the file or fix the {given}",
            )
    elif name_date:
        date = name_date
        _check_year(date, rel, None, "the file name", report)
    elif re.match(r"^\d{4}-\d{1,2}-\d{1,2}", stem):
        raise InputError(
            rel,
            None,
            "the file name starts with a date but is not YYYY-MM-DD[_NN[_版名]].txt "
            "(two-digit month and day; the 版 as a number, e.g. _04, not _第4版)",
            rename_fix(
                stem,
                "rename it, e.g. 2022-02-03_04_政法.txt, or give the date in a header `---` / `date: 2022-02-03` / `---`",
            ),
        )
    else:
        raise InputError(
            rel,
            None,
            "no date: the file name is not YYYY-MM-DD[_NN[_版名]].txt and there is no header date",
            rename_fix(
                stem,
                "rename it (e.g. 2022-01-28_01_要闻.txt) or start it with a header `---` / `date: 2022-01-28` / `---`",
            ),
        )
    if "page" in header:
        page = _page_from(header["page"], rel, _line(header, "page"))
        if name_page is not None and name_page != page:
            given = "header" if _line(header, "page") else "`meta` of the .fix.yml sidecar"
            report.warn(
                rel,
                _line(header, "page"),
                f"the {given} gives page {page}, the file name {name_page}; using the {given}",
                f"rename the file or fix the {given}",
            )
    elif name_page is not None:
        page = _page_from(name_page, rel, None)
    else:
        page = None
    page_name = _text_from(
        header.get("page_name") or name_page_name or "", rel, _line(header, "page_name"), "page_name"
    )
    paper = _text_from(header.get("paper") or config.paper.title, rel, _line(header, "paper"), "paper")
    return PageMeta(date=date, page=page, page_name=page_name, paper=paper)


# ---------------------------------------------------------------------------------------
# One file
# ---------------------------------------------------------------------------------------


def read_source(found: Discovered, config: ArchiveConfig, report: Report) -> SourcePage:
    rel = found.rel
    if found.refused:
        raise InputError(found.refused.path, found.refused.line, found.refused.what, found.refused.fix)
    try:
        size = found.path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(
                rel,
                None,
                f"is {size // 2**20} MB, larger than one issue can be",
                "split it into one file per page (YYYY-MM-DD_NN.txt)",
            )
        raw = found.path.read_bytes()
    except OSError as exc:
        raise InputError(
            rel,
            None,
            f"cannot be read ({exc.strerror})",
            "check that the file is still there and that you may read it (e.g. chmod a+r)",
        ) from None
    sidecar = sidecar_of(found.path)
    return source_page(rel, raw, config, report, sidecar if sidecar.is_file() else None)


def read_text(rel: str, raw: bytes, encoding: str | None, report: Report) -> tuple[Header, str, int]:
    """Decode and normalise one file's bytes: (header, body, file line of the body)."""
    decoded = decode(raw, rel, encoding)
    if decoded.encoding != "utf-8":
        report.notice(rel, None, f"read as {decoded.encoding} ({decoded.how})")
    text = normalise(decoded.text, rel, report)
    return split_header(text, rel)


def page_lines(path: Path, rel: str, config: ArchiveConfig) -> dict[int, str]:
    """Each line of a page file's text by its file line number, stripped, as a sidecar names
    them (nothing if the file cannot be read again)."""
    try:
        _, body, first_line = read_text(rel, path.read_bytes(), config.encoding, Report())
    except (OSError, InputError):
        return {}
    return {first_line + n: line.strip() for n, line in enumerate(body.split("\n"))}


def _check_meta(meta: dict, lines: dict[str, int | None], sidecar: str) -> None:
    """A sidecar's `meta` values, checked where they are written (the sidecar and its line)."""
    for key, value in meta.items():
        if key == "date":  # (a date in the future is told by `resolve_meta`, which takes it)
            _check_year(
                _date_from(value, sidecar, lines.get(key), "`meta`"), sidecar, lines.get(key), "`meta`", Report()
            )
        elif key == "page":
            _page_from(value, sidecar, lines.get(key))
        else:
            _text_from(value, sidecar, lines.get(key), key)


def source_page(rel: str, raw: bytes, config: ArchiveConfig, report: Report, sidecar: Path | None = None) -> SourcePage:
    """The bytes of one source file as a SourcePage: decoded, normalised, its metadata resolved,
    and the archivist's corrections from its `.fix.yml` sidecar, if it has one."""
    header, body, first_line = read_text(rel, raw, config.encoding, report)
    fixes = Corrections()
    if sidecar is not None:
        lines = {first_line + n: line for n, line in enumerate(body.split("\n"))}
        fixes, meta_fixes, meta_lines = load_corrections(sidecar, rel, lines)
        _check_meta(meta_fixes, meta_lines, sidecar_name(rel))
        # The archivist's correction wins over the file's own header and name.
        header = Header(
            {**header, **{k: str(v) for k, v in meta_fixes.items()}},
            {k: n for k, n in header.lines.items() if k not in meta_fixes},
        )
    meta = resolve_meta(rel, header, config, report)
    return SourcePage(path=rel, meta=meta, text=body, first_line=first_line, corrections=fixes)
