"""Metadata for machines: JSON-LD on every page type with absolute addresses, the JSON API, the feed's and the
calendar's dates, and the site address a publishing build needs."""

from __future__ import annotations

import dataclasses
import json
import re
from datetime import date, datetime, timezone
from pathlib import Path
from xml.etree import ElementTree

import icalendar
import pytest
import yaml

from conftest import PACKAGE, run_cli

from lunar_atlas.catalog import load_catalog
from lunar_atlas.changelog import unreleased_data
from lunar_atlas.downloads import stamp
from lunar_atlas.feeds import atom_file, calendar_file, is_dated_to_the_day
from lunar_atlas.releases import RELEASES, Release, ReleasedFile, last_changed, released
from lunar_atlas.render import Renderer
from lunar_atlas.typed import json_rows
from lunar_atlas.addresses import PAGE_TABLES

CATALOG = load_catalog(PACKAGE)
ADDRESS_KEYS = {"@id", "url", "contentUrl", "sameAs", "mainEntityOfPage", "identifier"}
SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def addresses(value, key=None):
    """Every value under an address-like key, anywhere in a JSON-LD body."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from addresses(v, k)
    elif isinstance(value, list):
        for item in value:
            yield from addresses(item, key)
    elif key in ADDRESS_KEYS and isinstance(value, str) and (key != "identifier" or "/" in value):
        yield value


def page_kinds(site: Path) -> dict[str, Path]:
    """One page of every kind the site has."""
    kinds = {"home": site / "index.html", "data": site / "data" / "index.html", "timeline": site / "timeline" / "index.html",
             "reference": site / "reference" / "missions" / "index.html", "map": site / "map" / "index.html"}
    for table in PAGE_TABLES:
        kinds[f"{table} index"] = site / table / "index.html"
        key = CATALOG[table].table.primary_key
        kinds[table] = site / table / CATALOG[table].rows[0][key] / "index.html"
    return kinds


def jsonld_of(path: Path) -> dict:
    (text,) = SCRIPT.findall(path.read_text(encoding="utf-8"))
    assert "</" not in text and "<" not in text
    return json.loads(text)


@pytest.mark.parametrize("kind", list(page_kinds(Path("."))))
def test_json_ld_on_every_page_type_parses_and_its_addresses_are_absolute(real_site, kind):
    body = jsonld_of(page_kinds(real_site)[kind])
    assert body["@context"] == "https://schema.org/"
    found = list(addresses(body))
    assert found, f"{kind}: no address in its JSON-LD"
    for address in found:
        assert re.match(r"https?://[^/]+/", address), f"{kind}: {address!r} is not absolute"
        assert "/data/data/" not in address


def _front_matter_jsonld(page: str) -> dict:
    meta = yaml.safe_load(page.split("---\n", 2)[1])
    return json.loads(meta["jsonld"])


@pytest.fixture(scope="module")
def published() -> Renderer:
    return Renderer(CATALOG, "https://example.org/atlas/")


def test_entity_pages_name_their_type_and_external_ids_with_the_sites_address(published):
    # A row given a test Wikidata ID shows how a page names it.
    mission = {**CATALOG.get("missions", "change-6"), "wikidata_id": "Q12345"}
    body = _front_matter_jsonld(published.entity("missions", mission, "missions/change-6.md"))
    assert body["@id"] == "https://example.org/atlas/missions/change-6/"
    assert body["sameAs"] == ["https://www.wikidata.org/wiki/Q12345", "https://en.wikipedia.org/wiki/Chang%27e_6"]
    source = next(s for s in CATALOG["sources"].rows if s["url"])
    body = _front_matter_jsonld(published.entity("sources", source, f"sources/{source['source_id']}.md"))
    assert body["sameAs"] == [source["url"]]
    for table, kind in (("people", "Person"), ("organizations", "Organization"), ("places", "Place"), ("sources", "CreativeWork")):
        row = CATALOG[table].rows[0]
        key = row[CATALOG[table].table.primary_key]
        body = _front_matter_jsonld(published.entity(table, row, f"{table}/{key}.md"))
        assert body["@type"] == kind and body["url"] == f"https://example.org/atlas/{table}/{key}/"


@pytest.mark.parametrize("key,alternates", [("xi-jinping", "习近平"), ("eugene-cernan", "Gene Cernan"),
                                             ("jim-lovell", ["James Lovell", "James A. Lovell Jr."])])
def test_a_persons_native_and_other_names_are_their_alternate_names(published, key, alternates):
    body = _front_matter_jsonld(published.entity("people", CATALOG.get("people", key), f"people/{key}.md"))
    assert body["alternateName"] == alternates


def test_the_dataset_json_ld_has_what_dataset_search_recommends(published):
    body = _front_matter_jsonld(published.data("data/index.md"))
    assert body["@type"] == "Dataset"
    assert body["url"] == "https://example.org/atlas/" and "https://example.org/atlas/data/" in body["identifier"]
    assert body["spatialCoverage"]["name"] == "The Moon" and body["temporalCoverage"]
    assert body["license"].startswith("https://") and body["creator"]["name"] and body["version"] == CATALOG.descriptor.data["version"]
    urls = {d["name"]: d["contentUrl"] for d in body["distribution"]}
    assert urls["missions.parquet"] == "https://example.org/atlas/data/missions.parquet"


def test_cite_blocks_name_the_version_and_a_local_build_says_it_is_local(real_site, published):
    version = CATALOG.descriptor.data["version"]
    if unreleased_data((PACKAGE.parent.parent / "CHANGELOG.md").read_text(encoding="utf-8")):
        version += " with unreleased changes"
    mission = CATALOG["missions"].rows[0]
    page = (real_site / "missions" / mission["mission_id"] / "index.html").read_text(encoding="utf-8")
    assert f"version {version}," in page and "(Local build: no published address.)" in page
    assert "This is a local build" in (real_site / "data" / "index.html").read_text(encoding="utf-8")
    assert "lunar-atlas.invalid" not in (real_site / "data" / "timeline.atom").read_text(encoding="utf-8")
    cite = published.views.cite("Chang'e-6", "missions/change-6/")  # a renderer given no changelog
    assert f"version {CATALOG.descriptor.data['version']}," in cite and cite.endswith("https://example.org/atlas/missions/change-6/")


UNRELEASED = "# Changelog\n\n## Unreleased\n\n### Data\n{data}\n### Site\n- A new page.\n\n## 1.0.0 — 2026-01-01\n\n### Data\n- First rows.\n"


@pytest.mark.parametrize("data,version", [("- A value corrected.\n", "version 1.0.0 with unreleased changes,"), ("", "version 1.0.0,")])
def test_a_citation_of_data_changed_since_the_last_release_does_not_name_that_release_alone(data, version):
    """The site is published from every change to main: where the changelog's Unreleased section lists a change to
    the data, a page cites "version 1.0.0 with unreleased changes"; a change to the site alone leaves the data 1.0.0's."""
    catalog = load_catalog(PACKAGE)
    catalog.descriptor.data["version"] = "1.0.0"
    cite = Renderer(catalog, changelog=UNRELEASED.format(data=data)).views.cite("Chang'e-6", "missions/change-6/")
    assert f"Lunar Atlas, {version} data as of" in cite, cite


def test_a_publishing_build_without_a_site_address_stops_with_a_clear_message(tmp_path):
    import os

    env = {**os.environ, "LUNAR_ATLAS_PUBLISH": "1"}
    env.pop("LUNAR_ATLAS_SITE_URL", None)
    result = run_cli("build", str(PACKAGE), "--site-dir", str(tmp_path / "site"), env=env)
    assert result.returncode == 1
    assert "a publishing build (LUNAR_ATLAS_PUBLISH=1) needs the site's address: set LUNAR_ATLAS_SITE_URL" in result.stderr
    assert not (tmp_path / "site").exists()
    result = run_cli("build", str(PACKAGE), "--site-dir", str(tmp_path / "site"), env={**env, "LUNAR_ATLAS_SITE_URL": "javascript:alert(1)"})
    assert result.returncode == 1 and "is not a web address" in result.stderr


# --- the JSON API ------------------------------------------------------------------------------------

@pytest.mark.parametrize("table", PAGE_TABLES)
def test_the_api_has_an_index_and_a_document_for_every_row(real_site, table):
    key = CATALOG[table].table.primary_key
    index = json.loads((real_site / "api" / f"{table}.json").read_text(encoding="utf-8"))
    assert [entry["id"] for entry in index] == [row[key] for row in CATALOG[table].rows]
    typed = {row[key]: row for row in json_rows(CATALOG[table].table, CATALOG[table].rows)}
    for entry in index:
        document = json.loads((real_site / "api" / table / f"{entry['id']}.json").read_text(encoding="utf-8"))
        assert document["row"] == typed[entry["id"]] and entry["api"].endswith(f"/api/{table}/{entry['id']}.json")


def test_an_api_list_is_made_an_entry_at_a_time_and_reads_as_one_compact_document():
    from lunar_atlas.api import Api, _dump
    from lunar_atlas.views import Views

    api = Api(CATALOG, Views(CATALOG), "https://example.org/atlas/")
    lists = {path: content for path, content in api.files() if path.count("/") == 1 and path != "api/index.json"}
    assert sorted(lists) == sorted(f"api/{table}.json" for table in PAGE_TABLES)
    for path, parts in lists.items():
        assert not isinstance(parts, (bytes, str)), f"{path} was made whole"
        text = "".join(parts)
        assert text.encode("utf-8") == _dump(json.loads(text)), f"{path} is not what one json.dumps writes"


def test_a_missions_document_holds_its_claims_events_quotes_and_sources(real_site):
    document = json.loads((real_site / "api" / "missions" / "change-6.json").read_text(encoding="utf-8"))
    claims = [c for c in CATALOG["claims"].rows if (c["table"], c["row_id"]) == ("missions", "change-6")]
    assert sorted(c["claim_id"] for c in document["claims"]) == sorted(c["claim_id"] for c in claims) and claims
    assert sorted(e["event_id"] for e in document["events"]) == sorted(e["event_id"] for e in CATALOG["events"].rows if e["mission_id"] == "change-6")
    assert sorted(q["quote_id"] for q in document["quotes"]) == sorted(q["quote_id"] for q in CATALOG["quotes"].rows if q["mission_id"] == "change-6")
    cited = {c["source_id"] for c in claims} | set(CATALOG.get("missions", "change-6")["source_ids"])
    assert cited <= {s["source_id"] for s in document["sources"]}
    assert json.loads((real_site / "api" / "index.json").read_text(encoding="utf-8"))["tables"].keys() == set(PAGE_TABLES)


# --- the feed and the calendar -------------------------------------------------------------------

def test_the_atom_feed_links_to_itself_and_dates_entries_by_their_rows_not_their_events(real_site):
    ns = {"atom": "http://www.w3.org/2005/Atom"}
    feed = ElementTree.parse(real_site / "data" / "timeline.atom").getroot()
    links = {link.get("rel"): link.get("href") for link in feed.findall("atom:link", ns)}
    assert re.match(r"https?://[^/]+/data/timeline\.atom$", links["self"])
    allowed = {stamp(CATALOG)} | {r.moment for r in released(RELEASES)}  # this build's date, or a release's
    entries = feed.findall("atom:entry", ns)
    assert entries
    for entry in entries:
        updated = datetime.fromisoformat(entry.find("atom:updated", ns).text.replace("Z", "+00:00"))
        assert updated in allowed, entry.find("atom:id", ns).text


def _release(version: str, day: str, events: list[dict]) -> Release:
    content = json.dumps(events).encode("utf-8")
    return Release(version, day, day, [ReleasedFile("events.json", content, "application/json", len(events))])


def test_an_entry_is_dated_by_the_release_that_first_held_its_row_as_it_is():
    fields = ["event_id", "title"]
    rows = [{"event_id": "a", "title": "A"}, {"event_id": "b", "title": "B, corrected"}, {"event_id": "c", "title": "C"}]
    releases = [_release("1.0.0", "2026-12-01", [{"event_id": "a", "title": "A"}, {"event_id": "b", "title": "B"}]),
                _release("1.1.0", "2027-01-05", [{"event_id": "a", "title": "A"}, {"event_id": "b", "title": "B, corrected"}])]
    changed = last_changed(releases, "events", "event_id", rows, fields)
    utc = timezone.utc
    assert changed == {"a": datetime(2026, 12, 1, tzinfo=utc), "b": datetime(2027, 1, 5, tzinfo=utc)}  # c: new since
    occurred = [e for e in CATALOG["events"].rows if e["status"] == "occurred"][:2]
    moment = datetime(2026, 12, 1, tzinfo=utc)
    feed = atom_file(CATALOG, "https://example.org/atlas/", {occurred[0]["event_id"]: moment}).content.decode("utf-8")
    assert f"<id>https://example.org/atlas/timeline/#{occurred[0]['event_id']}</id><updated>2026-12-01T00:00:00Z</updated>" in feed


def _calendar(events: list[dict]) -> icalendar.Calendar:
    catalog = dataclasses.replace(CATALOG, tables={**CATALOG.tables, "events": dataclasses.replace(CATALOG["events"], rows=events)})
    return icalendar.Calendar.from_ical(calendar_file(catalog, "https://example.org/atlas/").content)


def _event(event_id: str, when: str) -> dict:
    return {"event_id": event_id, "when": when, "status": "planned", "title": event_id, "description": None}


def test_a_calendar_entry_never_claims_more_precision_than_its_date():
    calendar = _calendar([_event("by-2030", "../2030"), _event("in-2027", "2027"), _event("on-a-day", "2026-09-14"),
                          _event("at-a-minute", "2026-09-14T10:30:00Z"), _event("about-2029", "2029~"), _event("from-2026", "2026/..")])
    todos = {str(t["uid"]).split("@")[0]: t for t in calendar.walk("VTODO")}
    events = {str(e["uid"]).split("@")[0]: e for e in calendar.walk("VEVENT")}
    assert set(todos) == {"by-2030", "in-2027", "about-2029", "from-2026"} and set(events) == {"on-a-day", "at-a-minute"}
    assert "DTSTART" not in todos["by-2030"] and todos["by-2030"].decoded("due") == date(2031, 1, 1)
    assert (todos["in-2027"].decoded("dtstart"), todos["in-2027"].decoded("due")) == (date(2027, 1, 1), date(2028, 1, 1))
    assert "DUE" not in todos["from-2026"]
    assert (events["on-a-day"].decoded("dtstart"), events["on-a-day"].decoded("dtend")) == (date(2026, 9, 14), date(2026, 9, 15))
    assert events["at-a-minute"].decoded("dtstart") == datetime(2026, 9, 14, 10, 30, tzinfo=timezone.utc)


def test_every_upcoming_event_in_the_real_calendar_is_an_event_only_when_its_day_is_known(real_site):
    calendar = icalendar.Calendar.from_ical((real_site / "data" / "upcoming.ics").read_bytes())
    kinds = {str(c["uid"]).split("@")[0]: c.name for c in calendar.walk() if c.name in ("VEVENT", "VTODO")}
    for event in CATALOG["events"].rows:
        if event["status"] in ("scheduled", "planned"):
            assert kinds[event["event_id"]] == ("VEVENT" if is_dated_to_the_day(event["when"]) else "VTODO"), event["when"]
