"""What the parser loads at every start, kept beside its code (parse/compiled.py): its
patterns as `re` compiled them, read back without compiling and matching exactly as compiled;
the prose model's tables, read back without decoding; nothing kept without a folder, and
nothing wrong read from a damaged file or another Python's."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

import build_scripts.parse.parser  # noqa: F401  (every pattern of the parser compiled)
from build_scripts.parse import compiled


def _parser_patterns() -> list[tuple[str, int]]:
    """(text, flags) of every pattern the parser's modules hold."""
    found = {}
    for name, module in sorted(sys.modules.items()):
        if name.startswith("build_scripts.parse.") and module is not None:
            for value in vars(module).values():
                patterns = value if isinstance(value, (list, tuple)) else [value]
                for one in patterns:
                    if isinstance(one, re.Pattern) and isinstance(one.pattern, str):
                        found[(one.pattern, one.flags)] = None
    return list(found)


@pytest.fixture
def fresh(monkeypatch, tmp_path):
    """compiled.py as a new process finds it, keeping in `tmp_path`."""
    monkeypatch.setattr(compiled, "_patterns", compiled._Patterns())
    monkeypatch.setattr(compiled, "_folder", [])
    compiled.keep_in(tmp_path)
    return tmp_path


def _new_process(monkeypatch, folder: Path) -> None:
    monkeypatch.setattr(compiled, "_patterns", compiled._Patterns())
    compiled.keep_in(folder)


def _kept_by_a_run(text: str) -> Path:
    """`text` compiled and kept by this run: the file it was kept in."""
    compiled.pattern(text)
    compiled.keep_patterns()
    kept = compiled.kept_file("patterns")
    assert kept is not None and kept.is_file()
    return kept


def test_the_parser_has_its_han_classes_among_its_patterns():
    patterns = _parser_patterns()
    assert len(patterns) > 80
    assert sum("\\u4e00" in text or "一" in text for text, _ in patterns) > 20


def test_patterns_kept_by_one_run_are_read_by_the_next_without_compiling_and_match_as_compiled(fresh, monkeypatch):
    patterns = _parser_patterns()
    for text, flags in patterns:
        assert compiled.pattern(text, flags) == re.compile(text, flags)
    compiled.keep_patterns()
    kept = compiled.kept_file("patterns")
    assert kept is not None and kept.parent == fresh and kept.is_file()

    expected_of = {(text, flags): re.compile(text, flags) for text, flags in patterns}
    _new_process(monkeypatch, fresh)
    for text, flags in patterns:
        again = compiled.pattern(text, flags)
        expected = expected_of[(text, flags)]
        assert again == expected  # the same code, flags and text
        assert (again.groups, again.groupindex) == (expected.groups, expected.groupindex)
    assert compiled._patterns.made == 0 and compiled._patterns.read == len(set(patterns))


def test_a_kept_pattern_finds_what_the_compiled_one_finds(fresh, monkeypatch):
    text = r"^(?P<who>[\u3400-\u4dbf\u4e00-\u9fff]{2,4})\s*(?:记者|通讯员)"
    compiled.pattern(text)
    compiled.keep_patterns()
    lines = ("王洋 记者", "本报记者", "Li 记者", "欧阳小明通讯员")
    expected = [(m and m.groupdict()) for m in (re.match(text, line) for line in lines)]
    _new_process(monkeypatch, fresh)
    kept = compiled.pattern(text)
    assert [(m and m.groupdict()) for m in (kept.match(line) for line in lines)] == expected
    assert compiled._patterns.read == 1
    assert expected[0] == {"who": "王洋"} and expected[2] is None


def test_a_damaged_file_is_compiled_afresh_and_made_again(fresh, monkeypatch):
    text = r"[\u4e00-\u9fff]+报"
    kept = _kept_by_a_run(text)
    kept.write_bytes(kept.read_bytes()[:100])  # torn
    _new_process(monkeypatch, fresh)
    assert compiled.pattern(text) == re.compile(text)
    assert compiled._patterns.made == 1
    compiled.keep_patterns()
    expected = re.compile(text)
    _new_process(monkeypatch, fresh)
    assert compiled.pattern(text) == expected and compiled._patterns.read == 1


def test_patterns_kept_by_another_python_are_not_read(fresh, monkeypatch):
    text = r"[\u4e00-\u9fff]+网"
    kept = _kept_by_a_run(text)
    found = compiled._read(kept)
    compiled._write(kept, {**found, "made by": found["made by"].replace("3.", "3.0", 1)})  # another patch release
    _new_process(monkeypatch, fresh)
    assert compiled.pattern(text) == re.compile(text)
    assert compiled._patterns.made == 1  # compiled here, not taken from the file


def test_without_a_folder_nothing_is_kept_or_read(fresh, monkeypatch):
    compiled.keep_in(None)
    assert compiled.kept_file("patterns") is None
    assert compiled.pattern(r"[\u4e00-\u9fff]+台") == re.compile(r"[\u4e00-\u9fff]+台")
    compiled.keep_patterns()
    assert not list(fresh.iterdir())


def test_the_prose_tables_are_read_back_for_the_same_bytes_and_read_again_for_others(fresh, tmp_path):
    source = tmp_path / "model.json.gz"
    source.write_bytes(b"first")
    reads = []

    def read(data: bytes):
        reads.append(data)
        return {"grams": {"ab": [3, 0.75, {"c": 2}]}, "from": data.decode()}

    first = compiled.tables(source, read)
    assert compiled.tables(source, read) == first and len(reads) == 1  # the second from what was kept
    source.write_bytes(b"second")
    assert compiled.tables(source, read)["from"] == "second" and len(reads) == 2
    # the same bytes, read another way (`version`): read again
    assert compiled.tables(source, read, version="2")["from"] == "second" and len(reads) == 3
    assert compiled.tables(source, read, version="2")["from"] == "second" and len(reads) == 3  # then kept


def test_what_is_worked_out_is_kept_for_its_version_and_worked_out_again_for_another(fresh):
    made = []

    def make():
        made.append(1)
        return ["a-z", len(made)]

    first = compiled.worked_out("table", "15.0.0", make)
    assert compiled.worked_out("table", "15.0.0", make) == first and len(made) == 1  # read back
    assert compiled.worked_out("table", "15.1.0", make) == ["a-z", 2]  # another Unicode: worked out again
    kept = compiled.kept_file("table")
    assert kept is not None
    kept.write_bytes(b"torn")
    assert compiled.worked_out("table", "15.1.0", make) == ["a-z", 3] and len(made) == 3  # damaged: made again


def test_the_classes_of_narrow_characters_read_back_measure_as_those_worked_out(fresh, monkeypatch):
    from build_scripts.parse import layout

    lines = ["２０２６年５月１日　ＡＢＣ“引号”……——", "Hello, 世界 1.5%", "·《》〈〉（）", "ｶﾀｶﾅ half-width"]
    layout._narrow.cache_clear()
    worked_out = [(layout.display_width(line), layout.columns(line)) for line in lines]
    assert {path.name.split(".")[0] for path in fresh.glob("narrow-*")} == {"narrow-WF", "narrow-WFA"}
    layout._narrow.cache_clear()
    with monkeypatch.context() as patched:  # (working them out asks unicodedata of every code point)
        patched.setattr(layout.unicodedata, "east_asian_width", lambda ch: pytest.fail("worked out again"))
        assert [(layout.display_width(line), layout.columns(line)) for line in lines] == worked_out
    layout._narrow.cache_clear()
    # the code that works them out, edited: what the code before it kept is not read
    monkeypatch.setattr(layout, "_narrow_ranges", lambda wide: "一-龥")  # (Han characters set narrow)
    assert layout.display_width("中文") == 2
    layout._narrow.cache_clear()  # (the next test's process works them out as it finds them)


def test_a_conversion_keeps_the_parsers_patterns_and_model_in_the_folder_named(tmp_path):
    """In a process of its own, as a conversion starts: the parser not loaded yet."""
    import subprocess

    script = (
        "import sys; from pathlib import Path\n"
        "from build_scripts.ingest.archive_config import load_archive_config\n"
        "from build_scripts.writers.source_jobs import load_before_forking\n"
        "load_before_forking(load_archive_config(Path(sys.argv[1])), pinyin=False, kept=Path(sys.argv[1]))\n"
        "from build_scripts.parse import compiled\n"
        "print(compiled._patterns.made, len(compiled._patterns.used))\n"
    )
    (tmp_path / "archive.yml").write_text("paper: {title: 示例日报, slug: shi-li-ri-bao}\n", encoding="utf-8")
    runs = [
        subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True, check=True)
        for _ in range(2)
    ]
    (made_first, used), (made_second, used_again) = (map(int, run.stdout.split()) for run in runs)
    assert made_first >= used > 80  # the first run compiled them all (a few twice: two modules hold the same)
    assert (made_second, used_again) == (0, used)  # the second read them all
    kept = {path.name.split(".")[0] for path in tmp_path.glob("*.marshal")}
    # (the reading of traditional characters, reading.py; the characters set narrow, layout.py)
    assert kept == {"patterns", "prose", "TSCharacters", "narrow-WF", "narrow-WFA"}


def test_a_conversion_of_another_archive_reads_what_the_first_kept_beside_the_parsers_code(tmp_path):
    """A new archive's first conversion (or a `--full` one) compiles none of the patterns a
    conversion elsewhere on the machine compiled: they are kept beside the parser's code, as
    Python keeps its bytecode, not in one archive's conversion cache."""
    import shutil
    import subprocess

    if not os.access(compiled.beside_the_code().parent, os.W_OK):
        pytest.skip("the parser's folder cannot be written here")
    root = Path(__file__).resolve().parents[1]
    script = (
        "import sys\n"
        "from build_scripts.cli import main\n"
        "from build_scripts.parse import compiled\n"
        "try:\n"
        "    main(['convert', '--jobs', '1', '--source', 'source_texts', '--docs', 'docs'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(compiled._patterns.made, compiled._patterns.read, file=sys.stderr)\n"
    )
    counts = []
    for archive in ("first", "second"):
        shutil.copytree(root / "source_texts", tmp_path / archive / "source_texts")
        run = subprocess.run([sys.executable, "-c", script], cwd=tmp_path / archive, capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
        counts.append(tuple(map(int, run.stderr.split()[-2:])))
        assert not (tmp_path / archive / ".docs.cache" / "parser").exists()
    made, read = counts[1]
    assert read > 80  # the parser's patterns, every one (another test's conversion may keep a few others)
    assert made < read / 10
    tag = sys.implementation.cache_tag
    assert (compiled.beside_the_code() / f"patterns.{tag}.marshal").is_file()


def test_where_the_parsers_folder_cannot_be_written_the_conversion_keeps_them_in_its_own_cache(monkeypatch, tmp_path):
    beside = Path(compiled.__file__).parent / "__pycache__"
    if os.access(beside.parent, os.W_OK):
        assert compiled.beside_the_code(tmp_path) == beside
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    assert compiled.beside_the_code(tmp_path) == tmp_path


def test_each_write_goes_through_a_file_of_its_own(monkeypatch, tmp_path):
    """Every conversion on the machine may keep its patterns at once: none writes into the
    temporary file of another."""
    moved = []
    real_replace = os.replace

    def replace(source, target):
        moved.append(Path(source).name)
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace)
    kept = tmp_path / "patterns.marshal"
    compiled._write(kept, {"a": 1})
    compiled._write(kept, {"a": 2})
    assert len(set(moved)) == 2 and compiled._read(kept) == {"a": 2}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["patterns.marshal"]
