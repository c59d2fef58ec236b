"""The quotes as pages a reader can get through: a page per decade they were said in (and one for the undated),
each quote once, under its speaker, with filters by topic and mission; a first page that lists the decades.

Each quote shows its words, when they were said and what mission they are about; its setting, its source and the
rest are one step away, on the quote's own page. The filters take the place of further lists of the same quotes
(by mission, by topic), which would repeat every quote on one page. One page of every quote would outgrow the
weight a page may have as quotes are added, as the one list of sources did.
"""

from __future__ import annotations

from collections import Counter

from .addresses import QUOTES_UNDATED, quotes_part_url, url_of
from .humanize import sort_key
from .timeline_pages import counted

BADGES = {"partial": "partial quote", "paraphrase": "paraphrase"}  # a direct quote needs no badge


def topic_words(topic: str) -> str:
    return topic.replace("-", " ").capitalize()


def part_words(part: str) -> str:
    return "Date not known" if part == QUOTES_UNDATED else part


def parts(views) -> list[str]:
    """Every part with quotes: the decades in time order, then the undated."""
    found = set(views.quotes_by_part)
    return sorted(found - {QUOTES_UNDATED}) + sorted(found & {QUOTES_UNDATED})


def _card(views, quote: dict, speaker: str) -> dict:
    mission = views.cells("quotes", quote, "mission_id")
    when = views.cells("quotes", quote, "said_when")
    return {"id": quote["quote_id"], "kind": quote["kind"], "words": views.quote_words(quote), "badge": BADGES.get(quote["kind"]),
            "when": when[0].text if when else "", "translated": bool(quote["translated"]),
            "mission": mission[0] if mission else None, "page": url_of("quotes", quote["quote_id"]), "speaker": speaker,
            "facets": [("topic", " ".join(quote["topics"] or [])), ("mission", quote["mission_id"] or "")]}


def _filters(views, quotes: list[dict]) -> list[dict]:
    topics = Counter(t for q in quotes for t in q["topics"] or [])
    missions = Counter(q["mission_id"] for q in quotes if q["mission_id"])

    def launched(mission_id: str) -> tuple:
        return sort_key(views.catalog["missions"].by_id[mission_id]["launch_date"]), mission_id
    return [
        {"name": "topic", "title": "Topic", "options": [(t, topic_words(t), n) for t, n in sorted(topics.items())]},
        {"name": "mission", "title": "Mission", "options": [(m, views.label_of("missions", m), missions[m]) for m in sorted(missions, key=launched)]},
    ]


def _listed(views) -> list[dict]:
    """Every part with its words, address and what it holds."""
    def summary(groups) -> str:
        return ", ".join((counted(sum(len(items) for _, items in groups), "quote"), counted(len(groups), "speaker")))
    return [{"part": p, "words": part_words(p), "url": quotes_part_url(p), "summary": summary(views.quotes_by_part[p])}
            for p in parts(views)]


def hub_context(views) -> dict:
    """The first page: the parts, each with how many quotes and speakers it holds."""
    return {"parts": _listed(views), "count_words": counted(len(views.catalog["quotes"].rows), "quote"),
            "speakers_words": counted(len(views.quotes_by_speaker), "speaker")}


def part_context(views, part: str) -> dict:
    """A part's page: its speakers with their quotes' cards, the filters, the count, and the parts around it. The
    cards are made as the page is written, one at a time (see Renderer.page_parts): at 100x the 1960s hold 4,500."""
    grouped = views.quotes_by_part[part]
    quotes = [q for _, items in grouped for q in items]
    undated = part == QUOTES_UNDATED
    return {"title": "Quotes: date not known" if undated else f"Quotes: the {part}", "words": part_words(part),
            "when_words": "whose date no source gives" if undated else f"said in the {part}",
            "speakers": ((speaker, (_card(views, q, speaker.text) for q in items)) for speaker, items in grouped),
            "filters": _filters(views, quotes), "count_words": counted(len(quotes), "quote"),
            "parts": [dict(p, current=p["part"] == part) for p in _listed(views)]}
