"""The package's README, generated from the descriptor and the tables: what each table is, what a row represents,
its keys, its links to the other tables, its row count, its columns and where its facts come from.

One document, two places: datapackage/README.md (`lunar-atlas readme` writes it; a test checks it is up to date)
and the README.md inside the zip download.
"""

from __future__ import annotations

from pathlib import Path

from .catalog import Catalog, load_catalog
from .markdown_cells import markdown_cell as _cell
from .typed import TYPE_WORDS


def _type_words(spec: dict) -> str:
    kind = spec.get("type", "string")
    words = "EDTF date (text)" if spec.get("x-format") == "edtf" else TYPE_WORDS.get(kind, kind)
    if kind == "list":
        words += f", separated by `{spec.get('delimiter', ',')}`"
    return words + (", required" if spec.get("constraints", {}).get("required") else "")


def _table(catalog: Catalog, name: str) -> list[str]:
    data = catalog[name]
    table = data.table
    lines = [f"## {name}", "", f"`{table.resource['path']}` · {len(data.rows):,} rows · primary key `{table.primary_key}`", "",
             _cell(table.resource.get("description", ""))]
    if table.row_meaning:
        lines += ["", f"Each row represents {_cell(table.row_meaning)}."]
    references = [f"`{k.field}` → [`{k.resource}`](#{k.resource}).`{k.target}`" + (" (a list)" if k.is_list else "")
                  for k in table.foreign_keys]
    if references:
        lines += ["", "References: " + ", ".join(references) + "."]
    lines += ["", "| column | type | title | description |", "| --- | --- | --- | --- |"]
    lines += [f"| `{spec['name']}` | {_type_words(spec)} | {_cell(spec.get('title', ''))} | {_cell(spec.get('description', ''))} |"
              for spec in table.fields]
    return lines + [""]


def package_readme(catalog: Catalog) -> str:
    meta = catalog.descriptor.data
    licence = meta.get("licenses", [{}])[0]
    lines = [f"# {_cell(meta.get('title', meta.get('name', '')))} {_cell(meta.get('version', ''))}: the data package", "",
             _cell(meta.get("description", "")), "",
             f"Data as of {_cell(catalog.descriptor.as_of)}. Licence: {_cell(licence.get('title', ''))} ({_cell(licence.get('name', ''))}), "
             f"{_cell(licence.get('path', ''))}. {_cell(meta.get('x-quotedWords', ''))}", "",
             "A [Frictionless Data Package](https://datapackage.org/) (v2): `datapackage.json` describes every table and "
             "column; each table is one UTF-8 CSV file with a header row and LF line ends. Empty cells are empty values. "
             "Dates are EDTF strings (`2024-06-25`, `2026`, `2024-06~`, `../2030`); list cells hold their items separated "
             "by the delimiter the column names. Check it with `frictionless validate datapackage.json`, or load the CSVs "
             "in any tool. This README is generated from the descriptor and the tables by `lunar-atlas readme`.", "",
             "Provenance: every row cites its sources ([`sources`](#sources)); every fact of the catalog is backed by rows "
             "of [`claims`](#claims), which give the source's own words.", "",
             "| table | rows | each row represents |", "| --- | ---: | --- |"]
    lines += [f"| [`{name}`](#{name}) | {len(data.rows):,} | {_cell(data.table.row_meaning)} |" for name, data in catalog.tables.items()]
    lines.append("")
    for name in catalog.tables:
        lines += _table(catalog, name)
    return "\n".join(lines).rstrip() + "\n"


def write_package_readme(package: Path) -> Path:
    target = package.parent / "README.md"
    target.write_text(package_readme(load_catalog(package)), encoding="utf-8")
    return target
