"""The archive's public address (`site_url`), decided in one place.

Canonical links, Open Graph URLs, the sitemap, the feeds and the 404 page all derive from
this one value. It comes from, first to last:

1. the environment variable `ARCHIVE_SITE_URL` (the GitHub Pages workflow sets it from the
   address GitHub gives the site);
2. `site_url:` in `source_texts/archive.yml`;
3. `site_url:` in `mkdocs.yml`.

The address may be a domain root (`https://archive.example.org/`) or a project subpath
(`https://user.github.io/repo/`); it is normalised to end with exactly one `/`.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit, urlunsplit

from build_scripts.problems import InputError

ENV_VAR = "ARCHIVE_SITE_URL"


def normalise_site_url(value: str, where: str, line: int | None = None) -> str:
    """`value` as an absolute http(s) address ending in `/`; `""` stays `""` (no address).

    `where` names the place the value came from, for the error message."""
    value = value.strip()
    if not value:
        return ""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InputError(
            where,
            line,
            f"site_url {value!r} is not an absolute http(s) address",
            "give the full public address, e.g. https://archive.example.org/ or https://user.github.io/repo/",
        )
    if parts.query or parts.fragment:
        raise InputError(
            where,
            line,
            f"site_url {value!r} has a query or fragment",
            "give only the address of the site's top folder, e.g. https://user.github.io/repo/",
        )
    path = parts.path.rstrip("/") + "/"
    return urlunsplit((parts.scheme, parts.netloc.lower(), path, "", ""))


def public_site_url(environ: Mapping[str, str], archive_value: str, archive_file: str, mkdocs_value: str | None) -> str:
    """The site's public address from the environment, archive.yml or mkdocs.yml (in that order)."""
    if environ.get(ENV_VAR, "").strip():
        return normalise_site_url(environ[ENV_VAR], f"environment variable {ENV_VAR}")
    if archive_value.strip():
        return normalise_site_url(archive_value, archive_file)
    return normalise_site_url(mkdocs_value or "", "mkdocs.yml")


def base_path(site_url: str) -> str:
    """The path the site lives under on its host: `/` at a domain root, `/repo/` under a subpath."""
    return urlsplit(site_url).path.rstrip("/") + "/" if site_url else "/"
