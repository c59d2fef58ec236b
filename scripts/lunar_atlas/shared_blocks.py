"""Material's navigation, rendered once for all the pages of a folder that share it.

The theme renders the navigation tabs and sidebar into every page. A generated page (a mission, a person, a
quote, ...) is not itself in the navigation and has no table of contents, so those blocks depend only on the
folder its address sits in (links are relative to it): every page of missions/ gets the same ones. They are
rendered for the first page of each folder and reused; pages in the navigation are rendered as usual. The
site stays byte for byte what the theme alone makes of the same pages (tests/test_build_output.py).
"""

from collections.abc import Callable, Iterator

SHARED = ("tabs", "site_nav")

Block = Callable[[object], Iterator[str]]


def folder_key(page, in_nav: set[int]) -> tuple | None:
    """What the shared blocks of a page depend on, or None where they depend on the page itself."""
    if page is None or id(page) in in_nav or len(page.toc):
        return None
    folder, _, name = page.url.rstrip("/").rpartition("/")
    hide = (page.meta or {}).get("hide") or ()
    return folder, page.url.endswith("/"), "." in name, tuple(hide) if isinstance(hide, list) else hide


def once_per_folder(block: Block, in_nav: set[int]) -> Block:
    """A theme block that is rendered once per folder key and replayed for the other pages of the folder."""
    rendered: dict[tuple, str] = {}

    def render(context) -> Iterator[str]:
        key = folder_key(context.get("page"), in_nav)
        if key is None:
            yield from block(context)
            return
        if key not in rendered:
            rendered[key] = "".join(block(context))
        yield rendered[key]

    return render


def share(env, nav) -> None:
    """Make the theme's base template render its navigation blocks once per folder for this build."""
    in_nav = {id(page) for page in nav.pages}
    base = env.get_template("base.html")
    for name in SHARED:
        base.blocks[name] = once_per_folder(base.blocks[name], in_nav)
