"""Data out of the monitoring models, as plain rows and series.

Views and charts call these; they aggregate in SQL and return fixed shapes
(also when there is no data) so pages never poke at querysets themselves.
"""

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from types import SimpleNamespace

from django.db.models import Case, F, IntegerField, Max, Min, Q, Value, When

from monitoring.models import (
    Area,
    AreaLevel,
    CaseloadFigure,
    CaseloadIndicator,
    FigureStatus,
    Origin,
    Target,
)
from nprz_dashboard import disclosure, marks, shortlist
from nprz_dashboard.periods import Month


def programme_area() -> Area:
    """Return the NPRZ area as a whole."""
    return Area.objects.programme().get()


def current_targets(area: Area, indicator: str = CaseloadIndicator.CASELOAD) -> list[Target]:
    """Return the targets in force for an indicator and area, by deadline."""
    return list(
        Target.objects.current().filter(area=area, indicator=indicator).select_related("source").order_by("period_end")
    )


# --- caseload dashboard -----------------------------------------------------

INDICATORS = [c.value for c in CaseloadIndicator]


def areas_in_tree_order() -> list[Area]:
    """Return every area as NPRZ, then each district followed by its neighbourhoods."""
    return list(Area.objects.in_tree_order())


@dataclass(frozen=True)
class AreaChoice:
    """The areas an area select offers (in tree order), and whether they are all the areas there are."""

    areas: list[Area]
    complete: bool


def area_choice(requested: str = "", levels=None) -> AreaChoice:
    """Return what the area select offers, in one query that reads at most AREA_SELECT_LIMIT + 1 areas.

    Up to the limit: every area (of `levels`, when given). Beyond it: NPRZ, the
    districts, the focus neighbourhoods and the requested area (its code), and
    a search finds the others (search_areas).
    """
    areas = Area.objects.all() if levels is None else Area.objects.filter(level__in=levels)
    main = Q(level__in=[AreaLevel.PROGRAMME, AreaLevel.DISTRICT]) | Q(is_focus=True) | Q(code=requested)
    first = areas.annotate(main=Case(When(main, then=Value(0)), default=Value(1), output_field=IntegerField()))
    rows = list(first.order_by("main", "tree_order")[: shortlist.AREA_SELECT_LIMIT + 1])
    complete = len(rows) <= shortlist.AREA_SELECT_LIMIT
    shown = rows if complete else [a for a in rows if a.main == 0]
    return AreaChoice(sorted(shown, key=lambda a: a.tree_order), complete)


@dataclass(frozen=True)
class AreaSearch:
    """The areas found for a search text (at most SEARCH_RESULTS), and whether there were more."""

    text: str
    areas: list[Area]
    more: bool


def search_areas(text: str) -> AreaSearch:
    """Return the areas whose name contains the text or whose code is the text, in tree order (one query)."""
    found = list(Area.objects.matching(text).select_related("parent").in_tree_order()[: shortlist.SEARCH_RESULTS + 1])
    return AreaSearch(text.strip(), found[: shortlist.SEARCH_RESULTS], len(found) > shortlist.SEARCH_RESULTS)


@dataclass(frozen=True)
class MonthlyFigures:
    """Every indicator of one area by month, with which values are official and from where."""

    values: dict[str, dict[Month, int]]  # indicator -> month -> value, months in order
    official: dict[tuple[str, Month], str]  # (indicator, month) -> source title
    statuses: dict[Month, str]  # the caseload figure's status label by month
    synthetic: bool  # any value shown is demo data
    # (indicator, month) -> the official figure's note, e.g. that the letter's month is assumed
    notes: dict[tuple[str, Month], str] = dataclass_field(default_factory=dict)
    # (indicator, month) -> '<10' or 'x' for values withheld from readers (disclosure control)
    hidden: dict[tuple[str, Month], str] = dataclass_field(default_factory=dict)
    # (indicator, month) of every value that is demo data
    demo: frozenset[tuple[str, Month]] = frozenset()

    def series(self, indicator: str) -> dict[Month, int]:
        return self.values[indicator]

    def demo_months(self, indicator: str = CaseloadIndicator.CASELOAD) -> frozenset[Month]:
        """Return the months of an indicator whose value is demo data."""
        return frozenset(m for i, m in self.demo if i == indicator)


DEMO_STATUS = marks.DEMO_STATUS  # a demo value has no CBS status (nprz_dashboard.marks)


def monthly_figures(area: Area) -> MonthlyFigures:
    """Return all four indicators of an area in one query (source titles joined)."""
    rows = (
        CaseloadFigure.objects.for_area(area)
        .order_by("month")
        .values_list("indicator", "month", "value", "origin", "source__title", "status", "note")
    )
    values: dict[str, dict[Month, int]] = {indicator: {} for indicator in INDICATORS}
    official: dict[tuple[str, Month], str] = {}
    notes: dict[tuple[str, Month], str] = {}
    statuses: dict[Month, str] = {}
    demo: set[tuple[str, Month]] = set()
    for indicator, month, value, origin, source, status, note in rows:
        period = Month.of(month)
        values[indicator][period] = value
        if origin == Origin.SYNTHETIC:
            demo.add((indicator, period))
        if indicator == CaseloadIndicator.CASELOAD:
            statuses[period] = DEMO_STATUS if origin == Origin.SYNTHETIC else FigureStatus(status).label
        if origin == Origin.OFFICIAL:
            official[(indicator, period)] = source or ""
            if note:
                notes[(indicator, period)] = note
    return MonthlyFigures(
        values=values, official=official, statuses=statuses, synthetic=bool(demo), notes=notes, demo=frozenset(demo)
    )


def _value_of(indicator: str):
    return Max(Case(When(indicator=indicator, then=F("value"))))


def _flag(**condition):
    return Max(Case(When(**condition, then=Value(1)), default=Value(0), output_field=IntegerField()))


def neighbourhood_changes(start: Month, end: Month) -> list[dict]:
    """Return each neighbourhood's caseload at `start` and `end` in one grouped query.

    Keys: code, name, district, is_focus, start, end (None where a month is missing), synthetic, official.
    """
    caseload = CaseloadFigure.objects.caseload().filter(
        area__level=AreaLevel.NEIGHBOURHOOD, month__in=[start.first_day, end.first_day]
    )
    rows = (
        caseload.values("area__code", "area__name", "area__parent__name", "area__is_focus", "area__tree_order")
        .annotate(
            start=Max(Case(When(month=start.first_day, then=F("value")))),
            end=Max(Case(When(month=end.first_day, then=F("value")))),
            synthetic=_flag(origin=Origin.SYNTHETIC),
            official=_flag(origin=Origin.OFFICIAL),
        )
        .order_by("area__tree_order")
    )
    return [
        {
            "code": row["area__code"],
            "name": row["area__name"],
            "district": row["area__parent__name"],
            "is_focus": row["area__is_focus"],
            "start": row["start"],
            "end": row["end"],
            "synthetic": bool(row["synthetic"]),
            "official": bool(row["official"]),
        }
        for row in rows
    ]


# Statuses ranked from least to most final: a row of four figures is as final as its least final one.
STATUS_RANK = {FigureStatus.PROVISIONAL: 0, FigureStatus.FURTHER_PROVISIONAL: 1, FigureStatus.FINAL: 2}


def figure_rows(figures=None):
    """Return one row per area and month with the four indicators side by side.

    The long-format figures are pivoted in SQL (conditional aggregation, one
    GROUP BY), so paging and sorting stay in the database. Keys: area_code,
    area_name, area_order, month, caseload, inflow, outflow, outflow_to_work,
    <indicator>_official (0/1), source, status_rank, has_official,
    has_registered, has_synthetic.
    """
    figures = CaseloadFigure.objects.all() if figures is None else figures
    # Demo figures have no CBS status: a row's status is that of its real figures (none: a demo row).
    rank = Min(
        Case(
            *[
                When(Q(status=status) & ~Q(origin=Origin.SYNTHETIC), then=Value(value))
                for status, value in STATUS_RANK.items()
            ],
            output_field=IntegerField(),
        )
    )
    return (
        figures.values(area_code=F("area__code"), area_name=F("area__name"), area_order=F("area__tree_order"))
        .annotate(
            month_start=F("month"),
            caseload=_value_of(CaseloadIndicator.CASELOAD),
            inflow=_value_of(CaseloadIndicator.INFLOW),
            outflow=_value_of(CaseloadIndicator.OUTFLOW),
            outflow_to_work=_value_of(CaseloadIndicator.OUTFLOW_TO_WORK),
            **{f"{i}_official": _flag(indicator=i, origin=Origin.OFFICIAL) for i in INDICATORS},
            source=Max(Case(When(origin=Origin.OFFICIAL, then=F("source__title")))),
            status_rank=rank,
            has_official=_flag(origin=Origin.OFFICIAL),
            has_registered=_flag(origin=Origin.REGISTERED),
            has_synthetic=_flag(origin=Origin.SYNTHETIC),
        )
        .order_by("-month", "area__tree_order")
    )


# Sort keys of the figures table that depend on the (month, area) key alone; the
# table pages those keys first and pivots only the page's rows (see FigurePivot).
KEY_ORDERING = {"month_start": "month", "area_order": "area__tree_order"}
# The table's own order, which says nothing about a value: newest month first, then areas in tree order.
KEY_ORDER = ("-month_start", "area_order")


class FigurePivot:
    """The figures table's rows, paged before they are pivoted.

    Pivoting every figure and then taking 50 rows makes the database aggregate
    the whole table for each page. This pages the (month, area) keys first —
    cheap on the (month, area) index — and pivots only that page. Sorting on a
    value column, or exporting, uses the full pivot. tables2 treats it like a
    QuerySet: it has count(), order_by() and slicing.

    For a reader (`protect`) a sort on a value column runs on the masked rows
    (disclosure.sort_shown): shown values in order, the withheld cells together
    after them in the table's own order (month, area), so neither the page a
    cell lands on nor its neighbours tell its value.
    """

    model = CaseloadFigure

    def __init__(self, figures, ordering=("-month_start", "area_order"), protect: bool = False):
        self.figures = figures
        self.ordering = tuple(ordering)
        self.protect = protect  # apply disclosure control (readers and their exports)
        self.query = SimpleNamespace(order_by=self.ordering)

    def _with(self, figures=None, ordering=None):
        return FigurePivot(
            self.figures if figures is None else figures, ordering or self.ordering, protect=self.protect
        )

    def order_by(self, *fields):
        return self._with(ordering=fields)

    def filter(self, *args, **kwargs):
        return self._with(figures=self.figures.filter(*args, **kwargs))

    def exclude(self, *args, **kwargs):
        return self._with(figures=self.figures.exclude(*args, **kwargs))

    def _shown(self, rows) -> list[dict]:
        if not self.protect:
            return list(rows)
        from .protection import mask_figure_rows

        return mask_figure_rows(list(rows))

    def all(self):
        return self

    def count(self) -> int:
        return self.figures.values("month", "area").distinct().count()

    def __len__(self) -> int:
        return self.count()

    def _sorts_on_masked_values(self) -> bool:
        return self.protect and any(field.lstrip("-") in INDICATORS for field in self.ordering)

    def _masked_rows_in_order(self) -> list[dict]:
        """Return every row, masked, sorted as a reader may sort them (Python, field by field, last first)."""
        rows = self._shown(figure_rows(self.figures).order_by(*KEY_ORDER))
        for field in reversed(self.ordering):
            descending, name = field.startswith("-"), field.lstrip("-")
            if name in INDICATORS:
                rows = disclosure.sort_shown(
                    rows, lambda r, n=name: r[n], lambda r, n=name: r[f"{n}_hidden"], descending
                )
            else:
                rows.sort(key=lambda r, n=name: (r[n] is None, r[n] or 0), reverse=descending)
        return rows

    def __iter__(self):
        if self._sorts_on_masked_values():
            return iter(self._masked_rows_in_order())
        return iter(self._shown(figure_rows(self.figures).order_by(*self.ordering)))

    def _key_ordering(self) -> list[str] | None:
        ordering = []
        for field in self.ordering:
            descending, name = field.startswith("-"), field.lstrip("-")
            if name not in KEY_ORDERING:
                return None
            ordering.append(("-" if descending else "") + KEY_ORDERING[name])
        return ordering

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        if self._sorts_on_masked_values():
            return self._masked_rows_in_order()[index]
        key_ordering = self._key_ordering()
        if key_ordering is None:
            return self._shown(figure_rows(self.figures).order_by(*self.ordering)[index])
        keys = self.figures.values_list("month", "area__code", "area__tree_order").distinct()
        keys = list(keys.order_by(*key_ordering)[index])
        if not keys:
            return []
        page = self.figures.filter(month__in={k[0] for k in keys}, area__code__in={k[1] for k in keys})
        rows = {(row["month_start"], row["area_code"]): row for row in figure_rows(page)}
        return self._shown(rows[(month, code)] for month, code, _ in keys if (month, code) in rows)
