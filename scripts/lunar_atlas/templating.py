"""The Jinja2 environment the pages are rendered in: where templates live, how values are escaped, what every
template may call."""

from __future__ import annotations

import jinja2

from .addresses import url_of
from .humanize import date_words, sort_key
from .paths import TEMPLATES


def attr_escape(text) -> str:
    """Escape for both HTML text and a double-quoted attribute, leaving apostrophes readable."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def make_environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
    )
    environment.filters["attr"] = attr_escape
    environment.globals.update(url_of=url_of, sort_key=sort_key, date_words=date_words)
    return environment
