"""Progress bars: drawn on a terminal, never in logs or pipes (no control characters there)."""

from __future__ import annotations

import io
import subprocess
import sys

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
