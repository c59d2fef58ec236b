"""The code's contract with a package: the tables and columns it reads are there, with the types it reads them as,
or the validator says which is missing before anything reads a row; every other column can go."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from lunar_atlas.contract import OPTIONAL, READS
from lunar_atlas.validate import validate_package

from conftest import PACKAGE, build, copy_minimal

DESCRIPTOR = json.loads(PACKAGE.read_text(encoding="utf-8"))
RESOURCES = {r["name"]: r for r in DESCRIPTOR["resources"]}


def _drop_columns(folder: Path, table: str, columns: set[str]) -> None:
    """Take columns out of a table's schema and its file (and the keys and claims that name them)."""
    path = folder / "datapackage.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    resource = next(r for r in data["resources"] if r["name"] == table)
    schema = resource["schema"]
    schema["fields"] = [f for f in schema["fields"] if f["name"] not in columns]
    for keys in ("foreignKeys", "x-listForeignKeys"):
        if keys in schema:
            schema[keys] = [k for k in schema[keys] if not set(k["fields"]) & columns]
    path.write_text(json.dumps(data), encoding="utf-8")
    csv_path = folder / Path(resource["path"]).name
    rows = list(csv.reader(io.StringIO(csv_path.read_text(encoding="utf-8"))))
    kept = [i for i, name in enumerate(rows[0]) if name not in columns]
    _write(csv_path, [[row[i] for i in kept] for row in rows])
    claims = folder / "claims.csv"
    rows = list(csv.reader(io.StringIO(claims.read_text(encoding="utf-8"))))
    _write(claims, [rows[0]] + [r for r in rows[1:] if not (r[1] == table and r[3] in columns)])


def _write(path: Path, rows: list[list[str]]) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def test_the_real_descriptor_holds_every_table_and_column_the_code_reads():
    for table, columns in READS.items():
        if table in OPTIONAL and table not in RESOURCES:
            continue
        fields = {f["name"]: f.get("type", "string") for f in RESOURCES[table]["schema"]["fields"]}
        assert {name: fields.get(name) for name in columns} == columns, table


@pytest.mark.parametrize("table,column", [(t, c) for t, columns in READS.items() for c in columns
                                          if c != RESOURCES[t]["schema"]["primaryKey"][0]])
def test_a_column_the_code_reads_taken_away_is_named_in_the_descriptors_report(tmp_path, table, column):
    package = copy_minimal(tmp_path / "package")
    _drop_columns(package, table, {column})
    problems = validate_package(package / "datapackage.json")
    index = [r["name"] for r in DESCRIPTOR["resources"]].index(table)
    assert [(p.file.rsplit("/", 1)[-1], p.column, p.rule, p.value) for p in problems] == \
        [("datapackage.json", f"resources[{index}].schema.fields", "descriptor", f"{column}: no such field")]
    assert f"a field {column} of type {READS[table][column]} in {table}" in problems[0].expected


def test_a_column_the_code_reads_retyped_is_named_in_the_descriptors_report(tmp_path):
    package = copy_minimal(tmp_path / "package")
    path = package / "datapackage.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    crewed = next(f for f in next(r for r in data["resources"] if r["name"] == "missions")["schema"]["fields"] if f["name"] == "crewed")
    crewed["type"] = "string"
    path.write_text(json.dumps(data), encoding="utf-8")
    problems = validate_package(path)
    assert [(p.rule, p.value) for p in problems] == [("descriptor", "crewed: type string")]


def test_a_table_the_code_reads_taken_away_is_named_in_the_descriptors_report(tmp_path):
    package = copy_minimal(tmp_path / "package")
    path = package / "datapackage.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["resources"] = [r for r in data["resources"] if r["name"] != "quotes"]
    path.write_text(json.dumps(data), encoding="utf-8")
    assert [(p.column, p.rule, p.value) for p in validate_package(path)] == [("resources", "descriptor", "quotes")]


def test_the_site_builds_without_every_column_the_code_does_not_read(tmp_path):
    package = copy_minimal(tmp_path / "package")
    for table, resource in RESOURCES.items():
        unread = {f["name"] for f in resource["schema"]["fields"]} - set(READS.get(table, {})) - {resource["schema"]["primaryKey"][0]}
        if table in READS and READS[table] and unread:
            _drop_columns(package, table, unread)
    assert validate_package(package / "datapackage.json") == []
    result = build(package / "datapackage.json", tmp_path / "site")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert (tmp_path / "site" / "missions" / "test-lander" / "index.html").is_file()
