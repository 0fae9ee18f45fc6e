"""Data out for the entry pages: what is stored for a month, what is missing, and what changed.

Which figures a month asks for (its slots) is in catalogue.py.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from functools import reduce

from django.conf import settings
from django.db.models import Q

from activities.models import ActivityRecord, MonthTotal
from monitoring.models import (
    Area,
    CaseloadFigure,
    CaseloadIndicator,
    CaseloadMonthCount,
    ChangeEvent,
    ChangeKind,
    FigureStatus,
    GapExplanation,
    HasOrigin,
    PeriodState,
    ReportingPeriod,
    ReportVersion,
    ValueChange,
    WarningOverride,
)
from nprz_dashboard.periods import Month, Quarter, month_range

from .catalogue import Catalogue, Slot, caseload_key, field_name, measure_key

# simple-history's record types ("Created", "Changed", "Deleted" in its own labels).
HISTORY_TYPES = {"+": "aangemaakt", "~": "gewijzigd", "-": "verwijderd"}
# The workflow steps the history lists beside the value changes.
STEP_KINDS = [ChangeKind.SUBMIT, ChangeKind.APPROVE, ChangeKind.REOPEN, ChangeKind.SEND_BACK]
# The states in which a month waits for its editor.
WAITING_STATES = (PeriodState.OPEN, PeriodState.REOPENED, PeriodState.RETURNED)
# Data entry starts with the programme; earlier months are refused as typing errors.
FIRST_ENTRY_MONTH = Month(2011, 1)


def record_model():
    """Return activities' record model (entry, import, history and locking write and read it)."""
    return ActivityRecord


@dataclass(frozen=True)
class Stored(HasOrigin):
    """A stored figure as the entry pages show it."""

    value: Decimal
    status: str
    status_label: str
    origin: str
    source: str


@dataclass(frozen=True)
class Scope:
    """The (measure, area) pairs a month asks for, as groups of measures asked in the same areas.

    A measure recorded per neighbourhood is asked in every neighbourhood, any
    other measure for NPRZ alone: two groups. Reading only those pairs keeps
    the records other areas hold (a district's, or a measure's stored beside
    its NPRZ value) out of the form, and lets the database read one range of
    `record_month_measure_idx` per group, or look each pair up in the unique
    (measure, area, month) index, instead of every area's records of the month.
    """

    groups: tuple[tuple[tuple[int, ...], tuple[int, ...]], ...]  # (measure ids, area ids)

    @classmethod
    def of(cls, slots) -> Scope:
        """Return the scope of a month's slots."""
        areas_of: dict[int, set[int]] = defaultdict(set)
        for slot in slots:
            if slot.measure_id is not None:
                areas_of[slot.measure_id].add(slot.area_id)
        measures_in: dict[tuple[int, ...], list[int]] = defaultdict(list)
        for measure_id, areas in areas_of.items():
            measures_in[tuple(sorted(areas))].append(measure_id)
        return cls(tuple((tuple(sorted(measures)), areas) for areas, measures in sorted(measures_in.items())))

    def condition(self) -> Q:
        """Return the filter on records that keeps the scope's pairs (nothing when the scope is empty)."""
        pairs = [Q(measure_id__in=measures, area_id__in=areas) for measures, areas in self.groups]
        return reduce(operator.or_, pairs) if pairs else Q(pk__in=[])


def _records(scope: Scope | None):
    records = record_model().objects.order_by()  # no default ordering: it joins measures and sorts
    if scope is not None:
        records = records.filter(scope.condition())
    return records


def stored_values(months: list[Month], scope: Scope | None = None) -> dict[tuple[Month, str], Stored]:
    """Return the stored figures of the months by (month, slot key) (2 queries)."""
    days = [m.first_day for m in months]
    labels = dict(FigureStatus.choices)
    fields = ["month", "area__code", "value", "status", "origin", "source__title"]
    stored = {}
    for indicator, day, code, value, status, origin, source in (
        CaseloadFigure.objects.filter(month__in=days).order_by().values_list("indicator", *fields)
    ):
        stored[(Month.of(day), caseload_key(indicator, code))] = Stored(
            Decimal(value), status, labels.get(status, status), origin, source or ""
        )
    for measure_id, day, code, value, status, origin, source in (
        _records(scope).filter(month__in=days).values_list("measure_id", *fields)
    ):
        stored[(Month.of(day), measure_key(measure_id, code))] = Stored(
            Decimal(value), status, labels.get(status, status), origin, source or ""
        )
    return stored


def month_values(month: Month, scope: Scope | None = None) -> dict[str, Stored]:
    """Return one month's stored figures by slot key."""
    return {key: value for (_, key), value in stored_values([month], scope).items()}


def recent_values(month: Month, months: int = 12, scope: Scope | None = None) -> dict[str, dict[Month, Decimal]]:
    """Return each slot's values in the months before `month` (2 queries), for the plausibility checks."""
    return value_series(month - months, month - 1, scope)


def value_series(start: Month, end: Month, scope: Scope | None = None) -> dict[str, dict[Month, Decimal]]:
    """Return each slot's stored values from start to end by month (2 queries, any number of months)."""
    series: dict[str, dict[Month, Decimal]] = defaultdict(dict)
    for indicator, code, day, value in (
        CaseloadFigure.objects.in_months(start, end).order_by().values_list("indicator", "area__code", "month", "value")
    ):
        series[caseload_key(indicator, code)][Month.of(day)] = Decimal(value)
    for measure_id, code, day, value in (
        _records(scope).in_months(start, end).values_list("measure_id", "area__code", "month", "value")
    ):
        series[measure_key(measure_id, code)][Month.of(day)] = Decimal(value)
    return series


def gap_explanations(month: Month) -> dict[str, GapExplanation]:
    """Return the latest explanation of each official total of the month that differed from its parts (1 query)."""
    latest: dict[str, GapExplanation] = {}
    for explanation in GapExplanation.objects.filter(month=month.first_day).select_related("area").order_by("id"):
        latest[caseload_key(explanation.indicator, explanation.area.code)] = explanation
    return latest


def period_of(month: Month) -> ReportingPeriod | None:
    """Return the month's workflow row with the user who last moved it, or None while it is untouched."""
    return ReportingPeriod.objects.select_related("changed_by").filter(month=month.first_day).first()


def last_entry_month(today: dt.date) -> Month:
    """Return the last month that can be entered: the month before today's."""
    return Month.of(today) - 1


def opens_on(month: Month) -> dt.date:
    """Return the first day a month can be entered: the day after it ends."""
    return (month + 1).first_day


def open_months(today: dt.date) -> list[dict]:
    """Return the months that can be entered now and are not submitted or approved, newest first (1 query).

    The last complete month is always among them; earlier months only while a
    period row says they are open or reopened. Each: month, state_label, due_date, is_late.
    """
    last = last_entry_month(today)
    periods = {p.period: p for p in ReportingPeriod.objects.filter(month__lte=last.first_day)}
    waiting = set(WAITING_STATES)
    months = {m for m, p in periods.items() if p.state in waiting}
    if last not in periods or periods[last].state in waiting:
        months.add(last)
    rows = []
    for month in sorted(months, reverse=True):
        state = periods[month].state if month in periods else PeriodState.OPEN
        rows.append(
            {
                "month": month,
                "state_label": PeriodState(state).label,
                "due_date": due_date(month),
                "is_late": today > due_date(month),
            }
        )
    return rows


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
    area_count, hood_count, measures = Catalogue.sizes()
    last = last_entry_month(today)
    first_day = CaseloadFigure.objects.order_by("month").values_list("month", flat=True).first()
    first = min(Month.of(first_day), last) if first_day else last - 11
    months = month_range(first, last)

    periods = {
        p.period: p for p in ReportingPeriod.objects.in_months(first, last).select_related("changed_by").order_by()
    }
    # Keyed by the month's first day: a Month per count row would be built thousands of times.
    counts: dict[tuple[dt.date, tuple], int] = {}
    caseload = CaseloadMonthCount.objects.filter(month__gte=first.first_day, month__lte=last.first_day)
    for day, indicator, figures in caseload.values_list("month", "indicator", "figures"):
        counts[(day, (indicator, None))] = figures
    for (day, measure_id), records in MonthTotal.objects.record_counts(first, last).items():
        counts[(day, ("", measure_id))] = records

    every_indicator = [(i, field_name(i)) for i in CaseloadIndicator]
    # Each measure's name and how many figures it asks, worked out once, not once a month.
    measure_slots = [
        (
            measure,
            f"{measure.activity.name}: {measure.name}",
            hood_count if measure.by_area else 1,
        )
        for measure in measures
    ]
    rows = []
    for month in reversed(months):
        day = month.first_day
        # The first month is the series' baseline: only its stock is needed, since
        # flows describe the change from the month before it.
        indicators = every_indicator[:1] if month == first else every_indicator
        expected_by_figure = {(indicator, None): (name, area_count) for indicator, name in indicators}
        for measure, name, wanted in measure_slots:
            if measure.activity.runs_in(month):
                expected_by_figure[("", measure.id)] = (name, wanted)
        filled = expected = 0
        missing = []
        for figure, (name, wanted) in expected_by_figure.items():
            have = min(counts.get((day, figure), 0), wanted)
            filled += have
            expected += wanted
            if have < wanted:
                missing.append(f"{name}: {wanted - have} van {wanted} ontbreken" if wanted > 1 else name)
        period = periods.get(month)
        state = period.state if period else PeriodState.OPEN
        due = due_date(month)
        is_due = today >= due
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
                "is_late": is_due and filled < expected and state in WAITING_STATES,
                "is_locked": state == PeriodState.APPROVED,
                "due_date": due,
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
        steps = ChangeEvent.objects.filter(month=month.first_day, kind__in=STEP_KINDS).select_related("user")
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


def override_rows(month: Month) -> list[dict]:
    """Return the warnings of a month that someone saved past, newest first, each with its own reason (1 query).

    Each row: when, who, kind_label, rule, message, reason, field_key.
    """
    overrides = WarningOverride.objects.filter(month=month.first_day).select_related("event__user")
    return [
        {
            "when": o.event.created_at,
            "who": user_name(o.event.user),
            "kind_label": o.event.get_kind_display(),
            "rule": o.rule,
            "message": o.message,
            "reason": o.reason,
            "field_key": o.field_key,
        }
        for o in overrides.order_by("-event__created_at", "-id")
    ]


def audit_export(month: Month) -> tuple[list[str], list[list]]:
    """Return a month's audit trail as a table: every change and period step, then every overridden warning."""
    header = ["wanneer", "wie", "hoe", "bestand", "cijfer", "oud", "nieuw", "reden", "waarschuwing"]
    rows = [
        [r["when"], r["who"], r["kind_label"], r["file_name"], r["label"] or r["summary"], r["old"], r["new"],
         r["reason"], ""]
        for r in history_rows(month)
    ]  # fmt: skip
    rows += [
        [o["when"], o["who"], f"waarschuwing genegeerd ({o['kind_label']})", "", o["field_key"], None, None,
         o["reason"], o["message"]]
        for o in override_rows(month)
    ]  # fmt: skip
    return header, rows


def approval_summary(month: Month, derived) -> dict:
    """Return what a manager approves: values changed since the last approval, overridden warnings, official gaps.

    Keys: since (the last approval's time, or None), changes, overrides, gaps. Queries: last approval,
    value changes (with event, user and area), overridden warnings (with event and user).
    """
    approved = (
        ChangeEvent.objects.filter(month=month.first_day, kind=ChangeKind.APPROVE).order_by("-created_at").first()
    )
    after = {"event__created_at__gt": approved.created_at} if approved else {}
    changes = ValueChange.objects.in_month(month).filter(**after).select_related("event__user", "area")
    overrides = WarningOverride.objects.filter(month=month.first_day, **after).select_related("event__user")
    slots = {s.key: s for s in Catalogue.load().slots(month)} if derived.gaps else {}
    return {
        "since": approved.created_at if approved else None,
        "changes": [
            {"label": c.label, "old": c.old_value, "new": c.new_value, "unit": c.unit, "who": user_name(c.event.user),
             "when": c.event.created_at, "reason": c.event.reason}
            for c in changes.order_by("-event__created_at", "-id")
        ],
        "overrides": [
            {"message": o.message, "reason": o.reason, "who": user_name(o.event.user), "when": o.event.created_at}
            for o in overrides.order_by("-event__created_at", "-id")
        ],
        "gaps": [
            {"label": slots[key].label if key in slots else key, "official": gap.official, "summed": gap.summed,
             "difference": gap.difference}
            for key, gap in derived.gaps.items()
        ],
    }  # fmt: skip


def published_versions(months) -> dict[Month, object]:
    """Return, per month, the latest published report version of its quarter, for the months that have one (1 query)."""
    quarters = {Quarter.of(m) for m in months}
    latest: dict[tuple[int, int], ReportVersion] = {}
    versions = ReportVersion.objects.filter(
        report__year__in={q.year for q in quarters}, report__quarter__in={q.number for q in quarters}
    ).select_related("report")
    for version in versions.order_by("number"):
        latest[(version.report.year, version.report.quarter)] = version
    return {m: latest[(q.year, q.number)] for m in months if (q := Quarter.of(m)) and (q.year, q.number) in latest}
