"""How far a source can be trusted: its tier, in order from the most trusted, and the tiers that back a fact alone."""

from __future__ import annotations

TIERS = ("primary", "reference", "press", "unreliable")
TRUSTED = ("primary", "reference")
