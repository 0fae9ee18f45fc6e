"""Chart defaults and the container every chart is handed to templates in.

Figures are plain plotly.js data — {"data": [traces], "layout": {...}} — built
in each app's chart modules (pure functions: data in, figure out); building
them through plotly.py's validating objects cost about 20 ms a chart on every
page. `chart()` wraps one with its heading, its one-sentence conclusion and
the same numbers as a table, as the design requires.
"""

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field

# Each colour has at least 3:1 contrast on white, and each role also has its
# own dash or marker so nothing depends on colour alone. A target is neutral
# (slate), not red: a target is not an error.
COLORS = {
    "actual": "#00711B",  # Rotterdam green, darkened for contrast
    "target": "#37474F",
    "warning": "#B3261E",  # status "niet op koers" only
    "revised": "#C77700",
    "derived": "#505050",
    "projection": "#1F5F99",
    "comparison": "#7A4A9E",
    "neutral": "#2B2B2B",
    "forecast": "#7A4A9E",  # the forecast's middle line; its bands are the same colour, translucent
    "scenario": "#8A5A00",
}
SERIES_COLORS = ["#00711B", "#1F5F99", "#B3261E", "#7A4A9E", "#8A5A00", "#505050"]
DASH = {"actual": "solid", "target": "dash", "derived": "dashdot", "projection": "dot", "comparison": "longdash",
        "forecast": "longdash", "scenario": "longdash"}  # fmt: skip
FONT = "Segoe UI, Helvetica Neue, Arial, sans-serif"
# A published target: a short horizontal bar at its deadline, like a level to stay under, in slate.
TARGET_MARKER = {"symbol": "line-ew-open", "size": 22, "color": COLORS["target"], "line": {"width": 4}}


def base_layout(**overrides) -> dict:
    """Return the layout every chart starts from: Dutch separators, quiet grid, legend below."""
    layout = {
        "separators": ",.",
        "font": {"family": FONT, "size": 14, "color": "#1A1A1A"},
        "margin": {"l": 64, "r": 24, "t": 16, "b": 48},
        "height": 360,
        "hovermode": "x unified",
        # The legend below the plot, under the x axis and its title: plotly makes room for it (automargin).
        "legend": {"orientation": "h", "x": 0, "xref": "container", "y": 0, "yref": "container", "yanchor": "bottom"},
        # automargin keeps axis titles and tick labels inside the chart on a narrow (390 px) screen.
        "xaxis": {"showgrid": False, "linecolor": "#767676", "automargin": True},
        "yaxis": {"gridcolor": "#E6E6E6", "tickformat": ",d", "zeroline": False, "automargin": True},
        "plot_bgcolor": "#FFFFFF",
        "paper_bgcolor": "#FFFFFF",
    }
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(layout.get(key), dict):
            layout[key] = {**layout[key], **value}
        else:
            layout[key] = value
    return layout


def show_window(figure: dict, start: str, end: str) -> dict:
    """Show only start..end (ISO dates) of a time chart, its y-axis fitted to what is shown there.

    Plotly fits the y-axis to every point, also those outside the x range: a
    2031 target would stretch a chart of 2024–2025 down to 10.000.
    """
    shown = [
        y
        for trace in figure["data"]
        for x, y in zip(trace.get("x") or [], trace.get("y") or [], strict=False)
        if x is not None and y is not None and start <= x <= end
    ]
    figure["layout"]["xaxis"] = {**figure["layout"].get("xaxis", {}), "range": [start, end]}
    if shown:
        low, high = min(shown), max(shown)
        pad = max((high - low) * 0.1, 1)
        figure["layout"]["yaxis"] = {**figure["layout"].get("yaxis", {}), "range": [low - pad, high + pad]}
    return figure


def figure(traces: list[dict], layout: dict) -> dict:
    """Return a figure as the plain data plotly.js draws and `json_script` writes."""
    return {"data": list(traces), "layout": layout}


def axis_title(text: str) -> dict:
    """Return an axis title; every axis says what it counts and in which unit."""
    return {"title": {"text": text}}


@dataclass(frozen=True)
class Noted:
    """A table cell with a long explanation (a source, a note): the cell shows `text` and the note's number,
    the note itself goes under the table, so no column grows wider than a page or a phone."""

    text: str
    note: str


def numbered(rows) -> tuple[list[list[str]], list[str]]:
    """Return the rows with each Noted cell as 'text (n)', and the notes in number order (one number per text)."""
    notes: dict[str, int] = {}
    plain = []
    for row in rows:
        cells = []
        for cell in row:
            if isinstance(cell, Noted):
                number = notes.setdefault(cell.note, len(notes) + 1)
                cell = f"{cell.text} ({number})" if cell.text else f"({number})"
            cells.append(cell)
        plain.append(cells)
    return plain, list(notes)


@dataclass
class Chart:
    """A chart with what makes it readable without seeing it.

    `columns` and `rows` hold the chart's numbers already formatted in Dutch;
    the template shows them as an accessible table under "Toon tabel", with the
    long texts of its cells as numbered `footnotes` under it. `notes` are keyed
    by what they explain ("glide", "projection", ...), so a caller replaces or
    drops a note by name, never by its place in a list.
    """

    id: str
    title: str
    sentence: str
    figure: dict
    columns: list[str]
    rows: list[list[str]]
    caption: str = ""
    notes: dict[str, str] = field(default_factory=dict)
    footnotes: list[str] = field(default_factory=list)

    @property
    def data_id(self) -> str:
        return f"{self.id}-data"

    def snapshot(self, filename: str) -> dict:
        """Return the chart as plain JSON-ready data for a report snapshot, with its download file name."""
        data = asdict(self)
        data["data_id"] = self.data_id
        data["filename"] = filename
        return data


def chart(
    id: str, title: str, sentence: str, figure: dict, columns, rows, caption="", notes: Mapping[str, str] = ()
) -> Chart:
    """Bundle a figure (see `figure`) with its heading, sentence, table and named notes for the template.

    A cell may be a `Noted`: its long text becomes a numbered footnote under the table.
    """
    plain, footnotes = numbered(rows)
    return Chart(
        id=id,
        title=title,
        sentence=sentence,
        figure=figure,
        columns=list(columns),
        rows=plain,
        caption=caption or title,
        notes={key: text for key, text in dict(notes).items() if text},
        footnotes=footnotes,
    )
