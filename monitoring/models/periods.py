"""The workflow state of each month: open, submitted, approved and locked."""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from nprz_dashboard.formatting import format_datetime
from nprz_dashboard.periods import Month

from .base import user_field


class PeriodLocked(Exception):
    """A write touched a month that a manager approved and thereby locked."""

    def __init__(self, period: "ReportingPeriod"):
        self.period = period
        super().__init__(period.lock_message())


def refuse_locked_months(months) -> None:
    """Raise PeriodLocked when any of the months (dates or a subquery) is approved."""
    if not isinstance(months, models.QuerySet):
        months = {m for m in months if m is not None}
        if not months:
            return
    locked = ReportingPeriod.objects.locked().filter(month__in=months).select_related("changed_by").first()
    if locked is not None:
        raise PeriodLocked(locked)


class PeriodState(models.TextChoices):
    OPEN = "open", "open"
    SUBMITTED = "submitted", "ingediend"
    APPROVED = "approved", "goedgekeurd en vergrendeld"
    REOPENED = "reopened", "heropend"
    RETURNED = "returned", "teruggestuurd"  # by a manager to the editor, with a reason


class ReportingPeriodQuerySet(models.QuerySet):
    def locked(self):
        """Return the months that are approved and therefore locked."""
        return self.filter(state=PeriodState.APPROVED)

    def in_months(self, start: Month, end: Month):
        """Return the periods from the start month to the end month, both included."""
        return self.filter(month__gte=start.first_day, month__lte=end.first_day)


class ReportingPeriod(models.Model):
    """The workflow state of one month's figures: open, submitted, approved (locked)."""

    month = models.DateField("maand", unique=True)
    state = models.CharField("status", max_length=20, choices=PeriodState.choices, default=PeriodState.OPEN)
    changed_at = models.DateTimeField("status gewijzigd op", null=True, blank=True)
    changed_by = user_field("status gewijzigd door")
    reason = models.TextField("reden", blank=True)
    # Raised by every write to the month's figures; the entry form carries the
    # revision it was loaded at, so a save after someone else's save is a conflict.
    revision = models.PositiveIntegerField("versie", default=0)

    objects = ReportingPeriodQuerySet.as_manager()
    history = HistoricalRecords(verbose_name="statuswijziging maand")

    class Meta:
        verbose_name = "verslagmaand"
        verbose_name_plural = "verslagmaanden"
        ordering = ["-month"]
        constraints = [models.CheckConstraint(name="period_month_is_first_day", condition=Q(month__day=1))]

    def __str__(self):
        return f"{Month.of(self.month).label}: {self.get_state_display()}"

    @property
    def is_locked(self) -> bool:
        return self.state == PeriodState.APPROVED

    @property
    def period(self) -> Month:
        return Month.of(self.month)

    def lock_message(self) -> str:
        """Say which month is locked, by whom and since when."""
        who = (self.changed_by.get_full_name() or self.changed_by.username) if self.changed_by else "onbekend"
        return (
            f"{self.period.label} is goedgekeurd en vergrendeld door {who} op {format_datetime(self.changed_at)}. "
            "Wijzigen kan pas als een programmamanager de maand heropent."
        )
