"""Lexical cohesion: how much a stretch of text talks about what the article above talks
about. A new article changes the subject; a sub-head does not."""

from __future__ import annotations

from build_scripts.parse import compiled
from build_scripts.parse.memo import memo

_HAN_RE = compiled.pattern(r"[\u3400-\u9fff]{2,}")


@memo
def words(text: str) -> frozenset[str]:
    """The pairs of Han characters in a block: shared pairs stand for shared words without
    segmenting the text (fast, and no dictionary needed)."""
    return frozenset(run[k : k + 2] for run in _HAN_RE.findall(text) for k in range(len(run) - 1))


def cohesion(these: frozenset[str], those: frozenset[str] | set[str]) -> float:
    """The share of these words that those share."""
    return len(these & those) / len(these) if these else 0.0


def level(value: float) -> str:
    return "none" if value == 0 else "low" if value < 0.2 else "some" if value < 0.45 else "high"
