"""What a report page and its PDF show, built without a request so a background worker prints the same.

`context` is the report's template context (views add the request's forms);
`printed` renders the print view and footer for Chromium and names the PDF
file they make (pdf.cache_key): the view, the publication and the worker all
name it the same way, so a PDF prepared at publication is found by the reader.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.template.loader import render_to_string

from nprz_dashboard.marks import Marks

from . import content, versions


def report_marks(shown: versions.Shown) -> Marks:
    """Return what every page of the PDF and every downloaded chart says about the report it comes from."""
    snapshot = shown.snapshot
    version = "concept" if shown.is_concept else f"versie {shown.version.number}"
    return Marks(
        title=f"Kwartaalrapportage {snapshot['quarter']['label']}, {version}",
        data_date=f"peildatum {snapshot['data_status']['reference_label']}",
        demo=snapshot["synthetic"],
    )


def context(shown: versions.Shown, *, can_manage: bool) -> dict:
    """Return the template context of a shown report (a published version or the concept)."""
    snapshot = shown.snapshot
    changes, reasons = [], []
    if not shown.is_concept:
        changes = content.changes(snapshot["figures"], content.report_figures(shown.quarter, shown.live))
        if changes:  # "herzien": why the figures changed since publication
            reasons = versions.revision_reasons(shown.quarter, shown.version.published_at)
    return {
        "page_title": f"Kwartaalrapportage {snapshot['quarter']['label']}",
        "r": snapshot,
        "shown": shown,
        "version": shown.version,
        "versions": shown.versions,
        "is_concept": shown.is_concept,
        "changes": changes,
        "revision_reasons": reasons,
        "is_latest": shown.version is not None and shown.version == shown.latest,
        "can_manage": can_manage,
        "shows_synthetic": snapshot["synthetic"],
        "marks": report_marks(shown),
        "version_param": versions.CONCEPT if shown.is_concept else shown.version.number,
    }


@dataclass(frozen=True)
class Printed:
    """A report as Chromium prints it: the page, the footer, and the name of the PDF file they make."""

    html: str
    footer: str
    key: str
    download_name: str


def printed(shown: versions.Shown) -> Printed:
    """Return the print view and footer of a shown report, and its PDF's file name (no request needed).

    The name hashes the printed page: a published version also says which figures
    were corrected since (herzien), and that notice must not go stale in a kept PDF.
    """
    page = {**context(shown, can_manage=False), "for_pdf": True}
    html = render_to_string("programme/reports/print.html", page)
    footer = render_to_string("programme/reports/pdf_footer.html", page)
    digest = hashlib.sha256(f"{html}\x00{footer}".encode()).hexdigest()[:32]
    quarter = shown.quarter
    if shown.is_concept:
        key, label = f"concept-{quarter.year}-q{quarter.number}-{digest}.pdf", "concept"
    else:
        key, label = f"versie-{shown.version.pk}-{digest}.pdf", f"versie-{shown.version.number}"
    return Printed(html, footer, key, f"kwartaalrapportage-{quarter.year}-kw{quarter.number}-{label}.pdf")
