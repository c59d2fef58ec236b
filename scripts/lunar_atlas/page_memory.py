"""What MkDocs keeps of each page between reading it and writing it, kept small (scripts/memory_hooks.py).

MkDocs reads and converts every page before it writes any, and keeps each page's Markdown, HTML, front matter and
anchor IDs to the end: with a hundred thousand generated pages, gigabytes. Between its two passes:

- a generated page's HTML is its source file's body (lunar_atlas.html_pages), so it is not kept: it is read again
  from the file when the page is written, and a checksum checks that it is what MkDocs made. Any other page's HTML is
  kept zlib-compressed;
- its front matter is kept compressed, but for its title, which the navigation and the footers of its neighbours
  show; it is whole again while the page is written;
- its anchor IDs are kept only where another page links to one of them (MkDocs checks those links at the end); a
  generated page's are not even worked out unless it is linked into.
"""

from __future__ import annotations

import marshal
import zlib
from dataclasses import dataclass

from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import YAML_RE

from .html_pages import HtmlPage, anchors


@dataclass(frozen=True, slots=True)
class _Parked:
    html: bytes | None  # compressed; None where the page's source file holds it
    checksum: int  # of the HTML, to check that the source file gave back the same
    meta: bytes | None  # compressed; None where the front matter holds only what stays


_parked: dict[str, _Parked] = {}


def source_body(page: Page) -> str:
    """A page's source without its front matter, stripped: a generated page's HTML, as MkDocs reads it
    (mkdocs.utils.meta.get_data, whose YAML is not parsed again here)."""
    text = page.file.content_string
    match = YAML_RE.match(text)
    return (text[match.end():].lstrip("\n") if match else text).strip()


def _checksum(html: str) -> int:
    return zlib.crc32(html.encode("utf-8"))


def _kept_meta(meta: dict) -> dict:
    return {"title": meta["title"]} if "title" in meta else {}


def _packed_meta(page: Page) -> bytes | None:
    """The page's front matter compressed, or None where it stays whole: a page in the navigation (every page
    shows its entry), a front matter with nothing to set aside, or one with a value marshal cannot write."""
    meta = page.meta
    if not page.file.inclusion.is_not_in_nav() or meta == _kept_meta(meta):
        return None
    try:
        return zlib.compress(marshal.dumps(meta), 1)
    except ValueError:  # YAML can give dates
        return None


def park(page: Page, html: str) -> str:
    """Set a page's HTML and front matter aside once it is read; returns what MkDocs keeps as its HTML meanwhile."""
    # The cheap comparison first: only a page that skipped Markdown can equal its source's body.
    from_source = page.markdown is not None and html == page.markdown.strip() and html == source_body(page)
    meta = _packed_meta(page)
    _parked[page.file.src_uri] = _Parked(None if from_source else zlib.compress(html.encode("utf-8"), 1), _checksum(html), meta)
    page.markdown = None
    if meta is not None:
        page.meta = _kept_meta(page.meta)
    return ""


def _parked_html(page: Page) -> str:
    """A parked page's HTML, as MkDocs made it."""
    parked = _parked[page.file.src_uri]
    html = source_body(page) if parked.html is None else zlib.decompress(parked.html).decode("utf-8")
    if _checksum(html) != parked.checksum:
        raise PluginError(f"{page.file.src_uri}: the page's source changed while the site was being built; build again")
    return html


def unpark(page: Page) -> None:
    """Give a page back its HTML and front matter, before the theme or any plugin reads them."""
    html = _parked_html(page)
    parked = _parked.pop(page.file.src_uri)
    page.content = html
    if parked.meta is not None:
        page.meta = marshal.loads(zlib.decompress(parked.meta))


def release(page: Page) -> None:
    """Drop what a written page no longer needs: its HTML, and the front matter it had set aside."""
    page.content = None
    if page.file.inclusion.is_not_in_nav():
        page.meta = _kept_meta(page.meta)


def keep_linked_anchors(pages: list[Page]) -> None:
    """Forget the anchor IDs of every page that no page links into: MkDocs looks up only those linked. A generated
    page linked into gets its anchors now, from its HTML (see html_pages.HtmlPage)."""
    linked = {id(target) for page in pages for target in (page.links_to_anchors or {})}
    for page in pages:
        if id(page.file) not in linked:
            page.present_anchor_ids = None
        elif isinstance(page, HtmlPage) and page.present_anchor_ids is None and page.file.src_uri in _parked:
            page.present_anchor_ids = anchors(_parked_html(page))
