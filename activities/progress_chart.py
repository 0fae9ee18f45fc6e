"""The activities list's chart: each activity's key measure as a share of what is due by now."""

from __future__ import annotations

from nprz_dashboard.charts import COLORS, DASH, Chart, chart, figure
from nprz_dashboard.formatting import format_percent
from nprz_dashboard.judgement import AT_RISK, OFF_TRACK, ON_TRACK, track_label
from nprz_dashboard.periods import STOCK

from .chart_style import STATUS_COLORS, layout


def status_label(status: str | None) -> str:
    return track_label(status)


def _wrapped(name: str, width: int = 16) -> str:
    """Return a name on lines of about `width` characters, so a phone keeps room for the bars."""
    lines, line = [], ""
    for word in name.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "<br>".join([*lines, line])


def _measured_against(row: dict) -> str:
    """Return what 100% means for a row: the pro-rata share of a yearly total, or a stock's target itself."""
    return "van het doel" if row["progress"].kind == STOCK else "van het doel naar rato"


def _listed(parts: list[str]) -> str:
    """Return parts as Dutch prose: 'a', 'a en b', 'a, b en c'."""
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} en {parts[-1]}"


def summary_sentence(rows: list[dict], year: int) -> str:
    """Return how the rows of the activities table stand: on track, behind, without figures, without a target.

    The counts come from the same rows as the table beside the chart, so they add up
    to its length; a row whose value is withheld from readers still counts by its status.
    """
    if not rows:
        return f"Voor {year} zijn er geen activiteiten."
    on_track = [r for r in rows if r["status"] == ON_TRACK]
    behind = [r for r in rows if r["status"] in (AT_RISK, OFF_TRACK)]
    no_target = [r for r in rows if r["status"] is None and (r["progress"] is None or r["progress"].target is None)]
    no_figures = len(rows) - len(on_track) - len(behind) - len(no_target)
    if not on_track and not behind:
        return f"Voor {year} heeft nog geen van de {len(rows)} activiteiten een doel en cijfers."
    demo = " (demo)" if any(r.get("is_demo") for r in on_track + behind) else ""
    parts = [f"{len(on_track)} op koers{demo}"]
    if behind:
        parts.append(f"{len(behind)} achter ({', '.join(r['activity'] for r in behind)})")
    if no_figures:
        parts.append(f"{no_figures} nog zonder cijfers")
    if no_target:
        parts.append(f"{len(no_target)} zonder doel")
    return f"Van de {len(rows)} activiteiten zijn er in {year} {_listed(parts)}."


def progress_chart(rows: list[dict], year: int) -> Chart:
    """Return each activity's key measure as a percentage of what was due (a bar per activity).

    A flow is measured against the pro-rata share of its target, a stock (such
    as active participants) against its target itself: a level is not 'naar rato'.
    A status computed from demo values (`is_demo` on a row) says '(demo)'. A row
    marked `hidden` (its value withheld from readers) gets no bar, which would give
    the value away, but its status counts in the sentence like every row of the table.
    """
    shown = [
        r for r in rows
        if not r.get("hidden") and r["progress"] is not None and r["progress"].share_of_due is not None
    ]  # fmt: skip
    demo = [" (demo)" if r.get("is_demo") else "" for r in shown]
    names = [r["activity"] for r in shown][::-1]
    shares = [round(r["progress"].share_of_due, 1) for r in shown][::-1]
    pairs = list(zip(shown, demo, strict=True))
    # Only the share beside the bar, so it fits on a phone; the status is in the colour, the hover,
    # the sentence and the table (in words).
    labels = [format_percent(r["progress"].share_of_due) for r in shown][::-1]
    statuses = [f"{r['status_label']}{d}" for r, d in pairs][::-1]
    colors = [STATUS_COLORS.get(r["status"], COLORS["neutral"]) for r in shown][::-1]
    against = [_measured_against(r) for r in shown][::-1]
    top = max([*shares, 100]) * 1.2
    bars = {
        "type": "bar", "orientation": "h", "x": shares, "y": names, "marker": {"color": colors}, "width": 0.45,
        "text": labels, "textposition": "outside", "cliponaxis": False,
        "customdata": [[a, st] for a, st in zip(against, statuses, strict=True)],
        "name": "kernmaat tegenover wat nu verwacht mag worden",
        "hovertemplate": "%{y}: %{x:,.0f}% %{customdata[0]} · %{customdata[1]}<extra></extra>",
    }  # fmt: skip
    marker = {
        "type": "line", "x0": 100, "x1": 100, "y0": -0.5, "y1": len(names) - 0.5,
        "line": {"color": COLORS["target"], "dash": DASH["target"], "width": 2},
    }  # fmt: skip
    fig = figure(
        [bars],
        layout(
            height=max(260, 56 * len(names) + 100),
            margin={"l": 8, "t": 28, "r": 8},
            xaxis={"ticksuffix": "%", "range": [0, top], "showgrid": True, "gridcolor": "#E6E6E6",
                   "tickmode": "linear", "tick0": 0, "dtick": 50 if top <= 300 else 100,
                   "title": {"text": "van het verwachte (%)"}},
            yaxis={"tickformat": "", "automargin": True, "tickmode": "array", "tickvals": names,
                   "ticktext": [_wrapped(n) for n in names]},
            showlegend=False,
            hovermode="closest",
            shapes=[marker],
            annotations=[{"x": 100, "y": len(names) - 0.5, "text": "verwacht", "showarrow": False,
                          "yanchor": "bottom"}],
        ),
    )  # fmt: skip
    sentence = summary_sentence(rows, year)
    table = [
        [r["activity"], r["measure"], f"{format_percent(r['progress'].share_of_due)} {_measured_against(r)}",
         f"{r['status_label']}{d}"]
        for r, d in pairs
    ]  # fmt: skip
    return chart(
        "voortgang",
        f"Kernmaat tegenover wat nu verwacht mag worden, {year}",
        sentence,
        fig,
        ["Activiteit", "Kernmaat", "Gehaald", "Status"],
        table,
        notes={
            "reading": "Een staaf tot de stippellijn (100%) betekent: precies zoveel als nu verwacht mag worden. "
            "Voor aantallen per maand is dat het deel van het jaardoel naar rato; voor standen, zoals actieve "
            "deelnemers, het doel zelf."
        },
    )
