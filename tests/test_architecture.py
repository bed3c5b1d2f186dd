"""The house rules of maintainers/architecture.md: folders in pipeline order, no module
importing from a later stage, no import cycles, every module under 400 lines, and every
comment that cites a document citing one that is in the repository."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "build_scripts"
# Pipeline order (maintainers/architecture.md); a module may import its own stage or an earlier one.
STAGES = ["problems", "contract", "ingest", "parse", "catalogue", "writers", "convert", "plugins", "ship", "dev", "cli"]
MAX_LINES = 400
OUTSIDE = "DESIGN" + " §"  # the design notes the project began from, which a clone does not hold


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if "vendor" in path.parts:
            continue
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def stage_of(module: str) -> int | None:
    parts = module.split(".")
    if len(parts) < 2 or parts[1] not in STAGES:
        return None  # build_scripts itself, __main__
    return STAGES.index(parts[1])


def imports_of(module: str, path: Path) -> set[str]:
    """Every build_scripts module this one imports, at the top or inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base]) if base else ".".join(anchor)
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names}
    known = modules()
    return {name for name in found if name in known and name != module}


def test_the_folders_are_the_pipeline_stages():
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and not p.name.startswith(("_", "."))}
    assert folders - {"vendor"} == set(STAGES) - {"problems", "convert", "cli"}


def test_no_module_imports_from_a_later_stage():
    wrong = []
    for module, path in modules().items():
        here = stage_of(module)
        if here is None:
            continue
        for imported in imports_of(module, path):
            there = stage_of(imported)
            if there is not None and there > here:
                wrong.append(f"{module} imports {imported}")
    assert not wrong, "\n".join(wrong)


def test_there_are_no_import_cycles():
    graph = {module: imports_of(module, path) for module, path in modules().items()}
    # Importing a.b.c runs a/__init__ and a/b/__init__ first: not a cycle of ours.
    graph = {m: {i for i in deps if not m.startswith(i + ".")} for m, deps in graph.items()}
    visiting, done, cycles = set(), set(), []

    def visit(module: str, trail: list[str]) -> None:
        if module in done:
            return
        if module in visiting:
            cycles.append(" → ".join([*trail[trail.index(module) :], module]))
            return
        visiting.add(module)
        for imported in sorted(graph[module]):
            visit(imported, [*trail, module])
        visiting.discard(module)
        done.add(module)

    for module in sorted(graph):
        visit(module, [])
    assert not cycles, "\n".join(cycles)


@pytest.mark.parametrize("module", sorted(modules()))
def test_every_module_is_short(module):
    lines = modules()[module].read_text(encoding="utf-8").count("\n")
    assert lines < MAX_LINES, f"{module} has {lines} lines: split it by job"


def test_every_cited_document_is_in_the_repository():
    documents = re.compile(r"\bmaintainers/[\w.-]+\.md\b")
    code = re.compile(r"\bbuild_scripts/[\w/.-]+\.py\b")
    missing = []
    for path in [*PACKAGE.rglob("*.py"), *(ROOT / "tests").glob("*.py"), ROOT / "mkdocs.yml"]:
        text = path.read_text(encoding="utf-8")
        assert OUTSIDE not in text, f"{path.relative_to(ROOT)} cites a document outside the repository"
        missing += [f"{path.relative_to(ROOT)}: {ref}" for ref in documents.findall(text) if not (ROOT / ref).exists()]
    for path in [*ROOT.glob("*.md"), *(ROOT / "maintainers").glob("*.md")]:
        text = path.read_text(encoding="utf-8")
        refs = documents.findall(text) + code.findall(text)
        missing += [f"{path.relative_to(ROOT)}: {ref}" for ref in refs if not (ROOT / ref).exists()]
    assert not missing, "\n".join(missing)
