"""Field helpers and abstract bases the models share."""

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
