"""Helpers for the bad-input tests: convert a project, look at what it wrote, and check that
what the converter says follows `path:line: what — how to fix`."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from conftest import ROOT, run_cli

FIXTURES = ROOT / "tests" / "fixtures" / "bad_input"
TRADITIONAL_TEXT = (FIXTURES / "traditional.txt").read_text(encoding="utf-8")

# error: 2022-01-28.txt:12: what is wrong — how to fix it   (the line number is optional)
PROBLEM_LINE = re.compile(
    r"^(error|warning|note): (?P<path>[^:\n]+?)(?::(?P<line>\d+))?: (?P<what>.+?)(?: — (?P<fix>.+))?$"
)


def convert(project: Path, *extra: str):
    return run_cli("convert", "--source", str(project / "source_texts"), "--docs", str(project / "docs"), *extra)


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under a folder with the hash of its bytes."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def records(project: Path) -> list[dict]:
    path = project / "docs/data/articles.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def problems(stderr: str) -> list[re.Match]:
    """The error/warning/note lines of a run, each parsed (None for a line that does not
    follow the format)."""
    return [
        PROBLEM_LINE.match(line) for line in stderr.splitlines() if line.startswith(("error:", "warning:", "note:"))
    ]


def assert_no_traceback(result) -> None:
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout, result.stderr


def assert_problems_are_well_formed(result) -> None:
    """Every problem the converter reports names a file, says what is wrong, and errors and
    warnings say how to fix it."""
    for line, match in zip(
        [text for text in result.stderr.splitlines() if text.startswith(("error:", "warning:", "note:"))],
        problems(result.stderr),
        strict=False,
    ):
        assert match, f"not `path:line: what — fix`: {line}"
        if match.group(1) in ("error", "warning"):
            assert match.group("fix"), f"no fix given: {line}"


def rules_of(page: str) -> dict[str, str]:
    """The rule that labelled each line of a page, by the line's first characters."""
    from build_scripts.parse.parser import parse_page

    return {d.text[:6]: d.rule_id for d in parse_page(page).decisions}


def sure_of_every_join(monkeypatch, chance: float = 0.99) -> None:
    """Make the join model say 99 % (or `chance`) at every break it weighs: for rules that must
    hold however sure the evidence is (a model trained on other days was, on a real page)."""
    from build_scripts.parse import evidence

    weighed = evidence.probability
    monkeypatch.setattr(evidence, "probability", lambda model, f: chance if model == "join" else weighed(model, f))
