"""Uploaded import files, kept between preview and confirmation."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from .audit import ChangeEvent


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
