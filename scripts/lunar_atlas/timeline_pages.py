"""The timeline as pages a reader can get through: one page per decade, a hub that lists them, each event's
address on its decade's page. Decided here as plain data; the templates loop and escape.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Iterator

from .addresses import url_of
from .catalog import Catalog
from .humanize import decade_of, year_of
from .page_items import event_item, event_items
from .pictures import OUTCOME_COLOURS, TYPE_GROUPS, highlighted_program, timeline_chart
from .views import Views

UPCOMING_SHOWN = 8  # the events coming next on the timeline's first page; the rest on their decades' pages


def upcoming_shown(views: Views, claims: bool = False) -> tuple[list[dict], dict | None]:
    """The next scheduled and planned events, as many as a page shows, and where the rest are when there are more."""
    upcoming = views.upcoming()
    more = {"url": url_of("events", upcoming[0]["event_id"]).split("#")[0], "count": len(upcoming)} if len(upcoming) > UPCOMING_SHOWN else None
    return event_items(views, upcoming[:UPCOMING_SHOWN], claims=claims), more


def decade_url(decade: int) -> str:
    return f"timeline/{decade}s/"


def decade_paths(catalog: Catalog) -> list[tuple[int, str]]:
    """Every decade with events and the path of its page."""
    found = sorted({decade_of(e["when"]) for e in catalog["events"].rows}) if "events" in catalog.tables else []
    return [(d, f"timeline/{d}s.md") for d in found]


def decades(views: Views) -> list[dict]:
    """Every decade with events, oldest first: its label, address, number of events and of missions."""
    events = Counter(decade_of(e["when"]) for e in views.catalog["events"].rows)
    missions: dict[int, set] = defaultdict(set)
    for event in views.catalog["events"].rows:
        if event["mission_id"]:
            missions[decade_of(event["when"])].add(event["mission_id"])
    # A decade without events is listed too, without a link: a gap the reader sees rather than one skipped silently.
    every = range(min(events), max(events) + 10, 10) if events else []
    return [{"decade": d, "label": f"{d}s", "url": decade_url(d) if events[d] else "", "events": events[d],
             "summary": ", ".join(counted(n, noun) for n, noun in ((events[d], "event"), (len(missions[d]), "mission")) if n)}
            for d in every]


def counted(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def _country(views: Views, event: dict) -> str:
    mission = views.catalog.get("missions", event["mission_id"]) if event["mission_id"] else None
    return (mission["country"] or "") if mission else ""


def _options(views: Views, events: list[dict]) -> list[dict]:
    """The decade page's filters: the countries and the missions of its events, with counts."""
    countries = Counter(_country(views, e) for e in events)
    missions = Counter(e["mission_id"] for e in events if e["mission_id"])
    return [
        {"name": "country", "title": "Country", "options": sorted(((c, views.word("missions", "country", c), n) for c, n in countries.items() if c),
                                                                   key=lambda o: o[1])},
        {"name": "mission", "title": "Mission", "options": sorted(((m, views.label_of("missions", m), n) for m, n in missions.items()),
                                                                   key=lambda o: o[1].lower())},
    ]


def decade_title(decade: int) -> str:
    return f"Timeline: the {decade}s"


def decade_context(views: Views, decade: int) -> dict:
    """A decade's page: its events by year, oldest first, each with what the filters choose it by; the decades
    around it, this one marked."""
    events = views.events_sorted(e for e in views.catalog["events"].rows if decade_of(e["when"]) == decade)
    by_year: dict[int, list[dict]] = defaultdict(list)
    for event in events:
        by_year[year_of(event["when"])].append(event)
    # Each year's items are made as the page is written, one at a time (see Renderer.page_parts).
    years = [(year, _decade_items(views, year_events)) for year, year_events in sorted(by_year.items())]
    listed = decades(views)
    shown = [d for d in listed if d["events"]]
    index = [d["decade"] for d in shown].index(decade)
    return {"decade": f"{decade}s", "years": years, "filters": _options(views, events), "count_words": counted(len(events), "event"),
            "decades": [dict(d, current=d["decade"] == decade) for d in listed], "previous": shown[index - 1] if index else None,
            "next": shown[index + 1] if index + 1 < len(shown) else None}


def _decade_items(views: Views, events: list[dict]) -> Iterator[dict]:
    for event in events:
        facets = (("country", _country(views, event)), ("mission", event["mission_id"] or ""))
        yield event_item(views, event, claims=False, facets=facets)


def hub_context(views: Views) -> dict:
    """The timeline's first page: the decades, what is coming next (and where the rest of it is), and the charts
    of the race and the return with their legend."""
    upcoming, more = upcoming_shown(views)
    colours = [(views.word("missions", "outcome", o) if o != "unknown" else "Outcome unknown", c) for o, c in OUTCOME_COLOURS.items()]
    return {"decades": decades(views), "upcoming": upcoming, "more_upcoming": more,
            "chart_colours": colours, "highlighted": highlighted_program(views.catalog), "chart_sizes": [(group.capitalize(), size) for group, (_, size) in TYPE_GROUPS.items()],
            "race_chart": timeline_chart(views.catalog, 1958, 1976, "The race: missions launched 1958–1976, by country and outcome"),
            "return_chart": timeline_chart(views.catalog, 2019, 2030, "The return: missions launched or planned 2019–2030, by country and outcome")}
