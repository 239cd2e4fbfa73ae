"""Shared helpers: the repository's root, and the `verbatim` command to compare with."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any, List, Tuple

import pytest

ROOT = Path(__file__).resolve().parents[3]


def command_path() -> Path:
    """The command: ``$VERBATIM_BIN``, else the repository's debug build."""
    given = os.environ.get("VERBATIM_BIN")
    return Path(given) if given else ROOT / "target" / "debug" / "verbatim"


def run(*args: str) -> Tuple[int, str, str]:
    """Runs the command from the repository's root: (status, stdout, stderr)."""
    binary = command_path()
    if not binary.is_file():
        pytest.fail(f"{binary} not found: run `cargo build` at the repository's root, or set VERBATIM_BIN")
    done = subprocess.run([str(binary), *args], cwd=ROOT, capture_output=True, text=True, check=False)
    return done.returncode, done.stdout, done.stderr


def command_json(*args: str) -> Any:
    """What the command prints with ``--format json``, parsed; it must exit 0 or 1."""
    status, out, err = run(*args, "--format", "json")
    assert status in (0, 1), f"verbatim {' '.join(args)} exited {status}: {err}"
    return json.loads(out)


@pytest.fixture(autouse=True)
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test runs from the repository's root, so that relative paths name the same files."""
    monkeypatch.chdir(ROOT)


def files(folder: str) -> List[str]:
    """The files of a folder, sorted, as paths relative to the root."""
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / folder).iterdir() if p.is_file())
