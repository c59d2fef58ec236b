"""A crewed landing told by its lunar module: the mission keeps its launch, crew, samples and return, and the craft that
landed for it (Apollo 11's Eagle) holds the landing, its place and its coordinates."""

from __future__ import annotations

import csv
import re

from conftest import PACKAGE, copy_minimal, run_cli
from lunar_atlas.catalog import load_catalog
from lunar_atlas.render import Renderer
from lunar_atlas.views import Views

LANDING = ("landing_date", "landing_site_id", "landing_lat", "landing_lon")


def _rewrite(path, change) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        columns, rows = reader.fieldnames, list(reader)
    rows = change(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def package_with_a_lunar_module(tmp_path, module_type: str = "lander"):
    """The minimal package's crewed mission, its landing moved to a module of its own that it carried down."""
    folder = copy_minimal(tmp_path / "package")

    def split(rows):
        mission = rows[0]
        mission["mission_type"] = "crewed-landing"
        module = {**mission, "mission_id": "test-module", "name": "Test Module", "name_native": "", "program_sequence": "",
                  "mission_type": module_type, "end_date": "", "sample_mass_g": "", "cospar_id": "", "wikidata_id": "",
                  "parent_id": "test-lander", "notes": "COSPAR ID left empty: none was given to it."}
        for column in LANDING:
            mission[column] = ""
        if module_type != "lander":
            for column in LANDING:
                module[column] = ""
        return rows + [module]

    _rewrite(folder / "missions.csv", split)
    moved = {"landing_date", "landing_lat", "landing_lon"}
    copied = {"launch_date", "operator_id", "launch_vehicle", "outcome"}

    def claims(rows):
        extra = [{**row, "claim_id": row["claim_id"].replace("test-lander", "test-module"), "row_id": "test-module"}
                 for row in rows if row["row_id"] == "test-lander" and row["column"] in copied]
        for row in rows:
            if row["row_id"] == "test-lander" and row["column"] in moved:
                row["row_id"] = "test-module"
        return [row for row in rows if module_type == "lander" or row["row_id"] != "test-module"] + extra

    _rewrite(folder / "claims.csv", claims)

    def events(rows):
        for row in rows:
            if row["event_id"] == "test-lander-landing":
                row["mission_id"] = "test-module"
        return [row for row in rows if module_type == "lander" or row["event_id"] != "test-lander-landing"]

    _rewrite(folder / "events.csv", events)
    if module_type != "lander":
        _rewrite(folder / "claims.csv", lambda rows: [row for row in rows if row["row_id"] != "test-lander-landing"])
    return folder


def test_a_crew_that_landed_in_its_lunar_module_walked_where_the_module_landed(tmp_path):
    """The crew's moonwalker flag and the mission's landing rest on the landing of the mission's own craft."""
    result = run_cli("validate", str(package_with_a_lunar_module(tmp_path) / "datapackage.json"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "The package is valid" in result.stdout


def test_a_mission_whose_module_never_landed_has_no_moonwalkers(tmp_path):
    """Without a craft that came down, the crew's moonwalker flag and the mission's success are reported, each by file,
    row and column."""
    result = run_cli("validate", str(package_with_a_lunar_module(tmp_path, "crewed-orbiter") / "datapackage.json"))
    assert result.returncode == 1
    assert re.search(r"crew\.csv:2:moonwalker\s+moonwalker-landing .*test-lander did not land \(neither it nor a craft of its has a landing_date\)", result.stdout), result.stdout
    assert re.search(r"missions\.csv:2:outcome\s+outcome-events", result.stdout), result.stdout


def test_a_mission_that_landed_by_its_module_counts_as_landed_and_its_module_as_a_craft(tmp_path):
    views = Views(load_catalog(package_with_a_lunar_module(tmp_path) / "datapackage.json"))
    figures = dict((words, number) for number, words in views.figures)
    assert figures["landed"] == "1"
    assert figures["missions in the catalog"] == "1"
    assert figures["craft flown within them: 1 lander"] == "1"


def test_the_missions_per_decade_count_each_mission_once_not_its_craft(tmp_path):
    views = Views(load_catalog(package_with_a_lunar_module(tmp_path) / "datapackage.json"))
    assert views.decades["total"] == 1
    assert [row["total"] for row in views.decades["rows"]] == [1]


def test_a_mission_page_gives_the_landing_and_site_of_the_module_that_landed_for_it(tmp_path):
    catalog = load_catalog(package_with_a_lunar_module(tmp_path) / "datapackage.json")
    page = Renderer(catalog).entity("missions", catalog.get("missions", "test-lander"), "missions/test-lander.md")
    facts = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page[page.index("<dl"):page.index("</dl>")]))
    assert "Landing 1 June 2024 , by Test Module" in facts, facts
    assert re.search(r"Site [^,]+, 41\.5° S, 153\.5° W", facts), facts
    assert '<a href="../test-module/">by Test Module</a>' in page
    assert "Where Test Module came down" in page, "the small map places the module that landed"


def test_every_apollo_landing_is_held_by_its_lunar_module_once():
    """Over the real package: each crewed landing that came down has one lunar module with the landing, its place and
    coordinates, a COSPAR ID and a Wikidata ID, and the mission's own row repeats none of them."""
    missions = load_catalog(PACKAGE)["missions"].rows
    landings = [m for m in missions if m["mission_type"] == "crewed-landing" and m["outcome"] == "success"]
    assert len(landings) == 6
    for mission in landings:
        modules = [m for m in missions if m["parent_id"] == mission["mission_id"] and m["mission_type"] == "lander"]
        assert len(modules) == 1, mission["mission_id"]
        module = modules[0]
        assert module["crewed"] is True and module["landing_date"] and module["landing_site_id"], module["mission_id"]
        assert module["landing_lat"] is not None and module["cospar_id"] and module["wikidata_id"], module["mission_id"]
        assert all(mission[column] in (None, "") for column in LANDING), mission["mission_id"]


def test_the_map_labels_a_crewed_lunar_module_by_its_mission_and_links_it_to_its_own_page(tmp_path):
    """Readers know the landing as "Apollo 11": the label prints the mission's name, the mark's title the module's."""
    from lunar_atlas.atlas_map import hemisphere_svg, located

    views = Views(load_catalog(package_with_a_lunar_module(tmp_path) / "datapackage.json"))
    svg = hemisphere_svg(views, located(views), "Far side", 180.0, lambda url: url, None)
    site = re.search(r'<a class="la-site" href="missions/test-module/"[^>]*>(.*?)</a>', svg, re.S)
    assert site, svg
    assert "<title>Test Module: success," in site.group(1)
    assert re.search(r'<text class="la-site-label[^"]*"[^>]*>Test Lander</text>', site.group(1)), site.group(1)
