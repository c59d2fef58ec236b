"""Dates, numbers and values as a reader wants to see them, never more precise than the data."""

from __future__ import annotations

import calendar
import re
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from .dates import DateError, parse_date

_PLAIN = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?([~?%]?)$")
QUALIFIER_WORDS = {"~": "about ", "?": "possibly ", "%": "about "}


def _plain_words(text: str) -> str:
    match = _PLAIN.match(text)
    if not match:
        return text
    year, month, day, qualifier = match.groups()
    if day:
        words = f"{int(day)} {calendar.month_name[int(month)]} {year}"
    elif month:
        words = f"{calendar.month_name[int(month)]} {year}"
    else:
        words = year
    return QUALIFIER_WORDS.get(qualifier, "") + words


def _time_words(moment: datetime) -> str:
    clock = moment.strftime("%H:%M:%S" if moment.second else "%H:%M")
    return f"{moment.day} {calendar.month_name[moment.month]} {moment.year}, {clock}"


def date_words(text: str | None) -> str:
    """'2024-06' → 'June 2024'; '2019~' → 'about 2019'; '../2030' → 'by 2030'; times in UTC."""
    if not text:
        return ""
    if "/" in text:
        start, end = text.split("/", 1)
        if start in ("", ".."):
            return f"by {date_words(end)}"
        if end in ("", ".."):
            return f"{date_words(start)} or later"
        return f"{date_words(start)} to {date_words(end)}"
    if "T" in text:
        try:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(timezone.utc)
        except ValueError:
            return text
        return _time_words(moment) + " UTC"
    return _plain_words(text)


def local_time_words(text: str | None, zone: str | None) -> str:
    """The same instant on the local clock, where the data has a time and a time zone."""
    if not text or not zone or "T" not in text or "/" in text:
        return ""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(ZoneInfo(zone))
    return f"{_time_words(moment)} {moment.strftime('%Z')} ({zone})"


def sort_key(text: str | None) -> str:
    """An ISO-like key that sorts EDTF strings by their earliest instant; empty last."""
    if not text:
        return "9999"
    try:
        span = parse_date(text)
    except DateError:
        return text
    # "By 2030" has no earliest instant; it sorts with its latest.
    return (span.upper if span.lower.year <= 1 else span.lower).isoformat()


def year_of(text: str) -> int:
    span = parse_date(text)
    return span.upper.year if span.lower.year <= 1 else span.lower.year


def number_words(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}"
