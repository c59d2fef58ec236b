"""What refers to a row, as the sections of its page: each with its heading, whether the site's search reads it,
and its items ready to show."""

from __future__ import annotations

from dataclasses import dataclass, field

from .addresses import url_of
from .humanize import in_sentence
from .page_items import crew_item, event_item, event_items, quote_items
from .shown import Backref, Cell
from .views import Views

EVENT_HEADINGS = {"mission_id": "Timeline", "place_id": "Events"}
QUOTE_HEADINGS = {"person_id": "Quotes", "organization_id": "Quotes", "mission_id": "What people said about it",
                  "source_id": "Quotes from this source"}


@dataclass
class Section:
    """What one group of referring rows shows: a heading, and its items in the one list that fits their kind (a
    timeline, a crew, craft, quotes, facts a source supports, or other rows by the column that refers)."""

    heading: str
    searched: bool
    events: list[dict] = field(default_factory=list)
    crew: list[dict] = field(default_factory=list)
    craft: list[dict] = field(default_factory=list)
    quotes: list[dict] = field(default_factory=list)
    facts: list[dict] = field(default_factory=list)
    rows: list[Cell] = field(default_factory=list)
    by: str = ""


def sections(views: Views, table: str, key: str, backrefs: list[Backref]) -> list[Section]:
    """One section per group of referring rows. What other rows say about this one is indexed on their own pages;
    only a person's quotes are searched here."""
    return [_section(views, table, key, ref, searched=table == "people" and ref.table == "quotes") for ref in backrefs]


def _section(views: Views, table: str, key: str, ref: Backref, searched: bool) -> Section:
    if ref.table == "events" and ref.field == "mission_id":  # its own events unnamed, its craft's by the craft's name
        return Section(EVENT_HEADINGS[ref.field], searched,
                       events=[event_item(views, event, mission=event["mission_id"] != key) for event in views.timeline_of(key)])
    if ref.table == "events":
        return Section(EVENT_HEADINGS.get(ref.field, "Events citing this source"), searched,
                       events=event_items(views, views.events_sorted(ref.rows)))
    if ref.table == "crew" and ref.field in ("mission_id", "person_id"):
        if ref.field == "mission_id":
            return Section("Crew", searched, crew=[crew_item(views, place) for place in views.crew_of(key)])
        return Section("Missions", searched, crew=[crew_item(views, place, person=False, mission=True) for place in views.missions_of(key)])
    if ref.table == "missions" and ref.field == "parent_id":
        return Section("Craft", searched, craft=views.craft_of(key))
    if ref.table == "quotes":  # a person's own page does not name them on every quote
        return Section(QUOTE_HEADINGS[ref.field], searched, quotes=quote_items(views, ref.rows, speaker=ref.field != "person_id"))
    if ref.table == "claims":
        return Section("Facts this source supports", searched, facts=[_claim(views, claim) for claim in ref.rows])
    schema = views.catalog[ref.table].table
    rows = [_referring(views, ref.table, other[schema.primary_key], other) for other in views.in_index_order(ref.table, ref.rows)]
    if table == "sources":  # rows whose list of sources names this one: "Missions by sources" said nothing
        return Section(f"{schema.resource['title']} it is cited for", searched, rows=rows)
    if ref.table == table:  # a row's own kind that refers to it: "Places within it", not "Places by within"
        return Section(f"{schema.resource['title']} {in_sentence(schema.by_name[ref.field]['title'])} it", searched, rows=rows)
    return Section(schema.resource["title"], searched, by=in_sentence(schema.by_name[ref.field]["title"]), rows=rows)


def _claim(views: Views, claim: dict) -> dict:
    """A fact a source supports: the row and column it is about, the value in words, the source's own words."""
    field = views.catalog[claim["table"]].table.by_name[claim["column"]]
    return {"row": Cell(views.label_of(claim["table"], claim["row_id"]), url_of(claim["table"], claim["row_id"])),
            "column": in_sentence(field["title"]), "value": views.claimed_words(claim["table"], claim["column"], claim["value"]),
            "locator": claim["locator"]}


def _referring(views: Views, table: str, key: str, row: dict) -> Cell:
    return Cell(views.source_cited(row["source_id"]) if table == "sources" else views.label(table, row), url_of(table, key))


def values(views: Views, table: str, key: str, fields: list[tuple[dict, list[Cell]]], claimed: bool) -> list[dict]:
    """Every recorded value of a row: its column's title and description, its cells, whether search reads it,
    and the claims behind it where the page shows claims."""
    return [{"title": spec["title"], "description": spec["description"], "cells": shown, "searched": views.searched(table, spec["name"]),
             "marks": views.claim_marks(table, key, spec["name"]) if claimed else None}
            for spec, shown in fields if shown]
