"""The one door from monitoring into activities.

activities builds on monitoring (its records and targets extend monitoring's
models), so monitoring may reach activities only through this module, imported
inside the function that needs it. tests/architecture/test_dependencies.py holds
every other import out; docs/architecture.md explains the rule.
"""

from __future__ import annotations


def record_model():
    """Return the model of monthly activity records (entry, import, history and locking write and read it)."""
    from .models import ActivityRecord

    return ActivityRecord


def record_counts(first, last) -> dict[tuple, int]:
    """Return how many records make up each measure's NPRZ total, by (first day of the month, measure id) (one query).

    Read from the summary table of month totals, for the entry list's completeness.
    """
    from .models import MonthTotal

    rows = MonthTotal.objects.filter(month__gte=first.first_day, month__lte=last.first_day).values_list(
        "month", "measure_id", "records"
    )
    return {(month, measure_id): records for month, measure_id, records in rows}


def target_model():
    """Return the model of activity targets (the targets page adds and revises them)."""
    from .models import ActivityTarget

    return ActivityTarget


def measures(*, recorded_only: bool = False) -> list:
    """Return the measures with their activity, in page order; only those with monthly values if asked."""
    from .models import Measure

    found = Measure.objects.select_related("activity").order_by("activity__sort_order", "sort_order", "id")
    return list(found.recorded() if recorded_only else found)


def overview_rows(year: int, until, protect: bool):
    """Return each activity's key measure against its target, for the overview page (`protect`: for a reader)."""
    from .key_rows import overview_rows as rows

    return rows(year, until, protect)


def overview(year: int, until, protect: bool) -> dict:
    """Return the overview's activity rows, what the activities count of people going to work, and the letter's
    published activity targets with their results (`protect`: for a reader)."""
    from .key_rows import overview as data

    return data(year, until, protect)


def target_rows(latest) -> tuple[list[dict], list[dict]]:
    """Return the activity targets in force with their status, and their split checks, for the targets page."""
    from .target_rows import activity_rows

    return activity_rows(latest)


def report_data(today, years=None) -> dict:
    """Load what the report's activities section needs for quarters of `years` (6 queries, any number of quarters)."""
    from .report_section import report_data as load

    return load(today, years)


def report_section(quarter, data: dict, with_charts: bool = True) -> dict:
    """Return the report's activities section of a quarter, JSON-ready for the snapshot."""
    from .report_section import report_section as section

    return section(quarter, data, with_charts)


def load_official() -> int:
    """Load the activities, measures and published totals of the letter; return how many were added."""
    from .official import load_activities

    return load_activities()


def seed_demo(until) -> int:
    """Add synthetic demo records up to `until` where none are stored; return how many were added."""
    from .demo import seed_activities

    return seed_activities(until)


def generate_scale_records(first, last) -> int:
    """Add synthetic records for every recorded measure, area and month (the bench's large data sets)."""
    from .scale_data import generate_activity_records

    return generate_activity_records(first, last)
