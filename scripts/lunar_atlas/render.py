"""The site as plain data: a renderer yields the catalog's pages as (path, content) pairs, page by page, so that
a big catalog's pages are never all in memory at once.

It knows nothing of MkDocs: write_share writes one render worker's share of the pairs into a folder.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from functools import cached_property, partial
from pathlib import Path
from typing import Iterator

import jinja2

from . import markup, pictures
from .catalog import Catalog, TableData, load_catalog
from .dates import parse_date
from .downloads import DataFile, all_downloads, checksums, manifest
from .humanize import date_words, sort_key
from .paths import ROOT, TEMPLATES
from .views import PAGE_TABLES, Views, href, url_of

INDEX_COLUMNS = {
    "missions": ["name", "country", "mission_type", "launch_date", "outcome"],
    "people": ["name", "role", "organization_id"],
    "organizations": ["name", "acronym", "kind", "country"],
    "places": ["name", "body", "kind", "parent_id"],
    "sources": ["title", "publisher_id", "published", "kind"],
}
CLAIMED_TABLES = {"missions"}  # pages that show the claims behind their values
SEARCH_BOOST = {"missions": 4, "people": 2, "organizations": 2, "places": 2, "sources": 1}


def attr_escape(text) -> str:
    """Escape for both HTML text and a double-quoted attribute, leaving apostrophes readable."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def make_environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
    )
    environment.filters["attr"] = attr_escape
    environment.globals.update(url_of=url_of, sort_key=sort_key, date_words=date_words)
    return environment


@dataclass(frozen=True)
class Download:
    name: str
    what: str
    rows: int | None
    size: str
    sha256: str


def _size_words(count: int) -> str:
    return f"{count:,} bytes" if count < 1024 else f"{count / 1024:,.1f} KiB"


class Renderer:
    """Holds the compiled templates and the catalog's views for one build."""

    def __init__(self, catalog: Catalog, site_url: str = "", changelog: str = "", share: int = 0, shares: int = 1):
        self.catalog = catalog
        self.share, self.shares = share, shares  # this renderer writes share k of n of the pages
        self.views = Views(catalog, site_url)
        self.site_url = site_url
        self.changelog = changelog
        self.environment = make_environment()
        self.templates: dict[str, jinja2.Template] = {}

    def _template(self, name: str) -> jinja2.Template:
        if name not in self.templates:
            self.templates[name] = self.environment.get_template(name)
        return self.templates[name]

    def page(self, path: str, template: str, **context) -> tuple[str, str]:
        page_url = "" if path == "index.md" else path.removesuffix("index.md").removesuffix(".md") + ("" if path.endswith("index.md") else "/")
        page_href = partial(href, page_url)
        base = dict(views=self.views, catalog=self.catalog, package=self.catalog.descriptor.data, pictures=pictures,
                    tables=self.catalog.descriptor.tables, site_url=self.site_url, page_url=page_url,
                    as_of=date_words(self.catalog.descriptor.as_of), href=page_href,
                    link=partial(markup.link, page_href), links=partial(markup.links, page_href),
                    description=None, boost=None, search_title=None, jsonld=None, search_keys=None)
        base.update(context)
        return path, self._template(template).render(**base)

    # --- the pages --------------------------------------------------------------------------

    def home(self, jsonld: str):
        yield self.page("index.md", "home.md.j2", title="Lunar Atlas", kind="home", jsonld=jsonld,
                        description=self.catalog.descriptor.data["description"])

    def indexes(self):
        for table in PAGE_TABLES:
            data = self.catalog[table]
            columns = [data.table.by_name[name] for name in INDEX_COLUMNS[table]]
            rows = sorted(data.rows, key=lambda r: self.views.label(table, r).lower())
            yield self.page(f"{table}/index.md", "index.md.j2", title=data.table.resource["title"], kind="index",
                            table=table, resource=data.table.resource, columns=columns, rows=rows,
                            primary_key=data.table.primary_key, description=data.table.resource["description"])

    @cached_property
    def _own_rows(self) -> list[tuple[int, str, TableData, dict]]:
        """The rows whose pages this renderer writes, with their turn: rows are dealt out one by one.

        In the order of their pages' paths, which is the order MkDocs reads pages in, so that the page it needs
        next is among the first written.
        """
        dealt, turn = [], 0
        for table in sorted(PAGE_TABLES):
            data = self.catalog[table]
            key = data.table.primary_key
            for row in sorted(data.rows, key=lambda r: f"{r[key]}.md"):
                turn += 1
                if turn % self.shares == self.share:
                    dealt.append((turn, table, data, row))
        return dealt

    def entity_plan(self) -> Iterator[tuple[int, str]]:
        """The entity pages this renderer will write, with their place among all renderers' pages."""
        for turn, table, data, row in self._own_rows:
            yield turn, f"{table}/{row[data.table.primary_key]}.md"

    def entities(self):
        for _, table, data, row in self._own_rows:
            key = row[data.table.primary_key]
            title = self.views.label(table, row)
            # The native name in the title lets search rank the row's own page first for it.
            search_title = f"{title} · {row['name_native']}" if row.get("name_native") else title
            yield self.page(f"{table}/{key}.md", "entity.md.j2", title=title, search_title=search_title, kind=table, row=row, key=key,
                            table=table, claimed=table in CLAIMED_TABLES, search_keys=self.views.search_keys(table, row),
                            fields=self.views.fields(table, row), backrefs=self.views.backrefs_to(table, key),
                            aliases=self.views.search_aliases(row) if table == "missions" else [],
                            native_lang=_native_language(row), boost=SEARCH_BOOST[table],
                            description=row.get("summary") or f"{data.table.resource['title'][:-1] if table != 'people' else 'Person'}: {title}")

    def timeline(self):
        yield self.page("timeline/index.md", "timeline.md.j2", title="Timeline", kind="timeline",
                        timeline=self.views.timeline, description="Every dated event of lunar exploration in the catalog.")

    def map_page(self):
        sites = sorted((m for m in self.catalog["missions"].rows if m["landing_lat"] is not None),
                       key=lambda m: sort_key(m["landing_date"] or m["launch_date"]))
        yield self.page("map/index.md", "map.md.j2", title="Map of landing sites", kind="map", sites=sites,
                        picture=lambda href: pictures.moon_map(self.catalog, "map/", href),
                        description="Where missions landed on or hit the Moon, on the near and far sides.")

    def disputes(self):
        yield self.page("disputes/index.md", "disputes.md.j2", title="Disputed facts", kind="disputes",
                        disputes=self.views.disputes(), description="Facts on which the catalog's sources disagree.")

    def quotes(self):
        yield self.page("quotes/index.md", "quotes.md.j2", title="Quotes", kind="quotes",
                        description="What people said about missions to the Moon, verbatim, with sources.")

    def reference(self):
        tables = self.catalog.descriptor.tables
        yield self.page("reference/index.md", "reference_index.md.j2", title="Reference", kind="reference",
                        description="The data dictionary of the Lunar Atlas package.")
        for name, table in tables.items():
            rows = self.catalog[name].rows
            counts = {f["name"]: dict(self.views.value_counts(name, f["name"])) for f in table.fields}
            filled = {f["name"]: sum(1 for r in rows if r.get(f["name"]) not in (None, [])) for f in table.fields}
            referenced_by = [(other.name, key) for other in tables.values() for key in other.foreign_keys if key.resource == name]
            yield self.page(f"reference/{name}.md", "reference_table.md.j2", title=f"Table: {name}", kind="reference",
                            table=table, rows=rows, counts=counts, filled=filled, referenced_by=referenced_by,
                            description=table.resource["description"])

    def data(self, files: list[DataFile], jsonld: str):
        shown = [Download(f.name, f.what, f.rows, _size_words(len(f.content)), f.sha256) for f in files]
        yield self.page("data/index.md", "data.md.j2", title="Data", kind="data", files=shown,
                        jsonld=jsonld, bibtex=self.bibtex(),
                        description="Download the Lunar Atlas data: CSV, JSON, SQLite, a zip of the package, a calendar and a feed.")

    def dataset_jsonld(self, files: list[DataFile]) -> str:
        """schema.org Dataset metadata, for search engines and dataset catalogs."""
        meta = self.catalog.descriptor.data
        years = [parse_date(e["when"]).lower.year for e in self.catalog["events"].rows if parse_date(e["when"]).lower.year > 1]
        body = {
            "@context": "https://schema.org/", "@type": "Dataset",
            "name": meta["title"], "description": meta["description"], "version": meta["version"],
            "license": meta["licenses"][0]["path"], "keywords": meta["keywords"], "isAccessibleForFree": True,
            "creator": {"@type": "Organization", "name": "Lunar Atlas contributors"},
            "temporalCoverage": f"{min(years)}/{max(years)}", "dateModified": self.catalog.descriptor.as_of,
            "distribution": [{"@type": "DataDownload", "name": f.name, "encodingFormat": f.media_type,
                              "contentUrl": f"{self.site_url}data/{f.name}", "sha256": f.sha256} for f in files],
        }
        if self.site_url:
            body["url"] = self.site_url
        text = json.dumps(body, ensure_ascii=False, sort_keys=True)
        # Inside <script>, "</" would end the element; JSON's \u escapes keep the text intact.
        return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")

    def bibtex(self) -> str:
        meta = self.catalog.descriptor.data
        lines = ["@misc{lunar_atlas,", "  author = {{Lunar Atlas contributors}},", f"  title = {{{meta['title']}}},",
                 f"  year = {{{meta['created'][:4]}}},", f"  version = {{{meta['version']}}},",
                 f"  note = {{Data as of {self.catalog.descriptor.as_of}}},"]
        if self.site_url:
            lines.append(f"  url = {{{self.site_url}}},")
        return "\n".join(lines + ["}"])

    def redirects(self):
        """The old address of a renamed row leads to its new page."""
        if "renames" not in self.catalog.tables:
            return
        template = self._template("redirect.html.j2")
        for rename in self.catalog["renames"].rows:
            if rename["table"] in PAGE_TABLES and rename["new_id"] in self.catalog[rename["table"]].by_id:
                old_url = url_of(rename["table"], rename["old_id"])
                target = href(old_url, url_of(rename["table"], rename["new_id"]))
                yield f"{old_url}index.html", template.render(target=target, title=self.views.label_of(rename["table"], rename["new_id"]))

    def about(self):
        if self.changelog:
            yield "about/changelog.md", self.changelog

    def singles(self) -> Iterator[tuple[str, str | bytes]]:
        """The pages that are not one row's: the first renderer takes the downloads and the pages that list them,
        the last the others (one renderer takes everything). The entity pages are dealt out row by row."""
        if self.share == 0:
            files = all_downloads(self.catalog, self.site_url)
            listed = files + [DataFile("SHA256SUMS", checksums(files), "SHA-256 checksums of every file above", "text/plain"),
                              DataFile("manifest.json", manifest(files, self.catalog), "Every file's size, rows and checksum", "application/json")]
            jsonld = self.dataset_jsonld(listed)
            yield from self.home(jsonld)
            yield from self.data(listed, jsonld)
            yield from ((f"data/{f.name}", f.content) for f in listed)
        if self.share == self.shares - 1:
            for part in (self.indexes, self.timeline, self.quotes, self.disputes, self.map_page, self.redirects, self.reference, self.about):
                yield from part()


def _native_language(row: dict) -> str:
    text = row.get("name_native") or ""
    if any("\u3040" <= ch <= "\u30ff" for ch in text):
        return "ja"
    if any("\u4e00" <= ch <= "\u9fff" for ch in text):
        return "zh"
    if any("\u0400" <= ch <= "\u04ff" for ch in text):
        return "ru"
    if any("\u0900" <= ch <= "\u097f" for ch in text):
        return "hi"
    return "und"


def write_share(package: Path, directory: Path, share: int, shares: int, site_url: str, report=None) -> None:
    """Render share k of n of the site's pages into `directory` (the work of one render worker).

    With `report`, the worker tells the build what it does, one line at a time (see render_workers): each single
    page once written, then the entity pages it will write, then each of those once written, so that MkDocs can
    start on the first pages while the rest are still being written.
    """
    renderer = Renderer(load_catalog(package), site_url, read_changelog(ROOT), share, shares)
    report = report or (lambda line: None)
    for path, content in renderer.singles():
        _write(directory / path, content)
        report(f"file {path}")
    for turn, path in renderer.entity_plan():
        report(f"plan {turn} {path}")
    report("planned")
    for path, content in renderer.entities():
        _write(directory / path, content)
        report(f"done {path}")


def _write(target: Path, content: str | bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


def read_changelog(root: Path) -> str:
    path = root / "CHANGELOG.md"
    return path.read_text(encoding="utf-8") if path.is_file() else ""


if __name__ == "__main__":  # a render worker, started by render_workers: PACKAGE DIRECTORY SHARE SHARES SITE_URL
    write_share(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5],
                report=partial(print, flush=True))
