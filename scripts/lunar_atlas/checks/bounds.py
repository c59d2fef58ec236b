"""The numbers the site draws and sums stay on the Moon and finite, whatever bounds the descriptor gives them."""

from __future__ import annotations

import math

from ..catalog import Catalog
from ..contract import BOUNDS
from ..problems import Problem


def _shown(value: float) -> str:
    """The number as a contributor wrote it: 91 rather than 91.0."""
    return str(int(value)) if math.isfinite(value) and float(value).is_integer() else repr(value)


def _expected(low: float, high: float | None, what: str) -> str:
    span = f"from {low} to {high}" if high is not None else f"of {low} or more"
    return f"{what} {span}, a finite number (the code's own bound, whatever the descriptor says)"


def bound_problems(catalog: Catalog, reported: set[tuple[str, int, str]]) -> list[Problem]:
    """Each number of BOUNDS outside its bounds, or not finite; a cell the schema already reported is left to it."""
    problems = []
    for table, columns in BOUNDS.items():
        data = catalog.tables.get(table)
        if data is None:
            continue
        for column, (low, high, what) in columns.items():
            if column not in data.table.by_name:
                continue
            for index, row in enumerate(data.rows):
                value = row.get(column)
                if not isinstance(value, (int, float)) or isinstance(value, bool):
                    continue
                if math.isfinite(value) and low <= value and (high is None or value <= high):
                    continue
                where = (data.file.shown, data.row_number(index), column)
                if where not in reported:
                    problems.append(Problem(*where, "out-of-range", _shown(value), _expected(low, high, what)))
    return problems
