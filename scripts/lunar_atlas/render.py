"""The site as plain data: a renderer lists the catalog's pages by path and renders each when asked, so that a big
catalog's pages are never all in memory at once.

It knows nothing of MkDocs beyond the order MkDocs reads pages in: write_site writes the pages into a folder.
"""

from __future__ import annotations

import os
import sys
from functools import cached_property, partial
from pathlib import Path, PurePosixPath
from typing import Callable, Iterator

import jinja2

from . import atlas_map, data_page, entity_pages, heap, jsonld, quotes_page, site_pages, timeline_pages
from .addresses import LIST_PARTS, PAGE_TABLES, href, url_of
from .api import Api
from .catalog import Catalog, load_catalog
from .changelog import changelog_pages, unreleased_data
from .downloads import DataFile, Summary, all_downloads, checksums, manifest
from .humanize import date_words
from .paths import ROOT, inside, write_inside
from .releases import RELEASES, Release, released, rows_last_changed
from .search_index import search_files
from .templating import make_environment
from .views import Views

LOCAL_BASE = "http://127.0.0.1:8000/"  # where `make serve` shows a build made without a site address
Content = str | Iterator[str]  # a page's text, or its text in parts, for a page too big to hold whole


def page_text(content: Content) -> str:
    return content if isinstance(content, str) else "".join(content)


class Renderer:
    """Holds the compiled templates and the catalog's views for one build."""

    def __init__(self, catalog: Catalog, site_url: str = "", changelog: str = "", releases: list[Release] | None = None,
                 repo_url: str = "", write_file: Callable[[str, bytes], object] | None = None, data_folder: Path | None = None):
        self.catalog = catalog
        self.views = Views(catalog, site_url, repo_url, package_folder(catalog.descriptor.base), unreleased_data(changelog))
        self.site_url = site_url
        # Absolute addresses (JSON-LD, feeds, the API) need a base: a local build uses make serve's and says so.
        self.base = site_url or LOCAL_BASE
        self.releases = releases or []
        self.changelog = changelog
        self.environment = make_environment()
        self.templates: dict[str, jinja2.Template] = {}
        # Where each download goes as soon as it is made; without a place to write them, they are kept for files().
        self.kept: dict[str, bytes] = {}
        self.write_file = write_file or self.kept.__setitem__
        # Where the big downloads are made as files, never held whole (the folder write_file writes data/ into).
        self.data_folder = data_folder

    def _template(self, name: str) -> jinja2.Template:
        if name not in self.templates:
            self.templates[name] = self.environment.get_template(name)
        return self.templates[name]

    def page(self, path: str, template: str, **context) -> str:
        """A page from its template and its prepared context, with what every page has: its address (which the
        templates' link filters read), the package's metadata, the as-of date, its front matter."""
        return self._template(template).render(**self._page_context(path, context))

    def page_parts(self, path: str, template: str, **context) -> Iterator[str]:
        """A big page (see page), in parts as the template makes them: a context whose rows are made as the template
        reads them, and a page that is never whole in memory (at 100x an index holds 85,000 rows, 24 MB)."""
        return self._template(template).generate(**self._page_context(path, context))

    def _page_context(self, path: str, context: dict) -> dict:
        page_url = page_address(path)
        base = dict(package=self.catalog.descriptor.data, licence=self.catalog.descriptor.data["licenses"][0],
                    page_url=page_url, page_href=partial(href, page_url), as_of=date_words(self.catalog.descriptor.as_of),
                    description=None, boost=None, search_title=None, jsonld=None, search_keys=None)
        base.update(context)
        base["search_title"] = base["search_title"] or base["title"]
        base["jsonld"] = base["jsonld"] or jsonld.web_page(base["title"], self.base, page_url)
        return base

    # --- what is written, in what order --------------------------------------------------------

    def files(self) -> Iterator[tuple[str, bytes]]:
        """The files that are not pages and not yet written: the downloads, if they were kept rather than written as
        they were made, then every released version's files, exactly as released."""
        self.downloads  # made (and written, where the renderer writes them) once, whoever asks first
        yield from self.kept.items()
        for release in self.releases:
            yield from ((f"data/{release.version}/{f.name}", f.content) for f in release.files)

    def api(self) -> Api:
        """The API's documents: its indexes (the claims of each row) are made for it and let go with it."""
        return Api(self.catalog, self.views, self.base)

    def pages(self) -> list[tuple[str, Callable[[str], Content]]]:
        """Every page, with the function that renders it from its path (its text, or its text in parts: see
        page_text), in the order MkDocs reads pages.

        Listing a page costs nothing; rendering it happens when it is written, so MkDocs can start on the first
        while the rest are still to come.
        """
        makers: dict[str, Callable[[str], Content]] = {
            "index.md": self.home, "data/index.md": self.data, "timeline/index.md": self.timeline,
            "quotes/index.md": self.quotes, "disputes/index.md": self.disputes, "map/index.md": self.map_page,
            "reference/index.md": self.reference_index,
        }
        if "crew" in self.catalog.tables:
            makers["crew/index.md"] = self.crews
        for decade, decade_path in timeline_pages.decade_paths(self.catalog):
            makers[decade_path] = partial(self.timeline_decade, decade)
        for part in quotes_page.parts(self.views):
            makers[f"quotes/{part}.md"] = partial(self.quotes_part, part)
        for quote in self.catalog["quotes"].rows:
            makers[f"quotes/{quote['quote_id']}.md"] = partial(self.quote, quote)
        for table in PAGE_TABLES:
            makers[f"{table}/index.md"] = partial(self.index, table)
            if table in LIST_PARTS:  # a page for each part that has rows
                makers.update((f"{part['url'].rstrip('/')}.md", partial(self.index_part, table, part["value"]))
                              for part in entity_pages.list_parts(self.views, table) if part["url"])
            key = self.catalog[table].table.primary_key
            for row in self.catalog[table].rows:
                makers[f"{table}/{row[key]}.md"] = partial(self.entity, table, row)
        for name in self.catalog.descriptor.tables:
            makers[f"reference/{name}.md"] = partial(self.reference_table, name)
        for old_url, rename in self.redirected():
            makers[f"{old_url}index.html"] = partial(self.redirect, rename)
        for changelog_path, text in changelog_pages(self.changelog):
            makers[changelog_path] = lambda path, text=text: text
        return sorted(makers.items(), key=lambda item: reading_order(item[0]))

    # --- the pages --------------------------------------------------------------------------

    @cached_property
    def downloads(self) -> list[Summary]:
        """Every download, made before the first page that shows it (the home and data pages show their sizes and
        checksums): each is written as soon as it is made and summarized then, hashed once; no bytes are kept."""
        files = [self._written(f) for f in all_downloads(self.catalog, self.base, rows_last_changed(self.catalog, "events", self.releases),
                                                          self.data_folder)]
        heap.give_back()  # the room the files took while they were made
        return files + [self._written(DataFile("SHA256SUMS", checksums(files), "SHA-256 checksums of every file above", "text/plain")),
                        self._written(DataFile("manifest.json", manifest(files, self.catalog), "Every file's size, rows and checksum", "application/json"))]

    def _written(self, file: DataFile) -> Summary:
        if file.path is None:  # else made in data_folder already
            self.write_file(f"data/{file.name}", file.content)
        return file.summarized()

    @cached_property
    def jsonld(self) -> str:
        return jsonld.dataset(self.catalog, self.downloads, self.base, self.releases)

    def home(self, path: str) -> str:
        return self.page(path, "home.md.j2", title="Lunar Atlas", kind="home", jsonld=self.jsonld,
                         **site_pages.home_context(self.views, page_address(path), atlas_map.legend(self.views)),
                         description=self.catalog.descriptor.data["description"])

    def index(self, table: str, path: str) -> Iterator[str] | str:
        if table in LIST_PARTS:
            return self.page(path, "index_parts.md.j2", **entity_pages.parts_context(self.views, table))
        return self.page_parts(path, "index.md.j2", **entity_pages.index_context(self.views, table))

    def index_part(self, table: str, value: str, path: str) -> Iterator[str]:
        return self.page_parts(path, "index.md.j2", **entity_pages.index_context(self.views, table, value))

    def entity(self, table: str, row: dict, path: str) -> str:
        return self.page(path, "entity.md.j2", **entity_pages.entity_context(self.views, table, row, self.base, page_address(path)))

    def timeline(self, path: str) -> str:
        return self.page(path, "timeline.md.j2", title="Timeline", kind="timeline", **timeline_pages.hub_context(self.views),
                         description="Every dated event of lunar exploration in the catalog, by decade.")

    def timeline_decade(self, decade: int, path: str) -> Iterator[str]:
        return self.page_parts(path, "timeline_decade.md.j2", title=timeline_pages.decade_title(decade), kind="timeline",
                         **timeline_pages.decade_context(self.views, decade),
                         description=f"Every dated event of lunar exploration in the {decade}s.")

    def map_page(self, path: str) -> str:
        return self.page(path, "map.md.j2", title="Map of landing sites", kind="map",
                         **atlas_map.map_context(self.views, partial(href, "map/")),
                         description="Where missions landed on or hit the Moon, on the near and far sides.")

    def disputes(self, path: str) -> str:
        return self.page(path, "disputes.md.j2", **site_pages.disputes_context(self.views))

    def quotes(self, path: str) -> str:
        return self.page(path, "quotes.md.j2", title="Quotes", kind="quotes", **quotes_page.hub_context(self.views),
                         description="What people said about missions to the Moon, verbatim, with sources, by when they said it.")

    def quotes_part(self, part: str, path: str) -> Iterator[str]:
        context = quotes_page.part_context(self.views, part)
        return self.page_parts(path, "quotes_part.md.j2", kind="quotes", **context,
                               description=f"What people said about missions to the Moon, verbatim, with sources: {context['words']}.")

    def quote(self, row: dict, path: str) -> str:
        """A page per quote: a stable address to cite, with its speaker, date, setting, mission and source."""
        return self.page(path, "quote.md.j2", **site_pages.quote_context(self.views, row, page_address(path)))

    def crews(self, path: str) -> str:
        return self.page(path, "crew.md.j2", **site_pages.crew_context(self.views))

    def reference_index(self, path: str) -> str:
        return self.page(path, "reference_index.md.j2", **site_pages.reference_index_context(self.views))

    def reference_table(self, name: str, path: str) -> str:
        return self.page(path, "reference_table.md.j2", **site_pages.reference_table_context(self.views, name))

    def data(self, path: str) -> str:
        return self.page(path, "data.md.j2", jsonld=self.jsonld, **data_page.data_context(self.views, self.downloads, self.releases, self.site_url))

    def redirected(self) -> Iterator[tuple[str, dict]]:
        """The old address of each renamed row whose new page exists."""
        if "renames" not in self.catalog.tables:
            return
        for rename in self.catalog["renames"].rows:
            if rename["table"] in PAGE_TABLES and rename["new_id"] in self.catalog[rename["table"]].by_id:
                yield url_of(rename["table"], rename["old_id"]), rename

    def redirect(self, rename: dict, path: str) -> str:
        """The old address of a renamed row leads to its new page."""
        old_url = path.removesuffix("index.html")
        target = href(old_url, url_of(rename["table"], rename["new_id"]))
        return self._template("redirect.html.j2").render(target=target, title=self.views.label_of(rename["table"], rename["new_id"]),
                                                           why=rename["notes"] or "")


def page_address(path: str) -> str:
    """A page's address relative to the site's root, as MkDocs makes it from the page's path."""
    if path == "index.md":
        return ""
    return path.removesuffix("index.md").removesuffix(".md") + ("" if path.endswith("index.md") else "/")


def reading_order(path: str) -> tuple:
    """Where MkDocs reads a page: folder by folder, each folder's index first (mkdocs' file_sort_key)."""
    parts = PurePosixPath(path).parts
    return parts[:-1], PurePosixPath(path).stem != "index", parts[-1]


def package_folder(base: Path) -> str:
    """The package's folder as the repository names it: its place under the project, else the usual one."""
    try:
        return Path(base).resolve().relative_to(ROOT.resolve()).as_posix()
    except ValueError:
        return "datapackage"


def write_site(package: Path, directory: Path, site_url: str, report=None, site_dir: Path | None = None) -> None:
    """Render the site's pages and other files into `directory` (the work of the render worker).

    With `report`, the worker tells the build what it does, one line at a time (the render worker's protocol, in
    render_workers): every page it will write, then each page once written, in the order MkDocs reads them, so
    that MkDocs can start on the first pages while the rest are still being written. With `site_dir`, the files
    that are not pages are written straight into the built site (without it, into `directory` with the pages): the
    downloads each as soon as it is made, with the first page that shows them; the released versions' files, the
    API's documents and the search index after the pages, while MkDocs renders those.
    """
    # The repository's address comes from mkdocs.yml's repo_url, handed down by the gen-files script.
    files_root = site_dir or directory
    data_folder = inside(files_root, "data")
    data_folder.mkdir(parents=True, exist_ok=True)
    renderer = Renderer(load_catalog(package), site_url, read_changelog(ROOT), released(RELEASES),
                        os.environ.get("LUNAR_ATLAS_REPO_URL", ""), write_file=partial(write_inside, files_root), data_folder=data_folder)
    report = report or (lambda line: None)
    pages = renderer.pages()
    for path, _ in pages:
        inside(directory, path)  # refused before MkDocs is told of it
        report(f"plan {path}")
    report("planned")
    for path, make in pages:
        write_inside(directory, path, make(path))
        report(f"done {path}")
    del pages
    heap.give_back()  # MkDocs now holds every page: what the pages took and let go is of no more use here
    for path, content in other_files(renderer):
        write_inside(files_root, path, content)


def other_files(renderer: Renderer) -> Iterator[tuple[str, bytes | str]]:
    """Every file of the site that is not a page and not yet written: the downloads where they were kept, every
    released version's files, the API's documents and the search index."""
    yield from renderer.files()
    yield from renderer.api().files()
    renderer.views.forget()  # the search index needs none of what the pages and the API worked out
    heap.give_back()
    yield from search_files(renderer.views)


def read_changelog(root: Path) -> str:
    path = root / "CHANGELOG.md"
    return path.read_text(encoding="utf-8") if path.is_file() else ""


if __name__ == "__main__":  # the render worker, started by render_workers: PACKAGE DIRECTORY SITE_URL SITE_DIR
    from .offline import forbid_network

    forbid_network()
    write_site(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], report=partial(print, flush=True), site_dir=Path(sys.argv[4]))
