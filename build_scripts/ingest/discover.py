"""Find the source files: every issue text under the source folder, in a fixed order, and
what cannot be read there (links out of the folder, special files, names that are not UTF-8),
each refused with its reason when its turn comes."""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from build_scripts.ingest.archive_config import ARCHIVE_FILE, LEDGER_FILE, WORD_LIST_FILE
from build_scripts.ingest.corrections import SIDECAR_SUFFIX
from build_scripts.problems import InputError, Problem, Report


@dataclass(frozen=True)
class Discovered:
    path: Path
    rel: str  # relative to the source folder, forward slashes
    refused: Problem | None = None  # why it cannot be read; raised when it is read


# ---------------------------------------------------------------------------------------
# Finding files
# ---------------------------------------------------------------------------------------


def check_source_folder(source_dir: Path) -> None:
    if not source_dir.exists():
        raise InputError(
            str(source_dir),
            None,
            "the source folder does not exist",
            "create it and put the issue texts in it, or give another folder with --source",
        )
    if not source_dir.is_dir():
        raise InputError(
            str(source_dir),
            None,
            "is a file, not the folder of issue texts",
            "give the folder that holds the issue texts with --source",
        )


def is_issue_text(name: str) -> bool:
    return name.lower().endswith(".txt") and len(name) > 4


def _undecodable_name(rel: str) -> Problem | None:
    """A file name that is not UTF-8 (a zip made on Chinese Windows names files in GBK): it
    cannot be shown or published as it is, so it is refused with the name it most likely has."""
    try:
        rel.encode("utf-8")
        return None
    except UnicodeEncodeError:
        pass
    raw = os.fsencode(rel)
    shown = raw.decode("utf-8", errors="backslashreplace")
    for encoding in ("gb18030", "cp950"):
        try:
            guess = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        guess = None
    hint = f" (it reads as '{guess}' in {encoding.upper()})" if guess else ""
    return Problem(shown, None, "the file name is not UTF-8", f"rename the file or its folder{hint}")


def _name(entry: os.DirEntry[str]) -> str:
    return entry.name


def _refused(path: Path, rel: str, what: str, fix: str) -> Discovered:
    """A file found but not to be read: its problem is reported when its turn comes."""
    return Discovered(path, rel, Problem(rel, None, what, fix))


Entries = list[os.DirEntry[str]]


def _walk(top: str, rel: str, onerror: Callable[[OSError], None]) -> Iterator[tuple[str, Entries, Entries]]:
    """`os.walk(top, followlinks=False)` from the top down, with each folder's entries
    (`os.DirEntry`: whether one is a link, a folder or a file is known without a `stat` of
    each file) and its path relative to the first (`rel`, ending in `/` below the top). As
    with os.walk, the folders the caller leaves in the list are visited, links to folders
    not followed, and a folder that cannot be read is passed to `onerror`."""
    try:
        with os.scandir(top) as found:
            entries = list(found)
    except OSError as error:
        onerror(error)
        return
    folders: Entries = []
    files: Entries = []
    for entry in entries:
        try:
            is_folder = entry.is_dir()
        except OSError:
            is_folder = False
        (folders if is_folder else files).append(entry)
    yield rel, folders, files
    for entry in folders:
        if not entry.is_symlink():
            yield from _walk(entry.path, f"{rel}{entry.name}/", onerror)


def discover(source_dir: Path, report: Report) -> list[Discovered]:
    """Every `*.txt` under source_dir, sorted. Other files are ignored with a notice; hidden
    files and folders (`.git`, macOS `._*` files) are skipped; links that lead outside the
    folder, broken links, folders that cannot be read and special files are refused."""
    root = source_dir.resolve()
    found: list[Discovered] = []

    def unreadable(error: OSError) -> None:
        rel = Path(error.filename).relative_to(source_dir).as_posix() if error.filename else str(source_dir)
        found.append(
            Discovered(
                Path(error.filename or source_dir),
                rel,
                Problem(
                    rel,
                    None,
                    f"folder cannot be read ({error.strerror})",
                    "make it readable (e.g. chmod a+rx) or move it away",
                ),
            )
        )

    for folder, dirs, files in _walk(str(source_dir), "", unreadable):
        dirs[:] = sorted((d for d in dirs if not d.name.startswith(".")), key=_name)
        linked_dirs = [d for d in dirs if d.is_symlink()]
        texts = {entry.name for entry in files if is_issue_text(entry.name)}
        sidecars = {entry.name for entry in files if entry.name.endswith(SIDECAR_SUFFIX)}
        for entry in sorted(files + linked_dirs, key=_name):
            name = entry.name
            if name.startswith("."):
                continue
            path = Path(entry.path)
            rel = folder + name
            misnamed = _undecodable_name(rel)
            if misnamed:
                if is_issue_text(name):
                    found.append(Discovered(path, misnamed.path, misnamed))
                else:
                    report.notice(misnamed.path, None, "ignored: only .txt files are issue texts")
                continue
            if entry.is_symlink():
                target = path.resolve()
                if not target.is_relative_to(root):
                    found.append(
                        _refused(
                            path,
                            rel,
                            f"is a link to {target}, outside {source_dir}",
                            "copy the file into the source folder instead of linking to it",
                        )
                    )
                    continue
                if not target.exists():
                    found.append(
                        _refused(
                            path,
                            rel,
                            f"is a link to {target}, which does not exist",
                            "remove the link or restore its file",
                        )
                    )
                    continue
                if path.is_dir():
                    report.notice(rel, None, "linked folder not followed", "move its files into the source folder")
                    continue
            if rel in (WORD_LIST_FILE, LEDGER_FILE):
                continue  # the word list (userdict.txt) and the URL ledger, not issues
            if _is_sidecar(name):
                _check_sidecar_name(rel, name, texts, sidecars, report)
                continue
            if not is_issue_text(name):
                if name != ARCHIVE_FILE:
                    report.notice(rel, None, "ignored: only .txt files are issue texts")
                continue
            if not entry.is_file():
                found.append(
                    _refused(
                        path,
                        rel,
                        "is not a regular file (a pipe, socket or device)",
                        "remove it from the source folder",
                    )
                )
                continue
            found.append(Discovered(path, rel))
    return found


# Names a correction file is given by mistake: `.fix.yaml`, or the page's whole name before it
_SIDECAR_ENDS = (SIDECAR_SUFFIX, ".fix.yaml")


def _is_sidecar(name: str) -> bool:
    return name.lower().endswith(_SIDECAR_ENDS)


def _check_sidecar_name(rel: str, name: str, texts: set[str], sidecars: set[str], report: Report) -> None:
    """A correction file applies to the page file it is named after (`NAME.fix.yml` beside
    `NAME.txt`). Named otherwise, it applies to nothing: the archivist would believe the page
    corrected, so it is a warning that names the file it was probably meant for — never one
    whose own corrections a rename would overwrite (`sidecars`: the folder's .fix.yml files)."""
    stem = name[: name.lower().rindex(".fix.")]
    pages = {text[: -len(".txt")]: text for text in texts}  # page files by name without .txt
    if name.endswith(SIDECAR_SUFFIX) and stem in pages:
        return
    what = f"is a correction file for no page file here ({stem}.txt is not beside it)"
    if is_issue_text(stem) and stem[: -len(".txt")] in pages:  # `NAME.txt.fix.yml`
        meant, what = stem[: -len(".txt")], f"is named after {stem} with its .txt"
    elif stem in pages:  # `NAME.fix.yaml`
        meant, what = stem, f"ends in {name[len(stem) :]}, not {SIDECAR_SUFFIX}"
    else:  # a typo, or a page file removed or renamed
        close = difflib.get_close_matches(stem, sorted(pages), n=1, cutoff=0.8)
        meant = close[0] if close else ""
    sure = stem in (meant, pages.get(meant))  # the page it names is there, the name is wrong
    # renamed, it would replace the corrections that page has already: merged instead
    to = (
        f"merge its corrections into {meant}{SIDECAR_SUFFIX} and remove it"
        if meant + SIDECAR_SUFFIX in sidecars
        else ""
    )
    to = to or f"rename it to {meant}{SIDECAR_SUFFIX}"
    if not meant:
        fix = f"name it after its page file (NAME{SIDECAR_SUFFIX} beside NAME.txt), or remove it if its page is gone"
    elif sure:
        fix = f"{to}: the page file is {pages[meant]}"
    else:
        fix = f"if it is meant for {pages[meant]}, {to}; if its page is gone, remove it"
    report.warn(rel, None, f"{what}: its corrections are not applied", fix)
