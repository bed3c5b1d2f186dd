"""The search benchmark runs end to end (on a tiny archive: speed is not tested here)."""

from __future__ import annotations

import re

from conftest import ROOT, run_cli
from inputs import snapshot


def test_bench_search_prints_both_tables(browser):
    # `browser`: skip without Chromium on a laptop, fail in CI — the benchmark drives it too.
    before = snapshot(ROOT / "source_texts")
    result = run_cli("bench", "search", "--sizes", "60", "--queries", "2")
    assert result.returncode == 0, result.stderr
    assert snapshot(ROOT / "source_texts") == before  # it converts a copy: the project's ledger stays as it is
    index_rows = [line for line in result.stdout.splitlines() if re.match(r"^\| 60 \| [\d,]+ \|", line)]
    assert len(index_rows) == 1
    cells = [c.strip() for c in index_rows[0].split("|")[1:-1]]
    assert re.match(r"^\d+ s \(×[\d.]+\)$", cells[3]) and re.match(r"^\d+ MB \(×[\d.]+\)$", cells[4])
    query_rows = [line for line in result.stdout.splitlines() if re.match(r"^\| 60 \| (hosted|offline) \|", line)]
    assert {tuple(c.strip() for c in row.split("|")[2:4]) for row in query_rows} == {
        (mode, scope) for mode in ("hosted", "offline") for scope in ("one year", "all years")
    }
    for row in query_rows:
        cells = [c.strip() for c in row.split("|")[1:-1]]
        assert re.match(r"^[\d.]+ [KM]B / [\d.]+ [KM]B$", cells[3])
        assert re.match(r"^×[\d.]+ of [\d.]+ [KM]B$", cells[5])  # against the whole index
        assert re.match(r"^[\d,]+ ms / [\d,]+ ms \(×[\d.]+\)$", cells[6])  # against the page's own load


def test_bench_rejects_sizes_that_are_not_numbers():
    result = run_cli("bench", "search", "--sizes", "1k")
    assert result.returncode == 2 and "give numbers of articles" in result.stderr
