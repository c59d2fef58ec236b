"""The pictures: a projection that puts known points where they belong, one mark per site, well-formed titled SVG."""

from __future__ import annotations

import csv
import math
import re
from xml.etree import ElementTree

import pytest

from conftest import PACKAGE
from lunar_atlas.moon_projection import hemisphere_of, orthographic

SVG = re.compile(r"<svg\b.*?</svg>", re.S)


def test_zero_zero_is_the_centre_of_the_near_side():
    point = orthographic(0, 0, 0)
    assert (point.x, point.y, point.visible) == (0, 0, True)


def test_the_far_side_is_hidden_from_the_near_side():
    assert not orthographic(0, 180, 0).visible
    assert orthographic(0, 180, 180).visible


def test_north_is_up_and_east_is_right():
    assert orthographic(45, 0, 0).y < 0
    assert orthographic(0, 45, 0).x > 0


def test_the_change_6_lander_is_on_the_far_side_south_of_the_centre():
    with (PACKAGE.parent / "missions.csv").open(encoding="utf-8") as handle:
        mission = next(m for m in csv.DictReader(handle) if m["mission_id"] == "change-6-lander")
    lat, lon = float(mission["landing_lat"]), float(mission["landing_lon"])
    assert hemisphere_of(lon) == 180
    point = orthographic(lat, lon, 180)
    assert point.visible and point.y > 0
    assert math.isclose(point.y, math.sin(math.radians(-lat)), rel_tol=1e-9)


def test_every_site_has_exactly_one_mark(real_site):
    with (PACKAGE.parent / "missions.csv").open(encoding="utf-8") as handle:
        sited = [m["mission_id"] for m in csv.DictReader(handle) if m["landing_lat"] and m["landing_lon"]]
    html = (real_site / "map" / "index.html").read_text(encoding="utf-8")
    marks = re.findall(r'<a class="la-site"[^>]* data-mission="([^"]+)"', html)
    assert sorted(marks) == sorted(sited)


@pytest.mark.parametrize("page", ["index.html", "map/index.html", "timeline/index.html", "missions/change-6/index.html"])
def test_every_picture_is_well_formed_and_titled(real_site, page):
    html = (real_site / page).read_text(encoding="utf-8")
    pictures = SVG.findall(html)
    assert pictures, f"{page} has no picture"
    for svg in pictures:
        if 'class="md-' in svg[:200] or "viewBox=\"0 0 24 24\"" in svg[:200]:
            continue  # the theme's own icons
        if 'aria-hidden="true"' in svg[:svg.index(">")]:
            continue  # a legend's swatch: decoration beside the words that say what it means
        root = ElementTree.fromstring(svg)
        ns = "{http://www.w3.org/2000/svg}"
        assert root.find(f"{ns}title") is not None or root.find("title") is not None, svg[:200]
        assert "<script" not in svg


def test_the_map_page_lists_the_sites_beside_the_picture(real_site):
    html = (real_site / "map" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr data-mission="([^"]+)"', html)
    assert rows and sorted(rows) == sorted(re.findall(r'<a class="la-site"[^>]* data-mission="([^"]+)"', html))


def test_the_race_chart_has_a_dot_per_mission_coloured_by_outcome(real_site):
    from lunar_atlas.humanize import sort_key
    from lunar_atlas.pictures import OUTCOME_COLOURS

    with (PACKAGE.parent / "missions.csv").open(encoding="utf-8") as handle:
        launched = [m for m in csv.DictReader(handle) if m["launch_date"] and "1958" <= sort_key(m["launch_date"])[:4] <= "1976"]
    html = (real_site / "timeline" / "index.html").read_text(encoding="utf-8")
    chart = html[html.index('id="chart-timeline-1958"'):]
    chart = chart[:chart.index("</svg>")]
    fills = re.findall(r'style="fill: (#[0-9a-f]{6});', chart)
    assert len(fills) == len(launched)
    assert sorted(fills) == sorted(OUTCOME_COLOURS[m["outcome"] or "unknown"] for m in launched)


@pytest.fixture
def catalog():
    from lunar_atlas.catalog import read_catalog

    return read_catalog(PACKAGE)[0]


def _ringed(svg: str) -> int:
    return svg.count("stroke-width: 2.5")


def test_the_timeline_rings_the_programme_the_descriptor_names(catalog):
    from lunar_atlas.humanize import sort_key
    from lunar_atlas.pictures import timeline_chart

    program = catalog["missions"].table.by_name["program"]
    assert program["x-highlighted"] == "Chang'e"

    def launched(name: str) -> int:
        return sum(1 for m in catalog["missions"].rows if m["program"] == name and m["launch_date"]
                   and "2019" <= sort_key(m["launch_date"])[:4] <= "2030")

    assert _ringed(timeline_chart(catalog, 2019, 2030, "t")) == launched("Chang'e") > 0
    program["x-highlighted"] = "Artemis"
    assert _ringed(timeline_chart(catalog, 2019, 2030, "t")) == launched("Artemis") > 0
    program["x-highlighted"] = ["not", "text"]  # a descriptor a pull request broke: nothing ringed, no crash
    assert _ringed(timeline_chart(catalog, 2019, 2030, "t")) == 0


def test_the_maps_outline_the_place_the_descriptor_names(catalog):
    from lunar_atlas.pictures import outlined_place

    places = catalog["places"].table.resource
    assert outlined_place(catalog).name == catalog.get("places", places["x-outlinedOnMaps"])["name"] == "South Pole–Aitken basin"
    without_diameter = next(p["place_id"] for p in catalog["places"].rows if not p["diameter_km"])
    for unusable in (without_diameter, "no-such-place", {"an": "object"}, None):
        places["x-outlinedOnMaps"] = unusable
        assert outlined_place(catalog) is None
