"""Targets out of the database: the ones in force, their revisions, sub-targets by area, and status.

Every function loads with a fixed number of queries whatever the number of
targets, areas or months, and returns plain rows with fixed keys.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from monitoring.models import (
    INDICATOR_KIND,
    Area,
    CaseloadFigure,
    CaseloadIndicator,
    Comparator,
    Origin,
    PeriodKind,
    Provenance,
    Target,
    TargetKind,
)
from nprz_dashboard.formatting import format_date, format_signed, format_value
from nprz_dashboard.judgement import DEMO, TRACK_LABELS, flow_status, judge, last_month_with_value, target_due
from nprz_dashboard.periods import STOCK, Month, month_range
from nprz_dashboard.units import Unit


@dataclass(frozen=True)
class TargetHistory:
    """The targets of one indicator and area: those in force and the revised originals."""

    current: list[Target]
    superseded: list[Target]


def target_history(area: Area, indicator: str = CaseloadIndicator.CASELOAD) -> TargetHistory:
    """Return the targets in force and the revised ones for an indicator and area (one query)."""
    targets = list(
        Target.objects.filter(area=area, indicator=indicator)
        .select_related("source")
        .order_by("period_end", "created_at", "pk")
    )
    revised_ids = {t.revises_id for t in targets if t.revises_id}
    return TargetHistory(
        current=[t for t in targets if t.pk not in revised_ids],
        superseded=[t for t in targets if t.pk in revised_ids],
    )


def period_text(target) -> str:
    """Return a target's period in words: 'eind december 2025' or 'januari 2025 t/m december 2026'."""
    if target.period_kind == PeriodKind.YEAR_END:
        return f"eind {target.end_month.label}"
    if target.start_month == target.end_month:
        return target.end_month.label
    if target.start_month == Month(target.end_month.year, 1) and target.end_month.month == 12:
        return f"jaar {target.end_month.year}"
    return f"{target.start_month.label} t/m {target.end_month.label}"


def status_cell(key: str | None, detail: str, is_demo: bool = False) -> dict:
    """Return a status for the targets table: its key, its Dutch label (with '(demo)') and the figures behind it."""
    label = TRACK_LABELS.get(key, "") if key else ""
    return {"key": key, "label": f"{label} {DEMO}" if label and is_demo else label, "detail": detail}


def verdict(value, target, detail: str, is_demo: bool = False) -> dict:
    """Return met / missed for a target whose period is over ('(demo)' when the value is demo data)."""
    difference = Decimal(str(value)) - target.value
    met = difference <= 0 if target.comparator == Comparator.AT_MOST else difference >= 0
    label = "gehaald" if met else "niet gehaald"
    return {"key": "met" if met else "missed", "label": f"{label} {DEMO}" if is_demo else label, "detail": detail}


def caseload_status(target: Target, series: dict[Month, int], latest: Month, demo=frozenset()) -> dict:
    """Return a caseload target's status against the figures: met, on track, or what is known.

    An 'at most' stock target (the caseload) is judged by `verdict.judge`, the
    rule the overview, /caseload/ and the report use too.
    """
    unit = Unit.COUNT
    if INDICATOR_KIND[target.indicator] == STOCK:
        if target.comparator == Comparator.AT_MOST:
            judged = judge(target.end_month, float(target.value), series, latest, demo=demo)
            if judged.value is None:
                return status_cell(None, "nog geen cijfers")
            stand = f"{format_value(judged.value, unit)} ({format_signed(judged.difference)})"
            detail = f"stand {stand}" if judged.is_final else f"stand {judged.month.label}: {stand}"
            return {"key": judged.key, "label": judged.shown_label if judged.key else "", "detail": detail}
        months = [m for m in series if m <= target.end_month]
        if not months:
            return status_cell(None, "nog geen cijfers")
        month = max(months)
        value = series[month]
        difference = Decimal(value) - target.value
        if month == target.end_month:
            detail = f"stand {format_value(value, unit)} ({format_signed(difference)})"
            return verdict(value, target, detail, month in demo)
        return status_cell(None, f"stand {month.label}: {format_value(value, unit)} ({format_signed(difference)})")
    # A flow target: its months up to the last one with figures against the pro-rata share of those months.
    until = last_month_with_value(series, target.start_month, min(latest, target.end_month))
    if until is None:
        return status_cell(None, "nog geen cijfers")
    counted = [m for m in month_range(target.start_month, until) if m in series]
    total = sum(series[m] for m in counted)
    is_demo = any(m in demo for m in counted)
    if until == target.end_month:
        return verdict(total, target, f"{format_value(total, unit)} in de periode", is_demo)
    due, _, _ = target_due(target, until)
    key = flow_status(total, due) if target.comparator == Comparator.AT_LEAST else None
    detail = f"t/m {until.label}: {format_value(total, unit)} van {format_value(due, unit)} naar rato"
    return status_cell(key, detail, is_demo)


SeriesKey = tuple[int, str]  # (area id, indicator)


def caseload_series(targets: list[Target]) -> tuple[dict[SeriesKey, dict[Month, int]], dict[SeriesKey, set[Month]]]:
    """Return the figures the targets are measured against, and their demo months, by (area id, indicator).

    One query.
    """
    series: dict[tuple[int, str], dict[Month, int]] = defaultdict(dict)
    demo: dict[tuple[int, str], set[Month]] = defaultdict(set)
    if not targets:
        return series, demo
    rows = (
        CaseloadFigure.objects.filter(
            area_id__in={t.area_id for t in targets}, indicator__in={t.indicator for t in targets}
        )
        .order_by("month")
        .values_list("area_id", "indicator", "month", "value", "origin")
    )
    for area_id, indicator, month, value, origin in rows:
        series[(area_id, indicator)][Month.of(month)] = value
        if origin == Origin.SYNTHETIC:
            demo[(area_id, indicator)].add(Month.of(month))
    return series, demo


def _row(target, kind: str, subject: str, unit: str, revision_of: dict) -> dict:
    source = target.source
    return {
        "target": target,
        "kind": kind,
        "key": f"{kind}-{target.pk}",
        "subject": subject,
        "area": target.area.name,
        "period": period_text(target),
        "comparator": target.get_comparator_display(),
        "value": format_value(target.value, unit),
        "unit": unit,
        "provenance": target.get_provenance_display(),
        "is_published": target.is_published,
        "is_synthetic": target.provenance == Provenance.SYNTHETIC,
        "source": str(source) if source else "",
        "source_date": format_date(source.published_on) if source and source.published_on else "",
        "note": target.note,
        "profile": target.profile,
        "revision_reason": target.revision_reason,
        "is_revision": target.revises_id is not None,
        "revised_by": revision_of.get(target.pk),  # the row that replaced this one, for originals
        "status": None,
        "originals": [],
    }


def _chains(rows: list[dict]) -> list[dict]:
    """Return the rows in force, each with the originals it replaced (oldest first)."""
    by_pk = {r["target"].pk: r for r in rows}
    current = []
    for row in rows:
        if row["revised_by"] is not None:
            continue
        chain, step = [], row["target"].revises_id
        while step in by_pk:
            chain.insert(0, by_pk[step])
            step = by_pk[step]["target"].revises_id
        row["originals"] = chain
        current.append(row)
    return current


def _split_checks(current: list[dict], subject_key) -> list[dict]:
    """Return, for each target split over areas, whether its parts add up to the whole."""
    by_group: dict[tuple, list[dict]] = defaultdict(list)
    for row in current:
        target = row["target"]
        by_group[(subject_key(target), target.comparator, target.period_start, target.period_end)].append(row)
    checks = []
    for rows in by_group.values():
        for whole in rows:
            area = whole["target"].area
            children = [r for r in rows if r["target"].area.parent_id == area.pk]
            grandchildren = [r for r in rows if getattr(r["target"].area.parent, "parent_id", None) == area.pk]
            for level_name, parts in (("gebieden", children), ("wijken", grandchildren)):
                if not parts or whole["unit"] == Unit.PERCENT:
                    continue
                total = sum(r["target"].value for r in parts)
                difference = total - whole["target"].value
                checks.append(
                    {
                        "subject": whole["subject"],
                        "period": whole["period"],
                        "area": area.name,
                        "level": level_name,
                        "parts": len(parts),
                        "whole": whole["value"],
                        "total": format_value(total, whole["unit"]),
                        "difference": format_signed(difference) if difference else "0",
                        "adds_up": difference == 0,
                    }
                )
                whole["split_ok"] = difference == 0
    return checks


def target_table(targets, kind: str, subject, unit, subject_key) -> tuple[list[dict], list[dict]]:
    """Return the rows of the targets in force, each with its revised originals, and the split checks.

    `targets` are loaded with area__parent and source, in display order;
    `subject(t)` and `unit(t)` name a target's figure and unit, `subject_key(t)`
    identifies the figure across areas (for the split checks). Status is left
    for the caller: caseload and activity targets each have their own rule.
    """
    revision_of = {t.revises_id: t for t in targets if t.revises_id}
    rows = [_row(t, kind, subject(t), unit(t), revision_of) for t in targets]
    current = _chains(rows)
    return current, _split_checks(current, subject_key)


def caseload_rows(latest: Month) -> tuple[list[dict], list[dict]]:
    """Return the caseload targets in force (with their originals and status) and the split checks (2 queries)."""
    targets = Target.objects.select_related("area__parent", "source").order_by(
        "indicator", "area__tree_order", "period_end", "created_at", "pk"
    )
    current, checks = target_table(
        list(targets),
        TargetKind.CASELOAD,
        subject=lambda t: CaseloadIndicator(t.indicator).label,
        unit=lambda t: Unit.COUNT,
        subject_key=lambda t: t.indicator,
    )
    series, demo = caseload_series([r["target"] for r in current])
    for row in current:
        target = row["target"]
        key = (target.area_id, target.indicator)
        row["status"] = caseload_status(target, series.get(key, {}), latest, demo.get(key, set()))
    return current, checks
