"""The benchmark's measurements of a built site as a browser meets it: served on localhost with gzip, as a real host
would serve it, then Lighthouse's scores and the time and bytes of a search in headless Chromium."""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

from .paths import ROOT

LIGHTHOUSE = ROOT / "tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
QUALITY_PAGES = {"home": "", "mission": "missions/change-6/", "timeline": "timeline/", "reference": "reference/missions/"}
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".csv")


@functools.lru_cache(maxsize=4096)
def _gzipped(path: str, mtime_ns: int, size: int) -> bytes:
    """A file compressed once, as a real host keeps it (gzip_static, a CDN's cache): the measurements of the page
    should not include the test server compressing the same file on every request."""
    return gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves text files gzip-compressed over connections kept open, as a real host would."""

    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not (path.is_file() and path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        stat = path.stat()
        body = _gzipped(str(path), stat.st_mtime_ns, stat.st_size)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class _Server:
    """The site served from a process of its own: in the measuring process its threads would wait for the Python
    lock while Playwright's driver holds it, and the page would be timed waiting for the test server, not the site."""

    def __init__(self, site: Path):
        self.process = subprocess.Popen([sys.executable, "-m", "lunar_atlas.bench_site", str(site)], stdout=subprocess.PIPE, text=True)
        self.port = int(self.process.stdout.readline())

    def shutdown(self) -> None:
        self.process.terminate()
        self.process.wait()


def _serve(site: Path) -> tuple[_Server, str]:
    server = _Server(site)
    return server, f"http://127.0.0.1:{server.port}/"


def requests_elsewhere(report: dict, base: str) -> list[str]:
    """The addresses a page loaded from any host but the site's own, from a Lighthouse report (data: URLs are inline)."""
    own = urlsplit(base).netloc
    urls = (item["url"] for item in report["audits"]["network-requests"]["details"]["items"])
    return sorted({url for url in urls if urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc != own})


def page_quality(site: Path, work: Path, runs: int = 3) -> tuple[dict, list[str] | None]:
    """Lighthouse scores (mobile) for four pages of the site, served on localhost with gzip: the median of `runs`;
    and every address those pages loaded from another host.

    A single run's performance score moves by ten points on a busy two-core machine; the median is what is reported.
    """
    if not LIGHTHOUSE.exists():
        return {"skipped": f"{LIGHTHOUSE} is not installed (make bench installs it)"}, None
    server, base = _serve(site)
    flags = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"
    scores, elsewhere = {}, set()
    try:
        for name, path in QUALITY_PAGES.items():
            runs_scores = []
            for run in range(runs):
                report = work / f"lighthouse-{name}-{run}.json"
                subprocess.run([str(LIGHTHOUSE), base + path, "--quiet", "--output=json", f"--output-path={report}",
                                f"--chrome-flags={flags}", "--only-categories=performance,accessibility,best-practices,seo"],
                               env={**os.environ, "CHROME_PATH": CHROMIUM},
                               check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
                result = json.loads(report.read_text(encoding="utf-8"))
                runs_scores.append(result["categories"])
                elsewhere.update(requests_elsewhere(result, base))
            scores[name] = {key: round(100 * statistics.median(r[key]["score"] for r in runs_scores)) for key in runs_scores[0]}
            scores[name]["performance_runs"] = [round(100 * r["performance"]["score"]) for r in runs_scores]
    finally:
        server.shutdown()
    return scores, sorted(elsewhere)


SEARCH_QUERY = "Chang'e-6"
# When the first result is shown, in milliseconds from the start of the page's navigation (the page's own clock:
# the typing that goes on after the first results, often answered from a prefix of the query, is not counted).
FIRST_RESULT = """new MutationObserver(() => {
  if (!window.__firstResult && document.querySelector(".md-search-result__item")) window.__firstResult = performance.now();
}).observe(document, {subtree: true, childList: true});"""


def search_ready(site: Path, runs: int = 5) -> dict:
    """Milliseconds from opening the home page (cold cache) to showing the first search results, in headless Chromium, and
    the bytes fetched for search on that page view (gzip, as served): Material's index file, the worker and the parts
    of the prebuilt index that the query needed.

    The query is typed once, key by key, as soon as the page has loaded, so every prefix of it is searched too.
    """
    from playwright.sync_api import sync_playwright

    server, base = _serve(site)
    times, fetched = [], []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            for _ in range(runs):
                context = browser.new_context()
                page = context.new_page()
                searched = []
                page.on("requestfinished", lambda request: searched.append(request) if _for_search(request.url) else None)
                page.add_init_script(FIRST_RESULT)
                page.goto(base)
                page.locator("input.md-search__input").click()
                page.keyboard.type(SEARCH_QUERY)
                page.locator(".md-search-result__item").first.wait_for(timeout=30_000)
                times.append(page.evaluate("window.__firstResult"))
                page.wait_for_timeout(500)  # the answers to the last keys
                fetched.append(sum(request.sizes()["responseBodySize"] for request in searched))
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return {"query": SEARCH_QUERY, "runs": runs, "median_ms": round(statistics.median(times)), "max_ms": round(max(times)),
            "fetched_gzip_kb": round(max(fetched) / 1024, 1)}


def _for_search(url: str) -> bool:
    path = urlsplit(url).path
    return "/search/" in path or path.endswith("/atlas-search.js")


def search_index_kb(site: Path) -> int:
    """The whole search index on disk (every part a query may fetch), raw."""
    return round(sum(p.stat().st_size for p in (site / "search").rglob("*") if p.is_file()) / 1024)


if __name__ == "__main__":
    # The server process of _Server: says its port on the first line, then serves until terminated.
    _server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_GzipHandler, directory=sys.argv[1]))
    print(_server.server_address[1], flush=True)
    _server.serve_forever()
