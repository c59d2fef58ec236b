"""A row's Wikipedia article was read: its title is that of an English Wikipedia article among the row's own sources.

The descriptor's pattern keeps a title to characters a title may have; whether the article was read is checked here,
against the sources table, where a pull request cannot loosen it by editing the schema.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from ..catalog import Catalog
from ..problems import Problem

ARTICLE = re.compile(r"^https://en\.wikipedia\.org/wiki/([^?#]+)$")


def article_title(url: str | None) -> str | None:
    """The title of the English Wikipedia article at an address ("Chang'e 6" for …/wiki/Chang%27e_6), or None."""
    match = ARTICLE.match(url or "")
    return unquote(match.group(1)).replace("_", " ") if match else None


def wikipedia_problems(catalog: Catalog, reported: set[tuple[str, int, str]]) -> list[Problem]:
    """Each Wikipedia title names an article among the row's sources, so none is taken from memory or a search; a
    cell already reported (not a title at all) is not reported again."""
    problems = []
    for data in catalog.tables.values():
        if "wikipedia" not in data.table.by_name or "source_ids" not in data.table.by_name:
            continue
        for index, row in enumerate(data.rows):
            title = row["wikipedia"]
            if not title or (data.file.shown, data.row_number(index), "wikipedia") in reported:
                continue
            cited = {article_title((catalog.get("sources", source) or {}).get("url")) for source in row["source_ids"] or []}
            if title not in cited:
                problems.append(Problem(data.file.shown, data.row_number(index), "wikipedia", "wikipedia-read", title,
                                        "the title of an English Wikipedia article the row cites in source_ids "
                                        "(a source at https://en.wikipedia.org/wiki/…)"))
    return problems
