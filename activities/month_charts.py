"""One measure over its months: the months of a year beside the previous year, the running total, coverage.

Pure functions, data in, chart out. Actuals solid, targets dashed, the
previous year long-dashed; every chart comes with a one-sentence conclusion
and its numbers as a table.
"""

from __future__ import annotations

from html import escape

from nprz_dashboard.charts import COLORS, DASH, Chart, chart, figure
from nprz_dashboard.disclosure import Withheld
from nprz_dashboard.formatting import format_percent
from nprz_dashboard.periods import FLOW, RATIO, STOCK, Month, month_range

from . import analytics
from .chart_style import (
    axis_text,
    fmt,
    hidden_months,
    hover,
    layout,
    lower,
    months_axis,
    per_period,
    scatter,
    target_marker,
    value_axis,
    without,
)


def monthly_chart(block: dict, year: int) -> Chart:
    """Return a measure's months in `year` beside the previous year (a ratio: its whole window)."""
    measure, progress = block["measure"], block["progress"]
    if measure.kind == RATIO:
        return coverage_chart(block, year)
    unit, series, shield = measure.unit, block["series"], block.get("shield")
    as_of = progress.as_of or Month(year, 12)
    months = analytics.year_months(year)
    # For a reader, months withheld by disclosure control get no bar or point, and their marker in the table.
    current_hidden = hidden_months(shield, months)
    previous_hidden = hidden_months(shield, analytics.year_months(year - 1))
    current = without(analytics.monthly_values(series, year, until=as_of), current_hidden)
    previous = without(analytics.monthly_values(series, year - 1), previous_hidden)
    x = months_axis(months, with_year=False)
    traces = []
    if measure.kind == FLOW:
        traces.append({"type": "bar", "x": x, "y": current, "name": str(year), "marker": {"color": COLORS["actual"]},
                       "hovertemplate": hover(unit)})  # fmt: skip
    else:
        traces.append(scatter(x, current, str(year), COLORS["actual"], width=3, mode="lines+markers",
                              hovertemplate=hover(unit)))  # fmt: skip
    has_previous = any(v is not None for v in previous)
    if has_previous:
        traces.append(scatter(x, previous, str(year - 1), COLORS["comparison"], DASH["comparison"],
                              mode="lines+markers", marker={"symbol": "square"},
                              hovertemplate=hover(unit)))  # fmt: skip
    target = progress.target
    needed = None
    if target is not None and measure.kind == STOCK:
        needed = [float(target.value)] * 12
        traces.append(scatter(x, needed, f"doel eind {year}{target_marker(target)}", COLORS["target"],
                              DASH["target"], hovertemplate=hover(unit)))  # fmt: skip
    elif target is not None and progress.span:
        # The steps of the due line, so a seasonal profile shows here exactly as the status counts it.
        needed = analytics.monthly_due(target, months)
        traces.append(scatter(x, needed, f"nodig per maand naar rato{target_marker(target)}", COLORS["target"],
                              DASH["target"], hovertemplate=hover(unit)))  # fmt: skip
    year_notes = [n for n in block.get("notes", []) if n.month.year == year]
    marked = [n for n in year_notes if current[n.month.month - 1] is not None]
    if marked:
        traces.append(
            {
                "type": "scatter", "mode": "markers", "name": "notitie (★)",
                "x": [x[n.month.month - 1] for n in marked], "y": [current[n.month.month - 1] for n in marked],
                "marker": {"symbol": "star", "size": 14, "color": COLORS["neutral"],
                           "line": {"width": 1, "color": "#FFFFFF"}},
                # Plotly reads hover text as markup: escape it so a note is shown as typed.
                "hovertext": [escape(n.text) for n in marked], "hovertemplate": "%{hovertext}<extra>notitie</extra>",
            }
        )  # fmt: skip
    axis = value_axis(unit, axis_text(measure.name, per_period(measure.kind), unit))
    fig = figure(traces, layout(yaxis=axis, xaxis={"title": {"text": f"maand ({year})"}}))

    name = lower(measure.name)
    last = current[as_of.month - 1] if as_of.year == year else None
    last_text = (current_hidden[as_of.month - 1] if as_of.year == year else None) or fmt(last, unit)
    if measure.kind == FLOW:
        same_end = Month(year - 1, as_of.month)
        same_months = analytics.period_sum(series, Month(year - 1, 1), same_end)
        this_year = analytics.period_sum(series, Month(year, 1), as_of)
        this_year_text = (shield and shield.running(Month(year, 1), as_of)) or fmt(this_year, unit)
        sentence = f"{as_of.label.capitalize()}: {last_text} {name}; januari tot en met {as_of.label}: {this_year_text}"
        if same_months is not None:
            same_text = (shield and shield.running(Month(year - 1, 1), same_end)) or fmt(same_months, unit)
            sentence += f", tegen {same_text} in dezelfde maanden van {year - 1}"
        sentence += "."
    else:
        sentence = f"Eind {as_of.label}: {last_text} {name}"
        if target is not None:
            sentence += f", tegenover een doel van {fmt(float(target.value), unit)} voor eind {year}"
        sentence += "."
    columns = ["Maand", str(year), str(year - 1)]
    if needed is not None:
        columns.append("Doel eind jaar" if measure.kind == STOCK else "Nodig per maand naar rato")
    rows = []
    for i, month in enumerate(months):
        row = [month.label, current_hidden[i] or fmt(current[i], unit), previous_hidden[i] or fmt(previous[i], unit)]
        if needed is not None:
            row.append(fmt(needed[i], unit))
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
        adds_up = f", samen {fmt(total, unit)}"
    else:
        adds_up = ""
    official = f"Het jaartotaal {fmt(progress.value, unit)} is officieel ({progress.official_source})"
    return f"{official}; de maanden zijn {kind}{adds_up}."


def _cumulative_sentence(measure, progress, target, period: str) -> str:
    unit = measure.unit
    if progress.value is None:
        return f"Nog geen cijfers voor {lower(measure.name)} in deze periode."
    if isinstance(progress.value, Withheld):
        sentence = f"Van {period}: {progress.value} opgeteld; zo'n klein aantal wordt niet precies getoond"
        return sentence + (f", tegenover een doel van {fmt(float(target.value), unit)}." if target else ".")
    if target is None:
        return f"Van {period}: {fmt(progress.value, unit)} opgeteld; er is geen doel vastgelegd."
    return (
        f"Van {period}: {fmt(progress.value, unit)}, {format_percent(progress.share_of_due)} van de "
        f"{fmt(progress.due, unit)} die naar rato verwacht mocht worden en "
        f"{format_percent(progress.share_of_target)} van het doel van {fmt(float(target.value), unit)}."
    )


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
    current = without(current, current_hidden)
    due = analytics.due_line(target, months)
    x = months_axis(months, with_year=multi_year)
    traces = [
        scatter(x, current, f"{year}, opgeteld" if not multi_year else "opgeteld sinds de start", COLORS["actual"],
                width=3, mode="lines+markers", hovertemplate=hover(unit))
    ]  # fmt: skip
    previous = None
    previous_hidden = [None] * len(months)
    if not multi_year:
        previous = analytics.running_total(analytics.monthly_values(series, year - 1))
        previous = previous if any(v is not None for v in previous) else None
        earlier = analytics.year_months(year - 1)
        previous_hidden = [shield.running(earlier[0], m) if shield else None for m in earlier]
        previous = without(previous, previous_hidden) if previous else None
    if previous:
        traces.append(scatter(x, previous, f"{year - 1}, opgeteld", COLORS["comparison"], DASH["comparison"],
                              hovertemplate=hover(unit)))  # fmt: skip
    if target is not None:
        traces.append(scatter(x, due, "doel naar rato" + target_marker(target), COLORS["target"], DASH["target"],
                              hovertemplate=hover(unit)))  # fmt: skip
    originals = [(original, analytics.due_line(original, months)) for original in block.get("revised", [])]
    for original, original_due in originals:
        # What was promised before the revision stays visible, fainter and with its own dash.
        traces.append(scatter(x, original_due, f"oorspronkelijk doel {fmt(float(original.value), unit)} (herzien)",
                              COLORS["revised"], "longdashdot", opacity=0.6, hovertemplate=hover(unit)))  # fmt: skip
    axis = value_axis(unit, axis_text(measure.name, f"opgeteld sinds {months[0].short_label}", unit))
    x_title = "maand" if multi_year else f"maand ({year})"
    fig = figure(traces, layout(yaxis=axis, xaxis={"title": {"text": x_title}, "nticks": 8}))

    period = f"{progress.start.label if progress.start else ''} tot en met {as_of.label}"
    sentence = _cumulative_sentence(measure, progress, target, period)
    columns = ["Maand", "Opgeteld"] + ([f"{year - 1}, opgeteld"] if previous else []) + ["Doel naar rato"]
    columns += [f"Oorspronkelijk doel {fmt(float(o.value), unit)} naar rato (herzien)" for o, _ in originals]
    rows = []
    for i, month in enumerate(months):
        row = [month.label, current_hidden[i] or fmt(current[i], unit)]
        if previous:
            row.append(previous_hidden[i] or fmt(previous[i], unit))
        row.append(fmt(due[i], unit))
        row += [fmt(original_due[i], unit) for _, original_due in originals]
        rows.append(row)
    notes = {
        f"revision-{o.pk}": f"Het doel is herzien van {fmt(float(o.value), unit)} naar "
        f"{fmt(float(o.revised_by.value), unit)}"
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
    x = months_axis(months, with_year=True)
    traces = [scatter(x, actual, "bereik", COLORS["actual"], width=3, mode="lines+markers", hovertemplate=hover(unit))]
    if target is not None:
        traces.append(scatter(x, due, f"naar rato op weg naar {format_percent(float(target.value))}",
                              COLORS["target"], DASH["target"], hovertemplate=hover(unit)))  # fmt: skip
    axis = value_axis(unit, axis_text("bereik", "sporen 4 en 5", unit))
    fig = figure(traces, layout(yaxis=axis, xaxis={"title": {"text": "maand"}, "nticks": 8}))
    if progress.value is None:
        sentence = "Nog geen bereik te berekenen: teller of noemer ontbreekt."
    else:
        sentence = f"Eind {as_of.label}: {fmt(progress.value, unit)} van de groep in sporen 4 en 5 gesproken"
        if target is not None:
            sentence += (
                f"; naar rato ({progress.elapsed} van de {progress.span} maanden) was "
                f"{fmt(progress.due, unit)} verwacht, {format_percent(float(target.value))} eind "
                f"{target.end_month.label}"
            )
        sentence += "."
    rows = [[m.label, fmt(a, unit), fmt(d, unit)] for m, a, d in zip(months, actual, due, strict=True)]
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
