"""Progress bars: drawn on a terminal, never in logs or pipes (no control characters there)."""

from __future__ import annotations

import io
import subprocess
import sys
from contextlib import contextmanager

import pytest
from conftest import ROOT

from build_scripts.writers.progress import progress_bar


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_bar_is_drawn_on_a_terminal(monkeypatch):
    screen = _Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    with progress_bar(3, "converting") as bar:
        bar.update(3)
    assert "converting:" in screen.getvalue() and "/3 [" in screen.getvalue()  # (the bar, drawn)


def test_nothing_is_written_where_stderr_is_no_terminal(monkeypatch):
    log = io.StringIO()
    monkeypatch.setattr(sys, "stderr", log)
    with progress_bar(3, "converting") as bar:
        bar.update(3)
        bar.set_postfix_str("step 3")
    assert log.getvalue() == ""


def test_a_conversion_without_a_terminal_never_imports_the_bars():
    script = "import sys, build_scripts.cli, build_scripts.convert; print('tqdm' in sys.modules)"
    shown = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == "False"


class _Counted:
    """A bar that keeps what it was told: the total, and the count it reached."""

    def __init__(self, total: int, what: str) -> None:
        self.total, self.what, self.done = total, what, 0

    def update(self, n: int = 1) -> None:
        self.done += n

    def set_postfix_str(self, s: str = "", refresh: bool = True) -> None:
        pass


def counting_bars(bars: list[_Counted]):
    @contextmanager
    def bar(total: int, what: str, unit: str = "file"):
        bars.append(_Counted(total, what))
        yield bars[-1]

    return bar


@pytest.mark.parametrize("jobs", [1, 2])
def test_writing_docs_counts_every_unit_written_by_this_process_and_the_forked_ones(tmp_path, monkeypatch, jobs):
    from build_scripts.writers import docs_tree, units
    from build_scripts.writers.units import Unit

    monkeypatch.setattr(units, "MIN_UNITS_APART", 2)  # (jobs=2: the pages are written by forked processes)
    bars: list[_Counted] = []
    monkeypatch.setattr(docs_tree, "progress_bar", counting_bars(bars))

    def pages(edited: int = -1) -> list[Unit]:
        texts = {n: f"{n}{' edited' if n == edited else ''}\n" for n in range(40)}
        made = [Unit(texts[n], lambda n=n: {f"2021/01/01/p{n}.md": texts[n]}, apart=True) for n in range(40)]
        return [*made, Unit("index", lambda: {"index.md": "x\n"})]

    docs_tree.write_tree(tmp_path / "docs", pages(), jobs=jobs)
    docs_tree.write_tree(tmp_path / "docs", pages(edited=7), jobs=jobs)  # one unit changed: one to write
    assert [(bar.what, bar.total, bar.done) for bar in bars] == [("writing docs/", 41, 41), ("writing docs/", 1, 1)]


def test_writing_docs_draws_its_bar_on_a_terminal(tmp_path, monkeypatch):
    from build_scripts.writers.docs_tree import write_tree

    screen = _Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    write_tree(tmp_path / "docs", {"index.md": "x\n", "about.md": "y\n"})
    assert "writing docs/:" in screen.getvalue()
