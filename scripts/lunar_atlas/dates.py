"""EDTF dates: one model of what a date cell means.

`parse_date` turns an EDTF string into a `Span`: the instants it can mean (its bounds), the instant it is sorted,
counted and drawn by (its anchor) and that instant's year, how precisely it names them, and the words a reader sees.
Every part of the project that reads a date (validation, pages, pictures, downloads, the feeds) reads this.
"""

from __future__ import annotations

import calendar
import contextlib
import io
import re
from dataclasses import dataclass
from datetime import date, datetime, timezone
from functools import cached_property, lru_cache
from zoneinfo import ZoneInfo

from edtf import parse_edtf
from edtf.parser.edtf_exceptions import EDTFParseException

MIN = datetime(1, 1, 1, tzinfo=timezone.utc)
MAX = datetime(9999, 12, 31, 23, 59, 59, tzinfo=timezone.utc)
_DAY = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
_OPEN = ("", "..")
QUALIFIER_WORDS = {"~": "about ", "?": "possibly ", "%": "about "}
TIMED = ("minute", "second")


class DateError(ValueError):
    pass


@dataclass(frozen=True)
class Span:
    """The instants an EDTF string can mean, from `lower` to `upper` (both included), and how it says so.

    `precision` is the smallest unit the string names: year, month, day, minute or second; "unspecified" for digits
    given as X (19XX); "interval" for two dates (2024/2026, ../2030). `qualifier` is ~, ? or % (or empty); it widens
    the meaning but not the calendar span compared on. An interval's `start` and `end` are spans, None where open.
    """

    text: str
    lower: datetime
    upper: datetime
    precision: str
    qualifier: str = ""
    start: Span | None = None
    end: Span | None = None

    @property
    def has_time(self) -> bool:
        return self.precision in TIMED

    @property
    def open_start(self) -> bool:
        return self.lower == MIN

    @property
    def open_end(self) -> bool:
        return self.upper == MAX

    @property
    def anchor(self) -> datetime:
        """The instant the date is sorted, counted and drawn by: its earliest; "by 2030" has none, so its latest."""
        return self.upper if self.open_start else self.lower

    @property
    def year(self) -> int:
        return self.anchor.year

    @property
    def sort_key(self) -> str:
        """The anchor in ISO form, as short as keeps the order: every anchor is UTC, and midnight sorts as its day."""
        return self.anchor.isoformat().removesuffix("+00:00").removesuffix("T00:00:00")

    @property
    def days(self) -> tuple[date | None, date | None]:
        """The first and last calendar day the date allows; None for an open end."""
        return (None if self.open_start else self.lower.date(), None if self.open_end else self.upper.date())

    @property
    def one_day(self) -> bool:
        """Whether the date names one day (or a moment in it), with no qualifier."""
        return self.precision in ("day", *TIMED) and not self.qualifier

    def overlaps(self, other: Span) -> bool:
        return self.lower <= other.upper and other.lower <= self.upper

    @cached_property
    def words(self) -> str:
        """'2024-06' → 'June 2024'; '2019~' → 'about 2019'; '../2030' → 'by 2030'; times in UTC."""
        if self.precision == "interval":
            first, last = self.text.split("/", 1)
            first, last = (self.start.words if self.start else first), (self.end.words if self.end else last)
            if self.start is None:
                return f"by {last}"
            return f"{first} or later" if self.end is None else f"{first} to {last}"
        if self.has_time:
            return _time_words(self.lower.astimezone(timezone.utc)) + " UTC"
        if self.precision == "unspecified":
            return self.text
        day = self.lower
        year = self.text[:4]
        words = {"day": f"{day.day} {calendar.month_name[day.month]} {year}",
                 "month": f"{calendar.month_name[day.month]} {year}"}.get(self.precision, year)
        return QUALIFIER_WORDS.get(self.qualifier, "") + words

    def local_words(self, zone: str | None) -> str:
        """The same instant on the local clock, where the date has a time and the row a time zone."""
        if not zone or not self.has_time:
            return ""
        moment = self.lower.astimezone(ZoneInfo(zone))
        return f"{_time_words(moment)} {moment.strftime('%Z')} ({zone})"


def _time_words(moment: datetime) -> str:
    clock = moment.strftime("%H:%M:%S" if moment.second else "%H:%M")
    return f"{moment.day} {calendar.month_name[moment.month]} {moment.year}, {clock}"


def _bounds_of_plain(text: str) -> tuple[datetime, datetime, str]:
    match = _DAY.match(text)
    if not match:
        raise DateError(text)
    year, month, day = int(match[1]), match[2], match[3]
    if month is None:
        return datetime(year, 1, 1, tzinfo=timezone.utc), datetime(year, 12, 31, 23, 59, 59, tzinfo=timezone.utc), "year"
    month = int(month)
    if day is None:
        last = calendar.monthrange(year, month)[1]
        return (datetime(year, month, 1, tzinfo=timezone.utc),
                datetime(year, month, last, 23, 59, 59, tzinfo=timezone.utc), "month")
    start = datetime(year, month, int(day), tzinfo=timezone.utc)
    return start, start.replace(hour=23, minute=59, second=59), "day"


def _span(text: str) -> Span:
    """The span of a string already judged to be EDTF. Raises ValueError where its bounds cannot be worked out."""
    if "/" in text:
        first, last = text.split("/", 1)
        start = None if first in _OPEN else _span(first)
        end = None if last in _OPEN else _span(last)
        return Span(text, start.lower if start else MIN, end.upper if end else MAX, "interval", "", start, end)
    if "T" in text:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        # EDTF has no minute precision; a time known to the minute is stored with 00 seconds and means that minute.
        if moment.second == 0 and moment.microsecond == 0:
            return Span(text, moment, moment.replace(second=59), "minute")
        return Span(text, moment, moment, "second")
    plain = text.rstrip("~?%")
    qualifier = text[len(plain):]
    if "X" in plain:
        lower, upper = plain.replace("X", "0"), plain.replace("X", "9")
        return Span(text, _bounds_of_plain(lower.replace("-00", "-01"))[0], _bounds_of_plain(_cap(upper))[1], "unspecified", qualifier)
    lower, upper, precision = _bounds_of_plain(plain)
    return Span(text, lower, upper, precision, qualifier)


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
    """For the everyday shapes (2024, 2024-06, 2024-06-25~, 2024-06-25T06:07:00Z, and intervals of dates): whether
    the date exists.

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
    return _plain_interval_is_real(text)


def _plain_interval_is_real(text: str) -> bool | None:
    """For intervals of everyday dates, open at one end or not (2024-06-25/2024-06-26, ../2019-01-03, 2026/..)."""
    start, slash, end = text.partition("/")
    if not slash or "/" in end or (start, end) == ("..", ".."):
        return None
    ends = [_plain_is_real(part) if _PLAIN_DATE.match(part) else (True if part == ".." else None)
            for part in (start, end)]
    if False in ends:
        return False  # an end that is no real date
    return None if None in ends else True  # None: an end of another shape, for the library to judge


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
            # The library prints to standard output on some strings it cannot read, where a JSON report is written.
            with contextlib.redirect_stdout(io.StringIO()):
                parse_edtf(text)
        except (EDTFParseException, ValueError, TypeError):
            raise DateError(text) from None
    try:
        return _span(text)
    except ValueError:
        raise DateError(text) from None


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
