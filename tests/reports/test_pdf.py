"""/reports/<YYYY>/q<N>.pdf: an A4 PDF from headless Chromium, or a plain Dutch message without it."""

import contextlib
import io
import re

import pytest
from django.test import override_settings
from pypdf import PdfReader

from monitoring.models import CaseloadFigure, PeriodState, ReportingPeriod, ReportPdf
from nprz_dashboard.formatting import format_number
from nprz_dashboard.marks import DEMO_TEXT, SOURCE
from nprz_dashboard.periods import Quarter
from programme.reports import pdf, pdf_jobs, printing, versions
from programme.reports import services as report_services
from tests.helpers import approve_quarter, text_of

A4 = (595.3, 841.9)  # points


def kept_pdfs() -> list[str]:
    """The names of the PDFs the database keeps."""
    return sorted(ReportPdf.objects.values_list("key", flat=True))


@pytest.fixture
def renders(monkeypatch):
    """Stand in for Chromium and count how often it is started."""
    calls = []

    def fake_render(html, footer):
        calls.append(html)
        return pdf.Pdf(content=b"%PDF-1.7 nep " + str(len(calls)).encode(), seconds=2.5)

    monkeypatch.setattr(pdf, "render", fake_render)
    return calls


@pytest.fixture
def published(manager):
    report_services.save_narratives(Quarter(2025, 1), {"caseload": "Toelichting voor de wethouder."}, manager)
    approve_quarter(Quarter(2025, 1))
    return report_services.publish(Quarter(2025, 1), manager)


def test_the_pdf_is_an_a4_pdf_with_title_page_page_numbers_and_the_quarters_caseload(viewer_client, published):
    response = viewer_client.get("/reports/2025/q1.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert 'filename="kwartaalrapportage-2025-kw1-versie-1.pdf"' in response["Content-Disposition"]
    assert re.fullmatch(r'pdf;dur=\d+;desc="Chromium"', response["Server-Timing"])

    reader = PdfReader(io.BytesIO(response.content))
    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) > 3
    sizes = {(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages}
    assert all(abs(w - A4[0]) < 1.5 and abs(h - A4[1]) < 1.5 for w, h in sizes)
    title = re.sub(r"\s+", " ", pages[0])
    assert "Kwartaalrapportage 1e kwartaal 2025" in title
    assert "Versie 1, gepubliceerd op" in title
    assert f"pagina 2 van {len(pages)}" in re.sub(r"\s+", " ", pages[1])
    for page in pages:  # every page's footer: the report, its data date, the source and "demo"
        footer = re.sub(r"\s+", " ", page)
        assert "Kwartaalrapportage 1e kwartaal 2025, versie 1" in footer
        assert "peildatum " in footer and f"Bron: {SOURCE}" in footer and DEMO_TEXT in footer
    caseload = CaseloadFigure.objects.get(area__code="NPRZ", indicator="caseload", month="2025-03-01").value
    text = re.sub(r"\s+", " ", " ".join(pages))
    assert f"Stand eind maart 2025 {format_number(caseload)}" in text
    assert "Toelichting voor de wethouder." in text
    # Charts are drawn by plotly as SVG and stay vector: their legend is text, and no page holds an image.
    assert "projectie bij huidig tempo" in text
    assert not any("/XObject" in (page.get("/Resources") or {}) for page in reader.pages)


def test_without_chromium_the_page_says_so_plainly_and_offers_the_print_view(viewer_client, published, settings):
    settings.CHROMIUM_PATH = "/nonexistent/chromium"
    response = viewer_client.get("/reports/2025/q1.pdf")
    assert response.status_code == 503
    text = text_of(response)
    assert "Op de server is geen browser (Chromium) geïnstalleerd om de pdf te maken." in text
    assert "Afdrukken" in text and "Opslaan als pdf" in text
    link = re.search(
        r'href="(/reports/2025/q1/\?view=print&amp;version=1|[^"]*afdrukken[^"]*)"', response.content.decode()
    )
    print_view = viewer_client.get(link.group(1).replace("&amp;", "&"))
    assert print_view.status_code == 200
    assert "Kwartaalrapportage 1e kwartaal 2025" in text_of(print_view)
    assert "Versie 1, gepubliceerd op" in text_of(print_view)
    assert 'media="print"' in print_view.content.decode()


def test_a_viewer_gets_no_pdf_of_a_concept(viewer_client):
    response = viewer_client.get("/reports/2025/q2.pdf")
    assert response.status_code == 404
    assert "nog niet gepubliceerd" in text_of(response)


def test_static_files_are_served_to_chromium_from_disk_and_nothing_else():
    assert pdf.static_file("/static/js/charts.js").endswith("static/js/charts.js")
    assert pdf.static_file("/static/vendor/plotly/plotly-basic.min.js")
    assert pdf.static_file("/static/../manage.py") is None
    assert pdf.static_file("/static/js/absent.js") is None
    assert pdf.static_file("/admin/") is None


def test_a_published_version_is_rendered_once_and_then_served_from_the_cache(viewer_client, published, renders):
    first = viewer_client.get("/reports/2025/q1.pdf")
    second = viewer_client.get("/reports/2025/q1.pdf")
    assert len(renders) == 1
    assert first.content == second.content == b"%PDF-1.7 nep 1"
    assert first["Server-Timing"] == 'pdf;dur=2500;desc="Chromium"'
    assert second["Server-Timing"] == 'pdf;dur=0;desc="cache"'


def test_a_correction_after_publication_prints_the_version_again_with_its_herzien_notice(
    viewer_client, published, renders
):
    viewer_client.get("/reports/2025/q1.pdf")
    ReportingPeriod.objects.filter(month="2025-03-01").update(state=PeriodState.REOPENED)  # a manager reopened it
    CaseloadFigure.objects.filter(area__code="NPRZ", indicator="caseload", month="2025-03-01").update(value=1)
    viewer_client.get("/reports/2025/q1.pdf")
    assert len(renders) == 2
    assert "Herzien" not in renders[0] and "Herzien" in renders[1]


def test_a_concept_is_printed_again_once_its_text_changes(manager_client, manager, renders):
    manager_client.get("/reports/2025/q1.pdf?version=concept")
    manager_client.get("/reports/2025/q1.pdf?version=concept")
    assert len(renders) == 1
    report_services.save_narratives(Quarter(2025, 1), {"caseload": "Een nieuwe toelichting."}, manager)
    assert manager_client.get("/reports/2025/q1.pdf?version=concept").content == b"%PDF-1.7 nep 2"
    assert "Een nieuwe toelichting." in renders[1]
    assert len([key for key in kept_pdfs() if key.startswith("concept-2025-q1-")]) == 1  # only the concept as it is


def test_without_redis_the_pdf_is_printed_at_publication_in_process(
    viewer_client, manager, renders, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        approve_quarter(Quarter(2025, 1))
        report_services.publish(Quarter(2025, 1), manager)
    assert len(renders) == 1
    assert [key.split("-")[0] for key in kept_pdfs()] == ["versie"]
    response = viewer_client.get("/reports/2025/q1.pdf")
    assert response.content == b"%PDF-1.7 nep 1"
    assert response["Server-Timing"] == 'pdf;dur=0;desc="cache"'
    assert len(renders) == 1


def test_a_publication_without_chromium_stands_and_the_pdf_page_says_why(
    viewer_client, manager, settings, django_capture_on_commit_callbacks
):
    settings.CHROMIUM_PATH = "/nonexistent/chromium"
    with django_capture_on_commit_callbacks(execute=True):
        approve_quarter(Quarter(2025, 1))
        version = report_services.publish(Quarter(2025, 1), manager)
    assert version.pk
    assert viewer_client.get("/reports/2025/q1.pdf").status_code == 503


def test_when_every_render_slot_is_taken_the_reader_is_asked_to_try_again(viewer_client, published, renders):
    with contextlib.ExitStack() as stack:
        for _ in range(pdf.MAX_RENDERS):
            stack.enter_context(pdf.render_slot())
        response = viewer_client.get("/reports/2025/q1.pdf")
    assert response.status_code == 503 and response["Retry-After"] == "10"
    assert "probeer het zo opnieuw" in text_of(response)
    assert renders == []
    assert viewer_client.get("/reports/2025/q1.pdf").status_code == 200  # the slots are free again


def test_a_pdf_printed_on_one_machine_is_served_by_a_server_on_another(viewer_client, published, renders, tmp_path):
    """Two app servers and the worker share the database, not a disk: the PDF is kept in the database."""
    document = printing.printed(versions.resolve(2025, 1, "1", is_manager=False))
    with override_settings(PDF_LOCK_DIR=tmp_path / "worker-machine"):
        pdf_jobs.print_pdf(document.key, document.html, document.footer)  # the worker's job
    with override_settings(PDF_LOCK_DIR=tmp_path / "app-machine"):
        response = viewer_client.get("/reports/2025/q1.pdf")
    assert (response.status_code, response.content) == (200, b"%PDF-1.7 nep 1")
    assert response["Server-Timing"] == 'pdf;dur=0;desc="cache"'
    assert len(renders) == 1
    assert kept_pdfs() == [document.key]  # in the database, which every server shares
    assert not [path for path in tmp_path.rglob("*") if path.is_file()]  # nothing on either machine's disk
