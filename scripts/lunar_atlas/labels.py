"""Words for codes: the reader's label of every allowed value, and the name of every country.

Allowed values carry their labels in datapackage.json (Table Schema `categories`, each a value and a label).
Country codes (ISO 3166-1 alpha-2) are named by ISO 3166 itself, through pycountry: current countries, then
withdrawn ones (SU, the Soviet Union) from ISO 3166-3. A field's `x-countryNames` gives the name readers use
where ISO's formal one differs, and its `x-countryAdjectives` the word for what is the country's ("Chinese"), which
search finds a row by. Languages (BCP 47 tags) are named by ISO 639 and their scripts by ISO 15924;
topics, written as slugs, are shown as words.
"""

from __future__ import annotations

from functools import lru_cache

import pycountry

COUNTRY_FIELDS = {"country", "nationality"}
LANGUAGE_FIELDS = {"language"}  # BCP 47 tags, named by ISO 639 and ISO 15924 through pycountry
SLUG_FIELDS = {"topics"}  # words written as slugs: shown with spaces
LABEL_FIELDS = {"sources": "title", "events": "title", "quotes": "text"}  # the column that labels a row, where not "name"


@lru_cache(maxsize=None)
def iso_country_name(code: str) -> str | None:
    """The ISO 3166 name of a two-letter code, current or historic; None when ISO has no such code."""
    country = pycountry.countries.get(alpha_2=code)
    if country is not None:
        return getattr(country, "common_name", None) or country.name
    historic = pycountry.historic_countries.get(alpha_2=code)
    return historic.name if historic is not None else None


def is_country_field(spec: dict) -> bool:
    return spec.get("name") in COUNTRY_FIELDS


def is_worded_field(spec: dict) -> bool:
    """A field whose values are codes or slugs that the site turns into words without a list of labels."""
    return spec.get("name") in COUNTRY_FIELDS | LANGUAGE_FIELDS | SLUG_FIELDS


@lru_cache(maxsize=None)
def language_name(tag: str) -> str:
    """A BCP 47 tag's language in words ("English"; "Hindi (Latin script)" for hi-Latn); the tag where ISO knows none."""
    first, *rest = tag.split("-")
    language = pycountry.languages.get(**{"alpha_2" if len(first) == 2 else "alpha_3": first.lower()}) if len(first) in (2, 3) else None
    if language is None:
        return tag
    scripts = [pycountry.scripts.get(alpha_4=part.title()) for part in rest if len(part) == 4 and part.isalpha()]
    named = [f"{script.name} script" for script in scripts if script is not None]
    return f"{language.name} ({', '.join(named)})" if named else language.name


def country_name(code: str | None, spec: dict | None = None) -> str:
    """A country's name for readers; the code itself where ISO 3166 knows none."""
    if not code:
        return ""
    names = (spec or {}).get("x-countryNames") or {}
    return names.get(code) or iso_country_name(code) or code


def country_adjective(code: str | None, spec: dict | None = None) -> str:
    """The word for what is the country's ("Chinese" for CN), where the field's descriptor gives one."""
    return ((spec or {}).get("x-countryAdjectives") or {}).get(code or "", "")


def categories(spec: dict) -> dict[str, str]:
    """A field's allowed values with their labels, in the descriptor's order."""
    found = {}
    for item in spec.get("categories") or []:
        if isinstance(item, dict) and isinstance(item.get("value"), str):
            found[item["value"]] = str(item.get("label") or item["value"])
        elif isinstance(item, str):
            found[item] = item
    return found


def category_notes(spec: dict) -> dict[str, str]:
    """What each allowed value means, where the descriptor says (a category's x-description)."""
    return {item["value"]: item["x-description"] for item in spec.get("categories") or []
            if isinstance(item, dict) and isinstance(item.get("value"), str) and isinstance(item.get("x-description"), str)}


def value_label(spec: dict, value) -> str:
    """What a reader sees for one value of a field: its label, a country's name, or the value itself."""
    if value is None:
        return ""
    text = str(value)
    if is_country_field(spec):
        return country_name(text, spec)
    if spec.get("name") in LANGUAGE_FIELDS:
        return language_name(text)
    if spec.get("name") in SLUG_FIELDS:
        return text.replace("-", " ")
    return categories(spec).get(text, text)
