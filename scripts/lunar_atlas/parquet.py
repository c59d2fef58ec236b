"""One Parquet file per table, each column typed from the descriptor (see typed.py), with its description kept."""

from __future__ import annotations

import io
import json

import pyarrow as pa
import pyarrow.parquet as pq

from .catalog import Catalog
from .typed import Column, TypedTable, typed_table

ARROW_TYPES = {
    "string": pa.string(), "integer": pa.int64(), "number": pa.float64(), "boolean": pa.bool_(),
    "list": pa.list_(pa.string()), "date": pa.date32(), "datetime": pa.timestamp("s", tz="UTC"), "year": pa.int32(),
    "object": pa.string(), "array": pa.string(), "any": pa.string(),
}


def _cell(column: Column, value):
    if value is not None and column.type in ("object", "array"):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def table_bytes(catalog: Catalog, name: str, typed: TypedTable | None = None) -> bytes:
    """The table as Parquet, from its typed rows (`typed`, where made already)."""
    data = catalog[name]
    shown, natives = typed or typed_table(catalog, name)
    values = {c.name: [_cell(c, row[i]) for row in natives] if c.type in ("object", "array") else [row[i] for row in natives]
              for i, c in enumerate(shown)}
    schema = pa.schema([pa.field(c.name, ARROW_TYPES[c.type], metadata={"title": c.title, "description": c.description})
                        for c in shown],
                       metadata={"title": data.table.resource.get("title", name), "description": data.table.resource.get("description", "")})
    arrays = [pa.array(values[c.name], type=ARROW_TYPES[c.type]) for c in shown]
    buffer = io.BytesIO()
    # No creator string with a version in it, no statistics that differ between runs: the same rows give the same bytes.
    pq.write_table(pa.Table.from_arrays(arrays, schema=schema), buffer, compression="zstd",
                   store_schema=True, write_statistics=True)
    return buffer.getvalue()
