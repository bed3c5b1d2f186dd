"""The lossless invariant: every non-whitespace character of the input lands in exactly one
field of the output (title, byline, dateline, body text, or page furniture), in order."""

from __future__ import annotations

from conftest import SAMPLE_TEXT, non_space
from hypothesis import given, settings
from strategies import page_text

from build_scripts.parse.model import Kind
from build_scripts.parse.parser import parse_page


def assert_lossless(text: str) -> None:
    result = parse_page(text)
    pieces = [segment.text for segment in result.segments_in_order]
    assert non_space("".join(pieces)) == non_space(text)
    # The fields readers and exports see are made of exactly those pieces.
    fields = []
    for article in result.articles:
        fields += [article.title, article.byline, article.dateline, article.text]
    fields += [s.text for s in result.furniture]
    assert sorted(non_space("".join(fields))) == sorted(non_space(text))
    for article in result.articles:
        assert all(s.text.strip() for s in article.segments)
        assert article.text == "\n\n".join(b.text for b in article.blocks)
        assert all(b.kind in (Kind.PARAGRAPH, Kind.SUBHEAD, Kind.CAPTION, Kind.NOTE) for b in article.blocks)


def test_sample_is_lossless():
    assert_lossless(SAMPLE_TEXT)


def test_a_dropped_character_would_be_noticed():
    result = parse_page(SAMPLE_TEXT)
    pieces = "".join(s.text for s in result.segments_in_order)
    assert non_space(pieces[:-1]) != non_space(SAMPLE_TEXT)


@settings(max_examples=300, deadline=None)
@given(page_text())
def test_generated_pages_are_lossless(text):
    assert_lossless(text)
