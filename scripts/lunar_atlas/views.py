"""What the pages show, worked out once from the catalog: addresses, labels, cross-links, figures.

Nothing here knows about MkDocs or HTML; templates turn these into pages. Views holds what every page uses
(labels, words, cells, cross-links); what only some pages use is in the parts it is made of.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import urlsplit

from .addresses import EVENT_PAGES, LIST_PARTS, UNLINKED_TABLES, decade_url, external_link, is_link_template, part_url, url_of
from .catalog import Catalog
from .cells import cell_text
from .claim_views import ClaimViews
from .contributing import Contributing
from .crew_views import CrewViews
from .home_figures import HomeFigures
from .humanize import coordinate_axis, coordinate_words, date_words, label_order, number_words, sort_key, yes_no
from .index_facets import IndexFacets
from .labels import LABEL_FIELDS, LANGUAGE_FIELDS, categories, country_adjective, country_name, is_worded_field, value_label
from .quote_views import QuoteViews
from .search_words import SearchWords
from .shown import Backref, Cell


@dataclass
class Views(ClaimViews, SearchWords, Contributing, IndexFacets, HomeFigures, CrewViews, QuoteViews):
    catalog: Catalog
    site_url: str = ""
    repo_url: str = ""  # the repository's address (mkdocs.yml's repo_url), for "Edit this row" and "Report an error"
    package_folder: str = "datapackage"  # the package's folder inside the repository
    unreleased: bool = False  # the data has changes no released version holds (the changelog's Unreleased says so)

    def __post_init__(self):
        EVENT_PAGES.clear()
        if "events" in self.catalog.tables:
            EVENT_PAGES.update((e["event_id"], decade_url(e["when"])) for e in self.catalog["events"].rows)

    @property
    def descriptor(self):
        return self.catalog.descriptor

    def forget(self) -> None:
        """Let go of every view worked out so far (each is worked out again if asked for): at 100x, the backrefs
        and claims the pages and the API use take some hundred megabytes that the search index does not need."""
        for kind in type(self).__mro__:
            for name, attribute in vars(kind).items():
                if isinstance(attribute, cached_property):
                    self.__dict__.pop(name, None)

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

    def country_words(self, table: str, name: str, code: str) -> str:
        """A country as search finds it: its name and its adjective ("China Chinese")."""
        spec = self.catalog[table].table.by_name[name]
        return f"{country_name(code, spec)} {country_adjective(code, spec)}".strip() if code else ""

    def labelled(self, table: str, name: str) -> bool:
        """Whether a column's values are codes with words of their own (allowed values, countries)."""
        spec = self.catalog[table].table.by_name[name]
        return bool(categories(spec)) or is_worded_field(spec)

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

    def in_index_order(self, table: str, rows) -> list[dict]:
        """Rows as their index lists them: missions by launch date, what has not flown last; the rest by name."""
        if table == "missions":
            return sorted(rows, key=lambda r: (r["outcome"] in ("planned", "cancelled"), sort_key(r["launch_date"]),
                                               label_order(self.label(table, r))))
        return sorted(rows, key=lambda r: label_order(self.label(table, r)))

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
            return [Cell(yes_no(value))]
        if LIST_PARTS.get(table, ("",))[0] == name and value in LIST_PARTS[table][1]:
            return [Cell(value_label(spec, value), part_url(table, value))]  # a source's tier: the list of that tier
        if self.labelled(table, name):
            # A language's tag stays one step away, as a tooltip; a label or a country's name is the value's own word.
            tagged = spec["name"] in LANGUAGE_FIELDS
            return [Cell(words, aside=v if tagged and v != words else "") for v, words in ((v, value_label(spec, v)) for v in values)]
        if is_link_template(spec.get("x-linkTemplate")):
            return [Cell(str(value), external_link(spec["x-linkTemplate"], str(value)), external=True)]
        if spec.get("type") == "number" and coordinate_axis(name):
            return [Cell(coordinate_words(value, coordinate_axis(name)), aside=str(value))]
        if spec.get("type") == "number":
            return [Cell(number_words(value))]
        return [Cell(str(v)) for v in values]

    def fields(self, table: str, row: dict) -> list[tuple[dict, list[Cell]]]:
        """Every column of a row with its title and shown value, the primary key aside."""
        schema = self.catalog[table].table
        shown = []
        for spec in schema.fields:
            if spec["name"] == schema.primary_key:
                continue
            shown.append((spec, self.cells(table, row, spec["name"])))
        return shown

    # --- events and dates --------------------------------------------------------------------

    def events_sorted(self, events) -> list[dict]:
        return sorted(events, key=lambda e: (sort_key(e["when"]), e["event_id"]))

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
        version = f"version {meta['version']}" + (" with unreleased changes" if self.unreleased else "")
        cite = f"Lunar Atlas contributors ({year}). “{title}”. {meta['title']}, {version}, data as of {date_words(self.descriptor.as_of)}."
        # A local build has no address to cite, and says so rather than invent one.
        return f"{cite} {self.site_url}{url}" if self.site_url else f"{cite} (Local build: no published address.)"
