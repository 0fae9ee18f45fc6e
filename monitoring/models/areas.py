"""Areas (NPRZ, its districts and neighbourhoods) and the published documents figures come from."""

from django.db import models
from django.db.models import Q


class AreaLevel(models.TextChoices):
    PROGRAMME = "programme", "programmagebied"
    DISTRICT = "district", "gebied"
    NEIGHBOURHOOD = "neighbourhood", "wijk"


class AreaQuerySet(models.QuerySet):
    def programme(self):
        """Return the NPRZ area as a whole."""
        return self.filter(level=AreaLevel.PROGRAMME)

    def districts(self):
        """Return the three districts (CBS wijken)."""
        return self.filter(level=AreaLevel.DISTRICT)

    def neighbourhoods(self):
        """Return the neighbourhoods (CBS buurten)."""
        return self.filter(level=AreaLevel.NEIGHBOURHOOD)

    def focus(self):
        """Return the seven focus neighbourhoods (focuswijken)."""
        return self.filter(is_focus=True)

    def in_tree_order(self):
        """Return areas as NPRZ, then each district followed by its neighbourhoods."""
        return self.order_by("tree_order")

    def matching(self, text: str):
        """Return the areas a search for `text` finds: its code exactly, or its name containing it (any case)."""
        text = text.strip()
        return self.filter(Q(code__iexact=text) | Q(name__icontains=text)) if text else self.none()


class Area(models.Model):
    """NPRZ, one of its districts, or one of their neighbourhoods."""

    code = models.CharField("code", max_length=20, unique=True, help_text="CBS-code, bv. BU05991086")
    name = models.CharField("naam", max_length=100)
    level = models.CharField("niveau", max_length=20, choices=AreaLevel.choices)
    parent = models.ForeignKey(
        "self", verbose_name="valt onder", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    is_focus = models.BooleanField("focuswijk", default=False)
    # Population shares drive the spread of demo values; not shown as a figure.
    population = models.PositiveIntegerField("inwoners (indicatief)", null=True, blank=True)
    tree_order = models.PositiveIntegerField("volgorde", default=0)

    objects = AreaQuerySet.as_manager()

    class Meta:
        verbose_name = "gebied"
        verbose_name_plural = "gebieden"
        ordering = ["tree_order", "name"]
        constraints = [
            models.CheckConstraint(
                name="area_only_programme_has_no_parent",
                condition=Q(level=AreaLevel.PROGRAMME, parent__isnull=True)
                | (~Q(level=AreaLevel.PROGRAMME) & Q(parent__isnull=False)),
            ),
            models.CheckConstraint(
                name="area_focus_only_neighbourhoods",
                condition=Q(is_focus=False) | Q(level=AreaLevel.NEIGHBOURHOOD),
            ),
        ]

    def __str__(self):
        return self.name


class Source(models.Model):
    """A published document that official figures and targets come from."""

    title = models.CharField("titel", max_length=200)
    reference = models.CharField("kenmerk", max_length=50, blank=True)
    published_on = models.DateField("datum", null=True, blank=True)
    author = models.CharField("afzender", max_length=200, blank=True)
    url = models.URLField("adres", blank=True)
    notes = models.TextField("toelichting", blank=True)

    class Meta:
        verbose_name = "bron"
        verbose_name_plural = "bronnen"
        ordering = ["-published_on", "title"]

    def __str__(self):
        return self.title
