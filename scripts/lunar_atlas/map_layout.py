"""Where a map's labels go: beside their point if there is room, else further out on a leader line, else nowhere
(the label then shows only while its link has the pointer or the keyboard focus). No two placed labels overlap.

Text widths are estimated from the number of characters, on the generous side, so that the boxes the browser
draws are smaller than the boxes planned here. What is already placed is kept in a grid of cells, so a new label is
checked only against its neighbours: the work grows with the number of sites, not with its square.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass

CHAR_WIDTH = 0.6  # of the font size: wider than the average letter of the theme's sans-serif
DISTANCES = (8, 20, 34, 50, 68)
ANGLES = (0, 180, -35, 35, 145, -145, -90, 90, -60, 60, 120, -120)  # degrees, 0 to the east, positive down the page
SHORT = re.compile(r"^(?P<before>.+?) \((?P<inside>[^()]+)\)$")
SUBTITLE = re.compile(r" [-–—] [^()]+$")  # "… - Ebb and Flow": the craft's own names after the mission's


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: "Box", pad: float = 1.5) -> bool:
        return not (self.right + pad <= other.left or other.right + pad <= self.left
                    or self.bottom + pad <= other.top or other.bottom + pad <= self.top)

    def holds(self, x: float, y: float) -> bool:
        return self.left <= x <= self.right and self.top <= y <= self.bottom


@dataclass(frozen=True)
class Placement:
    x: float  # where the text is anchored, on its baseline
    y: float
    anchor: str  # start, middle or end, as SVG's text-anchor
    box: Box
    leader: tuple[float, float, float, float] | None  # a line from the point to the label, when it stands off


def short_name(name: str) -> str:
    """A name as a map prints it: 'LADEE' for 'Lunar Atmosphere … (LADEE)', 'Vikram lander' for 'Vikram lander (…)',
    'GRAIL' for 'GRAIL (Gravity Recovery …) - Ebb and Flow'."""
    match = SHORT.match(SUBTITLE.sub("", name))
    if not match:
        return name
    inside = match.group("inside")
    return inside if " " not in inside and inside.upper() == inside and len(inside) <= 12 else match.group("before")


def text_box(x: float, y: float, text: str, size: float, anchor: str) -> Box:
    width = len(text) * size * CHAR_WIDTH
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    return Box(left, y - size * 0.9, left + width, y + size * 0.3)


def _candidate(px: float, py: float, distance: float, angle: float, text: str, size: float) -> Placement:
    dx, dy = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    ax, ay = px + distance * dx, py + distance * dy
    anchor = "start" if dx > 0.3 else "end" if dx < -0.3 else "middle"
    baseline = ay + size * 0.35 if anchor != "middle" else (ay + size * 0.9 if dy > 0 else ay - size * 0.3)
    box = text_box(ax + (2 if anchor == "start" else -2 if anchor == "end" else 0), baseline, text, size, anchor)
    leader = (px, py, ax, ay) if distance > DISTANCES[0] else None
    return Placement(box.left if anchor == "start" else box.right if anchor == "end" else (box.left + box.right) / 2,
                     baseline, anchor, box, leader)


class Grid:
    """Things with a bounding box (boxes, leader lines), filed under the grid cells their box covers."""

    CELL = 24.0

    def __init__(self):
        self._cells: dict[tuple[int, int], list] = defaultdict(list)

    def _keys(self, left: float, top: float, right: float, bottom: float):
        c = self.CELL
        for i in range(math.floor(left / c), math.floor(right / c) + 1):
            for j in range(math.floor(top / c), math.floor(bottom / c) + 1):
                yield i, j

    def file(self, thing, left: float, top: float, right: float, bottom: float) -> None:
        for key in self._keys(left, top, right, bottom):
            self._cells[key].append(thing)

    def near(self, left: float, top: float, right: float, bottom: float):
        """Everything filed in a cell the area touches (a thing in several such cells comes more than once)."""
        for key in self._keys(left, top, right, bottom):
            yield from self._cells.get(key, ())


class Taken:
    """What a map already shows: boxes (marks and labels) that a new label must stay clear of, and leader lines."""

    def __init__(self, boxes=()):
        self._boxes, self._leaders = Grid(), Grid()
        for box in boxes:
            self.add(box)

    def add(self, box: Box) -> None:
        self._boxes.file(box, box.left, box.top, box.right, box.bottom)

    def add_leader(self, line: tuple[float, float, float, float]) -> None:
        x1, y1, x2, y2 = line
        self._leaders.file(line, min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2))

    def clashes(self, box: Box, pad: float = 1.5) -> bool:
        return any(box.overlaps(other, pad) for other in self._boxes.near(box.left - pad, box.top - pad, box.right + pad, box.bottom + pad))

    def holds(self, x: float, y: float) -> bool:
        return any(box.holds(x, y) for box in self._boxes.near(x, y, x, y))

    def leaders_near(self, left: float, top: float, right: float, bottom: float):
        return self._leaders.near(left, top, right, bottom)


def _line_is_clear(line, taken: Taken) -> bool:
    x1, y1, x2, y2 = line
    for step in range(2, 10):
        if taken.holds(x1 + (x2 - x1) * step / 10, y1 + (y2 - y1) * step / 10):
            return False
    return True


def _crosses(a, b) -> bool:
    """Whether two segments (x1, y1, x2, y2) cross."""
    def side(p, q, r):
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
    p1, p2, q1, q2 = a[:2], a[2:], b[:2], b[2:]
    return side(p1, p2, q1) * side(p1, p2, q2) < 0 and side(q1, q2, p1) * side(q1, q2, p2) < 0


def _fits(spot: Placement, taken: Taken, frame: Box) -> bool:
    box = spot.box
    if not (frame.left <= box.left and box.right <= frame.right and frame.top <= box.top and box.bottom <= frame.bottom):
        return False
    if taken.clashes(box):
        return False
    if any(_crosses(leader, (box.left, y, box.right, y)) or _crosses(leader, (x, box.top, x, box.bottom))
           for leader in taken.leaders_near(box.left, box.top, box.right, box.bottom)
           for x in (box.left, box.right) for y in (box.top, box.bottom)):
        return False  # a label is not drawn across another label's leader line
    if not spot.leader:
        return True
    x1, y1, x2, y2 = spot.leader
    return _line_is_clear(spot.leader, taken) and not any(
        _crosses(spot.leader, other) for other in taken.leaders_near(min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)))


def place(px: float, py: float, text: str, size: float, taken: Taken, frame: Box) -> Placement | None:
    """The first spot for a label near (px, py) that stays in the frame, clear of what is taken and of other labels'
    leader lines; it is then taken."""
    for distance in DISTANCES:
        for angle in ANGLES:
            spot = _candidate(px, py, distance, angle, text, size)
            if _fits(spot, taken, frame):
                taken.add(spot.box)
                if spot.leader:
                    taken.add_leader(spot.leader)
                return spot
    return None


def marker_box(x: float, y: float, radius: float = 5) -> Box:
    return Box(x - radius, y - radius, x + radius, y + radius)
