"""What changed between two versions of the package: rows added, removed and changed, by table, key and column."""

from __future__ import annotations

import io
import shutil
import subprocess
import tarfile
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .catalog import read_catalog
from .cells import cell_text
from .errors import CommandError
from .paths import ROOT, package_descriptor


@dataclass
class TableChanges:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)  # key -> [(column, old, new)]

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)


@contextmanager
def package_at(spec: str):
    """A package path as given, or the package as it was at a git revision of the project."""
    if spec.startswith("-"):
        raise CommandError(f"refused {spec[:80]!r}: a package path or git revision does not start with '-'")
    path = Path(spec)
    if _is_path(path):
        yield package_descriptor(path)
        return
    tree = _tree_of(spec)
    folder = Path(tempfile.mkdtemp(prefix="lunar-atlas-diff-"))
    try:
        archive = _git("archive", "--format=tar", tree, "datapackage")
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(folder, filter="data")  # no absolute paths, no links leading out, no devices
        yield folder / "datapackage" / "datapackage.json"
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _is_path(path: Path) -> bool:
    try:
        return path.exists()
    except (OSError, ValueError):  # too long a name, or a NUL: not a path, perhaps a revision
        return False


def _git(*args: str) -> bytes:
    result = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True)
    if result.returncode != 0:
        raise CommandError(f"git {args[0]} failed: {result.stderr.decode('utf-8', 'replace').strip()[:200]}")
    return result.stdout


def _tree_of(spec: str) -> str:
    """The tree a revision names, looked up with the revision after --end-of-options, so it is never an option."""
    result = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--verify", "--quiet", "--end-of-options", f"{spec}^{{tree}}"],
                            capture_output=True, text=True)
    if result.returncode != 0 or not result.stdout.strip():
        raise CommandError(f"{spec[:80]!r} is neither a package path nor a git revision of this project")
    return result.stdout.strip()


def compare(old_path: Path, new_path: Path) -> dict[str, TableChanges]:
    return compare_packages(old_path, new_path)[0]


def compare_packages(old_path: Path, new_path: Path) -> tuple[dict[str, TableChanges], list[str]]:
    """The changes, and a warning for each package with rows that cannot be read (a file that does not parse, a
    header that is not the schema's, a row with a cell too many or too few): those rows are not compared."""
    old, new = read_catalog(old_path)[0], read_catalog(new_path)[0]
    unread = (("old", _unread(old)), ("new", _unread(new)))
    warnings = [f"The {which} package has {count:,} {'table or row' if count == 1 else 'tables or rows'} that cannot be read "
                "(run lunar-atlas validate on it), left out of this comparison." for which, count in unread if count]
    return _changes(old, new), warnings


def _unread(catalog) -> int:
    """Tables left out (a file that does not parse, a header that is not the schema's) and ragged rows."""
    left_out = len(catalog.descriptor.tables) - len(catalog.tables)
    return left_out + sum(len(data.ragged) for data in catalog.tables.values())


def _changes(old, new) -> dict[str, TableChanges]:
    changes = {}
    # A table that one side describes but cannot read is left out (its warning says so), not shown as emptied.
    unreadable = (set(old.descriptor.tables) - set(old.tables)) | (set(new.descriptor.tables) - set(new.tables))
    for name in sorted((set(old.tables) | set(new.tables)) - unreadable):
        before = old.tables[name].by_id if name in old.tables else {}
        after = new.tables[name].by_id if name in new.tables else {}
        table = TableChanges(sorted(set(after) - set(before)), sorted(set(before) - set(after)))
        fields = {**(old.tables[name].table.by_name if name in old.tables else {}),
                  **(new.tables[name].table.by_name if name in new.tables else {})}
        for key in sorted(set(before) & set(after)):
            # The new row's columns in its order, then any the new descriptor removed (their values are shown as gone).
            columns = list(after[key]) + [c for c in before[key] if c not in after[key]]
            texts = [(c, cell_text(before[key].get(c), fields.get(c)), cell_text(after[key].get(c), fields.get(c))) for c in columns]
            diffs = [(c, old_text, new_text) for c, old_text, new_text in texts if old_text != new_text]
            if diffs:
                table.changed[key] = diffs
        changes[name] = table
    return changes


def as_text(changes: dict[str, TableChanges], warnings: list[str] = ()) -> str:
    lines = [f"Warning: {warning}" for warning in warnings]
    for name, table in changes.items():
        if not table:
            continue
        lines.append(f"{name}: {len(table.added)} added, {len(table.removed)} removed, {len(table.changed)} changed")
        lines += [f"  + {key}" for key in table.added]
        lines += [f"  - {key}" for key in table.removed]
        for key, diffs in table.changed.items():
            lines += [f"  ~ {key} {column}: {old!r} → {new!r}" for column, old, new in diffs]
    return "\n".join(lines if any(changes.values()) else [*lines, "No changes."]) + "\n"


# The Markdown posted on a pull request shows data as inert text: every ASCII punctuation mark is
# backslash-escaped (no HTML, image, link, emphasis, table cell or autolinked address can start),
# "<" and ">" become character references (no raw HTML, even where a reader drops escapes), a
# zero-width space follows "@" and a "#" before a digit (GitHub makes no mention or reference of
# them), and line breaks and invisible control or format characters are shown by name.
_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;=?[\\]^_`{|}~")
_SLUG = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-_")
ZWSP = "\u200b"
PREVIEW = "http://127.0.0.1:8000/"


def _visible(char: str) -> str:
    import unicodedata

    if char in "\r\n\u2028\u2029":
        return " ↵ "
    if char != ZWSP and unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn"):
        return f"U+{ord(char):04X}"
    return char


def _inert(text: str) -> str:
    """Data text as Markdown that renders as exactly that text, and nothing more."""
    import re

    text = "".join(_visible(char) for char in text.replace("\r\n", "\n"))
    text = "".join("\\" + char if char in _PUNCTUATION else char for char in text)
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"@|#(?=[0-9])", lambda match: match.group() + ZWSP, text)


def _cell(text: str) -> str:
    return _inert(text) or "—"


def _name(text: str) -> str:
    """An ID or a column name: as code where it is a plain slug, otherwise as inert text."""
    return f"`{text}`" if text and set(text) <= _SLUG else _cell(text)


def _pages(table: str, keys: list[str], preview: str) -> list[str]:
    """A line of links to the pages that show these rows, where the table has pages."""
    from .addresses import ANCHOR_PAGES, PAGE_TABLES, url_of

    if table not in PAGE_TABLES and table not in ANCHOR_PAGES:
        return []
    links = [f"[`{key}`]({preview}{url_of(table, key)})" for key in keys if key and set(key) <= _SLUG]
    return ["", "Open in the preview: " + ", ".join(links)] if links else []


def as_markdown(changes: dict[str, TableChanges], preview: str = PREVIEW, warnings: list[str] = ()) -> str:
    """The changes as Markdown for a pull-request comment, every value from the data inert; added and changed
    rows link to their pages on the site served at `preview` (`make serve`, or a preview served on port 8000)."""
    lines = ["## Data changes", "", *(f"> Warning: {warning}\n" for warning in warnings)]
    if not any(changes.values()):
        return "\n".join([*lines, "No changes."]) + "\n"
    lines += ["| table | added | removed | changed |", "| --- | ---: | ---: | ---: |"]
    lines += [f"| {_cell(n)} | {len(t.added)} | {len(t.removed)} | {len(t.changed)} |" for n, t in changes.items() if t]
    for name, table in changes.items():
        if not table:
            continue
        lines += ["", f"### {_cell(name)}", ""]
        lines += [f"- added {_name(key)}" for key in table.added]
        lines += [f"- removed {_name(key)}" for key in table.removed]
        if table.changed:
            lines += ["", "| row | column | before | after |", "| --- | --- | --- | --- |"]
            lines += [f"| {_name(key)} | {_name(column)} | {_cell(old)} | {_cell(new)} |" for key, diffs in table.changed.items() for column, old, new in diffs]
        lines += _pages(name, table.added + list(table.changed), preview)
    return "\n".join(lines) + "\n"
