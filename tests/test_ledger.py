"""The URL ledger's rules, one by one: an address once given keeps pointing at its article
(same text; or the same 版 and its headline, or overlapping lines), is never given to another, and when its
article is gone it is moved to the article holding its text or withdrawn."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from build_scripts.catalogue import ledger as ledger_module
from build_scripts.catalogue.ledger import (
    MOVED,
    PUBLISHED,
    WITHDRAWN,
    Cut,
    assign,
    dump_ledger,
    fingerprint,
    parse_ledger,
)
from build_scripts.problems import InputError

DAY = dt.date(2026, 5, 1)


def cut(first: int, last: int, text: str, slug: str = "", page: int | None = 1, day: dt.date = DAY) -> Cut:
    return Cut(day, page, first, last, fingerprint([text]), slug)


def test_first_conversion_gives_title_slugs_unique_within_the_day():
    slugs, ledger = assign([cut(1, 9, "甲", "xin-wen"), cut(10, 20, "乙", "xin-wen"), cut(1, 5, "丙", "", page=2)], {})
    assert slugs == ["xin-wen", "xin-wen-2", "article"]
    assert {e.state for e in ledger.values()} == {PUBLISHED}
    assert parse_ledger(dump_ledger(ledger), "urls.lock") == ledger


def test_a_new_headline_keeps_the_address():
    _, ledger = assign([cut(1, 9, "甲", "old-title")], {})
    slugs, after = assign([cut(1, 9, "甲", "new-title")], ledger)
    assert slugs == ["old-title"]
    assert list(after) == ["2026/05/01/old-title/"]


def test_lines_shifted_by_an_edit_elsewhere_keep_addresses_by_text():
    _, ledger = assign([cut(1, 9, "甲", "a"), cut(10, 20, "乙", "b")], {})
    slugs, _ = assign([cut(1, 11, "甲改", "a"), cut(12, 22, "乙", "b-new")], ledger)
    assert slugs == ["a", "b"]


def test_a_split_keeps_the_address_on_the_part_with_the_first_line():
    _, ledger = assign([cut(1, 20, "甲乙", "a")], {})
    slugs, after = assign([cut(1, 9, "甲", "a1"), cut(10, 20, "乙", "a2")], ledger)
    assert slugs == ["a", "a2"]
    assert after["2026/05/01/a2/"].state == PUBLISHED


def test_a_page_renumbered_and_cut_anew_keeps_each_headlines_address():
    """A file saved again without its blank lines, and cut anew: every line number changed,
    and a story's old lines now fall on another story. The address stays with the headline
    it was given for, not with the lines."""
    _, ledger = assign([cut(1, 40, "甲", "tong-xun"), cut(63, 135, "乙", "guan-sai")], {})
    slugs, after = assign(
        [cut(1, 20, "甲", "tong-xun"), cut(31, 34, "乙改", "guan-sai"), cut(57, 67, "丙", "si-chuan")], ledger
    )
    assert slugs == ["tong-xun", "guan-sai", "si-chuan"]
    assert {e.state for e in after.values()} == {PUBLISHED}
    # every story cut anew, and one now starts on the line another started on
    _, ledger = assign([cut(1, 40, "甲", "jia"), cut(41, 80, "乙", "yi"), cut(81, 120, "丙", "bing")], {})
    slugs, _ = assign([cut(1, 20, "甲改", "jia"), cut(21, 40, "乙改", "yi"), cut(41, 60, "丙改", "bing")], ledger)
    assert slugs == ["jia", "yi", "bing"]


def test_a_merge_moves_the_second_address_to_the_merged_article():
    _, ledger = assign([cut(1, 9, "甲", "a"), cut(10, 20, "乙", "b")], {})
    slugs, after = assign([cut(1, 20, "甲乙", "ab")], ledger)
    assert slugs == ["a"]
    assert after["2026/05/01/b/"].state == MOVED
    assert after["2026/05/01/b/"].successor == "2026/05/01/a/"


def test_a_gone_article_is_withdrawn_and_its_address_never_reused_and_restored_when_it_returns():
    _, ledger = assign([cut(1, 9, "甲", "a"), cut(1, 9, "丙", "c", page=2)], {})
    slugs, after = assign([cut(1, 9, "甲", "a")], ledger)
    assert after["2026/05/01/c/"].state == WITHDRAWN
    slugs, after = assign([cut(1, 9, "甲", "a"), cut(1, 9, "丁", "c", page=3)], after)
    assert slugs == ["a", "c-2"]  # another article never gets a withdrawn address
    slugs, after = assign([cut(1, 9, "甲", "a"), cut(1, 9, "丙", "c", page=2)], after)
    assert slugs == ["a", "c"] and after["2026/05/01/c/"].state == PUBLISHED
    assert after["2026/05/01/c-2/"].state == WITHDRAWN


def test_an_article_moved_to_another_day_redirects_and_chains_are_flattened():
    _, ledger = assign([cut(1, 9, "甲", "a"), cut(10, 20, "乙", "b")], {})
    _, ledger = assign([cut(1, 20, "甲乙", "a")], ledger)  # b → a
    later = dt.date(2026, 5, 2)
    slugs, after = assign([cut(1, 20, "甲乙", "a", day=later)], ledger)  # the page had the wrong date
    assert slugs == ["a"]
    assert after["2026/05/01/a/"].successor == "2026/05/02/a/"
    assert after["2026/05/01/b/"].successor == "2026/05/02/a/"  # straight there, no chain


def test_the_same_input_gives_the_same_ledger():
    cuts = [cut(1, 9, "甲", "a"), cut(10, 20, "乙", "a"), cut(1, 9, "丙", "", page=None)]
    assert dump_ledger(assign(cuts, {})[1]) == dump_ledger(assign(list(cuts), {})[1])


@pytest.mark.parametrize(
    ("line", "what"),
    [
        ("2026/05/01/a/ published 1 1-9", "has 4 fields"),
        ("2026/05/01/A B/ published 1 1-9 0123456789ab", "is not an article address"),
        ("2026/02/30/a/ published 1 1-9 0123456789ab", "impossible date"),
        # digits of another script (full-width) are no address's: an address is ASCII
        ("２０２６/05/01/a/ published 1 1-9 0123456789ab", "is not an article address"),
        ("2026/05/01/a/ gone 1 1-9 0123456789ab", "unknown state"),
        ("2026/05/01/a/ published x 1-9 0123456789ab", "is not a number"),
        ("2026/05/01/a/ published 1 9-1 0123456789ab", "are not like 12-40"),
        ("2026/05/01/a/ published 1 1-9 xyz", "is not 12 hexadecimal digits"),
        ("2026/05/01/a/ moved 1 1-9 0123456789ab", "names its successor"),
        ("<<<<<<< HEAD", "unresolved merge conflict"),
    ],
)
def test_a_damaged_ledger_is_an_error_at_its_line(line, what):
    text = "# ledger\n2026/05/01/b/ published 1 10-20 0123456789ab\n" + line + "\n"
    with pytest.raises(InputError) as caught:
        parse_ledger(text, "source_texts/urls.lock")
    message = str(caught.value)
    assert message.startswith("source_texts/urls.lock:3: ") and what in message, message


def test_an_address_listed_twice_is_an_error():
    line = "2026/05/01/b/ published 1 10-20 0123456789ab\n"
    with pytest.raises(InputError, match=r"urls\.lock:2: lists 2026/05/01/b/ twice"):
        parse_ledger(line + line, "urls.lock")


_TEXTS = st.sampled_from("甲乙丙丁戊")  # few texts: repeats, printings on two 版, merges
_CUTS = st.lists(
    st.builds(
        lambda page, first, length, text, slug, later: cut(
            first, first + length, text, slug, page=page, day=DAY + dt.timedelta(days=later)
        ),
        st.sampled_from([1, 2, None]),
        st.integers(1, 40),
        st.integers(0, 15),
        _TEXTS,
        st.sampled_from(["a", "b", ""]),
        st.integers(0, 1),
    ),
    max_size=8,
    unique_by=lambda c: (c.date, c.page, c.first_line),  # no two articles start on one line of a 版
)


@settings(max_examples=300, deadline=None)
@given(before=_CUTS, after=_CUTS)
def test_a_run_after_keeps_each_days_matching_and_gets_what_matching_again_would(before, after):
    """What lets a run keep a day's matching (`assign`'s `known`): kept under the digest of
    the lines written for it, the run after matches no day again, and gets the addresses and
    the ledger a fresh matching against those lines gives — after a first conversion and
    after any edit."""
    _, ledger = assign(before, {})
    known: dict = {}
    slugs, written = assign(after, ledger, known)
    with mock.patch.object(ledger_module, "_match_day", side_effect=AssertionError("matched again")):
        kept, rewritten = assign(after, written, known)
    fresh, fresh_ledger = assign(after, written)
    assert kept == fresh == slugs and rewritten == fresh_ledger == written
