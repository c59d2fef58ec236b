"""The atlas parts of the site in Debian's Chromium: the map (labels that never overlap, a link for every located
mission, filters), the timeline by decade (pages, filters, order) and a mission page's key facts."""

from __future__ import annotations

import csv
import re

import pytest

from conftest import PACKAGE
from lunar_atlas.humanize import year_of

pytestmark = pytest.mark.browser

with (PACKAGE.parent / "missions.csv").open(encoding="utf-8") as handle:
    MISSIONS = list(csv.DictReader(handle))
with (PACKAGE.parent / "events.csv").open(encoding="utf-8") as handle:
    EVENTS = list(csv.DictReader(handle))
LOCATED = [m for m in MISSIONS if m["landing_lat"] and m["landing_lon"]]


VISIBLE_LABEL_BOXES = """svg => [...svg.querySelectorAll('text')]
    .filter(t => getComputedStyle(t).display !== 'none' && t.textContent.trim())
    .map(t => { const r = t.getBoundingClientRect(); return [t.textContent, r.left, r.top, r.right, r.bottom]; })"""


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("side", ["near", "far"])
def test_the_map_labels_do_not_overlap(real_server, open_page, side, width):
    page = open_page(real_server.url + "map/", width)
    boxes = page.locator(f"#map-{side}").evaluate(VISIBLE_LABEL_BOXES)
    assert len(boxes) > 5
    clashes = [(a[0], b[0]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
               if a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5 and a[2] < b[4] - 0.5 and b[2] < a[4] - 0.5]
    assert clashes == [], f"labels drawn over each other on the {side} side"


def test_every_located_mission_has_a_link_on_the_map(real_server, open_page):
    page = open_page(real_server.url + "map/")
    linked = page.locator("svg.la-atlas a.la-site").evaluate_all("links => links.map(a => [a.dataset.mission, a.getAttribute('href')])")
    assert sorted(m for m, _ in linked) == sorted(m["mission_id"] for m in LOCATED)
    assert all(href.endswith(f"missions/{m}/") for m, href in linked)


@pytest.mark.parametrize("path", ["map/", ""])
def test_a_sites_tooltip_gives_its_position_in_degrees_and_hemispheres(real_server, open_page, path):
    page = open_page(real_server.url + path)
    title = page.locator("a.la-site[data-mission='change-6-lander'] title").first.text_content()
    assert title == "Chang'e-6 lander: success, 41.64° S, 153.99° W", title


def test_a_crowded_sites_name_shows_on_keyboard_focus(real_server, open_page):
    page = open_page(real_server.url + "map/")
    hidden = page.locator("a.la-site:has(text.la-label-on-focus)").first
    label = hidden.locator("text.la-label-on-focus")
    assert not label.is_visible()
    hidden.focus()
    assert label.is_visible()


def test_the_map_has_a_legend_for_every_colour_and_symbol(real_server, open_page):
    page = open_page(real_server.url + "map/")
    colours = set(page.locator("svg.la-atlas .la-mark").evaluate_all("marks => marks.map(m => m.style.stroke)"))
    legend = set(page.locator(".la-legend li svg circle[style]").evaluate_all("dots => dots.map(d => d.style.fill)"))
    assert colours <= legend, "a colour on the map that the legend does not explain"
    text = page.locator(".la-legend").inner_text()
    for words in ("A dot", "A cross", "South Pole–Aitken", "80° south", "Gazetteer of Planetary Nomenclature"):
        assert words in text


def test_the_map_filters_by_country_decade_and_outcome(real_server, open_page):
    page = open_page(real_server.url + "map/")
    page.select_option("select[name='country'][data-table='la-sites']", "CN")
    shown = page.locator("svg.la-atlas a.la-site:visible").evaluate_all("links => links.map(a => a.dataset.mission)")
    assert sorted(shown) == sorted(m["mission_id"] for m in LOCATED if m["country"] == "CN")
    page.select_option("select[name='country'][data-table='la-sites']", "")
    page.select_option("select[name='decade'][data-table='la-sites']", "1960s")
    page.select_option("select[name='outcome'][data-table='la-sites']", "failure")
    expected = [m for m in LOCATED if m["launch_date"].startswith("196") and m["outcome"] == "failure"]
    assert page.locator("svg.la-atlas a.la-site:visible").count() == len(expected) > 0
    assert page.locator(".la-count[data-table='la-sites']").inner_text().startswith(f"{len(expected)} of ")


def test_the_timeline_is_split_into_decade_pages(real_server, open_page):
    page = open_page(real_server.url + "timeline/")
    links = page.locator("ul.la-decades a").evaluate_all("links => links.map(a => a.textContent.trim())")
    assert links == sorted({f"{year_of(e['when']) // 10 * 10}s" for e in EVENTS})
    assert page.locator("li.la-event").count() < 20, "the hub page is light: the events live on the decade pages"
    decade = open_page(real_server.url + "timeline/1960s/")
    ids = set(decade.locator("li.la-event").evaluate_all("items => items.map(i => i.id)"))
    assert ids == {e["event_id"] for e in EVENTS if e["when"].startswith("196")}
    years = decade.locator("section.la-year").evaluate_all("sections => sections.map(s => s.id)")
    assert years == sorted(years) and all(y.startswith("y196") for y in years)


def test_an_event_address_leads_to_its_decade_page(real_site, real_server, open_page):
    feed = (real_site / "data" / "timeline.atom").read_text(encoding="utf-8")
    links = re.findall(r'<link href="[^"]*?(timeline/[^"#]*)#([^"]+)" rel="alternate"', feed)
    assert len(links) > 100
    when = {e["event_id"]: e["when"] for e in EVENTS}
    assert [(page, key) for page, key in links if page != f"timeline/{year_of(when[key]) // 10 * 10}s/"] == []
    for page, key in links:
        assert f'id="{key}"' in (real_site / page / "index.html").read_text(encoding="utf-8"), f"{page}#{key} is not there"
    decade = open_page(real_server.url + "timeline/1960s/#apollo-11-landing")
    assert decade.locator("li#apollo-11-landing").is_visible()


def test_the_timeline_filters_by_country_and_mission_and_reverses(real_server, open_page):
    page = open_page(real_server.url + "timeline/1960s/")
    soviet = [e for e in EVENTS if e["when"].startswith("196") and e["mission_id"]
              and next(m for m in MISSIONS if m["mission_id"] == e["mission_id"])["country"] == "SU"]
    page.select_option("select[name='country']", "SU")
    assert page.locator("li.la-event:visible").count() == len(soviet) > 0
    page.select_option("select[name='country']", "")
    page.select_option("select[name='mission']", "apollo-11")
    shown = page.locator("li.la-event:visible").evaluate_all("items => items.map(i => i.id)")
    assert shown and all(i.startswith("apollo-11") for i in shown)
    assert page.locator("section.la-year:visible").count() == 1, "a year with no event left is hidden"
    page.select_option("select[name='mission']", "")
    first = page.locator("li.la-event").first.get_attribute("id")
    page.click("button.la-order")
    assert page.locator("li.la-event").first.get_attribute("id") != first
    assert page.locator("section.la-year").first.get_attribute("id") == "y1969"


def test_a_mission_page_opens_with_its_key_facts(real_server, open_page):
    page = open_page(real_server.url + "missions/apollo-11/")
    box = page.locator("section.la-keyfacts")
    titles = box.locator("dt").all_text_contents()
    assert titles[:3] == ["Operator", "Launch", "Landing"]
    assert {"Outcome", "Crew", "Site", "Samples returned"} <= set(titles)
    launch = box.locator("dd").nth(1)
    assert "16 July 1969" in launch.inner_text() and "13:32" not in launch.inner_text(), "the day in words, the time a step away"
    assert launch.locator(".la-precise[title='1969-07-16T13:32:00Z']").count() == 1
    assert "Neil Armstrong" in box.inner_text()
    order = page.evaluate("""() => [...document.querySelectorAll('article .la-lead, article section.la-keyfacts, article h2')]
        .map(e => e.matches('.la-lead') ? 'summary' : e.matches('section') ? 'facts' : e.textContent.trim())""")
    assert order[:2] == ["summary", "facts"]
    story = [h for h in order if h in ("Timeline", "Crew", "What people said about it", "Sources", "Cite this page")]
    assert story == ["Timeline", "Crew", "What people said about it", "Sources", "Cite this page"]


def test_the_timeline_charts_text_is_readable_on_a_phone(real_server, open_page):
    page = open_page(real_server.url + "timeline/", 390)
    sizes = page.evaluate("""() => [...document.querySelectorAll('svg[id^="chart-timeline"]')].flatMap(svg => {
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        return [...svg.querySelectorAll('text')].filter(t => t.textContent.trim())
          .map(t => [t.textContent.trim(), parseFloat(getComputedStyle(t).fontSize) * scale]); })""")
    assert len(sizes) > 10
    assert [(text, round(size, 1)) for text, size in sizes if size < 10.95] == [], "chart text under 11 px at 390 px"


def test_the_timeline_charts_colours_and_sizes_are_in_its_legend(real_server, open_page):
    page = open_page(real_server.url + "timeline/")
    used = set(page.locator("svg[id^='chart-timeline'] g.dots").evaluate_all(
        "dots => dots.map(d => (d.getAttribute('style') || '').match(/fill: (#[0-9a-f]{6})/)).filter(Boolean).map(m => m[1])"))
    legend = page.locator(".la-chart-legend").inner_html()
    assert used and all(colour in legend for colour in used)
    radii = page.locator(".la-chart-legend ul").first.locator("circle").evaluate_all("cs => cs.map(c => c.getAttribute('r'))")
    assert len(set(radii)) == len(radii) == 4, "each kind of mission has a dot size of its own in the legend"
