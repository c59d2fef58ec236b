"""MkDocs reads a page only once its render worker has written it, and a worker that stops fails the build."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

from lunar_atlas.render_workers import RenderWorkerFailed, RenderWorkers


def fake_worker(tmp_path: Path, name: str, body: str) -> list[str]:
    """A worker speaking the render workers' protocol, as a real process."""
    script = tmp_path / f"{name}.py"
    script.write_text("import sys, time\nfrom pathlib import Path\n" + textwrap.dedent(body), encoding="utf-8")
    return [sys.executable, str(script)]


def test_a_page_is_read_only_once_its_worker_has_written_it(tmp_path):
    page = tmp_path / "missions" / "late.md"
    worker = fake_worker(tmp_path, "slow", f"""
        print("file index.md", flush=True)
        print("plan 2 missions/late.md", flush=True)
        print("plan 1 missions/early.md", flush=True)
        print("planned", flush=True)
        time.sleep(0.5)
        Path({str(page)!r}).parent.mkdir(parents=True, exist_ok=True)
        Path({str(page)!r}).write_text("# Late", encoding="utf-8")
        print("done missions/late.md", flush=True)
        print("done missions/early.md", flush=True)
    """)
    workers = RenderWorkers([worker])
    assert workers.pages() == ["index.md", "missions/early.md", "missions/late.md"]
    workers.wait_for("missions/late.md")
    assert page.read_text(encoding="utf-8") == "# Late"
    workers.wait_for("about/index.md")  # not a worker's page: no wait
    workers.finish()


def test_a_worker_that_stops_midway_fails_the_build(tmp_path):
    worker = fake_worker(tmp_path, "broken", """
        print("plan 1 missions/a.md", flush=True)
        print("planned", flush=True)
        sys.exit(3)
    """)
    workers = RenderWorkers([worker])
    workers.pages()
    with pytest.raises(RenderWorkerFailed, match="render worker 1 of 1 stopped with status 3"):
        workers.wait_for("missions/a.md")
    with pytest.raises(RenderWorkerFailed, match="status 3"):
        workers.finish()


def test_a_worker_that_stops_before_its_plan_fails_the_build(tmp_path):
    good = fake_worker(tmp_path, "good", 'print("planned", flush=True)\n')
    broken = fake_worker(tmp_path, "broken", "sys.exit(2)\n")
    workers = RenderWorkers([good, broken])
    with pytest.raises(RenderWorkerFailed, match="render worker 2 of 2 stopped with status 2"):
        workers.pages()
    workers.stop()


def test_a_worker_that_ends_without_writing_a_planned_page_fails_the_build(tmp_path):
    worker = fake_worker(tmp_path, "forgetful", """
        print("plan 1 missions/a.md", flush=True)
        print("planned", flush=True)
    """)
    workers = RenderWorkers([worker])
    workers.pages()
    with pytest.raises(RenderWorkerFailed, match="did not write 1 planned pages, missions/a.md first"):
        workers.finish()


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


def test_render_workers_run_below_mkdocs_priority(tmp_path):
    """MkDocs converts pages on one core; the workers must not take turns with it there."""
    import os

    from lunar_atlas.render_workers import RENDER_NICENESS

    sleeper = [sys.executable, "-c", "import time; time.sleep(30)"]
    workers = RenderWorkers([sleeper, sleeper])  # the protocol allows several
    try:
        ours = os.getpriority(os.PRIO_PROCESS, 0)
        assert [os.getpriority(os.PRIO_PROCESS, p.pid) for p in workers._processes] == [min(ours + RENDER_NICENESS, 19)] * 2
    finally:
        workers.stop()
