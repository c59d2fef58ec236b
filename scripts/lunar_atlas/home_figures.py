"""The home page's figures: headline counts, missions per decade, the latest and the upcoming events (part of Views)."""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import cached_property

from .humanize import decade_of, number_words
from .mission_kinds import LANDED, LANDING_TYPES, came_down


class HomeFigures:
    """Counts and lists for the home page."""

    @cached_property
    def figures(self) -> list[tuple[str, str]]:
        """The home page's headline counts. Missions are the rows launched on their own; the craft that flew
        within them (rovers, subsatellites, released landers and impactors) are counted apart."""
        rows = self.catalog["missions"].rows
        missions = [m for m in rows if not m.get("parent_id")]
        craft = [m for m in rows if m.get("parent_id") and m["outcome"] not in ("planned", "cancelled")]
        flown = [m for m in missions if m["outcome"] not in ("planned", "cancelled")]
        landed = _landed(missions, craft)
        grams = sum(m["sample_mass_g"] or 0 for m in rows)
        countries = {m["country"] for m in flown if m["country"]}
        return [
            (number_words(len(missions)), "missions in the catalog"),
            (number_words(len(flown)), "flown"),
            (number_words(len(craft)), f"craft flown within them: {self._kinds_of(craft)}" if craft else "craft flown within them"),
            (number_words(len(landed)), "landed"),
            (number_words(len(countries)), "countries that have flown"),
            (f"{grams / 1000:,.1f} kg", "of samples returned"),
            (number_words(len(self.catalog["quotes"].rows)), "quotes"),
            (number_words(len(self.catalog["sources"].rows)), "sources cited"),
        ]

    def _kinds_of(self, craft: list[dict]) -> str:
        """How many of each kind of craft, commonest first, in the descriptor's words: "7 rovers, 1 impactor"."""
        counts = Counter(self.word("missions", "mission_type", m["mission_type"]).lower() for m in craft if m["mission_type"])
        return ", ".join(f"{count} {kind if count == 1 else _plural(kind)}"
                         for kind, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])))

    @cached_property
    def decades(self) -> dict:
        """Missions per decade of launch, by country and by outcome, and the share that succeeded."""
        by_country: dict[int, Counter] = defaultdict(Counter)
        by_outcome: dict[int, Counter] = defaultdict(Counter)
        for mission in self.catalog["missions"].rows:
            if not mission["launch_date"] or mission.get("parent_id"):  # a craft flew within its mission, counted once
                continue
            decade = decade_of(mission["launch_date"])
            by_country[decade][mission["country"] or "international"] += 1
            by_outcome[decade][mission["outcome"] or "unknown"] += 1
        countries = [c for c, _ in sum(by_country.values(), Counter()).most_common()]
        outcomes = [o for o, _ in sum(by_outcome.values(), Counter()).most_common()]
        rows = []
        # Every decade from the first launch to the last, none launched in included: an axis never skips a decade.
        for decade in (range(min(by_country), max(by_country) + 10, 10) if by_country else []):
            flown = sum(n for o, n in by_outcome[decade].items() if o not in ("planned", "cancelled", "unknown", "in-progress"))
            won = by_outcome[decade]["success"] + by_outcome[decade]["partial-success"]
            rows.append({"decade": f"{decade}s", "countries": [by_country[decade][c] for c in countries],
                         "outcomes": [by_outcome[decade][o] for o in outcomes], "total": sum(by_country[decade].values()),
                         "success_rate": f"{100 * won / flown:.0f}%" if flown else "—"})
        # Series and headers in words: the countries' names and the outcomes' labels.
        return {"countries": [self.word("missions", "country", c) if c != "international" else "International" for c in countries],
                "outcomes": [self.word("missions", "outcome", o) if o != "unknown" else "Unknown" for o in outcomes], "rows": rows,
                "country_totals": [sum(row["countries"][i] for row in rows) for i in range(len(countries))],
                "outcome_totals": [sum(row["outcomes"][i] for row in rows) for i in range(len(outcomes))],
                "total": sum(row["total"] for row in rows)}

    def latest(self, count: int = 5) -> list[dict]:
        return list(reversed(self.events_sorted(e for e in self.catalog["events"].rows if e["status"] == "occurred")))[:count]

    def upcoming(self) -> list[dict]:
        return self.events_sorted(e for e in self.catalog["events"].rows if e["status"] in ("scheduled", "planned"))


def _landed(missions: list[dict], craft: list[dict]) -> list[dict]:
    """The missions that landed themselves, or by a craft of their own (Apollo 11, by its lunar module Eagle), as
    planned; an impact has a landing date too, and does not count."""
    def landed(row: dict) -> bool:
        return came_down(row) and row["outcome"] in LANDED
    by_craft = {c["parent_id"] for c in craft if landed(c)}
    return [m for m in missions if landed(m) or (m["mission_id"] in by_craft and m["mission_type"] in LANDING_TYPES)]


def _plural(label: str) -> str:
    """"lander and rover" -> "landers and rovers": the descriptor's labels of kinds of craft are nouns joined by "and"."""
    return " ".join(word if word in ("and", "or") or word.endswith("s") else f"{word}s" for word in label.split())
