"""What an index page and a row's page are given: the columns and order of an index, and a row's title, fields,
cross-links and search words."""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import partial

from . import cross_links, jsonld, mission_page, pictures
from .addresses import LIST_PARTS, href, part_url, url_of
from .humanize import date_words, in_sentence, sort_key
from .labels import category_notes
from .shown import Cell
from .views import Views

INDEX_COLUMNS = {
    "missions": ["name", "country", "mission_type", "launch_date", "outcome"],
    "people": ["name", "role", "organization_id"],
    "organizations": ["name", "acronym", "kind", "country"],
    "places": ["name", "body", "kind", "parent_id"],
    "sources": ["title", "publisher_id", "published", "kind", "tier"],
}
CLAIMED_TABLES = {"missions"}  # pages that show the claims behind their values
SEARCH_BOOST = {"missions": 4, "people": 2, "organizations": 2, "places": 2, "quotes": 2, "sources": 1}


def index_context(views: Views, table: str, part: str | None = None) -> dict:
    """An index page: its column headers, its rows in order with every cell ready to show, the filters above it.
    A part of a split list (the sources of one tier) holds only that part's rows, without the column that splits it."""
    data = views.catalog[table]
    split = LIST_PARTS[table][0] if part is not None else None
    columns = [data.table.by_name[name] for name in INDEX_COLUMNS[table] if name != split]
    rows = views.in_index_order(table, data.rows if split is None else (row for row in data.rows if row[split] == part))
    sorted_by = "launch_date" if table == "missions" else columns[0]["name"]
    shown = tuple(spec["name"] for spec in columns)
    facets = [facet for facet in views.facets(table, rows, shown) if facet["name"] != split]
    title, description, parts = data.table.resource["title"], data.table.resource["description"], []
    if split is not None:
        spec = data.table.by_name[split]
        title, description = f"{title}: {views.word(table, split, part)}", category_notes(spec).get(part) or description
        parts = list_parts(views, table, part)
    return dict(title=title, kind="index", table=table, resource=data.table.resource, parts=parts,
                whole={"url": f"{table}/", "by": _split_words(data, table)} if split else None,
                count=len(rows), noun=in_sentence(data.table.resource["title"]), filter_hint=filter_hint(columns),
                headers=[{"title": spec["title"], "sorted": spec["name"] == sorted_by} for spec in columns],
                # Made as the page is written, one row at a time (see Renderer.page_parts).
                rows=(_index_row(views, table, row, columns, shown, bool(facets)) for row in rows), facets=facets,
                description=description)


def parts_context(views: Views, table: str) -> dict:
    """The index of a split list: each part (a tier of sources) with what it means, its count and its page."""
    data = views.catalog[table]
    column = LIST_PARTS[table][0]
    rows_of = defaultdict(list)
    for row in data.rows:
        rows_of[row[column]].append(row)
    parts = list_parts(views, table)
    for part in parts:  # what each part holds, by the list's other choices
        part["holds"] = [(facet["title"], [(words, count) for _, words, count in facet["options"]])
                         for facet in views.facets(table, rows_of[part["value"]]) if facet["name"] != column and facet["options"]]
    return dict(title=data.table.resource["title"], kind="index", table=table, parts=parts,
                count=len(data.rows), noun=in_sentence(data.table.resource["title"]), by=_split_words(data, table),
                description=data.table.resource["description"])


def _split_words(data, table: str) -> str:
    """What a split list is split by, in words ("reliability")."""
    return in_sentence(data.table.by_name[LIST_PARTS[table][0]]["title"])


def list_parts(views: Views, table: str, current: str | None = None) -> list[dict]:
    """The parts of a split list in order: words, meaning, count, and the page of each that has rows (but the
    current one)."""
    column, values = LIST_PARTS[table]
    counts = Counter(row[column] for row in views.catalog[table].rows)
    notes = category_notes(views.catalog[table].table.by_name[column])
    return [{"value": value, "words": views.word(table, column, value), "meaning": notes.get(value, ""), "count": counts[value],
             "url": part_url(table, value) if counts[value] and value != current else None} for value in values]


def filter_hint(columns: list[dict]) -> str:
    """What the filter box suggests typing: the index's first three columns ("Title, publisher, published…")."""
    titles = [spec["title"] for spec in columns[:3]]
    return ", ".join([titles[0]] + [in_sentence(title) for title in titles[1:]]) + "…"


def _index_row(views: Views, table: str, row: dict, columns: list[dict], shown: tuple[str, ...], filtered: bool) -> dict:
    """One row of an index: its data attributes, for the filters (each facet's value, and its words where there are
    filters), and its cells. The first cell links to the row's page; a date shows its words, its precise form in a
    tooltip, and sorts by its anchor."""
    key = row[views.catalog[table].table.primary_key]
    cells = []
    for index, spec in enumerate(columns):
        value, dated = row[spec["name"]], spec.get("x-format") == "edtf"
        texts = views.cells(table, row, spec["name"])
        cell = {"data": [("sort", sort_key(value))] if dated else [], "cells": texts, "date": None}
        if index == 0:
            cell["cells"] = [Cell(views.label(table, row), url_of(table, key))]
        elif dated and texts:
            cell["date"] = {"words": date_words(value.split("T")[0]), "precise": value}
        cells.append(cell)
    words = views.filter_words(table, row) if filtered else ""
    data = list(views.facet_values(table, row, shown).items()) + ([("words", words)] if words else [])
    return {"data": data, "cells": cells}


def entity_context(views: Views, table: str, row: dict, base: str, page_url: str) -> dict:
    """A row's page: its title, story (a mission's key facts and where it came down), every value, what refers to
    it, and how to cite it."""
    data = views.catalog[table]
    key = row[data.table.primary_key]
    title = views.label(table, row)
    # The native name in the title lets search rank the row's own page first for it.
    search_title = f"{title} · {row['name_native']}" if row.get("name_native") else title
    backrefs = _crew_first(views.backrefs_to(table, key))
    story = dict(summary_line=row.get("summary"), key_facts=[], mission_sources=[])
    if table == "missions":  # read top-down: summary, key facts, timeline, crew, words, sources, every value
        story = mission_page.mission_context(views, row)
        backrefs = mission_page.story_order(backrefs)
    return dict(title=title, search_title=search_title, kind=table, **story,
                table=table, search_keys=views.search_keys(table, row),
                values=cross_links.values(views, table, key, views.fields(table, row), table in CLAIMED_TABLES),
                sections=cross_links.sections(views, table, key, backrefs),
                native_name=row.get("name_native") or "", locator=_locator(views, row, key, page_url),
                aliases=", ".join(views.search_aliases(row)) if table == "missions" else "", cite=views.cite(title, page_url),
                native_lang=_native_language(row), boost=SEARCH_BOOST[table],
                contribute=views.contribute(table, key, title),
                jsonld=jsonld.entity(table, row, key, title, views, base, f"{base}data/"),
                description=row.get("summary") or f"{data.table.resource['title'][:-1] if table != 'people' else 'Person'}: {title}")


def _locator(views: Views, row: dict, key: str, page_url: str) -> dict | None:
    """A small map of where a mission came down, or the craft that landed for it (Apollo 11's Eagle), for its key
    facts."""
    if row.get("mission_id") and row.get("landing_lat") is None:
        row = views.landed_craft(row) or row
        key = row["mission_id"]
    if row.get("landing_lat") is None:
        return None
    return {"map": pictures.moon_map(views.catalog, page_url, partial(href, page_url), radius=70, labels=False, only=key),
            "name": row["name"]}


def _crew_first(backrefs: list) -> list:
    """A person's missions, or a mission's crew, before the rest of what refers to the row."""
    return sorted(backrefs, key=lambda ref: ref.table != "crew")


def _native_language(row: dict) -> str:
    text = row.get("name_native") or ""
    if any("\u3040" <= ch <= "\u30ff" for ch in text):
        return "ja"
    if any("\u4e00" <= ch <= "\u9fff" for ch in text):
        return "zh"
    if any("\u0400" <= ch <= "\u04ff" for ch in text):
        return "ru"
    if any("\u0900" <= ch <= "\u097f" for ch in text):
        return "hi"
    return "und"
