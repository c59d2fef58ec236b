"""`lunar-atlas release X.Y.Z`, tried on a temporary git repository holding a copy of the project's package: versions
and dates, the CHANGELOG drafted from the diff, an annotated tag, semver refusals, and released files that never
change and stay listed."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml

from conftest import PACKAGE, ROOT, rewrite, run_cli

from lunar_atlas.catalog import load_catalog
from lunar_atlas.changelog import unreleased_data
from lunar_atlas.release import UNRELEASED, ReleaseRefused, cut_release
from lunar_atlas.releases import ReleaseError, released
from lunar_atlas.render import Renderer

GIT_ENV = {"GIT_AUTHOR_NAME": "Lunar Atlas", "GIT_AUTHOR_EMAIL": "atlas@example.org", "GIT_COMMITTER_NAME": "Lunar Atlas",
           "GIT_COMMITTER_EMAIL": "atlas@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def git(project: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(project), *args], check=True, capture_output=True, text=True, env={**os.environ, **GIT_ENV}).stdout


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """A git work tree with the project's package, CITATION.cff, CHANGELOG.md and .zenodo.json, all committed."""
    for name, value in GIT_ENV.items():
        monkeypatch.setenv(name, value)
    folder = tmp_path / "project"
    shutil.copytree(PACKAGE.parent, folder / "datapackage")
    for name in ("CITATION.cff", "CHANGELOG.md", ".zenodo.json"):
        shutil.copy(ROOT / name, folder / name)
    git(folder, "init", "--quiet", "--initial-branch=main")
    git(folder, "add", ".")
    git(folder, "commit", "--quiet", "-m", "The package")
    return folder


def _first_release(project: Path) -> None:
    result = run_cli("release", "1.0.0", "--project", str(project), env={**os.environ, **GIT_ENV})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "v1.0.0" in result.stdout


def test_a_release_sets_versions_and_dates_drafts_the_changelog_and_tags_the_commit(project):
    _first_release(project)
    today = date.today().isoformat()
    descriptor = json.loads((project / "datapackage" / "datapackage.json").read_text(encoding="utf-8"))
    assert (descriptor["version"], descriptor["created"]) == ("1.0.0", f"{today}T00:00:00Z")
    citation = yaml.safe_load((project / "CITATION.cff").read_text(encoding="utf-8"))
    assert (citation["version"], str(citation["date-released"])) == ("1.0.0", today)
    assert citation["url"] and citation["repository-code"]
    zenodo = json.loads((project / ".zenodo.json").read_text(encoding="utf-8"))
    assert (zenodo["version"], zenodo["publication_date"]) == ("1.0.0", today)
    changelog = (project / "CHANGELOG.md").read_text(encoding="utf-8")
    assert changelog.index("## Unreleased") < changelog.index(f"## 1.0.0 — {today}")
    assert changelog.count("## Unreleased") == 1
    assert not unreleased_data(changelog), "after a release its pages cite the version alone"
    assert "### Data in this release" in changelog and f"- `missions`: {len(load_catalog(PACKAGE)['missions'].rows):,} rows." in changelog
    assert git(project, "cat-file", "-t", "v1.0.0").strip() == "tag", "the tag is annotated"
    assert git(project, "rev-parse", "v1.0.0^{commit}") == git(project, "rev-parse", "HEAD")
    assert git(project, "status", "--porcelain") == ""
    (release,) = released(project / "releases")
    names = {f.name for f in release.files}
    assert {"datapackage.json", "missions.csv", "missions.parquet", "lunar-atlas.zip", "lunar-atlas.sqlite", "SHA256SUMS", "manifest.json"} <= names
    assert "timeline.atom" not in names, "a release holds the data, not the site's feeds"


def _release_a_corrected_summary(project: Path) -> None:
    """Commit one changed mission summary, release it as 1.0.1, and check the CHANGELOG drafted it against 1.0.0."""
    rewrite(project / "datapackage" / "missions.csv", "The first mission to return samples from the Moon's far side",
            "The first mission to bring back samples from the Moon's far side")
    git(project, "commit", "--quiet", "-am", "A corrected summary")
    cut_release("1.0.1", project)
    changelog = (project / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "### Data changes since 1.0.0" in changelog and "- `missions`: 1 changed rows; changed `change-6`." in changelog


def test_after_a_second_release_the_first_releases_files_are_byte_identical_and_still_listed(project):
    _first_release(project)
    first = {p.name: p.read_bytes() for p in (project / "releases" / "1.0.0").iterdir()}
    _release_a_corrected_summary(project)
    assert {p.name: p.read_bytes() for p in (project / "releases" / "1.0.0").iterdir()} == first

    renderer = Renderer(load_catalog(project / "datapackage" / "datapackage.json"), "https://example.org/atlas/", "", released(project / "releases"))
    files = dict(renderer.files())
    for name, content in first.items():
        assert files[f"data/1.0.0/{name}"] == content
    assert files["data/1.0.1/manifest.json"] != first["manifest.json"]
    today = date.today().isoformat()
    assert f"<updated>{today}T00:00:00Z</updated>" in files["data/timeline.atom"].decode("utf-8"), "entries dated by their release"
    page = renderer.data("data/index.md")
    linked = {urljoin("https://example.org/atlas/data/", link) for link in re.findall(r'href="([^"]+)"', page)}
    for version in ("1.0.0", "1.0.1"):
        assert f'id="v{version}"' in page and f"version {version}," in page
        manifest = json.loads(files[f"data/{version}/manifest.json"])
        for entry in manifest["files"]:
            assert f"https://example.org/atlas/data/{version}/{entry['name']}" in linked and entry["sha256"] in page


def test_a_release_compares_with_the_previous_releases_committed_files_even_where_its_tag_did_not_travel(project):
    """A clone or checkout without tags still releases: the previous release is its files in releases/."""
    _first_release(project)
    git(project, "tag", "--delete", "v1.0.0")
    _release_a_corrected_summary(project)
    assert git(project, "tag", "--list") == "v1.0.1\n"


def _change_renames_columns(project: Path, add: dict | None = None) -> None:
    """Add a column to renames (empty in every row), or, without `add`, drop its last column."""
    import csv
    import io

    descriptor = project / "datapackage" / "datapackage.json"
    data = json.loads(descriptor.read_text(encoding="utf-8"))
    fields = next(r for r in data["resources"] if r["name"] == "renames")["schema"]["fields"]
    table = project / "datapackage" / "renames.csv"
    rows = list(csv.reader(io.StringIO(table.read_text(encoding="utf-8"), newline="")))
    if add:
        fields.append(add)
        rows = [rows[0] + [add["name"]]] + [row + [""] for row in rows[1:]]
    else:
        fields.pop()
        rows = [row[:-1] for row in rows]
    descriptor.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    table.write_text(out.getvalue(), encoding="utf-8")


def test_a_release_smaller_than_the_changes_need_is_refused(project):
    _first_release(project)
    with pytest.raises(ReleaseRefused, match="nothing in the data changed"):
        cut_release("1.0.1", project)
    with pytest.raises(ReleaseRefused, match="not after the last release"):
        cut_release("0.9.0", project)
    reason = {"name": "reason", "type": "string", "title": "Reason", "description": "Why the ID changed.", "example": "a typo"}
    _change_renames_columns(project, add=reason)
    git(project, "commit", "--quiet", "-am", "renames.reason")
    with pytest.raises(ReleaseRefused, match=r"1\.0\.1 is a patch release, but the data needs a minor one since 1\.0\.0 \(added: renames\.reason\)"):
        cut_release("1.0.1", project)
    assert git(project, "tag", "--list") == "v1.0.0\n"


def test_a_removed_column_needs_a_major_release(project, tmp_path):
    from lunar_atlas.diff import compare
    from lunar_atlas.release import required_bump

    old = tmp_path / "old"
    shutil.copytree(project / "datapackage", old)
    _change_renames_columns(project)
    new = project / "datapackage" / "datapackage.json"
    assert required_bump(old / "datapackage.json", new, compare(old / "datapackage.json", new)) == ("major", "removed or renamed: renames.notes")


@pytest.mark.parametrize("version", ["1.0", "v1.0.0", "-1.0.0", "01.0.0", "1.0.0 --force", "1.0.0\n"])
def test_a_version_that_is_not_x_y_z_is_refused_before_anything_runs(project, version):
    with pytest.raises(ReleaseError, match="is not a version X.Y.Z"):
        cut_release(version, project)
    assert git(project, "tag", "--list") == ""


def test_a_release_of_uncommitted_work_is_refused(project):
    rewrite(project / "CHANGELOG.md", "# Changelog", "# Changelog (edited)")
    result = run_cli("release", "1.0.0", "--project", str(project), env={**os.environ, **GIT_ENV})
    assert result.returncode == 1 and "uncommitted changes" in result.stderr
    assert not (project / "releases").exists()


def test_a_release_that_cannot_finish_leaves_the_work_tree_as_it_was(project):
    changelog = project / "CHANGELOG.md"
    changelog.write_text(UNRELEASED.sub("## Notes", changelog.read_text(encoding="utf-8")), encoding="utf-8")
    git(project, "commit", "--quiet", "-am", "No Unreleased section")
    with pytest.raises(ReleaseRefused, match="no '## Unreleased' section"):
        cut_release("1.0.0", project)
    assert git(project, "status", "--porcelain", "--untracked-files=all") == ""
    assert git(project, "tag", "--list") == ""


def test_a_released_file_that_changed_stops_the_build(project):
    _first_release(project)
    with (project / "releases" / "1.0.0" / "missions.csv").open("ab") as handle:
        handle.write(b"\n")
    with pytest.raises(ReleaseError, match="bytes differ from the release's SHA256SUMS"):
        released(project / "releases")


def test_the_release_command_is_documented():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "lunar-atlas release X.Y.Z" in readme and "make release VERSION=X.Y.Z" in readme
    assert "release:" in (ROOT / "Makefile").read_text(encoding="utf-8")
