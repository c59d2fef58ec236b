"""Generated pages enter MkDocs as the HTML they already are, without a Markdown pass.

Every generated page is front matter and one raw HTML block (templates/_page.md.j2), which Python-Markdown hands
back unchanged after parsing it twice with html.parser: once to set the block aside, once for MkDocs' list of
the page's anchors. That was about a third of a plain build's time. A page of that shape gets the block as its
HTML and, where another page links into it, its anchors from a scan of its own tags instead; the result is the
same (tests/test_build_output.py compares every file of the real site with a plain MkDocs build of the same pages,
Markdown and all). Any other page goes through Markdown as before.
"""

import html
import re

from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

OPENING = '<div class="la-page'
CLOSING = "</div>"
# The renderer escapes every attribute value (markupsafe), so a ">" or a '"' never occurs inside one.
TAG = re.compile(r"<([a-zA-Z][^\s/>]*)(\s[^>]*)?>")
ANCHOR = re.compile(r'\s(id|name)="([^"]*)"')
# Raw-text elements: their content is not markup, as html.parser reads it.
RAW_TEXT = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)


def is_html_page(markdown: str) -> bool:
    """Whether a page's source (front matter already removed) is a single generated HTML block."""
    body = markdown.strip()
    return body.startswith(OPENING) and body.endswith(CLOSING)


def anchors(content: str) -> set[str]:
    """The page's anchor IDs as MkDocs counts them: every element's id, and a link's name."""
    found = set()
    for match in TAG.finditer(RAW_TEXT.sub(lambda m: m.group(0)[: m.group(0).index(">") + 1], content)):
        tag = match.group(1).lower()
        for attribute, value in ANCHOR.findall(match.group(2) or ""):
            if attribute == "id" or tag == "a":
                found.add(html.unescape(value))
    return found


class HtmlPage(Page):
    """A generated page that is HTML already: rendered without Markdown."""

    def render(self, config, files) -> None:
        """What Markdown would produce, without running it."""
        if not is_html_page(self.markdown):  # a later hook changed the page: Markdown it is
            return super().render(config, files)
        self.content = self.markdown.strip()
        self.toc = get_toc([])
        self._title_from_render = None
        # Worked out once every page is read, and only for the pages another page links into (MkDocs checks only
        # those links): see page_memory.keep_linked_anchors.
        self.present_anchor_ids = None
        self.links_to_anchors = {}


def skip_markdown(page: Page, markdown: str) -> None:
    """Let a generated HTML page skip Markdown; leave every other page as it is."""
    if getattr(page.file, "generated_by", None) and is_html_page(markdown) and type(page) is Page:
        # Its class, not an attribute of its own: a method bound to each of a hundred thousand pages weighs, and
        # an attribute MkDocs' Page does not have makes every page's attributes a table of its own.
        page.__class__ = HtmlPage
