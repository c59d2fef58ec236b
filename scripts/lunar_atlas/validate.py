"""The validator: every check over a package, each problem once, in file order."""

from __future__ import annotations

import pickle
import subprocess
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import Callable

from .catalog import Catalog, read_catalog
from .checks.bounds import bound_problems
from .checks.cell_rules import cell_problems
from .checks.claim_rules import claim_problems
from .checks.crew_rules import crew_and_flight_problems
from .checks.id_rules import id_in_notes_problems, rename_problems, reserved_id_problems
from .checks.mission_rules import mission_problems
from .checks.relations import RULES
from .checks.schema import frictionless_problems, ragged_row_problems
from .checks.source_rules import source_problems, tier_summary
from .checks.wikipedia_rules import wikipedia_problems
from .claims import Claims
from .descriptor import DescriptorError
from .descriptor_rules import contract_problems
from .descriptor_words import label_problems
from .paths import display_path
from .problems import Dispute, Problem, Report, as_text, unique_sorted

# frictionless types every cell in pure Python, about half of a big package's validation. From this many rows
# on it runs in worker processes beside the other rules; below it, starting the worker costs more than it saves.
WORKER_FROM_ROWS = 20_000
WORKERS = 2  # the validator's own rules run beside them; CI machines have two cores


def validate_package(path: Path) -> list[Problem]:
    return check_package(path).problems


def check_package(path: Path) -> Report:
    """Every problem in the package, and the facts its sources dispute (which are not problems)."""
    try:
        catalog, problems = read_catalog(Path(path))
    except DescriptorError as err:
        return Report(unique_sorted(err.problems), [])
    descriptor = catalog.descriptor
    shown = display_path(descriptor.path)
    broken = contract_problems(shown, descriptor.text, descriptor.data["resources"])
    if broken:  # the rules below read these tables and columns by name
        return Report(unique_sorted(broken), [])
    problems += label_problems(shown, descriptor.text, descriptor.data["resources"])
    with ExitStack() as stack:
        schema = _schema_checks(catalog, stack)
        problems += ragged_row_problems(catalog)
        problems += cell_problems(catalog)
        for rule in RULES:
            problems += rule(catalog)
        problems += mission_problems(catalog)
        problems += crew_and_flight_problems(catalog)
        problems += rename_problems(catalog)
        problems += reserved_id_problems(catalog)
        problems += id_in_notes_problems(catalog)
        claims = Claims(catalog)
        problems += schema()
        problems += bound_problems(catalog, {(p.file, p.row, p.column) for p in problems})
        problems += wikipedia_problems(catalog, {(p.file, p.row, p.column) for p in problems})
    # Claims on cells already reported are not checked again, so these come last.
    problems += claim_problems(catalog, claims, {(p.file, p.row, p.column) for p in problems})
    # Whether a fact's sources can be trusted is judged once the fact itself is known to be backed.
    problems += source_problems(catalog, claims, {(p.file, p.row, p.column) for p in problems})
    return Report(unique_sorted(problems), _disputes(catalog, claims), tier_summary(catalog, claims))


def _schema_checks(catalog: Catalog, stack: ExitStack) -> Callable[[], list[Problem]]:
    """Start frictionless' checks; the returned function waits for their problems."""
    ragged = {name: frozenset(number for number, _ in data.ragged) for name, data in catalog.tables.items()}
    sizes = {name: len(csv_file.records) for name, csv_file in catalog.files.items()}
    if sum(sizes.values()) < WORKER_FROM_ROWS:
        problems = frictionless_problems(catalog.descriptor, frozenset(sizes), ragged)
        return lambda: problems
    waits = [_start_worker((catalog.descriptor, frozenset(group), ragged), stack) for group in _balanced(sizes, WORKERS)]
    return lambda: [problem for wait in waits for problem in wait()]


def _balanced(sizes: dict[str, int], count: int) -> list[list[str]]:
    """The tables in `count` groups of about equal rows, biggest tables placed first."""
    groups: list[tuple[int, list[str]]] = [(0, []) for _ in range(count)]
    for name in sorted(sizes, key=sizes.get, reverse=True):
        total, names = min(groups, key=lambda group: group[0])
        groups.remove((total, names))
        groups.append((total + sizes[name], names + [name]))
    return [names for _, names in groups if names]


def _start_worker(arguments: tuple, stack: ExitStack) -> Callable[[], list[Problem]]:
    # A plain child process rather than multiprocessing: "fork" can hang a parent that holds threads (a test
    # server, a browser driver), and "spawn" re-runs the caller's main script.
    worker = stack.enter_context(subprocess.Popen([sys.executable, "-m", "lunar_atlas.checks.schema"],
                                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE))
    worker.stdin.write(pickle.dumps(arguments))
    worker.stdin.close()

    def wait() -> list[Problem]:
        output = worker.stdout.read()
        if worker.wait() != 0:
            raise RuntimeError(f"the frictionless worker failed (exit code {worker.returncode}); its error is above")
        return pickle.loads(output)

    return wait


def _disputes(catalog, index: Claims) -> list[Dispute]:
    disputes = []
    for cell, claims in index.disputes:
        data = catalog.tables[cell.table]
        row = data.by_id.get(cell.row_id)
        number = data.row_number_of(cell.row_id) if row is not None else 1
        values = tuple(f"{c['value']} ({c['source_id']}{', preferred' if c['preferred'] else ''})" for c in claims)
        disputes.append(Dispute(data.file.shown, number, cell.column, cell.row_id, values))
    return disputes


if __name__ == "__main__":  # `lunar-atlas build` validates in a child process: the problems as text, exit 1 if any
    from .offline import forbid_network

    forbid_network()
    found = validate_package(Path(sys.argv[1]))
    sys.stdout.write(as_text(found))
    sys.exit(1 if found else 0)
