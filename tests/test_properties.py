"""The converter as a whole, on random files: headlines, bylines, datelines, blank-line runs,
broken paragraphs, punctuation and junk, in the encodings, line endings and invisible
characters people's tools produce. It never crashes, keeps every visible character, renders
every character as text, writes only safe paths, and gives identical output twice.

Runs in-process (read → parse → place → render, no disk writes) to keep 300 examples quick.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
from collections import Counter
from html.parser import HTMLParser

import markdown
import yaml
from conftest import examples, non_space
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import JUNK, page_text

from build_scripts.ingest.archive_config import ArchiveConfig, PaperInfo
from build_scripts.ingest.read import source_page
from build_scripts.parse.parser import parse_page
from build_scripts.problems import InputError, Report
from build_scripts.writers.data_export import JSONL_PATH
from build_scripts.writers.in_memory import render
from build_scripts.writers.source_jobs import convert_page
from build_scripts.writers.units import safe_relative

CONFIG = ArchiveConfig(paper=PaperInfo(title="浙江日报", slug="zhejiang-daily"))
INVISIBLE = ["\u200b", "\ufeff", "\u00ad", "\x00", "\x07", "\u202e", "\u2060"]
SPACES = ["\u3000", "\u00a0", "\t", " "]


@st.composite
def source_file(draw) -> tuple[str, bytes]:
    """One source file as a user's tools would save it."""
    text = draw(page_text())
    lines = text.split("\n")
    for _ in range(draw(st.integers(0, 3))):  # invisible characters and odd spaces anywhere
        i = draw(st.integers(0, len(lines) - 1))
        at = draw(st.integers(0, len(lines[i])))
        lines[i] = lines[i][:at] + draw(st.sampled_from(INVISIBLE + SPACES)) + lines[i][at:]
    if draw(st.booleans()):  # junk lines: Markdown, HTML, YAML, Jinja
        lines.insert(draw(st.integers(0, len(lines))), draw(st.text(alphabet=JUNK + ":-'\"/", min_size=1, max_size=20)))
    text = "\n".join(lines)
    if draw(st.booleans()):
        text = text.rstrip("\n")  # no newline at the end
    name = "2022-01-28_03_要闻.txt"
    if draw(st.booleans()):
        name = "scan.txt"
        text = "---\ndate: 2022-01-28\npage: 3\n" + draw(st.sampled_from(["", "page_name: 要闻\n"])) + "---\n" + text
    newline = draw(st.sampled_from(["\n", "\r\n", "\r", "\u2029"]))
    text = text.replace("\n", newline)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "gb18030"]))
    if encoding == "gb18030":  # a short GB18030 file must say so
        text = (
            "---\r\nencoding: gb18030\r\n---\r\n" + text
            if name != "scan.txt"
            else text.replace("---", "---\nencoding: gb18030", 1)
        )
    return name, text.encode(encoding)


def convert_in_memory(name: str, raw: bytes) -> tuple[dict[str, str], Report, list]:
    report = Report()
    page = source_page(name, raw, CONFIG, report)
    result, parsed = convert_page(page, CONFIG, report)
    assert parsed == parse_page(page.text, page.first_line, page.corrections, CONFIG.profile)
    return render([result], CONFIG, report), report, [(page, parsed)]


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag, attrs):
        # the converter's own markup: a heading's second line (article_pages.SECOND_LINE_CLASS)
        ours = tag == "span" and attrs == [("class", "subhead-second-line")]
        self.tags.add("our span" if ours else tag)

    def handle_data(self, data):
        self.parts.append(data)


def _shown(body: str) -> _Text:
    """What a reader sees of a page body: Markdown rendered as MkDocs does, as text."""
    parsed = _Text()
    parsed.feed(markdown.markdown(body, extensions=["toc", "tables", "fenced_code"]))
    parsed.close()
    return parsed


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(source_file())
def test_any_file_converts_losslessly_safely_and_identically_twice(file):
    name, raw = file
    try:
        files, report, parsed = convert_in_memory(name, raw)
    except InputError as exc:  # a clear error is a defined outcome; it must name the file
        assert exc.problem.path == name and exc.problem.what
        return
    ((page, result),) = parsed

    # Lossless: every visible character of the text is in exactly one field.
    fields = [s.text for s in result.segments_in_order]
    assert non_space("".join(fields)) == non_space(page.text)

    # What is published carries those fields exactly.
    records = [json.loads(line) for line in files[JSONL_PATH].splitlines()]
    assert len(records) == len(result.articles)
    published = "".join(r["title"] + r["byline"] + r["dateline"] + r["text"] for r in records)
    furniture = "".join(s.text for s in result.furniture)
    assert Counter(non_space(published + furniture)) == Counter(non_space(page.text))

    for record, article in zip(records, result.articles, strict=False):
        markdown_page = files[record["url"].rstrip("/") + ".md"]
        _, front, body = markdown_page.split("---\n", 2)
        meta = yaml.safe_load(front)
        assert meta["title"] == article.title and meta["byline"] == article.byline
        assert dt.date.fromisoformat(meta["date"]) == dt.date(2022, 1, 28)
        # The body renders as exactly its text: no character became markup.
        shown = _shown(body)
        assert shown.tags <= {"p", "h2", "strong", "our span"}, shown.tags
        expected = (
            " ".join([article.dateline] + [b.text for b in article.blocks])
            if article.dateline
            else " ".join(b.text for b in article.blocks)
        )
        assert non_space("".join(shown.parts)) == non_space(expected)

    # Only plain paths inside docs/.
    for rel in files:
        assert safe_relative(rel) == rel

    # Identical output, and identical messages, on a second run.
    again, report_again, _ = convert_in_memory(name, raw)
    assert again == files
    assert (report_again.warnings, report_again.notices) == (report.warnings, report.notices)


@settings(max_examples=examples(200), deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_give_pages_or_a_clear_error(raw):
    """Not even random bytes crash the converter: it converts them or says why it cannot."""
    try:
        files, _, _ = convert_in_memory("2022-01-28.txt", raw)
    except InputError as exc:
        assert exc.problem.path == "2022-01-28.txt" and exc.problem.what and exc.problem.fix
    else:
        assert all(safe_relative(rel) for rel in files)


@settings(max_examples=examples(200), deadline=None)
@given(st.text(st.characters(codec="utf-8", blacklist_categories=("Cs",)), max_size=300))
def test_any_text_with_any_header_gives_pages_or_a_clear_error(text):
    for candidate in (text, "---\n" + text, "---\ndate: 2022-01-28\n" + text + "\n---\n"):
        try:
            convert_in_memory("2022-01-28.txt", candidate.encode())
        except InputError as exc:
            assert exc.problem.what and exc.problem.fix


def test_the_generator_makes_every_kind_of_file():
    """The strategy above really produces BOMs, UTF-16, GB18030 and CR line endings."""
    seen: set[str] = set()

    @settings(max_examples=examples(80), deadline=None)
    @given(source_file())
    def collect(file):
        raw = file[1]
        seen.add(
            "bom"
            if raw.startswith(codecs.BOM_UTF8)
            else "utf-16"
            if raw[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
            else "gb18030"
            if b"gb18030" in raw
            else "utf-8"
        )
        seen.add("cr" if b"\r" in raw and b"\r\n" not in raw else "other-newlines")

    collect()
    assert {"bom", "utf-16", "gb18030", "utf-8", "cr"} <= seen
