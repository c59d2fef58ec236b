"""The preview's web server: the built site, each page as the last edit makes it, and the reload script's answers.

Only the loopback interface is served. Two addresses are the preview's own, never the site's:

    /.preview/changes?since=N   answers once the package has changed since edit N (or after 25 s), with the
                                current edit's number and the preview's identity, as JSON
    /.preview/reload.js         the script that asks it (resources/preview-reload.js)
"""

from __future__ import annotations

import json
import mimetypes
import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from .build import BuildRefused, refuse_site_dir
from .paths import UnsafePath, inside
from .preview import Preview, annotate

LONG_POLL_S = 25
RELOAD_SCRIPT = files("lunar_atlas").joinpath("resources/preview-reload.js").read_bytes()


class _Handler(BaseHTTPRequestHandler):
    preview: Preview
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:
        pass  # a request per page view would drown the preview's own messages

    def do_GET(self) -> None:
        address = urlsplit(self.path)
        if address.path == "/.preview/changes":
            since = parse_qs(address.query).get("since", ["-1"])[0]
            generation = self.preview.wait_for_change(int(since) if since.lstrip("-").isdigit() else -1, LONG_POLL_S)
            self._send(200, json.dumps({"generation": generation, "server": self.preview.server_id}).encode(),
                       "application/json")
        elif address.path == "/.preview/reload.js":
            self._send(200, RELOAD_SCRIPT, "text/javascript")
        else:
            self._site_file(address.path)

    def _site_file(self, address: str) -> None:
        path = unquote(address)
        relative = path.strip("/")
        try:
            target = inside(self.preview.site_dir, relative) if relative else self.preview.site_dir
        except UnsafePath:
            return self._not_found()
        if target.is_dir() and not path.endswith("/"):
            return self._send(301, b"", "text/plain", {"Location": address + "/"})  # as asked, still quoted
        if target.is_dir():
            target, path = target / "index.html", path + "index.html"
        if target.suffix != ".html":
            return self._send_file(target)
        how = self.preview.page(path)  # rendered again first, if the package changed since the full build
        generation = self.preview.generation
        try:
            document = target.read_bytes()
        except OSError:
            return self._not_found()
        self._send(200, annotate(document, self.preview, generation), "text/html; charset=utf-8",
                   {"X-Lunar-Atlas-Preview": how})

    def _send_file(self, target: Path) -> None:
        try:
            content = target.read_bytes()
        except OSError:
            return self._not_found()
        self._send(200, content, mimetypes.guess_type(target.name)[0] or "application/octet-stream")

    def _not_found(self) -> None:
        page = self.preview.site_dir / "404.html"
        document = page.read_bytes() if page.is_file() else b"<!doctype html><title>Not found</title><p>Not found</p>"
        self._send(404, annotate(document, self.preview, self.preview.generation), "text/html; charset=utf-8")

    def _send(self, status: int, body: bytes, kind: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")  # an edit must show on the next reload
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


def serve(preview: Preview) -> ThreadingHTTPServer:
    """Serve the preview on its port, from threads of this process."""
    handler = type("PreviewHandler", (_Handler,), {"preview": preview})
    server = ThreadingHTTPServer(("127.0.0.1", preview.port), handler)
    server.daemon_threads = True
    return server


def refuse_other_folder(site_dir: Path) -> None:
    """The first build empties its folder: a folder that holds anything but a built site is left alone."""
    if site_dir.is_dir() and any(site_dir.iterdir()) and not (site_dir / "sitemap.xml").is_file():
        raise BuildRefused(f"refused --site-dir {site_dir}: it holds files that are not a built site, and the preview "
                           "would delete them; name a new folder")


def run(package: Path, port: int, site_dir: Path) -> int:
    site_dir = Path(os.path.realpath(site_dir))
    refuse_site_dir(site_dir, package)
    refuse_other_folder(site_dir)
    preview = Preview(package, site_dir, port)
    status = preview.start()
    if status:
        return status
    server = serve(preview)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Serving the site on {preview.site_url} ; edits to {package.parent} show on the open page", flush=True)
    try:
        preview.watch()
    except KeyboardInterrupt:
        return 0
    finally:
        preview.stop()
        server.shutdown()
    return 0
