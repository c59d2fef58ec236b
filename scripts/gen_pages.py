"""mkdocs-gen-files adapter: puts the renderer's pages into the build.

The package path comes from LUNAR_ATLAS_PACKAGE (set by `lunar-atlas build`), else the project's own.
Two render workers write the pages straight into gen-files' folder, each its share, on both cores; the catalog
lives only in them, so none of its memory stays with MkDocs. Each written file is then registered with gen-files.
"""

import os
import subprocess
import sys
from pathlib import Path

import mkdocs_gen_files

from lunar_atlas.paths import DEFAULT_PACKAGE

WORKERS = 2


def write_pages() -> None:
    package = os.environ.get("LUNAR_ATLAS_PACKAGE", str(DEFAULT_PACKAGE))
    directory = Path(mkdocs_gen_files.FilesEditor.current().directory)
    site_url = mkdocs_gen_files.config.site_url or ""
    workers = [subprocess.Popen([sys.executable, "-m", "lunar_atlas.render", package, str(directory), str(share), str(WORKERS), site_url])
               for share in range(WORKERS)]
    failed = [worker.args for worker in workers if worker.wait() != 0]
    if failed:
        raise RuntimeError(f"a render worker failed: {failed[0]}; its error is above")
    for path in sorted(directory.rglob("*")):
        if path.is_file():
            with mkdocs_gen_files.open(path.relative_to(directory).as_posix(), "ab"):
                pass  # opening registers the file the worker wrote


write_pages()
