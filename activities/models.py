"""Samen voor Zuid activities, their measures, monthly records and targets."""

from django.db import models
from django.db.models import Count, Q, Sum
from simple_history.models import HistoricalRecords

from monitoring.models import (
    Area,
    AreaLevel,
    MonthlyValue,
    MonthlyValueQuerySet,
    Origin,
    Source,
    TargetBase,
    TargetQuerySet,
    monthly_value_constraints,
    target_constraints,
)
from nprz_dashboard.periods import Month
from nprz_dashboard.units import Unit


class Project(models.Model):
    """A project that groups activities, such as MINW."""

    slug = models.SlugField("korte naam", unique=True)
    name = models.CharField("naam", max_length=150)
    description = models.TextField("omschrijving", blank=True)

    class Meta:
        verbose_name = "project"
        verbose_name_plural = "projecten"
        ordering = ["name"]

    def __str__(self):
        return self.name


class Activity(models.Model):
    """An activity of Samen voor Zuid, e.g. the home visits of the verzuimaanpak."""

    slug = models.SlugField("korte naam", unique=True)
    name = models.CharField("naam", max_length=150)
    description = models.TextField("omschrijving", blank=True)
    project = models.ForeignKey(
        Project,
        verbose_name="project",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities",
    )
    starts_on = models.DateField("gestart op", null=True, blank=True)
    ends_on = models.DateField("loopt tot", null=True, blank=True)
    sort_order = models.PositiveIntegerField("volgorde", default=0)

    class Meta:
        verbose_name = "activiteit"
        verbose_name_plural = "activiteiten"
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("activity-detail", args=[self.slug])

    def runs_in(self, month: Month) -> bool:
        """Return whether the activity runs in the month (between its start and end, where known)."""
        first, last = self._months()
        return (first is None or first <= month) and (last is None or last >= month)

    def _months(self) -> tuple[Month | None, Month | None]:
        """The first and last month of the activity (None where unknown), worked out again only when they change."""
        dates = (self.starts_on, self.ends_on)
        kept = self.__dict__.get("_month_span")
        if kept is None or kept[0] != dates:
            kept = (dates, tuple(Month.of(d) if d else None for d in dates))
            self.__dict__["_month_span"] = kept
        return kept[1]


class MeasureKind(models.TextChoices):
    """How monthly values combine into a quarter or a year."""

    STOCK = "stock", "stand aan het eind van de maand"
    FLOW = "flow", "aantal in de maand"
    RATIO = "ratio", "verhouding (berekend)"


class Direction(models.TextChoices):
    HIGHER_IS_BETTER = "higher", "hoger is beter"
    LOWER_IS_BETTER = "lower", "lager is beter"


class MeasureQuerySet(models.QuerySet):
    def recorded(self):
        """Return measures with stored monthly values (ratios are computed)."""
        return self.exclude(kind=MeasureKind.RATIO)

    def in_page_order(self):
        """Return the measures with their activity, in the order the pages list them."""
        return self.select_related("activity").order_by("activity__sort_order", "sort_order", "id")

    def key(self):
        """Return the headline measure of each activity."""
        return self.filter(is_key=True)

    def for_activity(self, activity):
        """Return the measures of one activity, in their order."""
        return self.filter(activity=activity).order_by("sort_order", "name")


class Measure(models.Model):
    """Something an activity counts each month, e.g. home visits done."""

    activity = models.ForeignKey(Activity, verbose_name="activiteit", on_delete=models.CASCADE, related_name="measures")
    slug = models.SlugField("korte naam")
    name = models.CharField("naam", max_length=150)
    description = models.TextField("omschrijving", blank=True)
    unit = models.CharField("eenheid", max_length=10, choices=Unit.choices, default=Unit.COUNT)
    kind = models.CharField("soort", max_length=10, choices=MeasureKind.choices, default=MeasureKind.FLOW)
    direction = models.CharField(
        "richting", max_length=10, choices=Direction.choices, default=Direction.HIGHER_IS_BETTER
    )
    by_area = models.BooleanField("per wijk", default=False, help_text="Vastgelegd per wijk; anders voor heel NPRZ.")
    is_key = models.BooleanField("kernmaat", default=False)
    # Shown on the overview beside the total outflow to work (never added to it: no causal claim).
    counts_work = models.BooleanField(
        "telt wie aan het werk gaat",
        default=False,
        help_text="De maat telt mensen die via de activiteit aan het werk gaan, zoals plaatsingen.",
    )
    # A ratio is computed from two other measures of the same activity, never averaged.
    numerator = models.ForeignKey(
        "self", verbose_name="teller", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    denominator = models.ForeignKey(
        "self", verbose_name="noemer", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    allows_decimals = models.BooleanField("decimalen toegestaan", default=False)
    max_value = models.DecimalField("hoogste zinnige waarde", max_digits=14, decimal_places=2, null=True, blank=True)
    sort_order = models.PositiveIntegerField("volgorde", default=0)

    objects = MeasureQuerySet.as_manager()

    class Meta:
        verbose_name = "maat"
        verbose_name_plural = "maten"
        ordering = ["activity__sort_order", "sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "slug"], name="measure_unique_slug_per_activity"),
            models.CheckConstraint(
                name="measure_ratio_has_parts",
                condition=~Q(kind=MeasureKind.RATIO) | Q(numerator__isnull=False, denominator__isnull=False),
            ),
        ]

    def __str__(self):
        return f"{self.activity}: {self.name}"

    @property
    def kind_label(self) -> str:
        """Return how the monthly value is meant, in its unit: euros paid are an amount, not a number of things."""
        if self.kind == MeasureKind.FLOW and self.unit == Unit.EURO:
            return "bedrag in de maand"
        if self.kind == MeasureKind.STOCK and self.unit == Unit.PERSONS:
            return "personen aan het eind van de maand"
        return self.get_kind_display()


class ActivityRecordQuerySet(MonthlyValueQuerySet):
    def for_measure(self, measure):
        """Return the records of one measure."""
        return self.filter(measure=measure)

    def for_activity(self, activity):
        """Return the records of every measure of one activity."""
        return self.filter(measure__activity=activity)

    def for_measures(self, measures):
        """Return the records of the given measures (objects or ids)."""
        return self.filter(measure__in=measures)

    def making_up_programme_total(self):
        """Return the records that add up to the NPRZ total of their measure.

        A measure recorded per neighbourhood adds up its neighbourhoods; any
        other measure is recorded for NPRZ as a whole. Either way one set of
        records, so a total and its parts are never counted twice.
        """
        return self.filter(
            Q(measure__by_area=True, area__level=AreaLevel.NEIGHBOURHOOD)
            | Q(measure__by_area=False, area__level=AreaLevel.PROGRAMME)
        )

    def in_neighbourhoods(self):
        """Return the records of neighbourhoods (CBS buurten)."""
        return self.filter(area__level=AreaLevel.NEIGHBOURHOOD)

    def monthly_totals(self):
        """Return one row per measure and month: the summed value, how many records and how many demo ones."""
        return (
            self.order_by()
            .values("measure_id", "month")
            .annotate(total=Sum("value"), records=Count("id"), synthetic=Count("id", filter=Q(origin=Origin.SYNTHETIC)))
            .order_by("measure_id", "month")
        )


class ActivityRecord(MonthlyValue):
    """The value of one measure in one area and one month."""

    measure = models.ForeignKey(Measure, verbose_name="maat", on_delete=models.PROTECT, related_name="records")
    value = models.DecimalField("waarde", max_digits=14, decimal_places=2)

    objects = ActivityRecordQuerySet.as_manager()
    history = HistoricalRecords(verbose_name="wijziging activiteitcijfer")

    class Meta:
        verbose_name = "activiteitcijfer"
        verbose_name_plural = "activiteitcijfers"
        ordering = ["measure", "area__tree_order", "month"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "area", "month"], name="record_one_value_per_measure_area_month"
            ),
            *monthly_value_constraints("record"),
        ]
        indexes = [
            # An activity page's records table (/activities/<slug>/), newest month first: the
            # planner walks this index backwards and stops after one page; the month form's stored values.
            models.Index(fields=["month", "measure"], name="record_month_measure_idx"),
            # The activity pages recorded per neighbourhood (/activities/<slug>/): each neighbourhood's
            # records of the year shown, not every year's.
            models.Index(fields=["measure", "month"], name="record_measure_month_idx"),
        ]

    def __str__(self):
        return f"{self.measure} {self.area} {self.period.label}: {self.value}"

    @classmethod
    def months_written(cls, months) -> None:
        from .totals import refresh_month_totals

        refresh_month_totals(months)


class MonthTotalQuerySet(models.QuerySet):
    def record_counts(self, first, last) -> dict[tuple, int]:
        """Return how many records make up each measure's NPRZ total, by (first day of the month, measure id).

        One query; the entry list's completeness.
        """
        rows = self.filter(month__gte=first.first_day, month__lte=last.first_day).values_list(
            "month", "measure_id", "records"
        )
        return {(month, measure_id): records for month, measure_id, records in rows}


class MonthTotal(models.Model):
    """The NPRZ total of one measure in one month: a summary table of the records that make it up.

    What `ActivityRecord.objects.making_up_programme_total()` sums, kept so pages
    that show a measure over the years read one row per month instead of every
    neighbourhood's record. Never written by hand: every write of records
    recomputes the months it touched in its own transaction (activities/totals.py).
    """

    measure = models.ForeignKey(Measure, verbose_name="maat", on_delete=models.CASCADE, related_name="+")
    month = models.DateField("maand")
    total = models.DecimalField("totaal", max_digits=18, decimal_places=2)
    records = models.PositiveIntegerField("cijfers")  # the records summed: the entry list's completeness
    synthetic = models.PositiveIntegerField("waarvan synthetisch")

    objects = MonthTotalQuerySet.as_manager()

    class Meta:
        verbose_name = "maandtotaal NPRZ"
        verbose_name_plural = "maandtotalen NPRZ"
        constraints = [
            # Every page with activities (/, /activities/, /targets/, reports) reads its measures' months in order.
            models.UniqueConstraint(fields=["measure", "month"], name="month_total_one_per_measure_month"),
        ]

    def __str__(self):
        return f"{self.measure_id} {self.month:%Y-%m}: {self.total}"


class PublishedTotal(models.Model):
    """A yearly total published in a source, e.g. 1.086 home visits in 2024.

    Monthly records may be demo values tuned to add up to it; the published
    total is what pages present as official.
    """

    measure = models.ForeignKey(Measure, verbose_name="maat", on_delete=models.PROTECT, related_name="published_totals")
    year = models.PositiveIntegerField("jaar")
    value = models.DecimalField("waarde", max_digits=14, decimal_places=2)
    source = models.ForeignKey(Source, verbose_name="bron", on_delete=models.PROTECT)

    class Meta:
        verbose_name = "gepubliceerd jaartotaal"
        verbose_name_plural = "gepubliceerde jaartotalen"
        ordering = ["measure", "year"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "year"], name="published_total_one_per_measure_year"),
            models.CheckConstraint(name="published_total_not_negative", condition=Q(value__gte=0)),
        ]

    def __str__(self):
        return f"{self.measure} {self.year}: {self.value}"


class ActivityTargetQuerySet(TargetQuerySet):
    def for_measures(self, measures):
        """Return the targets of the given measures (objects or ids)."""
        return self.filter(measure__in=measures)


class ActivityTarget(TargetBase):
    """A target for an activity measure, e.g. at least 1.200 home visits in 2025."""

    measure = models.ForeignKey(Measure, verbose_name="maat", on_delete=models.PROTECT, related_name="targets")
    area = models.ForeignKey(Area, verbose_name="gebied", on_delete=models.PROTECT, related_name="activity_targets")

    objects = ActivityTargetQuerySet.as_manager()
    history = HistoricalRecords(verbose_name="wijziging activiteitdoel")

    class Meta:
        verbose_name = "activiteitdoel"
        verbose_name_plural = "activiteitdoelen"
        ordering = ["measure", "period_end", "created_at"]
        constraints = target_constraints("activity_target")

    def __str__(self):
        return f"{self.measure}, {self.start_month.label}–{self.end_month.label}: {self.value:.0f}"
