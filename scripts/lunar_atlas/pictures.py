"""Pictures drawn from the data at build time, as static SVG: no network, no tracking, no map tiles.

Each picture has a <title> and <desc>; the pages show a table of the same facts beside it.
Colours come from the page's CSS variables, so the pictures follow the light and dark themes.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from html import escape
from typing import NamedTuple

import drawsvg
import drawsvg.types
import pygal
from pygal.style import Style

from .catalog import Catalog
from .dates import span_or_none
from .humanize import position_words, sort_key
from .labels import value_label
from .addresses import url_of
from .moon_projection import HEMISPHERES, MOON_RADIUS_KM, hemisphere_of, orthographic, small_circle, visible_runs

class Outline(NamedTuple):
    """A place the maps draw as a ring of its diameter."""
    name: str
    lat: float
    lon: float
    diameter_km: float


def outlined_place(catalog: Catalog) -> Outline | None:
    """The place the descriptor names in `x-outlinedOnMaps` on the places table, if it is there with a centre and a diameter."""
    place_id = catalog["places"].table.resource.get("x-outlinedOnMaps")
    place = catalog.get("places", place_id) if isinstance(place_id, str) else None
    if not place or place["lat"] is None or place["lon"] is None or not place["diameter_km"]:
        return None
    return Outline(place["name"], place["lat"], place["lon"], place["diameter_km"])


def highlighted_program(catalog: Catalog) -> str | None:
    """The programme the timeline charts ring, as the descriptor names it (`x-highlighted` on missions.program)."""
    value = catalog["missions"].table.by_name["program"].get("x-highlighted")
    return value if isinstance(value, str) and value else None


OUTCOME_SHAPES = {"success": "circle", "partial-success": "circle", "failure": "cross", "launch-failure": "cross", "in-progress": "circle"}


def _escape_attribute_values(write):
    """drawsvg writes attribute values as they are given; a value from the data could close its quote and open a
    script. Every string value is escaped on its way out, whichever element carries it."""

    def write_escaped(self, args, output_file, id_map=None):
        escaped = {key: escape(value) if isinstance(value, str) else value for key, value in args.items()}
        return write(self, escaped, output_file, id_map=id_map)

    write_escaped.escapes = True
    return write_escaped


if not getattr(drawsvg.types.Context._write_tag_args, "escapes", False):
    drawsvg.types.Context._write_tag_args = _escape_attribute_values(drawsvg.types.Context._write_tag_args)


class Anchor(drawsvg.DrawingParentElement):
    """An SVG link; drawsvg has no element of its own for one."""

    TAG_NAME = "a"

    def __init__(self, href: str, **kwargs):
        super().__init__(href=href, **kwargs)


def landing_sites(catalog: Catalog) -> list[dict]:
    return [m for m in catalog["missions"].rows if m["landing_lat"] is not None and m["landing_lon"] is not None]


def _latest(sites: list[dict], limit: int | None) -> list[dict]:
    """The `limit` most recent landings (then launches), in the catalog's order; all of them when they are no more."""
    if limit is None or len(sites) <= limit:
        return sites
    kept = {id(m) for m in sorted(sites, key=lambda m: (sort_key(m["landing_date"] or m["launch_date"]), m["mission_id"]), reverse=True)[:limit]}
    return [m for m in sites if id(m) in kept]


def moon_map(catalog: Catalog, page_url: str, href, radius: float = 150, labels: bool = True, only: str | None = None,
             limit: int | None = None) -> str:
    """The near and far sides as orthographic hemispheres, with the landing and impact sites marked and linked:
    every one, the latest `limit`, or the `only` one."""
    # A locator map draws one site: look it up rather than scan every mission for every page.
    every = landing_sites(catalog) if only is None else [m for m in [catalog.get("missions", only)] if m and m["landing_lat"] is not None]
    sites = _latest(every, limit)
    margin, gap = 30, 40
    width = 4 * radius + gap + 2 * margin
    height = 2 * radius + 2 * margin + 20
    drawing = drawsvg.Drawing(width, height, viewBox=f"0 0 {width} {height}", role="img", aria_labelledby="map-title map-desc")
    drawing.append(drawsvg.Title("Landing and impact sites on the Moon", id="map-title"))
    count = "the landing site" if only else f"{len(sites)} landing and impact sites" + (f" (the latest of {len(every)})" if len(every) > len(sites) else "")
    basin = outlined_place(catalog)
    outlined = f", {escape(basin.name)}" if basin else ""
    drawing.append(drawsvg.Raw(f'<desc id="map-desc">The near side (centred on 0°E) and the far side (centred on 180°E) '
                               f'as orthographic hemispheres with a 30° graticule, showing {count}{outlined} '
                               f'and the south polar region.</desc>'))
    drawing.append(drawsvg.Raw(_hemispheres(radius, margin, gap, height, basin)))
    for index, (name, center) in enumerate(HEMISPHERES):
        cx = margin + radius + index * (2 * radius + gap)
        cy = margin + radius
        for mission in sites:
            if hemisphere_of(mission["landing_lon"]) != center:
                continue
            p = orthographic(mission["landing_lat"], mission["landing_lon"], center, radius)
            link = Anchor(href(url_of("missions", mission["mission_id"])), class_="la-site", data_mission=mission["mission_id"])
            link.append(drawsvg.Title(f"{mission['name']}: {_word(catalog, 'outcome', mission['outcome']).lower() or 'outcome unknown'}, {position_words(mission['landing_lat'], mission['landing_lon'])}"))
            shape = OUTCOME_SHAPES.get(mission["outcome"], "circle")
            css = f"la-mark la-outcome-{mission['outcome'] or 'unknown'} la-country-{(mission['country'] or 'xx').lower()}"
            if shape == "cross":
                link.append(drawsvg.Lines(cx + p.x - 4, cy + p.y - 4, cx + p.x + 4, cy + p.y + 4, close=False, class_=css))
                link.append(drawsvg.Lines(cx + p.x - 4, cy + p.y + 4, cx + p.x + 4, cy + p.y - 4, close=False, class_=css))
            else:
                link.append(drawsvg.Circle(cx + p.x, cy + p.y, 4, class_=css))
            if labels:
                link.append(drawsvg.Text(mission["name"], 9, cx + p.x + 6, cy + p.y + 3, class_="la-site-label"))
            drawing.append(link)
    return _inline(drawing.as_svg())


@lru_cache(maxsize=8)
def _hemispheres(radius: float, margin: float, gap: float, height: float, basin: Outline | None) -> str:
    """The drawing's fixed part, the same on every page that shows a map of this size: drawn once."""
    drawing = drawsvg.Drawing(1, 1)
    for index, (name, center) in enumerate(HEMISPHERES):
        cx = margin + radius + index * (2 * radius + gap)
        cy = margin + radius
        group = drawsvg.Group(class_="la-hemisphere", id=f"hemisphere-{int(center)}")
        group.append(drawsvg.Circle(cx, cy, radius, class_="la-disc"))
        for lat in range(-60, 90, 30):
            for run in visible_runs([(lat, lon) for lon in range(-180, 181, 3)], center, radius, cx, cy):
                group.append(drawsvg.Lines(*run, close=False, class_="la-graticule"))
        for lon in range(-180, 180, 30):
            for run in visible_runs([(lat, lon) for lat in range(-90, 91, 3)], center, radius, cx, cy):
                group.append(drawsvg.Lines(*run, close=False, class_="la-graticule"))
        for run in visible_runs([(-80, lon) for lon in range(-180, 181, 3)], center, radius, cx, cy):
            group.append(drawsvg.Lines(*run, close=False, class_="la-polar"))
        if basin:
            ring = small_circle(basin.lat, basin.lon, math.degrees(basin.diameter_km / 2 / MOON_RADIUS_KM))
            for run in visible_runs(ring, center, radius, cx, cy):
                group.append(drawsvg.Lines(*run, close=False, class_="la-basin"))
        group.append(drawsvg.Text(name, 14, cx, height - 8, text_anchor="middle", class_="la-map-label"))
        drawing.append(group)
    svg = drawing.as_svg()
    body = svg[svg.index("</defs>") + len("</defs>"):svg.rindex("</svg>")]
    return _short_numbers(body.strip())  # done here, once, rather than on every page that shows the map


LONG_NUMBER = re.compile(r"(?<=[\s,\"(A-Za-z])(-?\d+\.\d{3,})")  # also right after a path command: M104.99999


def _short_numbers(svg: str) -> str:
    return LONG_NUMBER.sub(lambda m: f"{float(m.group(1)):.1f}", svg)


def _inline(svg: str) -> str:
    """SVG for an HTML page: no XML declaration, no blank lines that would end a Markdown block, short numbers."""
    svg = _short_numbers(re.sub(r"<\?xml[^>]*>\s*", "", svg))
    return "\n".join(line for line in svg.splitlines() if line.strip())


# --- charts ------------------------------------------------------------------------------------

CHART_STYLE = Style(
    background="transparent", plot_background="transparent", foreground="var(--md-default-fg-color)",
    foreground_strong="var(--md-default-fg-color)", foreground_subtle="var(--md-default-fg-color--lighter)",
    font_family="inherit", colors=("#3f6ea8", "#c0392b", "#d4a017", "#2e8b57", "#8e44ad", "#e67e22", "#16a085", "#7f8c8d", "#2c3e50", "#a0522d", "#5d6d7e"),
)


GREY_STYLE = Style(**{**{k: getattr(CHART_STYLE, k) for k in ("background", "plot_background", "foreground", "foreground_strong",
                                                              "foreground_subtle", "font_family")}, "colors": ("#8a8f98",) * 8})


DECADE_STYLE = Style(**{**{k: getattr(CHART_STYLE, k) for k in ("background", "plot_background", "foreground", "foreground_strong",
                                                               "foreground_subtle", "font_family", "colors")},
                        "label_font_size": 14, "major_label_font_size": 14, "legend_font_size": 14, "title_font_size": 15})


TIMELINE_STYLE = Style(**{**{k: getattr(DECADE_STYLE, k) for k in ("background", "plot_background", "foreground", "foreground_strong",
                                                                 "foreground_subtle", "font_family", "label_font_size",
                                                                 "major_label_font_size", "title_font_size")}, "colors": GREY_STYLE.colors})


def _chart_svg(chart, chart_id: str) -> str:
    svg = chart.render(is_unicode=True)
    # pygal writes its tooltip configuration as a script; a static picture needs none.
    svg = re.sub(r"<script\b.*?</script>", "", svg, flags=re.S)
    svg = re.sub(r"<!--.*?-->", "", svg, flags=re.S)  # its comments carry the build date
    # Its <desc> elements feed that script's tooltips; without it they are hundreds of elements (each one costs the
    # browser style work at every repaint) that show nothing. The table beside each chart holds the same values.
    svg = re.sub(r'<desc class="[^"]*">[^<]*</desc>', "", svg)
    # A stacked bar of no missions is drawn with no height: an element that shows nothing.
    svg = re.sub(r'<g class="bar"><rect [^>]*height="0\.0"[^>]*/></g>', "", svg)
    # pygal names each chart with a random id; a fixed one keeps builds byte-identical.
    svg = re.sub(r"chart-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", chart_id, svg)
    return _inline(svg)


def _config(title: str) -> dict:
    return dict(style=CHART_STYLE, js=[], disable_xml_declaration=True, title=title, height=360, width=720,
                legend_at_bottom=True, truncate_legend=-1, print_values=False, show_y_guides=True)


def decade_chart(decades: dict, by: str) -> str:
    """Missions per decade, stacked by country or by outcome."""
    labels = decades["countries"] if by == "countries" else decades["outcomes"]
    if not decades["rows"]:
        return ""
    # Drawn 440 wide with 14-unit text: shown at most 440 px wide, and at 390 px (358 px of column) the text is 11 px.
    chart = pygal.StackedBar(**{**_config(f"Missions per decade by {'country' if by == 'countries' else 'outcome'}"),
                                "style": DECADE_STYLE, "width": 440, "height": 420, "legend_at_bottom_columns": 2,
                                "truncate_label": -1})
    chart.x_labels = [row["decade"] for row in decades["rows"]]
    for index, label in enumerate(labels):
        chart.add(label, [row[by][index] or None for row in decades["rows"]])
    return _chart_svg(chart, f"chart-decades-{by}")


def _year_fraction(text: str | None) -> float | None:
    span = span_or_none(text)
    if span is None or span.open_start:
        return None
    start = span.lower
    return start.year + (start.timetuple().tm_yday - 1) / 366


TYPE_GROUPS = {  # series of the timeline chart: dot size tells the kind of mission
    "crewed": ({"crewed-flyby", "crewed-orbiter", "crewed-landing", "crewed-earth-orbit"}, 8),
    "landers, rovers, sample returns": ({"lander", "rover", "lander-rover", "sample-return"}, 6),
    "orbiters and flybys": ({"orbiter", "subsatellite", "flyby", "station"}, 4.5),
    "impactors": ({"impactor"}, 3),
}
OUTCOME_COLOURS = {"success": "#2e8b57", "partial-success": "#d4a017", "failure": "#c0392b", "launch-failure": "#7b241c",
                   "in-progress": "#3f6ea8", "planned": "#8a8f98", "cancelled": "#b8bcc4", "unknown": "#5d6d7e"}


def _word(catalog: Catalog, name: str, value) -> str:
    """A mission column's value in words (its label, a country's name), as every page shows it."""
    return value_label(catalog["missions"].table.by_name[name], value)


def timeline_chart(catalog: Catalog, first: int, last: int, title: str) -> str:
    """Missions by launch date in lanes by country: dot size by kind of mission, colour by outcome, the highlighted programme ringed."""
    missions = [m for m in catalog["missions"].rows if _year_fraction(m["launch_date"]) and first <= _year_fraction(m["launch_date"]) < last + 1]
    if not missions:
        return ""  # nothing launched in the period: no empty chart
    highlight = highlighted_program(catalog)
    countries = sorted({m["country"] or "international" for m in missions})
    lane = {c: i + 1 for i, c in enumerate(countries)}
    # Drawn 440 wide with 14-unit text, like the decade charts: at 390 px its text is 11 px. The legend of sizes and
    # colours is the page's (HTML under the chart): pygal's would show every series as the same grey square.
    chart = pygal.XY(stroke=False, **{**_config(title), "style": TIMELINE_STYLE, "width": 440, "height": 440, "show_legend": False,
                                     "truncate_label": -1}, range=(0, len(countries) + 1), xrange=(first, last + 1))
    chart.y_labels = [{"label": _word(catalog, "country", c) if c != "international" else "International", "value": lane[c]} for c in countries]
    chart.x_labels = list(range(first, last + 2, max(2, (last - first) // 5)))
    for group, (types, size) in TYPE_GROUPS.items():
        points = []
        for mission in sorted(missions, key=lambda m: m["mission_id"]):
            if mission["mission_type"] not in types:
                continue
            outcome = mission["outcome"] or "unknown"
            ring = "stroke: var(--md-default-fg-color); stroke-width: 2.5" if highlight and mission["program"] == highlight else "stroke: none"
            fill = OUTCOME_COLOURS.get(outcome, "#5d6d7e")
            points.append({"value": (_year_fraction(mission["launch_date"]), lane[mission["country"] or "international"]),
                           "label": f"{mission['name']} ({_word(catalog, 'outcome', outcome).lower()})", "style": f"fill: {fill}; {ring}"})
        chart.add(group, points, dots_size=size)
    return _chart_svg(chart, f"chart-timeline-{first}")
