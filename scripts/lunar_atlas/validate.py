"""The validator: every check over a package, each problem once, in file order."""

from __future__ import annotations

from pathlib import Path

from .catalog import read_catalog
from .checks.cell_rules import cell_problems
from .checks.claim_rules import claim_problems
from .checks.id_rules import rename_problems
from .checks.mission_rules import mission_problems
from .checks.relations import RULES
from .checks.schema import ragged_row_problems, schema_problems
from .claims import Claims
from .descriptor import DescriptorError
from .problems import Dispute, Problem, Report, unique_sorted


def validate_package(path: Path) -> list[Problem]:
    return check_package(path).problems


def check_package(path: Path) -> Report:
    """Every problem in the package, and the facts its sources dispute (which are not problems)."""
    try:
        catalog, problems = read_catalog(Path(path))
    except DescriptorError as err:
        return Report(unique_sorted(err.problems), [])
    problems += schema_problems(catalog, set(catalog.files))
    problems += ragged_row_problems(catalog)
    problems += cell_problems(catalog)
    for rule in RULES:
        problems += rule(catalog)
    problems += mission_problems(catalog)
    problems += rename_problems(catalog)
    claims = Claims(catalog)
    problems += claim_problems(catalog, claims, {(p.file, p.row, p.column) for p in problems})
    return Report(unique_sorted(problems), _disputes(catalog, claims))


def _disputes(catalog, index: Claims) -> list[Dispute]:
    disputes = []
    for cell, claims in index.disputes:
        data = catalog.tables[cell.table]
        row = data.by_id.get(cell.row_id)
        number = data.row_number_of(cell.row_id) if row is not None else 1
        values = tuple(f"{c['value']} ({c['source_id']}{', preferred' if c['preferred'] else ''})" for c in claims)
        disputes.append(Dispute(data.file.shown, number, cell.column, cell.row_id, values))
    return disputes
