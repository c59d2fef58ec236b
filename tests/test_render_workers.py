"""MkDocs reads a page only once the render worker has written it, and a worker that stops fails the build."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

from lunar_atlas.render_workers import RenderWorker, RenderWorkerFailed


def fake_worker(tmp_path: Path, name: str, body: str) -> list[str]:
    """A worker speaking the render worker's protocol, as a real process."""
    script = tmp_path / f"{name}.py"
    script.write_text("import sys, time\nfrom pathlib import Path\n" + textwrap.dedent(body), encoding="utf-8")
    return [sys.executable, str(script)]


def test_a_page_is_read_only_once_its_worker_has_written_it(tmp_path):
    page = tmp_path / "missions" / "late.md"
    worker = fake_worker(tmp_path, "slow", f"""
        print("plan missions/early.md", flush=True)
        print("plan missions/late.md", flush=True)
        print("planned", flush=True)
        time.sleep(0.5)
        Path({str(page)!r}).parent.mkdir(parents=True, exist_ok=True)
        Path({str(page)!r}).write_text("# Late", encoding="utf-8")
        print("done missions/late.md", flush=True)
        print("done missions/early.md", flush=True)
    """)
    worker = RenderWorker(worker)
    assert worker.pages() == ["missions/early.md", "missions/late.md"]
    worker.wait_for("missions/late.md")
    assert page.read_text(encoding="utf-8") == "# Late"
    worker.wait_for("about/index.md")  # not a worker's page: no wait
    worker.finish()


def test_a_worker_that_stops_midway_fails_the_build(tmp_path):
    worker = fake_worker(tmp_path, "broken", """
        print("plan missions/a.md", flush=True)
        print("planned", flush=True)
        sys.exit(3)
    """)
    worker = RenderWorker(worker)
    worker.pages()
    with pytest.raises(RenderWorkerFailed, match="the render worker stopped with status 3"):
        worker.wait_for("missions/a.md")
    with pytest.raises(RenderWorkerFailed, match="status 3"):
        worker.finish()


def test_a_worker_that_stops_before_its_plan_fails_the_build(tmp_path):
    broken = fake_worker(tmp_path, "broken", 'print("plan index.md", flush=True)\nsys.exit(2)\n')
    worker = RenderWorker(broken)
    with pytest.raises(RenderWorkerFailed, match="the render worker stopped with status 2"):
        worker.pages()
    worker.stop()


def test_a_worker_that_ends_without_writing_a_planned_page_fails_the_build(tmp_path):
    worker = fake_worker(tmp_path, "forgetful", """
        print("plan missions/a.md", flush=True)
        print("planned", flush=True)
    """)
    worker = RenderWorker(worker)
    worker.pages()
    with pytest.raises(RenderWorkerFailed, match="did not write 1 planned pages, missions/a.md first"):
        worker.finish()


def test_the_worker_writes_pages_in_the_order_mkdocs_reads_them():
    """Else MkDocs would wait for a page written last while the others are ready."""
    from mkdocs.structure.files import File, file_sort_key

    from conftest import PACKAGE
    from lunar_atlas.catalog import load_catalog
    from lunar_atlas.render import Renderer

    catalog = load_catalog(PACKAGE)
    written = [path for path, _ in Renderer(catalog, changelog="# Changelog").pages()]
    read = [f.src_uri for f in sorted((File(path, "docs", "site", True) for path in written), key=file_sort_key)]
    rows = sum(len(catalog[table].rows) for table in ("missions", "people", "organizations", "places", "sources"))
    assert len(written) > rows and "index.md" in written and "timeline/index.md" in written and written == read


def test_the_render_worker_runs_below_mkdocs_priority(tmp_path):
    """MkDocs converts pages on one core; the worker must not take turns with it there."""
    import os

    from lunar_atlas.render_workers import RENDER_NICENESS

    sleeper = [sys.executable, "-c", "import time; time.sleep(30)"]
    worker = RenderWorker(sleeper)
    try:
        ours = os.getpriority(os.PRIO_PROCESS, 0)
        assert os.getpriority(os.PRIO_PROCESS, worker.process.pid) == min(ours + RENDER_NICENESS, 19)
    finally:
        worker.stop()
