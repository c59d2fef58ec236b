"""`lunar-atlas release X.Y.Z`: cut a version of the data, under the CHANGELOG's semantic versioning.

In one commit, tagged vX.Y.Z (an annotated tag): the version and date in datapackage.json, CITATION.cff and
.zenodo.json; the CHANGELOG's Unreleased section becomes the version's, with a summary of the data changes drafted
from `lunar-atlas diff` against the previous release's committed files in releases/ (or of the whole package, for
the first release); and the release's downloads, made once, in releases/X.Y.Z/ with their SHA256SUMS and
manifest.json.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import date, datetime, timezone
from pathlib import Path

from .catalog import load_catalog, read_catalog
from .diff import compare
from .downloads import DataFile, checksums, data_files, manifest
from .errors import CommandError
from .paths import write_inside
from .releases import released, version_key

BUMPS = ("patch", "minor", "major")
UNRELEASED = re.compile(r"^## (Unreleased|[0-9.]+ — unreleased)[ \t]*$", re.M | re.I)


class ReleaseRefused(CommandError):
    pass


def _git(project: Path, *args: str) -> str:
    result = subprocess.run(["git", "-C", str(project), *args], capture_output=True, text=True)
    if result.returncode != 0:
        raise ReleaseRefused(f"git {args[0]} failed: {result.stderr.strip()[:300]}")
    return result.stdout


def bump_of(old: str, new: str) -> str:
    o, n = version_key(old), version_key(new)
    if n <= o:
        raise ReleaseRefused(f"{new} is not after the last release, {old}")
    return "major" if n[0] > o[0] else "minor" if n[1] > o[1] else "patch"


def required_bump(old_package: Path, new_package: Path, changes) -> tuple[str, str]:
    """The least bump the changes need, and why: a table or column removed or renamed is major; a table, column or
    row added (or a row removed) is minor; values corrected are a patch."""
    old, new = read_catalog(old_package)[0].descriptor.tables, read_catalog(new_package)[0].descriptor.tables
    gone = sorted(set(old) - set(new)) + sorted(f"{t}.{f}" for t in set(old) & set(new) for f in old[t].field_names if f not in new[t].by_name)
    if gone:
        return "major", f"removed or renamed: {', '.join(gone[:5])}"
    added = sorted(set(new) - set(old)) + sorted(f"{t}.{f}" for t in set(old) & set(new) for f in new[t].field_names if f not in old[t].by_name)
    if added:
        return "minor", f"added: {', '.join(added[:5])}"
    rows = [n for n, t in changes.items() if t.added or t.removed]
    if rows:
        return "minor", f"rows added or removed in {', '.join(rows)}"
    if any(t.changed for t in changes.values()):
        return "patch", "values changed"
    raise ReleaseRefused("nothing in the data changed since the last release")


def data_summary(changes, previous: str | None, catalog) -> str:
    """The CHANGELOG's draft: what changed in the data since the previous release, table by table."""
    if previous is None:
        lines = ["### Data in this release", ""]
        lines += [f"- `{name}`: {len(data.rows):,} rows." for name, data in catalog.tables.items()]
        return "\n".join(lines) + "\n"
    lines = [f"### Data changes since {previous}", ""]
    for name, table in changes.items():
        if not table:
            continue
        parts = [f"{len(table.added):,} added" if table.added else "", f"{len(table.removed):,} removed" if table.removed else "",
                 f"{len(table.changed):,} changed" if table.changed else ""]
        line = f"- `{name}`: " + ", ".join(p for p in parts if p) + " rows"
        for verb, keys in (("added", table.added), ("removed", table.removed), ("changed", list(table.changed))):
            if keys:
                shown = ", ".join(f"`{k}`" for k in keys[:10]) + (f" and {len(keys) - 10:,} more" if len(keys) > 10 else "")
                line += f"; {verb} {shown}"
        lines.append(line + ".")
    return "\n".join(lines) + "\n"


def _changelog(text: str, version: str, day: str, summary: str) -> str:
    match = UNRELEASED.search(text)
    if not match:
        raise ReleaseRefused("CHANGELOG.md has no '## Unreleased' section to release")
    following = re.compile(r"^## ", re.M).search(text, match.end())
    end = following.start() if following else len(text)
    section = text[match.end():end].rstrip("\n")
    return (text[:match.start()] + "## Unreleased\n\n" + f"## {version} — {day}" + section + "\n\n" + summary
            + ("\n" + text[end:] if following else ""))


def _citation(text: str, version: str, day: str) -> str:
    for key, value in (("version", f'"{version}"'), ("date-released", f'"{day}"')):
        line = f"{key}: {value}"
        text, count = re.subn(rf"^{key}:.*$", line, text, flags=re.M)
        if not count:
            text = text.rstrip("\n") + f"\n{line}\n"
    return text


def _write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _write_release(project: Path, package: Path, version: str, day: str, changes, previous: str | None) -> None:
    descriptor = json.loads(package.read_text(encoding="utf-8"))
    descriptor["version"], descriptor["created"] = version, f"{day}T00:00:00Z"
    _write_json(package, descriptor)
    citation = project / "CITATION.cff"
    citation.write_text(_citation(citation.read_text(encoding="utf-8"), version, day), encoding="utf-8")
    zenodo = project / ".zenodo.json"
    if zenodo.exists():
        meta = json.loads(zenodo.read_text(encoding="utf-8"))
        meta["version"], meta["publication_date"] = version, day
        _write_json(zenodo, meta)
    catalog = load_catalog(package)
    changelog = project / "CHANGELOG.md"
    changelog.write_text(_changelog(changelog.read_text(encoding="utf-8"), version, day, data_summary(changes, previous, catalog)),
                         encoding="utf-8")

    files = data_files(catalog)
    folder = project / "releases"
    folder.mkdir(exist_ok=True)
    for file in files + [DataFile("SHA256SUMS", checksums(files), "", "text/plain"),
                         DataFile("manifest.json", manifest(files, catalog, released=day), "", "application/json")]:
        write_inside(folder, f"{version}/{file.name}", file.content)


def cut_release(version: str, project: Path, today: date | None = None) -> str:
    """Cut `version` in the git work tree at `project`; returns what was done."""
    from .package_readme import write_package_readme

    version_key(version)
    day = (today or datetime.now(timezone.utc).date()).isoformat()
    package = project / "datapackage" / "datapackage.json"
    previous, changes = _refuse_or_compare(version, project, package)
    try:
        _write_release(project, package, version, day, changes, previous)
    except BaseException:
        # Nothing half-done stays behind: the files go back to their committed state.
        _git(project, "checkout", "--", "datapackage/datapackage.json", "datapackage/README.md", "CITATION.cff", "CHANGELOG.md",
             *([".zenodo.json"] if (project / ".zenodo.json").exists() else []))
        shutil.rmtree(project / "releases" / version, ignore_errors=True)
        raise
    write_package_readme(package)  # it names the version
    zenodo = project / ".zenodo.json"
    paths = ["datapackage/datapackage.json", "datapackage/README.md", "CITATION.cff", "CHANGELOG.md", f"releases/{version}"] + ([".zenodo.json"] if zenodo.exists() else [])
    _git(project, "add", "--", *paths)
    _git(project, "commit", "--quiet", "-m", f"Release {version}", "--", *paths)
    _git(project, "tag", "-a", "-m", f"Lunar Atlas {version}", f"v{version}", "HEAD")
    return (f"Released {version} ({day}): commit and tag v{version}, downloads in releases/{version}/.\n"
            f"Publish it with: git push origin HEAD v{version}\n")


def _refuse_or_compare(version: str, project: Path, package: Path) -> tuple[str | None, dict]:
    """Refuse a release that must not be cut (ReleaseRefused); else the previous version and the changes since it."""
    from .validate import check_package

    if _git(project, "status", "--porcelain", "--untracked-files=no").strip():
        raise ReleaseRefused("the work tree has uncommitted changes; commit them first, so the release is what was committed")
    if _git(project, "tag", "--list", f"v{version}").strip():
        raise ReleaseRefused(f"the tag v{version} already exists")
    if (project / "releases" / version).exists():
        raise ReleaseRefused(f"releases/{version}/ already exists; a released version is never made again")
    history = released(project / "releases")
    previous = history[0].version if history else None
    report = check_package(package)
    if report.problems:
        raise ReleaseRefused(f"the package does not validate ({len(report.problems)} problems); run `lunar-atlas validate`")
    changes = {}
    if previous:
        bump = bump_of(previous, version)
        # The release's committed files (released() has checked them against their checksums), not its tag:
        # they are what was published, and a clone may lack tags.
        old = project / "releases" / previous / "datapackage.json"
        changes = compare(old, package)
        needed, why = required_bump(old, package, changes)
        if BUMPS.index(bump) < BUMPS.index(needed):
            raise ReleaseRefused(f"{version} is a {bump} release, but the data needs a {needed} one since {previous} ({why})")
    return previous, changes
