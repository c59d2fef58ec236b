"""Where each row's page lives, and links between pages: relative to the site root, as MkDocs makes them."""

from __future__ import annotations

import re
from urllib.parse import quote

from .humanize import decade_label
from .tiers import TIERS

# Tables with a page per row; events are shown on the timeline, crews on the crews page (quotes have pages of
# their own, listed on the quotes page rather than in the entity indexes).
PAGE_TABLES = ("missions", "people", "organizations", "places", "sources")
ANCHOR_PAGES = {"events": "timeline/", "crew": "crew/"}
UNLINKED_TABLES = {"exclusions"}  # rows no page shows (the methodology page lists them), so nothing links to them
LEFT_OUT = "about/#left-out"  # that list on the methodology page (search leads there)

# The names the site gives its own pages and anchors. A row whose ID were one of them would take that page's or
# anchor's place: "index" is each table's list (<table>/index/), and on the pages that show rows as anchors the site's
# own parts are la-… (la-main, la-events) and its years y1969.
LIST_PAGE = "index"
ROW_PAGE_TABLES = PAGE_TABLES + ("quotes",)
SITE_ANCHOR = re.compile(r"la-|y[0-9]+$")
# A list too long for one page is split by a column, a page for each of its values (<table>/<value>/): the sources
# by tier. The values are the code's own, never the descriptor's, so that data cannot name a page.
LIST_PARTS = {"sources": ("tier", TIERS)}


# The quotes are listed a decade to a page (quotes/1960s/), the undated on one of their own (quotes/undated/).
QUOTES_UNDATED = "undated"
QUOTES_PART = re.compile(r"[0-9]{4}s|" + QUOTES_UNDATED)


def quotes_part(said_when: str | None) -> str:
    """The page that lists a quote said then: its decade's, or the undated quotes'."""
    return decade_label(said_when) if said_when else QUOTES_UNDATED


def quotes_part_url(part: str) -> str:
    return f"quotes/{part}/"


def part_url(table: str, value: str) -> str:
    """The page of a part of a split list: the sources of one tier."""
    return f"{table}/{value}/"


def reserved_by_the_site(table: str, key: str) -> str | None:
    """Why an ID would clash with the site's own pages or anchors, if it would."""
    if table in ROW_PAGE_TABLES and key == LIST_PAGE:
        return f"the {table} list is the page {table}/{LIST_PAGE}.html, and this row's page would replace it"
    if table in LIST_PARTS and key in LIST_PARTS[table][1]:
        return f"{part_url(table, key)} lists the {table} whose {LIST_PARTS[table][0]} is {key}, and this row's page would replace it"
    if table == "quotes" and QUOTES_PART.fullmatch(key):
        return f"{quotes_part_url(key)} lists quotes by when they were said, and this quote's page would replace it"
    if table in ANCHOR_PAGES and SITE_ANCHOR.match(key):
        return (f"the {ANCHOR_PAGES[table].rstrip('/')} pages give their own parts anchors that begin la- and their years "
                f"anchors such as y1969, and this row's anchor would clash with them")
    return None


# Each event's page: its decade's part of the timeline. Set from the catalog being rendered (Views does it).
EVENT_PAGES: dict[str, str] = {}


def decade_url(when: str) -> str:
    """The timeline page of the decade a date falls in."""
    return f"timeline/{decade_label(when)}/"


def url_of(table: str, key: str) -> str:
    """The page address of a row, relative to the site root, as MkDocs makes it."""
    if table == "events" and key in EVENT_PAGES:
        return f"{EVENT_PAGES[key]}#{key}"
    if table in ANCHOR_PAGES:
        return f"{ANCHOR_PAGES[table]}#{key}"
    return f"{table}/{key}/"


def is_link_template(template) -> bool:
    """Whether a field's x-linkTemplate is one the site follows: an https address with one {} for the identifier.
    The descriptor is untrusted, so a javascript: or data: template never becomes a link (the validator reports it)."""
    return isinstance(template, str) and template.startswith("https://") and template.count("{}") == 1


def external_link(template: str, value: str) -> str | None:
    """A catalog's page for an identifier, from the field's x-linkTemplate, the value quoted."""
    if not is_link_template(template):
        return None
    return template.replace("{}", quote(value, safe=""))


def href(current: str, target: str) -> str:
    """A link from the page at `current` to `target`, both site-root-relative directory URLs: the shortest that
    works, since index pages repeat it on every row ("x/" from sources/ to sources/x/, "../x/" from sources/press/)."""
    if current and target.startswith(current) and target != current:
        return target[len(current):]
    depth = current.count("/")
    if depth > 1 and target.startswith(current[:current.index("/") + 1]):  # a page of the same folder's
        return _relative(current, target)
    return "../" * depth + target if (depth or target) else "./"


def _relative(current: str, target: str) -> str:
    """The link up to the folders two addresses share and down to the target."""
    here, there = current.split("/")[:-1], target.split("/")
    shared = 0
    while shared < min(len(here), len(there) - 1) and here[shared] == there[shared]:
        shared += 1
    return "../" * (len(here) - shared) + "/".join(there[shared:]) or "./"
