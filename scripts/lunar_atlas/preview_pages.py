"""MkDocs in the preview's own process: one full build, then any generated page rendered again on its own.

`make serve` shows an edit to the package in about the time one page takes. A full build at 1x takes some ten
seconds, nearly all of it spent on pages the edit did not touch. So the preview keeps what MkDocs made for its
first build (the configuration, the files, the navigation, the theme's templates) and, once the package changes,
renders again only the pages a reader opens, from the new catalog, through the same hooks and templates as a full
build: the page written is the one `lunar-atlas build` would write (tests/test_preview.py compares the two).
Everything else (downloads, the API, the search index, pages for new rows) comes with the full build the preview
runs beside it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from mkdocs.commands.build import _build_page, _populate_page, build
from mkdocs.config import load_config
from mkdocs.plugins import BasePlugin
from mkdocs.structure.pages import Page

from .catalog import load_catalog
from .paths import ROOT
from .releases import RELEASES, released
from .render import Renderer, page_text, read_changelog


class _Kept(BasePlugin):
    """Keeps what a full build made that rendering one page again needs."""

    nav = env = files = None

    def on_nav(self, nav, config, files):
        self.nav = nav
        return nav

    def on_env(self, env, config, files):
        self.env, self.files = env, files
        return env


def page_url(path: str) -> str:
    """A request's path as MkDocs names the page's address: "missions/change-6/" for /missions/change-6/index.html,
    "./" for the home page."""
    path = path.lstrip("/")
    url = path[: -len("index.html")] if path.endswith("index.html") else path
    return url or "./"


class PageRenderer:
    """A full MkDocs build of the package into `site_dir`, and its generated pages rendered again one at a time."""

    def __init__(self, package: Path, site_dir: Path, site_url: str):
        self.package, self.site_dir, self.site_url = package, site_dir, site_url
        self.kept = _Kept()
        self.config = None
        self.pages: dict[str, Page] = {}  # the generated pages by address, once built
        self.sources: dict[str, Callable[[str], str]] = {}  # each generated page's source by path, once reloaded

    def build(self) -> None:
        """The first build, as `mkdocs build --strict` makes it, keeping MkDocs' state for the pages to come."""
        config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(self.site_dir), strict=True)
        config.plugins["lunar-atlas-preview"] = self.kept
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
        self.config = config
        self.pages = {file.url: file.page for file in self.kept.files.documentation_pages()
                      if getattr(file, "generated_by", None)}

    def reload(self) -> None:
        """Read the package again: the pages rendered from now on show it. Raises what reading the package raises."""
        renderer = Renderer(load_catalog(self.package), self.site_url, read_changelog(ROOT), released(RELEASES),
                            os.environ.get("LUNAR_ATLAS_REPO_URL", ""), write_file=lambda path, content: None)
        self.sources = {path: make for path, make in renderer.pages()}

    def render(self, url: str) -> bool:
        """Write the generated page at `url` again from the package as last read; False if there is no such page."""
        page = self.pages.get(url)
        make = page and self.sources.get(page.file.src_uri)
        if make is None:
            return False
        page.file.content_string = page_text(make(page.file.src_uri))
        files = self.kept.files
        _populate_page(page, self.config, files)
        _build_page(page, self.config, files.documentation_pages(), self.kept.nav, self.kept.env)
        return True
