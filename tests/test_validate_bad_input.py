"""Every kind of broken package gets its exact report: rule, file, row, column and value, exit 1, nothing written."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from conftest import PACKAGE, copy_minimal, run_cli, snapshot


@dataclass
class Case:
    id: str
    edit: Callable[[Path], None]
    expected: list[tuple]  # (file, row, column, rule, value)


def replace(name: str, old: str, new: str, count: int = 1):
    def edit(folder: Path):
        path = folder / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in the minimal {name}; update the case"
        path.write_text(text.replace(old, new, count), encoding="utf-8", newline="")
    return edit


def both(*edits):
    def edit(folder: Path):
        for one in edits:
            one(folder)
    return edit


def append(name: str, line: str):
    def edit(folder: Path):
        with (folder / name).open("a", encoding="utf-8", newline="") as handle:
            handle.write(line + "\n")
    return edit


def bytes_edit(name: str, change: Callable[[bytes], bytes]):
    def edit(folder: Path):
        path = folder / name
        path.write_bytes(change(path.read_bytes()))
    return edit


def drop_column(name: str, column: str):
    def edit(folder: Path):
        path = folder / name
        lines = path.read_text(encoding="utf-8").splitlines()
        position = lines[0].split(",").index(column)
        kept = [",".join(c for i, c in enumerate(line.split(",")) if i != position) for line in lines]
        path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return edit


def add_column(name: str, column: str):
    def edit(folder: Path):
        path = folder / name
        lines = path.read_text(encoding="utf-8").splitlines()
        path.write_text("\n".join([lines[0] + "," + column] + [line + ",x" for line in lines[1:]]) + "\n", encoding="utf-8")
    return edit


def edit_descriptor(change: Callable[[dict], None]):
    def edit(folder: Path):
        path = folder / "datapackage.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(json.dumps(data), encoding="utf-8")
    return edit


def list_example_org_as_a_copy_host(data: dict):
    next(r for r in data["resources"] if r["name"] == "sources")["x-copyHosts"].append("example.org")


def allow_a_blog_tier(data: dict):
    tier = next(f for f in next(r for r in data["resources"] if r["name"] == "sources")["schema"]["fields"] if f["name"] == "tier")
    tier["constraints"]["enum"].append("blog")
    tier["categories"].append({"value": "blog", "label": "Blog"})


def _outcome(data: dict) -> dict:
    return next(f for f in next(r for r in data["resources"] if r["name"] == "missions")["schema"]["fields"] if f["name"] == "outcome")


def _outcome_where() -> str:
    data = json.loads(PACKAGE.read_text(encoding="utf-8"))
    index = next(i for i, r in enumerate(data["resources"]) if r["name"] == "missions")
    position = next(i for i, f in enumerate(data["resources"][index]["schema"]["fields"]) if f["name"] == "outcome")
    return f"resources[{index}].schema.fields[{position}].categories"


OUTCOME_CATEGORIES = _outcome_where()


def add_an_outcome_without_a_label(data: dict):
    _outcome(data)["constraints"]["enum"].append("exploded")


def empty_the_success_label(data: dict):
    next(c for c in _outcome(data)["categories"] if c["value"] == "success")["label"] = " "


def event_renamed(new_id: str):
    """The planned event of the minimal package under another ID, with its claim."""
    return both(replace("events.csv", "test-agency-next,", f"{new_id},"), replace("claims.csv", ",test-agency-next,", f",{new_id},"))


def quote_renamed(new_id: str):
    """The quote of the minimal package under another ID, with its claim."""
    return both(replace("quotes.csv", "ada-tester-success,ada-tester,", f"{new_id},ada-tester,"),
                replace("claims.csv", ",quotes,ada-tester-success,", f",quotes,{new_id},"))


def rename_path(data: dict):
    data["resources"][2]["path"] = "quotez.csv"


LANDING = "test-lander-landing,2024-06-01,,landing"
LAUNCH_VEHICLE = "test-lander-launch-vehicle,missions,test-lander,launch_vehicle,Test Rocket,test-report,On a Test Rocket.,2026-11-24,true,,,"
TEST_ROVER = "test-rover,Test Rover,,Test Programme,,CN,,,rover,false,{launch},,,planned,,,,,,,,,A rover carried by the lander.,test-report,,test-lander"
ROVER_LAUNCH = "test-rover-launch,missions,test-rover,launch_date,{launch},test-report,Launched on the lander.,2026-11-24,true,,,\ntest-rover-outcome,missions,test-rover,outcome,planned,test-report,A rover is planned.,2026-11-24,true,,,"
WIRE = "wire-report,A wire report,test-agency,,https://example.org/wire-report,,2024-06-01,,2026-11-24,,news-report,{tier},"

CASES = [
    Case("wrong-type", replace("missions.csv", ",sample-return,true,", ",sample-return,maybe,"),
         [("missions.csv", 2, "crewed", "type", "maybe")]),
    Case("number-type", replace("missions.csv", ",1000.5,", ",heavy,"),
         [("missions.csv", 2, "sample_mass_g", "type", "heavy")]),
    Case("bad-enum", replace("missions.csv", ",success,", ",succes,"),
         [("missions.csv", 2, "outcome", "enum", "succes")]),
    Case("missing-required", replace("events.csv", ",Test Lander lands,", ",,"),
         [("events.csv", 3, "title", "required", "")]),
    Case("duplicate-key", append("people.csv", "ada-tester,Ada Twin,,,Twin,test-agency,,,,test-report,"),
         [("people.csv", 3, "person_id", "primary-key", "ada-tester")]),
    Case("duplicate-unique", replace("sources.csv", "2026-11-24,,news-report,primary,\n",
                                     "2026-11-24,,news-report,primary,\nother,Other,,,https://example.org/test-report,,,,,,news-report,primary,\n"),
         [("sources.csv", 3, "source_id", "uncited-source", "other"),
          ("sources.csv", 3, "url", "duplicate-source", "https://example.org/test-report")]),
    Case("bad-id-in-a-list", replace("people.csv", ",CN,test-report,", ",CN,test-report;Test Report,"),
         [("people.csv", 2, "source_ids", "slug", "Test Report")]),
    Case("over-long-id", replace("claims.csv", "test-lander-launch-date,missions,", "a" * 101 + ",missions,"),
         [("claims.csv", 2, "claim_id", "pattern", "a" * 101)]),
    Case("the-same-bad-value-twice", both(replace("people.csv", ",Head of the Test Agency,", ",=1+1,"),
                                          append("people.csv", "bob-tester,Bob Tester,,,=1+1,test-agency,,,CN,test-report,")),
         [("people.csv", 2, "role", "formula", "=1+1"), ("people.csv", 3, "role", "formula", "=1+1")]),
    Case("not-a-web-address", replace("sources.csv", "https://example.org/test-report", "example.org/test-report"),
         [("sources.csv", 2, "url", "uri", "example.org/test-report")]),
    Case("script-address", replace("sources.csv", "https://example.org/test-report", "javascript:alert(1)"),
         [("sources.csv", 2, "url", "uri", "javascript:alert(1)")]),
    Case("address-with-a-backslash", replace("sources.csv", "https://example.org/test-report", "https://example.org\\@knowpia.com/x"),
         [("sources.csv", 2, "url", "uri", "https://example.org\\@knowpia.com/x")]),
    Case("bad-edtf", replace("events.csv", LANDING, "test-lander-landing,June 2024,,landing"),
         [("events.csv", 3, "when", "edtf", "June 2024")]),
    Case("impossible-date", replace("events.csv", LANDING, "test-lander-landing,2024-02-30,,landing"),
         [("events.csv", 3, "when", "edtf", "2024-02-30")]),
    Case("time-not-utc", replace("events.csv", LANDING, "test-lander-landing,2024-06-01T10:00:00+08:00,,landing"),
         [("events.csv", 3, "when", "utc", "2024-06-01T10:00:00+08:00")]),
    Case("event-before-launch", replace("events.csv", LANDING, "test-lander-landing,2024-04-01,,landing"),
         [("events.csv", 3, "when", "before-launch", "2024-04-01")]),
    Case("event-after-end", replace("events.csv", LANDING, "test-lander-landing,2024-07,,landing"),
         [("events.csv", 3, "when", "after-end", "2024-07")]),
    Case("launch-mismatch", replace("missions.csv", ",true,2024-05-03T09:27:00Z,", ",true,2024-05-03,"),
         [("missions.csv", 2, "launch_date", "launch-mismatch", "2024-05-03")]),
    Case("scheduled-in-the-past", replace("events.csv", "test-agency-next,2030,,milestone,planned", "test-agency-next,2020,,milestone,scheduled"),
         [("events.csv", 4, "when", "status-date", "2020")]),
    Case("occurred-in-the-future", replace("events.csv", "test-agency-next,2030,,milestone,planned", "test-agency-next,2030,,milestone,occurred"),
         [("events.csv", 4, "when", "status-date", "2030")]),
    Case("latitude-91", replace("places.csv", "-40.5,-150.25", "91,-150.25"),
         [("places.csv", 2, "lat", "maximum", "91")]),
    Case("latitude-without-longitude", replace("places.csv", "-40.5,-150.25", "-40.5,"),
         [("places.csv", 2, "lon", "coordinates-pair", "")]),
    Case("negative-mass", replace("missions.csv", ",1000.5,", ",-1,"),
         [("missions.csv", 2, "sample_mass_g", "minimum", "-1")]),
    Case("bad-cospar", replace("missions.csv", ",2024-001A,", ",24-1A,"),
         [("missions.csv", 2, "cospar_id", "pattern", "24-1A")]),
    Case("bad-timezone", replace("events.csv", ",Asia/Shanghai,", ",Asia/Beijing,"),
         [("events.csv", 2, "timezone", "timezone", "Asia/Beijing")]),
    Case("ragged-row", append("organizations.csv", "short-row,Short"),
         [("organizations.csv", 3, "-", "ragged-row", "2 cells")]),
    Case("extra-column", add_column("people.csv", "nickname"),
         [("people.csv", 1, "nickname", "extra-column", "nickname")]),
    Case("missing-column", drop_column("people.csv", "notes"),
         [("people.csv", 1, "notes", "missing-column", "")]),
    Case("renamed-column", replace("people.csv", ",role,", ",job,"),
         [("people.csv", 1, "job", "renamed-column", "job")]),
    Case("empty-file", bytes_edit("quotes.csv", lambda _: b""),
         [("quotes.csv", 1, "-", "empty-file", "")]),
    Case("not-utf-8", bytes_edit("people.csv", lambda b: b.replace(b"Head of", b"Chef d\xe9")),
         [("people.csv", 2, "-", "encoding", "b'\\xe9'")]),
    Case("byte-order-mark", bytes_edit("people.csv", lambda b: b"\xef\xbb\xbf" + b),
         [("people.csv", 1, "-", "byte-order-mark", "\ufeff")]),
    Case("crlf-line-ends", bytes_edit("people.csv", lambda b: b.replace(b"\n", b"\r\n")),
         [("people.csv", 1, "-", "line-ending", "\r\n")]),
    Case("stray-quote", replace("people.csv", "ada-tester,Ada Tester,", 'ada-tester,"Ada Tester,'),
         [("people.csv", 2, "-", "csv-syntax", "unexpected end of data")]),
    Case("formula-cell", replace("people.csv", ",Head of the Test Agency,", ",=HYPERLINK(\"http://x\"),"),
         [("people.csv", 2, "role", "formula", '=HYPERLINK("http://x")')]),
    Case("id-path", both(replace("events.csv", LANDING, "../x,2024-06-01,,landing"), replace("claims.csv", "events,test-lander-landing,", "events,../x,")),
         [("claims.csv", 14, "row_id", "pattern", "../x"), ("events.csv", 3, "event_id", "pattern", "../x")]),
    Case("id-capitals", both(replace("events.csv", LANDING, "Test-Lander-Landing,2024-06-01,,landing"), replace("claims.csv", "events,test-lander-landing,", "events,Test-Lander-Landing,")),
         [("claims.csv", 14, "row_id", "pattern", "Test-Lander-Landing"), ("events.csv", 3, "event_id", "pattern", "Test-Lander-Landing")]),
    Case("id-spaces", both(replace("events.csv", LANDING, "test lander landing,2024-06-01,,landing"), replace("claims.csv", "events,test-lander-landing,", "events,test lander landing,")),
         [("claims.csv", 14, "row_id", "pattern", "test lander landing"), ("events.csv", 3, "event_id", "pattern", "test lander landing")]),
    Case("empty-item-in-a-text-list", replace("sources.csv", ",test-agency,Ada Tester,", ",test-agency,Ada Tester;,"),
         [("sources.csv", 2, "authors", "empty-item", "Ada Tester;")]),
    Case("spaced-item-in-a-text-list", replace("sources.csv", ",test-agency,Ada Tester,", ",test-agency,Ada Tester; Bob Tester,"),
         [("sources.csv", 2, "authors", "not-trimmed", " Bob Tester")]),
    Case("formula-item-in-a-text-list", replace("sources.csv", ",test-agency,Ada Tester,", ',test-agency,"Ada Tester;=HYPERLINK(""x"")",'),
         [("sources.csv", 2, "authors", "formula", '=HYPERLINK("x")')]),
    Case("list-item-not-slug", replace("quotes.csv", ",mission-success,", ",Mission Success,"),
         [("quotes.csv", 2, "topics", "slug", "Mission Success")]),
    Case("control-character", replace("events.csv", "Test Lander lands", "Test Lander\x07 lands"),
         [("events.csv", 3, "title", "control-character", "Test Lander\x07 lands")]),
    Case("not-trimmed", replace("organizations.csv", ",Test Agency,", ", Test Agency,"),
         [("organizations.csv", 2, "name", "not-trimmed", " Test Agency")]),
    Case("not-nfc", replace("organizations.csv", ",Test Agency,", ",Te\u0301st Agency,"),
         [("organizations.csv", 2, "name", "not-nfc", "Te\u0301st Agency")]),
    Case("invisible-character", replace("events.csv", "Test Lander lands", "Test Lander\u202e lands"),
         [("events.csv", 3, "title", "invisible-character", "Test Lander\u202e lands")]),
    Case("zero-width-space", replace("organizations.csv", ",Test Agency,", ",Test\u200bAgency,"),
         [("organizations.csv", 2, "name", "invisible-character", "Test\u200bAgency")]),
    Case("line-separator", replace("people.csv", ",Head of the Test Agency,", ",Head of\u2028the Test Agency,"),
         [("people.csv", 2, "role", "invisible-character", "Head of\u2028the Test Agency")]),
    Case("soft-hyphen-in-a-list-cell", replace("quotes.csv", ",mission-success,", ",mission-suc\u00adcess,"),
         [("quotes.csv", 2, "topics", "invisible-character", "mission-suc\u00adcess")]),
    Case("descriptor-description-with-a-zero-width-space", edit_descriptor(lambda d: d.update(description="Lunar\u200bAtlas")),
         [("datapackage.json", 1, "description", "invisible-character", "Lunar\u200bAtlas")]),
    Case("descriptor-title-with-a-line-break", edit_descriptor(lambda d: d.update(title="Lunar\nAtlas")),
         [("datapackage.json", 1, "title", "control-character", "Lunar\nAtlas")]),
    Case("claim-without-a-value", replace("claims.csv", ",sample_mass_g,1000.5,", ",sample_mass_g,,"),
         [("claims.csv", 8, "value", "required", ""), ("missions.csv", 2, "sample_mass_g", "unbacked", "1000.5")]),
    Case("disputed-claim-without-a-value", replace("claims.csv", ",sample_mass_g,1000,", ",sample_mass_g,,"),
         [("claims.csv", 9, "value", "required", "")]),
    Case("claim-of-a-flag-without-a-value", replace("claims.csv", ",moonwalker,true,", ",moonwalker,,"),
         [("claims.csv", 17, "value", "required", ""), ("crew.csv", 2, "moonwalker", "unbacked", "true")]),
    Case("uncited-source", append("sources.csv", "lonely,Lonely,,,https://example.org/lonely,,,,,,paper,reference,"),
         [("sources.csv", 3, "source_id", "uncited-source", "lonely")]),
    Case("unbacked-fact", replace("missions.csv", ",Test Rocket,", ",Other Rocket,"),
         [("missions.csv", 2, "launch_vehicle", "unbacked", "Other Rocket")]),
    Case("claim-removed", replace("claims.csv", "test-lander-cospar,missions,test-lander,cospar_id,2024-001A,test-report,Designated 2024-001A.,2026-11-24,true,,,\n", ""),
         [("missions.csv", 2, "cospar_id", "unbacked", "2024-001A")]),
    Case("event-date-unbacked", replace("claims.csv", "test-lander-landing-when,events,test-lander-landing,when,2024-06-01,", "test-lander-landing-when,events,test-lander-landing,when,2024-06-02,"),
         [("events.csv", 3, "when", "unbacked", "2024-06-01")]),
    Case("two-preferred-claims", replace("claims.csv", "About a kilogram.,2026-11-24,false,less-precise,", "About a kilogram.,2026-11-24,true,,"),
         [("claims.csv", 9, "value", "preferred-mismatch", "1000")]),
    Case("no-preferred-claim", replace("claims.csv", "It brought back 1000.5 grams.,2026-11-24,true,", "It brought back 1000.5 grams.,2026-11-24,false,unexplained"),
         [("missions.csv", 2, "sample_mass_g", "preferred-count", "1000.5")]),
    Case("claim-on-missing-row", replace("claims.csv", "test-lander-sample-mass-other,missions,test-lander,", "test-lander-sample-mass-other,missions,no-such-mission,"),
         [("claims.csv", 9, "row_id", "claim-target", "no-such-mission")]),
    Case("claim-on-missing-column", replace("claims.csv", "test-lander-sample-mass-other,missions,test-lander,sample_mass_g,", "test-lander-sample-mass-other,missions,test-lander,mass,"),
         [("claims.csv", 9, "column", "claim-target", "mass")]),
    Case("claim-locator-too-long", replace("claims.csv", "About a kilogram.", "x" * 301),
         [("claims.csv", 9, "locator", "maxLength", "x" * 301)]),
    Case("cospar-year", both(replace("missions.csv", ",2024-001A,", ",2023-001A,"), replace("claims.csv", ",2024-001A,test-report,Designated 2024-001A.", ",2023-001A,test-report,Designated 2023-001A.")),
         [("missions.csv", 2, "cospar_id", "cospar-year", "2023-001A")]),
    Case("duplicate-cospar", both(append("missions.csv", "test-lander-2,Test Lander 2,,Test Programme,2,CN,,,lander,false,2024,,,planned,,,,,,2024-001A,,,A second.,test-report,,"),
                                  append("claims.csv", "test-lander-2-outcome,missions,test-lander-2,outcome,planned,test-report,A second is planned.,2026-11-24,true,,,"),
                                  append("claims.csv", "test-lander-2-cospar,missions,test-lander-2,cospar_id,2024-001A,test-report,Also 2024-001A.,2026-11-24,true,,,"),
                                  append("claims.csv", "test-lander-2-launch,missions,test-lander-2,launch_date,2024,test-report,In 2024.,2026-11-24,true,,,")),
         [("missions.csv", 3, "cospar_id", "unique", "2024-001A")]),
    Case("wikipedia-not-read", replace("missions.csv", ",Q405,,A fictional", ",Q405,Apollo 11,A fictional"),
         [("missions.csv", 2, "wikipedia", "wikipedia-read", "Apollo 11")]),
    Case("wikipedia-not-a-title", replace("missions.csv", ",Q405,,A fictional", ",Q405,Apollo 11|x,A fictional"),
         [("missions.csv", 2, "wikipedia", "pattern", "Apollo 11|x")]),
    Case("duplicate-programme-number", both(append("missions.csv", "test-lander-2,Test Lander 2,,Test Programme,1,CN,,,lander,false,,,,planned,,,,,,,,,A second.,test-report,,"),
                                            append("claims.csv", "test-lander-2-outcome,missions,test-lander-2,outcome,planned,test-report,A second is planned.,2026-11-24,true,,,")),
         [("missions.csv", 3, "program_sequence", "program-sequence", "1")]),
    Case("landing-without-coordinates", both(replace("missions.csv", ",-41.5,-153.5,1000.5,", ",,,1000.5,"),
                                             replace("claims.csv", 'test-lander-landing-lat,missions,test-lander,landing_lat,-41.5,test-report,"At 41.5°S, 153.5°W.",2026-11-24,true,,,\n', ""),
                                             replace("claims.csv", 'test-lander-landing-lon,missions,test-lander,landing_lon,-153.5,test-report,"At 41.5°S, 153.5°W.",2026-11-24,true,,,\n', "")),
         [("missions.csv", 2, "landing_lat", "landing-coordinates", "")]),
    Case("landed-without-landing-event", both(replace("events.csv", "test-lander-landing,2024-06-01,,landing,occurred,test-lander,test-site,Test Lander lands,It lands.,test-report,\n", ""),
                                              replace("claims.csv", "test-lander-landing-when,events,test-lander-landing,when,2024-06-01,test-report,It landed on 1 June 2024.,2026-11-24,true,,,\n", "")),
         [("missions.csv", 2, "landing_date", "outcome-events", "2024-06-01")]),
    Case("launch-failure-that-landed", both(replace("missions.csv", ",success,test-site,", ",launch-failure,test-site,"),
                                            replace("claims.csv", "test-lander-outcome,missions,test-lander,outcome,success,", "test-lander-outcome,missions,test-lander,outcome,launch-failure,")),
         [("missions.csv", 2, "outcome", "outcome-events", "launch-failure")]),
    # Craft and their parents: a parent launched no later than its craft, no loop of parents.
    Case("parent-is-itself", replace("missions.csv", ",A fictional mission for tests.,test-report,,", ",A fictional mission for tests.,test-report,,test-lander"),
         [("missions.csv", 2, "parent_id", "parent-cycle", "test-lander")]),
    Case("partner-is-the-operator", replace("missions.csv", ",CN,test-agency,,", ",CN,test-agency,test-agency,"),
         [("missions.csv", 2, "partner_ids", "partner-is-operator", "test-agency")]),
    Case("partners-without-an-operator", both(replace("missions.csv", ",CN,test-agency,,", ",CN,,test-agency,"),
                                              replace("claims.csv", "test-lander-operator,missions,test-lander,operator_id,test-agency,test-report,The Test Agency flew it.,2026-11-24,true,,,\n", "")),
         [("missions.csv", 2, "partner_ids", "partner-without-operator", "test-agency")]),
    Case("parents-in-a-loop", both(replace("missions.csv", ",A fictional mission for tests.,test-report,,", ",A fictional mission for tests.,test-report,,test-rover"),
                                   append("missions.csv", TEST_ROVER.format(launch="2024-05-03T09:27:00Z")), append("claims.csv", ROVER_LAUNCH.format(launch="2024-05-03T09:27:00Z"))),
         [("missions.csv", 2, "parent_id", "parent-cycle", "test-rover"), ("missions.csv", 3, "parent_id", "parent-cycle", "test-lander")]),
    Case("craft-launched-before-its-parent", both(append("missions.csv", TEST_ROVER.format(launch="2024-05-01")), append("claims.csv", ROVER_LAUNCH.format(launch="2024-05-01"))),
         [("missions.csv", 3, "launch_date", "parent-launch", "2024-05-01")]),
    Case("craft-both-in-and-left-out", append("exclusions.csv", "test-lander,Test Lander,2024,earth-orbit-test,Tested in Earth orbit.,test-report,test-report,"),
         [("exclusions.csv", 3, "exclusion_id", "excluded-mission", "test-lander")]),
    Case("exclusion-rule-not-allowed", replace("exclusions.csv", ",earth-orbit-test,", ",too-small,"),
         [("exclusions.csv", 2, "rule", "enum", "too-small")]),
    Case("renamed-id-reused", append("renames.csv", "places-test-site,places,test-site,test-basin,2026-04-11,"),
         [("renames.csv", 2, "old_id", "id-reused", "test-site")]),
    Case("rename-to-nothing", append("renames.csv", "places-old-site,places,old-site,no-such-place,2026-04-11,"),
         [("renames.csv", 2, "new_id", "rename-target", "no-such-place")]),
    # An ID the site already uses for one of its own pages or anchors would take that page's or anchor's place.
    Case("id-that-is-its-lists-address", append("organizations.csv", "index,Index Agency,,,space-agency,CN,,,,test-report,"),
         [("organizations.csv", 3, "organization_id", "reserved-id", "index")]),
    Case("source-id-that-is-a-tiers-list", both(append("sources.csv", "press,Another test report,test-agency,,https://example.org/other,,2024-06-26,,2026-11-24,,news-report,press,"),
                                                replace("organizations.csv", "https://example.org/,,,test-report,", "https://example.org/,,,test-report;press,")),
         [("sources.csv", 3, "source_id", "reserved-id", "press")]),
    Case("quote-id-that-is-a-decades-list", quote_renamed("2020s"),
         [("quotes.csv", 2, "quote_id", "reserved-id", "2020s")]),
    Case("quote-id-that-is-the-undated-list", quote_renamed("undated"),
         [("quotes.csv", 2, "quote_id", "reserved-id", "undated")]),
    Case("event-id-that-is-an-anchor-of-its-page", event_renamed("la-events"),
         [("events.csv", 4, "event_id", "reserved-id", "la-events")]),
    Case("event-id-that-is-a-years-anchor", event_renamed("y2030"),
         [("events.csv", 4, "event_id", "reserved-id", "y2030")]),
    # How far sources can be trusted: tiers, copies beside their works, why a claim lost.
    Case("bad-tier", replace("sources.csv", ",news-report,primary,", ",news-report,trusted,"),
         [("sources.csv", 2, "tier", "enum", "trusted")]),
    Case("source-on-a-mirror-host", replace("sources.csv", "https://example.org/test-report", "https://www.knowpia.com/knowpedia/Test_Lander"),
         [("sources.csv", 2, "url", "copy-host", "https://www.knowpia.com/knowpedia/Test_Lander")]),
    Case("tier-the-code-does-not-know", both(edit_descriptor(allow_a_blog_tier), replace("sources.csv", ",news-report,primary,", ",news-report,blog,")),
         [("sources.csv", 2, "tier", "unknown-tier", "blog")]),
    Case("copy-hosts-are-data", edit_descriptor(list_example_org_as_a_copy_host),
         [("sources.csv", 2, "url", "copy-host", "https://example.org/test-report")]),
    Case("copy-without-its-date", replace("sources.csv", "https://example.org/test-report,,", "https://example.org/test-report,https://mirror.example.net/test-report,"),
         [("sources.csv", 2, "copy_accessed", "copy-date", "")]),
    Case("news-report-preferred-without-a-gap", both(append("sources.csv", WIRE.format(tier="press")), replace("missions.csv", ",A fictional mission for tests.,test-report,", ",A fictional mission for tests.,test-report;wire-report,"), replace("claims.csv", LAUNCH_VEHICLE, LAUNCH_VEHICLE.replace("test-report", "wire-report"))),
         [("claims.csv", 11, "source_gap", "weak-preferred", "wire-report")]),
    Case("fact-resting-only-on-an-unreliable-source", both(append("sources.csv", WIRE.format(tier="unreliable")), replace("missions.csv", ",A fictional mission for tests.,test-report,", ",A fictional mission for tests.,test-report;wire-report,"), replace("claims.csv", LAUNCH_VEHICLE, LAUNCH_VEHICLE.replace("test-report", "wire-report"))),
         [("missions.csv", 2, "launch_vehicle", "unreliable-only", "Test Rocket")]),
    Case("unreliable-preferred-over-a-primary-source", both(append("sources.csv", WIRE.format(tier="unreliable")), replace("missions.csv", ",A fictional mission for tests.,test-report,", ",A fictional mission for tests.,test-report;wire-report,"),
                                                          replace("claims.csv", "About a kilogram.,2026-11-24,false,less-precise,", "About a kilogram.,2026-11-24,true,,"),
                                                          replace("claims.csv", "test-lander-sample-mass-other,missions,test-lander,sample_mass_g,1000,test-report,", "test-lander-sample-mass-other,missions,test-lander,sample_mass_g,1000.5,wire-report,"),
                                                          replace("claims.csv", "It brought back 1000.5 grams.,2026-11-24,true,", "It brought back 1000.5 grams.,2026-11-24,false,weaker-source")),
         [("claims.csv", 9, "preferred", "weak-preferred", "wire-report")]),
    Case("an-unreliable-source-backs-no-fact-whatever-its-gap-says",
         both(append("sources.csv", WIRE.format(tier="unreliable")), replace("missions.csv", ",A fictional mission for tests.,test-report,", ",A fictional mission for tests.,test-report;wire-report,"),
              replace("claims.csv", LAUNCH_VEHICLE, LAUNCH_VEHICLE.replace("test-report", "wire-report").replace("true,,,", "true,,Nothing better found.,"))),
         [("missions.csv", 2, "launch_vehicle", "unreliable-only", "Test Rocket")]),
    Case("a-row-id-in-notes", replace("quotes.csv", "test-lander,true,mission-success,en,false,test-report,\n",
                                      "test-lander,true,mission-success,en,false,test-report,Said as test-lander landed.\n"),
         [("quotes.csv", 2, "notes", "id-in-notes", "test-lander")]),
    Case("claim-source-not-in-the-rows-list", both(append("sources.csv", WIRE.format(tier="press")),
                                                  append("claims.csv", "test-lander-launch-vehicle-wire,missions,test-lander,launch_vehicle,Test Rocket,wire-report,On a Test Rocket too.,2026-11-24,false,concurs,,")),
         [("missions.csv", 2, "source_ids", "claim-source-unlisted", "wire-report")]),
    Case("gap-on-a-primary-source", replace("claims.csv", LAUNCH_VEHICLE, LAUNCH_VEHICLE.replace("true,,,", "true,,Nothing better.,")),
         [("claims.csv", 11, "source_gap", "source-gap", "Nothing better.")]),
    Case("lost-without-a-reason", replace("claims.csv", "About a kilogram.,2026-11-24,false,less-precise,", "About a kilogram.,2026-11-24,false,,"),
         [("claims.csv", 9, "reason", "loss-reason", "")]),
    Case("preferred-with-a-reason", replace("claims.csv", LAUNCH_VEHICLE, LAUNCH_VEHICLE.replace("true,,,", "true,superseded,,")),
         [("claims.csv", 11, "reason", "loss-reason", "superseded")]),
    Case("unknown-reason", replace("claims.csv", "2026-11-24,false,less-precise,", "2026-11-24,false,rounder,"),
         [("claims.csv", 9, "reason", "enum", "rounder")]),
    Case("crew-role-not-allowed", replace("crew.csv", ",ada-tester,commander,", ",ada-tester,captain,"),
         [("crew.csv", 2, "role", "enum", "captain")]),
    Case("crew-role-unbacked", replace("crew.csv", ",ada-tester,commander,", ",ada-tester,pilot,"),
         [("crew.csv", 2, "role", "unbacked", "pilot")]),
    Case("moonwalker-unbacked", replace("claims.csv", "test-lander-ada-tester-moonwalker,crew,test-lander-ada-tester,moonwalker,true,", "test-lander-ada-tester-moonwalker,crew,test-lander-ada-tester,moonwalker,false,"),
         [("crew.csv", 2, "moonwalker", "unbacked", "true")]),
    Case("crew-on-uncrewed-mission", replace("missions.csv", ",sample-return,true,", ",sample-return,false,"),
         [("crew.csv", 2, "mission_id", "crew-mission", "test-lander")]),
    Case("moonwalker-where-no-landing", both(replace("missions.csv", ",2024-05-03T09:27:00Z,2024-06-01,2024-06-25,", ",2024-05-03T09:27:00Z,,2024-06-25,"),
                                             replace("claims.csv", "test-lander-landing-date,missions,test-lander,landing_date,2024-06-01,test-report,It landed on 1 June 2024.,2026-11-24,true,,,\n", "")),
         [("crew.csv", 2, "moonwalker", "moonwalker-landing", "true")]),
    Case("crew-id-not-mission-and-person", both(replace("crew.csv", "test-lander-ada-tester,test-lander,", "ada-on-the-lander,test-lander,"),
                                                replace("claims.csv", ",crew,test-lander-ada-tester,role,", ",crew,ada-on-the-lander,role,"),
                                                replace("claims.csv", ",crew,test-lander-ada-tester,moonwalker,", ",crew,ada-on-the-lander,moonwalker,")),
         [("crew.csv", 2, "crew_id", "crew-id", "ada-on-the-lander")]),
    Case("quote-date-unbacked", replace("quotes.csv", ",2024-06-25,From the control room,", ",2024-06-24,From the control room,"),
         [("quotes.csv", 2, "said_when", "unbacked", "2024-06-24")]),
    Case("flight-quote-after-the-flight", both(replace("quotes.csv", ",2024-06-25,From the control room,", ",2024-07-01,From the control room,"),
                                               replace("claims.csv", "said_when,2024-06-25,test-report,She said so on 25 June 2024.", "said_when,2024-07-01,test-report,She said so on 1 July 2024.")),
         [("quotes.csv", 2, "said_when", "after-end", "2024-07-01")]),
    Case("flight-quote-before-launch", both(replace("quotes.csv", ",2024-06-25,From the control room,", ",2024-04,From the control room,"),
                                            replace("claims.csv", "said_when,2024-06-25,test-report,She said so on 25 June 2024.", "said_when,2024-04,test-report,She said so in April 2024.")),
         [("quotes.csv", 2, "said_when", "before-launch", "2024-04")]),
    Case("flight-quote-without-mission", replace("quotes.csv", ",From the control room,test-lander,true,", ",From the control room,,true,"),
         [("quotes.csv", 2, "mission_id", "flight-mission", "")]),
    Case("quote-words-in-versions-without-a-shown-one",
         append("claims.csv", 'ada-tester-success-text-other,quotes,ada-tester-success,text,The mission has been a success,test-report,Another transcript.,2026-11-24,false,unsettled,,'),
         [("quotes.csv", 2, "text", "preferred-count", 'The mission has been a "complete" success')]),
    Case("quote-words-preferred-version-differs",
         append("claims.csv", 'ada-tester-success-text,quotes,ada-tester-success,text,The mission has been a success,test-report,Another transcript.,2026-11-24,true,,,'),
         [("claims.csv", 19, "value", "preferred-mismatch", "The mission has been a success")]),
    Case("nationality-not-a-code", replace("people.csv", ",CN,test-report,", ",China,test-report,"),
         [("people.csv", 2, "nationality", "pattern", "China")]),
    Case("allowed-value-without-a-label", edit_descriptor(add_an_outcome_without_a_label),
         [("datapackage.json", 1, OUTCOME_CATEGORIES, "unlabelled-value", "exploded")]),
    Case("category-with-an-empty-label", edit_descriptor(empty_the_success_label),
         [("datapackage.json", 1, OUTCOME_CATEGORIES, "unlabelled-value", "success")]),
    Case("place-within-itself", replace("places.csv", "-40.5,-150.25,,,", "-40.5,-150.25,,test-basin,"),
         [("places.csv", 2, "parent_id", "parent-cycle", "test-basin")]),
    Case("places-within-each-other", replace("places.csv", "-40.5,-150.25,,,", "-40.5,-150.25,,test-site,"),
         [("places.csv", 2, "parent_id", "parent-cycle", "test-site"), ("places.csv", 3, "parent_id", "parent-cycle", "test-basin")]),
    Case("integer-beyond-64-bits", replace("missions.csv", ",Test Programme,1,", ",Test Programme,99999999999999999999999,"),
         [("missions.csv", 2, "program_sequence", "out-of-range", "99999999999999999999999")]),
    Case("place-without-an-id", replace("places.csv", "test-basin,Test basin,", ",Test basin,"),
         [("places.csv", 2, "place_id", "primary-key", ""), ("places.csv", 2, "place_id", "required", ""),
          ("places.csv", 3, "parent_id", "foreign-key", "test-basin")]),
    Case("craft-without-an-id", append("missions.csv", TEST_ROVER.format(launch="2024-05-03T09:27:00Z").replace("test-rover,", ",", 1)),
         [("missions.csv", 3, "launch_date", "unbacked", "2024-05-03T09:27:00Z"), ("missions.csv", 3, "mission_id", "primary-key", ""),
          ("missions.csv", 3, "mission_id", "required", ""), ("missions.csv", 3, "outcome", "unbacked", "planned")]),
    Case("descriptor-not-json", bytes_edit("datapackage.json", lambda _: b'{"name": "x",\n  "resources": [}\n'),
         [("datapackage.json", 2, "char 17", "json", "Expecting value")]),
    Case("descriptor-names-missing-file", edit_descriptor(rename_path),
         [("quotez.csv", 1, "-", "missing-file", "quotez.csv")]),
]


def _dangling_cases() -> list[Case]:
    """One case per relation in the descriptor, list-valued references included."""
    descriptor = json.loads(PACKAGE.read_text(encoding="utf-8"))
    cases = []
    for resource in descriptor["resources"]:
        schema = resource["schema"]
        for key in schema.get("foreignKeys", []) + schema.get("x-listForeignKeys", []):
            field = key["fields"][0]
            target = key["reference"].get("resource", resource["name"])
            cases.append(Case(f"dangling-{resource['name']}.{field}-to-{target}",
                              _set_first_row(resource["path"], field, "no-such-id"),
                              [(resource["path"], 2, field, "foreign-key", "no-such-id")]))
    return cases


def _set_first_row(name: str, field: str, value: str):
    def edit(folder: Path):
        import csv
        path = folder / name
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        rows[1][rows[0].index(field)] = value
        with path.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, lineterminator="\n").writerows(rows)
    return edit


ALL_CASES = CASES + _dangling_cases()


def test_the_minimal_package_is_valid(minimal):
    result = run_cli("validate", "datapackage.json", cwd=minimal)
    assert result.returncode == 0, result.stdout
    assert "no problems" in result.stdout


@pytest.mark.parametrize("note", ["Also at https://example.org/test-lander.", "The Test Lander landed.", "A test-lander-like craft."])
def test_notes_that_only_mention_an_id_in_an_address_or_in_words_are_valid(note, tmp_path):
    from lunar_atlas.validate import check_package

    folder = copy_minimal(tmp_path / "package")
    replace("quotes.csv", "test-lander,true,mission-success,en,false,test-report,\n",
            f"test-lander,true,mission-success,en,false,test-report,{note}\n")(folder)
    assert [p for p in check_package(folder / "datapackage.json").problems if p.rule == "id-in-notes"] == []


@pytest.mark.parametrize("case", ALL_CASES, ids=[c.id for c in ALL_CASES])
def test_bad_input_gets_its_exact_report(case, tmp_path, monkeypatch):
    """Run in this process (the validator's own report, as `validate --format json` prints it): the command around it
    is proven once, below."""
    from lunar_atlas.problems import FORMATTERS
    from lunar_atlas.validate import check_package

    folder = copy_minimal(tmp_path / "package")
    case.edit(folder)
    before = snapshot(tmp_path)
    monkeypatch.chdir(folder)
    report = check_package(Path("datapackage.json"))  # bad data must not raise: no traceback
    printed = json.loads(FORMATTERS["json"](report.problems, report.disputes))
    assert printed["valid"] is False
    assert [(p["file"], p["row"], p["column"], p["rule"], p["value"]) for p in printed["problems"]] == case.expected
    assert snapshot(tmp_path) == before, "the validator must not write files"


@pytest.mark.parametrize("texts,delimiter", [
    (["change-6", "luna-9", "a"], None), (["change-6", "Luna-9"], None), (["change--6"], None), (["-6"], None),
    (["a" * 100], None), (["a" * 101], None), ([], None), (["a;b", "c"], ";"), (["a;", "c"], ";"), (["a;;b"], ";"),
    (["a;B"], ";"), (["a" * 100 + ";" + "b" * 100], ";"), (["a;" + "b" * 101], ";"), (["a-b"], "-"), (["ab"], "b"),
    (["a,b"], ","), (["a,b"], ";"), (["a;b"], "ab"), (["a-1"] * 5000, None), (["a-1"] * 5000 + ["B"], None),
    (["a;b"] * 3000 + ["a;"], ";"),
])
def test_a_column_of_ids_is_judged_as_each_id_alone(texts, delimiter):
    from lunar_atlas.patterns import all_ids, is_id

    each = all(is_id(item) for text in texts for item in (text.split(delimiter) if delimiter else [text]))
    # all_ids may refuse to decide (False) where it cannot be sure, never accept what the rule refuses.
    assert all_ids(texts, delimiter) == each or (each and delimiter in ("-", "b", "ab"))


def test_the_command_reports_bad_input_with_exit_1_and_no_traceback(tmp_path):
    case = next(c for c in ALL_CASES if c.expected and c.expected[0][3] == "required")
    folder = copy_minimal(tmp_path / "package")
    case.edit(folder)
    result = run_cli("validate", "datapackage.json", "--format", "json", cwd=folder)
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr == "", "bad data must not produce a traceback"
    reported = [(p["file"], p["row"], p["column"], p["rule"], p["value"]) for p in json.loads(result.stdout)["problems"]]
    assert reported == case.expected


@pytest.mark.parametrize("given", ["package", "package/", "package/datapackage.json"])
def test_the_command_takes_the_package_folder_or_its_descriptor(given, tmp_path):
    """`lunar-atlas validate datapackage` checks the folder's datapackage.json, as the descriptor's path does."""
    folder = copy_minimal(tmp_path / "package")
    replace("quotes.csv", ",test-lander,true,", ",no-such-mission,true,")(folder)
    result = run_cli("validate", given, "--format", "json", cwd=tmp_path)
    assert result.returncode == 1 and result.stderr == "", result.stderr
    problems = json.loads(result.stdout)["problems"]
    assert [(p["file"], p["column"], p["rule"]) for p in problems] == [("package/quotes.csv", "mission_id", "foreign-key")]


@pytest.mark.parametrize("typed,told", [("test-lnder", "test-lander"), ("Test-Lander", None), ("no-such-mission", None)])
def test_a_mistyped_reference_is_told_the_nearest_existing_id(typed, told, tmp_path):
    """A contributor who mistypes an ID is pointed at the one meant; a value near no ID gets no guess."""
    from lunar_atlas.validate import check_package

    folder = copy_minimal(tmp_path / "package")
    replace("quotes.csv", ",test-lander,true,", f",{typed},true,")(folder)
    problems = [p for p in check_package(folder / "datapackage.json").problems if p.column == "mission_id"]
    assert len(problems) == 1
    if told:
        assert problems[0].expected == f"an existing mission_id in missions; did you mean {told}?"
    else:
        assert "did you mean" not in problems[0].expected


@pytest.mark.parametrize("date", ["../x", "2024-06-25/..x", "2024-99-99/2025"])
def test_a_date_no_library_can_read_leaves_the_json_report_machine_readable(date, tmp_path):
    """The EDTF library prints to standard output on some strings it cannot read: none of it may reach the report."""
    folder = copy_minimal(tmp_path / "package")
    replace("events.csv", ",2024-06-01,", f",{date},")(folder)
    result = run_cli("validate", "datapackage.json", "--format", "json", cwd=folder)
    assert result.returncode == 1
    problems = json.loads(result.stdout)["problems"]
    assert ("events.csv", 3, "when", "edtf", date) in [(p["file"], p["row"], p["column"], p["rule"], p["value"]) for p in problems]


def _chained_places(folder: Path, count: int, loop: bool = False) -> None:
    """`count` places, each within the next; with `loop`, the last within the first."""
    lines = [f"chain-{n},Chain {n},,moon,region,,,,{f'chain-{n + 1}' if n + 1 < count else ('chain-0' if loop else '')},,,test-report,"
             for n in range(count)]
    with (folder / "places.csv").open("a", encoding="utf-8", newline="") as handle:
        handle.write("\n".join(lines) + "\n")


def _lookups_for_parent_rules(folder: Path, monkeypatch) -> int:
    """How many rows the parent rules look up in a package: the work they do, whatever the machine's speed."""
    from lunar_atlas.catalog import Catalog, read_catalog
    from lunar_atlas.checks.mission_rules import landing_problems, parent_problems
    from lunar_atlas.checks.relations import place_parent_problems

    catalog, _ = read_catalog(folder / "datapackage.json")
    calls = []
    real_get = Catalog.get
    monkeypatch.setattr(Catalog, "get", lambda self, table, key: calls.append(1) or real_get(self, table, key))
    place_parent_problems(catalog)
    parent_problems(catalog)
    landing_problems(catalog)
    monkeypatch.setattr(Catalog, "get", real_get)
    return len(calls)


def test_a_long_chain_of_places_costs_work_in_proportion_to_its_length(tmp_path, monkeypatch):
    """A package may chain places one inside the next: the rules that walk parents pass each row once, so twice the
    chain costs about twice the work, where walking every row's chain to the top cost four times as much."""
    work = []
    for count in (500, 1000):
        folder = copy_minimal(tmp_path / f"chain-{count}")
        _chained_places(folder, count)
        work.append(_lookups_for_parent_rules(folder, monkeypatch))
    assert work[1] < 2.2 * work[0], work


def test_a_long_loop_of_places_is_reported_in_one_short_line_per_row(tmp_path):
    """Each place on a loop of 300 is reported, its loop named by its first rows and "…", not by 300 IDs."""
    from lunar_atlas.validate import check_package

    folder = copy_minimal(tmp_path / "package")
    _chained_places(folder, 300, loop=True)
    problems = [p for p in check_package(folder / "datapackage.json").problems if p.rule == "parent-cycle"]
    assert len(problems) == 300
    assert problems[0].expected.endswith("(chain-0 → chain-1 → chain-2 → chain-3 → chain-4 → … → chain-0)"), problems[0].expected
    assert max(len(p.expected) for p in problems) < 200


def test_a_loop_through_an_overlong_id_is_still_one_short_line(tmp_path):
    """An ID far longer than any ID may be is its own problem; the loop it is part of names it cut short."""
    from lunar_atlas.validate import check_package

    folder = copy_minimal(tmp_path / "package")
    long_id = "x" * 20_000
    with (folder / "places.csv").open("a", encoding="utf-8", newline="") as handle:
        handle.write(f"{long_id},Long,,moon,region,,,,loop-b,,,test-report,\nloop-b,Loop B,,moon,region,,,,{long_id},,,test-report,\n")
    problems = [p for p in check_package(folder / "datapackage.json").problems if p.rule == "parent-cycle"]
    assert len(problems) == 2
    assert max(len(p.expected) for p in problems) < 400, [len(p.expected) for p in problems]
