"""Report PDFs off the request, with a real worker: gunicorn and `manage.py pdf_worker` on Redis.

Publishing puts the PDF on the worker's queue (after the commit); a reader who
asks before it is printed gets a Dutch page at once (202) that says it is being
prepared and looks again; once the worker has printed it, the reader gets the PDF.
Runs on a copy of the suite's database (SQLite to a file) and a key prefix of its own on Redis.
Below it, the queue without a worker process (rq's in-process worker runs the jobs when told):
one job however often a PDF is asked for, and a print that failed is told once, then tried again.
Without Redis the PDF is printed in-process: tests/reports/test_pdf.py.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
import time
import uuid

import pytest
import redis
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from programme.reports.versions import reportable_quarters  # (importing live first is circular)
from tests import live_server
from tests.conftest import make_user
from tests.helpers import approve_quarter, text_of
from tests.live_server import Browser, forms_of

REDIS_URL = os.environ.get("CI_REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture
def deployment(transactional_db, tmp_path):
    """gunicorn with REDIS_URL (so PDFs go to the queue), a logged-in manager, and the worker's environment."""
    call_command("seed_demo", no_users=True, stdout=io.StringIO())
    approve_quarter(reportable_quarters(dt.date.today())[-1])  # a quarter is published once its months are
    session = live_server.session_for(make_user("teamleider", "manager"))
    prefix = f"wm-test-{uuid.uuid4().hex[:12]}"
    env = {"REDIS_URL": REDIS_URL, "CACHE_KEY_PREFIX": prefix}
    server = live_server.start(live_server.database_url(tmp_path), tmp_path, **env)
    client = Browser(server.port)
    client.cookies[settings.SESSION_COOKIE_NAME] = session
    worker_env = {
        **os.environ,
        **env,
        "DATABASE_URL": server.database_url,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": settings.SECRET_KEY,
        "DJANGO_STATIC_MANIFEST": "0",
        # The worker's machine has a disk of its own: it shares only the database and Redis with the server.
        "PDF_LOCK_DIR": str(tmp_path / "worker-machine"),
    }
    yield server, client, worker_env, tmp_path
    server.stop()
    connection.close()
    keys = redis.Redis.from_url(REDIS_URL)
    for key in keys.scan_iter(f"*{prefix}*"):
        keys.delete(key)


def start_worker(env: dict, tmp_path) -> subprocess.Popen:
    with (tmp_path / "worker.log").open("w") as log:
        return subprocess.Popen(
            [sys.executable, "manage.py", "pdf_worker"], cwd=live_server.ROOT, env=env, stdout=log, stderr=log
        )


def wait_for(condition, seconds: float = 90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if found := condition():
            return found
        time.sleep(0.3)
    return None


def test_a_published_report_is_printed_by_the_worker_and_the_reader_waits_on_a_page_meanwhile(deployment):
    _server, client, worker_env, tmp_path = deployment
    quarter = reportable_quarters(dt.date.today())[-1]
    url = f"/reports/{quarter.year}/q{quarter.number}/"
    form = next(f for f in forms_of(client.get(f"{url}?version=concept").text) if "revisie_caseload" in f)
    form["publiceren"] = form["bevestigen"] = "1"
    assert client.post(url, form).status == 302

    # No worker runs yet: the request answers at once that the PDF is being prepared.
    started = time.monotonic()
    waiting = client.get(f"{url.rstrip('/')}.pdf")
    assert time.monotonic() - started < 5
    assert waiting.status == 202
    assert waiting.headers["retry-after"] == "5"
    assert '<meta http-equiv="refresh" content="5">' in waiting.text
    assert "wordt voorbereid" in text_of(waiting.text)

    # The worker runs on a machine of its own: what it prints reaches the server through the database.
    worker = start_worker(worker_env, tmp_path)
    try:
        document = wait_for(lambda: (r := client.get(f"{url.rstrip('/')}.pdf")).status == 200 and r)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    log = (tmp_path / "worker.log").read_text()
    assert document, log
    assert document.headers["content-type"] == "application/pdf"
    assert document.headers["server-timing"] == 'pdf;dur=0;desc="cache"'
    assert document.text.startswith("%PDF-")
    assert log.count("Job OK") == 1, log  # asked again and again while queued: printed once


# --- the queue without a running worker: what a request answers, and a print that failed -----------------


@pytest.fixture
def queue(settings):
    """A PDF queue of its own on Redis; jobs are run here by an in-process worker when a test says so."""
    import django_rq

    name = f"wm-test-{uuid.uuid4().hex[:12]}-pdf"
    settings.PDF_QUEUE = name
    settings.RQ_QUEUES = {name: {"URL": REDIS_URL}}
    pdf_queue = django_rq.get_queue(name)
    yield pdf_queue
    for key in pdf_queue.connection.scan_iter(f"*{name}*"):
        pdf_queue.connection.delete(key)


def run_queued(queue) -> None:
    from rq import SimpleWorker

    SimpleWorker([queue], connection=queue.connection).work(burst=True)


@pytest.fixture
def published_q1(manager):
    from nprz_dashboard.periods import Quarter
    from programme.reports import services

    approve_quarter(Quarter(2025, 1))
    return services.publish(Quarter(2025, 1), manager)


def test_a_request_queues_a_missing_pdf_once_and_gets_it_when_printed(viewer_client, published_q1, queue, monkeypatch):
    from programme.reports import pdf

    monkeypatch.setattr(pdf, "render", lambda html, footer: pdf.Pdf(content=b"%PDF-1.7 nep", seconds=1.0))
    first, second = viewer_client.get("/reports/2025/q1.pdf"), viewer_client.get("/reports/2025/q1.pdf")
    assert (first.status_code, second.status_code) == (202, 202)
    assert "De pdf van de kwartaalrapportage 1e kwartaal 2025, versie 1 wordt voorbereid." in text_of(first)
    assert queue.count == 1
    run_queued(queue)
    ready = viewer_client.get("/reports/2025/q1.pdf")
    assert (ready.status_code, ready.content) == (200, b"%PDF-1.7 nep")
    assert ready["Content-Disposition"] == 'inline; filename="kwartaalrapportage-2025-kw1-versie-1.pdf"'


def test_a_print_that_failed_is_told_once_and_then_tried_again(viewer_client, published_q1, queue, monkeypatch):
    from programme.reports import pdf

    def broken(html, footer):
        raise pdf.PdfUnavailable("De browser op de server kon de pdf niet maken.")

    monkeypatch.setattr(pdf, "render", broken)
    assert viewer_client.get("/reports/2025/q1.pdf").status_code == 202
    run_queued(queue)
    failed = viewer_client.get("/reports/2025/q1.pdf")
    assert failed.status_code == 503
    assert "De browser op de server kon de pdf niet maken." in text_of(failed)
    assert "Open de afdrukweergave" in text_of(failed)
    assert viewer_client.get("/reports/2025/q1.pdf").status_code == 202
    assert queue.count == 1


def test_the_worker_command_needs_redis(settings):
    from django.core.management import CommandError

    settings.PDF_QUEUE = ""
    with pytest.raises(CommandError, match="REDIS_URL is niet ingesteld"):
        call_command("pdf_worker")


def test_when_redis_is_unreachable_the_pdf_is_printed_in_the_request(
    viewer_client, published_q1, settings, monkeypatch
):
    from programme.reports import pdf

    monkeypatch.setattr(pdf, "render", lambda html, footer: pdf.Pdf(content=b"%PDF-1.7 nep", seconds=1.0))
    settings.PDF_QUEUE = "wm-test-unreachable-pdf"
    settings.RQ_QUEUES = {settings.PDF_QUEUE: {"URL": "redis://127.0.0.1:1/0"}}  # nothing listens on port 1
    response = viewer_client.get("/reports/2025/q1.pdf")
    assert (response.status_code, response.content) == (200, b"%PDF-1.7 nep")
