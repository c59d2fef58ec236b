"""What the site's own pages are given (home, a quote, crews, disputes, the data dictionary): each page's
context prepared once, as strings, cells and lists, so that its template only loops, tests presence and escapes."""

from __future__ import annotations

from functools import partial

from jinja2.utils import htmlsafe_json_dumps

from . import pictures
from .addresses import href
from .entity_pages import SEARCH_BOOST
from .humanize import number_words
from .page_items import crew_item, event_items, quote_item, quote_items
from .timeline_pages import upcoming_shown
from .views import Views

# The home page's map is a preview: past this many sites it shows the latest landings and the map page shows them all,
# so the page a visitor opens first stays the same size whatever the catalog holds.
HOME_MAP_SITES = 150
QUOTE_OWN_FIELDS = ("text", "kind", "attribution", "person_id")  # shown at the top of a quote's page, not among its fields


def home_context(views: Views, page_url: str, map_legend: dict) -> dict:
    """The home page: headline figures, the map, missions by decade, what is coming and what happened last."""
    upcoming, more = upcoming_shown(views, claims=True)
    sites = pictures.landing_sites(views.catalog)
    return {"figures": views.figures, "map_legend": map_legend, "counts": decade_counts(views.decades),
            "moon_map": pictures.moon_map(views.catalog, page_url, partial(href, page_url), labels=False, limit=HOME_MAP_SITES),
            "map_sites": {"shown": number_words(HOME_MAP_SITES), "all": number_words(len(sites))} if len(sites) > HOME_MAP_SITES else None,
            "countries_chart": pictures.decade_chart(views.decades, "countries"),
            "outcomes_chart": pictures.decade_chart(views.decades, "outcomes"),
            "upcoming": upcoming, "more_upcoming": more, "latest": event_items(views, views.latest())}


def decade_counts(decades: dict) -> dict:
    """Missions per decade as two tables, decades across: by country and by outcome, a zero shown as nothing."""
    rows = decades["rows"]

    def lines(names: list[str], by: str, totals: list[int]) -> list[dict]:
        return [{"name": name, "numbers": [row[by][index] or "" for row in rows], "total": totals[index]}
                for index, name in enumerate(names)]

    return {"decades": [row["decade"] for row in rows], "totals": [row["total"] for row in rows], "total": decades["total"],
            "success_rates": [row["success_rate"] for row in rows],
            "countries": lines(decades["countries"], "countries", decades["country_totals"]),
            "outcomes": lines(decades["outcomes"], "outcomes", decades["outcome_totals"])}


def quote_context(views: Views, row: dict, page_url: str) -> dict:
    """A quote's page: its words and speaker, the versions its sources give, its other fields, where to read it,
    more from the same speaker, and how to cite it."""
    key, quote = row["quote_id"], quote_item(views, row)
    title = f"{quote['speaker'].text}: {quote['title']}"
    source = views.catalog.get("sources", row["source_id"])
    readable = source and source["url"] and source["url"].startswith(("https://", "http://"))
    values = [{"title": spec["title"], "description": spec["description"], "cells": shown,
               "marks": views.claim_marks("quotes", key, spec["name"]) if spec.get("x-claims") else None}
              for spec, shown in views.fields("quotes", row) if shown and spec["name"] not in QUOTE_OWN_FIELDS]
    return dict(title=title, kind="quote", quote=quote, versions=views.claim_marks("quotes", key, "text"),
                paraphrase=row["kind"] == "paraphrase", values=values,
                read_in={"url": source["url"], "text": source["title"]} if readable else None,
                others=quote_items(views, views.more_from(row), speaker=False), cite=views.cite(title, page_url),
                boost=SEARCH_BOOST["quotes"], description=f"{quote['speaker'].text}: {views.label('quotes', row)}")


def crew_context(views: Views) -> dict:
    """The crews page: every crewed mission in launch order, its crew with the sources of each role and moonwalk."""
    resource = views.catalog["crew"].table.resource
    return dict(title=resource["title"], kind="crew", resource=resource, description=resource["description"],
                crews=[(mission, when, [crew_item(views, place) for place in crew]) for mission, when, crew in views.crewed_missions])


def disputes_context(views: Views) -> dict:
    disputes = views.disputes()
    return dict(title="Disputed facts", kind="disputes", disputes=disputes, count=len(disputes),
                description="Facts on which the catalog's sources disagree.")


def reference_index_context(views: Views) -> dict:
    """The data dictionary's first page: each table, what a row of it is, and how many rows and columns it has."""
    tables = [{"name": name, "url": f"reference/{name}/", "row_meaning": table.row_meaning,
               "rows": len(views.catalog[name].rows), "columns": len(table.fields)}
              for name, table in views.catalog.descriptor.tables.items()]
    return dict(title="Reference", kind="reference", tables=tables, description="The data dictionary of the Lunar Atlas package.")


def reference_table_context(views: Views, name: str) -> dict:
    """A table's page of the data dictionary: its file, keys and references, then every column as the descriptor
    describes it, with how often it is filled and its values with their counts."""
    tables = views.catalog.descriptor.tables
    table, rows = tables[name], views.catalog[name].rows
    shown = {"description": table.resource["description"], "row_meaning": table.row_meaning, "rows": len(rows),
             "file": table.resource["path"], "file_url": f"data/{table.resource['path']}", "primary_key": table.primary_key,
             "references": [{"field": key.field, "url": f"reference/{key.resource}/", "target": f"{key.resource}.{key.target}",
                             "is_list": key.is_list} for key in table.foreign_keys],
             "referenced_by": [{"field": f"{other.name}.{key.field}", "url": f"reference/{other.name}/"}
                               for other in tables.values() for key in other.foreign_keys if key.resource == name]}
    return dict(title=f"Table: {name}", kind="reference", table=shown, description=table.resource["description"],
                columns=[_column(views, name, spec, rows) for spec in table.fields])


def _column(views: Views, table: str, spec: dict, rows: list[dict]) -> dict:
    """One column of the data dictionary: type, constraints (each as the descriptor writes it), example, provenance,
    how many rows fill it, and its allowed values (or, for a country, the values used) with their counts."""
    name = spec["name"]
    counts = dict(views.value_counts(table, name))
    constraints = spec.get("constraints") or {}
    enum = constraints.get("enum")
    used = counts.items() if not enum and name == "country" else ()
    return {"name": name, "title": spec["title"], "description": spec["description"], "type": spec["type"],
            "format": spec.get("x-format") or "", "delimiter": spec.get("delimiter") or "", "example": spec["example"],
            "constraints": [(key, value if isinstance(value, str) else htmlsafe_json_dumps(value, sort_keys=True))
                            for key, value in constraints.items() if key != "enum"],
            "claims": bool(spec.get("x-claims")), "filled": sum(1 for row in rows if row.get(name) not in (None, [])),
            "allowed": [_value(views, table, name, value, counts.get(value, 0)) for value in enum or ()],
            "used": [_value(views, table, name, value, count) for value, count in used]}


def _value(views: Views, table: str, name: str, value, count: int) -> dict:
    return {"value": value, "words": views.word(table, name, value), "count": count}
