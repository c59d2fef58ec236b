"""The package descriptor (datapackage.json): reading it and asking it about its tables and fields."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .descriptor_rules import MAX_DEPTH, depth_of, structure_problems
from .descriptor_words import text_problems
from .paths import UnsafePath, display_path, read_package_file
from .problems import Problem


MAX_DESCRIPTOR_BYTES = 4 * 1024 * 1024  # the real one is under 100 KB


class DescriptorError(Exception):
    """The descriptor cannot be used at all; carries the problems that say why."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(p.expected for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class ForeignKey:
    field: str
    resource: str  # the referenced table's name
    target: str  # the referenced field
    is_list: bool  # the field holds a delimited list of references


class Table:
    """One resource of the package: its file, its fields and its keys."""

    def __init__(self, resource: dict, base: Path):
        self.resource = resource
        self.name: str = resource["name"]
        self.path: Path = base / resource["path"]
        self.schema: dict = resource["schema"]
        self.fields: list[dict] = self.schema["fields"]
        self.field_names: list[str] = [f["name"] for f in self.fields]
        self.by_name: dict[str, dict] = {f["name"]: f for f in self.fields}
        self.position: dict[str, int] = {name: index for index, name in enumerate(self.field_names)}
        self.primary_key: str = self.schema["primaryKey"][0]
        self.row_meaning: str = resource.get("x-row", "")

    @cached_property
    def foreign_keys(self) -> list[ForeignKey]:
        keys = []
        for spec, is_list in [(k, False) for k in self.schema.get("foreignKeys", [])] + [
            (k, True) for k in self.schema.get("x-listForeignKeys", [])
        ]:
            ref = spec["reference"]
            keys.append(ForeignKey(spec["fields"][0], ref.get("resource") or self.name, ref["fields"][0], is_list))
        return keys

    def fields_with(self, key: str, value) -> list[dict]:
        return [f for f in self.fields if f.get(key) == value]


class Descriptor:
    def __init__(self, path: Path, data: dict, text: str = ""):
        self.path = path
        self.data = data
        self.text = text  # as read, for the line numbers of what the validator reports in it
        self.base = path.parent
        self.tables: dict[str, Table] = {r["name"]: Table(r, self.base) for r in data["resources"]}

    @property
    def as_of(self) -> str:
        return self.data["x-asOf"]

    @property
    def as_of_moment(self):
        """The as-of date's first instant: the one time a build of this data carries."""
        from .dates import parse_date

        return parse_date(self.as_of).lower


def load_descriptor(path: Path) -> Descriptor:
    """Read datapackage.json, or raise DescriptorError naming what is wrong with it."""
    shown = display_path(path)

    def refuse(line, column, rule, value, expected):
        return DescriptorError([Problem(shown, line, column, rule, value, expected)])

    if "\x00" in str(path) or not os.path.lexists(path):
        raise refuse(1, "-", "missing-file", str(path.name).replace("\x00", ""), "a datapackage.json file at this path")
    size = os.lstat(path).st_size
    if size > MAX_DESCRIPTOR_BYTES:
        raise refuse(1, "-", "file-too-large", f"{size:,} bytes", f"a descriptor of at most {MAX_DESCRIPTOR_BYTES:,} bytes")
    try:
        raw = read_package_file(path, MAX_DESCRIPTOR_BYTES)
    except UnsafePath as err:
        raise refuse(1, "-", "not-a-plain-file", str(err), "a plain datapackage.json file; its content is not read") from None
    try:
        text = raw.decode("utf-8")
        data = json.loads(text)
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        raise refuse(line, "-", "encoding", repr(raw[err.start:err.end]), "UTF-8 text") from None
    except json.JSONDecodeError as err:
        raise refuse(err.lineno, f"char {err.colno}", "json", err.msg, "valid JSON") from None
    except RecursionError:
        raise refuse(1, "-", "descriptor", "nested too deeply", f"JSON nested at most {MAX_DEPTH} levels deep") from None
    if depth_of(data) > MAX_DEPTH:
        raise refuse(1, "-", "descriptor", "nested too deeply", f"JSON nested at most {MAX_DEPTH} levels deep")
    problems = structure_problems(shown, text, data)
    refused = {problem.column for problem in problems}  # a name or path refused already needs no second line
    problems += [problem for problem in text_problems(shown, text, data) if problem.column not in refused]
    if problems:
        raise DescriptorError(problems)
    return Descriptor(path, data, text)
