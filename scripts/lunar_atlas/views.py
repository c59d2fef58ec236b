"""What the pages show, worked out once from the catalog: addresses, labels, cross-links, figures.

Nothing here knows about MkDocs or HTML; templates turn these into pages.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from urllib.parse import urlsplit
from dataclasses import dataclass
from functools import cached_property
from pathlib import PurePosixPath
from urllib.parse import quote, urlencode

from .catalog import Catalog
from .cells import cell_text
from .claims import Cell as ClaimCell, Claims
from .humanize import date_words, local_time_words, number_words, sort_key, year_of
from .labels import categories, is_country_field, value_label

# Tables with a page per row; events are shown on the timeline, crews on the crews page (quotes have pages of
# their own, listed on the quotes page rather than in the entity indexes).
HAN = re.compile(r"[\u4e00-\u9fff]")
PAGE_TABLES = ("missions", "people", "organizations", "places", "sources")
ANCHOR_PAGES = {"events": "timeline/", "crew": "crew/"}
UNLINKED_TABLES = {"exclusions"}  # rows no page shows (the methodology page lists them), so nothing links to them
LABEL_FIELDS = {"sources": "title", "events": "title", "quotes": "text"}
INDEX_FACETS = {"missions": ("country", "decade", "mission_type", "outcome", "crewed")}  # filters above an index
STATUS_ORDER = {"occurred": 0, "scheduled": 1, "planned": 2, "cancelled": 3}


# Each event's page: its decade's part of the timeline. Set from the catalog being rendered (Views does it).
EVENT_PAGES: dict[str, str] = {}


def decade_url(when: str) -> str:
    """The timeline page of the decade a date falls in."""
    return f"timeline/{year_of(when) // 10 * 10}s/"


def url_of(table: str, key: str) -> str:
    """The page address of a row, relative to the site root, as MkDocs makes it."""
    if table == "events" and key in EVENT_PAGES:
        return f"{EVENT_PAGES[key]}#{key}"
    if table in ANCHOR_PAGES:
        return f"{ANCHOR_PAGES[table]}#{key}"
    return f"{table}/{key}/"


def external_link(template: str, value: str) -> str | None:
    """A catalog's page for an identifier, from the field's x-linkTemplate: only an https address, the value quoted."""
    if not template.startswith("https://") or template.count("{}") != 1:
        return None
    return template.replace("{}", quote(value, safe=""))


def href(current: str, target: str) -> str:
    """A link from the page at `current` to `target`, both site-root-relative directory URLs."""
    depth = current.count("/")
    return "../" * depth + target if (depth or target) else "./"


@dataclass(frozen=True)
class Cell:
    """One value ready to show: its words, where it links, and its precise form where that differs (a tooltip)."""

    text: str
    url: str | None = None
    aside: str = ""
    external: bool = False


@dataclass
class Backref:
    table: str
    field: str
    rows: list[dict]


@dataclass
class Views:
    catalog: Catalog
    site_url: str = ""
    repo_url: str = ""  # the repository's address (mkdocs.yml's repo_url), for "Edit this row" and "Report an error"
    package_folder: str = "datapackage"  # the package's folder inside the repository

    def __post_init__(self):
        EVENT_PAGES.clear()
        if "events" in self.catalog.tables:
            EVENT_PAGES.update((e["event_id"], decade_url(e["when"])) for e in self.catalog["events"].rows)

    @property
    def descriptor(self):
        return self.catalog.descriptor

    def label(self, table: str, row: dict) -> str:
        if table == "crew":
            return f"{self.label_of('people', row['person_id'])}, {self.label_of('missions', row['mission_id'])}"
        text = row.get(LABEL_FIELDS.get(table, "name")) or row[self.catalog[table].table.primary_key]
        return text if len(text) <= 90 else text[:87].rsplit(" ", 1)[0] + " …"

    def label_of(self, table: str, key: str) -> str:
        row = self.catalog.get(table, key)
        return self.label(table, row) if row else key

    def word(self, table: str, name: str, value) -> str:
        """A value as readers see it: an allowed value's label, a country's name, else the value itself."""
        return value_label(self.catalog[table].table.by_name[name], value)

    def labelled(self, table: str, name: str) -> bool:
        """Whether a column's values are codes with words of their own (allowed values, countries)."""
        spec = self.catalog[table].table.by_name[name]
        return bool(categories(spec)) or is_country_field(spec)

    def source_short(self, key: str) -> str:
        """A source as a citation reads: its title, then publisher and date, then where it was read if that was a copy.

        The title comes first so that two sources of one publisher are told apart ("Luna 5 — NASA", "Luna 5 - In Depth — NASA").
        """
        source = self.catalog.get("sources", key)
        if not source:
            return key
        publisher = self.catalog.get("organizations", source["publisher_id"])
        words = self.label("sources", source)
        tail = [publisher.get("acronym") or publisher["name"]] if publisher else []
        if (source["title"], source["publisher_id"]) in self._titles_shared:
            tail.append(self._host(source["url"]))  # two works of one publisher under one title: say where each lives
        if source["published"]:
            tail.append(date_words(source["published"]))
        if source.get("copy_url"):
            tail.append(f"read in a copy at {self._host(source['copy_url'])}")
        return f"{words} — {', '.join(tail)}" if tail else words

    def source_cited(self, key: str) -> str:
        """A source in a list of sources: as a citation reads, with its tier in words."""
        tier = self.tier_of(key)["label"]
        return f"{self.source_short(key)} ({tier.lower()})" if tier else self.source_short(key)

    @cached_property
    def _titles_shared(self) -> set[tuple[str, str]]:
        """(title, publisher) pairs that more than one source has."""
        counts = Counter((s["title"], s["publisher_id"]) for s in self.catalog["sources"].rows) if "sources" in self.catalog.tables else Counter()
        return {pair for pair, count in counts.items() if count > 1}

    @staticmethod
    def _host(url: str) -> str:
        host = urlsplit(url).hostname or url
        return host[4:] if host.startswith("www.") else host


    def tier_of(self, key: str) -> dict:
        """A source's tier, as a code (for styling) and a label (for reading)."""
        source = self.catalog.get("sources", key)
        tier = source.get("tier") if source else None
        return {"code": tier or "", "label": self.word("sources", "tier", tier) if tier else ""}

    # --- claims ------------------------------------------------------------------------------

    @cached_property
    def claims(self) -> Claims:
        return Claims(self.catalog)

    def claim_marks(self, table: str, row_id: str, column: str) -> dict | None:
        """The claims behind one cell, ready to show: values, sources, excerpts; None when there are none."""
        about = self.claims.about(table, row_id, column)
        if not about:
            return None
        field = self.catalog[table].table.by_name[column]
        target = self._references.get((table, column))
        items = []
        for claim in sorted(about, key=lambda c: (not c["preferred"], c["claim_id"])):
            value = claim["value"]
            if field.get("x-format") == "edtf":
                value = date_words(value)
            elif target:
                value = self.label_of(target, value)
            elif self.labelled(table, column):
                value = self.word(table, column, value)
            elif field.get("type") == "boolean":
                value = {"true": "yes", "false": "no"}.get(value.lower(), value)
            items.append({"value": value, "source": Cell(self.source_short(claim["source_id"]), url_of("sources", claim["source_id"])),
                          "locator": claim["locator"], "accessed": date_words(claim["accessed"]), "preferred": claim["preferred"],
                          "notes": claim["notes"], "tier": self.tier_of(claim["source_id"]),
                          "reason": self.word("claims", "reason", claim.get("reason")) if claim.get("reason") else "",
                          "source_gap": claim.get("source_gap") or ""})
        return {"items": items, "disputed": self.claims.is_disputed(ClaimCell(table, row_id, column))}

    def disputes(self) -> list[dict]:
        shown = []
        for cell, _ in self.claims.disputes:
            data = self.catalog[cell.table]
            row = data.by_id.get(cell.row_id)
            page = url_of(cell.table, cell.row_id)
            shown.append({"row": Cell(self.label(cell.table, row) if row else cell.row_id, page),
                          "column": data.table.by_name[cell.column]["title"], "marks": self.claim_marks(cell.table, cell.row_id, cell.column)})
        return shown

    # --- cross-links -------------------------------------------------------------------------

    @cached_property
    def backrefs(self) -> dict[tuple[str, str], list[Backref]]:
        """For every row, the rows elsewhere that refer to it, grouped by referring column.

        Only rows a page can show: exclusions have no pages of their own (the methodology page lists them).
        """
        found: dict[tuple[str, str], dict[tuple[str, str], list[dict]]] = defaultdict(lambda: defaultdict(list))
        for data in self.catalog.tables.values():
            if data.name in UNLINKED_TABLES:
                continue
            for key in data.table.foreign_keys:
                for row in data.rows:
                    value = row.get(key.field)
                    for target in (value if isinstance(value, list) else [value]):
                        if target is not None:
                            found[(key.resource, target)][(data.name, key.field)].append(row)
        return {target: [Backref(t, f, rows) for (t, f), rows in groups.items()] for target, groups in found.items()}

    def backrefs_to(self, table: str, key: str) -> list[Backref]:
        return self.backrefs.get((table, key), [])

    # --- cells -------------------------------------------------------------------------------

    @cached_property
    def _references(self) -> dict[tuple[str, str], str]:
        return {(data.name, k.field): k.resource for data in self.catalog.tables.values() for k in data.table.foreign_keys}

    def cells(self, table: str, row: dict, name: str) -> list[Cell]:
        value = row.get(name)
        if value is None or value == []:
            return []
        spec = self.catalog[table].table.by_name[name]
        target = self._references.get((table, name))
        values = value if isinstance(value, list) else [value]
        if target == "sources":
            return [Cell(self.source_cited(v), url_of(target, v)) for v in values]
        if target:
            return [Cell(self.label_of(target, v), url_of(target, v)) for v in values]
        if spec.get("x-format") == "edtf":
            return [Cell(date_words(value), aside=value)]
        if spec.get("format") == "uri":
            safe = value.startswith(("https://", "http://"))
            return [Cell(value, value if safe else None, external=safe)]
        if spec.get("type") == "boolean":
            return [Cell("yes" if value else "no")]
        if self.labelled(table, name):
            return [Cell(value_label(spec, v)) for v in values]
        if isinstance(spec.get("x-linkTemplate"), str):
            return [Cell(str(value), external_link(spec["x-linkTemplate"], str(value)), external=True)]
        if spec.get("type") == "number":
            return [Cell(number_words(value))]
        return [Cell(str(v)) for v in values]

    def searched(self, table: str, name: str) -> bool:
        """Whether a column's value goes into the page's search text.

        Not when the page already shows it above the fields (its label is the title, the summary the lead,
        the native name the subtitle), nor its sources: a search for a publisher should find the source
        pages, not every row that cites them. A source page is found by its title and ID alone: its publisher's
        page lists it, and its dates and kind would make a query for a year or a publisher match hundreds of
        pages. Fewer words also make the browser's index quicker to build.
        """
        if table == "sources":
            return False
        if name in (LABEL_FIELDS.get(table, "name"), "summary", "name_native"):
            return False
        return self._references.get((table, name)) != "sources"

    def fields(self, table: str, row: dict) -> list[tuple[dict, list[Cell]]]:
        """Every column of a row with its title and shown value, the primary key aside."""
        schema = self.catalog[table].table
        shown = []
        for spec in schema.fields:
            if spec["name"] == schema.primary_key:
                continue
            shown.append((spec, self.cells(table, row, spec["name"])))
        return shown

    # --- contributing ------------------------------------------------------------------------

    @cached_property
    def _lines(self) -> dict[str, dict[str, int]]:
        """Per table, the line of its CSV file each row starts on (a cell may hold line breaks)."""
        lines = {}
        for name, data in self.catalog.tables.items():
            key, line, starts = data.table.primary_key, 2, {}
            for row, record in zip(data.rows, data.records):
                starts.setdefault(row[key], line)
                line += 1 + sum(cell.count("\n") for cell in record)
            lines[name] = starts
        return lines

    def contribute(self, table: str, key: str, title: str) -> dict | None:
        """Where a row lives in the repository, and the links to edit it and to report an error in it."""
        if not self.repo_url.startswith(("https://", "http://")) or key not in self._lines.get(table, {}):
            return None
        repo = self.repo_url.rstrip("/")
        file = str(PurePosixPath(self.package_folder) / self.catalog[table].table.resource["path"])
        line = self._lines[table][key]
        page = f"{self.site_url}{url_of(table, key)}" if self.site_url else url_of(table, key)
        issue = {"title": f"Error in {table} row {key} ({title})",
                 "body": f"Page: {page}\nRow: {file}, line {line} ({key})\n\nWhat is wrong, and the source that says so:\n"}
        return {"file": file, "line": line, "edit": f"{repo}/edit/main/{quote(file)}", "view": f"{repo}/blob/main/{quote(file)}#L{line}",
                "report": f"{repo}/issues/new?{urlencode(issue, quote_via=quote)}"}

    # --- index filters -----------------------------------------------------------------------

    def facet_values(self, table: str, row: dict) -> dict[str, str]:
        """What an index row is filtered by: each facet's value (a code, a decade, yes or no)."""
        values = {}
        for facet in INDEX_FACETS.get(table, ()):
            if facet == "decade":
                value = row.get("launch_date")
                values[facet] = f"{year_of(value) // 10 * 10}s" if value else ""
            elif isinstance(row.get(facet), bool):
                values[facet] = "yes" if row[facet] else "no"
            else:
                values[facet] = row.get(facet) or ""
        return values

    def facets(self, table: str, rows: list[dict]) -> list[dict]:
        """The choices above an index table: per facet its title and every value with its words and count."""
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
                title, options = schema.by_name[facet]["title"], [(v, v, counts[facet][v]) for v in ("yes", "no") if counts[facet][v]]
            else:
                title = schema.by_name[facet]["title"]
                order = list(categories(schema.by_name[facet])) or sorted(counts[facet], key=lambda v: self.word(table, facet, v))
                options = [(v, self.word(table, facet, v), counts[facet][v]) for v in order if counts[facet][v]]
            shown.append({"name": facet, "title": title, "options": options})
        return shown

    def filter_words(self, table: str, row: dict) -> str:
        """Words a row's filter matches beyond its cells: its native name, programme and summary."""
        return " ".join(row.get(name) or "" for name in ("name_native", "program", "summary") if name in row).strip()

    # --- events and dates --------------------------------------------------------------------

    def when(self, event: dict) -> dict:
        return {"words": date_words(event["when"]), "local": local_time_words(event["when"], event.get("timezone")),
                "raw": event["when"]}

    def events_sorted(self, events) -> list[dict]:
        return sorted(events, key=lambda e: (sort_key(e["when"]), e["event_id"]))

    # --- figures -----------------------------------------------------------------------------

    @cached_property
    def figures(self) -> list[tuple[str, str]]:
        """The home page's headline counts. Missions are the rows launched on their own; the craft that flew
        within them (rovers, subsatellites, released landers and impactors) are counted apart."""
        rows = self.catalog["missions"].rows
        missions = [m for m in rows if not m.get("parent_id")]
        craft = [m for m in rows if m.get("parent_id") and m["outcome"] not in ("planned", "cancelled")]
        flown = [m for m in missions if m["outcome"] not in ("planned", "cancelled")]
        landed = [m for m in missions if m["landing_date"] and m["outcome"] in ("success", "partial-success")]
        grams = sum(m["sample_mass_g"] or 0 for m in rows)
        countries = {m["country"] for m in flown if m["country"]}
        return [
            (number_words(len(missions)), "missions in the catalog"),
            (number_words(len(flown)), "flown"),
            (number_words(len(craft)), "craft flown within them: rovers, subsatellites, landers, impactors"),
            (number_words(len(landed)), "landed"),
            (number_words(len(countries)), "countries that have flown"),
            (f"{grams / 1000:,.1f} kg", "of samples returned"),
            (number_words(len(self.catalog["quotes"].rows)), "quotes"),
            (number_words(len(self.catalog["sources"].rows)), "sources cited"),
        ]

    @cached_property
    def decades(self) -> dict:
        """Missions per decade of launch, by country and by outcome, and the share that succeeded."""
        by_country: dict[int, Counter] = defaultdict(Counter)
        by_outcome: dict[int, Counter] = defaultdict(Counter)
        for mission in self.catalog["missions"].rows:
            if not mission["launch_date"]:
                continue
            decade = year_of(mission["launch_date"]) // 10 * 10
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

    # --- crews ---------------------------------------------------------------------------------

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

    def craft_of(self, mission_id: str) -> list[dict]:
        """The craft that flew as part of a mission, in launch order: each linked, with its kind and how it ended."""
        rows = sorted(self._children.get(mission_id, []), key=lambda r: (sort_key(r["launch_date"]) if r["launch_date"] else "", r["mission_id"]))
        return [{"id": row["mission_id"], "craft": Cell(row["name"], url_of("missions", row["mission_id"])),
                 "kind": self.word("missions", "mission_type", row["mission_type"]),
                 "outcome": self.word("missions", "outcome", row["outcome"]) if row["outcome"] else "",
                 "within": [Cell(child["name"], url_of("missions", child["mission_id"])) for child in self._children.get(row["mission_id"], [])]}
                for row in rows]

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

    # --- quotes ------------------------------------------------------------------------------

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
        return text if quote["kind"] == "paraphrase" else f"“{text}”"

    def quotes_sorted(self, quotes) -> list[dict]:
        return sorted(quotes, key=lambda q: (sort_key(q["said_when"]), q["quote_id"]))

    @cached_property
    def quotes_by_speaker(self) -> list[tuple[Cell, list[dict]]]:
        groups: dict[Cell, list[dict]] = defaultdict(list)
        for quote in self.catalog["quotes"].rows:
            groups[self.speaker(quote)].append(quote)
        return sorted(((cell, self.quotes_sorted(quotes)) for cell, quotes in groups.items()), key=lambda item: item[0].text.lower())

    @cached_property
    def quotes_by_topic(self) -> list[tuple[str, list[dict]]]:
        groups: dict[str, list[dict]] = defaultdict(list)
        for quote in self.catalog["quotes"].rows:
            for topic in quote["topics"] or ["other"]:
                groups[topic].append(quote)
        return sorted((topic, self.quotes_sorted(quotes)) for topic, quotes in groups.items())

    @cached_property
    def quotes_by_mission(self) -> list[tuple[Cell, list[dict]]]:
        """Quotes grouped by the mission they are about, missions in launch order; quotes about none last."""
        groups: dict[str | None, list[dict]] = defaultdict(list)
        for quote in self.catalog["quotes"].rows:
            groups[quote["mission_id"]].append(quote)

        def order(mission_id):
            mission = self.catalog.get("missions", mission_id)
            return (mission is None, sort_key(mission["launch_date"]) if mission else "", mission_id or "")
        return [(Cell(self.label_of("missions", m), url_of("missions", m)) if m else Cell("About no single mission"), self.quotes_sorted(groups[m]))
                for m in sorted(groups, key=order)]

    @cached_property
    def quotes_by_year(self) -> list[tuple[str, list[dict]]]:
        """Quotes grouped by the year they were said; undated quotes last."""
        groups: dict[str, list[dict]] = defaultdict(list)
        for quote in self.catalog["quotes"].rows:
            groups[str(year_of(quote["said_when"])) if quote["said_when"] else "Date not known"].append(quote)
        return sorted(((year, self.quotes_sorted(quotes)) for year, quotes in groups.items()), key=lambda item: (not item[0].isdigit(), item[0]))

    def more_from(self, quote: dict, count: int = 5) -> list[dict]:
        """Other words of the same speaker, for the quote's page."""
        speaker = self.speaker(quote)
        return [q for q in dict(self.quotes_by_speaker).get(speaker, []) if q["quote_id"] != quote["quote_id"]][:count]

    # --- reference ---------------------------------------------------------------------------

    def value_counts(self, table: str, name: str) -> list[tuple[str, int]]:
        counts = Counter()
        for row in self.catalog[table].rows:
            value = row.get(name)
            for item in (value if isinstance(value, list) else [value]):
                if item is not None:
                    counts[cell_text(item)] += 1
        return counts.most_common()

    def cite(self, title: str, url: str) -> str:
        meta = self.descriptor.data
        year = meta["created"][:4]
        cite = (f"Lunar Atlas contributors ({year}). “{title}”. {meta['title']}, version {meta['version']}, "
                f"data as of {date_words(self.descriptor.as_of)}.")
        # A local build has no address to cite, and says so rather than invent one.
        return f"{cite} {self.site_url}{url}" if self.site_url else f"{cite} (Local build: no published address.)"

    def search_keys(self, table: str, row: dict) -> list[str]:
        """What a reader may type to find this row: its ID, names and their spellings.

        Material's search gives these (its `tags` field) a high boost and does not cut them into words,
        so a native name such as 嫦娥六号 matches whole.
        """
        native = row.get("name_native") or ""
        keys = [row[self.catalog[table].table.primary_key], row.get("name") or "", native]
        if HAN.search(native) and len(native) > 2:
            # Material's search splits a Chinese query into words it finds in the index, but never tries a word that
            # ends the query: 嫦娥六号 is read as 嫦娥 + a lost 六号. The name less its last character is found whole.
            keys.append(native[:-1])
        if table == "missions":
            keys += self.search_aliases(row)
            # Its country and kind in words: a search for "Soviet Union" or "sample return" finds the missions themselves.
            keys += [self.word(table, name, row[name]) for name in ("country", "mission_type") if row.get(name)]
        return list(dict.fromkeys(k for k in keys if k))

    def search_aliases(self, row: dict) -> list[str]:
        """Spellings a reader may type: Chang'e-6 is also 'Change 6' and 'Chang e 6'."""
        name = row.get("name") or ""
        aliases = {name.replace("'", ""), name.replace("'", " "), name.replace("-", " "), name.replace("'", "").replace("-", " ")}
        aliases.discard(name)
        return sorted(a for a in aliases if a.strip())

