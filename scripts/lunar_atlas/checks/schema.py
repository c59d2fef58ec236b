"""Table Schema checks (types, constraints, keys, headers) through frictionless."""

from __future__ import annotations

import copy
import re

import frictionless

from ..catalog import Catalog
from ..descriptor import Descriptor
from ..paths import display_path
from ..problems import Problem
from .expectations import constraint_words, type_words

LIMIT_ERRORS = 10_000

HEADER_RULES = {
    "extra-label": ("extra-column", "no column beyond the schema's"),
    "missing-label": ("missing-column", "every column the schema names"),
    "incorrect-label": ("renamed-column", "the column name the schema gives at this position"),
    "duplicate-label": ("duplicate-column", "each column once"),
    "blank-label": ("blank-column", "a column name"),
}


def _readable_package(descriptor: Descriptor, readable: set[str]) -> frictionless.Package:
    """The package limited to files that parse, without keys into the files that do not."""
    data = copy.deepcopy(descriptor.data)
    data["resources"] = [r for r in data["resources"] if r["name"] in readable]
    for resource in data["resources"]:
        keys = resource["schema"].get("foreignKeys", [])
        resource["schema"]["foreignKeys"] = [
            k for k in keys if (k["reference"].get("resource") or resource["name"]) in readable
        ]
    return frictionless.Package(data, basepath=str(descriptor.base))


def schema_problems(catalog: Catalog, readable: set[str]) -> list[Problem]:
    descriptor = catalog.descriptor
    if not readable:
        return []
    try:
        package = _readable_package(descriptor, readable)
    except frictionless.FrictionlessException as err:
        return [Problem(display_path(descriptor.path), 1, "-", "descriptor", "", e.message) for e in err.reasons or [err.error]]
    try:
        report = package.validate(limit_errors=LIMIT_ERRORS)
    except Exception as err:  # frictionless fails on schemas it cannot read; say so rather than crash
        return [Problem(display_path(descriptor.path), 1, "-", "descriptor", "", f"a schema frictionless can read ({type(err).__name__}: {err})")]
    problems = []
    for task in report.tasks:
        table = descriptor.tables[task.name]
        shown = display_path(table.path)
        header_broken = any(e.type in HEADER_RULES for e in task.errors)
        ragged = {number for number, _ in catalog.tables[task.name].ragged} if task.name in catalog.tables else set()
        for error in task.errors:
            if header_broken and error.type not in HEADER_RULES:
                continue  # every row error follows from the header; fix that first
            if getattr(error, "row_number", None) in ragged:
                continue  # reported once as a ragged row
            if error.type == "unique-error" and error.field_name == table.primary_key:
                continue  # reported once as a primary-key problem
            problems.append(_problem(shown, table, error))
    return problems


def ragged_row_problems(catalog: Catalog) -> list[Problem]:
    return [Problem(data.file.shown, number, "-", "ragged-row", f"{count} cells", f"{len(data.table.fields)} cells, one per column")
            for data in catalog.tables.values() for number, count in data.ragged]


def _text(cell) -> str:
    return "" if cell is None else str(cell)


def _field(table, name):
    return table.by_name.get(name, {"name": name})


def _problem(shown: str, table, error) -> Problem:
    kind = error.type
    if kind in HEADER_RULES:
        rule, expected = HEADER_RULES[kind]
        if kind == "incorrect-label":
            expected = f"the column name {error.field_name!r} at position {error.field_number}"
        if kind == "missing-label":
            expected = f"a column named {error.field_name!r} at position {error.field_number}"
        return Problem(shown, 1, error.label or error.field_name or "-", rule, error.label or "", expected)
    row = getattr(error, "row_number", None) or 1
    if kind == "type-error":
        field = _field(table, error.field_name)
        return Problem(shown, row, error.field_name, "type", _text(error.cell), type_words(field))
    if kind == "constraint-error":
        field = _field(table, error.field_name)
        constraint = re.match(r'constraint "(\w+)"', error.note)
        name = constraint.group(1) if constraint else "constraint"
        return Problem(shown, row, error.field_name, name, _text(error.cell), constraint_words(field, name))
    if kind == "unique-error":
        return Problem(shown, row, error.field_name, "unique", str(error.cell), "a value no other row has")
    if kind == "primary-key":
        key = table.primary_key
        position = table.field_names.index(key) if key in table.field_names else len(error.cells)
        value = error.cells[position] if position < len(error.cells) else ""
        return Problem(shown, row, key, "primary-key", str(value), "an ID no other row has")
    if kind == "foreign-key":
        return _foreign_key_problem(shown, row, table, error)
    if kind in ("missing-cell", "extra-cell"):
        count = len(table.fields)
        return Problem(shown, row, error.field_name or "-", kind, str(error.cell or ""), f"{count} cells, one per column")
    if kind == "blank-row":
        return Problem(shown, row, "-", "blank-row", "", "no blank rows")
    return Problem(shown, row, getattr(error, "field_name", "") or "-", kind, str(getattr(error, "cell", "") or ""), error.message)


def _foreign_key_problem(shown, row, table, error) -> Problem:
    match = re.search(r'for "([^"]+)": values "([^"]*)"', error.note)
    field_name = match.group(1) if match else "-"
    value = match.group(2) if match else ""
    key = next((k for k in table.foreign_keys if k.field == field_name), None)
    expected = f"an existing {key.target} in {key.resource}" if key else "an existing row to refer to"
    return Problem(shown, row, field_name, "foreign-key", value, expected)
