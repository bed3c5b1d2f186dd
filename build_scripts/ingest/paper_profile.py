"""A paper's profile: the values that differ from paper to paper, so that a maintainer adds
a paper without editing the parser's rules or its patterns.

Chosen in `source_texts/archive.yml`, by name or by name plus overrides:

    profile: national-daily

    profile:
      base: national-daily
      headline_max: 70               # longest headline line taken on its shape alone
      column_words: [金台随笔, 今日谈]  # names of columns: never a person, never a byline
      box_titles: [导读, 图片报道]      # recurring boxes, not stories: not among the latest headlines

Every value has the default of `national-daily`, the profile learnt on a national daily's
real pages; the sample paper (a provincial daily) reads well with it too.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

from build_scripts.contract.script import simplified


@dataclass(frozen=True)
class PaperProfile:
    name: str = "national-daily"
    # lengths, in characters
    headline_max: int = 64  # a headline line recognised by its shape alone
    comma_headline_max: int = 40  # a headline with commas, confirmed by a byline below it
    long_headline_max: int = 120  # kicker + main title + subtitle on one line, confirmed below
    subhead_max: int = 40  # a longer unpunctuated line inside an article is flagged
    # words that name a column or a kind of piece (（金台随笔）, 今日谈): never a person's name
    column_words: tuple[str, ...] = ()
    # words a numbered section of an article is labelled with (案例一 … 案例四): such a label
    # alone on its line is never a headline, and a credit above it closes only a section
    section_labels: tuple[str, ...] = ("案例", "镜头", "故事", "场景", "片段")
    # titles of the boxes a page prints issue after issue rather than a story (the front page's
    # 导读, a 图片报道 of captions): such a title opens an article of its own, which the home
    # page leaves out of the day's latest headlines
    box_titles: tuple[str, ...] = (
        *("图片报道", "图片新闻", "新闻图片", "图说新闻"),
        *("本版导读", "今日导读", "本期导读", "要闻导读", "导读"),
    )
    # the paper's name as its pages print it alone on a line (the masthead, `城南晚报`,
    # `CHENGNAN EVENING NEWS`): page furniture, never an article. `archive.yml`'s `title` and
    # `title_en` are always among them (archive_config.py)
    mastheads: tuple[str, ...] = ()
    # how sure the weighed evidence must be (0–1) to join a block to the paragraph above, or
    # to open a new article inside an open one (below an even chance: measured on real pages,
    # the evidence leans to a sub-head, and 0.4 cuts them best)
    join_threshold: float = 0.5
    headline_threshold: float = 0.4

    def __hash__(self) -> int:
        # Worked out once: the parser's remembered answers about a line are keyed by the line
        # and the profile (parse/memo.py), and hashing every field each time cost a few % of
        # parsing. (Not pickled: a string's hash differs from one interpreter to the next.)
        kept = self.__dict__.get("_hash")
        if kept is None:
            kept = hash(tuple(getattr(self, f.name) for f in fields(self)))
            object.__setattr__(self, "_hash", kept)
        return kept

    def __getstate__(self) -> dict[str, Any]:
        return {key: value for key, value in self.__dict__.items() if key not in ("_hash", "_longest_box")}

    def is_column_word(self, text: str) -> bool:
        return any(text.endswith(word) for word in self.column_words)

    def with_masthead(self, name: str) -> PaperProfile:
        """The profile, with `name` among the mastheads (a page of another paper, named in its
        header: `paper: 科创导报`)."""
        name = " ".join(name.split())
        if not name or name in self.mastheads:
            return self
        return replace(self, mastheads=(*self.mastheads, name))

    def is_masthead(self, text: str) -> bool:
        """The paper's name alone, spaced or not, in any case (`CHENGNAN  EVENING NEWS`)."""
        if len(text) > 60 or not self.mastheads:
            return False
        line = "".join(text.split()).casefold()
        return any(line == "".join(name.split()).casefold() for name in self.mastheads)

    def is_box_title(self, title: str) -> bool:
        """A box's title as printed, spaced or not (`导 读`), in either script (`圖片報道`).
        Asked of every line the parser weighs and every article a conversion lists: a title
        much longer than every box's is none, without converting its script (OpenCC)."""
        longest = self.__dict__.get("_longest_box")
        if longest is None:
            longest = max(map(len, self.box_titles), default=0)
            object.__setattr__(self, "_longest_box", longest)
        if len(title) > 2 * longest + 8:  # (spaced: `导 读`; a phrase's characters in the other script)
            return False
        title = "".join(title.split())
        return title in self.box_titles or simplified(title) in self.box_titles


NATIONAL_DAILY = PaperProfile()
PROFILES: dict[str, PaperProfile] = {NATIONAL_DAILY.name: NATIONAL_DAILY}
DEFAULT = NATIONAL_DAILY

_INT_FIELDS = {"headline_max", "comma_headline_max", "long_headline_max", "subhead_max"}
_FLOAT_FIELDS = {"join_threshold", "headline_threshold"}
SETTINGS = sorted({f.name for f in fields(PaperProfile)} - {"name"} | {"base"})


class ProfileError(ValueError):
    """What is wrong with a profile setting, and which key (for the error's line)."""

    def __init__(self, key: str, what: str, fix: str):
        super().__init__(what)
        self.key, self.what, self.fix = key, what, fix


def profile_from(value: object) -> PaperProfile:
    """The profile `archive.yml` asks for: a name, or a mapping of a `base` name and overrides."""
    if value is None:
        return DEFAULT
    if isinstance(value, str):
        return _named(value, "profile")
    if not isinstance(value, dict):
        raise ProfileError(
            "profile",
            "`profile` must be a name or a mapping",
            "e.g. `profile: national-daily`, or `profile: {base: national-daily, headline_max: 70}`",
        )
    unknown = sorted(set(map(str, value)) - set(SETTINGS))
    if unknown:
        raise ProfileError(unknown[0], f"unknown profile setting '{unknown[0]}'", f"use one of: {', '.join(SETTINGS)}")
    profile = _named(str(value.get("base", DEFAULT.name)), "base")
    changes: dict[str, Any] = {}
    for key, setting in value.items():
        if key == "base":
            continue
        if key in _INT_FIELDS:
            if isinstance(setting, bool) or not isinstance(setting, int) or not 4 <= setting <= 400:
                raise ProfileError(
                    key, f"`{key}` must be a whole number of characters from 4 to 400", f"e.g. `{key}: 64`"
                )
            changes[key] = setting
        elif key in _FLOAT_FIELDS:
            if isinstance(setting, bool) or not isinstance(setting, int | float) or not 0 < setting < 1:
                raise ProfileError(key, f"`{key}` must be a number between 0 and 1", f"e.g. `{key}: 0.5`")
            changes[key] = float(setting)
        else:  # column_words, section_labels, box_titles, mastheads
            if not isinstance(setting, list) or not all(isinstance(w, str) and w.strip() for w in setting):
                raise ProfileError(key, f"`{key}` must be a list of words", f"e.g. `{key}: [金台随笔, 今日谈]`")
            changes[key] = tuple(w.strip() for w in setting)
    return replace(profile, name=f"{profile.name} (adjusted)", **changes) if changes else profile


def _named(name: str, key: str) -> PaperProfile:
    if name not in PROFILES:
        raise ProfileError(key, f"unknown profile '{name}'", f"use one of: {', '.join(sorted(PROFILES))}")
    return PROFILES[name]
