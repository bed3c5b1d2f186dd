"""The tests' commands run forked from a process that imported them once (forked_cli.py): each
gets what `subprocess.run` gives a fresh interpreter."""

from __future__ import annotations

import importlib.util
import os
import sys

import forked_cli
import pytest

PROBE = """
import atexit, multiprocessing, os, sys
atexit.register(lambda: print("atexit ran", flush=True))
print(os.getcwd(), os.environ.get("PROBE"), sys.argv[1:], multiprocessing.get_start_method())
print("loaded:", sorted(m for m in ("jieba", "pypinyin", "rjieba") if m in sys.modules))
print("to stderr", file=sys.stderr)
how = sys.argv[1]
if how == "message":
    sys.exit("没有这一天")
if how == "exception":
    raise ValueError("坏了")
raise SystemExit(int(how))
"""


@pytest.fixture
def probe(tmp_path):
    (tmp_path / "forked_probe.py").write_text(PROBE, encoding="utf-8")
    return tmp_path  # (importable through PYTHONPATH, as by a fresh interpreter)


def _both(probe, how: str):
    env = {**os.environ, "PROBE": "值", "PYTHONPATH": str(probe)}
    return [forked_cli.run("forked_probe", [how, "参数"], probe, env, fresh=fresh) for fresh in (False, True)]


@pytest.mark.parametrize("how", ["0", "3", "message", "exception"])
def test_a_forked_command_gets_what_a_fresh_interpreter_gets(probe, how):
    forked, fresh = _both(probe, how)
    assert forked.args == fresh.args == [sys.executable, "-m", "forked_probe", how, "参数"]
    assert (forked.returncode, forked.stdout) == (fresh.returncode, fresh.stdout)
    assert forked.stdout.startswith(f"{probe} 值 ['{how}', '参数'] ")
    assert "loaded: []\natexit ran\n" in forked.stdout  # (nothing the commands load for their work)
    assert forked.returncode == {"0": 0, "3": 3, "message": 1, "exception": 1}[how]
    assert forked.stderr.startswith("to stderr\n")
    if how == "exception":
        assert forked.stderr.endswith("ValueError: 坏了\n") and fresh.stderr.endswith("ValueError: 坏了\n")
        assert "ForkServerProcess" not in forked.stderr
    else:
        assert forked.stderr == fresh.stderr


def test_every_module_the_server_preloads_exists():
    # (the fork server skips a module it cannot import without a word)
    assert [name for name in forked_cli.PRELOAD if importlib.util.find_spec(name) is None] == []
