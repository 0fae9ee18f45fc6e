"""Targets and their revisions: what the programme promised, and what it became."""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from nprz_dashboard.periods import Month

from .areas import Area, Source
from .base import user_field
from .figures import CaseloadIndicator


class Comparator(models.TextChoices):
    AT_MOST = "at_most", "hoogstens"
    AT_LEAST = "at_least", "minstens"


class PeriodKind(models.TextChoices):
    YEAR_END = "year_end", "stand aan het eind van de periode"
    YEAR_TOTAL = "year_total", "totaal over het jaar"
    CUMULATIVE = "cumulative", "totaal over meerdere jaren"
    COVERAGE = "coverage", "bereik binnen een termijn"


class Provenance(models.TextChoices):
    PUBLISHED = "published", "gepubliceerd"
    DERIVED = "derived", "afgeleid"
    SYNTHETIC = "synthetic", "demo (fictief)"


class TargetKind(models.TextChoices):
    """What a target is about: a caseload indicator (Target) or an activity measure (activities' ActivityTarget)."""

    CASELOAD = "caseload", "bijstand"
    ACTIVITY = "activity", "activiteit"


class TargetQuerySet(models.QuerySet):
    def current(self):
        """Return targets that have not been revised (the ones in force)."""
        return self.filter(revised_by__isnull=True)

    def published(self):
        """Return targets from a published source, not derived ones."""
        return self.filter(provenance=Provenance.PUBLISHED)


class TargetBase(models.Model):
    """What caseload and activity targets share: a value, a comparator and a period.

    A revision is a new row pointing at the one it revises, with its reason and
    source; the original is never changed, so what was promised stays visible.
    """

    comparator = models.CharField("vergelijking", max_length=10, choices=Comparator.choices)
    period_kind = models.CharField("soort periode", max_length=20, choices=PeriodKind.choices)
    period_start = models.DateField("begin periode", help_text="De eerste dag van de eerste maand.")
    period_end = models.DateField("einde periode", help_text="De eerste dag van de laatste maand.")
    value = models.DecimalField("doel", max_digits=14, decimal_places=2)
    provenance = models.CharField("herkomst", max_length=10, choices=Provenance.choices)
    source = models.ForeignKey(Source, verbose_name="bron", null=True, blank=True, on_delete=models.PROTECT)
    revises = models.OneToOneField(
        "self",
        verbose_name="herziet",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="revised_by",
    )
    revision_reason = models.TextField("reden van herziening", blank=True)
    note = models.CharField("toelichting", max_length=300, blank=True)
    # Twelve relative weights, January first; empty means a straight line. Only
    # yearly flow targets use it, for the year-to-date pro-rata comparison.
    monthly_profile = models.JSONField(
        "verdeling over de maanden",
        null=True,
        blank=True,
        help_text="Twaalf gewichten, januari eerst; leeg is een rechte lijn.",
    )
    created_at = models.DateTimeField("vastgelegd op", auto_now_add=True)
    created_by = user_field("vastgelegd door")

    objects = TargetQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def end_month(self) -> Month:
        return Month.of(self.period_end)

    @property
    def start_month(self) -> Month:
        return Month.of(self.period_start)

    @property
    def is_published(self) -> bool:
        return self.provenance == Provenance.PUBLISHED

    @property
    def profile(self) -> list[float] | None:
        """Return the twelve monthly weights, or None for a straight line."""
        return [float(w) for w in self.monthly_profile] if self.monthly_profile else None


def target_constraints(prefix: str) -> list:
    """Constraints every target table shares."""
    return [
        models.CheckConstraint(name=f"{prefix}_value_not_negative", condition=Q(value__gte=0)),
        models.CheckConstraint(name=f"{prefix}_period_in_order", condition=Q(period_end__gte=models.F("period_start"))),
        models.CheckConstraint(
            name=f"{prefix}_published_has_source",
            condition=~Q(provenance=Provenance.PUBLISHED) | Q(source__isnull=False),
        ),
        models.CheckConstraint(
            name=f"{prefix}_revision_has_reason",
            condition=Q(revises__isnull=True) | ~Q(revision_reason=""),
        ),
    ]


class Target(TargetBase):
    """A target for a caseload indicator in an area, e.g. at most 12.400 at the end of 2025."""

    indicator = models.CharField(
        "indicator", max_length=20, choices=CaseloadIndicator.choices, default=CaseloadIndicator.CASELOAD
    )
    area = models.ForeignKey(Area, verbose_name="gebied", on_delete=models.PROTECT, related_name="targets")

    history = HistoricalRecords(verbose_name="wijziging doel")

    class Meta:
        verbose_name = "doel"
        verbose_name_plural = "doelen"
        ordering = ["indicator", "period_end", "created_at"]
        constraints = target_constraints("target")

    def __str__(self):
        deadline = f"{self.get_indicator_display()} {self.area}, {self.end_month.label}"
        return f"{deadline}: {self.get_comparator_display()} {self.value:.0f}"
