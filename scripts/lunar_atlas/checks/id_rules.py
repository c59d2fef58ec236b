"""IDs are forever: a renamed ID is recorded, never reused, and points at a row that exists."""

from __future__ import annotations

import re

from ..addresses import reserved_by_the_site
from ..catalog import Catalog
from ..problems import Problem

RENAMES = "renames"
NOTES = "notes"
WEB_ADDRESS = re.compile(r"https?://\S+")
# A hyphenated word standing alone: not part of a longer word, an address or a file name. IDs without a hyphen
# ("nasa", "luna") are also plain words, so only hyphenated ones are taken to be an ID.
# Bytes that can be part of an ID stay, bytes of other words (capitals, underscores, non-ASCII) become "A" so that
# the word is not taken for an ID, and every other byte becomes a space: what is left between spaces is every word the
# pattern above could find, and some more.
_ID_BYTES = b"abcdefghijklmnopqrstuvwxyz0123456789-"
_WORD_BYTES = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ_" + bytes(range(128, 256))
WORDS_ONLY = bytes(b if b in _ID_BYTES else ord("A") if b in _WORD_BYTES else ord(" ") for b in range(256))
HYPHENATED = re.compile(r"(?<![\w/.-])[a-z0-9]+(?:-[a-z0-9]+)+(?![\w/-])")


def rename_problems(catalog: Catalog) -> list[Problem]:
    if RENAMES not in catalog.tables:
        return []
    data = catalog[RENAMES]
    problems = []
    for index, rename in enumerate(data.rows):
        target = catalog.tables.get(rename["table"])
        if target is None or rename["old_id"] is None or rename["new_id"] is None:
            continue
        row = data.row_number(index)
        if rename["old_id"] in target.by_id:
            problems.append(Problem(data.file.shown, row, "old_id", "id-reused", rename["old_id"],
                                    f"an ID no longer used in {rename['table']}: a renamed ID is never given to another row"))
        if rename["new_id"] not in target.by_id:
            problems.append(Problem(data.file.shown, row, "new_id", "rename-target", rename["new_id"],
                                    f"an existing {target.table.primary_key} in {rename['table']}"))
    return problems


def reserved_id_problems(catalog: Catalog) -> list[Problem]:
    """IDs the site already uses for a page or an anchor of its own: the row's page or anchor would take its place."""
    problems = []
    for name, data in catalog.tables.items():
        key = data.table.primary_key
        if not isinstance(key, str):
            continue
        for index, row in enumerate(data.rows):
            taken = isinstance(row.get(key), str) and reserved_by_the_site(name, row[key])
            if taken:
                problems.append(Problem(data.file.shown, data.row_number(index), key, "reserved-id", row[key],
                                        f"another ID: {taken}"))
    return problems


def vanished_id_problems(old: Catalog, new: Catalog) -> list[Problem]:
    """IDs published in `old` that `new` neither has nor records as renamed."""
    renamed = set()
    if RENAMES in new.tables:
        renamed = {(r["table"], r["old_id"]) for r in new[RENAMES].rows}
    problems = []
    for name, data in old.tables.items():
        if name == RENAMES or name not in new.tables:
            continue
        current = new[name]
        for index, key in enumerate(r[data.table.primary_key] for r in data.rows):
            if key not in current.by_id and (name, key) not in renamed:
                problems.append(Problem(current.file.shown, 1, data.table.primary_key, "id-vanished", key,
                                        f"the ID kept, or a row in renames.csv saying what replaced it (it was row {data.row_number(index)} before)"))
    return problems


def id_in_notes_problems(catalog: Catalog) -> list[Problem]:
    """A note names another row by its name or title, not its ID: the notes are shown to readers as written."""
    ids = {key.encode() for data in catalog.tables.values() for key in data.by_id if "-" in key}
    problems = []
    for name, data in catalog.tables.items():
        if name == RENAMES or NOTES not in data.table.by_name:  # a rename's note is about IDs
            continue
        notes = [row.get(NOTES) or "" for row in data.rows]
        # Nearly every table names no ID: its notes are told apart at once, in C, and only then row by row.
        if ids.isdisjoint("\n".join(notes).encode().translate(WORDS_ONLY).split()):
            continue
        for index, note in enumerate(notes):
            if "-" not in note:
                continue
            named = next((word for word in HYPHENATED.findall(WEB_ADDRESS.sub(" ", note)) if word.encode() in ids), None)
            if named:
                problems.append(Problem(data.file.shown, data.row_number(index), NOTES, "id-in-notes", named,
                                        "the row it means named in words, by its name or title: readers see the notes as written"))
    return problems
