"""The archive's hand-kept word list (`source_texts/userdict.txt`, jieba's user-dictionary format).

jieba's dictionary is general-purpose: it splits many personal names (陈毅人 → 陈毅/人,
武露露 → 武/露露) and newer terms (中国式现代化 → 中国式/现代化), and a word that is split
cannot be searched as one, nor be a tag. The search index (plugins/zh_search) and the tags
(catalogue/tags.py) both cut the text with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_FREQUENCY = re.compile(r"^[0-9]+$")
_TAG = re.compile(r"^[a-z]+$")  # jieba's part-of-speech tags: n, nr, ns, nz, …
FORMAT = "one word per line: `word [frequency] [tag]`, e.g. `奥密克戎` or `国家统计局 20 nt`"


class WordListError(Exception):
    """A line of the hand-kept word list that is not a word entry."""

    def __init__(self, path: str, line: int | None, what: str, fix: str):
        self.path, self.line, self.what, self.fix = path, line, what, fix
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {what} — {fix}")


@dataclass(frozen=True)
class Word:
    text: str
    frequency: int | None = None  # None: as often as needed to keep the word in one piece
    tag: str | None = None


def word_order(word: Word) -> tuple[str, int, str]:
    """Listed words in a fixed order: a dictionary made of them must not depend on the order
    of the list's lines."""
    return (word.text, word.frequency or 0, word.tag or "")


def read_word_list(path: Path, shown: str) -> list[Word]:
    """Parse a jieba user dictionary. Unlike jieba's own loader it allows `#` comment
    lines (jieba would add `#` as a word) and reports a bad line instead of guessing."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise WordListError(
            shown,
            None,
            "the word list does not exist",
            "create it, or remove `user_dict` from the zh-search options in mkdocs.yml",
        ) from None
    except UnicodeDecodeError:
        raise WordListError(shown, None, "is not UTF-8 text", "save it as UTF-8") from None
    except OSError as exc:
        raise WordListError(
            shown, None, f"cannot be read ({exc.strerror})", "make it readable (e.g. chmod a+r)"
        ) from None
    words = []
    for number, line in enumerate(text.splitlines(), start=1):
        fields = line.split()
        if not fields or fields[0].startswith("#"):
            continue
        word, rest = fields[0], fields[1:]
        frequency = tag = None
        if rest and _FREQUENCY.match(rest[0]):
            frequency = int(rest.pop(0))
        if rest and _TAG.match(rest[0]):
            tag = rest.pop(0)
        if rest:
            raise WordListError(shown, number, f"cannot read `{line.strip()}` (a word cannot contain spaces)", FORMAT)
        words.append(Word(word, frequency, tag))
    return words
