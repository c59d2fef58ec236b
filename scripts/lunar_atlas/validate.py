"""The validator: every check over a package, each problem once, in file order."""

from __future__ import annotations

from pathlib import Path

from .catalog import read_catalog
from .checks.cell_rules import cell_problems
from .checks.relations import RULES
from .checks.schema import ragged_row_problems, schema_problems
from .descriptor import DescriptorError
from .problems import Problem, unique_sorted


def validate_package(path: Path) -> list[Problem]:
    try:
        catalog, problems = read_catalog(Path(path))
    except DescriptorError as err:
        return unique_sorted(err.problems)
    problems += schema_problems(catalog, set(catalog.files))
    problems += ragged_row_problems(catalog)
    problems += cell_problems(catalog)
    for rule in RULES:
        problems += rule(catalog)
    return unique_sorted(problems)
