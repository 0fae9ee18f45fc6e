"""Report PDFs off the request: printed by a background worker, or in-process where there is no Redis.

With REDIS_URL the PDFs are printed by `manage.py pdf_worker` (django-rq) from
the queue settings.PDF_QUEUE: a published version's PDF as soon as it is
published (`prepare_version`, after the commit), any other the first time it is
asked for (`ask`). A request never waits for Chromium: it gets the PDF when it
is there, else a page that says it is being prepared. Without REDIS_URL the
PDF is printed in the process that asks (the publication, or the request).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings

from . import pdf
from .printing import Printed, printed

logger = logging.getLogger(__name__)

JOB_TIMEOUT_SECONDS = 180  # Chromium takes 3-6 s for a quarter; a hung browser is stopped
QUEUED_TTL_SECONDS = 600  # a job no worker took by then is dropped; the next request queues it again
FAILED_STATES = {"failed", "stopped", "canceled"}


def print_pdf(key: str, html: str, footer: str) -> None:
    """Print a report to its PDF file unless it is there already (the worker's job)."""
    if pdf.cached(key) is None:
        pdf.store(key, pdf.render(html, footer).content)


def _queue():
    import django_rq

    return django_rq.get_queue(settings.PDF_QUEUE)


def _job_id(key: str) -> str:
    """Name a PDF's job after the deployment's queue too: deployments sharing a Redis never share a job."""
    return f"{settings.PDF_QUEUE}-{key.removesuffix('.pdf')}"


def _job(key: str):
    from rq.exceptions import NoSuchJobError
    from rq.job import Job

    queue = _queue()
    try:
        return Job.fetch(_job_id(key), connection=queue.connection)
    except NoSuchJobError:
        return None


def enqueue(document: Printed) -> None:
    """Put a PDF on the worker's queue, once: not again while it waits or is being printed."""
    job = _job(document.key)
    if job is not None and job.get_status() in ("queued", "started", "deferred", "scheduled"):
        return
    if job is not None:
        job.delete()
    _queue().enqueue(
        print_pdf,
        document.key,
        document.html,
        document.footer,
        job_id=_job_id(document.key),
        job_timeout=JOB_TIMEOUT_SECONDS,
        ttl=QUEUED_TTL_SECONDS,
        result_ttl=60,
        failure_ttl=60,  # a failed print is told once, then tried again
    )


@dataclass(frozen=True)
class Answer:
    """What a request for a PDF gets: the file, or why not yet (preparing) or not at all (unavailable)."""

    content: bytes | None = None
    preparing: bool = False
    unavailable: str = ""
    busy: str = ""
    timing: str = ""


def ask(document: Printed) -> Answer:
    """Return the PDF if it is there; else have it printed (worker, or here without one) and say so."""
    content = pdf.cached(document.key)
    if content is not None:
        return Answer(content=content, timing='pdf;dur=0;desc="cache"')
    if settings.PDF_QUEUE:  # the worker may run elsewhere: it has the Chromium that counts
        from redis.exceptions import RedisError

        try:
            job = _job(document.key)
            if job is not None and job.get_status() in FAILED_STATES:
                job.delete()  # told once; the next request tries again
                return Answer(unavailable="De browser op de server kon de pdf niet maken.")
            enqueue(document)
            return Answer(preparing=True)
        except RedisError:
            logger.warning("Redis is unreachable: the report PDF is printed in the request", exc_info=True)
    try:
        with pdf.render_slot():
            result = pdf.render(document.html, document.footer)
    except pdf.PdfBusy as error:
        return Answer(busy=str(error))
    except pdf.PdfUnavailable as error:
        return Answer(unavailable=str(error))
    pdf.store(document.key, result.content)
    return Answer(content=result.content, timing=f'pdf;dur={result.seconds * 1000:.0f};desc="Chromium"')


def prepare_version(version_id: int) -> None:
    """Prepare a just-published version's PDF (run after the publication commits); never raise."""
    from monitoring.models import ReportVersion

    from . import versions

    try:
        version = ReportVersion.objects.select_related("report").get(pk=version_id)
        shown = versions.resolve(version.report.year, version.report.quarter, str(version.number), is_manager=False)
        document = printed(shown)
        if settings.PDF_QUEUE:
            enqueue(document)
        elif pdf.chromium_available():
            print_pdf(document.key, document.html, document.footer)
    except Exception:  # the publication stands; the PDF is printed when it is first asked for
        logger.exception("Preparing the PDF of report version %s failed", version_id)
