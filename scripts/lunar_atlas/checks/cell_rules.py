"""Rules on single cells that a Table Schema cannot say: clean text, EDTF dates, time zones, web addresses, list items."""

from __future__ import annotations

import re
import unicodedata
import zoneinfo
from functools import lru_cache
from urllib.parse import urlsplit

from ..catalog import Catalog, TableData
from ..dates import DateError, parse_date, time_is_utc
from ..problems import Problem

FORMULA_START = ("=", "+", "-", "@")
PLAIN_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")  # a spreadsheet reads -41.5 as a number, not a formula


@lru_cache(maxsize=1)
def _time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")  # Unicode category Cc, all of it
# Most columns break no text rule, and checking them whole in C is far faster than cell by cell in Python.
# The cells are joined by a noncharacter that never composes with a neighbour, so NFC holds for the join
# exactly when it holds for every cell.
JOIN = "\uffff"


def _text_problem(text: str) -> tuple[str, str] | None:
    if CONTROL.search(text):
        return "control-character", "text without control characters (tabs, line breaks, other invisible codes)"
    if text != text.strip():
        return "not-trimmed", "text without leading or trailing spaces"
    if not unicodedata.is_normalized("NFC", text):
        return "not-nfc", "text in Unicode NFC form (composed accents)"
    return _formula_problem(text)


def _formula_problem(text: str) -> tuple[str, str] | None:
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


def _column_is_clean(texts: list[str]) -> bool:
    """No control character, stray space or non-NFC text in any cell (formulas are left to each cell)."""
    joined = JOIN.join(texts)
    return not CONTROL.search(joined) and list(map(str.strip, texts)) == texts and unicodedata.is_normalized("NFC", joined)


def _needs_each_cell(field: dict) -> bool:
    return bool(field.get("x-format") or field.get("format") or field.get("x-itemPattern"))


def _check_cell(field: dict, text: str, column_is_clean: bool = False) -> tuple[str, str] | None:
    kind = field.get("type", "string")
    if kind not in ("string", "list"):
        return None
    found = _formula_problem(text) if column_is_clean else _text_problem(text)
    if found or kind == "list":
        return found
    if field.get("x-format") == "edtf":
        return _date_problem(text)
    if field.get("x-format") == "iana-timezone" and text not in _time_zones():
        return "timezone", "an IANA time zone name, such as Asia/Shanghai or UTC"
    if field.get("format") == "uri" and not _is_web_address(text):
        return "uri", "a web address starting with https:// or http://, such as " + field.get("example", "https://example.org/")
    return None


def _is_web_address(text: str) -> bool:
    # Checked here rather than by frictionless' RFC 3986 parser, which took 60 µs a cell and accepts
    # things no reader can follow, such as "urn:x" or "mailto:".
    try:
        parts = urlsplit(text)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname) and " " not in text


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
        for field in data.table.fields:
            if "pattern" in field.get("constraints", {}) or field.get("type", "string") not in ("string", "list"):
                continue
            name, position = field["name"], data.table.position[field["name"]]
            cells = [(index, record[position]) for index, record in enumerate(data.records) if record[position]]
            clean = _column_is_clean([text for _, text in cells])
            if clean and not _needs_each_cell(field):
                cells = [(index, text) for index, text in cells if text.startswith(FORMULA_START)]
            for index, text in cells:
                found = _check_cell(field, text, clean)
                if found:
                    problems.append(Problem(shown, data.row_number(index), name, found[0], text, found[1]))
                elif field.get("type") == "list":
                    problems += [Problem(shown, data.row_number(index), name, rule, value, expected)
                                 for rule, value, expected in _list_item_problems(data, index, field)]
    return problems
