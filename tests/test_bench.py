"""The benchmark's own judgements: what counts as a request to another host, which targets are met, where time goes."""

import csv
import gzip
import http.client
import os
from urllib.parse import urlsplit

from conftest import run_cli
from lunar_atlas.bench import targets
from lunar_atlas.bench_package import synthesize
from lunar_atlas.bench_build import areas
from lunar_atlas.bench_site import _serve, requests_elsewhere
from lunar_atlas.paths import DEFAULT_PACKAGE


def lighthouse_report(*urls: str) -> dict:
    """The part of a Lighthouse JSON report that lists every request the page made."""
    return {"audits": {"network-requests": {"details": {"items": [{"url": url} for url in urls]}}}}


def test_a_request_to_another_host_is_reported_and_the_sites_own_are_not():
    report = lighthouse_report("http://127.0.0.1:8123/", "http://127.0.0.1:8123/assets/stylesheets/atlas.css",
                               "data:image/svg+xml;charset=utf-8,<svg/>", "https://fonts.gstatic.com/s/roboto.woff2",
                               "http://127.0.0.1:9999/elsewhere.js")
    assert requests_elsewhere(report, "http://127.0.0.1:8123/") == ["http://127.0.0.1:9999/elsewhere.js",
                                                                     "https://fonts.gstatic.com/s/roboto.woff2"]


def test_a_page_that_loads_only_its_own_files_has_no_request_elsewhere():
    assert requests_elsewhere(lighthouse_report("http://localhost:8000/", "http://localhost:8000/search/search_index.json"),
                              "http://localhost:8000/") == []


def bench_report(**search_at: tuple[float, int]) -> dict:
    """A benchmark report with search measured at each scale: {scale: (KB fetched, ms to first results)}."""
    results = [{"scale": int(scale.removeprefix("x")), "overhead": 1.1, "ms_per_page": 6.0, "validate_s": 5, "peak_memory_mb": 1000,
                "search_fetched_gzip_kb": kb, "search_ms": ms}
               for scale, (kb, ms) in search_at.items()]
    return {"results": results, "search": {"fetched_gzip_kb": 40, "median_ms": 700}, "lighthouse": {},
            "requests_elsewhere": [], "real_heaviest": {"page": "index.html", "total_gzip": 50_000}}


def test_search_targets_are_judged_at_every_scale():
    lines = targets(bench_report(x1=(48.5, 700), x10=(22.6, 900), x100=(1100.0, 1200)))
    assert "met      search at 1x: at most 1 MB gzip fetched on a page view: 48.5 KB" in lines
    assert "met      search at 10x: first results within 1 s of opening the home page: 900 ms" in lines
    assert "NOT MET  search at 100x: at most 1 MB gzip fetched on a page view: 1100.0 KB" in lines
    assert "NOT MET  search at 100x: first results within 1 s of opening the home page: 1200 ms" in lines


def test_the_build_is_judged_against_half_the_floor_and_six_tenths_at_100x():
    report = bench_report(x1=(40, 500), x10=(40, 500), x100=(40, 500))
    for result, overhead in zip(report["results"], (0.45, 0.55, 0.58)):
        result["overhead"] = overhead
    lines = targets(report)
    assert "met      build at 1x at most 0.5x the plain MkDocs floor: 0.45x" in lines
    assert "NOT MET  build at 10x at most 0.5x the plain MkDocs floor: 0.55x" in lines
    assert "met      build at 100x at most 0.6x the plain MkDocs floor: 0.58x" in lines
    assert "met      peak memory at 100x under 1 GB: 1000 MB" in lines


def test_make_serve_is_judged_on_showing_an_edit_within_2_s():
    report = bench_report(x1=(40, 500))
    assert "NOT MET  make serve shows a one-cell edit within 2 s at 1x: never" in targets({**report, "serve_round_trip_s": None})
    assert "met      make serve shows a one-cell edit within 2 s at 1x: 1.4 s" in targets({**report, "serve_round_trip_s": 1.4})


def test_make_serves_round_trip_is_the_median_of_three_fresh_copies_and_never_if_one_never_showed(tmp_path, monkeypatch):
    from lunar_atlas import bench_build

    package = tmp_path / "package" / "datapackage.json"
    package.parent.mkdir()
    package.write_text("{}", encoding="utf-8")
    seen, times = [], iter([1.9, 1.2, 1.3, 1.1, None, 1.0])

    def round_trip(copy):
        seen.append(copy)
        copy.with_name("events.csv").write_text("edited", encoding="utf-8")  # each run edits its own copy
        return next(times)

    monkeypatch.setattr(bench_build, "serve_round_trip", round_trip)
    assert bench_build.median_serve_round_trip(package, tmp_path / "work") == 1.3
    assert len(set(seen)) == 3 and all(path.parent.name.startswith("serve-package") for path in seen)
    assert not (package.parent / "events.csv").exists()
    assert bench_build.median_serve_round_trip(package, tmp_path / "again") is None


def test_a_profile_puts_each_functions_own_time_in_its_area():
    from types import SimpleNamespace

    def entry(seconds: float) -> tuple:
        return (1, 1, seconds, seconds, {})  # calls, primitive calls, own time, cumulative time, callers

    profile = SimpleNamespace(stats={
        ("/venv/material/templates/base.html", 4, "root"): entry(2.0),
        ("/venv/jinja2/runtime.py", 262, "call"): entry(1.0),
        ("~", 0, "<built-in method posix.unlink>"): entry(1.5),
        ("~", 0, "<method 'acquire' of '_thread.lock' objects>"): entry(0.75),
        ("/venv/markdown/core.py", 322, "convert"): entry(0.5),
        ("/work/scripts/lunar_atlas/views.py", 198, "cells"): entry(0.25),
        ("~", 0, "<built-in method builtins.len>"): entry(0.125),
    })
    assert areas(profile) == {
        "Jinja templates (the theme's and the project's)": 3.0,
        "files (open, read, write, delete)": 1.5,
        "waiting (for the render worker, for locks)": 0.75,
        "Markdown": 0.5,
        "the project's templates and views": 0.25,
        "other": 0.12,
    }


def test_the_synthetic_packages_the_benchmark_builds_are_valid(tmp_path):
    """Three copies of every row: renamed IDs, IDs made of other IDs (crew), sources cited only on the first copy."""
    package = synthesize(DEFAULT_PACKAGE, 3, tmp_path / "package")
    result = run_cli("validate", str(package))
    assert result.returncode == 0, result.stdout[-3000:]
    with (tmp_path / "package" / "crew.csv").open(encoding="utf-8", newline="") as handle:
        crew = list(csv.DictReader(handle))
    with (DEFAULT_PACKAGE.parent / "crew.csv").open(encoding="utf-8", newline="") as handle:
        assert len(crew) == 3 * sum(1 for _ in csv.DictReader(handle))
    assert all(row["crew_id"] == f"{row['mission_id']}-{row['person_id']}" for row in crew)


def test_the_measured_site_is_served_gzipped_over_one_kept_connection_by_a_process_of_its_own(tmp_path):
    """The browser is timed against a server as a real host behaves, not one that waits on the measuring process."""
    (tmp_path / "index.html").write_text("<p>home</p>" * 100, encoding="utf-8")
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "part.json").write_text('{"a": 1}', encoding="utf-8")
    server, base = _serve(tmp_path)
    try:
        assert server.process.pid != os.getpid() and server.process.poll() is None
        connection = http.client.HTTPConnection(urlsplit(base).netloc, timeout=10)
        for path, expected in (("/", "<p>home</p>" * 100), ("/search/part.json", '{"a": 1}')):
            connection.request("GET", path, headers={"Accept-Encoding": "gzip"})
            response = connection.getresponse()
            assert response.getheader("Content-Encoding") == "gzip" and not response.will_close
            assert gzip.decompress(response.read()).decode("utf-8") == expected
    finally:
        server.shutdown()
    assert server.process.poll() is not None
