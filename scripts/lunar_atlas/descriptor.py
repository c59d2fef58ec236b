"""The package descriptor (datapackage.json): reading it and asking it about its tables and fields."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .problems import Problem
from .paths import display_path


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
    def __init__(self, path: Path, data: dict):
        self.path = path
        self.data = data
        self.base = path.parent
        self.tables: dict[str, Table] = {r["name"]: Table(r, self.base) for r in data["resources"]}

    @property
    def as_of(self) -> str:
        return self.data["x-asOf"]

    @property
    def version(self) -> str:
        return self.data["version"]


def _line_of(text: str, needle: str) -> int:
    index = text.find(needle)
    return text.count("\n", 0, index) + 1 if index >= 0 else 1


def load_descriptor(path: Path) -> Descriptor:
    """Read datapackage.json, or raise DescriptorError naming what is wrong with it."""
    shown = display_path(path)
    if not path.is_file():
        raise DescriptorError([Problem(shown, 1, "-", "missing-file", str(path.name), "a datapackage.json file at this path")])
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
        data = json.loads(text)
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        raise DescriptorError([Problem(shown, line, "-", "encoding", repr(raw[err.start:err.end]), "UTF-8 text")]) from None
    except json.JSONDecodeError as err:
        raise DescriptorError([Problem(shown, err.lineno, f"char {err.colno}", "json", err.msg, "valid JSON")]) from None
    problems = _structure_problems(shown, text, data)
    if problems:
        raise DescriptorError(problems)
    return Descriptor(path, data)


def _structure_problems(shown: str, text: str, data) -> list[Problem]:
    """The parts of the descriptor the validator relies on before frictionless sees it."""
    if not isinstance(data, dict) or not isinstance(data.get("resources"), list) or not data["resources"]:
        return [Problem(shown, 1, "resources", "descriptor", "", "an object with a non-empty list of resources")]
    problems = []
    for index, resource in enumerate(data["resources"]):
        where = f"resources[{index}]"
        if not isinstance(resource, dict) or not isinstance(resource.get("name"), str):
            problems.append(Problem(shown, 1, where, "descriptor", "", "a resource with a name"))
            continue
        line = _line_of(text, f'"name": "{resource["name"]}"')
        if not isinstance(resource.get("path"), str):
            problems.append(Problem(shown, line, f"{where}.path", "descriptor", "", "a path to the resource's CSV file"))
        schema = resource.get("schema")
        if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list) or len(schema.get("primaryKey") or []) != 1:
            problems.append(Problem(shown, line, f"{where}.schema", "descriptor", "", "an inline schema with fields and a one-field primary key"))
    if "x-asOf" not in data:
        problems.append(Problem(shown, 1, "x-asOf", "descriptor", "", "the package's as-of date"))
    return problems
