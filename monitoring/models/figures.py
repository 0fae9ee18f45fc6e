"""Caseload figures: one value for one area and one month.

Every stored figure has its own status (voorlopig / nader voorlopig /
definitief) and origin (an official source, the municipality's own
registration, or synthetic demo data), so an official number is never mixed up
with a derived or demo one.
"""

from django.db import models, transaction
from django.db.models import Count, Max, Q
from simple_history.models import HistoricalRecords

from nprz_dashboard import clock
from nprz_dashboard.bulk import add_rows
from nprz_dashboard.marks import Marks, data_through
from nprz_dashboard.periods import FLOW, STOCK, Month

from .areas import Area, Source
from .base import user_field
from .periods import refuse_locked_months


class FigureStatus(models.TextChoices):
    """CBS vocabulary for how final a figure is."""

    PROVISIONAL = "voorlopig", "voorlopig"
    FURTHER_PROVISIONAL = "nader_voorlopig", "nader voorlopig"
    FINAL = "definitief", "definitief"


class Origin(models.TextChoices):
    OFFICIAL = "official", "officieel (gepubliceerd)"
    REGISTERED = "registered", "registratie"
    SYNTHETIC = "synthetic", "synthetisch (demo)"


class HasOrigin:
    """Where a figure comes from, asked in words: is it official, is it demo data?"""

    origin: str

    @property
    def is_official(self) -> bool:
        return self.origin == Origin.OFFICIAL

    @property
    def is_synthetic(self) -> bool:
        return self.origin == Origin.SYNTHETIC


class MonthlyValueQuerySet(models.QuerySet):
    # Locked months refuse writes on the bulk paths too, not only in Model.save(); and every
    # path brings the summary tables of the months it touched up to date in its transaction.
    def update(self, **kwargs):
        months = self._months()
        refuse_locked_months(months)
        if "month" in kwargs:
            refuse_locked_months([kwargs["month"]])
            months.add(kwargs["month"])
        with transaction.atomic(using=self.db):
            updated = super().update(**kwargs)
            self.model.months_written(months)
        return updated

    def delete(self):
        months = self._months()
        refuse_locked_months(months)
        with transaction.atomic(using=self.db):
            deleted = super().delete()
            self.model.months_written(months)
        return deleted

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        months = {obj.month for obj in objs}
        refuse_locked_months(months)
        with transaction.atomic(using=self.db):
            created = super().bulk_create(objs, *args, **kwargs)
            self.model.months_written(months)
        return created

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs = list(objs)
        months = {obj.month for obj in objs} | {getattr(obj, "_loaded_month", None) for obj in objs}
        refuse_locked_months(months)
        with transaction.atomic(using=self.db):
            updated = super().bulk_update(objs, fields, *args, **kwargs)
            self.model.months_written(months)
        return updated

    def create_rows(self, columns: list[str], rows: list[tuple], shared: dict) -> int:
        """Create values from plain tuples (bulk.add_rows); refuse locked months, keep the summaries."""
        at = columns.index("month")
        months = {row[at] for row in rows}
        refuse_locked_months(months)
        with transaction.atomic(using=self.db):
            created = add_rows(self.model, columns, rows, shared)
            self.model.months_written(months)
        return created

    def _months(self) -> set:
        return set(self.order_by().values_list("month", flat=True).distinct())

    def for_area(self, area):
        """Return the values of one area."""
        return self.filter(area=area)

    def in_months(self, start: Month, end: Month):
        """Return the values from the start month to the end month, both included."""
        return self.filter(month__gte=start.first_day, month__lte=end.first_day)

    def in_year(self, year: int):
        """Return the values of one calendar year."""
        return self.filter(month__year=year)

    def synthetic(self):
        """Return demo values."""
        return self.filter(origin=Origin.SYNTHETIC)

    def export_marks(self, title: str) -> Marks:
        """Return the marks of an export of these values: their last month and whether any is demo (one query)."""
        found = self.order_by().aggregate(last=Max("month"), demo=Count("id", filter=Q(origin=Origin.SYNTHETIC)))
        last = Month.of(found["last"]) if found["last"] else None
        return Marks(title=title, data_date=data_through(last), demo=bool(found["demo"]), made_on=clock.today())

    def official(self):
        """Return values published in an official source."""
        return self.filter(origin=Origin.OFFICIAL)

    def registered(self):
        """Return the municipality's own values: entered, imported or corrected (never demo, never official)."""
        return self.filter(origin=Origin.REGISTERED)


class MonthlyValue(HasOrigin, models.Model):
    """What every stored monthly figure carries besides its value."""

    area = models.ForeignKey(Area, verbose_name="gebied", on_delete=models.PROTECT)
    month = models.DateField("maand", help_text="De eerste dag van de maand.")
    status = models.CharField("status", max_length=20, choices=FigureStatus.choices, default=FigureStatus.PROVISIONAL)
    origin = models.CharField("herkomst", max_length=20, choices=Origin.choices, default=Origin.REGISTERED)
    source = models.ForeignKey(Source, verbose_name="bron", null=True, blank=True, on_delete=models.PROTECT)
    note = models.CharField("opmerking", max_length=300, blank=True)
    updated_at = models.DateTimeField("gewijzigd op", auto_now=True)
    updated_by = user_field("gewijzigd door")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        months = {self.month, getattr(self, "_loaded_month", None)}
        refuse_locked_months(months)
        with transaction.atomic(using=kwargs.get("using")):
            super().save(*args, **kwargs)
            type(self).months_written(months)
        self._loaded_month = self.month

    def delete(self, *args, **kwargs):
        months = {self.month, getattr(self, "_loaded_month", None)}
        refuse_locked_months(months)
        with transaction.atomic(using=kwargs.get("using")):
            deleted = super().delete(*args, **kwargs)
            type(self).months_written(months)
        return deleted

    @classmethod
    def months_written(cls, months) -> None:
        """Bring the summary tables of these months (first days) up to date; called by every write path."""

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # Remember the stored month so moving a value out of a locked month is refused too.
        instance._loaded_month = instance.__dict__.get("month")
        return instance

    @property
    def period(self) -> Month:
        return Month.of(self.month)


def monthly_value_constraints(prefix: str) -> list:
    """Constraints every monthly value table shares."""
    return [
        models.CheckConstraint(name=f"{prefix}_month_is_first_day", condition=Q(month__day=1)),
        models.CheckConstraint(
            name=f"{prefix}_official_has_source",
            condition=~Q(origin=Origin.OFFICIAL) | Q(source__isnull=False),
        ),
        models.CheckConstraint(name=f"{prefix}_value_not_negative", condition=Q(value__gte=0)),
    ]


class CaseloadIndicator(models.TextChoices):
    CASELOAD = "caseload", "bijstandsuitkeringen"
    INFLOW = "inflow", "instroom"
    OUTFLOW = "outflow", "uitstroom"
    OUTFLOW_TO_WORK = "outflow_to_work", "uitstroom naar werk"


# The one set of indicator names the pages, forms, reports and exports use.
INDICATOR_NAMES = {
    CaseloadIndicator.CASELOAD: "Bijstandsuitkeringen",
    CaseloadIndicator.INFLOW: "Instroom",
    CaseloadIndicator.OUTFLOW: "Uitstroom",
    CaseloadIndicator.OUTFLOW_TO_WORK: "Uitstroom naar werk",
}
FLOW_INDICATORS = [CaseloadIndicator.INFLOW, CaseloadIndicator.OUTFLOW, CaseloadIndicator.OUTFLOW_TO_WORK]

# The caseload is a stock at month end; the other indicators are flows in the month.
INDICATOR_KIND = {
    CaseloadIndicator.CASELOAD: STOCK,
    CaseloadIndicator.INFLOW: FLOW,
    CaseloadIndicator.OUTFLOW: FLOW,
    CaseloadIndicator.OUTFLOW_TO_WORK: FLOW,
}


class CaseloadFigureQuerySet(MonthlyValueQuerySet):
    def indicator(self, indicator: str):
        """Return the values of one indicator (caseload, inflow, ...)."""
        return self.filter(indicator=indicator)

    def caseload(self):
        """Return the stock of benefits at month end."""
        return self.filter(indicator=CaseloadIndicator.CASELOAD)

    def flows(self):
        """Return inflow, outflow and outflow to work."""
        return self.exclude(indicator=CaseloadIndicator.CASELOAD)


class CaseloadFigure(MonthlyValue):
    """One caseload indicator for one area and one month."""

    indicator = models.CharField("indicator", max_length=20, choices=CaseloadIndicator.choices)
    value = models.PositiveIntegerField("waarde")

    objects = CaseloadFigureQuerySet.as_manager()
    history = HistoricalRecords(verbose_name="wijziging bijstandscijfer")

    class Meta:
        verbose_name = "bijstandscijfer"
        verbose_name_plural = "bijstandscijfers"
        ordering = ["area__tree_order", "month", "indicator"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "area", "month"], name="caseload_one_value_per_area_month"),
            *monthly_value_constraints("caseload"),
        ]
        indexes = [
            # The figures table counts and pages its rows by (month, area) before pivoting; the report
            # reads the districts and neighbourhoods of its quarters' months; the entry list finds the first month.
            models.Index(fields=["month", "area"], name="caseload_month_area_idx"),
            # The activity pages recorded per neighbourhood (/activities/<slug>/): outflow to work per
            # neighbourhood in the year shown; the caseload page: each neighbourhood at two months.
            models.Index(fields=["indicator", "month"], name="caseload_indicator_month_idx"),
        ]

    def __str__(self):
        return f"{self.get_indicator_display()} {self.area} {self.period.label}: {self.value}"

    @classmethod
    def months_written(cls, months) -> None:
        from .summaries import refresh_caseload_counts

        refresh_caseload_counts(months)
