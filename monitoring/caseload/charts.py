"""Caseload charts of flows and neighbourhoods: rows and series in, plotly.js figures (wrapped for the template) out.

Pure functions. Each chart also carries its conclusion as one sentence and its
numbers as table rows, formatted in Dutch. The trend chart is in trend_chart.py.
"""

from __future__ import annotations

from monitoring.models import FLOW_INDICATORS, INDICATOR_NAMES, CaseloadIndicator
from nprz_dashboard import disclosure
from nprz_dashboard.charts import COLORS, SERIES_COLORS, Chart, base_layout, chart, figure
from nprz_dashboard.formatting import EMPTY, format_number, format_percent, format_signed
from nprz_dashboard.periods import Month

from .analytics import INCOMPLETE, WITHHELD, FlowCell, PeriodRow
from .chart_parts import HOVER_MONTH, Note, note_markers, recent, time_layout, x_dates
from .selectors import MonthlyFigures
from .trend_chart import GOAL_SPAN, RECENT_SPAN, trend_chart

__all__ = ["GOAL_SPAN", "RECENT_SPAN", "flows_chart", "neighbourhood_chart", "quarter_flows_chart", "trend_chart"]

FLOW_LABELS = {indicator: INDICATOR_NAMES[indicator] for indicator in FLOW_INDICATORS}


# Flows are told apart by marker shape and bar pattern as well as colour.
FLOW_MARKERS = {
    CaseloadIndicator.INFLOW: "circle",
    CaseloadIndicator.OUTFLOW: "square",
    CaseloadIndicator.OUTFLOW_TO_WORK: "triangle-up",
}


CHART_QUARTERS = 8

# A pattern drawn over the bar's colour (plotly.js replaces the colour by default: white on nothing).
PATTERN = {"fillmode": "overlay", "size": 8, "solidity": 0.3}

FLOW_PATTERNS = {CaseloadIndicator.INFLOW: "", CaseloadIndicator.OUTFLOW: "/", CaseloadIndicator.OUTFLOW_TO_WORK: "."}


FLOW_COLORS = dict(zip(FLOW_LABELS, [*SERIES_COLORS[:2], SERIES_COLORS[3]], strict=True))


def flows_chart(chart_id: str, area_name: str, figures: MonthlyFigures, notes: list[Note] | None = None) -> Chart:
    """Return inflow, outflow and outflow to work per month, with the notes about a flow marked."""
    every = sorted({m for indicator in FLOW_LABELS for m in figures.series(indicator)} | {m for _, m in figures.hidden})
    # The last 36 months, like the trend chart: older months are in the table per year and quarter.
    months = sorted(recent(dict.fromkeys(every), every[-1] if every else None))
    notes = [n for n in notes or [] if n.indicator in FLOW_LABELS and n.month in months]
    traces = []
    for indicator, label in FLOW_LABELS.items():
        series = figures.series(indicator)
        traces.append(
            {
                "type": "scatter", "mode": "lines+markers", "name": label,
                "x": x_dates(months), "y": [series.get(m) for m in months],
                "line": {"color": FLOW_COLORS[indicator], "width": 2},
                "marker": {"symbol": FLOW_MARKERS[indicator], "size": 7}, "hovertemplate": HOVER_MONTH,
            }
        )  # fmt: skip
    note_texts = {}
    for indicator in FLOW_LABELS:
        marked, texts = note_markers([n for n in notes if n.indicator == indicator], figures.series(indicator))
        traces += marked
        note_texts |= texts
    layout = time_layout(yaxis={"title": {"text": "uitkeringen per maand (aantal)"}, "rangemode": "tozero"})
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
        note_texts["disclosure"] = f"Kleine aantallen zijn afgeschermd: {disclosure.legend()}"
    return chart(
        chart_id,
        f"Instroom en uitstroom per maand in {area_name}",
        sentence,
        figure(traces, layout),
        ["Maand", "Instroom", "Uitstroom", "Uitstroom naar werk"],
        rows,
        notes=note_texts,
    )


def quarter_flows_chart(chart_id: str, area_name: str, quarters: list[PeriodRow]) -> Chart:
    """Return the flows per quarter (sums of their months) as grouped bars: the last eight quarters.

    Eight groups of three bars still fit on a phone (390 px); every quarter is in
    the table per quarter and year on the page.
    """
    quarters = quarters[-CHART_QUARTERS:]
    traces = []
    attrs = {
        CaseloadIndicator.INFLOW: "inflow",
        CaseloadIndicator.OUTFLOW: "outflow",
        CaseloadIndicator.OUTFLOW_TO_WORK: "outflow_to_work",
    }
    labels = [q.label for q in quarters]
    for indicator, label in FLOW_LABELS.items():
        traces.append(
            {
                "type": "bar", "name": label, "x": labels, "y": [getattr(q, attrs[indicator]) for q in quarters],
                "marker": {"color": FLOW_COLORS[indicator],
                           "pattern": {"shape": FLOW_PATTERNS[indicator], "fgcolor": "#FFFFFF", **PATTERN}},
                "hovertemplate": "%{x}: %{y:,.0f}<extra>%{fullData.name}</extra>",
            }
        )  # fmt: skip
    layout = base_layout(
        barmode="group",
        # Tick labels 'kw. 3' over '2026', so they fit under the bars on a phone.
        xaxis={
            "title": {"text": "kwartaal"},
            "tickangle": 0,
            "tickmode": "array",
            "tickvals": labels,
            # 'kw. 3' over '2026'; a running quarter gets a '*' (its label in the table says until when).
            "ticktext": [f"kw. {q.key[-1]}<br>{q.key[:4]}{'' if q.complete else '*'}" for q in quarters],
            "tickfont": {"size": 12},
        },
        yaxis={"title": {"text": "uitkeringen per kwartaal (aantal)"}, "rangemode": "tozero"},
    )
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
        figure(traces, layout),
        ["Kwartaal", "Instroom", "Uitstroom", "Uitstroom naar werk"],
        rows,
        notes={
            "period-rule": "Een kwartaal is de som van zijn maanden; een lopend kwartaal telt tot en met de laatste "
            "maand (een * in de grafiek). Ontbreekt een maand, dan heeft het kwartaal geen totaal (onvolledig) "
            "en geen staaf."
        },
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


def neighbourhood_chart(chart_id: str, rows: list[dict], start: Month, end: Month, shown=None) -> Chart:
    """Return each neighbourhood's change in percent since the start of the year, focuswijken marked.

    The sentence speaks of every neighbourhood in `rows`; the bars and the table
    show the rows in `shown` (all of them when not given), and a note says which.
    """
    shown = rows if shown is None else shown
    everyone = sorted((r for r in rows if r["percent"] is not None), key=lambda r: r["percent"], reverse=True)
    ranked = sorted((r for r in shown if r["percent"] is not None), key=lambda r: r["percent"], reverse=True)
    traces = []
    for is_focus, name, pattern in ((True, "focuswijk (★)", "x"), (False, "overige wijk", "")):
        part = [r for r in ranked if r["is_focus"] == is_focus]
        traces.append(
            {
                "type": "bar", "orientation": "h", "name": name,
                "y": [f"{r['name']} ★" if is_focus else r["name"] for r in part], "x": [r["percent"] for r in part],
                "customdata": [r["change"] for r in part],
                "marker": {"color": COLORS["comparison"] if is_focus else COLORS["actual"],
                           "pattern": {"shape": pattern, "fgcolor": "#FFFFFF", **PATTERN}},
                "hovertemplate": "%{y}: %{x:.1f}% (%{customdata:+,d})<extra></extra>",
            }
        )  # fmt: skip
    order = [f"{r['name']} ★" if r["is_focus"] else r["name"] for r in ranked]
    # A fixed scale of at least ±10%: a change of a few percent must not fill the whole width.
    reach = max([10.0, *(abs(r["percent"]) * 1.1 for r in ranked)])
    layout = base_layout(
        height=max(320, 26 * len(ranked) + 120),
        hovermode="closest",
        margin={"l": 24},
        xaxis={"title": {"text": "verandering (%)"}, "ticksuffix": "%", "zeroline": True,
               "range": [-reach, reach], "nticks": 5},
        yaxis={"categoryorder": "array", "categoryarray": order, "tickformat": "", "gridcolor": "#FFFFFF"},
    )  # fmt: skip
    if everyone:
        best, worst = everyone[-1], everyone[0]
        focus = [r for r in everyone if r["is_focus"]]
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
        for r in shown
    ]
    partial = (
        f"De grafiek en de tabel tonen {len(shown)} van de {format_number(len(rows))} wijken: de focuswijken "
        "en de wijken met de sterkste daling en stijging."
        if len(shown) < len(rows)
        else ""
    )
    return chart(
        chart_id,
        "Wijken vergeleken: verandering sinds het begin van het jaar",
        sentence,
        figure(traces, layout),
        ["Wijk", "Gebied", f"Eind {start.label}", f"Eind {end.label}", "Verandering", "Verandering (%)"],
        table,
        notes={"shown": partial, "origin": f"★ = focuswijk. {_origin_note(rows)}"},
    )
