"""The benchmark: speed and size as the data grows, measured on synthetic packages made from the real one.

`lunar-atlas bench` prints a table and writes build/bench.json. Numbers, not assertions: tests never time things.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import bench_build, floor
from .bench_package import synthesize
from .bench_site import page_quality, search_index_kb, search_ready
from .build import QUIET
from .paths import DEFAULT_PACKAGE

def _timed(command: list[str], env=None) -> tuple[float, int]:
    """Seconds taken, and the peak memory (KiB) of the child and all its descendants together, sampled."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    peak = 0
    while process.poll() is None:
        peak = max(peak, _tree_rss(process.pid))
        time.sleep(0.2)  # reading /proc more often takes CPU from the build being measured
    seconds = time.perf_counter() - start
    if process.returncode != 0:
        raise subprocess.CalledProcessError(process.returncode, command)
    return seconds, peak


def _tree_rss(root: int) -> int:
    """Resident memory (KiB) of a process and its descendants, from /proc."""
    parents, rss = {}, {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue  # it ended while we looked
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        parents[int(entry.name)] = int(fields.get("PPid", "0"))
        rss[int(entry.name)] = int(fields.get("VmRSS", "0 kB").split()[0])
    tree = {root}
    grown = True
    while grown:
        grown = False
        for pid, parent in parents.items():
            if parent in tree and pid not in tree:
                tree.add(pid)
                grown = True
    return sum(rss.get(pid, 0) for pid in tree)


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "lunar_atlas.cli", *args]


def _floor(package: Path, work: Path) -> float:
    """A plain `mkdocs build` of the very same pages written out as files: no generation step, no project code."""
    config = floor.write_floor(package, work)
    seconds, _ = _timed(floor.command(config, work / "floor-site"), {**os.environ, **QUIET})
    return seconds


ASSET = re.compile(r'<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="([^"]+)"')


def _page_weight(page: Path, site: Path, gzipped: dict[Path, int]) -> dict:
    """A page's HTML and the CSS and JS it loads (not the search index, fetched later), raw and gzip."""
    html = page.read_bytes()
    weight = {"page": str(page.relative_to(site)), "html": len(html), "html_gzip": len(gzip.compress(html, 9)),
              "css": 0, "css_gzip": 0, "js": 0, "js_gzip": 0}
    for reference in ASSET.findall(html.decode("utf-8")):
        asset = (page.parent / reference.split("?")[0]).resolve()
        if not asset.is_file() or asset.suffix not in (".css", ".js"):
            continue  # a third-party address would show here; there are none
        if asset not in gzipped:
            gzipped[asset] = len(gzip.compress(asset.read_bytes(), 9))
        kind = asset.suffix[1:]
        weight[kind] += asset.stat().st_size
        weight[f"{kind}_gzip"] += gzipped[asset]
    weight["total_gzip"] = weight["html_gzip"] + weight["css_gzip"] + weight["js_gzip"]
    return weight


def _heaviest_page(site: Path) -> dict:
    """The page heaviest to load; the largest HTML files are weighed in full (every page would take minutes at 100x)."""
    pages = sorted(site.rglob("*.html"), key=lambda p: p.stat().st_size, reverse=True)
    gzipped: dict[Path, int] = {}
    candidates = pages[:20] + [site / "index.html"]
    return max((_page_weight(page, site, gzipped) for page in candidates if page.is_file()), key=lambda w: w["total_gzip"])


def measure(scale: int, runs: int, work: Path) -> dict:
    package = synthesize(DEFAULT_PACKAGE, scale, work / f"package-{scale}")
    validation = [_timed(_cli("validate", str(package)))[0] for _ in range(runs)]
    builds, peaks = [], []
    site = work / f"site-{scale}"
    for _ in range(runs):
        seconds, peak = _timed(_cli("build", str(package), "--site-dir", str(site)))
        builds.append(seconds)
        peaks.append(peak)
    events = package.parent / "events.csv"
    events.write_text(events.read_text(encoding="utf-8").replace("Chang'e-6 launches", "Chang'e-6 lifts off", 1), encoding="utf-8")
    rebuild, _ = _timed(_cli("build", str(package), "--site-dir", str(site)))
    floor = [_floor(package, work) for _ in range(runs)]
    pages = sum(1 for _ in site.rglob("*.html"))
    build_time = statistics.median(builds)
    os.sync()  # the floor's thousands of written pages reach the disk before the browser is timed, not during it
    search = search_ready(site, runs=5)
    return {
        "scale": scale, "runs": runs, "pages": pages,
        "validate_s": round(statistics.median(validation), 2), "build_s": round(build_time, 2), "rebuild_s": round(rebuild, 2),
        "floor_s": round(statistics.median(floor), 2), "overhead": round(build_time / statistics.median(floor), 2),
        "ms_per_page": round(1000 * build_time / pages, 1),
        "site_mb": round(sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1e6, 1),
        "search_index_kb": search_index_kb(site), "search_fetched_gzip_kb": search["fetched_gzip_kb"],
        "search_ms": search["median_ms"],
        "heaviest": _heaviest_page(site), "peak_memory_mb": round(max(peaks) / 1024),
    }


def run_bench(scales: list[int], runs: int, output: Path) -> int:
    results = []
    with tempfile.TemporaryDirectory(prefix="lunar-atlas-bench-") as folder:
        for scale in scales:
            count = 1 if scale >= 100 else runs
            print(f"measuring {scale}x ({count} run{'s' if count > 1 else ''}) …", flush=True)
            results.append(measure(scale, count, Path(folder)))
            print(_row(results[-1]), flush=True)
        print("page quality (Lighthouse, mobile) and search readiness on the real site …", flush=True)
        real_site = Path(folder) / "site-real"
        subprocess.run(_cli("build", str(DEFAULT_PACKAGE), "--site-dir", str(real_site)), check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        quality, elsewhere = page_quality(real_site, Path(folder))
        search = search_ready(real_site)
        search["index_kb"] = search_index_kb(real_site)
        heaviest = _heaviest_page(real_site)
        print("where the build's time goes (profiled) and make serve's round trip …", flush=True)
        profile = bench_build.profile_build(DEFAULT_PACKAGE, Path(folder))
        serve_s = bench_build.median_serve_round_trip(DEFAULT_PACKAGE, Path(folder))
    output.parent.mkdir(parents=True, exist_ok=True)
    report = {"machine": _machine(), "results": results, "lighthouse": quality, "requests_elsewhere": elsewhere,
              "search": search, "real_heaviest": heaviest,
              "profile": profile, "serve_round_trip_s": serve_s}
    output.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print()
    print(table(results))
    print()
    for page, scores in quality.items():
        print(f"lighthouse {page}: " + (", ".join(f"{k} {v}" for k, v in scores.items()) if isinstance(scores, dict) else str(scores)))
    print(f"search: first results {search['median_ms']} ms after opening the home page (median of {search['runs']}), "
          f"{search['fetched_gzip_kb']} KB gzip fetched for search, of an index of {search['index_kb']} KB")
    for process, seconds in profile.items():
        print(f"profile, {process} (own seconds under the profiler): " + ", ".join(f"{k} {v}" for k, v in seconds.items()))
    print()
    for line in targets(report):
        print(line)
    print(f"\nwritten to {output}")
    return 0


def targets(report: dict) -> list[str]:
    """Each target of the benchmark, and whether this run met it."""
    lines: list[str] = []

    def check(name: str, value, ok: bool) -> None:
        lines.append(f"{'met    ' if ok else 'NOT MET'}  {name}: {value}")

    _build_targets(report, check)
    _site_targets(report, check)
    return lines


def _build_targets(report: dict, check) -> None:
    """Speed, memory and search at each scale, and make serve's round trip."""
    results = {r["scale"]: r for r in report["results"]}
    for scale, r in sorted(results.items()):
        limit = 0.6 if scale >= 100 else 0.5
        check(f"build at {scale}x at most {limit}x the plain MkDocs floor", f"{r['overhead']}x", r["overhead"] <= limit)
    for scale, r in sorted(results.items()):
        check(f"search at {scale}x: at most 1 MB gzip fetched on a page view", f"{r['search_fetched_gzip_kb']} KB",
              r["search_fetched_gzip_kb"] <= 1024)
        check(f"search at {scale}x: first results within 1 s of opening the home page", f"{r['search_ms']} ms", r["search_ms"] <= 1000)
    if 10 in results and 100 in results:
        ratio = round(results[100]["ms_per_page"] / results[10]["ms_per_page"], 2)
        check("ms per page at 100x at most 1.1x those at 10x", f"{ratio}x", ratio <= 1.1)
    if 100 in results:
        check("validation at 100x under 10 s", f"{results[100]['validate_s']} s", results[100]["validate_s"] < 10)
        check("peak memory at 100x under 1 GB", f"{results[100]['peak_memory_mb']} MB", results[100]["peak_memory_mb"] < 1024)
    if "serve_round_trip_s" in report:
        seconds = report["serve_round_trip_s"]
        check("make serve shows a one-cell edit within 2 s at 1x", "never" if seconds is None else f"{seconds} s",
              seconds is not None and seconds <= 2)


def _site_targets(report: dict, check) -> None:
    """Search, Lighthouse, other hosts and page weight on the real site."""
    search = report["search"]
    check("search on the real site: at most 1 MB gzip fetched on a page view", f"{search['fetched_gzip_kb']} KB",
          search["fetched_gzip_kb"] <= 1024)
    check("search on the real site: first results within 1 s", f"{search['median_ms']} ms", search["median_ms"] <= 1000)
    for page, scores in report["lighthouse"].items():
        if isinstance(scores, dict):
            others = {k: v for k, v in scores.items() if k in ("accessibility", "best-practices", "seo")}
            check(f"Lighthouse {page}: performance at least 95", scores["performance"], scores["performance"] >= 95)
            check(f"Lighthouse {page}: accessibility, best practices, SEO 100", others, all(v == 100 for v in others.values()))
    if report["requests_elsewhere"] is not None:
        check("no request to a third-party host (fonts included)", report["requests_elsewhere"] or "none",
              not report["requests_elsewhere"])
    heaviest = report["real_heaviest"]
    check("no page heavier than 100 KB gzip (HTML, CSS, JS)", f"{heaviest['page']} {round(heaviest['total_gzip'] / 1024, 1)} KB",
          heaviest["total_gzip"] <= 100 * 1024)


HEADER = ("scale", "pages", "validate s", "build s", "floor s", "overhead", "ms/page", "rebuild s", "site MB", "search index KB",
          "search fetched KB gz", "first results ms", "heaviest page KB gz", "peak MB")


def _row(r: dict) -> str:
    heaviest = r["heaviest"]
    values = (f"{r['scale']}x", r["pages"], r["validate_s"], r["build_s"], r["floor_s"], f"{r['overhead']}x", r["ms_per_page"], r["rebuild_s"],
              r["site_mb"], r["search_index_kb"], r["search_fetched_gzip_kb"], r["search_ms"], f'{round(heaviest["total_gzip"] / 1024, 1)} ({heaviest["page"].removesuffix("index.html") or "home"})',
              r["peak_memory_mb"])
    return " | ".join(str(v) for v in values)


def table(results: list[dict]) -> str:
    lines = [" | ".join(HEADER), " | ".join("---" for _ in HEADER)]
    return "\n".join(lines + [_row(r) for r in results])


def _machine() -> dict:
    return {"cpus": os.cpu_count(), "python": sys.version.split()[0], "platform": sys.platform,
            "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30)}
