"""The `newspaper-archive` MkDocs plugin: makes article metadata safe for the theme, and gives
article pages what their template shows (links, citations, machine-readable metadata).

Material prints `page.meta.title` into `<title>` and `<h1>` without escaping it (seen on
mkdocs 1.6.1 / material 9.8.2), and a headline is untrusted source text. The title is
HTML-escaped here (`page_meta.as_the_theme_reads`), once, before any template sees it; our own templates escape every other
field with `| e`.
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from build_scripts.contract.labels import NO_TITLE
from build_scripts.contract.provenance import recorded_paper
from build_scripts.contract.record import is_article
from build_scripts.ingest.archive_config import PaperInfo
from build_scripts.ingest.paper_profile import PaperProfile
from build_scripts.plugins.offline_bundle.plugin import offline_build
from build_scripts.writers.docs_tree import reading_docs
from build_scripts.writers.moved_pages import is_moved_page

from .article_view import article_view
from .blank_lines import without_blank_lines
from .citation_files import CitationFiles
from .compiled_templates import keep_compiled_templates
from .config import ArchivePluginConfig
from .frame import Frame, Translations, with_material_templates
from .identity import ABOUT_PAGE, about_markdown
from .page_meta import as_the_theme_reads, meta_of
from .page_refs import PageReferences
from .settings import archive_settings
from .theme_listing import list_theme_without_hidden_folders

log = logging.getLogger("mkdocs.plugins.build_scripts.plugins.archive")


class ArchivePlugin(BasePlugin[ArchivePluginConfig]):
    def __init__(self):
        super().__init__()
        self.files: Files | None = None
        self.settings = None  # archive.yml, loaded once per build (settings.archive_settings)
        self.paper: PaperInfo | None = None
        self.profile: PaperProfile | None = None  # the paper's (box titles: the window title)
        self.offline = False  # an offline bundle build (Material's offline plugin on)
        self.page_refs: PageReferences | None = None  # an article's pointers to another 版
        self.csl: CitationFiles | None = None  # the CSL-JSON downloads, written after their pages
        self.frame: Frame | None = None  # parts of Material's frame rendered once per place
        self.reading = contextlib.ExitStack()  # docs/, held from the build's start to its end

    @event_priority(100)  # first: the other plugins read archive.yml through this plugin
    def on_config(self, config):
        self.settings = None
        # (a build again, under `mkdocs serve`, starts afresh: what a failed one left is not written)
        self.csl = CitationFiles()
        settings = archive_settings(config)
        archive = settings.archive
        self.paper = archive.paper
        self.profile = archive.profile
        self.offline = offline_build(config)  # the bundle: its pages are opened from file://
        # The paper's identity comes from archive.yml, never from mkdocs.yml (identity.py).
        config.site_name = archive.site_name
        config.site_description = archive.site_description
        list_theme_without_hidden_folders(config.theme)
        return config

    @event_priority(-100)  # last: after the preview's conversion (`mkdocs serve`), which writes docs/
    def on_pre_build(self, *, config):
        # From here to the build's end no conversion writes docs/ (folder_lock.py): one in
        # between would remove files MkDocs has listed but not read yet. A conversion killed
        # after its commit is finished first.
        docs = Path(config.docs_dir)
        self.reading.enter_context(reading_docs(docs, log.info))
        _check_provenance(docs, archive_settings(config).source_dir, archive_settings(config).archive.paper)

    @event_priority(-100)  # last: the other plugins may still read docs/ when the site is written
    def on_post_build(self, *, config):
        self.reading.close()

    def on_build_error(self, *, error):
        self.reading.close()

    def on_shutdown(self):
        self.reading.close()

    def on_env(self, env, *, config, files):
        keep_compiled_templates(env, config.config_file_path)
        env.globals["NO_TITLE"] = NO_TITLE  # the templates' placeholder for an untitled article
        # `<html lang>` (overrides/partials/language.html): the language of the text, while
        # theme.language keeps choosing the interface's wording.
        env.globals["archive_language"] = self.paper.language if self.paper else ""
        # Parts of Material's frame rendered once per place and reused (frame.py).
        env.loader = with_material_templates(env.loader)
        env.globals["archive_frame"] = self.frame = Frame()
        env.globals["archive_translations"] = Translations(
            env, config.theme["language"], env.globals["archive_language"]
        )
        return env

    def on_files(self, files, *, config):
        self.files = files
        self.page_refs = PageReferences(files)
        if files.get_file_from_path(ABOUT_PAGE) is None:  # a hand-written docs/about.md wins
            archive = archive_settings(config).archive
            files.append(File.generated(config, ABOUT_PAGE, content=about_markdown(archive)))
        return files

    def on_page_markdown(self, markdown, *, page, config, files):
        as_the_theme_reads(page.meta)
        issue = (page.meta.get("links") or {}).get("issue") if is_article(page.meta) else None
        if issue and self.page_refs is not None:  # （相关报道见第四版）: a link to that 版
            markdown = self.page_refs.linked(markdown, str(issue), page.file.src_uri, page.file.url)
        return markdown

    def on_page_context(self, context, *, page, config, nav):
        frame = self.frame
        context["archive_place"] = frame.place(page, nav, context.get("base_url", "")) if frame else None
        if is_moved_page(page.meta):
            return self._moved_context(context, page, config)
        if not self.config.enabled or not is_article(page.meta) or self.files is None:
            return context
        view = article_view(
            page,
            self.files,
            site_name=config.site_name,
            site_url=config.site_url or "",
            paper=self.paper,
            profile=self.profile,
            offline=self.offline,
        )
        context["article"] = view
        if self.csl is not None:
            self.csl.article(page.file.src_uri, view.csl_text)
        first = (page.meta.get("links") or {}).get("first_printing")
        target = self.files.get_file_from_path(str(first)) if first else None
        if target is not None:
            # printed again on another 版: the first printing is the one search engines index
            # (its address as MkDocs makes it, where this build does not make its page)
            page.canonical_url = canonical_url(target, config.site_url)
        return context

    def _moved_context(self, context, page, config):
        """A moved address names its successor: the refresh goes there, and so does the
        canonical link, so search engines carry the old address's standing over to it."""
        # (to a section: a month on a year's calendar, the sub-head a merged article became)
        path, _, anchor = str(page.meta.get("moved_to") or "").partition("#")
        target = self.files.get_file_from_path(path) if self.files and path else None
        if target is not None:
            # In a sharded build the successor may be another year's, whose page this shard
            # does not make: its address is the same.
            context["moved_to"] = target.url + (f"#{anchor}" if anchor else "")
            page.canonical_url = canonical_url(target, config.site_url)
        if self.csl is not None and not path:  # withdrawn: its citation's address resolves as well
            self.csl.moved(page.file.src_uri, None)
        elif self.csl is not None and target is not None and target.page is not None and is_article(meta_of(target)):
            self.csl.moved(page.file.src_uri, target.src_uri)
        # (moved to another shard's article: the citation is that shard's to write, `citation_files`)
        return context

    def on_post_page(self, output, *, page, config):
        if self.csl is not None:
            self.csl.page_written(page.file.src_uri, Path(config.site_dir))
        return without_blank_lines(output)


def _check_provenance(docs: Path, source: Path, paper: PaperInfo) -> None:
    """The pages were converted for the paper this build names (contract/provenance.py): a
    folder converted with `convert --source ELSEWHERE` and built with the project's own
    archive.yml would publish one paper's articles under another's name and address."""
    recorded = recorded_paper(docs)
    if recorded is None or recorded[0] == paper.slug:
        return
    slug, title, folder = recorded
    raise PluginError(
        f"{docs} holds the pages of {title} ({slug}), converted from {(docs / folder).resolve()}, but this "
        f"build reads {source / 'archive.yml'}, which describes {paper.title} ({paper.slug}) — point "
        f"`source_dir:` of the newspaper-archive plugin in mkdocs.yml at the folder you converted, "
        f"or convert {source} into {docs}"
    )


def canonical_url(target: File, site_url: str | None) -> str | None:
    """The canonical address of a docs file's page: as MkDocs gives it to the page, also where
    this build does not make that page."""
    if target.page is not None:
        return target.page.canonical_url
    return urljoin(site_url if site_url.endswith("/") else site_url + "/", target.url) if site_url else None
