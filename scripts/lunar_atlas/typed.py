"""Every column as the typed downloads (JSON, Parquet, SQLite) hold it, worked out from the descriptor alone.

The CSV stays the source of truth. Beside every EDTF date column the typed downloads add two derived calendar dates,
`<column>_earliest` and `<column>_latest`: the first and last day the EDTF string allows ("2026" gives 2026-01-01 and
2026-12-31; "../2030" has no earliest). They let a date be compared or plotted without guessing, and never claim
more precision than the data has: a day is only as precise as the span it came from.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator
from datetime import date, datetime, timezone

from .dates import parse_date
from .descriptor import Table

# What a typed download holds for each Table Schema type (the documented types; the data page and README say so).
TYPE_WORDS = {
    "string": "text", "integer": "64-bit integer", "number": "64-bit float", "boolean": "boolean",
    "list": "list of text", "date": "date", "datetime": "timestamp (UTC)", "year": "integer (year)",
    "object": "JSON text", "array": "JSON text", "any": "text",
}


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # a Table Schema type; derived dates are "date"
    title: str
    description: str
    source: str | None = None  # for a derived date: the EDTF column it comes from
    bound: str | None = None  # "earliest" or "latest"
    spec: dict | None = None  # the descriptor's field, for a column of the CSV


def is_edtf(spec: dict) -> bool:
    return spec.get("x-format") == "edtf"


def columns(table: Table) -> list[Column]:
    """The CSV's columns in order, then the derived dates of each EDTF column."""
    shown = [Column(f["name"], f.get("type", "string"), f.get("title", f["name"]), f.get("description", ""), spec=f)
             for f in table.fields]
    for spec in table.fields:
        if is_edtf(spec):
            title = spec.get("title", spec["name"])
            for bound, words in (("earliest", "first"), ("latest", "last")):
                shown.append(Column(f"{spec['name']}_{bound}", "date", f"{title} ({bound})",
                                    f"Derived from {spec['name']}: the {words} calendar day its EDTF date allows; "
                                    "empty where that end is open or the date is empty.", spec["name"], bound))
    return shown


@lru_cache(maxsize=65536)
def edtf_bounds(text: str | None) -> tuple[date | None, date | None]:
    """The first and last calendar day an EDTF string allows; None for an open end or an empty cell."""
    if not text:
        return None, None
    return parse_date(text).days


def _parsed(text: str, spec: dict) -> datetime:
    """A date or datetime cell read as frictionless reads it: ISO 8601 by default, else the field's `format`
    (a strptime pattern, or "any")."""
    form = spec.get("format", "default")
    if form in ("default", None):
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    if form == "any":
        from dateutil.parser import parse

        return parse(text)
    return datetime.strptime(text, form)


def _moment(text: str, spec: dict) -> datetime:
    moment = _parsed(text, spec)
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


def native(column: Column, row: dict, bounds: dict):
    """A cell as a Python value of its type: date, datetime, int, parsed JSON, list; None when empty."""
    if column.source:
        return bounds[column.source][0 if column.bound == "earliest" else 1]
    value = row.get(column.name)
    if value is None or value == []:
        return None
    kind = column.type
    if kind == "date":
        return _parsed(value, column.spec).date()
    if kind == "datetime":
        return _moment(value, column.spec)
    if kind == "year":
        return int(value)
    if kind in ("object", "array"):
        return json.loads(value)
    return value


def row_bounds(table: Table, row: dict) -> dict[str, tuple[date | None, date | None]]:
    return {f["name"]: edtf_bounds(row.get(f["name"])) for f in table.fields if is_edtf(f)}


def json_value(value):
    """A native value as JSON holds it: dates and times as ISO 8601 text."""
    if isinstance(value, datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    return value


def native_rows(table: Table, rows: list[dict], shown: list[Column] | None = None) -> list[list]:
    """Every row's values in the order of columns(table) (`shown`, where worked out already), as Python values of
    their types (worked out column by column: most columns are already typed by the catalog)."""
    shown = columns(table) if shown is None else shown
    bounds = {c.source: [edtf_bounds(row.get(c.source)) for row in rows] for c in shown if c.source}
    values = []
    for column in shown:
        if column.source:
            end = 0 if column.bound == "earliest" else 1
            values.append([pair[end] for pair in bounds[column.source]])
        elif column.type in ("string", "integer", "number", "boolean", "list", "any"):
            values.append([row.get(column.name) for row in rows])
        else:
            values.append([native(column, row, {}) for row in rows])
    return [list(row) for row in zip(*values)] if shown else [[] for _ in rows]


TypedTable = tuple[list[Column], list[list]]  # a table's columns, and its rows as values of those types


def typed_table(catalog, name: str) -> TypedTable:
    """A table's columns and native rows, for the JSON, Parquet and SQLite files. Not kept: the downloads make each
    table's once and let it go before the next (a big catalog's typed tables together weigh as much as the catalog)."""
    data = catalog[name]
    shown = columns(data.table)
    return shown, native_rows(data.table, data.rows, shown)


def json_shape(shown: list[Column]) -> tuple[list[str], list[int]]:
    """A JSON row's keys, and the positions of its dates (written as ISO text), from the table's columns."""
    return [c.name for c in shown], [i for i, c in enumerate(shown) if c.type in ("date", "datetime")]


def json_row(shape: tuple[list[str], list[int]], natives: list) -> dict:
    """One row as the JSON download writes it, from its native values."""
    names, dated = shape
    values = list(natives)
    for i in dated:
        values[i] = json_value(values[i])
    return dict(zip(names, values))


def json_rows(table: Table, rows: list[dict], natives: list[list] | None = None) -> Iterator[dict]:
    """Each row as the JSON download writes it, one at a time."""
    shape = json_shape(columns(table))
    natives = native_rows(table, rows) if natives is None else natives
    return (json_row(shape, values) for values in natives)
