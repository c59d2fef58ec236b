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
from functools import cached_property
from typing import Iterator

from .catalog import Catalog
from .typed import json_rows, typed_table
from .addresses import PAGE_TABLES, url_of
from .views import Views


def _dump(body) -> bytes:
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


class Api:
    """Naming the documents costs nothing; the typed rows are made only when the documents are written."""

    def __init__(self, catalog: Catalog, views: Views, base: str):
        self.catalog, self.views, self.base = catalog, views, base

    @cached_property
    def typed(self) -> dict[str, dict[str, dict]]:
        typed = {}
        for name, data in self.catalog.tables.items():
            key = data.table.primary_key
            typed[name] = {row[key]: row for row in json_rows(data.table, data.rows, typed_table(self.catalog, name)[1])}
        return typed

    @cached_property
    def claims_of(self) -> dict[tuple[str, str], list[dict]]:
        found: dict[tuple[str, str], list[dict]] = {}
        for claim in self.typed.get("claims", {}).values():
            found.setdefault((claim["table"], claim["row_id"]), []).append(claim)
        return found

    def _sources(self, rows: list[dict]) -> list[dict]:
        keys = []
        for row in rows:
            keys += row.get("source_ids") or []
            keys += [row["source_id"]] if row.get("source_id") else []
        return [self.typed["sources"][k] for k in dict.fromkeys(keys) if k in self.typed.get("sources", {})]

    def document(self, table: str, key: str) -> dict:
        row = self.typed[table][key]
        claims = self.claims_of.get((table, key), [])
        refs = {"events": [], "quotes": []}
        for backref in self.views.backrefs_to(table, key):
            if backref.table in refs:
                primary = self.catalog[backref.table].table.primary_key
                refs[backref.table] += [self.typed[backref.table][r[primary]] for r in backref.rows]
        for name in refs:
            refs[name] = list({r[self.catalog[name].table.primary_key]: r for r in refs[name]}.values())
        sources = self._sources([row] + claims + refs["events"] + refs["quotes"]) if table != "sources" else []
        return {"table": table, "id": key, "url": f"{self.base}{url_of(table, key)}", "row": row, "claims": claims,
                "events": refs["events"], "quotes": refs["quotes"], "sources": sources}

    def files(self) -> Iterator[tuple[str, bytes]]:
        tables = [t for t in PAGE_TABLES if t in self.catalog.tables]
        yield "api/index.json", _dump({"tables": {t: f"{self.base}api/{t}.json" for t in tables}})
        for table in tables:
            data = self.catalog[table]
            key = data.table.primary_key
            yield f"api/{table}.json", _dump([{"id": row[key], "label": self.views.label(table, row), "url": f"{self.base}{url_of(table, row[key])}",
                                               "api": f"{self.base}api/{table}/{row[key]}.json"} for row in data.rows])
            for row in data.rows:
                yield f"api/{table}/{row[key]}.json", _dump(self.document(table, row[key]))
