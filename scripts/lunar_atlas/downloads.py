"""The downloads: the package's own files, and the same rows as JSON, SQLite, a zip, a calendar and a feed.

Every file is made from the loaded catalog, deterministically: the same package gives the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from xml.etree import ElementTree

import icalendar

from .catalog import Catalog
from .csvfile import MAX_FILE_BYTES
from .descriptor import MAX_DESCRIPTOR_BYTES
from .dates import parse_date
from .humanize import date_words, sort_key
from .paths import read_package_file

SQL_TYPES = {"string": "TEXT", "integer": "INTEGER", "number": "REAL", "boolean": "INTEGER", "list": "TEXT"}


@dataclass(frozen=True)
class DataFile:
    name: str
    content: bytes
    what: str
    media_type: str
    rows: int | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def stamp(catalog: Catalog) -> datetime:
    """The one time every download carries: SOURCE_DATE_EPOCH if set, else the package's as-of date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    return catalog.descriptor.as_of_moment


def _plain(value):
    return ";".join(value) if isinstance(value, list) else value


# --- the package's own files ---------------------------------------------------------------------

def package_files(catalog: Catalog) -> list[DataFile]:
    descriptor = catalog.descriptor
    files = [DataFile(descriptor.path.name, read_package_file(descriptor.path, MAX_DESCRIPTOR_BYTES), "The package descriptor: every table, column, type and key", "application/json")]
    for name, table in descriptor.tables.items():
        files.append(DataFile(table.path.name, read_package_file(table.path, MAX_FILE_BYTES), f"{table.resource['title']} as CSV", "text/csv", len(catalog[name].rows)))
    return files


def json_files(catalog: Catalog) -> list[DataFile]:
    files = []
    for name, data in catalog.tables.items():
        content = json.dumps(data.rows, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"
        files.append(DataFile(f"{name}.json", content, f"{data.table.resource['title']} as JSON, typed values", "application/json", len(data.rows)))
    return files


def zip_file(catalog: Catalog, files: list[DataFile]) -> DataFile:
    moment = stamp(catalog)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(files, key=lambda f: f.name):
            info = zipfile.ZipInfo(f"lunar-atlas/{file.name}", date_time=moment.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, file.content)
    return DataFile("lunar-atlas.zip", buffer.getvalue(), "The whole package: datapackage.json and the CSVs", "application/zip")


# --- SQLite ------------------------------------------------------------------------------------

def _schema_sql(catalog: Catalog) -> list[str]:
    statements = []
    for name, data in catalog.tables.items():
        table = data.table
        columns = [f'"{f["name"]}" {SQL_TYPES[f.get("type", "string")]}' + (" PRIMARY KEY" if f["name"] == table.primary_key else "")
                   for f in table.fields]
        keys = [f'FOREIGN KEY ("{k.field}") REFERENCES "{k.resource}" ("{k.target}")' for k in table.foreign_keys if not k.is_list]
        statements.append(f'CREATE TABLE "{name}" ({", ".join(columns + keys)})')
        statements += [f'CREATE INDEX "{name}_{k.field}" ON "{name}" ("{k.field}")' for k in table.foreign_keys if not k.is_list]
        for key in table.foreign_keys:
            if key.is_list:
                link = f"{name}_{key.field}"
                statements.append(
                    f'CREATE TABLE "{link}" ("{table.primary_key}" TEXT NOT NULL REFERENCES "{name}" ("{table.primary_key}"), '
                    f'"{key.target}" TEXT NOT NULL REFERENCES "{key.resource}" ("{key.target}"), '
                    f'PRIMARY KEY ("{table.primary_key}", "{key.target}"))')
                statements.append(f'CREATE INDEX "{link}_{key.target}" ON "{link}" ("{key.target}")')
    return statements


def sqlite_file(catalog: Catalog) -> DataFile:
    """One SQLite database: a table per resource, list references as link tables, keys and indexes."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "lunar-atlas.sqlite"
        connection = sqlite3.connect(path)
        with connection:
            for statement in _schema_sql(catalog):
                connection.execute(statement)
            for name, data in catalog.tables.items():
                fields = data.table.field_names
                marks = ", ".join("?" for _ in fields)
                connection.executemany(f'INSERT INTO "{name}" VALUES ({marks})',
                                       [[_plain(row[f]) for f in fields] for row in data.rows])
                for key in data.table.foreign_keys:
                    if key.is_list:
                        pairs = sorted({(row[data.table.primary_key], item) for row in data.rows for item in row[key.field] or []})
                        connection.executemany(f'INSERT INTO "{name}_{key.field}" VALUES (?, ?)', pairs)
        connection.execute("VACUUM")
        connection.close()
        content = path.read_bytes()
    rows = sum(len(d.rows) for d in catalog.tables.values())
    return DataFile("lunar-atlas.sqlite", content, "Every table in one SQLite database, with keys and indexes", "application/vnd.sqlite3", rows)


# --- calendar and feed -----------------------------------------------------------------------

def _day_span(text: str) -> tuple[date, date]:
    span = parse_date(text)
    lower = span.lower if span.lower.year > 1 else span.upper.replace(month=1, day=1)
    return lower.date(), span.upper.date() + timedelta(days=1)


def calendar_file(catalog: Catalog, site_url: str) -> DataFile:
    """Scheduled and planned events as iCalendar (RFC 5545), each spanning the days its date allows."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Lunar Atlas//Timeline//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Lunar Atlas: upcoming Moon missions")
    upcoming = [e for e in catalog["events"].rows if e["status"] in ("scheduled", "planned")]
    for event in sorted(upcoming, key=lambda e: (sort_key(e["when"]), e["event_id"])):
        start, end = _day_span(event["when"])
        entry = icalendar.Event()
        entry.add("uid", f"{event['event_id']}@lunar-atlas")
        entry.add("dtstamp", stamp(catalog))
        entry.add("summary", event["title"])
        entry.add("dtstart", start)
        entry.add("dtend", end)
        entry.add("description", f"{date_words(event['when'])} ({event['status']}). {event['description'] or ''}".strip())
        entry.add("status", "TENTATIVE")
        if site_url:
            entry.add("url", f"{site_url}timeline/#{event['event_id']}")
        calendar.add_component(entry)
    events = len(upcoming)
    return DataFile("upcoming.ics", calendar.to_ical(), "Scheduled and planned events as a calendar (iCalendar)", "text/calendar", events)


ATOM = "http://www.w3.org/2005/Atom"


def atom_file(catalog: Catalog, site_url: str) -> DataFile:
    """Timeline events that have happened, newest first, as an Atom feed (RFC 4287)."""
    ElementTree.register_namespace("", ATOM)
    feed = ElementTree.Element(f"{{{ATOM}}}feed")
    base = site_url or "https://lunar-atlas.invalid/"

    def add(parent, tag, text=None, **attrs):
        element = ElementTree.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            element.text = text
        return element

    add(feed, "title", "Lunar Atlas: timeline")
    add(feed, "id", f"{base}timeline/")
    add(feed, "updated", stamp(catalog).isoformat().replace("+00:00", "Z"))
    add(add(feed, "author"), "name", "Lunar Atlas contributors")
    add(feed, "link", href=f"{base}timeline/", rel="alternate")
    occurred = [e for e in catalog["events"].rows if e["status"] == "occurred"]
    for event in sorted(occurred, key=lambda e: (sort_key(e["when"]), e["event_id"]), reverse=True):
        entry = add(feed, "entry")
        add(entry, "title", event["title"])
        add(entry, "id", f"{base}timeline/#{event['event_id']}")
        add(entry, "updated", parse_date(event["when"]).lower.isoformat().replace("+00:00", "Z"))
        add(entry, "link", href=f"{base}timeline/#{event['event_id']}", rel="alternate")
        add(entry, "summary", f"{date_words(event['when'])}. {event['description'] or ''}".strip())
    content = b'<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(feed, encoding="utf-8") + b"\n"
    return DataFile("timeline.atom", content, "Events that have happened, as an Atom feed", "application/atom+xml", len(occurred))


# --- the lot -----------------------------------------------------------------------------------

def checksums(files: list[DataFile]) -> bytes:
    return "".join(f"{f.sha256}  {f.name}\n" for f in sorted(files, key=lambda f: f.name)).encode("utf-8")


def manifest(files: list[DataFile], catalog: Catalog) -> bytes:
    meta = catalog.descriptor.data
    body = {"name": meta["name"], "version": meta["version"], "as_of": catalog.descriptor.as_of,
            "files": [{"name": f.name, "media_type": f.media_type, "bytes": len(f.content), "rows": f.rows, "sha256": f.sha256}
                      for f in files]}
    return json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"


def all_downloads(catalog: Catalog, site_url: str = "") -> list[DataFile]:
    own = package_files(catalog)
    files = own + json_files(catalog) + [zip_file(catalog, own), sqlite_file(catalog),
                                        calendar_file(catalog, site_url), atom_file(catalog, site_url)]
    return files
