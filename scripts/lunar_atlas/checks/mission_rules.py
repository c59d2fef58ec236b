"""Rules a catalog of many missions needs: designators, numbering, landings and their evidence."""

from __future__ import annotations

from collections import defaultdict

from ..catalog import Catalog
from ..dates import span_or_none
from ..problems import Problem

LANDING_TYPES = {"lander", "rover", "lander-rover", "sample-return", "crewed-landing"}
LANDED = {"success", "partial-success"}
ARRIVALS = {"landing", "impact"}


def _year(text: str | None) -> int | None:
    span = span_or_none(text)
    return span.year if span and span.precision != "interval" else None


def cospar_year_problems(catalog: Catalog) -> list[Problem]:
    """An international designator starts with the year of launch."""
    missions = catalog["missions"]
    problems = []
    for index, mission in enumerate(missions.rows):
        year = _year(mission["launch_date"])
        cospar = mission["cospar_id"]
        if cospar and year and (index, "cospar_id") not in missions.bad_cells and cospar[:4].isdigit() and int(cospar[:4]) != year:
            problems.append(Problem(missions.file.shown, missions.row_number(index), "cospar_id", "cospar-year", cospar,
                                    f"a designator of the launch year {year}, such as {year}-NNNA"))
    return problems


def program_sequence_problems(catalog: Catalog) -> list[Problem]:
    """Within one programme each number is used once."""
    missions = catalog["missions"]
    seen: dict[tuple[str, int], str] = {}
    problems = []
    for index, mission in enumerate(missions.rows):
        key = (mission["program"], mission["program_sequence"])
        if None in key:
            continue
        if key in seen:
            problems.append(Problem(missions.file.shown, missions.row_number(index), "program_sequence", "program-sequence",
                                    str(mission["program_sequence"]), f"a number not already used in {mission['program']} (used by {seen[key]})"))
        else:
            seen[key] = mission["mission_id"]
    return problems


def _arrivals(catalog: Catalog) -> dict[str, list[dict]]:
    found = defaultdict(list)
    if "events" in catalog.tables:
        for event in catalog["events"].rows:
            if event["event_type"] in ARRIVALS and event["mission_id"] and event["status"] == "occurred":
                found[event["mission_id"]].append(event)
    return found


def landing_problems(catalog: Catalog) -> list[Problem]:
    """A landing is in the timeline, and its place is given, or the notes say why not."""
    missions = catalog["missions"]
    arrivals = _arrivals(catalog)
    problems = []
    for index, mission in enumerate(missions.rows):
        row = missions.row_number(index)
        landed = mission["outcome"] in LANDED and mission["mission_type"] in LANDING_TYPES
        if (mission["landing_date"] or landed) and not arrivals.get(mission["mission_id"]):
            column = "landing_date" if mission["landing_date"] else "outcome"
            problems.append(Problem(missions.file.shown, row, column, "outcome-events", mission[column],
                                    "a landing or impact event for this mission in events.csv"))
        if mission["outcome"] == "launch-failure" and arrivals.get(mission["mission_id"]):
            problems.append(Problem(missions.file.shown, row, "outcome", "outcome-events", mission["outcome"],
                                    "no landing or impact event for a mission lost at launch"))
        notes = (mission.get("notes") or "").lower()
        if landed and mission["landing_lat"] is None and "coordinates" not in notes:
            problems.append(Problem(missions.file.shown, row, "landing_lat", "landing-coordinates", "",
                                    "the landing coordinates, or notes saying why they are not given"))
    return problems


def mission_problems(catalog: Catalog) -> list[Problem]:
    if "missions" not in catalog.tables:
        return []
    return cospar_year_problems(catalog) + program_sequence_problems(catalog) + landing_problems(catalog)
