"""Chains of parents (a row's parent_id, its parent's, ...), each walked once for a whole table.

A contributor's package may chain a million places one inside the next: walking every row's chain up to the top
would cost the square of that, so each function here passes each row once and remembers what it found.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..catalog import Catalog
from ..patterns import MAX_ID_CHARS

SHOWN_IN_LOOP = 6  # a longer loop is named by its first five rows and "…": one short line, not a million IDs


@dataclass(frozen=True)
class Loop:
    """Rows whose parents lead back to themselves, in the order the parents go, as read from the one at `start`."""

    members: tuple[str, ...]  # shared by every row of the loop
    start: int

    def words(self) -> str:
        """"a → b → a", from this row round to itself; a long loop names its first rows, then "…"."""
        count = len(self.members)
        shown = [self.members[(self.start + step) % count] for step in range(min(count, SHOWN_IN_LOOP))]
        if count > SHOWN_IN_LOOP:
            shown[-1] = "…"
        return " → ".join(_short(member) for member in shown + [self.members[self.start]])


def _short(row_id: str) -> str:
    """An ID as a loop's report names it: one longer than any ID may be (its own problem) is cut."""
    return row_id if len(row_id) <= MAX_ID_CHARS else row_id[:MAX_ID_CHARS] + "…"


def _parent(catalog: Catalog, table: str, row_id: str) -> str | None:
    row = catalog.get(table, row_id)
    return row.get("parent_id") if row else None


def loops(catalog: Catalog, table: str) -> dict[str, Loop]:
    """Every row that lies on a loop of parents, with its loop."""
    data = catalog[table]
    key = data.table.primary_key
    found: dict[str, Loop] = {}
    done: set[str] = set()
    for row in data.rows:
        path: dict[str, int] = {}  # this walk's rows, in order
        row_id = row.get(key)
        while row_id and row_id not in done and row_id not in path:
            path[row_id] = len(path)
            row_id = _parent(catalog, table, row_id)
        if row_id in path:  # the walk came back to a row of its own: the rows from there on are a loop
            members = tuple(list(path)[path[row_id]:])
            found.update((member, Loop(members, at)) for at, member in enumerate(members))
        done.update(path)
    return found


def with_a_parent_in(catalog: Catalog, table: str, wanted: set[str]) -> set[str]:
    """The rows with a parent, a parent's parent or any row further up among `wanted` (a rover on a lander that
    landed). A loop ends the climb."""
    data = catalog[table]
    key = data.table.primary_key
    known: dict[str, bool] = {}
    for row in data.rows:
        path: dict[str, str | None] = {}  # this climb's rows, each with its parent, in order
        row_id = row.get(key)
        while row_id and row_id not in known and row_id not in path:
            parent = _parent(catalog, table, row_id)
            path[row_id] = parent
            row_id = parent
        above = known.get(row_id, False) if row_id else False
        for member, parent in reversed(path.items()):  # from the top down: its parent is wanted, or has one above
            above = known[member] = bool(parent) and (parent in wanted or above)
    return {row_id for row_id, has in known.items() if has}


def parents_of(catalog: Catalog, table: str, wanted: set[str]) -> set[str]:
    """The rows that are the parent of a row among `wanted`: the mission whose own craft landed (Apollo 11, by its
    lunar module Eagle)."""
    data = catalog[table]
    key = data.table.primary_key
    return {row["parent_id"] for row in data.rows if row.get("parent_id") and row.get(key) in wanted}
