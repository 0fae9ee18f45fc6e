"""The chart of Zuid against the G4: benefits per 1.000 inhabitants by month (pure: Comparison in, Chart out)."""

from __future__ import annotations

from monitoring.caseload.chart_parts import line, time_layout, x_dates
from monitoring.models import FigureStatus
from nprz_dashboard.charts import COLORS, Chart, chart, figure
from nprz_dashboard.formatting import EMPTY, format_number, format_signed
from nprz_dashboard.periods import MONTH_NAMES, Month

from .analytics import G4_AVERAGE, NPRZ, REST, SERIES, STATUS_RANK, Comparison, Point
from .models import Region

DEMO = "(demo)"
HOVER = "%{x|%B %Y}: %{y:.1f}<extra>%{fullData.name}</extra>"
# Colour, dash and marker per line: every line has a second cue besides its colour.
STYLE = {
    NPRZ: (COLORS["actual"], "solid", "circle", 4),
    REST: ("#1F5F99", "dot", "square", 2),
    Region.AMSTERDAM.value: ("#B3261E", "dashdot", "triangle-up", 2),
    Region.DEN_HAAG.value: ("#7A4A9E", "longdash", "diamond", 2),
    Region.UTRECHT.value: ("#8A5A00", "longdashdot", "x", 2),
    G4_AVERAGE: (COLORS["target"], "dash", "line-ew-open", 3),  # the yardstick, drawn like a target
}


def rate_text(value: float | None) -> str:
    """Return a rate per 1.000 with one decimal: 58,1."""
    return EMPTY if value is None else format_number(value, 1)


def gap_words(gap: float) -> str:
    """Return the gap to the G4 average in words: '21,4 boven het G4-gemiddelde'."""
    if round(gap, 1) == 0:
        return "gelijk aan het G4-gemiddelde"
    return f"{rate_text(abs(gap))} {'boven' if gap > 0 else 'onder'} het G4-gemiddelde"


def sentence(comparison: Comparison) -> str:
    """Return the chart's conclusion at the latest month with Zuid and the G4 average."""
    month = comparison.latest
    if month is None:
        return "Er zijn nog geen maanden met zowel Zuid als alle vier de grote steden: het G4-gemiddelde ontbreekt."
    nprz, g4 = comparison.series[NPRZ][month], comparison.series[G4_AVERAGE][month]
    text = (
        f"Eind {MONTH_NAMES[month.month - 1]} {month.year}: in Zuid {rate_text(nprz.rate)} uitkeringen per "
        f"1.000 inwoners, {gap_words(comparison.gap)}"
    )
    return f"{text} {DEMO}." if nprz.demo or g4.demo else f"{text}."


def yardstick(comparison: Comparison) -> list[dict]:
    """Return the cards at the latest shared month: Zuid, the G4 average and the gap (none without that month)."""
    month = comparison.latest
    if month is None:
        return []
    nprz, g4 = comparison.series[NPRZ][month], comparison.series[G4_AVERAGE][month]

    def note(*points: Point) -> str:
        unit = "uitkeringen per 1.000 inwoners"
        return f"{unit} {DEMO}" if any(p.demo for p in points) else unit

    return [
        {"label": "Zuid (NPRZ)", "value": rate_text(nprz.rate), "note": note(nprz)},
        {"label": "G4-gemiddelde", "value": rate_text(g4.rate), "note": note(g4)},
        {"label": "Zuid min G4-gemiddelde", "value": format_signed(comparison.gap, 1), "note": note(nprz, g4)},
    ]


def _cell(point: Point | None) -> str:
    if point is None:
        return EMPTY
    return f"{rate_text(point.rate)} {DEMO}" if point.demo else rate_text(point.rate)


def _status(points: list[Point]) -> str:
    if not points:
        return EMPTY
    if all(p.demo for p in points):
        return "demowaarde"
    real = [p for p in points if not p.demo]
    label = FigureStatus(min((p.status for p in real), key=lambda s: STATUS_RANK[s])).label
    return f"{label}, deels demo" if len(real) < len(points) else label


def table_rows(comparison: Comparison) -> list[list[str]]:
    """Return one row per month: each series' rate, the gap of Zuid to the G4 average, and the status."""
    rows = []
    for month in comparison.months:
        points = [comparison.series[key].get(month) for key in SERIES]
        gap = comparison.gap_at(month)
        rows.append(
            [
                month.label,
                *[_cell(p) for p in points],
                EMPTY if gap is None else format_signed(gap, 1),
                _status([p for p in points if p is not None]),
            ]
        )
    return rows


def g4_chart(chart_id: str, comparison: Comparison) -> Chart:
    """Return the rates of Zuid, the rest of Rotterdam, Amsterdam, Den Haag, Utrecht and the G4 average."""
    traces = []
    for key, name in SERIES.items():
        points = comparison.series[key]
        months: list[Month] = sorted(points)
        color, dash, symbol, width = STYLE[key]
        shown = f"{name} {DEMO}" if any(p.demo for p in points.values()) else name
        traces.append(
            line(
                x_dates(months),
                [round(points[m].rate, 2) for m in months],
                shown,
                color,
                dash=dash,
                width=width,
                mode="lines+markers",
                marker={"symbol": symbol, "size": 8, "color": color, "maxdisplayed": 14},
                hovertemplate=HOVER,
            )
        )
    layout = time_layout(yaxis={"title": {"text": "uitkeringen per 1.000 inwoners"}, "tickformat": ",d"}, height=420)
    notes = {
        "rule": "Per 1.000 inwoners: het aantal bijstandsuitkeringen aan het eind van de maand gedeeld door het "
        "aantal inwoners op 1 januari van dat jaar (of de laatst bekende bevolking), maal 1.000. Het "
        "G4-gemiddelde is de uitkeringen van Amsterdam, Rotterdam, Den Haag en Utrecht samen gedeeld door hun "
        "inwoners samen (gewogen naar inwoners), niet het gemiddelde van vier cijfers. De rest van Rotterdam is "
        "Rotterdam min Zuid.",
        "demo": "Waarden met (demo) zijn synthetisch: verzonnen om het dashboard te laten zien, geen CBS-cijfers."
        if comparison.demo
        else "",
    }
    return chart(
        chart_id,
        "Zuid naast de G4: bijstandsuitkeringen per 1.000 inwoners",
        sentence(comparison),
        figure(traces, layout),
        ["Maand", *SERIES.values(), "Zuid min G4-gemiddelde", "Status"],
        table_rows(comparison),
        notes=notes,
    )
