"""The floor: a plain `mkdocs build` of the very pages the project generates, with no project code in MkDocs.

The benchmark measures the project's build against it (lunar_atlas.bench), and the tests check that the build
makes the same site as it (tests/test_build_output.py): what the project does to be fast must not show.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

from .paths import ROOT
from .render import write_site

GEN_FILES = "  - gen-files:\n      scripts:\n        - scripts/gen_pages.py\n"
HOOKS = re.compile(r"^hooks:\n(?:  - .*\n)+", re.MULTILINE)


def repo_url() -> str:
    """mkdocs.yml's repo_url, which the build hands to the pages for their "Edit this row" links."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    return next((line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("repo_url:")), "")


def write_floor(package: Path, work: Path) -> Path:
    """Write every page as the render worker does and a copy of mkdocs.yml without project code; return the config."""
    docs = work / "floor-docs"
    shutil.rmtree(docs, ignore_errors=True)
    shutil.copytree(ROOT / "docs", docs)
    before = os.environ.get("LUNAR_ATLAS_REPO_URL")
    os.environ["LUNAR_ATLAS_REPO_URL"] = repo_url()  # as scripts/gen_pages.py hands it to the render worker
    try:
        write_site(package, docs, os.environ.get("LUNAR_ATLAS_SITE_URL", ""))
    finally:
        if before is None:
            del os.environ["LUNAR_ATLAS_REPO_URL"]
        else:
            os.environ["LUNAR_ATLAS_REPO_URL"] = before
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace(GEN_FILES, "")
    config = HOOKS.sub("", config)
    assert "gen-files" not in config and "hooks:" not in config, "the floor must run no project code"
    config = config.replace("custom_dir: docs/overrides", f"custom_dir: {docs / 'overrides'}")
    config += f"\ndocs_dir: {docs}\n"
    path = work / "floor.yml"
    path.write_text(config, encoding="utf-8")
    return path


def command(config: Path, site_dir: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site_dir)]
