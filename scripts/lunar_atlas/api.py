"""The static JSON API: one document per row of a table with pages, and one index per table.

Addresses (stable, like the IDs in them):

    api/index.json                  the tables, with the address of each index
    api/<table>.json                every row of the table: its ID, label, page and document
    api/<table>/<id>.json           one row (typed as in the JSON download), the claims about its cells, the events
                                    and quotes that refer to it and the sources it, its claims, events and quotes cite

Every document is written through paths.write_inside, like every other file of the build.
"""

from __future__ import annotations

import json
from functools import cached_property, lru_cache
from typing import Iterator

from .catalog import Catalog
from .typed import Column, columns, json_row, json_shape, native_rows
from .addresses import PAGE_TABLES, url_of
from .views import Views


def _compact(body) -> str:
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"))


def _dump(body) -> bytes:
    return _compact(body).encode("utf-8") + b"\n"


def _dump_each(items: Iterator) -> Iterator[str]:
    """A list as _dump writes it, made and written an item at a time (85,000 sources at 100x)."""
    yield "["
    for number, item in enumerate(items):
        yield ("," if number else "") + _compact(item)
    yield "]\n"


class Api:
    """Naming the documents costs nothing; each row's typed document is made when a document shows it, and not
    kept: a big catalog's documents are never all in memory at once."""

    def __init__(self, catalog: Catalog, views: Views, base: str):
        self.catalog, self.views, self.base = catalog, views, base
        # A source or a mission is shown in many documents: the last few thousand rows made are kept.
        self._json_row = lru_cache(maxsize=4096)(self._make_json_row)

    @cached_property
    def _shapes(self) -> dict[str, tuple[list[Column], tuple[list[str], list[int]]]]:
        shown = {name: columns(data.table) for name, data in self.catalog.tables.items()}
        return {name: (columns_of, json_shape(columns_of)) for name, columns_of in shown.items()}

    def _make_json_row(self, table: str, index: int) -> dict:
        data = self.catalog[table]
        shown, shape = self._shapes[table]
        return json_row(shape, native_rows(data.table, [data.rows[index]], shown)[0])

    def row(self, table: str, key: str) -> dict:
        """A row as the JSON download types it."""
        return self._json_row(table, self.catalog[table].position[key])

    @cached_property
    def claims_of(self) -> dict[tuple[str, str], list[int]]:
        """The claims about each row, by their place in the claims table."""
        found: dict[tuple[str, str], list[int]] = {}
        if "claims" in self.catalog.tables:
            for index, claim in enumerate(self.catalog["claims"].rows):
                found.setdefault((claim["table"], claim["row_id"]), []).append(index)
        return found

    def _sources(self, rows: list[dict]) -> list[dict]:
        keys = []
        for row in rows:
            keys += row.get("source_ids") or []
            keys += [row["source_id"]] if row.get("source_id") else []
        known = self.catalog.tables["sources"].position if "sources" in self.catalog.tables else {}
        return [self.row("sources", k) for k in dict.fromkeys(keys) if k in known]

    def document(self, table: str, key: str) -> dict:
        row = self.row(table, key)
        claims = [self._json_row("claims", index) for index in self.claims_of.get((table, key), [])]
        refs = {"events": [], "quotes": []}
        for backref in self.views.backrefs_to(table, key):
            if backref.table in refs:
                primary = self.catalog[backref.table].table.primary_key
                refs[backref.table] += [self.row(backref.table, r[primary]) for r in backref.rows]
        for name in refs:
            refs[name] = list({r[self.catalog[name].table.primary_key]: r for r in refs[name]}.values())
        sources = self._sources([row] + claims + refs["events"] + refs["quotes"]) if table != "sources" else []
        return {"table": table, "id": key, "url": f"{self.base}{url_of(table, key)}", "row": row, "claims": claims,
                "events": refs["events"], "quotes": refs["quotes"], "sources": sources}

    def _entries(self, table: str) -> Iterator[dict]:
        """A table's list: each row's ID, label, page and document."""
        key = self.catalog[table].table.primary_key
        for row in self.catalog[table].rows:
            yield {"id": row[key], "label": self.views.label(table, row), "url": f"{self.base}{url_of(table, row[key])}",
                   "api": f"{self.base}api/{table}/{row[key]}.json"}

    def files(self) -> Iterator[tuple[str, bytes | Iterator[str]]]:
        """Each file's path and content: its bytes, or, for a table's list, its text in parts."""
        tables = [t for t in PAGE_TABLES if t in self.catalog.tables]
        yield "api/index.json", _dump({"tables": {t: f"{self.base}api/{t}.json" for t in tables}})
        for table in tables:
            data = self.catalog[table]
            key = data.table.primary_key
            yield f"api/{table}.json", _dump_each(self._entries(table))
            for row in data.rows:
                yield f"api/{table}/{row[key]}.json", _dump(self.document(table, row[key]))
