"""Every download opens in the tools its users use and gives back the package's rows."""

from __future__ import annotations

import csv
import gc
import hashlib
import json
import os
import re
import sqlite3
import subprocess
import sys
import weakref
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import duckdb
import frictionless
import icalendar
import pandas as pd
import pytest
import yaml

from conftest import PACKAGE, ROOT

DESCRIPTOR = json.loads(PACKAGE.read_text(encoding="utf-8"))
TABLES = [r["name"] for r in DESCRIPTOR["resources"]]


def package_rows(table: str) -> list[dict]:
    with (PACKAGE.parent / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def data(real_site) -> Path:
    return real_site / "data"


@pytest.mark.parametrize("table", TABLES)
def test_pandas_reads_each_csv(data, table):
    frame = pd.read_csv(data / f"{table}.csv", keep_default_na=False, na_values=[""])
    with (PACKAGE.parent / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert len(frame) == len(package_rows(table))
    assert list(frame.columns) == header


@pytest.mark.parametrize("table", TABLES)
def test_duckdb_reads_each_csv(data, table):
    count = duckdb.sql(f"SELECT count(*) FROM read_csv('{data / (table + '.csv')}', header=true, all_varchar=true)").fetchall()[0][0]
    assert count == len(package_rows(table))


@pytest.mark.parametrize("table", TABLES)
def test_json_holds_the_same_rows(data, table):
    rows = json.loads((data / f"{table}.json").read_text(encoding="utf-8"))
    key = next(r for r in DESCRIPTOR["resources"] if r["name"] == table)["schema"]["primaryKey"][0]
    assert [r[key] for r in rows] == [r[key] for r in package_rows(table)]


def test_frictionless_validates_the_zip_as_a_package(data):
    report = frictionless.validate(str(data / "lunar-atlas.zip"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type"])
    assert sorted(task.name for task in report.tasks) == sorted(TABLES)
    package = frictionless.Package(str(data / "lunar-atlas.zip"))
    for table in TABLES:
        assert len(package.get_resource(table).read_rows()) == len(package_rows(table))


def test_the_zip_holds_the_descriptor_at_its_root_and_a_readme_of_every_table(data):
    with zipfile.ZipFile(data / "lunar-atlas.zip") as archive:
        names = set(archive.namelist())
        readme = archive.read("README.md").decode("utf-8")
    assert {"datapackage.json", "README.md"} | {f"{t}.csv" for t in TABLES} == names
    for resource in DESCRIPTOR["resources"]:
        assert f"## {resource['name']}" in readme and resource["description"] in readme
        if resource.get("x-row"):
            assert f"Each row represents {resource['x-row']}." in readme
        for field in resource["schema"]["fields"]:
            assert f"| `{field['name']}` |" in readme


def test_sqlite_has_every_row_and_clean_foreign_keys(data):
    connection = sqlite3.connect(data / "lunar-atlas.sqlite")
    connection.execute("PRAGMA foreign_keys = ON")
    assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    for table in TABLES:
        assert connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] == len(package_rows(table))
    cited = sum(len(r["source_ids"].split(";")) for r in package_rows("missions"))
    assert connection.execute("SELECT count(*) FROM missions_source_ids").fetchone()[0] == cited
    keys = connection.execute('SELECT "table", "from" FROM pragma_foreign_key_list(\'events\')').fetchall()
    assert ("missions", "mission_id") in keys and ("places", "place_id") in keys
    indexes = {row[1] for row in connection.execute("PRAGMA index_list('events')")}
    assert "events_mission_id" in indexes


def test_calendar_lists_every_upcoming_event(data):
    calendar = icalendar.Calendar.from_ical((data / "upcoming.ics").read_bytes())
    uids = sorted(str(e["uid"]) for e in calendar.walk("VEVENT") + calendar.walk("VTODO"))
    expected = sorted(f"{e['event_id']}@lunar-atlas" for e in package_rows("events") if e["status"] in ("scheduled", "planned"))
    assert uids == expected and uids


def test_atom_feed_lists_every_past_event(data):
    ns = {"atom": "http://www.w3.org/2005/Atom"}
    feed = ElementTree.parse(data / "timeline.atom").getroot()
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    entries = feed.findall("atom:entry", ns)
    assert len(entries) == sum(1 for e in package_rows("events") if e["status"] == "occurred")
    for entry in entries:
        for tag in ("id", "title", "updated", "link"):
            assert entry.find(f"atom:{tag}", ns) is not None


def test_manifest_and_checksums_match_the_files(data):
    manifest = json.loads((data / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["version"] == DESCRIPTOR["version"]
    for entry in manifest["files"]:
        content = (data / entry["name"]).read_bytes()
        assert (len(content), hashlib.sha256(content).hexdigest()) == (entry["bytes"], entry["sha256"]), entry["name"]
    sums = dict(reversed(line.split("  ")) for line in (data / "SHA256SUMS").read_text().splitlines())
    assert sums == {e["name"]: e["sha256"] for e in manifest["files"]}


def test_data_page_lists_every_file_with_its_checksum(real_site, data):
    html = (real_site / "data" / "index.html").read_text(encoding="utf-8")
    manifest = json.loads((data / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["files"]:
        assert entry["name"] in html and entry["sha256"] in html


REQUIRED_JSONLD = ["name", "description", "license", "creator", "temporalCoverage", "version", "dateModified", "distribution"]


@pytest.mark.parametrize("page", ["index.html", "data/index.html"])
def test_json_ld_describes_the_dataset(real_site, page):
    html = (real_site / page).read_text(encoding="utf-8")
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, f"{page} has no JSON-LD"
    body = json.loads(match.group(1))
    assert body["@type"] == "Dataset"
    assert [key for key in REQUIRED_JSONLD if not body.get(key)] == []
    manifest = json.loads((real_site / "data" / "manifest.json").read_text(encoding="utf-8"))
    assert {d["name"] for d in body["distribution"]} >= {f["name"] for f in manifest["files"]}


def test_citation_file_agrees_with_the_package():
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["version"] == DESCRIPTOR["version"]
    assert citation["license"] == DESCRIPTOR["licenses"][0]["name"]
    assert citation["title"] == DESCRIPTOR["title"]
    assert citation["url"] == DESCRIPTOR["homepage"] and citation["repository-code"].startswith("https://github.com/")
    released = sorted((ROOT / "releases").glob("*/manifest.json"))
    if released:  # from the first release on, the date of the current version's
        assert str(citation["date-released"]) == DESCRIPTOR["created"][:10]


def test_zenodo_metadata_agrees_with_the_package():
    zenodo = json.loads((ROOT / ".zenodo.json").read_text(encoding="utf-8"))
    assert (zenodo["title"], zenodo["description"], zenodo["version"]) == (DESCRIPTOR["title"], DESCRIPTOR["description"], DESCRIPTOR["version"])
    assert zenodo["upload_type"] == "dataset" and zenodo["license"] == DESCRIPTOR["licenses"][0]["name"].lower()
    assert zenodo["keywords"] == DESCRIPTOR["keywords"] and zenodo["creators"]


def test_downloads_are_the_same_bytes_in_every_process():
    """Two processes with different hash seeds (so different set and dict orders) make the same bytes."""
    script = ("from lunar_atlas.catalog import load_catalog; from lunar_atlas.downloads import all_downloads; import sys; "
              "print([(f.name, f.sha256) for f in all_downloads(load_catalog(sys.argv[1]))])")
    runs = [subprocess.run([sys.executable, "-c", script, str(PACKAGE)], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")]
    assert runs[0] == runs[1] and "lunar-atlas.sqlite" in runs[0]


def test_each_download_is_written_as_it_is_made_hashed_once_and_not_kept(monkeypatch):
    """The render worker writes each download as soon as it is made and keeps its summary (size, rows, SHA-256),
    worked out once: no file is hashed twice, and no file's bytes stay in memory once the downloads are made."""
    from lunar_atlas import render
    from lunar_atlas.catalog import load_catalog

    made, hashed, written = [], [], {}
    real_sha256, real_downloads = hashlib.sha256, render.all_downloads

    def counted_sha256(data=b""):
        hashed.append(len(data))
        return real_sha256(data)

    def watched_downloads(*args):
        for file in real_downloads(*args):
            made.append(weakref.ref(file))
            yield file

    monkeypatch.setattr(hashlib, "sha256", counted_sha256)
    monkeypatch.setattr(render, "all_downloads", watched_downloads)
    renderer = render.Renderer(load_catalog(PACKAGE), write_file=written.__setitem__)
    summaries = renderer.downloads
    gc.collect()
    assert [f"data/{s.name}" for s in summaries] == list(written), "every download written, in the order listed"
    assert [(s.size, s.sha256) for s in summaries] == [(len(c), real_sha256(c).hexdigest()) for c in written.values()]
    assert len(hashed) == len(summaries), "each file hashed once"
    assert len(made) == len(summaries) - 2 and [ref for ref in made if ref() is not None] == [], "a made file was kept"
    assert renderer.kept == {} and list(renderer.files()) == [], "nothing left to write"


def test_downloads_hold_one_tables_typed_rows_at_a_time(monkeypatch):
    """Each table's typed rows are made once, for its JSON, Parquet and SQLite, and let go before the next table's
    are made; the files are the same bytes as those made table by table on their own."""
    from lunar_atlas import downloads, typed
    from lunar_atlas.catalog import load_catalog
    from lunar_atlas.sqlite_export import sqlite_bytes

    class Rows(list):  # a list that a weak set can hold
        __hash__ = object.__hash__

    held, made, real_native_rows = weakref.WeakSet(), [], typed.native_rows

    def watched_native_rows(table, rows, shown=None):
        gc.collect()
        assert not held, f"typed rows of {made[-1]} still held when those of {table.name} are made"
        natives = Rows(real_native_rows(table, rows, shown))
        held.add(natives)
        made.append(table.name)
        return natives

    monkeypatch.setattr(typed, "native_rows", watched_native_rows)
    catalog = load_catalog(PACKAGE)
    files = {f.name: f.content for f in downloads.each_data_file(catalog)}
    assert made == list(catalog.tables), "each table's typed rows made once"
    monkeypatch.undo()
    assert files["lunar-atlas.sqlite"] == sqlite_bytes(catalog)
    for name in catalog.tables:
        assert files[f"{name}.json"] == downloads.json_file(catalog, name).content
        assert files[f"{name}.parquet"] == downloads.parquet_file(catalog, name).content


def test_the_big_downloads_are_made_as_files_never_held_whole(tmp_path):
    """Given a folder, the CSVs, each table's JSON, the zip and the database are written into it as they are made
    (at 100x the database alone is some 260 MB): the same bytes, sizes and checksums as those held in memory."""
    from lunar_atlas import downloads
    from lunar_atlas.catalog import load_catalog

    catalog = load_catalog(PACKAGE)
    held = list(downloads.each_data_file(catalog))
    made = list(downloads.each_data_file(catalog, tmp_path))
    on_disk = {f.name for f in made if f.path is not None}
    tables = [catalog[name].table for name in catalog.tables]
    assert on_disk == ({"datapackage.json", "lunar-atlas.zip", "lunar-atlas.sqlite"} | {t.path.name for t in tables}
                       | {f"{t.name}.json" for t in tables})
    assert all(f.content is None and f.path.parent == tmp_path for f in made if f.name in on_disk)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(on_disk), "nothing else left in the folder"
    assert [(f.name, f.read_bytes(), f.size, f.sha256, f.rows) for f in made] == [(f.name, f.content, f.size, f.sha256, f.rows) for f in held]


def test_a_renderer_makes_the_big_downloads_in_its_data_folder(tmp_path):
    from lunar_atlas import render
    from lunar_atlas.catalog import load_catalog

    written: dict[str, bytes] = {}
    renderer = render.Renderer(load_catalog(PACKAGE), write_file=written.__setitem__, data_folder=tmp_path)
    summaries = {s.name: s for s in renderer.downloads}
    assert "data/lunar-atlas.sqlite" not in written and (tmp_path / "lunar-atlas.sqlite").is_file()
    assert {f"data/{p.name}" for p in tmp_path.iterdir()} | set(written) == {f"data/{name}" for name in summaries}
    for path in tmp_path.iterdir():
        assert summaries[path.name].sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_changelog_lists_the_current_version():
    assert f"## {DESCRIPTOR['version']}" in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
