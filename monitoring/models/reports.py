"""Quarterly reports: the narratives of the concept and the frozen published versions."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from .base import user_field


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


class ReportPdf(models.Model):
    """A printed report PDF, under the name printing.py gives it (the version or concept and a hash of its page).

    Kept in the database, not on a server's disk: the PDF worker prints it on one
    machine and every app server serves it, however many there are. Only a copy:
    a missing one is printed again when it is asked for.
    """

    key = models.CharField("naam", max_length=100, unique=True)
    content = models.BinaryField("inhoud")
    printed_at = models.DateTimeField("gemaakt op")

    class Meta:
        verbose_name = "pdf van een rapportage"
        verbose_name_plural = "pdf's van rapportages"

    def __str__(self):
        return self.key
