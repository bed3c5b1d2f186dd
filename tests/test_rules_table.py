"""The parser's rules are one named, ordered table (parse/rules.py): every rule the parser
applies is in it, every rule in it is applied somewhere, and maintainers/parser.md lists
them all. Every decision names its rule, and --explain prints it."""

from __future__ import annotations

import re

from conftest import ROOT, SAMPLE

from build_scripts.parse.parser import parse_page
from build_scripts.parse.rules import RULES

PARSE = ROOT / "build_scripts" / "parse"
# The modules of the walk, where decisions are made (rules.py only names them).
WALK = ("parser.py", "page.py", "headings.py", "columns.py", "joins.py", "body.py", "state.py")


def _walk_source() -> str:
    return "".join((PARSE / name).read_text(encoding="utf-8") for name in WALK)


def _ids_in_code() -> set[str]:
    return {rule for rule in re.findall(r'"([a-z]+(?:\.[a-z-]+)?)"', _walk_source()) if rule in RULES}


def test_every_rule_in_the_table_is_applied_and_every_applied_rule_is_in_the_table():
    source = _walk_source()
    dotted = set(re.findall(r'"([a-z]+\.[a-z-]+)"', source))
    assert dotted <= set(RULES), dotted - set(RULES)
    assert _ids_in_code() == set(RULES)


def test_the_maintainers_notes_list_every_rule():
    notes = (ROOT / "maintainers" / "parser.md").read_text(encoding="utf-8")
    assert [rule for rule in RULES if f"`{rule}`" not in notes] == []


def test_every_decision_names_its_rule():
    result = parse_page(SAMPLE.read_text(encoding="utf-8"))
    assert result.decisions and all(d.rule_id in RULES for d in result.decisions)
    assert all(f"[{d.rule_id}]" in d.describe() for d in result.decisions)
