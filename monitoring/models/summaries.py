"""Summary tables: what pages would otherwise count over every stored figure on each request.

A summary row is never written by hand. Every write of a monthly value (the
audited write path in programme/entry/writes.py, the admin, the demo seed, a
plain save() or a bulk update) ends in `MonthlyValue.months_written`, which
recomputes the summary of the months it touched from the figures themselves, in
the same transaction; so a summary always equals a recomputation from the
figures. docs/performance.md says which aggregate comes from where, and why.
"""

from django.db import models
from django.db.models import Count, Q

from .figures import CaseloadFigure, CaseloadIndicator, Origin


class CaseloadMonthCount(models.Model):
    """How many areas have a figure for one caseload indicator in one month, and how many of those are demo."""

    month = models.DateField("maand")
    indicator = models.CharField("indicator", max_length=20, choices=CaseloadIndicator.choices)
    figures = models.PositiveIntegerField("cijfers")
    synthetic = models.PositiveIntegerField("waarvan synthetisch")

    class Meta:
        verbose_name = "telling bijstandscijfers per maand"
        verbose_name_plural = "tellingen bijstandscijfers per maand"
        constraints = [
            # The entry list (/entry/) reads every month's counts in month order.
            models.UniqueConstraint(fields=["month", "indicator"], name="caseload_count_one_per_month_indicator")
        ]

    def __str__(self):
        return f"{self.indicator} {self.month:%Y-%m}: {self.figures}"


def caseload_counts(months=None) -> list[dict]:
    """Return the counts recomputed from the figures: month, indicator, figures, synthetic (all months for None)."""
    figures = CaseloadFigure.objects.all() if months is None else CaseloadFigure.objects.filter(month__in=months)
    return list(
        figures.order_by()
        .values("month", "indicator")
        .annotate(figures=Count("id"), synthetic=Count("id", filter=Q(origin=Origin.SYNTHETIC)))
        .order_by("month", "indicator")
    )


def refresh_caseload_counts(months=None) -> None:
    """Recompute the counts of the months (first days; every month for None) from the figures (3 queries)."""
    if months is not None:
        months = list({m for m in months if m is not None})
        if not months:
            return
    stale = CaseloadMonthCount.objects.all() if months is None else CaseloadMonthCount.objects.filter(month__in=months)
    stale.delete()
    CaseloadMonthCount.objects.bulk_create(CaseloadMonthCount(**row) for row in caseload_counts(months))
