"""Rules on single cells that a Table Schema cannot say: clean text, EDTF dates, time zones, list items."""

from __future__ import annotations

import re
import unicodedata
import zoneinfo
from functools import lru_cache

from ..catalog import Catalog, TableData
from ..dates import DateError, parse_date, time_is_utc
from ..problems import Problem

FORMULA_START = ("=", "+", "-", "@")
PLAIN_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")  # a spreadsheet reads -41.5 as a number, not a formula


@lru_cache(maxsize=1)
def _time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")  # Unicode category Cc, all of it


def _text_problem(text: str) -> tuple[str, str] | None:
    if CONTROL.search(text):
        return "control-character", "text without control characters (tabs, line breaks, other invisible codes)"
    if text != text.strip():
        return "not-trimmed", "text without leading or trailing spaces"
    if not unicodedata.is_normalized("NFC", text):
        return "not-nfc", "text in Unicode NFC form (composed accents)"
    if text.startswith(FORMULA_START) and not PLAIN_NUMBER.match(text):
        return "formula", "text that does not start with = + - @, which a spreadsheet would run as a formula"
    return None


def _date_problem(text: str) -> tuple[str, str] | None:
    try:
        parse_date(text)
    except DateError:
        return "edtf", "an EDTF date that exists, such as 2024-06-25, 2024-06, 2026, 2024-06~ or 2024-06-25T06:07:00Z"
    if not time_is_utc(text):
        return "utc", "a time in UTC, ending in Z"
    return None


def _check_cell(field: dict, text: str) -> tuple[str, str] | None:
    kind = field.get("type", "string")
    if kind not in ("string", "list"):
        return None
    found = _text_problem(text)
    if found or kind == "list":
        return found
    if field.get("x-format") == "edtf":
        return _date_problem(text)
    if field.get("x-format") == "iana-timezone" and text not in _time_zones():
        return "timezone", "an IANA time zone name, such as Asia/Shanghai or UTC"
    return None


def _list_item_problems(data: TableData, index: int, field: dict) -> list[tuple[str, str, str]]:
    pattern = field.get("x-itemPattern")
    items = data.rows[index][field["name"]] or []
    if not pattern:
        return []
    return [("slug", item, f"items matching {pattern}, separated by ';' without spaces")
            for item in items if not re.match(pattern, item)]


def cell_problems(catalog: Catalog) -> list[Problem]:
    problems = []
    for data in catalog.tables.values():
        shown = data.file.shown
        # A field with a pattern is already held to something stricter by the schema.
        fields = [f for f in data.table.fields if "pattern" not in f.get("constraints", {})]
        for index in range(len(data.rows)):
            row = data.row_number(index)
            for field in fields:
                text = data.raw(index, field["name"])
                if not text:
                    continue
                found = _check_cell(field, text)
                if found:
                    problems.append(Problem(shown, row, field["name"], found[0], text, found[1]))
                elif field.get("type") == "list":
                    problems += [Problem(shown, row, field["name"], rule, value, expected)
                                 for rule, value, expected in _list_item_problems(data, index, field)]
    return problems
