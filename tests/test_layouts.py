"""The parser against the fixture corpora: every hand-cut page comes out exactly as an
archivist cut it (NAME.txt + NAME.expected.yml). `layouts/` has one page per pattern and
mixed pages; `holdout/` has whole pages of another national daily's layout, written apart
from the parser and scored blind before any rule was tuned on them."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, non_space

from build_scripts.parse.score import (
    body_of,
    fixtures_in,
    load_expected,
    names_of,
    parse_fixture,
)

LAYOUTS = ROOT / "tests" / "fixtures" / "layouts"
HOLDOUT = ROOT / "tests" / "fixtures" / "holdout"
FIXTURES = fixtures_in(LAYOUTS) + fixtures_in(HOLDOUT)


def test_the_corpora_are_there():
    assert len(fixtures_in(LAYOUTS)) >= 30 and len(fixtures_in(HOLDOUT)) >= 12


@pytest.mark.parametrize("txt", FIXTURES, ids=[f"{p.parent.name}/{p.stem}" for p in FIXTURES])
def test_page_is_cut_as_expected(txt: Path):
    want, furniture = load_expected(txt.with_name(txt.stem + ".expected.yml"))
    got = parse_fixture(txt)
    assert [a.title for a in got.articles] == [w.title for w in want]
    for article, expected in zip(got.articles, want, strict=False):
        assert names_of(article) == (expected.authors, expected.correspondents), expected.title
        assert article.byline == expected.byline, expected.title
        assert article.dateline == expected.dateline, expected.title
        assert body_of(article) == expected.body, expected.title
    assert [s.text for s in got.furniture] == furniture
    pieces = "".join(s.text for s in got.segments_in_order)
    assert non_space(pieces) == non_space(txt.read_text(encoding="utf-8"))
