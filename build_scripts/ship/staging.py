"""The folder a sharded build assembles the site in (`sharded_build.assemble`), made from the
site the last assembly replaced.

A site of 100,000 articles is some 330,000 files in 110,000 folders. Assembled afresh, every
file of the years kept was linked into a new folder, and the site replaced was deleted once the
new one was in its place: at 100,000 articles, half of a night's build (96 s) went to the
assembly, most of it linking and deleting. The site replaced is kept aside instead
(`<site>`'s `.replaced`), and the next assembly starts from it: it is the site as it was two
builds before, most of its files the very files (hard links) the site holds now. A file
whose place holds the file wanted (the same file, not a copy alike) is left where it is, any
other is put in its place, and what the new site does not have is removed: an assembly
changes what the last two builds changed, and reads the rest's folders.

The folder assembled holds what one made afresh holds: the same files, each the very file a
fresh assembly links or moves in, and no other file or folder (tests/test_sharded_build.py).
Any folder left by an assembly stopped half way is as good a start, since nothing in it is
taken on trust. The site replaced is kept only where most of the new site's files are its
own (linked): not after a build of every page (`--full`), nor where files could not be linked
(a file system without hard links: copies), when it would be a second copy of the site
rather than the files one night changed; it is deleted once the new site is in place, as
before.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def replaced_site(site: Path) -> Path:
    """Where the site an assembly replaces goes while the new one is put in its place, and stays
    as the next assembly's start."""
    return site.with_name(f".{site.name}.replaced")


class Staging:
    def __init__(self, site: Path):
        self.folder = self.folder_of(site)
        self.placed: set[str] = set()  # files put in (relative, with `/`), in this assembly
        self.copied = False  # a file copied, not linked: keep no site aside
        self.shared = 0  # files of the site replaced that the new one holds too (linked)
        self._checked: set[str] = set()  # folders no file or link stands in the way of
        self._made: set[str] = set()  # folders there (made, if missing)
        spare = replaced_site(site)
        if self.folder.is_dir():  # (an assembly stopped half way: a start as good as the site replaced)
            shutil.rmtree(spare, ignore_errors=True)
        elif spare.is_dir():
            try:
                spare.rename(self.folder)
            except OSError:
                shutil.rmtree(spare, ignore_errors=True)
        self.folder.mkdir(parents=True, exist_ok=True)

    @staticmethod
    def folder_of(site: Path) -> Path:
        return site.with_name(f".{site.name}.assembling")

    @classmethod
    def started(cls, site: Path) -> bool:
        """Was an assembly of `site` started and not finished (a build stopped, perhaps
        between the swap's two renames)?"""
        return cls.folder_of(site).is_dir()

    def worth_keeping_aside(self) -> bool:
        """Is the site replaced worth keeping for the next assembly: most of the new site's
        files its own, linked (not after a build of every page, `--full`, nor where files
        were copied: it would be a second copy of the site, not a few files more)?"""
        return not self.copied and self.shared * 2 >= len(self.placed)

    def link(self, site: Path, files: list[str]) -> None:
        """Put in these files of the site being replaced (a kept shard's, or pages kept); one
        put in already (the theme's assets every shard makes: the first shard's) stays."""
        root, target = os.fspath(site), os.fspath(self.folder)
        for rel in files:
            if rel in self.placed:
                continue
            source, there = os.path.join(root, rel), os.path.join(target, rel)
            self._clear_the_way(os.path.dirname(there))
            if not _same_file(source, there):
                self._make_room(there)
                self.copied |= _linked(source, there)
            self.placed.add(rel)
            self.shared += 1

    def move_tree(self, source: Path) -> list[str]:
        """Move a shard's files in; one put in already (every shard makes the theme's assets,
        the 404 page, robots.txt: the same bytes) stays. Returns the files moved (relative)."""
        moved = []
        root, target = os.fspath(source), os.fspath(self.folder)
        for dirpath, _, filenames in os.walk(root):
            prefix = folder_prefix(dirpath, root)
            for name in filenames:
                rel = prefix + name
                if rel in self.placed:
                    continue
                there = os.path.join(target, rel)
                self._make_parent(there)
                try:
                    os.replace(os.path.join(dirpath, name), there)
                except OSError:  # (asked after the fact: a `stat` of each file took a sixth of the moving)
                    if not self._remove_folder(there):
                        raise
                    os.replace(os.path.join(dirpath, name), there)
                self.placed.add(rel)
                moved.append(rel)
        return moved

    def remove_the_rest(self) -> None:
        """Remove every file not put in by this assembly, and the folders left empty: what
        the site the assembly started from had and the new one does not."""
        self._sweep(os.fspath(self.folder), "")

    def _sweep(self, folder: str, prefix: str) -> bool:
        """Remove what `folder` holds that was not put in (a link to a folder too: no assembly
        puts one in), and the folders below it left empty; whether anything is left in it.
        (Folder by folder with `scandir`, whose entries tell a folder from a file without a
        `stat`: `os.walk` took a third longer over the 110,000 folders of 100,000 articles.)"""
        left = False
        with os.scandir(folder) as listing:
            entries = list(listing)
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if self._sweep(entry.path, prefix + entry.name + "/"):
                    left = True
                else:
                    os.rmdir(entry.path)
            elif prefix + entry.name in self.placed and not (entry.is_symlink() and entry.is_dir()):
                left = True
            else:
                os.unlink(entry.path)
        return left

    def _make_room(self, there: str) -> None:
        """The folder `there` goes in, made where missing; a file, or a folder, of the site
        started from where the new site has a folder, or a file, removed (a page's address
        that became a folder's)."""
        self._make_parent(there)
        self._remove_folder(there)

    def _make_parent(self, there: str) -> None:
        """The folder `there` goes in, made where missing, with no file or link standing where
        it or a folder above it goes."""
        parent = os.path.dirname(there)
        if parent not in self._made:
            self._clear_the_way(parent)
            os.makedirs(parent, exist_ok=True)
            self._made.add(parent)

    @staticmethod
    def _remove_folder(there: str) -> bool:
        """Remove the folder standing where a file goes (not a link to one: a link is a file
        here); whether there was one."""
        if os.path.isdir(there) and not os.path.islink(there):
            shutil.rmtree(there)
            return True
        return False

    def _clear_the_way(self, folder: str) -> None:
        """Remove a file, or a link, standing where `folder` or a folder above it goes (a link
        to a folder would have the site's files written wherever it leads)."""
        if folder in self._checked:
            return
        at = os.fspath(self.folder)
        for part in os.path.relpath(folder, at).split(os.sep):
            at = os.path.join(at, part)
            if at not in self._checked:
                if os.path.islink(at) or (os.path.lexists(at) and not os.path.isdir(at)):
                    os.unlink(at)
                self._checked.add(at)
        self._checked.add(folder)


def folder_prefix(folder: str, root: str) -> str:
    """What the paths of the files in `folder` start with, relative to `root`, with `/` (as
    the shards' records name them)."""
    here = os.path.relpath(folder, root)
    return "" if here == "." else here.replace(os.sep, "/") + "/"


def _linked(source: str, there: str) -> bool:
    """Link `source` at `there`; True where it had to be copied (another file system, or no
    hard links). A file of the site started from standing there is removed first, never
    written over: it may be a file of the site being served too."""
    if os.path.lexists(there):
        os.unlink(there)
    try:
        os.link(source, there)
    except OSError:
        shutil.copy2(source, there)
        return True
    return False


def _same_file(one: str, other: str) -> bool:
    try:
        a, b = os.lstat(one), os.lstat(other)
    except OSError:
        return False
    return (a.st_ino, a.st_dev) == (b.st_ino, b.st_dev)
