"""One source file as the later stages see it: its issue metadata, its text, its corrections."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from build_scripts.ingest.corrections import Corrections


@dataclass(frozen=True)
class PageMeta:
    """Issue metadata of one source file, resolved from header, file name and archive.yml."""

    date: dt.date
    page: int | None
    page_name: str
    paper: str


@dataclass
class SourcePage:
    """One decoded source file: its metadata, its text and where it came from."""

    path: str  # relative to the source folder, with forward slashes
    meta: PageMeta
    text: str  # normalised body text, header removed
    first_line: int  # file line number of the first line of `text`
    corrections: Corrections = field(default_factory=Corrections)
