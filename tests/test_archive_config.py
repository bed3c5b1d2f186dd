"""archive.yml mistakes are named with their line and the likely fix."""

from __future__ import annotations

import pytest

from build_scripts.ingest.archive_config import load_archive_config
from build_scripts.problems import InputError


def load(tmp_path, text: str):
    (tmp_path / "archive.yml").write_text(text, encoding="utf-8")
    return load_archive_config(tmp_path)


def test_a_misspelt_key_is_named_with_the_key_it_most_likely_meant(tmp_path):
    with pytest.raises(InputError) as caught:
        load(tmp_path, "paper:\n  tilte: 南方晨报\n")
    problem = caught.value.problem
    assert (problem.line, problem.what) == (2, "unknown paper setting(s): tilte")
    assert problem.fix.startswith("did you mean `title`?")
    with pytest.raises(InputError, match="did you mean `site_url`"):
        load(tmp_path, "paper:\n  title: 南方晨报\nsite_ulr: https://example.org/\n")


@pytest.mark.parametrize("tag", ["zh-Hans", "zh-Hant", "zh", "en", "zh-Hans-CN"])
def test_a_language_is_a_language_tag(tmp_path, tag):
    assert load(tmp_path, f"paper:\n  title: 南方晨报\n  language: {tag}\n").paper.language == tag


@pytest.mark.parametrize("value", ["chinese", "中文", "zh_CN"])
def test_a_language_that_is_no_tag_is_refused_at_its_line(tmp_path, value):
    with pytest.raises(InputError) as caught:
        load(tmp_path, f"paper:\n  title: 南方晨报\n  language: {value}\n")
    assert caught.value.problem.line == 3 and "zh-Hans" in caught.value.problem.fix
