"""The article page's front matter: the record every later stage reads (see
maintainers/output-contract.md)."""

from __future__ import annotations

import datetime as dt

import yaml

ARTICLE_TEMPLATE = "article.html"


def date_of(value) -> dt.date | None:
    """A front-matter or JSON date (a date, or an ISO string) as a date; None if it is not one."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def dump_front_matter(data: dict) -> str:
    # safe_dump, never string formatting: a title like `key: value` or `---` stays data.
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000) + "---\n"
