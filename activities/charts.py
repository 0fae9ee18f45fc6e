"""Plotly figures for the activity pages: pure functions, data in, chart out.

Actuals solid, targets dashed, the previous year long-dashed; every chart
comes with a one-sentence conclusion and its numbers as a table.
"""

from __future__ import annotations

from html import escape

import plotly.graph_objects as go

from monitoring.models import Provenance
from nprz_dashboard.charts import COLORS, DASH, Chart, base_layout, chart
from nprz_dashboard.disclosure import Withheld
from nprz_dashboard.formatting import EMPTY, format_percent, format_value
from nprz_dashboard.periods import (
    AT_RISK,
    FLOW,
    OFF_TRACK,
    ON_TRACK,
    RATIO,
    SHORT_MONTH_NAMES,
    STOCK,
    TRACK_LABELS,
    Month,
    month_range,
)

from . import analytics
from .models import Unit

STATUS_COLORS = {ON_TRACK: COLORS["actual"], AT_RISK: COLORS["revised"], OFF_TRACK: COLORS["target"]}
SPARK_WIDTH, SPARK_HEIGHT = 120, 32


def _layout(**overrides) -> dict:
    """Return the project layout without plotly's default template (it would add kilobytes per chart)."""
    return base_layout(template="none", **overrides)


def _hover(unit: str, axis: str = "y") -> str:
    """Return a hover format for a value in its unit (Dutch separators come from the layout)."""
    if unit == Unit.EURO:
        return f"€ %{{{axis}:,.0f}}"
    if unit == Unit.PERCENT:
        return f"%{{{axis}:,.1f}}%"
    return f"%{{{axis}:,.0f}}"


def _value_axis(unit: str) -> dict:
    if unit == Unit.EURO:
        return {"tickprefix": "€ ", "tickformat": ",d", "rangemode": "tozero"}
    if unit == Unit.PERCENT:
        return {"ticksuffix": "%", "tickformat": ",d", "range": [0, 105]}
    return {"tickformat": ",d", "rangemode": "tozero"}


def _fmt(value, unit: str) -> str:
    return EMPTY if value is None else format_value(value, unit)


def _lower(name: str) -> str:
    return name[:1].lower() + name[1:]


def sparkline_points(values, width: int = SPARK_WIDTH, height: int = SPARK_HEIGHT) -> str:
    """Return SVG polyline points for a small trend line ('' when fewer than two values)."""
    present = [(i, float(v)) for i, v in enumerate(values) if v is not None]
    if len(present) < 2:
        return ""
    low, high = min(v for _, v in present), max(v for _, v in present)
    spread = (high - low) or 1.0
    step = (width - 4) / max(1, len(values) - 1)
    return " ".join(f"{2 + i * step:.1f},{height - 2 - (v - low) / spread * (height - 4):.1f}" for i, v in present)


def sparkline_text(name: str, unit: str, months: list[Month], values) -> str:
    """Return the words a screen reader gets for a sparkline."""
    present = [(m, v) for m, v in zip(months, values, strict=False) if v is not None]
    if len(present) < 2:
        return f"Te weinig maanden voor een trend van {_lower(name)}."
    (first_month, first), (last_month, last) = present[0], present[-1]
    return (
        f"Trend {_lower(name)}: {_fmt(first, unit)} in {first_month.label}, {_fmt(last, unit)} in {last_month.label}."
    )


def progress_chart(rows: list[dict], year: int) -> Chart:
    """Return each activity's key measure as a percentage of what was due (a bar per activity)."""
    shown = [r for r in rows if r["progress"] is not None and r["progress"].share_of_due is not None]
    names = [r["activity"] for r in shown][::-1]
    shares = [round(r["progress"].share_of_due, 1) for r in shown][::-1]
    labels = [f"{format_percent(r['progress'].share_of_due)} · {r['status_label']}" for r in shown][::-1]
    colors = [STATUS_COLORS.get(r["status"], COLORS["neutral"]) for r in shown][::-1]
    fig = go.Figure(
        go.Bar(
            x=shares,
            y=names,
            orientation="h",
            marker={"color": colors},
            text=labels,
            textposition="outside",
            cliponaxis=False,
            name="kernmaat tegenover het doel naar rato",
            hovertemplate="%{y}: %{x:,.0f}% van het doel naar rato<extra></extra>",
        )
    )
    top = max([*shares, 100]) * 1.25
    fig.add_shape(
        type="line", x0=100, x1=100, y0=-0.5, y1=len(names) - 0.5,
        line={"color": COLORS["target"], "dash": DASH["target"], "width": 2},
    )  # fmt: skip
    fig.add_annotation(x=100, y=len(names) - 0.5, text="doel naar rato", showarrow=False, yanchor="bottom")
    fig.update_layout(
        **_layout(
            height=max(260, 48 * len(names) + 80),
            margin={"l": 220, "t": 28},
            xaxis={"ticksuffix": "%", "range": [0, top], "showgrid": True, "gridcolor": "#E6E6E6"},
            yaxis={"tickformat": "", "automargin": True},
            showlegend=False,
            hovermode="closest",
        )
    )
    behind = [r["activity"] for r in shown if r["status"] in (AT_RISK, OFF_TRACK)]
    if not shown:
        sentence = f"Voor {year} is er nog geen activiteit met een doel en cijfers."
    elif behind:
        sentence = (
            f"{len(shown) - len(behind)} van de {len(shown)} activiteiten met een doel zijn in {year} op koers; "
            f"achter: {', '.join(behind)}."
        )
    else:
        sentence = f"Alle {len(shown)} activiteiten met een doel zijn in {year} op koers."
    table = [
        [r["activity"], r["measure"], format_percent(r["progress"].share_of_due), r["status_label"]] for r in shown
    ]
    return chart(
        "voortgang",
        f"Kernmaat tegenover het doel naar rato, {year}",
        sentence,
        fig,
        ["Activiteit", "Kernmaat", "Van het doel naar rato", "Status"],
        table,
        notes={
            "reading": "Een staaf tot de stippellijn (100%) betekent: precies zoveel als naar rato verwacht "
            "mocht worden."
        },
    )


def _hidden_months(shield, months: list[Month]) -> list[str | None]:
    """Return each month's disclosure marker ('<10', 'x') for a reader, or None where it may be shown."""
    return [shield.month(m) if shield else None for m in months]


def _without(values: list, hidden: list) -> list:
    """Return the values with the withheld ones left out (None: no bar, no point, no hover)."""
    return [None if marker else value for value, marker in zip(values, hidden, strict=True)]


def _months_axis(months: list[Month], with_year: bool) -> list[str]:
    return [m.short_label if with_year else SHORT_MONTH_NAMES[m.month - 1] for m in months]


def monthly_chart(block: dict, year: int) -> Chart:
    """Return a measure's months in `year` beside the previous year (a ratio: its whole window)."""
    measure, progress = block["measure"], block["progress"]
    if measure.kind == RATIO:
        return coverage_chart(block, year)
    unit, series, shield = measure.unit, block["series"], block.get("shield")
    as_of = progress.as_of or Month(year, 12)
    months = analytics.year_months(year)
    # For a reader, months withheld by disclosure control get no bar or point, and their marker in the table.
    current_hidden = _hidden_months(shield, months)
    previous_hidden = _hidden_months(shield, analytics.year_months(year - 1))
    current = _without(analytics.monthly_values(series, year, until=as_of), current_hidden)
    previous = _without(analytics.monthly_values(series, year - 1), previous_hidden)
    x = _months_axis(months, with_year=False)
    fig = go.Figure()
    if measure.kind == FLOW:
        fig.add_bar(
            x=x, y=current, name=str(year), marker={"color": COLORS["actual"]}, hovertemplate=_hover(unit)
        )  # fmt: skip
    else:
        fig.add_scatter(
            x=x, y=current, name=str(year), mode="lines+markers",
            line={"color": COLORS["actual"], "dash": DASH["actual"], "width": 3}, hovertemplate=_hover(unit),
        )  # fmt: skip
    has_previous = any(v is not None for v in previous)
    if has_previous:
        fig.add_scatter(
            x=x, y=previous, name=str(year - 1), mode="lines+markers", marker={"symbol": "square"},
            line={"color": COLORS["comparison"], "dash": DASH["comparison"]}, hovertemplate=_hover(unit),
        )  # fmt: skip
    target = progress.target
    needed = None
    if target is not None and measure.kind == STOCK:
        needed = [float(target.value)] * 12
        fig.add_scatter(
            x=x, y=needed, name=f"doel eind {year}", mode="lines",
            line={"color": COLORS["target"], "dash": DASH["target"]}, hovertemplate=_hover(unit),
        )  # fmt: skip
    elif target is not None and progress.span:
        # The steps of the due line, so a seasonal profile shows here exactly as the status counts it.
        needed = analytics.monthly_due(target, months)
        fig.add_scatter(
            x=x, y=needed, name="nodig per maand naar rato", mode="lines",
            line={"color": COLORS["target"], "dash": DASH["target"]}, hovertemplate=_hover(unit),
        )  # fmt: skip
    year_notes = [n for n in block.get("notes", []) if n.month.year == year]
    marked = [n for n in year_notes if current[n.month.month - 1] is not None]
    if marked:
        fig.add_scatter(
            x=[x[n.month.month - 1] for n in marked], y=[current[n.month.month - 1] for n in marked],
            name="notitie (★)", mode="markers",
            marker={"symbol": "star", "size": 14, "color": COLORS["neutral"], "line": {"width": 1, "color": "#FFFFFF"}},
            # Plotly reads hover text as markup: escape it so a note is shown as typed.
            hovertext=[escape(n.text) for n in marked], hovertemplate="%{hovertext}<extra>notitie</extra>",
        )  # fmt: skip
    fig.update_layout(**_layout(yaxis=_value_axis(unit)))

    name = _lower(measure.name)
    last = current[as_of.month - 1] if as_of.year == year else None
    last_text = (current_hidden[as_of.month - 1] if as_of.year == year else None) or _fmt(last, unit)
    if measure.kind == FLOW:
        same_end = Month(year - 1, as_of.month)
        same_months = analytics.period_sum(series, Month(year - 1, 1), same_end)
        this_year = analytics.period_sum(series, Month(year, 1), as_of)
        this_year_text = (shield and shield.running(Month(year, 1), as_of)) or _fmt(this_year, unit)
        sentence = f"{as_of.label.capitalize()}: {last_text} {name}; januari tot en met {as_of.label}: {this_year_text}"
        if same_months is not None:
            same_text = (shield and shield.running(Month(year - 1, 1), same_end)) or _fmt(same_months, unit)
            sentence += f", tegen {same_text} in dezelfde maanden van {year - 1}"
        sentence += "."
    else:
        sentence = f"Eind {as_of.label}: {last_text} {name}"
        if target is not None:
            sentence += f", tegenover een doel van {_fmt(float(target.value), unit)} voor eind {year}"
        sentence += "."
    columns = ["Maand", str(year), str(year - 1)]
    if needed is not None:
        columns.append("Doel eind jaar" if measure.kind == STOCK else "Nodig per maand naar rato")
    rows = []
    for i, month in enumerate(months):
        row = [month.label, current_hidden[i] or _fmt(current[i], unit), previous_hidden[i] or _fmt(previous[i], unit)]
        if needed is not None:
            row.append(_fmt(needed[i], unit))
        rows.append(row)
    notes = {}
    if progress.is_official:
        notes["official"] = official_total_note(progress, series, block.get("synthetic_months", set()), year)
    notes.update({f"note-{i}": f"Notitie {n.month.label}: {n.text}" for i, n in enumerate(year_notes)})
    return chart(
        f"maand-{measure.slug}",
        f"{measure.name} per maand, {year}" + (f" naast {year - 1}" if has_previous else ""),
        sentence,
        fig,
        columns,
        rows,
        notes=notes,
    )


def official_total_note(progress, series, synthetic_months, year: int) -> str:
    """Return how an official yearly total relates to the months shown, worded from the months' origin."""
    unit, months = progress.unit, analytics.year_months(year)
    present = [m for m in months if m in series]
    demo = [m for m in present if m in synthetic_months]
    if present and len(demo) == len(present):
        kind = "demowaarden"
    elif demo:
        kind = "deels demowaarden"
    else:
        kind = "geregistreerde waarden"
    total = analytics.period_sum(series, months[0], months[-1])
    if total is not None and round(total, 2) == round(float(progress.value), 2):
        adds_up = " die daar precies op uitkomen"
    elif total is not None:
        adds_up = f", samen {_fmt(total, unit)}"
    else:
        adds_up = ""
    official = f"Het jaartotaal {_fmt(progress.value, unit)} is officieel ({progress.official_source})"
    return f"{official}; de maanden zijn {kind}{adds_up}."


def target_marker(target) -> str:
    """Return what a target line's name adds about where the target comes from ('' when published)."""
    if target is None or target.is_published:
        return ""
    return " (demodoel)" if target.provenance == Provenance.SYNTHETIC else f" ({target.get_provenance_display()})"


def cumulative_chart(block: dict, year: int) -> Chart | None:
    """Return a flow's running total against the target line (None for stocks and ratios)."""
    measure, progress = block["measure"], block["progress"]
    if measure.kind != FLOW:
        return None
    unit, series, target, shield = measure.unit, block["series"], progress.target, block.get("shield")
    multi_year = target is not None and (target.start_month.year != year or target.end_month.year != year)
    months = month_range(target.start_month, target.end_month) if multi_year else analytics.year_months(year)
    as_of = progress.as_of or months[-1]
    current = analytics.running_total([series.get(m) if m <= as_of else None for m in months])
    # For a reader, withheld points of the running total are left out: two neighbours would give a month away.
    current_hidden = [shield.running(months[0], m) if shield else None for m in months]
    current = _without(current, current_hidden)
    due = analytics.due_line(target, months)
    x = _months_axis(months, with_year=multi_year)
    fig = go.Figure()
    fig.add_scatter(
        x=x, y=current, name=f"{year}, opgeteld" if not multi_year else "opgeteld sinds de start",
        mode="lines+markers", line={"color": COLORS["actual"], "dash": DASH["actual"], "width": 3},
        hovertemplate=_hover(unit),
    )  # fmt: skip
    previous = None
    previous_hidden = [None] * len(months)
    if not multi_year:
        previous = analytics.running_total(analytics.monthly_values(series, year - 1))
        previous = previous if any(v is not None for v in previous) else None
        earlier = analytics.year_months(year - 1)
        previous_hidden = [shield.running(earlier[0], m) if shield else None for m in earlier]
        previous = _without(previous, previous_hidden) if previous else None
    if previous:
        fig.add_scatter(
            x=x, y=previous, name=f"{year - 1}, opgeteld", mode="lines", marker={"symbol": "square"},
            line={"color": COLORS["comparison"], "dash": DASH["comparison"]}, hovertemplate=_hover(unit),
        )  # fmt: skip
    if target is not None:
        label = "doel naar rato" + target_marker(target)
        fig.add_scatter(
            x=x, y=due, name=label, mode="lines",
            line={"color": COLORS["target"], "dash": DASH["target"]}, hovertemplate=_hover(unit),
        )  # fmt: skip
    originals = [(original, analytics.due_line(original, months)) for original in block.get("revised", [])]
    for original, original_due in originals:
        # What was promised before the revision stays visible, fainter and with its own dash.
        fig.add_scatter(
            x=x, y=original_due, name=f"oorspronkelijk doel {_fmt(float(original.value), unit)} (herzien)",
            mode="lines", opacity=0.6, line={"color": COLORS["revised"], "dash": "longdashdot", "width": 2},
            hovertemplate=_hover(unit),
        )  # fmt: skip
    fig.update_layout(**_layout(yaxis=_value_axis(unit)))

    period = f"{progress.start.label if progress.start else ''} tot en met {as_of.label}"
    if progress.value is None:
        sentence = f"Nog geen cijfers voor {_lower(measure.name)} in deze periode."
    elif isinstance(progress.value, Withheld):
        sentence = f"Van {period}: {progress.value} opgeteld; zo'n klein aantal wordt niet precies getoond"
        sentence += f", tegenover een doel van {_fmt(float(target.value), unit)}." if target is not None else "."
    elif target is None:
        sentence = f"Van {period}: {_fmt(progress.value, unit)} opgeteld; er is geen doel vastgelegd."
    else:
        sentence = (
            f"Van {period}: {_fmt(progress.value, unit)}, {format_percent(progress.share_of_due)} van de "
            f"{_fmt(progress.due, unit)} die naar rato verwacht mocht worden en "
            f"{format_percent(progress.share_of_target)} van het doel van {_fmt(float(target.value), unit)}."
        )
    columns = ["Maand", "Opgeteld"] + ([f"{year - 1}, opgeteld"] if previous else []) + ["Doel naar rato"]
    columns += [f"Oorspronkelijk doel {_fmt(float(o.value), unit)} naar rato (herzien)" for o, _ in originals]
    rows = []
    for i, month in enumerate(months):
        row = [month.label, current_hidden[i] or _fmt(current[i], unit)]
        if previous:
            row.append(previous_hidden[i] or _fmt(previous[i], unit))
        row.append(_fmt(due[i], unit))
        row += [_fmt(original_due[i], unit) for _, original_due in originals]
        rows.append(row)
    notes = {
        f"revision-{o.pk}": f"Het doel is herzien van {_fmt(float(o.value), unit)} naar "
        f"{_fmt(float(o.revised_by.value), unit)}"
        f"{' (bron: ' + str(o.revised_by.source) + ')' if o.revised_by.source else ''}: {o.revised_by.revision_reason}"
        for o, _ in originals
    }
    title = f"{measure.name} opgeteld " + ("over de looptijd" if multi_year else f"in {year}") + " tegenover het doel"
    return chart(f"opgeteld-{measure.slug}", title, sentence, fig, columns, rows, notes=notes)


def coverage_chart(block: dict, year: int) -> Chart:
    """Return a coverage ratio over its window against the straight line to 100% at the deadline."""
    measure, progress = block["measure"], block["progress"]
    series, target = block["series"], progress.target
    unit = measure.unit
    months = month_range(target.start_month, target.end_month) if target is not None else analytics.year_months(year)
    as_of = progress.as_of or months[0]
    actual = [series.get(m) if m <= as_of else None for m in months]
    due = analytics.due_line(target, months)
    x = _months_axis(months, with_year=True)
    fig = go.Figure()
    fig.add_scatter(
        x=x, y=actual, name="bereik", mode="lines+markers",
        line={"color": COLORS["actual"], "dash": DASH["actual"], "width": 3}, hovertemplate=_hover(unit),
    )  # fmt: skip
    if target is not None:
        fig.add_scatter(
            x=x, y=due, name=f"naar rato op weg naar {format_percent(float(target.value))}", mode="lines",
            line={"color": COLORS["target"], "dash": DASH["target"]}, hovertemplate=_hover(unit),
        )  # fmt: skip
    fig.update_layout(**_layout(yaxis=_value_axis(unit)))
    if progress.value is None:
        sentence = "Nog geen bereik te berekenen: teller of noemer ontbreekt."
    else:
        sentence = f"Eind {as_of.label}: {_fmt(progress.value, unit)} van de groep in sporen 4 en 5 gesproken"
        if target is not None:
            sentence += (
                f"; naar rato ({progress.elapsed} van de {progress.span} maanden) was "
                f"{_fmt(progress.due, unit)} verwacht, {format_percent(float(target.value))} eind "
                f"{target.end_month.label}"
            )
        sentence += "."
    rows = [[m.label, _fmt(a, unit), _fmt(d, unit)] for m, a, d in zip(months, actual, due, strict=True)]
    return chart(
        f"maand-{measure.slug}",
        f"{measure.name} binnen de termijn",
        sentence,
        fig,
        ["Maand", "Bereik", "Naar rato verwacht"],
        rows,
        notes={
            "definition": "Bereik = gesproken personen ÷ personen in sporen 4 en 5 bij de start, per maand berekend."
        },
    )


def _shown(row: dict, unit: str) -> str:
    """Return a neighbourhood value as published: masked when disclosure control hid it."""
    return row["shown"] if "shown" in row else _fmt(row["value"], unit)


def _area_label(row: dict) -> str:
    return f"{row['area']} (focuswijk)" if row["is_focus"] else row["area"]


def area_chart(block: dict, start: Month, end: Month) -> Chart | None:
    """Return a measure recorded per neighbourhood as a bar per neighbourhood (None if not per area)."""
    measure, rows = block["measure"], block["area_rows"]
    if not measure.by_area:
        return None
    unit = measure.unit
    end = block.get("area_end") or end
    # A value masked for disclosure control gets no bar: its length would give it away.
    ordered = sorted((r for r in rows if not r.get("hidden")), key=lambda r: r["value"])
    fig = go.Figure(
        go.Bar(
            x=[r["value"] for r in ordered],
            y=[_area_label(r) for r in ordered],
            orientation="h",
            marker={"color": COLORS["actual"]},
            name=measure.name,
            hovertemplate="%{y}: " + _hover(unit, "x") + "<extra></extra>",
        )
    )
    fig.update_layout(
        **_layout(
            height=max(300, 22 * len(ordered) + 90),
            margin={"l": 210},
            yaxis={"tickformat": "", "automargin": True},
            xaxis={"tickformat": ",d", "showgrid": True, "gridcolor": "#E6E6E6"},
            showlegend=False,
            hovermode="closest",
        )
    )
    if measure.kind == STOCK:
        period = f"eind {end.label}"  # a stock is the standing at the period's end, never a sum of months
    elif start.month == 1:
        period = f"januari tot en met {end.label}"
    else:
        period = f"{start.label} tot en met {end.label}"
    if ordered:
        top = ordered[-1]
        shield = block.get("shield")
        total = (shield and shield.period(start, end)) or _fmt(sum(r["value"] for r in rows), unit)
        sentence = (
            f"{period.capitalize()}: de meeste {_lower(measure.name)} in {top['area']} "
            f"({_fmt(top['value'], unit)}), van {total} in alle wijken samen."
        )
    elif rows:
        sentence = f"{period.capitalize()}: de aantallen per wijk zijn te klein om te tonen."
    else:
        sentence = f"{period.capitalize()}: nog geen cijfers per wijk."
    table = [[_area_label(r), _shown(r, unit)] for r in sorted(rows, key=lambda r: r["order"])]
    return chart(
        f"wijk-{measure.slug}",
        f"{measure.name} per wijk, {period}",
        sentence,
        fig,
        ["Wijk", measure.name],
        table,
    )


def outcomes_chart(outcomes: dict) -> Chart | None:
    """Return per neighbourhood the key output beside its outflow to work (a dot per neighbourhood)."""
    if not outcomes["available"] or not outcomes["rows"]:
        return None
    measure = outcomes["measures"][outcomes["key_index"]]
    index, unit = outcomes["key_index"], measure.unit
    rows = outcomes["rows"]
    # A neighbourhood with a masked count on either axis is left out of the plot; the table shows the marker.
    plotted = [r for r in rows if not (r["hidden"][index] if "hidden" in r else False) and not r.get("outflow_hidden")]
    fig = go.Figure()
    for is_focus, name, symbol, color in (
        (True, "focuswijk", "diamond", COLORS["actual"]),
        (False, "andere wijk", "circle", COLORS["projection"]),
    ):
        group = [r for r in plotted if r["is_focus"] == is_focus]
        fig.add_scatter(
            x=[r["values"][index] for r in group],
            y=[r["outflow_to_work"] for r in group],
            text=[r["area"] for r in group],
            mode="markers",
            name=name,
            marker={"symbol": symbol, "size": 12, "color": color, "line": {"width": 1, "color": "#1A1A1A"}},
            hovertemplate="%{text}<br>" + measure.name + ": %{x:,.0f}<br>uitstroom naar werk: %{y:,.0f}<extra></extra>",
        )
    fig.update_layout(
        **_layout(
            xaxis={"title": {"text": measure.name}, "tickformat": ",d", "showgrid": True, "gridcolor": "#E6E6E6"},
            yaxis={"title": {"text": "Uitstroom naar werk"}, "rangemode": "tozero"},
            hovermode="closest",
            margin={"b": 90},
            legend={"y": -0.3},
        )
    )
    period = f"januari tot en met {outcomes['end'].label}"
    if plotted:
        top_output = max(plotted, key=lambda r: r["values"][index])
        top_outflow = max(plotted, key=lambda r: r["outflow_to_work"] or 0)
        sentence = (
            f"{period.capitalize()}: de meeste {_lower(measure.name)} in {top_output['area']} "
            f"({_fmt(top_output['values'][index], unit)}), de meeste uitstroom naar werk in {top_outflow['area']} "
            f"({_fmt(top_outflow['outflow_to_work'], 'count')})."
        )
    else:
        sentence = f"{period.capitalize()}: de aantallen per wijk zijn te klein om te tonen."
    table = [
        [
            _area_label(r),
            r["shown"][index] if "shown" in r else _fmt(r["values"][index], unit),
            r.get("outflow_shown", _fmt(r["outflow_to_work"], "count")),
        ]
        for r in rows
    ]
    return chart(
        "naast-uitkomst",
        f"{measure.name} en uitstroom naar werk per wijk, {period}",
        sentence,
        fig,
        ["Wijk", measure.name, "Uitstroom naar werk"],
        table,
        notes={
            "no-causality": "De twee cijfers staan naast elkaar om te zien waar inzet en uitstroom samenvallen. "
            "Ze laten geen oorzaak en gevolg zien: uitstroom naar werk hangt van veel meer af."
        },
    )


def status_label(status: str | None) -> str:
    return TRACK_LABELS.get(status, analytics.NO_STATUS_LABEL)
