"""`convert --explain FILE`: show, line by line, what the parser made of one source file
and why, so an archivist can check it and write a .fix.yml where it is wrong."""

from __future__ import annotations

from pathlib import Path

from build_scripts.contract.labels import NO_TITLE
from build_scripts.ingest.archive_config import load_archive_config
from build_scripts.ingest.discover import Discovered, discover
from build_scripts.ingest.read import read_source
from build_scripts.ingest.source import PageMeta, SourcePage
from build_scripts.parse.layout import display_width
from build_scripts.parse.model import HEADLESS, PageParse
from build_scripts.parse.parser import parse_page
from build_scripts.parse.second_look import second_looks
from build_scripts.problems import InputError, Report

# A file being explained may not have its date yet: the cut is explained all the same.
_NO_META = PageMeta(date=None, page=None, page_name="", paper="")  # type: ignore[arg-type]


def _cell(text: str, width: int) -> str:
    """Cut and pad to a display width (Chinese characters take two columns)."""
    out = ""
    for ch in text:
        if display_width(out + ch) > width - 1 and display_width(text) > width:
            out += "…"
            break
        out += ch
    return out + " " * max(0, width - display_width(out))


def format_explanation(page: SourcePage, result: PageParse) -> str:
    meta = page.meta
    where = f"第{meta.page}版" if meta.page else "no 版 number"
    date = meta.date.isoformat() if meta.date else "no date"
    out = [
        (
            f"{page.path}: {date}, {where}{' ' + meta.page_name if meta.page_name else ''}, "
            f"{len(result.articles)} article(s)"
        )
    ]
    starts = {a.first_line: n for n, a in enumerate(result.articles, start=1)}
    for decision in result.decisions:
        if decision.line in starts and decision.label in (
            "headline",
            HEADLESS,
            "article break",
            "note",
        ):
            n = starts.pop(decision.line)
            title = result.articles[n - 1].title or NO_TITLE
            out.append(f"\narticle {n}: {title}")
        mark = "  ?" if not decision.confident else "   "
        out.append(
            f"{mark}{decision.line:>5}  {decision.label:<20} {_cell(decision.text, 40)}  "
            f"[{decision.rule_id}] {decision.rule}"
        )
    if result.furniture:
        out.append("\npage furniture: " + " | ".join(s.text for s in result.furniture))
    looks = second_looks(result)
    if looks:  # what the warnings point at besides the unsure decisions (one an article, in convert)
        out.append("\nworth a second look:")
        out += [f"  {look.decision.line:>5}  [{look.look_id}] {look.why}" for look in looks]
    unsure = any(not d.confident for d in result.decisions)
    if looks or unsure:
        out.append(
            ("\n? = unsure; correct" if unsure else "\nIf a reading is wrong, correct")
            + " it in "
            + Path(page.path).name[: -len(".txt")]
            + ".fix.yml (see maintainers/input-files.md, Corrections)"
        )
    return "\n".join(out)


def explain(source_dir: Path, file: Path) -> str:
    config = load_archive_config(source_dir)
    path = file if file.exists() else source_dir / file
    if not path.is_file() and len(file.parts) == 1:  # a bare file name, as a warning may be read: found where it is
        found = [f for f in discover(source_dir, Report()) if Path(f.rel).name == file.name]  # as convert finds them
        if len(found) > 1:
            paths = ", ".join(f.rel for f in found[:3])
            raise InputError(
                str(file), None, f"names {len(found)} source files ({paths})", "give its path, e.g. the first"
            )
        path = found[0].path if found else path
    if not path.is_file():
        raise InputError(str(file), None, "no such source file", f"give a path to a .txt file under {source_dir}")
    try:
        rel = path.resolve().relative_to(source_dir.resolve()).as_posix()
    except ValueError:
        rel = path.name
    try:
        page = read_source(Discovered(path, rel), config, Report())
    except InputError as exc:
        if "no date" not in exc.problem.what:
            raise
        page = source_page_without_date(path, rel, config)
    return format_explanation(
        page, parse_page(page.text, page.first_line, page.corrections, config.profile.with_masthead(page.meta.paper))
    )


def source_page_without_date(path: Path, rel: str, config) -> SourcePage:
    from build_scripts.ingest.corrections import load_corrections, sidecar_of
    from build_scripts.ingest.read import read_text

    _header, body, first_line = read_text(rel, path.read_bytes(), config.encoding, Report())
    page = SourcePage(path=rel, meta=_NO_META, text=body, first_line=first_line)
    sidecar = sidecar_of(path)
    if sidecar.is_file():
        lines = {first_line + n: line for n, line in enumerate(body.split("\n"))}
        page.corrections, _, _ = load_corrections(sidecar, rel, lines)
    return page
