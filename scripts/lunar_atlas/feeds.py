"""The calendar of upcoming events and the Atom feed of the timeline.

A calendar entry never claims more precision than its date has. An event known to the day is an all-day event
(to the minute, an event at that moment). Anything vaguer ("2027", "2026-09", "2029~", "by 2030", "from 2026") is
not an event lasting the whole period: it is a to-do (VTODO) that may start from the first day its date allows
(DTSTART) and is due by the day after the last (DUE), either end left out where the date leaves it open. So
"by 2030" is due by 1 January 2031 and has no start; "2027" may happen from 1 January 2027 and is due by 1 January
2028; neither fills a calendar's days.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from xml.etree import ElementTree

import icalendar

from .catalog import Catalog
from .dates import parse_date
from .downloads import DataFile, stamp
from .humanize import date_words, sort_key
from .typed import edtf_bounds
from .addresses import decade_url


def is_dated_to_the_day(text: str) -> bool:
    """Whether an EDTF date names one day (or a moment in it), with no qualifier."""
    return parse_date(text).one_day


def _entry(event: dict, catalog: Catalog, site_url: str):
    when = event["when"]
    if is_dated_to_the_day(when):
        entry = icalendar.Event()
        span = parse_date(when)
        if span.has_time:
            entry.add("dtstart", span.lower)
        else:
            entry.add("dtstart", span.lower.date())
            entry.add("dtend", span.lower.date() + timedelta(days=1))
    else:
        entry = icalendar.Todo()
        earliest, latest = edtf_bounds(when)
        if earliest is not None:
            entry.add("dtstart", earliest)
        if latest is not None:
            entry.add("due", latest + timedelta(days=1))
    entry.add("uid", f"{event['event_id']}@lunar-atlas")
    entry.add("dtstamp", stamp(catalog))
    entry.add("summary", event["title"])
    entry.add("description", f"{date_words(when)} ({event['status']}). {event['description'] or ''}".strip())
    entry.add("status", "TENTATIVE" if isinstance(entry, icalendar.Event) else "NEEDS-ACTION")
    if site_url:
        entry.add("url", f"{site_url}{decade_url(event['when'])}#{event['event_id']}")
    return entry


def calendar_file(catalog: Catalog, site_url: str) -> DataFile:
    """Scheduled and planned events as iCalendar (RFC 5545): events where the day is known, to-dos otherwise."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Lunar Atlas//Timeline//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Lunar Atlas: upcoming Moon missions")
    upcoming = [e for e in catalog["events"].rows if e["status"] in ("scheduled", "planned")]
    for event in sorted(upcoming, key=lambda e: (sort_key(e["when"]), e["event_id"])):
        calendar.add_component(_entry(event, catalog, site_url))
    return DataFile("upcoming.ics", calendar.to_ical(), "Scheduled and planned events as a calendar (iCalendar)", "text/calendar", len(upcoming))


ATOM = "http://www.w3.org/2005/Atom"


def _instant(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def atom_file(catalog: Catalog, site_url: str, changed: dict[str, datetime]) -> DataFile:
    """Timeline events that have happened, newest first, as an Atom feed (RFC 4287).

    An entry's `updated` is when its row last changed: the release that first held the row as it is now (`changed`,
    from releases.py), or this build's date for a row new or changed since the last release. Never the event's date.
    """
    ElementTree.register_namespace("", ATOM)
    feed = ElementTree.Element(f"{{{ATOM}}}feed")
    base = site_url

    def add(parent, tag, text=None, **attrs):
        element = ElementTree.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            element.text = text
        return element

    now = stamp(catalog)
    occurred = [e for e in catalog["events"].rows if e["status"] == "occurred"]
    updated = {e["event_id"]: changed.get(e["event_id"], now) for e in occurred}
    add(feed, "title", "Lunar Atlas: timeline")
    add(feed, "id", f"{base}timeline/")
    add(feed, "updated", _instant(max(updated.values(), default=now)))
    add(add(feed, "author"), "name", "Lunar Atlas contributors")
    add(feed, "link", href=f"{base}timeline/", rel="alternate")
    add(feed, "link", href=f"{base}data/timeline.atom", rel="self", type="application/atom+xml")
    for event in sorted(occurred, key=lambda e: (sort_key(e["when"]), e["event_id"]), reverse=True):
        entry = add(feed, "entry")
        add(entry, "title", event["title"])
        add(entry, "id", f"{base}timeline/#{event['event_id']}")
        add(entry, "updated", _instant(updated[event["event_id"]]))
        add(entry, "link", href=f"{base}{decade_url(event['when'])}#{event['event_id']}", rel="alternate")
        add(entry, "summary", f"{date_words(event['when'])}. {event['description'] or ''}".strip())
    content = b'<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(feed, encoding="utf-8") + b"\n"
    return DataFile("timeline.atom", content, "Events that have happened, as an Atom feed", "application/atom+xml", len(occurred))
