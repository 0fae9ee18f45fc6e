"""The activity pages' charts, in one place to import from; each kind lives in its own module.

- month_charts: one measure over its months, its running total, coverage;
- area_charts: a measure per neighbourhood, and beside the outflow to work;
- progress_chart: every activity's key measure against what is due;
- sparklines: the small trend lines of the list.
"""

from .area_charts import area_chart, outcomes_chart
from .chart_style import target_marker
from .month_charts import coverage_chart, cumulative_chart, monthly_chart, official_total_note
from .progress_chart import progress_chart, status_label
from .sparklines import sparkline_points, sparkline_text

__all__ = [
    "area_chart",
    "coverage_chart",
    "cumulative_chart",
    "monthly_chart",
    "official_total_note",
    "outcomes_chart",
    "progress_chart",
    "sparkline_points",
    "sparkline_text",
    "status_label",
    "target_marker",
]
