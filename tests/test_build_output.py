"""What the build does to be fast does not show: it makes the site the theme alone makes of the same pages."""

import gzip
import os
import subprocess

from lunar_atlas import floor
from lunar_atlas.build import QUIET
from lunar_atlas.paths import DEFAULT_PACKAGE


def visible(path) -> list[str] | bytes:
    """A file's content as it reaches the reader.

    In the plain build the pages are files in docs/, so MkDocs gives each an edit address; Material shows no edit
    button for it (the feature is off) but leaves blank lines where it would be. Blank lines are not content.
    """
    data = path.read_bytes()
    if path.suffix == ".gz":
        return gzip.decompress(data)  # the archive's header holds the time it was made
    if path.suffix == ".html":
        return [line for line in data.decode("utf-8").splitlines() if line.strip()]
    return data


def files(site) -> dict:
    # Material's own search index differs by design: the build's pages are indexed by lunar_atlas.search_index.
    return {path.relative_to(site): path for path in site.rglob("*") if path.is_file() and path.parts[-2:] != ("search", "search_index.json")}


def test_the_build_makes_every_file_as_plain_mkdocs_does_from_the_same_pages(real_site, tmp_path):
    config = floor.write_floor(DEFAULT_PACKAGE, tmp_path)
    plain = tmp_path / "floor-site"
    result = subprocess.run(floor.command(config, plain), capture_output=True, text=True, env={**os.environ, **QUIET})
    assert result.returncode == 0, result.stderr
    ours, theirs = files(real_site), files(plain)
    assert sorted(map(str, ours.keys() - theirs.keys())) == []
    assert sorted(map(str, theirs.keys() - ours.keys())) == []
    differing = sorted(str(name) for name in ours if visible(ours[name]) != visible(theirs[name]))
    assert differing == []
