"""Data quality in view (/entry/quality/): completeness, timeliness and approval per month and area, and flags.

Two kinds of flags, each closed with a reason (FlagNote, audited with who and when):
- a value that breaks its own pattern: a robust score (median and MAD) against the
  same month in earlier years (seasonality) and against the recent months (trend);
- a consistency warning (rules.py) that is still open: not overridden with a reason
  when it was saved.
Each flag links to its cell in the entry form. Queries are fixed, whatever the data.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from statistics import median

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.urls import reverse

from activities.models import ActivityRecord
from monitoring.models import CaseloadFigure, FlagNote, FlagStatus, PeriodState, ReportingPeriod, WarningOverride
from nprz_dashboard import clock
from nprz_dashboard.formatting import format_number, format_value
from nprz_dashboard.periods import MONTH_NAMES, Month
from nprz_dashboard.roles import EDITOR

from . import rules
from .catalogue import Catalogue
from .errors import ServiceError
from .locking import require
from .selectors import due_date, last_entry_month, value_series

MONTHS_SHOWN = 6  # the months the page looks at, the last complete one first
SEASON_YEARS = 3  # earlier years of the same month the seasonal score compares with
SCORE_LIMIT = 3.5  # a robust z-score above this breaks the pattern (Iglewicz and Hoaglin's usual cut-off)
MAD_TO_SD = 1.4826  # scales the median absolute deviation to a standard deviation for normal data
# Plausibility belongs to the pattern flags; these rules are about figures that must agree.
CONSISTENCY_ONLY = {"sprong", "buiten-bereik"}


def robust_score(value: Decimal, reference: list[Decimal]) -> tuple[float, Decimal] | None:
    """Return (score, median) of a value against reference values; None with fewer than three of them.

    The score is (value − median) / (1,4826 × MAD). A flat series (MAD 0) is scaled by 5% of
    its median, at least 1, so a small wobble around a constant is not infinitely unusual.
    """
    if len(reference) < 3:
        return None
    middle = median(reference)
    mad = median([abs(r - middle) for r in reference])
    scale = float(mad) * MAD_TO_SD or max(abs(float(middle)) * 0.05, 1.0)
    return (float(value - middle) / scale, middle)


@dataclass
class Flag:
    """One data-quality signal about one figure in one month."""

    id: str
    month: Month
    kind: str  # "patroon" or a rule's code
    label: str
    reason: str
    href: str
    note: object = None  # the latest FlagNote, when closed

    @property
    def is_open(self) -> bool:
        return self.note is None


def pattern_flags(month: Month, slots, series: dict) -> list[Flag]:
    """Return the month's values that break their pattern, with the reason in words."""
    minimum = Decimal(settings.ENTRY_CHANGE_WARNING_MIN)
    recent_months = [month - i for i in range(1, 13)]  # built once: month arithmetic makes objects
    season_months = [month - 12 * i for i in range(1, SEASON_YEARS + 1)]
    flags = []
    for slot in slots:
        values = series.get(slot.key, {})
        value = values.get(month)
        if value is None:
            continue
        recent = [values[m] for m in recent_months if m in values]
        seasonal = [values[m] for m in season_months if m in values]
        trend = robust_score(value, recent)
        season = robust_score(value, seasonal)
        if trend is None or abs(trend[0]) <= SCORE_LIMIT or abs(value - trend[1]) < minimum:
            continue
        if season is not None and abs(season[0]) <= SCORE_LIMIT:
            continue  # usual for this time of year (a January inflow, a summer dip)
        text = (
            f"{format_value(value, slot.unit)} tegen een mediaan van {format_value(trend[1], slot.unit)} in de "
            f"12 maanden ervoor (robuuste score {format_number(trend[0], 1)})"
        )
        if season is not None:
            text += (
                f" en {format_value(season[1], slot.unit)} in {MONTH_NAMES[month.month - 1]} van eerdere jaren "
                f"(score {format_number(season[0], 1)})"
            )
        flags.append(_flag(month, "patroon", slot.key, slot.label, text + "."))
    return flags


def _flag(month: Month, kind: str, key: str, label: str, reason: str) -> Flag:
    href = f"{reverse('entry-month', args=[month.key])}#id_{key}"
    return Flag(f"{month.key}.{kind}.{key}", month, kind, label, reason, href)


@dataclass
class Quality:
    """What the page shows: the months, the areas' completeness per month, and every flag (open or closed)."""

    months: list[dict]  # month, state_label, is_approved, due_date, is_late
    areas: list[dict]  # name, cells: per month {filled, expected, complete, late}
    flags: list[Flag]

    @property
    def open_flags(self) -> list[Flag]:
        return [f for f in self.flags if f.is_open]

    @property
    def closed_flags(self) -> list[Flag]:
        return [f for f in self.flags if not f.is_open]


def _written_at(first: Month, last: Month) -> dict[tuple[Month, int], dt.datetime]:
    """Return the last write of each month and area (2 queries, aggregated in SQL)."""
    written: dict[tuple[Month, int], dt.datetime] = {}
    for model in (CaseloadFigure, ActivityRecord):
        rows = model.objects.in_months(first, last).order_by().values("month", "area_id").annotate(at=Max("updated_at"))
        for row in rows:
            key = (Month.of(row["month"]), row["area_id"])
            written[key] = max(written.get(key, row["at"]), row["at"])
    return written


def build(today: dt.date) -> Quality:
    """Return the page's data for the last MONTHS_SHOWN months.

    Queries: areas, measures, periods, values of SEASON_YEARS years and the months shown (2), last writes (2),
    overrides, flag notes.
    """
    catalogue = Catalogue.load()
    last = last_entry_month(today)
    months = [last - i for i in range(MONTHS_SHOWN)]
    first = months[-1]
    periods = {p.period: p for p in ReportingPeriod.objects.in_months(first, last)}
    series = value_series(first - 12 * SEASON_YEARS, last, None)
    written = _written_at(first, last)
    overridden = set(
        WarningOverride.objects.filter(month__gte=first.first_day, month__lte=last.first_day).values_list(
            "month", "rule", "field_key"
        )
    )
    notes: dict[str, FlagNote] = {}
    for note in FlagNote.objects.filter(month__gte=first.first_day, month__lte=last.first_day).select_related("user"):
        notes.setdefault(note.flag, note)  # newest first: the latest note of a flag counts

    month_rows, flags = [], []
    filled: dict[tuple[Month, int], list[int]] = defaultdict(lambda: [0, 0])
    for month in months:
        slots = catalogue.slots(month)
        values = {s.key: series[s.key][month] for s in slots if month in series.get(s.key, {})}
        for slot in slots:
            counts = filled[(month, slot.area_id)]
            counts[1] += 1
            counts[0] += slot.key in values
        period = periods.get(month)
        state = period.state if period else PeriodState.OPEN
        month_rows.append(
            {
                "month": month,
                "state_label": PeriodState(state).label,
                "is_approved": state == PeriodState.APPROVED,
                "due_date": due_date(month),
            }
        )
        flags += pattern_flags(month, slots, series)
        facts = rules.MonthFacts(month, slots, values, series)
        for finding in rules.check_month(facts, set(values)):
            if finding.rule in CONSISTENCY_ONLY:
                continue
            if (month.first_day, finding.rule, finding.keys[0]) in overridden:
                continue  # saved past with a reason: that reason is its explanation
            label = next(s.label for s in slots if s.key == finding.keys[0])
            flags.append(_flag(month, finding.rule, finding.keys[0], label, finding.message))
    for flag in flags:
        flag.note = notes.get(flag.id)

    area_rows = []
    for area in catalogue.areas:
        cells = []
        for row in month_rows:
            month = row["month"]
            have, wanted = filled.get((month, area.id), [0, 0])
            at = written.get((month, area.id))
            complete = wanted > 0 and have == wanted
            due = row["due_date"]
            late = (not complete and today > due) or (at is not None and at.date() > due and complete)
            cells.append({"filled": have, "expected": wanted, "complete": complete, "late": late})
        area_rows.append({"name": area.name, "level": area.get_level_display(), "cells": cells})
    return Quality(month_rows, area_rows, flags)


def close_flag(*, user, flag: str, status: str, reason: str) -> FlagNote:
    """Close a flag with a reason: explained (the figure is right) or resolved (it was corrected). Audited."""
    require(user, EDITOR)
    reason = reason.strip()
    if not reason:
        raise ServiceError("Geef een reden: waarom klopt het cijfer, of wat is er verbeterd?")
    if status not in FlagStatus.values:
        raise ServiceError("Kies of het signaal verklaard of opgelost is.")
    known = {f.id: f for f in build(clock.today()).flags}
    if flag not in known:
        raise ServiceError("Dit signaal staat niet (meer) op de pagina; laad de pagina opnieuw.")
    month = known[flag].month
    with transaction.atomic():
        return FlagNote.objects.create(month=month.first_day, flag=flag, status=status, reason=reason[:1000], user=user)
