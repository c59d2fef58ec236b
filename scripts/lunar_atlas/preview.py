"""`make serve`: the site on http://127.0.0.1:8000/, showing each edit to the package within about a second.

Started, it validates the package and builds the site once (lunar_atlas.preview_pages). Then it watches:

- an edit to the package is read at once; every page a reader opens from then on is rendered again from it
  (a page open in a browser reloads itself, by a script added to each page as it is served). Beside that, a full
  `lunar-atlas build` runs, which validates the package and brings the downloads, the search index and the pages
  of new rows. Its problems, if any, are shown on every page until an edit fixes them, and printed.
- an edit to the code, the templates, the docs or mkdocs.yml starts the preview again from the beginning.
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
import threading
import time
import uuid
from functools import partial
from pathlib import Path

from .build import build_environment, validate_in_child
from .paths import ROOT
from .preview_pages import PageRenderer, page_url

WATCH_EVERY_S = 0.1
FULL_BUILD_NICENESS = 10  # below the pages a reader is waiting for
# The preview's own, not the site's: the problems stay in view over the page, whatever its scheme.
BANNER_STYLE = ("position:fixed;left:0;right:0;bottom:0;z-index:10;max-height:40vh;overflow:auto;margin:0;padding:.8em;"
                "white-space:pre-wrap;font:13px/1.4 monospace;background:#7a1010;color:#fff")
CODE = ("scripts", "docs", "mkdocs.yml", "CHANGELOG.md", "releases")
# Python's compiled files (written as the full build imports the code) and editors' hidden and backup files.
IGNORED = re.compile(r"(^|/)(__pycache__|\.[^/]*)(/|$)|\.pyc$|~$")


def fingerprint(*places: Path) -> tuple:
    """What changes when a file under `places` is saved, added or removed."""
    seen = []
    for place in places:
        paths = sorted(place.rglob("*")) if place.is_dir() else [place]
        for path in paths:
            if IGNORED.search(str(path.relative_to(place) if path != place else path.name)):
                continue
            try:
                status = path.stat()
            except OSError:
                continue  # removed while looked at: the next look sees it gone
            seen.append((str(path), status.st_mtime_ns, status.st_size))
    return tuple(seen)


class Preview:
    """The preview's state: which edit the pages show, which full build has landed, and its problems."""

    def __init__(self, package: Path, site_dir: Path, port: int):
        self.package, self.site_dir, self.port = package, site_dir, port
        self.site_url = f"http://127.0.0.1:{port}/"
        self.renderer = PageRenderer(package, site_dir, self.site_url)
        self.server_id = uuid.uuid4().hex  # a restarted preview is told apart, so open pages reload
        self.generation = self.built = 0
        self.rendered: dict[str, int] = {}
        self.problems = ""
        self.changed = threading.Condition()
        self.rendering = threading.Lock()
        self.full_build: subprocess.Popen | None = None

    def start(self) -> int:
        problems = validate_in_child(self.package)
        if problems:
            sys.stderr.write(problems + "Fix these, then run make serve again.\n")
            return 1
        os.environ.update(build_environment(self.package), LUNAR_ATLAS_SITE_URL=self.site_url)
        self.renderer.build()  # the package is read again at the first edit, not before: nothing is rendered till then
        return 0

    def page(self, path: str) -> str:
        """How the page at `path` is served: "rendered" (again, from the last edit) or "built" (by a full build)."""
        url = page_url(path)
        if self.generation == self.built:
            return "built"
        with self.rendering:
            if self.rendered.get(url) != self.generation:
                try:
                    if not self.renderer.render(url):
                        return "built"
                except Exception as error:  # a broken edit: the page stays as it was, and says why
                    self._say(f"{path} could not be rendered again: {error}")
                    return "built"
                self.rendered[url] = self.generation
        return "rendered"

    def package_edited(self) -> None:
        with self.rendering:
            try:
                self.renderer.reload()
            except Exception:  # the full build's validator says what and where, in a moment
                self.problems = f"{self.package.parent} cannot be read as it is now: checking it..."

        with self.changed:
            self.generation += 1
            self.changed.notify_all()
        self._start_full_build(self.generation)

    def _say(self, problem: str) -> None:
        self.problems = problem
        print(problem, file=sys.stderr, flush=True)

    def _start_full_build(self, generation: int) -> None:
        if self.full_build is not None and self.full_build.poll() is None:
            os.killpg(self.full_build.pid, 9)  # the next edit supersedes it
        self.full_build = subprocess.Popen(
            [sys.executable, "-m", "lunar_atlas.cli", "build", str(self.package), "--site-dir", str(self.site_dir)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
            preexec_fn=partial(os.nice, FULL_BUILD_NICENESS))
        threading.Thread(target=self._await_full_build, args=(self.full_build, generation), daemon=True).start()

    def _await_full_build(self, process: subprocess.Popen, generation: int) -> None:
        output = process.communicate()[0]
        with self.changed:
            if generation != self.generation or process.returncode < 0:
                return  # superseded by a later edit
            if process.returncode == 0:
                self.built, self.problems = generation, ""
                print("Rebuilt the whole site for the edit: downloads, search and new rows' pages included", flush=True)
            else:
                self._say(output.strip() or f"the full build stopped with status {process.returncode}")
            self.changed.notify_all()

    def wait_for_change(self, since: int, timeout: float) -> int:
        with self.changed:
            self.changed.wait_for(lambda: self.generation != since, timeout)
            return self.generation

    def stop(self) -> None:
        if self.full_build is not None and self.full_build.poll() is None:
            os.killpg(self.full_build.pid, 9)
            self.full_build.wait()

    def watch(self) -> None:
        """Forever: a package edit is shown at once; a code edit starts the preview again."""
        code = [ROOT / name for name in CODE]
        package, program = fingerprint(self.package.parent), fingerprint(*code)
        while True:
            time.sleep(WATCH_EVERY_S)
            now = fingerprint(self.package.parent)
            if now != package:
                package = now
                self.package_edited()
            if fingerprint(*code) != program:
                print("The code changed: starting the preview again", flush=True)
                self.stop()
                os.execv(sys.executable, [sys.executable, "-m", "lunar_atlas.cli", "serve", str(self.package),
                                          "--port", str(self.port), "--site-dir", str(self.site_dir)])


def annotate(document: bytes, preview: Preview, generation: int) -> bytes:
    """A served page with the script that reloads it after an edit, and the package's problems if it has any."""
    script = (f'<script>window.laPreview={{generation:{generation},server:"{preview.server_id}"}}</script>'
              '<script src="/.preview/reload.js"></script>')
    banner = ""
    if preview.problems:
        banner = (f'<pre class="la-preview-problems" role="alert" style="{BANNER_STYLE}">'
                  + html.escape(preview.problems[:4000]) + "</pre>")
    return document.replace(b"</body>", (banner + script).encode("utf-8") + b"</body>", 1)
