"""The layout fixture corpus is well formed: each page's expected segmentation accounts for
every printed (non-whitespace) character exactly once — in a title, a byline, a dateline,
a body block or a furniture line. Reads only the tests/fixtures/layouts/*.txt and
*.expected.yml pairs."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

LAYOUTS = Path(__file__).resolve().parent / "fixtures" / "layouts"
PAGES = sorted(LAYOUTS.glob("*.txt"))
EXPECTED_SUFFIX = ".expected.yml"


def _non_space(text: str) -> str:
    return "".join(text.split())


def _expected_file(page: Path) -> Path:
    return page.with_name(page.stem + EXPECTED_SUFFIX)


def _segmented_texts(expected: dict) -> Iterator[str]:
    for article in expected.get("articles") or []:
        yield article.get("title") or ""
        yield article.get("byline") or ""
        yield article.get("dateline") or ""
        for block in article.get("body") or []:
            if isinstance(block, str):
                yield block
            else:
                yield from (str(value) for value in block.values())
    yield from (str(line) for line in expected.get("furniture") or [])


def test_every_page_has_an_expected_file_and_back():
    assert PAGES, f"no fixture pages in {LAYOUTS}"
    pages = {page.stem for page in PAGES}
    expected = {path.name[: -len(EXPECTED_SUFFIX)] for path in LAYOUTS.glob("*" + EXPECTED_SUFFIX)}
    assert pages == expected, (
        f"pages without {EXPECTED_SUFFIX}: {sorted(pages - expected)}; "
        f"{EXPECTED_SUFFIX} without a page: {sorted(expected - pages)}"
    )


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.stem)
def test_every_printed_character_is_segmented_exactly_once(page: Path):
    expected_path = _expected_file(page)
    assert expected_path.is_file(), f"{page.name} has no {expected_path.name} next to it"
    expected = yaml.safe_load(expected_path.read_text(encoding="utf-8"))
    printed = Counter(_non_space(page.read_text(encoding="utf-8")))
    segmented = Counter(_non_space("".join(_segmented_texts(expected))))
    missing, extra = printed - segmented, segmented - printed
    assert not missing and not extra, (
        f"{expected_path.name}: characters on the page but in no segment: {dict(missing)}; "
        f"characters in the segmentation but not on the page (or counted twice): {dict(extra)}"
    )
