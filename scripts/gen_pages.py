"""mkdocs-gen-files adapter: writes the renderer's (path, content) pairs into the build.

The package path comes from LUNAR_ATLAS_PACKAGE (set by `lunar-atlas build`), else the project's own.
"""

import os
from pathlib import Path

import mkdocs_gen_files

from lunar_atlas.catalog import load_catalog
from lunar_atlas.paths import DEFAULT_PACKAGE, ROOT
from lunar_atlas.render import read_changelog, render_site


def write_pages() -> None:
    # Inside a function, so the catalog is freed once the pages are written rather than kept for the whole build.
    catalog = load_catalog(Path(os.environ.get("LUNAR_ATLAS_PACKAGE", DEFAULT_PACKAGE)))
    for path, content in render_site(catalog, mkdocs_gen_files.config.site_url or "", read_changelog(ROOT)):
        with mkdocs_gen_files.open(path, "wb" if isinstance(content, bytes) else "w") as handle:
            handle.write(content)


write_pages()
