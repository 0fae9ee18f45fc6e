"""The kernel's one table, the data version that the page cache keys on (see data_version.py), and the audit base."""

from django.db import models
from django.db.models import Q


class DataVersion(models.Model):
    """A single row whose token the database replaces with every write to the programme's data."""

    token = models.CharField("versie", max_length=32)

    class Meta:
        verbose_name = "gegevensversie"
        verbose_name_plural = "gegevensversie"
        constraints = [models.CheckConstraint(name="data_version_one_row", condition=Q(id=1))]

    def __str__(self):
        return self.token


class AppendOnly(models.Model):
    """An audit row: written once, never changed or deleted (the figures' audit, the API tokens' audit)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("audit rows are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("audit rows are append-only")
