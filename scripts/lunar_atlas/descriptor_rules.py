"""What the code requires of a descriptor before anything reads it, whatever the descriptor says of itself.

A pull request can change datapackage.json as freely as any CSV. The rules here protect the machine and the
reader, so they are the code's own: names and paths that become file names, how a CSV is read, where schemas and
profiles come from (never the network), and how big and deep the descriptor may be.
"""

from __future__ import annotations

import re

from .addresses import is_link_template
from .contract import OPTIONAL, READS
from .problems import Problem

MAX_DEPTH = 24  # the real descriptor nests 7 deep; frictionless copies it recursively
MAX_RESOURCES = 64
MAX_FIELDS = 256
RESOURCE_NAME = re.compile(r"[a-z][a-z0-9_]{0,63}")  # becomes a file name, a URL and an SQL table name
RESOURCE_PATH = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}\.csv")  # a file directly in the package folder
FIELD_NAME = re.compile(r"[a-z][a-z0-9_]{0,63}")  # becomes a CSV header, a JSON key and an SQL column
FIELD_TYPES = {"string", "integer", "number", "boolean", "list", "date", "datetime", "year", "object", "array", "any"}
LIST_DELIMITERS = {";", "|"}

# How every table is read. Options that change which lines are rows (comment characters, header or skipped
# rows) would let a row escape every check, so a dialect may say nothing else.
DIALECT = {"$schema": "https://datapackage.org/profiles/2.0/tabledialect.json", "delimiter": ",", "lineTerminator": "\n", "header": True}
# What a resource may say about its file beyond its name and path: the one format the validator reads.
FILE_FACTS = {"type": "table", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8"}
PROFILES = {  # the only profiles a descriptor may name; any other would be fetched
    "https://datapackage.org/profiles/2.0/datapackage.json",
    "https://datapackage.org/profiles/2.0/dataresource.json",
    "https://datapackage.org/profiles/2.0/tabledialect.json",
    "https://datapackage.org/profiles/2.0/tableschema.json",
}
# Resource properties that make frictionless read something other than the CSV file beside the descriptor.
OTHER_DATA = ("data", "scheme", "compression", "innerpath", "extrapaths", "control")


def _is_text(value) -> bool:
    return isinstance(value, str)


def _is_text_list(value) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _is_text_map(value) -> bool:
    return isinstance(value, dict) and all(isinstance(key, str) and isinstance(item, str) for key, item in value.items())


# The project's own properties that the code reads, each with the shape it reads it in and the words for that shape.
FIELD_EXTENSIONS = {"x-countryNames": (_is_text_map, "an object of country codes and the names readers use"),
                    "x-countryAdjectives": (_is_text_map, "an object of country codes and their adjectives"),
                    "x-highlighted": (_is_text, "a text")}
RESOURCE_EXTENSIONS = {"x-copyHosts": (_is_text_list, "a list of host names"), "x-row": (_is_text, "a text saying what a row is"),
                       "x-outlinedOnMaps": (_is_text, "a place ID")}


def depth_of(data) -> int:
    """How deeply lists and objects nest, counted without recursion."""
    deepest, stack = 0, [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, (dict, list)):
            deepest = max(deepest, depth)
            if depth > MAX_DEPTH:
                return depth
            stack += [(child, depth + 1) for child in (value.values() if isinstance(value, dict) else value)]
    return deepest


def line_of(text: str, needle: str, start: int = 0) -> int:
    """The line of the first needle at or after start; 1 where there is none."""
    index = text.find(needle, start)
    return text.count("\n", 0, index) + 1 if index >= 0 else 1


def _is_names(value) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, str) for v in value)


def _key_problem(keys, names: set[str]) -> str | None:
    if not isinstance(keys, list):
        return "a list of foreign keys"
    for key in keys:
        reference = key.get("reference") if isinstance(key, dict) else None
        if not (isinstance(key, dict) and _is_names(key.get("fields")) and isinstance(reference, dict)
                and _is_names(reference.get("fields")) and isinstance(reference.get("resource", ""), str)
                and all(f in names for f in key["fields"])):
            return "foreign keys with fields of this table and a reference to fields of another"
    return None


def _field_problem(spec: dict) -> str | None:
    name = spec["name"]
    if not FIELD_NAME.fullmatch(name):
        return f"a field name of lowercase letters, digits and underscores, at most 64 characters (not {name!r})"
    if not isinstance(spec.get("type", "string"), str) or spec.get("type", "string") not in FIELD_TYPES:
        return f"a known type for field {name!r}"
    constraints = spec.get("constraints", {})
    if not isinstance(constraints, dict):
        return f"constraints of field {name!r} as an object"
    for key in ("pattern", "x-itemPattern"):
        value = constraints.get(key) if key == "pattern" else spec.get(key)
        if value is not None and not isinstance(value, str):
            return f"a text {key} for field {name!r}"
    if "x-linkTemplate" in spec and not is_link_template(spec["x-linkTemplate"]):
        return f"an x-linkTemplate for field {name!r} that is an https address with one {{}} for the identifier"
    for key, (is_shaped, shape) in FIELD_EXTENSIONS.items():
        if key in spec and not is_shaped(spec[key]):
            return f"{key} for field {name!r} as {shape}"
    if spec.get("type") == "list" and not (isinstance(spec.get("delimiter", ","), str) and spec.get("delimiter", ",") in LIST_DELIMITERS):
        return f"a list delimiter of ';' or '|' for field {name!r}"
    return None


def _schema_problem(schema) -> str | None:
    """What is wrong with a resource's schema, as far as the code relies on it; None when nothing is."""
    if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list) or not schema["fields"]:
        return "an inline schema with a list of fields"
    fields = schema["fields"]
    if len(fields) > MAX_FIELDS:
        return f"at most {MAX_FIELDS} fields"
    if not all(isinstance(f, dict) and isinstance(f.get("name"), str) and f["name"] for f in fields):
        return "fields that each have a name"
    names = [f["name"] for f in fields]
    if len(set(names)) != len(names):
        return "field names used once each"
    for spec in fields:
        problem = _field_problem(spec)
        if problem:
            return problem
    if schema.get("missingValues", [""]) != [""]:
        return 'missingValues [""]: only an empty cell is missing'
    key = schema.get("primaryKey")
    if not (_is_names(key) and len(key) == 1 and key[0] in names):
        return "a one-field primary key naming one of the fields"
    for keys in ("foreignKeys", "x-listForeignKeys"):
        problem = _key_problem(schema.get(keys, []), set(names))
        if problem:
            return problem
    return None


def _file_problem(resource: dict) -> tuple[str, str, str] | None:
    """(property, value, what is expected) for a resource that would be read other than as a CSV file beside the
    descriptor; None when it is read as one."""
    path = resource.get("path")
    if not (isinstance(path, str) and RESOURCE_PATH.fullmatch(path)):
        return "path", str(path), "the name of a CSV file in the package folder: lowercase letters, digits, - and _, ending in .csv"
    for key in OTHER_DATA:
        if key in resource:
            return key, str(resource[key]), "no such property: a table is read only from its CSV file"
    for key, value in FILE_FACTS.items():
        if resource.get(key, value) != value:
            return key, str(resource[key]), f"{key} {value!r} or none: tables are UTF-8 CSV files, the one kind the validator reads"
    dialect = resource.get("dialect", {})
    shown = ", ".join(f"{k}: {v!r}" for k, v in DIALECT.items() if k != "$schema")
    expected = f"the project's CSV dialect ({shown}) or none; options that skip lines or fetch a dialect are refused"
    if not isinstance(dialect, dict):
        return "dialect", str(dialect), expected
    for key, value in dialect.items():
        if DIALECT.get(key, object()) != value:
            return "dialect", f"{key}: {value!r}", expected
    return None


def _profile_problems(shown: str, text: str, data) -> list[Problem]:
    """Every `$schema` or `profile` that names something other than the standard's own profiles."""
    problems, stack = [], [data]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            for key, child in value.items():
                if key in ("$schema", "profile") and not (isinstance(child, str) and child in PROFILES):
                    problems.append(Problem(shown, line_of(text, f'"{key}"'), key, "descriptor", str(child),
                                            "a standard Data Package profile (nothing is fetched from the network)"))
                stack.append(child)
        elif isinstance(value, list):
            stack += value
    return problems


def structure_problems(shown: str, text: str, data) -> list[Problem]:
    """The parts of the descriptor the code relies on before anything reads the tables."""
    if not isinstance(data, dict) or not isinstance(data.get("resources"), list) or not data["resources"]:
        return [Problem(shown, 1, "resources", "descriptor", "", "an object with a non-empty list of resources")]
    if len(data["resources"]) > MAX_RESOURCES:
        return [Problem(shown, 1, "resources", "descriptor", f"{len(data['resources'])} resources", f"at most {MAX_RESOURCES} resources")]
    problems = _profile_problems(shown, text, data)
    seen_names, seen_paths = set(), set()
    for index, resource in enumerate(data["resources"]):
        where = f"resources[{index}]"
        name = resource.get("name") if isinstance(resource, dict) else None
        if not isinstance(name, str) or not RESOURCE_NAME.fullmatch(name) or name in seen_names:
            problems.append(Problem(shown, 1, f"{where}.name", "descriptor", str(name or ""),
                                    "a resource name of its own: lowercase letters, digits and underscores, at most 64 characters"))
            continue
        seen_names.add(name)
        line = line_of(text, f'"name": "{name}"')
        found = _file_problem(resource)
        if not found and resource["path"] in seen_paths:
            found = "path", resource["path"], "a CSV file no other resource names"
        if found:
            problems.append(Problem(shown, line, f"{where}.{found[0]}", "descriptor", found[1], found[2]))
        else:
            seen_paths.add(resource["path"])
        for key, (is_shaped, shape) in RESOURCE_EXTENSIONS.items():
            if key in resource and not is_shaped(resource[key]):
                problems.append(Problem(shown, line_of(text, f'"{key}"'), f"{where}.{key}", "descriptor", str(resource[key]), shape))
        problem = _schema_problem(resource.get("schema"))
        if problem:
            problems.append(Problem(shown, line, f"{where}.schema", "descriptor", "", problem))
    as_of = data.get("x-asOf")
    if not isinstance(as_of, str) or not _is_date(as_of):
        problems.append(Problem(shown, line_of(text, '"x-asOf"'), "x-asOf", "descriptor", str(as_of), "the package's as-of date, such as 2026-04-11"))
    return problems


def contract_problems(shown: str, text: str, resources: list[dict]) -> list[Problem]:
    """The tables and columns the site reads (contract.READS), each there with the type the code reads it as. Checked
    by the validator, which every build runs first: a package read for its downloads alone may hold other tables."""
    problems, by_name = [], {resource["name"]: resource for resource in resources}
    for table, columns in READS.items():
        if table not in by_name:
            if table not in OPTIONAL:
                problems.append(Problem(shown, 1, "resources", "descriptor", table, f"a resource named {table}: the site reads it"))
            continue
        index = resources.index(by_name[table])
        fields = {spec["name"]: spec.get("type", "string") for spec in by_name[table]["schema"]["fields"]}
        line = line_of(text, f'"name": "{table}"')
        for column, kind in columns.items():
            if fields.get(column) != kind:
                found = "no such field" if column not in fields else f"type {fields[column]}"
                problems.append(Problem(shown, line, f"resources[{index}].schema.fields", "descriptor", f"{column}: {found}",
                                        f"a field {column} of type {kind} in {table}: the site reads it so"))
    return problems


def _is_date(text: str) -> bool:
    from .dates import span_or_none

    return span_or_none(text) is not None
