"""Rules a catalog of many missions needs: designators, numbering, landings and their evidence, craft and their parents."""

from __future__ import annotations

from collections import defaultdict

from ..catalog import Catalog
from ..dates import span_or_none
from ..mission_kinds import LANDED, LANDING_TYPES
from ..problems import Problem
from .parents import loops, parents_of, with_a_parent_in
from .relations import cycle_problem

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


def partner_problems(catalog: Catalog) -> list[Problem]:
    """Partners operated a mission with its operator: they follow an operator and are not it."""
    missions = catalog["missions"]
    if "partner_ids" not in missions.table.by_name:
        return []
    problems = []
    for index, mission in enumerate(missions.rows):
        partners, operator = mission["partner_ids"] or [], mission["operator_id"]
        if not partners or (index, "partner_ids") in missions.bad_cells:
            continue
        shown, row = missions.file.shown, missions.row_number(index)
        if not operator:
            problems.append(Problem(shown, row, "partner_ids", "partner-without-operator", ";".join(partners),
                                    "an operator in operator_id first: partners are the organizations that operated the mission with it"))
        elif operator in partners:
            problems.append(Problem(shown, row, "partner_ids", "partner-is-operator", operator,
                                    "only organizations other than the operator, which operator_id already names"))
    return problems


def _arrivals(catalog: Catalog) -> dict[str, list[dict]]:
    found = defaultdict(list)
    if "events" in catalog.tables:
        for event in catalog["events"].rows:
            if event["event_type"] in ARRIVALS and event["mission_id"] and event["status"] == "occurred":
                found[event["mission_id"]].append(event)
    return found


def landing_problems(catalog: Catalog) -> list[Problem]:
    """A landing is in the timeline, and its place is given, or the notes say why not.

    A craft that came down on its parent (a rover on its lander) may rest on the parent's landing event, and a mission
    whose own craft landed (Apollo 11, by its lunar module) on that craft's, which holds the landing's place.
    """
    missions = catalog["missions"]
    arrivals = _arrivals(catalog)
    arrived = {key for key, found in arrivals.items() if found}
    on_arrived = with_a_parent_in(catalog, "missions", arrived)
    by_its_craft = parents_of(catalog, "missions", {key for key, found in arrivals.items()
                                                    if any(event["event_type"] == "landing" for event in found)})
    problems = []
    for index, mission in enumerate(missions.rows):
        row = missions.row_number(index)
        landed = mission["outcome"] in LANDED and mission["mission_type"] in LANDING_TYPES
        own = arrivals.get(mission["mission_id"])
        carried = mission["mission_id"] in on_arrived or mission["mission_id"] in by_its_craft
        if (mission["landing_date"] and not own) or (landed and not own and not carried):
            column = "landing_date" if mission["landing_date"] else "outcome"
            problems.append(Problem(missions.file.shown, row, column, "outcome-events", mission[column],
                                    "a landing or impact event for this mission in events.csv"))
        if mission["outcome"] == "launch-failure" and arrivals.get(mission["mission_id"]):
            problems.append(Problem(missions.file.shown, row, "outcome", "outcome-events", mission["outcome"],
                                    "no landing or impact event for a mission lost at launch"))
        notes = (mission.get("notes") or "").lower()
        if landed and mission["landing_lat"] is None and mission["mission_id"] not in by_its_craft and "coordinates" not in notes:
            problems.append(Problem(missions.file.shown, row, "landing_lat", "landing-coordinates", "",
                                    "the landing coordinates, or notes saying why they are not given"))
    return problems


def parent_problems(catalog: Catalog) -> list[Problem]:
    """A craft's parent is a mission launched no later than the craft, and parents never lead back in a loop.

    Whether the parent exists at all is the foreign key's rule.
    """
    missions = catalog["missions"]
    found = loops(catalog, "missions")
    problems = []
    for index, mission in enumerate(missions.rows):
        parent_id = mission.get("parent_id")
        parent = catalog.get("missions", parent_id) if parent_id else None
        if parent is None:
            continue
        row = missions.row_number(index)
        cycle = cycle_problem(catalog, "missions", index, found)
        if cycle:
            problems.append(cycle)
            continue
        launch, parent_launch = span_or_none(mission["launch_date"]), span_or_none(parent["launch_date"])
        if launch and parent_launch and launch.upper < parent_launch.lower:
            problems.append(Problem(missions.file.shown, row, "launch_date", "parent-launch", mission["launch_date"],
                                    f"a launch on or after that of its parent {parent_id} ({parent_launch.text})"))
    return problems


def exclusion_problems(catalog: Catalog) -> list[Problem]:
    """A craft is in the catalog or left out of it, not both: no exclusion has a mission's ID."""
    if "exclusions" not in catalog.tables:
        return []
    exclusions = catalog["exclusions"]
    return [Problem(exclusions.file.shown, exclusions.row_number(index), "exclusion_id", "excluded-mission", row["exclusion_id"],
                    "the ID of a craft the catalog leaves out, not of one of its missions: remove the exclusion or the mission")
            for index, row in enumerate(exclusions.rows) if catalog.get("missions", row["exclusion_id"])]


def mission_problems(catalog: Catalog) -> list[Problem]:
    if "missions" not in catalog.tables:
        return []
    return (cospar_year_problems(catalog) + program_sequence_problems(catalog) + partner_problems(catalog) + landing_problems(catalog)
            + parent_problems(catalog) + exclusion_problems(catalog))
