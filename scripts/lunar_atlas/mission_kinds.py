"""Which kinds of mission (the codes of missions.mission_type) set down on the surface: coming down as planned, such a
craft landed; any other kind that came down struck the Moon (an impactor, an orbiter brought down at its end)."""

from __future__ import annotations

LANDING_TYPES = frozenset({"lander", "rover", "lander-rover", "sample-return", "crewed-landing"})
