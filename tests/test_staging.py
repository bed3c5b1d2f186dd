"""The folder a sharded build assembles the site in (`ship/staging.py`): what it removes of the
site it started from, and how it puts files where folders stood."""

from __future__ import annotations

import os
import random

import pytest

from build_scripts.ship.staging import Staging


def _tree(folder, rng: random.Random, outside) -> list[str]:
    """Files, links to files, links to folders elsewhere, broken links and empty folders, at
    random depths: the paths made (relative, with `/`), folders aside."""
    made = []
    for number in range(120):
        parts = [f"d{rng.randint(0, 3)}" for _ in range(rng.randint(0, 3))]
        rel = "/".join([*parts, f"f{number}"])
        path = folder / rel
        if any(
            (folder / "/".join(parts[:k])).is_file() or (folder / "/".join(parts[:k])).is_symlink()
            for k in range(1, len(parts) + 1)
        ):
            continue  # (a file where this path needs a folder)
        path.parent.mkdir(parents=True, exist_ok=True)
        kind = rng.random()
        if kind < 0.1:
            path.symlink_to(outside / "folder", target_is_directory=True)
        elif kind < 0.15:
            path.symlink_to(outside / "nothing")
        elif kind < 0.2:
            path.symlink_to(outside / "file")
        else:
            path.write_text(rel, encoding="utf-8")
        made.append(rel)
    for number in range(10):
        (folder / f"e{number % 3}" / f"empty{number}").mkdir(parents=True, exist_ok=True)
    return made


def _entries(folder) -> tuple[set[str], set[str]]:
    """(what is not a folder, the folders) under `folder`, links not followed."""
    files, folders = set(), set()
    for dirpath, dirnames, filenames in os.walk(folder):
        here = os.path.relpath(dirpath, folder).replace(os.sep, "/")
        prefix = "" if here == "." else here + "/"
        for name in dirnames:
            (files if os.path.islink(os.path.join(dirpath, name)) else folders).add(prefix + name)
        files.update(prefix + name for name in filenames)
    return files, folders


@pytest.mark.parametrize("seed", range(12))
def test_what_the_new_site_lacks_is_removed_and_nothing_else(tmp_path, seed):
    """Left: the files put in, each where it was (a link to a folder is never kept: no
    assembly puts one in, and the site's files would be written wherever it leads), and the
    folders holding them; gone: every other file or link, and every folder left empty. What
    a link leads to elsewhere is untouched."""
    rng = random.Random(seed)
    outside = tmp_path / "outside"
    (outside / "folder").mkdir(parents=True)
    (outside / "folder" / "page.html").write_text("elsewhere", encoding="utf-8")
    (outside / "file").write_text("elsewhere", encoding="utf-8")
    staging = Staging(tmp_path / "site")
    made = _tree(staging.folder, rng, outside)
    staging.placed = {rel for rel in made if rng.random() < 0.5}
    to_folders = {rel for rel in made if (staging.folder / rel).is_symlink() and (staging.folder / rel).is_dir()}
    staging.remove_the_rest()
    files, folders = _entries(staging.folder)
    wanted = staging.placed - to_folders
    assert files == wanted
    assert folders == {"/".join(rel.split("/")[:k]) for rel in wanted for k in range(1, rel.count("/") + 1)}
    assert sorted(p.name for p in outside.rglob("*")) == ["file", "folder", "page.html"]


def test_a_file_moved_in_where_the_site_started_from_has_a_folder_takes_its_place(tmp_path):
    staging = Staging(tmp_path / "site")
    (staging.folder / "2024" / "index.html").mkdir(parents=True)  # a folder, where a page goes now
    (staging.folder / "2024" / "index.html" / "old.html").write_text("old", encoding="utf-8")
    shard = tmp_path / "shard"
    (shard / "2024").mkdir(parents=True)
    (shard / "2024" / "index.html").write_text("new", encoding="utf-8")
    assert staging.move_tree(shard) == ["2024/index.html"]
    assert (staging.folder / "2024" / "index.html").read_text(encoding="utf-8") == "new"
