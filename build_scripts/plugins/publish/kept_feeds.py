"""The feeds a sharded build's assembly need not write again: those made of what they were
made of last time, which the site holds as that build wrote them.

The assembly writes the feeds over all shards (`shards.publish_shards`): the archive's latest
articles and one feed for each of its reporters. A night's issue changes the few that list its
articles, but each night wrote every one again — at 100,000 generated articles, 2,300 feeds
and a third of the assembly's publishing (3.5 s of rendering Atom). A feed whose digest (what
it lists, as `plan_feeds` planned it, and everything else its bytes depend on: the site's
address, the paper's author, language and time zone, the code that renders it and feedgen's
version) is the one recorded last time is taken from the site being replaced instead — the
very file, linked, as a kept shard's files are — if that site holds it as the last build
left it (the size and modification time recorded then: one written over by hand, or by
another build into the same folder, is written again). The record (`feeds.json`, beside the
shards' records) is written once the new site is in place: a build that failed leaves the
last one, which still describes the site served.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path

from build_scripts.contract.labels import NO_TITLE
from build_scripts.contract.versions import add_versions
from build_scripts.plugins.publish import feeds
from build_scripts.plugins.publish.feeds import Feed

RECORD = "feeds.json"
FORMAT = b"kept-feeds 1"


def made_with(site_url: str, author: str, language: str, utc_offset: dt.timezone) -> str:
    """A digest of all a feed's bytes depend on but its own content."""
    digest = hashlib.sha256(FORMAT + b"\0" + Path(feeds.__file__).read_bytes() + b"\0")
    add_versions(digest, ("feedgen", "lxml"))
    # (and the title an untitled article's entry is given, which lives elsewhere)
    digest.update(repr((site_url, author, language, utc_offset, NO_TITLE)).encode())
    return digest.hexdigest()


class KeptFeeds:
    """What the last assembly wrote of each feed, and what this one writes."""

    def __init__(self, folder: Path, served: Path, made_with: str, reuse: bool = True):
        """`folder`: where the shards' records are kept; `served`: the site being replaced;
        without `reuse`, every feed is written (and recorded for the next build)."""
        self.record = folder / RECORD
        self.served = os.fspath(served)
        self.made_with = made_with
        self.digests: dict[str, str] = {}  # this build's, by the feed's path
        try:
            if not reuse:
                raise OSError("every feed written")
            found = json.loads(self.record.read_text(encoding="utf-8"))
            same = isinstance(found, dict) and found.get("made with") == made_with
            self.before: dict[str, list] = found["feeds"] if same and isinstance(found.get("feeds"), dict) else {}
        except (OSError, ValueError):
            self.before = {}

    def unchanged(self, feed: Feed) -> bool:
        """Is the feed made of what it was made of last time, and does the site being replaced
        hold the file that build wrote for it?"""
        digest = self.digests[feed.path] = hashlib.sha256(repr(feed).encode("utf-8", "surrogatepass")).hexdigest()
        last = self.before.get(feed.path)
        if not isinstance(last, list) or len(last) != 3 or last[0] != digest:
            return False
        try:
            stat = os.stat(os.path.join(self.served, feed.path))
        except OSError:
            return False
        return [stat.st_size, stat.st_mtime_ns] == last[1:]

    def keep(self, site: Path) -> None:
        """Record each feed's digest and its file as `site` (the new site, in place) holds it."""
        root = os.fspath(site)
        written = {}
        for path, digest in self.digests.items():
            try:
                stat = os.stat(os.path.join(root, path))
            except OSError:
                continue
            written[path] = [digest, stat.st_size, stat.st_mtime_ns]
        partial = self.record.with_name(f".{self.record.name}.partial")
        partial.write_text(json.dumps({"made with": self.made_with, "feeds": written}), encoding="utf-8")
        os.replace(partial, self.record)

    @staticmethod
    def record_of(feeds: KeptFeeds | None, folder: Path, site: Path) -> None:
        """Once the new site is in place: its feeds recorded (`keep`), or no record where it
        has none (no public address) or where recording failed (a full disk): the next build
        then writes every feed, as the record would not describe the site served."""
        try:
            if feeds is not None:
                feeds.keep(site)
                return
        except OSError:
            pass
        (folder / RECORD).unlink(missing_ok=True)
