"""The units `docs/` is written in, and their rendering: each unit's files written into the
staging folder (`docs_tree.write_tree`) unless docs/ holds the same bytes already; the units
marked `apart` shared out among forked processes when there are many (article, issue,
reporter and tag pages)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from build_scripts.contract.provenance import PROVENANCE_FILE
from build_scripts.problems import InputError, Problem
from build_scripts.writers.pieces import Pieces, same_bytes, write_or_link
from build_scripts.writers.workers import can_fork, forked_pool


@dataclass(frozen=True)
class Unit:
    """Generated files written together, and a digest of everything they are made from
    (`key`; "" when unknown: then they are rendered and compared with what is there). A file
    is text, or its bytes when they are at hand already (UTF-8), or pieces (`pieces.py`: the
    data files)."""

    key: str
    render: Callable[[], Mapping[str, str | bytes | Pieces]]
    # Rendering it reads only what the plan holds and changes nothing another unit reads, so
    # another process may render it (article, issue, reporter and tag pages).
    apart: bool = False


# What a unit's files came to: each path, and whether it was written (False: the same bytes
# are in docs/ already).
Outcome = list[tuple[str, bool]]


def safe_relative(rel: str) -> str:
    """A generated path must stay inside docs/: relative, forward slashes, no `..`, no hidden
    parts (but the record of which paper docs/ holds, which the build reads and MkDocs does
    not publish). Paths are built from dates and ASCII slugs, so a failure here is a bug."""
    if rel == PROVENANCE_FILE:
        return rel
    parts = rel.split("/")
    if (
        not rel
        or rel.startswith("/")
        or "\\" in rel
        or "\0" in rel
        or any(part in ("", ".", "..") or part.startswith(".") for part in parts)
    ):
        raise ValueError(f"refusing to write {rel!r}: not a plain path inside the docs folder")
    return rel


@dataclass
class Target:
    """Where a unit's files go: `staging`, unless `docs` has the same bytes already."""

    docs: Path
    staging: Path
    before: frozenset[str]  # the generated files of the last run
    made: set[Path] = field(default_factory=set)  # folders this process made in staging
    staged: list[tuple[Pieces, Path]] = field(default_factory=list)  # files this process wrote as pieces

    def write(self, unit: Unit) -> Outcome:
        outcome = []
        for rel, text in unit.render().items():
            safe_relative(rel)
            target = self.docs / rel
            if rel not in self.before and target.exists():
                raise InputError(
                    str(target),
                    None,
                    "is a hand-written file where the converter writes a generated page",
                    "rename or remove it (generated pages are listed in docs/.generated.json)",
                )
            data = text.encode("utf-8") if isinstance(text, str) else text
            if rel in self.before and same_bytes(target, data):
                if isinstance(data, Pieces):
                    data.now_in(target)
                outcome.append((rel, False))
                continue
            out = self.staging / rel
            if out.parent not in self.made:
                out.parent.mkdir(parents=True, exist_ok=True)
                self.made.add(out.parent)
            if isinstance(data, Pieces):
                write_or_link(data, out, self.staged)
            else:
                out.write_bytes(data)
            outcome.append((rel, True))
        return outcome


# Below this many units to render apart, a pool costs more than it saves (a unit's files take
# about half a millisecond to create on a virtual disk; a forked worker some tens).
MIN_UNITS_APART = 400

# In a forked worker: the units and where they go, inherited from the process that forked it.
_shared: tuple[list[Unit], Target] | None = None


def _nothing(done: int) -> None:
    pass


def _count(step: Callable[[int], None], done: int, _: object) -> None:
    step(done)


def render_all(
    units: list[Unit], todo: list[int], target: Target, jobs: int, step: Callable[[int], None] = _nothing
) -> dict[int, Outcome]:
    """Render and write the units `todo`, by index. Units marked `apart` are shared out among
    `jobs` forked processes while this one renders the others, in order (they may depend on
    units before them). `step(n)`: n more units are written (a progress bar's count)."""
    global _shared
    apart = [index for index in todo if units[index].apart]
    if jobs < 2 or len(apart) < MIN_UNITS_APART or not can_fork():
        alone: dict[int, Outcome] = {}
        for index in todo:
            alone[index] = target.write(units[index])
            step(1)
        return alone
    outcomes: dict[int, Outcome | Problem] = {}
    size = max(16, len(apart) // (jobs * 8))  # runs of neighbouring units: an issue's articles together
    runs = [apart[i : i + size] for i in range(0, len(apart), size)]
    _shared = (units, target)  # before the pool forks: its workers inherit it
    try:
        with forked_pool(jobs) as pool:
            parts = [pool.submit(_write_apart, run) for run in runs]
            for part, run in zip(parts, runs, strict=True):  # (counted as each run comes back)
                part.add_done_callback(partial(_count, step, len(run)))
            outcomes.update(_write_each(units, [index for index in todo if not units[index].apart], target, step))
            for part in parts:
                outcomes.update(part.result())
    finally:
        _shared = None
    written: dict[int, Outcome] = {}
    for index in sorted(outcomes):  # the first problem in the units' order, as working alone meets it
        outcome = outcomes[index]
        if isinstance(outcome, Problem):
            raise InputError(outcome.path, outcome.line, outcome.what, outcome.fix)
        written[index] = outcome
    return written


def _write_each(
    units: list[Unit], indexes: list[int], target: Target, step: Callable[[int], None] = _nothing
) -> list[tuple[int, Outcome | Problem]]:
    """Render and write units in order, up to the first input error (kept as data: it must be
    reported in the units' order whichever process met it)."""
    done: list[tuple[int, Outcome | Problem]] = []
    for index in indexes:
        try:
            done.append((index, target.write(units[index])))
        except InputError as error:
            done.append((index, error.problem))
            break
        step(1)
    return done


def _write_apart(indexes: list[int]) -> list[tuple[int, Outcome | Problem]]:
    """In a forked worker: render and write some units (an exception does not survive the
    trip back: an input error travels as data)."""
    assert _shared is not None
    units, target = _shared
    return _write_each(units, indexes, target)
