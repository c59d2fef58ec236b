"""The data page's loading snippets, written from the descriptor so that each gives every column its type.

The tests run the pandas, DuckDB and SQLite snippets against the built files (and R's where R is installed).
No snippet holds a blank line: the page is one raw HTML block, which a blank line would end.
"""

from __future__ import annotations

from .catalog import Catalog
from .typed import is_edtf

R_CLASSES = {"integer": "integer", "number": "numeric", "boolean": "logical", "year": "integer"}


def _example_table(catalog: Catalog) -> str:
    return "missions" if "missions" in catalog.tables else next(iter(catalog.tables))


def snippets(catalog: Catalog) -> dict[str, str]:
    table = _example_table(catalog)
    data = catalog[table].table
    dated = next((f["name"] for f in data.fields if is_edtf(f)), None)
    shown = [data.primary_key] + ([dated, f"{dated}_earliest", f"{dated}_latest"] if dated else [])
    shown += [f["name"] for f in data.fields if f.get("type") == "boolean"][:1]
    select = ", ".join(f'"{c}"' for c in shown)
    pairs = [f'{f["name"]} = "{R_CLASSES.get(f.get("type", "string"), "character")}"' for f in data.fields]
    classes = ",\n    ".join(", ".join(pairs[i:i + 3]) for i in range(0, len(pairs), 3))
    text = [f["name"] for f in data.fields if f.get("type", "string") == "string" and not is_edtf(f) and f["name"] != data.primary_key][:1]
    pandas = "\n".join([
        "import pandas as pd",
        "# Parquet keeps the types: integers with gaps stay integers, booleans stay booleans,",
        "# and every EDTF date has calendar dates beside it (<column>_earliest, <column>_latest).",
        f'{table} = pd.read_parquet("{table}.parquet", dtype_backend="pyarrow")',
        f"print({table}.dtypes)",
    ])
    r = "\n".join([
        "# Base R, from the CSV: each column's class from datapackage.json (EDTF dates stay text).",
        f'{table} <- read.csv("{table}.csv", encoding = "UTF-8", na.strings = "",',
        f"  colClasses = c(\n    {classes}))",
        f"str({table})",
        "# With the arrow package, Parquet gives the derived calendar dates as Date columns:",
        f'# {table} <- arrow::read_parquet("{table}.parquet")',
    ])
    duckdb = "\n".join([
        f"SELECT {select}",
        f"FROM '{table}.parquet'",
        f'ORDER BY "{dated}_earliest" NULLS LAST;' if dated else ";",
    ])
    sqlite = [f"-- sqlite3 lunar-atlas.sqlite", f"SELECT {select} FROM {table} LIMIT 5;"]
    if text:
        sqlite += ["-- full-text search over the text columns (a <table>_fts index beside every table):",
                   f"SELECT {table}.{data.primary_key}, {table}.{text[0]} FROM {table}_fts JOIN {table} ON {table}.rowid = {table}_fts.rowid",
                   f"WHERE {table}_fts MATCH 'moon' LIMIT 5;"]
    return {"pandas": pandas, "r": r, "duckdb": duckdb, "sqlite": "\n".join(sqlite), "table": table}

