"""The build's render worker, seen from MkDocs: started by the gen-files script, waited for by the render hooks.

MkDocs must know every page before it reads the first, but it need not wait for every page to be written: the
worker first names the pages it will write, then writes those, in the order MkDocs reads them, while MkDocs reads
the first ones. The files that are not pages go straight into the built site: each download as soon as it is made
(before the first page that shows it), then, while MkDocs renders the pages with the theme, the released versions'
files, the API and the search index; the build waits for the worker before it ends.

The render worker's protocol: the worker reports on its standard output, one line at a time, in this order:

    plan PATH   a page to come, in the order the worker will write it
    planned     the plan is complete
    done PATH   that page is written

Each line is read by a thread of this process, so the worker never waits for MkDocs. Any other line is passed on
to standard error, to be seen.

The worker runs on the other core, at a lower priority than MkDocs: MkDocs reads a page much faster than the
worker renders it and mostly waits, and when MkDocs renders the pages with the theme, the worker's remaining work
must not slow it. A second worker would hold a second copy of the catalog in memory.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from functools import partial
from pathlib import Path

RENDER_NICENESS = 5  # added to MkDocs' niceness; the validator's is lower still (see build.py)
# Set by a build made one step at a time (see build.py): MkDocs reads no page before the worker has ended.
PAGES_FIRST = "LUNAR_ATLAS_PAGES_FIRST"
PLAN, PLANNED, DONE = "plan", "planned", "done"  # the protocol's words (see above)


class RenderWorkerFailed(RuntimeError):
    pass


class RenderWorker:
    """One worker process, and what it has reported by the protocol so far."""

    def __init__(self, command: list[str]):
        self._changed = threading.Condition()
        self._plan: list[str] = []
        self._to_come: set[str] = set()  # planned, not yet written (a hundred thousand paths at 100x: held once)
        self._planned = self._ended = False
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, encoding="utf-8",
                                        preexec_fn=partial(os.nice, RENDER_NICENESS))
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _heard(self, kind: str, path: str) -> bool:
        """Take one line of the protocol into account; False for a line that is not one."""
        if kind == DONE:
            self._to_come.discard(path)
        elif kind == PLAN:
            self._plan.append(path)
            self._to_come.add(path)
        elif kind == PLANNED:
            self._planned = True
        else:
            return False
        return True

    def _read(self) -> None:
        for line in self.process.stdout:
            kind, _, path = line.rstrip("\n").partition(" ")
            with self._changed:
                if not self._heard(kind, path):
                    print(line, end="", file=sys.stderr)  # not a report: let it be seen
                    continue
                self._changed.notify_all()
        self.process.wait()
        with self._changed:
            self._ended = True
            self._changed.notify_all()

    def _failure(self) -> RenderWorkerFailed:
        return RenderWorkerFailed(f"the render worker stopped with status {self.process.returncode}; its error is above")

    def pages(self) -> list[str]:
        """Every page the worker writes, in the order MkDocs should read them, once it has planned."""
        with self._changed:
            while not self._planned:
                if self._ended:
                    raise self._failure()
                self._changed.wait()
            return list(self._plan)

    def wait_for(self, path: str) -> None:
        """Return once the page at `path` is written (at once for a page the worker does not write)."""
        with self._changed:
            while path in self._to_come:
                if self._ended:
                    raise self._failure()
                self._changed.wait()

    def finish(self) -> None:
        """Wait for the worker; fail unless it ended well, having written every page it planned."""
        self._reader.join()
        if self.process.returncode != 0:
            raise self._failure()
        missing = sorted(self._to_come)
        if missing:
            raise RenderWorkerFailed(f"the render worker did not write {len(missing)} planned pages, {missing[0]} first")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self._reader.join()


_current: RenderWorker | None = None


def start(package: str, directory: Path, site_url: str, site_dir: Path) -> RenderWorker:
    """Start the render worker, writing the site's pages into `directory` and its other files into `site_dir`."""
    global _current
    if _current is not None:
        _current.stop()  # an earlier build in this process that ended without the hooks hearing of it
    _current = RenderWorker([sys.executable, "-m", "lunar_atlas.render", package, str(directory), site_url, str(site_dir)])
    return _current


def pages_first() -> bool:
    return os.environ.get(PAGES_FIRST) == "1"


def wait_for(path: str) -> None:
    if _current is not None:
        _current.wait_for(path)


def finish() -> None:
    global _current
    if _current is not None:
        worker, _current = _current, None
        worker.finish()


def stop() -> None:
    global _current
    if _current is not None:
        worker, _current = _current, None
        worker.stop()
