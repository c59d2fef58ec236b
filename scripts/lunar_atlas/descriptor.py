"""The package descriptor (datapackage.json): reading it and asking it about its tables and fields."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .problems import Problem
from .paths import display_path


MAX_DESCRIPTOR_BYTES = 16 * 1024 * 1024


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
    def __init__(self, path: Path, data: dict):
        self.path = path
        self.data = data
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


def _line_of(text: str, needle: str) -> int:
    index = text.find(needle)
    return text.count("\n", 0, index) + 1 if index >= 0 else 1


def load_descriptor(path: Path) -> Descriptor:
    """Read datapackage.json, or raise DescriptorError naming what is wrong with it."""
    shown = display_path(path)
    if not path.is_file():
        raise DescriptorError([Problem(shown, 1, "-", "missing-file", str(path.name), "a datapackage.json file at this path")])
    if path.stat().st_size > MAX_DESCRIPTOR_BYTES:
        raise DescriptorError([Problem(shown, 1, "-", "file-too-large", f"{path.stat().st_size:,} bytes",
                                       f"a descriptor of at most {MAX_DESCRIPTOR_BYTES:,} bytes")])
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


FIELD_TYPES = {"string", "integer", "number", "boolean", "list", "date", "datetime", "year", "object", "array", "any"}


def _is_names(value) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, str) for v in value)


def _key_problems(keys, names: set[str]) -> str | None:
    if not isinstance(keys, list):
        return "a list of foreign keys"
    for key in keys:
        reference = key.get("reference") if isinstance(key, dict) else None
        if not (isinstance(key, dict) and _is_names(key.get("fields")) and isinstance(reference, dict)
                and _is_names(reference.get("fields")) and isinstance(reference.get("resource", ""), str)
                and all(f in names for f in key["fields"])):
            return "foreign keys with fields of this table and a reference to fields of another"
    return None


def _schema_problem(schema) -> str | None:
    """What is wrong with a resource's schema, as far as the validator relies on it; None when nothing is."""
    if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list) or not schema["fields"]:
        return "an inline schema with a list of fields"
    fields = schema["fields"]
    if not all(isinstance(f, dict) and isinstance(f.get("name"), str) and f["name"] for f in fields):
        return "fields that each have a name"
    names = [f["name"] for f in fields]
    if len(set(names)) != len(names):
        return "field names used once each"
    for spec in fields:
        if spec.get("type", "string") not in FIELD_TYPES:
            return f"a known type for field {spec['name']!r}"
        if not isinstance(spec.get("constraints", {}), dict):
            return f"constraints of field {spec['name']!r} as an object"
        if spec.get("type") == "list" and not isinstance(spec.get("delimiter", ","), str):
            return f"a text delimiter for list field {spec['name']!r}"
    key = schema.get("primaryKey")
    if not (_is_names(key) and len(key) == 1 and key[0] in names):
        return "a one-field primary key naming one of the fields"
    for keys in ("foreignKeys", "x-listForeignKeys"):
        problem = _key_problems(schema.get(keys, []), set(names))
        if problem:
            return problem
    return None


def _safe_path(value) -> bool:
    """A resource path inside the package folder: relative, no parent steps, no URL."""
    return (isinstance(value, str) and value and not value.startswith(("/", "\\")) and ".." not in value.replace("\\", "/").split("/")
            and ":" not in value)


def _structure_problems(shown: str, text: str, data) -> list[Problem]:
    """The parts of the descriptor the validator relies on before frictionless sees it."""
    if not isinstance(data, dict) or not isinstance(data.get("resources"), list) or not data["resources"]:
        return [Problem(shown, 1, "resources", "descriptor", "", "an object with a non-empty list of resources")]
    problems = []
    seen = set()
    for index, resource in enumerate(data["resources"]):
        where = f"resources[{index}]"
        if not isinstance(resource, dict) or not isinstance(resource.get("name"), str) or resource["name"] in seen:
            problems.append(Problem(shown, 1, where, "descriptor", "", "a resource with a name of its own"))
            continue
        seen.add(resource["name"])
        line = _line_of(text, f'"name": "{resource["name"]}"')
        if not _safe_path(resource.get("path")):
            problems.append(Problem(shown, line, f"{where}.path", "descriptor", str(resource.get("path", "")),
                                    "a relative path to the resource's CSV file inside the package folder"))
        problem = _schema_problem(resource.get("schema"))
        if problem:
            problems.append(Problem(shown, line, f"{where}.schema", "descriptor", "", problem))
    as_of = data.get("x-asOf")
    if not isinstance(as_of, str) or not _is_date(as_of):
        problems.append(Problem(shown, _line_of(text, '"x-asOf"'), "x-asOf", "descriptor", str(as_of), "the package's as-of date, such as 2026-04-11"))
    return problems


def _is_date(text: str) -> bool:
    from .dates import DateError, parse_date

    try:
        parse_date(text)
    except DateError:
        return False
    return True
