"""The documents of the site's search index (see search_index): one per row page, quote and event, and per section
page, each with a title, a kind, a one-line summary and the texts searched, weighed by where they come from (a name
above a summary, a summary above what other rows say)."""

from __future__ import annotations

from collections import defaultdict
from functools import partial
from typing import Callable, Iterator

from .addresses import LEFT_OUT, LIST_PARTS, url_of
from .entity_pages import list_parts
from .humanize import date_words, decade_of, sort_key, year_of
from .search_tokens import words
from .timeline_pages import decade_title
from .views import Views

NAME, QUOTED, TAG, TEXT, RELATED = 100, 60, 30, 20, 10
SUMMARY = 60  # a mission's summary and country: what a topic ("far side", "Chinese") is looked for in
KIND = 61  # a mission's type, a person's role: a summary's weight, more the fewer its words ("Rover" over "Lander and rover")
LEAD = 62  # a mission's summary: a summary's weight, and a little more the fewer its words, to order equal matches
SUMMARY_CHARS = 160
# A setting's words for a speech: "Address at Rice University" is what a reader asks for as "Kennedy speech".
SPEECH_SETTINGS = frozenset({"address", "addressing", "remarks"})
REGIONS_SEARCHED = 4  # a site and the places around it (the real ones nest three deep); a chain a package may make costs no more
IMPLIED = "Moon lunar"  # every mission in the catalog went, or is to go, to the Moon, though its page need not say so
CREWED = "crewed manned"  # and "manned", the older word readers still type ("first manned landing")
OUTCOME_ORDER = {"success": 0, "partial-success": 0, "in-progress": 0, "planned": 1}  # failures and the rest: 2


Fields = Callable[[], list[tuple[int, str]]]


class Document:
    """`order` breaks ties between equal matches of one kind: missions that flew before plans and failures, then by
    launch date; the rest by title.

    Its fields (the texts searched, and their weights) are made only when it is indexed: every document is listed
    and sorted first, and at 100x their fields together would take some hundred megabytes."""

    __slots__ = ("kind", "url", "title", "summary", "fields", "order", "page_title")

    def __init__(self, kind: str, url: str, title: str, summary: str, fields: Fields, order: str = "", page_title: str = ""):
        self.kind, self.url, self.title, self.summary, self.fields, self.order = kind, url, title, summary, fields, order
        self.page_title = page_title  # the title of the page it is part of (an event's, a craft left out's)


def _line(text: str) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= SUMMARY_CHARS else text[:SUMMARY_CHARS - 1].rsplit(" ", 1)[0] + " …"


def _kind(views: Views, table: str, row: dict) -> str:
    """The row's kind as its page names it (the descriptor's label), never its code."""
    return views.word(table, "kind", row["kind"]) if row["kind"] else ""


def documents(views: Views) -> Iterator[Document]:
    """One document per row page, quote and event, and per section page."""
    for kind in (_missions, _people, _quotes, _organizations_and_places, _events, _exclusions, _sources, _pages):
        yield from kind(views)


def _missions(views: Views) -> Iterator[Document]:
    for m in views.catalog["missions"].rows:
        launched = f"launched {date_words(m['launch_date'])}" if m["launch_date"] else ""
        kind = views.word("missions", "mission_type", m["mission_type"]) if m["mission_type"] else ""
        summary = m["summary"] or " ".join(filter(None, [kind.capitalize(), launched]))
        yield Document("missions", url_of("missions", m["mission_id"]), m["name"], summary, partial(_mission_fields, views, m, kind),
                       order=f"{OUTCOME_ORDER.get(m['outcome'], 2)}{sort_key(m['launch_date'])}")


def _mission_fields(views: Views, m: dict, kind: str) -> list[tuple[int, str]]:
    name_of = views.label_of
    return [(NAME, m["name"]), (NAME, m["name_native"]), (TAG, m["program"]), (KIND, kind),
            (TAG, str(year_of(m["launch_date"])) if m["launch_date"] else ""),
            (SUMMARY, views.country_words("missions", "country", m["country"])),
            (TAG, CREWED if m["crewed"] else ""), (TAG, IMPLIED), (LEAD, m["summary"]),
            *((RELATED, name) for name in _site_and_regions(views, (views.landed_craft(m) or m)["landing_site_id"])),
            (RELATED, name_of("organizations", m["operator_id"]) if m["operator_id"] else "")]


def _site_and_regions(views: Views, place_id: str) -> list[str]:
    """A landing site's name and the names of the places it lies in: a mission that landed at Statio Shiv Shakti is
    looked for as a landing in the lunar south pole region."""
    names, seen = [], set()
    while (place := views.catalog.get("places", place_id)) and place_id not in seen and len(names) < REGIONS_SEARCHED:
        seen.add(place_id)  # a loop is the validator's to report
        names.append(views.label("places", place))
        place_id = place["parent_id"]
    return names


def _people(views: Views) -> Iterator[Document]:
    catalog = views.catalog
    quotes_of = defaultdict(list)
    for q in catalog["quotes"].rows:
        quotes_of[q["person_id"]].append(q["text"])
    flown = defaultdict(list)  # "Apollo 17 Lunar module pilot": a crew member is looked for by mission and seat
    for rows in views.crews.values():
        for row in rows:
            flown[row["person_id"]].append(f"{views.label_of('missions', row['mission_id'])} {views.word('crew', 'role', row['role'])}")
    for p in catalog["people"].rows:
        organization = views.label_of("organizations", p["organization_id"]) if p["organization_id"] else ""
        yield Document("people", url_of("people", p["person_id"]), p["name"], p["role"] or organization,
                       partial(_person_fields, p, organization, quotes_of[p["person_id"]], flown[p["person_id"]],
                               views.country_words("people", "nationality", p["nationality"])))


def _person_fields(p: dict, organization: str, quotes: list[str], flown: list[str], nationality: str) -> list[tuple[int, str]]:
    return [(NAME, p["name"]), (NAME, p["name_native"]), *((NAME, other) for other in p["other_names"] or []),
            (KIND, p["role"]), *((TAG, seat) for seat in flown), (SUMMARY, nationality), (RELATED, organization),
            (RELATED, " ".join(quotes))]


def _quotes(views: Views) -> Iterator[Document]:
    for q in views.catalog["quotes"].rows:
        speaker = views.speaker(q).text
        said = f", {date_words(q['said_when'])}" if q["said_when"] else ""
        yield Document("quotes", url_of("quotes", q["quote_id"]), f"“{_line(q['text'])}”", f"{speaker}{said}",
                       partial(_quote_fields, views, q, speaker))


def _quote_fields(views: Views, q: dict, speaker: str) -> list[tuple[int, str]]:
    return [(QUOTED, q["text"]), (TAG, speaker), (TAG, "speech" if SPEECH_SETTINGS & set(words(q["setting"] or "")) else ""),
            (RELATED, views.label_of("missions", q["mission_id"]) if q["mission_id"] else ""), (RELATED, q["setting"])]


def _organizations_and_places(views: Views) -> Iterator[Document]:
    catalog = views.catalog
    for o in catalog["organizations"].rows:
        kind = _kind(views, "organizations", o)
        yield Document("organizations", url_of("organizations", o["organization_id"]), o["name"], kind,
                       partial(_organization_fields, o, kind, views.country_words("organizations", "country", o["country"])))
    for p in catalog["places"].rows:
        parent = views.label_of("places", p["parent_id"]) if p["parent_id"] else ""
        where = f"in {parent}" if parent else f"on {'the Moon' if p['body'] == 'moon' else 'Earth'}"
        kind = _kind(views, "places", p)
        yield Document("places", url_of("places", p["place_id"]), p["name"], f"{kind} {where}".strip(),
                       partial(_place_fields, p, kind, parent))


def _organization_fields(o: dict, kind: str, country: str) -> list[tuple[int, str]]:
    return [(NAME, o["name"]), (NAME, o["name_native"]), (NAME, o["acronym"]), (TAG, kind.lower()), (TAG, country)]


def _place_fields(p: dict, kind: str, parent: str) -> list[tuple[int, str]]:
    # A Latin name is also looked for by what it means ("Sea of Tranquility" for Mare Tranquillitatis).
    return [(NAME, p["name"]), (NAME, p.get("name_meaning")), (TAG, kind.lower()), (RELATED, parent)]


def _events(views: Views) -> Iterator[Document]:
    titles = {}  # one title a decade, shared by its events
    for e in views.catalog["events"].rows:
        mission = views.label_of("missions", e["mission_id"]) if e["mission_id"] else ""
        summary = " · ".join(filter(None, [date_words(e["when"]), _line(e["description"] or "")]))
        decade = decade_of(e["when"])
        page = titles.setdefault(decade, decade_title(decade))
        yield Document("events", url_of("events", e["event_id"]), e["title"], summary,
                       partial(_event_fields, e, mission), page_title=page)


def _event_fields(e: dict, mission: str) -> list[tuple[int, str]]:
    return [(TEXT * 2, e["title"]), (TEXT, e["description"]), (RELATED, mission)]


def _exclusions(views: Views) -> Iterator[Document]:
    """A craft the catalog leaves out, so that looking for it says why rather than finding nothing."""
    if "exclusions" not in views.catalog.tables:
        return
    for x in views.catalog["exclusions"].rows:
        rule = views.word("exclusions", "rule", x["rule"])
        yield Document("exclusions", LEFT_OUT, x["name"], _line(f"Not in the catalog. {rule}: {x['reason']}"),
                       partial(_fields, (NAME, x["name"]), (TAG, rule.lower()), (TEXT, x["reason"])), page_title=METHODOLOGY)


def _sources(views: Views) -> Iterator[Document]:
    for s in views.catalog["sources"].rows:
        publisher = views.label_of("organizations", s["publisher_id"]) if s["publisher_id"] else ""
        by = " · ".join(filter(None, [_kind(views, "sources", s), publisher, date_words(s["published"])]))
        yield Document("sources", url_of("sources", s["source_id"]), s["title"], by, partial(_source_fields, s, publisher))


def _source_fields(s: dict, publisher: str) -> list[tuple[int, str]]:
    return [(NAME, s["title"]), (RELATED, publisher), (RELATED, " ".join(s["authors"] or []))]


def _pages(views: Views) -> Iterator[Document]:
    catalog = views.catalog
    for table in INDEXED_TABLES:
        resource = catalog[table].table.resource
        yield Document("pages", f"{table}/", resource["title"], _line(resource["description"]), partial(_fields, (NAME, resource["title"])))
        for part in list_parts(views, table) if table in LIST_PARTS else ():
            if part["url"]:  # a list of its own: "Sources: Primary source"
                title = f"{resource['title']}: {part['words']}"
                yield Document("pages", part["url"], title, _line(part["meaning"]), partial(_fields, (NAME, title), (TEXT, part["meaning"])))
    for url, title, summary in SECTIONS:
        yield Document("pages", url, title, summary, partial(_fields, (NAME, title), (TEXT, summary)))
    for name, table in catalog.descriptor.tables.items():
        yield Document("reference", f"reference/{name}/", f"Table: {name}", _line(table.resource["description"]),
                       partial(_fields, (NAME, name), (TEXT, table.resource["description"])))


def _fields(*fields: tuple[int, str]) -> list[tuple[int, str]]:
    return list(fields)


METHODOLOGY = "Methodology"  # the title of docs/about/index.md
INDEXED_TABLES = ("missions", "people", "organizations", "places", "sources")  # their index pages
SECTIONS = [("timeline/", "Timeline", "Every dated event of lunar exploration in the catalog."),
            ("quotes/", "Quotes", "What people said about missions to the Moon, verbatim, with sources."),
            ("map/", "Map of landing sites", "Where missions landed on or hit the Moon, on the near and far sides."),
            ("data/", "Data", "Download the data: CSV, JSON, SQLite, a zip of the package, a calendar and a feed."),
            ("reference/", "Reference", "The data dictionary of the package."),
            ("disputes/", "Disputed facts", "Facts on which the catalog's sources disagree."),
            ("about/", METHODOLOGY, "Where the data comes from, the rules it keeps, which craft are in and which are "
                                      "left out, how far each source can be trusted, how it is checked.")]
