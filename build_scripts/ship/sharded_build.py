"""Build a large archive as shards: each year is its own MkDocs build, run in parallel
processes (or as parallel jobs of a CI matrix), and the shards are assembled into one site.

A shard is a year — its issues and articles, its calendar page, the year pages of reporters
and tags — or `site`: everything else (home, indexes, reporters, tags, data, hand-written
pages). Every shard builds with the project's own mkdocs.yml and the `newspaper-shard`
plugin, which keeps every docs file in the build's file list but excludes the files of other
shards from being read and written: links between shards (the previous issue across a year
boundary, an article's reporters and tags, the navigation) resolve to the addresses the
pages have in the assembled site, and there is one top-level navigation, the project's.

The archive's own search index (zh-search) covers every year and is made once, by the `site`
shard. The assembly moves every shard's pages into one site folder, merges Material's search
indexes if that search is used, and writes one sitemap and one set of feeds over all shards
(plugins/publish/shards.py; a feed made of what it was made of last time is taken from the
site replaced, `plugins/publish/kept_feeds.py`). Shards are built into `<site>.shards/<name>/`; the assembled
site replaces `<site>` only once it is complete, and is assembled in the site the last
assembly replaced, kept aside for it (`staging.py`)."""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
from collections import defaultdict
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import MkDocsException

from build_scripts.catalogue.ledger import MOVED, read_ledger
from build_scripts.ingest.archive_config import LEDGER_FILE
from build_scripts.plugins.archive.citation_files import alias_across_shards
from build_scripts.plugins.archive.settings import archive_settings
from build_scripts.plugins.publish.shards import docs_order, kept_rows
from build_scripts.plugins.shard.plugin import SITE_SHARD
from build_scripts.problems import InputError
from build_scripts.ship import page_reuse, shard_reuse
from build_scripts.ship.fresh_processes import ProcessKilled, run_each_fresh
from build_scripts.ship.shard_process import INTERRUPTED, build_one, shards_folder, start_shard
from build_scripts.ship.staging import Staging, folder_prefix, replaced_site
from build_scripts.writers.docs_tree import MANIFEST, reading_docs
from build_scripts.writers.progress import progress_bar

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

SEARCH_INDEX = "search/search_index.json"
_YEAR_FILE = re.compile(r"^(\d{4})/|^archive/(\d{4})\.md$|^(?:reporters|tags)/[^/]+/(\d{4})\.md$|^data/(\d{4})/")


class ShardError(Exception):
    pass


class UnknownShard(ShardError):
    """A shard named that the archive does not have: the command's input, not its build, is wrong."""


def shard_of(rel: str) -> str:
    """The shard a docs file belongs to: its year, or `site`."""
    match = _YEAR_FILE.match(rel)
    return next(group for group in match.groups() if group) if match else SITE_SHARD


def plan_shards(docs: Path) -> dict[str, list[str]]:
    """Every file of docs/ by shard (hidden files are not part of the site)."""
    shards: dict[str, list[str]] = defaultdict(list)
    root = os.fspath(docs)
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        prefix = folder_prefix(dirpath, root)  # (once a folder: a `Path` made per file took 3 s at 100,000 articles)
        for name in sorted(filenames):
            if not name.startswith("."):
                rel = prefix + name
                shards[shard_of(rel)].append(rel)
    shards.setdefault(SITE_SHARD, [])
    return dict(sorted(shards.items(), key=lambda item: (item[0] != SITE_SHARD, item[0])))


def build_all(
    config_file: Path,
    docs: Path,
    site: Path,
    jobs: int,
    only: list[str] | None = None,
    in_part: page_reuse.Kept | None = None,
) -> list[str]:
    """Build the shards (all, or `only` these) in up to `jobs` processes; returns their names.
    `in_part`: of some shards, the docs files kept from the last build, not to be built."""
    shards = plan_shards(docs)
    for name, kept in (in_part or {}).items():
        shards[name] = [rel for rel in shards[name] if rel not in kept]
    unknown = sorted(set(only or []) - set(shards))
    if unknown:
        raise UnknownShard(f"no shard named {', '.join(unknown)} — the shards are {', '.join(shards)}")
    names = [name for name in shards if not only or name in only]
    for name in names:  # (its publish record and search index are made anew: kept no more)
        shard_reuse.forget(shards_folder(site), name)
    work = [(config_file, name, shards[name], site) for name in names]
    # A fresh process for every shard: it holds only its shard's pages, and nothing a shard's
    # build leaves in its process (what the plugins remembered, the pages rendered) is carried
    # into the next shard's. Each ends with this one (`shard_process.start_shard`): a build stopped by force
    # leaves none building on.
    workers = max(1, min(jobs, len(work)))
    try:
        with progress_bar(len(work), "building shards", unit="shard") as bar:
            answers = run_each_fresh(
                build_one, work, workers, started=partial(start_shard, os.getpid()), done=lambda: bar.update(1)
            )
    except ProcessKilled as ended:
        if ended.exit_code > 0:  # (not by a signal: it said why above)
            raise ShardError(
                f"a shard's build process ended with exit code {ended.exit_code} before it finished"
            ) from None
        raise ShardError(
            "a shard's build process was killed before it finished (by the system, when memory ran "
            f"short, or by hand) — build again{' with fewer shards at once (--jobs 1)' if workers > 1 else ''}; "
            "if it is killed again, build on a machine with more memory, or one shard at a time (--shard NAME)"
        ) from None
    failures = _failures(answers)
    if failures:
        raise ShardError("; ".join(failures))
    return names


def _failures(answers: list[str]) -> list[str]:
    """The shards' problems, in their order. A shard stopped by Ctrl-C stops the build, whether
    this process has met the signal yet or not (the terminal interrupts every process of the
    build, and a loaded machine may run the shard's answer first)."""
    if INTERRUPTED in answers:
        raise KeyboardInterrupt
    return [answer for answer in answers if answer]


def assemble(
    config_file: Path,
    site: Path,
    names: list[str],
    kept: dict[str, list[str]] | None = None,
    aside: bool = False,
    in_part: page_reuse.Kept | None = None,
    reuse_feeds: bool = False,
) -> dict[str, list[str]]:
    """Put the built shards together into `site`, replacing it only once complete; `kept`: the
    shards taken from the site it replaces, with their files (`shard_reuse`); `in_part`: the
    pages of the shards built in part taken from it, with their files (`page_reuse`); `aside`: the
    shards built have set their Material search index aside (`shard_reuse.set_aside`);
    `reuse_feeds`: feeds unchanged since the last build are taken from the site it replaces
    (`kept_feeds`). Returns the files each shard built put into the site (those every shard
    makes, with the first)."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import InclusionLevel, get_files

    from build_scripts.plugins.publish.kept_feeds import KeptFeeds
    from build_scripts.plugins.publish.plugin import NO_SITE_URL, PublishPlugin
    from build_scripts.plugins.publish.shards import publish_assembled

    folder = shards_folder(site)
    kept = kept or {}
    missing = [name for name in names if name not in kept and not (folder / name).is_dir()]
    if missing:
        raise ShardError(f"shard(s) {', '.join(missing)} not built in {folder} — build them first (--shard NAME)")
    config = load_config(str(config_file))
    indexes = [
        index
        for name in names
        if (
            index := shard_reuse.aside(folder, name, SEARCH_INDEX)
            if aside or name in kept
            else folder / name / SEARCH_INDEX
        ).is_file()
    ]
    merged = folder / ".search_index.merged.json"  # (put in once the assembly has removed the rest)
    merged.unlink(missing_ok=True)
    if indexes:
        pages = get_files(config).documentation_pages(inclusion=InclusionLevel.is_included)
        shard_reuse.merge_search_indexes(
            indexes, merged, {file.url.removeprefix("./"): n for n, file in enumerate(pages)}
        )
    assembling = Staging(site)  # (from the site the last assembly replaced: `staging`)
    staging = assembling.folder
    moved: dict[str, list[str]] = {}
    for name in names:
        if name in kept:
            assembling.link(site, kept[name])
            continue
        (folder / name / SEARCH_INDEX).unlink(missing_ok=True)
        moved[name] = assembling.move_tree(folder / name)
        taken = [out for outs in (in_part or {}).get(name, {}).values() for out in outs]
        assembling.link(site, taken)
        moved[name] += taken
    assembling.remove_the_rest()
    if indexes:
        (staging / SEARCH_INDEX).parent.mkdir(parents=True, exist_ok=True)
        os.replace(merged, staging / SEARCH_INDEX)
    ledger = read_ledger(archive_settings(config).source_dir / LEDGER_FILE)
    alias_across_shards(staging, {url: entry.successor for url, entry in ledger.items() if entry.state == MOVED})
    records = [folder / f"{name}.publish.json" for name in names if (folder / f"{name}.publish.json").is_file()]
    # (a site without the `newspaper-publish` plugin has no sitemap or feeds: its shards record none)
    publish = next((p for p in config.plugins.values() if isinstance(p, PublishPlugin)), None)
    config = config.plugins.on_config(config)  # the public address, as each shard decided it
    feeds = None
    if publish is None:
        pass
    elif not config.site_url:  # (a shard records its pages for the sitemap and feeds only with one)
        print(f"note: {NO_SITE_URL}", file=sys.stderr)
    elif records:
        feeds, unchanged = publish_assembled(records, staging, site, folder, config.site_url, publish, reuse_feeds)
        assembling.link(site, unchanged)  # (the very files the site replaced holds)
    # swapped in by two renames (a site is never served half made); the one replaced is kept
    # aside, where the next assembly starts from
    replaced = replaced_site(site)
    shutil.rmtree(replaced, ignore_errors=True)  # (taken by `Staging` unless it could not be)
    if replaced.exists():
        raise ShardError(f"{replaced}: the site a build replaced could not be deleted — remove it, then build again")
    if site.exists():
        site.rename(replaced)
    try:
        staging.rename(site)
    except OSError:
        if replaced.exists() and not site.exists():
            replaced.rename(site)  # the last site back in its place
        raise
    KeptFeeds.record_of(feeds, folder, site)  # (the feeds as the site now in place holds them)
    if not assembling.worth_keeping_aside():
        shutil.rmtree(replaced, ignore_errors=True)
    for name in names:  # (what the next build keeps stays: shard_reuse.KEPT, the publish records)
        shutil.rmtree(folder / name, ignore_errors=True)
        (folder / f"{name}.pages.json").unlink(missing_ok=True)
    return moved


def command(args: argparse.Namespace) -> int:
    """`python -m build_scripts build`: build the shards, or some, and assemble them."""
    from mkdocs.config import load_config

    config_file = Path(args.config_file).resolve()
    if not config_file.is_file():
        raise InputError(
            str(config_file), None, "no such MkDocs config", "give the site's mkdocs.yml with --config-file"
        )
    try:
        return _command(args, config_file, load_config(str(config_file)))
    except MkDocsException as exc:  # what MkDocs or a plugin says of the site as configured: not a bug here
        raise InputError(str(config_file), None, f"the site cannot be built as configured: {exc}") from None


def _command(args: argparse.Namespace, config_file: Path, config: MkDocsConfig) -> int:
    docs = Path(config.docs_dir)
    # (a link to the site's folder stays one: the folder it names is the one replaced)
    site = Path(args.site_dir or config.site_dir).resolve()
    if args.list_shards:
        print(json.dumps(list(plan_shards(docs))))
        return 0
    if args.shard_key:
        shards = plan_shards(docs)
        if args.shard_key not in shards:
            print(f"error: no shard named {args.shard_key} — the shards are {', '.join(shards)}", file=sys.stderr)
            return 2
        print(page_reuse.keys(config_file, config, docs, shards, [args.shard_key]).shards[args.shard_key])
        return 0
    # no conversion writes docs/ from the shards' plan to the assembly (each shard holds it too)
    with reading_docs(docs, lambda message: print(message, file=sys.stderr)):
        return _build_and_assemble(args, config_file, docs, site)


def _build_and_assemble(args: argparse.Namespace, config_file: Path, docs: Path, site: Path) -> int:
    from mkdocs.config import load_config

    from build_scripts.writers.workers import default_jobs

    if not (docs / MANIFEST).is_file() and not args.assemble:  # (a conversion killed after its commit: finished)
        print(f"error: {docs}: no converted pages — convert the source texts first: python -m build_scripts convert",
              file=sys.stderr)  # fmt: skip
        return 1
    shards = plan_shards(docs)
    kept: dict[str, list[str]] = {}
    in_part: page_reuse.Kept = {}
    try:
        folder = shards_folder(site)
        if args.assemble:  # (shards built one by one, as a CI matrix does: none is kept)
            names = list(shards)
            shard_reuse.forget_all(folder)
            assemble(config_file, site, names)
        elif args.shard:
            names = build_all(config_file, docs, site, args.jobs or default_jobs(), args.shard)
        else:
            # every shard, but those whose key is that of the last build, kept from its site;
            # of a shard built again, the pages whose key is that of the last build too
            _remove_leftovers(folder, site)
            config = load_config(str(config_file))  # (once, for the keys and the pages kept)
            keys = page_reuse.keys(
                config_file, config, docs, shards, kept=folder / page_reuse.READS_FILE, fresh=args.full
            )
            if not args.full:
                kept = {n: f for n in shards if (f := shard_reuse.kept_files(folder, n, keys.shards[n], site))}
            todo = [name for name in shards if name not in kept]
            in_part = {} if args.full else page_reuse.pages_kept(config, docs, folder, site, todo, keys)
            records = {name: (folder / f"{name}.publish.json").read_text(encoding="utf-8") for name in in_part}
            built = build_all(config_file, docs, site, args.jobs or default_jobs(), todo, in_part) if todo else []
            for name in built:
                shard_reuse.set_aside(folder, name, folder / name, SEARCH_INDEX)
            for name, previous in records.items():  # (with the rows of the pages kept, as they were)
                made = folder / f"{name}.publish.json"
                rows = kept_rows(
                    previous, made.read_text(encoding="utf-8"), set(in_part[name]), docs_order(shards[name])
                )
                made.write_text(rows, encoding="utf-8")
            names = list(shards)
            moved = assemble(config_file, site, names, kept, aside=True, in_part=in_part, reuse_feeds=not args.full)
            for name in built:  # (once the site is in place: a build that failed keeps nothing new)
                shard_reuse.record(folder, name, keys.shards[name], moved[name], site, keys.files[name])
    except ShardError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2 if isinstance(exc, UnknownShard) else 1
    where = f"{shards_folder(site)}/" if args.shard else str(site)
    built_now = [name for name in names if name not in kept]
    print(f"built {len(built_now)} shard(s) ({', '.join(built_now) or 'none'}) into {where}")
    if kept:
        print(f"kept {len(kept)} shard(s) from the last build, their pages unchanged ({', '.join(kept)})")
    for name, files in in_part.items():
        print(f"shard {name}: {len(shards[name]) - len(files):,} of its {len(shards[name]):,} files built again")
    return 0


def _remove_leftovers(folder: Path, site: Path) -> None:
    """What builds stopped by force left (no shard of this one has started yet): the scratch
    folder of a `site` shard's search index (beside the site it builds), the last site left
    aside by a build stopped between the swap's two renames (put back)."""
    for scratch in folder.glob(".zh-search-*"):
        shutil.rmtree(scratch, ignore_errors=True)
    replaced = replaced_site(site)
    if replaced.is_dir() and not site.exists() and Staging.started(site):  # (not a site deleted by hand)
        replaced.rename(site)
