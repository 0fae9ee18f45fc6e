"""Data out of the monitoring models, as plain rows and series.

Views and charts call these; they aggregate in SQL and return fixed shapes
(also when there is no data) so pages never poke at querysets themselves.
"""

from dataclasses import dataclass
from decimal import Decimal

from nprz_dashboard.periods import Month

from .models import Area, CaseloadFigure, CaseloadIndicator, Origin, Target


def programme_area() -> Area:
    """Return the NPRZ area as a whole."""
    return Area.objects.programme().get()


def series(area: Area, indicator: str = CaseloadIndicator.CASELOAD) -> dict[Month, int]:
    """Return one indicator of one area by month, in month order."""
    rows = CaseloadFigure.objects.for_area(area).indicator(indicator).order_by("month").values_list("month", "value")
    return {Month.of(month): value for month, value in rows}


def figures_by_month(area: Area, indicator: str = CaseloadIndicator.CASELOAD) -> dict[Month, CaseloadFigure]:
    """Return one indicator's figures (with status, origin and source) by month."""
    figures = CaseloadFigure.objects.for_area(area).indicator(indicator).select_related("source").order_by("month")
    return {f.period: f for f in figures}


def latest_figure(area: Area, indicator: str = CaseloadIndicator.CASELOAD) -> CaseloadFigure | None:
    """Return the most recent figure of an indicator, with its source."""
    return (
        CaseloadFigure.objects.for_area(area).indicator(indicator).select_related("source").order_by("-month").first()
    )


def current_targets(area: Area, indicator: str = CaseloadIndicator.CASELOAD) -> list[Target]:
    """Return the targets in force for an indicator and area, by deadline."""
    return list(
        Target.objects.current().filter(area=area, indicator=indicator).select_related("source").order_by("period_end")
    )


@dataclass(frozen=True)
class TargetCheck:
    """A stock target next to the figure at its deadline (or the latest before it)."""

    target: Target
    month: Month
    value: int | None
    is_final: bool  # the figure is the one at the deadline, not an earlier one
    is_official: bool
    difference: Decimal | None  # figure minus target; positive is above an 'at most' target

    @property
    def met(self) -> bool | None:
        if self.difference is None or not self.is_final:
            return None
        return self.difference <= 0


def target_checks(area: Area) -> list[TargetCheck]:
    """Return each caseload target with the figure at its deadline or the latest one before it."""
    figures = figures_by_month(area)
    checks = []
    for target in current_targets(area):
        deadline = target.end_month
        months = [m for m in figures if m <= deadline]
        if not months:
            checks.append(TargetCheck(target, deadline, None, False, False, None))
            continue
        month = max(months)
        figure = figures[month]
        checks.append(
            TargetCheck(
                target=target,
                month=month,
                value=figure.value,
                is_final=month == deadline,
                is_official=figure.origin == Origin.OFFICIAL,
                difference=Decimal(figure.value) - target.value,
            )
        )
    return checks


def has_synthetic(area: Area | None = None) -> bool:
    """Return whether any caseload figure (of an area) is demo data."""
    figures = CaseloadFigure.objects.synthetic()
    if area is not None:
        figures = figures.for_area(area)
    return figures.exists()
