"""The caseload trend: monthly stand against published targets, revised originals, the derived path and the projection.

A pure function of the figures and the progress; its parts (traces, sentence,
table, notes) are built separately, and its notes are keyed by name so a caller
(the quarterly report) can give its own explanation of the path by name.
"""

from __future__ import annotations

from html import escape

import plotly.graph_objects as go

from monitoring.models import CaseloadIndicator
from nprz_dashboard.charts import COLORS, DASH, Chart, Noted, chart
from nprz_dashboard.formatting import EMPTY, format_number, format_signed
from nprz_dashboard.periods import Month, month_range

from .chart_parts import HOVER_MONTH, Note, add_note_markers, notes_by_month, time_layout, x_dates, year_segments
from .progress import Milestone, Progress, unpublished_stretches
from .selectors import MonthlyFigures

CASELOAD = CaseloadIndicator.CASELOAD


def _line(x, y, name: str, role: str, width: int = 2, **extra) -> go.Scatter:
    return go.Scatter(
        x=x, y=y, name=name, mode="lines", line={"color": COLORS[role], "dash": DASH[role], "width": width}, **extra
    )


def _official_hover(figures: MonthlyFigures, month: Month) -> str:
    note = figures.notes.get((CASELOAD, month))
    return f"bron: {figures.official[(CASELOAD, month)]}" + (f". {note}" if note else "")


def _actual_traces(caseload: dict[Month, int], official: list[Month], figures: MonthlyFigures) -> list[go.Scatter]:
    months = sorted(caseload)
    traces = [
        _line(x_dates(months), [caseload[m] for m in months], "stand (bijstandsuitkeringen)", "actual", width=3,
              hovertemplate=HOVER_MONTH)
    ]  # fmt: skip
    if official:
        traces.append(
            go.Scatter(
                x=x_dates(official), y=[caseload[m] for m in official], name="◆ officieel cijfer", mode="markers",
                marker={"symbol": "diamond", "size": 11, "color": COLORS["neutral"]},
                # Plotly reads hover text as markup: escape the source and its note.
                hovertext=[escape(_official_hover(figures, m)) for m in official],
                hovertemplate="%{x|%B %Y}: %{y:,.0f}<br>%{hovertext}<extra>◆ officieel</extra>",
            )
        )  # fmt: skip
    return traces


def _target_traces(progress: Progress) -> list[go.Scatter]:
    """Return the published targets (markers and a line over their year) and the revised originals."""
    traces = []
    if progress.targets:
        traces.append(
            go.Scatter(
                x=x_dates(t.month for t in progress.targets), y=[t.value for t in progress.targets],
                name="gepubliceerd doel (hoogstens)", mode="markers", legendgroup="target",
                marker={"symbol": "x", "size": 12, "color": COLORS["target"]}, hovertemplate=HOVER_MONTH,
            )
        )  # fmt: skip
        x, y = year_segments([(t.month, t.value) for t in progress.targets])
        traces.append(
            _line(x, y, "doellijn: gepubliceerd doel over zijn jaar", "target", legendgroup="target", showlegend=False,
                  hoverinfo="skip")
        )  # fmt: skip
    if progress.revised:
        x, y = year_segments([(r.month, r.original) for r in progress.revised])
        traces.append(
            go.Scatter(
                x=x, y=y, name="oorspronkelijk doel (herzien)", mode="lines+markers", opacity=0.55,
                line={"color": COLORS["revised"], "dash": "longdashdot", "width": 2},
                marker={"symbol": "x-open", "size": 10}, hoverinfo="skip",
            )
        )  # fmt: skip
    return traces


def _derived_traces(progress: Progress) -> list[go.Scatter]:
    """Return the derived glide path, a derived year target and the projection: never published targets."""
    traces = []
    glide = sorted(progress.glide)
    if glide:
        traces.append(
            _line(x_dates(glide), [progress.glide[m] for m in glide], "afgeleid pad (geen gepubliceerd doel)",
                  "derived", hovertemplate=HOVER_MONTH)
        )  # fmt: skip
    target = progress.year_target
    if target is not None and not target.is_published:
        traces.append(
            go.Scatter(
                x=x_dates([target.month]), y=[target.value], name=f"afgeleid doel eind {target.month.year}",
                mode="markers", hovertemplate=HOVER_MONTH,
                marker={"symbol": "circle-open", "size": 12, "color": COLORS["derived"], "line": {"width": 2}},
            )
        )  # fmt: skip
    projection = sorted(progress.projection)
    if projection:
        traces.append(
            _line(x_dates(projection), [progress.projection[m] for m in projection], "projectie bij huidig tempo",
                  "projection", width=3, hovertemplate=HOVER_MONTH)
        )  # fmt: skip
    return traces


def _target_sentence(progress: Progress) -> str:
    target = progress.year_target
    if target is None or progress.distance_to_year_target is None:
        return ""
    kind = "het doel" if target.is_published else "het afgeleide doel"
    distance = progress.distance_to_year_target
    deadline = f"voor eind {target.month.year} ({format_number(target.value)})"
    if distance == 0:
        return f", precies op {kind} {deadline}"
    return f", {format_number(abs(distance))} {'boven' if distance > 0 else 'onder'} {kind} {deadline}"


def _sentence(area_name: str, progress: Progress) -> str:
    if progress.latest is None:
        return f"Er zijn nog geen cijfers voor {area_name}."
    return (
        f"Eind {progress.latest.label}: {format_number(progress.latest_value)} uitkeringen in {area_name}"
        f"{_target_sentence(progress)}."
    )


def _official_text(value: int | None, source: str | None, note: str = "") -> str | Noted:
    if value is None:
        return EMPTY
    if source is None:
        return format_number(value)
    return Noted(f"{format_number(value)} ◆", f"◆ officieel ({source}{f'; {note}' if note else ''})")


def _table(caseload, figures: MonthlyFigures, progress: Progress, notes: list[Note]) -> tuple[list[str], list[list]]:
    """Return the chart's numbers month by month: stand, targets, path, projection, originals and notes."""
    targets: dict[Month, Milestone] = {t.month: t for t in progress.targets}
    revised = {r.month: r for r in progress.revised}
    texts = notes_by_month(notes)
    months = sorted(caseload)
    end = max([*months, *progress.glide, *progress.projection], default=None)
    rows = []
    for month in month_range(months[0], end) if months else []:
        target = targets.get(month)
        source = figures.official.get((CASELOAD, month))
        row = [
            month.label,
            _official_text(caseload.get(month), source, figures.notes.get((CASELOAD, month), "")),
            f"hoogstens {format_number(target.value)}" if target else EMPTY,
            format_number(progress.glide[month]) if month in progress.glide else EMPTY,
            format_number(progress.projection[month])
            if month in progress.projection and month != progress.latest
            else EMPTY,
        ]
        if revised:
            row.append(f"hoogstens {format_number(revised[month].original)}" if month in revised else EMPTY)
        if notes:
            row.append(Noted("★", texts[month]) if month in texts else EMPTY)
        rows.append(row)
    columns = ["Maand", "Stand", "Gepubliceerd doel", "Afgeleid pad", "Projectie"]
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
        "er zijn geen gepubliceerde jaardoelen voor de jaren daartussen."
        for start, goal in unpublished_stretches(progress.targets)
    )


def _notes(figures: MonthlyFigures, official: list[Month], progress: Progress, path_note: str) -> dict[str, str]:
    notes = {}
    for r in progress.revised:
        source = f" Bron: {r.source}{f', {r.source_date}' if r.source_date else ''}." if r.source else ""
        notes[f"revision-{r.month.key}"] = (
            f"Het doel voor eind {r.month.label} is herzien van hoogstens {format_number(r.original)} naar "
            f"hoogstens {format_number(r.current)}. Reden: {r.reason}.{source}"
        )
    for month in official:
        if (CASELOAD, month) in figures.notes:
            notes[f"official-{month.key}"] = f"◆ {month.label}: {figures.notes[(CASELOAD, month)]}"
    notes["glide"] = path_note
    if progress.projection:
        notes["projection"] = (
            f"De projectie trekt het gemiddelde tempo van de afgelopen 12 maanden "
            f"({format_signed(progress.actual_pace, 1)} per maand) door tot {max(progress.projection).label}; "
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
) -> Chart:
    """Return the monthly caseload with targets, revised originals, the derived path, projection and notes.

    `path_note` explains the drawn derived path; by default the path between
    published milestones (the caseload page), the report passes its own.
    """
    notes = [n for n in notes or [] if n.indicator in ("", CASELOAD)]
    caseload = {m: v for m, v in figures.series(CASELOAD).items() if progress.latest and m <= progress.latest}
    official = [m for m in sorted(caseload) if (CASELOAD, m) in figures.official]
    fig = go.Figure()
    for trace in [*_actual_traces(caseload, official, figures), *_target_traces(progress), *_derived_traces(progress)]:
        fig.add_trace(trace)
    note_texts = add_note_markers(fig, notes, caseload)
    fig.update_layout(**time_layout(yaxis={"title": {"text": "uitkeringen"}, "tickformat": ",d"}, height=420))
    columns, rows = _table(caseload, figures, progress, notes)
    return chart(
        chart_id,
        f"Bijstandsuitkeringen in {area_name} per maand",
        _sentence(area_name, progress),
        fig,
        columns,
        rows,
        caption=f"Bijstandsuitkeringen in {area_name} per maand, met doelen, afgeleid pad en projectie",
        notes={**_notes(figures, official, progress, glide_note(progress) if path_note is None else path_note),
               **note_texts},
    )  # fmt: skip
