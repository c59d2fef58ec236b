"""The released versions, kept byte for byte in releases/X.Y.Z/ (each with its SHA256SUMS and manifest.json).

A release's files are made once, when it is cut (release.py), and committed: the site copies those exact bytes to
data/X.Y.Z/, so a release cited in a paper stays the same file whatever changes later in the code or its libraries.
Every file is checked against its release's SHA256SUMS and manifest before it is copied; a mismatch stops the build.
A file is read once and its bytes kept: what is copied is exactly what was checked (a file changed on disk between
the check and the copy cannot slip through), and the released files do not grow with the catalog.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import cached_property
from pathlib import Path
from typing import Iterable

from .csvfile import MAX_FILE_BYTES
from .errors import CommandError
from .paths import ROOT, UnsafePath, read_package_file

RELEASES = ROOT / "releases"
VERSION = re.compile(r"(0|[1-9][0-9]{0,5})\.(0|[1-9][0-9]{0,5})\.(0|[1-9][0-9]{0,5})")
FILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,99}")


class ReleaseError(CommandError):
    """A release folder that does not hold what its checksums say; the build stops."""


def version_key(version: str) -> tuple[int, int, int]:
    match = VERSION.fullmatch(version)
    if not match:
        raise ReleaseError(f"{version[:40]!r} is not a version X.Y.Z (three numbers, no leading zeros)")
    return tuple(int(part) for part in match.groups())


@dataclass(frozen=True)
class ReleasedFile:
    name: str
    content: bytes
    media_type: str
    rows: int | None

    @cached_property
    def sha256(self) -> str:
        """Worked out once, when the release is read and checked against its SHA256SUMS."""
        return hashlib.sha256(self.content).hexdigest()


@dataclass(frozen=True)
class Release:
    version: str
    released: str  # YYYY-MM-DD
    as_of: str
    files: list[ReleasedFile]  # the data files, then SHA256SUMS and manifest.json

    @property
    def moment(self) -> datetime:
        return datetime.fromisoformat(self.released).replace(tzinfo=timezone.utc)

    def file(self, name: str) -> ReleasedFile | None:
        return next((f for f in self.files if f.name == name), None)


def _read(path: Path) -> bytes:
    try:
        return read_package_file(path, MAX_FILE_BYTES)
    except (UnsafePath, FileNotFoundError) as err:
        raise ReleaseError(f"{path}: {err or 'missing'}") from None


def read_release(folder: Path) -> Release:
    version = folder.name
    version_key(version)
    manifest_bytes, sums_bytes = _read(folder / "manifest.json"), _read(folder / "SHA256SUMS")
    manifest = json.loads(manifest_bytes)
    if manifest.get("version") != version:
        raise ReleaseError(f"{folder}/manifest.json says version {str(manifest.get('version'))[:40]!r}, not {version}")
    sums = {}
    for line in sums_bytes.decode("utf-8").splitlines():
        digest, _, name = line.partition("  ")
        sums[name] = digest
    files = []
    for entry in manifest["files"]:
        name = entry["name"]
        if not FILE_NAME.fullmatch(name) or name in ("manifest.json", "SHA256SUMS"):
            raise ReleaseError(f"{folder}/manifest.json names {name[:80]!r}: not a plain file name")
        released = ReleasedFile(name, _read(folder / name), entry["media_type"], entry.get("rows"))
        if not (released.sha256 == entry["sha256"] == sums.get(name)):
            raise ReleaseError(f"{folder}/{name}: its bytes differ from the release's SHA256SUMS and manifest; "
                               "a released file is never changed (cut a new version instead)")
        files.append(released)
    if set(sums) != {f.name for f in files}:
        raise ReleaseError(f"{folder}/SHA256SUMS and manifest.json list different files")
    files += [ReleasedFile("SHA256SUMS", sums_bytes, "text/plain", None), ReleasedFile("manifest.json", manifest_bytes, "application/json", None)]
    return Release(version, manifest["released"], manifest["as_of"], files)


def released(folder: Path = RELEASES) -> list[Release]:
    """Every release, newest first."""
    if not folder.is_dir() or os.path.islink(folder):
        return []
    found = [read_release(child) for child in folder.iterdir() if VERSION.fullmatch(child.name) and child.is_dir()
             and not child.is_symlink()]
    return sorted(found, key=lambda r: version_key(r.version), reverse=True)


def last_changed(releases: list[Release], table: str, key: str, rows: Iterable[dict], fields: list[str]) -> dict[str, datetime]:
    """For each current row that is as some release left it: the date of the release that first held it so.

    Rows new or changed since the last release are left out (the caller dates them to this build).
    """
    seen: dict[str, tuple[str, datetime]] = {}
    for release in sorted(releases, key=lambda r: version_key(r.version)):
        file = release.file(f"{table}.json")
        if file is None:
            continue
        for row in json.loads(file.content):
            text = json.dumps({f: row.get(f) for f in fields}, sort_keys=True, default=str)
            if seen.get(row.get(key), ("",))[0] != text:
                seen[row.get(key)] = (text, release.moment)
    changed = {}
    for row in rows:
        text = json.dumps({f: row.get(f) for f in fields}, sort_keys=True, default=str)
        if row[key] in seen and seen[row[key]][0] == text:
            changed[row[key]] = seen[row[key]][1]
    return changed


def rows_last_changed(catalog, table: str, releases: list[Release]) -> dict[str, datetime]:
    """last_changed for a table of the catalog (nothing to work out before the first release)."""
    if not releases:
        return {}
    from .typed import json_rows, typed_table

    data = catalog[table]
    rows = json_rows(data.table, data.rows, typed_table(catalog, table)[1])
    return last_changed(releases, table, data.table.primary_key, rows, data.table.field_names)
