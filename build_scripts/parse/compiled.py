"""What the parser loads at every start, kept between runs in the form quickest to load: its
regular expressions as `re` compiled them, the prose model's tables, the table of the
traditional characters' reading (`reading.py`) and the classes of characters set half as wide
as a Han character (`layout.py`).

A conversion waits for a process to load the parser, and most of that went on two things
Python does afresh in every process:

- compiling the parser's hundred-odd regular expressions (half a second): `re` compiles in
  Python, and for each class of Han characters (`[一-鿿]`) it marks the 28,000 code points
  of the class one at a time;
- reading the prose model (`prose.json.gz`): JSON takes two and a half times as long as
  `marshal`.

So a conversion names a folder here before it loads the parser (`keep_in`): the parser's own
`__pycache__` (`beside_the_code`; the conversion cache's own folder where that cannot be
written), where Python keeps the parser's compiled bytecode too, so that every conversion on
the machine — a new archive's, a `--full` one — finds what the first compiled. The first run keeps there what `re` compiled each pattern to (the
instruction codes and groups that `re` hands to `_sre.compile` as its last step) and the
model's tables; later runs hand the codes to `_sre.compile` themselves and read the tables
with `marshal`. The files are named for the interpreter (its cache tag), the patterns kept
under the exact version of Python and of `re` (`_sre.MAGIC`) and each one's text and flags,
the tables under a digest of the model's bytes: another Python, an edited pattern or a
retrained model never reads what another made. A pattern is kept only if what was worked
out for it compiles to exactly what `re.compile` gives (the same code, flags and groups), so
this module cannot change what a pattern matches; where `re`'s internals are not what it
expects, patterns are compiled as usual. Without a folder (tests, training, `--explain` on
one file) nothing is kept or read; a missing or damaged file is made again, and a folder
that cannot be written only costs the time.
"""

from __future__ import annotations

import gc
import hashlib
import marshal
import os
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

try:
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]
except ImportError:  # not CPython's `re`: patterns are compiled as usual
    _sre = None

# Kept entries read beyond this many (patterns edited since): only those used are written.
_MOST_KEPT = 1000


_folder: list[Path] = []  # where the conversion keeps them (`keep_in`)


def beside_the_code(fallback: Path | None = None) -> Path | None:
    """The folder conversions keep what the parser loads in: the parser's `__pycache__` — or,
    where that cannot be written (an installation owned by another user), `fallback` (the
    conversion cache's own folder). What Python is told of its bytecode
    (PYTHONDONTWRITEBYTECODE) does not apply: this is the converter's own data, kept as
    `scripts/setup.sh` compiles the converter's modules whatever that says."""
    folder = Path(__file__).parent / "__pycache__"
    return folder if os.access(folder if folder.is_dir() else folder.parent, os.W_OK) else fallback


def keep_in(folder: Path | None) -> None:
    """Keep and read what the parser loads in `folder`, from the next pattern compiled on;
    None: nowhere."""
    _folder[:] = [folder] if folder is not None else []
    _patterns.kept = None  # read from there at the next pattern


def kept_file(name: str) -> Path | None:
    """Where `name` is kept: `NAME.<cache tag>.marshal` in the folder; None without a folder,
    or where the interpreter names no cache tag."""
    tag = sys.implementation.cache_tag
    return _folder[0] / f"{name}.{tag}.marshal" if _folder and tag else None


def _read(path: Path | None) -> Any:
    if path is None:
        return None
    collecting = gc.isenabled()
    gc.disable()  # tens of thousands of objects and no garbage: the collector would walk them again and again
    try:
        return marshal.loads(path.read_bytes())  # (`marshal.load` reads a file in small pieces: ten times slower)
    except (OSError, EOFError, ValueError, TypeError):  # missing, or torn
        return None
    finally:
        if collecting:
            gc.enable()


def _write(path: Path | None, value: Any) -> None:
    """Whole or not at all (a temporary file renamed into place), and never an error: what
    is kept only saves time."""
    if path is None:
        return
    partial = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # a name of its own: every conversion on the machine (and every test worker) may write
        # here at once, and one writing into another's file would tear it
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
        partial = Path(name)
        with os.fdopen(handle, "wb") as stream:
            stream.write(marshal.dumps(value))
        os.replace(partial, path)
    except (OSError, ValueError):
        try:
            if partial is not None:
                partial.unlink(missing_ok=True)
        except OSError:
            pass


class _Patterns:
    """The patterns kept (read once, at the first pattern compiled) and those used since."""

    def __init__(self) -> None:
        self.kept: dict[tuple[str, int], tuple] | None = None
        self.used: dict[tuple[str, int], tuple] = {}
        self.new = 0  # patterns compiled here, not found kept, and not kept yet
        self.made = 0  # patterns compiled here (not read from what was kept)
        self.read = 0  # patterns made from what was kept

    def compile(self, pattern: str, flags: int) -> re.Pattern[str]:
        path = kept_file("patterns")
        if _sre is None or path is None:
            return re.compile(pattern, flags)
        if self.kept is None:
            found = _read(path)
            fits = isinstance(found, dict) and found.get("made by") == _made_by()
            self.kept = found["patterns"] if fits and isinstance(found.get("patterns"), dict) else {}
        key = (pattern, flags)
        made = self.kept.get(key)
        if made is not None:
            try:
                compiled: re.Pattern[str] = _sre.compile(pattern, *made)
                self.used[key] = made
                self.read += 1
                return compiled
            except (TypeError, ValueError, RuntimeError):  # damaged: compiled afresh below
                pass
        expected = re.compile(pattern, flags)
        try:
            made = _code_of(pattern, flags)
            compiled = _sre.compile(pattern, *made)
        except Exception:  # `re`'s internals are not what this module knows
            return expected
        if compiled == expected and (compiled.groups, compiled.groupindex) == (expected.groups, expected.groupindex):
            self.used[key] = made
            self.new += 1
            self.made += 1
        return expected

    def keep(self) -> None:
        """Write the patterns used, if any was not kept yet (with those kept, unless too many)."""
        path = kept_file("patterns")
        if not self.new or _sre is None or path is None:
            return
        patterns = {**(self.kept or {}), **self.used}
        if len(patterns) > _MOST_KEPT:
            patterns = dict(self.used)
        _write(path, {"made by": _made_by(), "patterns": patterns})
        self.kept, self.new = patterns, 0


def _made_by() -> str:
    """The `re` that compiled the kept patterns: its version (`_sre.MAGIC`) and the exact
    interpreter's, since a patch release may compile a pattern otherwise under the same MAGIC."""
    return f"{_sre.MAGIC} {sys.version}"


def _code_of(pattern: str, flags: int) -> tuple:
    """What `re._compiler.compile` hands to `_sre.compile` for this pattern, worked out as it
    does: the flags, the instruction codes, the groups and their names both ways."""
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for group, number in groupindex.items():
        indexgroup[number] = group
    codes = [int(c) for c in code]  # (named constants among them, which marshal does not take)
    return (flags | parsed.state.flags, codes, parsed.state.groups - 1, groupindex, tuple(indexgroup))


_patterns = _Patterns()


def pattern(text: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """`re.compile(text, flags)`, from what an earlier run kept where it can."""
    return _patterns.compile(text, int(flags))


def keep_patterns() -> None:
    """Keep the patterns compiled in this process for the next run (once the parser is loaded),
    if a folder was named."""
    _patterns.keep()


def code_of(function: Callable) -> str:
    """A digest of a function's code (its instructions and constants): what it works out is
    kept under it, so that an edited function never reads what the one before it kept."""
    code = function.__code__
    return hashlib.sha256(code.co_code + repr(code.co_consts).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def worked_out(name: str, version: str, make: Callable[[], Any]) -> Any:
    """`make()`, or what an earlier run kept of it under `name` for the same `version` — what
    `make` depends on: the code that works it out (`code_of`), a table of Unicode's (its
    version) —: `make` must give plain data, as for `tables`."""
    path = kept_file(name)
    found = _read(path)  # (None without a folder: made, and kept nowhere)
    if isinstance(found, tuple) and len(found) == 2 and found[0] == version:
        return found[1]
    value = make()
    _write(path, (version, value))
    return value


def tables(source: Path, read: Callable[[bytes], Any], version: str = "") -> Any:
    """`read(the bytes of source)`, or what an earlier run kept of it for the same bytes (and
    the same `version` of `read`): `read` must give plain data (dicts, lists, tuples, strings,
    numbers)."""
    data, name = source.read_bytes(), source.name.split(".")[0]
    if kept_file(name) is None:  # kept nowhere: no digest needed
        return read(data)
    return worked_out(name, hashlib.sha256(data + version.encode("utf-8")).hexdigest(), lambda: read(data))
