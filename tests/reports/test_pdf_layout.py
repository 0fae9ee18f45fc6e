"""The quarterly report on paper, as the alderman attaches it to a council letter.

Printed by the same Chromium as /reports/<YYYY>/q<N>.pdf: no table or chart
wider than the printable area of A4 (long source texts are numbered notes
under their table), type of at least 9 pt, 4 to 6 pages for a quarter, and
the quarter-end stand and every published target in the PDF's text.
"""

import io
import math
import re
from concurrent.futures import ThreadPoolExecutor

import pytest
from pypdf import PdfReader

from monitoring.caseload.progress import published_milestones
from monitoring.caseload.selectors import current_targets, programme_area
from monitoring.models import CaseloadFigure, ReportSection
from nprz_dashboard.formatting import format_number
from nprz_dashboard.periods import Quarter
from programme.reports import pdf
from programme.reports import services as report_services
from tests.helpers import approve_quarter

# What sticks out of the printable width: every table, chart and drawn plot, measured as laid out for paper.
TOO_WIDE = """(width) => [...document.querySelectorAll('table, .chart__plot, svg.main-svg, .key-figures')]
  .map(e => [(e.querySelector('caption') || e).textContent.trim().slice(0, 60), e.getBoundingClientRect()])
  .filter(([, r]) => r.left < -1 || r.right > width + 1)
  .map(([what, r]) => `${what}: ${Math.round(r.left)}–${Math.round(r.right)} px`)"""
NARRATIVE = (
    "Het aantal uitkeringen daalde in het kwartaal minder snel dan nodig is voor het doel van eind 2025. "
    "De instroom lag in januari hoger dan verwacht; de uitstroom naar werk bleef op peil. "
    "Het programma zet in op de checkgesprekken en de wijkwerktafels in de focuswijken."
)


@pytest.fixture
def published(manager):
    """The first quarter of 2025, published with a narrative in every section (a full report)."""
    texts = {section.value: NARRATIVE for section in ReportSection}
    approve_quarter(Quarter(2025, 1))
    return report_services.save_and_publish(Quarter(2025, 1), texts, manager)


def test_no_table_or_chart_is_wider_than_the_printable_area(viewer_client, published):
    html = viewer_client.get("/reports/2025/q1/?view=print").content.decode()

    def measure():
        with pdf.printed_page(html) as page:
            return (
                page.evaluate(
                    "[document.querySelectorAll('table').length, document.querySelectorAll('svg.main-svg').length]"
                ),
                page.evaluate(TOO_WIDE, pdf.PRINTABLE_WIDTH),
                page.evaluate("document.documentElement.scrollWidth"),
            )

    # A thread of its own, as pdf.render does: a browser test may have left an asyncio loop in this process.
    with ThreadPoolExecutor(max_workers=1) as pool:
        measured, too_wide, page_width = pool.submit(measure).result()
    assert measured[0] >= 8 and measured[1] >= 4  # the report's tables and every chart were there to measure
    assert too_wide == []
    assert page_width <= pdf.PRINTABLE_WIDTH


def font_sizes(page) -> list[tuple[float, str]]:
    """Return (size in pt, text) of every text run on a PDF page, the page's scaling included."""
    runs = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            scale = math.sqrt(abs(cm[0] * cm[3] - cm[1] * cm[2])) * math.sqrt(abs(tm[0] * tm[3] - tm[1] * tm[2]))
            runs.append((size * scale, text.strip()))

    page.extract_text(visitor_text=visit)
    return runs


def test_the_pdf_has_four_to_six_pages_readable_type_and_every_published_target(viewer_client, published):
    response = viewer_client.get("/reports/2025/q1.pdf")
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    assert 4 <= len(reader.pages) <= 6
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))

    stand = CaseloadFigure.objects.get(area__code="NPRZ", indicator="caseload", month="2025-03-01").value
    assert f"Stand eind maart 2025 {format_number(stand)}" in text
    targets = published_milestones(current_targets(programme_area()))
    assert [t.value for t in targets] == [12_750, 12_400, 10_000]  # the letter's three
    for target in targets:
        assert f"eind {target.month.label} ◆ hoogstens {format_number(target.value)}" in text
    assert "Brief wethouder" in text  # the official figures' source, as numbered notes under their tables
    assert f"pagina {len(reader.pages)} van {len(reader.pages)}" in text

    smallest = min((size, run, number) for number, page in enumerate(reader.pages, 1) for size, run in font_sizes(page))
    assert smallest[0] >= 8.9, f"text of {smallest[0]:.1f} pt on page {smallest[2]}: {smallest[1]!r}"


def body_lines(page) -> list[tuple[float, str]]:
    """Return the text lines of a PDF page above its footer as (height from the bottom in pt, text), lowest first."""
    runs: dict[float, list[str]] = {}

    def visit(text, cm, tm, font, size):
        if text.strip():
            height = round(tm[4] * cm[1] + tm[5] * cm[3] + cm[5])
            runs.setdefault(height, []).append(text.strip())

    page.extract_text(visitor_text=visit)
    footer = float(pdf.MARGIN["bottom"].removesuffix("mm")) / 25.4 * 72
    return sorted((height, " ".join(texts)) for height, texts in runs.items() if height > footer)


def headings(html: str) -> list[str]:
    """Return the text of every section and chart heading of the printed report."""
    found = re.findall(r"<h[23][^>]*>(.*?)</h[23]>", html, re.S)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", h)).strip() for h in found]


def stranded_headings(content: bytes, html: str) -> list[str]:
    """Return the headings that end a page with less than three lines of their section under them."""
    titles = [t for t in headings(html) if len(t) >= 6]
    stranded = []
    for number, page in enumerate(PdfReader(io.BytesIO(content)).pages, 1):
        lines = body_lines(page)
        for below, (_, text) in enumerate(lines):
            if any(text == title or (len(text) >= 12 and text in title) for title in titles):
                if below < 3:
                    stranded.append(f"page {number}: {text!r} with {below} line(s) under it")
                break  # only the lowest heading of a page can be left at its foot
    return stranded


@pytest.mark.parametrize(
    ("report", "version"),
    [
        ("/reports/2025/q1", "1"),  # published, a narrative in every section
        ("/reports/2026/q3", "concept"),  # a concept: only a short "no text yet" under every heading
    ],
)
def test_no_heading_is_left_alone_at_the_foot_of_a_page(manager_client, published, report, version):
    html = manager_client.get(f"{report}/?version={version}&view=print").content.decode()
    response = manager_client.get(f"{report}.pdf?version={version}")
    assert response.status_code == 200
    assert len(headings(html)) >= 9  # the five sections and the report's charts were there to check
    assert stranded_headings(response.content, html) == []
