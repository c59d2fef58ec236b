"""Rules across rows and tables that a Table Schema cannot say."""

from __future__ import annotations

import difflib

from ..catalog import Catalog
from ..dates import Span, span_or_none as _span
from ..humanize import coordinate_pairs
from ..patterns import is_id
from ..problems import Problem
from .parents import Loop, loops


def reference_problems(catalog: Catalog) -> list[Problem]:
    """Every foreign key, single or list, names an existing row.

    frictionless could check the single keys, but it re-reads and re-types the referenced table for every key,
    which was half of its time; with the tables already indexed by ID this is one lookup per value.
    """
    problems = []
    for data in catalog.tables.values():
        for key in data.table.foreign_keys:
            if key.resource not in catalog.tables:
                continue  # its file did not read; reported there
            known = catalog[key.resource].by_id
            for index, row in enumerate(data.rows):
                value = row.get(key.field)
                for item in (value or []) if key.is_list else ([] if value is None else [value]):
                    # A value that is no ID is reported by the code's ID rule, which holds every key whatever
                    # pattern the descriptor gives it; it is not also a missing row.
                    if item not in known and is_id(item):
                        problems.append(Problem(data.file.shown, data.row_number(index), key.field, "foreign-key",
                                                item, f"an existing {key.target} in {key.resource}{_guess(item, known, len(problems))}"))
    return problems


GUESSES = 20  # each guess reads every ID of the table: a typo is one of a few, and thousands of broken keys get no more


def _guess(item: str, known, already: int) -> str:
    """"; did you mean X?" for the one existing ID nearest a mistyped one, or nothing where none is near."""
    if already >= GUESSES:
        return ""
    near = difflib.get_close_matches(item, known, n=1, cutoff=0.8)
    return f"; did you mean {near[0]}?" if near else ""


def event_problems(catalog: Catalog) -> list[Problem]:
    """Events lie within their mission's life, and each status agrees with the as-of date."""
    if "events" not in catalog.tables:
        return []
    events = catalog["events"]
    as_of = _span(catalog.descriptor.as_of)
    problems = []
    for index, event in enumerate(events.rows):
        when = _span(event["when"])
        if when is None:
            continue
        row = events.row_number(index)
        mission = catalog.get("missions", event["mission_id"])
        if mission:
            problems += _outside_mission(events.file.shown, row, event, when, mission)
        if as_of and event["status"] in ("scheduled", "planned") and when.upper < as_of.lower:
            problems.append(Problem(events.file.shown, row, "when", "status-date", event["when"],
                                    f"a date on or after the as-of date {as_of.text} for a {event['status']} event, or status occurred"))
        if as_of and event["status"] == "occurred" and when.lower > as_of.upper:
            problems.append(Problem(events.file.shown, row, "when", "status-date", event["when"],
                                    f"a date on or before the as-of date {as_of.text} for an event that occurred"))
    return problems


def _outside_mission(shown, row, event, when: Span, mission) -> list[Problem]:
    launch, end = _span(mission["launch_date"]), _span(mission["end_date"])
    if launch and when.upper < launch.lower:
        return [Problem(shown, row, "when", "before-launch", event["when"],
                        f"a date on or after {mission['mission_id']}'s launch ({launch.text})")]
    if end and when.lower > end.upper:
        return [Problem(shown, row, "when", "after-end", event["when"],
                        f"a date on or before {mission['mission_id']}'s end ({end.text})")]
    return []


def launch_problems(catalog: Catalog) -> list[Problem]:
    """A mission's launch date is the `when` of its launch event."""
    if "events" not in catalog.tables or "missions" not in catalog.tables:
        return []
    launches = {}
    for event in catalog["events"].rows:
        if event["event_type"] == "launch" and event["mission_id"] and event["status"] != "cancelled":
            launches.setdefault(event["mission_id"], event)
    missions = catalog["missions"]
    problems = []
    for index, mission in enumerate(missions.rows):
        event = launches.get(mission["mission_id"])
        if event and _span(mission["launch_date"]) and _span(event["when"]) and mission["launch_date"] != event["when"]:
            problems.append(Problem(missions.file.shown, missions.row_number(index), "launch_date", "launch-mismatch",
                                    mission["launch_date"], f"{event['when']}, the when of launch event {event['event_id']}"))
    return problems


def uncited_source_problems(catalog: Catalog) -> list[Problem]:
    """Every source is cited by some row: a source nothing cites is a loose end."""
    if "sources" not in catalog.tables:
        return []
    cited = set()
    for data in catalog.tables.values():
        for key in data.table.foreign_keys:
            if key.resource != "sources":
                continue
            for row in data.rows:
                value = row.get(key.field)
                cited.update(value if isinstance(value, list) else [value])
    sources = catalog["sources"]
    return [Problem(sources.file.shown, sources.row_number(index), "source_id", "uncited-source", row["source_id"],
                    "a source that some row cites in source_ids or source_id")
            for index, row in enumerate(sources.rows) if row["source_id"] not in cited]


def coordinate_pair_problems(catalog: Catalog) -> list[Problem]:
    """A latitude without its longitude (or the reverse) is no position."""
    problems = []
    for data in catalog.tables.values():
        pairs = coordinate_pairs(data.table.field_names)
        for index, row in enumerate(data.rows):
            for lat, lon in pairs:
                if (row[lat] is None) != (row[lon] is None) and (index, lat) not in data.bad_cells and (index, lon) not in data.bad_cells:
                    missing = lat if row[lat] is None else lon
                    problems.append(Problem(data.file.shown, data.row_number(index), missing, "coordinates-pair", "",
                                            f"both {lat} and {lon}, or neither"))
    return problems


def cycle_problem(catalog: Catalog, table: str, index: int, found: dict[str, Loop]) -> Problem | None:
    """The problem of a row on a loop of parents (`found`, from parents.loops), naming the loop; None for the rest."""
    data, row = catalog[table], catalog[table].rows[index]
    loop = found.get(row.get(data.table.primary_key) or "")
    if loop is None or not row.get("parent_id"):  # a row without an ID is reported by the schema
        return None
    return Problem(data.file.shown, data.row_number(index), "parent_id", "parent-cycle", row["parent_id"],
                   f"a parent whose own parents end at the top, not a loop ({loop.words()})")


def place_parent_problems(catalog: Catalog) -> list[Problem]:
    """A place lies within other places that end at the top, never within itself."""
    if "places" not in catalog.tables or "parent_id" not in catalog["places"].table.by_name:
        return []
    found = loops(catalog, "places")
    problems = (cycle_problem(catalog, "places", index, found) for index in range(len(catalog["places"].rows)))
    return [problem for problem in problems if problem]


RULES = [reference_problems, event_problems, launch_problems, uncited_source_problems, coordinate_pair_problems,
         place_parent_problems]
