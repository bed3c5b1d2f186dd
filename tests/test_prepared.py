"""An article page and its data records, finished from what the worker prepared, are byte for
byte what serialising the whole record gives: front matter through PyYAML, the JSON Lines
record through json.dumps, the CSV row through csv.writer — for any text."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import yaml
from conftest import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from build_scripts.catalogue.entry import ArticleEntry
from build_scripts.catalogue.place import PlacedArticle
from build_scripts.contract.record import ArticleRecord, SourceSpan
from build_scripts.writers import prepared
from build_scripts.writers.article_pages import article_page
from build_scripts.writers.data_export import CSV_COLUMNS
from build_scripts.writers.prepared import csv_line, jsonl_line, prepare

SPECIAL = st.sampled_from(
    ["- ", ": ", "#", "'", '"', "---", "null", "~", "0123", "1e3", "yes", "on", "&a", "*b", "!t", "|", ">", "  ", ","]
)
TEXT = st.one_of(
    st.text(max_size=20),
    st.lists(st.one_of(SPECIAL, st.text(min_size=1, max_size=6)), max_size=8).map("".join),
    st.text(alphabet=st.characters(min_codepoint=0x2000, max_codepoint=0x4E10), max_size=300),
)
WORDS = st.lists(TEXT, max_size=4)
SLUG = st.from_regex(r"[a-z0-9]+(-[a-z0-9]+){0,4}", fullmatch=True)


@st.composite
def articles(draw) -> tuple[PlacedArticle, ArticleRecord, dict]:
    day = draw(st.dates(dt.date(1949, 1, 1), dt.date(2030, 12, 31)))
    slug = draw(SLUG)
    tags = draw(WORDS)
    record = ArticleRecord(
        id="",
        url="",
        date=day,
        paper=draw(TEXT),
        page=draw(st.one_of(st.none(), st.integers(1, 99))),
        page_name=draw(TEXT),
        title=draw(TEXT),
        title_parts=tuple(draw(WORDS)),
        main_title=draw(TEXT),
        byline=draw(TEXT),
        authors=tuple(draw(WORDS)),
        correspondents=tuple(draw(WORDS)),
        dateline=draw(TEXT),
        tags=(),
        source=SourceSpan(draw(TEXT), draw(st.integers(1, 9999)), draw(st.integers(1, 9999))),
        ordinal=draw(st.integers(1, 40)),
        text=draw(TEXT),
        description=draw(TEXT),
    )
    entry = ArticleEntry(
        record.source.file, day, record.page, "", record.ordinal, 1, 1, "", "", (), (), "", "", "", 0, ""
    )
    placed = PlacedArticle(entry, slug, tags)
    links = draw(
        st.one_of(
            st.just({}),
            st.fixed_dictionaries(
                {
                    "issue": TEXT,
                    "page_anchor": TEXT,
                    "year": TEXT,
                    "previous": st.one_of(st.none(), TEXT),
                    "next": st.one_of(st.none(), TEXT),
                    "people": st.dictionaries(TEXT, TEXT, max_size=3),
                    "tags": st.dictionaries(TEXT, TEXT, max_size=3),
                }
            ),
        )
    )
    whole = ArticleRecord(
        **{**record.__dict__, "id": placed.id, "url": placed.url, "tags": tuple(tags), "links": links}
    )
    return placed, whole, links


def csv_row(record: dict) -> str:
    out = io.StringIO()
    row = []
    for column in CSV_COLUMNS:
        value = (
            record["source"][column.removeprefix("source_")]
            if column.startswith(("source_", "first_", "last_"))
            else record[column]
        )
        row.append(";".join(value) if isinstance(value, list) else "" if value is None else str(value))
    csv.writer(out, lineterminator="\r\n").writerow(row)
    return out.getvalue()


@settings(max_examples=examples(1000), deadline=None)
@given(articles(), TEXT)
def test_a_page_and_its_records_are_what_the_whole_record_gives(article, body):
    placed, whole, links = article
    prepared = prepare(whole, body)
    front = yaml.dump(whole.front_matter(), Dumper=yaml.SafeDumper, allow_unicode=True, sort_keys=False, width=1000)
    assert article_page(placed, prepared, links) == f"---\n{front}---\n\n{body}"
    assert jsonl_line(placed, prepared) == json.dumps(whole.data(), ensure_ascii=False) + "\n"
    assert csv_line(placed, prepared) == csv_row(whole.data())


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from('标签a ,;"\\\r\n\t\x00\x1f\u2028é'), max_size=6), max_size=4))
def test_tags_are_written_as_json_and_csv_write_them(tags):
    """Tags without anything to escape or quote are joined as they are (the common case, and
    the fast one); whatever they hold, the bytes are json's and csv's."""
    import csv
    import io
    import json

    from build_scripts.writers.prepared import LIST_SEPARATOR, csv_tags, jsonl_tags

    assert jsonl_tags(tags) == json.dumps(tags, ensure_ascii=False)
    row = io.StringIO()
    csv.writer(row, lineterminator="\r\n").writerow(["a", LIST_SEPARATOR.join(tags), "b"])
    assert f"a,{csv_tags(tags)},b\r\n" == row.getvalue()


def test_plain_tags_are_joined_without_json_or_csv(monkeypatch):
    """The fast path is taken for a list of several plain tags (the case of nearly every article)."""
    from build_scripts.writers import prepared

    def refuse(*args, **kwargs):
        raise AssertionError("json.dumps or csv was called for plain tags")

    monkeypatch.setattr(prepared.json, "dumps", refuse)
    monkeypatch.setattr(prepared, "_csv_fields", refuse)
    tags = ["人工智能", "AI", "长三角"]
    assert prepared.jsonl_tags(tags) == '["人工智能", "AI", "长三角"]'
    assert prepared.csv_tags(tags) == prepared.LIST_SEPARATOR.join(tags)


@settings(max_examples=500)
@given(
    st.one_of(
        st.from_regex(prepared._PLAIN_PATH, fullmatch=True),
        st.builds(
            "/".join, st.lists(st.sampled_from(["2024", "05", "1e3", "0x1f", "null", "-", ".", "#a", "a#"]), min_size=2)
        ),
        st.builds(
            "-".join, st.lists(st.sampled_from(["2024", "05", "23", "1e3", "0x1f", "1", "t10", "", "a"]), min_size=3)
        ),
    )
)
def test_a_path_written_as_it_is_is_what_yaml_writes(path):
    """Links' paths skip asking YAML how it writes them: where they do, YAML writes them so."""
    written = prepared._scalar(path)
    if len(path) <= 200 and prepared._PLAIN_PATH.fullmatch(path):
        assert written == path
    assert written is None or yaml.safe_load(f"k: {written}\n") == {"k": path}
    assert written is None or yaml.dump([path], allow_unicode=True, width=1000) == f"- {written}\n"
