"""The SQLite download: every table typed from the descriptor, list references as link tables, a full-text index
over each table's text, and the Datasette metadata that names and describes it all."""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
from datetime import date, datetime
from pathlib import Path

from .catalog import Catalog
from .typed import Column, TypedTable, columns, typed_table

# The column type SQLite declares for each Table Schema type. Dates and times are ISO 8601 text (SQLite's own date
# functions read it); a TEXT column keeps "2026" from becoming a number; booleans are 0 and 1.
SQL_TYPES = {
    "string": "TEXT", "integer": "INTEGER", "number": "REAL", "boolean": "INTEGER", "list": "TEXT", "date": "TEXT",
    "datetime": "TEXT", "year": "INTEGER", "object": "TEXT", "array": "TEXT", "any": "TEXT",
}


def _sql_value(column: Column, value, delimiter: str):
    if value is None:
        return None
    if column.type == "list":
        return delimiter.join(value)
    if column.type in ("object", "array"):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if column.type == "boolean":
        return int(value)
    if isinstance(value, datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    return value


def text_columns(catalog: Catalog, name: str) -> list[str]:
    """What the full-text index covers: free text, not IDs, codes, addresses, dates or allowed values."""
    table = catalog[name].table
    keys = {k.field for k in table.foreign_keys} | {table.primary_key}
    return [f["name"] for f in table.fields if f.get("type", "string") == "string" and f["name"] not in keys
            and not f.get("x-format") and not f.get("format") and "enum" not in f.get("constraints", {})
            and "pattern" not in f.get("constraints", {})]


def _schema_sql(catalog: Catalog) -> list[str]:
    statements = []
    for name, data in catalog.tables.items():
        table = data.table
        defs = []
        for column in columns(table):
            check = f' CHECK ("{column.name}" IN (0, 1))' if column.type == "boolean" else ""
            defs.append(f'"{column.name}" {SQL_TYPES[column.type]}' + (" PRIMARY KEY" if column.name == table.primary_key else "") + check)
        keys = [f'FOREIGN KEY ("{k.field}") REFERENCES "{k.resource}" ("{k.target}")' for k in table.foreign_keys if not k.is_list]
        statements.append(f'CREATE TABLE "{name}" ({", ".join(defs + keys)})')
        statements += [f'CREATE INDEX "{name}_{k.field}" ON "{name}" ("{k.field}")' for k in table.foreign_keys if not k.is_list]
        for key in table.foreign_keys:
            if key.is_list:
                link = f"{name}_{key.field}"
                statements.append(
                    f'CREATE TABLE "{link}" ("{table.primary_key}" TEXT NOT NULL REFERENCES "{name}" ("{table.primary_key}"), '
                    f'"{key.target}" TEXT NOT NULL REFERENCES "{key.resource}" ("{key.target}"), '
                    f'PRIMARY KEY ("{table.primary_key}", "{key.target}"))')
                statements.append(f'CREATE INDEX "{link}_{key.target}" ON "{link}" ("{key.target}")')
    return statements


class SqliteFile:
    """The database, filled one table at a time from that table's typed rows, in a file of its own until done: a
    big catalog's typed tables are never all in memory at once. Used as a context manager, which removes the file
    however the filling ends."""

    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self._folder = tempfile.TemporaryDirectory()
        self.path = Path(self._folder.name) / "lunar-atlas.sqlite"
        self.connection = sqlite3.connect(self.path)
        with self.connection:
            for statement in _schema_sql(catalog):
                self.connection.execute(statement)

    def add(self, name: str, typed: TypedTable) -> None:
        """A table's rows, its list references' link rows and its full-text index."""
        data = self.catalog[name]
        shown, natives = typed
        marks = ", ".join("?" for _ in shown)
        # Text and numbers go in as they are (a boolean is stored as 1 or 0); only these need converting.
        converted = [(i, c, (c.spec or {}).get("delimiter", ",")) for i, c in enumerate(shown)
                     if c.type in ("list", "object", "array", "date", "datetime")]

        def row_values(values: list) -> list:
            values = list(values)
            for i, column, delimiter in converted:
                values[i] = _sql_value(column, values[i], delimiter)
            return values

        # One transaction for every table, committed when the database is done (see content()).
        self.connection.executemany(f'INSERT INTO "{name}" VALUES ({marks})', map(row_values, natives))
        for key in data.table.foreign_keys:
            if key.is_list:
                pairs = sorted({(row[data.table.primary_key], item) for row in data.rows for item in row[key.field] or []})
                self.connection.executemany(f'INSERT INTO "{name}_{key.field}" VALUES (?, ?)', pairs)
        searched = text_columns(self.catalog, name)
        if searched:
            # External-content FTS5 named <table>_fts, as Datasette and sqlite-utils expect: the words are indexed,
            # the text stays in the table once.
            quoted = ", ".join(f'"{c}"' for c in searched)
            self.connection.execute(f'CREATE VIRTUAL TABLE "{name}_fts" USING fts5({quoted}, content="{name}", tokenize="unicode61")')
            self.connection.execute(f'INSERT INTO "{name}_fts" ("{name}_fts") VALUES (\'rebuild\')')

    def _finish(self) -> None:
        self.connection.commit()
        self.connection.execute("VACUUM")
        self.connection.close()

    def content(self) -> bytes:
        """The finished database's bytes."""
        self._finish()
        return self.path.read_bytes()

    def move_to(self, target: Path) -> Path:
        """The finished database, moved to `target` (never held in memory: at 100x it is some 260 MB)."""
        self._finish()
        shutil.move(self.path, target)
        return target

    def __enter__(self) -> SqliteFile:
        return self

    def __exit__(self, *exc) -> None:
        self.connection.close()
        self._folder.cleanup()


def sqlite_bytes(catalog: Catalog) -> bytes:
    with SqliteFile(catalog) as database:
        for name in catalog.tables:
            database.add(name, typed_table(catalog, name))
        return database.content()


def datasette_metadata(catalog: Catalog) -> bytes:
    """Datasette's metadata.json: the database's and every table's and column's title and description, the
    licence and the sources."""
    meta = catalog.descriptor.data
    licence = meta.get("licenses", [{}])[0]
    sources = meta.get("sources", [])
    tables = {}
    for name, data in catalog.tables.items():
        resource = data.table.resource
        tables[name] = {"title": resource.get("title", name), "description": resource.get("description", ""),
                        "columns": {c.name: c.description for c in columns(data.table)}}
        if text_columns(catalog, name):
            tables[name]["fts_table"] = f"{name}_fts"
            tables[name]["fts_pk"] = "rowid"
    body = {"title": meta.get("title", ""), "description": meta.get("description", ""),
            "license": licence.get("name", ""), "license_url": licence.get("path", ""),
            "source": "; ".join(s.get("title", "") for s in sources), "source_url": sources[0].get("path", "") if sources else "",
            "databases": {"lunar-atlas": {"title": meta.get("title", ""), "tables": tables}}}
    return json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"
