"""What a month asks for: one *slot* per enterable figure.

A slot is a caseload indicator in an area, or an activity measure in an area.
Slots carry everything the form, the import and the checks need (label, unit,
whether decimals are allowed, the sane maximum), so none of them has to look at
the activity models.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Q
from django.urls import reverse

from activities.models import Measure
from monitoring.models import INDICATOR_KIND, INDICATOR_NAMES, Area, AreaLevel, CaseloadIndicator
from nprz_dashboard.periods import STOCK, Month
from nprz_dashboard.units import Unit

CASELOAD_GROUP = "bijstand"


# Import names of the caseload indicators (the layout documents these).
INDICATOR_CODES = {
    CaseloadIndicator.CASELOAD: "bijstand",
    CaseloadIndicator.INFLOW: "instroom",
    CaseloadIndicator.OUTFLOW: "uitstroom",
    CaseloadIndicator.OUTFLOW_TO_WORK: "uitstroom_naar_werk",
}


def field_name(indicator: str) -> str:
    """Return an indicator's name on the entry pages; a stock says it is the stand at month end."""
    name = INDICATOR_NAMES[indicator]
    return f"{name} (eind van de maand)" if INDICATOR_KIND[indicator] == STOCK else name


def default_max(unit: str) -> Decimal:
    """Return the sane maximum for a value of a unit when its measure sets none (configurable)."""
    if unit == Unit.EURO:
        return Decimal(settings.ENTRY_MAX_EURO)
    return Decimal(settings.ENTRY_MAX_COUNT)


@dataclass(frozen=True)
class Slot:
    """One figure a month asks for."""

    key: str  # also the form field name: "c-inflow-BU05991086", "m-12-NPRZ"
    indicator: str  # caseload indicator; "" for an activity measure
    measure_id: int | None
    area_id: int
    area_code: str
    area_name: str
    area_level: str
    area_parent_id: int | None
    name: str  # "Instroom", "Huisbezoeken uitgevoerd"
    group: str  # "Bijstand" or the activity's name
    group_slug: str  # "bijstand" or the activity's slug
    measure_slug: str
    unit: str
    kind: str  # stock or flow
    allows_decimals: bool
    max_value: Decimal

    @property
    def is_caseload(self) -> bool:
        return bool(self.indicator)

    @property
    def area_label(self) -> str:
        """Return the area's name with its level: 'Feijenoord (gebied)', 'Feijenoord (wijk)', 'NPRZ-gebied'."""
        return area_label(self.area_name, self.area_level)

    @property
    def is_total(self) -> bool:
        """Return whether the figure is a caseload total of a district or NPRZ (computed from its parts)."""
        return self.is_caseload and self.area_level != AreaLevel.NEIGHBOURHOOD

    @property
    def label(self) -> str:
        """Return the field's full label, e.g. 'Instroom, Tarwewijk (wijk)'."""
        if self.is_caseload:
            return f"{self.name}, {self.area_label}"
        if self.area_level == AreaLevel.PROGRAMME:
            return f"{self.group}: {self.name}"
        return f"{self.group}: {self.name}, {self.area_label}"

    @property
    def code(self) -> str:
        """Return the figure's name in the import layout: 'instroom' or 'verzuimaanpak/huisbezoeken'."""
        return INDICATOR_CODES[self.indicator] if self.is_caseload else f"{self.group_slug}/{self.measure_slug}"

    @property
    def figure_id(self) -> tuple:
        """Identify the figure without its area (indicator or measure)."""
        return (self.indicator, self.measure_id)

    def history_url(self, month: Month) -> str:
        return history_url(month, area_code=self.area_code, indicator=self.indicator, measure_id=self.measure_id)


def area_label(name: str, level: str) -> str:
    """Return an area's name with its level, so 'Feijenoord' the district and the neighbourhood differ."""
    if level == AreaLevel.PROGRAMME:
        return name
    return f"{name} ({AreaLevel(level).label})"


def caseload_key(indicator: str, area_code: str) -> str:
    return f"c-{indicator}-{area_code}"


def measure_key(measure_id: int, area_code: str) -> str:
    return f"m-{measure_id}-{area_code}"


def history_url(month: Month, *, area_code: str = "", indicator: str = "", measure_id: int | None = None) -> str:
    """Return the link to a month's change history, narrowed to one figure when given."""
    url = reverse("entry-history", args=[month.key])
    if not area_code:
        return url
    figure = f"indicator={indicator}" if indicator else f"measure={measure_id}"
    return f"{url}?area={area_code}&{figure}"


@dataclass(frozen=True)
class Catalogue:
    """The areas and recorded measures, loaded once (2 queries) for any number of months."""

    areas: list
    measures: list
    # Slots by the set of measures running: a history file's 120 months share a handful of sets.
    _slots: dict = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def load(cls) -> Catalogue:
        return cls(list(Area.objects.in_tree_order()), list(Measure.objects.in_page_order().recorded()))

    @classmethod
    def sizes(cls) -> tuple[int, int, list]:
        """Return how many areas and neighbourhoods there are, and the recorded measures (2 queries).

        What the month list needs to count the figures a month asks for, without
        loading every area (load() is for the slots themselves).
        """
        counts = Area.objects.aggregate(areas=Count("id"), hoods=Count("id", filter=Q(level=AreaLevel.NEIGHBOURHOOD)))
        return counts["areas"], counts["hoods"], list(Measure.objects.in_page_order().recorded())

    @property
    def programme(self):
        return next(a for a in self.areas if a.level == AreaLevel.PROGRAMME)

    @property
    def neighbourhoods(self) -> list:
        return [a for a in self.areas if a.level == AreaLevel.NEIGHBOURHOOD]

    def active_measures(self, month: Month) -> list:
        """Return the measures whose activity runs in the month."""
        return [m for m in self.measures if m.activity.runs_in(month)]

    def slots(self, month: Month) -> list[Slot]:
        """Return every figure the month asks for: caseload by area, then activity measures."""
        active = self.active_measures(month)
        running = tuple(m.id for m in active)
        if running not in self._slots:
            indicators = CaseloadIndicator.values  # a property that builds its list anew: once, not once per area
            slots = [caseload_slot(indicator, area) for area in self.areas for indicator in indicators]
            for measure in active:
                areas = self.neighbourhoods if measure.by_area else [self.programme]
                slots.extend(measure_slot(measure, area) for area in areas)
            self._slots[running] = slots
        return list(self._slots[running])


def caseload_slot(indicator: str, area: Area) -> Slot:
    """Return the slot of a caseload indicator in an area."""
    return Slot(
        key=caseload_key(indicator, area.code),
        indicator=indicator,
        measure_id=None,
        area_id=area.id,
        area_code=area.code,
        area_name=area.name,
        area_level=area.level,
        area_parent_id=area.parent_id,
        name=field_name(indicator),
        group="Bijstand",
        group_slug=CASELOAD_GROUP,
        measure_slug="",
        unit=Unit.COUNT,
        kind=INDICATOR_KIND[indicator],
        allows_decimals=False,
        max_value=default_max(Unit.COUNT),
    )


def measure_slot(measure, area: Area) -> Slot:
    """Return the slot of an activity measure (with its activity loaded) in an area."""
    return Slot(
        key=measure_key(measure.id, area.code),
        indicator="",
        measure_id=measure.id,
        area_id=area.id,
        area_code=area.code,
        area_name=area.name,
        area_level=area.level,
        area_parent_id=area.parent_id,
        name=measure.name,
        group=measure.activity.name,
        group_slug=measure.activity.slug,
        measure_slug=measure.slug,
        unit=measure.unit,
        kind=measure.kind,
        allows_decimals=measure.allows_decimals,
        max_value=measure.max_value if measure.max_value is not None else default_max(measure.unit),
    )


def figure_slot(figure) -> Slot:
    """Return the slot of a stored (or new) figure: a caseload figure or an activity record."""
    if getattr(figure, "indicator", ""):
        return caseload_slot(figure.indicator, figure.area)
    return measure_slot(figure.measure, figure.area)
