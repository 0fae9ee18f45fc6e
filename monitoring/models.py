"""Areas, sources, caseload figures, targets and reporting periods.

Every stored figure is one value for one area and one month, with its own
status (voorlopig / nader voorlopig / definitief) and origin (an official
source, the municipality's own registration, or synthetic demo data), so an
official number is never mixed up with a derived or demo one.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from nprz_dashboard.periods import Month


class AreaLevel(models.TextChoices):
    PROGRAMME = "programme", "programmagebied"
    DISTRICT = "district", "gebied"
    NEIGHBOURHOOD = "neighbourhood", "wijk"


class AreaQuerySet(models.QuerySet):
    def programme(self):
        """Return the NPRZ area as a whole."""
        return self.filter(level=AreaLevel.PROGRAMME)

    def districts(self):
        """Return the three districts (CBS wijken)."""
        return self.filter(level=AreaLevel.DISTRICT)

    def neighbourhoods(self):
        """Return the neighbourhoods (CBS buurten)."""
        return self.filter(level=AreaLevel.NEIGHBOURHOOD)

    def focus(self):
        """Return the seven focus neighbourhoods (focuswijken)."""
        return self.filter(is_focus=True)

    def in_tree_order(self):
        """Return areas as NPRZ, then each district followed by its neighbourhoods."""
        return self.order_by("tree_order")


class Area(models.Model):
    """NPRZ, one of its districts, or one of their neighbourhoods."""

    code = models.CharField("code", max_length=20, unique=True, help_text="CBS-code, bv. BU05991086")
    name = models.CharField("naam", max_length=100)
    level = models.CharField("niveau", max_length=20, choices=AreaLevel.choices)
    parent = models.ForeignKey(
        "self", verbose_name="valt onder", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    is_focus = models.BooleanField("focuswijk", default=False)
    # Population shares drive the spread of demo values; not shown as a figure.
    population = models.PositiveIntegerField("inwoners (indicatief)", null=True, blank=True)
    tree_order = models.PositiveIntegerField("volgorde", default=0)

    objects = AreaQuerySet.as_manager()

    class Meta:
        verbose_name = "gebied"
        verbose_name_plural = "gebieden"
        ordering = ["tree_order", "name"]
        constraints = [
            models.CheckConstraint(
                name="area_only_programme_has_no_parent",
                condition=Q(level=AreaLevel.PROGRAMME, parent__isnull=True)
                | (~Q(level=AreaLevel.PROGRAMME) & Q(parent__isnull=False)),
            ),
            models.CheckConstraint(
                name="area_focus_only_neighbourhoods",
                condition=Q(is_focus=False) | Q(level=AreaLevel.NEIGHBOURHOOD),
            ),
        ]

    def __str__(self):
        return self.name


class Source(models.Model):
    """A published document that official figures and targets come from."""

    title = models.CharField("titel", max_length=200)
    reference = models.CharField("kenmerk", max_length=50, blank=True)
    published_on = models.DateField("datum", null=True, blank=True)
    author = models.CharField("afzender", max_length=200, blank=True)
    url = models.URLField("adres", blank=True)
    notes = models.TextField("toelichting", blank=True)

    class Meta:
        verbose_name = "bron"
        verbose_name_plural = "bronnen"
        ordering = ["-published_on", "title"]

    def __str__(self):
        return self.title


class FigureStatus(models.TextChoices):
    """CBS vocabulary for how final a figure is."""

    PROVISIONAL = "voorlopig", "voorlopig"
    FURTHER_PROVISIONAL = "nader_voorlopig", "nader voorlopig"
    FINAL = "definitief", "definitief"


class Origin(models.TextChoices):
    OFFICIAL = "official", "officieel (gepubliceerd)"
    REGISTERED = "registered", "registratie"
    SYNTHETIC = "synthetic", "synthetisch (demo)"


class MonthlyValueQuerySet(models.QuerySet):
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

    def official(self):
        """Return values published in an official source."""
        return self.filter(origin=Origin.OFFICIAL)


class MonthlyValue(models.Model):
    """What every stored monthly figure carries besides its value."""

    area = models.ForeignKey(Area, verbose_name="gebied", on_delete=models.PROTECT)
    month = models.DateField("maand", help_text="De eerste dag van de maand.")
    status = models.CharField("status", max_length=20, choices=FigureStatus.choices, default=FigureStatus.PROVISIONAL)
    origin = models.CharField("herkomst", max_length=20, choices=Origin.choices, default=Origin.REGISTERED)
    source = models.ForeignKey(Source, verbose_name="bron", null=True, blank=True, on_delete=models.PROTECT)
    note = models.CharField("opmerking", max_length=300, blank=True)
    updated_at = models.DateTimeField("gewijzigd op", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="gewijzigd door",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True

    @property
    def period(self) -> Month:
        return Month.of(self.month)

    @property
    def is_official(self) -> bool:
        return self.origin == Origin.OFFICIAL

    @property
    def is_synthetic(self) -> bool:
        return self.origin == Origin.SYNTHETIC


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


# The caseload is a stock at month end; the other indicators are flows in the month.
INDICATOR_KIND = {
    CaseloadIndicator.CASELOAD: "stock",
    CaseloadIndicator.INFLOW: "flow",
    CaseloadIndicator.OUTFLOW: "flow",
    CaseloadIndicator.OUTFLOW_TO_WORK: "flow",
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

    def __str__(self):
        return f"{self.get_indicator_display()} {self.area} {self.period.label}: {self.value}"


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


class TargetQuerySet(models.QuerySet):
    def current(self):
        """Return targets that have not been revised (the ones in force)."""
        return self.filter(revised_by__isnull=True)

    def published(self):
        """Return targets from a published source, not derived ones."""
        return self.filter(provenance=Provenance.PUBLISHED)

    def ending_in(self, year: int):
        """Return the targets whose period ends in the given year."""
        return self.filter(period_end__year=year)


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
    created_at = models.DateTimeField("vastgelegd op", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="vastgelegd door",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

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


class PeriodState(models.TextChoices):
    OPEN = "open", "open"
    SUBMITTED = "submitted", "ingediend"
    APPROVED = "approved", "goedgekeurd en vergrendeld"
    REOPENED = "reopened", "heropend"


class ReportingPeriodQuerySet(models.QuerySet):
    def locked(self):
        """Return the months that are approved and therefore locked."""
        return self.filter(state=PeriodState.APPROVED)


class ReportingPeriod(models.Model):
    """The workflow state of one month's figures: open, submitted, approved (locked)."""

    month = models.DateField("maand", unique=True)
    state = models.CharField("status", max_length=20, choices=PeriodState.choices, default=PeriodState.OPEN)
    changed_at = models.DateTimeField("status gewijzigd op", null=True, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="status gewijzigd door",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField("reden", blank=True)

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


# --- quarterly reports ----------------------------------------------------------


class ReportSection(models.TextChoices):
    """The parts of a quarterly report that carry a narrative by the programme manager."""

    CASELOAD = "caseload", "Bijstandsbestand en doel"
    FLOWS = "flows", "Instroom en uitstroom"
    ACTIVITIES = "activities", "Activiteiten"
    COMPARISON = "comparison", "Vergelijking met eerdere kwartalen"
    NEIGHBOURHOODS = "neighbourhoods", "Wijken"


class QuarterlyReportQuerySet(models.QuerySet):
    def for_quarter(self, year: int, quarter: int):
        """Return the report of one quarter (at most one)."""
        return self.filter(year=year, quarter=quarter)


class QuarterlyReport(models.Model):
    """The quarterly report for the alderman: narratives while in concept, frozen versions once published."""

    year = models.PositiveSmallIntegerField("jaar")
    quarter = models.PositiveSmallIntegerField("kwartaal")
    created_at = models.DateTimeField("aangemaakt op", auto_now_add=True)

    objects = QuarterlyReportQuerySet.as_manager()

    class Meta:
        verbose_name = "kwartaalrapportage"
        verbose_name_plural = "kwartaalrapportages"
        ordering = ["-year", "-quarter"]
        constraints = [
            models.UniqueConstraint(fields=["year", "quarter"], name="report_one_per_quarter"),
            models.CheckConstraint(name="report_quarter_1_to_4", condition=Q(quarter__gte=1, quarter__lte=4)),
        ]

    def __str__(self):
        return f"{self.quarter}e kwartaal {self.year}"


class ReportNarrative(models.Model):
    """The programme manager's text for one section of a quarterly report (the live concept)."""

    report = models.ForeignKey(
        QuarterlyReport, verbose_name="rapportage", on_delete=models.CASCADE, related_name="narratives"
    )
    section = models.CharField("onderdeel", max_length=20, choices=ReportSection.choices)
    text = models.TextField("toelichting", blank=True)
    updated_at = models.DateTimeField("gewijzigd op", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="gewijzigd door",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    history = HistoricalRecords(verbose_name="wijziging toelichting")

    class Meta:
        verbose_name = "toelichting"
        verbose_name_plural = "toelichtingen"
        constraints = [models.UniqueConstraint(fields=["report", "section"], name="narrative_one_per_section")]

    def __str__(self):
        return f"{self.report}: {self.get_section_display()}"


class ReportVersion(models.Model):
    """A published version: the complete report as it was read, frozen as JSON. Never changed afterwards."""

    report = models.ForeignKey(
        QuarterlyReport, verbose_name="rapportage", on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveSmallIntegerField("versie")
    snapshot = models.JSONField("vastgelegde inhoud")
    note = models.TextField("reden van de nieuwe versie", blank=True)
    published_at = models.DateTimeField("gepubliceerd op")
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="gepubliceerd door",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "gepubliceerde versie"
        verbose_name_plural = "gepubliceerde versies"
        ordering = ["report", "number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="report_version_unique_number"),
            models.CheckConstraint(name="report_version_number_positive", condition=Q(number__gte=1)),
        ]

    def __str__(self):
        return f"{self.report}, versie {self.number}"
