"""The e-mail reminders sent: one row per message, so none is sent twice."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class ReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", "maand moet over 3 dagen ingevuld zijn"
    LATE = "late", "maand is te laat"
    AWAITING_APPROVAL = "approval", "maand wacht op goedkeuring"
    PUBLISHED = "published", "rapportage gepubliceerd"
    SENT_BACK = "sent_back", "maand teruggestuurd"


class SentReminder(models.Model):
    """One reminder to one user about one thing (a month or a report version).

    The row is claimed before the message goes out, inside a unique constraint:
    a second run, even one running at the same time, finds it and sends nothing.
    A message that could not be sent gives its claim back for the next run.
    """

    kind = models.CharField("soort", max_length=20, choices=ReminderKind.choices)
    subject_key = models.CharField("waarover", max_length=40, help_text="Maand (2026-11) of rapportversie (id).")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="aan", on_delete=models.CASCADE, related_name="+")
    address = models.EmailField("adres")
    claimed_at = models.DateTimeField("geclaimd op", default=timezone.now)
    sent_at = models.DateTimeField("verstuurd op", null=True, blank=True)

    class Meta:
        verbose_name = "verstuurde herinnering"
        verbose_name_plural = "verstuurde herinneringen"
        ordering = ["-claimed_at"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "subject_key", "user"], name="reminder_sent_once"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.subject_key} aan {self.address}"
