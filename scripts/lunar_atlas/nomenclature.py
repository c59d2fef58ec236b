"""Lunar place names from the IAU/USGS Gazetteer of Planetary Nomenclature, for the map (see resources/README.md).

The file is checked like the package's tables: a bad value stops the build with its file, row and column.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .paths import ROOT

NAMES_FILE = Path(__file__).resolve().parent / "resources" / "moon_names.csv"
SOURCE = ("Gazetteer of Planetary Nomenclature, IAU Working Group for Planetary System Nomenclature and "
          "USGS Astrogeology Science Center (public domain)")
SOURCE_URL = "https://planetarynames.wr.usgs.gov/"
KINDS = {"mare": "Mare or ocean", "crater": "Crater"}
COLUMNS = ["name", "kind", "lat", "lon", "diameter_km"]
RANGES = {"lat": (-90.0, 90.0), "lon": (-180.0, 180.0), "diameter_km": (0.0, 11000.0)}


class NamesError(ValueError):
    """A row of the names file that cannot be used, said as file:row:column  rule  value — expected."""


def _shown(path: Path) -> str:
    """The file as a contributor finds it: its place in the project, else its name."""
    try:
        return path.resolve().relative_to(ROOT.resolve()).as_posix()
    except ValueError:
        return path.name


@dataclass(frozen=True)
class Feature:
    name: str
    kind: str
    lat: float
    lon: float
    diameter_km: float


def _number(path: Path, line: int, column: str, text: str) -> float:
    low, high = RANGES[column]
    try:
        value = float(text)
    except ValueError:
        raise NamesError(f"{_shown(path)}:{line}:{column}  type  {text!r} — expected a number") from None
    if not low <= value <= high or (column == "diameter_km" and value == 0):
        raise NamesError(f"{_shown(path)}:{line}:{column}  range  {text!r} — expected {low:g} to {high:g}")
    return value


def _feature(path: Path, line: int, row: dict) -> Feature:
    if not (row.get("name") or "").strip():
        raise NamesError(f"{_shown(path)}:{line}:name  required  '' — expected the feature's approved name")
    if row.get("kind") not in KINDS:
        raise NamesError(f"{_shown(path)}:{line}:kind  enum  {row.get('kind')!r} — expected one of {', '.join(KINDS)}")
    return Feature(row["name"].strip(), row["kind"], *(_number(path, line, c, row.get(c) or "") for c in COLUMNS[2:]))


def read_names(path: Path = NAMES_FILE) -> list[Feature]:
    """Every feature of the file, checked."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != COLUMNS:
            raise NamesError(f"{_shown(path)}:1:  header  {reader.fieldnames!r} — expected {COLUMNS!r}")
        return [_feature(path, line, row) for line, row in enumerate(reader, start=2)]


@lru_cache(maxsize=1)
def moon_names() -> tuple[Feature, ...]:
    return tuple(read_names(NAMES_FILE))
