"""The benchmark line for other pages and the quarterly report: Zuid, the G4 average and the gap, as plain data.

JSON-ready (numbers rounded to one decimal, the month as 'YYYY-MM'), so a report
can freeze it in its snapshot with the version like every other figure.
"""

from __future__ import annotations

from nprz_dashboard.periods import Month

from .analytics import G4_AVERAGE, NPRZ
from .charts import sentence
from .selectors import comparison


def yardstick(until: Month) -> dict | None:
    """Return the gap of Zuid to the G4 average at the latest month up to `until` with both; None without one."""
    compared = comparison(until)
    month = compared.latest
    if month is None:
        return None
    nprz, g4 = compared.series[NPRZ][month], compared.series[G4_AVERAGE][month]
    return {
        "month": month.key,
        "nprz": round(nprz.rate, 1),
        "g4": round(g4.rate, 1),
        "gap": round(compared.gap, 1),
        "demo": nprz.demo or g4.demo,
        "sentence": sentence(compared),
    }
