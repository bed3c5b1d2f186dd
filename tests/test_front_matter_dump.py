"""Front matter is written with libyaml's fast emitter only where it gives exactly the bytes
of PyYAML's own: checked on random text of every kind of character, and on the corpus."""

from __future__ import annotations

import yaml
from conftest import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from build_scripts.contract import record
from build_scripts.contract.record import dump_front_matter

# Text as it comes, and text biased to what YAML treats specially.
SPECIAL = st.sampled_from(
    ["- ", ": ", "#", "'", '"', "---", "null", "~", "0123", "1e3", "yes", "&a", "*b", "!t", "|", ">", "  "]
)
TEXT = st.one_of(
    st.text(max_size=40),
    st.lists(st.one_of(SPECIAL, st.text(min_size=1, max_size=8)), max_size=300).map("".join),
    st.text(alphabet=st.characters(min_codepoint=0x2000, max_codepoint=0x4E10), max_size=2000),
)
FRONT_MATTER = st.fixed_dictionaries(
    {
        "title": TEXT,
        "title_parts": st.lists(TEXT, max_size=3),
        "page": st.one_of(st.none(), st.integers(1, 999)),
        "source": st.fixed_dictionaries({"file": TEXT, "first_line": st.integers(1, 10**6)}),
        "links": st.dictionaries(TEXT, st.one_of(st.none(), TEXT), max_size=3),
    }
)


def pyyaml_dump(data: dict) -> str:
    return "---\n" + yaml.dump(data, Dumper=yaml.SafeDumper, allow_unicode=True, sort_keys=False, width=1000) + "---\n"


@settings(max_examples=examples(2000))
@given(FRONT_MATTER)
def test_the_same_bytes_as_pyyaml_for_any_text(data):
    assert dump_front_matter(data) == pyyaml_dump(data)


def test_the_fast_emitter_is_used_for_chinese_text():
    assert record._FAST_DUMPER is not None, "PyYAML was installed without libyaml"
    data = {"title": "全省政法系统热议 保护奥林匹克标志", "authors": ["李洁"], "page": 4, "links": {"next": None}}
    assert record._same_in_libyaml(data)
    assert not record._same_in_libyaml({"title": "表情😀"})  # beyond the BMP: PyYAML's emitter
    assert dump_front_matter(data) == pyyaml_dump(data)
