"""The quotes page: every quote once, under its speaker, with filters by topic, mission and decade.

Each quote shows its words, when they were said and what mission they are about; its setting, its source and the
rest are one step away, on the quote's own page. The filters take the place of further lists of the same quotes
(by mission, by year, by topic), which would repeat every quote on one page.
"""

from __future__ import annotations

from collections import Counter

from .addresses import url_of
from .humanize import sort_key, year_of
from .timeline_pages import counted

BADGES = {"partial": "partial quote", "paraphrase": "paraphrase"}  # a direct quote needs no badge


def topic_words(topic: str) -> str:
    return topic.replace("-", " ").capitalize()


def _decade(quote: dict) -> str:
    return f"{year_of(quote['said_when']) // 10 * 10}s" if quote["said_when"] else ""


def _card(views, quote: dict, speaker: str) -> dict:
    mission = views.cells("quotes", quote, "mission_id")
    when = views.cells("quotes", quote, "said_when")
    return {"id": quote["quote_id"], "kind": quote["kind"], "words": views.quote_words(quote), "badge": BADGES.get(quote["kind"]),
            "when": when[0].text if when else "", "translated": bool(quote["translated"]),
            "mission": mission[0] if mission else None, "page": url_of("quotes", quote["quote_id"]), "speaker": speaker,
            "facets": [("topic", " ".join(quote["topics"] or [])), ("mission", quote["mission_id"] or ""), ("decade", _decade(quote))]}


def _filters(views, quotes: list[dict]) -> list[dict]:
    topics = Counter(t for q in quotes for t in q["topics"] or [])
    missions = Counter(q["mission_id"] for q in quotes if q["mission_id"])
    decades = Counter(_decade(q) for q in quotes if q["said_when"])

    def launched(mission_id: str) -> tuple:
        return sort_key(views.catalog["missions"].by_id[mission_id]["launch_date"]), mission_id
    return [
        {"name": "topic", "title": "Topic", "options": [(t, topic_words(t), n) for t, n in sorted(topics.items())]},
        {"name": "mission", "title": "Mission", "options": [(m, views.label_of("missions", m), missions[m]) for m in sorted(missions, key=launched)]},
        {"name": "decade", "title": "Said in", "options": [(d, d, n) for d, n in sorted(decades.items())]},
    ]


def quotes_page(views) -> dict:
    """The page's context: speakers with their quotes' cards, the filters, and the count. The cards are made as
    the page is written, one at a time (see Renderer.page_parts): at 100x there are 23,000."""
    quotes = views.catalog["quotes"].rows
    return {"speakers": ((speaker, (_card(views, q, speaker.text) for q in items)) for speaker, items in views.quotes_by_speaker),
            "filters": _filters(views, quotes), "count_words": counted(len(quotes), "quote")}
