"""The README.md inside the zip, generated from the descriptor: what each table is, what a row represents, its
columns (name, type, title, description), keys and row count."""

from __future__ import annotations

from .catalog import Catalog
from .typed import TYPE_WORDS


def _cell(text) -> str:
    """Text for a Markdown table cell: one line, pipes escaped."""
    return " ".join(str(text).split()).replace("\\", "\\\\").replace("|", "\\|")


def package_readme(catalog: Catalog) -> bytes:
    meta = catalog.descriptor.data
    licence = meta.get("licenses", [{}])[0]
    lines = [f"# {meta.get('title', meta.get('name', ''))} {meta.get('version', '')}", "",
             meta.get("description", ""), "",
             f"Data as of {catalog.descriptor.as_of}. Licence: {licence.get('title', '')} ({licence.get('name', '')}), "
             f"{licence.get('path', '')}.", "",
             "A Frictionless Data Package: `datapackage.json` describes every table and column; each table is one "
             "UTF-8 CSV file with a header row. Empty cells are empty values. Dates are EDTF strings "
             "(`2024-06-25`, `2026`, `2024-06~`, `../2030`); list cells hold their items separated by the delimiter the "
             "column names. Open the folder with `frictionless validate datapackage.json`, or load the CSVs in any tool.",
             ""]
    if meta.get("x-quotedWords"):
        lines += [meta["x-quotedWords"], ""]
    lines += ["## Tables", ""]
    lines += [f"- [`{name}`](#{name}): {_cell(data.table.resource.get('description', ''))}" for name, data in catalog.tables.items()]
    for name, data in catalog.tables.items():
        table = data.table
        resource = table.resource
        lines += ["", f"## {name}", "", f"`{resource['path']}` · {len(data.rows):,} rows · primary key `{table.primary_key}`", "",
                  resource.get("description", "")]
        if table.row_meaning:
            lines += ["", f"Each row represents {table.row_meaning}."]
        references = [f"`{k.field}` → `{k.resource}.{k.target}`" + (" (a list)" if k.is_list else "") for k in table.foreign_keys]
        if references:
            lines += ["", "References: " + ", ".join(references) + "."]
        lines += ["", "| column | type | title | description |", "| --- | --- | --- | --- |"]
        for spec in table.fields:
            kind = spec.get("type", "string")
            words = "EDTF date (text)" if spec.get("x-format") == "edtf" else TYPE_WORDS.get(kind, kind)
            if kind == "list":
                words += f", separated by `{spec.get('delimiter', ',')}`"
            lines.append(f"| `{spec['name']}` | {words} | {_cell(spec.get('title', ''))} | {_cell(spec.get('description', ''))} |")
    return ("\n".join(lines) + "\n").encode("utf-8")
