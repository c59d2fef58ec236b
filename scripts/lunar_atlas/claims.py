"""Claim-level provenance: which source supports which value of which cell, and where sources disagree."""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property
from typing import NamedTuple

from .catalog import Catalog
from .cells import cell_text
from .dates import span_or_none

CLAIMS = "claims"


class CellAddress(NamedTuple):
    """Where a claimed value sits: table, row and column. A tuple, so that hashing it (once per claim lookup) stays in C."""

    table: str
    row_id: str
    column: str


def backed_fields(catalog: Catalog) -> dict[str, list[dict]]:
    """The columns whose every value must be backed by a claim, from the descriptor's x-claims marks."""
    return {name: [f for f in data.table.fields if f.get("x-claims")] for name, data in catalog.tables.items()}


def same_value(field: dict, claimed: str, cell) -> bool:
    """A claim's text equals a cell's value, read by the cell's type (1731 equals 1731.0). A claim without a value
    (the schema reports it) equals nothing."""
    if cell is None or claimed is None:
        return False
    kind = field.get("type", "string")
    if kind in ("number", "integer"):
        try:
            return float(claimed) == float(cell)
        except ValueError:
            return False
    if kind == "boolean":
        return claimed.lower() == cell_text(cell).lower()
    return claimed == cell_text(cell, field)


def compatible(field: dict, first: str, second: str) -> bool:
    """Two claimed values that can both be true: equal, or dates whose spans overlap (2024-06-25 and 2024-06-25T06:07:00Z)."""
    if field.get("x-format") == "edtf":
        a, b = span_or_none(first), span_or_none(second)
        if a and b:
            return a.overlaps(b)
    return same_value(field, first, second)


class Claims:
    """The claims table indexed by the cell each claim is about."""

    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self.by_cell: dict[CellAddress, list[dict]] = defaultdict(list)
        if CLAIMS in catalog.tables:
            for claim in catalog[CLAIMS].rows:
                self.by_cell[CellAddress(claim["table"], claim["row_id"], claim["column"])].append(claim)

    def about(self, table: str, row_id: str, column: str) -> list[dict]:
        return self.by_cell.get(CellAddress(table, row_id, column), [])

    def field(self, cell: CellAddress) -> dict | None:
        data = self.catalog.tables.get(cell.table)
        return data.table.by_name.get(cell.column) if data else None

    def is_disputed(self, cell: CellAddress) -> bool:
        field = self.field(cell)
        claims = self.by_cell.get(cell, [])
        if field is None or len(claims) < 2:
            return False
        values = [c["value"] for c in claims if c["value"] is not None]  # a claim without one is reported as such
        return any(not compatible(field, a, b) for i, a in enumerate(values) for b in values[i + 1:])

    @cached_property
    def disputes(self) -> list[tuple[CellAddress, list[dict]]]:
        return sorted(((cell, claims) for cell, claims in self.by_cell.items() if self.is_disputed(cell)),
                      key=lambda item: (item[0].table, item[0].row_id, item[0].column))
