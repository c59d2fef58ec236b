"""Shared fixtures: the real package, copies of the minimal test package, and running the real command."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "datapackage" / "datapackage.json"
MINIMAL = Path(__file__).resolve().parent / "fixtures" / "minimal"
SOURCES = ROOT.parent / "shared" / "sources"


def copy_minimal(target: Path) -> Path:
    """The minimal package's CSVs under the project's real descriptor, in a folder of their own."""
    target.mkdir(parents=True, exist_ok=True)
    for csv_file in MINIMAL.glob("*.csv"):
        shutil.copy(csv_file, target / csv_file.name)
    shutil.copy(PACKAGE, target / "datapackage.json")
    return target


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lunar_atlas.cli", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def rewrite(path: Path, old: str, new: str) -> None:
    """Replace text in a file of a test package, failing loudly if the text is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def wait_until(condition, seconds: float = 60, what: str = "a condition", every: float = 0.01):
    """The first true value `condition()` returns, asked every `every` seconds; fails after `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"waited {seconds} s for {what}")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def minimal(tmp_path) -> Path:
    return copy_minimal(tmp_path / "package")


@pytest.fixture(scope="session")
def descriptor() -> dict:
    return json.loads(PACKAGE.read_text(encoding="utf-8"))


# --- building sites and looking at them in a real browser ---------------------------------------

import functools
import http.server
import os
import socketserver
import threading

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"


def build(package: Path, site_dir: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return run_cli("build", str(package), "--site-dir", str(site_dir), env=env)


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("real") / "site"
    result = build(PACKAGE, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class Server:
    """A static file server on the loopback interface, for one folder."""

    def __init__(self, root: Path):
        self.httpd = socketserver.ThreadingTCPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(root)))
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="session")
def real_server(real_site):
    with Server(real_site) as server:
        yield server


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser):
    """Opens addresses in pages of a given width and colour scheme; every page is closed after the test."""
    contexts = []

    def opener(url: str, width: int = 1280, scheme: str = "light"):
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
        contexts.append(context)
        page = context.new_page()
        page.goto(url)
        return page

    yield opener
    for context in contexts:
        context.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    yield page
    context.close()
