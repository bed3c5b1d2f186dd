"""Errors that help: `path:line: what — how to fix`, exit code 2 for input errors,
`--keep-going` converts everything else and lists every problem, and never a traceback —
not even when the converter itself fails."""

from __future__ import annotations

import pytest
from conftest import make_archive
from inputs import (
    assert_no_traceback,
    assert_problems_are_well_formed,
    convert,
    problems,
    records,
    snapshot,
)

from build_scripts import cli
from build_scripts.writers import source_jobs

GOOD = "保护冬奥标志\n\n本报记者 李洁\n\n本报讯 冬奥会将至。\n"
BAD = {
    "2022-02-30.txt": GOOD,  # impossible date
    "2022-01-30.txt": "---\ndata: 2022-01-30\n---\n" + GOOD,  # header typo
    "2022-01-31.txt": b"\x00\x01\x02binary\x00\x00" * 20,  # binary
    "dup/2022-01-29.txt": GOOD,  # second file for 2022-01-29
}


def test_first_problem_stops_the_run_and_leaves_docs_alone(tmp_path):
    project = make_archive(tmp_path, {"2022-01-29.txt": GOOD, **BAD})
    before = snapshot(project / "docs")
    result = convert(project)
    assert result.returncode == 2
    assert_no_traceback(result)
    first = result.stderr.splitlines()[0]
    assert first.startswith("error: 2022-01-30.txt:2: unknown header key 'data'")  # files in name order
    assert "--keep-going" in result.stderr
    assert snapshot(project / "docs") == before


def test_keep_going_converts_the_rest_and_lists_every_problem(tmp_path):
    project = make_archive(tmp_path, {"2022-01-29.txt": GOOD, **BAD})
    result = convert(project, "--keep-going")
    assert result.returncode == 2
    assert_no_traceback(result)
    assert_problems_are_well_formed(result)
    errors = [m for m in problems(result.stderr) if m.group(1) == "error"]
    assert sorted(m.group("path") for m in errors) == sorted(BAD)
    assert "4 file(s) could not be converted:" in result.stderr
    # The good files were converted: the sample (4 articles) and 2022-01-29.
    assert sorted({r["date"] for r in records(project)}) == ["2022-01-28", "2022-01-29"]
    assert result.stdout.strip().endswith("converted: 2 files, 2 issues, 5 articles, 0 warnings, 4 errors")


def test_keep_going_with_nothing_convertible_leaves_docs_alone(tmp_path):
    project = make_archive(tmp_path)
    assert convert(project).returncode == 0
    before = snapshot(project / "docs")
    (project / "source_texts/2022/2022-01-28.txt").write_bytes(b"\x00\x01binary\x00" * 40)
    result = convert(project, "--keep-going")
    assert result.returncode == 2
    # the file converted before: its articles stay as they were
    assert "its articles stay as the last conversion made them" in result.stderr
    assert snapshot(project / "docs") == before
    # a file that never converted: nothing to publish, and docs/ is not emptied
    (project / "source_texts/2022/2022-01-28.txt").rename(project / "source_texts/2022/2022-01-30.txt")
    result = convert(project, "--keep-going")
    assert result.returncode == 2
    assert "nothing could be converted: docs/ was left as it was" in result.stderr
    assert snapshot(project / "docs") == before


def test_an_internal_error_names_the_file_and_shows_no_traceback(tmp_path, monkeypatch, capsys):
    """A bug in the converter (here: the parser failing on one file) is reported in one line
    that names the file being converted; --debug shows the traceback."""
    project = make_archive(tmp_path, {"2022-01-29.txt": GOOD})

    def broken_parser(text, first_line=1, corrections=None, profile=None):
        if "冬奥" in text:
            raise IndexError("list index out of range")
        return real_parser(text, first_line)

    from build_scripts.writers import source_jobs

    real_parser = source_jobs.parse_page
    monkeypatch.setattr(source_jobs, "parse_page", broken_parser)
    args = ["convert", "--source", str(project / "source_texts"), "--docs", str(project / "docs")]
    before = snapshot(project / "docs")
    assert cli.main(args) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.startswith(
        "error: internal error while converting 2022-01-29.txt: IndexError: list index out of range"
        " — this is a bug in the converter, not in your files; docs/ was left as it was before this run."
    )
    assert snapshot(project / "docs") == before
    # (converting again, a worker that loaded the parser meanwhile meets it: its traceback
    # travels back with it)
    assert cli.main(["--debug", *args]) == 1
    debug = capsys.readouterr().err
    assert "Traceback" in debug and "in broken_parser" in debug


def test_a_write_failure_is_one_line_and_leaves_docs_alone(tmp_path, monkeypatch, capsys):
    project = make_archive(tmp_path)
    assert convert(project).returncode == 0
    before = snapshot(project / "docs")
    from pathlib import Path

    real_write = Path.write_bytes
    calls = []

    def disk_full(self, data):
        calls.append(self)
        if len(calls) > 3:
            raise OSError(28, "No space left on device", str(self))
        return real_write(self, data)

    (project / "source_texts/2022/2022-01-28.txt").write_text(
        (project / "source_texts/2022/2022-01-28.txt").read_text(encoding="utf-8").replace("保护", "维护"),
        encoding="utf-8",
    )
    monkeypatch.setattr(Path, "write_bytes", disk_full)
    code = cli.main(["convert", "--source", str(project / "source_texts"), "--docs", str(project / "docs")])
    err = capsys.readouterr().err
    assert code == 1
    assert "No space left on device" in err and "docs/ was left as it was" in err and "Traceback" not in err
    assert snapshot(project / "docs") == before
    assert not (project / ".docs.staging").exists()


@pytest.mark.parametrize("argv", [["convert", "--no-such-option"], ["nonsense"], []])
def test_usage_errors_are_argparse_messages(argv, capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(argv)
    assert exit_.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_docs_inside_source_is_refused(tmp_path):
    project = make_archive(tmp_path)
    result = convert(project, "--docs", str(project / "source_texts" / "site-docs"))
    assert result.returncode == 2
    assert "the docs folder and the source folder" in result.stderr and "overlap" in result.stderr
    assert not (project / "source_texts" / "site-docs").exists()


def test_a_full_disk_that_names_no_file_names_the_folder_being_written(tmp_path, monkeypatch, capsys):
    """A write into an open file fails on a full disk with no file name: the message names the
    folder the conversion writes."""
    project = make_archive(tmp_path)

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(source_jobs.pickle, "dump", disk_full)  # the cache entry, as the page is kept
    docs = str(project / "docs")
    code = cli.main(["convert", "--source", str(project / "source_texts"), "--docs", docs, "--jobs", "1"])
    err = capsys.readouterr().err
    assert code == 1
    assert f"error: {docs} (or the conversion cache and urls.lock beside it): No space left on device — check" in err, (
        err
    )
