"""MkDocs hooks that keep the build's memory flat as the catalog grows: between reading a page and writing it,
MkDocs keeps little of it (lunar_atlas.page_memory says what and why)."""

from mkdocs.plugins import event_priority

from lunar_atlas import page_memory


@event_priority(-100)  # after every plugin has seen the HTML
def on_page_content(html, page, config, files):
    return page_memory.park(page, html)


@event_priority(-100)  # every page is read, and every link to an anchor known
def on_env(env, config, files):
    page_memory.keep_linked_anchors([file.page for file in files.documentation_pages() if file.page is not None])
    return env


@event_priority(100)  # before any plugin (search indexes the HTML here) or the theme reads it
def on_page_context(context, page, config, nav):
    page_memory.unpark(page)
    return context


@event_priority(-100)
def on_post_page(output, page, config):
    page_memory.release(page)
    return output
