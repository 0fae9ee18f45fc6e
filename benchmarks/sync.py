"""`sync_cbs`: read the benchmark tables from CBS and store what changed.

Region codes come padded ("GM0599    ") and are stripped. A suppressed or empty
cell (None, ".", "x") is reported and never stored, and never as 0. Each value
keeps the CBS status of its period and the table it came from; services.py
stores new values, updates revised ones with their history and leaves the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from monitoring.models import Area, FigureStatus
from nprz_dashboard.periods import Month

from . import cbs
from .cbs_tables import BENEFITS, G4_CODES, MUNICIPAL_POPULATION, NEIGHBOURHOOD_TABLES, CbsTable, neighbourhood_table
from .models import BenchmarkOrigin, Region
from .services import Incoming, StoreResult, store_values

REASON = "CBS StatLine (sync_cbs)"
KEEP = (BenchmarkOrigin.IMPORTED,)  # an operator's own import (manage.py import_population) outranks CBS
SUPPRESSED = {"", ".", "x", "-"}
STATUSES = {
    "definitief": FigureStatus.FINAL,
    "nader voorlopig": FigureStatus.FURTHER_PROVISIONAL,
    "voorlopig": FigureStatus.PROVISIONAL,
}


class TableChanged(Exception):
    """A table lacks the topic or dimension the sync reads; the message is Dutch and lists what it has."""


@dataclass
class TableResult:
    """What one table gave: the store's counts and the cells left out because CBS suppressed them."""

    table: str
    stored: StoreResult = field(default_factory=StoreResult)
    suppressed: list[str] = field(default_factory=list)

    def line(self) -> str:
        s = self.stored
        kept = f", {s.kept} eigen import behouden" if s.kept else ""
        return (
            f"{self.table}: {s.new} nieuw, {s.changed} gewijzigd, {s.unchanged} ongewijzigd, "
            f"{len(self.suppressed)} onderdrukt{kept}"
        )


def period_month(key: str, kind: str) -> Month | None:
    """Return the month of a CBS period key of the table's kind (2026MM10; 2026JJ00 is 1 January), else None."""
    key = key.strip()
    if len(key) != 8 or key[4:6] != kind or not key[:4].isdigit() or not key[6:].isdigit():
        return None
    number = int(key[6:])
    if kind == "JJ":
        return Month(int(key[:4]), 1) if number == 0 else None
    return Month(int(key[:4]), number) if 1 <= number <= 12 else None


def period_statuses(rows: list[dict]) -> dict[str, str]:
    """Return the status of each period key from the period dimension ('Voorlopig', ...); unknown is provisional."""
    return {
        row["Key"].strip(): STATUSES.get(str(row.get("Status") or "").strip().lower(), FigureStatus.PROVISIONAL)
        for row in rows
    }


def cell_value(raw) -> int | None:
    """Return a cell as a count, or None when CBS left it empty or suppressed it."""
    if raw is None or (isinstance(raw, str) and raw.strip() in SUPPRESSED):
        return None
    try:
        return round(float(raw))
    except (TypeError, ValueError):  # anything but a number is no count: reported with the suppressed cells
        return None


def _check(table: CbsTable, data: dict[str, list[dict]]) -> None:
    properties = data.get("DataProperties", [])
    keys = {p.get("Key") for p in properties}
    if table.topic not in keys:
        topics = ", ".join(sorted(p["Key"] for p in properties if p.get("Type") == "Topic")) or "geen"
        raise TableChanged(f"{table.name} heeft geen onderwerp {table.topic}; wel: {topics}.")
    dimensions = [table.region_dimension, *table.fixed, *([table.period_dimension] if table.period_dimension else [])]
    missing = [d for d in dimensions if d not in keys]
    if missing:
        raise TableChanged(f"{table.name} heeft geen dimensie {', '.join(missing)}.")


def read_cells(table: CbsTable, data: dict[str, list[dict]], regions) -> tuple[list[tuple], list[str]]:
    """Return (region, month, value, status) per wanted cell, and the suppressed cells in words."""
    _check(table, data)
    statuses = period_statuses(data.get(table.period_dimension, [])) if table.period_dimension else {}
    cells, suppressed = [], []
    for row in data.get("TypedDataSet", []):
        region = str(row.get(table.region_dimension, "")).strip()
        if region not in regions or any(str(row.get(d, "")).strip() != key for d, key in table.fixed.items()):
            continue
        if table.period_dimension:
            period = str(row.get(table.period_dimension, "")).strip()
            month = period_month(period, table.period_kind)
            status = statuses.get(period, FigureStatus.PROVISIONAL)
        else:  # one table a year: inhabitants on 1 January, final when published
            month, status = Month(table.year, 1), FigureStatus.FINAL
        if month is None:
            continue
        value = cell_value(row.get(table.topic))
        if value is None:
            suppressed.append(f"{region} {month.label}")
            continue
        cells.append((region, month, value, status))
    return cells, suppressed


def _incoming(table: CbsTable, region: str, month: Month, value: int, status: str) -> Incoming:
    return Incoming(
        region=region,
        measure=table.measure,
        month=month,
        value=value,
        status=status,
        origin=BenchmarkOrigin.CBS,
        table_id=table.id,
        denominator=table.denominator,
    )


def _region_filter(dimension: str, codes) -> str:
    return "(" + " or ".join(f"substringof('{code}',{dimension})" for code in codes) + ")"


def sync_municipal(table: CbsTable) -> TableResult:
    """Read one municipal table for the G4 and store its values."""
    data = cbs.fetch(table.id, filters=_region_filter(table.region_dimension, G4_CODES))
    cells, suppressed = read_cells(table, data, set(G4_CODES))
    result = TableResult(table.name, suppressed=suppressed)
    result.stored = store_values([_incoming(table, *cell) for cell in cells], REASON, keep=KEEP)
    return result


def sync_neighbourhoods(year: int, table_id: str) -> TableResult:
    """Read a year's Kerncijfers wijken en buurten: Zuid's inhabitants are its districts' sum (all or none)."""
    table = neighbourhood_table(year, table_id)
    districts = list(Area.objects.districts().values_list("code", flat=True))
    data = cbs.fetch(table.id, filters=_region_filter(table.region_dimension, districts))
    cells, suppressed = read_cells(table, data, set(districts))
    result = TableResult(table.name, suppressed=suppressed)
    found = {region: value for region, _, value, _ in cells}
    if districts and set(found) == set(districts):
        incoming = _incoming(table, Region.NPRZ, Month(year, 1), sum(found.values()), FigureStatus.FINAL)
        result.stored = store_values([incoming], REASON, keep=KEEP)
    elif not suppressed:
        missing = ", ".join(sorted(set(districts) - set(found)))
        result.suppressed.append(f"{missing} {year}: niet in de tabel")
    return result


def sync_all(neighbourhood_tables: dict[int, str] | None = None) -> list[TableResult]:
    """Read every benchmark table from CBS; one table's values are stored in one transaction."""
    tables = NEIGHBOURHOOD_TABLES if neighbourhood_tables is None else neighbourhood_tables
    results = [sync_municipal(BENEFITS), sync_municipal(MUNICIPAL_POPULATION)]
    results += [sync_neighbourhoods(year, table_id) for year, table_id in sorted(tables.items())]
    return results
