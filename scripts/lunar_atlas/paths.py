"""Where the project's files live, and the only ways the code reads a package file or writes into a build.

The package is untrusted input: a file it names is read only when it is a regular file in the package folder (no
link, no device), and whatever it names is written only inside the build's own folder.
"""

from __future__ import annotations

import functools
import os
import stat
from pathlib import Path
from typing import Iterable

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_PACKAGE = ROOT / "datapackage" / "datapackage.json"
PREVIEW_SITE = ROOT / "build" / "preview" / "site"  # where make serve builds
TEMPLATES = Path(__file__).resolve().parent / "templates"
MAX_RELATIVE_CHARS = 255


class UnsafePath(ValueError):
    """A path built from the data that would land outside the build, or a package file that is not a plain file."""


def display_path(path: Path) -> str:
    """A path as a contributor reads it: relative to the working directory when inside it."""
    path = Path(os.path.abspath(path))
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


@functools.lru_cache(maxsize=4096)
def _real_folder(root: str) -> Path:
    # A build writes thousands of files into the same few folders, which are its own: resolved once each.
    return Path(os.path.realpath(root))


def inside(root: Path, relative: str) -> Path:
    """`root / relative`, refused unless it lies inside `root` (every path the build writes goes through here).

    The folder is resolved (once per folder: the build makes its folders itself) and the file itself may not be a
    link, so what is written is where it was checked to be.
    """
    if not relative or len(relative) > MAX_RELATIVE_CHARS or "\x00" in relative or "\n" in relative or "\r" in relative:
        raise UnsafePath(f"refused to write {relative[:80]!r}: not a plain relative path")
    if relative.startswith(("/", "\\")) or any(part in ("..", "") for part in relative.replace("\\", "/").split("/")):
        raise UnsafePath(f"refused to write {relative[:80]!r}: it would leave the build folder")
    root = _real_folder(str(root))
    folder, _, name = relative.rpartition("/")
    parent = _real_folder(str(root / folder)) if folder else root
    if parent != root and root not in parent.parents:
        raise UnsafePath(f"refused to write {relative[:80]!r}: it resolves outside the build folder")
    target = parent / name
    if os.path.islink(target):
        raise UnsafePath(f"refused to write {relative[:80]!r}: it is a link")
    return target


def write_inside(root: Path, relative: str, content: str | bytes | Iterable[str | bytes]) -> Path:
    """Write a file inside `root`: its bytes or its text, whole or in parts (never whole in memory); text as UTF-8."""
    target = inside(root, relative)
    target.parent.mkdir(parents=True, exist_ok=True)
    parts = (content,) if isinstance(content, (str, bytes)) else content
    with open(target, "wb") as handle:
        handle.writelines(part.encode("utf-8") if isinstance(part, str) else part for part in parts)
    return target


def package_descriptor(spec: str | Path) -> Path:
    """A package as given on the command line: its datapackage.json, or the folder that holds one. A folder named as
    a descriptor (*.json) is taken as the descriptor, to be refused as not a plain file."""
    path = Path(spec)
    return path / "datapackage.json" if path.is_dir() and path.suffix != ".json" else path


def read_package_file(path: Path, limit: int) -> bytes:
    """The bytes of a package file, refused (UnsafePath, which never quotes the content) unless it is a regular file
    of at most `limit` bytes whose folder is not a link. The file is opened without following links, so what is
    checked is what is read."""
    if "\x00" in str(path):
        raise UnsafePath("a path with a NUL character")
    if os.path.islink(path.parent):
        raise UnsafePath("a package folder that is a link to somewhere else")
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except FileNotFoundError:
        raise
    except OSError as err:
        if os.path.islink(path):
            raise UnsafePath("a link to another file; the package's files must be plain files in its folder") from None
        raise UnsafePath(f"a file that cannot be opened ({err.strerror})") from None
    info = os.fstat(descriptor)
    if not stat.S_ISREG(info.st_mode):  # before fdopen, which refuses a folder with an error of its own
        os.close(descriptor)
        raise UnsafePath("not a plain file (a folder, device or pipe)")
    with os.fdopen(descriptor, "rb") as handle:
        if info.st_size > limit:
            raise UnsafePath(f"{info.st_size:,} bytes; at most {limit:,}")
        return handle.read(limit + 1)
