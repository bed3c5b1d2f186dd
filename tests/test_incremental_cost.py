"""What converting again after a small change still has to do, kept small: these tests check
the shortcuts an incremental conversion takes, and that their output is a full conversion's."""

from __future__ import annotations

import ast
import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT
from inputs import snapshot

from build_scripts.contract.headline import main_title_of
from build_scripts.convert import cache_folder, convert
from build_scripts.dev.archive_generator import generate
from build_scripts.writers import source_jobs
from build_scripts.writers.source_cache import SourceCache


def _edit(source: Path, day: str) -> None:
    for path in source.rglob(f"{day}_*.txt"):
        path.write_text(path.read_text(encoding="utf-8").replace("。", "。（更正）", 1), encoding="utf-8")


def test_the_pinyin_of_titles_is_kept_so_that_an_edited_file_needs_no_pypinyin(tmp_path, monkeypatch):
    monkeypatch.setattr(source_jobs, "MIN_FILES_PER_WORKER", 1)  # spelt in workers, not in this process
    source, docs = tmp_path / "source_texts", tmp_path / "docs"
    generate(source, 30)
    result = convert(source, docs, jobs=2)
    kept = SourceCache(cache_folder(docs), source).memo("slugs")
    titles = {main_title_of(p.entry.title.split()) for p in result.placed if p.entry.title}
    assert titles and titles <= kept.keys()


def test_the_pinyin_of_reporters_names_is_worked_out_where_their_bylines_are_read(tmp_path, monkeypatch):
    from build_scripts.writers import listing

    monkeypatch.setattr(source_jobs, "MIN_FILES_PER_WORKER", 1)  # read in workers, not in this process
    asked: list[str] = []  # names spelt in pinyin in this process
    real = listing.name_syllables
    monkeypatch.setattr(listing, "name_syllables", lambda name: asked.append(name) or real(name))
    source, docs = tmp_path / "source_texts", tmp_path / "docs"
    generate(source, 30)
    result = convert(source, docs, jobs=2)
    names = {name for p in result.placed for name in p.entry.names}
    assert names and not names & set(asked)  # the index of reporters was filed from the workers' readings
    assert listing.readings_of(["曾亦辰"]) == {"person:曾亦辰": ("Z", ("zeng", "yi", "chen"))}


def _converted(monkeypatch) -> list[str]:
    """The files the next conversions read and parse (not taken from the cache)."""
    import build_scripts.convert as convert_module

    seen: list[str] = []
    real = convert_module.convert_sources

    def counting(found, *args, **kwargs):
        seen.extend(one.rel for one in found)
        return real(found, *args, **kwargs)

    monkeypatch.setattr(convert_module, "convert_sources", counting)
    return seen


def test_the_catalogue_is_written_again_only_for_the_days_that_changed(tmp_path):
    source, docs = tmp_path / "source_texts", tmp_path / "docs"
    generate(source, 3 * 120)
    convert(source, docs, jobs=1)
    parts = cache_folder(docs) / "results"
    before = {p.name: p.stat().st_mtime_ns for p in parts.iterdir()}
    assert sorted(before) == ["2019-01-01.pickle", "2019-01-02.pickle", "2019-01-03.pickle"]
    _edit(source, "2019-01-02")
    convert(source, docs, jobs=1)
    after = {p.name: p.stat().st_mtime_ns for p in parts.iterdir()}
    assert [name for name in after if after[name] != before[name]] == ["2019-01-02.pickle"]


def test_a_lost_or_torn_part_of_the_catalogue_is_made_again(tmp_path, monkeypatch):
    source, docs = tmp_path / "source_texts", tmp_path / "docs"
    generate(source, 2 * 120)
    convert(source, docs, jobs=1)
    expected = snapshot(docs)
    part = cache_folder(docs) / "results" / "2019-01-02.pickle"
    part.write_bytes(part.read_bytes()[:100])  # as a run killed while writing it would leave it
    converted = _converted(monkeypatch)
    convert(source, docs, jobs=1)
    assert converted and all("2019-01-02" in rel for rel in converted)
    assert snapshot(docs) == expected
    converted.clear()
    convert(source, docs, jobs=1)
    assert not converted  # healed: the part holds its day's results again


def test_reporters_and_tags_pages_are_made_again_only_when_what_they_list_changed(tmp_path, monkeypatch):
    from build_scripts.writers import name_units

    source, docs = tmp_path / "source_texts", tmp_path / "docs"
    generate(source, 2 * 120)
    convert(source, docs, jobs=1)
    made: list[str] = []
    for name in ("person_pages", "one_tag_pages", "person_year_page", "tag_year_page"):
        real = getattr(name_units, name)
        monkeypatch.setattr(
            name_units,
            name,
            lambda catalogue, key, *rest, real=real, **options: (
                made.append(key) or real(catalogue, key, *rest, **options)
            ),
        )
    _edit(source, "2019-01-02")  # a sentence of each page edited: no title, byline or tag changes
    result = convert(source, docs, jobs=1)
    assert result.written and result.written.written > 0 and not made
    # an article's headline (where the record says it stands, not a guess at the file's lines:
    # a page may open with its furniture, 本版责编) changed: the pages listing it are made again
    records = [json.loads(line) for line in (docs / "data/articles.jsonl").read_text(encoding="utf-8").splitlines()]
    record = next(r for r in records if r["date"] == "2019-01-02" and r["title"] and (r["authors"] or r["tags"]))
    path = source / record["source"]["file"]
    lines = path.read_text(encoding="utf-8").splitlines()
    title = record["source"]["first_line"] - 1
    assert lines[title].strip() == record["title_parts"][0], lines[title]
    lines[title] += "（修订）"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    convert(source, docs, jobs=1)
    assert made
    expected = tmp_path / "full"
    convert(source, expected, jobs=1, incremental=False)
    assert snapshot(docs) == snapshot(expected)


def test_the_pages_listing_an_article_are_made_again_when_the_names_its_byline_shows_change(tmp_path):
    """A list item shows an article's byline with the names the whole article credits (a
    closing credit's too: 本报记者 张贺、耿磊), not the byline line alone: a change to those
    names makes again the pages of the names that stay, and of the article's tags."""
    from conftest import make_archive

    page = "学以致用求实效\n\n本报记者\n\n各地扎实开展学习教育，解决群众急难愁盼问题。\n\n（本报记者张贺、耿磊）\n"
    project = make_archive(tmp_path, {"2022/2022-01-28_01.txt": page})
    source, docs = project / "source_texts", project / "docs"
    convert(source, docs, jobs=1)
    assert "本报记者 张贺、耿磊" in (docs / "reporters/zhang-he/index.md").read_text(encoding="utf-8")
    path = source / "2022/2022-01-28_01.txt"
    path.write_text(page.replace("耿磊", "王五"), encoding="utf-8")  # the credit's second name corrected
    convert(source, docs, jobs=1)
    assert "本报记者 张贺、王五" in (docs / "reporters/zhang-he/index.md").read_text(encoding="utf-8")
    expected = project / "full"  # (beside docs/: it says where the sources are, relative to itself)
    convert(source, expected, jobs=1, incremental=False)
    assert snapshot(docs) == snapshot(expected)


def test_a_new_issue_makes_the_pages_of_its_year_again_not_every_year_of_the_names_it_lists(tmp_path, monkeypatch):
    """A reporter's or tag's year pages are units of their own: a night's new issue makes the
    pages of its year again (and the names' own pages, which count their articles), not the
    pages of the years before, whose articles did not change."""
    from build_scripts.writers import name_pages, name_units

    monkeypatch.setattr(name_pages, "ENTRY_PAGE_LIMIT", 2)  # most names have year pages
    source, docs = tmp_path / "source_texts", tmp_path / "docs"
    generate(source, 4 * 120, first_day=dt.date(2019, 12, 30))  # two days of 2019, two of 2020
    held = tmp_path / "held"
    held.mkdir()
    for path in (source / "2020").glob("2020-01-02_*.txt"):
        path.rename(held / path.name)
    convert(source, docs, jobs=1)
    split = {page.parent.name for page in (docs / "reporters").glob("*/2019.md")}  # year pages already
    made: list[tuple[str, int]] = []  # (slug, year) of each reporter's year page made
    real = name_units.person_year_page
    monkeypatch.setattr(
        name_units,
        "person_year_page",
        lambda catalogue, name, year: made.append((catalogue.people[name].slug, year)) or real(catalogue, name, year),
    )
    for path in held.iterdir():
        path.rename(source / "2020" / path.name)
    convert(source, docs, jobs=1)
    assert split and any(slug in split for slug, year in made if year == 2020)  # reporters of the new issue
    assert not [slug for slug, year in made if year == 2019 and slug in split]
    expected = tmp_path / "full"
    convert(source, expected, jobs=1, incremental=False)
    assert snapshot(docs) == snapshot(expected)


def test_the_models_are_loaded_before_the_workers_are_forked(tmp_path):
    from build_scripts.ingest.archive_config import load_archive_config
    from build_scripts.parse import prose

    (tmp_path / "archive.yml").write_text("paper: {title: 人民日报, slug: renmin-ribao}\n", encoding="utf-8")
    config = load_archive_config(tmp_path)
    prose._shipped.cache_clear()  # as in a conversion that has not loaded it
    source_jobs.load_before_forking(config)
    assert prose._shipped.cache_info().currsize == 1  # the workers inherit it instead of each loading it
    assert "rjieba" in sys.modules


def test_a_conversion_does_not_load_jiebas_python_dictionary(tmp_path):
    """It takes half a second to load, much of converting one changed issue: the parser
    weighs breaks with rjieba and the prose model instead."""
    source = tmp_path / "src"
    (source / "2022").mkdir(parents=True)
    page = "春耕正当时\n\n本报记者 方 远\n\n近日，田间地头一派繁忙景象，农机来回穿\n\n梭，农民们抢抓农时。\n"
    (source / "2022" / "2022-03-01.txt").write_text(page, encoding="utf-8")
    (source / "archive.yml").write_text("paper: {title: 人民日报, slug: renmin-ribao}\n", encoding="utf-8")
    probe = (
        "import sys\n"
        "from pathlib import Path\n"
        "from build_scripts.convert import convert\n"
        f"convert(Path({str(source)!r}), Path({str(tmp_path / 'docs')!r}), jobs=1)\n"
        "print('jieba' in sys.modules)\n"
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True)
    assert run.stdout.strip().splitlines()[-1] == "False"


def test_converting_again_with_nothing_changed_does_not_load_the_parser(tmp_path):
    """Compiling the parser's patterns takes a tenth of a second: a nightly conversion with no
    new issue has nothing to parse."""
    source = tmp_path / "src"
    generate(source, 20)
    probe = (
        "import sys\n"
        "from pathlib import Path\n"
        "from build_scripts.convert import convert\n"
        f"result = convert(Path({str(source)!r}), Path({str(tmp_path / 'docs')!r}), jobs=1)\n"
        "print(result.articles, sorted(m for m in sys.modules if m.startswith('build_scripts.parse.')))\n"
    )
    runs = [
        subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True)
        for _ in "12"
    ]
    first, again = (run.stdout.strip().splitlines()[-1] for run in runs)
    assert "build_scripts.parse.patterns" in first  # the first conversion parsed every file
    articles, loaded = again.split(" ", 1)
    assert articles == "20"
    heavy = ("patterns", "names", "parser", "evidence", "prose")  # compiled or loaded to parse
    assert not [m for m in ast.literal_eval(loaded) if m.rsplit(".", 1)[-1] in heavy], loaded


def test_every_file_the_converter_is_made_of_counts_in_its_version():
    """A retrained model (weights.json, prose.json.gz) must make every cached result stale."""
    from build_scripts.writers.source_cache import CONVERTER_PARTS, PACKAGE, SUFFIXES

    files = [
        path
        for part in CONVERTER_PARTS
        for path in ((PACKAGE / part).rglob("*") if (PACKAGE / part).is_dir() else [PACKAGE / part])
        if path.is_file() and "__pycache__" not in path.parts
    ]
    assert any(path.name == "prose.json.gz" for path in files)
    assert [path for path in files if path.suffix not in SUFFIXES] == []


def test_the_converters_version_is_worked_out_once_a_process(monkeypatch):
    """Its code is read once: a run asks for it twice (the cache's salt, what a run with
    nothing new compares), and it cannot change under the process that runs it."""
    from build_scripts.writers import source_cache

    read: list[Path] = []
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self) or real(self))
    source_cache.converter_version.cache_clear()
    first = source_cache.converter_version()
    files = len(read)
    assert files > 50 and source_cache.converter_version() == first and len(read) == files


def test_a_new_issue_parsed_by_the_warm_worker_does_not_load_the_parser_here(tmp_path):
    """The index of reporters, made again when an issue brings names, asks whether a name is a
    body's (中共中央统战部); that question no longer compiles the parser's patterns (half a
    second) in a process that parses nothing itself."""
    generated, source = tmp_path / "generated", tmp_path / "src"
    generate(generated, 3 * 120)
    shutil.copytree(generated, source, ignore=shutil.ignore_patterns("2019-01-03_*"))
    probe = (
        "import sys\n"
        "from pathlib import Path\n"
        "from build_scripts.convert import convert\n"
        f"result = convert(Path({str(source)!r}), Path({str(tmp_path / 'docs')!r}), jobs=2)\n"
        "print(result.articles, sorted(m for m in sys.modules if m.startswith('build_scripts.parse.')))\n"
    )
    subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True)
    for path in generated.rglob("2019-01-03_*.txt"):
        shutil.copy(path, source / path.relative_to(generated))
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True)
    articles, loaded = run.stdout.strip().splitlines()[-1].split(" ", 1)
    assert articles == str(3 * 120)
    heavy = ("patterns", "names", "parser", "evidence", "prose")  # compiled or loaded to parse
    assert not [m for m in ast.literal_eval(loaded) if m.rsplit(".", 1)[-1] in heavy], loaded


def test_the_pinyin_of_titles_and_names_is_kept_once_in_the_caches_tables(tmp_path):
    """Each file's result comes from its worker with the pinyin of its titles and names; the
    cache keeps that in its tables (`memo`), not again in every file's result (three tenths of
    the catalogue). A run after one issue changed — a process of its own, which learnt nothing
    before — finds every other file's pinyin there: its own process spells nothing, so it never
    loads pypinyin, and it writes what a full conversion writes."""
    source, docs = tmp_path / "source_texts", tmp_path / "docs"
    generate(source, 3 * 120)
    probe = (
        "import sys\n"
        "from pathlib import Path\n"
        "from build_scripts.convert import convert\n"
        f"result = convert(Path({str(source)!r}), Path({str(docs)!r}), jobs=2)\n"
        "print(result.articles, 'pypinyin' in sys.modules)\n"
    )
    subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True)
    cache = SourceCache(cache_folder(docs), source)
    results = list(cache.catalogue.results.values())
    assert len(results) > 10 and not [r.rel for r in results if r.slugs or r.readings]
    names = {name for r in results for entry in r.entries for name in entry.names}
    assert names and {"person:" + name for name in names} <= cache.memo("pinyin").keys()
    _edit(source, "2019-01-02")
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True)
    assert run.stdout.strip().splitlines()[-1] == f"{3 * 120} False"
    expected = tmp_path / "full"
    convert(source, expected, jobs=1, incremental=False)
    assert snapshot(docs) == snapshot(expected)
