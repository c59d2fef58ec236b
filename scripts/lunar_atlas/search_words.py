"""What a page gives the site's search: which values it indexes, and the words a reader may type to find a row (part of Views)."""

from __future__ import annotations

import re

from .labels import LABEL_FIELDS

HAN = re.compile(r"[\u4e00-\u9fff]")


class SearchWords:
    """Search text and keys of a row."""

    def searched(self, table: str, name: str) -> bool:
        """Whether a column's value goes into the page's search text.

        Not when the page already shows it above the fields (its label is the title, the summary the lead,
        the native name the subtitle), nor its sources: a search for a publisher should find the source
        pages, not every row that cites them. A source page is found by its title and ID alone: its publisher's
        page lists it, and its dates and kind would make a query for a year or a publisher match hundreds of
        pages. Fewer words also make the browser's index quicker to build.
        """
        if table == "sources":
            return False
        if name in (LABEL_FIELDS.get(table, "name"), "summary", "name_native"):
            return False
        return self._references.get((table, name)) != "sources"

    def search_keys(self, table: str, row: dict) -> list[str]:
        """What a reader may type to find this row: its ID, names and their spellings.

        Material's search gives these (its `tags` field) a high boost and does not cut them into words,
        so a native name such as 嫦娥六号 matches whole.
        """
        native = row.get("name_native") or ""
        keys = [row[self.catalog[table].table.primary_key], row.get("name") or "", native]
        if HAN.search(native) and len(native) > 2:
            # Material's search splits a Chinese query into words it finds in the index, but never tries a word that
            # ends the query: 嫦娥六号 is read as 嫦娥 + a lost 六号. The name less its last character is found whole.
            keys.append(native[:-1])
        if table == "missions":
            keys += self.search_aliases(row)
            # Its country and kind in words: a search for "Soviet Union" or "sample return" finds the missions themselves.
            keys += [self.word(table, name, row[name]) for name in ("country", "mission_type") if row.get(name)]
        return list(dict.fromkeys(k for k in keys if k))

    def search_aliases(self, row: dict) -> list[str]:
        """Spellings a reader may type: Chang'e-6 is also 'Change 6' and 'Chang e 6'."""
        name = row.get("name") or ""
        aliases = {name.replace("'", ""), name.replace("'", " "), name.replace("-", " "), name.replace("'", "").replace("-", " ")}
        aliases.discard(name)
        return sorted(a for a in aliases if a.strip())
