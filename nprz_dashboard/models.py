"""The kernel's tables: the data version that the page cache keys on (see data_version.py), whether the
database is a demo, and the audit base."""

from django.db import models
from django.db.models import Q
from django.utils import timezone


class DataVersion(models.Model):
    """A single row whose token the database replaces with every write to the programme's data."""

    token = models.CharField("versie", max_length=32)

    class Meta:
        verbose_name = "gegevensversie"
        verbose_name_plural = "gegevensversie"
        constraints = [models.CheckConstraint(name="data_version_one_row", condition=Q(id=1))]

    def __str__(self):
        return self.token


class DemoState(models.Model):
    """A single row that says whether this database is a demo: `seed_demo` sets it, `purge_demo` clears it.

    A production database is never one: `seed_demo` refuses to run where entered or
    imported figures are, unless told explicitly.
    """

    is_demo = models.BooleanField("demodatabase", default=False)
    changed_at = models.DateTimeField("gewijzigd op", null=True, blank=True)

    class Meta:
        verbose_name = "demostand"
        verbose_name_plural = "demostand"
        constraints = [models.CheckConstraint(name="demo_state_one_row", condition=Q(id=1))]

    def __str__(self):
        return "demodatabase" if self.is_demo else "geen demodatabase"

    @classmethod
    def is_set(cls) -> bool:
        """Return whether the database is marked as a demo (1 query; no row means not a demo)."""
        return cls.objects.filter(pk=1, is_demo=True).exists()

    @classmethod
    def mark(cls, is_demo: bool) -> None:
        """Mark the database as a demo or not."""
        cls.objects.update_or_create(pk=1, defaults={"is_demo": is_demo, "changed_at": timezone.now()})


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
