"""A measure per neighbourhood, and the key output beside the outflow to work per neighbourhood."""

from __future__ import annotations

from nprz_dashboard.charts import COLORS, Chart, chart, figure
from nprz_dashboard.periods import STOCK, Month

from .chart_style import axis_text, fmt, hover, layout, lower


def _shown(row: dict, unit: str) -> str:
    """Return a neighbourhood value as published: masked when disclosure control hid it."""
    return row["shown"] if "shown" in row else fmt(row["value"], unit)


def _area_label(row: dict) -> str:
    return f"{row['area']} (focuswijk)" if row["is_focus"] else row["area"]


def _period(kind: str, start: Month, end: Month) -> str:
    if kind == STOCK:
        return f"eind {end.label}"  # a stock is the standing at the period's end, never a sum of months
    if start.month == 1:
        return f"januari tot en met {end.label}"
    return f"{start.label} tot en met {end.label}"


def area_chart(block: dict, start: Month, end: Month) -> Chart | None:
    """Return a measure recorded per neighbourhood as a bar per neighbourhood (None if not per area)."""
    measure, rows = block["measure"], block["area_rows"]
    if not measure.by_area:
        return None
    unit = measure.unit
    end = block.get("area_end") or end
    # A value masked for disclosure control gets no bar: its length would give it away.
    ordered = sorted((r for r in rows if not r.get("hidden")), key=lambda r: r["value"])
    period = _period(measure.kind, start, end)
    bars = {
        "type": "bar", "orientation": "h", "x": [r["value"] for r in ordered], "y": [_area_label(r) for r in ordered],
        "marker": {"color": COLORS["actual"]}, "name": measure.name,
        "hovertemplate": "%{y}: " + hover(unit, "x") + "<extra></extra>",
    }  # fmt: skip
    fig = figure(
        [bars],
        layout(
            height=max(300, 22 * len(ordered) + 110),
            margin={"l": 24},
            yaxis={"tickformat": "", "automargin": True},
            xaxis={"tickformat": ",d", "showgrid": True, "gridcolor": "#E6E6E6", "rangemode": "tozero", "nticks": 5,
                   "title": {"text": axis_text(measure.name, "", unit)}},
            showlegend=False,
            hovermode="closest",
        ),
    )  # fmt: skip
    partial = block.get("area_partial")  # (shown, of how many) when the page shows some neighbourhoods only
    if ordered and partial:
        top = ordered[-1]
        sentence = (
            f"{period.capitalize()}: de meeste {lower(measure.name)} van deze {partial[0]} wijken "
            f"in {top['area']} ({fmt(top['value'], unit)})."
        )
    elif ordered:
        top = ordered[-1]
        shield = block.get("shield")
        total = (shield and shield.period(start, end)) or fmt(sum(r["value"] for r in rows), unit)
        sentence = (
            f"{period.capitalize()}: de meeste {lower(measure.name)} in {top['area']} "
            f"({fmt(top['value'], unit)}), van {total} in alle wijken samen."
        )
    elif rows:
        sentence = f"{period.capitalize()}: de aantallen per wijk zijn te klein om te tonen."
    else:
        sentence = f"{period.capitalize()}: nog geen cijfers per wijk."
    table = [[_area_label(r), _shown(r, unit)] for r in sorted(rows, key=lambda r: r["order"])]
    return chart(f"wijk-{measure.slug}", f"{measure.name} per wijk, {period}", sentence, fig,
                 ["Wijk", measure.name], table, notes={"shown": shown_note(partial)})  # fmt: skip


def shown_note(partial) -> str:
    """Say which neighbourhoods a chart shows when it shows some only ('' when it shows every one)."""
    if not partial:
        return ""
    shown, total = partial
    return (
        f"De grafiek en de tabel tonen {shown} van de {fmt(total, 'count')} wijken: de focuswijken en de "
        "eerste andere in de volgorde van de gebieden."
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
    traces = []
    for is_focus, name, symbol, color in (
        (True, "focuswijk", "diamond", COLORS["actual"]),
        (False, "andere wijk", "circle", COLORS["projection"]),
    ):
        group = [r for r in plotted if r["is_focus"] == is_focus]
        traces.append(
            {
                "type": "scatter", "mode": "markers", "name": name,
                "x": [r["values"][index] for r in group], "y": [r["outflow_to_work"] for r in group],
                "text": [r["area"] for r in group],
                "marker": {"symbol": symbol, "size": 12, "color": color, "line": {"width": 1, "color": "#1A1A1A"}},
                "hovertemplate": "%{text}<br>" + measure.name + ": %{x:,.0f}<br>uitstroom naar werk: %{y:,.0f}"
                "<extra></extra>",
            }
        )  # fmt: skip
    period = f"januari tot en met {outcomes['end'].label}"
    fig = figure(
        traces,
        layout(
            xaxis={"title": {"text": axis_text(measure.name, "", unit)}, "tickformat": ",d",
                   "showgrid": True, "gridcolor": "#E6E6E6", "rangemode": "tozero", "nticks": 5},
            yaxis={"title": {"text": "uitstroom naar werk (uitkeringen)"}, "rangemode": "tozero", "nticks": 6},
            hovermode="closest",
            margin={"b": 90},
            legend={"y": -0.3},
        ),
    )  # fmt: skip
    partial = outcomes.get("partial")
    if plotted:
        top_output = max(plotted, key=lambda r: r["values"][index])
        top_outflow = max(plotted, key=lambda r: r["outflow_to_work"] or 0)
        among = f" van deze {partial[0]} wijken" if partial else ""
        sentence = (
            f"{period.capitalize()}: de meeste {lower(measure.name)}{among} in {top_output['area']} "
            f"({fmt(top_output['values'][index], unit)}), de meeste uitstroom naar werk in {top_outflow['area']} "
            f"({fmt(top_outflow['outflow_to_work'], 'count')})."
        )
    else:
        sentence = f"{period.capitalize()}: de aantallen per wijk zijn te klein om te tonen."
    table = [
        [
            _area_label(r),
            r["shown"][index] if "shown" in r else fmt(r["values"][index], unit),
            r.get("outflow_shown", fmt(r["outflow_to_work"], "count")),
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
            "Ze laten geen oorzaak en gevolg zien: uitstroom naar werk hangt van veel meer af.",
            "shown": shown_note(partial),
        },
    )
