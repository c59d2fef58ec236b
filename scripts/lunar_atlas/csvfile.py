"""Reading a table's CSV file, and the problems only its bytes can show."""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .paths import UnsafePath, display_path, read_package_file
from .problems import Problem

BOM = b"\xef\xbb\xbf"
MAX_FILE_BYTES = 256 * 1024 * 1024  # a table this large is a mistake, not data to read into memory
MAX_CELL_CHARS = csv.field_size_limit()


@dataclass
class CsvFile:
    """The text of one CSV file once it has passed the byte-level checks."""

    path: Path
    shown: str
    header: list[str] = field(default_factory=list)
    records: list[list[str]] = field(default_factory=list)  # records[i] is row i + 2


def read_csv(path: Path) -> tuple[CsvFile | None, list[Problem]]:
    """Read a CSV file. None comes back when it cannot be read as a table at all."""
    shown = display_path(path)

    def problem(row, rule, value, expected):
        return Problem(shown, row, "-", rule, value, expected)

    text, refused = _read_text(path, problem)
    if refused:
        return None, [refused]
    problems = []
    crlf_at = text.find("\r\n")
    if crlf_at >= 0:
        problems.append(problem(text.count("\n", 0, crlf_at) + 1, "line-ending", "\r\n", "lines ending in LF (\\n) only"))
    lone_cr = re.search("\r(?!\n)", text)
    if lone_cr:
        problems.append(problem(text.count("\n", 0, lone_cr.start()) + 1, "line-ending", "\r", "lines ending in LF (\\n) only, not CR alone"))
    table = CsvFile(path, shown)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as err:
        return None, problems + [_syntax_problem(text, err, problem)]
    table.header, table.records = (records[0], records[1:]) if records else ([], [])
    return table, problems


def _read_text(path: Path, problem) -> tuple[str | None, Problem | None]:
    """A table file's text, or the one problem that keeps it from being read as UTF-8 CSV at all."""
    if not os.path.lexists(path):
        return None, problem(1, "missing-file", path.name, "the CSV file the descriptor names")
    size = os.lstat(path).st_size
    if size > MAX_FILE_BYTES:
        return None, problem(1, "file-too-large", f"{size:,} bytes", f"a table file of at most {MAX_FILE_BYTES:,} bytes")
    try:
        raw = read_package_file(path, MAX_FILE_BYTES)
    except UnsafePath as err:
        return None, problem(1, "not-a-plain-file", str(err), "a plain CSV file in the package folder; its content is not read")
    if not raw.strip():
        return None, problem(1, "empty-file", "", "a header row naming the table's columns, then the rows")
    if raw.startswith(BOM):
        return None, problem(1, "byte-order-mark", "\ufeff", "UTF-8 without a byte-order mark")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in raw:
        line = raw.count(b"\n", 0, raw.find(b"\x00")) + 1 if b"\x00" in raw else 1
        return None, problem(line, "encoding", "NUL bytes", "UTF-8 text; this file looks like UTF-16: save it as UTF-8")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        return None, problem(line, "encoding", repr(raw[err.start:err.end]), "UTF-8 text")
    return text, None


def _syntax_problem(text: str, err: csv.Error, problem) -> Problem:
    """Where the broken record starts (a stray quote swallows the lines after it), found by reading again record by record."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1
    try:
        for _ in reader:
            start = reader.line_num + 1
    except csv.Error:
        pass
    if "field larger than field limit" in str(err):
        return problem(start, "cell-too-long", str(err), f"cells of at most {MAX_CELL_CHARS:,} characters")
    return problem(start, "csv-syntax", str(err), "well-formed CSV: a quote inside a cell is doubled (\"\")")
