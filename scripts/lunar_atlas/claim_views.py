"""The claims behind a cell, and the cells whose sources disagree, ready to show (part of Views)."""

from __future__ import annotations

from functools import cached_property

from .addresses import url_of
from .claims import CellAddress, Claims
from .humanize import date_words, number_words, yes_no
from .shown import Cell


class ClaimViews:
    """What the pages show of claims: read from the catalog through the Views it is part of."""

    @cached_property
    def claims(self) -> Claims:
        return Claims(self.catalog)

    def claim_marks(self, table: str, row_id: str, column: str) -> dict | None:
        """The claims behind one cell, ready to show: values, sources, excerpts, how many; None when there are none."""
        about = self.claims.about(table, row_id, column)
        if not about:
            return None
        items = []
        for claim in sorted(about, key=lambda c: (not c["preferred"], c["claim_id"])):
            value = self.claimed_words(table, column, claim["value"])
            items.append({"value": value, "source": Cell(self.source_short(claim["source_id"]), url_of("sources", claim["source_id"])),
                          "locator": claim["locator"], "accessed": date_words(claim["accessed"]), "preferred": claim["preferred"],
                          "notes": claim["notes"], "tier": self.tier_of(claim["source_id"]),
                          "reason": self.word("claims", "reason", claim.get("reason")).lower() if claim.get("reason") else "",
                          "source_gap": claim.get("source_gap") or ""})
        return {"claims": items, "count": f"{len(items)} {'source' if len(items) == 1 else 'sources'}",
                "disputed": self.claims.is_disputed(CellAddress(table, row_id, column))}

    def claimed_words(self, table: str, column: str, value: str) -> str:
        """A claimed value as a reader reads it: a date in words, the name of the row an ID points at, the label of
        a code, yes or no, a number with its thousands marked."""
        field = self.catalog[table].table.by_name[column]
        target = self._references.get((table, column))
        if field.get("x-format") == "edtf":
            return date_words(value)
        if target:
            return self.label_of(target, value)
        if self.labelled(table, column):
            return self.word(table, column, value)
        if field.get("type") == "boolean":
            return yes_no(value.lower() == "true") if value.lower() in ("true", "false") else value
        if field.get("type") in ("number", "integer"):
            try:
                return number_words(float(value))
            except ValueError:
                return value
        return value

    def disputes(self) -> list[dict]:
        shown = []
        for cell, _ in self.claims.disputes:
            data = self.catalog[cell.table]
            row = data.by_id.get(cell.row_id)
            page = url_of(cell.table, cell.row_id)
            shown.append({"row": Cell(self.label(cell.table, row) if row else cell.row_id, page),
                          "column": data.table.by_name[cell.column]["title"], "marks": self.claim_marks(cell.table, cell.row_id, cell.column)})
        return shown
