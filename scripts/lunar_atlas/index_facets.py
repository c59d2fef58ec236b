"""The filters above an index table: each row's facet values, and every facet's choices with counts (part of Views)."""

from __future__ import annotations

from collections import Counter, defaultdict

from .humanize import decade_label, yes_no
from .labels import categories

# The choices above an index: the columns a reader narrows a long list by.
INDEX_FACETS = {
    "missions": ("country", "decade", "mission_type", "outcome", "crewed"),
    "organizations": ("kind", "country"),
    "places": ("body", "kind"),
    "sources": ("tier", "kind"),
}


class IndexFacets:
    """Facets of an index."""

    def facet_values(self, table: str, row: dict, shown: tuple[str, ...] = ()) -> dict[str, str]:
        """What an index row is filtered by: each facet's value (a code, a decade, yes or no). A facet shown as a
        column is left out with `shown`: the browser matches that column's words, and the row need not carry it."""
        values = {}
        for facet in INDEX_FACETS.get(table, ()):
            if facet in shown:
                continue
            if facet == "decade":
                value = row.get("launch_date")
                values[facet] = decade_label(value) if value else ""
            elif isinstance(row.get(facet), bool):
                values[facet] = "yes" if row[facet] else "no"
            else:
                values[facet] = row.get(facet) or ""
        return values

    def facets(self, table: str, rows: list[dict], columns: tuple[str, ...] = ()) -> list[dict]:
        """The choices above an index table: per facet its title, every value with its words and count, and the
        index of the column that shows it ("" where no column does)."""
        counts: dict[str, Counter] = defaultdict(Counter)
        for row in rows:
            for facet, value in self.facet_values(table, row).items():
                if value:
                    counts[facet][value] += 1
        shown = []
        schema = self.catalog[table].table
        for facet in INDEX_FACETS.get(table, ()):
            if facet == "decade":
                title, options = "Decade", [(v, v, n) for v, n in sorted(counts[facet].items())]
            elif facet in schema.by_name and schema.by_name[facet].get("type") == "boolean":
                title, options = schema.by_name[facet]["title"], [(v, yes_no(v == "yes"), counts[facet][v]) for v in ("yes", "no") if counts[facet][v]]
            else:
                title = schema.by_name[facet]["title"]
                order = list(categories(schema.by_name[facet])) or sorted(counts[facet], key=lambda v: self.word(table, facet, v))
                options = [(v, self.word(table, facet, v), counts[facet][v]) for v in order if counts[facet][v]]
            column = str(columns.index(facet)) if facet in columns else ""  # text, so that column 0 is present
            shown.append({"name": facet, "title": title, "options": options, "column": column})
        return shown

    def filter_words(self, table: str, row: dict) -> str:
        """Words a row's filter matches beyond its cells: its native name, programme and summary."""
        return " ".join(row.get(name) or "" for name in ("name_native", "program", "summary") if name in row).strip()
