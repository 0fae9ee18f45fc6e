"""A throwaway deployment of the app, as the README's production section sets it up.

Used by `make smoke` and `make loadtest`: a fresh PostgreSQL database, the
production settings (debug off, manifest static files, behind a simulated TLS
proxy), `migrate`, `collectstatic` and gunicorn with gunicorn.conf.py. `make smoke`
also installs the app into a fresh virtualenv from requirements.txt alone,
loads only the official figures and runs the PDF worker, and runs a second
gunicorn as if on a second machine (`on_machine`): the same settings, database and
Redis, a disk of its own. Everything runs on loopback and is removed afterwards.
"""

import contextlib
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg2
from psycopg2 import sql

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"


def step(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def free_port() -> int:
    """Return a port on loopback that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def throwaway_database(pg_url: str, purpose: str) -> Iterator[str]:
    """Create an empty database next to the one in pg_url (name + _purpose_pid); yield its URL; drop it."""
    parts = urlsplit(pg_url)
    name = f"{parts.path.lstrip('/') or 'werkmonitor'}_{purpose}_{os.getpid()}"
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    _execute(admin_url, sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        _execute(admin_url, sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def _execute(url: str, statement: sql.Composable) -> None:
    connection = psycopg2.connect(url)
    try:
        connection.autocommit = True  # CREATE/DROP DATABASE cannot run in a transaction
        with connection.cursor() as cursor:
            cursor.execute(statement)
    finally:
        connection.close()


@dataclass
class Deployment:
    """The environment of one production-like instance and the commands an operator runs on it."""

    database_url: str
    workdir: Path
    demo_password: str = field(default_factory=lambda: secrets.token_urlsafe(16))
    admin_password: str = field(default_factory=lambda: secrets.token_urlsafe(16))
    admin_username: str = "technischbeheer"
    secret_key: str = field(default_factory=lambda: "throwaway-" + secrets.token_urlsafe(40))  # one for all servers
    python: str = sys.executable  # the interpreter of the app's virtualenv (fresh_virtualenv for the smoke)
    redis_url: str = ""  # with it: the page cache and the PDF queue in Redis, under a key prefix of its own

    @property
    def env(self) -> dict[str, str]:
        """Production settings as the README lists them; only the TLS proxy is simulated."""
        return {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))},
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": self.secret_key,
            "DJANGO_ALLOWED_HOSTS": f"{HOST},localhost",
            "DATABASE_URL": self.database_url,
            "DJANGO_BEHIND_TLS_PROXY": "1",
            "DJANGO_STATIC_ROOT": str(self.workdir / "static"),
            "PDF_LOCK_DIR": str(self.workdir / "pdf-locks"),
            "DEMO_PASSWORD": self.demo_password,
            "DJANGO_SUPERUSER_PASSWORD": self.admin_password,
            **({"REDIS_URL": self.redis_url, "CACHE_KEY_PREFIX": self.key_prefix} if self.redis_url else {}),
        }

    def on_machine(self, machine: str | None) -> dict[str, str]:
        """The environment of a server on another machine: the same settings, database and Redis, its own disk.

        Its own disk holds its static files (collectstatic there, from the same release)
        and its PDF render locks; None is the first machine, the one `install` set up.
        """
        if machine is None:
            return self.env
        disk = self.workdir / machine
        return {**self.env, "DJANGO_STATIC_ROOT": str(disk / "static"), "PDF_LOCK_DIR": str(disk / "pdf-locks")}

    @property
    def key_prefix(self) -> str:
        return f"{self.workdir.name}-{os.getpid()}"

    def forget_redis_keys(self) -> int:
        """Delete what this deployment kept in Redis (pages, the PDF queue and its jobs); return how many keys."""
        if not self.redis_url:
            return 0
        import redis

        connection = redis.Redis.from_url(self.redis_url)
        keys = list(connection.scan_iter(f"*{self.key_prefix}*"))
        if keys:
            connection.delete(*keys)
        return len(keys)

    def manage(self, *args: str, machine: str | None = None) -> str:
        """Run a manage.py command under the production environment; stop on failure with its output."""
        return self.run([self.python, "manage.py", *args], machine=machine)

    def run(self, command: list[str], machine: str | None = None) -> str:
        started = time.perf_counter()
        env = self.on_machine(machine)
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)  # noqa: S603
        label = " ".join(Path(command[0]).name if i == 0 else part for i, part in enumerate(command))
        label += f" (machine {machine})" if machine else ""
        if done.returncode != 0:
            raise SystemExit(f"FOUT: `{label}` mislukte:\n{done.stdout}\n{done.stderr}")
        step(f"{label} ({time.perf_counter() - started:.1f} s)")
        return done.stdout

    def install(self) -> None:
        """The README's production sequence, plus the demo data and users a smoke or load test logs in with."""
        self.manage("check", "--deploy", "--fail-level", "WARNING")
        self.manage("migrate", "--noinput")
        self.manage("collectstatic", "--noinput", "--clear")
        self.manage("createsuperuser", "--noinput", "--username", self.admin_username, "--email", "beheer@example.nl")
        self.manage("seed_demo")

    def install_production(self) -> None:
        """The README's go-live steps as written: official figures only, no demo data."""
        self.manage("check", "--deploy", "--fail-level", "WARNING")
        self.manage("migrate", "--noinput")
        self.manage("load_official")
        self.manage("collectstatic", "--noinput", "--clear")
        self.manage("createsuperuser", "--noinput", "--username", self.admin_username, "--email", "beheer@example.nl")

    @contextlib.contextmanager
    def pdf_worker(self) -> Iterator[None]:
        """Run `manage.py pdf_worker` (the report PDFs' worker) while the block runs."""
        log_path = self.workdir / "worker.log"
        with log_path.open("w") as log:
            worker = subprocess.Popen(  # noqa: S603
                [self.python, "manage.py", "pdf_worker"], cwd=ROOT, env=self.env, stdout=log, stderr=log
            )
        try:
            step(f"pdf_worker draait (log: {log_path})")
            yield
        finally:
            worker.terminate()
            worker.wait(timeout=30)

    @property
    def worker_log(self) -> str:
        path = self.workdir / "worker.log"
        return path.read_text() if path.exists() else ""

    @contextlib.contextmanager
    def gunicorn(self, port: int, workers: int | None = None, machine: str | None = None) -> Iterator[str]:
        """Serve the app with gunicorn.conf.py on loopback (as on `machine`); yield its base URL; stop it."""
        command = [self.python, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--bind", f"{HOST}:{port}"]
        if workers:
            command += ["--workers", str(workers)]
        log_path = self.workdir / (f"gunicorn-{machine}.log" if machine else "gunicorn.log")
        env = self.on_machine(machine)
        with log_path.open("w") as log:
            server = subprocess.Popen([*command, "nprz_dashboard.wsgi"], cwd=ROOT, env=env, stdout=log, stderr=log)  # noqa: S603
        base_url = f"http://{HOST}:{port}"
        try:
            _wait_until_healthy(base_url, server, log_path)
            step(f"gunicorn luistert op {base_url} (log: {log_path})")
            yield base_url
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()

    @property
    def server_log(self) -> str:
        """The log of every gunicorn this deployment ran: the first machine's, then the others'."""
        paths = sorted(self.workdir.glob("gunicorn*.log"), key=lambda path: (path.name != "gunicorn.log", path.name))
        return "".join(path.read_text() for path in paths)


def fresh_virtualenv(folder: Path) -> str:
    """Make a virtualenv in folder with requirements.txt alone (as the README says); return its python."""
    started = time.perf_counter()
    venv = folder / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)  # noqa: S603
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    done = subprocess.run([*pip, "-r", str(ROOT / "requirements.txt")], capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise SystemExit(f"FOUT: pip install -r requirements.txt mislukte:\n{done.stdout}\n{done.stderr}")
    step(f"nieuwe virtualenv met alleen requirements.txt ({time.perf_counter() - started:.0f} s)")
    return str(venv / "bin" / "python")


def _wait_until_healthy(base_url: str, server: subprocess.Popen, log_path: Path, timeout: float = 60) -> None:
    """Wait for /healthz to answer 200 (asked over plain http, as a probe does)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"FOUT: gunicorn stopte meteen:\n{log_path.read_text()}")
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(f"{base_url}/healthz", timeout=2) as response,  # noqa: S310 (loopback)
        ):
            if response.status == 200:
                return
        time.sleep(0.3)
    raise SystemExit(f"FOUT: gunicorn antwoordde niet binnen {timeout:.0f} s op /healthz:\n{log_path.read_text()}")


@contextlib.contextmanager
def deployment(pg_url: str, purpose: str) -> Iterator[Deployment]:
    """A fresh database and work folder for one production-like instance, removed afterwards."""
    with throwaway_database(pg_url, purpose) as database_url, tempfile.TemporaryDirectory(prefix=purpose) as tmp:
        yield Deployment(database_url=database_url, workdir=Path(tmp))
