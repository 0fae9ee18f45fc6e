"""Disclosure control for caseload figures that leave the team.

Readers (the viewer role) and exports see small counts as "<10" and, where a
hidden count could be worked out from a total, a second count hidden as "x"
(nprz_dashboard.disclosure). The groups that add up are the neighbourhoods of
a district and the districts of NPRZ, per month and indicator. Editors keep
the exact values they entered.
"""

from django.db.models import Q

from monitoring.models import Area, AreaLevel, CaseloadFigure, CaseloadIndicator
from nprz_dashboard import disclosure
from nprz_dashboard.periods import Month

INDICATORS = [c.value for c in CaseloadIndicator]


def area_groups(months, hierarchy: list[tuple[str, str | None, str]]) -> list[disclosure.Group]:
    """Return the groups that add up, per month and indicator, from (code, parent code, level) rows."""
    children: dict[str, list[str]] = {}
    for code, parent, level in hierarchy:
        if level != AreaLevel.PROGRAMME and parent:
            children.setdefault(parent, []).append(code)
    return [
        disclosure.Group(parts=[(month, child, indicator) for child in kids], total=(month, parent, indicator))
        for month in months
        for indicator in INDICATORS
        for parent, kids in children.items()
    ]


def hidden_cells(months, family: Area | None = None) -> dict[tuple, str]:
    """Return the hidden (month, area code, indicator) cells of the given months (two queries).

    With `family` (a neighbourhood or district) only the groups that hold it are
    considered — its district's neighbourhoods and the districts of NPRZ — which
    gives the same cells for it unless a district total itself is hidden.
    """
    if not months:
        return {}
    areas = Area.objects.all()
    if family is not None:
        district_id = family.pk if family.level == AreaLevel.DISTRICT else family.parent_id
        areas = areas.filter(Q(parent_id=district_id) | Q(level__in=[AreaLevel.DISTRICT, AreaLevel.PROGRAMME]))
    hierarchy = list(areas.values_list("code", "parent__code", "level"))
    stored = CaseloadFigure.objects.filter(month__in=months, area__code__in=[code for code, _, _ in hierarchy])
    values = {
        (month, code, indicator): value
        for month, code, indicator, value in stored.values_list("month", "area__code", "indicator", "value")
    }
    return disclosure.suppress(values, area_groups(months, hierarchy))


def mask_figure_rows(rows: list[dict]) -> list[dict]:
    """Return pivoted figure rows with hidden values replaced by their marker ('<10' or 'x')."""
    hidden = hidden_cells({row["month_start"] for row in rows})
    protected = []
    for row in rows:
        row = dict(row)
        for indicator in INDICATORS:
            reason = hidden.get((row["month_start"], row["area_code"], indicator))
            row[f"{indicator}_hidden"] = bool(reason)
            if reason:
                row[indicator] = disclosure.display(row[indicator], reason)
        protected.append(row)
    return protected


def mask_monthly_figures(figures, area):
    """Return an area's monthly figures with the cells withheld from readers taken out.

    The withheld cells are the same as in the figures table (groups across areas,
    per month); NPRZ as a whole is never small enough to need it.
    """
    from dataclasses import replace

    if area.level == AreaLevel.PROGRAMME:
        return figures
    months = {month.first_day for series in figures.values.values() for month in series}
    hidden = {
        (indicator, Month.of(month)): disclosure.marker(reason)
        for (month, code, indicator), reason in hidden_cells(months, family=area).items()
        if code == area.code
    }
    if not hidden:
        return figures
    values = {
        indicator: {m: v for m, v in series.items() if (indicator, m) not in hidden}
        for indicator, series in figures.values.items()
    }
    return replace(figures, values=values, hidden=hidden)


def mask_neighbourhood_changes(rows: list[dict], start: Month, end: Month) -> list[dict]:
    """Return the neighbourhoods' caseload at `start` and `end` with the cells withheld from readers as markers.

    A row with a withheld end point has no change and no percentage either, so the
    chart draws no bar for it and no sentence counts it (the cells are those of the
    figures table, per month over every area).
    """
    hidden = hidden_cells({start.first_day, end.first_day})
    masked = []
    for row in rows:
        markers = {
            key: disclosure.marker(hidden.get((month.first_day, row["code"], CaseloadIndicator.CASELOAD)))
            for key, month in (("start", start), ("end", end))
        }
        if any(markers.values()):
            row = {**row, "change": None, "percent": None}
            row.update({key: disclosure.Withheld(m) for key, m in markers.items() if m})
        masked.append(row)
    return masked
