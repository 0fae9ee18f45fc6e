"""The figures table: one row per area and month, the four indicators side by side."""

import django_tables2 as tables
from django.template.loader import render_to_string

from monitoring.models import FigureStatus
from monitoring.targets.notes import export_notes
from nprz_dashboard.periods import Month

from .selectors import DEMO_STATUS, STATUS_RANK

# The label of the least final status in a row of figures, by its rank.
RANK_LABELS = {rank: FigureStatus(status).label for status, rank in STATUS_RANK.items()}
VALUE_CELL = "monitoring/caseload/figures_value_cell.html"


def origin_label(record: dict) -> str:
    """Return where a row's values come from, e.g. 'officieel + synthetisch (demo)'."""
    parts = [
        label
        for key, label in (
            ("has_official", "officieel"),
            ("has_registered", "registratie"),
            ("has_synthetic", "synthetisch (demo)"),
        )
        if record[key]
    ]
    return " + ".join(parts)


class ValueColumn(tables.Column):
    """A figure in Dutch notation, marked ◆ with its source when it is official; raw in exports."""

    def __init__(self, verbose_name: str, indicator: str):
        super().__init__(
            verbose_name, accessor=indicator, default="–", attrs={"th": {"class": "num"}, "td": {"class": "num"}}
        )
        self.indicator = indicator

    def render(self, value, record):
        context = {
            "value": value,
            "hidden": record.get(f"{self.indicator}_hidden", False),
            "official": record[f"{self.indicator}_official"],
            "source": record["source"],
        }
        return render_to_string(VALUE_CELL, context)

    def value(self, value):
        return value


class FigureTable(tables.Table):
    area = tables.Column("Gebied", accessor="area_name", order_by=("area_order",))
    area_code = tables.Column("Gebiedscode", visible=False)
    month = tables.Column("Maand", accessor="month_start", order_by=("month_start",))
    caseload = ValueColumn("Bijstandsuitkeringen", "caseload")
    inflow = ValueColumn("Instroom", "inflow")
    outflow = ValueColumn("Uitstroom", "outflow")
    outflow_to_work = ValueColumn("Uitstroom naar werk", "outflow_to_work")
    status = tables.Column("Status", accessor="status_rank", empty_values=())
    origin = tables.Column("Herkomst", accessor="has_official", orderable=False)
    source = tables.Column("Bron officiële waarden", visible=False)
    annotation = tables.Column("Notitie", accessor="area_code", orderable=False)

    class Meta:
        attrs = {"class": "figures-table"}
        per_page = 50
        order_by = ("-month", "area")
        empty_text = "Geen cijfers voor deze selectie."

    caption = "Bijstandscijfers per gebied en maand"

    def notes(self) -> dict:
        """Return the chart notes by (area code, month), loaded once per table (one query)."""
        if not hasattr(self, "_notes"):
            self._notes = export_notes()
        return self._notes

    def render_annotation(self, record):
        return self.notes().get((record["area_code"], Month.of(record["month_start"])), "")

    def value_annotation(self, record):
        return self.render_annotation(record)

    def render_month(self, value):
        return Month.of(value).label

    def value_month(self, value):
        return Month.of(value).key  # sortable in a spreadsheet: 2025-01

    def render_status(self, value, record):
        # A row of demo values only has no status: "voorlopig" and "definitief" are for real figures.
        if value is None and record["has_synthetic"]:
            return DEMO_STATUS
        return RANK_LABELS.get(value, "")

    def value_status(self, value, record):
        return self.render_status(value, record)

    def render_origin(self, record):
        return origin_label(record)

    def value_origin(self, record):
        return origin_label(record)
