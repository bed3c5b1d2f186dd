"""The search benchmark runs end to end (on a tiny archive: speed is not tested here)."""

from __future__ import annotations

import re

from conftest import run_cli


def test_bench_search_prints_a_table_for_every_variant_and_mode(browser):
    # `browser`: skip without Chromium on a laptop, fail in CI — the benchmark drives it too.
    result = run_cli("bench", "search", "--sizes", "20", "--runs", "1")
    assert result.returncode == 0, result.stderr
    rows = [line for line in result.stdout.splitlines() if re.match(r"^\| 20 \|", line)]
    assert {tuple(cell.strip() for cell in row.split("|")[2:4]) for row in rows} == {
        ("zh-search", "hosted"),
        ("zh-search", "offline"),
        ("baseline", "hosted"),
        ("baseline", "offline"),
    }
    for row in rows:
        cells = [c.strip() for c in row.split("|")[1:-1]]
        assert re.match(r"^[\d.]+ [kM]B", cells[3]) and re.match(r"^\d+ s", cells[4])
        assert all(re.match(r"^[\d,]+ ms", c) for c in cells[5:7])
        if cells[1] == "zh-search":  # compared with the baseline measured in the same run
            assert all(re.search(r"\(×[\d.]+\)$", c) for c in cells[3:7])


def test_bench_rejects_sizes_that_are_not_numbers():
    result = run_cli("bench", "search", "--sizes", "1k")
    assert result.returncode == 2 and "give numbers of articles" in result.stderr
