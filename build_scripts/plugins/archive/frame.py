"""Material's frame — the navigation drawer, the tabs, the page's configuration and scripts —
is the same on every page that sits in the same place relative to the pages it links to, yet
Jinja renders it again for each of an archive's thousands of pages (a fifth of the build's
template time at 10,000 articles). The templates that draw it (`overrides/partials/nav.html`,
`tabs.html`, `main.html`'s `config` and `scripts` blocks) ask here first: the first page of
each place renders the part and keeps it, the others reuse it, byte for byte.

A page's *place* decides every link of these parts: its path to the site's root and its
relative URL to each page of the navigation. A page that is itself in the navigation (whose
tab and entry are marked as the current one) and a page rendered without one (the 404 page)
have no place, and render everything themselves.
"""

from __future__ import annotations

from pathlib import Path

import material
from jinja2 import BaseLoader, ChoiceLoader, Environment, FileSystemLoader, PrefixLoader
from markupsafe import Markup
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import normalize_url

# Material's own templates under this prefix, for the overrides that wrap them.
MATERIAL_PREFIX = "material"
MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"

Place = tuple[str, ...]


def with_material_templates(loader: BaseLoader | None) -> BaseLoader:
    """The theme's loader, with Material's templates also reachable as `material/<name>`."""
    material_loader = PrefixLoader({MATERIAL_PREFIX: FileSystemLoader(str(MATERIAL_TEMPLATES))})
    return ChoiceLoader([loader, material_loader]) if loader is not None else material_loader


def place_of(page: Page | None, nav: Navigation | None, base_url: str) -> Place | None:
    if page is None or nav is None or page in nav.pages:
        return None
    targets = [p.url for p in nav.pages]
    if nav.homepage is not None:
        targets.append(nav.homepage.url)
    return (base_url, *(normalize_url(url, page=page) for url in targets))


class Frame:
    """Rendered parts of the frame, by part and place; emptied for every build."""

    def __init__(self) -> None:
        self.kept: dict[tuple, Markup] = {}
        self.reused = 0
        self.places: dict[str, Place | None] = {}
        self.first_segments: set[str] | None = None

    def place(self, page: Page | None, nav: Navigation | None, base_url: str) -> Place | None:
        """`place_of`, worked out once for all the pages whose first folder is none of the
        navigation's pages' (every article and issue): their links to those pages differ only
        by their depth, which `base_url` gives."""
        if page is None or nav is None:
            return None
        if self.first_segments is None:
            self.first_segments = {p.url.split("/", 1)[0] for p in nav.pages}
        if page.url.split("/", 1)[0] in self.first_segments or page in nav.pages:
            return place_of(page, nav, base_url)
        if base_url not in self.places:
            self.places[base_url] = place_of(page, nav, base_url)
        return self.places[base_url]

    def get(self, part: str, place: Place | None) -> Markup | None:
        found = self.kept.get((part, place)) if place is not None else None
        self.reused += found is not None
        return found

    def keep(self, part: str, place: Place | None, html: str) -> Markup:
        html = Markup(html)
        if place is not None:
            self.kept[(part, place)] = html
        return html


class Translations:
    """Material's wording of the interface (`lang.t(key)`): theme.language's, else English,
    else the key; `language` (`<html lang>`) is the language of the text when archive.yml
    names one. Material's macro builds its whole table of wording at every call, some fifteen
    calls a page; here each key is looked up once (`overrides/partials/language.html`)."""

    def __init__(self, env: Environment, language: str, text_language: str) -> None:
        self.env = env
        self.language = language
        self.text_language = text_language
        self.found: dict[str, Markup] = {}

    def t(self, key: str) -> Markup:
        if key == "language" and self.text_language:
            return Markup(self.text_language)
        found = self.found.get(key)
        if found is None:
            lang = self.env.get_template(f"partials/languages/{self.language}.html").module
            fallback = self.env.get_template("partials/languages/en.html").module
            found = self.found[key] = Markup(lang.t(key) or fallback.t(key) or key)  # type: ignore[attr-defined]
        return found
