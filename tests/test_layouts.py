"""The parser against the fixture corpus: every hand-cut page comes out exactly as an
archivist cut it (tests/fixtures/layouts/NAME.txt + NAME.expected.yml)."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_scripts.score import body_of, fixtures_in, load_expected, names_of, parse_fixture
from conftest import ROOT, non_space

LAYOUTS = ROOT / "tests" / "fixtures" / "layouts"
FIXTURES = fixtures_in(LAYOUTS)


def test_the_corpus_is_there():
    assert len(FIXTURES) >= 30


@pytest.mark.parametrize("txt", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_page_is_cut_as_expected(txt: Path):
    want, furniture = load_expected(txt.with_name(txt.stem + ".expected.yml"))
    got = parse_fixture(txt)
    assert [a.title for a in got.articles] == [w.title for w in want]
    for article, expected in zip(got.articles, want):
        assert names_of(article) == (expected.authors, expected.correspondents), expected.title
        assert article.byline == expected.byline, expected.title
        assert article.dateline == expected.dateline, expected.title
        assert body_of(article) == expected.body, expected.title
    assert [s.text for s in got.furniture] == furniture
    pieces = "".join(s.text for s in got.segments_in_order)
    assert non_space(pieces) == non_space(txt.read_text(encoding="utf-8"))
