"""What refers to a row, as the sections of its page: each with its heading, whether the site's search reads it,
and its items ready to show."""

from __future__ import annotations

from .addresses import url_of
from .humanize import date_words
from .shown import Backref, Cell
from .views import Views

EVENT_HEADINGS = {"mission_id": "Timeline", "place_id": "Events"}
QUOTE_HEADINGS = {"person_id": "Quotes", "organization_id": "Quotes", "mission_id": "What people said about it",
                  "source_id": "Quotes from this source"}


def sections(views: Views, table: str, key: str, backrefs: list[Backref]) -> list[dict]:
    """One section per group of referring rows. What other rows say about this one is indexed on their own pages;
    only a person's quotes are searched here."""
    return [dict(_section(views, key, ref), searched=table == "people" and ref.table == "quotes") for ref in backrefs]


def _section(views: Views, key: str, ref: Backref) -> dict:
    if ref.table == "events":
        return {"kind": "events", "heading": EVENT_HEADINGS.get(ref.field, "Events citing this source"),
                "items": views.events_sorted(ref.rows), "show_mission": ref.field != "mission_id"}
    if ref.table == "crew" and ref.field in ("mission_id", "person_id"):
        crew = ref.field == "mission_id"
        return {"kind": "crew", "heading": "Crew" if crew else "Missions", "items": views.crew_of(key) if crew else views.missions_of(key),
                "show_person": crew, "show_mission": not crew}
    if ref.table == "missions" and ref.field == "parent_id":
        return {"kind": "craft", "heading": "Craft", "items": views.craft_of(key)}
    if ref.table == "quotes":
        return {"kind": "quotes", "heading": QUOTE_HEADINGS[ref.field], "items": ref.rows, "show_speaker": ref.field != "person_id"}
    if ref.table == "claims":
        return {"kind": "claims", "heading": "Facts this source supports", "items": [_claim(views, claim) for claim in ref.rows]}
    schema = views.catalog[ref.table].table
    return {"kind": "rows", "heading": schema.resource["title"], "by": schema.by_name[ref.field]["title"].lower(),
            "items": [_referring(views, ref.table, other[schema.primary_key], other) for other in ref.rows]}


def _claim(views: Views, claim: dict) -> dict:
    """A fact a source supports: the row and column it is about, the value in words, the source's own words."""
    field = views.catalog[claim["table"]].table.by_name[claim["column"]]
    value = date_words(claim["value"]) if field.get("x-format") == "edtf" else views.word(claim["table"], claim["column"], claim["value"])
    return {"row": Cell(views.label_of(claim["table"], claim["row_id"]), url_of(claim["table"], claim["row_id"])),
            "column": field["title"].lower(), "value": value, "locator": claim["locator"]}


def _referring(views: Views, table: str, key: str, row: dict) -> Cell:
    return Cell(views.source_cited(row["source_id"]) if table == "sources" else views.label(table, row), url_of(table, key))


def values(views: Views, table: str, key: str, fields: list[tuple[dict, list[Cell]]], claimed: bool) -> list[dict]:
    """Every recorded value of a row: its column's title and description, its cells, whether search reads it,
    and the claims behind it where the page shows claims."""
    return [{"title": spec["title"], "description": spec["description"], "cells": shown, "searched": views.searched(table, spec["name"]),
             "marks": views.claim_marks(table, key, spec["name"]) if claimed else None}
            for spec, shown in fields if shown]
