# Shared by scripts/build and scripts/test: a project-local virtualenv with the project
# installed. Sourced, not run. Re-installs only when pyproject.toml changed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
extras="${1:-}"
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
version="$(sha256sum pyproject.toml | cut -c1-16)"
stamp=".venv/.installed-$version${extras:+-$extras}"
# Extras add to the plain install: one with extras (the test tools: scripts/test) serves a plain
# build too, so running the tests and the build by turns installs nothing again (and needs no
# network). Stamps of an older pyproject.toml go.
if [ ! -f "$stamp" ] && ! { [ -z "$extras" ] && compgen -G ".venv/.installed-$version-*" >/dev/null; }; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".${extras:+[$extras]}"
  find .venv -maxdepth 1 -name '.installed-*' ! -name ".installed-$version*" -delete
  touch "$stamp"
fi
# The converter's own modules compiled to bytecode now, as pip compiles the packages it
# installs: where Python is told not to write bytecode (PYTHONDONTWRITEBYTECODE), every run
# would compile them again (a twentieth of converting again after one issue changed).
.venv/bin/python -m compileall -q build_scripts >/dev/null
export PATH="$PWD/.venv/bin:$PATH"
export NO_MKDOCS_2_WARNING=1
