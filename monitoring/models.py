"""Areas, sources, caseload figures, targets and reporting periods.

Every stored figure is one value for one area and one month, with its own
status (voorlopig / nader voorlopig / definitief) and origin (an official
source, the municipality's own registration, or synthetic demo data), so an
official number is never mixed up with a derived or demo one.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from nprz_dashboard.formatting import format_datetime
from nprz_dashboard.periods import Month


def user_field(verbose_name: str):
    """Return the 'who did it' field: kept as empty when the user account is removed."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


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


class MonthlyValueQuerySet(models.QuerySet):
    # Locked months refuse writes on the bulk paths too, not only in Model.save().
    def update(self, **kwargs):
        refuse_locked_months(self.values("month"))
        if "month" in kwargs:
            refuse_locked_months([kwargs["month"]])
        return super().update(**kwargs)

    def delete(self):
        refuse_locked_months(self.values("month"))
        return super().delete()

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        refuse_locked_months([obj.month for obj in objs])
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs = list(objs)
        refuse_locked_months([obj.month for obj in objs] + [getattr(obj, "_loaded_month", None) for obj in objs])
        return super().bulk_update(objs, fields, *args, **kwargs)

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
    updated_by = user_field("gewijzigd door")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        refuse_locked_months([self.month, getattr(self, "_loaded_month", None)])
        super().save(*args, **kwargs)
        self._loaded_month = self.month

    def delete(self, *args, **kwargs):
        refuse_locked_months([self.month, getattr(self, "_loaded_month", None)])
        return super().delete(*args, **kwargs)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # Remember the stored month so moving a value out of a locked month is refused too.
        instance._loaded_month = instance.__dict__.get("month")
        return instance

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
        # The figures table counts and pages its rows by (month, area) before pivoting.
        indexes = [models.Index(fields=["month", "area"], name="caseload_month_area_idx")]

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


class AnnotationQuerySet(models.QuerySet):
    def for_caseload(self, area: Area):
        """Return the notes for the caseload charts of an area (notes without an area belong to NPRZ)."""
        area_filter = Q(area=area) | Q(area__isnull=True) if area.level == AreaLevel.PROGRAMME else Q(area=area)
        return self.filter(area_filter, measure__isnull=True)

    def for_measures(self, measures):
        """Return the notes about the given activity measures (objects or ids)."""
        return self.filter(measure__in=measures)

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
    # Referenced by name so monitoring's code needs no import of activities.
    measure = models.ForeignKey(
        "activities.Measure",
        verbose_name="activiteitmaat",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="annotations",
    )
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
                condition=Q(indicator="") | Q(measure__isnull=True),
            ),
        ]

    def __str__(self):
        return f"{Month.of(self.month).label}: {self.text}"

    @property
    def period(self) -> Month:
        return Month.of(self.month)


class PeriodState(models.TextChoices):
    OPEN = "open", "open"
    SUBMITTED = "submitted", "ingediend"
    APPROVED = "approved", "goedgekeurd en vergrendeld"
    REOPENED = "reopened", "heropend"


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


class ChangeKind(models.TextChoices):
    ENTRY = "entry", "invoerformulier"
    IMPORT = "import", "import"
    ADMIN = "admin", "beheer (admin)"
    SUBMIT = "submit", "ingediend"
    APPROVE = "approve", "goedgekeurd en vergrendeld"
    REOPEN = "reopen", "heropend"


class AppendOnly(models.Model):
    """An audit row: written once, never changed or deleted."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("audit rows are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("audit rows are append-only")


class ChangeEventQuerySet(models.QuerySet):
    def touching(self, month: Month):
        """Return the events about a month or with a value change in it."""
        return self.filter(Q(month=month.first_day) | Q(changes__month=month.first_day)).distinct()


class ChangeEvent(AppendOnly):
    """One action on the figures: a saved form, an import, an admin edit or a period step."""

    kind = models.CharField("soort", max_length=10, choices=ChangeKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="door", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("op", default=timezone.now)
    month = models.DateField("maand", null=True, blank=True, help_text="Leeg bij een import over meerdere maanden.")
    reason = models.TextField("reden", blank=True)
    file_name = models.CharField("bestand", max_length=255, blank=True)
    summary = models.CharField("samenvatting", max_length=300, blank=True)

    objects = ChangeEventQuerySet.as_manager()

    class Meta:
        verbose_name = "wijziging"
        verbose_name_plural = "wijzigingen"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(name="change_event_import_has_file", condition=~Q(kind="import") | ~Q(file_name="")),
            models.CheckConstraint(name="change_event_reopen_has_reason", condition=~Q(kind="reopen") | ~Q(reason="")),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {format_datetime(self.created_at)}"


class ValueChangeQuerySet(models.QuerySet):
    def in_month(self, month: Month):
        """Return the value changes of one month."""
        return self.filter(month=month.first_day)

    def of_figure(self, *, area, indicator: str = "", measure_id: int | None = None):
        """Return the changes of one figure: a caseload indicator or a measure, in one area."""
        return self.filter(area=area, indicator=indicator, measure_id=measure_id)


class ValueChange(AppendOnly):
    """One figure's old and new value within a change event."""

    event = models.ForeignKey(ChangeEvent, verbose_name="wijziging", on_delete=models.PROTECT, related_name="changes")
    month = models.DateField("maand")
    area = models.ForeignKey(Area, verbose_name="gebied", on_delete=models.PROTECT, related_name="+")
    indicator = models.CharField("indicator", max_length=20, choices=CaseloadIndicator.choices, blank=True)
    # A plain id, not a foreign key: monitoring must not depend on the activities app.
    measure_id = models.PositiveIntegerField("maat", null=True, blank=True)
    label = models.CharField("cijfer", max_length=300)
    unit = models.CharField("eenheid", max_length=10, default="count")
    old_value = models.DecimalField("oude waarde", max_digits=14, decimal_places=2, null=True, blank=True)
    new_value = models.DecimalField("nieuwe waarde", max_digits=14, decimal_places=2, null=True, blank=True)
    revision = models.PositiveIntegerField("versie van de maand na deze wijziging")

    objects = ValueChangeQuerySet.as_manager()

    class Meta:
        verbose_name = "gewijzigde waarde"
        verbose_name_plural = "gewijzigde waarden"
        ordering = ["month", "id"]
        # The history page and the conflict check look changes up by month (and figure).
        indexes = [models.Index(fields=["month", "indicator", "measure_id", "area"], name="value_change_by_figure")]
        constraints = [
            models.CheckConstraint(
                name="value_change_caseload_or_measure",
                condition=(~Q(indicator="") & Q(measure_id__isnull=True))
                | (Q(indicator="") & Q(measure_id__isnull=False)),
            ),
            models.CheckConstraint(name="value_change_month_is_first_day", condition=Q(month__day=1)),
        ]

    def __str__(self):
        return f"{self.label}: {self.old_value} → {self.new_value}"


class ImportState(models.TextChoices):
    PREVIEW = "preview", "voorbeeld getoond"
    APPLIED = "applied", "verwerkt"
    DISCARDED = "discarded", "afgebroken"


class ImportBatch(models.Model):
    """An uploaded file kept between preview and confirmation, so the confirmed rows are re-checked, not trusted."""

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="geüpload door", on_delete=models.CASCADE, related_name="+"
    )
    uploaded_at = models.DateTimeField("geüpload op", default=timezone.now)
    file_name = models.CharField("bestand", max_length=255)
    content = models.BinaryField("inhoud")
    sha256 = models.CharField("controlegetal", max_length=64)
    state = models.CharField("status", max_length=10, choices=ImportState.choices, default=ImportState.PREVIEW)
    event = models.OneToOneField(
        ChangeEvent, verbose_name="wijziging", null=True, blank=True, on_delete=models.PROTECT, related_name="batch"
    )

    class Meta:
        verbose_name = "importbestand"
        verbose_name_plural = "importbestanden"
        ordering = ["-uploaded_at"]

    def __str__(self):
        return f"{self.file_name} ({self.get_state_display()})"


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
    # Raised on every save; a save that started from an older revision is a conflict, not an overwrite.
    revision = models.PositiveIntegerField("revisie", default=0)
    updated_at = models.DateTimeField("gewijzigd op", auto_now=True)
    updated_by = user_field("gewijzigd door")

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
