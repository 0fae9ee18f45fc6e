"""Pieces the caseload charts share: the time axis, year segments and dated notes on a line."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

import plotly.graph_objects as go

from nprz_dashboard.charts import COLORS, base_layout
from nprz_dashboard.periods import Month


@dataclass(frozen=True)
class Note:
    """A dated note on a chart (an annotation), as plain text."""

    month: Month
    text: str
    indicator: str  # "" for the caseload in general


HOVER_MONTH = "%{x|%B %Y}: %{y:,.0f}<extra>%{fullData.name}</extra>"


def x_dates(months) -> list[str]:
    """Return months as ISO dates for a plotly date axis."""
    return [m.first_day.isoformat() for m in months]


def time_layout(**overrides) -> dict:
    """Return the layout of a chart over months."""
    return base_layout(xaxis={"type": "date", "tickformat": "%b %Y", "hoverformat": "%B %Y"}, **overrides)


def year_segments(points: list[tuple[Month, float]]) -> tuple[list, list]:
    """Return x and y for horizontal segments over each deadline's year, with gaps between them."""
    x, y = [], []
    for month, value in points:
        x += [Month(month.year, 1).first_day.isoformat(), month.first_day.isoformat(), None]
        y += [value, value, None]
    return x, y


def add_note_markers(fig: go.Figure, notes: list[Note], series: dict[Month, float]) -> dict[str, str]:
    """Mark each dated note on the line it belongs to; return the notes in words, keyed by note."""
    marked = [n for n in notes if n.month in series]
    if marked:
        fig.add_trace(
            go.Scatter(
                x=x_dates(n.month for n in marked), y=[series[n.month] for n in marked], name="notitie (★)",
                mode="markers", marker={"symbol": "star", "size": 14, "color": COLORS["comparison"],
                                        "line": {"width": 1, "color": "#FFFFFF"}},
                # Plotly reads hover text as markup: escape it so a note is shown as typed.
                hovertext=[escape(n.text) for n in marked], hovertemplate="%{hovertext}<extra>notitie</extra>",
            )
        )  # fmt: skip
    return {f"annotation-{n.indicator or 'caseload'}-{n.month.key}-{i}": f"Notitie {n.month.label}: {n.text}"
            for i, n in enumerate(notes)}  # fmt: skip


def notes_by_month(notes: list[Note]) -> dict[Month, str]:
    """Return the notes' texts by month, several in one month joined with ' | '."""
    result: dict[Month, list[str]] = {}
    for note in notes:
        result.setdefault(note.month, []).append(note.text)
    return {month: " | ".join(texts) for month, texts in result.items()}
