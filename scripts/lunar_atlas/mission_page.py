"""A mission page read from the top down: a one-line summary, the key facts in words, then the story.

Everything a mission page decides is decided here, as plain data; its template only loops and escapes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .addresses import url_of
from .humanize import date_words, number_words, position_words
from .mission_kinds import came_down
from .shown import Cell
from .views import Views

# How the moment a mission reached the Moon is named, by the event that marks it when the mission did not land.
ARRIVAL_EVENTS = {"lunar-orbit-insertion": "Reached lunar orbit", "flyby": "Flew past the Moon"}


@dataclass(frozen=True)
class Fact:
    """One line of the key-facts box: what it is and its value(s) in words, each with its precise form a step away."""

    title: str
    cells: list[Cell] = field(default_factory=list)


def day_words(text: str | None) -> Cell | None:
    """A date as a reader says it ('3 May 2024'), its precise EDTF form (to the second, in UTC) in a tooltip."""
    if not text:
        return None
    day = text.split("T", 1)[0] if "/" not in text else text
    return Cell(date_words(day), aside=text)


def mass_words(grams: float) -> Cell:
    """A returned mass as the home page counts it, in kilograms from one kilogram on (to the gram), its grams as the
    data gives them in a tooltip; below a kilogram, grams."""
    if grams < 1000:
        return Cell(f"{number_words(grams)} g")
    kilograms = f"{grams / 1000:,.3f}".rstrip("0").rstrip(".")
    return Cell(f"{kilograms} kg", aside=f"{number_words(grams)} g")


def one_line(views: Views, row: dict) -> str:
    """The mission in one sentence: its summary where the data has one, else its kind, country and outcome."""
    if row.get("summary"):
        return row["summary"]
    parts = [views.word("missions", "mission_type", row["mission_type"]) if row.get("mission_type") else "Mission"]
    if row.get("country"):
        parts.append(f"of {views.word('missions', 'country', row['country'])}")
    when = day_words(row.get("launch_date"))
    if when:
        parts.append(f"launched {when.text}")
    outcome = f": {views.word('missions', 'outcome', row['outcome']).lower()}" if row.get("outcome") else ""
    return " ".join(parts) + outcome + "."


def _arrival(views: Views, row: dict) -> Fact | None:
    """Landing, impact or arrival: the landing date where there is one, or the landing of the craft that landed
    for the mission, else the first orbit insertion or flyby."""
    if row.get("landing_date"):
        return Fact("Landing" if came_down(row) else "Impact", [day_words(row["landing_date"])])
    craft = views.landed_craft(row)
    if craft:
        return Fact("Landing", [day_words(craft["landing_date"]), Cell(f"by {craft['name']}", url_of("missions", craft["mission_id"]))])
    for event in views.timeline_of(row["mission_id"]):  # a mission of twin craft arrived when its first craft did
        if event["event_type"] in ARRIVAL_EVENTS and event["status"] == "occurred":
            return Fact(ARRIVAL_EVENTS[event["event_type"]], [day_words(event["when"])])
    return None


def _site(views: Views, row: dict) -> Fact | None:
    row = views.landed_craft(row) or row  # where the mission's craft landed, the mission did
    cells = views.cells("missions", row, "landing_site_id")
    if row.get("landing_lat") is not None and row.get("landing_lon") is not None:
        lat, lon = row["landing_lat"], row["landing_lon"]
        cells = cells + [Cell(position_words(lat, lon), "map/", aside=f"{lat}, {lon}")]
    return Fact("Site", cells) if cells else None


def key_facts(views: Views, row: dict) -> list[Fact]:
    """What the craft was part of, operator, launch, landing or arrival, outcome, crew, its craft, site and
    samples: those the data has, in that order."""
    crew = [place["person"] for place in views.crew_of(row["mission_id"])]
    facts = [
        Fact("Part of", views.cells("missions", row, "parent_id") if row.get("parent_id") else []),
        Fact("Operator" if row.get("operator_id") else "Country",
             views.cells("missions", row, "operator_id") + views.cells("missions", row, "country")),
        Fact("Launch", [c for c in [day_words(row.get("launch_date"))] if c] + views.cells("missions", row, "launch_vehicle")),
        _arrival(views, row),
        Fact("Outcome", views.cells("missions", row, "outcome")),
        Fact("Crew", crew),
        Fact("Craft", [craft["craft"] for craft in views.craft_of(row["mission_id"])]),
        _site(views, row),
        Fact("Samples returned", [mass_words(row["sample_mass_g"])] if row.get("sample_mass_g") else []),
    ]
    return [fact for fact in facts if fact and fact.cells]


def sources(views: Views, row: dict) -> list[Cell]:
    """The sources the mission's row cites, as citations read."""
    return views.cells("missions", row, "source_ids")


STORY_ORDER = {"events": 0, "crew": 1, "quotes": 2}  # the timeline, who flew, what people said; the rest after


def story_order(backrefs: list) -> list:
    """What refers to a mission, in the order its page tells it."""
    return sorted(backrefs, key=lambda ref: STORY_ORDER.get(ref.table, len(STORY_ORDER)))


def mission_context(views: Views, row: dict) -> dict:
    """What a mission page shows above and beside its fields."""
    return {"summary_line": one_line(views, row), "key_facts": key_facts(views, row), "mission_sources": sources(views, row)}
