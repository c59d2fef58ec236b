"""MkDocs hooks that let the build read the first pages while the render worker still writes the rest.

See lunar_atlas.render_workers: MkDocs reads a page only once the worker has written it, checks that the worker
ended well before it writes the site, and stops the worker if the build fails.
"""

from lunar_atlas import render_workers


def on_page_read_source(page, config):
    render_workers.wait_for(page.file.src_uri)
    return None  # MkDocs reads the file itself


def on_env(env, config, files):
    render_workers.finish()  # every page is read by now; the downloads are copied next
    return env


def on_build_error(error):
    render_workers.stop()
