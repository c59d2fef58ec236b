"""Text for a cell of a Markdown table written from the data: the descriptor and the tables are untrusted, and
Markdown passes raw HTML through, so a cell can neither break the table nor open a tag."""

from __future__ import annotations


def markdown_cell(text) -> str:
    """One line; backslashes and pipes escaped so the row keeps its columns; "<" written as an entity, so no value
    becomes an HTML tag on a page made from the Markdown."""
    return " ".join(str(text).split()).replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")
