"""The theme's files listed without walking its icons.

Before the plugins see the site's files, MkDocs adds the theme's own (`Files.add_files_from_theme`):
it lists every file under the theme's folders, then drops those a site does not copy, among
them every file in a hidden folder ('.*' and '*/.*'). Material keeps its 14,000 icons in one
(`.icons/`, which its templates include and no site copies), so every MkDocs run walked them
for nothing: a third of a second, paid again by each process of a sharded build. The theme's
Jinja environment gets a loader that lists the same files but does not enter hidden folders;
it loads templates as Jinja's own does (icons included)."""

from __future__ import annotations

import os

import jinja2


class ThemeLoader(jinja2.FileSystemLoader):
    def list_templates(self) -> list[str]:
        """jinja2.FileSystemLoader.list_templates, without the files of hidden folders."""
        found = set()
        for searchpath in self.searchpath:
            for dirpath, dirnames, filenames in os.walk(searchpath, followlinks=self.followlinks):
                dirnames[:] = [name for name in dirnames if not name.startswith(".")]
                for filename in filenames:
                    template = (
                        os.path.join(dirpath, filename)[len(searchpath) :].strip(os.path.sep).replace(os.path.sep, "/")
                    )
                    found.add(template.removeprefix("./"))
        return sorted(found)


def list_theme_without_hidden_folders(theme) -> None:
    """Make `theme.get_env` (MkDocs' Theme) give environments that load with a `ThemeLoader`."""
    if getattr(theme.get_env, "lists_without_hidden_folders", False):
        return  # (`mkdocs serve` builds again with the same theme)
    make_env = theme.get_env

    def get_env() -> jinja2.Environment:
        env = make_env()
        if type(env.loader) is jinja2.FileSystemLoader:  # (MkDocs' own: one of theme.dirs)
            loader = env.loader
            env.loader = ThemeLoader(loader.searchpath, loader.encoding, loader.followlinks)
        return env

    get_env.lists_without_hidden_folders = True  # type: ignore[attr-defined]
    theme.get_env = get_env
