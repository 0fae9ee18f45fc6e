"""Benchmark values: benefits and population of the G4 cities and of Zuid, month by month.

Every value keeps its CBS status, the CBS table it came from, its origin (CBS,
an import, or synthetic demo data) and, for a population, which denominator it
is. A revised value is updated with its history (simple-history), so what the
page showed before a CBS revision stays traceable.
"""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from monitoring.models import FigureStatus
from nprz_dashboard.periods import Month


class Region(models.TextChoices):
    """The regions stored; the rest of Rotterdam is derived (Rotterdam minus NPRZ), never stored."""

    NPRZ = "NPRZ", "Zuid (NPRZ-gebied)"
    ROTTERDAM = "GM0599", "Rotterdam"
    AMSTERDAM = "GM0363", "Amsterdam"
    DEN_HAAG = "GM0518", "Den Haag"
    UTRECHT = "GM0344", "Utrecht"


G4 = (Region.AMSTERDAM, Region.ROTTERDAM, Region.DEN_HAAG, Region.UTRECHT)


class Measure(models.TextChoices):
    BENEFITS = "benefits", "bijstandsuitkeringen"
    POPULATION = "population", "inwoners"


class BenchmarkOrigin(models.TextChoices):
    CBS = "cbs", "CBS StatLine"
    IMPORTED = "imported", "import"
    DEMO = "demo", "synthetisch (demo)"


class Denominator(models.TextChoices):
    """Where a population (the denominator of a rate) comes from."""

    MUNICIPAL = "cbs_municipal", "CBS-bevolkingstabel per gemeente"
    NEIGHBOURHOODS = "cbs_neighbourhoods", "CBS Kerncijfers wijken en buurten"
    IMPORT = "import", "eigen import"


class BenchmarkValueQuerySet(models.QuerySet):
    def benefits(self):
        """Return the monthly benefit counts."""
        return self.filter(measure=Measure.BENEFITS)

    def populations(self):
        """Return the populations (each on 1 January of its year: month is January)."""
        return self.filter(measure=Measure.POPULATION)

    def demo(self):
        """Return the synthetic demo values."""
        return self.filter(origin=BenchmarkOrigin.DEMO)


class BenchmarkValue(models.Model):
    """One region's benefits in a month, or its population on the first day of a month."""

    region = models.CharField("regio", max_length=10, choices=Region.choices)
    measure = models.CharField("grootheid", max_length=12, choices=Measure.choices)
    month = models.DateField("maand", help_text="De eerste dag van de maand; een bevolking: 1 januari.")
    value = models.PositiveIntegerField("waarde")
    status = models.CharField("status", max_length=20, choices=FigureStatus.choices, default=FigureStatus.PROVISIONAL)
    origin = models.CharField("herkomst", max_length=10, choices=BenchmarkOrigin.choices)
    table_id = models.CharField("CBS-tabel", max_length=20, blank=True)
    denominator = models.CharField("noemer", max_length=20, choices=Denominator.choices, blank=True)
    updated_at = models.DateTimeField("gewijzigd op", auto_now=True)

    objects = BenchmarkValueQuerySet.as_manager()
    history = HistoricalRecords(verbose_name="wijziging vergelijkingscijfer")

    class Meta:
        verbose_name = "vergelijkingscijfer"
        verbose_name_plural = "vergelijkingscijfers"
        ordering = ["region", "measure", "month"]
        constraints = [
            models.UniqueConstraint(fields=["region", "measure", "month"], name="benchmark_one_value_per_month"),
            models.CheckConstraint(name="benchmark_month_is_first_day", condition=Q(month__day=1)),
            # A population says which denominator it is; a benefit count has none.
            models.CheckConstraint(
                name="benchmark_population_has_denominator",
                condition=(Q(measure=Measure.POPULATION) & ~Q(denominator=""))
                | (Q(measure=Measure.BENEFITS) & Q(denominator="")),
            ),
            # Zuid's benefits are the monitor's own NPRZ caseload (monitoring), never stored twice.
            models.CheckConstraint(
                name="benchmark_nprz_benefits_not_stored",
                condition=~(Q(region=Region.NPRZ) & Q(measure=Measure.BENEFITS)),
            ),
            models.CheckConstraint(
                name="benchmark_cbs_value_has_table",
                condition=~Q(origin=BenchmarkOrigin.CBS) | ~Q(table_id=""),
            ),
        ]

    def __str__(self):
        return f"{self.get_measure_display()} {self.get_region_display()} {Month.of(self.month).label}: {self.value}"
