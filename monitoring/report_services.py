"""Writes for quarterly reports: save the narratives, publish a version. Atomic and audited."""

from django.db import transaction
from django.utils import timezone

from nprz_dashboard import clock
from nprz_dashboard.periods import Quarter

from . import reports
from .models import QuarterlyReport, ReportNarrative, ReportSection, ReportVersion


class PublishError(Exception):
    """A quarter that cannot be published (yet); the message is Dutch and meant for the user."""


def report_for(quarter: Quarter, lock: bool = False) -> QuarterlyReport:
    """Return the report of a quarter, creating it on first use."""
    report, _ = QuarterlyReport.objects.get_or_create(year=quarter.year, quarter=quarter.number)
    if lock:
        # Serialise publications of the same quarter so version numbers never collide.
        report = QuarterlyReport.objects.select_for_update().get(pk=report.pk)
    return report


def narratives_of(report: QuarterlyReport | None) -> dict[str, str]:
    """Return the narrative per section (empty text where none was written)."""
    texts = {s.value: "" for s in ReportSection}
    if report is not None:
        texts.update(dict(report.narratives.values_list("section", "text")))
    return texts


@transaction.atomic
def save_narratives(quarter: Quarter, texts: dict[str, str], user) -> QuarterlyReport:
    """Store the manager's narrative per section; unchanged ones are left alone (history stays meaningful)."""
    report = report_for(quarter, lock=True)
    existing = {n.section: n for n in report.narratives.all()}
    for section in ReportSection:
        text = texts.get(section.value, "").strip()
        narrative = existing.get(section.value)
        if narrative is None and not text:
            continue
        if narrative is None:
            narrative = ReportNarrative(report=report, section=section.value)
        elif narrative.text == text:
            continue
        narrative.text = text
        narrative.updated_by = user
        narrative._change_reason = f"Toelichting {quarter.long_label} bijgewerkt"
        narrative.save()
    return report


@transaction.atomic
def publish(quarter: Quarter, user, note: str = "") -> ReportVersion:
    """Freeze the quarter's report as it is now (figures, charts, narratives) as its next version."""
    if quarter not in reports.reportable_quarters(clock.today()):
        raise PublishError(f"Het {quarter.long_label} is nog niet voorbij en kan niet worden gepubliceerd.")
    report = report_for(quarter, lock=True)
    last = report.versions.order_by("-number").first()
    if last is not None and not note.strip():
        raise PublishError("Geef aan waarom er een nieuwe versie komt; de vorige versie blijft leesbaar.")
    live = reports.load_live([quarter], clock.today())
    snapshot = reports.build(quarter, live, narratives_of(report))
    now = timezone.now()
    snapshot["published"] = {
        "number": (last.number + 1) if last else 1,
        "at": now.isoformat(),
        "by": user.get_full_name() or user.get_username(),
        "note": note.strip(),
    }
    return ReportVersion.objects.create(
        report=report,
        number=snapshot["published"]["number"],
        snapshot=snapshot,
        note=note.strip(),
        published_at=now,
        published_by=user,
    )


@transaction.atomic
def save_and_publish(quarter: Quarter, texts: dict[str, str], user, note: str = "") -> ReportVersion:
    """Store the narratives and publish them with the figures in one transaction: all or nothing."""
    save_narratives(quarter, texts, user)
    return publish(quarter, user, note)
