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
import warnings
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import connection, transaction
from django.db.models import FloatField, Max
from django.db.models.functions import Cast
from django.urls import reverse

from monitoring.models import CaseloadFigure, FlagNote, FlagStatus, PeriodState, ReportingPeriod, WarningOverride
from nprz_dashboard import clock
from nprz_dashboard.formatting import format_number, format_value
from nprz_dashboard.periods import MONTH_NAMES, Month
from nprz_dashboard.roles import EDITOR

from . import rules
from .catalogue import Catalogue
from .errors import ServiceError
from .locking import require
from .selectors import due_date, last_entry_month, record_model

MONTHS_SHOWN = 6  # the months the page looks at, the last complete one first
SEASON_YEARS = 3  # earlier years of the same month the seasonal score compares with
SCORE_LIMIT = 3.5  # a robust z-score above this breaks the pattern (Iglewicz and Hoaglin's usual cut-off)
MAD_TO_SD = 1.4826  # scales the median absolute deviation to a standard deviation for normal data
# Plausibility belongs to the pattern flags; the other rules are about figures that must agree.
PLAUSIBILITY = {"sprong", "buiten-bereik"}


def robust_scores(values, reference):
    """Return (scores, medians) of each row's value against that row's reference values (numpy arrays, NaN: none).

    The score is (value − median) / (1,4826 × MAD). A flat series (MAD 0) is scaled by 5% of
    its median, at least 1, so a small wobble around a constant is not infinitely unusual.
    A row with fewer than three reference values gets a NaN score. One array operation
    for every figure of a month: at 500 areas a loop per figure costs seconds.
    """
    import numpy as np  # lazily: only this page needs it

    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN rows: their score is NaN below anyway
        count = np.sum(~np.isnan(reference), axis=1)
        middle = np.nanmedian(reference, axis=1)
        mad = np.nanmedian(np.abs(reference - middle[:, None]), axis=1)
        scale = mad * MAD_TO_SD
        scale = np.where(scale == 0, np.maximum(np.abs(middle) * 0.05, 1.0), scale)
        scores = (values - middle) / scale
    scores[count < 3] = np.nan
    return scores, middle


def robust_score(value: Decimal, reference: list[Decimal]) -> tuple[float, Decimal] | None:
    """Return (score, median) of one value against reference values; None with fewer than three of them."""
    import numpy as np

    if len(reference) < 3:
        return None
    scores, middle = robust_scores(np.array([float(value)]), np.array([[float(r) for r in reference]]))
    return float(scores[0]), _decimal(middle[0])


def _decimal(number) -> Decimal:
    return Decimal(repr(round(float(number), 2)))


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


class Grid:
    """Figures' values in some months as one array: a row per figure, a column per month (NaN: no value).

    Figures are rows by (indicator or measure id, area id) (2 queries, read as plain rows).
    """

    def __init__(self, months: list[Month]):
        import numpy as np

        self.months = sorted(months)
        self.column = {m: i for i, m in enumerate(self.months)}
        days = [m.first_day for m in self.months]
        day_column = {d: i for i, d in enumerate(days)} | {d.isoformat(): i for i, d in enumerate(days)}  # SQLite: text
        keys, columns, numbers = [], [], []
        for model, about in ((CaseloadFigure, "indicator"), (record_model(), "measure_id")):
            query = (
                model.objects.filter(month__in=days)
                .order_by()
                .annotate(number=Cast("value", FloatField()))  # a float is all the scores need, and cheaper to read
                .values_list(about, "area_id", "month", "number")
            )
            sql, params = query.query.sql_with_params()
            with connection.cursor() as cursor:  # plain rows, turned around in C: a loop per row costs a second
                cursor.execute(sql, params)
                found = cursor.fetchall()
            if found:
                figures, areas, months, values = zip(*found, strict=True)
                keys += zip(figures, areas, strict=True)
                columns += [day_column[d] for d in months]
                numbers += values
        self.rows: dict[tuple, int] = {key: i for i, key in enumerate(dict.fromkeys(keys))}
        self.values = np.full((len(self.rows), len(self.months)), np.nan)
        if keys:
            rows = np.fromiter((self.rows[k] for k in keys), dtype=int, count=len(keys))
            self.values[rows, np.array(columns, dtype=int)] = np.array(numbers, dtype=float)
        self._decimals: dict[float, Decimal] = {}

    def row_numbers(self, slots):
        """Return each slot's row (-1 when it has no value in any month)."""
        import numpy as np

        return np.array([self.rows.get((s.indicator or s.measure_id, s.area_id), -1) for s in slots], dtype=int)

    def month_values(self, slots, rows, month: Month) -> dict[str, Decimal]:
        """Return the slots' values in a month by slot key (slots without one left out)."""
        import numpy as np

        column = self.values[:, self.column[month]]
        found = np.where(rows >= 0, column[np.maximum(rows, 0)], np.nan) if len(column) else np.full(len(rows), np.nan)
        values = {}
        for i in np.flatnonzero(~np.isnan(found)):
            number = float(found[i])
            if number not in self._decimals:
                self._decimals[number] = _decimal(number)
            values[slots[i].key] = self._decimals[number]
        return values


def needed_months(months: list[Month]) -> list[Month]:
    """Return the months the page reads: those shown, the 12 before each, and the same month in earlier years."""
    needed = set()
    for month in months:
        needed.update(month - i for i in range(13))
        needed.update(month - 12 * i for i in range(1, SEASON_YEARS + 1))
    return sorted(needed)


def pattern_flags(month: Month, slots, rows, grid: Grid) -> list[Flag]:
    """Return the month's values that break their pattern (against the last 12 months, and the season), with why.

    `rows` are the slots' rows in the grid (Grid.row_numbers).
    """
    import numpy as np

    minimum = float(settings.ENTRY_CHANGE_WARNING_MIN)
    known = rows >= 0
    slots = [s for s, k in zip(slots, known, strict=True) if k]
    values = grid.values[rows[known]]
    current = values[:, grid.column[month]]
    recent = values[:, [grid.column[month - i] for i in range(1, 13)]]
    seasonal = values[:, [grid.column[month - 12 * i] for i in range(1, SEASON_YEARS + 1)]]
    trend, trend_median = robust_scores(current, recent)
    season, season_median = robust_scores(current, seasonal)
    with np.errstate(invalid="ignore"):
        breaks = (np.abs(trend) > SCORE_LIMIT) & (np.abs(current - trend_median) >= minimum)
        usual = np.abs(season) <= SCORE_LIMIT  # usual for this time of year (a January inflow, a summer dip)
    flags = []
    for i in np.flatnonzero(breaks & ~usual):
        slot, value, middle = slots[i], _decimal(current[i]), _decimal(trend_median[i])
        text = (
            f"{format_value(value, slot.unit)} tegen een mediaan van {format_value(middle, slot.unit)}"
            f" in de 12 maanden ervoor (robuuste score {format_number(float(trend[i]), 1)})"
        )
        if not np.isnan(season[i]):
            text += (
                f" en {format_value(_decimal(season_median[i]), slot.unit)} in {MONTH_NAMES[month.month - 1]} van "
                f"eerdere jaren (score {format_number(float(season[i]), 1)})"
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
    for model in (CaseloadFigure, record_model()):
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
    grid = Grid(needed_months(months))
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
        rows = grid.row_numbers(slots)
        values = grid.month_values(slots, rows, month)
        for slot in slots:
            counts = filled[(month, slot.area_id)]
            counts[1] += 1
            counts[0] += slot.key in values
        last_month = month - 1
        before = grid.month_values(slots, rows, last_month)
        series = {key: {last_month: value} for key, value in before.items()}
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
        flags += pattern_flags(month, slots, rows, grid)
        facts = rules.MonthFacts(month, slots, values, series)
        for finding in rules.check_month(facts, set(values), skip=PLAUSIBILITY):
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
