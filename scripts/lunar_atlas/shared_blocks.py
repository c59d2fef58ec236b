"""Material's navigation and header, rendered once for all the pages of a folder that share them.

The theme renders the navigation tabs, the sidebar and the header into every page. A generated page (a mission,
a person, a quote, ...) is not itself in the navigation and has no table of contents, so those blocks depend only
on the folder its address sits in (links are relative to it), and the header on the page's title besides: every
page of missions/ gets the same ones. They are rendered for the first page of each folder and reused, the header
with the page's own title put in; pages in the navigation are rendered as usual. The site stays byte for byte what
the theme alone makes of the same pages (tests/test_build_output.py).
"""

from collections.abc import Callable, Iterator

# The stylesheets, scripts and configuration depend only on the folder too (their addresses are relative), and
# the footer on the page's neighbours in the navigation, which a page outside it has none of.
SHARED = ("tabs", "site_nav", "styles", "config", "scripts", "footer")
TITLED = ("header",)  # shared too, but for the page's title, which the header shows as its topic
# Stands for the title while a folder's header is rendered; the validator refuses control characters in any cell.
TITLE_SLOT = "\x00la-title\x00"

Block = Callable[[object], Iterator[str]]


def folder_key(page, in_nav: set[int]) -> tuple | None:
    """What the shared blocks of a page depend on, or None where they depend on the page itself."""
    if page is None or id(page) in in_nav or len(page.toc):
        return None
    folder, _, name = page.url.rstrip("/").rpartition("/")
    hide = (page.meta or {}).get("hide") or ()
    return folder, page.url.endswith("/"), "." in name, tuple(hide) if isinstance(hide, list) else hide


class _Untitled:
    """A page whose title is the slot, for rendering its folder's header once."""

    def __init__(self, page):
        self._page, self.title, self.meta = page, TITLE_SLOT, {**(page.meta or {}), "title": TITLE_SLOT}

    def __getattr__(self, name):
        return getattr(self._page, name)


def shown_title(page) -> str:
    """The header's topic as the theme writes it (autoescape is off in MkDocs' theme environment)."""
    return str(page.meta["title"] if page.meta and page.meta.get("title") else page.title)


def once_per_folder(block: Block, in_nav: set[int], titled: bool = False) -> Block:
    """A theme block that is rendered once per folder key and replayed for the other pages of the folder."""
    rendered: dict[tuple, str] = {}

    def render(context) -> Iterator[str]:
        page = context.get("page")
        key = folder_key(page, in_nav)
        if key is None:
            yield from block(context)
            return
        if key not in rendered:
            rendered[key] = "".join(block(context.derived({"page": _Untitled(page)}) if titled else context))
        yield rendered[key].replace(TITLE_SLOT, shown_title(page)) if titled else rendered[key]

    return render


def share(env, nav) -> None:
    """Make the theme render its shared blocks once per folder for this build."""
    in_nav = {id(page) for page in nav.pages}
    base = env.get_template("base.html")
    # The theme's own blocks: the project's overrides (docs/overrides/main.html) call them through super(), which
    # finds the block it is in by identity, and add little to them.
    for name in SHARED + TITLED:
        base.blocks[name] = once_per_folder(base.blocks[name], in_nav, titled=name in TITLED)
