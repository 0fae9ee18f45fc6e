"""Writes from the entry pages and the admin: save a month's form, import a file, correct a figure.

Each runs in one transaction, refuses locked months and reasonless corrections,
and ends in writes.write_figures, the one audited write path. The month's
workflow (submit, approve, reopen) is in workflow.py.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from decimal import Decimal

from django.db import transaction
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone

from monitoring.models import ChangeEvent, ChangeKind, ImportBatch, ImportState, PeriodState
from nprz_dashboard.periods import Month
from nprz_dashboard.roles import EDITOR

from . import importing
from .catalogue import Slot, figure_slot
from .errors import EntryConflict, GapUnexplained, ImportRejected, ReasonRequired, ServiceError, StalePreview
from .locking import lock_periods, require
from .planning import MonthPlan, explain_gaps, plan_month
from .rules import SameReason
from .writes import FigureWrite, TotalMismatch, month_findings, stored_figures, with_totals, write_figures

IMPORT_PREVIEW_MAX_AGE = dt.timedelta(hours=2)  # how long an uploaded file waits for confirmation


def save_month(
    *,
    month: Month,
    user,
    slots: list[Slot],
    values: dict[str, Decimal],
    loaded_revision: int,
    reason: str,
    explanations: dict[str, str] | None = None,
    overrides: dict[str, str] | None = None,
) -> tuple[MonthPlan, ChangeEvent | None]:
    """Save a month's entered values and the totals they make in one transaction.

    Refuses conflicts, locked months, reasonless corrections, official totals
    whose new difference from their parts is not explained, broken consistency
    rules and warnings without their own reason in `overrides` (finding id: reason).
    """
    require(user, EDITOR)
    reason = reason.strip()
    explanations = explanations or {}
    with transaction.atomic():
        lock_periods([month])
        plan = plan_month(month, slots, values, loaded_revision)
        if plan.conflicts:
            raise EntryConflict(plan)
        if plan.needs_reason and not reason:
            raise ReasonRequired()
        _, unexplained = explain_gaps(plan, explanations)
        if unexplained:
            raise GapUnexplained()
        by_key = {slot.key: slot for slot in slots}
        writes = [FigureWrite(month, by_key[key], value) for key, value in plan.creates.items()]
        writes += [FigureWrite(month, by_key[key], new) for key, (_, new) in plan.corrections.items()]
        given = {
            (month, by_key[key]): (gap.official, gap.summed, explanations[key].strip())
            for key, gap in plan.totals.gaps.items()
            if explanations.get(key, "").strip()
        }
        event = write_figures(
            writes,
            user=user,
            kind=ChangeKind.ENTRY,
            reason=reason,
            month=month,
            explanations=given,
            overrides=overrides,
        )
    return plan, event


def clean_file_name(name: str) -> str:
    """Return an uploaded file's name without folders or control characters (it is shown and stored)."""
    name = os.path.basename(name.replace("\\", "/"))
    return re.sub(r"[\x00-\x1f\x7f]", "", name)[:200] or "bestand"


def start_import(
    *, user, file_name: str, content: bytes, bulk: bool = False
) -> tuple[importing.Plan, ImportBatch | None]:
    """Check an uploaded file and keep it for confirmation when it has no errors.

    Return the preview plan and the kept batch (None when rows have errors:
    nothing can be confirmed then, so no copy of the file is kept). Raises
    importing.ImportRefused for a file that can't be read at all. `bulk` reads a
    history file (many months, its own bounds; locked months are left out).
    """
    require(user, EDITOR)
    name = clean_file_name(file_name)
    plan = importing.build_plan(name, content, bulk=bulk)
    if plan.error_count:
        return plan, None
    purge_import_previews()
    batch = ImportBatch.objects.create(
        uploaded_by=user, file_name=name, content=content, sha256=hashlib.sha256(content).hexdigest()
    )
    return plan, batch


def import_is_open(batch: ImportBatch, user) -> bool:
    """Return whether the user's previewed upload can still be confirmed; drop it when it can't."""
    if batch.state == ImportState.PREVIEW and batch.uploaded_at >= timezone.now() - IMPORT_PREVIEW_MAX_AGE:
        return True
    discard_import(batch, user)
    return False


def apply_import(
    *, batch: ImportBatch, user, reason: str, fingerprint: str, overrides: dict[str, str], bulk: bool = False
):
    """Apply a previewed import: all rows in one transaction, or none; each warning needs its reason in `overrides`.

    A history file (`bulk`) passes rules.SameReason: one reason for all its warnings.
    """
    require(user, EDITOR)
    if batch.uploaded_by_id != user.id or batch.state != ImportState.PREVIEW:
        raise ServiceError("Dit importbestand is al verwerkt of afgebroken; upload het opnieuw.")
    reason = reason.strip()
    with transaction.atomic():
        try:
            # A history file's rules run once, in write_figures below, not here as well.
            plan = importing.build_plan(batch.file_name, bytes(batch.content), bulk=bulk, rules=not bulk)
        except importing.ImportRefused as error:  # a history file confirmed on the monthly page
            raise ServiceError(str(error)) from None
        if plan.error_count:
            raise ImportRejected(plan)
        if plan.fingerprint != fingerprint:
            raise StalePreview()
        # The plan read each month's revision and state before its figures; any write
        # or approval between that read and this lock shows as a different mark.
        periods = lock_periods(plan.months, allow_locked=True)
        if any(plan.period_marks.get(m, (0, PeriodState.OPEN)) != (p.revision, p.state) for m, p in periods.items()):
            raise StalePreview()
        if plan.changed_count and not reason:
            raise ReasonRequired()
        months = plan.months
        event = write_figures(
            [FigureWrite(row.month, row.slot, row.value) for row in plan.rows if row.state in importing.WRITTEN],
            user=user,
            kind=ChangeKind.IMPORT,
            reason=reason,
            month=months[0] if len(months) == 1 else None,
            file_name=batch.file_name,
            overrides=overrides,
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


def total_refusal(figure, value) -> str:
    """Return why a value typed in the admin for a district or NPRZ total is refused ('' when it is not).

    A total follows from its parts once they are complete; the write path would refuse it.
    """
    month = Month.of(figure.month)
    try:
        with_totals([FigureWrite(month, figure_slot(figure), Decimal(value))], stored_figures({month}))
    except TotalMismatch as error:
        return str(error)
    return ""


def save_from_admin(figure, *, user, reason: str, status: str, note: str) -> ChangeEvent | None:
    """Save a figure edited in the admin through the one audited write: lock-checked, a reason for corrections.

    The admin edits a figure's value, status and note; which figure it is (area,
    month, indicator or measure) is fixed once stored.
    """
    require(user, EDITOR)
    reason = reason.strip()
    with transaction.atomic():
        if figure.pk is not None:
            stored = type(figure)._default_manager.filter(pk=figure.pk).values_list("value", flat=True).get()
            if Decimal(stored) != Decimal(figure.value) and not reason:
                raise ReasonRequired()
        write = FigureWrite(Month.of(figure.month), figure_slot(figure), Decimal(figure.value), status, note)
        # The admin has one reason field: it is stored as the reason of each warning it overrides.
        return write_figures(
            [write], user=user, kind=ChangeKind.ADMIN, reason=reason, month=write.month, overrides=SameReason(reason)
        )


def rule_findings(figure, value) -> list:
    """Return what the consistency rules find when a figure typed in the admin gets this value (no writes)."""
    month = Month.of(figure.month)
    write = FigureWrite(month, figure_slot(figure), Decimal(value))
    stored = stored_figures({month})
    changed = {w.month: {} for w in [write]}
    for each in with_totals([write], stored):
        figure_now = stored.get((each.month, each.slot.indicator or each.slot.measure_id, each.slot.area_id))
        if figure_now is None or Decimal(figure_now.value) != each.value:
            changed[each.month][each.slot.key] = each.value
    return month_findings(changed, stored)
