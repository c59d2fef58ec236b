"""The typed downloads (JSON, Parquet, SQLite) give every column its documented type in pandas, DuckDB, sqlite3 and
pyarrow; every Table Schema type survives; the data page's loading snippets run against the built files."""

from __future__ import annotations

import html
import json
import re
import shutil
import sqlite3
import subprocess
from datetime import date, datetime, timezone
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import PACKAGE

from lunar_atlas.catalog import load_catalog
from lunar_atlas.parquet import ARROW_TYPES, table_bytes
from lunar_atlas.sqlite_export import SQL_TYPES, datasette_metadata, sqlite_bytes, text_columns
from lunar_atlas.typed import columns, edtf_bounds

ALL_TYPES = Path(__file__).resolve().parent / "fixtures" / "all-types" / "datapackage.json"
DESCRIPTOR = json.loads(PACKAGE.read_text(encoding="utf-8"))
TABLES = [r["name"] for r in DESCRIPTOR["resources"]]
CATALOG = load_catalog(PACKAGE)


@pytest.fixture(scope="module")
def data(real_site) -> Path:
    return real_site / "data"


@pytest.fixture(scope="module")
def all_types(tmp_path_factory) -> tuple[Path, Path]:
    catalog = load_catalog(ALL_TYPES)
    folder = tmp_path_factory.mktemp("all-types")
    (folder / "things.sqlite").write_bytes(sqlite_bytes(catalog))
    (folder / "things.parquet").write_bytes(table_bytes(catalog, "things"))
    return folder / "things.sqlite", folder / "things.parquet"


# --- every Table Schema type ---------------------------------------------------------------------

EXPECTED_A = {
    "thing_id": "a", "words": "samples from the far side", "count": 3, "mass": 1935.3, "flag": True, "tags": ["far", "side"],
    "day": date(2024, 6, 25), "day_dmy": date(2024, 6, 25), "moment": datetime(2024, 6, 25, 6, 7, tzinfo=timezone.utc), "year": 2024,
    "details": {"sample": {"grams": 1935.3}}, "items": [1, "two", None], "anything": "anything at all",
    "when": "2024-06-25T06:07:00Z", "when_earliest": date(2024, 6, 25), "when_latest": date(2024, 6, 25),
}


def test_the_fixture_holds_one_field_of_every_table_schema_type():
    from lunar_atlas.descriptor_rules import FIELD_TYPES

    fields = json.loads(ALL_TYPES.read_text(encoding="utf-8"))["resources"][0]["schema"]["fields"]
    assert {f["type"] for f in fields} == FIELD_TYPES


def test_every_table_schema_type_survives_the_sqlite_export(all_types):
    connection = sqlite3.connect(all_types[0])
    declared = {row[1]: row[2] for row in connection.execute("PRAGMA table_info('things')")}
    fields = json.loads(ALL_TYPES.read_text(encoding="utf-8"))["resources"][0]["schema"]["fields"]
    assert {f["name"]: declared[f["name"]] for f in fields} == {f["name"]: SQL_TYPES[f["type"]] for f in fields}
    connection.row_factory = sqlite3.Row
    row = dict(connection.execute("SELECT * FROM things WHERE thing_id = 'a'").fetchone())
    back = {**row, "flag": bool(row["flag"]), "tags": row["tags"].split(";"), "day": date.fromisoformat(row["day"]), "day_dmy": date.fromisoformat(row["day_dmy"]),
            "moment": datetime.fromisoformat(row["moment"].replace("Z", "+00:00")), "details": json.loads(row["details"]),
            "items": json.loads(row["items"]), "when_earliest": date.fromisoformat(row["when_earliest"]),
            "when_latest": date.fromisoformat(row["when_latest"])}
    assert back == EXPECTED_A
    assert [type(row[k]) for k in ("count", "mass", "flag", "year")] == [int, float, int, int]
    empty = dict(connection.execute("SELECT * FROM things WHERE thing_id = 'b'").fetchone())
    assert empty["when_earliest"] is None and empty["when_latest"] == "2030-12-31"
    assert all(empty[k] is None for k in ("count", "mass", "tags", "day", "moment", "year", "details", "items"))


def test_every_table_schema_type_has_its_arrow_type_in_parquet(all_types):
    table = pq.read_table(all_types[1])
    catalog = load_catalog(ALL_TYPES)
    for column in columns(catalog["things"].table):
        expected = ARROW_TYPES[column.type]
        if column.type == "datetime":  # Parquet has no second unit: the same instants come back in milliseconds
            expected = pa.timestamp("ms", tz="UTC")
        assert table.schema.field(column.name).type == expected, column.name
    row = table.to_pylist()[0]
    assert {**row, "details": json.loads(row["details"]), "items": json.loads(row["items"])} == EXPECTED_A


def test_the_sqlite_export_indexes_text_for_full_text_search(all_types):
    connection = sqlite3.connect(all_types[0])
    found = connection.execute("SELECT things.thing_id FROM things_fts JOIN things ON things.rowid = things_fts.rowid "
                               "WHERE things_fts MATCH 'far side'").fetchall()
    assert found == [("a",)]


# --- the real downloads ----------------------------------------------------------------------------

@pytest.mark.parametrize("table", TABLES)
def test_parquet_loads_with_the_documented_types_in_pyarrow_pandas_and_duckdb(data, table):
    path = data / f"{table}.parquet"
    schema = pq.read_schema(path)
    shown = columns(CATALOG[table].table)
    assert [(f.name, f.type) for f in schema] == [(c.name, ARROW_TYPES[c.type]) for c in shown]
    frame = pd.read_parquet(path, dtype_backend="pyarrow")
    assert len(frame) == len(CATALOG[table].rows)
    for column in shown:
        assert frame[column.name].dtype == pd.ArrowDtype(ARROW_TYPES[column.type]), column.name
    duck = {r[0]: r[1] for r in duckdb.sql(f"DESCRIBE SELECT * FROM '{path}'").fetchall()}
    duck_types = {"string": "VARCHAR", "integer": "BIGINT", "number": "DOUBLE", "boolean": "BOOLEAN", "list": "VARCHAR[]", "date": "DATE"}
    for column in shown:
        assert duck[column.name] == duck_types[column.type], column.name


@pytest.mark.parametrize("table", TABLES)
def test_json_loads_in_pandas_and_duckdb_with_dates_beside_the_edtf_text(data, table):
    path = data / f"{table}.json"
    frame = pd.read_json(path, orient="records", dtype=False)
    assert len(frame) == len(CATALOG[table].rows)
    if not CATALOG[table].rows:
        return
    assert list(frame.columns) == [c.name for c in columns(CATALOG[table].table)]
    described = {r[0]: r[1] for r in duckdb.sql(f"DESCRIBE SELECT * FROM read_json('{path}', format='array')").fetchall()}
    for column in columns(CATALOG[table].table):
        if column.source and frame[column.name].notna().any():
            assert described[column.name] == "DATE", column.name
        if column.type == "boolean" and frame[column.name].notna().any():
            assert described[column.name] == "BOOLEAN", column.name


@pytest.mark.parametrize("table", TABLES)
def test_sqlite_columns_have_the_documented_types(data, table):
    connection = sqlite3.connect(data / "lunar-atlas.sqlite")
    declared = {row[1]: row[2] for row in connection.execute(f"PRAGMA table_info('{table}')")}
    assert declared == {c.name: SQL_TYPES[c.type] for c in columns(CATALOG[table].table)}
    frame = pd.read_sql(f'SELECT * FROM "{table}"', connection)
    assert len(frame) == len(CATALOG[table].rows)


@pytest.mark.parametrize("table", TABLES)
def test_every_edtf_column_has_its_earliest_and_latest_dates_in_json(data, table):
    rows = json.loads((data / f"{table}.json").read_text(encoding="utf-8"))
    dated = [f["name"] for f in CATALOG[table].table.fields if f.get("x-format") == "edtf"]
    for row in rows:
        for name in dated:
            earliest, latest = edtf_bounds(row[name])
            assert row[f"{name}_earliest"] == (earliest.isoformat() if earliest else None)
            assert row[f"{name}_latest"] == (latest.isoformat() if latest else None)


@pytest.mark.parametrize("text, earliest, latest", [
    ("2026", date(2026, 1, 1), date(2026, 12, 31)), ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
    ("2024-06-25T06:07:00Z", date(2024, 6, 25), date(2024, 6, 25)), ("../2030", None, date(2030, 12, 31)),
    ("2026/..", date(2026, 1, 1), None), ("2029~", date(2029, 1, 1), date(2029, 12, 31)), (None, None, None)])
def test_derived_dates_are_the_first_and_last_day_the_edtf_date_allows(text, earliest, latest):
    assert edtf_bounds(text) == (earliest, latest)


def test_datasette_metadata_names_and_describes_every_table_and_column_with_licence_and_sources():
    meta = json.loads(datasette_metadata(CATALOG))
    assert meta["license"] == DESCRIPTOR["licenses"][0]["name"] and meta["license_url"] == DESCRIPTOR["licenses"][0]["path"]
    assert meta["source"] and meta["source_url"].startswith("https://")
    tables = meta["databases"]["lunar-atlas"]["tables"]
    for resource in DESCRIPTOR["resources"]:
        shown = tables[resource["name"]]
        assert (shown["title"], shown["description"]) == (resource["title"], resource["description"])
        for field in resource["schema"]["fields"]:
            assert shown["columns"][field["name"]] == field["description"]
        if text_columns(CATALOG, resource["name"]):
            assert shown["fts_table"] == f"{resource['name']}_fts"


def test_the_real_sqlite_finds_missions_by_their_words(data):
    connection = sqlite3.connect(data / "lunar-atlas.sqlite")
    found = {r[0] for r in connection.execute("SELECT missions.mission_id FROM missions_fts JOIN missions "
                                               "ON missions.rowid = missions_fts.rowid WHERE missions_fts MATCH 'far side'")}
    far = {m["mission_id"] for m in CATALOG["missions"].rows if "far side" in (m["summary"] or "").lower()}
    assert far and far <= found


# --- the data page's snippets ----------------------------------------------------------------------

def _snippet(real_site: Path, name: str) -> str:
    page = (real_site / "data" / "index.html").read_text(encoding="utf-8")
    match = re.search(rf'<pre data-snippet="{name}"><code>(.*?)</code></pre>', page, re.S)
    assert match, f"the data page has no {name} snippet"
    return html.unescape(match.group(1))


def test_the_pandas_snippet_gives_typed_columns(real_site, data, monkeypatch):
    monkeypatch.chdir(data)
    scope: dict = {}
    exec(_snippet(real_site, "pandas"), scope)
    frame = scope["missions"]
    assert frame["program_sequence"].dtype == pd.ArrowDtype(pa.int64())
    assert frame["crewed"].dtype == pd.ArrowDtype(pa.bool_())
    assert frame["launch_date_earliest"].dtype == pd.ArrowDtype(pa.date32())
    assert len(frame) == len(CATALOG["missions"].rows)


def test_the_duckdb_snippet_gives_dates_and_booleans(real_site, data, monkeypatch):
    monkeypatch.chdir(data)
    result = duckdb.sql(_snippet(real_site, "duckdb"))
    types = dict(zip(result.columns, [str(t) for t in result.types]))
    assert types["launch_date_earliest"] == "DATE" and types["crewed"] == "BOOLEAN"
    assert len(result.fetchall()) == len(CATALOG["missions"].rows)


def test_the_sqlite_snippet_runs(real_site, data):
    connection = sqlite3.connect(data / "lunar-atlas.sqlite")
    statements = [s.strip() for s in re.sub(r"^--.*$", "", _snippet(real_site, "sqlite"), flags=re.M).split(";") if s.strip()]
    assert len(statements) == 2
    for statement in statements:
        assert connection.execute(statement).fetchall()


@pytest.mark.skipif(shutil.which("Rscript") is None, reason="R is not installed here")
def test_the_r_snippet_reads_booleans_as_logical(real_site, data):
    script = _snippet(real_site, "r") + '\nstopifnot(is.logical(missions$crewed), is.integer(missions$program_sequence))\n'
    result = subprocess.run(["Rscript", "-e", script], cwd=data, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
