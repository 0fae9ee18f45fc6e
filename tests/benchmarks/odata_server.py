"""A local CBS OData feed for the tests: serves the recorded-format responses in odata/, never the internet.

/ODataFeed/odata/<table>/ is odata/<table>/index.json, /ODataFeed/odata/<table>/<name> is <name>.json,
a `$skip=N` page is <name>.skipN.json, and after `revise()` a <name>.revised.json replaces its file.
"{base}" in a file becomes the server's address (for odata.nextLink). Every request is recorded.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

FILES = Path(__file__).parent / "odata"
PREFIX = "/ODataFeed/odata/"


class _Handler(BaseHTTPRequestHandler):
    server: FeedServer

    def do_GET(self):
        parts = urlsplit(self.path)
        self.server.requests.append(unquote(self.path))
        body = self.server.body(parts.path, parse_qs(parts.query))
        if body is None:
            self.send_response(404)
            self.end_headers()
            return
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json;odata=minimalmetadata;streaming=true;charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):  # keep the test output quiet
        pass


class FeedServer(ThreadingHTTPServer):
    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.requests: list[str] = []
        self.revised = False

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def revise(self) -> None:
        """Serve the revised files from now on (CBS published a revision)."""
        self.revised = True

    def body(self, path: str, query: dict) -> str | None:
        if not path.startswith(PREFIX):
            return None
        table, _, name = path[len(PREFIX) :].partition("/")
        stem = name or "index"
        if "$skip" in query:
            stem = f"{stem}.skip{query['$skip'][0]}"
        candidates = [f"{stem}.revised.json", f"{stem}.json"] if self.revised else [f"{stem}.json"]
        for candidate in candidates:
            file = FILES / table / candidate
            if "/" not in table and file.is_file():
                return file.read_text().replace("{base}", self.url)
        return None


def start() -> FeedServer:
    server = FeedServer()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
