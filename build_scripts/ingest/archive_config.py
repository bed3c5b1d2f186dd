"""The archive's own settings: `source_texts/archive.yml` (the paper, and a few options)."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from build_scripts.ingest.paper_profile import DEFAULT as DEFAULT_PROFILE
from build_scripts.ingest.paper_profile import PaperProfile, ProfileError, profile_from
from build_scripts.ingest.word_list import Word, WordListError, read_word_list
from build_scripts.problems import InputError

ARCHIVE_FILE = "archive.yml"
# The archive's hand-kept word list: search (the zh-search plugin) and tags (the converter) keep its words whole.
WORD_LIST_FILE = "userdict.txt"
# The URL ledger: every article address ever published (written by the converter, catalogue/ledger.py).
LEDGER_FILE = "urls.lock"


@dataclass(frozen=True)
class PaperInfo:
    """Paper-level metadata from source_texts/archive.yml."""

    title: str
    slug: str
    title_en: str = ""
    publisher: str = ""
    place: str = ""
    language: str = "zh-Hans"  # BCP 47: `<html lang>`, feeds, citations


DEFAULT_TAG_MIN_ARTICLES = 5  # measured: the smallest that keeps tag pages under 10 % of a real site

_PAPER_KEYS = {"title", "title_en", "slug", "publisher", "place", "language"}
_TOP_KEYS = {
    "paper",
    "encoding",
    "site_url",
    "tags_per_article",
    "tag_min_articles",
    "site_name",
    "description",
    "about",
    "profile",
}


@dataclass(frozen=True)
class ArchiveConfig:
    paper: PaperInfo
    encoding: str | None = None  # default encoding of every source file, when declared
    site_url: str = ""
    tags_per_article: int = 5
    tag_min_articles: int = (
        DEFAULT_TAG_MIN_ARTICLES  # a word is a tag only where this many articles of a year (or years) carry it
    )
    name: str = ""  # `site_name`; default: the paper's title + 数字报档案
    description: str = ""  # default: a sentence naming the paper
    about: str = ""  # Markdown added to the generated about page
    profile: PaperProfile = DEFAULT_PROFILE  # the paper's values for the parser (ingest/paper_profile.py)
    words: tuple[Word, ...] = ()  # the archive's word list (userdict.txt): one word each for search and tags

    @property
    def site_name(self) -> str:
        return self.name or f"{self.paper.title}数字报档案"

    @property
    def site_description(self) -> str:
        return self.description or f"《{self.paper.title}》报纸全文档案：按日期、版面浏览，全文检索，引用与下载。"


def _fail(path: str, what: str, fix: str, line: int | None = None) -> InputError:
    return InputError(path, line, what, fix)


def _check_keys(shown: str, text: str, data: dict, allowed: set[str], kind: str) -> None:
    """An unknown key is a typo until proven otherwise: name it, its line, and the key it
    most likely meant."""
    unknown = sorted(set(map(str, data)) - allowed)
    if not unknown:
        return
    guess = difflib.get_close_matches(unknown[0], sorted(allowed), n=1)
    hint = f"did you mean `{guess[0]}`? " if guess else ""
    raise _fail(
        shown,
        f"unknown {kind}(s): {', '.join(unknown)}",
        f"{hint}allowed: {', '.join(sorted(allowed))}",
        _line_of(text, unknown[0]),
    )


def _line_of(text: str, key: str) -> int | None:
    """The line a key is set on, so that errors point at it."""
    m = re.search(rf"^[ \t]*{re.escape(key)}[ \t]*:", text, re.MULTILINE)
    return text.count("\n", 0, m.start()) + 1 if m else None


_LANGUAGE_RE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")  # BCP 47, as <html lang> takes it
_SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def load_archive_config(source_dir: Path) -> ArchiveConfig:
    path = source_dir / ARCHIVE_FILE
    shown = str(path)
    if path.is_dir():
        raise _fail(
            shown,
            "is a folder, not the archive description",
            f"remove the folder and write {ARCHIVE_FILE} (see maintainers/input-files.md, Configuration)",
        )
    if not path.is_file():
        raise _fail(
            shown,
            "the archive description is missing",
            f"create {ARCHIVE_FILE} with at least `paper: {{title: …, slug: …}}` (see maintainers/input-files.md, Configuration)",
        )
    try:
        text = path.read_text(encoding="utf-8-sig")
        data = yaml.safe_load(text) or {}
    except OSError as exc:
        raise _fail(shown, f"cannot be read ({exc.strerror})", "make it readable (e.g. chmod a+r)") from None
    except UnicodeDecodeError:
        raise _fail(shown, "not UTF-8 text", "save archive.yml as UTF-8") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(
            shown,
            mark.line + 1 if mark else None,
            f"not valid YAML ({getattr(exc, 'problem', None) or exc})",
            "fix the YAML syntax (indentation, a missing colon); values are plain text or numbers",
        ) from None
    except (ValueError, TypeError, OverflowError) as exc:  # e.g. an impossible date as a value
        raise _fail(shown, f"has a value YAML cannot read ({exc})", "put the value in quotes") from None
    if not isinstance(data, dict):
        raise _fail(shown, "must be a mapping of settings", "start it with `paper:`")
    _check_keys(shown, text, data, _TOP_KEYS, "setting")
    paper = data.get("paper")
    if isinstance(paper, dict):
        _check_keys(shown, text, paper, _PAPER_KEYS, "paper setting")
    if not isinstance(paper, dict) or not paper.get("title"):
        raise _fail(
            shown,
            "`paper.title` is missing",
            "add `paper: {title: 报纸名称, slug: ascii-name}`",
            _line_of(text, "paper"),
        )
    for key, value in paper.items():
        if isinstance(value, (list, dict, bool)) or value is None:
            raise _fail(shown, f"`paper.{key}` must be text", f"e.g. `{key}: 浙江日报`", _line_of(text, key))
    from build_scripts.contract.urls import (
        ascii_slug,  # late import: slugs pulls in pypinyin
    )

    slug = str(paper.get("slug") or ascii_slug(str(paper["title"])))
    if not _SLUG_RE.match(slug):
        raise _fail(
            shown,
            f"`paper.slug` '{slug}' is not a plain ASCII name",
            "use lowercase letters, digits and single hyphens, e.g. `slug: zhejiang-daily`",
            _line_of(text, "slug"),
        )
    language = str(paper.get("language") or "zh-Hans")
    if not _LANGUAGE_RE.match(language):
        raise _fail(
            shown,
            f"`paper.language` '{language}' is not a language tag",
            "write it as a BCP 47 tag: zh-Hans (simplified Chinese), zh-Hant (traditional), zh, en …",
            _line_of(text, "language"),
        )
    info = PaperInfo(
        title=" ".join(str(paper["title"]).split()),
        slug=slug,
        title_en=str(paper.get("title_en", "")),
        publisher=str(paper.get("publisher", "")),
        place=str(paper.get("place", "")),
        language=language,
    )
    tags = data.get("tags_per_article", 5)
    if isinstance(tags, bool) or not isinstance(tags, int) or not 0 <= tags <= 20:
        raise _fail(
            shown,
            "`tags_per_article` must be a whole number from 0 to 20",
            "e.g. `tags_per_article: 5`",
            _line_of(text, "tags_per_article"),
        )
    encoding = data.get("encoding")
    if encoding is not None:
        from build_scripts.ingest.decoding import codec_name

        if not isinstance(encoding, str) or codec_name(encoding) is None:
            raise _fail(
                shown,
                f"`encoding` '{encoding}' is not a text encoding Python knows",
                "use one of utf-8, gb18030, big5, utf-16 — or remove it",
                _line_of(text, "encoding"),
            )
    site_url = data.get("site_url") or ""
    if not isinstance(site_url, str):
        raise _fail(
            shown,
            "`site_url` must be text",
            "e.g. `site_url: https://example.org/archive/`",
            _line_of(text, "site_url"),
        )
    minimum = data.get("tag_min_articles", DEFAULT_TAG_MIN_ARTICLES)
    if isinstance(minimum, bool) or not isinstance(minimum, int) or not 1 <= minimum <= 1000:
        raise _fail(
            shown,
            "`tag_min_articles` must be a whole number from 1 to 1000",
            "e.g. `tag_min_articles: 3`",
            _line_of(text, "tag_min_articles"),
        )
    texts = {}
    for key in ("site_name", "description", "about"):
        value = data.get(key) or ""
        if not isinstance(value, str):
            raise _fail(
                shown, f"`{key}` must be text", f"e.g. `{key}: …` (in quotes if it has a colon)", _line_of(text, key)
            )
        texts[key] = value.strip() if key == "about" else " ".join(value.split())
    try:
        profile = profile_from(data.get("profile"))
    except ProfileError as exc:
        raise _fail(shown, exc.what, exc.fix, _line_of(text, exc.key)) from None
    names = tuple(name for name in (info.title, info.title_en) if name and name not in profile.mastheads)
    if names:  # its pages print the paper's name at their top: never an article
        profile = replace(profile, mastheads=profile.mastheads + names)
    return ArchiveConfig(
        words=_word_list(source_dir),
        profile=profile,
        paper=info,
        encoding=encoding,
        site_url=site_url,
        tags_per_article=tags,
        tag_min_articles=minimum,
        name=texts["site_name"],
        description=texts["description"],
        about=texts["about"],
    )


def _word_list(source_dir: Path) -> tuple[Word, ...]:
    """The archive's word list, if it has one (an archive need not)."""
    path = source_dir / WORD_LIST_FILE
    if not path.is_file():
        return ()
    try:
        return tuple(read_word_list(path, str(path)))
    except WordListError as exc:
        raise InputError(exc.path, exc.line, exc.what, exc.fix) from None
