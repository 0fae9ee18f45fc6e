"""The audit trail of the figures: one event per action, one row per changed value."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from nprz_dashboard.formatting import format_datetime
from nprz_dashboard.models import AppendOnly
from nprz_dashboard.periods import Month

from .areas import Area
from .figures import CaseloadIndicator


class ChangeKind(models.TextChoices):
    ENTRY = "entry", "invoerformulier"
    IMPORT = "import", "import"
    ADMIN = "admin", "beheer (admin)"
    SUBMIT = "submit", "ingediend"
    APPROVE = "approve", "goedgekeurd en vergrendeld"
    REOPEN = "reopen", "heropend"
    SEND_BACK = "send_back", "teruggestuurd"


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
    # The id of an activities.Measure, a plain id for the reason Annotation.measure_id gives.
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


class GapExplanation(AppendOnly):
    """Why an official total differs from the sum of its parts, given with the save that made the difference.

    The official figure stands (it comes from its own source); the latest explanation
    of a total is shown beside it as long as the difference is the same.
    """

    event = models.ForeignKey(ChangeEvent, verbose_name="wijziging", on_delete=models.PROTECT, related_name="+")
    month = models.DateField("maand")
    area = models.ForeignKey(Area, verbose_name="gebied", on_delete=models.PROTECT, related_name="+")
    indicator = models.CharField("indicator", max_length=20, choices=CaseloadIndicator.choices)
    official_value = models.DecimalField("officieel totaal", max_digits=14, decimal_places=2)
    parts_sum = models.DecimalField("som van de delen", max_digits=14, decimal_places=2)
    text = models.TextField("toelichting")

    class Meta:
        verbose_name = "toelichting op een verschil"
        verbose_name_plural = "toelichtingen op verschillen"
        ordering = ["-id"]
        constraints = [models.CheckConstraint(name="gap_explanation_has_text", condition=~Q(text=""))]


class WarningOverride(AppendOnly):
    """A consistency warning someone saved past, with their own reason: one row per warning.

    Written by the one audited write path (programme/entry/writes.py) in the event's
    transaction; who and when are the event's.
    """

    event = models.ForeignKey(ChangeEvent, verbose_name="wijziging", on_delete=models.PROTECT, related_name="overrides")
    month = models.DateField("maand")
    rule = models.CharField("regel", max_length=60)
    field_key = models.CharField("cijfer (veld)", max_length=80)
    message = models.TextField("waarschuwing")
    reason = models.TextField("reden")

    class Meta:
        verbose_name = "genegeerde waarschuwing"
        verbose_name_plural = "genegeerde waarschuwingen"
        ordering = ["month", "id"]
        constraints = [
            models.CheckConstraint(name="warning_override_has_reason", condition=~Q(reason="")),
            models.CheckConstraint(name="warning_override_month_is_first_day", condition=Q(month__day=1)),
        ]

    def __str__(self):
        return f"{self.rule}: {self.reason}"


class FlagStatus(models.TextChoices):
    EXPLAINED = "explained", "verklaard (het cijfer klopt)"
    RESOLVED = "resolved", "opgelost (het cijfer is verbeterd)"


class FlagNote(AppendOnly):
    """Why a data-quality flag (a value that breaks its pattern, an open consistency warning) is closed.

    Written by programme/entry/quality.py; who and when are kept with the reason. The latest note of a flag counts.
    """

    month = models.DateField("maand")
    flag = models.CharField("signaal", max_length=160)
    status = models.CharField("status", max_length=10, choices=FlagStatus.choices)
    reason = models.TextField("reden")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="door", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("op", default=timezone.now)

    class Meta:
        verbose_name = "afgehandeld signaal"
        verbose_name_plural = "afgehandelde signalen"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(name="flag_note_has_reason", condition=~Q(reason="")),
            models.CheckConstraint(name="flag_note_month_is_first_day", condition=Q(month__day=1)),
        ]

    def __str__(self):
        return f"{self.flag}: {self.get_status_display()}"
