"""Chart defaults and the container every chart is handed to templates in.

Figures are built with plotly in each app's charts.py (pure functions: data
in, figure out); `chart()` wraps one with its heading, its one-sentence
conclusion and the same numbers as a table, as the design requires.
"""

import json
from dataclasses import dataclass, field

import plotly.graph_objects as go

# Each colour has at least 3:1 contrast on white, and each role also has its
# own dash or marker so nothing depends on colour alone.
COLORS = {
    "actual": "#00711B",  # Rotterdam green, darkened for contrast
    "target": "#B3261E",
    "revised": "#C77700",
    "derived": "#505050",
    "projection": "#1F5F99",
    "comparison": "#7A4A9E",
    "neutral": "#2B2B2B",
}
SERIES_COLORS = ["#00711B", "#1F5F99", "#B3261E", "#7A4A9E", "#8A5A00", "#505050"]
DASH = {"actual": "solid", "target": "dash", "derived": "dashdot", "projection": "dot", "comparison": "longdash"}
FONT = "Segoe UI, Helvetica Neue, Arial, sans-serif"


def base_layout(**overrides) -> dict:
    """Return the layout every chart starts from: Dutch separators, quiet grid, legend below."""
    layout = {
        "separators": ",.",
        "font": {"family": FONT, "size": 14, "color": "#1A1A1A"},
        "margin": {"l": 64, "r": 24, "t": 16, "b": 48},
        "height": 360,
        "hovermode": "x unified",
        "legend": {"orientation": "h", "y": -0.18, "x": 0},
        "xaxis": {"showgrid": False, "linecolor": "#767676"},
        "yaxis": {"gridcolor": "#E6E6E6", "tickformat": ",d", "zeroline": False},
        "plot_bgcolor": "#FFFFFF",
        "paper_bgcolor": "#FFFFFF",
    }
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(layout.get(key), dict):
            layout[key] = {**layout[key], **value}
        else:
            layout[key] = value
    return layout


def figure_data(figure: go.Figure) -> dict:
    """Return a figure as plain JSON-ready data for `json_script`."""
    return json.loads(figure.to_json())


@dataclass
class Chart:
    """A chart with what makes it readable without seeing it.

    `columns` and `rows` hold the chart's numbers already formatted in Dutch;
    the template shows them as an accessible table under "Toon tabel".
    """

    id: str
    title: str
    sentence: str
    figure: dict
    columns: list[str]
    rows: list[list[str]]
    caption: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def data_id(self) -> str:
        return f"{self.id}-data"


def chart(id: str, title: str, sentence: str, figure: go.Figure, columns, rows, caption="", notes=None) -> Chart:
    """Bundle a plotly figure with its heading, sentence and table for the template."""
    return Chart(
        id=id,
        title=title,
        sentence=sentence,
        figure=figure_data(figure),
        columns=list(columns),
        rows=[list(r) for r in rows],
        caption=caption or title,
        notes=list(notes or []),
    )
