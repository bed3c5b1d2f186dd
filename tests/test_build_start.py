"""What every build process pays before its first page: each MkDocs run of a sharded build,
and the search indexer beside it, start in a fresh Python and load only what their work needs."""

from __future__ import annotations

import hashlib
import marshal
import subprocess
import sys
from pathlib import Path

import jinja2
from conftest import ROOT, make_archive, run_cli
from mkdocs.config import load_config
from mkdocs.structure.files import Files
from mkdocs.theme import Theme

from build_scripts.plugins.archive.theme_listing import ThemeLoader
from build_scripts.plugins.zh_search import postings, segment


def test_a_process_that_cites_no_article_never_loads_pypinyin():
    # the assembly of a sharded build and the `site` shard load the archive plugin, and cite nothing
    script = (
        "import sys, build_scripts.plugins.archive.plugin, build_scripts.ship.sharded_build;"
        "print('pypinyin' in sys.modules)"
    )
    shown = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == "False"


def test_the_search_indexer_never_imports_jieba():
    # (only its dictionary file is read: importing jieba loads pkg_resources, which costs more)
    script = "import sys, build_scripts.plugins.zh_search.indexer as i; print('jieba' in sys.modules)"
    shown = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == "False"
    assert Path(segment.jieba_dictionary_path()).is_file()


def test_the_varints_made_once_are_those_varint_writes():
    for n in range(postings._SMALL):
        written = bytearray()
        postings.varint(n, written)
        assert postings._VARINTS[n] == bytes(written), n


def _frequencies(kept: Path | None) -> dict[str, int]:
    return segment.jieba_frequencies.__wrapped__(kept)  # (not the table this process holds already)


def test_jiebas_frequencies_kept_for_the_next_process_are_the_dictionarys(tmp_path):
    read = {word: count for word, count, _ in segment.jieba_dictionary()}
    kept = tmp_path / "cache" / "jieba-frequencies.marshal"
    assert _frequencies(kept) == read  # (written)
    digest, table = marshal.loads(kept.read_bytes())
    assert table == read and digest == hashlib.sha256(Path(segment.jieba_dictionary_path()).read_bytes()).hexdigest()
    # what is read back is the kept table: another one, kept with the same digest, is what comes back
    kept.write_bytes(marshal.dumps((digest, {"词": 1})))
    assert _frequencies(kept) == {"词": 1}


def test_a_kept_table_of_another_dictionary_or_damaged_is_made_again(tmp_path):
    read = {word: count for word, count, _ in segment.jieba_dictionary()}
    kept = tmp_path / "jieba-frequencies.marshal"
    kept.write_bytes(marshal.dumps(("the digest of another dict.txt", {"词": 1})))
    assert _frequencies(kept) == read
    assert marshal.loads(kept.read_bytes())[1] == read  # (and kept anew)
    kept.write_bytes(b"\x00damaged")
    assert _frequencies(kept) == read
    unwritable = tmp_path / "a file" / "jieba-frequencies.marshal"
    unwritable.parent.write_text("not a folder")
    assert _frequencies(unwritable) == read  # (none can be kept there: read, and no error)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a file", "jieba-frequencies.marshal"]


def test_the_theme_is_listed_without_entering_hidden_folders(tmp_path):
    theme = tmp_path / "theme"
    for name in ("main.html", ".hidden-file.css", "css/site.css", ".icons/a/b.svg", "js/.maps/x.map", "js/a.js"):
        (theme / name).parent.mkdir(parents=True, exist_ok=True)
        (theme / name).write_text("x")
    listed = ThemeLoader([str(theme)]).list_templates()
    assert listed == [".hidden-file.css", "css/site.css", "js/a.js", "main.html"]
    everything = jinja2.FileSystemLoader([str(theme)]).list_templates()
    assert listed == [name for name in everything if not any(part.startswith(".") for part in name.split("/")[:-1])]
    assert ThemeLoader([str(theme)]).get_source(jinja2.Environment(), ".icons/a/b.svg")[0] == "x"  # (still loaded)


def test_a_build_adds_the_same_theme_files_as_mkdocs_own_listing(tmp_path):
    project = make_archive(tmp_path)
    assert run_cli("convert", cwd=project).returncode == 0
    config = load_config(str(project / "mkdocs.yml"))
    config = config.plugins.on_config(config)
    own = Files([])
    own.add_files_from_theme(Theme.get_env(config.theme), config)  # (MkDocs' own environment)
    env = config.theme.get_env()
    assert isinstance(env.loader, ThemeLoader)
    listed = Files([])
    listed.add_files_from_theme(env, config)
    assert sorted(f.src_uri for f in listed) == sorted(f.src_uri for f in own)
    assert len(own) > 20 and not any("/.icons/" in f.abs_src_path for f in own)
