"""datapackage/README.md, generated from the descriptor and the tables: what each table is, its keys, its links to
the other tables, its row count and where its facts come from. `lunar-atlas readme` writes it; a test checks that
the committed file is what the package says now."""

from __future__ import annotations

from pathlib import Path

from .catalog import Catalog, load_catalog


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _keys(catalog: Catalog, name: str) -> list[str]:
    table = catalog[name].table
    lines = [f"- Primary key: `{table.primary_key}`"]
    for key in table.foreign_keys:
        many = " (a `;`-separated list)" if key.is_list else ""
        lines.append(f"- `{key.field}`{many} → [`{key.resource}`](#{key.resource}).`{key.target}`")
    return lines


def _columns(catalog: Catalog, name: str) -> list[str]:
    lines = ["| column | type | meaning |", "| --- | --- | --- |"]
    for field in catalog[name].table.fields:
        required = ", required" if field.get("constraints", {}).get("required") else ""
        lines.append(f"| `{field['name']}` | {field.get('type', 'string')}{required} | {_cell(field.get('description', ''))} |")
    return lines


def _table(catalog: Catalog, name: str) -> list[str]:
    table = catalog[name].table
    rows = len(catalog[name].rows)
    return [f"## {name}", "", f"`{table.resource['path']}`: {_cell(table.resource.get('description', ''))}", "",
            f"Each row represents {table.row_meaning or 'one ' + name}. {rows:,} {'row' if rows == 1 else 'rows'}.", "",
            *_keys(catalog, name), "", *_columns(catalog, name), ""]


def package_readme(catalog: Catalog) -> str:
    meta = catalog.descriptor.data
    lines = [f"# {meta['title']}: the data package", "",
             "This folder is a [Frictionless Data Package](https://datapackage.org/) (v2): `datapackage.json` describes "
             "every table and column, and each table is one CSV file (UTF-8, comma-separated, LF line ends, a header row). "
             "This README is generated from them by `lunar-atlas readme`; do not edit it by hand.", "",
             _cell(meta.get("description", "")), "",
             f"Version {meta.get('version', '')}, data as of {catalog.descriptor.as_of}. "
             f"Licence: {meta['licenses'][0]['title']} ({meta['licenses'][0]['name']}). {_cell(meta.get('x-quotedWords', ''))}", "",
             "Provenance: every row cites its sources in `source_ids` or `source_id` ([`sources`](#sources)); every fact of "
             "the catalog is backed by rows of [`claims`](#claims), which give the source's own words.", "",
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
