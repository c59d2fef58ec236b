"""The Moon seen from far away: orthographic hemispheres, small circles on the sphere, and the lines drawn of them."""

from __future__ import annotations

import math
from dataclasses import dataclass

MOON_RADIUS_KM = 1737.4  # IAU mean radius of the Moon
HEMISPHERES = (("Near side", 0.0), ("Far side", 180.0))


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    visible: bool


def orthographic(lat: float, lon: float, center_lon: float, radius: float = 1.0) -> Point:
    """A point of the sphere seen from far away above (0°N, center_lon): x to the east, y down the page."""
    phi, delta = math.radians(lat), math.radians(lon - center_lon)
    x = radius * math.cos(phi) * math.sin(delta)
    y = -radius * math.sin(phi)
    return Point(x, y, math.cos(phi) * math.cos(delta) >= -1e-9)


def hemisphere_of(lon: float) -> float:
    """The centre longitude of the hemisphere a longitude is seen on."""
    return 0.0 if math.cos(math.radians(lon)) >= 0 else 180.0


def small_circle(lat: float, lon: float, angle: float, steps: int = 120) -> list[tuple[float, float]]:
    """Latitude and longitude of the points at `angle` degrees of arc around a centre."""
    phi1, lam1, d = math.radians(lat), math.radians(lon), math.radians(angle)
    points = []
    for step in range(steps + 1):
        bearing = 2 * math.pi * step / steps
        phi2 = math.asin(math.sin(phi1) * math.cos(d) + math.cos(phi1) * math.sin(d) * math.cos(bearing))
        lam2 = lam1 + math.atan2(math.sin(bearing) * math.sin(d) * math.cos(phi1), math.cos(d) - math.sin(phi1) * math.sin(phi2))
        points.append((math.degrees(phi2), (math.degrees(lam2) + 540) % 360 - 180))
    return points


def visible_runs(points, center_lon, radius, cx, cy) -> list[list[float]]:
    """Projected polylines, broken where the line passes behind the limb."""
    runs, run = [], []
    for lat, lon in points:
        p = orthographic(lat, lon, center_lon, radius)
        if p.visible:
            run += [cx + p.x, cy + p.y]
        elif run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    return [simplified(r) for r in runs if len(r) >= 4]


def simplified(run: list[float], tolerance: float = 0.2) -> list[float]:
    """The polyline with the points dropped that lie within `tolerance` pixels of the line through their neighbours
    (Ramer–Douglas–Peucker): a parallel seen face-on is a straight line, and needs two points rather than sixty."""
    points = list(zip(run[::2], run[1::2]))
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        length = math.hypot(x2 - x1, y2 - y1) or 1.0
        distance, farthest = max(((abs((x2 - x1) * (y1 - y) - (x1 - x) * (y2 - y1)) / length, i)
                                  for i, (x, y) in enumerate(points[first + 1:last], first + 1)), default=(0.0, None))
        if farthest is not None and distance > tolerance:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    return [value for point, kept in zip(points, keep) if kept for value in point]
