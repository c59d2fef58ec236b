"""The atlas's parts without a browser: the names file's checks, label placement, key facts and the citation."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from conftest import PACKAGE
from lunar_atlas.catalog import load_catalog
from lunar_atlas.map_layout import Box, Taken, place, short_name
from lunar_atlas.nomenclature import NamesError, moon_names, read_names
from lunar_atlas.render import Renderer


def test_the_shipped_names_file_reads_and_holds_the_main_maria():
    names = {f.name: f for f in moon_names()}
    assert {"Mare Tranquillitatis", "Mare Imbrium", "Oceanus Procellarum", "Von Kármán"} <= set(names)
    assert names["Mare Tranquillitatis"].kind == "mare" and names["Von Kármán"].kind == "crater"


@pytest.mark.parametrize("row,expected", [
    ("Mare X,sea,1,2,3", "moon_names.csv:2:kind  enum  'sea'"),
    ("Mare X,mare,91,2,3", "moon_names.csv:2:lat  range  '91'"),
    ("Mare X,mare,1,east,3", "moon_names.csv:2:lon  type  'east'"),
    (",crater,1,2,3", "moon_names.csv:2:name  required"),
    ("Mare X,mare,1,2,0", "moon_names.csv:2:diameter_km  range  '0'"),
])
def test_a_bad_names_row_is_reported_by_file_row_and_column(tmp_path, row, expected):
    path = tmp_path / "moon_names.csv"
    path.write_text("name,kind,lat,lon,diameter_km\n" + row + "\n", encoding="utf-8")
    with pytest.raises(NamesError) as error:
        read_names(path)
    assert str(error.value).startswith(expected)


def test_placed_labels_never_overlap_even_in_a_crowd():
    rng = random.Random(18)
    taken = Taken()
    frame = Box(0, 0, 400, 400)
    placed = [place(200 + rng.uniform(-30, 30), 200 + rng.uniform(-30, 30), f"Site {i}", 13, taken, frame) for i in range(40)]
    boxes = [p.box for p in placed if p]
    assert len(boxes) >= 15
    assert not [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:] if a.overlaps(b, pad=0)]
    assert all(frame.left <= b.left and b.right <= frame.right for b in boxes)


def test_a_long_mission_name_is_shortened_on_the_map():
    assert short_name("Lunar Crater Observation and Sensing Satellite (LCROSS)") == "LCROSS"
    assert short_name("Vikram lander (Chandrayaan-2, carrying the Pragyan rover)") == "Vikram lander"
    assert short_name("Apollo 11") == "Apollo 11"
    assert short_name("GRAIL (Gravity Recovery and Interior Laboratory) - Ebb and Flow") == "GRAIL"
    assert short_name("Blue Moon - Pathfinder") == "Blue Moon - Pathfinder"


@pytest.fixture(scope="module")
def published():
    return Renderer(load_catalog(Path(PACKAGE)), site_url="https://example.org/atlas/")


def test_cite_this_page_carries_the_pages_absolute_address(published):
    html = published.entity("missions", published.catalog.get("missions", "change-6"), "missions/change-6.md")
    cite = html[html.index('<p class="la-cite">'):]
    assert "https://example.org/atlas/missions/change-6/" in cite[:cite.index("</p>")]


def test_key_facts_come_in_the_readers_order(published):
    from lunar_atlas.mission_page import key_facts

    facts = key_facts(published.views, published.catalog.get("missions", "change-6"))
    assert [f.title for f in facts] == ["Operator", "Launch", "Landing", "Outcome", "Craft", "Site", "Samples returned"]
    assert facts[1].cells[0].text == "3 May 2024" and facts[1].cells[0].aside == "2024-05-03T09:27:00Z"


def test_key_facts_name_what_a_craft_was_part_of_and_what_a_mission_carried(published):
    from lunar_atlas.mission_page import key_facts

    rover = {f.title: [c.text for c in f.cells] for f in key_facts(published.views, published.catalog.get("missions", "yutu-2"))}
    lander = {f.title: [c.text for c in f.cells] for f in key_facts(published.views, published.catalog.get("missions", "change-4"))}
    assert rover["Part of"] == ["Chang'e-4"]
    assert "Yutu-2" in lander["Craft"]


@pytest.mark.parametrize("mission_id,title", [("change-6", "Landing"), ("luna-2", "Impact")])
def test_a_landing_is_told_from_an_impact(published, mission_id, title):
    from lunar_atlas.mission_page import key_facts

    facts = key_facts(published.views, published.catalog.get("missions", mission_id))
    assert [f.title for f in facts if f.title in ("Landing", "Impact")] == [title]


def test_an_orbiter_brought_down_at_its_end_is_an_impact(published):
    from lunar_atlas.mission_page import key_facts

    orbiters = [m for m in published.catalog["missions"].rows if m["mission_type"] == "orbiter" and m["landing_date"]]
    assert orbiters
    for mission in orbiters:
        assert "Landing" not in [f.title for f in key_facts(published.views, mission)], mission["mission_id"]


def test_every_link_leads_to_its_page_by_the_shortest_relative_path():
    from urllib.parse import urljoin

    from lunar_atlas.addresses import href

    pages = ["", "sources/", "sources/x/", "sources/press/", "organizations/y/", "timeline/1960s/", "timeline/1960s/#luna-9-lands",
             "data/missions.csv", "missions/a/"]
    for current in [page for page in pages if page.endswith("/")]:
        for target in pages:
            link = href(current, target)
            assert urljoin("https://h/site/" + current, link) == "https://h/site/" + target, (current, target, link)
    assert href("sources/", "sources/x/") == "x/"
    assert href("timeline/1960s/", "timeline/1960s/#luna-9-lands") == "#luna-9-lands"
    assert href("sources/", "organizations/y/") == "../organizations/y/"
    assert href("sources/press/", "sources/x/") == "../x/"
    assert href("sources/press/", "sources/press/") == "./"


def test_a_bad_names_row_stops_the_build_before_it_starts(tmp_path, monkeypatch):
    from conftest import copy_minimal
    from lunar_atlas import nomenclature
    from lunar_atlas.build import BuildRefused, build_site

    bad = tmp_path / "moon_names.csv"
    bad.write_text("name,kind,lat,lon,diameter_km\nMare X,sea,1,2,3\n", encoding="utf-8")
    monkeypatch.setattr(nomenclature, "NAMES_FILE", bad)
    nomenclature.moon_names.cache_clear()
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the site before", encoding="utf-8")
    try:
        with pytest.raises(BuildRefused) as error:
            build_site(copy_minimal(tmp_path / "package") / "datapackage.json", site)
    finally:
        nomenclature.moon_names.cache_clear()
    assert str(error.value).startswith("moon_names.csv:2:kind  enum  'sea' — expected one of mare, crater")
    assert [p.name for p in site.iterdir()] == ["index.html"] and (site / "index.html").read_text(encoding="utf-8") == "the site before"


@pytest.mark.parametrize("grams,text,aside", [(101, "101 g", ""), (1731, "1.731 kg", "1,731 g"), (21550, "21.55 kg", "21,550 g"),
                                              (1935.3, "1.935 kg", "1,935.3 g"), (110520.0, "110.52 kg", "110,520 g")])
def test_a_returned_mass_reads_in_kilograms_with_the_grams_one_step_away(grams, text, aside):
    from lunar_atlas.mission_page import mass_words

    cell = mass_words(grams)
    assert (cell.text, cell.aside) == (text, aside)
