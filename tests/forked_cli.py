"""`python -m build_scripts …` and `python -m mkdocs …` for the tests, each in a process of its
own — forked from one that imported the project's commands once.

The tests run the commands some four hundred times, and each fresh Python spent more time
importing (MkDocs, Material, the plugins) than a small archive takes to convert or build.
multiprocessing's fork server is a process started once per test process with those modules
imported; each command is a process forked from it, with its own working folder, environment,
module path, arguments, standard output and error (stderr line-buffered, as Python's own), and
exit code, as `subprocess.run` gives them. It ends as an interpreter does: an uncaught
exception printed by `sys.excepthook`, `SystemExit`'s code or message, its threads joined,
the `atexit` functions run, logging shut down, the streams flushed.

What a fork cannot give is a hash seed of its own: every command forked shares the server's.
A test that compares two runs for determinism runs one in a fresh interpreter (`fresh=True`,
which also drops any PYTHONHASHSEED: a seed drawn at random), so that an order that depends on
the seed (a set's) is caught. `TESTS_FRESH_PROCESSES=1` runs every command in a fresh interpreter.
"""

from __future__ import annotations

import atexit
import logging
import multiprocessing
import os
import runpy
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

# What the commands import before their work: their own modules and the plugins' that
# mkdocs.yml names (MkDocs imports those as it reads it). pypinyin, rjieba and jieba stay out:
# the commands load them when their work needs them, and tests ask which process does.
PRELOAD = [
    "build_scripts.cli",
    "build_scripts.convert",
    "build_scripts.ship.sharded_build",
    "mkdocs.__main__",
    "mkdocs.commands.build",
    "material.plugins.offline.plugin",
    "build_scripts.plugins.archive.plugin",
    "build_scripts.plugins.publish.plugin",
    "build_scripts.plugins.zh_search.plugin",
    "build_scripts.plugins.offline_bundle.plugin",
    "build_scripts.plugins.shard.plugin",
]

_context = None


def _server():
    global _context
    if _context is None:
        _context = multiprocessing.get_context("forkserver")
        _context.set_forkserver_preload(PRELOAD)
    return _context


def _exit_code(ended: SystemExit) -> int:
    """The exit code an interpreter gives `SystemExit` (a message: printed, and 1)."""
    if ended.code is None or isinstance(ended.code, int):
        return ended.code or 0
    print(ended.code, file=sys.stderr)
    return 1


def _command(module: str, args: list[str], cwd: str, env: dict[str, str], out: str, err: str) -> None:
    """In the forked process: `python -m module args`, as a fresh interpreter runs it."""
    # (a fork server's processes start theirs through it too: a fresh interpreter's default)
    multiprocessing.set_start_method(None, force=True)
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(env)
    # `python -m` looks in the working folder first, then in PYTHONPATH's folders
    sys.path[:0] = [cwd, *filter(None, env.get("PYTHONPATH", "").split(os.pathsep))]
    for fd, path in ((1, out), (2, err)):
        opened = os.open(path, os.O_WRONLY | os.O_TRUNC)
        os.dup2(opened, fd)
        os.close(opened)
    sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115  (as a pipe's: no terminal)
    sys.stderr = open(2, "w", encoding="utf-8", errors="backslashreplace", closefd=False)  # noqa: SIM115
    sys.stdout.reconfigure(write_through=bool(env.get("PYTHONUNBUFFERED")))
    sys.stderr.reconfigure(line_buffering=True)
    sys.argv = [module, *args]
    sys.modules.pop(f"{module}.__main__", None)  # (imported by the server: runpy would warn)
    try:
        runpy.run_module(module, run_name="__main__", alter_sys=True)
        code = 0
    except SystemExit as ended:
        code = _exit_code(ended)
    except BaseException:
        sys.excepthook(*sys.exc_info())
        code = 1
    for thread in threading.enumerate():
        if thread is not threading.main_thread() and not thread.daemon:
            thread.join()
    atexit._run_exitfuncs()
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    os._exit(code)


def run(
    module: str, args: list[str], cwd: Path, env: dict[str, str], fresh: bool = False
) -> subprocess.CompletedProcess:
    """`subprocess.run([python, -m, module, *args], cwd, env, capture_output=True, text=True)`."""
    if fresh or os.environ.get("TESTS_FRESH_PROCESSES") == "1":
        command = [sys.executable, "-m", module, *args]
        seeded = {k: v for k, v in env.items() if k != "PYTHONHASHSEED" or not fresh}
        return subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=seeded)
    with tempfile.TemporaryDirectory(prefix="forked-cli-") as folder:
        out, err = Path(folder, "out"), Path(folder, "err")
        out.touch()
        err.touch()
        process = _server().Process(target=_command, args=(module, args, str(cwd), env, str(out), str(err)))
        process.start()
        process.join()
        return subprocess.CompletedProcess(
            [sys.executable, "-m", module, *args],
            process.exitcode if process.exitcode is not None else -1,
            out.read_text(encoding="utf-8", errors="replace"),
            err.read_text(encoding="utf-8", errors="replace"),
        )
