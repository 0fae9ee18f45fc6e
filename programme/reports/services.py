"""Writes for quarterly reports: save the narratives, publish a version. Atomic and audited."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from monitoring.models import (
    CaseloadMonthCount,
    PeriodState,
    QuarterlyReport,
    ReportingPeriod,
    ReportNarrative,
    ReportSection,
    ReportVersion,
)
from nprz_dashboard import clock
from nprz_dashboard.periods import Month, Quarter

from . import content
from .live import load_live, reportable_quarters


class PublishError(Exception):
    """A quarter that cannot be published (yet); the message is Dutch and meant for the user."""


class MonthsNotApproved(PublishError):
    """A quarter whose months are not all approved: its figures are not signed off yet."""

    def __init__(self, quarter: Quarter, months: list[Month]):
        self.months = months
        names = ", ".join(m.label for m in months)
        super().__init__(
            f"Het {quarter.long_label} kan pas worden gepubliceerd als alle maanden zijn goedgekeurd; "
            f"nog niet goedgekeurd: {names}."
        )


def unapproved_months(quarter: Quarter) -> list[Month]:
    """Return the quarter's months that hold figures but are not approved (2 queries).

    A report publishes signed-off figures only. A month without a single figure has nothing to sign off
    (it can't even be submitted): the report says no figures are known for it.
    """
    days = [m.first_day for m in quarter.months]
    approved = set(
        ReportingPeriod.objects.filter(month__in=days, state=PeriodState.APPROVED).values_list("month", flat=True)
    )
    # The summary of figures per month (kept by every write), not a DISTINCT over every area's figures.
    filled = set(CaseloadMonthCount.objects.filter(month__in=days, figures__gt=0).values_list("month", flat=True))
    return [m for m in quarter.months if m.first_day in filled and m.first_day not in approved]


@dataclass(frozen=True)
class NarrativeConflict:
    """A section a colleague saved after you loaded it: their text beside yours."""

    section: str
    theirs: str
    yours: str
    revision: int  # the colleague's revision: saving again from it overwrites on purpose
    by: str


class NarrativesChanged(Exception):
    """Some narratives were saved by someone else since they were loaded; nothing was saved."""

    def __init__(self, conflicts: list[NarrativeConflict]):
        super().__init__("Een collega heeft intussen een toelichting gewijzigd.")
        self.conflicts = conflicts


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


def revisions_of(report: QuarterlyReport | None) -> dict[str, int]:
    """Return the revision of each section's narrative (0 where none was written)."""
    revisions = {s.value: 0 for s in ReportSection}
    if report is not None:
        revisions.update(dict(report.narratives.values_list("section", "revision")))
    return revisions


def _conflicts(existing: dict[str, ReportNarrative], texts: dict[str, str], revisions: dict[str, int]) -> list:
    """Return the sections saved by someone else since `revisions` were loaded, with a different text."""
    conflicts = []
    for section in ReportSection:
        text = texts.get(section.value, "").strip()
        narrative = existing.get(section.value)
        current = narrative.revision if narrative else 0
        stored = narrative.text if narrative else ""
        if revisions.get(section.value, 0) != current and text != stored:
            by = narrative.updated_by if narrative else None
            conflicts.append(
                NarrativeConflict(
                    section=section.value,
                    theirs=stored,
                    yours=text,
                    revision=current,
                    by=(by.get_full_name() or by.get_username()) if by else "een collega",
                )
            )
    return conflicts


def conflicts_of(report: QuarterlyReport | None, texts: dict[str, str], revisions: dict[str, int]) -> list:
    """Return what saving these texts would refuse as conflicts, without writing (the publish confirmation)."""
    existing = {n.section: n for n in report.narratives.select_related("updated_by")} if report else {}
    return _conflicts(existing, texts, revisions)


@transaction.atomic
def save_narratives(
    quarter: Quarter, texts: dict[str, str], user, revisions: dict[str, int] | None = None
) -> QuarterlyReport:
    """Store the manager's narrative per section; unchanged ones are left alone (history stays meaningful).

    `revisions` are the sections' revisions as loaded into the form: a section
    a colleague saved since then, with a different text, is a conflict and
    nothing is saved (the quarter's report row is locked, so checks and
    writes of two managers run one after the other).
    """
    report = report_for(quarter, lock=True)
    existing = {n.section: n for n in report.narratives.select_related("updated_by")}
    conflicts = _conflicts(existing, texts, revisions) if revisions is not None else []
    if conflicts:
        raise NarrativesChanged(conflicts)
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
        narrative.revision += 1
        narrative.updated_by = user
        narrative._change_reason = f"Toelichting {quarter.long_label} bijgewerkt"
        narrative.save()
    return report


@transaction.atomic
def publish(quarter: Quarter, user, note: str = "") -> ReportVersion:
    """Freeze the quarter's report as it is now (figures, charts, narratives) as its next version."""
    if quarter not in reportable_quarters(clock.today()):
        raise PublishError(f"Het {quarter.long_label} is nog niet voorbij en kan niet worden gepubliceerd.")
    if missing := unapproved_months(quarter):
        raise MonthsNotApproved(quarter, missing)
    report = report_for(quarter, lock=True)
    last = report.versions.order_by("-number").first()
    if last is not None and not note.strip():
        raise PublishError("Geef aan waarom er een nieuwe versie komt; de vorige versie blijft leesbaar.")
    live = load_live([quarter], clock.today())
    snapshot = content.build(quarter, live, narratives_of(report))
    now = timezone.now()
    snapshot["published"] = {
        "number": (last.number + 1) if last else 1,
        "at": now.isoformat(),
        "by": user.get_full_name() or user.get_username(),
        "note": note.strip(),
    }
    version = ReportVersion.objects.create(
        report=report,
        number=snapshot["published"]["number"],
        snapshot=snapshot,
        note=note.strip(),
        published_at=now,
        published_by=user,
    )
    transaction.on_commit(lambda: prepare_pdf(version.pk))
    return version


def prepare_pdf(version_id: int) -> None:
    """Prepare a published version's PDF once the publication is committed (pdf_jobs.py)."""
    from .pdf_jobs import prepare_version  # it reads versions, which imports this module

    prepare_version(version_id)


@transaction.atomic
def save_and_publish(
    quarter: Quarter, texts: dict[str, str], user, note: str = "", revisions: dict[str, int] | None = None
) -> ReportVersion:
    """Store the narratives and publish them with the figures in one transaction: all or nothing."""
    save_narratives(quarter, texts, user, revisions)
    return publish(quarter, user, note)
