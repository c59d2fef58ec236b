"""The numbers the site draws, sums and exports stay on the Moon, finite and within what the downloads can hold,
whatever bounds the descriptor gives them."""

from __future__ import annotations

import math

from ..catalog import Catalog
from ..contract import BOUNDS
from ..problems import Problem

INT64 = (-2**63, 2**63 - 1)  # the widest integer a Parquet, SQLite or DuckDB column holds
FITS = "fits in 64 bits, as the Parquet and SQLite downloads hold it"
OWN = "(the code's own bound, whatever the descriptor says)"


def _shown(value: float) -> str:
    """The number as a contributor wrote it: 91 rather than 91.0."""
    if isinstance(value, int):
        return str(value)
    return str(int(value)) if math.isfinite(value) and value.is_integer() else repr(value)


def _problem(value, spec: dict, bound: tuple | None) -> str | None:
    """What the number should be, where it is not; None where it is."""
    whole = spec.get("type") == "integer"
    if whole and not INT64[0] <= value <= INT64[1]:
        return f"a whole number that {FITS} {OWN}"
    if not whole and not math.isfinite(value):
        return f"a finite number {OWN}"
    if bound is None:
        return None
    low, high, what = bound
    if low <= value and (high is None or value <= high):
        return None
    span = f"from {low} to {high}" if high is not None else f"of {low} or more"
    return f"{what} {span} {OWN}"


def bound_problems(catalog: Catalog, reported: set[tuple[str, int, str]]) -> list[Problem]:
    """Every number outside its bounds (BOUNDS, and 64 bits for whole numbers) or not finite; a cell the schema
    already reported is left to it."""
    problems = []
    for table, data in catalog.tables.items():
        for spec in data.table.fields:
            if spec.get("type") not in ("integer", "number"):
                continue
            bound = BOUNDS.get(table, {}).get(spec["name"])
            for index, row in enumerate(data.rows):
                value = row.get(spec["name"])
                if not isinstance(value, (int, float)) or isinstance(value, bool):
                    continue
                expected = _problem(value, spec, bound)
                where = (data.file.shown, data.row_number(index), spec["name"])
                if expected and where not in reported:
                    problems.append(Problem(*where, "out-of-range", _shown(value), expected))
    return problems
