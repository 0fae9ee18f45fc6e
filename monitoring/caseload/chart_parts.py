"""Pieces the caseload charts share: the time axis, the window, year segments and dated notes on a line."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from nprz_dashboard.charts import COLORS, base_layout
from nprz_dashboard.periods import Month


@dataclass(frozen=True)
class Note:
    """A dated note on a chart (an annotation), as plain text."""

    month: Month
    text: str
    indicator: str  # "" for the caseload in general


HOVER_MONTH = "%{x|%B %Y}: %{y:,.0f}<extra>%{fullData.name}</extra>"
RECENT_MONTHS = 36  # the default window: three years, enough to see a trend without squeezing it


def x_dates(months) -> list[str]:
    """Return months as ISO dates for a plotly date axis."""
    return [m.first_day.isoformat() for m in months]


def time_layout(yaxis: dict | None = None, **overrides) -> dict:
    """Return the layout of a chart over months: month and year on two lines, few ticks, so labels fit on a phone."""
    return base_layout(
        xaxis={"type": "date", "tickformat": "%b\n%Y", "hoverformat": "%B %Y", "nticks": 8, "title": {"text": "maand"}},
        yaxis={"nticks": 6, **(yaxis or {})},
        **overrides,
    )


def calm_range(values, share: float = 0.10) -> list[float] | None:
    """Return a y range at least `share` of the largest value tall, centred on the values (None: leave it to plotly).

    A neighbourhood's few hundred benefits moving by ten would otherwise fill
    the chart's height and read as a cliff.
    """
    present = [float(v) for v in values if v is not None]
    if not present:
        return None
    low, high = min(present), max(present)
    least = share * max(abs(high), 1.0)
    if high - low >= least:
        return None
    middle = (high + low) / 2
    return [max(0.0, middle - least / 2) if low >= 0 else middle - least / 2, middle + least / 2]


def recent(series: dict[Month, float], end: Month | None, months: int = RECENT_MONTHS) -> dict[Month, float]:
    """Return the last `months` months of a series up to `end`."""
    if end is None:
        return {}
    first = end - (months - 1)
    return {m: v for m, v in series.items() if first <= m <= end}


def line(x, y, name: str, color: str, dash: str = "solid", width: int = 2, **extra) -> dict:
    """Return a line trace."""
    return {"type": "scatter", "mode": "lines", "x": x, "y": y, "name": name,
            "line": {"color": color, "dash": dash, "width": width}, **extra}  # fmt: skip


def year_segments(points: list[tuple[Month, float]]) -> tuple[list, list]:
    """Return x and y for horizontal segments over each deadline's year, with gaps between them."""
    x, y = [], []
    for month, value in points:
        x += [Month(month.year, 1).first_day.isoformat(), month.first_day.isoformat(), None]
        y += [value, value, None]
    return x, y


def note_markers(notes: list[Note], series: dict[Month, float]) -> tuple[list[dict], dict[str, str]]:
    """Return a marker trace for the notes on the line they belong to, and the notes in words, keyed by note."""
    marked = [n for n in notes if n.month in series]
    traces = []
    if marked:
        traces.append(
            {
                "type": "scatter", "mode": "markers", "name": "notitie (★)",
                "x": x_dates(n.month for n in marked), "y": [series[n.month] for n in marked],
                "marker": {"symbol": "star", "size": 14, "color": COLORS["comparison"],
                           "line": {"width": 1, "color": "#FFFFFF"}},
                # Plotly reads hover text as markup: escape it so a note is shown as typed.
                "hovertext": [escape(n.text) for n in marked], "hovertemplate": "%{hovertext}<extra>notitie</extra>",
            }
        )  # fmt: skip
    texts = {f"annotation-{n.indicator or 'caseload'}-{n.month.key}-{i}": f"Notitie {n.month.label}: {n.text}"
             for i, n in enumerate(notes)}  # fmt: skip
    return traces, texts


def notes_by_month(notes: list[Note]) -> dict[Month, str]:
    """Return the notes' texts by month, several in one month joined with ' | '."""
    result: dict[Month, list[str]] = {}
    for note in notes:
        result.setdefault(note.month, []).append(note.text)
    return {month: " | ".join(texts) for month, texts in result.items()}
