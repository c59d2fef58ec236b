"""The downloads: the package's own files, and the same rows as JSON, SQLite, a zip, a calendar and a feed.

Every file is made from the loaded catalog, deterministically: the same package gives the same bytes. The files are
made one at a time, so that a build can write each and keep only its summary (size, rows, SHA-256) before the next.
Given a folder, the big ones (the CSVs, each table's JSON, the zip, the database) are made in it as files, never held
whole in memory: at a hundred times the real package, the database alone is some 260 MB.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import zipfile
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import cached_property
from pathlib import Path
from typing import Iterator

from .catalog import Catalog
from .csvfile import MAX_FILE_BYTES
from .descriptor import MAX_DESCRIPTOR_BYTES
from .package_readme import package_readme
from .parquet import table_bytes
from .paths import inside, read_package_file, write_inside
from .sqlite_export import SqliteFile, datasette_metadata
from .typed import TypedTable, json_rows, typed_table


@dataclass(frozen=True)
class Summary:
    """What is said of a download once it is made (on the data page, in SHA256SUMS, the manifest and the JSON-LD):
    its name, what it holds, its size, rows and SHA-256; not its bytes."""

    name: str
    what: str
    media_type: str
    rows: int | None
    size: int
    sha256: str

    @property
    def summary(self) -> dict:
        """The file's entry in manifest.json."""
        return {"name": self.name, "media_type": self.media_type, "bytes": self.size, "rows": self.rows, "sha256": self.sha256}


@dataclass(frozen=True)
class DataFile:
    """A download as it is made: its bytes (or the file they were written to), what it holds, its rows."""

    name: str
    content: bytes | None  # None for a file made in a folder (see `path`)
    what: str
    media_type: str
    rows: int | None = None
    path: Path | None = None  # where the file was made, when its bytes are not held

    @property
    def size(self) -> int:
        return len(self.content) if self.content is not None else self.path.stat().st_size

    @cached_property
    def sha256(self) -> str:
        if self.content is not None:
            return hashlib.sha256(self.content).hexdigest()
        with open(self.path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()

    def read_bytes(self) -> bytes:
        return self.content if self.content is not None else self.path.read_bytes()

    @property
    def summary(self) -> dict:
        return self.summarized().summary

    def summarized(self) -> Summary:
        return Summary(self.name, self.what, self.media_type, self.rows, self.size, self.sha256)


def stamp(catalog: Catalog) -> datetime:
    """The one time every download carries: SOURCE_DATE_EPOCH if set, else the package's as-of date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    return catalog.descriptor.as_of_moment


# --- the package's own files ---------------------------------------------------------------------

def _made(folder: Path | None, name: str, content: bytes | Iterator[bytes], *about) -> DataFile:
    """A file of `content` (its bytes, or its bytes in parts): written into `folder` and let go, or held, where
    there is none."""
    if folder is None:
        return DataFile(name, content if isinstance(content, bytes) else b"".join(content), *about)
    return DataFile(name, None, *about, path=write_inside(folder, name, content))


def package_files(catalog: Catalog, folder: Path | None = None) -> Iterator[DataFile]:
    """The package's own files, one at a time: its descriptor, then each table's CSV."""
    descriptor = catalog.descriptor
    yield _made(folder, descriptor.path.name, read_package_file(descriptor.path, MAX_DESCRIPTOR_BYTES), "The package descriptor: every table, column, type and key", "application/json")
    for name, table in descriptor.tables.items():
        yield _made(folder, table.path.name, read_package_file(table.path, MAX_FILE_BYTES), f"{table.resource['title']} as CSV", "text/csv", len(catalog[name].rows))


def json_file(catalog: Catalog, name: str, typed: TypedTable | None = None, folder: Path | None = None) -> DataFile:
    """The table as JSON, from its typed rows (`typed`, where made already), held or written into `folder`."""
    data = catalog[name]
    rows = json_rows(data.table, data.rows, (typed or typed_table(catalog, name))[1])
    about = (f"{data.table.resource['title']} as JSON: typed values, with earliest and latest dates", "application/json", len(data.rows))
    return _made(folder, f"{name}.json", _json_lines(rows), *about)


def _json_lines(rows) -> Iterator[bytes]:
    """A JSON array of one row a line: readable and diffable, and written by json's C encoder (indent= would use the
    slow one). Each line is encoded as it is made, never the rows held as dicts; in a folder, written as made."""
    yield b"[\n"
    for number, row in enumerate(rows):
        yield (b",\n" if number else b"") + json.dumps(row, ensure_ascii=False).encode("utf-8")
    yield b"\n]\n"


def parquet_file(catalog: Catalog, name: str, typed: TypedTable | None = None) -> DataFile:
    data = catalog[name]
    return DataFile(f"{name}.parquet", table_bytes(catalog, name, typed), f"{data.table.resource['title']} as Parquet: typed columns, with earliest and latest dates",
                    "application/vnd.apache.parquet", len(data.rows))


def zip_file(catalog: Catalog, files: list[DataFile], folder: Path | None = None) -> DataFile:
    """The package as one zip: datapackage.json at its root beside the CSVs, and a README generated from it. Each
    file is read when it is zipped (from its bytes, or the file they were written to); the zip is held, or written
    into `folder`."""
    moment = stamp(catalog)
    readme = DataFile("README.md", package_readme(catalog).encode("utf-8"), "", "text/markdown")
    about = ("The whole package: datapackage.json, the CSVs and a README", "application/zip")
    target = io.BytesIO() if folder is None else inside(folder, "lunar-atlas.zip")
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(files + [readme], key=lambda f: f.name):
            info = zipfile.ZipInfo(file.name, date_time=moment.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, file.read_bytes())
    if folder is None:
        return DataFile("lunar-atlas.zip", target.getvalue(), *about)
    return DataFile("lunar-atlas.zip", None, *about, path=target)


def sqlite_file(catalog: Catalog, database: SqliteFile, folder: Path | None = None) -> DataFile:
    """The SQLite database, filled already (see sqlite_export.SqliteFile): its bytes, or moved into `folder`."""
    rows = sum(len(d.rows) for d in catalog.tables.values())
    about = ("Every table in one SQLite database: typed, with keys, indexes and full-text search", "application/vnd.sqlite3", rows)
    if folder is None:
        return DataFile("lunar-atlas.sqlite", database.content(), *about)
    return DataFile("lunar-atlas.sqlite", None, *about, path=database.move_to(inside(folder, "lunar-atlas.sqlite")))


def datasette_file(catalog: Catalog) -> DataFile:
    return DataFile("metadata.json", datasette_metadata(catalog), "Datasette metadata for the SQLite database: titles, descriptions, licence, sources",
                    "application/json")


# --- the lot -----------------------------------------------------------------------------------

def checksums(files: list[DataFile | Summary]) -> bytes:
    return "".join(f"{f.sha256}  {f.name}\n" for f in sorted(files, key=lambda f: f.name)).encode("utf-8")


def manifest(files: list[DataFile | Summary], catalog: Catalog, released: str | None = None) -> bytes:
    meta = catalog.descriptor.data
    body = {"name": meta["name"], "version": meta["version"], "as_of": catalog.descriptor.as_of,
            **({"released": released} if released else {}),
            "files": [f.summary for f in files]}
    return json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"


def each_data_file(catalog: Catalog, folder: Path | None = None) -> Iterator[DataFile]:
    """The data itself, the same wherever the site is published, one file at a time: what a release keeps, byte for
    byte. Given a folder, the big files are written into it as they are made (see above).

    Made in the order that holds least at once, given in this order: the package's own files are zipped as soon as
    they are given, and each table's typed rows are made once, for its JSON, its Parquet and its part of the SQLite
    database, and let go before the next table's. The zip and the Parquet files (small) wait their turn.
    """
    own = []
    for file in package_files(catalog, folder):
        yield file
        own.append(file)
    archive = zip_file(catalog, own, folder)
    del own
    with SqliteFile(catalog) as database:
        parquet = []
        for name in catalog.tables:
            typed = typed_table(catalog, name)
            yield json_file(catalog, name, typed, folder)
            parquet.append(parquet_file(catalog, name, typed))
            database.add(name, typed)
            del typed
        yield from parquet
        del parquet
        yield archive
        del archive
        yield sqlite_file(catalog, database, folder)
    yield datasette_file(catalog)


def data_files(catalog: Catalog) -> list[DataFile]:
    return list(each_data_file(catalog))


def all_downloads(catalog: Catalog, site_url: str = "", changed: dict[str, datetime] | None = None,
                  folder: Path | None = None) -> Iterator[DataFile]:
    """The data files, then the calendar and the feed (which carry the site's address), one at a time; the big
    data files made in `folder`, where given."""
    from .feeds import atom_file, calendar_file

    yield from each_data_file(catalog, folder)
    yield calendar_file(catalog, site_url)
    yield atom_file(catalog, site_url, changed or {})
