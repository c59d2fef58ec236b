"""Which kinds of mission (the codes of missions.mission_type) set down on the surface: coming down as planned, such a
craft landed; any other kind that came down struck the Moon (an impactor, an orbiter brought down at its end)."""

from __future__ import annotations

LANDING_TYPES = frozenset({"lander", "rover", "lander-rover", "sample-return", "crewed-landing"})
FAILED = frozenset({"failure", "launch-failure"})  # such a craft, of a kind built to land, came down as an impact
LANDED = frozenset({"success", "partial-success"})  # such a craft, of a kind built to land, landed as planned


def came_down(row: dict) -> bool:
    """Whether a row's craft landed: it has a landing date, is of a kind built to land, and did not fail."""
    return bool(row.get("landing_date")) and row.get("mission_type") in LANDING_TYPES and row.get("outcome") not in FAILED
