"""What the descriptor says to readers: its titles, descriptions and labels reach every page and report, so none may
hide or reorder text, and every allowed value has the label readers see in its place."""

from __future__ import annotations

import json

from .descriptor_rules import line_of
from .hidden_characters import hidden_text_problem
from .problems import Problem


def _texts(data):
    """Every text value in the descriptor with where it is, such as resources[2].schema.fields[1].title."""
    stack = [(data, "")]
    while stack:
        value, where = stack.pop()
        if isinstance(value, dict):
            stack += [(child, f"{where}.{key}" if where else str(key)) for key, child in value.items()]
        elif isinstance(value, list):
            stack += [(child, f"{where}[{index}]") for index, child in enumerate(value)]
        elif isinstance(value, str):
            yield where, value


def _line_of_text(text: str, value: str) -> int:
    """The line the value is written on, whether the file writes its characters as they are or as \\u escapes."""
    written = [form for form in (json.dumps(value, ensure_ascii=False)[1:-1], json.dumps(value)[1:-1]) if form in text]
    return line_of(text, written[0]) if written else 1


def text_problems(shown: str, text: str, data) -> list[Problem]:
    """Titles, descriptions and labels reach every page and report: none may hide, break or reorder what a reader
    sees. The dialect's line terminator is the one text that is a control character, and DIALECT fixes it."""
    problems = []
    for where, value in _texts(data):
        found = None if where.endswith(".dialect.lineTerminator") and value == "\n" else hidden_text_problem(value)
        if found:
            problems.append(Problem(shown, _line_of_text(text, value), where, found[0], value, found[1]))
    return sorted(problems)


def _field_line(text: str, table: str, field: str) -> int:
    """The line that names a field of a table, found after the line that names the table."""
    return line_of(text, f'"name": "{field}"', max(text.find(f'"name": "{table}"'), 0))


def label_problems(shown: str, text: str, resources: list[dict]) -> list[Problem]:
    """Every allowed value has a label in its field's categories: readers see the label, never the code."""
    problems = []
    for index, resource in enumerate(resources):
        for position, spec in enumerate(resource["schema"]["fields"]):
            allowed = (spec.get("constraints") or {}).get("enum")
            if not isinstance(allowed, list):
                continue
            labelled = [item.get("value") for item in spec.get("categories") or []  # a list: values need not hash
                        if isinstance(item, dict) and isinstance(item.get("label"), str) and item["label"].strip()]
            for value in allowed:
                if value not in labelled:
                    problems.append(Problem(shown, _field_line(text, resource["name"], spec["name"]),
                                            f"resources[{index}].schema.fields[{position}].categories", "unlabelled-value",
                                            str(value), f"a category for {value!r} in {resource['name']}.{spec['name']} "
                                                        "with the label readers see in its place"))
    return problems
