"""Numbers as the paper prints them in labels: `第十七期`, `案例三`, `（二）`."""

from __future__ import annotations

_HAN_DIGITS = {d: n for n, d in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}


def han_number(text: str) -> int | None:
    """A number up to 99 as printed, in digits or Han numerals (`九`, `十七`, `二十`, `１２`),
    or None."""
    if text.isdigit():
        return int(text)  # (full-width digits too)
    tens, ten, ones = text.partition("十")
    if not ten:
        return _HAN_DIGITS.get(text) if len(text) == 1 else None
    if len(tens) > 1 or len(ones) > 1 or (tens and tens not in _HAN_DIGITS) or (ones and ones not in _HAN_DIGITS):
        return None
    return 10 * (_HAN_DIGITS[tens] if tens else 1) + (_HAN_DIGITS[ones] if ones else 0)
