"""make serve: an edit to the package shows on the open page, as the full build makes it, and a broken edit says what
is wrong on every page."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from conftest import rewrite, run_cli, wait_until

PAGE = "missions/test-lander/"
PREVIEW_PARTS = re.compile(rb'(<pre class="la-preview-problems"[^>]*>.*?</pre>)?<script>window\.laPreview.*?</script>'
                           rb'<script src="/\.preview/reload\.js"></script>', re.DOTALL)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> tuple[int, dict, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()
    except OSError:
        return 0, {}, b""


@pytest.fixture
def preview(minimal, tmp_path):
    """`lunar-atlas serve` on a copy of the minimal package, on a port of its own: (address, package folder)."""
    port = free_port()
    command = [sys.executable, "-m", "lunar_atlas.cli", "serve", str(minimal / "datapackage.json"), "--port", str(port),
               "--site-dir", str(tmp_path / "site")]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_until(lambda: fetch(url + PAGE)[0] == 200 or process.poll() is not None, seconds=180,
                   what="the first build", every=0.1)
        assert process.poll() is None, process.stdout.read().decode()
        yield url, minimal
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait()


def served(url: str) -> tuple[str, bytes]:
    """How the preview served a page ("rendered" again or "built") and the page as the site has it."""
    status, headers, body = fetch(url)
    assert status == 200, status
    return headers["X-Lunar-Atlas-Preview"], PREVIEW_PARTS.sub(b"", body)


def built_page(url: str) -> bytes | None:
    how, page = served(url)
    return page if how == "built" else None


@pytest.mark.browser
def test_an_edit_shows_on_the_open_page_at_once_as_the_full_build_makes_it(preview, open_page):
    url, package = preview
    page = open_page(url + PAGE)
    assert page.get_by_text("Test Lander launches").count()
    loads = []
    page.on("response", lambda response: response.url == url + PAGE and loads.append(response))
    rewrite(package / "events.csv", "Test Lander launches", "Test Lander lifts off")
    # No navigation: the open page reloads itself.
    page.get_by_text("Test Lander lifts off").first.wait_for(timeout=20_000)
    shown = loads[-1]  # what the browser was given: the page rendered again, before the full build landed
    rendered = PREVIEW_PARTS.sub(b"", shown.body())
    assert shown.headers["x-lunar-atlas-preview"] == "rendered" and b"Test Lander lifts off" in rendered
    # The full build beside it lands: the same page, now from it.
    assert wait_until(lambda: built_page(url + PAGE), seconds=180, what="the full build") == rendered


def test_a_broken_edit_is_named_on_every_page_until_it_is_fixed(preview):
    url, package = preview
    rewrite(package / "events.csv", "2024-06-01,,landing", "2024-13-01,,landing")
    problems = rb'<pre class="la-preview-problems" role="alert"[^>]*>([^<]*events\.csv:3:when[^<]*)</pre>'
    banner = wait_until(lambda: re.search(problems, fetch(url + "timeline/")[2]), seconds=180,
                        what="the validator's report")
    assert "2024-13-01" in banner.group(1).decode()
    assert b"la-preview-problems" in fetch(url + PAGE)[2]
    rewrite(package / "events.csv", "2024-13-01,,landing", "2024-06-01,,landing")
    wait_until(lambda: b"la-preview-problems" not in fetch(url + "timeline/")[2], seconds=180, what="the report to go")


def test_the_preview_serves_only_the_site(preview):
    url, package = preview
    # The package sits beside the site folder: tmp/package/datapackage.json and tmp/site.
    assert (package.parent / "site").is_dir()
    for path in ("../package/datapackage.json", "%2e%2e/package/datapackage.json", "..%2fpackage%2fdatapackage.json",
                 "%2fetc%2fpasswd"):
        status, _, body = fetch(url + path)
        assert status == 404 and b'"resources"' not in body and b"root:" not in body, path
    assert fetch(url + "missions")[0] == 200  # a folder's address without its slash is redirected to it


def test_the_preview_refuses_to_start_on_a_broken_package(minimal):
    rewrite(minimal / "events.csv", "2024-06-01,,landing", "2024-13-01,,landing")
    result = run_cli("serve", str(minimal / "datapackage.json"), "--port", str(free_port()), "--site-dir",
                     str(minimal.parent / "site"))
    assert result.returncode == 1
    assert "events.csv" in result.stderr and "when" in result.stderr


@pytest.mark.parametrize("where", ["package", "other"])
def test_the_preview_refuses_a_site_folder_it_would_empty(minimal, where):
    """Its first build empties the folder it builds into: never the package's, nor a folder that is not a site."""
    folder = minimal if where == "package" else minimal.parent / "notes"
    folder.mkdir(exist_ok=True)
    (folder / "keep.txt").write_text("mine", encoding="utf-8")
    result = run_cli("serve", str(minimal / "datapackage.json"), "--port", str(free_port()), "--site-dir", str(folder))
    assert result.returncode == 1 and str(folder) in result.stderr, result.stderr
    assert (folder / "keep.txt").read_text(encoding="utf-8") == "mine"
    assert (minimal / "events.csv").is_file()
