"""What runs in a shard's own process (`sharded_build.build_all` starts one for each): the
shard's MkDocs build, run as `mkdocs build` runs one, and its answer — "" when built, what went
wrong otherwise, `INTERRUPTED` when Ctrl-C or SIGTERM stopped it."""

from __future__ import annotations

import json
import logging
import os
import signal
import sys
from pathlib import Path

from build_scripts.writers.workers import end_with_parent


def shards_folder(site: Path) -> Path:
    return site.with_name(f"{site.name}.shards")


def build_shard(config_file: Path, name: str, pages: list[str], site: Path) -> Path:
    """Build one shard into `<site>.shards/<name>/` (in this process); returns that folder."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from build_scripts.plugins.publish.shards import SHARD_DATA_ENV
    from build_scripts.plugins.shard.plugin import ShardPlugin

    folder = shards_folder(site)
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / name
    listing = folder / f"{name}.pages.json"
    listing.write_text(json.dumps(pages), encoding="utf-8")
    os.environ[SHARD_DATA_ENV] = str(folder / f"{name}.publish.json")
    config = load_config(str(config_file), site_dir=str(out))
    # MkDocs' warnings as `mkdocs build` prints them, with the shard's name (else strict says only how many)
    said = logging.StreamHandler(sys.stderr)
    said.setLevel(logging.WARNING)
    said.setFormatter(logging.Formatter(f"shard {name}: %(levelname)s - %(message)s"))
    logging.getLogger("mkdocs").addHandler(said)
    plugin = ShardPlugin()
    plugin.load_config({"name": name, "pages": str(listing)})
    config.plugins["newspaper-shard"] = plugin
    # as `mkdocs build` runs a build: the plugins' shutdown whatever ends it (the search's
    # indexer, a process of its own, stopped and its scratch folder removed)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return out


def start_shard(parent: int) -> None:
    """In a shard's process: end with the build (`workers.end_with_parent`), and on Ctrl-C (the
    terminal interrupts every process of the build) end as quietly as the build does, which
    says so: without a traceback, and through the plugins' clean-up. So too when stopped
    (SIGTERM: by the build, or by the system as the build ended)."""
    end_with_parent(parent)
    signal.signal(signal.SIGINT, interrupted)
    signal.signal(signal.SIGTERM, interrupted)


def interrupted(signum: int, frame: object) -> None:
    raise SystemExit(130)


INTERRUPTED = "interrupted"  # a shard's answer when Ctrl-C stopped it (`interrupted`)


def build_one(args: tuple[Path, str, list[str], Path]) -> str:
    try:
        build_shard(*args)
    except SystemExit as exc:  # MkDocs aborts (strict mode) with SystemExit
        return INTERRUPTED if exc.code == 130 else f"shard {args[1]}: {exc}"
    except Exception as exc:  # reported with the shard's name, never a traceback
        return f"shard {args[1]}: {type(exc).__name__}: {exc}"
    return ""
