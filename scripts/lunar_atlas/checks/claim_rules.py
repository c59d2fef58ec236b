"""Rules on claims: every fact backed by a source's claim, one preferred claim per cell, claims on real cells."""

from __future__ import annotations

from ..catalog import Catalog
from ..claims import CLAIMS, Claims, backed_fields, same_value
from ..problems import Problem


def _each_claim(catalog: Catalog):
    """Every claim, with where it stands in claims.csv and the table it is about (None if there is no such table)."""
    if CLAIMS not in catalog.tables:
        return
    data = catalog[CLAIMS]
    for index, claim in enumerate(data.rows):
        yield data.file.shown, data.row_number(index), claim, catalog.tables.get(claim["table"])


def claim_target_problems(catalog: Catalog, claims: Claims) -> list[Problem]:
    """A claim points at an existing row and column."""
    problems = []
    for shown, row, claim, target in _each_claim(catalog):
        if target is None or claim["row_id"] is None or claim["column"] is None:
            continue  # the schema reports a bad or missing table, row or column
        if claim["row_id"] not in target.by_id:
            problems.append(Problem(shown, row, "row_id", "claim-target", claim["row_id"],
                                    f"an existing {target.table.primary_key} in {claim['table']}"))
        elif claim["column"] not in target.table.by_name:
            problems.append(Problem(shown, row, "column", "claim-target", claim["column"], f"a column of {claim['table']}"))
    return problems


def _cell_backed(claims: Claims, table: str, row_id: str, field: dict, value) -> bool:
    return any(same_value(field, c["value"] or "", value) for c in claims.about(table, row_id, field["name"]))


def preferred_value_problems(catalog: Catalog, claims: Claims, flagged: set) -> list[Problem]:
    """A preferred claim holds the value its cell holds (reported on the claim when the cell is otherwise backed)."""
    problems = []
    for shown_file, number, claim, target in _each_claim(catalog):
        row = target.by_id.get(claim["row_id"]) if target else None
        field = target.table.by_name.get(claim["column"]) if target else None
        if not claim["preferred"] or row is None or field is None:
            continue
        cell = (target.file.shown, target.row_number_of(claim["row_id"]), field["name"])
        value = row.get(field["name"])
        if cell in flagged or (field.get("x-claims") and value is not None and not _cell_backed(claims, claim["table"], claim["row_id"], field, value)):
            continue  # the cell's own problem is the one to fix first
        if not same_value(field, claim["value"] or "", value):
            problems.append(Problem(shown_file, number, "value", "preferred-mismatch", claim["value"] or "",
                                    f"the cell's own value ({'empty' if value is None else value}), as the preferred claim"))
    return problems


def backing_problems(catalog: Catalog, claims: Claims, flagged: set) -> list[Problem]:
    """Every filled fact cell has a claim with its value, and exactly one preferred claim."""
    problems = []
    for table, fields in backed_fields(catalog).items():
        data = catalog[table]
        for index, row in enumerate(data.rows):
            key = row[data.table.primary_key]
            for field in fields:
                value = row.get(field["name"])
                if value is None or (index, field["name"]) in data.bad_cells:
                    continue
                about = claims.about(table, key, field["name"])
                where = (data.file.shown, data.row_number(index), field["name"])
                if where in flagged:
                    continue  # already wrong for another reason
                raw = data.raw(index, field["name"])
                if not _cell_backed(claims, table, key, field, value):
                    problems.append(Problem(*where, "unbacked", raw, _unbacked_words(about)))
                    continue
                preferred = [c for c in about if c["preferred"]]
                matching = [c for c in preferred if same_value(field, c["value"] or "", value)]
                if len(matching) > 1 or not preferred:
                    problems.append(Problem(*where, "preferred-count", raw, f"exactly one preferred claim (found {len(matching)})"))
    return problems


def claimed_cell_problems(catalog: Catalog, claims: Claims, flagged: set) -> list[Problem]:
    """A cell whose column does not need claims but has some (a quote's words in two transcripts' versions) shows
    exactly one of them: one preferred claim holds its value, the others say why they lost."""
    problems = []
    for cell, about in claims.by_cell.items():
        target = catalog.tables.get(cell.table)
        field = target.table.by_name.get(cell.column) if target else None
        if field is None or field.get("x-claims") or cell.row_id not in target.by_id:
            continue  # a column that needs claims is judged above; a claim on no cell is a claim-target problem
        value = target.by_id[cell.row_id].get(cell.column)
        where = (target.file.shown, target.row_number_of(cell.row_id), cell.column)
        if value is None or where in flagged:
            continue
        preferred = [c for c in about if c["preferred"]]
        if not preferred:
            problems.append(Problem(*where, "preferred-count", target.raw(target.position[cell.row_id], cell.column),
                                    "exactly one preferred claim among the claims on this cell (found 0)"))
    return problems


def unlisted_source_problems(catalog: Catalog, flagged: set) -> list[Problem]:
    """A row's list of sources names every source that a claim about it cites, so the row shows where all its facts
    come from; reported once per row and source, on the row's source_ids."""
    problems, seen = [], set()
    for shown, number, claim, target in _each_claim(catalog):
        if target is None or "source_ids" not in target.table.by_name or not claim["source_id"] or (shown, number, "source_id") in flagged:
            continue
        row = target.by_id.get(claim["row_id"])
        if row is None or claim["source_id"] in (row["source_ids"] or []) or (claim["table"], claim["row_id"], claim["source_id"]) in seen:
            continue
        cell = (target.file.shown, target.row_number_of(claim["row_id"]), "source_ids")
        if cell in flagged:
            continue  # the list's own problem is the one to fix first
        seen.add((claim["table"], claim["row_id"], claim["source_id"]))
        problems.append(Problem(*cell, "claim-source-unlisted",
                                claim["source_id"], f"this source in the row's list too: the claim at {shown} row {number} cites it"))
    return problems


def _unbacked_words(about: list[dict]) -> str:
    preferred = next((c for c in about if c["preferred"]), None)
    if preferred:
        return f"the value its claims give: the preferred claim {preferred['claim_id']} says {preferred['value']}"
    return "a claim in claims.csv giving this value, with its source and locator"


def claim_problems(catalog: Catalog, claims: Claims, flagged: set) -> list[Problem]:
    """`flagged` holds the (file, row, column) cells already reported, whose claims are not checked again."""
    return (claim_target_problems(catalog, claims) + preferred_value_problems(catalog, claims, flagged)
            + backing_problems(catalog, claims, flagged) + claimed_cell_problems(catalog, claims, flagged)
            + unlisted_source_problems(catalog, flagged))
