"""The caseload trend: monthly stand against published targets, revised originals, the derived path and the projection.

A pure function of the figures and the progress; its parts (traces, sentence,
table, notes) are built separately, and its notes are keyed by name so a caller
(the quarterly report) can give its own explanation of the path by name.

Two spans: the last 36 months, up to the next published target when that
falls within a year (the default), or the whole path to the programme's goal.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from html import escape

from monitoring.models import CaseloadIndicator
from nprz_dashboard.charts import COLORS, DASH, TARGET_MARKER, Chart, Noted, chart, figure
from nprz_dashboard.formatting import EMPTY, format_number, format_signed
from nprz_dashboard.judgement import Milestone, project, unpublished_stretches
from nprz_dashboard.periods import Month, month_range

from . import forecast_chart
from .chart_parts import (
    HOVER_MONTH,
    RECENT_MONTHS,
    Note,
    calm_range,
    line,
    note_markers,
    notes_by_month,
    time_layout,
    x_dates,
    year_segments,
)
from .forecast_chart import ChartForecast
from .progress import Progress
from .selectors import MonthlyFigures

CASELOAD = CaseloadIndicator.CASELOAD
RECENT_SPAN = "recent"
GOAL_SPAN = "goal"
TARGET_NAME = "gepubliceerd doel (hoogstens)"
OFFICIAL_NAME = "officieel cijfer uit de brief"


@dataclass(frozen=True)
class Window:
    """The months a trend chart shows, and up to when it projects the pace achieved (None: no projection)."""

    first: Month
    last: Month
    projection_end: Month | None

    def holds(self, month: Month) -> bool:
        return self.first <= month <= self.last


def window(caseload: dict[Month, int], progress: Progress, span: str) -> Window | None:
    """Return the months to show: the last 36 (to a published target less than a year off), or all up to the goal."""
    if progress.latest is None or not caseload:
        return None
    latest = progress.latest
    if span == GOAL_SPAN:
        end = max(latest, progress.goal.month) if progress.goal else latest
        return Window(min(caseload), end, end if end > latest else None)
    coming = progress.next_verdict
    end = coming.deadline if coming and coming.deadline - latest <= 12 else latest
    # Never before the first figure: a table of empty months says nothing (the report passes two years).
    return Window(max(latest - (RECENT_MONTHS - 1), min(caseload)), end, end if end > latest else None)


def _official_hover(figures: MonthlyFigures, month: Month) -> str:
    note = figures.notes.get((CASELOAD, month))
    return f"bron: {figures.official[(CASELOAD, month)]}" + (f". {note}" if note else "")


def _actual_traces(caseload: dict[Month, int], official: list[Month], figures: MonthlyFigures) -> list[dict]:
    months = sorted(caseload)
    traces = [
        line(x_dates(months), [caseload[m] for m in months], "stand (bijstandsuitkeringen)", COLORS["actual"],
             width=3, hovertemplate=HOVER_MONTH)
    ]  # fmt: skip
    if official:
        traces.append(
            {
                "type": "scatter", "mode": "markers", "name": OFFICIAL_NAME,
                "x": x_dates(official), "y": [caseload[m] for m in official],
                "marker": {"symbol": "diamond", "size": 11, "color": COLORS["neutral"]},
                # Plotly reads hover text as markup: escape the source and its note.
                "hovertext": [escape(_official_hover(figures, m)) for m in official],
                "hovertemplate": "%{x|%B %Y}: %{y:,.0f}<br>%{hovertext}<extra>◆ officieel</extra>",
            }
        )  # fmt: skip
    return traces


def _target_traces(targets: list[Milestone], revised: list) -> list[dict]:
    """Return the published targets (a bar at the deadline and a dashed line over its year) and revised originals."""
    traces = []
    if targets:
        traces.append(
            {
                "type": "scatter", "mode": "markers", "name": TARGET_NAME, "legendgroup": "target",
                "x": x_dates(t.month for t in targets), "y": [t.value for t in targets],
                "marker": TARGET_MARKER, "hovertemplate": HOVER_MONTH,
            }
        )  # fmt: skip
        x, y = year_segments([(t.month, t.value) for t in targets])
        traces.append(
            line(x, y, "doellijn: gepubliceerd doel over zijn jaar", COLORS["target"], DASH["target"],
                 legendgroup="target", showlegend=False, hoverinfo="skip")
        )  # fmt: skip
    if revised:
        x, y = year_segments([(r.month, r.original) for r in revised])
        traces.append(
            {
                "type": "scatter", "mode": "lines+markers", "name": "oorspronkelijk doel (herzien)", "opacity": 0.55,
                "x": x, "y": y, "line": {"color": COLORS["revised"], "dash": "longdashdot", "width": 2},
                "marker": {"symbol": "circle-open", "size": 9}, "hoverinfo": "skip",
            }
        )  # fmt: skip
    return traces


def _derived_traces(glide: dict[Month, float], projection: dict[Month, float]) -> list[dict]:
    """Return the derived glide path and the projection: never published targets."""
    traces = []
    if glide:
        months = sorted(glide)
        traces.append(
            line(x_dates(months), [glide[m] for m in months], "afgeleid pad (geen gepubliceerd doel)",
                 COLORS["derived"], DASH["derived"], hovertemplate=HOVER_MONTH)
        )  # fmt: skip
    if projection:
        months = sorted(projection)
        traces.append(
            line(x_dates(months), [projection[m] for m in months], "projectie bij huidig tempo",
                 COLORS["projection"], DASH["projection"], width=3, hovertemplate=HOVER_MONTH)
        )  # fmt: skip
    return traces


def _sentence(area_name: str, progress: Progress) -> str:
    """Say the latest stand against the next published target (the last one once all have passed)."""
    if progress.latest is None:
        return f"Er zijn nog geen cijfers voor {area_name}."
    text = f"Eind {progress.latest.label}: {format_number(progress.latest_value)} uitkeringen in {area_name}"
    target = progress.next_verdict or (progress.verdicts[-1] if progress.verdicts else None)
    if target is not None:
        distance = progress.latest_value - target.target
        deadline = f"het doel voor eind {target.deadline.year} ({format_number(target.target)})"
        if distance == 0:
            text += f", precies op {deadline}"
        else:
            text += f", {format_number(abs(distance))} {'boven' if distance > 0 else 'onder'} {deadline}"
    return f"{text}."


def _official_text(value: int | None, source: str | None, note: str = "") -> str | Noted:
    if value is None:
        return EMPTY
    if source is None:
        return format_number(value)
    return Noted(f"{format_number(value)} ◆", f"◆ officieel ({source}{f'; {note}' if note else ''})")


def _table(
    caseload, figures: MonthlyFigures, shown: dict, notes: list[Note], frame: Window, prognosis: ChartForecast
) -> tuple[list, list]:
    """Return the chart's numbers month by month: stand, targets, path, projection, forecast, originals and notes."""
    targets: dict[Month, Milestone] = {t.month: t for t in shown["targets"]}
    revised = {r.month: r for r in shown["revised"]}
    glide, projection = shown["glide"], shown["projection"]
    texts = notes_by_month(notes)
    rows = []
    for month in month_range(frame.first, frame.last):
        target = targets.get(month)
        source = figures.official.get((CASELOAD, month))
        row = [
            month.label,
            _official_text(caseload.get(month), source, figures.notes.get((CASELOAD, month), "")),
            f"hoogstens {format_number(target.value)}" if target else EMPTY,
            format_number(glide[month]) if month in glide else EMPTY,
            format_number(projection[month]) if month in projection and month not in caseload else EMPTY,
            *forecast_chart.cells(prognosis, month),
        ]
        if revised:
            row.append(f"hoogstens {format_number(revised[month].original)}" if month in revised else EMPTY)
        if notes:
            row.append(Noted("★", texts[month]) if month in texts else EMPTY)
        rows.append(row)
    columns = ["Maand", "Stand", "Gepubliceerd doel", "Afgeleid pad", "Projectie", *forecast_chart.columns(prognosis)]
    columns += ["Oorspronkelijk doel (herzien)"] if revised else []
    columns += ["Notitie"] if notes else []
    return columns, rows


def glide_note(progress: Progress) -> str:
    """Explain the derived path between published milestones in words ('' without a path)."""
    if not progress.glide:
        return ""
    return " ".join(
        f"Het afgeleide pad is een rechte lijn van {format_number(start.value)} eind {start.month.label} "
        f"naar {format_number(goal.value)} eind {goal.month.label}; "
        "voor de jaren daartussen zijn geen doelen gepubliceerd."
        for start, goal in unpublished_stretches(progress.targets)
    )


def _notes(figures: MonthlyFigures, official: list[Month], progress: Progress, shown: dict, path_note: str) -> dict:
    notes = {}
    for r in shown["revised"]:
        source = f" Bron: {r.source}{f', {r.source_date}' if r.source_date else ''}." if r.source else ""
        notes[f"revision-{r.month.key}"] = (
            f"Het doel voor eind {r.month.label} is herzien van hoogstens {format_number(r.original)} naar "
            f"hoogstens {format_number(r.current)}. Reden: {r.reason}.{source}"
        )
    for month in official:
        if (CASELOAD, month) in figures.notes:
            notes[f"official-{month.key}"] = f"◆ {month.label}: {figures.notes[(CASELOAD, month)]}"
    notes["glide"] = path_note if shown["glide"] else ""
    if shown["projection"]:
        notes["projection"] = (
            f"De projectie trekt het gemiddelde tempo van de afgelopen 12 maanden "
            f"({format_signed(progress.actual_pace, 1)} per maand) door tot {max(shown['projection']).label}; "
            "het is geen prognose."
        )
    return notes


def trend_chart(
    chart_id: str,
    area_name: str,
    figures: MonthlyFigures,
    progress: Progress,
    notes: list[Note] | None = None,
    path_note: str | None = None,
    span: str = RECENT_SPAN,
    prognosis: ChartForecast | None = None,
) -> Chart:
    """Return the monthly caseload with targets, revised originals, the derived path, projection and notes.

    `path_note` explains the drawn derived path; by default the path between
    published milestones (the caseload page), the report passes its own.
    `span` is RECENT_SPAN (the last 36 months) or GOAL_SPAN (up to the goal).
    `prognosis` adds the forecast band (12 months ahead, or to the goal), a
    scenario and the seasonally adjusted line; the report passes none.
    """
    prognosis = prognosis or ChartForecast()
    notes = [n for n in notes or [] if n.indicator in ("", CASELOAD)]
    everything = {m: v for m, v in figures.series(CASELOAD).items() if progress.latest and m <= progress.latest}
    frame = window(everything, progress, span)
    if frame and prognosis.forecast:  # the band reaches as far as its accuracy was measured, or to the goal
        reach = prognosis.forecast.end if span == GOAL_SPAN else min(prognosis.forecast.end, progress.latest + 12)
        frame = replace(frame, last=max(frame.last, reach))
    caseload = {m: v for m, v in everything.items() if frame and frame.holds(m)}
    notes = [n for n in notes if frame and frame.holds(n.month)]
    official = [m for m in sorted(caseload) if (CASELOAD, m) in figures.official]
    pace = progress.actual_pace
    shown = {
        "targets": [t for t in progress.targets if frame and frame.holds(t.month)],
        "revised": [r for r in progress.revised if frame and frame.holds(r.month)],
        "glide": {m: v for m, v in progress.glide.items() if frame and frame.holds(m)},
        "projection": project(progress.latest_value, progress.latest, pace, frame.projection_end)
        if frame and frame.projection_end and pace is not None
        else {},
    }
    marker_traces, note_texts = note_markers(notes, caseload)
    traces = [
        *_actual_traces(caseload, official, figures),
        *_target_traces(shown["targets"], shown["revised"]),
        *_derived_traces(shown["glide"], shown["projection"]),
        *(forecast_chart.forecast_traces(prognosis.forecast, progress.latest_value, frame.last, prognosis.scenario)
          if frame and prognosis.forecast else []),
        *(forecast_chart.adjusted_trace(prognosis.adjusted, frame.first, frame.last) if frame else []),
        *marker_traces,
    ]  # fmt: skip
    yaxis = {"title": {"text": "bijstandsuitkeringen (aantal)"}, "tickformat": ",d"}
    shown_values = [*caseload.values(), *(t.value for t in shown["targets"]), *shown["glide"].values(),
                    *shown["projection"].values()]  # fmt: skip
    if (y_range := calm_range(shown_values)) is not None:
        yaxis["range"] = y_range
    layout = time_layout(yaxis=yaxis, height=420)
    columns, rows = _table(caseload, figures, shown, notes, frame, prognosis) if frame else (["Maand", "Stand"], [])
    return chart(
        chart_id,
        f"Bijstandsuitkeringen in {area_name} per maand",
        _sentence(area_name, progress),
        figure(traces, layout),
        columns,
        rows,
        caption=f"Bijstandsuitkeringen in {area_name} per maand, met doelen, afgeleid pad en projectie",
        notes={**_notes(figures, official, progress, shown, glide_note(progress) if path_note is None else path_note),
               **({"forecast": forecast_chart.note(prognosis)} if prognosis.forecast else {}), **note_texts},
    )  # fmt: skip
