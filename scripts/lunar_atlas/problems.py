"""A problem found in the package, and the three ways of printing a list of them."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from .hidden_characters import UNSEEN

MAX_VALUE_CHARS = 60


def visible(text) -> str:
    """Control and invisible characters written as \\uXXXX, so no value in a report line or a workflow annotation
    can start a line, colour a terminal, forge an annotation or hide or reorder text."""
    return UNSEEN.sub(lambda m: f"\\u{ord(m.group()):04x}", str(text))


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    row: int
    column: str
    rule: str
    value: str
    expected: str

    def shown_value(self) -> str:
        """The value quoted, control characters visible, long values cut."""
        value = self.value if len(self.value) <= MAX_VALUE_CHARS else self.value[:MAX_VALUE_CHARS] + "…"
        return visible(json.dumps(value, ensure_ascii=False))


@dataclass(frozen=True)
class Dispute:
    """A cell whose sources give values that cannot all be true: shown, not an error."""

    file: str
    row: int
    column: str
    row_id: str
    values: tuple[str, ...]


@dataclass
class Report:
    problems: list[Problem]
    disputes: list[Dispute]
    summary: list[str] = field(default_factory=list)  # lines on the sources' tiers, printed after the text report


def unique_sorted(problems) -> list[Problem]:
    return sorted(set(problems))


def as_text(problems: list[Problem], disputes: list[Dispute] = ()) -> str:
    lines = [visible(f"{p.file}:{p.row}:{p.column}  {p.rule}  ") + f"{p.shown_value()} — {visible(p.expected)}" for p in problems]
    noun = "problem" if len(problems) == 1 else "problems"
    lines.append(f"{len(problems)} {noun} found." if problems else "The package is valid: no problems found.")
    if disputes:
        lines.append(f"{len(disputes)} disputed {'fact' if len(disputes) == 1 else 'facts'}, where sources disagree (not errors):")
        lines += [visible(f"  {d.file}:{d.row}:{d.column}  {d.row_id}: " + " vs ".join(d.values)) for d in disputes]
    return "\n".join(lines) + "\n"


def as_json(problems: list[Problem], disputes: list[Dispute] = ()) -> str:
    body = {"valid": not problems, "problems": [asdict(p) for p in problems], "disputes": [asdict(d) for d in disputes]}
    # Readable text stays as it is; a character that hides or reorders text is written as its JSON escape, which
    # reads back as the same value. The only raw line breaks in the output are the indentation's.
    text = json.dumps(body, ensure_ascii=False, indent=2)
    return UNSEEN.sub(lambda m: m.group() if m.group() == "\n" else json.dumps(m.group())[1:-1], text) + "\n"


def _escape_data(text: str) -> str:
    return visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(problems: list[Problem], disputes: list[Dispute] = ()) -> str:
    """GitHub Actions workflow commands, so a pull request shows each problem on its CSV line."""
    lines = [
        f"::error file={_escape_property(p.file)},line={max(p.row, 1)},title={_escape_property(p.rule)}::"
        + _escape_data(f"{p.column}: {p.shown_value()} — {p.expected}")
        for p in problems
    ]
    return "".join(line + "\n" for line in lines)


FORMATTERS = {"text": as_text, "json": as_json, "github": as_github}
