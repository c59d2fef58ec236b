"""EDTF dates: parsing them, and the span of time each one covers."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache

from edtf import parse_edtf
from edtf.parser.edtf_exceptions import EDTFParseException

MIN = datetime(1, 1, 1, tzinfo=timezone.utc)
MAX = datetime(9999, 12, 31, 23, 59, 59, tzinfo=timezone.utc)
_DAY = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


class DateError(ValueError):
    pass


@dataclass(frozen=True)
class Span:
    """The instants an EDTF string can mean: from `lower` to `upper`, both included."""

    text: str
    lower: datetime
    upper: datetime
    has_time: bool


def _bounds_of_plain(text: str) -> tuple[datetime, datetime]:
    match = _DAY.match(text)
    if not match:
        raise DateError(text)
    year, month, day = int(match[1]), match[2], match[3]
    if month is None:
        return datetime(year, 1, 1, tzinfo=timezone.utc), datetime(year, 12, 31, 23, 59, 59, tzinfo=timezone.utc)
    month = int(month)
    if day is None:
        last = calendar.monthrange(year, month)[1]
        return (datetime(year, month, 1, tzinfo=timezone.utc),
                datetime(year, month, last, 23, 59, 59, tzinfo=timezone.utc))
    start = datetime(year, month, int(day), tzinfo=timezone.utc)
    return start, start.replace(hour=23, minute=59, second=59)


def _bounds(text: str) -> tuple[datetime, datetime]:
    if "/" in text:
        start, end = text.split("/", 1)
        lower = MIN if start in ("", "..") else _bounds(start)[0]
        upper = MAX if end in ("", "..") else _bounds(end)[1]
        return lower, upper
    if "T" in text:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        # EDTF has no minute precision; a time known to the minute is stored with 00 seconds and means that minute.
        if moment.second == 0 and moment.microsecond == 0:
            return moment, moment.replace(second=59)
        return moment, moment
    # Qualifiers (~ ? %) widen the meaning but not the calendar span we compare on.
    plain = text.rstrip("~?%")
    if "X" in plain:
        lower, upper = plain.replace("X", "0"), plain.replace("X", "9")
        return _bounds_of_plain(lower.replace("-00", "-01"))[0], _bounds_of_plain(_cap(upper))[1]
    return _bounds_of_plain(plain)


def _cap(text: str) -> str:
    """An upper bound with unspecified digits turned into the largest real month and day."""
    parts = text.split("-")
    if len(parts) > 1:
        parts[1] = min(parts[1], "12")
    if len(parts) > 2:
        parts[2] = str(calendar.monthrange(int(parts[0]), int(parts[1]))[1])
    return "-".join(parts)


_PLAIN_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?[~?%]?$")
_PLAIN_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:Z|[+-]\d{2}:\d{2})$")


def _plain_is_real(text: str) -> bool | None:
    """For the everyday shapes (2024, 2024-06, 2024-06-25~, 2024-06-25T06:07:00Z): whether the date exists.

    None for anything else, which the edtf library then judges; it takes about ten milliseconds a string.
    """
    match = _PLAIN_DATE.match(text)
    if match:
        year, month, day = match.groups()
        if month is not None and not 1 <= int(month) <= 12:
            return False
        if day is not None and not 1 <= int(day) <= calendar.monthrange(int(year), int(month))[1]:
            return False
        return True
    if _PLAIN_TIME.match(text):
        try:
            datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return False
        return True
    return None


@lru_cache(maxsize=65536)
def parse_date(text: str) -> Span:
    """The span an EDTF string covers. Raises DateError for what is not EDTF or not a real date."""
    if not isinstance(text, str):
        raise DateError(str(text))
    plain = _plain_is_real(text)
    if plain is False:
        raise DateError(text)
    if plain is None:
        try:
            parse_edtf(text)
        except (EDTFParseException, ValueError, TypeError):
            raise DateError(text) from None
    try:
        lower, upper = _bounds(text)
    except ValueError:
        raise DateError(text) from None
    return Span(text, lower, upper, "T" in text)


def time_is_utc(text: str) -> bool:
    return "T" not in text or text.endswith("Z")


def span_or_none(value) -> Span | None:
    """The span of a date cell, or None for an empty or unparseable one (the cell rules report those)."""
    if not value:
        return None
    try:
        return parse_date(value)
    except DateError:
        return None
