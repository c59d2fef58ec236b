"""Shared fixtures: the real package, copies of the minimal test package, and running the real command."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "datapackage" / "datapackage.json"
MINIMAL = Path(__file__).resolve().parent / "fixtures" / "minimal"
SOURCES = ROOT.parent / "shared" / "sources"


def copy_minimal(target: Path) -> Path:
    """The minimal package's CSVs under the project's real descriptor, in a folder of their own."""
    target.mkdir(parents=True, exist_ok=True)
    for csv_file in MINIMAL.glob("*.csv"):
        shutil.copy(csv_file, target / csv_file.name)
    shutil.copy(PACKAGE, target / "datapackage.json")
    return target


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lunar_atlas.cli", *args], cwd=cwd, capture_output=True, text=True, timeout=600)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def minimal(tmp_path) -> Path:
    return copy_minimal(tmp_path / "package")


@pytest.fixture(scope="session")
def descriptor() -> dict:
    return json.loads(PACKAGE.read_text(encoding="utf-8"))
