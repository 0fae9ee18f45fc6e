"""The units figures are counted in; formatting, disclosure control and the models share them."""

from django.db import models


class Unit(models.TextChoices):
    COUNT = "count", "aantal"
    PERSONS = "persons", "personen"
    EURO = "euro", "euro"
    PERCENT = "percent", "procent"


# Counts of people or events: small values among them can identify someone (docs/domain.md, "Disclosure control").
COUNT_UNITS = frozenset({Unit.COUNT, Unit.PERSONS})
