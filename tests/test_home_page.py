"""The home page is what every visitor opens first: what it shows of a growing catalog is bounded."""

from __future__ import annotations

import re

import pytest

from conftest import PACKAGE
from lunar_atlas.bench_package import synthesize
from lunar_atlas.catalog import load_catalog
from lunar_atlas.site_pages import HOME_MAP_SITES, home_context
from lunar_atlas.timeline_pages import UPCOMING_SHOWN
from lunar_atlas.views import Views


def _context(package) -> dict:
    return home_context(Views(load_catalog(package)), "", {"colours": [], "landed": "", "failed": ""})


def _marks(svg: str) -> list[str]:
    return re.findall(r'<a [^>]*class="la-site" data-mission="([^"]+)"', svg)


def test_the_home_map_shows_every_site_of_the_real_catalog():
    context = _context(PACKAGE)
    catalog = load_catalog(PACKAGE)
    sites = [m["mission_id"] for m in catalog["missions"].rows if m["landing_lat"] is not None and m["landing_lon"] is not None]
    assert len(sites) <= HOME_MAP_SITES
    assert sorted(_marks(context["moon_map"])) == sorted(sites)
    assert context["map_sites"] is None


@pytest.fixture(scope="module")
def three_times(tmp_path_factory):
    return synthesize(PACKAGE, 3, tmp_path_factory.mktemp("home") / "package")


def test_the_home_map_of_a_large_catalog_shows_the_latest_sites_and_says_so(three_times):
    context = _context(three_times)
    catalog = load_catalog(three_times)
    sites = [m for m in catalog["missions"].rows if m["landing_lat"] is not None and m["landing_lon"] is not None]
    assert len(sites) > HOME_MAP_SITES
    shown = _marks(context["moon_map"])
    assert len(shown) == HOME_MAP_SITES
    assert context["map_sites"] == {"shown": str(HOME_MAP_SITES), "all": str(len(sites))}
    newest = max(sites, key=lambda m: m["landing_date"] or "")
    assert newest["mission_id"] in shown


def test_the_home_page_lists_the_next_events_and_links_to_the_rest(three_times):
    context = _context(three_times)
    catalog = load_catalog(three_times)
    planned = [e for e in catalog["events"].rows if e["status"] in ("scheduled", "planned")]
    assert len(planned) > UPCOMING_SHOWN
    assert len(context["upcoming"]) == UPCOMING_SHOWN
    assert context["more_upcoming"]["count"] == len(planned)
