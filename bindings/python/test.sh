#!/usr/bin/env bash
# The Python package's tests, as a user meets the package: built and installed with
# `pip install ./bindings/python` into a fresh virtual environment (target/py-venv), then its
# pytest tests, which compare it with the command's `--format json` (the debug build that
# `cargo test` makes; VERBATIM_BIN names another). The README's test command runs this after
# `cargo test --all-features`, and so does .ci/run.
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=target/py-venv
python3 -m venv --clear "$venv"
# builds the crate in release with maturin from PyPI (minutes cold on 2 cores, seconds warm)
"$venv/bin/pip" install --quiet ./bindings/python pytest
[ -x "${VERBATIM_BIN:-target/debug/verbatim}" ] || cargo build --quiet --bin verbatim
# any status but 0 fails, 5 (no tests collected) included
VERBATIM_BIN="${VERBATIM_BIN:-$PWD/target/debug/verbatim}" "$venv/bin/python" -m pytest -p no:cacheprovider bindings/python/tests
