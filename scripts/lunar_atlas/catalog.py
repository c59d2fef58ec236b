"""The catalog: the package read once into memory, rows typed and indexed by ID.

Validation, page rendering and downloads all read this one object.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .cells import CellError, parse_cell
from .csvfile import CsvFile, read_csv
from .descriptor import Descriptor, Table, load_descriptor
from .problems import Problem


@dataclass
class TableData:
    table: Table
    file: CsvFile
    rows: list[dict] = field(default_factory=list)
    records: list[list[str]] = field(default_factory=list)  # the text behind each row
    # Each row's number as a spreadsheet counts (the header is 1), in an array: a list would hold an object a row.
    numbers: array = field(default_factory=lambda: array("L"))
    by_id: dict[str, dict] = field(default_factory=dict)
    position: dict[str, int] = field(default_factory=dict)  # row index by primary key
    bad_cells: set[tuple[int, str]] = field(default_factory=set)  # (row index, field) that did not parse
    ragged: list[tuple[int, int]] = field(default_factory=list)  # (row number, cell count) of rows left out

    @property
    def name(self) -> str:
        return self.table.name

    def raw(self, index: int, name: str) -> str:
        return self.records[index][self.table.position[name]]

    def row_number(self, index: int) -> int:
        return self.numbers[index]

    def row_number_of(self, key: str) -> int:
        """The spreadsheet row of the row with this primary key."""
        return self.numbers[self.position[key]]

    @cached_property
    def lines(self) -> array:
        """The line of the CSV file each row starts on, by row index (a cell may hold line breaks)."""
        starts, line = array("L"), 2
        for record in self.records:
            starts.append(line)
            line += 1 + sum(cell.count("\n") for cell in record)
        return starts

    def line_of(self, key: str) -> int:
        return self.lines[self.position[key]]

    def forget_text(self) -> None:
        """Drop the text behind the rows, which only the validator reads: what is shown comes from the typed rows."""
        self.lines  # worked out from the text while it is here: the links to edit a row name its line
        self.records = []
        self.file.records = []


def _naming_fields(table: Table) -> set[str]:
    """The columns whose values name something: a row, another table's row, an allowed value. Their values repeat
    across rows and tables, so the catalog keeps each once."""
    names = {table.primary_key} | {key.field for key in table.foreign_keys}
    for spec in table.fields:
        constraints = spec.get("constraints")
        if isinstance(constraints, dict) and constraints.get("enum"):
            names.add(spec["name"])
    return names & set(table.field_names)


def _row_maker(table: Table):
    """Makes a table's empty rows: each an ordinary dict, but one whose keys all the table's rows share.

    A dict that is an object's attributes keeps only its values and shares its keys with every other object of the
    class (CPython's key-sharing dictionaries, PEP 412): a third of the room of a dict of its own. A table's rows all
    have its columns in the same order, so each table has a class of its own, whose objects are thrown away at once.
    Should the sharing not apply (a Python without it), the rows are plain dicts all the same.
    """
    shell = type(f"{table.name}_row", (), {})
    return lambda: shell().__dict__


def _typed_rows(table: Table, csv_file: CsvFile, shared: dict[str, str]) -> TableData:
    data = TableData(table, csv_file)
    width = len(table.fields)
    names = table.field_names
    # Text columns need no parsing; only the others go through parse_cell (the bulk of the cells are text).
    typed = [(position, spec) for position, spec in enumerate(table.fields) if spec.get("type", "string") != "string"]
    naming = _naming_fields(table)
    naming_text = [name for name in naming if table.by_name[name].get("type", "string") == "string"]
    naming_lists = [name for name in naming if table.by_name[name].get("type") == "list"]
    one = shared.setdefault
    new_row = _row_maker(table)
    empty_as_none = {"": None}.get  # (text, text): None for an empty cell, else the text; in C, cell after cell
    for offset, record in enumerate(csv_file.records):
        if len(record) != width:
            # Cells out of place would be checked against the wrong columns; the row is reported once instead.
            data.ragged.append((offset + 2, len(record)))
            continue
        index = len(data.rows)
        row = new_row()
        row.update(zip(names, map(empty_as_none, record, record)))
        for position, spec in typed:
            try:
                row[spec["name"]] = parse_cell(record[position], spec)
            except CellError:
                row[spec["name"]] = None
                data.bad_cells.add((index, spec["name"]))
        for name in naming_text:
            if row[name] is not None:
                row[name] = one(row[name], row[name])
        for name in naming_lists:
            if row[name]:
                row[name] = [one(item, item) for item in row[name]]
        data.rows.append(row)
        data.records.append(record)
        data.numbers.append(offset + 2)
        key = row.get(table.primary_key)
        if key is not None and key not in data.by_id:
            data.by_id[key] = row
            data.position[key] = index
    return data


@dataclass
class Catalog:
    descriptor: Descriptor
    tables: dict[str, TableData]  # the tables whose rows can be trusted
    files: dict[str, CsvFile]  # every table whose file parses, its header right or not

    def __getitem__(self, name: str) -> TableData:
        return self.tables[name]

    def get(self, table: str, key: str | None) -> dict | None:
        if key is None or table not in self.tables:
            return None
        return self.tables[table].by_id.get(key)


def read_catalog(path: Path, keep_text: bool = True) -> tuple[Catalog, list[Problem]]:
    """Read every table that can be read; the problems say what could not.

    A table whose file cannot be parsed, or whose header is not the schema's, is left out:
    its rows could not be trusted to mean what the schema says. Without `keep_text`, each table's text is let go
    as soon as its rows are made (see TableData.forget_text), so the next table's rows take its room.
    """
    descriptor = load_descriptor(Path(path))
    tables, files, problems, shared = {}, {}, [], {}
    for name, table in descriptor.tables.items():
        csv_file, file_problems = read_csv(table.path)
        problems += file_problems
        if csv_file is None:
            continue
        files[name] = csv_file
        if csv_file.header == table.field_names:
            tables[name] = _typed_rows(table, csv_file, shared)
            if not keep_text:
                tables[name].forget_text()
    return Catalog(descriptor, tables, files), problems


def load_catalog(path: Path) -> Catalog:
    """The catalog of a package already known to be valid."""
    catalog, problems = read_catalog(path, keep_text=False)
    if problems or len(catalog.tables) != len(catalog.descriptor.tables):
        raise ValueError(f"{path} does not read cleanly; run `lunar-atlas validate` first")
    return catalog
