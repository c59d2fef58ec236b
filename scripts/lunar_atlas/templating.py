"""The Jinja2 environment the pages are rendered in: where templates live and how values are escaped and linked.

Templates only display: every page's context is prepared in Python (strings, lists, cells), and a template loops,
tests whether a value is there and escapes. The only functions it applies are the filters below
(tests/test_templates.py holds them to that).
"""

from __future__ import annotations

import jinja2
from markupsafe import Markup

from . import markup
from .addresses import href
from .paths import TEMPLATES

# The filters a template may use: escaping (attr, tojson; safe for the SVG drawn and escaped in Python) and links
# relative to the page being rendered (href, link, links).
FILTERS = ("attr", "tojson", "safe", "href", "link", "links")


def attr_escape(text) -> str:
    """Escape for both HTML text and a double-quoted attribute, leaving apostrophes readable."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


@jinja2.pass_context
def page_href(context, target: str) -> str:
    """A site-root-relative address as a link from the page being rendered."""
    return href(context["page_url"], target)


@jinja2.pass_context
def link(context, cell) -> Markup:
    """A shown value (shown.Cell) as HTML: linked where it has a page or an address."""
    return markup.link(context["page_href"], cell)


@jinja2.pass_context
def links(context, cells) -> Markup:
    return markup.links(context["page_href"], cells)


def make_environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
    )
    environment.filters.update(attr=attr_escape, href=page_href, link=link, links=links)
    return environment
