"""Values ready to show, as the views hand them to templates."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Cell:
    """One value ready to show: its words, where it links, and its precise form where that differs (a tooltip)."""

    text: str
    url: str | None = None
    aside: str = ""
    external: bool = False


@dataclass(slots=True)  # one per referring column of every row referred to: hundreds of thousands in a big catalog
class Backref:
    table: str
    field: str
    rows: list[dict]
