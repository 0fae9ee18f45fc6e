"""Field helpers the models share."""

from django.conf import settings
from django.db import models


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
