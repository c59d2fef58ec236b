"""Table Schema checks (types, constraints, primary keys, headers) through frictionless."""

from __future__ import annotations

import copy
import pickle
import re
import sys

import frictionless

from ..catalog import Catalog
from ..cells import cell_text
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


def _frictionless_package(descriptor: Descriptor, readable: set[str]) -> frictionless.Package:
    """The package limited to files that parse, without what the validator checks faster itself.

    Foreign keys are checked in relations.py against the tables' ID index (frictionless re-reads the referenced
    table for every key), `format: uri` in cell_rules.py, and patterns there too, with a time bound (frictionless
    runs them with Python's `re`, which can backtrack for minutes).
    """
    data = copy.deepcopy(descriptor.data)
    data["resources"] = [r for r in data["resources"] if r["name"] in readable]
    for resource in data["resources"]:
        resource["schema"].pop("foreignKeys", None)
        for field in resource["schema"].get("fields", []):
            if field.get("format") == "uri":
                del field["format"]
            field.get("constraints", {}).pop("pattern", None)  # run with a time bound in cell_rules.py
    return frictionless.Package(data, basepath=str(descriptor.base))


def frictionless_problems(descriptor: Descriptor, readable: frozenset[str], ragged: dict[str, frozenset[int]]) -> list[Problem]:
    """frictionless' report in the validator's words. Takes plain, picklable arguments so it can run in a worker."""
    if not readable:
        return []
    try:
        package = _frictionless_package(descriptor, readable)
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
        for error in task.errors:
            if header_broken and error.type not in HEADER_RULES:
                continue  # every row error follows from the header; fix that first
            if getattr(error, "row_number", None) in ragged.get(task.name, ()):
                continue  # reported once as a ragged row
            if error.type == "unique-error" and error.field_name == table.primary_key:
                continue  # reported once as a primary-key problem
            problems.append(_problem(shown, table, error))
    return problems


def ragged_row_problems(catalog: Catalog) -> list[Problem]:
    return [Problem(data.file.shown, number, "-", "ragged-row", f"{count} cells", f"{len(data.table.fields)} cells, one per column")
            for data in catalog.tables.values() for number, count in data.ragged]


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
        return Problem(shown, row, error.field_name, "type", cell_text(error.cell), type_words(field))
    if kind == "constraint-error":
        field = _field(table, error.field_name)
        constraint = re.match(r'constraint "(\w+)"', error.note)
        name = constraint.group(1) if constraint else "constraint"
        return Problem(shown, row, error.field_name, name, cell_text(error.cell), constraint_words(field, name))
    if kind == "unique-error":
        return Problem(shown, row, error.field_name, "unique", str(error.cell), "a value no other row has")
    if kind == "primary-key":
        key = table.primary_key
        position = table.field_names.index(key) if key in table.field_names else len(error.cells)
        value = error.cells[position] if position < len(error.cells) else ""
        return Problem(shown, row, key, "primary-key", str(value), "an ID no other row has")
    if kind in ("missing-cell", "extra-cell"):
        count = len(table.fields)
        return Problem(shown, row, error.field_name or "-", kind, str(error.cell or ""), f"{count} cells, one per column")
    if kind == "blank-row":
        return Problem(shown, row, "-", "blank-row", "", "no blank rows")
    return Problem(shown, row, getattr(error, "field_name", "") or "-", kind, str(getattr(error, "cell", "") or ""), error.message)


if __name__ == "__main__":  # the worker validate.py starts for big packages: arguments in, problems out, both pickled
    from ..offline import forbid_network

    forbid_network()
    sys.stdout.buffer.write(pickle.dumps(frictionless_problems(*pickle.load(sys.stdin.buffer))))
