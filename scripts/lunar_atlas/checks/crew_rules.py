"""Rules on crews and on words said in flight: who flew where, who walked, and when they spoke."""

from __future__ import annotations

from ..catalog import Catalog
from ..dates import span_or_none as _span
from ..mission_kinds import came_down
from ..problems import Problem
from .parents import parents_of


def crew_problems(catalog: Catalog) -> list[Problem]:
    """A crew row is named after its mission and person, flew on a crewed mission, and walked only where it landed."""
    if "crew" not in catalog.tables:
        return []
    crew = catalog["crew"]
    landed_by_craft = _landed_by_craft(catalog)
    problems = []
    for index, row in enumerate(crew.rows):
        where = (crew.file.shown, crew.row_number(index))
        mission = catalog.get("missions", row["mission_id"])
        person = catalog.get("people", row["person_id"])
        if mission is None or person is None:
            continue  # the missing row is reported as a foreign key
        expected_id = f"{row['mission_id']}-{row['person_id']}"
        if row["crew_id"] is not None and row["crew_id"] != expected_id:
            problems.append(Problem(*where, "crew_id", "crew-id", row["crew_id"],
                                    f"{expected_id}: the mission ID and the person ID joined by a hyphen"))
        if mission["crewed"] is False:
            problems.append(Problem(*where, "mission_id", "crew-mission", row["mission_id"],
                                    f"a crewed mission ({row['mission_id']} has crewed false in missions.csv)"))
        if row["moonwalker"] is not None and not mission["landing_date"] and row["mission_id"] not in landed_by_craft:
            problems.append(Problem(*where, "moonwalker", "moonwalker-landing", crew.raw(index, "moonwalker"),
                                    f"empty: {row['mission_id']} did not land (neither it nor a craft of its has a landing_date)"))
    return problems


def _landed_by_craft(catalog: Catalog) -> set[str]:
    """The missions a craft of which landed (Apollo 11, whose crew walked from its lunar module); none where the
    missions table could not be read, which is reported on its own."""
    if "missions" not in catalog.tables:
        return set()
    return parents_of(catalog, "missions", {m["mission_id"] for m in catalog["missions"].rows if came_down(m)})


def flight_quote_problems(catalog: Catalog) -> list[Problem]:
    """Words said during a flight name the mission, and their date lies between its launch and its end."""
    if "quotes" not in catalog.tables or "during_flight" not in catalog["quotes"].table.by_name:
        return []
    quotes = catalog["quotes"]
    problems = []
    for index, quote in enumerate(quotes.rows):
        if not quote["during_flight"]:
            continue
        where = (quotes.file.shown, quotes.row_number(index))
        if quote["mission_id"] is None:
            problems.append(Problem(*where, "mission_id", "flight-mission", "",
                                    "the mission whose flight the words were said in, or during_flight false"))
            continue
        mission = catalog.get("missions", quote["mission_id"])
        said = _span(quote["said_when"])
        if mission is None or said is None:
            continue  # a missing mission is a foreign-key problem; a missing or bad date is reported elsewhere
        launch, end = _span(mission["launch_date"]), _span(mission["end_date"])
        if launch and said.upper < launch.lower:
            problems.append(Problem(*where, "said_when", "before-launch", quote["said_when"],
                                    f"a date on or after {quote['mission_id']}'s launch ({launch.text}) for words said during the flight"))
        elif end and said.lower > end.upper:
            problems.append(Problem(*where, "said_when", "after-end", quote["said_when"],
                                    f"a date on or before {quote['mission_id']}'s end ({end.text}) for words said during the flight"))
    return problems


def crew_and_flight_problems(catalog: Catalog) -> list[Problem]:
    return crew_problems(catalog) + flight_quote_problems(catalog)
