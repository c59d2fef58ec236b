"""Rules on single cells that a Table Schema cannot say: clean text, EDTF dates, time zones, web addresses, list items."""

from __future__ import annotations

import re
import unicodedata
import zoneinfo
from functools import lru_cache
from urllib.parse import urlsplit

from ..catalog import Catalog, TableData
from ..dates import DateError, parse_date, time_is_utc
from ..hidden_characters import CONTROL_CHARACTER, HIDDEN, hidden_text_problem
from ..patterns import ID_PATTERN, ID_WORDS, TIMEOUT_SECONDS, BadPattern, SlowPattern, all_ids, is_id, matches
from ..problems import Problem
from .expectations import constraint_words

FORMULA_START = ("=", "+", "-", "@")
PLAIN_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")  # a spreadsheet reads -41.5 as a number, not a formula


@lru_cache(maxsize=1)
def _time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


# Most columns break no text rule, and checking them whole in C is far faster than cell by cell in Python.
# The cells are joined by a noncharacter that never composes with a neighbour, so NFC holds for the join
# exactly when it holds for every cell.
JOIN = "\uffff"


def _text_problem(text: str) -> tuple[str, str] | None:
    found = hidden_text_problem(text)
    if found:
        return found
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
    """No control or invisible character, stray space or non-NFC text in any cell (formulas are left to each cell)."""
    joined, ascii = JOIN.join(texts), all(map(str.isascii, texts))
    # Every hidden character is outside ASCII, and ASCII text is NFC: an ASCII column needs neither search.
    return (not CONTROL_CHARACTER.search(joined) and list(map(str.strip, texts)) == texts
            and (ascii or (not HIDDEN.search(joined) and unicodedata.is_normalized("NFC", joined))))


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


# The plain form nearly every address takes; whatever matches it passes the full test below too.
PLAIN_WEB_ADDRESS = re.compile(r"https?://[A-Za-z0-9.-]+(?::[0-9]+)?(?:[/?#][^\s]*)?")


def _is_web_address(text: str) -> bool:
    # Checked here rather than by frictionless' RFC 3986 parser, which took 60 µs a cell and accepts
    # things no reader can follow, such as "urn:x" or "mailto:".
    if PLAIN_WEB_ADDRESS.fullmatch(text):
        return True
    try:
        parts = urlsplit(text)
    except ValueError:
        return False
    # A backslash is read as a slash by a browser and as part of a user name by urlsplit: the two would disagree
    # on the host a link goes to.
    return parts.scheme in ("http", "https") and bool(parts.hostname) and " " not in text and "\\" not in text


def id_fields(table) -> set[str]:
    """The fields whose values name rows, and so pages and files: the code holds them to its own ID rule."""
    names = {table.primary_key} | {key.field for key in table.foreign_keys}
    return names | ({"old_id", "new_id"} & set(table.field_names) if table.name == "renames" else set())


def _pattern_problem(field: dict, text: str, is_key: bool) -> tuple[str, str] | None:
    """The ID rule for key fields, else the descriptor's pattern, run with a time bound."""
    if is_key:
        return None if is_id(text) else ("pattern", f"{ID_WORDS}, such as {field.get('example', 'change-6')}")
    pattern = field.get("constraints", {}).get("pattern")
    if pattern is None or matches(pattern, text):
        return None
    return "pattern", constraint_words(field, "pattern")


def _item_pattern(field: dict, is_key: bool) -> str | None:
    return ID_PATTERN if is_key else field.get("x-itemPattern")


def _list_item_problems(field: dict, items: list[str], is_key: bool) -> list[tuple[str, str, str]]:
    pattern = _item_pattern(field, is_key)
    if not pattern:
        return []
    expected = f"items that are each {ID_WORDS}" if is_key else f"items matching {pattern}"
    return [("slug", item, f"{expected}, separated by {field.get('delimiter', ',')!r} without spaces")
            for item in items if not (is_id(item) if is_key else matches(pattern, item))]


def _text_item_problems(field: dict, text: str) -> list[tuple[str, str, str]]:
    """A list of free text (authors, other names): no empty item, no space around the delimiter, no formula."""
    delimiter = field.get("delimiter", ",")
    found = []
    for item in text.split(delimiter):
        if not item:
            found.append(("empty-item", text, f"items that each hold a value: no {delimiter!r} at either end or twice in a row"))
        elif item != item.strip():
            found.append(("not-trimmed", item, f"items without spaces around the {delimiter!r} between them"))
        elif _formula_problem(item):
            found.append(("formula", item, "items that do not start with = + - @, which a spreadsheet would run as a formula"))
    return found[:1] if found and found[0][0] == "empty-item" else found


def _needs_item_check(field: dict, text: str) -> bool:
    """Whether a clean cell of a free-text list may still break an item rule: only one with its delimiter can."""
    return field.get("type") == "list" and field.get("delimiter", ",") in text


def _cell_verdict(field: dict, text: str, is_key: bool, column_is_clean: bool) -> list[tuple[str, str, str]]:
    """What is wrong with one cell's text, as (rule, value, expected): the cell's own problem, or each bad list item."""
    found = _pattern_problem(field, text, is_key) if field.get("type", "string") == "string" else None
    found = found or _check_cell(field, text, column_is_clean)
    if found:
        return [(found[0], text, found[1])]
    if field.get("type") == "list" and _item_pattern(field, is_key):
        return _list_item_problems(field, text.split(field.get("delimiter", ",")), is_key)
    if field.get("type") == "list":
        return _text_item_problems(field, text)
    return []


def _column_problems(data: TableData, field: dict, is_key: bool) -> list[Problem]:
    name, position, shown = field["name"], data.table.position[field["name"]], data.file.shown
    column = [record[position] for record in data.records]
    texts = list(filter(None, column))
    clean = _column_is_clean(texts)
    delimiter = field.get("delimiter", ",") if field.get("type") == "list" else None
    # The ID rule is checked over the whole column at once where it can be: nearly every key column passes.
    ids_checked = is_key and clean and all_ids(texts, delimiter)
    patterned = (is_key and not ids_checked) or (not is_key and ("pattern" in field.get("constraints", {}) or _item_pattern(field, is_key)))
    if clean and not patterned and not _needs_each_cell(field):
        cells = [(index, text) for index, text in enumerate(column) if text.startswith(FORMULA_START) or _needs_item_check(field, text)]
    else:
        cells = [(index, text) for index, text in enumerate(column) if text]
    problems = []
    verdicts: dict[str, list] = {}  # a value repeated down a column (a source, a table's name) is judged once
    for index, text in cells:
        verdict = verdicts.get(text)
        if verdict is None:
            try:
                verdict = verdicts[text] = _cell_verdict(field, text, is_key, clean)
            except BadPattern as err:
                return [Problem(shown, 1, name, "pattern-invalid", str(err.args[0])[:200], "a pattern that compiles, in the descriptor")]
            except SlowPattern:
                return problems + [Problem(shown, data.row_number(index), name, "pattern-too-slow", text,
                                           f"a pattern that decides within {TIMEOUT_SECONDS} s; the descriptor's pattern backtracks without end")]
        if verdict:
            row = data.row_number(index)
            problems += [Problem(shown, row, name, *found) for found in verdict]
    return problems


def cell_problems(catalog: Catalog) -> list[Problem]:
    """Text rules on every text cell, whatever pattern the descriptor gives it; IDs by the code's own rule."""
    problems = []
    for data in catalog.tables.values():
        keys = id_fields(data.table)
        for field in data.table.fields:
            if field.get("type", "string") in ("string", "list"):
                problems += _column_problems(data, field, field["name"] in keys)
    return problems
