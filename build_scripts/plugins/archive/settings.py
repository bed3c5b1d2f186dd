"""The archive's own settings (`archive.yml`) for every plugin, loaded once per build.

One option says where they are: `source_dir` of the `newspaper-archive` plugin (relative to
mkdocs.yml). The other plugins ask here rather than reading archive.yml themselves, so that
moving the texts means changing one line of mkdocs.yml.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from build_scripts.contract.provenance import recorded_paper
from build_scripts.ingest.archive_config import ARCHIVE_FILE, ArchiveConfig, load_archive_config
from build_scripts.problems import InputError

PLUGIN_NAME = "newspaper-archive"


@dataclass(frozen=True)
class ArchiveSettings:
    source_dir: Path  # the folder of raw issue texts and archive.yml
    archive: ArchiveConfig


def archive_settings(config: MkDocsConfig) -> ArchiveSettings:
    """The loaded archive.yml of this build. Raises PluginError (a one-line message naming the
    file and line) when the archive plugin is not listed or archive.yml is wrong."""
    plugin = config.plugins.get(PLUGIN_NAME)
    if plugin is None:
        raise PluginError(f"the `{PLUGIN_NAME}` plugin is not listed under `plugins:` in mkdocs.yml — add it")
    source_dir = (Path(config.config_file_path or ".").parent / plugin.config.source_dir).resolve()
    cached = getattr(plugin, "settings", None)
    if isinstance(cached, ArchiveSettings) and cached.source_dir == source_dir:
        return cached
    try:
        settings = ArchiveSettings(source_dir, load_archive_config(source_dir))
    except InputError as exc:
        raise PluginError(str(exc) + _converted_from(Path(config.docs_dir), source_dir)) from None
    plugin.settings = settings
    return settings


def _converted_from(docs: Path, source_dir: Path) -> str:
    """Where docs/ was converted from, when that is another folder with an archive.yml: the
    likelier fix for a build that cannot read `source_dir` (a mkdocs.yml copied elsewhere)."""
    recorded = recorded_paper(docs)
    if recorded is None or not recorded[2] or (source_dir / ARCHIVE_FILE).is_file():
        return ""  # (a mistake in an archive.yml that is there is that file's)
    converted = (docs / recorded[2]).resolve()
    if converted == source_dir or not (converted / ARCHIVE_FILE).is_file():
        return ""
    return (
        f" — {docs} was converted from {converted}: set `source_dir: {converted}` of the "
        f"`{PLUGIN_NAME}` plugin in mkdocs.yml"
    )
