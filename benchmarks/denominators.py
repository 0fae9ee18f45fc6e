"""Which population each rate is divided by: region, inhabitants, year, source, CBS table and origin."""

from __future__ import annotations

from nprz_dashboard.formatting import format_number

from .analytics import Comparison
from .models import BenchmarkOrigin, Denominator, Region

ORDER = [Region.NPRZ, Region.ROTTERDAM, Region.AMSTERDAM, Region.DEN_HAAG, Region.UTRECHT]


def denominator_rows(comparison: Comparison) -> list[dict]:
    """Return the latest population of each region with where it comes from, for the page's table."""
    rows = []
    for region in ORDER:
        if region.value not in comparison.denominators:
            rows.append({"region": region.label, "missing": True})
            continue
        month, value = comparison.denominators[region.value]
        rows.append(
            {
                "region": region.label,
                "missing": False,
                "population": format_number(value.value),
                "year": month.year,
                "source": Denominator(value.denominator).label if value.denominator else "",
                "table_id": value.table_id,
                "origin": BenchmarkOrigin(value.origin).label,
            }
        )
    return rows
