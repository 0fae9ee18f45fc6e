"""Writes for targets and annotations: each one atomic and recorded in the audit trail.

A revision never changes the original: it is a new row that points at the one
it revises, with a reason and a source document, so what was promised stays
visible next to what it became.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from activities.models import ActivityTarget
from monitoring.models import Annotation, Area, Provenance, Source, Target, TargetKind
from nprz_dashboard.periods import Month

# simple-history stores the change reason in a column of 100 characters.
REASON_LENGTH = 100


class TargetError(Exception):
    """A write that the programme's rules refuse; the message is Dutch and shown to the user (next to `field`)."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class NewSource:
    """A source document typed in with the revision: a title and a date."""

    title: str
    published_on: object  # datetime.date
    reference: str = ""


def _audit(obj, user, reason: str):
    obj._change_reason = reason[:REASON_LENGTH]
    obj._history_user = user


def resolve_source(existing: Source | None, new: NewSource | None) -> Source | None:
    """Return the chosen source, creating the typed-in one (call inside the write's transaction)."""
    if new is not None:
        return Source.objects.create(title=new.title, published_on=new.published_on, reference=new.reference)
    return existing


def target_model(kind: str):
    """Return the target model for 'caseload' or 'activity'."""
    if kind == TargetKind.ACTIVITY:
        return ActivityTarget
    return Target


@transaction.atomic
def add_target(
    *,
    kind: str,
    subject,
    area: Area,
    comparator: str,
    period_kind: str,
    start: Month,
    end: Month,
    value: Decimal,
    provenance: str,
    source: Source | None = None,
    new_source: NewSource | None = None,
    note: str = "",
    profile: list[float] | None = None,
    user=None,
):
    """Store a new target for a caseload indicator (subject = indicator) or an activity measure (subject = measure)."""
    source = resolve_source(source, new_source)
    if provenance == Provenance.PUBLISHED and source is None:
        raise TargetError("Een gepubliceerd doel heeft een brondocument nodig.")
    model = target_model(kind)
    about = {"measure": subject} if kind == TargetKind.ACTIVITY else {"indicator": subject}
    if model.objects.current().filter(area=area, period_end=end.first_day, **about).exists():
        raise TargetError(
            f"Er geldt al een doel voor {area.name} dat eindigt in {end.label}. "
            "Herzie dat doel in plaats van er een tweede naast te zetten.",
            field="end",
        )
    target = model(
        comparator=comparator,
        period_kind=period_kind,
        period_start=start.first_day,
        period_end=end.first_day,
        value=value,
        provenance=provenance,
        source=source,
        note=note,
        monthly_profile=profile,
        area=area,
        created_by=user,
        **about,
    )
    _audit(target, user, "Doel vastgelegd")
    target.save()
    return target


@transaction.atomic
def revise_target(
    original,
    *,
    value: Decimal,
    reason: str,
    source: Source | None = None,
    new_source: NewSource | None = None,
    note: str = "",
    user=None,
):
    """Store a revision of a target in force (same period, new value); the original stays as it was.

    Refuses when the reason or the source document is missing, or when the
    target was already revised (revise the one in force instead).
    """
    model = type(original)
    original = model.objects.select_for_update().get(pk=original.pk)
    if model.objects.filter(revises=original).exists():
        raise TargetError("Dit doel is al herzien; herzie het doel dat nu geldt.")
    reason = (reason or "").strip()
    if not reason:
        raise TargetError("Geef de reden van de herziening.")
    source = resolve_source(source, new_source)
    if source is None:
        raise TargetError("Een herziening heeft een brondocument nodig (het besluit of de brief).")
    revision = model.objects.get(pk=original.pk)  # a fresh copy to save as a new row
    revision.pk = revision.id = None
    revision.value = value
    revision.revises = original
    revision.revision_reason = reason
    revision.source = source
    revision.note = note
    revision.created_by = user
    revision._state.adding = True
    _audit(revision, user, f"Herziening: {reason}")
    revision.save()
    return revision


@transaction.atomic
def add_annotation(*, month: Month, text: str, area: Area | None = None, indicator: str = "", measure=None, user=None):
    """Store a dated note for the caseload of an area (optionally one indicator) or for an activity measure."""
    text = (text or "").strip()
    if not text:
        raise TargetError("Schrijf de notitie.")
    if indicator and measure is not None:
        raise TargetError("Kies een indicator of een activiteitmaat, niet allebei.")
    annotation = Annotation(
        month=month.first_day,
        text=text,
        area=area,
        indicator=indicator,
        measure_id=measure.pk if measure is not None else None,
        created_by=user,
    )
    _audit(annotation, user, "Notitie toegevoegd")
    annotation.save()
    return annotation
