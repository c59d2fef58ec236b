"""Where a row lives in the repository, and the links to edit it or report an error in it (part of Views)."""

from __future__ import annotations

from functools import cached_property
from pathlib import PurePosixPath
from urllib.parse import quote, urlencode

from .addresses import url_of


class Contributing:
    """The repository's side of a row."""

    @cached_property
    def _lines(self) -> dict[str, dict[str, int]]:
        """Per table, the line of its CSV file each row starts on (a cell may hold line breaks)."""
        lines = {}
        for name, data in self.catalog.tables.items():
            key, line, starts = data.table.primary_key, 2, {}
            for row, record in zip(data.rows, data.records):
                starts.setdefault(row[key], line)
                line += 1 + sum(cell.count("\n") for cell in record)
            lines[name] = starts
        return lines

    def contribute(self, table: str, key: str, title: str) -> dict | None:
        """Where a row lives in the repository, and the links to edit it and to report an error in it."""
        if not self.repo_url.startswith(("https://", "http://")) or key not in self._lines.get(table, {}):
            return None
        repo = self.repo_url.rstrip("/")
        file = str(PurePosixPath(self.package_folder) / self.catalog[table].table.resource["path"])
        line = self._lines[table][key]
        page = f"{self.site_url}{url_of(table, key)}" if self.site_url else url_of(table, key)
        issue = {"title": f"Error in {table} row {key} ({title})",
                 "body": f"Page: {page}\nRow: {file}, line {line} ({key})\n\nWhat is wrong, and the source that says so:\n"}
        return {"file": file, "line": line, "edit": f"{repo}/edit/main/{quote(file)}", "view": f"{repo}/blob/main/{quote(file)}#L{line}",
                "report": f"{repo}/issues/new?{urlencode(issue, quote_via=quote)}"}
