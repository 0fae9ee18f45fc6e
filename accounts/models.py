"""A user's own settings, kept beside Django's User: which e-mail reminders they want."""

from django.conf import settings
from django.db import models


class PreferenceQuerySet(models.QuerySet):
    def wanting_reminders(self):
        """Return the preferences of users who have not switched reminders off."""
        return self.filter(reminders=True)


class Preference(models.Model):
    """One user's choices; a user without a row has the defaults (reminders on)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name="gebruiker", on_delete=models.CASCADE, related_name="preference"
    )
    reminders = models.BooleanField(
        "herinneringen per e-mail",
        default=True,
        help_text="Berichten als een maand ingevuld of goedgekeurd moet worden of een rapportage is gepubliceerd.",
    )

    objects = PreferenceQuerySet.as_manager()

    class Meta:
        verbose_name = "voorkeur"
        verbose_name_plural = "voorkeuren"

    def __str__(self):
        return f"voorkeuren van {self.user}"


def preference_of(user) -> Preference:
    """Return the user's preferences, unsaved defaults when they never chose."""
    return Preference.objects.filter(user=user).first() or Preference(user=user)


def wants_reminders(user) -> bool:
    """Return whether reminders may be sent to the user (on unless switched off)."""
    return not Preference.objects.filter(user=user, reminders=False).exists()


# Personal API tokens live in their own module; imported here so Django finds the models.
from .api_tokens import ApiToken, TokenEvent  # noqa: E402, F401
from .oidc.models import CityAccount  # noqa: E402, F401
