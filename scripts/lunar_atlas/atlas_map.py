"""The map page's picture: each hemisphere of the Moon large, every landing and impact site a link with a label
that overlaps no other, the maria and the craters near the sites named from the IAU/USGS Gazetteer, and the
legend and filters beside it, as plain data for the template.

Static SVG written as text, every value escaped; no tiles, no script of its own (tables.js filters the marks).
"""

from __future__ import annotations

import math
from collections import Counter
from html import escape

from .humanize import date_words, decade_label, position_words, sort_key
from .map_layout import Box, Taken, marker_box, place, short_name, text_box
from .nomenclature import SOURCE, SOURCE_URL, moon_names
from .moon_projection import HEMISPHERES, MOON_RADIUS_KM, hemisphere_of, orthographic, small_circle, visible_runs
from .addresses import url_of
from .pictures import outlined_place
from .views import Views

SIZE, RADIUS = 640, 280
CENTRE = SIZE / 2
SITE_FONT, NAME_FONT = 13, 12
# One colour per country or group of countries; the legend is made from this list, as are the marks.
COUNTRY_COLOURS = (("US", "#3f6ea8"), ("SU", "#c0392b"), ("RU", "#c0392b"), ("CN", "#b8860b"), ("IN", "#2e8b57"),
                   ("JP", "#8e44ad"), ("IL", "#e67e22"), ("KR", "#e67e22"), ("LU", "#e67e22"))
OTHER_COLOUR = "#7f8c8d"
FAILED = {"failure", "launch-failure"}
MAIN_MARE_KM = 600  # maria this wide are named before the sites' labels are placed; smaller ones where room is left


def colour_of(country: str | None) -> str:
    return dict(COUNTRY_COLOURS).get(country or "", OTHER_COLOUR)


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _polyline(points: list[float], css: str) -> str:
    pairs = " ".join(f"{_fmt(points[i])},{_fmt(points[i + 1])}" for i in range(0, len(points), 2))
    return f'<polyline class="{css}" points="{pairs}"/>'


def _base(center: float, basin) -> list[str]:
    """Disc, 30° graticule, the 80°S circle and the outlined place's ring."""
    parts = [f'<circle class="la-disc" cx="{CENTRE}" cy="{CENTRE}" r="{RADIUS}"/>']
    lines = [[(lat, lon) for lon in range(-180, 181, 3)] for lat in range(-60, 90, 30)]
    lines += [[(lat, lon) for lat in range(-90, 91, 3)] for lon in range(-180, 180, 30)]
    for line in lines:
        parts += [_polyline(run, "la-graticule") for run in visible_runs(line, center, RADIUS, CENTRE, CENTRE)]
    parts += [_polyline(run, "la-polar") for run in visible_runs([(-80, lon) for lon in range(-180, 181, 3)], center, RADIUS, CENTRE, CENTRE)]
    if basin:
        ring = small_circle(basin.lat, basin.lon, math.degrees(basin.diameter_km / 2 / MOON_RADIUS_KM))
        parts += [_polyline(run, "la-basin") for run in visible_runs(ring, center, RADIUS, CENTRE, CENTRE)]
    return parts


def _project(lat: float, lon: float, center: float):
    point = orthographic(lat, lon, center, RADIUS)
    return CENTRE + point.x, CENTRE + point.y, point.visible


def _mark(x: float, y: float, outcome: str | None, colour: str) -> str:
    if outcome in FAILED:
        return (f'<path class="la-mark la-mark-failed" style="stroke: {colour}" d="M{_fmt(x - 5)},{_fmt(y - 5)}L{_fmt(x + 5)},{_fmt(y + 5)}'
                f'M{_fmt(x - 5)},{_fmt(y + 5)}L{_fmt(x + 5)},{_fmt(y - 5)}"/>')
    return f'<circle class="la-mark" style="fill: {colour}; stroke: {colour}" cx="{_fmt(x)}" cy="{_fmt(y)}" r="5"/>'


def _label(spot, text: str, css: str) -> str:
    leader = ""
    if spot.leader:
        x1, y1, x2, y2 = spot.leader
        leader = f'<line class="la-leader" x1="{_fmt(x1)}" y1="{_fmt(y1)}" x2="{_fmt(x2)}" y2="{_fmt(y2)}"/>'
    return f'{leader}<text class="{css}" x="{_fmt(spot.x)}" y="{_fmt(spot.y)}" text-anchor="{spot.anchor}">{escape(text)}</text>'


def _map_name(views: Views, mission: dict) -> str:
    """The name a site's label prints: a crewed craft's is its mission's, as readers know the landing ("Apollo 11"
    where Eagle landed); its own name is in the mark's title and on the page the mark links to."""
    parent = views.catalog.get("missions", mission["parent_id"]) if mission.get("crewed") and mission.get("parent_id") else None
    return short_name((parent or mission)["name"])


def _site_links(views: Views, sites: list[dict], center: float, href, taken: Taken, frame: Box) -> list[str]:
    """Each site as a link: its mark, then its label where one fits (else a label shown on hover and focus)."""
    placed = [(m, *_project(m["landing_lat"], m["landing_lon"], center)) for m in sites]
    for _, x, y, _ in placed:
        taken.add(marker_box(x, y))
    parts = []
    # Crewed landings choose their label's place first, then the rest by date: a crowd hides the lesser names.
    for mission, x, y, _ in sorted(placed, key=lambda p: not p[0]["crewed"]):
        text = _map_name(views, mission)
        spot = place(x, y, text, SITE_FONT, taken, frame)
        outcome = views.word("missions", "outcome", mission["outcome"]).lower() or "outcome unknown"
        side = ("start", x + 8) if x < CENTRE else ("end", x - 8)
        label = _label(spot, text, "la-site-label") if spot else (
            f'<text class="la-site-label la-label-on-focus" x="{_fmt(side[1])}" y="{_fmt(y + 4)}" text-anchor="{side[0]}">{escape(text)}</text>')
        attributes = " ".join(f'data-{k}="{escape(v)}"' for k, v in site_facets(mission).items())
        parts.append(f'<a class="la-site" href="{escape(href(url_of("missions", mission["mission_id"])))}" data-mission="{escape(mission["mission_id"])}" {attributes}>'
                     f'<title>{escape(mission["name"])}: {escape(outcome)}, {position_words(mission["landing_lat"], mission["landing_lon"])}</title>'
                     f'{_mark(x, y, mission["outcome"], colour_of(mission["country"]))}{label}</a>')
    return parts


def _names(center: float, taken: Taken, frame: Box, kind: str, sizes=(0, 1e9)) -> list[str]:
    """The Gazetteer's maria named at their centres, or its craters drawn at their rims, where the names fit."""
    parts = []
    chosen = (f for f in moon_names() if f.kind == kind and sizes[0] <= f.diameter_km < sizes[1])
    for feature in sorted(chosen, key=lambda f: -f.diameter_km):
        x, y, visible = _project(feature.lat, feature.lon, center)
        facing = math.cos(math.radians(feature.lat)) * math.cos(math.radians(feature.lon - center))
        if not visible or facing < 0.25:
            continue  # too near the limb to read
        if feature.kind == "crater":
            rim = small_circle(feature.lat, feature.lon, math.degrees(feature.diameter_km / 2 / MOON_RADIUS_KM), 48)
            parts += [_polyline(run, "la-crater") for run in visible_runs(rim, center, RADIUS, CENTRE, CENTRE)]
            y += feature.diameter_km / 2 / MOON_RADIUS_KM * RADIUS + NAME_FONT  # the name below the rim
        for shift in (0, -16, 16, -32, 32):  # a mare's name may sit a little above or below its centre
            box = text_box(x, y + shift, feature.name, NAME_FONT, "middle")
            inside = frame.left <= box.left and box.right <= frame.right
            if inside and not taken.clashes(box):
                taken.add(box)
                parts.append(f'<text class="la-name la-name-{feature.kind}" x="{_fmt(x)}" y="{_fmt(y + shift)}" text-anchor="middle">{escape(feature.name)}</text>')
                break
            if feature.kind == "crater":
                break
    return parts


def hemisphere_svg(views: Views, sites: list[dict], name: str, center: float, href, basin) -> str:
    """One hemisphere as an SVG: the maria named first, then the sites (their labels clear of the maria's), then the
    craters where there is room left."""
    mine = [m for m in sites if hemisphere_of(m["landing_lon"]) == center]
    frame = Box(2, 2, SIZE - 2, SIZE - 2)
    taken = Taken(marker_box(*_project(m["landing_lat"], m["landing_lon"], center)[:2], radius=7) for m in mine)
    maria = _names(center, taken, frame, "mare", (MAIN_MARE_KM, 1e9))
    links = _site_links(views, mine, center, href, taken, frame)
    names = maria + _names(center, taken, frame, "mare", (0, MAIN_MARE_KM)) + _names(center, taken, frame, "crater")
    slug = "near" if center == 0 else "far"
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="la-atlas" id="map-{slug}" viewBox="0 0 {SIZE} {SIZE}" role="img" '
            f'aria-labelledby="map-{slug}-title"><title id="map-{slug}-title">{escape(name)} of the Moon (centred on {int(center)}°E): '
            f'{len(mine)} landing and impact sites</title>' + "".join(_base(center, basin) + names + links) + "</svg>")


def site_facets(mission: dict) -> dict[str, str]:
    """What the map's filters choose a site by."""
    decade = decade_label(mission["launch_date"]) if mission["launch_date"] else ""
    return {"decade": decade, "country": mission["country"] or "", "outcome": mission["outcome"] or ""}


def located(views: Views) -> list[dict]:
    rows = [m for m in views.catalog["missions"].rows if m["landing_lat"] is not None and m["landing_lon"] is not None]
    return sorted(rows, key=lambda m: (sort_key(m["landing_date"] or m["launch_date"]), m["mission_id"]))


def _filters(views: Views, sites: list[dict]) -> list[dict]:
    counts = {name: Counter(site_facets(m)[name] for m in sites) for name in ("decade", "country", "outcome")}
    words = {"decade": lambda v: v, "country": lambda v: views.word("missions", "country", v),
             "outcome": lambda v: views.word("missions", "outcome", v)}
    return [{"name": name, "title": title, "options": [(v, words[name](v), n) for v, n in sorted(counts[name].items(), key=lambda i: words[name](i[0])) if v]}
            for name, title in (("decade", "Decade"), ("country", "Country"), ("outcome", "Outcome"))]


def legend(views: Views, sites: list[dict] | None = None) -> dict:
    """What the map's colours and symbols mean, for the sites shown."""
    sites = located(views) if sites is None else sites
    present = {m["country"] or "" for m in sites}
    colours: dict[str, list[str]] = {}
    for code, colour in COUNTRY_COLOURS:
        if code in present:
            colours.setdefault(colour, []).append(views.word("missions", "country", code))
    if present - set(dict(COUNTRY_COLOURS)):
        colours.setdefault(OTHER_COLOUR, []).append("Other or international")
    outcomes = {m["outcome"] for m in sites}
    return {"colours": [(colour, ", ".join(names)) for colour, names in colours.items()],
            "landed": ", ".join(sorted(views.word("missions", "outcome", o).lower() for o in outcomes if o and o not in FAILED)),
            "failed": ", ".join(sorted(views.word("missions", "outcome", o).lower() for o in outcomes if o in FAILED))}


def map_context(views: Views, href) -> dict:
    """Everything the map page shows: the hemispheres, the legend, the filters and the table of sites."""
    sites = located(views)
    basin = outlined_place(views.catalog)
    rows = [{"id": m["mission_id"], "url": url_of("missions", m["mission_id"]), "name": m["name"], "lat": m["landing_lat"],
             "lon": m["landing_lon"], "facets": list(site_facets(m).items()), "when": date_words((m["landing_date"] or "").split("T")[0]),
             "precise": m["landing_date"] or "", "side": "near" if hemisphere_of(m["landing_lon"]) == 0 else "far",
             "outcome": views.word("missions", "outcome", m["outcome"]), "country": views.word("missions", "country", m["country"])}
            for m in sites]
    return {"hemispheres": [{"svg": hemisphere_svg(views, sites, name, center, href, basin), "caption": f"The {name.lower()}, centred on {int(center)}°E"}
                            for name, center in HEMISPHERES],
            "legend": legend(views, sites), "outlined": basin.name if basin else None, "filters": _filters(views, sites), "rows": rows, "count": len(rows),
            "names_source": SOURCE, "names_source_url": SOURCE_URL, "names_count": len(moon_names())}
