"""Print a quarterly report to PDF with headless Chromium, without a server or network.

The report's print view is rendered to a string by Django and handed to
Chromium through Playwright under a made-up origin: requests for that page
and for /static/ are answered from memory and from the static files on disk,
everything else is refused. Plotly draws the charts in the page as SVG, so
they stay vector in the PDF; Chromium adds page numbers in the footer.
A printed PDF is kept in the database (ReportPdf), so a PDF printed by the
worker on one machine is served by every app server.
"""

import asyncio
import contextlib
import fcntl
import logging
import os
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.db import transaction
from django.utils import timezone

from monitoring.models import ReportPdf

logger = logging.getLogger(__name__)

ORIGIN = "http://werkmonitor.pdf"
PAGE_PATH = "/rapport"
# A4 at 96 dpi is 794 px wide; with 15 mm margins about 680 px are printable (print.css has the same @page).
MARGIN = {"top": "14mm", "bottom": "16mm", "left": "15mm", "right": "15mm"}
PRINTABLE_WIDTH = 680
VIEWPORT = {"width": PRINTABLE_WIDTH, "height": 1000}
DRAW_TIMEOUT_MS = 30_000
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-sync"]
ALL_CHARTS_DRAWN = "() => [...document.querySelectorAll('[data-chart]')].every(e => e.dataset.drawn === 'true')"
# A chart's numbers are under "Toon tabel" on screen; on paper they are printed open.
OPEN_TABLES = "() => document.querySelectorAll('details').forEach(d => { d.open = true; })"


# Each render starts a Chromium (2-3 s, a few hundred MB): at most this many at once, across processes.
MAX_RENDERS = 2


class PdfUnavailable(Exception):
    """No PDF can be made on this server; the message is Dutch and meant for the reader."""


class PdfBusy(Exception):
    """Every render slot is taken; the reader should try again shortly."""


@dataclass(frozen=True)
class Pdf:
    content: bytes
    seconds: float  # how long Chromium took, for the Server-Timing header and the logs


def chromium_available() -> bool:
    """Return whether the configured Chromium exists and can be started."""
    path = settings.CHROMIUM_PATH
    return bool(path) and os.path.isfile(path) and os.access(path, os.X_OK)


def static_file(url_path: str) -> str | None:
    """Return the file on disk behind a /static/ URL path, or None."""
    prefix = staticfiles_storage.base_url or "/static/"
    if not url_path.startswith(prefix):
        return None
    name = unquote(url_path[len(prefix) :])
    if ".." in name.split("/"):
        return None
    found = finders.find(name)
    if found:
        return found
    # Hashed names (manifest storage in production) only exist after collectstatic.
    if staticfiles_storage.exists(name):
        return staticfiles_storage.path(name)
    return None


@contextlib.contextmanager
def printed_page(html: str):
    """Yield a Playwright page with the HTML laid out for A4 paper, its charts drawn and tables open.

    Requests for the page itself and /static/ are answered from memory and disk;
    everything else is refused. The PDF is printed from this page; the layout
    test measures it.
    """
    from playwright.sync_api import sync_playwright

    def answer(route):
        url = urlsplit(route.request.url)
        if f"{url.scheme}://{url.netloc}" != ORIGIN:
            return route.abort()
        if url.path == PAGE_PATH:
            return route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html)
        path = static_file(url.path)
        return route.fulfill(path=path) if path else route.abort()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=settings.CHROMIUM_PATH, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport=VIEWPORT)
            # Lay the page out for paper before plotly measures it, so charts are drawn full width.
            page.emulate_media(media="print")
            page.route("**/*", answer)
            page.goto(ORIGIN + PAGE_PATH, wait_until="load")
            page.wait_for_function(ALL_CHARTS_DRAWN, timeout=DRAW_TIMEOUT_MS)
            page.evaluate(OPEN_TABLES)
            yield page
        finally:
            browser.close()


def _has_running_loop() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def render(html: str, footer: str, header: str = "<span></span>") -> Pdf:
    """Return the HTML printed to an A4 PDF with the given header and footer templates."""
    if not chromium_available():
        raise PdfUnavailable("Op de server is geen browser (Chromium) geïnstalleerd om de pdf te maken.")
    from playwright.sync_api import Error as PlaywrightError

    def print_pdf() -> bytes:
        with printed_page(html) as page:
            return page.pdf(
                format="A4",
                print_background=True,
                display_header_footer=True,
                header_template=header,
                footer_template=footer,
                margin=MARGIN,
            )

    started = time.perf_counter()
    try:
        # Playwright's sync API refuses a thread with a running asyncio loop (an async server, or a browser test
        # in the same process): print in a thread of its own there.
        if _has_running_loop():
            with ThreadPoolExecutor(max_workers=1) as pool:
                content = pool.submit(print_pdf).result()
        else:
            content = print_pdf()
    except PlaywrightError as error:
        logger.exception("PDF rendering failed")
        raise PdfUnavailable("De browser op de server kon de pdf niet maken.") from error
    seconds = time.perf_counter() - started
    logger.info("Quarterly report PDF rendered in %.2f s (%d bytes)", seconds, len(content))
    return Pdf(content=content, seconds=seconds)


def cached(key: str) -> bytes | None:
    """Return the kept PDF with this key, or None (1 query)."""
    content = ReportPdf.objects.filter(key=key).values_list("content", flat=True).first()
    return None if content is None else bytes(content)  # PostgreSQL hands bytea over as a memoryview


def store(key: str, content: bytes) -> None:
    """Keep a printed PDF under its key (printing.py), in the database, where every server finds it.

    Older prints of the same version or concept (the key without its hash) are
    removed: only what the page prints now is asked for again. Two prints of the
    same key at once (no worker, two readers) keep one row.
    """
    with transaction.atomic():
        ReportPdf.objects.bulk_create(
            [ReportPdf(key=key, content=content, printed_at=timezone.now())],
            update_conflicts=True,
            unique_fields=["key"],
            update_fields=["content", "printed_at"],
        )
        forget(key.rsplit("-", 1)[0], but=key)


def forget(stem: str, but: str = "") -> None:
    """Remove the kept prints of one version or concept (`versie-12`: its key without the hash), but one."""
    ReportPdf.objects.filter(key__startswith=f"{stem}-").exclude(key=but).delete()


@contextlib.contextmanager
def render_slot():
    """Hold one of MAX_RENDERS render slots (file locks, so they count across this machine's processes).

    Raise PdfBusy at once when all are taken: queueing would tie up a worker
    for the whole wait.
    """
    folder = Path(settings.PDF_LOCK_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(MAX_RENDERS):
        file = open(folder / f"render-{number}.lock", "a+b")  # noqa: SIM115 - closed below, after the lock
        try:
            fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            file.close()
            continue
        try:
            yield
        finally:
            fcntl.flock(file, fcntl.LOCK_UN)
            file.close()
        return
    raise PdfBusy("Er worden nu al andere pdf's gemaakt; probeer het zo opnieuw.")
