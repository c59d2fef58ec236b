"""What changed between two versions of the package: rows added, removed and changed, by table, key and column."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .catalog import read_catalog
from .paths import ROOT


@dataclass
class TableChanges:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)  # key -> [(column, old, new)]

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)


@contextmanager
def package_at(spec: str):
    """A package path as given, or the package as it was at a git revision of this project."""
    path = Path(spec)
    if path.exists():
        yield path / "datapackage.json" if path.is_dir() else path
        return
    folder = Path(tempfile.mkdtemp(prefix="lunar-atlas-diff-"))
    try:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", spec, "datapackage"], capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
        yield folder / "datapackage" / "datapackage.json"
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _text(value) -> str:
    if value is None:
        return ""
    return ";".join(value) if isinstance(value, list) else str(value).lower() if isinstance(value, bool) else str(value)


def compare(old_path: Path, new_path: Path) -> dict[str, TableChanges]:
    old, _ = read_catalog(old_path)
    new, _ = read_catalog(new_path)
    changes = {}
    for name in sorted(set(old.tables) | set(new.tables)):
        before = old.tables[name].by_id if name in old.tables else {}
        after = new.tables[name].by_id if name in new.tables else {}
        table = TableChanges(sorted(set(after) - set(before)), sorted(set(before) - set(after)))
        for key in sorted(set(before) & set(after)):
            columns = sorted(set(before[key]) | set(after[key]), key=list(after[key]).index if after[key] else None)
            diffs = [(c, _text(before[key].get(c)), _text(after[key].get(c))) for c in columns if _text(before[key].get(c)) != _text(after[key].get(c))]
            if diffs:
                table.changed[key] = diffs
        changes[name] = table
    return changes


def as_text(changes: dict[str, TableChanges]) -> str:
    lines = []
    for name, table in changes.items():
        if not table:
            continue
        lines.append(f"{name}: {len(table.added)} added, {len(table.removed)} removed, {len(table.changed)} changed")
        lines += [f"  + {key}" for key in table.added]
        lines += [f"  - {key}" for key in table.removed]
        for key, diffs in table.changed.items():
            lines += [f"  ~ {key} {column}: {old!r} → {new!r}" for column, old, new in diffs]
    return "\n".join(lines or ["No changes."]) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ") or "—"


def as_markdown(changes: dict[str, TableChanges]) -> str:
    lines = ["## Data changes", ""]
    if not any(changes.values()):
        return "## Data changes\n\nNo changes.\n"
    lines += ["| table | added | removed | changed |", "| --- | ---: | ---: | ---: |"]
    lines += [f"| {n} | {len(t.added)} | {len(t.removed)} | {len(t.changed)} |" for n, t in changes.items() if t]
    for name, table in changes.items():
        if not table:
            continue
        lines += ["", f"### {name}", ""]
        lines += [f"- added `{key}`" for key in table.added]
        lines += [f"- removed `{key}`" for key in table.removed]
        if table.changed:
            lines += ["", "| row | column | before | after |", "| --- | --- | --- | --- |"]
            lines += [f"| `{key}` | `{column}` | {_cell(old)} | {_cell(new)} |" for key, diffs in table.changed.items() for column, old, new in diffs]
    return "\n".join(lines) + "\n"
