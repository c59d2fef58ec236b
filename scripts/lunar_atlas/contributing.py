"""Where a row lives in the repository, and the links to edit it or report an error in it (part of Views)."""

from __future__ import annotations

from pathlib import PurePosixPath
from urllib.parse import quote, urlencode

from .addresses import url_of


class Contributing:
    """The repository's side of a row."""

    def contribute(self, table: str, key: str, title: str) -> dict | None:
        """Where a row lives in the repository, and the links to edit it and to report an error in it."""
        data = self.catalog.tables.get(table)
        if not self.repo_url.startswith(("https://", "http://")) or data is None or key not in data.position:
            return None
        repo = self.repo_url.rstrip("/")
        file = str(PurePosixPath(self.package_folder) / data.table.resource["path"])
        line = data.line_of(key)
        page = f"{self.site_url}{url_of(table, key)}" if self.site_url else url_of(table, key)
        issue = {"title": f"Error in {table} row {key} ({title})",
                 "body": f"Page: {page}\nRow: {file}, line {line} ({key})\n\nWhat is wrong, and the source that says so:\n"}
        return {"file": file, "line": line, "edit": f"{repo}/edit/main/{quote(file)}", "view": f"{repo}/blob/main/{quote(file)}#L{line}",
                "report": f"{repo}/issues/new?{urlencode(issue, quote_via=quote)}"}
