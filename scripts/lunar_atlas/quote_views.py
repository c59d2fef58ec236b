"""Quotes ready to show: speakers, titles, words, and quotes grouped by speaker (part of Views)."""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property

from .addresses import quotes_part, url_of
from .humanize import sort_key
from .shown import Cell


def _closed(text: str) -> str:
    """The words as quotation marks show them. A report often quotes a sentence up to the comma before "he said";
    that comma belongs to the report's sentence, so it is left out inside the marks (the data keeps it verbatim)."""
    return text[:-1] if text.endswith(",") else text


class QuoteViews:
    """Quotes and their speakers."""

    def speaker(self, quote: dict) -> Cell:
        if quote["person_id"]:
            return Cell(self.label_of("people", quote["person_id"]), url_of("people", quote["person_id"]))
        if quote["organization_id"]:
            return Cell(self.label_of("organizations", quote["organization_id"]), url_of("organizations", quote["organization_id"]))
        # An unnamed speaker is shown as the source names them ("experts"), as a label starts.
        words = quote["attribution"] or "Unnamed speaker"
        return Cell(words[:1].upper() + words[1:])

    def attribution_aside(self, quote: dict) -> str:
        """How the source describes the speaker, beside their name: "a professor of planetary geosciences at Brown
        University" from "James Head, a professor of …", "NASA chief" from "NASA chief Bill Nelson"; nothing where
        the source only names them again ("Head", "he (Yuqi Qian)")."""
        words = (quote["attribution"] or "").strip()
        if not (quote["person_id"] or quote["organization_id"]):
            return ""  # the attribution is the speaker's label itself
        for name in {self.speaker(quote).text, *self._short_names(quote)}:
            if words.startswith(name + ", "):
                return words[len(name) + 2:].strip()
            if words.endswith(" " + name):
                described = words[: -len(name)].strip().rstrip(",")
                return "" if described.lower() in ("the", "a", "an") else described
        return ""

    def _short_names(self, quote: dict) -> list[str]:
        organization = self.catalog.get("organizations", quote["organization_id"]) if not quote["person_id"] else None
        return [organization["acronym"]] if organization and organization.get("acronym") else []

    def quote_title(self, quote: dict) -> str:
        """A quote's page title: its opening words, in quotation marks unless it is the source's paraphrase."""
        text = self.label("quotes", quote)
        return text if quote["kind"] == "paraphrase" else f"“{_closed(text)}”"

    def quote_words(self, quote: dict) -> str:
        """A quote's words in full, in quotation marks unless it is the source's paraphrase."""
        return quote["text"] if quote["kind"] == "paraphrase" else f"“{_closed(quote['text'])}”"

    def quotes_sorted(self, quotes) -> list[dict]:
        return sorted(quotes, key=lambda q: (sort_key(q["said_when"]), q["quote_id"]))

    @cached_property
    def quotes_by_speaker(self) -> list[tuple[Cell, list[dict]]]:
        groups: dict[Cell, list[dict]] = defaultdict(list)
        for quote in self.catalog["quotes"].rows:
            groups[self.speaker(quote)].append(quote)
        return sorted(((cell, self.quotes_sorted(quotes)) for cell, quotes in groups.items()), key=lambda item: item[0].text.lower())

    @cached_property
    def quotes_by_part(self) -> dict[str, list[tuple[Cell, list[dict]]]]:
        """The quotes of each page that lists them (see addresses.quotes_part), under their speakers in order."""
        parts: dict[str, list[tuple[Cell, list[dict]]]] = defaultdict(list)
        for speaker, quotes in self.quotes_by_speaker:
            grouped: dict[str, list[dict]] = defaultdict(list)
            for quote in quotes:
                grouped[quotes_part(quote["said_when"])].append(quote)
            for part, items in grouped.items():
                parts[part].append((speaker, items))
        return dict(parts)

    def more_from(self, quote: dict, count: int = 5) -> list[dict]:
        """Other words of the same speaker, for the quote's page."""
        speaker = self.speaker(quote)
        return [q for q in self._quotes_of_speaker.get(speaker, []) if q["quote_id"] != quote["quote_id"]][:count]

    @cached_property
    def _quotes_of_speaker(self) -> dict[Cell, list[dict]]:
        return dict(self.quotes_by_speaker)
