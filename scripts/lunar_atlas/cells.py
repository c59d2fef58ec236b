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
