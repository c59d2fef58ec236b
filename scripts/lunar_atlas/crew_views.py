"""Crews and the craft within missions, ready to show: who flew on what, in what role (part of Views)."""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property

from .addresses import url_of
from .humanize import date_words, sort_key, year_of
from .mission_kinds import came_down
from .shown import Cell


class CrewViews:
    """Crews, craft and a person's missions."""

    @cached_property
    def _role_order(self) -> dict[str, int]:
        categories = self.catalog["crew"].table.by_name["role"].get("categories", []) if "crew" in self.catalog.tables else []
        return {c.get("value"): index for index, c in enumerate(categories) if isinstance(c, dict)}

    @cached_property
    def crews(self) -> dict[str, list[dict]]:
        """Each mission's crew rows, in the order of the roles' categories."""
        found: dict[str, list[dict]] = defaultdict(list)
        if "crew" in self.catalog.tables:
            for row in self.catalog["crew"].rows:
                found[row["mission_id"]].append(row)
        for rows in found.values():
            rows.sort(key=lambda r: (self._role_order.get(r["role"], 99), self.label_of("people", r["person_id"])))
        return found

    def crew_place(self, row: dict) -> dict:
        """One crew row ready to show: who, on which mission, in what role, and whether they walked on the Moon."""
        walked = {True: "walked on the Moon", False: "did not walk on the Moon"}.get(row["moonwalker"], "")
        mission = self.catalog.get("missions", row["mission_id"])
        return {"id": row["crew_id"], "person": Cell(self.label_of("people", row["person_id"]), url_of("people", row["person_id"])),
                "mission": Cell(self.label_of("missions", row["mission_id"]), url_of("missions", row["mission_id"])),
                "year": str(year_of(mission["launch_date"])) if mission and mission["launch_date"] else "",
                "role": self.word("crew", "role", row["role"]), "walked": walked,
                "sources": self.cells("crew", row, "source_ids"), "notes": row.get("notes") or ""}

    def crew_of(self, mission_id: str) -> list[dict]:
        return [self.crew_place(row) for row in self.crews.get(mission_id, [])]

    # --- craft within missions ----------------------------------------------------------------

    @cached_property
    def _children(self) -> dict[str, list[dict]]:
        found: dict[str, list[dict]] = defaultdict(list)
        for row in self.catalog["missions"].rows if "missions" in self.catalog.tables else []:
            if row.get("parent_id"):
                found[row["parent_id"]].append(row)
        return found

    def timeline_of(self, mission_id: str) -> list[dict]:
        """A mission's events and those of the craft that flew as part of it (GRAIL's launch, then Ebb's and Flow's
        orbit insertions and impacts), in time order."""
        rows = [mission_id] + [child["mission_id"] for child in self._children.get(mission_id, [])]
        return self.events_sorted([event for row in rows for ref in self.backrefs_to("missions", row)
                                   if ref.table == "events" and ref.field == "mission_id" for event in ref.rows])

    def craft_of(self, mission_id: str) -> list[dict]:
        """The craft that flew as part of a mission, in launch order: each linked, with its kind and how it ended
        (in lowercase, as it reads after the kind)."""
        rows = sorted(self._children.get(mission_id, []), key=lambda r: (sort_key(r["launch_date"]) if r["launch_date"] else "", r["mission_id"]))
        return [{"id": row["mission_id"], "craft": Cell(row["name"], url_of("missions", row["mission_id"])),
                 "kind": self.word("missions", "mission_type", row["mission_type"]),
                 "outcome": self.word("missions", "outcome", row["outcome"]).lower() if row["outcome"] else "",
                 "within": [Cell(child["name"], url_of("missions", child["mission_id"])) for child in self._children.get(row["mission_id"], [])]}
                for row in rows]

    def landed_craft(self, mission: dict) -> dict | None:
        """The craft that landed for a mission whose own row has no landing: Apollo 11's lunar module, Eagle, which
        holds the landing, its place and its coordinates."""
        if mission.get("landing_date"):
            return None
        return next((row for row in self._children.get(mission["mission_id"], []) if came_down(row)), None)

    def missions_of(self, person_id: str) -> list[dict]:
        """A person's places in crews, in launch order, each with the people they flew with."""
        places = []
        for mission_id, rows in self.crews.items():
            for row in rows:
                if row["person_id"] == person_id:
                    place = self.crew_place(row)
                    place["with"] = [Cell(self.label_of("people", r["person_id"]), url_of("people", r["person_id"]))
                                     for r in rows if r["person_id"] != person_id]
                    mission = self.catalog.get("missions", mission_id)
                    places.append((sort_key(mission["launch_date"] if mission else None), mission_id, place))
        return [place for *_, place in sorted(places, key=lambda item: item[:2])]

    @cached_property
    def crewed_missions(self) -> list[tuple[Cell, str, list[dict]]]:
        """Every mission with a crew, in launch order: its link, its launch date in words, its crew."""
        shown = []
        for mission_id in self.crews:
            mission = self.catalog.get("missions", mission_id)
            if mission:
                shown.append((sort_key(mission["launch_date"]), Cell(mission["name"], url_of("missions", mission_id)),
                              date_words(mission["launch_date"]), mission_id))
        return [(cell, when, self.crew_of(mission_id)) for _, cell, when, mission_id in sorted(shown, key=lambda s: (s[0], s[3]))]
