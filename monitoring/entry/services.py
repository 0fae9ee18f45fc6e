"""Writes to figures and reporting periods: atomic, audited, refused for locked months.

Every path that changes a figure (the entry form, an import, the admin) ends in
`_write`, which locks the months' period rows, records one ChangeEvent with a
ValueChange per figure (who, when, old, new, reason, file name), keeps
simple-history's trail, and raises each month's revision for the conflict check.
A change to a submitted month sends it back to open, and approval pins the
revision the manager reviewed, so nothing is locked unseen. The models refuse
locked months as well, so a stray save can't slip past.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from monitoring.models import (
    CaseloadFigure,
    ChangeEvent,
    ChangeKind,
    FigureStatus,
    ImportBatch,
    ImportState,
    Origin,
    PeriodLocked,
    PeriodState,
    ReportingPeriod,
    ValueChange,
)
from nprz_dashboard.periods import Month
from nprz_dashboard.roles import EDITOR, MANAGER, has_role

from .selectors import INDICATOR_NAMES, Slot, month_values, record_model, user_name

HISTORY_REASON_LENGTH = 100  # simple-history's change-reason column
IMPORT_PREVIEW_MAX_AGE = dt.timedelta(hours=2)  # how long an uploaded file waits for confirmation


class ServiceError(Exception):
    """A write that was refused, with the Dutch message for the user."""


class ReasonRequired(ServiceError):
    def __init__(self):
        super().__init__("Geef een reden: je wijzigt een waarde die eerder is opgeslagen.")


class InvalidTransition(ServiceError):
    pass


class OfficialFigureChange(ServiceError):
    pass


class StaleApproval(ServiceError):
    def __init__(self, month: Month):
        super().__init__(
            f"{month.label} is niet goedgekeurd: de cijfers zijn gewijzigd nadat je de pagina opende. "
            "Bekijk de huidige cijfers en keur de maand daarna opnieuw goed."
        )


@dataclass(frozen=True)
class Conflict:
    """A figure both you and someone else changed since you opened the form."""

    key: str
    label: str
    unit: str
    at_load: Decimal | None
    theirs: Decimal
    mine: Decimal
    who: str
    when: object


class EntryConflict(ServiceError):
    def __init__(self, plan: MonthPlan):
        self.plan = plan
        super().__init__(
            "Iemand anders heeft deze maand gewijzigd nadat je het formulier opende. Er is niets opgeslagen: "
            "vergelijk de waarden en sla opnieuw op."
        )


class StalePreview(ServiceError):
    def __init__(self):
        super().__init__(
            "De opgeslagen cijfers zijn gewijzigd sinds het voorbeeld. Er is niets verwerkt: bekijk het nieuwe "
            "voorbeeld en bevestig opnieuw."
        )


class ImportRejected(ServiceError):
    def __init__(self, plan):
        self.plan = plan
        super().__init__(f"Het bestand bevat {plan.error_count} regel(s) met fouten; er is niets verwerkt.")


@dataclass
class MonthPlan:
    """What saving a month's form would do, given what is stored now."""

    month: Month
    revision: int
    creates: dict[str, Decimal] = field(default_factory=dict)
    corrections: dict[str, tuple[Decimal, Decimal]] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)
    refreshed: dict[str, Decimal] = field(default_factory=dict)  # others' values of fields you left alone
    effective: dict[str, Decimal] = field(default_factory=dict)  # the month's values after the save

    @property
    def changed_keys(self) -> set[str]:
        return set(self.creates) | set(self.corrections)

    @property
    def needs_reason(self) -> bool:
        return bool(self.corrections)


def plan_month(month: Month, slots: list[Slot], values: dict[str, Decimal], loaded_revision: int) -> MonthPlan:
    """Compare the entered values with what is stored and with what others saved since the form was loaded.

    A field someone else changed after loading is kept at their value when you left
    it alone, and is a conflict when you changed it too. Queries: period, values (2),
    and the value changes since loading when there are any.
    """
    period = ReportingPeriod.objects.filter(month=month.first_day).first()
    revision = period.revision if period else 0
    stored = month_values(month)
    plan = MonthPlan(month=month, revision=revision, effective={k: s.value for k, s in stored.items()})
    since = _changes_since(month, loaded_revision) if loaded_revision < revision else {}
    by_key = {slot.key: slot for slot in slots}
    for key, mine in values.items():
        slot, current = by_key[key], stored.get(key)
        if key in since:
            at_load, change = since[key]
            theirs = current.value if current else None
            if mine == at_load:
                if theirs is not None:
                    plan.refreshed[key] = theirs
                continue
            if theirs is not None and mine != theirs:
                plan.conflicts.append(
                    Conflict(
                        key,
                        slot.label,
                        slot.unit,
                        at_load,
                        theirs,
                        mine,
                        user_name(change.event.user),
                        change.event.created_at,
                    )
                )
                continue
        if current is None:
            plan.creates[key] = mine
        elif current.value != mine:
            if current.is_official:
                raise OfficialFigureChange(
                    f"{slot.label} is een officieel gepubliceerd cijfer en wordt hier niet gewijzigd."
                )
            plan.corrections[key] = (current.value, mine)
        else:
            continue
        plan.effective[key] = mine
    return plan


def _changes_since(month: Month, revision: int) -> dict[str, tuple[Decimal | None, ValueChange]]:
    """Return per figure its value at `revision` and the latest change after it."""
    from .selectors import caseload_key, measure_key

    since: dict[str, tuple[Decimal | None, ValueChange]] = {}
    changes = ValueChange.objects.in_month(month).filter(revision__gt=revision).select_related("event__user", "area")
    for change in changes.order_by("revision", "id"):
        key = (
            caseload_key(change.indicator, change.area.code)
            if change.indicator
            else measure_key(change.measure_id, change.area.code)
        )
        at_load = since[key][0] if key in since else change.old_value
        since[key] = (at_load, change)
    return since


def _require(user, role: str) -> None:
    if not has_role(user, role):
        raise PermissionDenied("Je hebt geen toegang tot deze handeling.")


def _lock_periods(months, *, allow_locked: bool = False) -> dict[Month, ReportingPeriod]:
    """Lock the months' period rows for this transaction (in month order, against deadlocks)."""
    periods = {}
    for month in sorted(set(months)):
        ReportingPeriod.objects.get_or_create(month=month.first_day)
        periods[month] = ReportingPeriod.objects.select_for_update().get(month=month.first_day)
    if not allow_locked:
        for period in periods.values():
            if period.is_locked:
                raise PeriodLocked(ReportingPeriod.objects.select_related("changed_by").get(pk=period.pk))
    return periods


def _short(text: str) -> str:
    return text if len(text) <= HISTORY_REASON_LENGTH else text[: HISTORY_REASON_LENGTH - 1] + "…"


def save_month(
    *, month: Month, user, slots: list[Slot], values: dict[str, Decimal], loaded_revision: int, reason: str
) -> tuple[MonthPlan, ChangeEvent | None]:
    """Save a month's entered values in one transaction; refuse conflicts, locked months and reasonless corrections."""
    _require(user, EDITOR)
    reason = reason.strip()
    with transaction.atomic():
        _lock_periods([month])
        plan = plan_month(month, slots, values, loaded_revision)
        if plan.conflicts:
            raise EntryConflict(plan)
        if plan.needs_reason and not reason:
            raise ReasonRequired()
        by_key = {slot.key: slot for slot in slots}
        items = [(month, by_key[key], value) for key, value in plan.creates.items()]
        items += [(month, by_key[key], new) for key, (_, new) in plan.corrections.items()]
        event = _write(items, user=user, kind=ChangeKind.ENTRY, reason=reason, month=month)
    return plan, event


def apply_import(*, batch: ImportBatch, user, reason: str, fingerprint: str, warnings_confirmed: bool):
    """Apply a previewed import: all rows in one transaction, or none."""
    from .importing import build_plan

    _require(user, EDITOR)
    if batch.uploaded_by_id != user.id or batch.state != ImportState.PREVIEW:
        raise ServiceError("Dit importbestand is al verwerkt of afgebroken; upload het opnieuw.")
    reason = reason.strip()
    with transaction.atomic():
        plan = build_plan(batch.file_name, bytes(batch.content))
        if plan.error_count:
            raise ImportRejected(plan)
        if plan.fingerprint != fingerprint:
            raise StalePreview()
        # The plan read each month's revision and state before its figures; any write
        # or approval between that read and this lock shows as a different mark.
        periods = _lock_periods(plan.months, allow_locked=True)
        if any(plan.period_marks.get(m, (0, PeriodState.OPEN)) != (p.revision, p.state) for m, p in periods.items()):
            raise StalePreview()
        if plan.warnings and not warnings_confirmed:
            raise ServiceError("Bevestig dat je de waarschuwingen hebt bekeken.")
        if plan.changed_count and not reason:
            raise ReasonRequired()
        items = [(row.month, row.slot, row.value) for row in plan.rows if row.state in ("new", "changed")]
        months = plan.months
        event = _write(
            items,
            user=user,
            kind=ChangeKind.IMPORT,
            reason=reason,
            month=months[0] if len(months) == 1 else None,
            file_name=batch.file_name,
        )
        batch.state = ImportState.APPLIED
        batch.event = event
        batch.content = b""  # the figures are stored now; keep no copy of the file
        batch.save(update_fields=["state", "event", "content"])
    return plan, event


def discard_import(batch: ImportBatch, user) -> None:
    """Drop a previewed upload without applying it."""
    if batch.uploaded_by_id == user.id and batch.state == ImportState.PREVIEW:
        batch.state = ImportState.DISCARDED
        batch.content = b""
        batch.save(update_fields=["state", "content"])


def purge_import_previews(now=None) -> int:
    """Discard previews older than IMPORT_PREVIEW_MAX_AGE and drop every kept file that is no longer a preview.

    Return how many batches were wiped. Runs on the import page and from
    `manage.py purge_import_previews` (e.g. hourly from cron).
    """
    now = now or timezone.now()
    expired = Q(state=ImportState.PREVIEW, uploaded_at__lt=now - IMPORT_PREVIEW_MAX_AGE)
    # Applied or discarded batches never need their file; an interrupted request may have left one.
    finished = ~Q(state=ImportState.PREVIEW) & ~Q(content=b"")
    return ImportBatch.objects.filter(expired | finished).update(
        state=Case(When(expired, then=Value(ImportState.DISCARDED)), default=F("state")), content=b""
    )


def _write(items, *, user, kind: str, reason: str, month: Month | None, file_name: str = "") -> ChangeEvent | None:
    """Create or correct figures: items are (month, slot, new value). Return the event, or None if nothing changed."""
    ActivityRecord = record_model()

    months = {m for m, _, _ in items}
    periods = _lock_periods(months)
    days = [m.first_day for m in months]
    figures = {(Month.of(f.month), f.indicator, f.area_id): f for f in CaseloadFigure.objects.filter(month__in=days)}
    records = {(Month.of(r.month), r.measure_id, r.area_id): r for r in ActivityRecord.objects.filter(month__in=days)}

    now = timezone.now()
    new, updated = defaultdict(list), defaultdict(list)
    changes = []
    for m, slot, value in items:
        model = CaseloadFigure if slot.is_caseload else ActivityRecord
        stored = figures if slot.is_caseload else records
        obj = stored.get((m, slot.indicator or slot.measure_id, slot.area_id))
        if obj is not None and Decimal(obj.value) == value:
            continue
        old = None if obj is None else Decimal(obj.value)
        if obj is None:
            attrs = {"indicator": slot.indicator} if slot.is_caseload else {"measure_id": slot.measure_id}
            obj = model(
                month=m.first_day,
                area_id=slot.area_id,
                value=int(value) if slot.is_caseload else value,
                status=FigureStatus.PROVISIONAL,
                origin=Origin.REGISTERED,
                updated_by=user,
                **attrs,
            )
            new[model].append(obj)
        else:
            obj.value = int(value) if slot.is_caseload else value
            obj.updated_by = user
            obj.updated_at = now
            if obj.origin == Origin.SYNTHETIC:  # a corrected demo value is now a registered one
                obj.origin = Origin.REGISTERED
                obj.note = ""
            updated[model].append(obj)
        changes.append((m, slot, old, value))
    if not changes:
        return None

    created = sum(1 for c in changes if c[2] is None)
    summary = f"{created} nieuw, {len(changes) - created} gecorrigeerd"
    _back_to_open({m: periods[m] for m, _, _, _ in changes}, user, reason)
    event = ChangeEvent.objects.create(
        kind=kind,
        user=user,
        month=month.first_day if month else None,
        reason=reason,
        file_name=file_name,
        summary=summary,
    )
    label = ChangeKind(kind).label
    source = f"{label} {file_name}" if file_name else label
    history_reason = _short(f"{source}: {reason}" if reason else source)
    for model, objs in new.items():
        bulk_create_with_history(objs, model, default_user=user, default_change_reason=history_reason)
    for model, objs in updated.items():
        fields = ["value", "updated_by", "updated_at", "origin", "note"]
        bulk_update_with_history(objs, model, fields, default_user=user, default_change_reason=history_reason)
    ValueChange.objects.bulk_create(
        ValueChange(
            event=event,
            month=m.first_day,
            area_id=slot.area_id,
            indicator=slot.indicator,
            measure_id=slot.measure_id,
            label=slot.label,
            unit=slot.unit,
            old_value=old,
            new_value=value,
            revision=periods[m].revision + 1,
        )
        for m, slot, old, value in changes
    )
    _raise_revisions(periods.values())
    return event


def _raise_revisions(periods) -> None:
    ReportingPeriod.objects.filter(pk__in=[p.pk for p in periods]).update(revision=F("revision") + 1)


def _back_to_open(periods: dict[Month, ReportingPeriod], user, reason: str) -> None:
    """Return submitted months whose figures change to open, so they are checked and submitted again."""
    for month, period in periods.items():
        if period.state == PeriodState.SUBMITTED:
            _move(
                period,
                PeriodState.OPEN,
                user,
                ChangeKind.REOPEN,
                reason=f"Cijfers gewijzigd na indienen: {reason}" if reason else "Cijfers gewijzigd na indienen",
                summary=f"Terug naar open: cijfers van {month.label} gewijzigd na indienen; dien de maand opnieuw in",
            )


def submit_period(month: Month, user) -> ChangeEvent:
    """Mark a month as complete and ready for approval (editor)."""
    _require(user, EDITOR)
    with transaction.atomic():
        period = _lock_periods([month])[month]
        if period.state == PeriodState.SUBMITTED:
            raise InvalidTransition(f"{month.label} is al ingediend.")
        if not month_values(month):
            raise InvalidTransition(f"{month.label} heeft nog geen cijfers; vul eerst de maand in.")
        return _move(period, PeriodState.SUBMITTED, user, ChangeKind.SUBMIT, reason="", summary="Ter goedkeuring")


def approve_period(
    month: Month, user, *, revision: int, final_caseload: bool = True, final_activities: bool = True
) -> ChangeEvent:
    """Approve and lock a submitted month at the revision the manager reviewed.

    Its figures become definitief unless the manager keeps them provisional. A month
    changed since the manager loaded it (another revision) is refused.
    """
    ActivityRecord = record_model()

    _require(user, MANAGER)
    with transaction.atomic():
        period = _lock_periods([month], allow_locked=True)[month]
        if period.state != PeriodState.SUBMITTED:
            raise InvalidTransition(
                f"Alleen een ingediende maand kan worden goedgekeurd; {month.label} is {period.get_state_display()}."
            )
        if period.revision != revision:
            raise StaleApproval(month)
        made_final = 0
        # Official figures keep the status their source gave them.
        for model, wanted in ((CaseloadFigure, final_caseload), (ActivityRecord, final_activities)):
            if not wanted:
                continue
            objs = list(
                model.objects.filter(month=month.first_day)
                .exclude(status=FigureStatus.FINAL)
                .exclude(origin=Origin.OFFICIAL)
            )
            for obj in objs:
                obj.status = FigureStatus.FINAL
            bulk_update_with_history(
                objs, model, ["status"], default_user=user, default_change_reason="Definitief bij goedkeuring"
            )
            made_final += len(objs)
        kept = [
            name for name, wanted in (("bijstand", final_caseload), ("activiteiten", final_activities)) if not wanted
        ]
        summary = f"{made_final} cijfers definitief gemaakt" + (
            f"; voorlopig gehouden: {', '.join(kept)}" if kept else ""
        )
        return _move(period, PeriodState.APPROVED, user, ChangeKind.APPROVE, reason="", summary=summary)


def reopen_period(month: Month, user, reason: str) -> ChangeEvent:
    """Reopen an approved (or send back a submitted) month, with a reason (manager)."""
    _require(user, MANAGER)
    reason = reason.strip()
    if not reason:
        raise ServiceError("Geef een reden om de maand te heropenen.")
    with transaction.atomic():
        period = _lock_periods([month], allow_locked=True)[month]
        if period.state not in (PeriodState.APPROVED, PeriodState.SUBMITTED):
            raise InvalidTransition(f"{month.label} is niet ingediend of goedgekeurd en hoeft niet heropend te worden.")
        return _move(period, PeriodState.REOPENED, user, ChangeKind.REOPEN, reason=reason, summary="Heropend")


def _move(period: ReportingPeriod, state: str, user, kind: str, *, reason: str, summary: str) -> ChangeEvent:
    period.state = state
    period.changed_by = user
    period.changed_at = timezone.now()
    period.reason = reason
    period._change_reason = _short(f"{ChangeKind(kind).label}: {reason}" if reason else ChangeKind(kind).label)
    period._history_user = user
    period.save()
    return ChangeEvent.objects.create(kind=kind, user=user, month=period.month, reason=reason, summary=summary)


def figure_label(obj) -> str:
    """Return the label of a stored figure as the entry form shows it."""
    if isinstance(obj, CaseloadFigure):
        return f"{INDICATOR_NAMES[obj.indicator]}, {obj.area.name}"
    return f"{obj.measure.activity.name}: {obj.measure.name}, {obj.area.name}"


def save_from_admin(obj, *, user, reason: str) -> ChangeEvent:
    """Save a figure edited in the admin: lock-checked, reason for corrections, recorded like any other change.

    A corrected official or demo value is no longer what its publication or the
    demo generator said: like a correction on the entry form it becomes a
    registered value, without the source and the note that described the old one.
    """
    _require(user, EDITOR)
    reason = reason.strip()
    with transaction.atomic():
        stored = (
            type(obj)._default_manager.filter(pk=obj.pk).values_list("value", "month", "origin", "note").first()
            if obj.pk
            else None
        )
        months = {Month.of(obj.month)} | ({Month.of(stored[1])} if stored else set())
        periods = _lock_periods(months)
        old = stored[0] if stored else None
        changed = old is None or Decimal(old) != Decimal(obj.value)
        if obj.pk and changed and not reason:
            raise ReasonRequired()
        if stored and changed and stored[2] != Origin.REGISTERED:
            obj.origin = Origin.REGISTERED
            obj.source = None
            if obj.note == stored[3]:  # keep a note the administrator wrote with the correction
                obj.note = ""
        event = ChangeEvent.objects.create(
            kind=ChangeKind.ADMIN,
            user=user,
            month=obj.month,
            reason=reason,
            summary="1 nieuw" if old is None else ("1 gecorrigeerd" if changed else "gegevens bijgewerkt"),
        )
        obj.updated_by = user
        obj._change_reason = _short(f"Beheer: {reason}" if reason else "Beheer")
        obj._history_user = user
        obj.save()
        month = Month.of(obj.month)
        if changed:
            is_caseload = isinstance(obj, CaseloadFigure)
            ValueChange.objects.create(
                event=event,
                month=obj.month,
                area=obj.area,
                indicator=obj.indicator if is_caseload else "",
                measure_id=None if is_caseload else obj.measure_id,
                label=figure_label(obj),
                unit="count" if is_caseload else obj.measure.unit,
                old_value=old,
                new_value=obj.value,
                revision=periods[month].revision + 1,
            )
            _back_to_open(periods, user, reason)
        _raise_revisions(periods.values())
    return event
