"""Data out for the entry pages: what is stored for a month, what is missing, and what changed.

Which figures a month asks for (its slots) is in catalogue.py.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings

from monitoring.models import (
    Area,
    CaseloadFigure,
    CaseloadIndicator,
    CaseloadMonthCount,
    ChangeEvent,
    ChangeKind,
    FigureStatus,
    HasOrigin,
    PeriodState,
    ReportingPeriod,
    ValueChange,
)
from nprz_dashboard.periods import Month, month_range

from .catalogue import Catalogue, Slot, caseload_key, field_name, measure_key

# simple-history's record types ("Created", "Changed", "Deleted" in its own labels).
HISTORY_TYPES = {"+": "aangemaakt", "~": "gewijzigd", "-": "verwijderd"}
# Data entry starts with the programme; earlier months are refused as typing errors.
FIRST_ENTRY_MONTH = Month(2011, 1)


def record_model():
    """Return activities' record model, through its one door (docs/architecture.md)."""
    from activities import public as activities

    return activities.record_model()


@dataclass(frozen=True)
class Stored(HasOrigin):
    """A stored figure as the entry pages show it."""

    value: Decimal
    status: str
    status_label: str
    origin: str
    source: str
    updated_at: dt.datetime | None


def stored_values(months: list[Month]) -> dict[tuple[Month, str], Stored]:
    """Return the stored figures of the months by (month, slot key) (2 queries)."""
    ActivityRecord = record_model()

    days = [m.first_day for m in months]
    labels = dict(FigureStatus.choices)
    fields = ["month", "area__code", "value", "status", "origin", "source__title", "updated_at"]
    stored = {}
    for row in CaseloadFigure.objects.filter(month__in=days).values("indicator", *fields):
        key = caseload_key(row["indicator"], row["area__code"])
        stored[(Month.of(row["month"]), key)] = _stored(row, labels)
    for row in ActivityRecord.objects.filter(month__in=days).values("measure_id", *fields):
        key = measure_key(row["measure_id"], row["area__code"])
        stored[(Month.of(row["month"]), key)] = _stored(row, labels)
    return stored


def _stored(row: dict, labels: dict) -> Stored:
    return Stored(
        value=Decimal(row["value"]),
        status=row["status"],
        status_label=labels.get(row["status"], row["status"]),
        origin=row["origin"],
        source=row["source__title"] or "",
        updated_at=row["updated_at"],
    )


def month_values(month: Month) -> dict[str, Stored]:
    """Return one month's stored figures by slot key."""
    return {key: value for (_, key), value in stored_values([month]).items()}


def recent_values(month: Month, months: int = 12) -> dict[str, dict[Month, Decimal]]:
    """Return each slot's values in the months before `month` (2 queries), for the plausibility checks."""
    return value_series(month - months, month - 1)


def within(series: dict[str, dict[Month, Decimal]], start: Month, end: Month) -> dict[str, dict[Month, Decimal]]:
    """Return the part of value_series() from start to end, both included (no queries)."""
    return {key: {m: v for m, v in values.items() if start <= m <= end} for key, values in series.items()}


def value_series(start: Month, end: Month) -> dict[str, dict[Month, Decimal]]:
    """Return each slot's stored values from start to end by month (2 queries, any number of months)."""
    ActivityRecord = record_model()

    series: dict[str, dict[Month, Decimal]] = defaultdict(dict)
    for indicator, code, day, value in CaseloadFigure.objects.in_months(start, end).values_list(
        "indicator", "area__code", "month", "value"
    ):
        series[caseload_key(indicator, code)][Month.of(day)] = Decimal(value)
    for measure_id, code, day, value in ActivityRecord.objects.in_months(start, end).values_list(
        "measure_id", "area__code", "month", "value"
    ):
        series[measure_key(measure_id, code)][Month.of(day)] = Decimal(value)
    return series


def period_of(month: Month) -> ReportingPeriod | None:
    """Return the month's workflow row with the user who last moved it, or None while it is untouched."""
    return ReportingPeriod.objects.select_related("changed_by").filter(month=month.first_day).first()


def last_entry_month(today: dt.date) -> Month:
    """Return the last month that can be entered: the month before today's."""
    return Month.of(today) - 1


def due_date(month: Month) -> dt.date:
    """Return the day a month's figures are due (configurable day of the next month)."""
    return (month + 1).first_day.replace(day=int(settings.ENTRY_DUE_DAY))


def user_name(user) -> str:
    if user is None:
        return "onbekend"
    return user.get_full_name() or user.username


def month_rows(today: dt.date) -> list[dict]:
    """Return one row per month, newest first, with workflow state and completeness.

    Keys: month, state, state_label, changed_by, changed_at, reason, filled, expected,
    missing (list of 'what: n areas'), is_empty, is_complete, is_due, is_late, is_locked.
    Queries: areas, measures, the first stored month, periods, caseload counts, record counts
    (both counts from summary tables kept by every write, not from the figures themselves).
    """
    from activities import public as activities

    catalogue = Catalogue.load()
    last = last_entry_month(today)
    first_day = CaseloadFigure.objects.order_by("month").values_list("month", flat=True).first()
    first = min(Month.of(first_day), last) if first_day else last - 11
    months = month_range(first, last)

    periods = {
        p.period: p for p in ReportingPeriod.objects.in_months(first, last).select_related("changed_by").order_by()
    }
    counts: dict[tuple[Month, tuple], int] = {}
    caseload = CaseloadMonthCount.objects.filter(month__gte=first.first_day, month__lte=last.first_day)
    for day, indicator, figures in caseload.values_list("month", "indicator", "figures"):
        counts[(Month.of(day), (indicator, None))] = figures
    for (day, measure_id), records in activities.record_counts(first, last).items():
        counts[(Month.of(day), ("", measure_id))] = records

    area_count, hood_count = len(catalogue.areas), len(catalogue.neighbourhoods)
    rows = []
    for month in reversed(months):
        # The first month is the series' baseline: only its stock is needed, since
        # flows describe the change from the month before it.
        indicators = [CaseloadIndicator.CASELOAD] if month == first else list(CaseloadIndicator)
        expected_by_figure = {(indicator, None): (field_name(indicator), area_count) for indicator in indicators}
        for measure in catalogue.active_measures(month):
            name = f"{measure.activity.name}: {measure.name}"
            expected_by_figure[("", measure.id)] = (name, hood_count if measure.by_area else 1)
        filled = expected = 0
        missing = []
        for figure, (name, wanted) in expected_by_figure.items():
            have = min(counts.get((month, figure), 0), wanted)
            filled += have
            expected += wanted
            if have < wanted:
                missing.append(f"{name}: {wanted - have} van {wanted} ontbreken" if wanted > 1 else name)
        period = periods.get(month)
        state = period.state if period else PeriodState.OPEN
        is_due = today >= due_date(month)
        rows.append(
            {
                "month": month,
                "state": state,
                "state_label": PeriodState(state).label,
                "changed_by": user_name(period.changed_by) if period and period.changed_by else "",
                "changed_at": period.changed_at if period else None,
                "reason": period.reason if period else "",
                "filled": filled,
                "expected": expected,
                "missing": missing,
                "is_empty": filled == 0,
                "is_complete": filled == expected,
                "is_due": is_due,
                "is_late": is_due and filled < expected and state in (PeriodState.OPEN, PeriodState.REOPENED),
                "is_locked": state == PeriodState.APPROVED,
                "due_date": due_date(month),
            }
        )
    return rows


def slot_in(month: Month, area: Area, indicator: str, measure: str) -> Slot | None:
    """Return the month's slot of an indicator (or a measure id as text) in an area, or None."""
    for slot in Catalogue.load().slots(month):
        if slot.area_id != area.id:
            continue
        if (slot.indicator == indicator) if indicator else (not slot.indicator and str(slot.measure_id) == measure):
            return slot
    return None


def missing_slots(slots: list[Slot], stored: dict[str, Stored]) -> list[dict]:
    """Return the figures that still lack a value, grouped: {'name', 'group', 'areas'}."""
    grouped: dict[tuple, dict] = {}
    for slot in slots:
        if slot.key in stored:
            continue
        entry = grouped.setdefault(slot.figure_id, {"name": slot.name, "group": slot.group, "areas": []})
        entry["areas"].append(slot.area_name)
    return list(grouped.values())


def history_rows(month: Month, *, area: Area | None = None, indicator: str = "", measure_id: int | None = None):
    """Return the month's changes, newest first, optionally of one figure.

    Each row: when, who, kind, kind_label, file_name, reason, label, area, old, new, unit, summary.
    Period steps (submitted, approved, reopened) are rows without a value. Queries: value changes, events.
    """
    changes = ValueChange.objects.in_month(month).select_related("event__user", "area")
    if area is not None:
        changes = changes.of_figure(area=area, indicator=indicator, measure_id=measure_id)
    rows = [
        {
            "when": change.event.created_at,
            "who": user_name(change.event.user),
            "kind": change.event.kind,
            "kind_label": change.event.get_kind_display(),
            "file_name": change.event.file_name,
            "reason": change.event.reason,
            "label": change.label,
            "area": change.area.name,
            "old": change.old_value,
            "new": change.new_value,
            "unit": change.unit,
            "summary": change.event.summary,
            "event_id": change.event_id,
        }
        for change in changes.order_by("-event__created_at", "-id")
    ]
    if area is None:
        steps = ChangeEvent.objects.filter(
            month=month.first_day, kind__in=[ChangeKind.SUBMIT, ChangeKind.APPROVE, ChangeKind.REOPEN]
        ).select_related("user")
        rows.extend(
            {
                "when": event.created_at,
                "who": user_name(event.user),
                "kind": event.kind,
                "kind_label": event.get_kind_display(),
                "file_name": "",
                "reason": event.reason,
                "label": "",
                "area": "",
                "old": None,
                "new": None,
                "unit": "",
                "summary": event.summary,
                "event_id": event.id,
            }
            for event in steps
        )
        rows.sort(key=lambda row: (row["when"], row["event_id"]), reverse=True)
    return rows


def figure_versions(month: Month, slot: Slot) -> list[dict]:
    """Return every stored version of one figure from simple-history, newest first (1 query).

    This trail also shows saves outside the entry pages, such as the demo seed.
    Each row: when, who, value, status_label, reason.
    """
    ActivityRecord = record_model()

    if slot.is_caseload:
        versions = CaseloadFigure.history.filter(indicator=slot.indicator)
    else:
        versions = ActivityRecord.history.filter(measure_id=slot.measure_id)
    labels = dict(FigureStatus.choices)
    versions = versions.filter(area_id=slot.area_id, month=month.first_day).select_related("history_user")
    return [
        {
            "when": version.history_date,
            "who": user_name(version.history_user) if version.history_user else "systeem",
            "value": Decimal(version.value),
            "status_label": labels.get(version.status, version.status),
            "reason": version.history_change_reason or "",
            "type": HISTORY_TYPES.get(version.history_type, version.history_type),
        }
        for version in versions.order_by("-history_date", "-history_id")
    ]
