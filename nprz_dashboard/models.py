"""The kernel's one table: the data version that the page cache keys on (see data_version.py)."""

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
