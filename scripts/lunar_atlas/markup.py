"""HTML for shown values, escaped by MarkupSafe.

These were Jinja macros; as plain functions they cost a tenth as much, and they run for nearly every value on
every page.
"""

from __future__ import annotations

from typing import Callable, Iterable

from markupsafe import Markup, escape

from .shown import Cell

# Web addresses split into tokens no one searches for; the search index, which every visitor downloads and
# indexes, leaves them out.
EXTERNAL = Markup('<a href="{}" rel="nofollow noopener" data-search-exclude>{}</a>')
INTERNAL = Markup('<a href="{}">{}</a>')
# A value's precise form (2024-05-03T09:27:00Z) is one step away, in a tooltip, not beside its words.
PRECISE = Markup('<span class="la-precise" title="{}">{}</span>')
COMMA = Markup(", ")


def link(href: Callable[[str], str], cell: Cell) -> Markup:
    """A value as text, linked where it has a page or an address, its precise form in a tooltip when that differs."""
    if cell.url and cell.external:
        html = EXTERNAL.format(cell.url, cell.text)
    elif cell.url:
        html = INTERNAL.format(href(cell.url), cell.text)
    else:
        html = escape(cell.text)
    if cell.aside and cell.aside != cell.text:
        html = PRECISE.format(cell.aside, html)
    return html


def links(href: Callable[[str], str], cells: Iterable[Cell]) -> Markup:
    return COMMA.join(link(href, cell) for cell in cells)
