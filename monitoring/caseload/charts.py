"""Caseload charts: plain rows and series in, plotly figures (wrapped for the template) out.

Pure functions. Each chart also carries its conclusion as one sentence and
its numbers as table rows, formatted in Dutch.
"""

from __future__ import annotations

from html import escape

import plotly.graph_objects as go

from monitoring.models import CaseloadIndicator
from nprz_dashboard import disclosure
from nprz_dashboard.charts import COLORS, DASH, SERIES_COLORS, Chart, base_layout, chart
from nprz_dashboard.formatting import EMPTY, format_number, format_percent, format_signed
from nprz_dashboard.periods import Month, month_range

from .analytics import INCOMPLETE, WITHHELD, FlowCell, Milestone, Note, PeriodRow, Progress, unpublished_stretches
from .selectors import MonthlyFigures

FLOW_LABELS = {
    CaseloadIndicator.INFLOW: "instroom",
    CaseloadIndicator.OUTFLOW: "uitstroom",
    CaseloadIndicator.OUTFLOW_TO_WORK: "uitstroom naar werk",
}
# Flows are told apart by marker shape and bar pattern as well as colour.
FLOW_MARKERS = {
    CaseloadIndicator.INFLOW: "circle",
    CaseloadIndicator.OUTFLOW: "square",
    CaseloadIndicator.OUTFLOW_TO_WORK: "triangle-up",
}
FLOW_PATTERNS = {CaseloadIndicator.INFLOW: "", CaseloadIndicator.OUTFLOW: "/", CaseloadIndicator.OUTFLOW_TO_WORK: "."}
FLOW_COLORS = dict(zip(FLOW_LABELS, [*SERIES_COLORS[:2], SERIES_COLORS[3]], strict=True))
HOVER_MONTH = "%{x|%B %Y}: %{y:,.0f}<extra>%{fullData.name}</extra>"


def _x(months) -> list[str]:
    return [m.first_day.isoformat() for m in months]


def _time_layout(**overrides) -> dict:
    return base_layout(xaxis={"type": "date", "tickformat": "%b %Y", "hoverformat": "%B %Y"}, **overrides)


def _year_segments(points: list[tuple[Month, float]]) -> tuple[list, list]:
    """Return x and y for horizontal segments over each deadline's year, with gaps between them."""
    x, y = [], []
    for month, value in points:
        x += [Month(month.year, 1).first_day.isoformat(), month.first_day.isoformat(), None]
        y += [value, value, None]
    return x, y


def _add_revised_targets(fig: go.Figure, progress: Progress) -> list[str]:
    """Draw each revised target as a fainter line with its note; return the notes in words."""
    if not progress.revised:
        return []
    x, y = _year_segments([(r.month, r.original) for r in progress.revised])
    fig.add_trace(
        go.Scatter(
            x=x, y=y, name="oorspronkelijk doel (herzien)", mode="lines+markers", opacity=0.55,
            line={"color": COLORS["revised"], "dash": "longdashdot", "width": 2},
            marker={"symbol": "x-open", "size": 10}, hoverinfo="skip",
        )
    )  # fmt: skip
    notes = []
    for r in progress.revised:
        source = f" Bron: {r.source}{f', {r.source_date}' if r.source_date else ''}." if r.source else ""
        notes.append(
            f"Het doel voor eind {r.month.label} is herzien van hoogstens {format_number(r.original)} naar "
            f"hoogstens {format_number(r.current)}. Reden: {r.reason}.{source}"
        )
    return notes


def _add_notes(fig: go.Figure, notes: list[Note], series: dict[Month, float]) -> list[str]:
    """Mark each dated note on the line it belongs to; return the notes in words for the page."""
    marked = [n for n in notes if n.month in series]
    if marked:
        fig.add_trace(
            go.Scatter(
                x=_x(n.month for n in marked), y=[series[n.month] for n in marked], name="notitie (★)",
                mode="markers", marker={"symbol": "star", "size": 14, "color": COLORS["comparison"],
                                        "line": {"width": 1, "color": "#FFFFFF"}},
                # Plotly reads hover text as markup: escape it so a note is shown as typed.
                hovertext=[escape(n.text) for n in marked], hovertemplate="%{hovertext}<extra>notitie</extra>",
            )
        )  # fmt: skip
    return [f"Notitie {n.month.label}: {n.text}" for n in notes]


def _official_hover(figures: MonthlyFigures, month: Month) -> str:
    key = (CaseloadIndicator.CASELOAD, month)
    note = figures.notes.get(key)
    return f"bron: {figures.official[key]}" + (f". {note}" if note else "")


def _notes_by_month(notes: list[Note]) -> dict[Month, str]:
    result: dict[Month, list[str]] = {}
    for note in notes:
        result.setdefault(note.month, []).append(note.text)
    return {month: " | ".join(texts) for month, texts in result.items()}


def _official_text(value: int | None, source: str | None, note: str = "") -> str:
    if value is None:
        return EMPTY
    if source is None:
        return format_number(value)
    return f"{format_number(value)} ◆ officieel ({source}{f'; {note}' if note else ''})"


def _target_sentence(progress: Progress) -> str:
    target = progress.year_target
    if target is None or progress.distance_to_year_target is None:
        return ""
    kind = "het doel" if target.is_published else "het afgeleide doel"
    distance = progress.distance_to_year_target
    side = "boven" if distance > 0 else "onder"
    if distance == 0:
        return f", precies op {kind} voor eind {target.month.year} ({format_number(target.value)})"
    return (
        f", {format_number(abs(distance))} {side} {kind} voor eind {target.month.year} ({format_number(target.value)})"
    )


def trend_chart(
    chart_id: str, area_name: str, figures: MonthlyFigures, progress: Progress, notes: list[Note] | None = None
) -> Chart:
    """Return the monthly caseload with targets (and revised originals), the glide path, projection and notes."""
    notes = [n for n in notes or [] if n.indicator in ("", CaseloadIndicator.CASELOAD)]
    caseload = {
        m: v for m, v in figures.series(CaseloadIndicator.CASELOAD).items() if progress.latest and m <= progress.latest
    }
    months = sorted(caseload)
    official = [m for m in months if (CaseloadIndicator.CASELOAD, m) in figures.official]
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=_x(months), y=[caseload[m] for m in months], name="stand (bijstandsuitkeringen)", mode="lines",
            line={"color": COLORS["actual"], "dash": DASH["actual"], "width": 3}, hovertemplate=HOVER_MONTH,
        )
    )  # fmt: skip
    if official:
        fig.add_trace(
            go.Scatter(
                x=_x(official), y=[caseload[m] for m in official], name="◆ officieel cijfer", mode="markers",
                marker={"symbol": "diamond", "size": 11, "color": COLORS["neutral"]},
                # Plotly reads hover text as markup: escape the source and its note.
                hovertext=[escape(_official_hover(figures, m)) for m in official],
                hovertemplate="%{x|%B %Y}: %{y:,.0f}<br>%{hovertext}<extra>◆ officieel</extra>",
            )
        )  # fmt: skip
    if progress.targets:
        fig.add_trace(
            go.Scatter(
                x=_x(t.month for t in progress.targets), y=[t.value for t in progress.targets],
                name="gepubliceerd doel (hoogstens)", mode="markers", legendgroup="target",
                marker={"symbol": "x", "size": 12, "color": COLORS["target"]}, hovertemplate=HOVER_MONTH,
            )
        )  # fmt: skip
        x, y = _year_segments([(t.month, t.value) for t in progress.targets])
        fig.add_trace(
            go.Scatter(
                x=x, y=y, name="doellijn: gepubliceerd doel over zijn jaar", mode="lines", legendgroup="target",
                showlegend=False, line={"color": COLORS["target"], "dash": DASH["target"], "width": 2},
                hoverinfo="skip",
            )
        )  # fmt: skip
    revision_notes = _add_revised_targets(fig, progress)
    glide = sorted(progress.glide)
    if glide:
        fig.add_trace(
            go.Scatter(
                x=_x(glide), y=[progress.glide[m] for m in glide], name="afgeleid pad (geen gepubliceerd doel)",
                mode="lines", line={"color": COLORS["derived"], "dash": DASH["derived"], "width": 2},
                hovertemplate=HOVER_MONTH,
            )
        )  # fmt: skip
    target = progress.year_target
    if target is not None and not target.is_published:
        fig.add_trace(
            go.Scatter(
                x=_x([target.month]), y=[target.value], name=f"afgeleid doel eind {target.month.year}",
                mode="markers", hovertemplate=HOVER_MONTH,
                marker={"symbol": "circle-open", "size": 12, "color": COLORS["derived"], "line": {"width": 2}},
            )
        )  # fmt: skip
    projection = sorted(progress.projection)
    if projection:
        fig.add_trace(
            go.Scatter(
                x=_x(projection), y=[progress.projection[m] for m in projection], name="projectie bij huidig tempo",
                mode="lines", line={"color": COLORS["projection"], "dash": DASH["projection"], "width": 3},
                hovertemplate=HOVER_MONTH,
            )
        )  # fmt: skip
    note_texts = _add_notes(fig, notes, caseload)
    fig.update_layout(**_time_layout(yaxis={"title": {"text": "uitkeringen"}, "tickformat": ",d"}, height=420))

    if progress.latest is None:
        sentence = f"Er zijn nog geen cijfers voor {area_name}."
    else:
        sentence = (
            f"Eind {progress.latest.label}: {format_number(progress.latest_value)} uitkeringen in {area_name}"
            f"{_target_sentence(progress)}."
        )
    targets_by_month: dict[Month, Milestone] = {t.month: t for t in progress.targets}
    revised_by_month = {r.month: r for r in progress.revised}
    notes_by_month = _notes_by_month(notes)
    end = max([*months, *glide, *projection], default=None)
    rows = []
    for month in month_range(months[0], end) if months else []:
        target_cell = targets_by_month.get(month)
        row = [
            month.label,
            _official_text(
                caseload.get(month),
                figures.official.get((CaseloadIndicator.CASELOAD, month)),
                figures.notes.get((CaseloadIndicator.CASELOAD, month), ""),
            ),
            f"hoogstens {format_number(target_cell.value)}" if target_cell else EMPTY,
            format_number(progress.glide[month]) if month in progress.glide else EMPTY,
            format_number(progress.projection[month])
            if month in progress.projection and month != progress.latest
            else EMPTY,
        ]
        if revised_by_month:
            original = revised_by_month.get(month)
            row.append(f"hoogstens {format_number(original.original)}" if original else EMPTY)
        if notes:
            row.append(notes_by_month.get(month, EMPTY))
        rows.append(row)
    columns = ["Maand", "Stand", "Gepubliceerd doel", "Afgeleid pad", "Projectie"]
    columns += ["Oorspronkelijk doel (herzien)"] if revised_by_month else []
    columns += ["Notitie"] if notes else []
    notes = [*revision_notes]
    notes += [
        f"◆ {m.label}: {figures.notes[(CaseloadIndicator.CASELOAD, m)]}"
        for m in official
        if (CaseloadIndicator.CASELOAD, m) in figures.notes
    ]
    for start, goal in unpublished_stretches(progress.targets) if glide else []:
        notes.append(
            f"Het afgeleide pad is een rechte lijn van {format_number(start.value)} eind {start.month.label} "
            f"naar {format_number(goal.value)} eind {goal.month.label}; "
            "er zijn geen gepubliceerde jaardoelen voor de jaren daartussen."
        )
    if projection:
        notes.append(
            f"De projectie trekt het gemiddelde tempo van de afgelopen 12 maanden "
            f"({format_signed(progress.actual_pace, 1)} per maand) door tot {projection[-1].label}; "
            "het is geen prognose."
        )
    return chart(
        chart_id,
        f"Bijstandsuitkeringen in {area_name} per maand",
        sentence,
        fig,
        columns,
        rows,
        caption=f"Bijstandsuitkeringen in {area_name} per maand, met doelen, afgeleid pad en projectie",
        notes=[*notes, *note_texts],
    )


def flows_chart(chart_id: str, area_name: str, figures: MonthlyFigures, notes: list[Note] | None = None) -> Chart:
    """Return inflow, outflow and outflow to work per month, with the notes about a flow marked."""
    notes = [n for n in notes or [] if n.indicator in FLOW_LABELS]
    months = sorted(
        {m for indicator in FLOW_LABELS for m in figures.series(indicator)} | {m for _, m in figures.hidden}
    )
    fig = go.Figure()
    for indicator, label in FLOW_LABELS.items():
        series = figures.series(indicator)
        fig.add_trace(
            go.Scatter(
                x=_x(months), y=[series.get(m) for m in months], name=label, mode="lines+markers",
                line={"color": FLOW_COLORS[indicator], "width": 2},
                marker={"symbol": FLOW_MARKERS[indicator], "size": 7}, hovertemplate=HOVER_MONTH,
            )
        )  # fmt: skip
    note_texts = []
    for indicator in FLOW_LABELS:
        note_texts += _add_notes(fig, [n for n in notes if n.indicator == indicator], figures.series(indicator))
    fig.update_layout(**_time_layout(yaxis={"title": {"text": "uitkeringen per maand"}, "rangemode": "tozero"}))
    inflow, outflow = figures.series(CaseloadIndicator.INFLOW), figures.series(CaseloadIndicator.OUTFLOW)
    withheld_last = months and any((i, months[-1]) in figures.hidden for i in FLOW_LABELS)
    if withheld_last:
        sentence = (
            f"De in- en uitstroom van {area_name} in {months[-1].label} zijn kleine aantallen en daarom "
            "afgeschermd; de tabel laat zien welke maanden wel te tonen zijn."
        )
    elif months:
        last = months[-1]
        net = (outflow.get(last) or 0) - (inflow.get(last) or 0)
        direction = (
            "meer uitstroom dan instroom"
            if net > 0
            else ("meer instroom dan uitstroom" if net < 0 else "evenveel in- als uitstroom")
        )
        sentence = (
            f"In {last.label} stroomden in {area_name} {format_number(inflow.get(last))} uitkeringen in en "
            f"{format_number(outflow.get(last))} uit: {format_number(abs(net))} {direction}."
        )
        if net == 0:
            sentence = (
                f"In {last.label} stroomden in {area_name} evenveel uitkeringen in als uit "
                f"({format_number(inflow.get(last))})."
            )
    else:
        sentence = f"Er zijn nog geen in- en uitstroomcijfers voor {area_name}."
    rows = [
        [m.label, *[figures.hidden.get((i, m)) or format_number(figures.series(i).get(m)) for i in FLOW_LABELS]]
        for m in months
    ]
    if figures.hidden:
        note_texts.append(f"Kleine aantallen zijn afgeschermd: {disclosure.legend()}")
    return chart(
        chart_id,
        f"Instroom en uitstroom per maand in {area_name}",
        sentence,
        fig,
        ["Maand", "Instroom", "Uitstroom", "Uitstroom naar werk"],
        rows,
        notes=note_texts,
    )


def quarter_flows_chart(chart_id: str, area_name: str, quarters: list[PeriodRow]) -> Chart:
    """Return the flows per quarter (sums of their months) as grouped bars."""
    fig = go.Figure()
    attrs = {
        CaseloadIndicator.INFLOW: "inflow",
        CaseloadIndicator.OUTFLOW: "outflow",
        CaseloadIndicator.OUTFLOW_TO_WORK: "outflow_to_work",
    }
    labels = [q.label for q in quarters]
    for indicator, label in FLOW_LABELS.items():
        fig.add_trace(
            go.Bar(
                x=labels, y=[getattr(q, attrs[indicator]) for q in quarters], name=label,
                marker={"color": FLOW_COLORS[indicator],
                        "pattern": {"shape": FLOW_PATTERNS[indicator], "fgcolor": "#FFFFFF"}},
                hovertemplate="%{x}: %{y:,.0f}<extra>%{fullData.name}</extra>",
            )
        )  # fmt: skip
    fig.update_layout(**base_layout(barmode="group", yaxis={"title": {"text": "uitkeringen per kwartaal"}}))
    complete = [q for q in quarters if q.complete and q.inflow is not None and q.outflow is not None]
    if complete:
        last = complete[-1]
        sentence = (
            f"In {last.label} stroomden in {area_name} {format_number(last.inflow)} uitkeringen in en "
            f"{format_number(last.outflow)} uit, van wie {format_number(last.outflow_to_work)} naar werk."
        )
    elif any(cell.hidden for q in quarters for cell in q.flows):
        sentence = f"De kwartaaltotalen van {area_name} zijn afgeschermd: ze zouden kleine aantallen verraden."
    else:
        sentence = f"Er is nog geen volledig kwartaal met in- en uitstroom voor {area_name}."
    rows = [[q.label, *[_flow_text(cell) for cell in q.flows]] for q in quarters]
    return chart(
        chart_id,
        f"Instroom en uitstroom per kwartaal in {area_name}",
        sentence,
        fig,
        ["Kwartaal", "Instroom", "Uitstroom", "Uitstroom naar werk"],
        rows,
        notes=[
            "Een kwartaal is de som van zijn maanden; een lopend kwartaal telt tot en met de laatste maand. "
            "Ontbreekt een maand, dan heeft het kwartaal geen totaal (onvolledig) en geen staaf."
        ],
    )


def _flow_text(cell: FlowCell) -> str:
    if cell.hidden:
        return WITHHELD
    if cell.missing:
        return f"{INCOMPLETE} (ontbreekt: {cell.missing_label})"
    return format_number(cell.value)


def _origin_note(rows: list[dict]) -> str:
    """Say where the neighbourhood figures come from, from the figures themselves."""
    synthetic = sum(r["synthetic"] for r in rows)
    official = sum(r["official"] for r in rows)
    if not rows:
        return "Er zijn geen wijkcijfers."
    if synthetic == len(rows):
        return "Deze wijkcijfers zijn synthetisch (demo), geen echte cijfers."
    if synthetic:
        return f"De cijfers van {synthetic} van de {len(rows)} wijken zijn synthetisch (demo); de andere zijn echt."
    if official == len(rows):
        return "De wijkcijfers zijn officieel gepubliceerd."
    return "De wijkcijfers komen uit de eigen registratie; ze zijn niet afzonderlijk gepubliceerd."


def neighbourhood_chart(chart_id: str, rows: list[dict], start: Month, end: Month) -> Chart:
    """Return each neighbourhood's change in percent since the start of the year, focuswijken marked."""
    ranked = sorted((r for r in rows if r["percent"] is not None), key=lambda r: r["percent"], reverse=True)
    fig = go.Figure()
    for is_focus, name, pattern in ((True, "focuswijk (★)", "x"), (False, "overige wijk", "")):
        part = [r for r in ranked if r["is_focus"] == is_focus]
        fig.add_trace(
            go.Bar(
                y=[f"{r['name']} ★" if is_focus else r["name"] for r in part], x=[r["percent"] for r in part],
                orientation="h", name=name, customdata=[r["change"] for r in part],
                marker={"color": COLORS["comparison"] if is_focus else COLORS["actual"],
                        "pattern": {"shape": pattern, "fgcolor": "#FFFFFF"}},
                hovertemplate="%{y}: %{x:.1f}% (%{customdata:+,d})<extra></extra>",
            )
        )  # fmt: skip
    order = [f"{r['name']} ★" if r["is_focus"] else r["name"] for r in ranked]
    fig.update_layout(
        **base_layout(
            height=max(320, 26 * len(ranked) + 120),
            hovermode="closest",
            margin={"l": 200},
            xaxis={"title": {"text": f"verandering sinds eind {start.label} (%)"}, "ticksuffix": "%", "zeroline": True},
            yaxis={"categoryorder": "array", "categoryarray": order, "tickformat": "", "gridcolor": "#FFFFFF"},
        )
    )
    if ranked:
        best, worst = ranked[-1], ranked[0]
        focus = [r for r in ranked if r["is_focus"]]
        focus_change = sum(r["change"] for r in focus)
        sentence = (
            f"Sinds eind {start.label} daalde het aantal uitkeringen het sterkst in {best['name']} "
            f"({format_percent(best['percent'], 1)}); {worst['name']} deed het minst goed "
            f"({format_percent(worst['percent'], 1)}). "
            f"Samen veranderden de focuswijken met {format_signed(focus_change)}."
        )
        if best["percent"] >= 0:
            sentence = f"Sinds eind {start.label} daalde het aantal uitkeringen in geen enkele wijk."
    else:
        sentence = f"Er zijn geen wijkcijfers voor eind {start.label} en {end.label}."
    table = [
        [
            f"{r['name']} (focuswijk)" if r["is_focus"] else r["name"],
            r["district"],
            format_number(r["start"]),
            format_number(r["end"]),
            format_signed(r["change"]),
            format_percent(r["percent"], 1) if r["percent"] is not None else EMPTY,
        ]
        for r in rows
    ]
    return chart(
        chart_id,
        "Wijken vergeleken: verandering sinds het begin van het jaar",
        sentence,
        fig,
        ["Wijk", "Gebied", f"Eind {start.label}", f"Eind {end.label}", "Verandering", "Verandering (%)"],
        table,
        notes=[f"★ = focuswijk. {_origin_note(rows)}"],
    )
