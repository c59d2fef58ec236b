"""MkDocs hooks that let the build read the first pages while the render worker still writes the rest, and that
let those pages skip the Markdown pass they do not need.

See lunar_atlas.render_workers: MkDocs reads a page only once the worker has written it, checks that the worker
ended well before the build ends, and stops the worker if the build fails. See lunar_atlas.html_pages for
the pages that are HTML already, and lunar_atlas.shared_blocks for the navigation rendered once per folder.
"""

from lunar_atlas import html_pages, render_workers, shared_blocks

_nav = None


def on_page_read_source(page, config):
    render_workers.wait_for(page.file.src_uri)
    return None  # MkDocs reads the file itself


def on_page_markdown(markdown, page, config, files):
    html_pages.skip_markdown(page, markdown)
    return markdown


def on_nav(nav, config, files):
    global _nav
    _nav = nav
    return nav


def on_env(env, config, files):
    shared_blocks.share(env, _nav)  # every page is read by now; the theme renders them next
    return env


def on_post_build(config):
    render_workers.finish()  # the downloads, API and search index it wrote into the site meanwhile


def on_build_error(error):
    render_workers.stop()
