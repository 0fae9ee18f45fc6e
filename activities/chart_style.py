"""What every activity chart shares: layout, value axes with their unit, hover formats and wording helpers."""

from __future__ import annotations

from monitoring.models import Provenance
from nprz_dashboard.charts import COLORS, base_layout
from nprz_dashboard.formatting import EMPTY, format_value
from nprz_dashboard.judgement import AT_RISK, OFF_TRACK, ON_TRACK
from nprz_dashboard.periods import FLOW, SHORT_MONTH_NAMES, STOCK, Month

from .models import Unit

STATUS_COLORS = {ON_TRACK: COLORS["actual"], AT_RISK: COLORS["revised"], OFF_TRACK: COLORS["warning"]}


def layout(**overrides) -> dict:
    """Return the project layout for an activity chart."""
    return base_layout(**overrides)


def hover(unit: str, axis: str = "y") -> str:
    """Return a hover format for a value in its unit (Dutch separators come from the layout)."""
    if unit == Unit.EURO:
        return f"€ %{{{axis}:,.0f}}"
    if unit == Unit.PERCENT:
        return f"%{{{axis}:,.1f}}%"
    return f"%{{{axis}:,.0f}}"


def unit_words(unit: str) -> str:
    """Return the unit as an axis title says it: '(euro)', '(personen)', '(%)', '(aantal)'."""
    return {Unit.EURO: "(euro)", Unit.PERSONS: "(personen)", Unit.PERCENT: "(%)"}.get(unit, "(aantal)")


AXIS_TITLE_CHARS = 34  # longer titles do not fit along a phone's chart (390 px)


def axis_text(name: str, what: str, unit: str) -> str:
    """Return an axis title: the measure and what is counted with the unit, or without the measure when too long."""
    full = f"{lower(name)} {what} {unit_words(unit)}".replace("  ", " ")
    return full if len(full) <= AXIS_TITLE_CHARS else f"{what} {unit_words(unit)}".strip()


def value_axis(unit: str, title: str) -> dict:
    """Return a value axis in its unit; `title` (see axis_text) names what it counts and the unit."""
    axis = {"title": {"text": title}, "nticks": 6}
    if unit == Unit.EURO:
        return {**axis, "tickprefix": "€ ", "tickformat": ",d", "rangemode": "tozero"}
    if unit == Unit.PERCENT:
        return {**axis, "ticksuffix": "%", "tickformat": ",d", "range": [0, 105]}
    return {**axis, "tickformat": ",d", "rangemode": "tozero"}


def per_period(kind: str, period: str = "per maand") -> str:
    """Return how a measure's monthly value is meant: a flow 'per maand', a stock 'eind van de maand'."""
    return period if kind == FLOW else "stand eind van de maand" if kind == STOCK else ""


def months_axis(months: list[Month], with_year: bool) -> list[str]:
    """Return month labels for a category axis: 'jan' within a year, 'jan 2026' over years."""
    return [m.short_label if with_year else SHORT_MONTH_NAMES[m.month - 1] for m in months]


def fmt(value, unit: str) -> str:
    return EMPTY if value is None else format_value(value, unit)


def lower(name: str) -> str:
    return name[:1].lower() + name[1:]


def target_marker(target) -> str:
    """Return what a target line's name adds about where the target comes from ('' when published)."""
    if target is None or target.is_published:
        return ""
    return " (demodoel)" if target.provenance == Provenance.SYNTHETIC else f" ({target.get_provenance_display()})"


def hidden_months(shield, months: list[Month]) -> list[str | None]:
    """Return each month's disclosure marker ('<10', 'x') for a reader, or None where it may be shown."""
    return [shield.month(m) if shield else None for m in months]


def without(values: list, hidden: list) -> list:
    """Return the values with the withheld ones left out (None: no bar, no point, no hover)."""
    return [None if marker else value for value, marker in zip(values, hidden, strict=True)]


def scatter(x, y, name: str, color: str, dash: str = "solid", width: int = 2, mode: str = "lines", **extra) -> dict:
    """Return a line (or line and markers) trace."""
    return {"type": "scatter", "mode": mode, "x": x, "y": y, "name": name,
            "line": {"color": color, "dash": dash, "width": width}, **extra}  # fmt: skip
