#!/usr/bin/env bash
# Re-lock both files after changing pyproject.toml's dependencies:
#   bash requirements/compile.sh            # keep today's pins where still allowed
#   bash requirements/compile.sh --upgrade  # take the newest allowed versions
# Needs uv (pip install uv). The locks are universal (Linux, macOS and Windows markers),
# for Python 3.11+, and carry every wheel's hash, so pip installs them with --require-hashes.
set -euo pipefail
cd "$(dirname "$0")/.."
common=(--universal --python-version 3.11 --generate-hashes --no-header --quiet
        --custom-compile-command "bash requirements/compile.sh" "$@")
keep=()
[ -f requirements/runtime.txt ] && [ "${1:-}" != "--upgrade" ] && keep=(-c requirements/runtime.txt)
uv pip compile pyproject.toml "${common[@]}" "${keep[@]}" -o requirements/runtime.txt
# The dev lock is the runtime lock plus the test and build tools, at the same versions.
uv pip compile pyproject.toml --extra test requirements/packaging.in "${common[@]}" \
  -c requirements/runtime.txt -o requirements/dev.txt
