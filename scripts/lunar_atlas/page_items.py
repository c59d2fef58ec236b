"""The items many pages list, ready to show: an event of the timeline, a quote (as a card or a line), a place in a
crew. Each is a plain dict of strings, cells and lists, made for where it is shown (with its mission or not, with
the claims behind it or not); the macros in _macros.html.j2 only display them."""

from __future__ import annotations

from .addresses import url_of
from .humanize import date_words, local_time_words
from .views import Views

KIND_WORDS = {"direct": "direct quote", "partial": "partial quote", "paraphrase": "paraphrase"}


def event_item(views: Views, event: dict, mission: bool = True, claims: bool = True, facets: tuple = ()) -> dict:
    """An event as a line of a timeline: when (in words, its precise form and the local time), what, where, sources.

    `mission` shows the mission it belongs to (left out on that mission's own page); `claims` shows the sources of
    its date; `facets` are the (name, value) pairs a page's filters choose it by."""
    when = event["when"]
    return {"id": event["event_id"], "status": event["status"], "facets": facets,
            "when": {"raw": when, "words": date_words(when), "local": local_time_words(when, event.get("timezone"))},
            "marks": views.claim_marks("events", event["event_id"], "when") if claims else None,
            "title": event["title"], "description": event["description"],
            "status_words": views.word("events", "status", event["status"]) if event["status"] != "occurred" else "",
            "mission": _first(views.cells("events", event, "mission_id")) if mission else None,
            "place": _first(views.cells("events", event, "place_id")),
            "sources": views.cells("events", event, "source_ids"), "notes": event.get("notes") or ""}


def event_items(views: Views, events, **shown) -> list[dict]:
    return [event_item(views, event, **shown) for event in events]


def _first(cells: list):
    return cells[0] if cells else None


def quote_item(views: Views, quote: dict, speaker: bool = True) -> dict:
    """A quote as a card or a line of a list: its words, title, kind, speaker (unless the page is theirs), date,
    setting, mission and source."""
    key, kind = quote["quote_id"], quote["kind"]
    return {"id": key, "speaker": views.speaker(quote) if speaker else None, "kind": kind, "url": url_of("quotes", key), "title": views.quote_title(quote),
            "words": views.quote_words(quote),
            "kind_words": KIND_WORDS.get(kind, kind), "badge": KIND_WORDS.get(kind, kind) if kind == "paraphrase" else "",
            "aside": views.attribution_aside(quote), "said": _first_text(views.cells("quotes", quote, "said_when")),
            "setting": quote["setting"] or "", "translated": quote["translated"],
            "mission": _first(views.cells("quotes", quote, "mission_id")),
            "source": _first(views.cells("quotes", quote, "source_id")), "notes": quote.get("notes") or ""}


def quote_items(views: Views, quotes, speaker: bool = True) -> list[dict]:
    return [quote_item(views, quote, speaker) for quote in quotes]


def _first_text(cells: list) -> str:
    return cells[0].text if cells else ""


def crew_item(views: Views, place: dict, person: bool = True, mission: bool = False) -> dict:
    """A place in a crew (views.crew_place): the person, or the mission and its year, the role and the moonwalk,
    each with the claims behind it, and who else flew."""
    return {"id": place["id"], "person": place["person"] if person else None,
            "mission": place["mission"] if mission else None, "year": place["year"], "role": place["role"],
            "role_marks": views.claim_marks("crew", place["id"], "role"), "walked": place["walked"],
            "walked_marks": views.claim_marks("crew", place["id"], "moonwalker") if place["walked"] else None,
            "flew_with": place.get("with") or [], "notes": place["notes"]}
