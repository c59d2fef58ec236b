"""Dates, numbers and values as a reader wants to see them, never more precise than the data.

The date functions take a cell as it is (empty, or an EDTF string) and ask its `dates.Span`.
"""

from __future__ import annotations

from .dates import parse_date, span_or_none


def yes_no(value: bool) -> str:
    """A true or false value in the words a reader reads beside "Crewed landing" and "Success"."""
    return "Yes" if value else "No"


def date_words(text: str | None) -> str:
    """'2024-06' → 'June 2024'; '2019~' → 'about 2019'; '../2030' → 'by 2030'; times in UTC."""
    if not text:
        return ""
    span = span_or_none(text)
    return span.words if span else text


def local_time_words(text: str | None, zone: str | None) -> str:
    """The same instant on the local clock, where the data has a time and a time zone."""
    span = span_or_none(text)
    return span.local_words(zone) if span else ""


def sort_key(text: str | None) -> str:
    """An ISO-like key that sorts EDTF strings by their anchor (the earliest instant; an open start's latest); empty last."""
    if not text:
        return "9999"
    span = span_or_none(text)
    return span.sort_key if span else text


def year_of(text: str) -> int:
    return parse_date(text).year


def decade_of(text: str) -> int:
    """The decade a date falls in, as its first year (1969 -> 1960)."""
    return year_of(text) // 10 * 10


def decade_label(text: str) -> str:
    """The decade a date falls in, as a reader names it ("1960s")."""
    return f"{decade_of(text)}s"


# Titles in the descriptor are in sentence case; a title may begin with a name, which keeps its capital inside a
# sentence as an acronym does.
NAMES_IN_TITLES = ("Wikidata",)


def in_sentence(title: str) -> str:
    """A column's or table's title as it reads inside a sentence ("launch vehicle", "COSPAR ID", "Wikidata ID"):
    the first letter is lowered unless the first word is an acronym or a name."""
    first = title.split(" ", 1)[0]
    if not first or first in NAMES_IN_TITLES or any(letter.isupper() for letter in first[1:]):
        return title
    return first[0].lower() + title[1:]


LEADING_PUNCTUATION = "\"'‘’“”«»„([¿¡…-–— "


def label_order(label: str) -> str:
    """Where a name falls in an alphabetical list: a title in quotation marks sorts by its first word, as the
    browser's sort does (tables.js ignores punctuation)."""
    return label.lstrip(LEADING_PUNCTUATION).casefold()


def coordinate_axis(name: str) -> str | None:
    """"lat" or "lon" for a number column named as a latitude or longitude (lat, landing_lon), else None: the names
    the validator pairs as one position."""
    return name[-3:] if name.endswith(("lat", "lon")) else None


def coordinate_pairs(names: list[str]) -> list[tuple[str, str]]:
    """Each latitude column with the longitude of the same prefix (landing_lat, landing_lon): one position each."""
    return [(name, name[:-3] + "lon") for name in names if coordinate_axis(name) == "lat" and name[:-3] + "lon" in names]


def coordinate_words(value: float, axis: str) -> str:
    """A latitude or longitude as a reader writes it, to at most two decimals and no more than the value has (8.35° N,
    153.99° W, 36.1° S); the value itself is the precise form."""
    ahead, behind = ("N", "S") if axis == "lat" else ("E", "W")
    degrees = f"{abs(value):.2f}".rstrip("0").rstrip(".")
    return "0°" if degrees == "0" else f"{degrees}° {ahead if value > 0 else behind}"


def position_words(lat: float, lon: float) -> str:
    """A point on the Moon as a reader writes it: 41.64° S, 153.99° W."""
    return f"{coordinate_words(lat, 'lat')}, {coordinate_words(lon, 'lon')}"


def number_words(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}"
