"""The build's render workers, seen from MkDocs: started by the gen-files script, waited for by the render hooks.

MkDocs must know every page before it reads the first, but it need not wait for every page to be written: a
worker first writes the downloads and names the pages it will write, then writes those, in the order MkDocs reads
them, while MkDocs reads and converts the first ones. A worker reports on its standard output, one line at a time:

    file PATH        a download written (before the plan)
    plan TURN PATH   a page to come; TURN orders all workers' pages as one list
    planned          the plan is complete
    done PATH        that page is written

Each line is read by a thread of this process, so a worker never waits for MkDocs.

MkDocs converts pages on one core and is the longest part of the build; a worker runs at a lower priority, so
that on the other core it keeps ahead of MkDocs without taking turns with it on its own.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from functools import partial
from pathlib import Path

RENDER_NICENESS = 5  # added to MkDocs' niceness; the validator's is lower still (see build.py)


class RenderWorkerFailed(RuntimeError):
    pass


class RenderWorkers:
    def __init__(self, commands: list[list[str]]):
        self._changed = threading.Condition()
        self._files: list[str] = []
        self._plan: list[tuple[int, str]] = []
        self._owner: dict[str, int] = {}  # planned page -> the worker that writes it
        self._done: set[str] = set()
        self._planned = [False] * len(commands)
        self._ended = [False] * len(commands)
        self._processes = [subprocess.Popen(command, stdout=subprocess.PIPE, text=True, encoding="utf-8",
                                            preexec_fn=partial(os.nice, RENDER_NICENESS))
                           for command in commands]
        self._readers = [threading.Thread(target=self._read, args=(number,), daemon=True) for number in range(len(commands))]
        for reader in self._readers:
            reader.start()

    def _read(self, number: int) -> None:
        for line in self._processes[number].stdout:
            kind, _, rest = line.rstrip("\n").partition(" ")
            with self._changed:
                if kind == "done":
                    self._done.add(rest)
                elif kind == "file":
                    self._files.append(rest)
                elif kind == "plan":
                    turn, _, path = rest.partition(" ")
                    self._plan.append((int(turn), path))
                    self._owner[path] = number
                elif kind == "planned":
                    self._planned[number] = True
                else:
                    print(line, end="", file=sys.stderr)  # not a report: let it be seen
                    continue
                self._changed.notify_all()
        self._processes[number].wait()
        with self._changed:
            self._ended[number] = True
            self._changed.notify_all()

    def _failure(self, number: int) -> RenderWorkerFailed:
        return RenderWorkerFailed(f"render worker {number + 1} of {len(self._processes)} stopped with status "
                                  f"{self._processes[number].returncode}; its error is above")

    def pages(self) -> list[str]:
        """Every page and file the workers write, in the order MkDocs should read them, once all have planned."""
        with self._changed:
            while not all(self._planned):
                stopped = next((n for n, ended in enumerate(self._ended) if ended and not self._planned[n]), None)
                if stopped is not None:
                    raise self._failure(stopped)
                self._changed.wait()
            return sorted(self._files) + [path for _, path in sorted(self._plan)]  # the same order in every build

    def wait_for(self, path: str) -> None:
        """Return once the page at `path` is written (at once for a page the workers do not write)."""
        with self._changed:
            owner = self._owner.get(path)
            while owner is not None and path not in self._done:
                if self._ended[owner]:
                    raise self._failure(owner)
                self._changed.wait()

    def finish(self) -> None:
        """Wait for every worker; fail unless all ended well, having written every page they planned."""
        for number, reader in enumerate(self._readers):
            reader.join()
            if self._processes[number].returncode != 0:
                raise self._failure(number)
        missing = sorted(set(self._owner) - self._done)
        if missing:
            raise RenderWorkerFailed(f"the render workers did not write {len(missing)} planned pages, {missing[0]} first")

    def stop(self) -> None:
        for process in self._processes:
            if process.poll() is None:
                process.kill()
        for reader in self._readers:
            reader.join()


_current: RenderWorkers | None = None


def start(package: str, directory: Path, site_url: str) -> RenderWorkers:
    """Start the render worker, writing the site's pages into `directory`.

    One worker renders pages about three times as fast as MkDocs reads them, so a second would only take turns with
    MkDocs for the CPU and hold a second copy of the catalog in memory.
    """
    global _current
    if _current is not None:
        _current.stop()  # a build that ended without the hooks hearing of it (mkdocs serve)
    _current = RenderWorkers([[sys.executable, "-m", "lunar_atlas.render", package, str(directory), site_url]])
    return _current


def wait_for(path: str) -> None:
    if _current is not None:
        _current.wait_for(path)


def finish() -> None:
    global _current
    if _current is not None:
        workers, _current = _current, None
        workers.finish()


def stop() -> None:
    global _current
    if _current is not None:
        workers, _current = _current, None
        workers.stop()
