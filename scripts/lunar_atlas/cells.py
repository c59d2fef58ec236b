"""Turning CSV text into typed values, by the field's Table Schema type."""

from __future__ import annotations

TRUE_VALUES = {"true", "True", "TRUE", "1"}
FALSE_VALUES = {"false", "False", "FALSE", "0"}


class CellError(ValueError):
    pass


def parse_cell(text: str, field: dict):
    """The typed value of a cell; None for an empty one. Raises CellError when it does not fit the type."""
    if text == "":
        return None
    kind = field.get("type", "string")
    try:
        if kind == "integer":
            return int(text)
        if kind == "number":
            return float(text)
    except ValueError:
        raise CellError(text) from None
    if kind == "boolean":
        if text in TRUE_VALUES:
            return True
        if text in FALSE_VALUES:
            return False
        raise CellError(text)
    if kind == "list":
        return text.split(field.get("delimiter", ","))
    return text


def cell_text(value, field: dict | None = None) -> str:
    """A cell's value back as the CSV writes it (parse_cell's inverse): empty for none, true or false, a list joined
    by the field's delimiter, anything else as str() gives it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return (field or {}).get("delimiter", ",").join(value)
    return str(value)
