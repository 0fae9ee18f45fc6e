"""Dated notes on the charts (annotations)."""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from nprz_dashboard.periods import Month

from .areas import Area, AreaLevel
from .base import user_field
from .figures import CaseloadIndicator


class AnnotationQuerySet(models.QuerySet):
    def for_caseload(self, area: Area):
        """Return the notes for the caseload charts of an area (notes without an area belong to NPRZ)."""
        area_filter = Q(area=area) | Q(area__isnull=True) if area.level == AreaLevel.PROGRAMME else Q(area=area)
        return self.filter(area_filter, measure_id__isnull=True)

    def for_measures(self, measures):
        """Return the notes about the given activity measures (objects or ids)."""
        return self.filter(measure_id__in=[getattr(m, "pk", m) for m in measures])

    def in_month_order(self):
        """Return the notes by month, oldest first."""
        return self.order_by("month", "created_at")


class Annotation(models.Model):
    """A dated note that explains a bend in a line, e.g. "start Kind en Werkgeluk".

    It belongs to the caseload (optionally one indicator) of an area, or to an
    activity measure; without an area it is about NPRZ as a whole.
    """

    month = models.DateField("maand", help_text="De eerste dag van de maand.")
    text = models.CharField("notitie", max_length=300)
    area = models.ForeignKey(
        Area, verbose_name="gebied", null=True, blank=True, on_delete=models.PROTECT, related_name="annotations"
    )
    indicator = models.CharField("indicator", max_length=20, choices=CaseloadIndicator.choices, blank=True)
    # The id of an activities.Measure: a plain id, not a foreign key, so monitoring's schema never
    # depends on activities (docs/architecture.md, "One door"); activities refuses to delete a measure
    # that notes or value changes still point at.
    measure_id = models.PositiveIntegerField("activiteitmaat", null=True, blank=True)
    created_at = models.DateTimeField("vastgelegd op", auto_now_add=True)
    created_by = user_field("vastgelegd door")

    objects = AnnotationQuerySet.as_manager()
    history = HistoricalRecords(verbose_name="wijziging notitie")

    class Meta:
        verbose_name = "notitie bij grafiek"
        verbose_name_plural = "notities bij grafieken"
        ordering = ["month", "created_at"]
        constraints = [
            models.CheckConstraint(name="annotation_month_is_first_day", condition=Q(month__day=1)),
            models.CheckConstraint(
                name="annotation_indicator_or_measure",
                condition=Q(indicator="") | Q(measure_id__isnull=True),
            ),
        ]

    def __str__(self):
        return f"{Month.of(self.month).label}: {self.text}"

    @property
    def period(self) -> Month:
        return Month.of(self.month)
