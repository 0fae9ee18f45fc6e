"""The units figures are counted in; formatting, disclosure control and the models share them."""

from django.db import models


class Unit(models.TextChoices):
    COUNT = "count", "aantal"
    PERSONS = "persons", "personen"
    EURO = "euro", "euro"
    PERCENT = "percent", "procent"


# Counts of people or events: small values among them can identify someone (see docs/domain.md, disclosure).
COUNT_UNITS = frozenset({Unit.COUNT, Unit.PERSONS})
