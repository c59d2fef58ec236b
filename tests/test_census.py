"""The census: every craft with its parent, its catalog identifiers and, for planned ones, a target date."""

from __future__ import annotations

import csv
import json
import re

import pytest

from conftest import PACKAGE, copy_minimal
from lunar_atlas.catalog import load_catalog
from lunar_atlas.render import Renderer
from lunar_atlas.addresses import external_link

DESCRIPTOR = json.loads(PACKAGE.read_text(encoding="utf-8"))
MISSION_FIELDS = {f["name"]: f for r in DESCRIPTOR["resources"] if r["name"] == "missions" for f in r["schema"]["fields"]}
with (PACKAGE.parent / "missions.csv").open(encoding="utf-8", newline="") as handle:
    MISSIONS = list(csv.DictReader(handle))
BY_ID = {m["mission_id"]: m for m in MISSIONS}
CHILDREN = [m for m in MISSIONS if m["parent_id"]]
LAUNCHED = [m for m in MISSIONS if m["launch_date"] and m["outcome"] not in ("planned", "cancelled", "launch-failure")]
PLANNED = [m for m in MISSIONS if m["outcome"] == "planned"]
with (PACKAGE.parent / "exclusions.csv").open(encoding="utf-8", newline="") as handle:
    EXCLUSIONS = list(csv.DictReader(handle))


def _ids(rows):
    return [r["mission_id"] for r in rows]


@pytest.mark.parametrize("craft", CHILDREN, ids=_ids(CHILDREN))
def test_every_craft_with_a_parent_names_an_existing_mission(craft):
    assert craft["parent_id"] in BY_ID, f"{craft['mission_id']} names parent {craft['parent_id']}, which is not a mission"
    assert craft["parent_id"] != craft["mission_id"]


@pytest.mark.parametrize("craft", LAUNCHED, ids=_ids(LAUNCHED))
def test_every_launched_craft_has_a_cospar_id_or_a_note_saying_why_not(craft):
    assert craft["cospar_id"] or "COSPAR" in craft["notes"], \
        f"{craft['mission_id']} was launched: give its COSPAR ID from a source read, or say in notes why it is missing"


@pytest.mark.parametrize("craft", EXCLUSIONS, ids=[e["exclusion_id"] for e in EXCLUSIONS])
def test_every_craft_left_out_cites_a_source_beyond_the_list_that_holds_it(craft):
    """A list shows that it holds a craft, not where the craft was bound: the rule's reason rests on another source."""
    others = [s for s in craft["source_ids"].split(";") if s and s != craft["listed_in"]]
    assert others, f"{craft['exclusion_id']} cites only {craft['listed_in']}: cite a source read that shows why the rule leaves it out"


@pytest.mark.parametrize("table,field", [(r["name"], f["name"]) for r in DESCRIPTOR["resources"] for f in r["schema"]["fields"]
                                         if f["name"] in ("cospar_id", "wikidata_id", "wikipedia")])
def test_external_ids_match_their_formats(table, field):
    resource = next(r for r in DESCRIPTOR["resources"] if r["name"] == table)
    spec = next(f for f in resource["schema"]["fields"] if f["name"] == field)
    pattern = re.compile(spec["constraints"]["pattern"])
    assert pattern.pattern == {"cospar_id": "^[0-9]{4}-[0-9]{3}[A-Z]{1,3}$", "wikidata_id": "^Q[1-9][0-9]*$",
                               "wikipedia": "^[^\\s#<>\\[\\]{}|_][^#<>\\[\\]{}|_\\t\\n\\r]*$"}[field]
    with (PACKAGE.parent / resource["path"]).open(encoding="utf-8", newline="") as handle:
        wrong = [row[field] for row in csv.DictReader(handle) if row[field] and not pattern.fullmatch(row[field])]
    assert wrong == []


@pytest.mark.parametrize("mission", PLANNED, ids=_ids(PLANNED))
def test_every_planned_mission_has_a_target_date_or_a_note(mission):
    assert mission["launch_date"] or "target" in mission["notes"].lower(), \
        f"{mission['mission_id']} is planned: give its announced target date, or say in notes that none was found"


def _missions_each_source_speaks_of() -> dict[str, set[str]]:
    """Each source with the missions whose rows, claims or events cite it."""
    def rows(name):
        with (PACKAGE.parent / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))
    event_mission = {e["event_id"]: e["mission_id"] for e in rows("events")}
    speaks: dict[str, set[str]] = {}
    for mission in MISSIONS:
        for source in filter(None, mission["source_ids"].split(";")):
            speaks.setdefault(source, set()).add(mission["mission_id"])
    for claim in rows("claims"):
        mission = claim["row_id"] if claim["table"] == "missions" else event_mission.get(claim["row_id"]) if claim["table"] == "events" else None
        if mission:
            speaks.setdefault(claim["source_id"], set()).add(mission)
    return speaks


def test_an_nssdca_record_cited_for_a_mission_is_a_craft_of_that_mission_s_launch():
    """NSSDCA files a craft under its COSPAR ID: a record of another launch is another craft's page."""
    with (PACKAGE.parent / "sources.csv").open(encoding="utf-8", newline="") as handle:
        urls = {s["source_id"]: s["url"] for s in csv.DictReader(handle)}
    record = re.compile(r"^https?://nssdc\.gsfc\.nasa\.gov/(?:nmc/spacecraft/display\.action\?id=|nmc/spacecraftDisplay\.do\?id="
                        r"|database/MasterCatalog\?sc=)([0-9]{4}-[0-9]{3})[A-Z]{1,3}$")
    wrong, checked = [], 0
    for source, missions in _missions_each_source_speaks_of().items():
        launch = record.match(urls[source])
        checked += bool(launch)
        launches = {BY_ID[m]["cospar_id"][:8] for m in missions if BY_ID[m]["cospar_id"]}
        if launch and launches and launch.group(1) not in launches:
            wrong.append((source, launch.group(1), sorted(launches)))
    assert checked > 40, "the pattern no longer recognises NSSDCA's record addresses"
    assert wrong == []


def test_a_cospar_id_links_to_its_nssdca_record():
    template = MISSION_FIELDS["cospar_id"]["x-linkTemplate"]
    assert external_link(template, "1990-007B") == "https://nssdc.gsfc.nasa.gov/nmc/spacecraft/display.action?id=1990-007B"


@pytest.mark.parametrize("template", ["javascript:alert({})", "http://example.org/{}", "https://example.org/", "https://example.org/{}/{}"])
def test_a_link_template_that_is_not_one_https_address_gives_no_link(template):
    assert external_link(template, "x") is None


def test_an_identifier_is_quoted_into_its_link():
    assert external_link("https://example.org/{}", "a b/../c\"") == "https://example.org/a%20b%2F..%2Fc%22"


def _page(catalog, mission_id: str) -> str:
    renderer = Renderer(catalog)
    return renderer.entity("missions", catalog.get("missions", mission_id), f"missions/{mission_id}.md")


def package_with_a_rover(tmp_path, country: str, outcome: str, notes: str = ""):
    """The minimal package with a rover that flew on its test lander, its launch and outcome claimed."""
    folder = copy_minimal(tmp_path / "package")
    missions = folder / "missions.csv"
    columns = missions.read_text(encoding="utf-8").split("\n", 1)[0].split(",")
    with missions.open("a", encoding="utf-8", newline="") as handle:
        csv.DictWriter(handle, columns, restval="", lineterminator="\n").writerow(
            {"mission_id": "test-rover", "name": "Test Rover", "program": "Test Programme", "country": country,
             "mission_type": "rover", "crewed": "false", "launch_date": "2024-05-03T09:27:00Z", "outcome": outcome,
             "summary": "A rover.", "source_ids": "test-report", "notes": notes, "parent_id": "test-lander"})
    with (folder / "claims.csv").open("a", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["test-rover-launch", "missions", "test-rover", "launch_date", "2024-05-03T09:27:00Z", "test-report",
                         "On the lander.", "2026-11-24", "true", "", "", ""])
        writer.writerow(["test-rover-outcome", "missions", "test-rover", "outcome", outcome, "test-report", "Its outcome.",
                         "2026-11-24", "true", "", "", ""])
    return folder


def test_a_parent_lists_its_craft_and_a_craft_says_what_it_is_part_of(tmp_path):
    catalog = load_catalog(package_with_a_rover(tmp_path, "CN", "planned") / "datapackage.json")
    parent = _page(catalog, "test-lander")
    assert re.search(r"<h2>Craft</h2>\s*<ul class=\"la-links la-craft\">\s*<li><a href=\"../test-rover/\">Test Rover</a> — Rover · planned</li>", parent)
    child = _page(catalog, "test-rover")
    assert re.search(r"<dt[^>]*>Part of</dt>\s*<dd[^>]*><a href=\"../test-lander/\">Test Lander</a>", child)
    assert "<h2>Craft</h2>" not in child


def test_a_mission_page_links_its_cospar_id_to_nssdca(tmp_path):
    catalog = load_catalog(copy_minimal(tmp_path / "package") / "datapackage.json")
    page = _page(catalog, "test-lander")
    assert 'href="https://nssdc.gsfc.nasa.gov/nmc/spacecraft/display.action?id=2024-001A"' in page
    assert 'href="https://www.wikidata.org/wiki/Q405"' in page


def test_the_methodology_page_shows_the_coverage_table_of_the_data_now():
    """The table is written from the data by `lunar-atlas readme`; a page left behind by a data change fails here."""
    from lunar_atlas.coverage import coverage_table, methodology_page, with_coverage

    page = methodology_page(PACKAGE).read_text(encoding="utf-8")
    assert page == with_coverage(page, coverage_table(load_catalog(PACKAGE))), "run `lunar-atlas readme` and commit docs/about/index.md"


def test_the_coverage_table_counts_craft_by_level_and_lists_every_exclusion(tmp_path):
    from lunar_atlas.coverage import coverage_table

    table = coverage_table(load_catalog(package_with_a_rover(tmp_path, "CN", "planned") / "datapackage.json"))
    assert "| missions launched, or planned, on their own | 1 | 1 launched |" in table
    assert "| craft that flew as part of another mission: rover | 1 | 1 planned |" in table
    assert "| in all | 2 | 1 launched, 1 planned |" in table
    assert "Left out: 1 craft that a list the catalog is checked against holds." in table
    assert "| Test Orbiter | January 2024 | A test report | Test flight not aimed at the Moon | A fictional craft tested in Earth orbit. |" in table


def test_the_coverage_table_counts_the_rows_that_carry_each_external_identifier(tmp_path):
    """Every column that links to another catalog is counted, found in the descriptor, not listed by hand."""
    from lunar_atlas.coverage import coverage_table

    table = coverage_table(load_catalog(package_with_a_rover(tmp_path, "CN", "planned") / "datapackage.json"))
    assert "| Missions | COSPAR ID | 1 | 2 |" in table
    assert "| Missions | Wikidata ID | 1 | 2 |" in table
    assert "| People | Wikidata ID | 0 | 1 |" in table
    assert "| Places | Wikidata ID | 0 | 2 |" in table


def test_a_value_in_the_coverage_table_can_neither_open_a_tag_nor_split_its_row(tmp_path):
    """The table becomes HTML on the methodology page, and the exclusions table is untrusted input."""
    from lunar_atlas.coverage import coverage_table

    folder = package_with_a_rover(tmp_path, "CN", "planned")
    exclusions = folder / "exclusions.csv"
    exclusions.write_text(exclusions.read_text(encoding="utf-8").replace(
        "A fictional craft tested in Earth orbit.", "Tested <img src=x onerror=alert(1)> in | orbit."), encoding="utf-8")
    row = next(line for line in coverage_table(load_catalog(folder / "datapackage.json")).splitlines() if "Test Orbiter" in line)
    assert "<img" not in row
    assert row.endswith("| Tested &lt;img src=x onerror=alert(1)> in \\| orbit. |")


def test_the_readme_command_leaves_a_page_without_markers_alone(tmp_path):
    from lunar_atlas.coverage import with_coverage

    with pytest.raises(ValueError, match="no coverage markers"):
        with_coverage("# A page\n", "| table |\n")


def test_the_home_page_counts_missions_and_the_craft_within_them_apart(tmp_path):
    from lunar_atlas.views import Views

    folder = package_with_a_rover(tmp_path, "", "success", "Coordinates: the lander's.")
    figures = dict((words, number) for number, words in Views(load_catalog(folder / "datapackage.json")).figures)
    assert figures["missions in the catalog"] == "1"
    assert figures["craft flown within them: 1 rover"] == "1", "the kinds of craft as the data has them"
    assert figures["countries that have flown"] == "1", "a craft without a country is no country"


@pytest.mark.parametrize("kind,landed", [("sample-return", "1"), ("lander", "1"), ("orbiter", "0"), ("impactor", "0")])
def test_the_home_page_counts_landings_not_impacts(tmp_path, kind, landed):
    """An orbiter brought down at its end, or an impactor, has a landing date (its impact) but did not land:
    "landed" counts the landers, rovers, sample-return and crewed landings that came down as planned."""
    from lunar_atlas.views import Views

    folder = copy_minimal(tmp_path / "package")
    missions = folder / "missions.csv"
    missions.write_text(missions.read_text(encoding="utf-8").replace(",sample-return,true,", f",{kind},true,", 1), encoding="utf-8")
    figures = dict((words, number) for number, words in Views(load_catalog(folder / "datapackage.json")).figures)
    assert figures["landed"] == landed
