"""The `offline-bundle` MkDocs plugin: an offline build that really is offline.

Material's `offline` plugin makes a site work from `file://` (no directory URLs, the search
index inlined into a script) but adds the `iframe-worker` shim from a CDN — browsers refuse
to start the search worker from `file://` and the shim works around that — so the "offline"
site still needs the network for search. Whenever Material's offline plugin is enabled,
this plugin serves the vendored copy of the shim instead (Material adds the CDN copy only
when no `iframe-worker` script is listed yet, so this runs first) and refuses web fonts.
Its pages are opened as files (`slug.html`), but what they name as their address (the
canonical link, the citations) is the page's address on the published site (`slug/`): the
one a reader can cite. In a normal build it does nothing.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File

from build_scripts.contract.urls import public_url

from .config import OfflineBundleConfig

VENDORED_SHIM = Path(__file__).resolve().parents[2] / "vendor" / "iframe-worker" / "shim.js"
SHIM_URI = "assets/javascripts/iframe-worker/shim.js"


def offline_build(config) -> bool:
    from material.plugins.offline.plugin import OfflinePlugin

    return any(isinstance(p, OfflinePlugin) and p.config.enabled for p in config.plugins.values())


class OfflineBundlePlugin(BasePlugin[OfflineBundleConfig]):
    active = False

    @event_priority(100)  # before Material's offline plugin adds its CDN copy of the shim
    def on_config(self, config):
        self.active = self.config.enabled and offline_build(config)
        if not self.active:
            return config
        if config.theme.get("font") is not False:
            raise PluginError(
                "offline-bundle: the theme loads web fonts from Google Fonts, which an offline bundle "
                "cannot reach — set `font: false` under `theme:` in mkdocs.yml"
            )
        polyfills = config.extra.get("polyfills") or []
        config.extra["polyfills"] = [p for p in polyfills if "iframe-worker" not in str(p)] + [SHIM_URI]
        return config

    def on_files(self, files, *, config):
        if self.active:
            files.append(File.generated(config, SHIM_URI, abs_src_path=str(VENDORED_SHIM)))
        return files

    @event_priority(100)  # before the archive plugin cites the page
    def on_pre_page(self, page, *, config, files):
        if self.active and config.site_url:
            page.canonical_url = urljoin(config.site_url, public_url(page.file.src_uri))
        return page
