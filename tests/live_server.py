"""A production-like server for tests that need real concurrency: gunicorn, debug off, a real database.

The test database is shared with gunicorn's worker processes: PostgreSQL as it
is; SQLite (in memory for the suite) copied to a file first. `Browser` is a
small HTTP client that keeps cookies itself (the session cookie is Secure,
which ordinary clients only send over https) and reads forms from pages.
"""

from __future__ import annotations

import http.client
import os
import re
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import uuid
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
LISTENING = re.compile(r"Listening at: http://127\.0\.0\.1:([0-9]+) ")


def database_url(tmp_path: Path) -> str:
    """Return a DATABASE_URL for another process that sees the test database's committed data."""
    if connection.vendor == "sqlite":
        target = tmp_path / "live.sqlite3"
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        connection.connection.backup(copy)
        copy.close()
        return f"sqlite:///{target}"
    params = connection.settings_dict
    user = urllib.parse.quote(params["USER"] or "")
    password = f":{urllib.parse.quote(params['PASSWORD'])}" if params["PASSWORD"] else ""
    host = params["HOST"] or "127.0.0.1"
    port = params["PORT"] or 5432
    return f"postgres://{user}{password}@{host}:{port}/{params['NAME']}"


@dataclass
class LiveServer:
    url: str
    port: int
    process: subprocess.Popen
    database_url: str
    sessions: dict[str, str] = field(default_factory=dict)  # username → session key

    def query(self, sql: str, *params):
        """Return the first column of the first row of a query on the server's database (placeholders: ?)."""
        if self.database_url.startswith("sqlite:///"):
            with sqlite3.connect(self.database_url.removeprefix("sqlite:///")) as db:
                return db.execute(sql, params).fetchone()[0]
        connection.close()  # a fresh connection sees what the server's processes committed
        with connection.cursor() as cursor:
            cursor.execute(sql.replace("?", "%s"), params)
            return cursor.fetchone()[0]

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start(database: str, tmp_path: Path, workers: int = 2, threads: int = 6, **extra_env: str) -> LiveServer:
    """Start gunicorn (with the repository's gunicorn.conf.py) on the database; wait until it answers."""
    log = tmp_path / "gunicorn.log"
    env = {
        **os.environ,
        "DATABASE_URL": database,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": settings.SECRET_KEY,  # the same key, so sessions made by the test are valid
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_STATIC_MANIFEST": "0",
        "PDF_LOCK_DIR": str(tmp_path / "pdf-locks"),
        "AXES_ENABLED": "0",
        **extra_env,
    }
    command = [
        sys.executable, "-m", "gunicorn", "nprz_dashboard.wsgi",
        "--bind", "127.0.0.1:0", "--worker-class", "gthread",
        "--workers", str(workers), "--threads", str(threads), "--timeout", "120",
        "--log-level", "info", "--error-logfile", str(log),
    ]  # fmt: skip
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
    # Port 0: the kernel gives gunicorn a free port when it binds, so parallel test workers (or
    # other projects) never race for one; gunicorn's log says which.
    deadline = time.monotonic() + 60
    server = None
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn stopped: " + log.read_text())
        if server is None and (found := LISTENING.search(log.read_text() if log.exists() else "")):
            port = int(found[1])
            server = LiveServer(f"http://127.0.0.1:{port}", port, process, database)
        if server is not None:
            try:
                if Browser(server.port).get("/healthz").status < 500:
                    return server
            except OSError:
                pass
        time.sleep(0.3)
    process.kill()
    process.wait()
    raise RuntimeError("gunicorn did not answer within 60 s")


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    text: str


class _Forms(HTMLParser):
    """Collect every form's fields: (name, value) for inputs, textareas and selected options."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[list[tuple[str, str, str]]] = []  # (name, value, kind)
        self.textarea: list | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self.forms.append([])
        elif not self.forms:
            return
        elif tag == "input" and attributes.get("name"):
            kind = attributes.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attributes:
                return
            self.forms[-1].append((attributes["name"], attributes.get("value") or "", kind))
        elif tag == "textarea" and attributes.get("name"):
            self.textarea = [attributes["name"], ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self.textarea is not None:
            self.forms[-1].append((self.textarea[0], self.textarea[1].lstrip("\n"), "textarea"))
            self.textarea = None


def forms_of(html: str) -> list[dict[str, str]]:
    parser = _Forms()
    parser.feed(html)
    return [{name: value for name, value, kind in form if kind != "submit"} for form in parser.forms]


class Browser:
    """One user's browser: cookies kept across requests, one connection per request."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: bytes = b"", content_type: str = "") -> Response:
        return self.request_with_headers(method, path, {}, body, content_type)

    def request_with_headers(self, method, path, extra: dict, body: bytes = b"", content_type: str = "") -> Response:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        headers = {"Host": f"127.0.0.1:{self.port}", **extra}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if content_type:
            headers["Content-Type"] = content_type
        try:
            conn.request(method, path, body=body or None, headers=headers)
            raw = conn.getresponse()
            text = raw.read().decode("utf-8", errors="replace")
            for name, value in raw.getheaders():
                if name.lower() == "set-cookie":
                    key, _, rest = value.partition("=")
                    self.cookies[key.strip()] = rest.split(";", 1)[0]
            return Response(raw.status, {k.lower(): v for k, v in raw.getheaders()}, text)
        finally:
            conn.close()

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def post(self, path: str, fields: dict[str, str]) -> Response:
        body = urllib.parse.urlencode(fields).encode()
        return self.request("POST", path, body, "application/x-www-form-urlencoded")

    def post_file(self, path: str, fields: dict[str, str], name: str, filename: str, content: bytes) -> Response:
        boundary = uuid.uuid4().hex
        parts = []
        for key, value in fields.items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode())
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            "Content-Type: text/csv\r\n\r\n".encode()
            + content
            + b"\r\n"
        )
        parts.append(f"--{boundary}--\r\n".encode())
        return self.request("POST", path, b"".join(parts), f"multipart/form-data; boundary={boundary}")


def session_for(user) -> str:
    """Return the key of a logged-in session for the user, stored in the test database.

    Logging in over HTTP would hash a password per user on the server (about a
    second each); the server shares SECRET_KEY, so it accepts this session as its own.
    """
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from nprz_dashboard.middleware import LAST_ACTIVITY

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[LAST_ACTIVITY] = int(time.time())
    session.create()
    return session.session_key
