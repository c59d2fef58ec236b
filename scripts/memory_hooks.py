"""MkDocs hooks that keep the build's memory flat as the catalog grows.

MkDocs reads and converts every page before it writes any, and keeps each page's Markdown and HTML to the end.
With tens of thousands of generated pages that is gigabytes. A page's Markdown is not needed once converted, and
its HTML is not needed once written; between the two passes the HTML is parked zlib-compressed.
"""

import zlib

from mkdocs.plugins import event_priority

_parked: dict[str, bytes] = {}


@event_priority(-100)  # after every plugin has seen the HTML
def on_page_content(html, page, config, files):
    page.markdown = None
    _parked[page.file.src_uri] = zlib.compress(html.encode("utf-8"), 1)
    return ""


@event_priority(100)  # before any plugin (search indexes the HTML here) or the theme reads it
def on_page_context(context, page, config, nav):
    page.content = zlib.decompress(_parked.pop(page.file.src_uri)).decode("utf-8")
    return context


@event_priority(-100)
def on_post_page(output, page, config):
    page.content = None
    return output
