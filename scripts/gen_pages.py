"""mkdocs-gen-files adapter: puts the renderer's pages into the build.

The package path comes from LUNAR_ATLAS_PACKAGE (set by `lunar-atlas build`), else the project's own.
A render worker writes the pages straight into gen-files' folder on the other core; the catalog lives only in
it, so none of its memory stays with MkDocs. Every page it writes or will write is registered here; most pages
are still on their way, and scripts/render_hooks.py makes MkDocs wait for each.
"""

import os
from pathlib import Path

import mkdocs_gen_files

from lunar_atlas import render_workers
from lunar_atlas.paths import DEFAULT_PACKAGE, inside


def register_pages() -> None:
    package = os.environ.get("LUNAR_ATLAS_PACKAGE", str(DEFAULT_PACKAGE))
    directory = Path(mkdocs_gen_files.FilesEditor.current().directory)
    # The render worker links every row to its line in the repository (mkdocs.yml's repo_url).
    os.environ["LUNAR_ATLAS_REPO_URL"] = mkdocs_gen_files.config.repo_url or ""
    # Files that are not pages go straight into the built site (MkDocs has emptied it already, and never copies them).
    worker = render_workers.start(package, directory, mkdocs_gen_files.config.site_url or "",
                                  Path(mkdocs_gen_files.config.site_dir))
    pages = worker.pages()
    if render_workers.pages_first():
        render_workers.finish()  # a build one step at a time: the worker's memory is given back before a page is read
    for path in pages:
        inside(directory, path)  # the worker checked it too; a page is never registered outside the build
        with mkdocs_gen_files.open(path, "ab"):
            pass  # opening registers the file; a worker writes it


register_pages()
