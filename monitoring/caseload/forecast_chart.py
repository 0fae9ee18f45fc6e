"""The forecast on the caseload chart: the band named "prognose", a scenario, and the seasonally adjusted line.

Pure: a Forecast and plain series in, plotly trace dicts and table cells out.
The band is a fill between its bounds (80 % darker inside the 95 %), its middle
a long-dashed line: distinct from the derived path (dash-dot) and the
straight continuation (dotted).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from nprz_dashboard.charts import COLORS, DASH
from nprz_dashboard.formatting import EMPTY, format_number
from nprz_dashboard.periods import Month, month_range

from .chart_parts import HOVER_MONTH, line, x_dates
from .forecast import Forecast
from .prognosis import range_text

FORECAST_NAME = "prognose (middenwaarde)"
BAND_NAMES = {80: "prognose: 80%-interval", 95: "prognose: 95%-interval"}
SCENARIO_NAME = "prognose met scenario (middenwaarde)"
ADJUSTED_NAME = "seizoensgecorrigeerd"
FILL = {80: "rgba(122, 74, 158, 0.30)", 95: "rgba(122, 74, 158, 0.14)"}


@dataclass(frozen=True)
class ChartForecast:
    """What the trend chart draws of the forecast; every part optional."""

    forecast: Forecast | None = None
    scenario: Forecast | None = None  # the forecast lowered by a scenario
    adjusted: dict[Month, float] = field(default_factory=dict)  # shown when not empty
    is_demo: bool = False


def _months(made: Forecast, end: Month) -> list[Month]:
    return month_range(made.last + 1, min(end, made.end))


def forecast_traces(made: Forecast, latest_value: float, end: Month, scenario: Forecast | None = None) -> list[dict]:
    """Return the 95 % and 80 % bands and the middle line from the last stand up to `end`."""
    months = _months(made, end)
    if not months:
        return []
    x = x_dates([made.last, *months])
    traces = []
    for level in (95, 80):
        bounds = [made.interval(m, level) for m in months]
        traces += [
            {"type": "scatter", "mode": "lines", "x": x, "y": [latest_value, *(high for _, high in bounds)],
             "line": {"width": 0, "color": COLORS["forecast"]}, "legendgroup": "prognose", "showlegend": False,
             "name": f"{BAND_NAMES[level]} (bovengrens)", "hovertemplate": HOVER_MONTH},
            {"type": "scatter", "mode": "lines", "x": x, "y": [latest_value, *(low for low, _ in bounds)],
             "line": {"width": 0, "color": COLORS["forecast"]}, "fill": "tonexty", "fillcolor": FILL[level],
             "legendgroup": "prognose", "name": BAND_NAMES[level], "hovertemplate": HOVER_MONTH},
        ]  # fmt: skip
    traces.append(
        line(x, [latest_value, *(made.median(m) for m in months)], FORECAST_NAME, COLORS["forecast"],
             DASH["forecast"], width=3, legendgroup="prognose", hovertemplate=HOVER_MONTH)
    )  # fmt: skip
    if scenario is not None:
        traces.append(
            line(x, [latest_value, *(scenario.median(m) for m in months)], SCENARIO_NAME, COLORS["scenario"],
                 DASH["scenario"], width=3, mode="lines+markers", marker={"symbol": "triangle-down", "size": 7},
                 hovertemplate=HOVER_MONTH)
        )  # fmt: skip
    return traces


def adjusted_trace(adjusted: dict[Month, float], first: Month, last: Month) -> list[dict]:
    """Return the seasonally adjusted line over the months shown (none without it)."""
    months = [m for m in sorted(adjusted) if first <= m <= last]
    if not months:
        return []
    return [
        line(x_dates(months), [round(adjusted[m]) for m in months], ADJUSTED_NAME, COLORS["neutral"],
             width=1, hovertemplate=HOVER_MONTH)
    ]  # fmt: skip


def columns(shown: ChartForecast) -> list[str]:
    names = []
    if shown.adjusted:
        names.append("Seizoensgecorrigeerd")
    if shown.forecast:
        names += [f"Prognose{' (demo)' if shown.is_demo else ''}", "80%-interval", "95%-interval"]
    if shown.scenario:
        names.append("Prognose met scenario")
    return names


def cells(shown: ChartForecast, month: Month) -> list[str]:
    """Return the forecast's cells of one month of the chart's table, in the order of `columns`."""
    row = []
    if shown.adjusted:
        row.append(format_number(shown.adjusted[month]) if month in shown.adjusted else EMPTY)
    made = shown.forecast
    if made:
        if made.covers(month):
            row += [format_number(made.median(month)), range_text(*made.interval(month, 80)),
                    range_text(*made.interval(month, 95))]  # fmt: skip
        else:
            row += [EMPTY, EMPTY, EMPTY]
    if shown.scenario:
        row.append(format_number(shown.scenario.median(month)) if shown.scenario.covers(month) else EMPTY)
    return row


def note(shown: ChartForecast) -> str:
    """Explain the band under the chart ('' without a forecast)."""
    if not shown.forecast:
        return ""
    demo = " Berekend uit demowaarden (demo)." if shown.is_demo else ""
    return (
        "De prognose (paarse band) komt uit een statistisch model dat de trend van de eigen cijfers "
        "voortzet en onzekerder wordt naarmate het verder vooruit kijkt: in de donkere band valt de stand met "
        f"80% kans, in de lichte met 95% kans. Het oordeel over de doelen blijft de gepubliceerde regel.{demo}"
    )
