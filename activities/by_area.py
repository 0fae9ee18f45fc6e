"""Activity values per neighbourhood, and activity beside outflow to work per neighbourhood (the by-area pages)."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Case, Count, DateField, F, Q, Sum, Value, When

from monitoring.models import Area, CaseloadFigure, CaseloadIndicator, Origin
from nprz_dashboard import disclosure
from nprz_dashboard.formatting import format_value
from nprz_dashboard.periods import STOCK, Month, month_range

from .models import ActivityRecord, Unit
from .reader_protection import protect_column


def area_values(
    measures, start: Month, end: Month, area_ids=None
) -> tuple[dict[int, list[dict]], dict[int, Month], bool]:
    """Return per measure each neighbourhood's value over start..end, the month it ends, and whether any is demo.

    `area_ids` narrows it to those neighbourhoods (None: every one).

    The period rule of `periods.period_value`: a flow is summed over its
    months; a stock takes its value at the period's last month with figures
    (never a sum over months, and never an earlier month standing in for a
    neighbourhood missing that month). One query: the database sums a flow's
    months, so a flow gives one row per neighbourhood and a stock one per
    neighbourhood and month.
    """
    kinds = {m.id: m.kind for m in measures}
    stocks = [m_id for m_id, kind in kinds.items() if kind == STOCK]
    stock_month = (
        Case(When(measure__in=stocks, then=F("month")), output_field=DateField())
        if stocks
        else Value(None, DateField())
    )
    records = ActivityRecord.objects.for_measures(list(kinds))
    if area_ids is not None:
        records = records.filter(area_id__in=area_ids)
    rows = (
        records.in_neighbourhoods()
        .in_months(start, end)
        .annotate(stock_month=stock_month)
        .values_list("measure_id", "area_id", "area__name", "area__is_focus", "area__tree_order", "stock_month")
        .annotate(total=Sum("value"), demo=Count("id", filter=Q(origin=Origin.SYNTHETIC)))
        .order_by()  # unsorted: sorting every group costs the database more than sorting the areas here
    )
    months = {month.first_day: month for month in month_range(start, end)}
    totals: dict[tuple[int, int], float] = {}
    stock_series: dict[tuple[int, int], dict[Month, float]] = defaultdict(dict)
    areas: dict[int, dict] = {}
    synthetic = False
    for measure_id, area_id, name, is_focus, order, day, total, demo in rows:
        if day is None:
            totals[(measure_id, area_id)] = float(total)
        else:
            stock_series[(measure_id, area_id)][months[day]] = float(total)
        if area_id not in areas:
            areas[area_id] = {"area_id": area_id, "area": name, "is_focus": is_focus, "order": order}
        synthetic = synthetic or demo > 0
    ends = dict.fromkeys(kinds, end)
    for measure_id in stocks:
        reported = [max(values) for (m_id, _), values in stock_series.items() if m_id == measure_id]
        ends[measure_id] = max(reported, default=end)
    for (measure_id, area_id), values in stock_series.items():
        if ends[measure_id] in values:  # a neighbourhood without the period's last month has no value
            totals[(measure_id, area_id)] = values[ends[measure_id]]
    by_measure = defaultdict(list)
    in_order = sorted(totals.items(), key=lambda item: (item[0][0], areas[item[0][1]]["order"]))
    for (measure_id, area_id), value in in_order:
        by_measure[measure_id].append({**areas[area_id], "value": value})
    return by_measure, ends, synthetic


def outflow_to_work_by_neighbourhood(start: Month, end: Month, area_ids=None) -> tuple[list[dict], bool]:
    """Return each neighbourhood's outflow to work summed over start..end (one query); `area_ids` narrows it."""
    neighbourhoods = Area.objects.neighbourhoods()
    if area_ids is not None:
        neighbourhoods = neighbourhoods.filter(id__in=area_ids)
    rows = (
        CaseloadFigure.objects.indicator(CaseloadIndicator.OUTFLOW_TO_WORK)
        .filter(area__in=neighbourhoods)
        .in_months(start, end)
        .order_by()
        .values("area_id", "area__name", "area__is_focus", "area__tree_order")
        .annotate(total=Sum("value"), synthetic=Count("id", filter=Q(origin=Origin.SYNTHETIC)))
        .order_by("area__tree_order")
    )
    result = [
        {
            "area_id": r["area_id"],
            "area": r["area__name"],
            "is_focus": r["area__is_focus"],
            "order": r["area__tree_order"],
            "value": float(r["total"]),
        }
        for r in rows
    ]
    return result, any(r["synthetic"] for r in rows)


def outcome_rows(by_area_measures, values_by_measure: dict[int, list[dict]], outflow: list[dict]) -> list[dict]:
    """Return per neighbourhood each by-area measure beside its outflow to work.

    Keys: area_id, area, is_focus, values (one per measure, in order), outflow_to_work.
    """
    areas: dict[int, dict] = {}
    for row in outflow:
        areas[row["area_id"]] = {"area": row["area"], "is_focus": row["is_focus"], "order": row["order"]}
    for rows in values_by_measure.values():
        for row in rows:
            areas.setdefault(row["area_id"], {"area": row["area"], "is_focus": row["is_focus"], "order": row["order"]})
    outflow_by_area = {r["area_id"]: r["value"] for r in outflow}
    value_by = {(m_id, r["area_id"]): r["value"] for m_id, rows in values_by_measure.items() for r in rows}
    return [
        {
            "area_id": area_id,
            "area": info["area"],
            "is_focus": info["is_focus"],
            "values": [value_by.get((m.id, area_id), 0.0) for m in by_area_measures],
            "outflow_to_work": outflow_by_area.get(area_id),
        }
        for area_id, info in sorted(areas.items(), key=lambda item: item[1]["order"])
    ]


def protect_area_rows(rows: list[dict], unit: str, shield, start: Month, end: Month | None) -> str:
    """Add 'shown' and 'hidden' to each neighbourhood row from the measure's shield; return the legend if needed."""
    for row in rows:
        marker = shield.area_total(row["area_id"], start, end) if shield is not None and end else None
        row["shown"], row["hidden"] = marker or format_value(row["value"], unit), bool(marker)
    return disclosure.legend() if any(row["hidden"] for row in rows) else ""


def protect_outcome_rows(rows: list[dict], measures, protect: bool, shields, start: Month, end: Month | None) -> str:
    """Add 'shown', 'hidden', 'outflow_shown' and 'outflow_hidden' to each outcome row; return the legend if needed.

    The activity's columns follow their measures' shields (the same cells as the
    chart per neighbourhood); the outflow to work is a caseload figure, protected
    as one column of neighbourhoods.
    """
    outflow = protect_column([r["outflow_to_work"] for r in rows], Unit.COUNT, protect)
    anything = any(outflow[1])
    for index, row in enumerate(rows):
        shown, hidden = [], []
        for value, measure, shield in zip(row["values"], measures, shields, strict=True):
            marker = shield.area_total(row["area_id"], start, end) if shield is not None and end else None
            shown.append(marker or format_value(value, measure.unit))
            hidden.append(bool(marker))
        row["shown"], row["hidden"] = shown, hidden
        row["outflow_shown"], row["outflow_hidden"] = outflow[0][index], outflow[1][index]
        anything = anything or any(hidden)
    return disclosure.legend() if anything else ""
