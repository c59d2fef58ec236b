"""Where the build's time goes, and how soon `make serve` shows an edit: two measurements of `make bench`."""

from __future__ import annotations

import cProfile
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from .build import QUIET
from .paths import ROOT
from .render import write_site

# Each function's own time is put in the first area whose marker is in its file's path.
AREAS = (
    ("waiting (for the render worker, for locks)", ("render_workers", "acquire", "threading.py")),
    ("files (open, read, write, delete)", ("posix.", "io.open", "_io.", "shutil.py", "pathlib.py")),
    ("Markdown", ("/markdown/", "pymdownx", "html/parser.py")),
    ("Jinja templates (the theme's and the project's)", ("/jinja2/", "/material/", "overrides", "templates/", "markupsafe")),
    ("YAML front matter", ("/yaml/",)),
    ("the project's templates and views", ("lunar_atlas",)),
    ("MkDocs", ("/mkdocs/", "mkdocs_gen_files")),
)


def areas(stats: pstats.Stats) -> dict[str, float]:
    """Seconds of own time per area, from a profile; what no marker names is counted as "other"."""
    totals: dict[str, float] = {}
    for (filename, _, function), (_, _, own, _, _) in stats.stats.items():
        where = filename + " " + function  # built-in functions have no file, only a name such as <built-in method posix.unlink>
        area = next((name for name, markers in AREAS if any(m in where for m in markers)), "other")
        totals[area] = totals.get(area, 0.0) + own
    return {name: round(seconds, 2) for name, seconds in sorted(totals.items(), key=lambda item: -item[1])}


def profile_build(package: Path, work: Path) -> dict[str, dict[str, float]]:
    """Own time by area of the build's two processes: MkDocs (with the project's hooks) and the render worker."""
    mkdocs_profile = work / "mkdocs.prof"
    env = {**os.environ, **QUIET, "LUNAR_ATLAS_PACKAGE": str(package)}
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(mkdocs_profile), "-m", "mkdocs", "build", "-q",
                    "-f", str(ROOT / "mkdocs.yml"), "-d", str(work / "profiled-site")],
                   env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    worker = cProfile.Profile()
    pages = work / "profiled-pages"
    shutil.rmtree(pages, ignore_errors=True)
    worker.runcall(write_site, package, pages, "")
    return {"MkDocs": areas(pstats.Stats(str(mkdocs_profile))), "render worker": areas(pstats.Stats(worker))}


def _served(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def median_serve_round_trip(package: Path, folder: Path, runs: int = 3) -> float | None:
    """The median of `runs` round trips, each on a fresh copy of the package (None if one never showed the edit).

    One sample can land on a busy moment of the machine; the target is judged on the middle one.
    """
    times = []
    for run in range(runs):
        copy = folder / f"serve-package-{run}"
        shutil.copytree(package.parent, copy)
        times.append(serve_round_trip(copy / package.name))
    return None if None in times else statistics.median(times)


def serve_round_trip(package: Path, timeout: float = 120) -> float | None:
    """Seconds from saving a one-cell edit to the open page showing it in Chromium, under `make serve` (None: never)."""
    from playwright.sync_api import Error, sync_playwright

    from .bench_site import CHROMIUM

    events = package.parent / "events.csv"
    url = "http://127.0.0.1:8000/missions/change-6/"
    server = subprocess.Popen([sys.executable, "-m", "lunar_atlas.cli", "serve", str(package), "--site-dir",
                               str(package.parent.parent / "serve-site")],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + timeout
        while "Chang'e-6 launches" not in _served(url).replace("&#39;", "'"):
            if time.monotonic() > deadline or server.poll() is not None:
                return None
            time.sleep(0.2)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            page.goto(url)
            text = events.read_text(encoding="utf-8")
            events.write_text(text.replace("Chang'e-6 launches", "Chang'e-6 is launched", 1), encoding="utf-8")
            saved = time.monotonic()
            try:  # the page reloads itself; nothing here navigates
                page.get_by_text("Chang'e-6 is launched").first.wait_for(timeout=timeout * 1000)
            except Error:
                return None
            finally:
                browser.close()
        return round(time.monotonic() - saved, 2)
    finally:
        os.killpg(server.pid, 15)
        server.wait()
